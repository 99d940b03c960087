// SQLite: column families from the declared type (Prisma's affinity rules),
// no native types, defaults as pragma_table_info prints them, and a single
// INTEGER primary key column is always auto-increment (rowid alias).
#include <algorithm>
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

class SqliteDialectImpl final : public Dialect {
 public:
  sqlschema::Provider provider() const override {
    return sqlschema::Provider::kSqlite;
  }

  ColumnFamily Family(const sqlschema::Column& c) const override {
    std::string t = Lower(c.type.native);
    static const std::pair<const char*, ColumnFamily> kExact[] = {
        {"int", ColumnFamily::kInt},
        {"integer", ColumnFamily::kInt},
        {"bigint", ColumnFamily::kBigInt},
        {"real", ColumnFamily::kFloat},
        {"float", ColumnFamily::kFloat},
        {"serial", ColumnFamily::kInt},
        {"boolean", ColumnFamily::kBoolean},
        {"text", ColumnFamily::kString},
        {"date", ColumnFamily::kDateTime},
        {"datetime", ColumnFamily::kDateTime},
        {"timestamp", ColumnFamily::kDateTime},
        {"binary", ColumnFamily::kBytes},
        {"blob", ColumnFamily::kBytes},
        {"double", ColumnFamily::kFloat},
        {"jsonb", ColumnFamily::kJson},
    };
    for (const auto& [name, family] : kExact) {
      if (t == name) return family;
    }
    if (t.find("char") != std::string::npos) return ColumnFamily::kString;
    if (t.find("numeric") != std::string::npos ||
        t.find("decimal") != std::string::npos) {
      return ColumnFamily::kDecimal;
    }
    return ColumnFamily::kUnsupported;
  }

  std::optional<std::string> NativeType(const sqlschema::Column&,
                                        ColumnFamily) const override {
    return std::nullopt;
  }

  std::string UnsupportedName(const sqlschema::Column& c) const override {
    return Lower(c.type.native);
  }

  ParsedDefault Default(const sqlschema::Column& c,
                        ColumnFamily family) const override {
    ParsedDefault d;
    if (!c.default_value) return d;
    const std::string& s = c.default_value->sql;
    if (Lower(s) == "null") return d;
    auto generated = [&] {
      d.kind = ParsedDefault::Kind::kDbGenerated;
      d.value = s;
      return d;
    };
    auto constant = [&](std::string v) {
      d.kind = ParsedDefault::Kind::kConstant;
      d.value = std::move(v);
      return d;
    };
    switch (family) {
      case ColumnFamily::kInt:
      case ColumnFamily::kBigInt:
        return IsNumber(s, false) ? constant(Canonical(s)) : generated();
      case ColumnFamily::kFloat:
      case ColumnFamily::kDecimal:
        return IsNumber(s, true) ? constant(s) : generated();
      case ColumnFamily::kBoolean: {
        std::string l = Lower(s);
        if (l == "1" || l == "true") return constant("true");
        if (l == "0" || l == "false") return constant("false");
        return generated();
      }
      case ColumnFamily::kString: {
        d.kind = ParsedDefault::Kind::kString;
        d.value = Unquote(s);
        return d;
      }
      case ColumnFamily::kDateTime: {
        std::string l = Lower(s);
        if (l == "current_timestamp" || l == "datetime('now')" ||
            l == "datetime('now', 'localtime')") {
          d.kind = ParsedDefault::Kind::kNow;
          return d;
        }
        return generated();
      }
      case ColumnFamily::kJson:
        d.kind = ParsedDefault::Kind::kString;
        d.value = s;
        return d;
      default:
        return generated();
    }
  }

  bool ImplicitAutoincrement(const sqlschema::Table& t,
                             const sqlschema::Column& c) const override {
    return t.primary_key && t.primary_key->columns.size() == 1 &&
           t.primary_key->columns[0].name == c.name &&
           Lower(c.type.native) == "integer";
  }

  bool NamesPrimaryKeys() const override { return false; }
  bool NamesForeignKeys() const override { return false; }
  size_t MaxIdentifierLength() const override { return 10000; }

 private:
  static std::string Canonical(const std::string& s) {
    // parse_int: "+5" -> 5, "-0" -> 0, leading zeros dropped.
    std::string digits = s;
    bool neg = false;
    if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) {
      neg = digits[0] == '-';
      digits.erase(0, 1);
    }
    size_t nz = digits.find_first_not_of('0');
    digits = nz == std::string::npos ? "0" : digits.substr(nz);
    return (neg && digits != "0" ? "-" : "") + digits;
  }

  static std::string Unquote(const std::string& s) {
    // 'x' or "x", with '' as an escaped quote (SQLite has no backslash
    // escapes).
    std::string inner = s;
    if (s.size() >= 2 && ((s.front() == '\'' && s.back() == '\'') ||
                          (s.front() == '"' && s.back() == '"'))) {
      inner = s.substr(1, s.size() - 2);
    }
    std::string out;
    for (size_t i = 0; i < inner.size(); ++i) {
      if (inner[i] == '\'' && i + 1 < inner.size() && inner[i + 1] == '\'') ++i;
      out += inner[i];
    }
    return out;
  }
};

}  // namespace

const Dialect& SqliteDialect() {
  static const SqliteDialectImpl kDialect;
  return kDialect;
}

}  // namespace airlock::introspect
