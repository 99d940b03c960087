# The database an end-to-end test runs on (source after lib.sh). A test
# script that declares `# dialects: sqlite mysql postgres` is registered once
# per dialect (tests/CMakeLists.txt); AIRLOCK_TEST_DIALECT says which one, and
# the servers come from scripts/test-servers.sh (AIRLOCK_TEST_MYSQL_URL,
# AIRLOCK_TEST_POSTGRES_URL). Passwords go to the clients through MYSQL_PWD /
# PGPASSWORD, never on a command line.
#   PROVIDER                 sqlite | mysql | postgresql
#   db_url NAME              URL of database NAME (sqlite: file:./NAME.db,
#                            relative to the schema folder)
#   db_name NAME             NAME made unique for this run (servers)
#   dq NAME SQL              run SQL in database NAME, print rows tab-separated
#   db_exists NAME           whether database NAME exists (db_missing: not)
#   create_db NAME           create the empty database NAME
#   qi IDENT                 IDENT quoted for the dialect
#   datasource_line NAME     the `Datasource "db": …` line for database NAME
DIALECT=${AIRLOCK_TEST_DIALECT:-sqlite}
case $DIALECT in
  sqlite) PROVIDER=sqlite ;;
  mysql) PROVIDER=mysql ;;
  postgres) PROVIDER=postgresql ;;
  *) echo "unknown AIRLOCK_TEST_DIALECT=$DIALECT" >&2; exit 2 ;;
esac

_server_url=''
if [ "$DIALECT" != sqlite ]; then
  if [ "$DIALECT" = mysql ]; then
    _server_url=${AIRLOCK_TEST_MYSQL_URL:-}
  else
    _server_url=${AIRLOCK_TEST_POSTGRES_URL:-}
  fi
  if [ -z "$_server_url" ]; then
    if [ "${AIRLOCK_TEST_REQUIRE_SERVERS:-0}" = 1 ]; then
      echo "FAIL: no $DIALECT server URL in the environment"
      exit 1
    fi
    echo "SKIP: no $DIALECT server (run through scripts/run-tests.sh)"
    exit 77
  fi
  _rest=${_server_url#*://}
  _userinfo=${_rest%%@*}
  _hostpart=${_rest#*@}
  _db_user=${_userinfo%%:*}
  _db_pass=${_userinfo#*:}
  _db_pass=$(printf '%b' "${_db_pass//%/\\x}")
  _hostport=${_hostpart%%/*}
  _db_host=${_hostport%%:*}
  _db_port=${_hostport##*:}
  _db_prefix="e2e_$$_${RANDOM}_"
fi
_created_dbs=()

db_name() {
  if [ "$DIALECT" = sqlite ]; then echo "$1"; else echo "$_db_prefix$1"; fi
}

db_url() {
  case $DIALECT in
    sqlite) echo "file:./$1.db" ;;
    mysql) echo "${_server_url%/*}/$(db_name "$1")" ;;
    postgres) echo "${_server_url%%\?*}" | sed "s#/[^/]*\$#/$(db_name "$1")?schema=public#" ;;
  esac
}

dq() {
  local name=$1 sql=$2
  case $DIALECT in
    sqlite) sqlite3 -separator $'\t' "prisma/$name.db" "$sql" ;;
    mysql)
      MYSQL_PWD=$_db_pass mariadb --no-defaults -h "$_db_host" -P "$_db_port" \
        -u "$_db_user" -N -B "$(db_name "$name")" -e "$sql" ;;
    postgres)
      PGPASSWORD=$_db_pass psql -X -q -A -t -F $'\t' -v ON_ERROR_STOP=1 \
        -h "$_db_host" -p "$_db_port" -U "$_db_user" -d "$(db_name "$name")" -c "$sql" ;;
  esac
}

db_exists() {
  local n
  n=$(db_name "$1")
  case $DIALECT in
    sqlite) test -e "prisma/$1.db" ;;
    mysql)
      [ -n "$(MYSQL_PWD=$_db_pass mariadb --no-defaults -h "$_db_host" -P "$_db_port" \
        -u "$_db_user" -N -B -e "SHOW DATABASES LIKE '$n'")" ] ;;
    postgres)
      [ -n "$(PGPASSWORD=$_db_pass psql -X -A -t -h "$_db_host" -p "$_db_port" \
        -U "$_db_user" -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$n'")" ] ;;
  esac
}

db_missing() { ! db_exists "$1"; }

create_db() {
  local n
  n=$(db_name "$1")
  _created_dbs+=("$n")
  case $DIALECT in
    sqlite) mkdir -p prisma && sqlite3 "prisma/$1.db" 'VACUUM' ;;
    mysql)
      MYSQL_PWD=$_db_pass mariadb --no-defaults -h "$_db_host" -P "$_db_port" \
        -u "$_db_user" -e "CREATE DATABASE \`$n\`" ;;
    postgres)
      PGPASSWORD=$_db_pass psql -X -q -h "$_db_host" -p "$_db_port" -U "$_db_user" \
        -d postgres -c "CREATE DATABASE \"$n\"" ;;
  esac
}

# Drops every database this run made (also those airlock created).
drop_test_databases() {
  [ "$DIALECT" = sqlite ] && return 0
  local n
  case $DIALECT in
    mysql)
      for n in $(MYSQL_PWD=$_db_pass mariadb --no-defaults -h "$_db_host" -P "$_db_port" \
        -u "$_db_user" -N -B -e "SHOW DATABASES LIKE '$_db_prefix%'"); do
        MYSQL_PWD=$_db_pass mariadb --no-defaults -h "$_db_host" -P "$_db_port" \
          -u "$_db_user" -e "DROP DATABASE IF EXISTS \`$n\`"
      done ;;
    postgres)
      for n in $(PGPASSWORD=$_db_pass psql -X -A -t -h "$_db_host" -p "$_db_port" \
        -U "$_db_user" -d postgres -c "SELECT datname FROM pg_database WHERE datname LIKE '$_db_prefix%'"); do
        PGPASSWORD=$_db_pass psql -X -q -h "$_db_host" -p "$_db_port" -U "$_db_user" \
          -d postgres -c "DROP DATABASE IF EXISTS \"$n\" WITH (FORCE)"
      done ;;
  esac
}
trap 'drop_test_databases >/dev/null 2>&1; rm -rf "$WORK"' EXIT

qi() {
  if [ "$DIALECT" = mysql ]; then echo "\`$1\`"; else echo "\"$1\""; fi
}

datasource_line() {
  case $DIALECT in
    sqlite) echo "Datasource \"db\": SQLite database \"$1.db\" at \"file:./$1.db\"" ;;
    mysql) echo "Datasource \"db\": MySQL database \"$(db_name "$1")\" at \"$_db_host:$_db_port\"" ;;
    postgres) echo "Datasource \"db\": PostgreSQL database \"$(db_name "$1")\", schema \"public\" at \"$_db_host:$_db_port\"" ;;
  esac
}

# Column types for hand-written migrations.
case $DIALECT in
  sqlite) T_AUTO_PK='INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT'; T_TEXT=TEXT ;;
  mysql) T_AUTO_PK='INTEGER NOT NULL AUTO_INCREMENT PRIMARY KEY'; T_TEXT='VARCHAR(191)' ;;
  postgres) T_AUTO_PK='SERIAL NOT NULL PRIMARY KEY'; T_TEXT=TEXT ;;
esac
