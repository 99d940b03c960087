#include "describe/sqlite_inspector.h"

#include "render/renderer.h"

namespace airlock::describe {
namespace {

std::optional<int64_t> Count(db::Connection& db, const std::string& sql) {
  auto rows = db.Query(sql);
  if (!rows.ok() || rows->rows.empty() || rows->rows.front().empty()) {
    return std::nullopt;
  }
  auto text = rows->rows.front()[0].AsOptionalText();
  if (!text) return std::nullopt;
  return std::stoll(*text);
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
