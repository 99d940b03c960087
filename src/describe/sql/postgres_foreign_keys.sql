-- Foreign key columns of the tables in the schemas $1 (comma-separated) with
-- the referenced table and columns and the ON UPDATE / ON DELETE codes.
SELECT n.nspname, t.relname, con.conname, a.attname, rn.nspname,
       rt.relname, ra.attname, con.confupdtype, con.confdeltype
FROM pg_constraint con
JOIN pg_class t ON t.oid = con.conrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
JOIN pg_class rt ON rt.oid = con.confrelid
JOIN pg_namespace rn ON rn.oid = rt.relnamespace
CROSS JOIN LATERAL unnest(con.conkey, con.confkey)
     WITH ORDINALITY AS k(col, rcol, ord)
JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.col
JOIN pg_attribute ra ON ra.attrelid = con.confrelid AND ra.attnum = k.rcol
WHERE con.contype = 'f'
  AND n.nspname = ANY (string_to_array($1, ','))
  AND t.relname <> '_prisma_migrations'
ORDER BY n.nspname, t.relname, con.conname, k.ord
