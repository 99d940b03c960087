#include "introspect/dialect.h"

#include <cctype>

namespace airlock::introspect {

const Dialect& SqliteDialect();
const Dialect& MysqlDialect();
const Dialect& PostgresDialect();

const Dialect& DialectFor(sqlschema::Provider provider) {
  switch (provider) {
    case sqlschema::Provider::kMysql:
      return MysqlDialect();
    case sqlschema::Provider::kPostgres:
      return PostgresDialect();
    case sqlschema::Provider::kSqlite:
      break;
  }
  return SqliteDialect();
}

namespace {

std::string Collapse(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

}  // namespace

NativeParts ParseNative(std::string_view native) {
  NativeParts p;
  size_t open = native.find('(');
  size_t close = native.rfind(')');
  if (open == std::string_view::npos || close == std::string_view::npos ||
      close < open) {
    p.base = Collapse(native);
    return p;
  }
  std::string base = std::string(native.substr(0, open));
  std::string rest = Trim(native.substr(close + 1));
  if (!rest.empty()) base += " " + rest;
  p.base = Collapse(base);
  std::string_view inner = native.substr(open + 1, close - open - 1);
  size_t start = 0;
  while (start <= inner.size()) {
    size_t comma = inner.find(',', start);
    if (comma == std::string_view::npos) comma = inner.size();
    std::string arg = Trim(inner.substr(start, comma - start));
    if (!arg.empty()) p.args.push_back(arg);
    start = comma + 1;
  }
  return p;
}

std::optional<std::string> UnquoteSql(std::string_view s, bool backslashes) {
  if (s.size() < 2 || s.front() != '\'' || s.back() != '\'') {
    return std::nullopt;
  }
  std::string out;
  for (size_t i = 1; i + 1 < s.size(); ++i) {
    char c = s[i];
    if (c == '\'' && i + 2 < s.size() && s[i + 1] == '\'') {
      out += '\'';
      ++i;
    } else if (c == '\'') {
      return std::nullopt;  // 'a' || 'b': not a single literal
    } else if (backslashes && c == '\\' && i + 2 < s.size()) {
      char n = s[++i];
      switch (n) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case '0':
          out += '\0';
          break;
        default:
          out += n;
      }
    } else {
      out += c;
    }
  }
  return out;
}

bool IsNumber(std::string_view s, bool decimal) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  size_t digits = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
    ++i;
    ++digits;
  }
  if (decimal && i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
      ++i;
      ++digits;
    }
  }
  if (decimal && digits > 0 && i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    size_t exp = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
      ++i;
      ++exp;
    }
    if (exp == 0) return false;
  }
  return digits > 0 && i == s.size();
}

ParsedDefault Dialect::ScalarDefault(const std::string& expr,
                                     const std::optional<std::string>& literal,
                                     const std::string& generated,
                                     sqlschema::ColumnFamily family) const {
  using sqlschema::ColumnFamily;
  ParsedDefault d;
  auto lower = [](std::string v) {
    for (auto& ch : v)
      ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return v;
  };
  auto as = [&](ParsedDefault::Kind kind, std::string v) {
    d.kind = kind;
    d.value = std::move(v);
    return d;
  };
  const std::string& bare = literal ? *literal : expr;
  switch (family) {
    case ColumnFamily::kInt:
    case ColumnFamily::kBigInt:
    case ColumnFamily::kFloat:
    case ColumnFamily::kDecimal: {
      bool decimal =
          family == ColumnFamily::kFloat || family == ColumnFamily::kDecimal;
      if (IsNumber(bare, decimal))
        return as(ParsedDefault::Kind::kConstant, bare);
      break;
    }
    case ColumnFamily::kBoolean:
      if (auto b = BooleanDefault(lower(bare)))
        return as(ParsedDefault::Kind::kConstant, *b ? "true" : "false");
      break;
    case ColumnFamily::kString:
    case ColumnFamily::kJson:
      if (literal) return as(ParsedDefault::Kind::kString, *literal);
      break;
    case ColumnFamily::kEnum:
      if (literal) return as(ParsedDefault::Kind::kEnumValue, *literal);
      break;
    case ColumnFamily::kDateTime:
      if (IsNowDefault(lower(expr))) return as(ParsedDefault::Kind::kNow, "");
      break;
    default:
      break;
  }
  return as(ParsedDefault::Kind::kDbGenerated, generated);
}

}  // namespace airlock::introspect
