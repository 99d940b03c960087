#!/usr/bin/env bash
# Faults during `airlock db backup|restore` on the real servers:
# - kill -9 in the middle of a backup leaves no file at the final name; the
#   temporary `.partial-<pid>` file is refused by verify-backup and restore
#   (named as the unfinished file it is), and the next backup into the same
#   folder removes it; SIGTERM removes it at once;
# - a full disk (a 2 MB tmpfs) gives a clear error and removes the partial file;
# - kill -9 in the middle of a restore leaves the database marked as
#   incomplete: `db backup` refuses it, `db restore` again repairs it.
# AIRLOCK_TEST_CHUNK_DELAY_MS slows each data chunk down so the kills land in
# the middle (the work itself is real).
# dialects: mysql postgres
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
source "$HERE/dialect_lib.sh"
[ "$DIALECT" = sqlite ] && { echo "SKIP: servers only (see backup_sqlite_test.sh)"; exit 77; }

create_db src
create_db dst
SRC_URL=$(db_url src)
DST_URL=$(db_url dst)

# ~3 MB of incompressible rows: several 1 MB data chunks, > 2 MB compressed.
if [ "$DIALECT" = mysql ]; then
  dq src "CREATE TABLE t (id INT PRIMARY KEY, b BLOB) ENGINE=InnoDB;
    INSERT INTO t SELECT seq, RANDOM_BYTES(1024) FROM seq_1_to_3000;
    CREATE TABLE small (id INT PRIMARY KEY, v VARCHAR(10));
    INSERT INTO small VALUES (1, 'a'), (2, 'b');"
else
  dq src "CREATE TABLE t (id INT PRIMARY KEY, b BYTEA);
    INSERT INTO t SELECT g, decode(string_agg(md5(random()::text || g || i), ''), 'hex')
      FROM generate_series(1, 3000) g, generate_series(1, 64) i GROUP BY g;
    CREATE TABLE small (id INT PRIMARY KEY, v TEXT);
    INSERT INTO small VALUES (1, 'a'), (2, 'b');" >/dev/null
fi
dq dst "CREATE TABLE old_data (id INT PRIMARY KEY); INSERT INTO old_data VALUES (7);" >/dev/null

# Waits (up to ~10 s) until the command given succeeds.
wait_for() {
  local i
  for i in $(seq 1 200); do
    if "$@"; then return 0; fi
    sleep 0.05
  done
  return 1
}
partial_has_data() {
  local f
  f=$(ls k/b.sql.zst.partial-* 2>/dev/null | head -1)
  [ -n "$f" ] && [ "$(stat -c %s "$f")" -gt 100000 ]
}

# --- kill -9 during a backup.
mkdir -p k
AIRLOCK_TEST_CHUNK_DELAY_MS=600 "$AIRLOCK" db backup --url "$SRC_URL" --out k/b.sql.zst --jobs 1 >/dev/null 2>&1 &
pid=$!
expect_true "the backup started writing" wait_for partial_has_data
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
expect_true "no file at the final name after kill -9" test ! -e k/b.sql.zst
partial=$(ls k/b.sql.zst.partial-* 2>/dev/null | head -1)
expect_true "the partial file is named as such" test -n "$partial"
run airlock db verify-backup "$partial"
expect_code 1
expect_err "is not a backup: it is the temporary file of a backup that was interrupted (process $pid is gone)"
run airlock db restore "$partial" --url "$DST_URL" --yes
expect_code 1
expect_err "is not a backup"
expect_true "refused restore kept the data" test "$(dq dst "SELECT id FROM old_data")" = 7
# The next backup into the folder removes the leftover.
run airlock db backup --url "$SRC_URL" --out k/b2.sql.zst
expect_code 0
expect_err "Removed $partial: the unfinished file of an interrupted backup"
expect_true "only the complete backup is left" test "$(ls k)" = b2.sql.zst
run airlock db verify-backup k/b2.sql.zst
expect_code 0

# --- SIGTERM (and Ctrl-C) remove the partial file at once.
AIRLOCK_TEST_CHUNK_DELAY_MS=600 "$AIRLOCK" db backup --url "$SRC_URL" --out k/b.sql.zst --jobs 1 >/dev/null 2>&1 &
pid=$!
expect_true "the backup started writing" wait_for partial_has_data
kill -TERM "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
expect_true "SIGTERM: nothing but the earlier backup" test "$(ls k)" = b2.sql.zst

# --- A full disk.
mkdir -p full
if mount -t tmpfs -o size=2m tmpfs full 2>/dev/null; then
  trap 'umount "$WORK/full" 2>/dev/null || true; drop_test_databases >/dev/null 2>&1; rm -rf "$WORK"' EXIT
  run airlock db backup --url "$SRC_URL" --out full/b.sql.zst --jobs 2
  expect_code 1
  expect_err "No space left on device"
  expect_err "The partial file was removed"
  expect_true "nothing left on the full disk" test -z "$(ls -A full)"
  umount full
else
  echo "SKIP (full disk part): mounting a tmpfs is not permitted here"
fi

# --- kill -9 during a restore.
run airlock db backup --url "$SRC_URL" --out good.sql.zst --jobs 2
expect_code 0
restored_some() { [ "$(dq dst "SELECT COUNT(*) FROM t" 2>/dev/null || echo 0)" -gt 0 ]; }
AIRLOCK_TEST_CHUNK_DELAY_MS=1500 "$AIRLOCK" db restore good.sql.zst --url "$DST_URL" --yes --jobs 2 >/dev/null 2>&1 &
pid=$!
expect_true "the restore started loading" wait_for restored_some
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
rows=$(dq dst "SELECT COUNT(*) FROM t")
expect_true "killed in the middle ($rows of 3000 rows)" test "$rows" -lt 3000
expect_true "the database is marked incomplete" \
  test "$(dq dst "SELECT COUNT(*) FROM _airlock_restore_incomplete")" = 1
run airlock db backup --url "$DST_URL" --out half.sql.zst
expect_code 1
expect_err "is incomplete: a restore of \"$WORK/good.sql.zst\" started at"
expect_err "No backup was taken"
expect_true "no backup of the half-restored database" test ! -e half.sql.zst
mkdir -p deploy/migrations/1_add
printf 'CREATE TABLE %s (id INT PRIMARY KEY);' "$(qi after_restore)" >deploy/migrations/1_add/migration.sql
printf 'datasource db {\n  provider = "%s"\n  url      = env("DATABASE_URL")\n}\n' "$PROVIDER" >deploy/schema.prisma
DATABASE_URL="$DST_URL" run airlock migrate deploy --schema deploy/schema.prisma
expect_code 1
expect_err "is incomplete: a restore of \"$WORK/good.sql.zst\" started at"
expect_err "No migration was applied"
expect_true "nothing migrated on the half-restored database" \
  test -z "$(dq dst "SELECT 1 FROM information_schema.tables WHERE table_name = 'after_restore'")"
run airlock db restore good.sql.zst --url "$DST_URL" --yes --jobs 2
expect_code 0
expect_err "The database holds an unfinished restore of \"$WORK/good.sql.zst\""
expect_true "restored again: every row" test "$(dq dst "SELECT COUNT(*) FROM t")" = 3000
if [ "$DIALECT" = mysql ]; then sum="SELECT SUM(CRC32(b)), COUNT(*) FROM t"; else sum="SELECT md5(string_agg(md5(b), '' ORDER BY id)) FROM t"; fi
expect_true "restored again: same data" test "$(dq dst "$sum")" = "$(dq src "$sum")"
expect_true "the marker is gone" test -z "$(dq dst "SELECT 1 FROM information_schema.tables WHERE table_name = '_airlock_restore_incomplete' AND table_schema = $( [ "$DIALECT" = mysql ] && echo 'DATABASE()' || echo "'public'")")"
run airlock db backup --url "$DST_URL" --out again.sql.zst
expect_code 0

finish
