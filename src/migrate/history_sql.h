// The SQL of the `_prisma_migrations` table for one dialect: Prisma's DDL
// and the statements that read and write its rows. One file per dialect
// (history_sqlite.cc, history_mysql.cc, history_postgres.cc).
#pragma once

#include <cstdint>

#include "db/connection.h"
#include "db/value.h"

namespace airlock::migrate {

struct HistorySql {
  const char* create_table;  // Prisma's exact DDL
  const char* table_exists;  // one row when the table exists
  // Names of the other tables and views of the database (P3005's "not empty").
  const char* user_tables;
  // id, checksum, finished_at, migration_name, logs, rolled_back_at,
  // started_at, applied_steps_count
  const char* select_rows;
  // (id, checksum, started_at, migration_name)
  const char* insert_started;
  // (finished_at, id): applied_steps_count + 1, finished_at
  const char* mark_finished;
  // (id, checksum, started_at, migration_name, logs): a failed row
  const char* insert_failed;
  // (logs, id)
  const char* set_logs;
  // (rolled_back_at, migration_name): every failed row of the migration
  const char* mark_rolled_back;
  // (id, checksum, started_at, finished_at, migration_name)
  const char* insert_applied;
  // Whether a migration script and its history row can share a transaction
  // (SQLite, PostgreSQL: yes; MySQL: DDL commits implicitly).
  bool transactional_ddl;
  // A UTC timestamp (milliseconds since the epoch) as this dialect stores it.
  db::Value (*timestamp)(int64_t unix_ms);
};

const HistorySql& HistorySqlFor(db::Dialect dialect);

// The declarations of the per-dialect tables.
extern const HistorySql kSqliteHistorySql;
extern const HistorySql kMysqlHistorySql;
extern const HistorySql kPostgresHistorySql;

}  // namespace airlock::migrate
