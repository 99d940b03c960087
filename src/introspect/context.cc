#include "introspect/context.h"

#include <algorithm>
#include <cctype>

namespace airlock::introspect {
namespace {

bool IEq(const std::string& a, const char* b) {
  std::string_view bv(b);
  if (a.size() != bv.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != bv[i]) return false;
  return true;
}

bool HasColumns(const sqlschema::Table& t,
                std::initializer_list<const char*> names) {
  for (const char* n : names)
    if (t.FindColumn(n) < 0) return false;
  return true;
}

bool IsHidden(const sqlschema::Table& t) {
  if (t.name == "_prisma_migrations" &&
      HasColumns(t, {"id", "checksum", "finished_at", "migration_name", "logs",
                     "rolled_back_at", "started_at", "applied_steps_count"})) {
    return true;
  }
  if (t.name == "_Migration" &&
      HasColumns(t, {"revision", "name", "datamodel", "status", "applied",
                     "rolled_back", "datamodel_steps", "database_migration",
                     "errors", "started_at", "finished_at"})) {
    return true;
  }
  if (t.name == "_RelayId" && t.FindColumn("id") >= 0) {
    for (const auto& c : t.columns)
      if (IEq(c.name, "stablemodelidentifier")) return true;
  }
  return t.name == "sqlite_sequence";
}

}  // namespace

Context::Context(const sqlschema::SqlSchema& database,
                 const schema::Schema* previous)
    : db(database),
      dialect(DialectFor(database.provider)),
      provider(database.provider),
      prev(previous) {
  owned = db.tables;
  for (auto& t : owned) {
    auto& fks = t.foreign_keys;
    if (provider == sqlschema::Provider::kSqlite) {
      std::stable_sort(
          fks.begin(), fks.end(),
          [](const auto& a, const auto& b) { return a.ordinal > b.ordinal; });
    } else {
      std::stable_sort(
          fks.begin(), fks.end(),
          [](const auto& a, const auto& b) { return a.name < b.name; });
    }
  }
  for (const auto& t : owned) tables.push_back(&t);
  std::stable_sort(tables.begin(), tables.end(), [](auto* a, auto* b) {
    if (a->schema != b->schema) return a->schema < b->schema;
    return a->name < b->name;
  });
  size_t n = tables.size();
  hidden.assign(n, false);
  join_table.assign(n, false);
  prev_model.assign(n, -1);
  model_names.resize(n);
  prev_field.resize(n);
  field_names.resize(n);

  for (size_t i = 0; i < n; ++i) {
    const auto& t = *tables[i];
    hidden[i] = IsHidden(t);
    // Prisma's implicit m2m join table: `_Name`, exactly two foreign keys
    // from A and B, unique (or primary key) over (A, B), index on B, and A
    // pointing at the model that sorts first.
    if (t.name.size() > 1 && t.name[0] == '_' && t.foreign_keys.size() == 2) {
      auto is_ab = [&](const std::vector<sqlschema::IndexColumn>& cols) {
        return cols.size() == 2 && IEq(cols[0].name, "a") &&
               IEq(cols[1].name, "b");
      };
      bool unique_ab = t.primary_key && is_ab(t.primary_key->columns);
      bool index_b = false;
      for (const auto& idx : t.indexes) {
        if (idx.IsUnique() && is_ab(idx.columns)) unique_ab = true;
        if (idx.kind == sqlschema::Index::Kind::kNormal &&
            idx.columns.size() == 1 && IEq(idx.columns[0].name, "b")) {
          index_b = true;
        }
      }
      const auto& f1 = t.foreign_keys[0];
      const auto& f2 = t.foreign_keys[1];
      bool ab_match = false;
      if (!f1.columns.empty() && !f2.columns.empty()) {
        ab_match = (f1.referenced_table <= f2.referenced_table &&
                    IEq(f1.columns[0], "a") && IEq(f2.columns[0], "b")) ||
                   (f2.referenced_table <= f1.referenced_table &&
                    IEq(f1.columns[0], "b") && IEq(f2.columns[0], "a"));
      }
      join_table[i] = unique_ab && index_b && ab_match;
    }
  }

  // Models and fields: matched by database name with the previous schema.
  for (size_t i = 0; i < n; ++i) {
    const auto& t = *tables[i];
    if (prev) {
      for (size_t m = 0; m < prev->models.size(); ++m) {
        const auto& pm = prev->models[m];
        if (!pm.is_view && pm.db_name == t.name) {
          prev_model[i] = static_cast<int>(m);
          break;
        }
      }
    }
    const schema::Model* pm = PrevModel(static_cast<int>(i));
    if (pm) {
      model_names[i].name = pm->name;
      if (pm->db_name != pm->name) model_names[i].map = pm->db_name;
    } else {
      model_names[i] = ModelNameFromSql(t.name);
    }
    prev_field[i].assign(t.columns.size(), -1);
    field_names[i].resize(t.columns.size());
    for (size_t c = 0; c < t.columns.size(); ++c) {
      if (pm) {
        for (size_t f = 0; f < pm->fields.size(); ++f) {
          const auto& pf = pm->fields[f];
          if (pf.kind != schema::Field::Kind::kRelation &&
              pf.kind != schema::Field::Kind::kComposite &&
              pf.db_name == t.columns[c].name) {
            prev_field[i][c] = static_cast<int>(f);
            break;
          }
        }
      }
      const schema::Field* pf = PrevField(static_cast<int>(i), c);
      if (pf) {
        field_names[i][c].name = pf->name;
        if (pf->db_name != pf->name) field_names[i][c].map = pf->db_name;
      } else {
        field_names[i][c] = FieldNameFromSql(t.columns[c].name);
      }
    }
  }

  // Enums, in name order. MySQL enums belong to a column each; only those
  // used by a visible table are kept.
  std::vector<const sqlschema::Enum*> sorted;
  for (const auto& e : db.enums) sorted.push_back(&e);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](auto* a, auto* b) { return a->name < b->name; });
  for (const auto* e : sorted) {
    EnumInfo info;
    info.db = e;
    if (prev && provider != sqlschema::Provider::kMysql) {
      for (size_t k = 0; k < prev->enums.size(); ++k) {
        if (prev->enums[k].db_name == e->name) {
          info.previous = static_cast<int>(k);
          break;
        }
      }
    }
    enum_of_type[e->name] = static_cast<int>(enums.size());
    enums.push_back(std::move(info));
  }
  if (provider == sqlschema::Provider::kMysql) {
    std::vector<bool> used(enums.size(), false);
    for (size_t i = 0; i < n; ++i) {
      if (hidden[i]) continue;
      const auto& t = *tables[i];
      for (size_t c = 0; c < t.columns.size(); ++c) {
        int e = EnumOf(static_cast<int>(i), t.columns[c]);
        if (e < 0) continue;
        used[e] = true;
        const schema::Field* pf = PrevField(static_cast<int>(i), c);
        if (pf && pf->kind == schema::Field::Kind::kEnum && prev) {
          int pe = prev->FindEnum(pf->type_name);
          if (pe >= 0) {
            const auto& pv = prev->enums[pe].values;
            const auto& dv = enums[e].db->values;
            bool same = pv.size() == dv.size();
            for (size_t v = 0; same && v < pv.size(); ++v)
              same = pv[v].db_name == dv[v];
            if (same) enums[e].previous = pe;
          }
        }
      }
    }
    for (size_t e = 0; e < enums.size(); ++e)
      if (!used[e]) enums[e].db = nullptr;  // dropped below
  }
  for (auto& info : enums) {
    if (!info.db) continue;
    if (info.previous >= 0) {
      const auto& pe = prev->enums[info.previous];
      info.name.name = pe.name;
      if (pe.db_name != pe.name && provider != sqlschema::Provider::kMysql)
        info.name.map = pe.db_name;
    } else {
      info.name = ModelNameFromSql(info.db->name);
    }
    for (const auto& v : info.db->values) {
      Name vn;
      bool found = false;
      if (info.previous >= 0) {
        for (const auto& pv : prev->enums[info.previous].values) {
          if (pv.db_name == v) {
            vn.name = pv.name;
            if (pv.db_name != pv.name) vn.map = pv.db_name;
            found = true;
            break;
          }
        }
      }
      if (!found) vn = EnumValueNameFromSql(v);
      info.values.push_back(std::move(vn));
    }
  }
}

int Context::TableIndex(const std::optional<std::string>& schema,
                        const std::string& name) const {
  for (size_t i = 0; i < tables.size(); ++i) {
    if (tables[i]->name == name &&
        (!schema || !tables[i]->schema || *schema == *tables[i]->schema)) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

int Context::Referenced(int table, const sqlschema::ForeignKey& fk) const {
  std::optional<std::string> schema = fk.referenced_schema;
  if (!schema) schema = tables[table]->schema;
  return TableIndex(schema, fk.referenced_table);
}

int Context::ColumnIndex(int table, const std::string& column) const {
  return tables[table]->FindColumn(column);
}

int Context::EnumOf(int table, const sqlschema::Column& c) const {
  if (c.type.family != sqlschema::ColumnFamily::kEnum) return -1;
  auto it = enum_of_type.find(c.type.native);
  if (it != enum_of_type.end()) return it->second;
  it = enum_of_type.find(tables[table]->name + "_" + c.name);
  return it == enum_of_type.end() ? -1 : it->second;
}

const schema::Model* Context::PrevModel(int table) const {
  return prev_model[table] >= 0 ? &prev->models[prev_model[table]] : nullptr;
}

const schema::Field* Context::PrevField(int table, int column) const {
  const schema::Model* pm = PrevModel(table);
  int f = prev_field[table][column];
  return pm && f >= 0 ? &pm->fields[f] : nullptr;
}

sqlschema::ColumnFamily Context::Family(int table, int column) const {
  const auto& c = tables[table]->columns[column];
  auto f = dialect.Family(c);
  if (f == sqlschema::ColumnFamily::kEnum && EnumOf(table, c) < 0)
    return sqlschema::ColumnFamily::kUnsupported;
  return f;
}

bool Context::HasUsableIdentifier(int table) const {
  const auto& t = *tables[table];
  auto usable = [&](const std::vector<sqlschema::IndexColumn>& cols) {
    if (cols.empty()) return false;
    for (const auto& ic : cols) {
      int c = t.FindColumn(ic.name);
      if (c < 0) return false;
      bool implicit_required = dialect.ImplicitAutoincrement(t, t.columns[c]);
      if (Family(table, c) == sqlschema::ColumnFamily::kUnsupported ||
          (t.columns[c].arity != sqlschema::Arity::kRequired &&
           !implicit_required)) {
        return false;
      }
    }
    return true;
  };
  if (t.primary_key && usable(t.primary_key->columns)) return true;
  for (const auto& idx : t.indexes)
    if (idx.IsUnique() && usable(idx.columns)) return true;
  return false;
}

bool Context::PrevModelHasTable(int model) const {
  for (size_t t = 0; t < tables.size(); ++t)
    if (prev_model[t] == model && !hidden[t]) return true;
  return false;
}

bool Context::ModelIgnored(int table) const {
  const schema::Model* pm = PrevModel(table);
  bool explicit_ignore = pm && pm->ignored;
  return explicit_ignore ||
         (!HasUsableIdentifier(table) && !tables[table]->columns.empty());
}

}  // namespace airlock::introspect
