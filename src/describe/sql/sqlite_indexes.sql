-- Indexes of table ?1 (primary keys excluded later).
SELECT name, "unique", origin, partial
FROM pragma_index_list(?1)
ORDER BY seq DESC
