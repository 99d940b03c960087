// SQLite: foreign keys inside CREATE TABLE, AUTOINCREMENT on a single integer
// primary key, and RedefineTables for every change ALTER TABLE cannot do.
#include <fmt/format.h>

#include "render/renderer.h"

namespace airlock::render {
namespace {

using diff::RedefineTable;
using sqlschema::Arity;
using sqlschema::Column;
using sqlschema::ColumnFamily;
using sqlschema::Index;
using sqlschema::Table;

class SqliteRendererImpl final : public Renderer {
 public:
  std::string QuoteIdent(std::string_view name) const override {
    return QuoteDoubling(name, '"');
  }

  std::vector<std::string> RenderStep(const Step& s, const SqlSchema& prev,
                                      const SqlSchema& next) const override {
    switch (s.kind) {
      case Step::Kind::kCreateTable:
        return {CreateTable(next.tables[s.next_table],
                            next.tables[s.next_table].name)};
      case Step::Kind::kDropTable:
        return {"PRAGMA foreign_keys=off",
                "DROP TABLE " + QuoteIdent(prev.tables[s.prev_table].name),
                "PRAGMA foreign_keys=on"};
      case Step::Kind::kCreateIndex:
        return {CreateIndex(next.tables[s.next_table],
                            next.tables[s.next_table].indexes[s.next_index])};
      case Step::Kind::kDropIndex:
        return {
            "DROP INDEX " +
            QuoteIdent(prev.tables[s.prev_table].indexes[s.prev_index].name)};
      case Step::Kind::kRedefineIndex:
        return {"DROP INDEX " +
                    QuoteIdent(
                        prev.tables[s.prev_table].indexes[s.prev_index].name),
                CreateIndex(next.tables[s.next_table],
                            next.tables[s.next_table].indexes[s.next_index])};
      case Step::Kind::kAlterTable: {
        std::vector<std::string> out;
        const Table& pt = prev.tables[s.prev_table];
        const Table& nt = next.tables[s.next_table];
        for (const auto& c : s.changes) {
          if (c.kind != diff::TableChange::Kind::kAddColumn) continue;
          out.push_back("ALTER TABLE " + QuoteIdent(pt.name) + " ADD COLUMN " +
                        RenderColumn(nt, nt.columns[c.next_column]));
        }
        return out;
      }
      case Step::Kind::kRedefineTables:
        return Redefine(s.redefines, prev, next);
      default:
        return {};
    }
  }

 private:
  std::string RenderColumn(const Table& t, const Column& c) const {
    bool single_pk = t.IsSinglePrimaryKeyColumn(c.name);
    std::string out = QuoteIdent(c.name) + " " + c.type.native;
    if (c.arity != Arity::kNullable) out += " NOT NULL";
    if (single_pk) out += " PRIMARY KEY";
    if (single_pk && c.type.family == ColumnFamily::kInt)
      out += " AUTOINCREMENT";
    if (c.default_value) out += " DEFAULT " + c.default_value->sql;
    return out;
  }

  std::string CreateTable(const Table& t, const std::string& name) const {
    std::string out = "CREATE TABLE " + QuoteIdent(name) + " (\n";
    for (size_t i = 0; i < t.columns.size(); ++i) {
      if (i > 0) out += ",\n";
      out += "    " + RenderColumn(t, t.columns[i]);
    }
    if (t.primary_key && t.primary_key->columns.size() > 1) {
      out += ",\n\n    PRIMARY KEY (";
      for (size_t i = 0; i < t.primary_key->columns.size(); ++i) {
        if (i > 0) out += ", ";
        out += QuoteIdent(t.primary_key->columns[i].name);
      }
      out += ")";
    }
    for (const auto& fk : t.foreign_keys) {
      out += ",\n    ";
      if (!fk.name.empty()) out += "CONSTRAINT " + QuoteIdent(fk.name) + " ";
      out += "FOREIGN KEY (";
      for (size_t i = 0; i < fk.columns.size(); ++i) {
        if (i > 0) out += ", ";
        out += QuoteIdent(fk.columns[i]);
      }
      out += ") REFERENCES " + QuoteIdent(fk.referenced_table) + " (";
      for (size_t i = 0; i < fk.referenced_columns.size(); ++i) {
        if (i > 0) out += ", ";
        out += QuoteIdent(fk.referenced_columns[i]);
      }
      out += fmt::format(") ON DELETE {} ON UPDATE {}", ActionSql(fk.on_delete),
                         ActionSql(fk.on_update));
    }
    return out + "\n)";
  }

  std::string CreateIndex(const Table& t, const Index& idx) const {
    std::string out = idx.IsUnique() ? "CREATE UNIQUE INDEX " : "CREATE INDEX ";
    out += QuoteIdent(idx.name) + " ON " + QuoteIdent(t.name) + "(";
    for (size_t i = 0; i < idx.columns.size(); ++i) {
      if (i > 0) out += ", ";
      out += QuoteIdent(idx.columns[i].name);
      if (idx.columns[i].sort) {
        out += *idx.columns[i].sort == sqlschema::SortOrder::kDesc ? " DESC"
                                                                   : " ASC";
      }
    }
    return out + ")";
  }

  std::vector<std::string> Redefine(const std::vector<RedefineTable>& tables,
                                    const SqlSchema& prev,
                                    const SqlSchema& next) const {
    std::vector<std::string> out = {"PRAGMA defer_foreign_keys=ON",
                                    "PRAGMA foreign_keys=OFF"};
    for (const RedefineTable& r : tables) {
      const Table& pt = prev.tables[r.prev_table];
      const Table& nt = next.tables[r.next_table];
      std::string tmp = "new_" + nt.name;
      out.push_back(CreateTable(nt, tmp));
      if (!r.column_pairs.empty()) {
        std::string dest, src;
        for (size_t i = 0; i < r.column_pairs.size(); ++i) {
          const auto& cp = r.column_pairs[i];
          const Column& pc = pt.columns[cp.prev];
          const Column& nc = nt.columns[cp.next];
          if (i > 0) {
            dest += ", ";
            src += ", ";
          }
          dest += QuoteIdent(nc.name);
          if (cp.changes.arity && nc.arity == Arity::kRequired &&
              nc.default_value) {
            src += "coalesce(" + QuoteIdent(pc.name) + ", " +
                   nc.default_value->sql + ") AS " + QuoteIdent(pc.name);
          } else {
            src += QuoteIdent(pc.name);
          }
        }
        out.push_back("INSERT INTO " + QuoteIdent(tmp) + " (" + dest +
                      ") SELECT " + src + " FROM " + QuoteIdent(pt.name));
      }
      out.push_back("DROP TABLE " + QuoteIdent(pt.name));
      out.push_back("ALTER TABLE " + QuoteIdent(tmp) + " RENAME TO " +
                    QuoteIdent(nt.name));
      for (const Index& idx : nt.indexes) out.push_back(CreateIndex(nt, idx));
    }
    out.push_back("PRAGMA foreign_keys=ON");
    out.push_back("PRAGMA defer_foreign_keys=OFF");
    return out;
  }
};

}  // namespace

const Renderer& SqliteRenderer() {
  static const SqliteRendererImpl kRenderer;
  return kRenderer;
}

}  // namespace airlock::render
