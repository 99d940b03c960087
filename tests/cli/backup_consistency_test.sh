#!/usr/bin/env bash
# A backup taken while the application writes is one consistent snapshot:
# a server-side writer keeps moving money between accounts (each transfer
# updates two rows of `accounts` and inserts one `transfers` row in one
# transaction) while `airlock db backup --jobs 3` reads the tables on
# separate connections, in key ranges. The restored copy must keep the
# invariants: the total is unchanged and every balance equals its opening
# amount plus the transfers recorded in the other table.
# dialects: mysql postgres
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
source "$HERE/dialect_lib.sh"
[ "$DIALECT" = sqlite ] && { echo "SKIP: servers only (SQLite: one read transaction)"; exit 77; }

create_db src
create_db copy
ACCOUNTS=200
if [ "$DIALECT" = mysql ]; then
  dq src "
CREATE TABLE accounts (id INT PRIMARY KEY, balance BIGINT NOT NULL) ENGINE=InnoDB;
CREATE TABLE transfers (id INT AUTO_INCREMENT PRIMARY KEY, src INT NOT NULL, dst INT NOT NULL, amount INT NOT NULL) ENGINE=InnoDB;
CREATE TABLE filler (id INT PRIMARY KEY, pad VARCHAR(2000)) ENGINE=InnoDB;
INSERT INTO accounts SELECT seq, 1000 FROM seq_1_to_$ACCOUNTS;
INSERT INTO filler SELECT seq, REPEAT(MD5(seq), 60) FROM seq_1_to_10000;
CREATE TABLE go (n INT);
DELIMITER //
CREATE PROCEDURE writer(n INT)
BEGIN
  DECLARE i INT DEFAULT 0;
  DECLARE s INT; DECLARE d INT; DECLARE a INT;
  WHILE i < n AND NOT EXISTS (SELECT 1 FROM go) DO
    SET s = 1 + FLOOR(RAND() * $ACCOUNTS), d = 1 + FLOOR(RAND() * $ACCOUNTS), a = 1 + FLOOR(RAND() * 50);
    START TRANSACTION;
    UPDATE accounts SET balance = balance - a WHERE id = s;
    INSERT INTO transfers (src, dst, amount) VALUES (s, d, a);
    UPDATE accounts SET balance = balance + a WHERE id = d;
    COMMIT;
    SET i = i + 1;
  END WHILE;
END//
DELIMITER ;
"
  writer() { dq src "CALL writer(1000000)"; }
  stop_writer() { dq src "INSERT INTO go VALUES (1)"; }
else
  dq src "
CREATE TABLE accounts (id INT PRIMARY KEY, balance BIGINT NOT NULL);
CREATE TABLE transfers (id SERIAL PRIMARY KEY, src INT NOT NULL, dst INT NOT NULL, amount INT NOT NULL);
CREATE TABLE filler (id INT PRIMARY KEY, pad TEXT);
CREATE TABLE go (n INT);
INSERT INTO accounts SELECT g, 1000 FROM generate_series(1, $ACCOUNTS) g;
INSERT INTO filler SELECT g, repeat(md5(g::text), 60) FROM generate_series(1, 10000) g;
CREATE PROCEDURE writer(n INT) LANGUAGE plpgsql AS \$\$
DECLARE s INT; d INT; a INT;
BEGIN
  FOR i IN 1..n LOOP
    EXIT WHEN EXISTS (SELECT 1 FROM go);
    s := 1 + floor(random() * $ACCOUNTS); d := 1 + floor(random() * $ACCOUNTS); a := 1 + floor(random() * 50);
    UPDATE accounts SET balance = balance - a WHERE id = s;
    INSERT INTO transfers (src, dst, amount) VALUES (s, d, a);
    UPDATE accounts SET balance = balance + a WHERE id = d;
    COMMIT;
  END LOOP;
END \$\$;
" >/dev/null
  writer() { dq src "CALL writer(1000000)"; }
  stop_writer() { dq src "INSERT INTO go VALUES (1)"; }
fi

writer >/dev/null 2>&1 &
WRITER=$!
# Wait until the writer is going.
for _ in $(seq 1 50); do
  [ "$(dq src "SELECT COUNT(*) FROM transfers")" -gt 200 ] && break
  sleep 0.1
done
BEFORE=$(dq src "SELECT COUNT(*) FROM transfers")
AIRLOCK_TEST_PIECE_BYTES=16384 run airlock db backup --url "$(db_url src)" --out c.sql.zst --jobs 3 --json
expect_code 0
AFTER=$(dq src "SELECT COUNT(*) FROM transfers")
stop_writer
wait "$WRITER" || true
expect_true "the writer ran during the backup ($BEFORE -> $AFTER)" test "$AFTER" -gt "$BEFORE"
# (MariaDB sizes tables from InnoDB statistics, which lag behind inserts.)
[ "$DIALECT" = postgres ] && expect_true "transfers read in several pieces" test "$(zstd -dc c.sql.zst | grep -c '^-- airlock:data .*table="transfers"')" -gt 1

run airlock db restore c.sql.zst --url "$(db_url copy)" --yes --jobs 3
expect_code 0
N=$(dq copy "SELECT COUNT(*) FROM transfers")
expect_true "restored transfers between the counts before and after ($BEFORE <= $N <= $AFTER)" \
  test "$N" -ge "$BEFORE" -a "$N" -le "$AFTER"
expect_true "total unchanged" test "$(dq copy "SELECT SUM(balance) FROM accounts")" = $((ACCOUNTS * 1000))
BROKEN=$(dq copy "SELECT COUNT(*) FROM accounts a WHERE a.balance <> 1000
  - COALESCE((SELECT SUM(amount) FROM transfers WHERE src = a.id), 0)
  + COALESCE((SELECT SUM(amount) FROM transfers WHERE dst = a.id), 0)")
expect_true "every balance matches the transfers ($BROKEN accounts do not)" test "$BROKEN" = 0
finish
