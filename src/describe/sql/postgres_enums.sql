-- Enum types of the schemas $1 (comma-separated) with their values in order.
SELECT n.nspname, t.typname, e.enumlabel
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_enum e ON e.enumtypid = t.oid
WHERE n.nspname = ANY (string_to_array($1, ','))
ORDER BY n.nspname, t.typname, e.enumsortorder
