// PostgreSQL describer: the tables, enums, indexes and foreign keys of one or
// more schemas -> SqlSchema, in the shape sqlschema::Calculate gives for the
// Prisma schema that created them: format_type names mapped to the flavor's
// spelling (`character varying(191)` -> VARCHAR(191)), serial and identity
// columns as auto-increment, defaults without their casts
// (`'a'::text` -> 'a', `ARRAY['a'::text]` -> ARRAY['a']::TEXT[]). One
// pg_catalog query per catalogue.
#include <fmt/format.h>

#include <map>
#include <regex>

#include "describe/describe.h"
#include "describe/describe_sql.h"
#include "describe/describe_util.h"

namespace airlock::describe {
namespace {

using sqlschema::ColumnFamily;
using sqlschema::ColumnType;

std::string Text(const db::Row& row, size_t i) {
  return i < row.size() ? row[i].AsText() : std::string();
}

bool Bool(const db::Row& row, size_t i) {
  std::string t = Text(row, i);
  return t == "t" || t == "true" || t == "1";
}

// format_type() text (without `[]`) -> the PostgreSQL flavor's type.
ColumnType TypeOf(const std::string& formatted) {
  static const std::regex kSized(
      R"re(^([a-z ]+?)(\([0-9, ]+\))?( with(out)? time zone)?$)re");
  std::smatch m;
  if (!std::regex_match(formatted, m, kSized)) {
    return {ColumnFamily::kUnsupported, formatted};
  }
  std::string base = m[1];
  std::string args = m[2];
  args.erase(std::remove(args.begin(), args.end(), ' '), args.end());
  bool tz = m[3].matched && m[4].length() == 0;
  static const std::map<std::string, std::pair<ColumnFamily, const char*>>
      kTypes = {
          {"smallint", {ColumnFamily::kInt, "SMALLINT"}},
          {"integer", {ColumnFamily::kInt, "INTEGER"}},
          {"bigint", {ColumnFamily::kBigInt, "BIGINT"}},
          {"oid", {ColumnFamily::kInt, "OID"}},
          {"numeric", {ColumnFamily::kDecimal, "DECIMAL"}},
          {"money", {ColumnFamily::kDecimal, "MONEY"}},
          {"real", {ColumnFamily::kFloat, "REAL"}},
          {"double precision", {ColumnFamily::kFloat, "DOUBLE PRECISION"}},
          {"text", {ColumnFamily::kString, "TEXT"}},
          {"character varying", {ColumnFamily::kString, "VARCHAR"}},
          {"character", {ColumnFamily::kString, "CHAR"}},
          {"uuid", {ColumnFamily::kString, "UUID"}},
          {"xml", {ColumnFamily::kString, "XML"}},
          {"inet", {ColumnFamily::kString, "INET"}},
          {"citext", {ColumnFamily::kString, "CITEXT"}},
          {"bit", {ColumnFamily::kString, "BIT"}},
          {"bit varying", {ColumnFamily::kString, "VARBIT"}},
          {"boolean", {ColumnFamily::kBoolean, "BOOLEAN"}},
          {"date", {ColumnFamily::kDateTime, "DATE"}},
          {"json", {ColumnFamily::kJson, "JSON"}},
          {"jsonb", {ColumnFamily::kJson, "JSONB"}},
          {"bytea", {ColumnFamily::kBytes, "BYTEA"}},
      };
  if (base == "timestamp" || base == "time") {
    std::string name = base == "timestamp" ? "TIMESTAMP" : "TIME";
    if (tz) name += "TZ";
    // Like Prisma's describer (information_schema's datetime_precision):
    // without an explicit precision the column has PostgreSQL's default, 6.
    return {ColumnFamily::kDateTime, name + (args.empty() ? "(6)" : args)};
  }
  auto it = kTypes.find(base);
  if (it == kTypes.end() || m[3].matched) {
    return {ColumnFamily::kUnsupported, formatted};
  }
  return {it->second.first, it->second.second + args};
}

// Index just past the single-quoted literal starting at `i` (s[i] == '\'').
size_t SkipQuoted(const std::string& s, size_t i) {
  ++i;
  while (i < s.size()) {
    if (s[i] == '\'') {
      if (i + 1 < s.size() && s[i + 1] == '\'') {
        i += 2;
        continue;
      }
      return i + 1;
    }
    ++i;
  }
  return i;
}

// Drops a trailing `::type` cast (types may be quoted, have arguments,
// spaces and `[]`) from a literal or a parenthesised expression.
std::string StripCast(std::string e) {
  for (;;) {
    size_t end = 0;
    if (!e.empty() && e[0] == '\'') {
      end = SkipQuoted(e, 0);
    } else if (!e.empty() && e[0] == '(') {
      int depth = 0;
      size_t i = 0;
      for (; i < e.size(); ++i) {
        if (e[i] == '\'') {
          i = SkipQuoted(e, i) - 1;
        } else if (e[i] == '(') {
          ++depth;
        } else if (e[i] == ')' && --depth == 0) {
          break;
        }
      }
      end = i + 1;
    } else {
      size_t c = e.find("::");
      if (c == std::string::npos || e.find('\'') != std::string::npos) return e;
      end = c;
    }
    if (end >= e.size() || e.compare(end, 2, "::") != 0) return e;
    e = e.substr(0, end);
    if (e.size() >= 2 && e.front() == '(' && e.back() == ')' &&
        IsNumberLiteral(e.substr(1, e.size() - 2))) {
      e = e.substr(1, e.size() - 2);
    }
  }
}

// `'-1'` -> `-1` for numbers written as quoted literals.
std::string Unquoted(const std::string& lit, ColumnFamily family) {
  if (!IsNumeric(family) || lit.size() < 2 || lit.front() != '\'') return lit;
  std::string inner = lit.substr(1, lit.size() - 2);
  return IsNumberLiteral(inner) ? inner : lit;
}

// Top-level comma-separated items of `ARRAY[ … ]`'s body.
std::vector<std::string> SplitItems(const std::string& body) {
  std::vector<std::string> out;
  std::string cur;
  int depth = 0;
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c == '\'') {
      size_t e = SkipQuoted(body, i);
      cur += body.substr(i, e - i);
      i = e - 1;
      continue;
    }
    if (c == '(' || c == '[') ++depth;
    if (c == ')' || c == ']') --depth;
    if (c == ',' && depth == 0) {
      out.push_back(cur);
      cur.clear();
      continue;
    }
    cur += c;
  }
  if (!cur.empty()) out.push_back(cur);
  for (auto& s : out) {
    size_t a = s.find_first_not_of(' ');
    size_t b = s.find_last_not_of(' ');
    s = a == std::string::npos ? "" : s.substr(a, b - a + 1);
  }
  return out;
}

std::optional<sqlschema::DefaultValue> DefaultOf(const std::string& expr,
                                                 sqlschema::Column& col) {
  sqlschema::DefaultValue d;
  std::string upper = Upper(expr);
  if (upper.rfind("NEXTVAL(", 0) == 0) {
    col.auto_increment = true;
    return std::nullopt;
  }
  if (upper == "CURRENT_TIMESTAMP" || upper == "NOW()" ||
      upper.rfind("CURRENT_TIMESTAMP(", 0) == 0) {
    d.is_now = true;
    d.sql = "CURRENT_TIMESTAMP";
    return d;
  }
  if (col.arity == sqlschema::Arity::kList) {
    std::string suffix = col.type.family == ColumnFamily::kEnum
                             ? "\"" + col.type.native + "\"[]"
                             : col.type.native + "[]";
    std::string bare = StripCast(expr);
    if (bare == "'{}'") {
      d.sql = "ARRAY[]::" + suffix;
      return d;
    }
    if (upper.rfind("ARRAY[", 0) == 0) {
      size_t close = expr.rfind(']');
      std::string body = expr.substr(6, close - 6);
      std::string items;
      for (const auto& item : SplitItems(body)) {
        if (!items.empty()) items += ", ";
        items += Unquoted(StripCast(item), col.type.family);
      }
      d.sql = "ARRAY[" + items + "]::" + suffix;
      return d;
    }
    d.sql = expr;
    return d;
  }
  std::string bare = StripCast(expr);
  if (!bare.empty() && (bare[0] == '\'' || IsNumberLiteral(bare) ||
                        bare == "true" || bare == "false")) {
    d.sql = Unquoted(bare, col.type.family);
    return d;
  }
  d.sql = expr;
  d.db_generated = true;
  return d;
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += ",";
    out += s;
  }
  return out;
}

}  // namespace

Result<sqlschema::SqlSchema> DescribePostgres(
    db::Connection& conn, const std::vector<std::string>& schemas) {
  sqlschema::SqlSchema out;
  out.provider = sqlschema::Provider::kPostgres;
  out.described = true;
  std::vector<std::string> names = schemas;
  bool multi = !schemas.empty();
  if (names.empty()) {
    AIRLOCK_ASSIGN_OR_RETURN(db::Rows cur,
                             conn.Query("SELECT current_schema()"));
    if (cur.rows.empty() || cur.rows[0][0].is_null()) return out;
    names.push_back(cur.rows[0][0].AsText());
  }
  std::vector<db::Value> params = {db::Value::Text(Join(names))};
  auto schema_of = [&](const std::string& ns) -> std::optional<std::string> {
    if (!multi) return std::nullopt;
    return ns;
  };
  if (multi) {
    AIRLOCK_ASSIGN_OR_RETURN(
        db::Rows existing,
        conn.Query("SELECT nspname FROM pg_namespace WHERE nspname = ANY "
                   "(string_to_array($1, ',')) ORDER BY nspname",
                   params));
    for (const auto& r : existing.rows) out.namespaces.push_back(Text(r, 0));
  }

  // Every installed extension (Prisma reads them all; callers drop them when
  // the postgresqlExtensions preview feature is off).
  AIRLOCK_ASSIGN_OR_RETURN(
      db::Rows extensions,
      conn.Query("SELECT e.extname, n.nspname, e.extversion, "
                 "e.extrelocatable FROM pg_extension e JOIN pg_namespace n "
                 "ON n.oid = e.extnamespace ORDER BY e.extname"));
  for (const auto& r : extensions.rows) {
    out.extensions.push_back({Text(r, 0), Text(r, 1), Text(r, 2), Bool(r, 3)});
  }

  AIRLOCK_ASSIGN_OR_RETURN(db::Rows enums,
                           conn.Query(sql::kPostgresEnums, params));
  for (const auto& r : enums.rows) {
    std::string ns = Text(r, 0), name = Text(r, 1);
    if (out.enums.empty() || out.enums.back().name != name ||
        out.enums.back().schema != schema_of(ns)) {
      sqlschema::Enum e;
      e.schema = schema_of(ns);
      e.name = name;
      out.enums.push_back(std::move(e));
    }
    out.enums.back().values.push_back(Text(r, 2));
  }

  AIRLOCK_ASSIGN_OR_RETURN(db::Rows columns,
                           conn.Query(sql::kPostgresColumns, params));
  std::map<std::pair<std::string, std::string>, int> table_index;
  for (const auto& r : columns.rows) {
    std::pair<std::string, std::string> key{Text(r, 0), Text(r, 1)};
    auto [it, inserted] =
        table_index.emplace(key, static_cast<int>(out.tables.size()));
    if (inserted) {
      sqlschema::Table t;
      t.schema = schema_of(key.first);
      t.name = key.second;
      out.tables.push_back(std::move(t));
    }
    sqlschema::Table& t = out.tables[it->second];
    sqlschema::Column col;
    col.name = Text(r, 2);
    std::string formatted = Text(r, 3);
    bool is_array = Bool(r, 5);
    if (is_array && formatted.size() > 2 &&
        formatted.compare(formatted.size() - 2, 2, "[]") == 0) {
      formatted.resize(formatted.size() - 2);
    }
    if (!r[4].is_null()) {
      col.type = {ColumnFamily::kEnum, Text(r, 4)};
    } else {
      col.type = TypeOf(formatted);
    }
    col.arity = is_array     ? sqlschema::Arity::kList
                : Bool(r, 6) ? sqlschema::Arity::kRequired
                             : sqlschema::Arity::kNullable;
    std::string identity = Text(r, 8);
    if (identity == "a" || identity == "d") col.auto_increment = true;
    if (!r[7].is_null()) col.default_value = DefaultOf(Text(r, 7), col);
    t.columns.push_back(std::move(col));
  }

  AIRLOCK_ASSIGN_OR_RETURN(db::Rows indexes,
                           conn.Query(sql::kPostgresIndexes, params));
  std::string skip;  // an index with an expression column or a predicate
  for (const auto& r : indexes.rows) {
    auto it = table_index.find({Text(r, 0), Text(r, 1)});
    if (it == table_index.end()) continue;
    sqlschema::Table& t = out.tables[it->second];
    std::string name = Text(r, 2);
    bool first = Text(r, 6) == "1";
    if (first) skip.clear();
    if (!skip.empty() && skip == name) continue;
    bool primary = Bool(r, 4);
    if (r[7].is_null() || Bool(r, 10)) {
      // Not representable: drop what was collected for it. Like Prisma, a
      // partial index leaves no trace; an expression index is noted.
      skip = name;
      if (!Bool(r, 10)) t.has_expression_index = true;
      if (primary) {
        t.primary_key.reset();
      } else if (!t.indexes.empty() && t.indexes.back().name == name) {
        t.indexes.pop_back();
      }
      continue;
    }
    sqlschema::IndexColumn ic;
    ic.name = Text(r, 7);
    if (Bool(r, 8)) ic.sort = sqlschema::SortOrder::kDesc;
    if (!r[9].is_null()) ic.opclass = Text(r, 9);
    if (primary) {
      if (first) t.primary_key = sqlschema::PrimaryKey{name, {}};
      ic.opclass.reset();
      t.primary_key->columns.push_back(std::move(ic));
      continue;
    }
    if (first) {
      sqlschema::Index idx;
      idx.name = name;
      idx.kind = Bool(r, 3) ? sqlschema::Index::Kind::kUnique
                            : sqlschema::Index::Kind::kNormal;
      std::string am = Upper(Text(r, 5));
      idx.algorithm = am == "BTREE" ? "" : am;
      t.indexes.push_back(std::move(idx));
    }
    t.indexes.back().columns.push_back(std::move(ic));
  }

  AIRLOCK_ASSIGN_OR_RETURN(db::Rows fks,
                           conn.Query(sql::kPostgresForeignKeys, params));
  int ordinal = 0;
  for (const auto& r : fks.rows) {
    auto it = table_index.find({Text(r, 0), Text(r, 1)});
    if (it == table_index.end()) continue;
    sqlschema::Table& t = out.tables[it->second];
    std::string name = Text(r, 2);
    if (t.foreign_keys.empty() || t.foreign_keys.back().name != name) {
      sqlschema::ForeignKey fk;
      fk.name = name;
      fk.referenced_schema = schema_of(Text(r, 4));
      fk.referenced_table = Text(r, 5);
      fk.on_update = ActionOf(Text(r, 7));
      fk.on_delete = ActionOf(Text(r, 8));
      fk.ordinal = ordinal++;
      t.foreign_keys.push_back(std::move(fk));
    }
    t.foreign_keys.back().columns.push_back(Text(r, 3));
    t.foreign_keys.back().referenced_columns.push_back(Text(r, 6));
  }
  return out;
}

}  // namespace airlock::describe
