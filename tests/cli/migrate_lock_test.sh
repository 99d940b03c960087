#!/usr/bin/env bash
# End-to-end: the migration lock (SQLite: the database file; MySQL:
# GET_LOCK('prisma_migrate'); PostgreSQL: pg_advisory_lock(72707369), the
# keys Prisma uses). Two concurrent deploys: the second waits for the first
# and applies nothing twice. A lock held longer than --lock-timeout by
# another session: a clear error and exit code 3, nothing applied.
# dialects: sqlite mysql postgres
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
source "$HERE/migrate_lib.sh"

new_project
add_migration 20240101000000_init "CREATE TABLE $(qi User) ($(qi id) INTEGER NOT NULL PRIMARY KEY);"
# About a second of work, so the two deploys overlap.
case $DIALECT in
  sqlite) slow='CREATE TABLE "Big" AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1500000) SELECT x FROM c;' ;;
  mysql) slow='CREATE TABLE `Big` (`x` INTEGER); INSERT INTO `Big` SELECT SLEEP(1.2);' ;;
  postgres) slow='CREATE TABLE "Big" AS SELECT 1 AS x FROM pg_sleep(1.2);' ;;
esac
add_migration 20240102000000_slow "$slow"
add_migration 20240103000000_after "CREATE TABLE $(qi After) ($(qi id) INTEGER NOT NULL PRIMARY KEY);"

"$AIRLOCK" migrate deploy --lock-timeout 60 >a.out 2>a.err &
A=$!
# Wait until A holds the database (its file exists and the history is being written).
if [ "$DIALECT" = sqlite ]; then
  for _ in $(seq 1 100); do [ -s prisma/dev.db ] && break; sleep 0.02; done
fi
sleep 0.3
"$AIRLOCK" migrate deploy --lock-timeout 60 >b.out 2>b.err &
B=$!
CA=0; wait $A || CA=$?
CB=0; wait $B || CB=$?
expect_eq "$CA:$CB" "0:0" "both deploys succeed ($(cat a.err b.err))"
applied_a=$(grep -c '^Applying migration' a.out || true)
applied_b=$(grep -c '^Applying migration' b.out || true)
expect_eq "$((applied_a + applied_b))" 3 "three migrations applied in total (a=$applied_a b=$applied_b)"
# Under load the second may win the lock: either way one applied everything.
expect_true "one deploy found nothing left to do" grep -q "No pending migrations to apply." a.out b.out
expect_eq "$(q 'SELECT count(*) FROM _prisma_migrations')" 3 "one history row per migration"
expect_eq "$(q 'SELECT count(DISTINCT migration_name) FROM _prisma_migrations WHERE finished_at IS NOT NULL')" 3 "all applied"
big_rows=1500000; [ "$DIALECT" = sqlite ] || big_rows=1
expect_eq "$(q "SELECT count(*) FROM $(qi Big)")" "$big_rows" "slow migration applied once"

# Another process (Prisma, a stuck deploy) holds the lock for 3 s.
add_migration 20240104000000_blocked "CREATE TABLE $(qi Blocked) ($(qi id) INTEGER);"
case $DIALECT in
  sqlite)
    python3 - prisma/dev.db <<'PY' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("PRAGMA locking_mode=EXCLUSIVE")
c.execute("BEGIN EXCLUSIVE"); c.execute("COMMIT")
time.sleep(3)
PY
    H=$!
    lock_held() { ! sqlite3 prisma/dev.db 'BEGIN IMMEDIATE; ROLLBACK' 2>/dev/null; } ;;
  mysql)
    q "SELECT GET_LOCK('prisma_migrate', 10), SLEEP(3)" >/dev/null &
    H=$!
    lock_held() { [ "$(q "SELECT IS_USED_LOCK('prisma_migrate') IS NOT NULL")" = 1 ]; } ;;
  postgres)
    q "SELECT pg_advisory_lock(72707369), pg_sleep(3)" >/dev/null &
    H=$!
    lock_held() { [ "$(q "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 72707369 AND granted")" = 1 ]; } ;;
esac
for _ in $(seq 1 150); do lock_held && break; sleep 0.02; done
expect_true "another session holds the lock" lock_held
start=$(date +%s%N)
run airlock migrate deploy --lock-timeout 0.5
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
expect_code 3
expect_err "P1002"
expect_err "Timed out after 500 ms waiting for the migration lock"
expect_err "raise --lock-timeout"
expect_true "waited about the timeout ($elapsed_ms ms)" test "$elapsed_ms" -ge 450 -a "$elapsed_ms" -lt 2900
wait $H
run airlock migrate deploy
expect_code 0
expect_out 'Applying migration `20240104000000_blocked`'
expect_eq "$(q 'SELECT count(*) FROM _prisma_migrations')" 4 "applied once after the lock was released"
finish
