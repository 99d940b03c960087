#!/usr/bin/env bash
# Interoperability with real Prisma 6.19 (../shared/tools/prisma-oracle) on
# SQLite and PostgreSQL (the oracle has no MySQL engine): a database airlock
# migrated is accepted by Prisma (status up to date, Prisma deploys a newer
# migration on top), and a database Prisma migrated is accepted by airlock
# (status, deploy continue). Installs the oracle when missing; skips (exit 77)
# only when npm is not available.
# dialects: sqlite postgres
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
source "$HERE/migrate_lib.sh"

ORACLE="$SHARED/tools/prisma-oracle/prisma-oracle"
HOME_DIR="${PRISMA_ORACLE_HOME:-$HOME/.cache/prisma-oracle}"
if [ ! -x "$ORACLE" ]; then
  echo "SKIP: prisma-oracle not found at $ORACLE"; exit 77
fi
if [ ! -f "$HOME_DIR/v6/.installed" ] || [ ! -f "$HOME_DIR/v7/.installed" ]; then
  if ! command -v npm >/dev/null; then
    echo "SKIP: npm is not available, cannot install real Prisma (prisma-oracle)"; exit 77
  fi
  echo "Installing prisma-oracle (once, ~2 min)..."
  if ! "$SHARED/tools/prisma-oracle/install" >"$WORK/install.log" 2>&1; then
    tail -20 "$WORK/install.log"
    echo "FAIL: prisma-oracle install failed"; exit 1
  fi
fi
prisma() {
  if [ "$DIALECT" = sqlite ]; then
    "$ORACLE" "$@" --provider sqlite --db "$WORK/prisma/dev.db" --migrations "$WORK/prisma/migrations"
  else
    # The oracle reads DATABASE_URL from the environment (never argv).
    DATABASE_URL=$(db_url "$PROJECT_DB") "$ORACLE" "$@" --provider postgresql --migrations "$WORK/prisma/migrations"
  fi
}

new_project
add_migration 20240101000000_init "CREATE TABLE \"User\" (\"id\" $T_AUTO_PK, \"email\" TEXT NOT NULL);"
add_migration 20240102000000_add_post 'CREATE TABLE "Post" ("id" INTEGER NOT NULL PRIMARY KEY, "title" TEXT);'

# 1. airlock deploys; Prisma agrees it is up to date.
run airlock migrate deploy
expect_code 0
run prisma status
expect_code 0
expect_out "Database schema is up to date!"

# 2. Prisma deploys a newer migration on top of airlock's history.
add_migration 20240103000000_add_tag 'CREATE TABLE "Tag" ("id" INTEGER NOT NULL PRIMARY KEY);'
run prisma deploy
expect_code 0
expect_out "20240103000000_add_tag"
expect_out "All migrations have been successfully applied."
run airlock migrate status
expect_code 0
expect_out "Database schema is up to date!"
run airlock migrate history --json
expect_true "every row applied with a matching checksum" python3 -c '
import json,sys
rows=json.loads(sys.argv[1])
assert [r["migration"] for r in rows]==["20240101000000_init","20240102000000_add_post","20240103000000_add_tag"], rows
assert all(r["state"]=="applied" and r["checksum"]=="match" and r["durationMs"] is not None for r in rows), rows' "$OUT"

# 3. airlock continues after Prisma; Prisma after airlock again.
add_migration 20240104000000_add_team 'CREATE TABLE "Team" ("id" INTEGER NOT NULL PRIMARY KEY);'
run prisma status
expect_code 1
expect_out "20240104000000_add_team"
run airlock migrate deploy
expect_code 0
expect_out 'Applying migration `20240104000000_add_team`'
run prisma status
expect_code 0
expect_out "Database schema is up to date!"
run prisma deploy
expect_code 0
expect_out "No pending migrations to apply."

# 4. A database Prisma created from scratch: airlock reads it.
if [ "$DIALECT" = sqlite ]; then
  rm prisma/dev.db
else
  PROJECT_DB=fresh
  create_db fresh
  echo "DATABASE_URL=\"$(db_url fresh)\"" > .env
fi
run prisma deploy
expect_code 0
run airlock migrate status
expect_code 0
expect_out "Database schema is up to date!"
add_migration 20240105000000_add_label 'CREATE TABLE "Label" ("id" INTEGER NOT NULL PRIMARY KEY);'
run airlock migrate deploy
expect_code 0
expect_out 'Applying migration `20240105000000_add_label`'
run prisma status
expect_code 0
expect_out "Database schema is up to date!"

# 5. A failed migration recorded by airlock is seen as failed by Prisma.
add_migration 20240106000000_bad 'CREATE TABLE "Oops" ("id" INTEGER); SELECT * FROM "missing";'
run airlock migrate deploy
expect_code 1
run prisma deploy
expect_code 1
expect_err "P3009"
expect_err "20240106000000_bad"

# 6. The example project's SQLite migrations (Prisma's own SQL): airlock
#    deploys them, Prisma agrees.
if [ "$DIALECT" != sqlite ]; then finish; exit; fi
mkdir example && cd example
cp -r "$SRC/examples/customer-vault-sqlite/prisma" .
export DATABASE_URL="file:./dev.db"
run airlock migrate deploy
expect_code 0
run "$ORACLE" status --provider sqlite --db "$PWD/prisma/dev.db" --migrations "$PWD/prisma/migrations"
expect_code 0
expect_out "Database schema is up to date!"
finish
