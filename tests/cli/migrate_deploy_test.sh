#!/usr/bin/env bash
# End-to-end: `airlock migrate deploy` and `status` on real SQLite files —
# fresh database, .env and --url, P3005 with a 0_init baseline, P3015, P3019,
# a failing migration (P3018, nothing half-applied), P3009, status cases and
# --json, reset.
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
source "$HERE/migrate_lib.sh"

new_project
add_migration 20240101000000_init 'CREATE TABLE "User" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "email" TEXT NOT NULL);'
add_migration 20240102000000_add_post 'CREATE TABLE "Post" ("id" INTEGER NOT NULL PRIMARY KEY);
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");'

# status before anything exists: pending, exit 1, no file created.
run airlock migrate status
expect_code 1
expect_out "2 migrations found in prisma/migrations"
expect_out "Following migrations have not yet been applied:"
expect_out "Your database is 2 migrations behind."
expect_true "status must not create the database" test ! -e prisma/dev.db

# deploy creates the database next to the schema (file: is relative to it).
run airlock migrate deploy
expect_code 0
expect_out 'Datasource "db": SQLite database "dev.db" at "file:./dev.db"'
expect_out 'Applying migration `20240101000000_init`'
expect_out 'Applying migration `20240102000000_add_post`'
expect_out "All migrations have been successfully applied."
expect_true "database created in prisma/" test -f prisma/dev.db
expect_eq "$(q 'SELECT count(*) FROM _prisma_migrations WHERE finished_at IS NOT NULL AND applied_steps_count = 1')" 2 "two applied rows"
expect_eq "$(q "SELECT checksum FROM _prisma_migrations WHERE migration_name = '20240101000000_init'")" \
  "$(sha256sum prisma/migrations/20240101000000_init/migration.sql | cut -d' ' -f1)" "checksum is sha256 of the file"
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
DATABASE_URL="file:./other.db" run airlock migrate deploy
expect_code 0
expect_true "env var wins over .env" test -f prisma/other.db
run airlock migrate status --url "file:$WORK/third.db"
expect_code 1
expect_true "--url overrides the datasource" test ! -e third.db
run airlock migrate deploy --url "mysql://u:s3cret-pw@127.0.0.1:1/db"
expect_code 1
expect_err "the URL must start with the protocol \`file:\`"
expect_no_err "s3cret-pw"

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
sed -i 's/sqlite/postgresql/' prisma/migrations/migration_lock.toml
run airlock migrate deploy
expect_code 1
expect_err "P3019"
expect_err 'The datasource provider `sqlite` specified in your schema does not match the one specified in the migration_lock.toml, `postgresql`.'
sed -i 's/postgresql/sqlite/' prisma/migrations/migration_lock.toml

# P3015: a folder without migration.sql.
mkdir prisma/migrations/20240103000000_broken
run airlock migrate deploy
expect_code 1
expect_err "P3015"
expect_err "20240103000000_broken/migration.sql"
rmdir prisma/migrations/20240103000000_broken

# P3018: the failing statement (index, text) and the database error; the
# transaction leaves nothing of the migration behind.
add_migration 20240104000000_bad 'CREATE TABLE "Comment" ("id" INTEGER NOT NULL PRIMARY KEY);
INSERT INTO "Comment" ("id") VALUES (1);
ALTER TABLE "Nope" ADD COLUMN "x" TEXT;
CREATE TABLE "Never" ("id" INTEGER);'
run airlock migrate deploy
expect_code 1
expect_err "P3018"
expect_err "Migration name: 20240104000000_bad"
expect_err "Database error code: 1"
expect_err "no such table: Nope"
expect_err "Failing statement (#3 in migration.sql):"
expect_err 'ALTER TABLE "Nope" ADD COLUMN "x" TEXT;'
expect_eq "$(q "SELECT count(*) FROM sqlite_master WHERE name IN ('Comment', 'Never')")" 0 "nothing half-applied"
expect_eq "$(q "SELECT count(*) FROM _prisma_migrations WHERE migration_name = '20240104000000_bad' AND finished_at IS NULL AND rolled_back_at IS NULL AND logs LIKE '%no such table: Nope%'")" 1 "failed row with logs"

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

# Fix the file, resolve --rolled-back, deploy again.
add_migration 20240104000000_bad 'CREATE TABLE "Comment" ("id" INTEGER NOT NULL PRIMARY KEY);'
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
new_project
sqlite3 prisma/dev.db 'CREATE TABLE "User" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "email" TEXT NOT NULL); INSERT INTO "User" ("email") VALUES ('"'a@b.c'"');'
add_migration 0_init 'CREATE TABLE "User" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "email" TEXT NOT NULL);'
add_migration 20240105000000_add_team 'CREATE TABLE "Team" ("id" INTEGER NOT NULL PRIMARY KEY);'
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
expect_eq "$(q 'SELECT count(*) FROM "User"')" 1 "baseline keeps the data"
expect_eq "$(q "SELECT applied_steps_count || ':' || (started_at = finished_at) || ':' || ifnull(logs, 'null') FROM _prisma_migrations WHERE migration_name = '0_init'")" "0:1:null" "resolve --applied row as Prisma writes it"
cd ..

# reset: refuses without a terminal, --force drops and re-applies.
q 'INSERT INTO "User" ("email") VALUES ('"'x@y.z'"')'
run airlock migrate reset
expect_code 4
expect_err "pass --force"
expect_eq "$(q 'SELECT count(*) FROM "User"')" 1 "refused reset changed nothing"
run airlock migrate reset --force
expect_code 0
expect_out "Database reset successful"
expect_out 'Applying migration `20240104000000_bad`'
expect_eq "$(q 'SELECT count(*) FROM "User"')" 0 "reset dropped the data"
expect_eq "$(q 'SELECT count(*) FROM _prisma_migrations')" 3 "history rebuilt"

# help documents the exit codes.
run airlock help exit-codes
expect_out "3  busy"
expect_out "4  confirmation needed"
finish
