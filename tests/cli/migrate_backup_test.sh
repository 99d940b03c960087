#!/usr/bin/env bash
# `airlock migrate deploy --backup`: a backup (reason before_migration) is
# taken before anything is applied; when a migration fails half-way on
# MySQL/MariaDB (no transactional DDL), --yes restores the backup and records
# the migration as rolled back; without --yes and without a terminal the
# restore is only offered. On SQLite/PostgreSQL the failed migration left
# nothing behind, so no restore is needed.
# dialects: sqlite mysql postgres
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
source "$HERE/migrate_lib.sh"

new_project dev
create_db dev
add_migration 20240101000000_init "CREATE TABLE $(qi User) (id $T_AUTO_PK, email $T_TEXT NOT NULL);"
run airlock migrate deploy --backup
expect_code 0
expect_out "Backup created: $WORK/backups/backup_before_migration_"
expect_true "one backup" test "$(ls backups | wc -l)" = 1
q "INSERT INTO $(qi User) (email) VALUES ('a@x'), ('b@x')"

# The second statement fails after the first one changed the database.
add_migration 20240102000000_broken "ALTER TABLE $(qi User) ADD COLUMN age INTEGER;
INSERT INTO no_such_table VALUES (1);"
has_age() {
  if [ "$DIALECT" = mysql ]; then
    q "SELECT 1 FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'User' AND COLUMN_NAME = 'age'"
  elif [ "$DIALECT" = postgres ]; then
    q "SELECT 1 FROM information_schema.columns WHERE table_name = 'User' AND column_name = 'age'"
  else
    q "SELECT 1 FROM pragma_table_info('User') WHERE name = 'age'"
  fi
}
sleep 1  # a new backup file name (seconds)
run airlock migrate deploy --backup --yes
expect_code 1
expect_err "P3018"
expect_true "two backups" test "$(ls backups | wc -l)" = 2
expect_true "no column left behind" test -z "$(has_age)"
expect_eq "$(q "SELECT COUNT(*) FROM $(qi User)")" 2 "rows kept"
if [ "$DIALECT" = mysql ]; then
  # The automatic rollback: restored, then recorded as rolled back.
  expect_out "is marked rolled back"
  expect_eq "$(q "SELECT COUNT(*) FROM _prisma_migrations WHERE migration_name = '20240102000000_broken' AND rolled_back_at IS NOT NULL")" 1 "rolled-back row"
  expect_eq "$(q "SELECT COUNT(*) FROM _prisma_migrations WHERE rolled_back_at IS NULL AND finished_at IS NULL")" 0 "no failed row"
  # Without --yes and without a terminal the restore is only offered.
  sleep 1
  run airlock migrate deploy --backup
  expect_code 1
  expect_err "P3018"
  expect_err "airlock db restore"
  expect_true "half-migrated when not restored" test -n "$(has_age)"
else
  # Transactional DDL: nothing was applied, nothing to restore.
  expect_no_err "restore"
fi
finish
