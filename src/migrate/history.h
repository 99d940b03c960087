// The `_prisma_migrations` table and Prisma's row semantics:
// applied = finished_at set and rolled_back_at NULL; failed = finished_at
// NULL and rolled_back_at NULL; rows are read in started_at order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "db/connection.h"
#include "migrate/history_sql.h"

namespace airlock::migrate {

// A timestamp as read from the table: milliseconds since the epoch (UTC) when
// it could be parsed, and the text as stored.
struct Timestamp {
  std::optional<int64_t> unix_ms;
  std::string text;
  std::string Iso() const;  // 2024-01-01T00:00:00.000Z, or text
};

struct HistoryRow {
  std::string id;
  std::string checksum;
  std::optional<Timestamp> finished_at;
  std::string migration_name;
  std::optional<std::string> logs;
  std::optional<Timestamp> rolled_back_at;
  Timestamp started_at;
  int64_t applied_steps_count = 0;

  bool IsApplied() const { return finished_at && !rolled_back_at; }
  bool IsFailed() const { return !finished_at && !rolled_back_at; }
  bool IsRolledBack() const { return rolled_back_at.has_value(); }
};

// Milliseconds since the epoch now (UTC wall clock).
int64_t NowUnixMs();
// A random version-4 UUID (OpenSSL's RNG).
std::string NewUuid();
// Parses stored timestamps: integers (ms), `YYYY-MM-DD[ T]HH:MM:SS[.fff]`
// with optional `Z`/`+00`/`+00:00`.
Timestamp ParseTimestamp(const db::Value& v);

class HistoryTable {
 public:
  explicit HistoryTable(db::Connection& conn);

  const HistorySql& sql() const { return sql_; }
  Result<bool> Exists();
  Status Create();
  // Tables and views other than `_prisma_migrations`.
  Result<std::vector<std::string>> OtherTables();
  // Every row, ordered by started_at (ties in insertion order).
  Result<std::vector<HistoryRow>> ReadRows();

  Status InsertStarted(const std::string& id, const std::string& name,
                       const std::string& checksum, int64_t started_ms);
  Status MarkFinished(const std::string& id, int64_t finished_ms);
  Status InsertFailed(const std::string& id, const std::string& name,
                      const std::string& checksum, int64_t started_ms,
                      const std::string& logs);
  Status SetLogs(const std::string& id, const std::string& logs);
  // Returns the number of rows marked.
  Result<int64_t> MarkRolledBack(const std::string& name, int64_t now_ms);
  Status InsertApplied(const std::string& name, const std::string& checksum,
                       int64_t now_ms);

 private:
  db::Connection& conn_;
  const HistorySql& sql_;
};

}  // namespace airlock::migrate
