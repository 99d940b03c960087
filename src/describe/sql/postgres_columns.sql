-- Columns of every table in the schemas $1 (comma-separated), in schema,
-- table and column order, with the type as format_type writes it, the enum
-- type behind enum and enum-array columns, the default expression and
-- identity. Prisma's _prisma_migrations is left out.
SELECT n.nspname, c.relname, a.attname,
       format_type(a.atttypid, a.atttypmod),
       CASE WHEN t.typtype = 'e' THEN t.typname
            WHEN et.typtype = 'e' THEN et.typname END,
       t.typcategory = 'A',
       a.attnotnull,
       pg_get_expr(d.adbin, d.adrelid),
       a.attidentity
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
                   AND NOT a.attisdropped
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
WHERE n.nspname = ANY (string_to_array($1, ','))
  AND c.relkind IN ('r', 'p')
  AND NOT c.relispartition
  AND c.relname <> '_prisma_migrations'
ORDER BY n.nspname, c.relname, a.attnum
