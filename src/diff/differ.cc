#include "diff/differ.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>

#include "base/text.h"
#include "diff/hooks.h"

namespace airlock::diff {

using sqlschema::Arity;
using sqlschema::Column;
using sqlschema::ColumnFamily;
using sqlschema::ForeignKey;
using sqlschema::Index;
using sqlschema::IndexColumn;
using sqlschema::Table;

const char* Step::Name() const {
  switch (kind) {
    case Kind::kCreateSchema:
      return "CreateSchema";
    case Kind::kDropExtension:
      return "DropExtension";
    case Kind::kCreateExtension:
      return "CreateExtension";
    case Kind::kAlterExtension:
      return "AlterExtension";
    case Kind::kCreateEnum:
      return "CreateEnum";
    case Kind::kAlterEnum:
      return "AlterEnum";
    case Kind::kDropForeignKey:
      return "DropForeignKey";
    case Kind::kDropIndex:
      return "DropIndex";
    case Kind::kAlterTable:
      return "AlterTable";
    case Kind::kDropTable:
      return "DropTable";
    case Kind::kDropEnum:
      return "DropEnum";
    case Kind::kCreateTable:
      return "CreateTable";
    case Kind::kRedefineTables:
      return "RedefineTables";
    case Kind::kCreateIndex:
      return "CreateIndex";
    case Kind::kRenameForeignKey:
      return "RenameForeignKey";
    case Kind::kAddForeignKey:
      return "AddForeignKey";
    case Kind::kRenameIndex:
      return "RenameIndex";
    case Kind::kRedefineIndex:
      return "RedefineIndex";
  }
  return "";
}

namespace {

bool SameIndexColumns(const std::vector<IndexColumn>& a,
                      const std::vector<IndexColumn>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    auto sa = a[i].sort.value_or(sqlschema::SortOrder::kAsc);
    auto sb = b[i].sort.value_or(sqlschema::SortOrder::kAsc);
    if (a[i].name != b[i].name || sa != sb || a[i].length != b[i].length ||
        a[i].opclass != b[i].opclass) {
      return false;
    }
  }
  return true;
}

class Differ {
 public:
  Differ(const SqlSchema& prev, const SqlSchema& next)
      : prev_(prev), next_(next), hooks_(HooksFor(next.provider)) {}

  Migration Run() {
    Migration m;
    m.previous = &prev_;
    m.next = &next_;
    PairTables();
    for (size_t i = 0; i < pairs_.size(); ++i) AnalyzePair(pairs_[i]);

    // CreateSchema
    for (size_t n = 0; n < next_.namespaces.size(); ++n) {
      if (std::find(prev_.namespaces.begin(), prev_.namespaces.end(),
                    next_.namespaces[n]) == prev_.namespaces.end()) {
        Step s{Step::Kind::kCreateSchema};
        s.ns = static_cast<int>(n);
        s.sort_key = {s.ns};
        Push(std::move(s));
      }
    }
    PushExtensionSteps();
    // Created tables.
    for (size_t t = 0; t < next_.tables.size(); ++t) {
      if (next_matched_[t]) continue;
      Step s{Step::Kind::kCreateTable};
      s.next_table = static_cast<int>(t);
      s.sort_key = {s.next_table};
      Push(std::move(s));
      const Table& table = next_.tables[t];
      if (!hooks_.inline_foreign_keys) {
        for (size_t f = 0; f < table.foreign_keys.size(); ++f) {
          PushAddFk(static_cast<int>(t), static_cast<int>(f));
        }
      }
      if (!hooks_.indexes_in_create_table) {
        for (size_t i = 0; i < table.indexes.size(); ++i) {
          Step c{Step::Kind::kCreateIndex};
          c.next_table = static_cast<int>(t);
          c.next_index = static_cast<int>(i);
          c.sort_key = {0, -1, c.next_table, c.next_index};
          Push(std::move(c));
        }
      }
    }
    // Dropped tables.
    for (size_t t = 0; t < prev_.tables.size(); ++t) {
      if (prev_matched_[t]) continue;
      Step s{Step::Kind::kDropTable};
      s.prev_table = static_cast<int>(t);
      s.sort_key = {s.prev_table};
      Push(std::move(s));
      if (!hooks_.inline_foreign_keys) {
        for (size_t f = 0; f < prev_.tables[t].foreign_keys.size(); ++f) {
          PushDropFk(static_cast<int>(t), static_cast<int>(f));
        }
      }
      if (hooks_.redefines_tables && any_redefine_) {
        for (size_t i = 0; i < prev_.tables[t].indexes.size(); ++i) {
          PushDropIndex(static_cast<int>(t), static_cast<int>(i));
        }
      }
    }
    // Altered tables.
    for (const PairInfo& p : pairs_) {
      if (p.redefine) continue;
      for (int i : p.dropped_indexes) {
        if (hooks_.skip_fk_indexes && IndexCoversFk(prev_.tables[p.prev], i)) {
          continue;
        }
        PushDropIndex(p.prev, i);
      }
      for (int i : p.created_indexes) {
        Step c{Step::Kind::kCreateIndex};
        c.prev_table = p.prev;
        c.next_table = p.next;
        c.next_index = i;
        c.sort_key = {1, p.prev, p.next, i};
        Push(std::move(c));
      }
      for (int f : p.created_fks) PushAddFk(p.next, f);
      for (int f : p.dropped_fks) PushDropFk(p.prev, f);
      for (auto [pf, nf] : p.renamed_fks) {
        if (hooks_.inline_foreign_keys) continue;
        if (hooks_.can_rename_foreign_key) {
          Step s{Step::Kind::kRenameForeignKey};
          s.prev_table = p.prev, s.next_table = p.next;
          s.prev_fk = pf, s.next_fk = nf;
          s.sort_key = {FkOrd(prev_, p.prev, pf), FkOrd(next_, p.next, nf)};
          Push(std::move(s));
        } else {
          PushAddFk(p.next, nf);
          PushDropFk(p.prev, pf);
        }
      }
      for (auto [pi, ni] : p.renamed_indexes) {
        Step s{hooks_.can_rename_index ? Step::Kind::kRenameIndex
                                       : Step::Kind::kRedefineIndex};
        s.prev_table = p.prev, s.next_table = p.next;
        s.prev_index = pi, s.next_index = ni;
        s.sort_key = {p.prev, pi, p.next, ni};
        Push(std::move(s));
      }
      std::vector<TableChange> changes;
      const Table& pt = prev_.tables[p.prev];
      const Table& nt = next_.tables[p.next];
      bool pk_changed = p.pk_dropped || p.pk_created || p.pk_columns_changed;
      if (pk_changed && pt.primary_key) {
        changes.push_back({TableChange::Kind::kDropPrimaryKey});
      }
      if (!pk_changed && hooks_.named_primary_keys && pt.primary_key &&
          nt.primary_key && pt.primary_key->name != nt.primary_key->name) {
        changes.push_back({TableChange::Kind::kRenamePrimaryKey});
      }
      for (int c : p.dropped_columns) {
        TableChange tc{TableChange::Kind::kDropColumn};
        tc.prev_column = c;
        changes.push_back(tc);
      }
      for (int c : p.added_columns) {
        TableChange tc{TableChange::Kind::kAddColumn};
        tc.next_column = c;
        changes.push_back(tc);
      }
      for (const ColumnPair& cp : p.column_pairs) {
        if (!cp.changes.Any()) continue;
        TableChange tc{cp.type_change == TypeChange::kNotCastable
                           ? TableChange::Kind::kDropAndRecreateColumn
                           : TableChange::Kind::kAlterColumn};
        tc.prev_column = cp.prev;
        tc.next_column = cp.next;
        tc.changes = cp.changes;
        tc.type_change = cp.type_change;
        changes.push_back(tc);
      }
      if (pk_changed && nt.primary_key) {
        changes.push_back({TableChange::Kind::kAddPrimaryKey});
      }
      if (!changes.empty()) {
        Step s{Step::Kind::kAlterTable};
        s.prev_table = p.prev, s.next_table = p.next;
        s.changes = std::move(changes);
        s.sort_key = {p.prev, p.next};
        Push(std::move(s));
      }
    }
    // Redefined tables (SQLite).
    if (any_redefine_) {
      Step s{Step::Kind::kRedefineTables};
      for (const PairInfo& p : pairs_) {
        if (!p.redefine) continue;
        RedefineTable r;
        r.prev_table = p.prev;
        r.next_table = p.next;
        r.dropped_primary_key = p.pk_dropped || p.pk_columns_changed;
        r.added_columns = p.added_columns;
        r.dropped_columns = p.dropped_columns;
        r.column_pairs = p.redefine_pairs;
        s.redefines.push_back(std::move(r));
      }
      Push(std::move(s));
    }
    if (hooks_.enum_types) PushEnumSteps();

    std::stable_sort(steps_.begin(), steps_.end(),
                     [](const Step& a, const Step& b) {
                       if (a.kind != b.kind) return a.kind < b.kind;
                       return a.sort_key < b.sort_key;
                     });
    m.steps = std::move(steps_);
    return m;
  }

 private:
  struct PairInfo {
    int prev = -1, next = -1;
    std::vector<ColumnPair> column_pairs;             // by previous position
    std::vector<ColumnPair> redefine_pairs;           // by name
    std::vector<int> added_columns, dropped_columns;  // by name
    std::vector<int> created_indexes, dropped_indexes;
    std::vector<std::pair<int, int>> renamed_indexes;
    std::vector<int> created_fks, dropped_fks;
    std::vector<std::pair<int, int>> renamed_fks;
    bool pk_created = false, pk_dropped = false, pk_columns_changed = false;
    bool redefine = false;
  };

  void Push(Step s) { steps_.push_back(std::move(s)); }

  // PostgreSQL extensions, as Prisma: a new name is created; a changed
  // version or schema (empty matches anything) is altered in place when
  // either side is relocatable, else dropped and created again. Extensions
  // missing from the next schema are left alone.
  void PushExtensionSteps() {
    for (size_t n = 0; n < next_.extensions.size(); ++n) {
      const sqlschema::Extension& next = next_.extensions[n];
      int found = -1;
      for (size_t p = 0; p < prev_.extensions.size(); ++p) {
        if (prev_.extensions[p].name == next.name) {
          found = static_cast<int>(p);
          break;
        }
      }
      int ni = static_cast<int>(n);
      if (found < 0) {
        Step s{Step::Kind::kCreateExtension};
        s.next_extension = ni;
        s.sort_key = {ni};
        Push(std::move(s));
        continue;
      }
      const sqlschema::Extension& prev = prev_.extensions[found];
      auto differs = [](const std::string& a, const std::string& b) {
        return !a.empty() && !b.empty() && a != b;
      };
      bool version = differs(prev.version, next.version);
      bool schema = differs(prev.schema, next.schema);
      if (!version && !schema) continue;
      if (prev.relocatable || next.relocatable) {
        Step s{Step::Kind::kAlterExtension};
        s.prev_extension = found;
        s.next_extension = ni;
        s.extension_version = version;
        s.extension_schema = schema;
        s.sort_key = {found, ni};
        Push(std::move(s));
      } else {
        Step d{Step::Kind::kDropExtension};
        d.prev_extension = found;
        d.sort_key = {found};
        Push(std::move(d));
        Step c{Step::Kind::kCreateExtension};
        c.next_extension = ni;
        c.sort_key = {ni};
        Push(std::move(c));
      }
    }
  }

  static int FkOrd(const SqlSchema& s, int table, int fk) {
    return s.tables[table].foreign_keys[fk].ordinal;
  }
  static int IndexOrd(int table, int index) { return table * 100000 + index; }

  void PushAddFk(int table, int fk) {
    Step s{Step::Kind::kAddForeignKey};
    s.next_table = table;
    s.next_fk = fk;
    s.sort_key = {FkOrd(next_, table, fk)};
    Push(std::move(s));
  }
  void PushDropFk(int table, int fk) {
    Step s{Step::Kind::kDropForeignKey};
    s.prev_table = table;
    s.prev_fk = fk;
    s.sort_key = {FkOrd(prev_, table, fk)};
    Push(std::move(s));
  }
  void PushDropIndex(int table, int index) {
    for (const Step& s : steps_) {
      if (s.kind == Step::Kind::kDropIndex && s.prev_table == table &&
          s.prev_index == index) {
        return;
      }
    }
    Step s{Step::Kind::kDropIndex};
    s.prev_table = table;
    s.prev_index = index;
    s.sort_key = {IndexOrd(table, index)};
    Push(std::move(s));
  }

  static bool IndexCoversFk(const Table& t, int index) {
    const Index& idx = t.indexes[index];
    for (const ForeignKey& fk : t.foreign_keys) {
      if (fk.columns.size() > idx.columns.size()) continue;
      bool covers = true;
      for (size_t i = 0; i < fk.columns.size(); ++i) {
        if (fk.columns[i] != idx.columns[i].name) covers = false;
      }
      if (covers) return true;
    }
    return false;
  }

  void PairTables() {
    prev_matched_.assign(prev_.tables.size(), false);
    next_matched_.assign(next_.tables.size(), false);
    for (size_t n = 0; n < next_.tables.size(); ++n) {
      const Table& nt = next_.tables[n];
      int p = prev_.FindTable(nt.schema, nt.name);
      if (p < 0 || prev_matched_[p]) continue;
      prev_matched_[p] = true;
      next_matched_[n] = true;
      PairInfo info;
      info.prev = p;
      info.next = static_cast<int>(n);
      pairs_.push_back(std::move(info));
    }
    std::sort(
        pairs_.begin(), pairs_.end(),
        [](const PairInfo& a, const PairInfo& b) { return a.prev < b.prev; });
  }

  bool EnumValuesDiffer(const std::string& prev_enum,
                        const std::string& next_enum) const {
    int a = prev_.FindEnum(prev_enum), b = next_.FindEnum(next_enum);
    if (a < 0 || b < 0) return a != b;
    return prev_.enums[a].values != next_.enums[b].values;
  }

  TypeChange TypeChangeOf(const Column& a, const Column& b) const {
    if (hooks_.column_type_change) return hooks_.column_type_change(a, b);
    if (!hooks_.compare_native_types) {
      if (a.type.family == b.type.family) return TypeChange::kNone;
      if (b.type.family == ColumnFamily::kString) return TypeChange::kSafeCast;
      return TypeChange::kRiskyCast;
    }
    bool differ = a.type.family != b.type.family ||
                  (a.type.native != b.type.native &&
                   !(hooks_.same_native_type &&
                     hooks_.same_native_type(a.type.native, b.type.native)));
    if (a.type.family == ColumnFamily::kEnum &&
        b.type.family == ColumnFamily::kEnum && !hooks_.enum_types) {
      // MySQL enums are column types: only their values matter (a described
      // database names them `{table}_{column}`).
      differ = EnumValuesDiffer(a.type.native, b.type.native);
    }
    bool list_changed = (a.arity == Arity::kList) != (b.arity == Arity::kList);
    if (!differ && !list_changed) return TypeChange::kNone;
    if (!differ) return TypeChange::kNone;
    if (hooks_.native_type_change && a.type.family == b.type.family) {
      if (auto change = hooks_.native_type_change(a.type.native, b.type.native))
        return *change;
    }
    if (a.type.family == b.type.family) return TypeChange::kRiskyCast;
    if (b.type.family == ColumnFamily::kString) return TypeChange::kSafeCast;
    if (a.type.family == ColumnFamily::kEnum ||
        b.type.family == ColumnFamily::kEnum ||
        a.type.family == ColumnFamily::kJson ||
        b.type.family == ColumnFamily::kBytes ||
        a.type.family == ColumnFamily::kBytes) {
      return TypeChange::kNotCastable;
    }
    return TypeChange::kRiskyCast;
  }

  bool DefaultsMatch(const Column& a, const Column& b) const {
    const auto& da = a.default_value;
    const auto& db = b.default_value;
    if (!da && !db) return true;
    if (!da || !db) return false;
    // Prisma does not compare DateTime literal defaults: one on either side
    // matches any default (now(), another timestamp, dbgenerated), and
    // DateTime lists match when they have as many elements.
    auto datetime_literal = [](const Column& c) {
      return c.type.family == ColumnFamily::kDateTime &&
             !c.default_value->is_now && !c.default_value->db_generated;
    };
    if (a.arity == Arity::kList || b.arity == Arity::kList) {
      if (datetime_literal(a) && datetime_literal(b)) {
        return ListLength(da->sql) == ListLength(db->sql);
      }
      if ((a.type.family == ColumnFamily::kDateTime ||
           b.type.family == ColumnFamily::kDateTime) &&
          (da->db_generated || db->db_generated)) {
        return true;
      }
    } else if (datetime_literal(a) || datetime_literal(b)) {
      return true;
    }
    // A database spells expressions its own way (`'x'::text`, `now()`), so
    // against a described schema a dbgenerated target matches any default.
    if ((prev_.described || next_.described) && db->db_generated) return true;
    // dbgenerated("…") texts match ignoring case; a dbgenerated default
    // replacing another kind is a change (Prisma's defaults_match).
    if (da->db_generated && db->db_generated) {
      return EqualsIgnoreCase(da->sql, db->sql);
    }
    if (da->db_generated || db->db_generated) return false;
    if (da->is_now || db->is_now) return da->is_now && db->is_now;
    if (da->sql == db->sql) return true;
    if ((a.type.family == ColumnFamily::kJson ||
         b.type.family == ColumnFamily::kJson) &&
        a.arity != Arity::kList && b.arity != Arity::kList) {
      return SameJson(da->sql, db->sql);
    }
    return SameNumber(da->sql, db->sql);
  }

  // JSON defaults (SQL string literals) compare as JSON values; one that does
  // not parse matches anything, as in Prisma.
  static bool SameJson(const std::string& a, const std::string& b) {
    auto parse = [](const std::string& sql) {
      std::string text = sql;
      if (text.size() >= 2 && text.front() == '\'' && text.back() == '\'') {
        text.clear();
        for (size_t i = 1; i + 1 < sql.size(); ++i) {
          text += sql[i];
          if (sql[i] == '\'' && sql[i + 1] == '\'') ++i;
        }
      }
      return nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    };
    nlohmann::json ja = parse(a), jb = parse(b);
    if (ja.is_discarded() || jb.is_discarded()) return true;
    return ja == jb;
  }

  // Number of elements of an `ARRAY[…]::T[]` default (-1 if not one).
  static int ListLength(const std::string& sql) {
    if (sql.rfind("ARRAY[", 0) != 0) return -1;
    size_t close = sql.rfind(']');
    if (close == std::string::npos || close < 6) return -1;
    if (close == 6) return 0;
    int n = 1;
    bool quoted = false;
    for (size_t i = 6; i < close; ++i) {
      if (sql[i] == '\'') quoted = !quoted;
      if (sql[i] == ',' && !quoted) ++n;
    }
    return n;
  }

  // "2.50" and "2.500000" (MySQL pads decimals to the column's scale).
  static bool SameNumber(const std::string& a, const std::string& b) {
    auto canonical = [](std::string s) -> std::optional<std::string> {
      if (s.empty()) return std::nullopt;
      std::string sign;
      if (s[0] == '-' || s[0] == '+') {
        if (s[0] == '-') sign = "-";
        s = s.substr(1);
      }
      if (s.empty() ||
          s.find_first_not_of("0123456789.") != std::string::npos ||
          std::count(s.begin(), s.end(), '.') > 1) {
        return std::nullopt;
      }
      if (s.find('.') != std::string::npos) {
        while (!s.empty() && s.back() == '0') s.pop_back();
        if (!s.empty() && s.back() == '.') s.pop_back();
      }
      size_t nz = s.find_first_not_of('0');
      s = nz == std::string::npos ? "0" : s.substr(nz);
      if (s.empty() || s[0] == '.') s = "0" + s;
      if (s == "0") sign.clear();
      return sign + s;
    };
    auto ca = canonical(a), cb = canonical(b);
    return ca && cb && *ca == *cb;
  }

  void AnalyzePair(PairInfo& p) {
    const Table& pt = prev_.tables[p.prev];
    const Table& nt = next_.tables[p.next];
    std::vector<bool> prev_col_used(pt.columns.size(), false);
    for (size_t c = 0; c < nt.columns.size(); ++c) {
      int pc = pt.FindColumn(nt.columns[c].name);
      if (pc < 0) {
        p.added_columns.push_back(static_cast<int>(c));
        continue;
      }
      prev_col_used[pc] = true;
      const Column& a = pt.columns[pc];
      const Column& b = nt.columns[c];
      ColumnPair cp;
      cp.prev = pc;
      cp.next = static_cast<int>(c);
      cp.type_change = TypeChangeOf(a, b);
      cp.changes.type = cp.type_change != TypeChange::kNone;
      cp.changes.arity = a.arity != b.arity;
      cp.changes.default_value = !DefaultsMatch(a, b);
      cp.changes.autoincrement =
          hooks_.diff_autoincrement && a.auto_increment != b.auto_increment;
      if (a.auto_increment && b.auto_increment)
        cp.changes.default_value = false;
      p.column_pairs.push_back(cp);
    }
    // Prisma walks a table's columns by name; altered columns are then
    // ordered by their position in the previous table.
    p.redefine_pairs = p.column_pairs;
    std::sort(p.redefine_pairs.begin(), p.redefine_pairs.end(),
              [&](const ColumnPair& x, const ColumnPair& y) {
                return pt.columns[x.prev].name < pt.columns[y.prev].name;
              });
    std::sort(p.column_pairs.begin(), p.column_pairs.end(),
              [](const ColumnPair& x, const ColumnPair& y) {
                return x.prev < y.prev;
              });
    for (size_t c = 0; c < pt.columns.size(); ++c) {
      if (!prev_col_used[c]) p.dropped_columns.push_back(static_cast<int>(c));
    }
    auto by_name = [](const Table& t) {
      return
          [&t](int a, int b) { return t.columns[a].name < t.columns[b].name; };
    };
    std::sort(p.dropped_columns.begin(), p.dropped_columns.end(), by_name(pt));
    std::sort(p.added_columns.begin(), p.added_columns.end(), by_name(nt));
    // Primary key.
    if (!pt.primary_key && nt.primary_key) p.pk_created = true;
    if (pt.primary_key && !nt.primary_key) p.pk_dropped = true;
    if (pt.primary_key && nt.primary_key) {
      const auto& a = pt.primary_key->columns;
      const auto& b = nt.primary_key->columns;
      bool changed = a.size() != b.size();
      for (size_t i = 0; !changed && i < a.size(); ++i) {
        if (a[i].name != b[i].name) changed = true;
      }
      p.pk_columns_changed = changed;
    }
    // Indexes: pair by shape, preferring equal names.
    std::vector<bool> prev_idx_used(pt.indexes.size(), false);
    std::vector<int> next_match(nt.indexes.size(), -1);
    for (int pass = 0; pass < 2; ++pass) {
      for (size_t n = 0; n < nt.indexes.size(); ++n) {
        if (next_match[n] >= 0) continue;
        for (size_t i = 0; i < pt.indexes.size(); ++i) {
          if (prev_idx_used[i]) continue;
          const Index& a = pt.indexes[i];
          const Index& b = nt.indexes[n];
          if (pass == 0 && a.name != b.name) continue;
          if (a.kind != b.kind || a.algorithm != b.algorithm ||
              !SameIndexColumns(a.columns, b.columns)) {
            continue;
          }
          prev_idx_used[i] = true;
          next_match[n] = static_cast<int>(i);
          break;
        }
      }
    }
    for (size_t n = 0; n < nt.indexes.size(); ++n) {
      if (next_match[n] < 0) {
        p.created_indexes.push_back(static_cast<int>(n));
      } else if (pt.indexes[next_match[n]].name != nt.indexes[n].name) {
        p.renamed_indexes.emplace_back(next_match[n], static_cast<int>(n));
      }
    }
    for (size_t i = 0; i < pt.indexes.size(); ++i) {
      if (!prev_idx_used[i]) p.dropped_indexes.push_back(static_cast<int>(i));
    }
    // Foreign keys.
    std::vector<bool> prev_fk_used(pt.foreign_keys.size(), false);
    for (size_t n = 0; n < nt.foreign_keys.size(); ++n) {
      int match = -1;
      for (int pass = 0; pass < 2 && match < 0; ++pass) {
        for (size_t i = 0; i < pt.foreign_keys.size(); ++i) {
          if (prev_fk_used[i]) continue;
          if (pass == 0 && pt.foreign_keys[i].name != nt.foreign_keys[n].name) {
            continue;
          }
          if (ForeignKeysMatch(pt, pt.foreign_keys[i], nt,
                               nt.foreign_keys[n])) {
            match = static_cast<int>(i);
            break;
          }
        }
      }
      if (match < 0) {
        p.created_fks.push_back(static_cast<int>(n));
        continue;
      }
      prev_fk_used[match] = true;
      if (!pt.foreign_keys[match].name.empty() &&
          pt.foreign_keys[match].name != nt.foreign_keys[n].name &&
          !IsJoinTable(nt)) {
        p.renamed_fks.emplace_back(match, static_cast<int>(n));
      }
    }
    for (size_t i = 0; i < pt.foreign_keys.size(); ++i) {
      if (!prev_fk_used[i]) p.dropped_fks.push_back(static_cast<int>(i));
    }
    if (hooks_.redefines_tables) {
      bool any_changed = false;
      for (const auto& cp : p.column_pairs) any_changed |= cp.changes.Any();
      bool added_required = false;
      for (int c : p.added_columns) {
        added_required |= nt.columns[c].arity == Arity::kRequired;
      }
      p.redefine = p.pk_created || p.pk_dropped || p.pk_columns_changed ||
                   !p.dropped_columns.empty() || added_required ||
                   any_changed || !p.created_fks.empty() ||
                   !p.dropped_fks.empty();
      if (p.redefine) any_redefine_ = true;
    }
  }

  static bool IsJoinTable(const Table& t) {
    return t.columns.size() == 2 && t.FindColumn("A") >= 0 &&
           t.FindColumn("B") >= 0;
  }

  bool ForeignKeysMatch(const Table& pt, const ForeignKey& a, const Table& nt,
                        const ForeignKey& b) const {
    if (a.referenced_table != b.referenced_table ||
        a.referenced_schema != b.referenced_schema ||
        a.columns.size() != b.columns.size() ||
        a.referenced_columns != b.referenced_columns ||
        a.on_delete != b.on_delete || a.on_update != b.on_update) {
      return false;
    }
    for (size_t i = 0; i < a.columns.size(); ++i) {
      if (a.columns[i] != b.columns[i]) return false;
      const Column* ca = pt.ColumnNamed(a.columns[i]);
      const Column* cb = nt.ColumnNamed(b.columns[i]);
      if (!ca || !cb) return false;
      if (TypeChangeOf(*ca, *cb) != TypeChange::kNone) return false;
      bool arities_ok =
          ca->arity == cb->arity ||
          (ca->arity == Arity::kRequired && cb->arity == Arity::kNullable);
      if (!arities_ok && !hooks_.redefines_tables) return false;
    }
    return true;
  }

  void PushEnumSteps() {
    for (size_t e = 0; e < next_.enums.size(); ++e) {
      int p = prev_.FindEnum(next_.enums[e].name);
      if (p < 0) {
        Step s{Step::Kind::kCreateEnum};
        s.next_enum = static_cast<int>(e);
        s.sort_key = {s.next_enum};
        Push(std::move(s));
        continue;
      }
      const auto& pv = prev_.enums[p].values;
      const auto& nv = next_.enums[e].values;
      Step s{Step::Kind::kAlterEnum};
      s.prev_enum = p;
      s.next_enum = static_cast<int>(e);
      for (const auto& v : nv) {
        if (std::find(pv.begin(), pv.end(), v) == pv.end())
          s.added_values.push_back(v);
      }
      for (const auto& v : pv) {
        if (std::find(nv.begin(), nv.end(), v) == nv.end())
          s.dropped_values.push_back(v);
      }
      if (s.added_values.empty() && s.dropped_values.empty()) continue;
      // Prisma's order: columns of dropped tables (table order), then per
      // kept table its dropped columns and then its kept columns, each by
      // column name.
      const std::string& name = prev_.enums[p].name;
      auto uses_enum = [&](const Column& col) {
        return col.type.family == ColumnFamily::kEnum &&
               col.type.native == name && col.default_value.has_value();
      };
      for (size_t t = 0; t < prev_.tables.size(); ++t) {
        const Table& pt = prev_.tables[t];
        if (next_.FindTable(pt.schema, pt.name) >= 0) continue;
        for (size_t c = 0; c < pt.columns.size(); ++c) {
          if (!uses_enum(pt.columns[c])) continue;
          s.default_uses.push_back(
              {static_cast<int>(t), static_cast<int>(c), -1, -1});
        }
      }
      for (size_t t = 0; t < prev_.tables.size(); ++t) {
        const Table& pt = prev_.tables[t];
        int nt = next_.FindTable(pt.schema, pt.name);
        if (nt < 0) continue;
        std::vector<size_t> by_name(pt.columns.size());
        for (size_t c = 0; c < by_name.size(); ++c) by_name[c] = c;
        std::sort(by_name.begin(), by_name.end(), [&](size_t x, size_t y) {
          return pt.columns[x].name < pt.columns[y].name;
        });
        for (bool dropped : {true, false}) {
          for (size_t c : by_name) {
            const Column& col = pt.columns[c];
            int nc = next_.tables[nt].FindColumn(col.name);
            if ((nc < 0) != dropped || !uses_enum(col)) continue;
            Step::DefaultUse use{static_cast<int>(t), static_cast<int>(c), -1,
                                 -1};
            if (nc >= 0) {
              const Column& ncol = next_.tables[nt].columns[nc];
              if (ncol.type.family == ColumnFamily::kEnum &&
                  ncol.type.native == next_.enums[e].name &&
                  ncol.default_value) {
                use.next_table = nt;
                use.next_column = nc;
              }
            }
            s.default_uses.push_back(use);
          }
        }
      }
      s.sort_key = {p, static_cast<int>(e)};
      Push(std::move(s));
    }
    for (size_t e = 0; e < prev_.enums.size(); ++e) {
      if (next_.FindEnum(prev_.enums[e].name) >= 0) continue;
      Step s{Step::Kind::kDropEnum};
      s.prev_enum = static_cast<int>(e);
      s.sort_key = {s.prev_enum};
      Push(std::move(s));
    }
  }

  const SqlSchema& prev_;
  const SqlSchema& next_;
  const DiffHooks& hooks_;
  std::vector<bool> prev_matched_, next_matched_;
  std::vector<PairInfo> pairs_;
  bool any_redefine_ = false;
  std::vector<Step> steps_;
};

}  // namespace

Migration Diff(const SqlSchema& previous, const SqlSchema& next) {
  return Differ(previous, next).Run();
}

}  // namespace airlock::diff
