#!/usr/bin/env bash
# Backup/restore benchmark on MariaDB and PostgreSQL (not part of `make test`):
#   bench/backup/servers.sh [AIRLOCK_BINARY]
# Environment: SIZE_MB (default 1024: about that much SQL in the backup),
# JOBS (default 2: workers for every parallel tool), DIALECTS (default
# "mysql postgres"), INSTALL=1 to apt-get install mydumper first.
# Starts its own throwaway servers (scripts/test-servers.sh; run as root),
# generates the data with the servers' own functions, then times:
#   MariaDB:    airlock db backup (zstd) vs mariadb-dump --single-transaction
#               | zstd and mydumper; airlock db restore vs mariadb < dump and
#               myloader
#   PostgreSQL: airlock db backup vs pg_dump -Fd -j N; airlock db restore vs
#               pg_restore -j N (and psql -f of airlock's own file)
# and prints wall time, peak RSS (max of any process of the command) and the
# output size of each, plus a check that every restored copy has all rows.
# Also prints the read floor (build/bench/read_floor, when built): the time
# any client needs just to receive the rows over JOBS connections, without
# formatting, hashing, compressing or writing them. On a machine where the
# server shares the cores, no dump tool can beat it, so it bounds every
# backup ratio. Passwords stay off command lines: airlock reads the URL from
# a schema's env("..."), the native tools from MYSQL_PWD/PGPASSWORD.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
AIRLOCK=$(realpath "${1:-$ROOT/build/airlock}")
SIZE_MB=${SIZE_MB:-1024}
JOBS=${JOBS:-2}
DIALECTS=${DIALECTS:-mysql postgres}
if [ "${INSTALL:-0}" = 1 ]; then
  apt-get install -y -q mydumper >/dev/null
fi

D=$(mktemp -d /tmp/airlock-bench-servers.XXXXXX)
chmod 755 "$D"
SRV=$D/servers
cleanup() {
  "$ROOT/scripts/test-servers.sh" stop "$SRV" >/dev/null 2>&1 || true
  rm -rf "$D"
}
trap cleanup EXIT
"$ROOT/scripts/test-servers.sh" start "$SRV" >/dev/null 2>&1
# shellcheck disable=SC1091
source "$SRV/env.sh"
cd "$D"

# Credentials for the native tools, never on a command line.
# A schema whose datasource reads its URL from the environment variable $3.
url_schema() {  # file provider variable
  printf 'datasource db {\n  provider = "%s"\n  url      = env("%s")\n}\n' "$2" "$3" >"$1"
}
FLOOR=$(dirname "$AIRLOCK")/bench/read_floor
# read floor: dialect source-url
measure_floor() {
  [ -x "$FLOOR" ] || return 0
  AIRLOCK_BENCH_URL=$2 measure "$1" "read floor (--jobs $JOBS, rows discarded)" "" "$FLOOR $JOBS"
}

url_part() { python3 -c "import sys, urllib.parse as u; p = u.urlparse(sys.argv[1]); print({'user': p.username, 'pass': u.unquote(p.password or ''), 'host': p.hostname, 'port': p.port}[sys.argv[2]])" "$1" "$2"; }

RESULTS=$D/results.txt
: >"$RESULTS"
declare -A SECS  # "dialect|tool" -> wall seconds
measure() {  # dialect name output-file command...
  local dialect=$1 name=$2 out=$3; shift 3
  /usr/bin/time -f "%e %M" -o t.txt bash -c "$*" >cmd.log 2>&1 || {
    echo "FAILED: $name"; tail -5 cmd.log; return 1; }
  read -r secs kb < t.txt
  SECS["$dialect|$name"]=$secs
  local size='-'
  [ -n "$out" ] && [ -e "$out" ] && size=$(du -sm "$out" | cut -f1)
  printf '%-10s %-44s %9.2f s %7d MB %8s\n' "$dialect" "$name" "$secs" \
    "$((kb / 1024))" "$size" | tee -a "$RESULTS"
}

bench_mysql() {
  local url=$AIRLOCK_TEST_MYSQL_URL base=${AIRLOCK_TEST_MYSQL_URL%/*}
  export MYSQL_PWD
  MYSQL_PWD=$(url_part "$url" pass)
  local user host port
  user=$(url_part "$url" user); host=$(url_part "$url" host); port=$(url_part "$url" port)
  local M=(mariadb --no-defaults --default-character-set=utf8mb4 -h "$host" -P "$port" -u "$user")
  # mydumper/myloader read the password from a defaults file (mode 600).
  umask 077
  printf '[mydumper]\nuser=%s\npassword=%s\nhost=%s\nport=%s\n[myloader]\nuser=%s\npassword=%s\nhost=%s\nport=%s\n' \
    "$user" "$MYSQL_PWD" "$host" "$port" "$user" "$MYSQL_PWD" "$host" "$port" > "$D/my.cnf"
  umask 022
  # ~SIZE_MB of SQL: orders ~250 B/row (70%), customers ~400 B/row (20%),
  # events with a 4 KB blob every row (10%).
  local n_orders=$((SIZE_MB * 1024 * 1024 * 7 / 10 / 250))
  local n_cust=$((SIZE_MB * 1024 * 1024 * 2 / 10 / 400))
  local n_events=$((SIZE_MB * 1024 * 1024 / 10 / 8300))
  "${M[@]}" -e "CREATE DATABASE bench CHARACTER SET utf8mb4;
    CREATE DATABASE r_airlock CHARACTER SET utf8mb4;
    CREATE DATABASE r_native CHARACTER SET utf8mb4;
    CREATE DATABASE r_myloader CHARACTER SET utf8mb4;"
  echo "MariaDB: generating ~${SIZE_MB} MB ($n_orders orders, $n_cust customers, $n_events events)"
  "${M[@]}" bench <<SQL
CREATE TABLE customers (id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(100) NOT NULL, email VARCHAR(191) NOT NULL, note TEXT,
  balance DECIMAL(14,2) NOT NULL, created DATETIME(3) NOT NULL,
  UNIQUE KEY customers_email (email)) ENGINE=InnoDB;
CREATE TABLE orders (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id INT UNSIGNED NOT NULL, amount DECIMAL(12,2) NOT NULL,
  status ENUM('new','paid','shipped','cancelled') NOT NULL, paid_at DATETIME(3) NULL,
  ref CHAR(36) NOT NULL, items JSON, flags BIT(8), tax DOUBLE,
  KEY orders_customer (customer_id), KEY orders_paid (paid_at)) ENGINE=InnoDB;
CREATE TABLE events (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, kind VARCHAR(20),
  payload LONGBLOB, at TIMESTAMP(3) NULL) ENGINE=InnoDB;
INSERT INTO customers (name, email, note, balance, created)
  SELECT CONCAT('김철수 customer ', seq), CONCAT('c', seq, '@example.com'),
    IF(seq % 7 = 0, NULL, REPEAT(CONCAT('note 🙂 ', seq, ' '), 16)),
    (seq % 100000) / 100, '2024-01-01' + INTERVAL seq SECOND
  FROM seq_1_to_${n_cust};
INSERT INTO orders (customer_id, amount, status, paid_at, ref, items, flags, tax)
  SELECT 1 + seq % ${n_cust}, (seq % 99999) / 100, ELT(1 + seq % 4, 'new','paid','shipped','cancelled'),
    IF(seq % 3 = 0, NULL, '2024-01-01 00:00:00.123' + INTERVAL seq SECOND), UUID(),
    CONCAT('{"sku": "A-', seq % 1000, '", "qty": ', seq % 9, ', "name": "상품 ', seq % 50, '"}'),
    seq % 256, seq / 7
  FROM seq_1_to_${n_orders};
INSERT INTO events (kind, payload, at)
  SELECT ELT(1 + seq % 3, 'click', 'view', 'buy'), CONCAT(RANDOM_BYTES(1024), RANDOM_BYTES(1024), RANDOM_BYTES(1024), RANDOM_BYTES(1024)),
    '2024-06-01' + INTERVAL seq MINUTE
  FROM seq_1_to_${n_events};
SQL
  local rows
  rows=$("${M[@]}" -N -B bench -e "SELECT (SELECT COUNT(*) FROM customers) + (SELECT COUNT(*) FROM orders) + (SELECT COUNT(*) FROM events)")
  echo "MariaDB: $rows rows"
  url_schema "$D/my-src.prisma" mysql BENCH_MY_SRC
  url_schema "$D/my-dst.prisma" mysql BENCH_MY_DST
  export BENCH_MY_SRC=$base/bench BENCH_MY_DST=$base/r_airlock
  measure_floor mariadb "$BENCH_MY_SRC"
  measure mariadb "airlock db backup (zstd, --jobs $JOBS)" a.sql.zst \
    "$AIRLOCK db backup --schema $D/my-src.prisma --out a.sql.zst --jobs $JOBS"
  measure mariadb "mariadb-dump --single-transaction | zstd" d.sql.zst \
    "mariadb-dump --no-defaults -h $host -P $port -u $user --single-transaction bench | zstd -q -T$JOBS -o d.sql.zst"
  if command -v mydumper >/dev/null; then
    measure mariadb "mydumper -t $JOBS --compress (gzip)" mydumper.out \
      "mydumper --defaults-file=$D/my.cnf -B bench -t $JOBS --compress -o mydumper.out"
  fi
  measure mariadb "airlock db restore (--jobs $JOBS)" "" \
    "$AIRLOCK db restore a.sql.zst --schema $D/my-dst.prisma --yes --jobs $JOBS"
  measure mariadb "zstd -dc | mariadb (mariadb-dump file)" "" \
    "zstd -dc d.sql.zst | mariadb --no-defaults -h $host -P $port -u $user r_native"
  if command -v myloader >/dev/null; then
    measure mariadb "myloader -t $JOBS" "" \
      "myloader --defaults-file=$D/my.cnf -B r_myloader -d mydumper.out -t $JOBS -o"
  fi
  measure mariadb "airlock db verify-backup" "" "$AIRLOCK db verify-backup a.sql.zst"
  mysql_load_floor
  local db got
  for db in r_airlock r_native r_myloader r_floor; do
    got=$("${M[@]}" -N -B "$db" -e "SELECT (SELECT COUNT(*) FROM customers) + (SELECT COUNT(*) FROM orders) + (SELECT COUNT(*) FROM events)" 2>/dev/null || echo missing)
    echo "mariadb    restored $db: $got rows (source $rows)" | tee -a "$RESULTS"
  done
}

# The load floor: the server loading the same rows from its own files
# (LOAD DATA INFILE: no client, no network, no SQL to parse), each table in
# JOBS key ranges on JOBS sessions, secondary keys after the data, as airlock
# restore does. No client restores faster on this machine and server, so it
# bounds the restore ratio. Root over the socket: it needs the FILE privilege.
mysql_load_floor() {
  local R=(env -u MYSQL_PWD mariadb --no-defaults --default-character-set=utf8mb4
    -S "$AIRLOCK_TEST_MYSQL_SOCKET" -uroot)
  local F=$D/floor
  mkdir -p "$F" && chmod 777 "$F"
  # BIT as a number: INTO OUTFILE writes its byte unescaped.
  local cols="id, customer_id, amount, status, paid_at, ref, items, flags + 0, tax"
  local t j lo hi step select into per=()
  for t in orders customers events; do
    select='*' into=''
    if [ $t = orders ]; then
      select=$cols
      into='(id, customer_id, amount, status, paid_at, ref, items, @f, tax) SET flags = CAST(@f AS UNSIGNED)'
    fi
    read -r lo hi < <("${R[@]}" -N -B bench -e "SELECT MIN(id), MAX(id) FROM $t")
    step=$(( (hi - lo) / JOBS + 1 ))
    for ((j = 0; j < JOBS; j++)); do
      "${R[@]}" bench -e "SELECT $select FROM $t WHERE id >= $((lo + j * step))
        AND id < $((lo + (j + 1) * step)) INTO OUTFILE '$F/$t.$j'"
      per[j]+="LOAD DATA INFILE '$F/$t.$j' INTO TABLE $t CHARACTER SET utf8mb4 $into;"
    done
  done
  "${R[@]}" -e "CREATE DATABASE r_floor CHARACTER SET utf8mb4"
  "${R[@]}" r_floor -e "CREATE TABLE orders LIKE bench.orders; ALTER TABLE orders DROP KEY orders_customer, DROP KEY orders_paid;
    CREATE TABLE customers LIKE bench.customers; ALTER TABLE customers DROP KEY customers_email;
    CREATE TABLE events LIKE bench.events;"
  # Session 0 adds the keys once every session's data is in.
  local keys="ALTER TABLE orders ADD KEY orders_customer (customer_id), ADD KEY orders_paid (paid_at);
    ALTER TABLE customers ADD UNIQUE KEY customers_email (email);"
  local cmd="" set="SET unique_checks = 0, foreign_key_checks = 0;"
  for ((j = 1; j < JOBS; j++)); do
    cmd+="${R[*]} r_floor -e \"$set ${per[j]}\" & "
  done
  cmd+="${R[*]} r_floor -e \"$set ${per[0]}\"; wait; ${R[*]} r_floor -e \"$keys\""
  measure mariadb "load floor (LOAD DATA INFILE, $JOBS sessions)" "" "$cmd"
  rm -rf "$F"
}

bench_postgres() {
  local url=$AIRLOCK_TEST_POSTGRES_URL base=${AIRLOCK_TEST_POSTGRES_URL%%\?*}
  base=${base%/*}
  export PGPASSWORD
  PGPASSWORD=$(url_part "$url" pass)
  local user host port
  user=$(url_part "$url" user); host=$(url_part "$url" host); port=$(url_part "$url" port)
  local P=(psql -X -q -v ON_ERROR_STOP=1 -h "$host" -p "$port" -U "$user")
  local n_orders=$((SIZE_MB * 1024 * 1024 * 7 / 10 / 200))
  local n_cust=$((SIZE_MB * 1024 * 1024 * 2 / 10 / 330))
  local n_events=$((SIZE_MB * 1024 * 1024 / 10 / 8300))
  for db in bench r_airlock r_pgrestore r_psql; do
    "${P[@]}" -d postgres -c "CREATE DATABASE $db"
  done
  echo "PostgreSQL: generating ~${SIZE_MB} MB ($n_orders orders, $n_cust customers, $n_events events)"
  "${P[@]}" -d bench <<SQL
CREATE TYPE status AS ENUM ('new', 'paid', 'shipped', 'cancelled');
CREATE TABLE customers (id SERIAL PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL UNIQUE,
  note TEXT, balance NUMERIC(14,2) NOT NULL, created TIMESTAMPTZ NOT NULL);
CREATE TABLE orders (id BIGSERIAL PRIMARY KEY, customer_id INT NOT NULL REFERENCES customers (id),
  amount NUMERIC(12,2) NOT NULL, status status NOT NULL, paid_at TIMESTAMP(3), ref UUID NOT NULL,
  items JSONB, tax DOUBLE PRECISION);
CREATE INDEX orders_customer ON orders (customer_id);
CREATE INDEX orders_paid ON orders (paid_at);
CREATE TABLE events (id SERIAL PRIMARY KEY, kind TEXT, payload BYTEA, at TIMESTAMPTZ);
INSERT INTO customers (name, email, note, balance, created)
  SELECT '김철수 customer ' || g, 'c' || g || '@example.com',
    CASE WHEN g % 7 = 0 THEN NULL ELSE repeat('note 🙂 ' || g || ' ', 16) END,
    (g % 100000) / 100.0, '2024-01-01'::timestamptz + g * interval '1 second'
  FROM generate_series(1, ${n_cust}) g;
INSERT INTO orders (customer_id, amount, status, paid_at, ref, items, tax)
  SELECT 1 + g % ${n_cust}, (g % 99999) / 100.0, (ARRAY['new','paid','shipped','cancelled'])[1 + g % 4]::status,
    CASE WHEN g % 3 = 0 THEN NULL ELSE '2024-01-01 00:00:00.123'::timestamp + g * interval '1 second' END,
    md5(g::text)::uuid, jsonb_build_object('sku', 'A-' || g % 1000, 'qty', g % 9, 'name', '상품 ' || g % 50), g / 7.0
  FROM generate_series(1, ${n_orders}) g;
INSERT INTO events (kind, payload, at)
  SELECT (ARRAY['click','view','buy'])[1 + g % 3], decode(repeat(md5(g::text), 128), 'hex'),
    '2024-06-01'::timestamptz + g * interval '1 minute'
  FROM generate_series(1, ${n_events}) g;
ANALYZE;
SQL
  local rows
  rows=$("${P[@]}" -A -t -d bench -c "SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM orders) + (SELECT count(*) FROM events)")
  echo "PostgreSQL: $rows rows"
  url_schema "$D/pg-src.prisma" postgresql BENCH_PG_SRC
  url_schema "$D/pg-dst.prisma" postgresql BENCH_PG_DST
  export BENCH_PG_SRC="$base/bench?schema=public" BENCH_PG_DST="$base/r_airlock?schema=public"
  measure_floor postgres "$BENCH_PG_SRC"
  measure postgres "airlock db backup (zstd, --jobs $JOBS)" p.sql.zst \
    "$AIRLOCK db backup --schema $D/pg-src.prisma --out p.sql.zst --jobs $JOBS"
  measure postgres "pg_dump -Fd -j $JOBS" pgdump.dir \
    "pg_dump -h $host -p $port -U $user -Fd -j $JOBS -f pgdump.dir bench"
  measure postgres "airlock db restore (--jobs $JOBS)" "" \
    "$AIRLOCK db restore p.sql.zst --schema $D/pg-dst.prisma --yes --jobs $JOBS"
  measure postgres "pg_restore -j $JOBS" "" \
    "pg_restore -h $host -p $port -U $user -j $JOBS -d r_pgrestore pgdump.dir"
  measure postgres "zstd -dc | psql (airlock file)" "" \
    "zstd -dc p.sql.zst | psql -X -q -v ON_ERROR_STOP=1 -h $host -p $port -U $user -d r_psql -f - >/dev/null"
  local db got
  for db in r_airlock r_pgrestore r_psql; do
    got=$("${P[@]}" -A -t -d "$db" -c "SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM orders) + (SELECT count(*) FROM events)" 2>/dev/null || echo missing)
    echo "postgres   restored $db: $got rows (source $rows)" | tee -a "$RESULTS"
  done
}

printf '%-10s %-44s %11s %10s %8s\n' server tool time "peak RSS" "out MB"
for d in $DIALECTS; do
  case $d in
    mysql) bench_mysql ;;
    postgres) bench_postgres ;;
  esac
done
# The issue's targets: "reference / airlock" must reach `want`. The ceiling
# is what the read floor leaves possible: reference / floor.
MISSED=0
target() {  # dialect what reference-tool airlock-tool want [floor-tool]
  local ref=${SECS["$1|$3"]:-} ours=${SECS["$1|$4"]:-} floor=${SECS["$1|${6:-}"]:-}
  [ -n "$ref" ] && [ -n "$ours" ] || return 0
  python3 - "$@" "$ref" "$ours" "$floor" <<'P' | tee -a "$RESULTS" || MISSED=1
import sys
dialect, what, _, _, want, *rest = sys.argv[1:]
ref, ours, floor = float(rest[-3]), float(rest[-2]), rest[-1]
ratio = ref / max(ours, 0.01)
ok = ratio >= float(want)
ceiling = f"; the floor allows at most {ref / max(float(floor), 0.01):.2f}x" if floor else ""
print(f"{dialect:<10} {what:<44} {ratio:5.2f}x (target {want}x) "
      f"{'met' if ok else 'MISSED'}{ceiling}")
sys.exit(0 if ok else 1)
P
}
floor="read floor (--jobs $JOBS, rows discarded)"
{
  target mariadb "backup vs mariadb-dump | zstd" \
    "mariadb-dump --single-transaction | zstd" "airlock db backup (zstd, --jobs $JOBS)" 2 "$floor"
  target mariadb "backup vs mydumper" "mydumper -t $JOBS --compress (gzip)" \
    "airlock db backup (zstd, --jobs $JOBS)" 1 "$floor"
  target mariadb "restore vs mariadb < dump" "zstd -dc | mariadb (mariadb-dump file)" \
    "airlock db restore (--jobs $JOBS)" 3 "load floor (LOAD DATA INFILE, $JOBS sessions)"
  target mariadb "restore vs myloader" "myloader -t $JOBS" "airlock db restore (--jobs $JOBS)" 1 \
    "load floor (LOAD DATA INFILE, $JOBS sessions)"
  target postgres "backup vs pg_dump -Fd" "pg_dump -Fd -j $JOBS" \
    "airlock db backup (zstd, --jobs $JOBS)" 1 "$floor"
  target postgres "restore vs pg_restore" "pg_restore -j $JOBS" "airlock db restore (--jobs $JOBS)" 1
} >/dev/null  # printed with the summary
echo
echo "== summary (SIZE_MB=$SIZE_MB, JOBS=$JOBS, $(nproc) CPUs)"
cat "$RESULTS"
# A missed target fails the run (after the whole table is printed).
exit "$MISSED"
