// Relation rules of the validation pipeline: both sides present, no
// ambiguity, `fields`/`references` given on the right side with equal
// lengths and matching types, references unique, 1:1 specifics, implicit
// many-to-many requirements, referential actions allowed per provider and
// relation mode, and (relationMode = "prisma") the missing-index warning.
#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>

#include "schema/messages.h"
#include "schema/validate_context.h"
#include "schema/validate_messages.h"

namespace airlock::schema::internal {
namespace {

std::string Join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out += sep;
    out += v[i];
  }
  return out;
}

class RelationRules {
 public:
  explicit RelationRules(Context& ctx) : ctx_(ctx) {}

  void Run() {
    if (!Ambiguity()) return;
    for (size_t mi = 0; mi < Models().size(); ++mi) {
      for (size_t fi = 0; fi < Models()[mi].fields.size(); ++fi) {
        const Field& f = Models()[mi].fields[fi];
        if (f.kind != Field::Kind::kRelation) continue;
        IgnoredRelatedModel(static_cast<int>(mi), static_cast<int>(fi));
        ActionsAllowed(static_cast<int>(mi), static_cast<int>(fi));
        NamedForeignKey(static_cast<int>(mi), static_cast<int>(fi));
        MissingRelationIndex(static_cast<int>(mi), static_cast<int>(fi));
      }
    }
    for (int ri : PrismaRelationOrder()) {
      const Relation& r = ctx_.schema.relations[ri];
      if (r.kind == Relation::Kind::kManyToMany) {
        ManyToMany(r);
      } else {
        Inline(r, ri);
      }
    }
  }

 private:
  Context& ctx_;
  std::vector<Model>& Models() { return ctx_.schema.models; }
  Field& F(int m, int f) { return Models()[m].fields[f]; }
  const RawRelation& Raw(int m, int f) {
    static const RawRelation kNone;
    auto it = ctx_.raw_relations.find({m, f});
    return it == ctx_.raw_relations.end() ? kNone : it->second;
  }
  const char* Kind(int m) { return Models()[m].is_view ? "view" : "model"; }

  // The effective referential actions of an inline relation (Prisma's
  // defaults: onDelete Restrict when a referencing field is required, else
  // SetNull; onUpdate Cascade).
  ReferentialAction OnDelete(const Relation& r) {
    if (r.on_delete) return *r.on_delete;
    bool required = false;
    for (int x : r.fields)
      required = required || F(r.referencing_model, x).IsRequired();
    if (r.fields.empty())
      required = F(r.referencing_model, r.referencing_field).IsRequired();
    return required ? ReferentialAction::kRestrict
                    : ReferentialAction::kSetNull;
  }
  static ReferentialAction OnUpdate(const Relation& r) {
    return r.on_update.value_or(ReferentialAction::kCascade);
  }
  static bool Triggers(ReferentialAction a) {
    return a != ReferentialAction::kNoAction &&
           a != ReferentialAction::kRestrict;
  }
  static bool Complete(const Relation& r) {
    return r.kind != Relation::Kind::kManyToMany && r.referencing_field >= 0 &&
           r.referenced_field >= 0;
  }

  // relationMode = "prisma" emulates the actions, which cannot follow a
  // cycle of cascading relations: starting from relation `root`, follow the
  // complete relations of each referenced model (by referenced model, then
  // Prisma's relation order) while they cascade; reaching a self relation
  // or the starting model is an error on `root`.
  void Cycles(int root) {
    if (!ctx_.relation_mode_prisma) return;
    const auto& rels = ctx_.schema.relations;
    if (!Complete(rels[root])) return;
    if (relation_pos_.empty()) {
      std::vector<int> order = PrismaRelationOrder();
      relation_pos_.assign(rels.size(), 0);
      for (size_t i = 0; i < order.size(); ++i)
        relation_pos_[order[i]] = static_cast<int>(i);
    }
    auto from = [&](int model) {
      std::vector<int> out;
      for (size_t ri = 0; ri < rels.size(); ++ri)
        if (Complete(rels[ri]) && rels[ri].referencing_model == model)
          out.push_back(static_cast<int>(ri));
      std::sort(out.begin(), out.end(), [&](int a, int b) {
        return std::pair(rels[a].referenced_model, relation_pos_[a]) <
               std::pair(rels[b].referenced_model, relation_pos_[b]);
      });
      return out;
    };
    auto path_text = [&](const std::vector<int>& path) {
      std::string out;
      for (size_t i = 0; i < path.size(); ++i) {
        const Relation& r = rels[path[i]];
        if (i) out += " → ";
        out += Models()[r.referencing_model].name + "." +
               F(r.referencing_model, r.referencing_field).name;
      }
      return out;
    };
    const Relation& start = rels[root];
    int parent = start.referencing_model;
    std::set<std::pair<int, int>> visited;  // referencing fields
    std::vector<std::pair<int, std::vector<int>>> next = {{root, {root}}};
    while (!next.empty()) {
      auto [ri, path] = std::move(next.back());
      next.pop_back();
      const Relation& r = rels[ri];
      visited.insert({r.referencing_model, r.referencing_field});
      if (!Triggers(OnDelete(r)) && !Triggers(OnUpdate(r))) continue;
      if (r.referencing_model == r.referenced_model) {
        CycleError(start,
                   "A self-relation must have `onDelete` and `onUpdate` "
                   "referential actions set to `NoAction` in one of the "
                   "@relation attributes.");
        return;
      }
      if (r.referenced_model == parent) {
        CycleError(start,
                   fmt::format("Reference causes a cycle. One of the "
                               "@relation attributes in this cycle must have "
                               "`onDelete` and `onUpdate` referential actions "
                               "set to `NoAction`. Cycle path: {}.",
                               path_text(path)));
        return;
      }
      for (int n : from(r.referenced_model)) {
        const Relation& nr = rels[n];
        if (visited.count({nr.referencing_model, nr.referencing_field}))
          continue;
        std::vector<int> longer = path;
        longer.push_back(n);
        next.push_back({n, std::move(longer)});
      }
    }
  }

  // The cycle message with the implicit actions of `r` that cascade.
  void CycleError(const Relation& r, const std::string& message) {
    std::optional<ReferentialAction> on_delete, on_update;
    if (!r.on_delete && Triggers(OnDelete(r))) on_delete = OnDelete(r);
    if (!r.on_update && Triggers(OnUpdate(r))) on_update = OnUpdate(r);
    std::string msg = message;
    if (on_delete && on_update) {
      msg += fmt::format(
          " (Implicit default `onDelete`: `{}`, and `onUpdate`: `{}`)",
          ReferentialActionName(*on_delete), ReferentialActionName(*on_update));
    } else if (on_delete) {
      msg += fmt::format(" (Implicit default `onDelete`: `{}`)",
                         ReferentialActionName(*on_delete));
    } else if (on_update) {
      msg += fmt::format(" (Implicit default `onUpdate`: `{}`)",
                         ReferentialActionName(*on_update));
    }
    msg += " Read more at https://pris.ly/d/cyclic-referential-actions";
    ctx_.Error(vmsg::Validation(msg),
               F(r.referencing_model, r.referencing_field).span);
  }

  std::vector<int> relation_pos_;

  // Prisma walks relations in the order it creates them: at one of the two
  // fields (the forward side of a 1:n, side A of an m:n, the required or
  // `fields`-holding side of a 1:1, else the smaller model/field name),
  // visiting relation fields model by model.
  std::vector<int> PrismaRelationOrder() {
    auto creates_at = [&](const Relation& r, int xm, int xf, int ym, int yf) {
      const Field& x = F(xm, xf);
      const Field& y = F(ym, yf);
      auto x_not_after_y = [&]() {
        return std::pair(std::string_view(Models()[xm].name),
                         std::string_view(x.name)) <=
               std::pair(std::string_view(Models()[ym].name),
                         std::string_view(y.name));
      };
      if (r.kind == Relation::Kind::kManyToMany)
        return Models()[xm].name <= Models()[ym].name &&
               !(xm == ym && x.name > y.name);
      if (x.IsList() || y.IsList()) return !x.IsList();
      if (x.IsRequired()) return y.IsOptional() || x_not_after_y();
      if (y.IsRequired()) return false;
      if (Raw(xm, xf).has_fields) return true;
      return !Raw(ym, yf).has_fields && x_not_after_y();
    };
    std::vector<std::pair<std::pair<int, int>, int>> keyed;
    for (size_t ri = 0; ri < ctx_.schema.relations.size(); ++ri) {
      const Relation& r = ctx_.schema.relations[ri];
      std::pair a{r.referencing_model, r.referencing_field};
      std::pair b{r.referenced_model, r.referenced_field};
      std::pair<int, int> at = a.second < 0 ? b : a;
      if (a.second >= 0 && b.second >= 0) {
        if (b < a) std::swap(a, b);
        at = creates_at(r, a.first, a.second, b.first, b.second)   ? a
             : creates_at(r, b.first, b.second, a.first, a.second) ? b
                                                                   : a;
      }
      keyed.push_back({at, static_cast<int>(ri)});
    }
    std::stable_sort(keyed.begin(), keyed.end());
    std::vector<int> order;
    for (const auto& k : keyed) order.push_back(k.second);
    return order;
  }

  // Two relation fields on one model pointing to the same model with the
  // same relation name.
  bool Ambiguity() {
    for (size_t mi = 0; mi < Models().size(); ++mi) {
      const Model& m = Models()[mi];
      for (size_t a = 0; a < m.fields.size(); ++a) {
        const Field& fa = m.fields[a];
        if (fa.kind != Field::Kind::kRelation) continue;
        for (size_t b = a + 1; b < m.fields.size(); ++b) {
          const Field& fb = m.fields[b];
          if (fb.kind != Field::Kind::kRelation || fb.type_name != fa.type_name)
            continue;
          const auto& ra = Raw(static_cast<int>(mi), static_cast<int>(a));
          const auto& rb = Raw(static_cast<int>(mi), static_cast<int>(b));
          if (ra.name != rb.name) continue;
          bool self = fa.type_name == m.name;
          // A self relation's two sides share the name legitimately.
          if (self && fa.relation == fb.relation && fa.relation >= 0) continue;
          std::string msg;
          if (self) {
            msg = fmt::format(
                "Ambiguous self relation detected. The fields `{}` and `{}` "
                "in model `{}` both refer to `{}`. If they are part of the "
                "same relation add the same relation name for them with "
                "`@relation(<name>)`.",
                fa.name, fb.name, m.name, fa.type_name);
          } else {
            msg = fmt::format(
                "Ambiguous relation detected. The fields `{}` and `{}` in "
                "model `{}` both refer to `{}`. Please provide different "
                "relation names for them by adding `@relation(<name>).",
                fa.name, fb.name, m.name, fa.type_name);
          }
          ctx_.Error(
              vmsg::ModelValidation(Kind(static_cast<int>(mi)), m.name, msg),
              fb.span);
          return false;
        }
      }
    }
    return true;
  }

  void IgnoredRelatedModel(int mi, int fi) {
    const Field& f = F(mi, fi);
    int target = ctx_.schema.FindModel(f.type_name);
    if (target < 0 || !Models()[target].ignored || f.ignored ||
        Models()[mi].ignored)
      return;
    ctx_.Error(
        vmsg::FieldValidation(
            Kind(mi), Models()[mi].name, f.name,
            fmt::format("The relation field `{}` on Model `{}` must specify "
                        "the `@ignore` attribute, because the model {} it is "
                        "pointing to is marked ignored.",
                        f.name, Models()[mi].name, f.type_name)),
        f.span);
  }

  void ActionsAllowed(int mi, int fi) {
    const RawRelation& rr = Raw(mi, fi);
    auto check = [&](const std::optional<ReferentialAction>& a, Span span) {
      if (!a) return;
      bool prisma = ctx_.relation_mode_prisma;
      bool allowed = !(prisma && *a == ReferentialAction::kSetDefault);
      if (allowed) {
        if (*a == ReferentialAction::kSetDefault && !prisma &&
            ctx_.provider() == Provider::kMysql) {
          ctx_.Warning(
              "MySQL does not actually support the `SetDefault` referential "
              "action, so using it may result in unexpected errors. Read "
              "more at https://pris.ly/d/mysql-set-default ",
              span);
        }
        return;
      }
      ctx_.Error(vmsg::Validation(fmt::format(
                     "Invalid referential action: `{}`. Allowed values: "
                     "(`Cascade`, `Restrict`, `NoAction`, `SetNull`)",
                     ReferentialActionName(*a))),
                 span);
    };
    check(rr.on_delete, rr.on_delete_span);
    check(rr.on_update, rr.on_update_span);
  }

  // SQLite cannot name foreign keys (`map:` on @relation).
  void NamedForeignKey(int mi, int fi) {
    const RawRelation& rr = Raw(mi, fi);
    if (!rr.map || ctx_.provider() != Provider::kSqlite) return;
    ctx_.Error(
        vmsg::AttributeError(
            "@relation", "Your provider does not support named foreign keys."),
        rr.attribute_span);
  }

  // Without foreign keys the database creates no index for the referencing
  // fields: warn when no index, unique or primary key of the model starts
  // with them (in order).
  void MissingRelationIndex(int mi, int fi) {
    if (!ctx_.relation_mode_prisma) return;
    const RawRelation& rr = Raw(mi, fi);
    if (!rr.has_fields) return;
    auto starts_with_fields = [&](const std::vector<IndexField>& idx) {
      if (idx.size() < rr.fields.size()) return false;
      for (size_t i = 0; i < rr.fields.size(); ++i)
        if (idx[i].field != rr.fields[i]) return false;
      return true;
    };
    const Model& model = Models()[mi];
    for (const Index& idx : model.indexes)
      if (starts_with_fields(idx.fields)) return;
    if (model.primary_key && starts_with_fields(model.primary_key->fields))
      return;
    ctx_.Warning(msg::kMissingRelationIndex,
                 rr.has_attribute ? rr.attribute_span : F(mi, fi).span);
  }

  bool HasSingleId(int m) {
    const Model& model = Models()[m];
    return model.primary_key && model.primary_key->fields.size() == 1;
  }

  void ManyToMany(const Relation& r) {
    int a = r.referencing_model, b = r.referenced_model;
    int fa = r.referencing_field, fb = r.referenced_field;
    if (Models()[a].is_view || Models()[b].is_view) {
      // On both sides; the checks below still run.
      for (auto [m, f] : {std::pair{a, fa}, std::pair{b, fb}}) {
        if (f < 0) continue;
        ctx_.Error(vmsg::Validation(
                       "Implicit many-to-many relations are not supported "
                       "for views."),
                   F(m, f).span);
      }
    }
    for (auto [m, f, other] : {std::tuple{a, fa, b}, std::tuple{b, fb, a}}) {
      if (f < 0 || HasSingleId(other)) continue;
      const Field& field = F(m, f);
      // Prisma names the container after the related model.
      ctx_.Error(
          vmsg::FieldValidation(
              Kind(other), Models()[m].name, field.name,
              fmt::format("The relation field `{}` on {} `{}` references `{}` "
                          "which does not have an `@id` field. Models without "
                          "`@id` cannot be part of a many to many relation. "
                          "Use an explicit intermediate Model to represent "
                          "this relationship.",
                          field.name, Kind(other), Models()[m].name,
                          Models()[other].name)),
          field.span);
    }
    for (auto [m, f] : {std::pair{a, fa}, std::pair{b, fb}}) {
      if (f < 0) continue;
      const RawRelation& rr = Raw(m, f);
      if (rr.has_references || rr.has_fields) {
        const Field& field = F(m, f);
        ctx_.Error(
            vmsg::FieldValidation(
                Kind(m), Models()[m].name, field.name,
                "Implicit many-to-many relations must not have references "
                "argument. You probably want to explicitly model the "
                "relation with a join model."),
            field.span);
      }
      if (rr.on_delete || rr.on_update) {
        const Field& field = F(m, f);
        ctx_.Error(
            vmsg::FieldValidation(
                Kind(m), Models()[m].name, field.name,
                "Referential actions on implicit many-to-many relations are "
                "not supported"),
            field.span);
      }
    }
  }

  // Is `fields` (on model m) exactly a unique criterion (id or unique)?
  bool IsUniqueCriterion(int m, const std::vector<int>& fields) {
    const Model& model = Models()[m];
    auto same = [&](const std::vector<IndexField>& ifs) {
      if (ifs.size() != fields.size()) return false;
      for (const auto& f : ifs)
        if (std::find(fields.begin(), fields.end(), f.field) == fields.end())
          return false;
      return true;
    };
    if (model.primary_key && same(model.primary_key->fields)) return true;
    for (const auto& idx : model.indexes)
      if (idx.kind == Index::Kind::kUnique && same(idx.fields)) return true;
    return false;
  }

  void Inline(const Relation& r, int ri) {
    int m = r.referencing_model, f = r.referencing_field;
    int om = r.referenced_model, of = r.referenced_field;
    if (f < 0) {
      // Only a list side exists: the back relation is missing.
      const Field& back = F(om, of);
      MissingOpposite(om, of, back);
      return;
    }
    const Field& field = F(m, f);
    const RawRelation& rr = Raw(m, f);
    if (of < 0) {
      MissingOpposite(m, f, field);
      return;
    }
    const Field& back = F(om, of);
    const RawRelation& bb = Raw(om, of);
    std::string attr = "@relation";
    Cycles(ri);
    // references unique.
    if (!rr.references.empty() && !IsUniqueCriterion(om, rr.references)) {
      std::vector<std::string> names;
      for (int x : rr.references) names.push_back(F(om, x).name);
      std::string msg;
      if (names.size() == 1) {
        msg = fmt::format(
            "The argument `references` must refer to a unique criterion in "
            "the related model. Consider adding an `@unique` attribute to "
            "the field `{}` in the model `{}`.",
            names[0], Models()[om].name);
      } else {
        msg = fmt::format(
            "The argument `references` must refer to a unique criterion in "
            "the related model. Consider adding an `@@unique([{}])` "
            "attribute to the model `{}`.",
            Join(names, ", "), Models()[om].name);
      }
      ctx_.Error(vmsg::AttributeError(attr, msg), field.span);
    }
    if (rr.has_fields && rr.has_references &&
        rr.fields.size() != rr.references.size()) {
      ctx_.Error(vmsg::AttributeError(attr,
                                      "You must specify the same number of "
                                      "fields in `fields` and `references`."),
                 field.span);
    }
    // Field arity: optional scalar fields need an optional relation field.
    if (field.IsRequired()) {
      std::vector<std::string> optional;
      bool any_optional = false;
      for (int x : rr.fields) {
        optional.push_back(F(m, x).name);
        any_optional = any_optional || F(m, x).IsOptional();
      }
      if (any_optional) {
        ctx_.Error(
            vmsg::AttributeError(
                attr, fmt::format("The relation field `{}` uses the scalar "
                                  "fields {}. At least one of those fields is "
                                  "optional. Hence the relation field must be "
                                  "optional as well.",
                                  field.name, Join(optional, ", "))),
            field.span);
      }
    }
    // Types of fields and references match.
    if (rr.fields.size() == rr.references.size()) {
      for (size_t i = 0; i < rr.fields.size(); ++i) {
        const Field& a = F(m, rr.fields[i]);
        const Field& b = F(om, rr.references[i]);
        bool same = a.kind == b.kind && a.type_name == b.type_name;
        if (same && a.native_type && b.native_type)
          same = a.native_type->name == b.native_type->name &&
                 a.native_type->args == b.native_type->args;
        if (!same) {
          ctx_.Error(vmsg::AttributeError(
                         attr, fmt::format("The type of the field `{}` in the "
                                           "model `{}` is not matching the "
                                           "type of the referenced field `{}` "
                                           "in model `{}`.",
                                           a.name, Models()[m].name, b.name,
                                           Models()[om].name)),
                     field.span);
        }
      }
    }
    // Foreign key name clashes (counted by the model rules).
    if (auto it = ctx_.fk_name_clashes.find(ri);
        it != ctx_.fk_name_clashes.end()) {
      for (const auto& message : it->second)
        ctx_.Error(vmsg::AttributeError(attr, message),
                   rr.map ? rr.map_span : field.span);
    }
    if (r.kind == Relation::Kind::kOneToOne) {
      OneToOne(r, field, rr, back, bb);
    } else {
      OneToMany(r, field, rr, back, bb);
    }
  }

  void MissingOpposite(int m, int f, const Field& field) {
    ctx_.Error(vmsg::FieldValidation(
                   Kind(m), Models()[m].name, field.name,
                   fmt::format("The relation field `{}` on {} `{}` is missing "
                               "an opposite relation field on the {} `{}`. "
                               "Either run `prisma format` or add it "
                               "manually.",
                               field.name, Kind(m), Models()[m].name,
                               Kind(ctx_.schema.FindModel(field.type_name)),
                               field.type_name)),
               field.span);
    (void)f;
  }

  void FieldsAndReferencesDefined(const Relation& r, const Field& field,
                                  const RawRelation& rr) {
    const Model& model = Models()[r.referencing_model];
    // Both arguments missing gives both errors, fields first.
    if (!rr.has_fields) {
      ctx_.Error(vmsg::AttributeError(
                     "@relation",
                     fmt::format("The relation field `{}` on Model `{}` must "
                                 "specify the `fields` argument in the "
                                 "@relation attribute. You can run `prisma "
                                 "format` to fix this automatically.",
                                 field.name, model.name)),
                 field.span);
    }
    if (!rr.has_references) {
      ctx_.Error(vmsg::AttributeError(
                     "@relation",
                     fmt::format("The relation field `{}` on Model `{}` must "
                                 "specify the `references` argument in the "
                                 "@relation attribute.",
                                 field.name, model.name)),
                 field.span);
    }
  }

  void OneToMany(const Relation& r, const Field& field, const RawRelation& rr,
                 const Field& back, const RawRelation& bb) {
    FieldsAndReferencesDefined(r, field, rr);
    if (bb.has_fields || bb.has_references) {
      ctx_.Error(
          vmsg::AttributeError(
              "@relation",
              fmt::format("The relation field `{}` on Model `{}` must "
                          "not specify the `fields` or `references` "
                          "argument in the @relation attribute. You "
                          "must only specify it on the opposite field "
                          "`{}` on model `{}`.",
                          back.name, Models()[r.referenced_model].name,
                          field.name, Models()[r.referencing_model].name)),
          back.span);
    }
    ReferentialActionChecks(r, field, rr);
  }

  void OneToOne(const Relation& r, const Field& field, const RawRelation& rr,
                const Field& back, const RawRelation& bb) {
    const Model& ma = Models()[r.referencing_model];
    const Model& mb = Models()[r.referenced_model];
    bool a_has = rr.has_fields || rr.has_references;
    bool b_has = bb.has_fields || bb.has_references;
    if (!a_has && !b_has) {
      ctx_.Error(vmsg::AttributeError(
                     "@relation",
                     fmt::format("The relation fields `{}` on Model `{}` and "
                                 "`{}` on Model `{}` do not provide the "
                                 "`fields` argument in the @relation "
                                 "attribute. You have to provide it on one "
                                 "of the two fields.",
                                 field.name, ma.name, back.name, mb.name)),
                 field.span);
      return;
    }
    if (a_has && b_has) {
      ctx_.Error(vmsg::AttributeError(
                     "@relation",
                     fmt::format("The relation fields `{}` on Model `{}` and "
                                 "`{}` on Model `{}` both provide the "
                                 "`references` argument in the @relation "
                                 "attribute. You have to provide it only on "
                                 "one of the two fields.",
                                 field.name, ma.name, back.name, mb.name)),
                 field.span);
      return;
    }
    FieldsAndReferencesDefined(r, field, rr);
    if (!rr.fields.empty() &&
        !IsUniqueCriterion(r.referencing_model, rr.fields)) {
      std::vector<std::string> names;
      for (int x : rr.fields) names.push_back(F(r.referencing_model, x).name);
      std::string hint =
          names.size() == 1
              ? fmt::format("an `@unique` attribute to the field `{}`",
                            names[0])
              : fmt::format("an `@@unique([{}])` attribute to the model `{}`",
                            Join(names, ", "), ma.name);
      ctx_.Error(vmsg::AttributeError(
                     "@relation",
                     fmt::format("A one-to-one relation must use unique fields "
                                 "on the defining side. Either add {}, or "
                                 "change the relation to one-to-many.",
                                 hint)),
                 field.span);
    }
    if (back.IsRequired()) {
      ctx_.Error(
          vmsg::AttributeError(
              "@relation",
              fmt::format("The relation field `{}` on Model `{}` is "
                          "required. This is not valid because it's "
                          "not possible to enforce this constraint on "
                          "the database level. Please change the field "
                          "type from `{}` to `{}?` to fix this.",
                          back.name, mb.name, back.type_name, back.type_name)),
          back.span);
    }
    ReferentialActionChecks(r, field, rr);
    if (bb.on_delete || bb.on_update) {
      ctx_.Error(vmsg::AttributeError(
                     "@relation",
                     fmt::format("The relation field `{}` on Model `{}` must "
                                 "not specify the `onDelete` or `onUpdate` "
                                 "argument in the @relation attribute. You "
                                 "must only specify it on the opposite field "
                                 "`{}` on model `{}`, or in case of a many to "
                                 "many relation, in an explicit join table.",
                                 back.name, mb.name, field.name, ma.name)),
                 back.span);
    }
  }

  // SetNull on required referencing fields.
  void ReferentialActionChecks(const Relation& r, const Field& field,
                               const RawRelation& rr) {
    bool any_required = false;
    for (int x : rr.fields)
      any_required = any_required || F(r.referencing_model, x).IsRequired();
    if (!any_required) return;
    auto check = [&](const std::optional<ReferentialAction>& a,
                     const char* which, Span span) {
      if (!a || *a != ReferentialAction::kSetNull) return;
      if (ctx_.relation_mode_prisma || ctx_.provider() != Provider::kPostgres) {
        ctx_.Error(vmsg::AttributeError(
                       "@relation",
                       fmt::format("The `{}` referential action of a relation "
                                   "must not be set to `SetNull` when a "
                                   "referenced field is required.\nEither "
                                   "choose another referential action, or "
                                   "make the referenced fields optional.\n",
                                   which)),
                   span);
      } else {
        ctx_.Warning(
            fmt::format("The `{}` referential action of a relation should not "
                        "be set to `SetNull` when a referenced field is "
                        "required. We recommend either to choose another "
                        "referential action, or to make the referenced fields "
                        "optional. Read more at "
                        "https://pris.ly/d/postgres-set-null ",
                        which),
            span);
      }
    };
    // Prisma points at the whole relation field here.
    check(rr.on_delete, "onDelete", field.span);
    check(rr.on_update, "onUpdate", field.span);
  }
};

}  // namespace

void ValidateRelationRules(Context& ctx) { RelationRules(ctx).Run(); }

}  // namespace airlock::schema::internal
