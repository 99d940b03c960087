#!/usr/bin/env bash
# The seal of compressed backups (src/backup/seal.h), end to end on SQLite:
# `zstd -dc`, `gunzip -c`, `zcat` output exactly the SQL (the seal adds
# nothing), and every damage (a flipped byte in the data or in the seal, a cut
# before or inside the seal, data appended) is refused by verify-backup and by
# restore before the target changes; a file whose seal was cut off exactly,
# and a plain .sql file, still restore (full check).
source "$(dirname "$0")/lib.sh"

sqlite3 src.db <<'SQL'
CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
INSERT INTO t SELECT i, hex(randomblob(24)) FROM n;
CREATE TABLE "odd ""name"" 테이블" (k TEXT);
INSERT INTO "odd ""name"" 테이블" VALUES ('🙂');
SQL

run airlock db backup --url file:./src.db --out z.sql.zst
expect_code 0
run airlock db backup --url file:./src.db --out g.sql.gz --compress gzip
expect_code 0
run airlock db backup --url file:./src.db --out p.sql --compress none
expect_code 0

# Offset of the seal: its last line gives its size; zstd wraps it in 8
# bytes, gzip in 21.
seal_start() {
  local f=$1 overhead=$2 tailbytes=$3 size
  size=$(tail -c "$tailbytes" "$f" | head -c 105 | sed -n 's/^airlock-seal-end size=\([0-9]\{10\}\) sha256=[0-9a-f]\{64\}$/\1/p')
  [ -n "$size" ] || { echo 0; return; }
  echo $(( $(stat -c %s "$f") - overhead - 10#$size ))
}
zstart=$(seal_start z.sql.zst 8 105)
gstart=$(seal_start g.sql.gz 21 116)
expect_true "zstd file is sealed" test "$zstart" -gt 0
expect_true "gzip file is sealed" test "$gstart" -gt 0
expect_true "plain file has no seal" test -z "$(grep -a airlock-seal p.sql)"

# The decompressors output the same SQL with or without the seal.
zstd -dc z.sql.zst > z.out
head -c "$zstart" z.sql.zst | zstd -dc > z.noseal.out
expect_file_eq z.out z.noseal.out
expect_true "zstd output ends with the end line" \
  test "$(tail -n 1 z.out | cut -c1-15)" = "-- airlock:end "
expect_true "zstd -t" zstd -q -t z.sql.zst
gunzip -c g.sql.gz > g.out
head -c "$gstart" g.sql.gz | gunzip -c > g.noseal.out
expect_file_eq g.out g.noseal.out
zcat g.sql.gz > g.zcat.out
expect_file_eq g.out g.zcat.out
expect_true "gzip -t" gzip -t g.sql.gz
expect_true "gzip output ends with the end line" \
  test "$(tail -n 1 g.out | cut -c1-15)" = "-- airlock:end "
# The SQL is the plain backup's, but for the header and checksums.
expect_true "same rows as the plain file" \
  test "$(grep -c '^INSERT' z.out)" = "$(grep -c '^INSERT' p.sql)"

run airlock db verify-backup z.sql.zst
expect_code 0
run airlock db verify-backup g.sql.gz
expect_code 0

# The target: restored once, then marked; a refused restore must leave it.
run airlock db restore z.sql.zst --url file:./target.db --yes
expect_code 0
sqlite3 target.db 'INSERT INTO t (v) VALUES ('"'"'keep me'"'"')'
untouched() {
  test "$(sqlite3 target.db "SELECT count(*) FROM t WHERE v = 'keep me'")" = 1 &&
    test "$(sqlite3 target.db "SELECT count(*) FROM t")" = 20001
}

flip() {  # flip FILE OFFSET OUT
  cp "$1" "$3"
  local byte
  byte=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
  printf "\\$(printf '%03o' $(( byte ^ 0x10 )))" |
    dd of="$3" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

refused() {  # refused FILE WHAT MESSAGE
  run airlock db verify-backup "$1"
  expect_code 1
  expect_err "$3"
  expect_err "$1"
  run airlock db restore "$1" --url file:./target.db --yes
  expect_code 1
  expect_err "$3"
  expect_true "target untouched after $2" untouched
}

for f in z.sql.zst g.sql.gz; do
  if [ "$f" = z.sql.zst ]; then start=$zstart; ext=sql.zst; else start=$gstart; ext=sql.gz; fi
  size=$(stat -c %s "$f")
  flip "$f" $((start / 2)) "flip-data.$ext"
  refused "flip-data.$ext" "a flip in the data of $f" "is corrupt"
  flip "$f" $((start + 40)) "flip-seal.$ext"
  refused "flip-seal.$ext" "a flip in the seal of $f" "seal"
  flip "$f" $((size - 20)) "flip-seal-end.$ext"
  refused "flip-seal-end.$ext" "a flip in the seal's last line of $f" "seal"
  head -c $((size - 30)) "$f" > "cut-in-seal.$ext"
  refused "cut-in-seal.$ext" "a cut inside the seal of $f" "truncated"
  head -c $((start - 10)) "$f" > "cut-before-seal.$ext"
  refused "cut-before-seal.$ext" "a cut before the seal of $f" "truncated"
  { cat "$f"; printf 'garbage'; } > "appended.$ext"
  refused "appended.$ext" "garbage appended to $f" "corrupt"
  { cat "$f"; tail -c $((size - start)) "$f"; } > "two-seals.$ext"
  refused "two-seals.$ext" "a second seal appended to $f" "seal"

  # The seal cut off exactly: an unsealed file, checked in full, restores.
  head -c "$start" "$f" > "noseal.$ext"
  run airlock db verify-backup "noseal.$ext"
  expect_code 0
  run airlock db restore "noseal.$ext" --url "file:./noseal-$ext.db" --yes
  expect_code 0
  expect_true "restored without the seal ($f)" \
    test "$(sqlite3 "noseal-$ext.db" "SELECT count(*) FROM t")" = 20000
done

# A plain file (never sealed) restores after the full check.
run airlock db restore p.sql --url file:./plain.db --yes
expect_code 0
expect_true "plain restored" test "$(sqlite3 plain.db "SELECT count(*) FROM t")" = 20000
# And the sealed files restore as before.
run airlock db restore g.sql.gz --url file:./target.db --yes
expect_code 0
expect_true "gzip restored" test "$(sqlite3 target.db "SELECT count(*) FROM t")" = 20000

finish
