#!/usr/bin/env bash
# End-to-end: `airlock db execute --file F | --stdin` on a real database, and
# the guide's manual recovery of a failed migration with it (deploy fails →
# db execute undoes what stayed → resolve --rolled-back → deploy).
# dialects: sqlite mysql postgres
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
source "$HERE/migrate_lib.sh"

new_project
add_migration 20240101000000_init "CREATE TABLE $(qi User) ($(qi id) $T_AUTO_PK, $(qi email) $T_TEXT NOT NULL);"
run airlock migrate deploy
expect_code 0

# Input is required, and only one kind.
run airlock db execute
expect_code 1
expect_err "Either --file or --stdin is required"
printf 'SELECT 1;\n' > one.sql
run airlock db execute --file one.sql --stdin
expect_code 1
expect_err "cannot be used together"
run airlock db execute --file missing.sql
expect_code 1
expect_err "missing.sql"

# A script from a file: comments, strings with ';', several statements.
cat > seed.sql <<SQL
-- seed two users
INSERT INTO $(qi User) ($(qi email)) VALUES ('a;b@example.com');
/* second */ INSERT INTO $(qi User) ($(qi email)) VALUES ('c@example.com');
SQL
run airlock db execute --file seed.sql
expect_code 0
expect_out "Script executed successfully."
expect_eq "$(q "SELECT $(qi email) FROM $(qi User) ORDER BY $(qi email)" | tr '\n' ' ')" "a;b@example.com c@example.com " "both rows"

# From stdin.
echo "DELETE FROM $(qi User) WHERE $(qi email) = 'c@example.com';" > del.sql
run bash -c '"$AIRLOCK" db execute --stdin < del.sql'
expect_code 0
expect_out "Script executed successfully."
expect_eq "$(q "SELECT count(*) FROM $(qi User)")" 1 "deleted through stdin"

# A failing script names the statement and the database's error; what stays
# depends on the dialect (PostgreSQL: one transaction).
cat > bad.sql <<SQL
CREATE TABLE $(qi Kept) ($(qi id) INTEGER);
INSERT INTO $(qi Nope) VALUES (1);
SQL
run airlock db execute --file bad.sql
expect_code 1
expect_err "P2010"
expect_err "The script failed at statement #2 of bad.sql:"
expect_err "INSERT INTO $(qi Nope) VALUES (1);"
case $DIALECT in
  sqlite) expect_err "no such table: Nope"; kept=1 ;;
  mysql) expect_err "Database error code: 1146"; kept=1 ;;
  postgres) expect_err "Database error code: 42P01"; expect_err "rolled back"; kept=0 ;;
esac
case $DIALECT in
  sqlite) kept_sql="SELECT count(*) FROM sqlite_master WHERE name = 'Kept'" ;;
  mysql) kept_sql="SELECT count(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'Kept'" ;;
  postgres) kept_sql="SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'Kept'" ;;
esac
expect_eq "$(q "$kept_sql")" "$kept" "what stays of a failed script"

# --url wins over the datasource; a wrong password is P1000 without it.
if [ "$DIALECT" != sqlite ]; then
  run airlock db execute --file one.sql --url "$(db_url dev | sed 's#://\([^:]*\):[^@]*@#://\1:Wr0ng-pw-x9@#')"
  expect_code 1
  expect_err "P1000"
  expect_err "DATABASE_URL in .env"
  expect_no_err "Wr0ng-pw-x9"
  run airlock db execute --file one.sql --url "$(db_url dev)"
  expect_code 0
fi

# The guide's recovery: a migration fails half-way, the user undoes what
# stayed with db execute, marks it rolled back, fixes it and deploys again.
add_migration 20240102000000_team "CREATE TABLE $(qi Team) ($(qi id) INTEGER NOT NULL PRIMARY KEY);
INSERT INTO $(qi Missing) VALUES (1);"
run airlock migrate deploy
expect_code 1
expect_err "P3018"
echo "DROP TABLE IF EXISTS $(qi Team);" > undo.sql
run airlock db execute --file undo.sql
expect_code 0
run airlock migrate resolve --rolled-back 20240102000000_team
expect_code 0
add_migration 20240102000000_team "CREATE TABLE $(qi Team) ($(qi id) INTEGER NOT NULL PRIMARY KEY);"
run airlock migrate deploy
expect_code 0
expect_out 'Applying migration `20240102000000_team`'
run airlock migrate status
expect_code 0
expect_out "Database schema is up to date!"
finish
