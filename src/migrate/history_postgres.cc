// `_prisma_migrations` on PostgreSQL, in the connection's schema
// (search_path), TIMESTAMPTZ columns, as Prisma creates it.
#include <fmt/format.h>

#include <ctime>

#include "migrate/history_sql.h"

namespace airlock::migrate {

const HistorySql kPostgresHistorySql = {
    .create_table = R"(CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);)",
    .table_exists =
        "SELECT 1 FROM information_schema.tables WHERE "
        "table_schema = current_schema() AND table_name = "
        "'_prisma_migrations'",
    .user_tables =
        "SELECT table_name FROM information_schema.tables WHERE "
        "table_schema = current_schema() AND table_name <> "
        "'_prisma_migrations' ORDER BY table_name",
    .select_rows =
        "SELECT id, checksum, finished_at::text, migration_name, "
        "logs, rolled_back_at::text, started_at::text, "
        "applied_steps_count FROM _prisma_migrations ORDER BY "
        "started_at ASC",
    .insert_started =
        "INSERT INTO _prisma_migrations (id, checksum, "
        "started_at, migration_name) VALUES ($1, $2, "
        "$3::timestamptz, $4)",
    .mark_finished =
        "UPDATE _prisma_migrations SET applied_steps_count = "
        "applied_steps_count + 1, finished_at = $1::timestamptz "
        "WHERE id = $2",
    .insert_failed =
        "INSERT INTO _prisma_migrations (id, checksum, "
        "started_at, migration_name, logs) VALUES ($1, $2, "
        "$3::timestamptz, $4, $5)",
    .set_logs = "UPDATE _prisma_migrations SET logs = $1 WHERE id = $2",
    .mark_rolled_back =
        "UPDATE _prisma_migrations SET rolled_back_at = "
        "$1::timestamptz WHERE migration_name = $2 AND "
        "finished_at IS NULL AND rolled_back_at IS NULL",
    .insert_applied =
        "INSERT INTO _prisma_migrations (id, checksum, "
        "started_at, finished_at, migration_name, "
        "applied_steps_count) VALUES ($1, $2, $3::timestamptz, "
        "$4::timestamptz, $5, 0)",
    .transactional_ddl = true,
    .timestamp =
        [](int64_t ms) {
          std::time_t secs = ms / 1000;
          std::tm tm{};
          gmtime_r(&secs, &tm);
          return db::Value::Text(
              fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:03}+00",
                          tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                          tm.tm_hour, tm.tm_min, tm.tm_sec, ms % 1000));
        },
};

}  // namespace airlock::migrate
