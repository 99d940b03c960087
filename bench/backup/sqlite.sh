#!/usr/bin/env bash
# Backup/restore benchmark on SQLite (not part of `make test`):
#   bench/backup/sqlite.sh [AIRLOCK_BINARY] [ROWS]
# Generates a database (ROWS rows of ~330 bytes of SQL each; default 3,000,000
# ~ 1 GB of SQL), then compares `airlock db backup` with `sqlite3 .dump | zstd`
# and `airlock db restore` with `zstd -dc | sqlite3`, printing wall time and
# peak memory (max RSS) of each.
set -euo pipefail
AIRLOCK=$(realpath "${1:-build/airlock}")
ROWS=${2:-3000000}
D=$(mktemp -d /tmp/airlock-bench-backup.XXXXXX)
trap 'rm -rf "$D"' EXIT
cd "$D"
sqlite3 src.db <<SQL
CREATE TABLE big (id INTEGER PRIMARY KEY, a TEXT, b BLOB, c REAL, d TEXT);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $ROWS)
INSERT INTO big SELECT i, hex(randomblob(50)), randomblob(50), i * 0.25,
  'name ' || (i % 1000) || ' 김철수 🙂' FROM n;
CREATE INDEX big_d ON big(d);
SQL
measure() {  # name command...
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o t.txt bash -c "$*" >/dev/null 2>&1
  read -r secs kb < t.txt
  printf '%-34s %8.2f s %8d MB\n' "$name" "$secs" "$((kb / 1024))"
}
echo "SQLite: $ROWS rows, database $(du -h src.db | cut -f1)"
printf '%-34s %10s %11s\n' tool time "peak RSS"
measure "airlock db backup (zstd)" "$AIRLOCK db backup --url file:./src.db --out a.sql.zst"
measure "sqlite3 .dump | zstd" "sqlite3 src.db .dump | zstd -q -o d.sql.zst"
measure "airlock db restore" "$AIRLOCK db restore a.sql.zst --url file:./r1.db --yes"
measure "zstd -dc | sqlite3" "zstd -dc d.sql.zst | sqlite3 r2.db"
measure "airlock db verify-backup" "$AIRLOCK db verify-backup a.sql.zst"
ls -l a.sql.zst d.sql.zst | awk '{print $9, $5}'
