#!/usr/bin/env bash
# End-to-end: `airlock migrate deploy` and `status` on a real database —
# fresh database, .env and --url, P3005 with a 0_init baseline, P3015, P3019,
# a failing migration (P3018; nothing half-applied where DDL is
# transactional), P3009, status cases and --json, reset.
# dialects: sqlite mysql postgres
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
source "$HERE/migrate_lib.sh"

new_project
add_migration 20240101000000_init "CREATE TABLE $(qi User) ($(qi id) $T_AUTO_PK, $(qi email) $T_TEXT NOT NULL);"
add_migration 20240102000000_add_post "CREATE TABLE $(qi Post) ($(qi id) INTEGER NOT NULL PRIMARY KEY);
CREATE UNIQUE INDEX $(qi User_email_key) ON $(qi User)($(qi email));"

# status before anything exists: pending, exit 1, no file created.
run airlock migrate status
expect_code 1
expect_out "2 migrations found in prisma/migrations"
expect_out "Following migrations have not yet been applied:"
expect_out "Your database is 2 migrations behind."
expect_true "status must not create the database" db_missing dev

# deploy creates the database (SQLite: next to the schema, file: is relative
# to it).
run airlock migrate deploy
expect_code 0
expect_out "$(datasource_line dev)"
expect_out 'Applying migration `20240101000000_init`'
expect_out 'Applying migration `20240102000000_add_post`'
expect_out "All migrations have been successfully applied."
expect_true "database created" db_exists dev
expect_eq "$(q 'SELECT count(*) FROM _prisma_migrations WHERE finished_at IS NOT NULL AND applied_steps_count = 1')" 2 "two applied rows"
expect_eq "$(q "SELECT checksum FROM _prisma_migrations WHERE migration_name = '20240101000000_init'")" \
  "$(sha256sum prisma/migrations/20240101000000_init/migration.sql | cut -d' ' -f1)" "checksum is sha256 of the file"
if [ "$DIALECT" = sqlite ]; then
expect_eq "$(q "SELECT typeof(started_at) || typeof(finished_at) FROM _prisma_migrations LIMIT 1")" "integerinteger" "timestamps as Prisma stores them"
expect_eq "$(q "SELECT sql FROM sqlite_master WHERE name = '_prisma_migrations'")" 'CREATE TABLE "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)' "Prisma's DDL"
fi

run airlock migrate deploy
expect_code 0
expect_out "No pending migrations to apply."

run airlock migrate status
expect_code 0
expect_out "Database schema is up to date!"

run airlock migrate status --json
expect_code 0
expect_true "json status" python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert d["status"]=="up_to_date" and d["exitCode"]==0 and len(d["localMigrations"])==2, d' "$OUT"

# The process environment wins over .env; --url wins over both.
DATABASE_URL="$(db_url other)" run airlock migrate deploy
expect_code 0
expect_true "env var wins over .env" db_exists other
run airlock migrate status --url "$(db_url third)"
expect_code 1
expect_true "--url overrides the datasource" test "$(grep -c "$(db_name third)" <<<"$OUT")" -gt 0
expect_true "status does not create the database" db_missing third
case $DIALECT in
  mysql) other_url="postgresql://u:s3cret-pw@127.0.0.1:1/db"; scheme='mysql://' ;;
  postgres) other_url="mysql://u:s3cret-pw@127.0.0.1:1/db"; scheme='postgresql://' ;;
  sqlite) other_url="mysql://u:s3cret-pw@127.0.0.1:1/db"; scheme='file:' ;;
esac
run airlock migrate deploy --url "$other_url"
expect_code 1
expect_err "the URL must start with the protocol \`$scheme\`"
expect_no_err "s3cret-pw"
# A wrong password: P1000 with what to check, never the password itself.
if [ "$DIALECT" != sqlite ]; then
  run airlock migrate status --url "$(db_url dev | sed 's#://\([^:]*\):[^@]*@#://\1:Wr0ng-pw-x9@#')"
  expect_code 1
  expect_err "P1000"
  expect_err ".env"
  expect_no_err "Wr0ng-pw-x9"
fi

# Unset variable: a clear error naming it.
mv .env env.bak
run airlock migrate status
expect_code 1
expect_err "Environment variable not found: DATABASE_URL"
mv env.bak .env
# .env in the schema folder works too.
mv .env prisma/.env
run airlock migrate status
expect_code 0
mv prisma/.env .env

# P3019: lock file for another provider.
other_provider=postgresql
[ "$PROVIDER" = postgresql ] && other_provider=mysql
sed -i "s/\"$PROVIDER\"/\"$other_provider\"/" prisma/migrations/migration_lock.toml
run airlock migrate deploy
expect_code 1
expect_err "P3019"
expect_err "The datasource provider \`$PROVIDER\` specified in your schema does not match the one specified in the migration_lock.toml, \`$other_provider\`."
sed -i "s/\"$other_provider\"/\"$PROVIDER\"/" prisma/migrations/migration_lock.toml

# P3015: a folder without migration.sql.
mkdir prisma/migrations/20240103000000_broken
run airlock migrate deploy
expect_code 1
expect_err "P3015"
expect_err "20240103000000_broken/migration.sql"
rmdir prisma/migrations/20240103000000_broken

# P3018: the failing statement (index, text) and the database error; where
# DDL is transactional, nothing of the migration stays behind. MySQL commits
# each DDL statement: the first table stays (the guide's manual recovery).
case $DIALECT in
  sqlite) err_code=1; err_text="no such table: Nope"; half_applied=0 ;;
  mysql) err_code=1146; err_text="Table '$(db_name dev).Nope' doesn't exist"; half_applied=1 ;;
  postgres) err_code=42P01; err_text='relation "Nope" does not exist'; half_applied=0 ;;
esac
add_migration 20240104000000_bad "CREATE TABLE $(qi Comment) ($(qi id) INTEGER NOT NULL PRIMARY KEY);
INSERT INTO $(qi Comment) ($(qi id)) VALUES (1);
ALTER TABLE $(qi Nope) ADD COLUMN $(qi x) $T_TEXT;
CREATE TABLE $(qi Never) ($(qi id) INTEGER);"
run airlock migrate deploy
expect_code 1
expect_err "P3018"
expect_err "Migration name: 20240104000000_bad"
expect_err "Database error code: $err_code"
expect_err "$err_text"
expect_err "Failing statement (#3 in migration.sql):"
expect_err "ALTER TABLE $(qi Nope) ADD COLUMN $(qi x) $T_TEXT;"
case $DIALECT in
  sqlite) tables_sql="SELECT count(*) FROM sqlite_master WHERE name IN ('Comment', 'Never')" ;;
  *) tables_sql="SELECT count(*) FROM information_schema.tables WHERE table_name IN ('Comment', 'Never') AND table_schema = $([ "$DIALECT" = mysql ] && echo 'DATABASE()' || echo 'current_schema()')" ;;
esac
expect_eq "$(q "$tables_sql")" "$half_applied" "what stays of the failed migration"
expect_eq "$(q "SELECT count(*) FROM _prisma_migrations WHERE migration_name = '20240104000000_bad' AND finished_at IS NULL AND rolled_back_at IS NULL AND logs LIKE '%$(sed "s/'/''/g" <<<"$err_text")%'")" 1 "failed row with logs"

# P3009 on the next deploy, status reports the failure.
run airlock migrate deploy
expect_code 1
expect_err "P3009"
expect_err 'The `20240104000000_bad` migration started at'
expect_err 'airlock migrate resolve --rolled-back "20240104000000_bad"'
run airlock migrate status
expect_code 1
expect_err "Following migration have failed:"
expect_err "20240104000000_bad"

# Fix the file (MySQL: and undo the half-applied part by hand), resolve
# --rolled-back, deploy again.
[ "$DIALECT" = mysql ] && q "DROP TABLE $(qi Comment)"
add_migration 20240104000000_bad "CREATE TABLE $(qi Comment) ($(qi id) INTEGER NOT NULL PRIMARY KEY);"
run airlock migrate resolve --rolled-back 20240104000000_bad
expect_code 0
expect_out "Migration 20240104000000_bad marked as rolled back."
run airlock migrate deploy
expect_code 0
expect_out 'Applying migration `20240104000000_bad`'
run airlock migrate status
expect_code 0

# P3005: a non-empty database without history; baseline with 0_init.
mkdir legacy && cd legacy
new_project legacy
create_db legacy
q "CREATE TABLE $(qi User) ($(qi id) $T_AUTO_PK, $(qi email) $T_TEXT NOT NULL)"
q "INSERT INTO $(qi User) ($(qi email)) VALUES ('a@b.c')"
add_migration 0_init "CREATE TABLE $(qi User) ($(qi id) $T_AUTO_PK, $(qi email) $T_TEXT NOT NULL);"
add_migration 20240105000000_add_team "CREATE TABLE $(qi Team) ($(qi id) INTEGER NOT NULL PRIMARY KEY);"
run airlock migrate deploy
expect_code 1
expect_err "P3005"
expect_err "The database schema is not empty."
expect_err 'airlock migrate resolve --applied "0_init"'
run airlock migrate status
expect_code 1
expect_err "The current database is not managed by Prisma Migrate."
run airlock migrate resolve --applied 0_init
expect_code 0
expect_out "Migration 0_init marked as applied."
run airlock migrate deploy
expect_code 0
expect_out 'Applying migration `20240105000000_add_team`'
expect_eq "$(q "SELECT count(*) FROM $(qi User)")" 1 "baseline keeps the data"
expect_eq "$(q "SELECT applied_steps_count, (started_at = finished_at), coalesce(logs, 'null') FROM _prisma_migrations WHERE migration_name = '0_init'" | tr '\t' ':')" \
  "$([ "$DIALECT" = postgres ] && echo 0:t:null || echo 0:1:null)" "resolve --applied row as Prisma writes it"
cd ..
PROJECT_DB=dev

# reset: refuses without a terminal, --force drops and re-applies.
q "INSERT INTO $(qi User) ($(qi email)) VALUES ('x@y.z')"
run airlock migrate reset
expect_code 4
expect_err "pass --force"
expect_eq "$(q "SELECT count(*) FROM $(qi User)")" 1 "refused reset changed nothing"
run airlock migrate reset --force
expect_code 0
expect_out "Database reset successful"
expect_out 'Applying migration `20240104000000_bad`'
expect_eq "$(q "SELECT count(*) FROM $(qi User)")" 0 "reset dropped the data"
expect_eq "$(q 'SELECT count(*) FROM _prisma_migrations')" 3 "history rebuilt"

# help documents the exit codes.
run airlock help exit-codes
expect_out "3  busy"
expect_out "4  confirmation needed"
finish
