// MySQL/MariaDB describer: the connection's database -> SqlSchema, in the
// shape sqlschema::Calculate gives for the Prisma schema that created it
// (native types as the MySQL flavor writes them, BOOLEAN for tinyint(1),
// MariaDB's LONGTEXT + json_valid check as JSON, inline ENUM columns as enums
// named `{table}_{column}`). One information_schema query per catalogue.
#include <algorithm>
#include <cctype>
#include <map>

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

// `(3)` of `datetime(3)`, "" when there is none.
std::string Parens(const std::string& column_type) {
  auto open = column_type.find('(');
  if (open == std::string::npos) return "";
  auto close = column_type.find(')', open);
  if (close == std::string::npos) return "";
  return column_type.substr(open, close - open + 1);
}

// `enum('A','B''x')` -> {"A", "B'x"}.
std::vector<std::string> EnumValues(const std::string& column_type) {
  std::vector<std::string> out;
  size_t i = column_type.find('(');
  if (i == std::string::npos) return out;
  ++i;
  while (i < column_type.size()) {
    if (column_type[i] != '\'') {
      ++i;
      continue;
    }
    std::string value;
    ++i;
    while (i < column_type.size()) {
      char c = column_type[i];
      if (c == '\'' && i + 1 < column_type.size() &&
          column_type[i + 1] == '\'') {
        value += '\'';
        i += 2;
      } else if (c == '\\' && i + 1 < column_type.size()) {
        value += column_type[i + 1];
        i += 2;
      } else if (c == '\'') {
        ++i;
        break;
      } else {
        value += c;
        ++i;
      }
    }
    out.push_back(std::move(value));
  }
  return out;
}

ColumnType TypeOf(const std::string& data_type, const std::string& column_type,
                  bool json_check) {
  std::string dt = Lower(data_type);
  std::string ct = Lower(column_type);
  bool is_unsigned = ct.find(" unsigned") != std::string::npos;
  std::string u = is_unsigned ? " UNSIGNED" : "";
  std::string p = Parens(ct);
  if (dt == "int") return {ColumnFamily::kInt, "INTEGER" + u};
  if (dt == "tinyint") {
    if (ct.rfind("tinyint(1)", 0) == 0 && !is_unsigned)
      return {ColumnFamily::kBoolean, "BOOLEAN"};
    return {ColumnFamily::kInt, "TINYINT" + u};
  }
  if (dt == "smallint") return {ColumnFamily::kInt, "SMALLINT" + u};
  if (dt == "mediumint") return {ColumnFamily::kInt, "MEDIUMINT" + u};
  if (dt == "bigint") return {ColumnFamily::kBigInt, "BIGINT" + u};
  if (dt == "decimal") {
    auto comma = p.find(',');
    if (comma != std::string::npos) {
      return {ColumnFamily::kDecimal,
              "DECIMAL" + p.substr(0, comma) + ", " + p.substr(comma + 1)};
    }
    return {ColumnFamily::kDecimal, "DECIMAL" + p};
  }
  if (dt == "float") return {ColumnFamily::kFloat, "FLOAT"};
  if (dt == "double") return {ColumnFamily::kFloat, "DOUBLE"};
  if (dt == "varchar") return {ColumnFamily::kString, "VARCHAR" + p};
  if (dt == "char") return {ColumnFamily::kString, "CHAR" + p};
  if (dt == "tinytext") return {ColumnFamily::kString, "TINYTEXT"};
  if (dt == "text") return {ColumnFamily::kString, "TEXT"};
  if (dt == "mediumtext") return {ColumnFamily::kString, "MEDIUMTEXT"};
  if (dt == "longtext") {
    if (json_check) return {ColumnFamily::kJson, "JSON"};
    return {ColumnFamily::kString, "LONGTEXT"};
  }
  if (dt == "json") return {ColumnFamily::kJson, "JSON"};
  // Like Prisma's describer (DATETIME_PRECISION): without an explicit
  // fractional precision the column has MySQL's default, 0.
  std::string fsp = p.empty() ? "(0)" : p;
  if (dt == "datetime") return {ColumnFamily::kDateTime, "DATETIME" + fsp};
  if (dt == "timestamp") return {ColumnFamily::kDateTime, "TIMESTAMP" + fsp};
  if (dt == "time") return {ColumnFamily::kDateTime, "TIME" + fsp};
  if (dt == "date") return {ColumnFamily::kDateTime, "DATE"};
  if (dt == "year") return {ColumnFamily::kInt, "YEAR"};
  if (dt == "bit") {
    if (p == "(1)") return {ColumnFamily::kBoolean, "BIT(1)"};
    return {ColumnFamily::kBytes, "BIT" + p};
  }
  if (dt == "tinyblob") return {ColumnFamily::kBytes, "TINYBLOB"};
  if (dt == "blob") return {ColumnFamily::kBytes, "BLOB"};
  if (dt == "mediumblob") return {ColumnFamily::kBytes, "MEDIUMBLOB"};
  if (dt == "longblob") return {ColumnFamily::kBytes, "LONGBLOB"};
  if (dt == "binary") return {ColumnFamily::kBytes, "BINARY" + p};
  if (dt == "varbinary") return {ColumnFamily::kBytes, "VARBINARY" + p};
  return {ColumnFamily::kUnsupported, column_type};
}

// COLUMN_DEFAULT -> the default as Calculate writes it. MariaDB quotes
// literals ('abc'), writes NULL for "no default" and expressions as text
// (current_timestamp(3)); MySQL 8 returns literals unquoted and flags
// expressions with DEFAULT_GENERATED in EXTRA.
std::optional<sqlschema::DefaultValue> DefaultOf(const db::Value& raw,
                                                 const std::string& extra,
                                                 const sqlschema::Column& col,
                                                 bool mariadb) {
  if (raw.is_null()) return std::nullopt;
  std::string text = raw.AsText();
  if (mariadb && text == "NULL") return std::nullopt;
  sqlschema::DefaultValue d;
  std::string lower = Lower(text);
  if (lower.rfind("current_timestamp", 0) == 0 || lower == "now()") {
    d.is_now = true;
    std::string p = Parens(lower);
    d.sql = "CURRENT_TIMESTAMP" + (p == "()" ? std::string() : p);
    return d;
  }
  bool quoted = text.size() >= 2 && text.front() == '\'' && text.back() == '\'';
  bool expression =
      mariadb ? !quoted && !IsNumberLiteral(text)
              : Lower(extra).find("default_generated") != std::string::npos;
  if (expression) {
    d.sql = text;
    d.db_generated = true;
    return d;
  }
  if (!mariadb) {
    // MySQL 8: the literal's text, unquoted.
    bool numeric = IsNumberLiteral(text);
    if (!numeric || col.type.family == ColumnFamily::kString ||
        col.type.family == ColumnFamily::kEnum ||
        col.type.family == ColumnFamily::kDateTime) {
      std::string q = "'";
      for (char c : text) {
        if (c == '\'') q += '\'';
        q += c;
      }
      text = q + "'";
      quoted = true;
    }
  }
  if (col.type.family == ColumnFamily::kBoolean) {
    std::string v = quoted ? text.substr(1, text.size() - 2) : text;
    if (v == "1" || Lower(v) == "true") v = "true";
    if (v == "0" || Lower(v) == "false") v = "false";
    d.sql = v;
    return d;
  }
  if (quoted && IsNumeric(col.type.family)) {
    std::string inner = text.substr(1, text.size() - 2);
    if (IsNumberLiteral(inner)) text = inner;
  }
  d.sql = text;
  return d;
}

}  // namespace

Result<sqlschema::SqlSchema> DescribeMysql(db::Connection& conn) {
  sqlschema::SqlSchema out;
  out.provider = sqlschema::Provider::kMysql;
  out.described = true;
  AIRLOCK_ASSIGN_OR_RETURN(db::Rows server, conn.Query(sql::kMysqlServer));
  bool mariadb =
      !server.rows.empty() &&
      Lower(Text(server.rows[0], 0)).find("mariadb") != std::string::npos;
  // table -> columns with a json_valid check (MariaDB's JSON).
  std::map<std::string, std::vector<std::string>> json_columns;
  if (mariadb) {
    AIRLOCK_ASSIGN_OR_RETURN(db::Rows checks,
                             conn.Query(sql::kMysqlJsonChecks));
    for (const auto& r : checks.rows) {
      std::string clause = Text(r, 2);
      std::string column = Text(r, 1);
      if (clause == "json_valid(`" + column + "`)") {
        json_columns[Text(r, 0)].push_back(column);
      }
    }
  }
  AIRLOCK_ASSIGN_OR_RETURN(db::Rows tables, conn.Query(sql::kMysqlTables));
  std::map<std::string, int> table_index;
  for (const auto& r : tables.rows) {
    table_index.emplace(Text(r, 0), static_cast<int>(out.tables.size()));
    sqlschema::Table t;
    t.name = Text(r, 0);
    out.tables.push_back(std::move(t));
  }
  AIRLOCK_ASSIGN_OR_RETURN(db::Rows columns, conn.Query(sql::kMysqlColumns));
  for (const auto& r : columns.rows) {
    std::string table = Text(r, 0);
    auto it = table_index.find(table);
    if (it == table_index.end()) continue;  // a view
    sqlschema::Table& t = out.tables[it->second];
    sqlschema::Column col;
    col.name = Text(r, 1);
    const auto& json = json_columns[table];
    bool json_check =
        std::find(json.begin(), json.end(), col.name) != json.end();
    std::string data_type = Lower(Text(r, 2));
    if (data_type == "enum") {
      sqlschema::Enum e;
      e.name = table + "_" + col.name;
      e.values = EnumValues(Text(r, 3));
      col.type = {ColumnFamily::kEnum, e.name};
      out.enums.push_back(std::move(e));
    } else {
      col.type = TypeOf(data_type, Text(r, 3), json_check);
    }
    col.arity = Text(r, 4) == "YES" ? sqlschema::Arity::kNullable
                                    : sqlschema::Arity::kRequired;
    std::string extra = Text(r, 6);
    col.auto_increment =
        Lower(extra).find("auto_increment") != std::string::npos;
    col.default_value = DefaultOf(r[5], extra, col, mariadb);
    t.columns.push_back(std::move(col));
  }

  AIRLOCK_ASSIGN_OR_RETURN(db::Rows indexes, conn.Query(sql::kMysqlIndexes));
  for (const auto& r : indexes.rows) {
    auto it = table_index.find(Text(r, 0));
    if (it == table_index.end()) continue;
    sqlschema::Table& t = out.tables[it->second];
    std::string name = Text(r, 1);
    sqlschema::IndexColumn ic;
    ic.name = Text(r, 4);
    if (!r[5].is_null()) ic.length = static_cast<int>(r[5].AsInt().value_or(0));
    if (Text(r, 6) == "D") ic.sort = sqlschema::SortOrder::kDesc;
    bool first = Text(r, 3) == "1";
    if (name == "PRIMARY") {
      if (first || !t.primary_key) t.primary_key = sqlschema::PrimaryKey{};
      ic.sort.reset();
      t.primary_key->columns.push_back(std::move(ic));
      continue;
    }
    if (first || t.indexes.empty() || t.indexes.back().name != name) {
      sqlschema::Index idx;
      idx.name = name;
      if (Text(r, 7) == "FULLTEXT") {
        idx.kind = sqlschema::Index::Kind::kFulltext;
      } else if (Text(r, 2) == "0") {
        idx.kind = sqlschema::Index::Kind::kUnique;
      }
      t.indexes.push_back(std::move(idx));
    }
    t.indexes.back().columns.push_back(std::move(ic));
  }

  AIRLOCK_ASSIGN_OR_RETURN(db::Rows actions,
                           conn.Query(sql::kMysqlForeignKeyActions));
  // (table, constraint) -> (UPDATE_RULE, DELETE_RULE)
  std::map<std::pair<std::string, std::string>,
           std::pair<std::string, std::string>>
      rules;
  for (const auto& r : actions.rows) {
    rules[{Text(r, 0), Text(r, 1)}] = {Text(r, 2), Text(r, 3)};
  }
  AIRLOCK_ASSIGN_OR_RETURN(db::Rows fks, conn.Query(sql::kMysqlForeignKeys));
  int ordinal = 0;
  for (const auto& r : fks.rows) {
    auto it = table_index.find(Text(r, 0));
    if (it == table_index.end()) continue;
    sqlschema::Table& t = out.tables[it->second];
    std::string name = Text(r, 1);
    if (t.foreign_keys.empty() || t.foreign_keys.back().name != name) {
      sqlschema::ForeignKey fk;
      fk.name = name;
      fk.referenced_table = Text(r, 4);
      auto rule = rules.find({t.name, name});
      if (rule != rules.end()) {
        fk.on_update = ActionOf(rule->second.first);
        fk.on_delete = ActionOf(rule->second.second);
      }
      fk.ordinal = ordinal++;
      t.foreign_keys.push_back(std::move(fk));
    }
    t.foreign_keys.back().columns.push_back(Text(r, 2));
    t.foreign_keys.back().referenced_columns.push_back(Text(r, 5));
  }
  return out;
}

}  // namespace airlock::describe
