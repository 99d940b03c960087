#include "describe/connection_inspector.h"

namespace airlock::describe {

std::optional<int64_t> ConnectionDataInspector::Count(const std::string& sql) {
  auto rows = conn_.Query(sql);
  if (!rows.ok() || rows->rows.empty() || rows->rows[0].empty()) {
    return std::nullopt;
  }
  return rows->rows[0][0].AsInt();
}

std::string ConnectionDataInspector::Table(
    const std::optional<std::string>& schema, const std::string& table) const {
  return (schema ? conn_.QuoteIdentifier(*schema) + "." : std::string()) +
         conn_.QuoteIdentifier(table);
}

std::optional<int64_t> ConnectionDataInspector::RowCount(
    const std::optional<std::string>& schema, const std::string& table) {
  return Count("SELECT COUNT(*) FROM " + Table(schema, table));
}

std::optional<int64_t> ConnectionDataInspector::NonNullCount(
    const std::optional<std::string>& schema, const std::string& table,
    const std::string& column) {
  return Count("SELECT COUNT(*) FROM " + Table(schema, table) + " WHERE " +
               conn_.QuoteIdentifier(column) + " IS NOT NULL");
}

}  // namespace airlock::describe
