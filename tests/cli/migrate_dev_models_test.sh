#!/usr/bin/env bash
# End-to-end: `airlock migrate dev` with models: the first migration created
# and applied, rows inserted, then data-loss warnings (a dropped column with
# values, written on top of migration.sql as Prisma does, refused without
# --yes and applied with it) and an unexecutable step (a required column on
# a table with rows: refused, written with --create-only).
# dialects: sqlite mysql postgres
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
source "$HERE/migrate_lib.sh"

new_project
schema() {
  cat > prisma/schema.prisma <<S
datasource db {
  provider = "$PROVIDER"
  url      = env("DATABASE_URL")
}

model User {
  id    Int    @id @default(autoincrement())
  email String @unique
$1
}
S
}

schema '  nickname String?'
run airlock migrate dev --name init
expect_code 0
expect_out 'Migration created: '
expect_out 'CREATE TABLE'
expect_eq "$(q 'SELECT count(*) FROM _prisma_migrations WHERE finished_at IS NOT NULL')" 1 "init applied"
q "INSERT INTO $(qi User) ($(qi email), $(qi nickname)) VALUES ('a@x', 'ann'), ('b@x', NULL), ('c@x', 'cy')" >/dev/null

# Dropping a column that holds 2 values: warned, refused without --yes.
schema ''
run airlock migrate dev --name drop_nickname </dev/null
expect_code 4
expect_err 'You are about to drop the column `nickname` on the `User` table, which still contains 2 non-null values.'
expect_err 'pass --yes'
expect_true "nothing created when declined" test -z "$(ls -d prisma/migrations/*_drop_nickname 2>/dev/null)"
expect_eq "$(q 'SELECT count(*) FROM _prisma_migrations')" 1 "nothing applied when declined"

sleep 1   # a later timestamp than init (same second: name order)
run airlock migrate dev --name drop_nickname --yes
expect_code 0
dir=$(ls -d prisma/migrations/*_drop_nickname)
expect_eq "$(head -6 "$dir/migration.sql")" '/*
  Warnings:

  - You are about to drop the column `nickname` on the `User` table. All the data in the column will be lost.

*/' "Prisma's warning block on top of migration.sql"
expect_eq "$(q 'SELECT count(*) FROM _prisma_migrations WHERE finished_at IS NOT NULL')" 2 "applied with --yes"
expect_eq "$(q "SELECT count(*) FROM $(qi User)")" 3 "rows kept"

# A required column without default on a table with rows cannot run.
schema '  age Int'
sleep 1
run airlock migrate dev --name add_age --yes
expect_code 1
expect_err 'We found changes that cannot be executed:'
expect_err 'Step 0 Added the required column `age` to the `User` table without a default value. There are 3 rows in this table, it is not possible to execute this step.'
expect_true "nothing created" test -z "$(ls -d prisma/migrations/*_add_age 2>/dev/null)"

run airlock migrate dev --name add_age --create-only --yes
expect_code 0
expect_err 'We found changes that cannot be executed:'
dir=$(ls -d prisma/migrations/*_add_age)
expect_true "unexecutable step listed in the file" grep -q 'Added the required column `age` to the `User` table without a default value. This is not possible if the table is not empty.' "$dir/migration.sql"
expect_eq "$(q 'SELECT count(*) FROM _prisma_migrations')" 2 "--create-only applies nothing"

finish
