#!/usr/bin/env bash
# Checks the test-server set-up itself (scripts/test-servers.sh): the URL that
# the server tests get reaches a live server with the right version, the
# password in it is percent-encoded and enforced, and the socket works.
#   server_env_test.sh mysql|postgres
# Passwords travel in MYSQL_PWD / PGPASSWORD, never on a command line.
set -euo pipefail
dialect=$1
fail() { echo "FAIL: $*" >&2; exit 1; }

percent_decode() { printf '%b' "${1//%/\\x}"; }

case $dialect in
  mysql) var=AIRLOCK_TEST_MYSQL_URL ;;
  postgres) var=AIRLOCK_TEST_POSTGRES_URL ;;
  *) fail "unknown dialect $dialect" ;;
esac
url=${!var:-}
if [ -z "$url" ]; then
  [ "${AIRLOCK_TEST_REQUIRE_SERVERS:-0}" = 1 ] && fail "$var is not set"
  echo "SKIP: $var is not set (run through scripts/run-tests.sh)"
  exit 0
fi

# scheme://user:pass@host:port/db[?params]
rest=${url#*://}
userinfo=${rest%%@*}
hostpart=${rest#*@}
user=${userinfo%%:*}
pass=$(percent_decode "${userinfo#*:}")
hostport=${hostpart%%/*}
host=${hostport%%:*}
port=${hostport##*:}
db=${hostpart#*/}
db=${db%%\?*}
[ "$host" = 127.0.0.1 ] || fail "server not on 127.0.0.1"
[ "$pass" != "${userinfo#*:}" ] || fail "password has no percent-encoded characters"

case $dialect in
  mysql)
    version=$(MYSQL_PWD=$pass mariadb --no-defaults -h "$host" -P "$port" -u "$user" \
      -N -B -e 'SELECT VERSION()' "$db")
    [[ $version == 10.11.* ]] || fail "expected MariaDB 10.11, got $version"
    if MYSQL_PWD=wrong mariadb --no-defaults -h "$host" -P "$port" -u "$user" \
      -e 'SELECT 1' "$db" 2>/dev/null; then
      fail "a wrong password was accepted"
    fi
    sock_db=$(MYSQL_PWD=$pass mariadb --no-defaults -S "$AIRLOCK_TEST_MYSQL_SOCKET" \
      -u "$user" -N -B -e 'SELECT DATABASE()' "$db")
    [ "$sock_db" = "$db" ] || fail "socket connection gave database '$sock_db'"
    ;;
  postgres)
    version=$(PGPASSWORD=$pass psql -X -A -t -h "$host" -p "$port" -U "$user" -d "$db" \
      -c 'SHOW server_version')
    [[ $version == 15.* ]] || fail "expected PostgreSQL 15, got $version"
    if PGPASSWORD=wrong psql -X -h "$host" -p "$port" -U "$user" -d "$db" \
      -c 'SELECT 1' >/dev/null 2>&1; then
      fail "a wrong password was accepted"
    fi
    sock_db=$(psql -X -A -t -h "$AIRLOCK_TEST_POSTGRES_SOCKET_DIR" -p "$port" -U "$user" \
      -d "$db" -c 'SELECT current_database()')
    [ "$sock_db" = "$db" ] || fail "socket connection gave database '$sock_db'"
    ;;
esac
echo "OK: $dialect $version at $host:$port/$db"
