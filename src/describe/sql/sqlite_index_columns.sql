-- Key columns of index ?1 in index order, with their sort direction.
SELECT seqno, name, "desc"
FROM pragma_index_xinfo(?1)
WHERE key = 1
ORDER BY seqno
