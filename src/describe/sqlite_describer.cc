#include <algorithm>
#include <cctype>
#include <optional>
#include <regex>

#include "describe/describe.h"
#include "describe/describe_sql.h"

namespace airlock::describe {
namespace {

using sqlschema::Action;
using sqlschema::ColumnFamily;

std::string Upper(std::string s) {
  for (auto& c : s)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

sqlschema::ColumnType TypeOf(const std::string& declared) {
  std::string u = Upper(declared);
  static const std::pair<const char*, ColumnFamily> kTypes[] = {
      {"INTEGER", ColumnFamily::kInt},
      {"INT", ColumnFamily::kInt},
      {"BIGINT", ColumnFamily::kBigInt},
      {"REAL", ColumnFamily::kFloat},
      {"FLOAT", ColumnFamily::kFloat},
      {"DOUBLE", ColumnFamily::kFloat},
      {"DECIMAL", ColumnFamily::kDecimal},
      {"NUMERIC", ColumnFamily::kDecimal},
      {"BOOLEAN", ColumnFamily::kBoolean},
      {"TEXT", ColumnFamily::kString},
      {"DATETIME", ColumnFamily::kDateTime},
      {"DATE", ColumnFamily::kDateTime},
      {"BLOB", ColumnFamily::kBytes},
      {"JSONB", ColumnFamily::kJson},
      {"JSON", ColumnFamily::kJson},
  };
  for (const auto& [name, family] : kTypes) {
    if (u == name) return {family, u};
  }
  if (u.rfind("VARCHAR", 0) == 0 || u.rfind("CHAR", 0) == 0) {
    return {ColumnFamily::kString, u};
  }
  return {ColumnFamily::kUnsupported, declared};
}

Action ActionOf(const std::string& s) {
  std::string u = Upper(s);
  if (u == "RESTRICT") return Action::kRestrict;
  if (u == "CASCADE") return Action::kCascade;
  if (u == "SET NULL") return Action::kSetNull;
  if (u == "SET DEFAULT") return Action::kSetDefault;
  return Action::kNoAction;
}

// A catalogue row: text values, nullopt for NULL.
using SqliteRow = std::vector<std::optional<std::string>>;

std::string Text(const SqliteRow& row, size_t i) {
  return i < row.size() && row[i] ? *row[i] : std::string();
}

// Runs one catalogue query with text parameters (?1, ...).
class Catalogue {
 public:
  explicit Catalogue(db::Connection& conn) : conn_(conn) {}
  Result<std::vector<SqliteRow>> Query(
      std::string_view sql, const std::vector<std::string>& params = {}) {
    std::vector<db::Value> values;
    for (const auto& p : params) values.push_back(db::Value::Text(p));
    AIRLOCK_ASSIGN_OR_RETURN(db::Rows rows, conn_.Query(sql, values));
    std::vector<SqliteRow> out;
    out.reserve(rows.rows.size());
    for (const auto& r : rows.rows) {
      SqliteRow row;
      for (const auto& v : r) row.push_back(v.AsOptionalText());
      out.push_back(std::move(row));
    }
    return out;
  }

 private:
  db::Connection& conn_;
};

// Name, type and nullability of a kSqliteColumns row (tables and views).
sqlschema::Column BasicColumn(const SqliteRow& c) {
  sqlschema::Column col;
  col.name = Text(c, 1);
  col.type = TypeOf(Text(c, 2));
  col.arity = Text(c, 3) == "1" ? sqlschema::Arity::kRequired
                                : sqlschema::Arity::kNullable;
  return col;
}

}  // namespace

Result<sqlschema::SqlSchema> DescribeSqlite(db::Connection& conn) {
  Catalogue db(conn);
  sqlschema::SqlSchema out;
  out.provider = sqlschema::Provider::kSqlite;
  out.described = true;
  AIRLOCK_ASSIGN_OR_RETURN(auto tables, db.Query(sql::kSqliteTables));
  int fk_ordinal = 0;
  static const std::regex kFkName(
      R"re(CONSTRAINT\s+"((?:[^"]|"")+)"\s+FOREIGN\s+KEY)re",
      std::regex::icase);
  for (const auto& trow : tables) {
    sqlschema::Table t;
    t.name = Text(trow, 0);
    std::string create_sql = Text(trow, 1);
    bool autoincrement =
        Upper(create_sql).find("AUTOINCREMENT") != std::string::npos;
    AIRLOCK_ASSIGN_OR_RETURN(auto cols,
                             db.Query(sql::kSqliteColumns, {t.name}));
    std::vector<std::pair<int, std::string>> pk;
    for (const auto& c : cols) {
      sqlschema::Column col = BasicColumn(c);
      if (c[4]) {
        sqlschema::DefaultValue d;
        d.sql = *c[4];
        d.is_now = Upper(d.sql) == "CURRENT_TIMESTAMP";
        col.default_value = d;
      }
      int pk_pos = std::atoi(Text(c, 5).c_str());
      if (pk_pos > 0) pk.emplace_back(pk_pos, col.name);
      t.columns.push_back(std::move(col));
    }
    if (!pk.empty()) {
      std::sort(pk.begin(), pk.end());
      sqlschema::PrimaryKey key;
      for (auto& [pos, name] : pk) key.columns.push_back({name});
      t.primary_key = std::move(key);
      if (pk.size() == 1 && autoincrement) {
        int c = t.FindColumn(pk[0].second);
        if (c >= 0 && t.columns[c].type.family == ColumnFamily::kInt) {
          t.columns[c].auto_increment = true;
        }
      }
    }
    AIRLOCK_ASSIGN_OR_RETURN(auto indexes,
                             db.Query(sql::kSqliteIndexes, {t.name}));
    for (const auto& irow : indexes) {
      std::string name = Text(irow, 0);
      // Like Prisma: primary keys are described separately, but the
      // automatic index of an inline UNIQUE constraint (origin "u",
      // sqlite_autoindex_*) is a unique index like CREATE UNIQUE INDEX.
      if (Text(irow, 2) == "pk") continue;
      sqlschema::Index idx;
      idx.name = name;
      idx.kind = Text(irow, 1) == "1" ? sqlschema::Index::Kind::kUnique
                                      : sqlschema::Index::Kind::kNormal;
      AIRLOCK_ASSIGN_OR_RETURN(auto icols,
                               db.Query(sql::kSqliteIndexColumns, {name}));
      // An index over an expression (or the rowid) has key columns without
      // a name: Prisma leaves such an index out.
      bool expression = false;
      for (const auto& ic : icols) {
        if (ic.size() < 2 || !ic[1]) {
          expression = true;
          break;
        }
        sqlschema::IndexColumn col{Text(ic, 1)};
        if (Text(ic, 2) == "1") col.sort = sqlschema::SortOrder::kDesc;
        idx.columns.push_back(std::move(col));
      }
      if (!expression) t.indexes.push_back(std::move(idx));
    }
    std::sort(t.indexes.begin(), t.indexes.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    AIRLOCK_ASSIGN_OR_RETURN(auto fks,
                             db.Query(sql::kSqliteForeignKeys, {t.name}));
    std::vector<std::string> names;
    for (std::sregex_iterator it(create_sql.begin(), create_sql.end(), kFkName),
         end;
         it != end; ++it) {
      names.push_back((*it)[1]);
    }
    std::string current_id;
    for (const auto& frow : fks) {
      std::string id = Text(frow, 0);
      if (id != current_id || t.foreign_keys.empty()) {
        current_id = id;
        sqlschema::ForeignKey fk;
        fk.referenced_table = Text(frow, 2);
        fk.on_update = ActionOf(Text(frow, 5));
        fk.on_delete = ActionOf(Text(frow, 6));
        t.foreign_keys.push_back(std::move(fk));
      }
      auto& fk = t.foreign_keys.back();
      fk.columns.push_back(Text(frow, 3));
      fk.referenced_columns.push_back(Text(frow, 4));
    }
    if (names.size() == t.foreign_keys.size()) {
      for (size_t i = 0; i < names.size(); ++i)
        t.foreign_keys[i].name = names[i];
    }
    for (auto& fk : t.foreign_keys) fk.ordinal = fk_ordinal++;
    out.tables.push_back(std::move(t));
  }
  AIRLOCK_ASSIGN_OR_RETURN(auto views, db.Query(sql::kSqliteViews));
  for (const auto& vrow : views) {
    sqlschema::Table v;
    v.name = Text(vrow, 0);
    AIRLOCK_ASSIGN_OR_RETURN(auto cols,
                             db.Query(sql::kSqliteColumns, {v.name}));
    for (const auto& c : cols) v.columns.push_back(BasicColumn(c));
    out.views.push_back(std::move(v));
  }
  return out;
}

}  // namespace airlock::describe
