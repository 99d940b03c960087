#include "describe/sqlite_inspector.h"

#include "render/renderer.h"

namespace airlock::describe {
namespace {

std::optional<int64_t> Count(SqliteDb& db, const std::string& sql) {
  auto rows = db.Query(sql);
  if (!rows.ok() || rows->empty() || rows->front().empty() ||
      !rows->front()[0]) {
    return std::nullopt;
  }
  return std::stoll(*rows->front()[0]);
}

}  // namespace

std::optional<int64_t> SqliteDataInspector::RowCount(
    const std::optional<std::string>&, const std::string& table) {
  const auto& q = render::RendererFor(sqlschema::Provider::kSqlite);
  return Count(db_, "SELECT COUNT(*) FROM " + q.QuoteIdent(table));
}

std::optional<int64_t> SqliteDataInspector::NonNullCount(
    const std::optional<std::string>&, const std::string& table,
    const std::string& column) {
  const auto& q = render::RendererFor(sqlschema::Provider::kSqlite);
  return Count(db_, "SELECT COUNT(*) FROM " + q.QuoteIdent(table) + " WHERE " +
                        q.QuoteIdent(column) + " IS NOT NULL");
}

}  // namespace airlock::describe
