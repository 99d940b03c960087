// PostgreSQL: @db.* native types (rendered when not Prisma's default for the
// scalar type: Integer, BigInt, DoublePrecision, Decimal(65,30), Boolean,
// Text, Timestamp(3), JsonB, ByteA), and defaults as pg_get_expr prints them
// ('x'::text, nextval('…'::regclass), now(), 'A'::"Enum", '{…}'::int[]).
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

std::string Trim(std::string s) {
  size_t b = s.find_first_not_of(" \t\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\n");
  return s.substr(b, e - b + 1);
}

// Drops `::type` casts at the top level and enclosing parentheses.
std::string StripCasts(std::string s) {
  for (;;) {
    s = Trim(s);
    if (s.size() >= 2 && s.front() == '(' && s.back() == ')') {
      int depth = 0;
      bool quoted = false, encloses = true;
      for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '\'') quoted = !quoted;
        if (quoted) continue;
        if (c == '(') ++depth;
        if (c == ')' && --depth == 0 && i + 1 < s.size()) encloses = false;
      }
      if (encloses) {
        s = s.substr(1, s.size() - 2);
        continue;
      }
    }
    size_t cut = std::string::npos;
    bool quoted = false, dquoted = false;
    int depth = 0;
    for (size_t i = 0; i + 1 < s.size(); ++i) {
      char c = s[i];
      if (c == '\'' && !dquoted) quoted = !quoted;
      if (c == '"' && !quoted) dquoted = !dquoted;
      if (quoted || dquoted) continue;
      if (c == '(') ++depth;
      if (c == ')') --depth;
      if (depth == 0 && c == ':' && s[i + 1] == ':') cut = i;
    }
    if (cut == std::string::npos) return s;
    s = s.substr(0, cut);
  }
}

// 'text' or E'text' -> decoded.
std::optional<std::string> Literal(const std::string& s) {
  if (s.size() >= 3 && (s[0] == 'E' || s[0] == 'e') && s[1] == '\'') {
    return UnquoteSql(s.substr(1), true);
  }
  return UnquoteSql(s, false);
}

// '{a,b}' array literal contents -> items (quotes removed).
std::vector<std::string> ArrayItems(const std::string& body) {
  std::vector<std::string> items;
  std::string cur;
  bool quoted = false, any = false;
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (quoted) {
      if (c == '\\' && i + 1 < body.size()) {
        cur += body[++i];
      } else if (c == '"') {
        quoted = false;
      } else {
        cur += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      items.push_back(cur);
      cur.clear();
      any = false;
    } else {
      cur += c;
      any = true;
    }
  }
  if (any || !items.empty()) items.push_back(cur);
  return items;
}

class PostgresDialectImpl final : public Dialect {
 public:
  sqlschema::Provider provider() const override {
    return sqlschema::Provider::kPostgres;
  }

  std::optional<std::string> NativeType(const sqlschema::Column& c,
                                        ColumnFamily family) const override {
    if (family == ColumnFamily::kEnum || family == ColumnFamily::kUnsupported)
      return std::nullopt;
    NativeParts p = ParseNative(c.type.native);
    std::string base = p.base;
    if (!base.empty() && base[0] == '_') base = base.substr(1);  // udt arrays
    while (base.size() > 2 && base.compare(base.size() - 2, 2, "[]") == 0)
      base = base.substr(0, base.size() - 2);
    auto ends = [&](const char* sfx) {
      std::string s = sfx;
      return base.size() >= s.size() &&
             base.compare(base.size() - s.size(), s.size(), s) == 0;
    };
    std::string name;
    std::vector<std::string> args = p.args;
    if (base == "SMALLINT" || base == "INT2" || base == "SMALLSERIAL") {
      name = "SmallInt";
    } else if (base == "INTEGER" || base == "INT" || base == "INT4" ||
               base == "SERIAL") {
      name = "Integer";
    } else if (base == "BIGINT" || base == "INT8" || base == "BIGSERIAL") {
      name = "BigInt";
    } else if (base == "DECIMAL" || base == "NUMERIC") {
      name = "Decimal";
    } else if (base == "MONEY") {
      name = "Money";
    } else if (base == "INET") {
      name = "Inet";
    } else if (base == "OID") {
      name = "Oid";
    } else if (base == "CITEXT") {
      name = "Citext";
    } else if (base == "REAL" || base == "FLOAT4") {
      name = "Real";
    } else if (base == "DOUBLE PRECISION" || base == "FLOAT8") {
      name = "DoublePrecision";
    } else if (base == "VARCHAR" || base == "CHARACTER VARYING") {
      name = "VarChar";
    } else if (base == "CHAR" || base == "CHARACTER" || base == "BPCHAR") {
      name = "Char";
    } else if (base == "TEXT") {
      name = "Text";
    } else if (base == "BYTEA") {
      name = "ByteA";
    } else if (base == "TIMESTAMPTZ" || base == "TIMESTAMP WITH TIME ZONE") {
      name = "Timestamptz";
    } else if (base == "TIMESTAMP" || base == "TIMESTAMP WITHOUT TIME ZONE") {
      name = "Timestamp";
    } else if (base == "DATE") {
      name = "Date";
    } else if (base == "TIMETZ" || base == "TIME WITH TIME ZONE") {
      name = "Timetz";
    } else if (base == "TIME" || base == "TIME WITHOUT TIME ZONE") {
      name = "Time";
    } else if (base == "BOOLEAN" || base == "BOOL") {
      name = "Boolean";
    } else if (base == "BIT") {
      name = "Bit";
    } else if (base == "VARBIT" || base == "BIT VARYING") {
      name = "VarBit";
    } else if (base == "UUID") {
      name = "Uuid";
    } else if (base == "XML") {
      name = "Xml";
    } else if (base == "JSON") {
      name = "Json";
    } else if (base == "JSONB") {
      name = "JsonB";
    } else {
      (void)ends;
      return std::nullopt;
    }
    // Without a written precision PostgreSQL keeps 6 fractional digits.
    if (args.empty() && (name == "Timestamp" || name == "Timestamptz" ||
                         name == "Time" || name == "Timetz")) {
      args = {"6"};
    }
    if (IsDefault(family, name, args)) return std::nullopt;
    std::string out = name;
    if (!args.empty()) {
      out += "(";
      for (size_t i = 0; i < args.size(); ++i) {
        if (i) out += ", ";
        out += args[i];
      }
      out += ")";
    }
    return out;
  }

  ParsedDefault Default(const sqlschema::Column& c,
                        ColumnFamily family) const override {
    ParsedDefault d;
    if (!c.default_value) return d;
    const std::string raw = c.default_value->sql;
    std::string l = Lower(raw);
    if (l.rfind("nextval(", 0) == 0) {
      d.kind = ParsedDefault::Kind::kAutoincrement;
      return d;
    }
    std::string s = StripCasts(raw);
    std::string ls = Lower(s);
    if (ls == "null") return d;
    auto generated = [&] {
      d.kind = ParsedDefault::Kind::kDbGenerated;
      d.value = raw;
      return d;
    };
    std::optional<std::string> literal = Literal(s);
    if (c.arity == sqlschema::Arity::kList) {
      std::vector<std::string> items;
      if (literal && literal->size() >= 2 && literal->front() == '{' &&
          literal->back() == '}') {
        items = ArrayItems(literal->substr(1, literal->size() - 2));
      } else if (ls.rfind("array[", 0) == 0 && s.back() == ']') {
        std::string body = s.substr(6, s.size() - 7);
        // Split at top-level commas, strip casts and quotes of each item.
        int depth = 0;
        bool quoted = false;
        std::string cur;
        for (char ch : body) {
          if (ch == '\'') quoted = !quoted;
          if (!quoted && ch == '(') ++depth;
          if (!quoted && ch == ')') --depth;
          if (!quoted && depth == 0 && ch == ',') {
            items.push_back(cur);
            cur.clear();
            continue;
          }
          cur += ch;
        }
        if (!Trim(cur).empty()) items.push_back(cur);
        for (auto& it : items) {
          std::string v = StripCasts(it);
          auto lit = Literal(v);
          it = lit ? *lit : v;
        }
      } else if (ls == "'{}'" || ls == "array[]") {
      } else {
        return generated();
      }
      bool strings = family == ColumnFamily::kString ||
                     family == ColumnFamily::kJson ||
                     family == ColumnFamily::kDateTime;
      if (family == ColumnFamily::kEnum || !strings) {
        for (auto& it : items) {
          if (family == ColumnFamily::kBoolean) {
            std::string li = Lower(it);
            it = (li == "t" || li == "true") ? "true" : "false";
          } else if (family != ColumnFamily::kEnum && !IsNumber(it, true)) {
            return generated();
          }
        }
        d.kind = ParsedDefault::Kind::kConstantList;
      } else {
        d.kind = ParsedDefault::Kind::kStringList;
      }
      d.list = std::move(items);
      return d;
    }
    return ScalarDefault(s, literal, raw, family);
  }

  bool NamesPrimaryKeys() const override { return true; }
  bool NamesForeignKeys() const override { return true; }
  size_t MaxIdentifierLength() const override { return 63; }

 private:
  std::optional<bool> BooleanDefault(std::string_view l) const override {
    if (l == "true" || l == "t") return true;
    if (l == "false" || l == "f") return false;
    return std::nullopt;
  }
  bool IsNowDefault(std::string_view l) const override {
    return l == "now()" || l == "current_timestamp" ||
           l.rfind("current_timestamp(", 0) == 0 || l == "localtimestamp" ||
           l.rfind("localtimestamp(", 0) == 0 || l == "transaction_timestamp()";
  }

  static bool IsDefault(ColumnFamily f, const std::string& name,
                        const std::vector<std::string>& args) {
    switch (f) {
      case ColumnFamily::kInt:
        return name == "Integer";
      case ColumnFamily::kBigInt:
        return name == "BigInt";
      case ColumnFamily::kFloat:
        return name == "DoublePrecision";
      case ColumnFamily::kDecimal:
        return name == "Decimal" && args.size() == 2 && args[0] == "65" &&
               args[1] == "30";
      case ColumnFamily::kBoolean:
        return name == "Boolean";
      case ColumnFamily::kString:
        return name == "Text";
      case ColumnFamily::kDateTime:
        return name == "Timestamp" && args.size() == 1 && args[0] == "3";
      case ColumnFamily::kJson:
        return name == "JsonB";
      case ColumnFamily::kBytes:
        return name == "ByteA";
      default:
        return false;
    }
  }
};

}  // namespace

const Dialect& PostgresDialect() {
  static const PostgresDialectImpl kDialect;
  return kDialect;
}

}  // namespace airlock::introspect
