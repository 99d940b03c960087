-- Index columns (PRIMARY included) of the connection's database, in index
-- order: uniqueness, length prefix, sort order and index type.
SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, SEQ_IN_INDEX, COLUMN_NAME,
       SUB_PART, COLLATION, INDEX_TYPE
FROM information_schema.STATISTICS
WHERE TABLE_SCHEMA = DATABASE()
  AND TABLE_NAME <> '_prisma_migrations'
ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX
