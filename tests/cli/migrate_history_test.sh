#!/usr/bin/env bash
# End-to-end: what happens when the migrations folder and the history
# disagree — an applied migration edited, one deleted, CRLF checkouts — plus
# `migrate history` and every `migrate resolve` error code.
# dialects: sqlite mysql postgres
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
source "$HERE/migrate_lib.sh"

new_project
add_migration 20240101000000_init "CREATE TABLE $(qi User) ($(qi id) INTEGER NOT NULL PRIMARY KEY);"
add_migration 20240102000000_add_post "CREATE TABLE $(qi Post) ($(qi id) INTEGER NOT NULL PRIMARY KEY);"
run airlock migrate deploy
expect_code 0

# CRLF checkout (git autocrlf): checksums still match, nothing to do.
for f in prisma/migrations/*/migration.sql; do sed -i 's/$/\r/' "$f"; done
expect_true "files now have CRLF" grep -q $'\r' prisma/migrations/20240101000000_init/migration.sql
run airlock migrate status
expect_code 0
expect_out "Database schema is up to date!"
expect_no_err "modified"
run airlock migrate history
expect_code 0
expect_true "history: checksums match after CRLF" test "$(grep -c ' match$' <<<"$OUT")" -eq 2
# A migration recorded from a CRLF file matches the LF checkout too.
add_migration 20240103000000_crlf "CREATE TABLE $(qi Tag) ($(qi id) INTEGER NOT NULL PRIMARY KEY);"
sed -i 's/$/\r/' prisma/migrations/20240103000000_crlf/migration.sql
run airlock migrate deploy
expect_code 0
for f in prisma/migrations/*/migration.sql; do sed -i 's/\r$//' "$f"; done
run airlock migrate status
expect_code 0
expect_no_err "modified"

# Edit an applied migration: deploy and status warn, history says modified.
echo '-- edited after deploy' >> prisma/migrations/20240102000000_add_post/migration.sql
run airlock migrate status
expect_code 0
expect_err 'Migration `20240102000000_add_post` was modified after it was applied'
run airlock migrate deploy
expect_code 0
expect_err 'Migration `20240102000000_add_post` was modified after it was applied'
run airlock migrate history --json
expect_true "history json: modified" python3 -c '
import json,sys
rows={r["migration"]:r for r in json.loads(sys.argv[1])}
assert rows["20240102000000_add_post"]["checksum"]=="modified", rows
assert rows["20240101000000_init"]["checksum"]=="match", rows' "$OUT"
sed -i '/-- edited after deploy/d' prisma/migrations/20240102000000_add_post/migration.sql

# Delete an applied migration: status reports it, deploy refuses.
mv prisma/migrations/20240103000000_crlf deleted_migration
run airlock migrate status
expect_code 1
expect_err "from the database are not found locally in prisma/migrations"
expect_err "20240103000000_crlf"
add_migration 20240104000000_next "CREATE TABLE $(qi Next) ($(qi id) INTEGER NOT NULL PRIMARY KEY);"
run airlock migrate deploy
expect_code 1
expect_err "applied to the database but missing from the local migrations directory: 20240103000000_crlf"
expect_eq "$(table_count Next)" 0 "deploy applied nothing"
run airlock migrate status
expect_code 1
expect_err "Your local migration history and the migrations table from your database are different"
expect_err "The last common migration is: 20240102000000_add_post"
run airlock migrate status --json
expect_code 1
expect_true "json diverged" python3 -c '
import json,sys
d=json.loads(sys.argv[1])
assert d["status"]=="diverged" and d["unappliedMigrations"]==["20240104000000_next"] and d["migrationsMissingLocally"]==["20240103000000_crlf"], d' "$OUT"
mv deleted_migration prisma/migrations/20240103000000_crlf
run airlock migrate deploy
expect_code 0
expect_out 'Applying migration `20240104000000_next`'

# resolve error codes.
run airlock migrate resolve
expect_code 2
expect_err "--applied or --rolled-back must be part of the command"
run airlock migrate resolve --applied 20240101000000_init --rolled-back 20240101000000_init
expect_code 2
run airlock migrate resolve --applied 20991231000000_typo
expect_code 1
expect_err "P3017"
expect_err "The migration 20991231000000_typo could not be found."
run airlock migrate resolve --applied 20240101000000_init
expect_code 1
expect_err "P3008"
expect_err 'The migration `20240101000000_init` is already recorded as applied in the database.'
run airlock migrate resolve --rolled-back 20991231000000_typo
expect_code 1
expect_err "P3011"
run airlock migrate resolve --rolled-back 20240101000000_init
expect_code 1
expect_err "P3012"
expect_err 'Migration `20240101000000_init` cannot be rolled back because it is not in a failed state.'

# A failed migration resolved as applied (fixed by hand).
add_migration 20240105000000_fails "CREATE TABLE $(qi Half) ($(qi id) INTEGER); SELECT * FROM $(qi no_such);"
run airlock migrate deploy
expect_code 1
expect_err "P3018"
q "CREATE TABLE IF NOT EXISTS $(qi Half) ($(qi id) INTEGER)"   # the operator finishes it by hand
run airlock migrate resolve --applied 20240105000000_fails
expect_code 0
run airlock migrate status
expect_code 0
run airlock migrate history
expect_code 0
expect_true "history lists the rolled-back failed attempt and the resolved row" \
  test "$(grep -c '^20240105000000_fails' <<<"$OUT")" -eq 2
expect_out "rolled back"
expect_out "5 applied, 0 failed, 0 pending"
run airlock migrate history --json
expect_true "history rows carry timing, steps and logs" python3 -c '
import json,sys
rows=[r for r in json.loads(sys.argv[1]) if r["migration"]=="20240105000000_fails"]
assert rows[0]["state"]=="rolled back" and rows[0]["rolledBackAt"] and "no_such" in rows[0]["logs"], rows
assert rows[1]["state"]=="applied" and rows[1]["appliedStepsCount"]==0 and rows[1]["durationMs"]==0, rows' "$OUT"
# Pending migrations appear in history as pending.
add_migration 20240106000000_pending "SELECT 1;"
run airlock migrate history
expect_out "20240106000000_pending"
expect_out "1 pending"
finish
