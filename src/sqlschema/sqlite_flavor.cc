// SQLite: one type per Prisma scalar (no native types), no enums (TEXT).
#include "sqlschema/flavor.h"

namespace airlock::sqlschema {
namespace {

class SqliteFlavorImpl final : public Flavor {
 public:
  Provider provider() const override { return Provider::kSqlite; }
  size_t max_identifier_length() const override { return 10000; }
  bool names_primary_keys() const override { return false; }
  bool has_enum_types() const override { return false; }

  ColumnType ScalarType(const schema::Field& f) const override {
    using schema::ScalarType;
    switch (f.scalar) {
      case ScalarType::kInt:
        return {ColumnFamily::kInt, "INTEGER"};
      case ScalarType::kBigInt:
        return {ColumnFamily::kBigInt, "BIGINT"};
      case ScalarType::kFloat:
        return {ColumnFamily::kFloat, "REAL"};
      case ScalarType::kDecimal:
        return {ColumnFamily::kDecimal, "DECIMAL"};
      case ScalarType::kBoolean:
        return {ColumnFamily::kBoolean, "BOOLEAN"};
      case ScalarType::kString:
        return {ColumnFamily::kString, "TEXT"};
      case ScalarType::kDateTime:
        return {ColumnFamily::kDateTime, "DATETIME"};
      case ScalarType::kJson:
        return {ColumnFamily::kJson, "JSONB"};
      case ScalarType::kBytes:
        return {ColumnFamily::kBytes, "BLOB"};
    }
    return {ColumnFamily::kString, "TEXT"};
  }
  ColumnType EnumType(const std::string&) const override {
    return {ColumnFamily::kString, "TEXT"};
  }
  std::string NowSql(const ColumnType&) const override {
    return "CURRENT_TIMESTAMP";
  }
};

}  // namespace

const Flavor& SqliteFlavor() {
  static const SqliteFlavorImpl kFlavor;
  return kFlavor;
}

}  // namespace airlock::sqlschema
