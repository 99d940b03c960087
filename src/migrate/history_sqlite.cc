// `_prisma_migrations` on SQLite. Prisma stores timestamps it writes as
// integer milliseconds since the epoch (started_at's DEFAULT is text).
#include "migrate/history_sql.h"

namespace airlock::migrate {

const HistorySql kSqliteHistorySql = {
    .create_table = R"(CREATE TABLE "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
);)",
    .table_exists =
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
        "name = '_prisma_migrations'",
    .user_tables =
        "SELECT name FROM sqlite_master WHERE type IN ('table', "
        "'view') AND name NOT LIKE 'sqlite_%' AND name <> "
        "'_prisma_migrations' ORDER BY name",
    .select_rows =
        "SELECT id, checksum, finished_at, migration_name, logs, "
        "rolled_back_at, started_at, applied_steps_count FROM "
        "\"_prisma_migrations\" ORDER BY rowid",
    .insert_started =
        "INSERT INTO \"_prisma_migrations\" (id, checksum, "
        "started_at, migration_name) VALUES (?, ?, ?, ?)",
    .mark_finished =
        "UPDATE \"_prisma_migrations\" SET applied_steps_count = "
        "applied_steps_count + 1, finished_at = ? WHERE id = ?",
    .insert_failed =
        "INSERT INTO \"_prisma_migrations\" (id, checksum, "
        "started_at, migration_name, logs) VALUES (?, ?, ?, ?, ?)",
    .set_logs = "UPDATE \"_prisma_migrations\" SET logs = ? WHERE id = ?",
    .mark_rolled_back =
        "UPDATE \"_prisma_migrations\" SET rolled_back_at = ? "
        "WHERE migration_name = ? AND finished_at IS NULL AND "
        "rolled_back_at IS NULL",
    .insert_applied =
        "INSERT INTO \"_prisma_migrations\" (id, checksum, "
        "started_at, finished_at, migration_name, "
        "applied_steps_count) VALUES (?, ?, ?, ?, ?, 0)",
    .transactional_ddl = true,
    .timestamp = [](int64_t ms) { return db::Value::Int(ms); },
};

}  // namespace airlock::migrate
