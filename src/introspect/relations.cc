#include "introspect/relations.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace airlock::introspect {
namespace {

using Pair = std::pair<int, int>;

Pair Sorted(int a, int b) { return a <= b ? Pair{a, b} : Pair{b, a}; }

bool StartsWithA(const sqlschema::ForeignKey& fk) {
  return !fk.columns.empty() && fk.columns[0].size() == 1 &&
         std::tolower(static_cast<unsigned char>(fk.columns[0][0])) == 'a';
}

struct Builder {
  const Context& ctx;
  Relations out;
  std::set<Pair> ambiguous;
  // Foreign keys that repeat an earlier one of the same table.
  std::set<Pair> duplicated;  // (table, fk)

  std::vector<int> Visible() const {
    std::vector<int> v;
    for (size_t i = 0; i < ctx.tables.size(); ++i)
      if (!ctx.hidden[i]) v.push_back(static_cast<int>(i));
    return v;
  }

  Pair M2mTables(int t) const {
    const auto& fks = ctx.tables[t]->foreign_keys;
    return Sorted(ctx.Referenced(t, fks[0]), ctx.Referenced(t, fks[1]));
  }

  const std::string& ModelName(int t) const { return ctx.model_names[t].name; }

  std::string ColumnName(int t, const std::string& column) const {
    int c = ctx.ColumnIndex(t, column);
    return c < 0 ? column : ctx.field_names[t][c].name;
  }

  void FindDuplicates() {
    for (int t : Visible()) {
      const auto& fks = ctx.tables[t]->foreign_keys;
      for (size_t i = 0; i < fks.size(); ++i) {
        for (size_t j = 0; j < i; ++j) {
          if (fks[i].columns == fks[j].columns &&
              fks[i].referenced_columns == fks[j].referenced_columns &&
              fks[i].referenced_table == fks[j].referenced_table) {
            duplicated.insert({t, static_cast<int>(i)});
            break;
          }
        }
      }
    }
  }

  void FindAmbiguous() {
    for (int t : Visible()) {
      const auto& table = *ctx.tables[t];
      if (ctx.join_table[t]) {
        Pair ids = M2mTables(t);
        if (ids.first < 0 || ids.second < 0 || ambiguous.count(ids)) continue;
        for (int model : {ids.first, ids.second}) {
          for (const auto& fk : ctx.tables[model]->foreign_keys) {
            if (Sorted(model, ctx.Referenced(model, fk)) == ids)
              ambiguous.insert(ids);
          }
        }
        for (int o : Visible()) {
          if (o != t && ctx.join_table[o] && M2mTables(o) == ids)
            ambiguous.insert(ids);
        }
        continue;
      }
      for (const auto& fk : table.foreign_keys) {
        int ref = ctx.Referenced(t, fk);
        if (ref < 0) continue;
        Pair ids = Sorted(t, ref);
        if (ambiguous.count(ids)) continue;
        auto check = [&](int owner) {
          for (const auto& other : ctx.tables[owner]->foreign_keys) {
            bool same = owner == t && &other == &fk;
            bool distinct =
                !same && !(owner == t && other.columns == fk.columns);
            if (!distinct) continue;
            int oref = ctx.Referenced(owner, other);
            if (oref >= 0 && Sorted(owner, oref) == ids) return true;
          }
          return false;
        };
        if (check(t) || check(ref)) {
          ambiguous.insert(ids);
          continue;
        }
        const std::string& default_field = ModelName(ref);
        for (const auto& col : fk.columns) {
          if (ColumnName(t, col) == default_field) {
            ambiguous.insert(ids);
            break;
          }
        }
      }
    }
  }

  // The relation of the previous schema backed by this foreign key: same
  // referencing model and the same referencing columns.
  int PreviousInline(int t, const sqlschema::ForeignKey& fk) const {
    if (!ctx.prev || ctx.prev_model[t] < 0) return -1;
    const auto& rels = ctx.prev->relations;
    const auto& pm = ctx.prev->models[ctx.prev_model[t]];
    for (size_t r = 0; r < rels.size(); ++r) {
      const auto& rel = rels[r];
      if (rel.kind == schema::Relation::Kind::kManyToMany ||
          rel.referencing_model != ctx.prev_model[t] ||
          rel.fields.size() != fk.columns.size()) {
        continue;
      }
      bool match = true;
      for (size_t i = 0; match && i < fk.columns.size(); ++i)
        match = pm.fields[rel.fields[i]].db_name == fk.columns[i];
      if (match) return static_cast<int>(r);
    }
    return -1;
  }

  void Name() {
    for (int t : Visible()) {
      const auto& table = *ctx.tables[t];
      if (ctx.join_table[t]) {
        ManyToManyRelation m;
        m.table = t;
        const auto& fks = table.foreign_keys;
        m.fk_a = StartsWithA(fks[0]) ? 0 : 1;
        m.fk_b = 1 - m.fk_a;
        m.model_a = ctx.Referenced(t, fks[m.fk_a]);
        m.model_b = ctx.Referenced(t, fks[m.fk_b]);
        if (m.model_a < 0 || m.model_b < 0) continue;
        Pair ids = M2mTables(t);
        bool self = ids.first == ids.second;
        std::string found = table.name.substr(1);
        std::string suffix;
        if (ambiguous.count(ids)) {
          m.name = found;
          suffix = table.name;
        } else {
          std::string dflt =
              ModelName(ids.first) + "To" + ModelName(ids.second);
          m.name = (found == dflt && !self) ? "" : found;
        }
        m.field_a = ModelName(ids.second) + suffix + (self ? "_A" : "");
        m.field_b = ModelName(ids.first) + suffix + (self ? "_B" : "");
        // Re-introspection keeps the relation's field names and name.
        if (ctx.prev) {
          for (const auto& rel : ctx.prev->relations) {
            if (rel.kind != schema::Relation::Kind::kManyToMany ||
                rel.name != found) {
              continue;
            }
            if (!rel.self_relation && rel.referencing_field >= 0 &&
                rel.referenced_field >= 0) {
              m.field_a = ctx.prev->models[rel.referencing_model]
                              .fields[rel.referencing_field]
                              .name;
              m.field_b = ctx.prev->models[rel.referenced_model]
                              .fields[rel.referenced_field]
                              .name;
            }
            m.name = rel.name;
            break;
          }
        }
        out.m2m.push_back(std::move(m));
        continue;
      }
      for (size_t f = 0; f < table.foreign_keys.size(); ++f) {
        if (duplicated.count({t, static_cast<int>(f)})) continue;
        const auto& fk = table.foreign_keys[f];
        int ref = ctx.Referenced(t, fk);
        if (ref < 0 || ctx.hidden[ref]) continue;
        InlineRelation r;
        r.table = t;
        r.fk = static_cast<int>(f);
        r.referenced = ref;
        bool self = t == ref;
        std::string prefix = self ? "other_" : "";
        const std::string& referencing = ModelName(t);
        const std::string& referenced = ModelName(ref);
        if (!ambiguous.count(Sorted(t, ref))) {
          r.name = self ? referencing + "To" + referenced : "";
          r.forward = referenced;
          r.back = prefix + referencing;
        } else {
          std::string name = referencing + "_";
          for (size_t i = 0; i < fk.columns.size(); ++i) {
            if (i) name += "_";
            name += ColumnName(t, fk.columns[i]);
          }
          name += "To" + referenced;
          r.forward = referenced + "_" + name;
          r.back = prefix + referencing + "_" + name;
          r.name = name;
        }
        r.previous = PreviousInline(t, fk);
        if (r.previous >= 0) {
          const auto& rel = ctx.prev->relations[r.previous];
          if (rel.referencing_field >= 0 && rel.referenced_field >= 0) {
            r.forward = ctx.prev->models[rel.referencing_model]
                            .fields[rel.referencing_field]
                            .name;
            r.back = ctx.prev->models[rel.referenced_model]
                         .fields[rel.referenced_field]
                         .name;
            r.name = rel.explicit_name ? rel.name : "";
          }
        }
        out.inline_relations.push_back(std::move(r));
      }
    }
  }

  void Position() {
    out.fields.resize(ctx.tables.size());
    for (size_t i = 0; i < out.inline_relations.size(); ++i) {
      const auto& r = out.inline_relations[i];
      out.fields[r.table].push_back({false, static_cast<int>(i), true});
      out.fields[r.referenced].push_back({false, static_cast<int>(i), false});
    }
    for (size_t i = 0; i < out.m2m.size(); ++i) {
      const auto& m = out.m2m[i];
      out.fields[m.model_a].push_back({true, static_cast<int>(i), true});
      out.fields[m.model_b].push_back({true, static_cast<int>(i), false});
    }
  }
};

}  // namespace

Relations CalculateRelations(const Context& ctx) {
  Builder b{ctx};
  if (ctx.emulated_relations) {
    b.out.fields.resize(ctx.tables.size());
    return std::move(b.out);
  }
  b.FindDuplicates();
  b.FindAmbiguous();
  b.Name();
  b.Position();
  return std::move(b.out);
}

}  // namespace airlock::introspect
