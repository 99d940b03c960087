#!/usr/bin/env bash
# Throwaway MariaDB and PostgreSQL servers for the tests labelled `mysql` and
# `postgres` (recipes in ../shared/design/TESTING.md). Run as root.
#
#   scripts/test-servers.sh start DIR   start both servers in the new folder DIR
#                                       (each on 127.0.0.1 and a free port, with
#                                       its own data folder) and write DIR/env.sh
#   scripts/test-servers.sh stop DIR    stop both and remove DIR
#
# DIR/env.sh (mode 600) exports the connection URLs for the tests:
#   AIRLOCK_TEST_MYSQL_URL     mysql://airlock:PASS@127.0.0.1:PORT/airlock_test
#   AIRLOCK_TEST_POSTGRES_URL  postgresql://airlock:PASS@127.0.0.1:PORT/airlock_test?schema=public
#   AIRLOCK_TEST_MYSQL_SOCKET, AIRLOCK_TEST_POSTGRES_SOCKET_DIR  (socket tests)
# The password is random per run and contains URL-special characters (so the
# tests exercise percent-decoding); it is never printed. Both servers enforce
# passwords on TCP. DIR must not exist yet; its parent must be reachable by
# the user postgres (e.g. /tmp), since initdb refuses to run as root.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
DB_USER=airlock
DB_NAME=airlock_test

# Seconds since $1 (an $EPOCHREALTIME value), one decimal.
elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }

log() { echo "[test-servers] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Percent-encodes $1 for the userinfo part of a URL (RFC 3986 unreserved kept).
urlencode() {
  local s=$1 out='' c i
  for ((i = 0; i < ${#s}; i++)); do
    c=${s:i:1}
    case $c in
      [a-zA-Z0-9.~_-]) out+=$c ;;
      *) out+=$(printf '%%%02X' "'$c") ;;
    esac
  done
  printf '%s' "$out"
}

# A TCP port on 127.0.0.1 that nothing listens on now (a server may still race
# for it: callers retry the start with another port).
free_port() {
  local p
  for _ in $(seq 1 100); do
    p=$((20000 + RANDOM % 40000))
    if ! ss -Hltn "sport = :$p" 2>/dev/null | grep -q .; then
      echo "$p"
      return 0
    fi
  done
  die "no free TCP port found"
}

# Waits until command "$@" succeeds, at most $1 tenths of a second.
wait_for() {
  local tenths=$1
  shift
  for _ in $(seq 1 "$tenths"); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  return 1
}

start_mysql() {
  local d=$1/mysql port pid
  mkdir -p "$d"
  chmod 700 "$d"
  mariadb-install-db --no-defaults --user=root --datadir="$d/data" \
    --auth-root-authentication-method=normal --skip-test-db \
    >"$d/install.log" 2>&1 || { tail -20 "$d/install.log" >&2; die "mariadb-install-db failed"; }
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    mariadbd --no-defaults --datadir="$d/data" --socket="$d/mysqld.sock" \
      --pid-file="$d/mysqld.pid" --port="$port" --bind-address=127.0.0.1 \
      --user=root --skip-name-resolve --log-error="$d/error.log" \
      --innodb-buffer-pool-size=64M --innodb-log-file-size=16M \
      --innodb-flush-log-at-trx-commit=2 --skip-log-bin \
      --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
      </dev/null >/dev/null 2>&1 &
    pid=$!
    echo "$pid" >"$d/server.pid"
    for _ in $(seq 1 300); do
      if ! kill -0 "$pid" 2>/dev/null; then break; fi
      if mariadb-admin --no-defaults --socket="$d/mysqld.sock" -uroot ping >/dev/null 2>&1; then
        echo "$port" >"$d/port"
        return 0
      fi
      sleep 0.1
    done
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    log "MariaDB did not start on port $port (attempt $attempt); last log lines:"
    tail -5 "$d/error.log" >&2 || true
  done
  die "MariaDB did not start; see $d/error.log"
}

setup_mysql() {
  local d=$1/mysql pass=$2
  # Users for TCP (127.0.0.1) and for the socket (localhost); the password
  # travels on stdin, never on a command line.
  mariadb --no-defaults --socket="$d/mysqld.sock" -uroot <<SQL
CREATE USER '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$pass';
CREATE USER '$DB_USER'@'localhost' IDENTIFIED BY '$pass';
GRANT ALL PRIVILEGES ON *.* TO '$DB_USER'@'127.0.0.1';
GRANT ALL PRIVILEGES ON *.* TO '$DB_USER'@'localhost';
CREATE DATABASE $DB_NAME;
SQL
}

start_postgres() {
  local d=$1/postgres pass=$2 port
  mkdir -p "$d"
  chown postgres:postgres "$d"
  chmod 700 "$d"
  # The superuser's password file, readable by postgres only for initdb.
  (umask 077 && printf '%s\n' "$pass" >"$d/pwfile")
  chown postgres:postgres "$d/pwfile"
  runuser -u postgres -- "$PG_BIN/initdb" -D "$d/data" -U postgres \
    --pwfile="$d/pwfile" --auth-local=trust --auth-host=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 --no-sync >"$d/initdb.log" 2>&1 \
    || { tail -20 "$d/initdb.log" >&2; die "initdb failed"; }
  rm -f "$d/pwfile"
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    if runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$d/data" -l "$d/server.log" -w -t 60 \
      -o "-p $port -k $d -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null 2>&1; then
      echo "$port" >"$d/port"
      return 0
    fi
    log "PostgreSQL did not start on port $port (attempt $attempt); last log lines:"
    tail -5 "$d/server.log" >&2 || true
  done
  die "PostgreSQL did not start; see $d/server.log"
}

setup_postgres() {
  local d=$1/postgres pass=$2 port
  port=$(cat "$d/port")
  runuser -u postgres -- "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$d" -p "$port" \
    -U postgres -d postgres >/dev/null <<SQL
CREATE ROLE $DB_USER LOGIN SUPERUSER PASSWORD '$pass';
CREATE DATABASE $DB_NAME OWNER $DB_USER;
SQL
}

stop_mysql() {
  local d=$1/mysql pid
  [ -f "$d/server.pid" ] || return 0
  pid=$(cat "$d/server.pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    if ! wait_for 300 bash -c "! kill -0 $pid 2>/dev/null"; then
      log "MariaDB (pid $pid) did not stop in 30 s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$d/server.pid"
}

stop_postgres() {
  local d=$1/postgres pid
  [ -f "$d/data/postmaster.pid" ] || return 0
  pid=$(head -1 "$d/data/postmaster.pid")
  if kill -0 "$pid" 2>/dev/null; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$d/data" -m fast -w -t 30 stop \
      >/dev/null 2>&1 || {
      log "PostgreSQL (pid $pid) did not stop; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    }
  fi
}

# Stops the servers of earlier runs whose owner process is gone (a run killed
# with SIGKILL cannot clean up after itself).
reap_orphans() {
  local dir owner
  for dir in /tmp/airlock-test-servers.*; do
    [ -f "$dir/owner.pid" ] || continue
    owner=$(cat "$dir/owner.pid")
    if ! kill -0 "$owner" 2>/dev/null; then
      log "stopping servers left behind by an ended run in $dir"
      stop_all "$dir"
    fi
  done
}

stop_all() {
  local dir=$1
  stop_mysql "$dir" || true
  stop_postgres "$dir" || true
  rm -rf "$dir"
}

start_all() {
  local dir=$1 owner=${2:-$PPID} pass rand mport pport enc t0
  [ "$(id -u)" = 0 ] || die "run as root (the PostgreSQL server runs as user postgres)"
  command -v mariadbd >/dev/null || die "mariadbd not found: run scripts/install-deps.sh"
  [ -x "$PG_BIN/initdb" ] || die "$PG_BIN/initdb not found: run scripts/install-deps.sh"
  id postgres >/dev/null 2>&1 || die "user postgres missing: install package postgresql"
  reap_orphans
  mkdir "$dir" || die "$dir exists already"
  chmod 711 "$dir"
  echo "$owner" >"$dir/owner.pid"
  t0=$EPOCHREALTIME
  rand=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
  # URL-special characters on purpose: the tests must percent-decode them.
  pass="Te5t:p@ss/${rand}%"
  # Both servers start in parallel.
  start_mysql "$dir" &
  local mpid=$!
  start_postgres "$dir" "$pass" &
  local ppid=$!
  local ok=1
  wait "$mpid" || ok=0
  wait "$ppid" || ok=0
  if [ "$ok" = 0 ]; then
    stop_all "$dir"
    die "servers did not start"
  fi
  setup_mysql "$dir" "$pass" || { stop_all "$dir"; die "MariaDB user setup failed"; }
  setup_postgres "$dir" "$pass" || { stop_all "$dir"; die "PostgreSQL user setup failed"; }
  mport=$(cat "$dir/mysql/port")
  pport=$(cat "$dir/postgres/port")
  enc=$(urlencode "$pass")
  (
    umask 077
    cat >"$dir/env.sh" <<EOF
export AIRLOCK_TEST_MYSQL_URL='mysql://$DB_USER:$enc@127.0.0.1:$mport/$DB_NAME'
export AIRLOCK_TEST_MYSQL_SOCKET='$dir/mysql/mysqld.sock'
export AIRLOCK_TEST_POSTGRES_URL='postgresql://$DB_USER:$enc@127.0.0.1:$pport/$DB_NAME?schema=public'
export AIRLOCK_TEST_POSTGRES_SOCKET_DIR='$dir/postgres'
EOF
  )
  log "MariaDB $(mariadbd --version | awk '{print $3}') on 127.0.0.1:$mport, PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$pport (started in $(elapsed "$t0") s)"
}

case "${1:-}" in
  start)
    [ $# -ge 2 ] || die "usage: $0 start DIR [OWNER_PID]"
    start_all "$2" "${3:-$PPID}"
    ;;
  stop)
    [ $# -ge 2 ] || die "usage: $0 stop DIR"
    t0=$EPOCHREALTIME
    stop_all "$2"
    log "servers stopped in $(elapsed "$t0") s"
    ;;
  *)
    echo "usage: $0 start DIR [OWNER_PID] | stop DIR" >&2
    exit 2
    ;;
esac
