// PostgreSQL: default types, @db.* native types, enum types, named primary
// keys, 63-byte identifiers.
#include <fmt/format.h>

#include "sqlschema/flavor.h"

namespace airlock::sqlschema {
namespace {

std::string Args(const std::vector<std::string>& args, const char* sep) {
  if (args.empty()) return "";
  std::string out = "(";
  for (size_t i = 0; i < args.size(); ++i) {
    if (i > 0) out += sep;
    out += args[i];
  }
  return out + ")";
}

class PostgresFlavorImpl final : public Flavor {
 public:
  Provider provider() const override { return Provider::kPostgres; }
  size_t max_identifier_length() const override { return 63; }
  bool names_primary_keys() const override { return true; }
  bool has_enum_types() const override { return true; }

  ColumnType ScalarType(const schema::Field& f) const override {
    ColumnFamily family = FamilyOf(f.scalar);
    if (f.native_type) {
      const auto& n = *f.native_type;
      std::string a = Args(n.args, ",");
      static const std::pair<const char*, const char*> kSimple[] = {
          {"SmallInt", "SMALLINT"},
          {"Integer", "INTEGER"},
          {"BigInt", "BIGINT"},
          {"Money", "MONEY"},
          {"Inet", "INET"},
          {"Oid", "OID"},
          {"Citext", "CITEXT"},
          {"Real", "REAL"},
          {"DoublePrecision", "DOUBLE PRECISION"},
          {"Text", "TEXT"},
          {"ByteA", "BYTEA"},
          {"Date", "DATE"},
          {"Boolean", "BOOLEAN"},
          {"Uuid", "UUID"},
          {"Xml", "XML"},
          {"Json", "JSON"},
          {"JsonB", "JSONB"},
      };
      for (const auto& [name, sql] : kSimple) {
        if (n.name == name) return {family, sql};
      }
      static const std::pair<const char*, const char*> kWithArgs[] = {
          {"Decimal", "DECIMAL"},
          {"VarChar", "VARCHAR"},
          {"Char", "CHAR"},
          {"Timestamp", "TIMESTAMP"},
          {"Timestamptz", "TIMESTAMPTZ"},
          {"Time", "TIME"},
          {"Timetz", "TIMETZ"},
          {"Bit", "BIT"},
          {"VarBit", "VARBIT"},
      };
      for (const auto& [name, sql] : kWithArgs) {
        if (n.name == name) return {family, std::string(sql) + a};
      }
    }
    using schema::ScalarType;
    switch (f.scalar) {
      case ScalarType::kInt:
        return {family, "INTEGER"};
      case ScalarType::kBigInt:
        return {family, "BIGINT"};
      case ScalarType::kFloat:
        return {family, "DOUBLE PRECISION"};
      case ScalarType::kDecimal:
        return {family, "DECIMAL(65,30)"};
      case ScalarType::kBoolean:
        return {family, "BOOLEAN"};
      case ScalarType::kString:
        return {family, "TEXT"};
      case ScalarType::kDateTime:
        return {family, "TIMESTAMP(3)"};
      case ScalarType::kJson:
        return {family, "JSONB"};
      case ScalarType::kBytes:
        return {family, "BYTEA"};
    }
    return {family, "TEXT"};
  }
  ColumnType EnumType(const std::string& db_name) const override {
    return {ColumnFamily::kEnum, db_name};
  }
  std::string NowSql(const ColumnType&) const override {
    return "CURRENT_TIMESTAMP";
  }
};

}  // namespace

const Flavor& PostgresFlavor() {
  static const PostgresFlavorImpl kFlavor;
  return kFlavor;
}

}  // namespace airlock::sqlschema
