#!/usr/bin/env bash
# `airlock db backup|restore` on the real servers: a database with every
# column type and edge value -> backup -> restore into an empty database ->
# identical (every row of every table checksummed, definitions compared), and
# the same file restored by the database's own client. Also: errors for a
# missing table, a wrong password, a server that is down, and a damaged file
# refused before anything is dropped.
# dialects: mysql postgres
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
source "$HERE/dialect_lib.sh"
[ "$DIALECT" = sqlite ] && { echo "SKIP: servers only (see backup_sqlite_test.sh)"; exit 77; }

create_db src
create_db dst
create_db native

# Several statements, every result printed (psql -c prints only the last).
dqf() {
  PGPASSWORD=$_db_pass psql -X -q -A -t -F $'\t' -v ON_ERROR_STOP=1 \
    -h "$_db_host" -p "$_db_port" -U "$_db_user" -d "$(db_name "$1")" -f - <<<"$2"
}

if [ "$DIALECT" = mysql ]; then
  dq src "
CREATE TABLE kinds (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  ti TINYINT, tu TINYINT UNSIGNED, si SMALLINT, mi MEDIUMINT UNSIGNED,
  bi BIGINT, bu BIGINT UNSIGNED, de DECIMAL(65,30), d2 DECIMAL(10,2),
  fl FLOAT, fd FLOAT(7,4), db DOUBLE, b1 BIT(1), b64 BIT(64),
  ch CHAR(10), vc VARCHAR(255), tx TEXT, lt LONGTEXT,
  bn BINARY(4), vb VARBINARY(300), bl BLOB, lb LONGBLOB,
  dt DATE, dtm DATETIME, dt3 DATETIME(3), dt6 DATETIME(6), ts TIMESTAMP(3) NULL,
  tm TIME(6), yr YEAR, js JSON, en ENUM('a','b','c d'), st SET('x','y','z'),
  lat VARCHAR(20) CHARACTER SET latin1, uu UUID, ip INET6, pt POINT NULL,
  gen INT AS (ti + 1) VIRTUAL, gens VARCHAR(40) AS (CONCAT(vc, '!')) PERSISTENT,
  KEY kinds_vc (vc), UNIQUE KEY kinds_bi (bi), FULLTEXT KEY kinds_tx (tx)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO';
SET time_zone = '+00:00';
INSERT INTO kinds (id) VALUES (0);
INSERT INTO kinds (ti) VALUES (NULL);
INSERT INTO kinds (ti, tu, si, mi, bi, bu, de, d2, fl, fd, db, b1, b64, ch, vc, tx, lt,
  bn, vb, bl, lb, dt, dtm, dt3, dt6, ts, tm, yr, js, en, st, lat, uu, ip, pt) VALUES
 (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, b'0', 0, '', '', '', '', '', '', '', '',
  '0000-00-00', '0000-00-00 00:00:00', '0000-00-00 00:00:00.000', '1000-01-01 00:00:00.000000',
  '1970-01-01 00:00:01.000', '00:00:00', 0, '{}', 'a', '', '', '00000000-0000-0000-0000-000000000000', '::', NULL),
 (127, 255, 32767, 16777215, 9223372036854775807, 18446744073709551615,
  99999999999999999999999999999999999.999999999999999999999999999999, 99999999.99,
  3.4028234e38, 123.4567, 1.7976931348623157e308, b'1', b'1111111111111111111111111111111111111111111111111111111111111111',
  'ten chars!', '김철수 emoji 🙂🚀 \"quoted\" it''s back\\\\slash', CONCAT('nul', CHAR(0), 'tab\tnl\nret\rctrlz', CHAR(26)),
  REPEAT('long 🙂 ', 20000), 0x00ff7f80, UNHEX(REPEAT('00FF1A5C270A0D22', 30)), X'', RANDOM_BYTES(1024),
  '9999-12-31', '9999-12-31 23:59:59', '2024-02-29 12:34:56.789', '2024-02-29 12:34:56.123456',
  '2038-01-19 03:14:07.999', '838:59:59.000000', 2155, '{\"k\": [1, 2.5, \"한국어\", null, true], \"e\": \"🙂\"}',
  'c d', 'x,z', 'Grüße', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '2001:db8::ff00:42:8329', ST_GeomFromText('POINT(1.5 -2.25)')),
 (-128, 1, -32768, 1, -9223372036854775808, 1,
  -99999999999999999999999999999999999.999999999999999999999999999999, -0.01,
  0.1234567, -0.0001, 2.2250738585072014e-308, NULL, b'1010', ' pad', ' trailing ', 'NULL', 'null',
  0x20, 0x00, 0x00, 0x0000, '2000-01-00', '2000-00-01 00:00:00', '1999-12-31 23:59:59.999', NULL,
  NULL, '-838:59:59.000000', 1901, '[]', NULL, 'x,y,z', NULL, NULL, NULL, NULL);
CREATE TABLE \`odd \`\`name\`\` 테이블\` (k VARCHAR(20) PRIMARY KEY, v INT) ENGINE=InnoDB;
INSERT INTO \`odd \`\`name\`\` 테이블\` VALUES ('🙂', NULL), ('k', 1);
CREATE TABLE parent (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50) NOT NULL) ENGINE=InnoDB;
CREATE TABLE child (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, parent_id BIGINT NOT NULL, note TEXT,
  CONSTRAINT child_parent FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE CASCADE) ENGINE=InnoDB;
CREATE TABLE audit (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, what VARCHAR(100)) ENGINE=InnoDB;
-- A foreign key to a UNIQUE key (not the primary key) of a table that sorts
-- after it: the referenced key must exist before the foreign key is added.
CREATE TABLE account (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, email VARCHAR(100) NOT NULL,
  UNIQUE KEY account_email (email)) ENGINE=InnoDB;
CREATE TABLE a_login (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, email VARCHAR(100) NOT NULL,
  KEY a_login_at (id, email),
  CONSTRAINT a_login_email FOREIGN KEY (email) REFERENCES account (email)) ENGINE=InnoDB;
INSERT INTO account (email) SELECT CONCAT('u', seq, '@example.com') FROM seq_1_to_50;
INSERT INTO a_login (email) SELECT CONCAT('u', 1 + seq % 50, '@example.com') FROM seq_1_to_200;
INSERT INTO parent (name) SELECT CONCAT('p', seq) FROM seq_1_to_500;
INSERT INTO child (parent_id, note) SELECT 1 + seq % 500, REPEAT('n', seq % 300) FROM seq_1_to_3000;
DELETE FROM parent WHERE id > 490;
CREATE TABLE empty_one (id INT PRIMARY KEY) ENGINE=InnoDB;
CREATE TABLE myisam_one (id INT PRIMARY KEY, v VARCHAR(10)) ENGINE=MyISAM;
INSERT INTO myisam_one VALUES (1, 'a');
CREATE SEQUENCE seq_orders START WITH 100 INCREMENT BY 5;
DO NEXTVAL(seq_orders); DO NEXTVAL(seq_orders);
CREATE VIEW v_parent AS SELECT id, name FROM parent WHERE id < 10;
CREATE VIEW v_on_view AS SELECT COUNT(*) AS n FROM v_parent;
DELIMITER //
CREATE TRIGGER child_audit AFTER INSERT ON child FOR EACH ROW
BEGIN
  INSERT INTO audit (what) VALUES (CONCAT('child ', NEW.id));
  INSERT INTO audit (what) VALUES ('second; statement');
END//
CREATE FUNCTION twice(x INT) RETURNS INT DETERMINISTIC RETURN x * 2//
CREATE PROCEDURE add_parent(IN n VARCHAR(50))
BEGIN
  INSERT INTO parent (name) VALUES (n);
  SELECT LAST_INSERT_ID();
END//
DELIMITER ;
"
  # What must survive: every row (FLOAT as its exact double), definitions.
  # One client call per snapshot.
  snapshot() {
    local db=$1 out=$2 t sql=''
    for t in $(dq "$db" "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME NOT LIKE 'odd%' ORDER BY 1"); do
      sql+="SHOW CREATE TABLE \`$t\`; SELECT * FROM \`$t\` ORDER BY 1; SELECT COUNT(*) FROM \`$t\`;"
    done
    sql+="SELECT id, CAST(fl AS DOUBLE), CAST(fd AS DOUBLE), HEX(b64), HEX(bl), HEX(lb), HEX(pt), lt IS NULL, tx IS NULL, vb IS NULL, LENGTH(lt), dt3, ts FROM kinds ORDER BY id;
      SELECT k, v, v IS NULL FROM \`odd \`\`name\`\` 테이블\` ORDER BY k;
      SHOW CREATE TABLE \`odd \`\`name\`\` 테이블\`;
      SHOW CREATE SEQUENCE seq_orders; SELECT next_not_cached_value FROM seq_orders;
      SELECT TABLE_NAME, REPLACE(VIEW_DEFINITION, DATABASE(), 'DB') FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE() ORDER BY 1;
      SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, ACTION_STATEMENT FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() ORDER BY 1;
      SELECT ROUTINE_NAME, ROUTINE_TYPE, ROUTINE_DEFINITION FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE() ORDER BY 1;
      SELECT v_on_view.n, twice(21) FROM v_on_view;"
    dq "$db" "$sql" >"$out"
  }
  native_restore() {
    MYSQL_PWD=$_db_pass mariadb --no-defaults -h "$_db_host" -P "$_db_port" \
      -u "$_db_user" "$(db_name "$1")"
  }
else
  dqf src "
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy 🙂');
CREATE SEQUENCE standalone_seq START 100 INCREMENT 5;
SELECT nextval('standalone_seq'); SELECT nextval('standalone_seq');
CREATE TABLE kinds (
  id SERIAL PRIMARY KEY, i2 SMALLINT, i4 INTEGER, i8 BIGINT, nu NUMERIC(65,30), nn NUMERIC,
  r4 REAL, r8 DOUBLE PRECISION, bo BOOLEAN, tx TEXT, vc VARCHAR(255), ch CHAR(10),
  by BYTEA, dt DATE, ts TIMESTAMP(3), tz TIMESTAMPTZ, tm TIME, ti INTERVAL, js JSON, jb JSONB,
  uu UUID, ip INET, ar INTEGER[], ta TEXT[], mo mood, bits BIT VARYING(70), mn MONEY,
  gen INTEGER GENERATED ALWAYS AS (i4 / 2) STORED,
  ident BIGINT GENERATED BY DEFAULT AS IDENTITY,
  created TIMESTAMP NOT NULL DEFAULT now()
);
CREATE INDEX kinds_tx ON kinds (tx);
CREATE UNIQUE INDEX kinds_i8 ON kinds (i8) WHERE i8 IS NOT NULL;
INSERT INTO kinds (i4) VALUES (NULL);
INSERT INTO kinds (i2, i4, i8, nu, nn, r4, r8, bo, tx, vc, ch, by, dt, ts, tz, tm, ti, js, jb, uu, ip, ar, ta, mo, bits, mn) VALUES
 (0, 0, 0, 0, 0, 0, 0, false, '', '', '', '', '2000-01-01', '2000-01-01', '2000-01-01 00:00+00', '00:00', '0', '{}', '{}',
  '00000000-0000-0000-0000-000000000000', '0.0.0.0', '{}', '{}', 'sad', B'', 0),
 (32767, 2147483647, 9223372036854775807, 99999999999999999999999999999999999.999999999999999999999999999999,
  1e-100, 3.4028235e38, 1.7976931348623157e308, true, E'김철수 emoji 🙂🚀 \"q\" it''s back\\\\slash\ttab\nnl\rret',
  repeat('v', 255), 'ten chars!', decode(repeat('00ff1a5c270a0d22', 30), 'hex'), '294276-12-31', '2024-02-29 12:34:56.789',
  '2024-02-29 12:34:56.123456+09', '23:59:59.999999', '1 year 2 mons -3 days 04:05:06.789', '{\"k\": [1, 2.5, \"한국어\", null]}',
  '{\"k\": [1, 2.5, \"한국어\", null]}', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '2001:db8::ff00:42:8329/64',
  '{1,NULL,3}', ARRAY['a,b', NULL, 'c\"d', '', 'NULL'], 'happy 🙂', B'1010101', '92233720368547758.07'),
 (-32768, -2147483648, -9223372036854775808, -0.000000000000000000000000000001, 'NaN', 'Infinity', '-Infinity', NULL,
  'NULL', NULL, ' pad', '\\\\x00'::bytea, '-infinity', 'infinity', '4713-01-01 BC', NULL, NULL, 'null', 'null',
  NULL, NULL, NULL, NULL, 'ok', NULL, '-92233720368547758.08');
INSERT INTO kinds (r4, r8) VALUES (0.1234567, 0.1), (1.17549435e-38, 4.9e-324);
CREATE TABLE \"odd \"\"name\"\" 테이블\" (k TEXT PRIMARY KEY, v INT);
INSERT INTO \"odd \"\"name\"\" 테이블\" VALUES ('🙂', NULL), ('k', 1);
CREATE TABLE parent (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE child (id SERIAL PRIMARY KEY, parent_id BIGINT NOT NULL REFERENCES parent (id) ON DELETE CASCADE, note TEXT);
CREATE TABLE self_ref (id INT PRIMARY KEY, up INT REFERENCES self_ref (id));
INSERT INTO parent (name) SELECT 'p' || g FROM generate_series(1, 500) g;
INSERT INTO child (parent_id, note) SELECT 1 + g % 500, repeat('n', g % 300) FROM generate_series(1, 3000) g;
DELETE FROM parent WHERE id > 490;
INSERT INTO self_ref VALUES (1, NULL), (2, 1), (3, 2);
CREATE TABLE empty_one (id INT PRIMARY KEY);
CREATE VIEW v_parent AS SELECT id, name FROM parent WHERE id < 10;
-- Keys restore builds as unique indexes and then attaches: INCLUDE, NULLS
-- NOT DISTINCT, deferrable ones, and a foreign key to a UNIQUE key.
CREATE TABLE uniq_kinds (a INT NOT NULL, b INT, c TEXT, PRIMARY KEY (a) INCLUDE (c),
  UNIQUE NULLS NOT DISTINCT (b), CONSTRAINT uk_def UNIQUE (c) DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT uk_imm UNIQUE (b, c) DEFERRABLE);
INSERT INTO uniq_kinds SELECT g, CASE WHEN g = 1 THEN NULL ELSE g END, 'c' || g FROM generate_series(1, 300) g;
CREATE TABLE a_ref (id INT PRIMARY KEY, pname TEXT REFERENCES parent (name));
INSERT INTO a_ref SELECT g, 'p' || g FROM generate_series(1, 50) g;
" >/dev/null
  snapshot() {
    local db=$1 out=$2 t sql=''
    for t in $(dq "$db" "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'odd%' ORDER BY 1"); do
      sql+="SELECT attname, format_type(atttypid, atttypmod), attnotnull, pg_get_expr(adbin, adrelid), attidentity, attgenerated FROM pg_attribute LEFT JOIN pg_attrdef ON adrelid = attrelid AND adnum = attnum WHERE attrelid = 'public.\"$t\"'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum;
        SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = '$t' ORDER BY 1;
        SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'public.\"$t\"'::regclass ORDER BY 1;
        SELECT * FROM \"$t\" ORDER BY 1; SELECT count(*) FROM \"$t\";
"
    done
    sql+="SELECT id, r4::float8, r8, encode(by, 'hex'), tz, tx IS NULL FROM kinds ORDER BY id;
      SELECT k, v, v IS NULL FROM \"odd \"\"name\"\" 테이블\" ORDER BY k;
      SELECT sequencename, start_value, increment_by, last_value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1;
      SELECT nextval('standalone_seq'), nextval('kinds_id_seq');
      SELECT enum_range(NULL::mood);
      SELECT viewname, definition FROM pg_views WHERE schemaname = 'public' ORDER BY 1;"
    dqf "$db" "$sql" >"$out"
  }
  native_restore() {
    PGPASSWORD=$_db_pass psql -X -q -v ON_ERROR_STOP=1 -h "$_db_host" -p "$_db_port" \
      -U "$_db_user" -d "$(db_name "$1")" -f - >/dev/null
  }
fi

SRC_URL=$(db_url src)
run airlock db backup --url "$SRC_URL" --out b.sql.zst --jobs 2 --json
expect_code 0
expect_out '"ok":true'
KINDS_ROWS=5
[ "$DIALECT" = postgres ] && KINDS_ROWS=6
expect_true "kinds rows counted" grep -qE '"rows":'$KINDS_ROWS',"sha256":"[0-9a-f]{64}","table":"kinds"' .out

run airlock db verify-backup b.sql.zst
expect_code 0

# Large tables are read in key ranges by several workers: with tiny pieces,
# the same rows come out (checked with the full restore below). MySQL: small
# tables keep their keys in CREATE TABLE; here every table is "large", so
# keys and foreign keys come after the data, as for large tables.
AIRLOCK_TEST_PIECE_BYTES=8192 AIRLOCK_TEST_INLINE_KEYS_BYTES=0 \
  run airlock db backup --url "$SRC_URL" --out pieces.sql.zst --jobs 3 --json
expect_code 0
expect_true "child in several pieces" test "$(zstd -dc pieces.sql.zst | grep -c '^-- airlock:data .*table="child"')" -gt 1
if [ "$DIALECT" = mysql ]; then
  expect_true "large tables: keys after the data" \
    bash -c "zstd -dc pieces.sql.zst | grep -q '^ALTER TABLE \`child\` ADD KEY'"
  expect_true "large tables: foreign keys at the end" \
    bash -c "zstd -dc pieces.sql.zst | grep -q '^ALTER TABLE \`a_login\` ADD CONSTRAINT'"
  expect_true "small tables: keys in CREATE TABLE" \
    bash -c "! zstd -dc b.sql.zst | grep -q '^ALTER TABLE .* ADD '"
fi
run airlock db restore pieces.sql.zst --url "$(db_url native)" --yes --jobs 3
expect_code 0
snapshot native pieces.snap

run airlock db restore b.sql.zst --url "$(db_url dst)" --yes --jobs 2 --json
expect_code 0
expect_out '"ok":true'

snapshot src src.snap
snapshot dst dst.snap
expect_true "the snapshot holds every row" test "$(wc -l <src.snap)" -gt 3400
expect_file_eq src.snap dst.snap
expect_file_eq src.snap pieces.snap
[ "$FAILED" -gt 0 ] && diff src.snap dst.snap | head -40

# The database's own client restores the same file.
zstd -dc b.sql.zst | native_restore native
expect_true "native client restore" test "${PIPESTATUS[1]:-0}" = 0
snapshot native native.snap
expect_file_eq src.snap native.snap
[ "$FAILED" -gt 0 ] && diff src.snap native.snap | head -40

# A second restore over a database that has data replaces it.
run airlock db restore b.sql.zst --url "$(db_url native)" --yes --jobs 1
expect_code 0
snapshot native native2.snap
expect_file_eq src.snap native2.snap

# --tables: a missing table is named; the others are listed.
run airlock db backup --url "$SRC_URL" --out t.sql.zst --tables parent,nope
expect_code 1
expect_err "Table(s) not found in the database: nope"
expect_true "no file for a failed backup" test ! -e t.sql.zst

# A damaged file is refused before anything is dropped.
head -c 3000 b.sql.zst > trunc.sql.zst
run airlock db restore trunc.sql.zst --url "$(db_url dst)" --yes
expect_code 1
expect_err "truncated"
zstd -dc b.sql.zst > plain.sql
python3 - <<'PY'
data = bytearray(open("plain.sql", "rb").read())
i = data.index(b"-- airlock:data") + 300
data[i] ^= 0x01
open("flip.sql", "wb").write(data)
PY
run airlock db restore flip.sql --url "$(db_url dst)" --yes
expect_code 1
expect_err "corrupt"
expect_true "data kept after refused restores" test "$(dq dst "SELECT COUNT(*) FROM child")" = 2940

# Wrong password and a server that is down: clear errors, no secret shown.
BAD_URL=$(echo "$SRC_URL" | sed -E 's#://([^:]*):[^@]*@#://\1:wrong-secret@#')
run airlock db backup --url "$BAD_URL" --out w.sql.zst
expect_code 1
expect_err "Authentication failed"
expect_no_err "wrong-secret"
DOWN_URL=$(echo "$SRC_URL" | sed -E "s#@[^/]*/#@127.0.0.1:1/#")
run airlock db backup --url "$DOWN_URL" --out w.sql.zst
expect_code 1
expect_err "Can't reach database server"
expect_true "no file for failed backups" test ! -e w.sql.zst

finish
