-- Base tables of the connection's database (views left out), without
-- Prisma's _prisma_migrations.
SELECT TABLE_NAME
FROM information_schema.TABLES
WHERE TABLE_SCHEMA = DATABASE()
  AND TABLE_TYPE = 'BASE TABLE'
  AND TABLE_NAME <> '_prisma_migrations'
ORDER BY TABLE_NAME
