#!/usr/bin/env bash
# `airlock db backup|restore|verify-backup` on SQLite, end to end: fidelity
# (compared with sqlite3's own .dump), restore by the sqlite3 CLI, damaged
# files refused before anything changes, confirmation, kill -9, a full disk,
# and memory on a table larger than the 100 MB budget.
source "$(dirname "$0")/lib.sh"

mkdir -p prisma
cat > prisma/schema.prisma <<'SCHEMA'
datasource db {
  provider = "sqlite"
  url      = env("DATABASE_URL")
}
model User {
  id   Int    @id @default(autoincrement())
  name String
}
SCHEMA
echo 'DATABASE_URL="file:./dev.db"' > .env

sqlite3 prisma/dev.db <<'SQL'
CREATE TABLE "User" (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL);
CREATE TABLE kinds (i INTEGER, r REAL, t TEXT, b BLOB, n NUMERIC, x);
CREATE TABLE "odd ""name"" 테이블" (k TEXT PRIMARY KEY, v) WITHOUT ROWID;
CREATE INDEX kinds_t ON kinds(t);
CREATE VIEW v AS SELECT count(*) AS c FROM kinds;
CREATE TRIGGER tr AFTER INSERT ON "User" BEGIN SELECT 1; END;
INSERT INTO "User" (name) VALUES ('김철수'), ('emoji 🙂🚀'), ('');
DELETE FROM "User" WHERE name = '';
INSERT INTO kinds VALUES
  (NULL, NULL, NULL, NULL, NULL, NULL),
  (0, 0.0, '', X'', 0, ''),
  (9223372036854775807, 0.1, 'it''s', X'00ff', 1e20, 1.0),
  (-9223372036854775808, -2.5e-300, 'a' || char(10) || 'b', randomblob(32), '007', 9e999);
INSERT INTO "odd ""name"" 테이블" VALUES ('k', 'v'), ('🙂', NULL);
SQL

# Backup to the default place.
run airlock db backup
expect_code 0
expect_out "Backup created: $WORK/backups/backup_manual_"
FILE=$(ls backups/backup_manual_*.sql.zst)
expect_true "backup file name" test -n "$FILE"
expect_true "mode 0600" test "$(stat -c %a "$FILE")" = 600
expect_true "no partial file left" test "$(ls backups | wc -l)" = 1

run airlock db verify-backup "$FILE" --json
expect_code 0
expect_out '"ok":true'
expect_out '"rows":8'

# airlock restore into a new database is identical to the source.
run airlock db restore "$FILE" --url file:./copy.db --yes
expect_code 0
expect_out "Restored"
sqlite3 prisma/dev.db .dump > src.dump
sqlite3 copy.db .dump > copy.dump
expect_file_eq src.dump copy.dump

# The database's own client restores the file too (zstd, gzip, none).
zstd -dc "$FILE" | sqlite3 native.db
sqlite3 native.db .dump > native.dump
expect_file_eq src.dump native.dump
run airlock db backup --compress gzip --out gz/b.sql.gz
expect_code 0
gunzip -c gz/b.sql.gz | sqlite3 native-gz.db
sqlite3 native-gz.db .dump > native-gz.dump
expect_file_eq src.dump native-gz.dump
run airlock db backup --compress none --out plain.sql --tables User
expect_code 0
sqlite3 native-plain.db < plain.sql
expect_true "only User" test "$(sqlite3 native-plain.db "SELECT group_concat(name) FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")" = User

# Restore into the datasource itself asks first; without a terminal it refuses.
sqlite3 prisma/dev.db "INSERT INTO \"User\" (name) VALUES ('after backup')"
run airlock db restore "$FILE"
expect_code 1
expect_err "Pass --yes"
expect_true "nothing changed" test "$(sqlite3 prisma/dev.db "SELECT count(*) FROM \"User\"")" = 3
run airlock db restore "$FILE" --yes
expect_code 0
expect_true "restored" test "$(sqlite3 prisma/dev.db "SELECT count(*) FROM \"User\"")" = 2

# Damaged files: refused by verify-backup and by restore before any change.
sqlite3 prisma/dev.db "INSERT INTO \"User\" (name) VALUES ('keep me')"
size=$(stat -c %s "$FILE")
head -c $((size - 7)) "$FILE" > truncated.sql.zst
run airlock db verify-backup truncated.sql.zst
expect_code 1
expect_err "truncated"
run airlock db restore truncated.sql.zst --yes
expect_code 1
expect_err "truncated"
expect_true "untouched after truncated" test "$(sqlite3 prisma/dev.db "SELECT count(*) FROM \"User\"")" = 3
cp plain.sql flipped.sql
offset=$(grep -bo "김철수" flipped.sql | head -1 | cut -d: -f1)
printf 'X' | dd of=flipped.sql bs=1 seek="$offset" conv=notrunc 2>/dev/null
run airlock db verify-backup flipped.sql
expect_code 1
expect_err "does not match its checksum"
run airlock db restore flipped.sql --yes
expect_code 1
expect_true "untouched after flipped" test "$(sqlite3 prisma/dev.db "SELECT count(*) FROM \"User\"")" = 3
run airlock db verify-backup prisma/schema.prisma
expect_code 1
expect_err "not an airlock backup"

# Bad input: unknown table, unknown compression.
run airlock db backup --tables User,Nope
expect_code 1
expect_err "Nope"
run airlock db backup --compress lz4
expect_code 1
expect_err "zstd, gzip or none"

# A table larger than the memory budget (~300 MB of SQL).
sqlite3 big.db <<'SQL'
CREATE TABLE big (id INTEGER PRIMARY KEY, a TEXT, b BLOB, c REAL);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 600000)
INSERT INTO big SELECT i, hex(randomblob(100)), randomblob(100), i * 0.5 FROM n;
SQL
run /usr/bin/time -f "maxrss_kb=%M" "$AIRLOCK" db backup --url file:./big.db --out big/b.sql.zst --json
expect_code 0
rss=$(grep -o 'maxrss_kb=[0-9]*' "$WORK/.err" | cut -d= -f2)
echo "backup of big.db: max RSS ${rss} kB; $OUT" | cut -c1-300
expect_true "backup RSS < 100 MB (${rss} kB)" test "$rss" -lt 102400
run /usr/bin/time -f "maxrss_kb=%M" "$AIRLOCK" db restore big/b.sql.zst --url file:./big-copy.db --yes --json
expect_code 0
rss=$(grep -o 'maxrss_kb=[0-9]*' "$WORK/.err" | cut -d= -f2)
echo "restore of big.db: max RSS ${rss} kB; $OUT"
expect_true "restore RSS < 100 MB (${rss} kB)" test "$rss" -lt 102400
expect_true "big copy rows" test "$(sqlite3 big-copy.db "SELECT count(*) FROM big")" = 600000
expect_true "big copy content" test \
  "$(sqlite3 big.db "SELECT sum(length(b)), total(unicode(a)), max(hex(b)) FROM big")" = \
  "$(sqlite3 big-copy.db "SELECT sum(length(b)), total(unicode(a)), max(hex(b)) FROM big")"

# kill -9 in the middle of a backup leaves nothing that looks complete.
"$AIRLOCK" db backup --url file:./big.db --out killed/b.sql.zst >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  [ -n "$(ls killed 2>/dev/null)" ] && break
  sleep 0.05
done
sleep 0.3
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
expect_true "no file at the final name after kill -9" test ! -e killed/b.sql.zst
partial=$(ls killed/b.sql.zst.partial-* 2>/dev/null | head -1)
if [ -n "$partial" ]; then
  run airlock db verify-backup "$partial"
  expect_code 1
fi

# A full disk: a clear error and no partial file.
mkdir -p full
if mount -t tmpfs -o size=2m tmpfs full 2>/dev/null; then
  trap 'umount "$WORK/full" 2>/dev/null || true; rm -rf "$WORK"' EXIT
  run airlock db backup --url file:./big.db --out full/b.sql.zst
  umount full
else
  echo "(no tmpfs: injecting the write failure)"
  run env AIRLOCK_TEST_WRITE_LIMIT=2000000 "$AIRLOCK" db backup --url file:./big.db --out full/b.sql.zst
fi
expect_code 1
expect_err "No space left on device"
expect_err "partial file was removed"
expect_true "nothing left on the full disk" test -z "$(ls full)"

finish
