#include "sqlschema/flavor.h"

namespace airlock::sqlschema {

std::string ConstraintName(const std::string& table,
                           const std::vector<std::string>& columns,
                           std::string_view suffix, size_t limit) {
  std::string out = table;
  out += '_';
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) out += '_';
    out += columns[i];
  }
  if (out.size() >= limit - suffix.size()) out.resize(limit - suffix.size());
  out += suffix;
  return out;
}

std::string PrimaryKeyName(const std::string& table, size_t limit) {
  std::string out = table;
  if (out.size() >= limit - 5) out.resize(limit - 5);
  return out + "_pkey";
}

ColumnFamily FamilyOf(schema::ScalarType t) {
  using schema::ScalarType;
  switch (t) {
    case ScalarType::kInt:
      return ColumnFamily::kInt;
    case ScalarType::kBigInt:
      return ColumnFamily::kBigInt;
    case ScalarType::kFloat:
      return ColumnFamily::kFloat;
    case ScalarType::kDecimal:
      return ColumnFamily::kDecimal;
    case ScalarType::kBoolean:
      return ColumnFamily::kBoolean;
    case ScalarType::kString:
      return ColumnFamily::kString;
    case ScalarType::kDateTime:
      return ColumnFamily::kDateTime;
    case ScalarType::kJson:
      return ColumnFamily::kJson;
    case ScalarType::kBytes:
      return ColumnFamily::kBytes;
  }
  return ColumnFamily::kString;
}

const Flavor& SqliteFlavor();
const Flavor& MysqlFlavor();
const Flavor& PostgresFlavor();

const Flavor& FlavorFor(Provider provider) {
  switch (provider) {
    case Provider::kSqlite:
      return SqliteFlavor();
    case Provider::kMysql:
      return MysqlFlavor();
    case Provider::kPostgres:
      return PostgresFlavor();
  }
  return SqliteFlavor();
}

}  // namespace airlock::sqlschema
