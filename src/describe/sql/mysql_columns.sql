-- Columns of every table of the connection's database in table and
-- declaration order (views' columns are dropped by the caller: a join with
-- TABLES here makes MariaDB scan every database).
SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE,
       COLUMN_DEFAULT, EXTRA
FROM information_schema.COLUMNS
WHERE TABLE_SCHEMA = DATABASE()
  AND TABLE_NAME <> '_prisma_migrations'
ORDER BY TABLE_NAME, ORDINAL_POSITION
