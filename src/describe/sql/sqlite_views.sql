-- Views of a SQLite database (their columns come from sqlite_columns.sql).
SELECT name
FROM sqlite_master
WHERE type = 'view'
ORDER BY name
