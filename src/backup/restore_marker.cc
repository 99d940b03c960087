// See restore_marker.h.
#include "backup/restore_marker.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>

namespace airlock::backup {
namespace {

std::string Placeholder(const db::Connection& conn, int i) {
  return conn.dialect() == db::Dialect::kPostgres ? fmt::format("${}", i)
                                                  : std::string("?");
}

Result<bool> MarkerExists(db::Connection& conn) {
  std::string sql;
  switch (conn.dialect()) {
    case db::Dialect::kSqlite:
      sql = fmt::format(
          "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '{}'",
          kRestoreMarkerTable);
      break;
    case db::Dialect::kMysql:
      sql = fmt::format(
          "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
          "DATABASE() AND TABLE_NAME = '{}'",
          kRestoreMarkerTable);
      break;
    case db::Dialect::kPostgres:
      sql = fmt::format(
          "SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = "
          "c.relnamespace WHERE n.nspname = current_schema() AND c.relname = "
          "'{}'",
          kRestoreMarkerTable);
      break;
  }
  AIRLOCK_ASSIGN_OR_RETURN(db::Rows r, conn.Query(sql));
  return !r.rows.empty();
}

}  // namespace

Status WriteRestoreMarker(db::Connection& conn, const std::string& backup) {
  std::string table = conn.QuoteIdentifier(kRestoreMarkerTable);
  AIRLOCK_RETURN_IF_ERROR(conn.ExecuteScript(
      fmt::format("DROP TABLE IF EXISTS {0};\nCREATE TABLE {0} (backup "
                  "VARCHAR(4000), started VARCHAR(40));\n",
                  table)));
  std::string started = fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                                    std::chrono::floor<std::chrono::seconds>(
                                        std::chrono::system_clock::now()));
  auto r = conn.Execute(
      fmt::format("INSERT INTO {} (backup, started) VALUES ({}, {})", table,
                  Placeholder(conn, 1), Placeholder(conn, 2)),
      {db::Value::Text(backup), db::Value::Text(started)});
  return r.ok() ? Status::Ok() : r.status();
}

Status ClearRestoreMarker(db::Connection& conn) {
  return conn.ExecuteScript(fmt::format(
      "DROP TABLE IF EXISTS {};\n", conn.QuoteIdentifier(kRestoreMarkerTable)));
}

Result<std::optional<RestoreMarker>> ReadRestoreMarker(db::Connection& conn) {
  AIRLOCK_ASSIGN_OR_RETURN(bool exists, MarkerExists(conn));
  if (!exists) return std::optional<RestoreMarker>();
  AIRLOCK_ASSIGN_OR_RETURN(
      db::Rows r,
      conn.Query(fmt::format("SELECT backup, started FROM {}",
                             conn.QuoteIdentifier(kRestoreMarkerTable))));
  RestoreMarker m;
  if (!r.rows.empty()) {
    m.backup = r.rows[0][0].AsText();
    m.started = r.rows[0][1].AsText();
  }
  return std::optional<RestoreMarker>(m);
}

}  // namespace airlock::backup
