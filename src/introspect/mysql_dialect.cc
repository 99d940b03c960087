// MySQL/MariaDB: @db.* native types (rendered when not Prisma's default for
// the scalar type: Int, BigInt, Double, Decimal(65,30), TinyInt for
// Boolean, VarChar(191), DateTime(3), Json, LongBlob), and defaults as
// information_schema shows them (MariaDB quotes string literals; unquoted
// text is an expression).
#include <cctype>

#include "introspect/dialect.h"

namespace airlock::introspect {
namespace {

using sqlschema::ColumnFamily;

std::string Lower(std::string s) {
  for (auto& c : s)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Join(const std::vector<std::string>& args) {
  std::string out;
  for (size_t i = 0; i < args.size(); ++i) {
    if (i) out += ", ";
    out += args[i];
  }
  return out;
}

class MysqlDialectImpl final : public Dialect {
 public:
  sqlschema::Provider provider() const override {
    return sqlschema::Provider::kMysql;
  }

  std::optional<std::string> NativeType(const sqlschema::Column& c,
                                        ColumnFamily family) const override {
    if (family == ColumnFamily::kEnum || family == ColumnFamily::kUnsupported)
      return std::nullopt;
    NativeParts p = ParseNative(c.type.native);
    std::string base = p.base;
    bool is_unsigned = false;
    for (const char* suffix : {" UNSIGNED ZEROFILL", " UNSIGNED"}) {
      std::string sfx = suffix;
      if (base.size() > sfx.size() &&
          base.compare(base.size() - sfx.size(), sfx.size(), sfx) == 0) {
        base = base.substr(0, base.size() - sfx.size());
        is_unsigned = true;
        break;
      }
    }
    std::string u = is_unsigned ? "Unsigned" : "";
    auto arg0 = [&](const char* dflt) {
      return p.args.empty() ? std::string(dflt) : p.args[0];
    };
    std::string name;
    std::vector<std::string> args;
    if (base == "INT" || base == "INTEGER") {
      name = u + "Int";
    } else if (base == "SMALLINT") {
      name = u + "SmallInt";
    } else if (base == "TINYINT") {
      name = u + "TinyInt";
    } else if (base == "BOOLEAN" || base == "BOOL") {
      name = "TinyInt";
    } else if (base == "MEDIUMINT") {
      name = u + "MediumInt";
    } else if (base == "BIGINT") {
      name = u + "BigInt";
    } else if (base == "DECIMAL" || base == "NUMERIC") {
      name = "Decimal";
      args = {arg0("10"), p.args.size() > 1 ? p.args[1] : "0"};
    } else if (base == "FLOAT") {
      name = "Float";
    } else if (base == "DOUBLE" || base == "REAL" ||
               base == "DOUBLE PRECISION") {
      name = "Double";
    } else if (base == "BIT") {
      name = "Bit";
      args = {arg0("1")};
    } else if (base == "CHAR") {
      name = "Char";
      args = {arg0("1")};
    } else if (base == "VARCHAR") {
      name = "VarChar";
      args = {arg0("0")};
    } else if (base == "BINARY") {
      name = "Binary";
      args = {arg0("1")};
    } else if (base == "VARBINARY") {
      name = "VarBinary";
      args = {arg0("0")};
    } else if (base == "TINYBLOB" || base == "BLOB" || base == "MEDIUMBLOB" ||
               base == "LONGBLOB") {
      static const std::pair<const char*, const char*> kBlobs[] = {
          {"TINYBLOB", "TinyBlob"},
          {"BLOB", "Blob"},
          {"MEDIUMBLOB", "MediumBlob"},
          {"LONGBLOB", "LongBlob"}};
      for (auto [sql, psl] : kBlobs)
        if (base == sql) name = psl;
    } else if (base == "TINYTEXT" || base == "TEXT" || base == "MEDIUMTEXT" ||
               base == "LONGTEXT") {
      static const std::pair<const char*, const char*> kTexts[] = {
          {"TINYTEXT", "TinyText"},
          {"TEXT", "Text"},
          {"MEDIUMTEXT", "MediumText"},
          {"LONGTEXT", "LongText"}};
      for (auto [sql, psl] : kTexts)
        if (base == sql) name = psl;
    } else if (base == "DATE") {
      name = "Date";
    } else if (base == "TIME") {
      name = "Time";
      args = {arg0("0")};
    } else if (base == "DATETIME") {
      name = "DateTime";
      args = {arg0("0")};
    } else if (base == "TIMESTAMP") {
      name = "Timestamp";
      args = {arg0("0")};
    } else if (base == "YEAR") {
      name = "Year";
    } else if (base == "JSON") {
      name = "Json";
    } else {
      return std::nullopt;
    }
    if (IsDefault(family, name, args)) return std::nullopt;
    return args.empty() ? name : name + "(" + Join(args) + ")";
  }

  ParsedDefault Default(const sqlschema::Column& c,
                        ColumnFamily family) const override {
    if (!c.default_value) return {};
    const std::string& s = c.default_value->sql;
    if (Lower(s) == "null") return {};
    return ScalarDefault(s, UnquoteSql(s, true), s, family);
  }

  bool NamesPrimaryKeys() const override { return false; }
  bool NamesForeignKeys() const override { return true; }
  size_t MaxIdentifierLength() const override { return 64; }

 private:
  std::optional<bool> BooleanDefault(std::string_view l) const override {
    if (l == "1" || l == "true" || l == "b'1'") return true;
    if (l == "0" || l == "false" || l == "b'0'") return false;
    return std::nullopt;
  }
  bool IsNowDefault(std::string_view l) const override {
    return l.rfind("current_timestamp", 0) == 0 || l.rfind("now(", 0) == 0 ||
           l == "localtimestamp" || l.rfind("localtimestamp(", 0) == 0;
  }

  static bool IsDefault(ColumnFamily f, const std::string& name,
                        const std::vector<std::string>& args) {
    switch (f) {
      case ColumnFamily::kInt:
        return name == "Int";
      case ColumnFamily::kBigInt:
        return name == "BigInt";
      case ColumnFamily::kFloat:
        return name == "Double";
      case ColumnFamily::kDecimal:
        return name == "Decimal" && args.size() == 2 && args[0] == "65" &&
               args[1] == "30";
      case ColumnFamily::kBoolean:
        return name == "TinyInt";
      case ColumnFamily::kString:
        return name == "VarChar" && args.size() == 1 && args[0] == "191";
      case ColumnFamily::kDateTime:
        return name == "DateTime" && args.size() == 1 && args[0] == "3";
      case ColumnFamily::kJson:
        return name == "Json";
      case ColumnFamily::kBytes:
        return name == "LongBlob";
      default:
        return false;
    }
  }
};

}  // namespace

const Dialect& MysqlDialect() {
  static const MysqlDialectImpl kDialect;
  return kDialect;
}

}  // namespace airlock::introspect
