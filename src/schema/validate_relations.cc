// Pass 4 (relations): pairs every relation field with its back-relation
// (same relation name, pointing back), classifies the relation (1:1, 1:n,
// implicit m:n), picks the side holding the foreign key and gives unnamed
// relations Prisma's default name ("AToB", model names in byte order).
#include <fmt/format.h>

#include <algorithm>

#include "schema/validate_context.h"

namespace airlock::schema::internal {

std::string DefaultRelationName(std::string_view a, std::string_view b) {
  return a < b ? fmt::format("{}To{}", a, b) : fmt::format("{}To{}", b, a);
}

void ResolveRelations(Context& ctx) {
  auto& models = ctx.schema.models;
  auto raw = [&](int m, int f) -> const RawRelation& {
    static const RawRelation kNone;
    auto it = ctx.raw_relations.find({m, f});
    return it == ctx.raw_relations.end() ? kNone : it->second;
  };
  for (size_t mi = 0; mi < models.size(); ++mi) {
    for (size_t fi = 0; fi < models[mi].fields.size(); ++fi) {
      const Field& f = models[mi].fields[fi];
      if (f.kind != Field::Kind::kRelation) continue;
      int m = static_cast<int>(mi), fidx = static_cast<int>(fi);
      if (ctx.field_relation.count({m, fidx})) continue;
      int target = ctx.schema.FindModel(f.type_name);
      const RawRelation& r = raw(m, fidx);
      // Find the opposite field: on `target`, pointing to `m`, same name.
      int opposite = -1;
      for (size_t oi = 0; oi < models[target].fields.size(); ++oi) {
        const Field& o = models[target].fields[oi];
        int oidx = static_cast<int>(oi);
        if (o.kind != Field::Kind::kRelation || o.type_name != models[mi].name)
          continue;
        if (target == m && oidx == fidx) continue;
        if (ctx.field_relation.count({target, oidx})) continue;
        if (raw(target, oidx).name != r.name) continue;
        opposite = oidx;
        break;
      }
      Relation rel;
      rel.explicit_name = r.name.has_value();
      rel.name =
          r.name ? *r.name
                 : DefaultRelationName(models[mi].name, models[target].name);
      rel.self_relation = target == m;
      // Decide the referencing (foreign key) side.
      int ref_m = m, ref_f = fidx, other_m = target, other_f = opposite;
      if (opposite >= 0) {
        const Field& o = models[target].fields[opposite];
        const RawRelation& ro = raw(target, opposite);
        if (f.IsList() && o.IsList()) {
          rel.kind = Relation::Kind::kManyToMany;
          // Side A: the model whose name sorts first (self: field name).
          bool swap = rel.self_relation ? o.name < f.name
                                        : models[target].name < models[mi].name;
          if (swap) {
            std::swap(ref_m, other_m);
            std::swap(ref_f, other_f);
          }
        } else if (f.IsList() || o.IsList()) {
          rel.kind = Relation::Kind::kOneToMany;
          if (f.IsList()) {
            std::swap(ref_m, other_m);
            std::swap(ref_f, other_f);
          }
        } else {
          rel.kind = Relation::Kind::kOneToOne;
          bool this_has = r.has_fields || r.has_references;
          bool other_has = ro.has_fields || ro.has_references;
          if (!this_has && other_has) {
            std::swap(ref_m, other_m);
            std::swap(ref_f, other_f);
          } else if (!this_has && !other_has) {
            // Invalid (reported later); prefer the required side, then the
            // model/field name order as Prisma does.
            bool swap = false;
            if (f.IsOptional() != o.IsOptional()) {
              swap = f.IsOptional();
            } else if (rel.self_relation) {
              swap = o.name < f.name;
            } else {
              swap = models[target].name < models[mi].name;
            }
            if (swap) {
              std::swap(ref_m, other_m);
              std::swap(ref_f, other_f);
            }
          }
        }
      } else {
        rel.kind =
            f.IsList() ? Relation::Kind::kOneToMany : Relation::Kind::kOneToOne;
        if (f.IsList()) {
          // Only the back side exists: the referencing field is missing.
          std::swap(ref_m, other_m);
          std::swap(ref_f, other_f);
        }
      }
      rel.referencing_model = ref_m;
      rel.referencing_field = ref_f;
      rel.referenced_model = other_m;
      rel.referenced_field = other_f;
      if (rel.kind != Relation::Kind::kManyToMany && ref_f >= 0) {
        const RawRelation& rr = raw(ref_m, ref_f);
        rel.fields = rr.fields;
        rel.references = rr.references;
        rel.on_delete = rr.on_delete;
        rel.on_update = rr.on_update;
        rel.map = rr.map;
      }
      int idx = static_cast<int>(ctx.schema.relations.size());
      ctx.schema.relations.push_back(std::move(rel));
      ctx.field_relation[{m, fidx}] = idx;
      models[mi].fields[fi].relation = idx;
      if (opposite >= 0) {
        ctx.field_relation[{target, opposite}] = idx;
        models[target].fields[opposite].relation = idx;
      }
    }
  }
}

}  // namespace airlock::schema::internal
