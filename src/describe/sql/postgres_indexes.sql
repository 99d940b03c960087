-- Key columns of every index on a table in the schemas $1 (comma-separated),
-- primary keys included: uniqueness, access method, sort order, and the
-- operator class when it is not the type's default. A NULL column name marks
-- an expression.
SELECT n.nspname, t.relname, i.relname, ix.indisunique, ix.indisprimary,
       am.amname, k.ord, a.attname, (k.option & 1) = 1,
       CASE WHEN NOT opc.opcdefault THEN opc.opcname END,
       ix.indpred IS NOT NULL
FROM pg_index ix
JOIN pg_class i ON i.oid = ix.indexrelid
JOIN pg_class t ON t.oid = ix.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
JOIN pg_am am ON am.oid = i.relam
CROSS JOIN LATERAL unnest(ix.indkey::int2[], ix.indclass::oid[],
                          ix.indoption::int2[])
     WITH ORDINALITY AS k(attnum, opclass, option, ord)
LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
                        AND k.attnum > 0
LEFT JOIN pg_opclass opc ON opc.oid = k.opclass
WHERE n.nspname = ANY (string_to_array($1, ','))
  AND t.relkind IN ('r', 'p')
  AND t.relname <> '_prisma_migrations'
  AND k.ord <= ix.indnkeyatts
ORDER BY n.nspname, t.relname, i.relname, k.ord
