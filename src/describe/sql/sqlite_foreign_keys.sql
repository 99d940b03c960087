-- Foreign keys of table ?1; SQLite lists them last-declared first.
SELECT id, seq, "table", "from", "to", on_update, on_delete
FROM pragma_foreign_key_list(?1)
ORDER BY id DESC, seq
