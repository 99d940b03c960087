-- Indexes of table ?1 (primary keys and automatic indexes excluded later).
SELECT name, "unique", origin, partial
FROM pragma_index_list(?1)
ORDER BY seq DESC
