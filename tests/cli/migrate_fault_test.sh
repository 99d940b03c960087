#!/usr/bin/env bash
# Fault injection: kill -9 `airlock migrate deploy` at many points in time.
# After every kill the database is at a migration boundary — each migration's
# table exists exactly when the history has a finished row for it, no row is
# left half-written, the file passes integrity_check — and rerunning deploy
# finishes the job. On PostgreSQL too (DDL is transactional there); MySQL
# commits DDL statement by statement, so a kill can leave a migration
# half-applied and recorded as failed (P3009): migrate_deploy_test covers it.
# dialects: sqlite postgres
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
source "$HERE/migrate_lib.sh"

N=16
[ "$DIALECT" = sqlite ] || N=8   # a server round trip per statement: fewer, same coverage
new_project
for i in $(seq -f '%02g' 1 $N); do
  # A few ms of work per migration: a table, 10k rows and an index.
  add_migration "202401010000${i}_m${i}" "CREATE TABLE \"T${i}\" (\"id\" INTEGER NOT NULL PRIMARY KEY, \"v\" TEXT);
INSERT INTO \"T${i}\" (\"id\", \"v\") WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 10000) SELECT x, 'row' || x FROM c;
CREATE INDEX \"T${i}_v_idx\" ON \"T${i}\"(\"v\");"
done

# Time a full deploy to spread the kill points over it.
start=$(date +%s%N)
"$AIRLOCK" migrate deploy >/dev/null
full_ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "full deploy of $N migrations: $full_ms ms"

# The dialect's catalogue: the T<i> tables, and string aggregation.
if [ "$DIALECT" = sqlite ]; then
  T_TABLES="SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'T[0-9]*'"
  agg() { echo "group_concat($1, ',')"; }
else
  T_TABLES="SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name ~ '^T[0-9]+\$'"
  agg() { echo "string_agg($1, ',')"; }
fi
fresh_database() {
  if [ "$DIALECT" = sqlite ]; then
    rm -f prisma/dev.db prisma/dev.db-journal
  else
    q 'DROP SCHEMA public CASCADE; CREATE SCHEMA public' >/dev/null 2>&1
  fi
}

check_boundary() {  # $1: label
  local applied tables bad integrity
  if [ "$DIALECT" = sqlite ]; then
    integrity=$(q 'PRAGMA integrity_check')
    expect_eq "$integrity" "ok" "$1: integrity_check"
  fi
  [ "$(table_count _prisma_migrations)" = 1 ] || { ok; return; }
  bad=$(q 'SELECT count(*) FROM _prisma_migrations WHERE finished_at IS NULL OR applied_steps_count <> 1')
  expect_eq "$bad" 0 "$1: no half-written history rows"
  applied=$(q "SELECT $(agg 'substr(migration_name, 16)') FROM (SELECT migration_name FROM _prisma_migrations ORDER BY migration_name) AS h")
  tables=$(q "SELECT $(agg "'m' || substr(name, 2)") FROM ($T_TABLES ORDER BY name) AS t")
  expect_eq "$tables" "$applied" "$1: tables match the history"
  local sql rows
  sql=$(q "SELECT $(agg "'SELECT count(*) AS n FROM \"' || name || '\"'") FROM ($T_TABLES) AS t" | sed 's/,SELECT/ UNION ALL SELECT/g')
  if [ -n "$sql" ]; then
    rows=$(q "SELECT count(*) FROM ($sql) AS c WHERE n <> 10000")
    expect_eq "$rows" 0 "$1: every applied table has all its rows"
  fi
}

points=0
partial=0
# Kill points: evenly spread plus random ones (fewer on a server, where
# every check is a client round trip).
# On PostgreSQL group commit often puts the whole run in one transaction, so
# kills between migrations are rarer there: one is required.
spread=14; randoms=4; need=4
[ "$DIALECT" = sqlite ] || { spread=7; randoms=2; need=1; }
step=$(( full_ms / spread + 1 ))
kill_at() {  # $1: delay in ms
  local delay=$1 done_count n
  fresh_database
  # Alternate per-migration commits and the default group commit.
  if [ $((points % 2)) = 0 ]; then export AIRLOCK_GROUP_COMMIT_MS=0; else unset AIRLOCK_GROUP_COMMIT_MS; fi
  "$AIRLOCK" migrate deploy >/dev/null 2>&1 &
  pid=$!
  sleep "$(awk "BEGIN { print $delay / 1000 }")"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  points=$((points + 1))
  check_boundary "kill at ${delay} ms"
  n=$(table_count _prisma_migrations)
  if [ "$n" = 1 ]; then
    done_count=$(q 'SELECT count(*) FROM _prisma_migrations')
    if [ "$done_count" -gt 0 ] && [ "$done_count" -lt "$N" ]; then partial=$((partial + 1)); fi
  fi
  unset AIRLOCK_GROUP_COMMIT_MS
  run airlock migrate deploy
  expect_code 0
  check_boundary "rerun after kill at ${delay} ms"
  expect_eq "$(q 'SELECT count(*) FROM _prisma_migrations')" "$N" "rerun after ${delay} ms applies the rest"
}
for delay in $(seq 0 "$step" $(( full_ms + step ))) $(for _ in $(seq 1 $randoms); do echo $(( RANDOM % (full_ms + 1) )); done); do
  kill_at "$delay"
done
# Timing under load varies: add random points (at most 10) until enough
# kills have landed between migrations.
extra=0
while [ "$partial" -lt "$need" ] && [ "$extra" -lt 10 ]; do
  kill_at $(( RANDOM % (full_ms + 1) ))
  extra=$((extra + 1))
done
echo "killed at $points points, $partial of them between migrations"
expect_true "some kills landed between migrations ($partial)" test "$partial" -ge "$need"
finish
