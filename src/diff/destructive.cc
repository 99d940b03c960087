#include "diff/destructive.h"

#include <fmt/format.h>

namespace airlock::diff {
namespace {

using sqlschema::Arity;
using sqlschema::Column;
using sqlschema::ColumnFamily;
using sqlschema::Table;

// Rust Debug names of Prisma's ColumnTypeFamily, as its messages print them.
std::string FamilyDebug(const SqlSchema& s, const Column& c) {
  switch (c.type.family) {
    case ColumnFamily::kEnum:
      return fmt::format("Enum(EnumId({}))",
                         std::max(0, s.FindEnum(c.type.native)));
    case ColumnFamily::kUnsupported:
      return fmt::format("Unsupported(\"{}\")", c.type.native);
    default:
      return sqlschema::NamesOf(c.type.family).debug;
  }
}

class Checker {
 public:
  Checker(const Migration& m, DataInspector* inspector)
      : m_(m), db_(inspector) {}

  DestructiveChanges Run() {
    const SqlSchema& prev = *m_.previous;
    const SqlSchema& next = *m_.next;
    for (const Step& s : m_.steps) {
      switch (s.kind) {
        case Step::Kind::kAlterTable: {
          const Table& pt = prev.tables[s.prev_table];
          const Table& nt = next.tables[s.next_table];
          for (const TableChange& c : s.changes) {
            switch (c.kind) {
              case TableChange::Kind::kDropColumn:
                ColumnDrop(pt, pt.columns[c.prev_column]);
                break;
              case TableChange::Kind::kAddColumn:
                AddColumn(nt, nt.columns[c.next_column]);
                break;
              case TableChange::Kind::kAlterColumn:
                AlterColumn(pt, pt.columns[c.prev_column],
                            nt.columns[c.next_column], c.changes,
                            c.type_change);
                break;
              case TableChange::Kind::kDropPrimaryKey:
                PrimaryKeyChange(pt);
                break;
              case TableChange::Kind::kDropAndRecreateColumn:
                DropAndRecreate(pt, pt.columns[c.prev_column],
                                nt.columns[c.next_column]);
                break;
              default:
                break;
            }
          }
          break;
        }
        case Step::Kind::kRedefineTables:
          for (const RedefineTable& r : s.redefines) {
            const Table& pt = prev.tables[r.prev_table];
            const Table& nt = next.tables[r.next_table];
            if (r.dropped_primary_key) PrimaryKeyChange(pt);
            for (int c : r.added_columns) AddColumn(nt, nt.columns[c]);
            for (int c : r.dropped_columns) ColumnDrop(pt, pt.columns[c]);
            for (const ColumnPair& cp : r.column_pairs) {
              AlterColumn(pt, pt.columns[cp.prev], nt.columns[cp.next],
                          cp.changes, cp.type_change);
            }
          }
          break;
        case Step::Kind::kDropTable: {
          const Table& t = prev.tables[s.prev_table];
          auto rows = Rows(t);
          if (rows && *rows == 0) break;
          out_.warnings.push_back(
              rows
                  ? fmt::format("You are about to drop the `{}` table, which "
                                "is not empty "
                                "({} rows).",
                                t.name, *rows)
                  : fmt::format(
                        "You are about to drop the `{}` table. If the table is "
                        "not empty, all the data it contains will be lost.",
                        t.name));
          break;
        }
        case Step::Kind::kCreateIndex: {
          if (s.prev_table < 0) break;
          const Table& t = next.tables[s.next_table];
          const auto& idx = t.indexes[s.next_index];
          if (!idx.IsUnique()) break;
          std::string cols;
          for (size_t i = 0; i < idx.columns.size(); ++i) {
            if (i > 0) cols += ",";
            cols += idx.columns[i].name;
          }
          out_.warnings.push_back(fmt::format(
              "A unique constraint covering the columns `[{}]` on the table "
              "`{}` will be "
              "added. If there are existing duplicate values, this will fail.",
              cols, t.name));
          break;
        }
        case Step::Kind::kAlterEnum: {
          if (s.dropped_values.empty()) break;
          std::string values;
          for (size_t i = 0; i < s.dropped_values.size(); ++i) {
            if (i > 0) values += ",";
            values += s.dropped_values[i];
          }
          out_.warnings.push_back(
              fmt::format("The values [{}] on the enum `{}` will be removed. "
                          "If these variants are "
                          "still used in the database, this will fail.",
                          values, next.enums[s.next_enum].name));
          break;
        }
        default:
          break;
      }
    }
    return std::move(out_);
  }

 private:
  std::optional<int64_t> Rows(const Table& t) {
    return db_ ? db_->RowCount(t.schema, t.name) : std::nullopt;
  }
  std::optional<int64_t> Values(const Table& t, const Column& c) {
    return db_ ? db_->NonNullCount(t.schema, t.name, c.name) : std::nullopt;
  }

  void ColumnDrop(const Table& t, const Column& c) {
    auto rows = Rows(t);
    auto values = Values(t, c);
    if ((rows && *rows == 0) || (values && *values == 0)) return;
    out_.warnings.push_back(
        values ? fmt::format(
                     "You are about to drop the column `{}` on the `{}` table, "
                     "which still contains {} non-null values.",
                     c.name, t.name, *values)
               : fmt::format(
                     "You are about to drop the column `{}` on the `{}` table. "
                     "All the data in the column will be lost.",
                     c.name, t.name));
  }

  void AddColumn(const Table& t, const Column& c) {
    if (c.arity != Arity::kRequired || c.default_value || c.auto_increment)
      return;
    auto rows = Rows(t);
    if (rows && *rows == 0) return;
    out_.unexecutable.push_back(fmt::format(
        "Added the required column `{}` to the `{}` table without a default "
        "value. {}",
        c.name, t.name,
        rows ? fmt::format(
                   "There are {} rows in this table, it is not possible to "
                   "execute this step.",
                   *rows)
             : std::string("This is not possible if the table is not empty.")));
  }

  void PrimaryKeyChange(const Table& t) {
    auto rows = Rows(t);
    if (rows && *rows == 0) return;
    out_.warnings.push_back(
        fmt::format("The primary key for the `{}` table will be changed. If it "
                    "partially fails, the "
                    "table could be left without primary key constraint.",
                    t.name));
  }

  void AlterColumn(const Table& t, const Column& a, const Column& b,
                   const ColumnChanges& changes, TypeChange type_change) {
    bool became_required =
        a.arity == Arity::kNullable && b.arity == Arity::kRequired;
    if (!changes.type && !became_required) return;
    if (changes.arity && b.arity == Arity::kRequired && !b.default_value) {
      auto rows = Rows(t);
      auto values = Values(t, a);
      if (rows && *rows == 0) {
      } else if (rows && values) {
        if (*rows - *values != 0) {
          out_.unexecutable.push_back(
              fmt::format("Made the column `{}` on table `{}` required, but "
                          "there are {} existing NULL "
                          "values.",
                          a.name, t.name, *rows - *values));
        }
      } else {
        out_.unexecutable.push_back(
            fmt::format("Made the column `{}` on table `{}` required. This "
                        "step will fail if there are "
                        "existing NULL values in that column.",
                        a.name, t.name));
      }
    }
    if (type_change != TypeChange::kRiskyCast &&
        type_change != TypeChange::kNotCastable) {
      return;
    }
    auto rows = Rows(t);
    auto values = Values(t, a);
    if ((rows && *rows == 0) || (values && *values == 0)) return;
    std::string from = FamilyDebug(*m_.previous, a),
                to = FamilyDebug(*m_.next, b);
    if (type_change == TypeChange::kRiskyCast) {
      out_.warnings.push_back(
          values
              ? fmt::format(
                    "You are about to alter the column `{}` on the `{}` table, "
                    "which contains {} non-null values. The data in that "
                    "column "
                    "will be cast from `{}` to `{}`.",
                    a.name, t.name, *values, from, to)
              : fmt::format(
                    "You are about to alter the column `{}` on the `{}` table. "
                    "The data in that column could be lost. The data in that "
                    "column will be cast from `{}` to `{}`.",
                    a.name, t.name, from, to));
    } else {
      out_.warnings.push_back(
          values
              ? fmt::format(
                    "You are about to alter the column `{}` on the `{}` table, "
                    "which contains {} non-null values. The data in that "
                    "column "
                    "will be cast from `{}` to `{}`. This cast may fail. "
                    "Please "
                    "make sure the data in the column can be cast.",
                    a.name, t.name, *values, from, to)
              : fmt::format(
                    "You are about to alter the column `{}` on the `{}` table. "
                    "The data in that column will be cast from `{}` to `{}`. "
                    "This cast may fail. Please make sure the data in the "
                    "column "
                    "can be cast.",
                    a.name, t.name, from, to));
    }
  }

  void DropAndRecreate(const Table& t, const Column& a, const Column& b) {
    auto rows = Rows(t);
    if (b.arity == Arity::kRequired) {
      if (rows && *rows == 0) return;
      out_.unexecutable.push_back(
          rows ? fmt::format("Changed the type of `{}` on the `{}` table. No "
                             "cast exists, "
                             "the column would be dropped and recreated, which "
                             "cannot be "
                             "done since the column is required and there is "
                             "data in the "
                             "table.",
                             a.name, t.name)
               : fmt::format(
                     "Changed the type of `{}` on the `{}` table. No cast "
                     "exists, "
                     "the column would be dropped and recreated, which cannot "
                     "be "
                     "done if there is data, since the column is required.",
                     a.name, t.name));
      return;
    }
    auto values = Values(t, a);
    if ((rows && *rows == 0) || (values && *values == 0)) return;
    out_.warnings.push_back(
        values
            ? fmt::format(
                  "The `{}` column on the `{}` table would be dropped and "
                  "recreated. This will lead to data loss.",
                  a.name, t.name)
            : fmt::format(
                  "The `{}` column on the `{}` table would be dropped and "
                  "recreated. This will lead to data loss if there is data in "
                  "the column.",
                  a.name, t.name));
  }

  const Migration& m_;
  DataInspector* db_;
  DestructiveChanges out_;
};

}  // namespace

std::vector<std::string> DestructiveChanges::All() const {
  std::vector<std::string> out = warnings;
  out.insert(out.end(), unexecutable.begin(), unexecutable.end());
  return out;
}

DestructiveChanges CheckDestructiveChanges(const Migration& migration,
                                           DataInspector* inspector) {
  return Checker(migration, inspector).Run();
}

}  // namespace airlock::diff
