// `_prisma_migrations` on MySQL/MariaDB: DATETIME(3) and the utf8mb4 suffix,
// as Prisma creates it. DDL commits implicitly, so no shared transaction.
#include <fmt/format.h>

#include <ctime>

#include "migrate/history_sql.h"

namespace airlock::migrate {

const HistorySql kMysqlHistorySql = {
    .create_table = R"(CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             DATETIME(3),
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          DATETIME(3),
    started_at              DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    applied_steps_count     INTEGER UNSIGNED NOT NULL DEFAULT 0
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;)",
    .table_exists =
        "SELECT 1 FROM information_schema.tables WHERE "
        "table_schema = DATABASE() AND table_name = "
        "'_prisma_migrations'",
    .user_tables =
        "SELECT table_name FROM information_schema.tables WHERE "
        "table_schema = DATABASE() AND table_name <> "
        "'_prisma_migrations' ORDER BY table_name",
    .select_rows =
        "SELECT id, checksum, finished_at, migration_name, logs, "
        "rolled_back_at, started_at, applied_steps_count FROM "
        "`_prisma_migrations` ORDER BY `started_at` ASC",
    .insert_started =
        "INSERT INTO `_prisma_migrations` (id, checksum, "
        "started_at, migration_name) VALUES (?, ?, ?, ?)",
    .mark_finished =
        "UPDATE `_prisma_migrations` SET applied_steps_count = "
        "applied_steps_count + 1, finished_at = ? WHERE id = ?",
    .insert_failed =
        "INSERT INTO `_prisma_migrations` (id, checksum, "
        "started_at, migration_name, logs) VALUES (?, ?, ?, ?, ?)",
    .set_logs = "UPDATE `_prisma_migrations` SET logs = ? WHERE id = ?",
    .mark_rolled_back =
        "UPDATE `_prisma_migrations` SET rolled_back_at = ? "
        "WHERE migration_name = ? AND finished_at IS NULL AND "
        "rolled_back_at IS NULL",
    .insert_applied =
        "INSERT INTO `_prisma_migrations` (id, checksum, "
        "started_at, finished_at, migration_name, "
        "applied_steps_count) VALUES (?, ?, ?, ?, ?, 0)",
    .transactional_ddl = false,
    .timestamp =
        [](int64_t ms) {
          std::time_t secs = ms / 1000;
          std::tm tm{};
          gmtime_r(&secs, &tm);
          return db::Value::Text(
              fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:03}",
                          tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                          tm.tm_hour, tm.tm_min, tm.tm_sec, ms % 1000));
        },
};

}  // namespace airlock::migrate
