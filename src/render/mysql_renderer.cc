// MySQL/MariaDB: indexes and primary key inside CREATE TABLE with the utf8mb4
// table suffix, inline ENUM(…) column types, MODIFY for column changes.
#include <fmt/format.h>

#include "render/renderer.h"

namespace airlock::render {
namespace {

using diff::TableChange;
using sqlschema::Arity;
using sqlschema::Column;
using sqlschema::ColumnFamily;
using sqlschema::ForeignKey;
using sqlschema::Index;
using sqlschema::IndexColumn;
using sqlschema::Table;

class MysqlRendererImpl final : public Renderer {
 public:
  std::string QuoteIdent(std::string_view name) const override {
    return QuoteDoubling(name, '`');
  }

  std::vector<std::string> RenderStep(const Step& s, const SqlSchema& prev,
                                      const SqlSchema& next) const override {
    switch (s.kind) {
      case Step::Kind::kCreateTable:
        return {CreateTable(next, next.tables[s.next_table])};
      case Step::Kind::kDropTable:
        return {"DROP TABLE " + QuoteIdent(prev.tables[s.prev_table].name)};
      case Step::Kind::kCreateIndex:
        return {CreateIndex(next.tables[s.next_table],
                            next.tables[s.next_table].indexes[s.next_index])};
      case Step::Kind::kDropIndex:
        return {DropIndex(prev.tables[s.prev_table],
                          prev.tables[s.prev_table].indexes[s.prev_index])};
      case Step::Kind::kRenameIndex:
        return {
            "ALTER TABLE " + QuoteIdent(prev.tables[s.prev_table].name) +
            " RENAME INDEX " +
            QuoteIdent(prev.tables[s.prev_table].indexes[s.prev_index].name) +
            " TO " +
            QuoteIdent(next.tables[s.next_table].indexes[s.next_index].name)};
      case Step::Kind::kRedefineIndex:
        return {CreateIndex(next.tables[s.next_table],
                            next.tables[s.next_table].indexes[s.next_index]),
                DropIndex(prev.tables[s.prev_table],
                          prev.tables[s.prev_table].indexes[s.prev_index])};
      case Step::Kind::kAddForeignKey: {
        const Table& t = next.tables[s.next_table];
        return {AddForeignKey(t, t.foreign_keys[s.next_fk])};
      }
      case Step::Kind::kDropForeignKey: {
        const Table& t = prev.tables[s.prev_table];
        return {"ALTER TABLE " + QuoteIdent(t.name) + " DROP FOREIGN KEY " +
                QuoteIdent(t.foreign_keys[s.prev_fk].name)};
      }
      case Step::Kind::kAlterTable:
        return AlterTable(s, prev, next);
      default:
        return {};
    }
  }

 private:
  std::string TypeSql(const SqlSchema& s, const Column& c) const {
    if (c.type.family == ColumnFamily::kEnum) {
      int e = s.FindEnum(c.type.native);
      std::string out = "ENUM(";
      if (e >= 0) {
        for (size_t i = 0; i < s.enums[e].values.size(); ++i) {
          if (i > 0) out += ", ";
          out += QuoteString(s.enums[e].values[i]);
        }
      }
      return out + ")";
    }
    return c.type.native;
  }

  std::string RenderColumn(const SqlSchema& s, const Column& c) const {
    std::string out = QuoteIdent(c.name) + " " + TypeSql(s, c);
    out += c.arity == Arity::kRequired ? " NOT NULL" : " NULL";
    if (c.auto_increment) out += " AUTO_INCREMENT";
    if (c.default_value) out += " DEFAULT " + c.default_value->sql;
    return out;
  }

  std::string IndexColumns(const std::vector<IndexColumn>& cols) const {
    std::string out;
    for (size_t i = 0; i < cols.size(); ++i) {
      if (i > 0) out += ", ";
      out += QuoteIdent(cols[i].name);
      if (cols[i].length) out += fmt::format("({})", *cols[i].length);
      if (cols[i].sort) {
        out += *cols[i].sort == sqlschema::SortOrder::kDesc ? " DESC" : " ASC";
      }
    }
    return out;
  }

  static const char* IndexPrefix(const Index& idx) {
    switch (idx.kind) {
      case Index::Kind::kUnique:
        return "UNIQUE ";
      case Index::Kind::kFulltext:
        return "FULLTEXT ";
      default:
        return "";
    }
  }

  std::string CreateTable(const SqlSchema& s, const Table& t) const {
    std::string out = "CREATE TABLE " + QuoteIdent(t.name) + " (\n";
    for (size_t i = 0; i < t.columns.size(); ++i) {
      if (i > 0) out += ",\n";
      out += "    " + RenderColumn(s, t.columns[i]);
    }
    if (!t.indexes.empty() || t.primary_key) out += ",\n\n";
    for (size_t i = 0; i < t.indexes.size(); ++i) {
      if (i > 0) out += ",\n";
      out += std::string("    ") + IndexPrefix(t.indexes[i]) + "INDEX " +
             QuoteIdent(t.indexes[i].name) + "(" +
             IndexColumns(t.indexes[i].columns) + ")";
    }
    if (t.primary_key) {
      if (!t.indexes.empty()) out += ",\n";
      out += "    PRIMARY KEY (" + IndexColumns(t.primary_key->columns) + ")";
    }
    return out + "\n) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci";
  }

  std::string CreateIndex(const Table& t, const Index& idx) const {
    return std::string("CREATE ") + IndexPrefix(idx) + "INDEX " +
           QuoteIdent(idx.name) + " ON " + QuoteIdent(t.name) + "(" +
           IndexColumns(idx.columns) + ")";
  }

  std::string DropIndex(const Table& t, const Index& idx) const {
    return "DROP INDEX " + QuoteIdent(idx.name) + " ON " + QuoteIdent(t.name);
  }

  std::string AddForeignKey(const Table& t, const ForeignKey& fk) const {
    std::string out = "ALTER TABLE " + QuoteIdent(t.name) + " ADD ";
    if (!fk.name.empty()) out += "CONSTRAINT " + QuoteIdent(fk.name) + " ";
    out += "FOREIGN KEY (";
    for (size_t i = 0; i < fk.columns.size(); ++i) {
      if (i > 0) out += ", ";
      out += QuoteIdent(fk.columns[i]);
    }
    out += ") REFERENCES " + QuoteIdent(fk.referenced_table) + "(";
    for (size_t i = 0; i < fk.referenced_columns.size(); ++i) {
      if (i > 0) out += ", ";
      out += QuoteIdent(fk.referenced_columns[i]);
    }
    return out + fmt::format(") ON DELETE {} ON UPDATE {}",
                             ActionSql(fk.on_delete), ActionSql(fk.on_update));
  }

  std::vector<std::string> AlterTable(const Step& s, const SqlSchema& prev,
                                      const SqlSchema& next) const {
    const Table& pt = prev.tables[s.prev_table];
    const Table& nt = next.tables[s.next_table];
    std::vector<std::string> lines;
    for (const TableChange& c : s.changes) {
      switch (c.kind) {
        case TableChange::Kind::kDropPrimaryKey:
          lines.push_back("DROP PRIMARY KEY");
          break;
        case TableChange::Kind::kRenamePrimaryKey:
          break;
        case TableChange::Kind::kAddPrimaryKey:
          lines.push_back("ADD PRIMARY KEY (" +
                          IndexColumns(nt.primary_key->columns) + ")");
          break;
        case TableChange::Kind::kAddColumn:
          lines.push_back("ADD COLUMN " +
                          RenderColumn(next, nt.columns[c.next_column]));
          break;
        case TableChange::Kind::kDropColumn:
          lines.push_back("DROP COLUMN " +
                          QuoteIdent(pt.columns[c.prev_column].name));
          break;
        case TableChange::Kind::kDropAndRecreateColumn:
          lines.push_back("DROP COLUMN " +
                          QuoteIdent(pt.columns[c.prev_column].name));
          lines.push_back("ADD COLUMN " +
                          RenderColumn(next, nt.columns[c.next_column]));
          break;
        case TableChange::Kind::kAlterColumn: {
          const Column& b = nt.columns[c.next_column];
          if (c.changes.OnlyDefault() && !b.default_value) {
            lines.push_back("ALTER COLUMN " +
                            QuoteIdent(pt.columns[c.prev_column].name) +
                            " DROP DEFAULT");
            break;
          }
          std::string line =
              "MODIFY " + QuoteIdent(b.name) + " " + TypeSql(next, b);
          line += b.arity == Arity::kRequired ? " NOT NULL" : " NULL";
          if (b.default_value) line += " DEFAULT " + b.default_value->sql;
          if (b.auto_increment) line += " AUTO_INCREMENT";
          lines.push_back(line);
          break;
        }
      }
    }
    if (lines.empty()) return {};
    std::string joined;
    for (size_t i = 0; i < lines.size(); ++i) {
      if (i > 0) joined += ",\n    ";
      joined += lines[i];
    }
    return {"ALTER TABLE " + QuoteIdent(pt.name) + " " + joined};
  }
};

}  // namespace

const Renderer& MysqlRenderer() {
  static const MysqlRendererImpl kRenderer;
  return kRenderer;
}

}  // namespace airlock::render
