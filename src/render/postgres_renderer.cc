// PostgreSQL: named primary keys, enum types (ADD VALUE, or the swap through a
// new type when values are removed), separate CREATE INDEX and
// ADD FOREIGN KEY statements, multi-schema qualified names.
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
using sqlschema::Table;

class PostgresRendererImpl final : public Renderer {
 public:
  std::string QuoteIdent(std::string_view name) const override {
    return QuoteDoubling(name, '"');
  }

  std::vector<std::string> RenderStep(const Step& s, const SqlSchema& prev,
                                      const SqlSchema& next) const override {
    switch (s.kind) {
      case Step::Kind::kCreateSchema:
        return {"CREATE SCHEMA IF NOT EXISTS " +
                QuoteIdent(next.namespaces[s.ns])};
      case Step::Kind::kCreateExtension: {
        const auto& e = next.extensions[s.next_extension];
        std::string out =
            "CREATE EXTENSION IF NOT EXISTS " + QuoteIdent(e.name);
        if (!e.schema.empty() || !e.version.empty()) out += " WITH";
        if (!e.schema.empty()) out += " SCHEMA " + QuoteIdent(e.schema);
        if (!e.version.empty()) out += " VERSION " + QuoteIdent(e.version);
        return {out};
      }
      case Step::Kind::kDropExtension:
        return {"DROP EXTENSION " +
                QuoteIdent(prev.extensions[s.prev_extension].name)};
      case Step::Kind::kAlterExtension: {
        const auto& p = prev.extensions[s.prev_extension];
        const auto& n = next.extensions[s.next_extension];
        std::vector<std::string> out;
        if (s.extension_version) {
          out.push_back("ALTER EXTENSION " + QuoteIdent(p.name) +
                        " UPDATE TO " + QuoteIdent(n.version));
        }
        if (s.extension_schema) {
          out.push_back("ALTER EXTENSION " + QuoteIdent(p.name) +
                        " SET SCHEMA " + QuoteIdent(n.schema));
        }
        return out;
      }
      case Step::Kind::kCreateEnum: {
        const auto& e = next.enums[s.next_enum];
        std::string out =
            "CREATE TYPE " + Qualified(e.schema, e.name) + " AS ENUM (";
        for (size_t i = 0; i < e.values.size(); ++i) {
          if (i > 0) out += ", ";
          out += QuoteString(e.values[i]);
        }
        return {out + ")"};
      }
      case Step::Kind::kDropEnum: {
        const auto& e = prev.enums[s.prev_enum];
        return {"DROP TYPE " + Qualified(e.schema, e.name)};
      }
      case Step::Kind::kAlterEnum:
        return AlterEnum(s, prev, next);
      case Step::Kind::kCreateTable:
        return {CreateTable(next, next.tables[s.next_table])};
      case Step::Kind::kDropTable: {
        const Table& t = prev.tables[s.prev_table];
        return {"DROP TABLE " + Qualified(t.schema, t.name)};
      }
      case Step::Kind::kCreateIndex:
        return {CreateIndex(next.tables[s.next_table],
                            next.tables[s.next_table].indexes[s.next_index])};
      case Step::Kind::kDropIndex: {
        const Table& t = prev.tables[s.prev_table];
        return {"DROP INDEX " +
                Qualified(t.schema, t.indexes[s.prev_index].name)};
      }
      case Step::Kind::kRenameIndex: {
        const Table& t = prev.tables[s.prev_table];
        return {
            "ALTER INDEX " + Qualified(t.schema, t.indexes[s.prev_index].name) +
            " RENAME TO " +
            QuoteIdent(next.tables[s.next_table].indexes[s.next_index].name)};
      }
      case Step::Kind::kRedefineIndex: {
        const Table& t = prev.tables[s.prev_table];
        return {
            "DROP INDEX " + Qualified(t.schema, t.indexes[s.prev_index].name),
            CreateIndex(next.tables[s.next_table],
                        next.tables[s.next_table].indexes[s.next_index])};
      }
      case Step::Kind::kAddForeignKey: {
        const Table& t = next.tables[s.next_table];
        return {AddForeignKey(t, t.foreign_keys[s.next_fk])};
      }
      case Step::Kind::kDropForeignKey: {
        const Table& t = prev.tables[s.prev_table];
        return {"ALTER TABLE " + Qualified(t.schema, t.name) +
                " DROP CONSTRAINT " +
                QuoteIdent(t.foreign_keys[s.prev_fk].name)};
      }
      case Step::Kind::kRenameForeignKey: {
        const Table& t = prev.tables[s.prev_table];
        return {
            "ALTER TABLE " + Qualified(t.schema, t.name) +
            " RENAME CONSTRAINT " + QuoteIdent(t.foreign_keys[s.prev_fk].name) +
            " TO " +
            QuoteIdent(next.tables[s.next_table].foreign_keys[s.next_fk].name)};
      }
      case Step::Kind::kAlterTable:
        return AlterTable(s, prev, next);
      case Step::Kind::kRedefineTables:
        return {};
    }
    return {};
  }

 private:
  std::string Qualified(const std::optional<std::string>& schema,
                        std::string_view name) const {
    if (schema) return QuoteIdent(*schema) + "." + QuoteIdent(name);
    return QuoteIdent(name);
  }

  std::string TypeSql(const SqlSchema& s, const Column& c) const {
    std::string list = c.arity == Arity::kList ? "[]" : "";
    if (c.type.family == ColumnFamily::kEnum) {
      int e = s.FindEnum(c.type.native);
      std::optional<std::string> ns;
      if (e >= 0) ns = s.enums[e].schema;
      return Qualified(ns, c.type.native) + list;
    }
    if (c.type.family == ColumnFamily::kUnsupported)
      return c.type.native + list;
    if (c.auto_increment) {
      if (c.type.native == "SMALLINT") return "SMALLSERIAL" + list;
      if (c.type.native == "INTEGER") return "SERIAL" + list;
      if (c.type.native == "BIGINT") return "BIGSERIAL" + list;
    }
    return c.type.native + list;
  }

  std::string RenderColumn(const SqlSchema& s, const Column& c) const {
    std::string out = "    " + QuoteIdent(c.name) + " " + TypeSql(s, c);
    if (c.arity == Arity::kRequired) out += " NOT NULL";
    if (c.default_value && !c.default_value->sql.empty()) {
      out += " DEFAULT " + c.default_value->sql;
    }
    return out;
  }

  std::string CreateTable(const SqlSchema& s, const Table& t) const {
    std::string out = "CREATE TABLE " + Qualified(t.schema, t.name) + " (\n";
    for (size_t i = 0; i < t.columns.size(); ++i) {
      if (i > 0) out += ",\n";
      out += RenderColumn(s, t.columns[i]);
    }
    if (t.primary_key) {
      out += ",\n\n    CONSTRAINT " + QuoteIdent(t.primary_key->name) +
             " PRIMARY KEY (";
      for (size_t i = 0; i < t.primary_key->columns.size(); ++i) {
        if (i > 0) out += ",";
        out += QuoteIdent(t.primary_key->columns[i].name);
      }
      out += ")";
    }
    return out + "\n)";
  }

  std::string CreateIndex(const Table& t, const Index& idx) const {
    std::string out = idx.IsUnique() ? "CREATE UNIQUE INDEX " : "CREATE INDEX ";
    out += QuoteIdent(idx.name) + " ON " + Qualified(t.schema, t.name);
    if (!idx.algorithm.empty()) out += " USING " + idx.algorithm + " ";
    out += "(";
    for (size_t i = 0; i < idx.columns.size(); ++i) {
      if (i > 0) out += ", ";
      out += QuoteIdent(idx.columns[i].name);
      if (idx.columns[i].opclass) out += " " + *idx.columns[i].opclass;
      if (idx.columns[i].sort) {
        out += *idx.columns[i].sort == sqlschema::SortOrder::kDesc ? " DESC"
                                                                   : " ASC";
      }
    }
    return out + ")";
  }

  std::string AddForeignKey(const Table& t, const ForeignKey& fk) const {
    std::string out = "ALTER TABLE " + Qualified(t.schema, t.name) + " ADD ";
    if (!fk.name.empty()) out += "CONSTRAINT " + QuoteIdent(fk.name) + " ";
    out += "FOREIGN KEY (";
    for (size_t i = 0; i < fk.columns.size(); ++i) {
      if (i > 0) out += ", ";
      out += QuoteIdent(fk.columns[i]);
    }
    out += ") REFERENCES " +
           Qualified(fk.referenced_schema, fk.referenced_table) + "(";
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
    std::vector<std::string> lines, before, after;
    for (const TableChange& c : s.changes) {
      switch (c.kind) {
        case TableChange::Kind::kDropPrimaryKey:
          lines.push_back("DROP CONSTRAINT " +
                          QuoteIdent(pt.primary_key->name));
          break;
        case TableChange::Kind::kRenamePrimaryKey:
          lines.push_back("RENAME CONSTRAINT " +
                          QuoteIdent(pt.primary_key->name) + " TO " +
                          QuoteIdent(nt.primary_key->name));
          break;
        case TableChange::Kind::kAddPrimaryKey: {
          std::string cols;
          for (size_t i = 0; i < nt.primary_key->columns.size(); ++i) {
            if (i > 0) cols += ", ";
            cols += QuoteIdent(nt.primary_key->columns[i].name);
          }
          lines.push_back("ADD CONSTRAINT " + QuoteIdent(nt.primary_key->name) +
                          " PRIMARY KEY (" + cols + ")");
          break;
        }
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
          const Column& a = pt.columns[c.prev_column];
          const Column& b = nt.columns[c.next_column];
          std::string prefix = "ALTER COLUMN " + QuoteIdent(a.name);
          bool set_type = c.changes.type;
          if (c.changes.arity) {
            bool a_list = a.arity == Arity::kList,
                 b_list = b.arity == Arity::kList;
            if (a_list != b_list) set_type = true;
            if (b.arity == Arity::kNullable && a.arity != Arity::kNullable) {
              lines.push_back(prefix + " DROP NOT NULL");
            } else if (b.arity == Arity::kRequired &&
                       a.arity != Arity::kRequired) {
              lines.push_back(prefix + " SET NOT NULL");
            }
          }
          if (c.changes.default_value) {
            if (b.default_value) {
              lines.push_back(prefix + " SET DEFAULT " + b.default_value->sql);
            } else {
              lines.push_back(prefix + " DROP DEFAULT");
            }
          }
          if (c.changes.autoincrement) {
            if (a.auto_increment) {
              lines.push_back(prefix + " DROP DEFAULT");
            } else {
              std::string seq = pt.name + "_" + b.name + "_seq";
              for (auto& ch : seq) ch = static_cast<char>(std::tolower(ch));
              if (nt.schema) seq = QuoteIdent(*nt.schema) + "." + seq;
              before.push_back("CREATE SEQUENCE " + seq);
              lines.push_back(prefix + " SET DEFAULT nextval(" +
                              QuoteString(seq) + ")");
              after.push_back("ALTER SEQUENCE " + seq + " OWNED BY " +
                              Qualified(nt.schema, nt.name) + "." +
                              QuoteIdent(b.name));
            }
          }
          if (set_type) {
            Column plain = b;
            plain.auto_increment = false;
            lines.push_back(prefix + " SET DATA TYPE " + TypeSql(next, plain));
          }
          break;
        }
      }
    }
    if (lines.empty()) return {};
    std::string joined;
    for (size_t i = 0; i < lines.size(); ++i) {
      if (i > 0) joined += ",\n";
      joined += lines[i];
    }
    std::vector<std::string> out = before;
    out.push_back("ALTER TABLE " + Qualified(pt.schema, pt.name) + " " +
                  joined);
    out.insert(out.end(), after.begin(), after.end());
    return out;
  }

  std::vector<std::string> AlterEnum(const Step& s, const SqlSchema& prev,
                                     const SqlSchema& next) const {
    const auto& pe = prev.enums[s.prev_enum];
    const auto& ne = next.enums[s.next_enum];
    if (s.dropped_values.empty()) {
      std::vector<std::string> out;
      for (const auto& v : s.added_values) {
        out.push_back("ALTER TYPE " + Qualified(pe.schema, pe.name) +
                      " ADD VALUE " + QuoteString(v));
      }
      if (out.size() > 1) {
        out[0] =
            "-- This migration adds more than one value to an enum.\n"
            "-- With PostgreSQL versions 11 and earlier, this is not possible\n"
            "-- in a single migration. This can be worked around by creating\n"
            "-- multiple migrations, each migration adding only one value to\n"
            "-- the enum.\n\n\n" +
            out[0];
      }
      return out;
    }
    std::vector<std::string> out = {"BEGIN"};
    std::string tmp = Qualified(ne.schema, ne.name + "_new");
    std::string values;
    for (size_t i = 0; i < ne.values.size(); ++i) {
      if (i > 0) values += ", ";
      values += QuoteString(ne.values[i]);
    }
    out.push_back("CREATE TYPE " + tmp + " AS ENUM (" + values + ")");
    for (const auto& use : s.default_uses) {
      const Table& t = prev.tables[use.prev_table];
      out.push_back(
          "ALTER TABLE " + Qualified(t.schema, t.name) + " ALTER COLUMN " +
          QuoteIdent(t.columns[use.prev_column].name) + " DROP DEFAULT");
    }
    for (const Table& t : next.tables) {
      for (const Column& c : t.columns) {
        if (c.type.family != ColumnFamily::kEnum || c.type.native != ne.name)
          continue;
        std::string array = c.arity == Arity::kList ? "[]" : "";
        out.push_back("ALTER TABLE " + Qualified(t.schema, t.name) +
                      " ALTER COLUMN " + QuoteIdent(c.name) + " TYPE " + tmp +
                      array + " USING (" + QuoteIdent(c.name) +
                      "::text::" + tmp + array + ")");
      }
    }
    out.push_back("ALTER TYPE " + Qualified(pe.schema, pe.name) +
                  " RENAME TO " + QuoteIdent(pe.name + "_old"));
    out.push_back("ALTER TYPE " + tmp + " RENAME TO " + QuoteIdent(ne.name));
    out.push_back("DROP TYPE " + Qualified(pe.schema, pe.name + "_old"));
    for (const auto& use : s.default_uses) {
      if (use.next_table < 0) continue;
      const Table& t = prev.tables[use.prev_table];
      const Column& nc = next.tables[use.next_table].columns[use.next_column];
      out.push_back("ALTER TABLE " + Qualified(t.schema, t.name) +
                    " ALTER COLUMN " +
                    QuoteIdent(t.columns[use.prev_column].name) +
                    " SET DEFAULT " + nc.default_value->sql);
    }
    out.push_back("COMMIT");
    return out;
  }
};

}  // namespace

const Renderer& PostgresRenderer() {
  static const PostgresRendererImpl kRenderer;
  return kRenderer;
}

}  // namespace airlock::render
