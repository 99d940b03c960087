// Prisma's drift summary (SqlMigration::drift_summary), as `migrate diff`
// prints it without --script.
#include <set>
#include <tuple>

#include "diff/differ.h"

namespace airlock::diff {
namespace {

enum class Drift {
  kAddedEnum,
  kAddedTable,
  kRemovedEnum,
  kRemovedTable,
  kRedefinedTable,
  kChangedEnum,
  kChangedTable,
};

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i > 0) out += ", ";
    out += v[i];
  }
  return out;
}

std::vector<std::string> IndexColumns(const sqlschema::Index& idx) {
  std::vector<std::string> out;
  for (const auto& c : idx.columns) out.push_back(c.name);
  return out;
}

std::vector<std::string> PkColumns(const sqlschema::Table& t) {
  std::vector<std::string> out;
  if (t.primary_key) {
    for (const auto& c : t.primary_key->columns) out.push_back(c.name);
  }
  return out;
}

const char* ArityName(sqlschema::Arity a) {
  switch (a) {
    case sqlschema::Arity::kRequired:
      return "Required";
    case sqlschema::Arity::kNullable:
      return "Nullable";
    case sqlschema::Arity::kList:
      return "List";
  }
  return "";
}

std::string ColumnChangesText(const sqlschema::Column& a,
                              const sqlschema::Column& b,
                              const ColumnChanges& c) {
  std::vector<std::string> parts;
  if (c.type) parts.push_back("type changed");
  if (c.arity) {
    parts.push_back(std::string("changed from ") + ArityName(a.arity) + " to " +
                    ArityName(b.arity));
  }
  if (c.default_value) {
    auto show = [](const sqlschema::Column& col) {
      return col.default_value ? "Some(" + col.default_value->sql + ")"
                               : std::string("None");
    };
    parts.push_back("default changed from `" + show(a) + "` to `" + show(b) +
                    "`");
  }
  if (c.autoincrement) {
    parts.push_back(a.auto_increment ? "column is no longer autoincrementing"
                                     : "column became autoincrementing");
  }
  return "(" + Join(parts) + ")";
}

}  // namespace

std::string Summary(const Migration& m) {
  if (m.steps.empty()) return "No difference detected.";
  const SqlSchema& prev = *m.previous;
  const SqlSchema& next = *m.next;
  std::set<std::tuple<Drift, std::string, size_t>> items;
  for (size_t i = 0; i < m.steps.size(); ++i) {
    const Step& s = m.steps[i];
    switch (s.kind) {
      case Step::Kind::kCreateSchema:
      case Step::Kind::kDropExtension:
      case Step::Kind::kCreateExtension:
      case Step::Kind::kAlterExtension:
        break;
      case Step::Kind::kCreateEnum:
        items.insert({Drift::kAddedEnum, "", i});
        break;
      case Step::Kind::kAlterEnum:
        items.insert({Drift::kChangedEnum, prev.enums[s.prev_enum].name, i});
        break;
      case Step::Kind::kDropEnum:
        items.insert({Drift::kRemovedEnum, "", i});
        break;
      case Step::Kind::kCreateTable:
        items.insert({Drift::kAddedTable, "", i});
        break;
      case Step::Kind::kDropTable:
        items.insert({Drift::kRemovedTable, "", i});
        break;
      case Step::Kind::kRedefineTables:
        for (const auto& r : s.redefines) {
          items.insert(
              {Drift::kRedefinedTable, prev.tables[r.prev_table].name, i});
        }
        break;
      case Step::Kind::kDropForeignKey:
      case Step::Kind::kDropIndex:
      case Step::Kind::kAlterTable:
      case Step::Kind::kRenameIndex:
      case Step::Kind::kRedefineIndex:
        items.insert({Drift::kChangedTable, prev.tables[s.prev_table].name, i});
        break;
      case Step::Kind::kCreateIndex:
      case Step::Kind::kAddForeignKey:
      case Step::Kind::kRenameForeignKey:
        items.insert({Drift::kChangedTable, next.tables[s.next_table].name, i});
        break;
    }
  }
  std::string out;
  bool first = true;
  std::pair<Drift, std::string> state{Drift::kAddedEnum, ""};
  for (const auto& [drift, name, idx] : items) {
    if (first || state != std::make_pair(drift, name)) {
      switch (drift) {
        case Drift::kAddedEnum:
          out += "\n[+] Added enums\n";
          break;
        case Drift::kAddedTable:
          out += "\n[+] Added tables\n";
          break;
        case Drift::kRemovedEnum:
          out += "\n[-] Removed enums\n";
          break;
        case Drift::kRemovedTable:
          out += "\n[-] Removed tables\n";
          break;
        case Drift::kRedefinedTable:
          out += "\n[*] Redefined table `" + name + "`\n";
          break;
        case Drift::kChangedEnum:
          out += "\n[*] Changed the `" + name + "` enum\n";
          break;
        case Drift::kChangedTable:
          out += "\n[*] Changed the `" + name + "` table\n";
          break;
      }
    }
    first = false;
    state = {drift, name};
    const Step& s = m.steps[idx];
    switch (s.kind) {
      case Step::Kind::kCreateEnum:
        out += "  - " + next.enums[s.next_enum].name + "\n";
        break;
      case Step::Kind::kDropEnum:
        out += "  - " + prev.enums[s.prev_enum].name + "\n";
        break;
      case Step::Kind::kAlterEnum:
        for (const auto& v : s.added_values)
          out += "  [+] Added variant `" + v + "`\n";
        for (const auto& v : s.dropped_values)
          out += "  [-] Removed variant `" + v + "`\n";
        break;
      case Step::Kind::kCreateTable:
        out += "  - " + next.tables[s.next_table].name + "\n";
        break;
      case Step::Kind::kDropTable:
        out += "  - " + prev.tables[s.prev_table].name + "\n";
        break;
      case Step::Kind::kDropForeignKey:
        out += "  [-] Removed foreign key on columns (" +
               Join(prev.tables[s.prev_table].foreign_keys[s.prev_fk].columns) +
               ")\n";
        break;
      case Step::Kind::kAddForeignKey:
        out += "  [+] Added foreign key on columns (" +
               Join(next.tables[s.next_table].foreign_keys[s.next_fk].columns) +
               ")\n";
        break;
      case Step::Kind::kDropIndex: {
        const auto& idx = prev.tables[s.prev_table].indexes[s.prev_index];
        out += std::string("  [-] Removed ") +
               (idx.IsUnique() ? "unique " : "") + "index on columns (" +
               Join(IndexColumns(idx)) + ")\n";
        break;
      }
      case Step::Kind::kCreateIndex: {
        const auto& idx = next.tables[s.next_table].indexes[s.next_index];
        out += std::string("  [+] Added ") + (idx.IsUnique() ? "unique " : "") +
               "index on columns (" + Join(IndexColumns(idx)) + ")\n";
        break;
      }
      case Step::Kind::kRenameIndex:
        out += "  [*] Renamed index `" +
               prev.tables[s.prev_table].indexes[s.prev_index].name + "` to `" +
               next.tables[s.next_table].indexes[s.next_index].name + "`\n";
        break;
      case Step::Kind::kRedefineIndex:
        out += "  [*] Redefined index `" +
               prev.tables[s.prev_table].indexes[s.prev_index].name + "`\n";
        break;
      case Step::Kind::kRenameForeignKey:
        out += "  [*] Renamed the foreign key \"" +
               prev.tables[s.prev_table].foreign_keys[s.prev_fk].name +
               "\" to \"" +
               next.tables[s.next_table].foreign_keys[s.next_fk].name + "\"\n";
        break;
      case Step::Kind::kAlterTable: {
        const auto& pt = prev.tables[s.prev_table];
        const auto& nt = next.tables[s.next_table];
        for (const auto& c : s.changes) {
          switch (c.kind) {
            case TableChange::Kind::kAddColumn:
              out += "  [+] Added column `" + nt.columns[c.next_column].name +
                     "`\n";
              break;
            case TableChange::Kind::kDropColumn:
              out += "  [-] Removed column `" + pt.columns[c.prev_column].name +
                     "`\n";
              break;
            case TableChange::Kind::kAlterColumn:
              out += "  [*] Altered column `" + nt.columns[c.next_column].name +
                     "` " +
                     ColumnChangesText(pt.columns[c.prev_column],
                                       nt.columns[c.next_column], c.changes) +
                     "\n";
              break;
            case TableChange::Kind::kDropAndRecreateColumn:
              out += "  [*] Column `" + nt.columns[c.next_column].name +
                     "` would be dropped and recreated " +
                     ColumnChangesText(pt.columns[c.prev_column],
                                       nt.columns[c.next_column], c.changes) +
                     "\n";
              break;
            case TableChange::Kind::kDropPrimaryKey:
              out += "  [-] Dropped the primary key on columns (" +
                     Join(PkColumns(pt)) + ")\n";
              break;
            case TableChange::Kind::kRenamePrimaryKey:
              out += "  [*] Renamed the primary key on columns (" +
                     Join(PkColumns(pt)) + ")\n";
              break;
            case TableChange::Kind::kAddPrimaryKey:
              out += "  [+] Added primary key on columns (" +
                     Join(PkColumns(nt)) + ")\n)\n";
              break;
          }
        }
        break;
      }
      default:
        break;
    }
  }
  return out;
}

}  // namespace airlock::diff
