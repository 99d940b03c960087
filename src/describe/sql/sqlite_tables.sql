-- Tables of a SQLite database, without SQLite's own and Prisma's history table.
SELECT name, sql
FROM sqlite_master
WHERE type = 'table'
  AND name NOT LIKE 'sqlite_%'
  AND name <> '_prisma_migrations'
ORDER BY name
