-- MariaDB: JSON columns are LONGTEXT with a json_valid(`column`) check named
-- after the column; this lists those checks.
SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE
FROM information_schema.CHECK_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA = DATABASE()
  AND CHECK_CLAUSE LIKE 'json_valid(%'
