// MySQL/MariaDB: default types, @db.* native types, inline ENUM(…) columns,
// 64-byte identifiers, now() with the column's fractional precision.
#include "sqlschema/flavor.h"

namespace airlock::sqlschema {
namespace {

class MysqlFlavorImpl final : public Flavor {
 public:
  Provider provider() const override { return Provider::kMysql; }
  size_t max_identifier_length() const override { return 64; }
  bool names_primary_keys() const override { return false; }
  bool has_enum_types() const override { return false; }

  ColumnType ScalarType(const schema::Field& f) const override {
    using schema::ScalarType;
    ColumnFamily family = FamilyOf(f.scalar);
    if (f.native_type) {
      const auto& n = *f.native_type;
      auto arg = [&](size_t i) {
        return i < n.args.size() ? n.args[i] : std::string();
      };
      auto opt = [&](const char* base) {
        return n.args.empty() ? std::string(base)
                              : std::string(base) + "(" + arg(0) + ")";
      };
      static const std::pair<const char*, const char*> kSimple[] = {
          {"Int", "INTEGER"},
          {"UnsignedInt", "INTEGER UNSIGNED"},
          {"SmallInt", "SMALLINT"},
          {"UnsignedSmallInt", "SMALLINT UNSIGNED"},
          {"UnsignedTinyInt", "TINYINT UNSIGNED"},
          {"MediumInt", "MEDIUMINT"},
          {"UnsignedMediumInt", "MEDIUMINT UNSIGNED"},
          {"BigInt", "BIGINT"},
          {"UnsignedBigInt", "BIGINT UNSIGNED"},
          {"Float", "FLOAT"},
          {"Double", "DOUBLE"},
          {"TinyBlob", "TINYBLOB"},
          {"Blob", "BLOB"},
          {"MediumBlob", "MEDIUMBLOB"},
          {"LongBlob", "LONGBLOB"},
          {"TinyText", "TINYTEXT"},
          {"Text", "TEXT"},
          {"MediumText", "MEDIUMTEXT"},
          {"LongText", "LONGTEXT"},
          {"Date", "DATE"},
          {"Year", "YEAR"},
          {"Json", "JSON"},
      };
      if (n.name == "TinyInt") {
        return {family,
                f.scalar == ScalarType::kBoolean ? "BOOLEAN" : "TINYINT"};
      }
      for (const auto& [name, sql] : kSimple) {
        if (n.name == name) return {family, sql};
      }
      if (n.name == "Decimal") {
        if (n.args.size() == 2) {
          return {family, "DECIMAL(" + arg(0) + ", " + arg(1) + ")"};
        }
        return {family, "DECIMAL"};
      }
      static const std::pair<const char*, const char*> kSized[] = {
          {"Bit", "BIT"},
          {"Char", "CHAR"},
          {"VarChar", "VARCHAR"},
          {"Binary", "BINARY"},
          {"VarBinary", "VARBINARY"},
          {"Time", "TIME"},
          {"DateTime", "DATETIME"},
          {"Timestamp", "TIMESTAMP"},
      };
      for (const auto& [name, sql] : kSized) {
        if (n.name == name) return {family, opt(sql)};
      }
    }
    switch (f.scalar) {
      case ScalarType::kInt:
        return {family, "INTEGER"};
      case ScalarType::kBigInt:
        return {family, "BIGINT"};
      case ScalarType::kFloat:
        return {family, "DOUBLE"};
      case ScalarType::kDecimal:
        return {family, "DECIMAL(65, 30)"};
      case ScalarType::kBoolean:
        return {family, "BOOLEAN"};
      case ScalarType::kString:
        return {family, "VARCHAR(191)"};
      case ScalarType::kDateTime:
        return {family, "DATETIME(3)"};
      case ScalarType::kJson:
        return {family, "JSON"};
      case ScalarType::kBytes:
        return {family, "LONGBLOB"};
    }
    return {family, "VARCHAR(191)"};
  }
  ColumnType EnumType(const std::string& db_name) const override {
    return {ColumnFamily::kEnum, db_name};
  }
  std::string NowSql(const ColumnType& type) const override {
    // CURRENT_TIMESTAMP(p) with the precision of DATETIME(p)/TIMESTAMP(p).
    const std::string& t = type.native;
    auto open = t.find('(');
    if ((t.rfind("DATETIME", 0) == 0 || t.rfind("TIMESTAMP", 0) == 0) &&
        open != std::string::npos) {
      return "CURRENT_TIMESTAMP" + t.substr(open);
    }
    return "CURRENT_TIMESTAMP(3)";
  }
};

}  // namespace

const Flavor& MysqlFlavor() {
  static const MysqlFlavorImpl kFlavor;
  return kFlavor;
}

}  // namespace airlock::sqlschema
