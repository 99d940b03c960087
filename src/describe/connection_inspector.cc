#include "describe/connection_inspector.h"

namespace airlock::describe {

std::string ConnectionDataInspector::QualifiedTable(
    const std::optional<std::string>& schema, const std::string& table) const {
  std::string out;
  if (schema && !schema->empty()) out = conn_.QuoteIdentifier(*schema) + ".";
  return out + conn_.QuoteIdentifier(table);
}

std::optional<int64_t> ConnectionDataInspector::Count(const std::string& sql) {
  auto rows = conn_.Query(sql);
  // A missing table (e.g. not created yet) or a failing query: unknown.
  if (!rows.ok() || rows->rows.empty() || rows->rows.front().empty()) {
    return std::nullopt;
  }
  return rows->rows.front()[0].AsInt();
}

std::optional<int64_t> ConnectionDataInspector::RowCount(
    const std::optional<std::string>& schema, const std::string& table) {
  return Count("SELECT COUNT(*) FROM " + QualifiedTable(schema, table));
}

std::optional<int64_t> ConnectionDataInspector::NonNullCount(
    const std::optional<std::string>& schema, const std::string& table,
    const std::string& column) {
  return Count("SELECT COUNT(*) FROM " + QualifiedTable(schema, table) +
               " WHERE " + conn_.QuoteIdentifier(column) + " IS NOT NULL");
}

}  // namespace airlock::describe
