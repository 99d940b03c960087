-- Columns of table ?1 in declaration order.
SELECT cid, name, type, "notnull", dflt_value, pk
FROM pragma_table_info(?1)
ORDER BY cid
