// Pass 3 (attributes): field attributes (@id @unique @map @default
// @updatedAt @ignore @relation @db.*) and block attributes (@@id @@unique
// @@index @@fulltext @@map @@ignore @@schema) in Prisma's visiting order,
// with Prisma's argument errors. Fills the Model's primary key, indexes,
// mapped names, defaults and native types.
#include <fmt/format.h>

#include <algorithm>

#include "schema/validate_context.h"
#include "schema/validate_messages.h"

namespace airlock::schema::internal {
namespace {

std::string FieldsWithLeadingWord(const std::vector<std::string>& names) {
  std::string out = names.size() == 1 ? "field " : "fields ";
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) out += ", ";
    out += "`" + names[i] + "`";
  }
  return out;
}

std::string Join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out += sep;
    out += v[i];
  }
  return out;
}

// Tracks which attributes of one container were visited, as Prisma's
// visit_attributes() state machine does: duplicates of single attributes
// and attributes nobody visited are reported.
class AttributeVisitor {
 public:
  AttributeVisitor(Context& ctx, const std::vector<ast::Attribute>& attrs,
                   bool block)
      : ctx_(ctx), attrs_(attrs), block_(block), used_(attrs.size(), false) {}

  std::string Display(const ast::Attribute& a) const {
    return (block_ ? "@@" : "@") + a.name.name;
  }

  // An optional attribute that may appear once. On duplicates, every
  // occurrence is reported and nothing is returned.
  const ast::Attribute* Single(std::string_view name) {
    std::vector<size_t> found;
    for (size_t i = 0; i < attrs_.size(); ++i)
      if (attrs_[i].name.name == name) found.push_back(i);
    if (found.empty()) return nullptr;
    for (size_t i : found) used_[i] = true;
    if (found.size() > 1) {
      for (size_t i : found)
        ctx_.Error(vmsg::DuplicateAttribute(attrs_[i].name.name),
                   attrs_[i].span);
      return nullptr;
    }
    return &attrs_[found[0]];
  }

  std::vector<const ast::Attribute*> Repeated(std::string_view name) {
    std::vector<const ast::Attribute*> out;
    for (size_t i = 0; i < attrs_.size(); ++i) {
      if (attrs_[i].name.name == name) {
        used_[i] = true;
        out.push_back(&attrs_[i]);
      }
    }
    return out;
  }

  // `@db.X`: the one attribute with a dotted name.
  const ast::Attribute* DatasourceScoped() {
    const ast::Attribute* found = nullptr;
    for (size_t i = 0; i < attrs_.size(); ++i) {
      if (attrs_[i].name.name.find('.') == std::string::npos) continue;
      used_[i] = true;
      if (found) {
        std::string prefix =
            attrs_[i].name.name.substr(0, attrs_[i].name.name.find('.'));
        ctx_.Error(vmsg::DuplicateAttribute(prefix), attrs_[i].span);
      }
      found = &attrs_[i];
    }
    return found;
  }

  void ReportUnknown() {
    for (size_t i = 0; i < attrs_.size(); ++i)
      if (!used_[i])
        ctx_.Error(vmsg::AttributeNotKnown(attrs_[i].name.name),
                   attrs_[i].span);
  }

 private:
  Context& ctx_;
  const std::vector<ast::Attribute>& attrs_;
  bool block_;
  std::vector<bool> used_;
};

// Parsed argument list of fields: `[a, b(sort: Desc, length: 10)]`.
struct RawIndexField {
  std::string name;
  std::optional<SortOrder> sort;
  std::optional<int> length;
  std::optional<std::string> ops;
};

std::optional<std::vector<RawIndexField>> CoerceFieldsWithArgs(
    Context& ctx, const ast::Expression& e) {
  std::vector<const ast::Expression*> items;
  if (e.IsArray()) {
    for (const auto& i : e.items) items.push_back(&i);
  } else {
    items.push_back(&e);
  }
  std::vector<RawIndexField> out;
  bool ok = true;
  for (const auto* item : items) {
    RawIndexField f;
    if (item->IsConstant()) {
      f.name = item->value;
    } else if (item->IsFunction()) {
      f.name = item->value;
      for (const auto& arg : item->args) {
        if (!arg.name || !arg.value) continue;
        const std::string& n = arg.name->name;
        if (n == "sort") {
          if (auto c = CoerceConstant(ctx, *arg.value)) {
            if (*c == "Asc") {
              f.sort = SortOrder::kAsc;
            } else if (*c == "Desc") {
              f.sort = SortOrder::kDesc;
            } else {
              ctx.Error("Unexpected token. Expected one of: Asc, Desc",
                        arg.span);
            }
          }
        } else if (n == "length") {
          if (auto v = CoerceInteger(ctx, *arg.value); v && *v >= 0)
            f.length = static_cast<int>(*v);
        } else if (n == "ops") {
          if (arg.value->IsConstant()) {
            f.ops = arg.value->value;
          } else if (arg.value->IsFunction() && arg.value->value == "raw" &&
                     arg.value->args.size() == 1 && arg.value->args[0].value &&
                     arg.value->args[0].value->IsString()) {
            f.ops = "raw(\"" + arg.value->args[0].value->value + "\")";
          } else {
            ctx.Error("Unexpected token. Expected one of: operator class",
                      arg.span);
          }
        }
      }
    } else {
      TypeMismatch(ctx, "constant literal", *item);
      ok = false;
      continue;
    }
    out.push_back(std::move(f));
  }
  if (!ok) return std::nullopt;
  return out;
}

class AttributePass {
 public:
  explicit AttributePass(Context& ctx) : ctx_(ctx) {}

  void Run() {
    // Relation fields of all models first, then each top in order.
    for (size_t mi = 0; mi < ctx_.schema.models.size(); ++mi) {
      for (size_t fi = 0; fi < ctx_.schema.models[mi].fields.size(); ++fi) {
        if (ctx_.schema.models[mi].fields[fi].kind == Field::Kind::kRelation)
          RelationFieldAttributes(static_cast<int>(mi), static_cast<int>(fi));
      }
    }
    // Models, enums and composite types interleaved in source order.
    std::map<const ast::Block*, int> models, enums;
    std::set<const ast::Block*> composites;
    for (size_t mi = 0; mi < ctx_.model_blocks.size(); ++mi)
      models[ctx_.model_blocks[mi]] = static_cast<int>(mi);
    for (size_t ei = 0; ei < ctx_.enum_blocks.size(); ++ei)
      enums[ctx_.enum_blocks[ei]] = static_cast<int>(ei);
    for (const auto& ct : ctx_.composite_types) composites.insert(ct.block);
    for (const auto& file : ctx_.ast.files) {
      for (const auto& block : file.blocks) {
        if (auto it = models.find(&block); it != models.end()) {
          ModelAttributes(it->second);
        } else if (auto it = enums.find(&block); it != enums.end()) {
          EnumAttributes(it->second);
        } else if (composites.count(&block)) {
          CompositeTypeAttributes(block);
        }
      }
    }
  }

 private:
  Context& ctx_;

  Model& M(int mi) { return ctx_.schema.models[mi]; }
  const ast::Field& AF(int mi, int fi) { return *ctx_.model_fields[mi][fi]; }

  void CompositeTypeAttributes(const ast::Block& block) {
    for (const auto& f : block.fields) {
      AttributeVisitor v(ctx_, f.attributes, false);
      v.DatasourceScoped();
      v.Single("map");
      v.Single("default");
      v.ReportUnknown();
    }
  }

  // Relation field: @relation arguments are kept raw here and resolved by
  // the relation pass; other attributes are errors.
  void RelationFieldAttributes(int mi, int fi) {
    const ast::Field& af = AF(mi, fi);
    AttributeVisitor v(ctx_, af.attributes, false);
    if (const auto* a = v.Single("relation")) {
      AttributeArgs args(ctx_, *a, "@relation");
      if (args.usable()) {
        RelationArgs(mi, fi, args);
        args.ReportUnused();
      }
    }
    if (const auto* a = v.Single("id")) {
      AttributeArgs args(ctx_, *a, "@id");
      if (args.usable())
        args.Fail(fmt::format(
            "The field `{}` is a relation field and cannot be marked with "
            "`@id`. Only scalar fields can be declared as id.",
            af.name.name));
    }
    if (const auto* a = v.Single("ignore")) {
      AttributeArgs args(ctx_, *a, "@ignore");
      if (args.usable()) {
        M(mi).fields[fi].ignored = true;
        args.ReportUnused();
      }
    }
    if (const auto* a = v.Single("default")) {
      AttributeArgs args(ctx_, *a, "@default");
      if (args.usable())
        args.Fail("Cannot set a default value on a relation field.");
    }
    if (const auto* a = v.Single("map")) {
      AttributeArgs args(ctx_, *a, "@map");
      if (args.usable()) {
        args.Fail("The attribute `@map` cannot be used on relation fields.");
        args.RequiredDefault("name");
      }
    }
    if (const auto* a = v.Single("unique")) {
      AttributeArgs args(ctx_, *a, "@unique");
      if (args.usable()) {
        std::vector<std::string> suggested;
        auto it = pending_fields_.find({mi, fi});
        if (it != pending_fields_.end()) suggested = it->second;
        std::string suggestion;
        if (suggested.size() == 1) {
          suggestion =
              fmt::format(" Did you mean to put it on `{}`?", suggested[0]);
        } else if (suggested.size() > 1) {
          suggestion = fmt::format(" Did you mean to provide `@@unique([{}])`?",
                                   Join(suggested, ", "));
        }
        args.Fail(fmt::format(
            "The field `{}` is a relation field and cannot be marked with "
            "`unique`. Only scalar fields can be made unique.{}",
            af.name.name, suggestion));
      }
    }
    v.ReportUnknown();
  }

  // Resolves a list of field names on model `mi` (no per-field args).
  struct Resolved {
    std::vector<int> fields;
    std::vector<std::string> unknown;
    std::vector<std::string> relation;
    bool dealt_with = false;
  };
  Resolved ResolveFieldList(int mi, const ast::Expression& e, Span attr_span) {
    Resolved r;
    std::vector<const ast::Expression*> items;
    if (e.IsArray()) {
      for (const auto& i : e.items) items.push_back(&i);
    } else {
      items.push_back(&e);
    }
    std::vector<std::string> names;
    bool ok = true;
    for (const auto* i : items) {
      if (auto c = CoerceConstant(ctx_, *i)) {
        names.push_back(*c);
      } else {
        ok = false;
      }
    }
    if (!ok) {
      r.dealt_with = true;
      return r;
    }
    for (const auto& n : names) {
      int fi = M(mi).FindField(n);
      if (n.find('.') != std::string::npos || fi < 0) {
        r.unknown.push_back(n);
        continue;
      }
      if (M(mi).fields[fi].kind == Field::Kind::kRelation) {
        r.relation.push_back(n);
        continue;
      }
      if (std::find(r.fields.begin(), r.fields.end(), fi) != r.fields.end()) {
        ctx_.Error(vmsg::ModelValidation(
                       "model", M(mi).name,
                       fmt::format("The unique index definition refers to "
                                   "the field {} multiple times.",
                                   n)),
                   attr_span);
        r.dealt_with = true;
        return r;
      }
      r.fields.push_back(fi);
    }
    return r;
  }

  void RelationArgs(int mi, int fi, AttributeArgs& args) {
    RawRelation& rr = ctx_raw_relation(mi, fi);
    rr.has_attribute = true;
    rr.attribute_span = args.attr().span;
    int target = ctx_.schema.FindModel(M(mi).fields[fi].type_name);
    if (const auto* e = args.Named("fields")) {
      Resolved r = ResolveFieldList(mi, *e, args.attr().span);
      if (!r.unknown.empty()) {
        ctx_.Error(vmsg::Validation(fmt::format(
                       "The argument fields must refer only to existing "
                       "fields. The following fields do not exist in this "
                       "model: {}",
                       Join(r.unknown, ", "))),
                   e->span);
      }
      if (!r.relation.empty()) {
        ctx_.Error(vmsg::Validation(fmt::format(
                       "The argument fields must refer only to scalar "
                       "fields. But it is referencing the following relation "
                       "fields: {}",
                       Join(r.relation, ", "))),
                   e->span);
      }
      rr.fields = (r.unknown.empty() && r.relation.empty() && !r.dealt_with)
                      ? r.fields
                      : std::vector<int>{};
      rr.has_fields = true;
      rr.fields_span = e->span;
      std::vector<std::string> names;
      for (int f : rr.fields) names.push_back(M(mi).fields[f].name);
      pending_fields_[{mi, fi}] = names;
    }
    if (const auto* e = args.Named("references")) {
      Resolved r = ResolveFieldList(target, *e, args.attr().span);
      if (!r.unknown.empty()) {
        ctx_.Error(vmsg::Validation(fmt::format(
                       "The argument `references` must refer only to "
                       "existing fields in the related model `{}`. The "
                       "following fields do not exist in the related model: "
                       "{}",
                       M(target).name, Join(r.unknown, ", "))),
                   args.attr().span);
      }
      if (!r.relation.empty()) {
        ctx_.Error(vmsg::Validation(fmt::format(
                       "The argument `references` must refer only to scalar "
                       "fields in the related model `{}`. But it is "
                       "referencing the following relation fields: {}",
                       M(target).name, Join(r.relation, ", "))),
                   args.attr().span);
      }
      rr.references = (r.unknown.empty() && r.relation.empty() && !r.dealt_with)
                          ? r.fields
                          : std::vector<int>{};
      rr.has_references = true;
      rr.references_span = e->span;
    }
    if (const auto* e = args.Default("name")) {
      if (auto s = CoerceString(ctx_, *e)) {
        if (s->empty()) {
          args.Fail("A relation cannot have an empty name.");
        } else {
          rr.name = *s;
        }
      }
    }
    auto action = [&](const char* which) -> std::optional<ReferentialAction> {
      const auto* e = args.Named(which);
      if (!e) return std::nullopt;
      if (!e->IsConstant()) {
        TypeMismatch(ctx_, "constant", *e);
        return std::nullopt;
      }
      static const std::pair<const char*, ReferentialAction> kActions[] = {
          {"Cascade", ReferentialAction::kCascade},
          {"Restrict", ReferentialAction::kRestrict},
          {"NoAction", ReferentialAction::kNoAction},
          {"SetNull", ReferentialAction::kSetNull},
          {"SetDefault", ReferentialAction::kSetDefault},
      };
      for (const auto& [n, a] : kActions) {
        if (e->value == n) {
          // Diagnostics about the action point at `onDelete: X` as a whole.
          (std::string_view(which) == "onDelete" ? rr.on_delete_span
                                                 : rr.on_update_span) =
              ArgumentSpan(args.attr(), which, e->span);
          return a;
        }
      }
      ctx_.Error(vmsg::AttributeError(
                     "@relation",
                     fmt::format("Invalid referential action: `{}`", e->value)),
                 e->span);
      return std::nullopt;
    };
    rr.on_delete = action("onDelete");
    rr.on_update = action("onUpdate");
    if (const auto* e = args.Named("map")) {
      if (auto s = CoerceString(ctx_, *e)) {
        if (s->empty()) {
          args.Fail("The `map` argument cannot be an empty string.");
        } else {
          rr.map = *s;
          rr.map_span = ArgumentSpan(args.attr(), "map", Span{});
        }
      }
    }
  }

  RawRelation& ctx_raw_relation(int mi, int fi) {
    return ctx_.raw_relations[{mi, fi}];
  }

  std::optional<std::string> MapArg(AttributeArgs& args, const char* name) {
    const auto* e = args.Named(name);
    if (!e) return std::nullopt;
    auto s = CoerceString(ctx_, *e);
    if (!s) return std::nullopt;
    if (s->empty()) {
      args.Fail(
          fmt::format("The `{}` argument cannot be an empty string.", name));
      return std::nullopt;
    }
    return s;
  }

  std::optional<SortOrder> SortArg(AttributeArgs& args) {
    const auto* e = args.Named("sort");
    if (!e) return std::nullopt;
    auto c = CoerceConstant(ctx_, *e);
    if (!c) return std::nullopt;
    if (*c == "Asc") return SortOrder::kAsc;
    if (*c == "Desc") return SortOrder::kDesc;
    args.Fail(fmt::format(
        "The `sort` argument can only be `Asc` or `Desc` you provided: {}.",
        *c));
    return std::nullopt;
  }

  std::optional<int> LengthArg(AttributeArgs& args) {
    const auto* e = args.Named("length");
    if (!e) return std::nullopt;
    auto v = CoerceInteger(ctx_, *e);
    if (!v) return std::nullopt;
    return static_cast<int>(*v);
  }

  std::optional<bool> ClusteredArg(AttributeArgs& args, Span* span) {
    const auto* e = args.Named("clustered");
    if (!e) return std::nullopt;
    if (span) *span = args.attr().span;
    return CoerceBoolean(ctx_, *e);
  }

  std::optional<std::string> NameArg(AttributeArgs& args) {
    return MapArg(args, "name");
  }

  void ValidateClientName(int mi, const std::string& name, Span span,
                          const char* attribute) {
    bool ok = std::all_of(name.begin(), name.end(), [](char c) {
      return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
             (c >= 'A' && c <= 'Z');
    });
    if (ok) return;
    ctx_.Error(vmsg::ModelValidation(
                   "model", M(mi).name,
                   fmt::format("The `name` property within the `{}` attribute "
                               "only allows for the following characters: "
                               "`_a-zA-Z0-9`.",
                               attribute)),
               span);
  }

  void ScalarFieldAttributes(int mi, int fi) {
    const ast::Field& af = AF(mi, fi);
    Field& f = M(mi).fields[fi];
    AttributeVisitor v(ctx_, af.attributes, false);
    if (const auto* a = v.Single("map")) {
      AttributeArgs args(ctx_, *a, "@map");
      if (args.usable()) {
        if (const auto* e = args.RequiredDefault("name")) {
          if (auto s = CoerceString(ctx_, *e)) f.db_name = *s;
        }
        args.ReportUnused();
      }
    }
    if (const auto* a = v.Single("ignore")) {
      AttributeArgs args(ctx_, *a, "@ignore");
      if (args.usable()) {
        if (f.kind == Field::Kind::kUnsupported) {
          args.Fail(
              "Fields of type `Unsupported` cannot take an `@ignore` "
              "attribute. They are already treated as ignored by the client "
              "due to their type.");
        } else {
          f.ignored = true;
        }
        args.ReportUnused();
      }
    }
    if (const auto* a = v.Single("relation")) {
      AttributeArgs args(ctx_, *a, "@relation");
      if (args.usable()) {
        args.Fail("Invalid field type, not a relation.");
        args.ReportUnused();
      }
    }
    if (const auto* a = v.Single("id")) {
      AttributeArgs args(ctx_, *a, "@id");
      if (args.usable()) {
        if (M(mi).primary_key) {
          ctx_.Error(vmsg::ModelValidation(
                         "model", M(mi).name,
                         "At most one field must be marked as the id field "
                         "with the `@id` attribute."),
                     M(mi).span);
        } else {
          PrimaryKey pk;
          pk.map = MapArg(args, "map");
          IndexField ifield;
          ifield.field = fi;
          ifield.length = LengthArg(args);
          ifield.sort = SortArg(args);
          pk.clustered = ClusteredArg(args, nullptr);
          pk.fields.push_back(ifield);
          pk.from_field_attribute = true;
          pk.span = a->span;
          pk.name_span = ArgumentSpan(*a, "map", a->span);
          M(mi).primary_key = pk;
          id_attr_[mi] = a;
        }
        args.ReportUnused();
      }
    }
    if (const auto* a = v.Single("updatedAt")) {
      AttributeArgs args(ctx_, *a, "@updatedAt");
      if (args.usable()) {
        if (!(f.kind == Field::Kind::kScalar &&
              f.scalar == ScalarType::kDateTime))
          args.Fail(
              "Fields that are marked with @updatedAt must be of type "
              "DateTime.");
        if (f.IsList())
          args.Fail("Fields that are marked with @updatedAt cannot be lists.");
        f.updated_at = true;
        args.ReportUnused();
      }
    }
    if (const auto* a = v.Single("default")) {
      ResolveDefault(ctx_, mi, fi, *a);
    }
    if (f.kind == Field::Kind::kScalar) {
      if (const auto* a = v.DatasourceScoped())
        ResolveNativeTypeAttribute(ctx_, mi, fi, *a);
    }
    if (const auto* a = v.Single("unique")) {
      AttributeArgs args(ctx_, *a, "@unique");
      if (args.usable()) {
        Index idx;
        idx.kind = Index::Kind::kUnique;
        idx.map = MapArg(args, "map");
        IndexField ifield;
        ifield.field = fi;
        ifield.length = LengthArg(args);
        ifield.sort = SortArg(args);
        idx.clustered = ClusteredArg(args, nullptr);
        idx.fields.push_back(ifield);
        idx.from_field_attribute = true;
        idx.span = a->span;
        idx.name_span =
            ArgumentSpan(*a, "map", ArgumentSpan(*a, "name", a->span));
        M(mi).indexes.push_back(std::move(idx));
        args.ReportUnused();
      }
    }
    if (f.kind != Field::Kind::kScalar) v.DatasourceScoped();
    if (const auto* a = v.Single("shardKey")) {
      AttributeArgs args(ctx_, *a, "@shardKey");
      ctx_.shard_key_attrs.push_back({mi, fi, a});
      if (args.usable()) {
        if (shard_key_field_.count(mi)) {
          ctx_.Error(vmsg::ModelValidation("model", M(mi).name,
                                           vmsg::kShardKeyDuplicateField),
                     M(mi).span);
        } else {
          shard_key_field_[mi] = {fi, a};
        }
        args.ReportUnused();
      }
    }
    v.ReportUnknown();
  }

  // Common part of @@index/@@unique/@@fulltext/@@id: the `fields` argument.
  std::optional<std::vector<IndexField>> IndexFields(int mi,
                                                     AttributeArgs& args,
                                                     bool unique, bool is_id) {
    const auto* e = args.RequiredDefault("fields");
    if (!e) return std::nullopt;
    auto raw = CoerceFieldsWithArgs(ctx_, *e);
    if (!raw) return std::nullopt;
    std::vector<IndexField> out;
    std::vector<std::string> unknown, relation;
    std::vector<int> relation_ids;
    for (const auto& r : *raw) {
      int fi =
          r.name.find('.') == std::string::npos ? M(mi).FindField(r.name) : -1;
      if (fi < 0) {
        unknown.push_back(r.name);
        continue;
      }
      if (M(mi).fields[fi].kind == Field::Kind::kRelation) {
        relation.push_back(r.name);
        relation_ids.push_back(fi);
        continue;
      }
      for (const auto& existing : out) {
        if (existing.field == fi) {
          ctx_.Error(vmsg::ModelValidation(
                         "model", M(mi).name,
                         fmt::format("The unique index definition refers to "
                                     "the field {} multiple times.",
                                     r.name)),
                     args.attr().span);
          return std::nullopt;
        }
      }
      IndexField f;
      f.field = fi;
      f.sort = r.sort;
      f.length = r.length;
      f.ops = r.ops;
      out.push_back(f);
    }
    if (unknown.empty() && relation.empty()) return out;
    if (is_id) {
      if (!unknown.empty()) {
        ctx_.Error(vmsg::ModelValidation(
                       "model", M(mi).name,
                       fmt::format("The multi field id declaration refers to "
                                   "the unknown {}.",
                                   FieldsWithLeadingWord(unknown))),
                   e->span);
      }
      if (!relation.empty()) {
        ctx_.Error(vmsg::ModelValidation(
                       "model", M(mi).name,
                       fmt::format("The id definition refers to the relation "
                                   "{}. ID definitions must reference only "
                                   "scalar fields.",
                                   FieldsWithLeadingWord(relation))),
                   args.attr().span);
      }
      return std::nullopt;
    }
    if (!unknown.empty()) {
      ctx_.Error(vmsg::ModelValidation(
                     "model", M(mi).name,
                     fmt::format("The {}index definition refers to the "
                                 "unknown fields: {}.",
                                 unique ? "unique " : "", Join(unknown, ", "))),
                 args.attr().span);
    }
    if (!relation.empty()) {
      std::vector<std::string> suggested;
      for (int rf : relation_ids) {
        auto it = pending_fields_.find({mi, rf});
        if (it != pending_fields_.end())
          suggested.insert(suggested.end(), it->second.begin(),
                           it->second.end());
      }
      std::string suggestion;
      if (!suggested.empty())
        suggestion =
            fmt::format(" Did you mean `@@{}([{}])`?",
                        unique ? "unique" : "index", Join(suggested, ", "));
      ctx_.Error(vmsg::ModelValidation(
                     "model", M(mi).name,
                     fmt::format("The {}index definition refers to the "
                                 "relation fields {}. Index definitions must "
                                 "reference only scalar fields.{}",
                                 unique ? "unique " : "", Join(relation, ", "),
                                 suggestion)),
                 args.attr().span);
    }
    return std::nullopt;
  }

  void ModelAttributes(int mi) {
    for (size_t fi = 0; fi < M(mi).fields.size(); ++fi) {
      if (M(mi).fields[fi].kind != Field::Kind::kRelation)
        ScalarFieldAttributes(mi, static_cast<int>(fi));
    }
    const ast::Block& block = *ctx_.model_blocks[mi];
    AttributeVisitor v(ctx_, block.attributes, true);
    if (const auto* a = v.Single("ignore")) {
      AttributeArgs args(ctx_, *a, "@ignore");
      if (args.usable()) {
        for (size_t fi = 0; fi < M(mi).fields.size(); ++fi) {
          const Field& f = M(mi).fields[fi];
          if (f.ignored && f.kind != Field::Kind::kRelation)
            ctx_.Error(vmsg::AttributeError(
                           "@ignore",
                           "Fields on an already ignored Model do not need an "
                           "`@ignore` annotation."),
                       f.span);
        }
        M(mi).ignored = true;
        args.ReportUnused();
      }
    }
    if (const auto* a = v.Single("id")) {
      AttributeArgs args(ctx_, *a, "@id");
      if (args.usable()) {
        if (auto fields = IndexFields(mi, args, false, true)) {
          std::vector<std::string> optional;
          for (const auto& f : *fields)
            if (!M(mi).fields[f.field].IsRequired())
              optional.push_back(M(mi).fields[f.field].name);
          if (!optional.empty() && !M(mi).ignored) {
            ctx_.Error(vmsg::ModelValidation(
                           "model", M(mi).name,
                           fmt::format("The id definition refers to the "
                                       "optional {}. ID definitions must "
                                       "reference only required fields.",
                                       FieldsWithLeadingWord(optional))),
                       a->span);
          }
          if (M(mi).primary_key) {
            ctx_.Error(vmsg::ModelValidation(
                           "model", M(mi).name,
                           "Each model must have at most one id criteria. You "
                           "can't have `@id` and `@@id` at the same time."),
                       M(mi).span);
          }
          PrimaryKey pk;
          pk.fields = *fields;
          pk.map = MapArg(args, "map");
          pk.name = NameArg(args);
          if (pk.name) ValidateClientName(mi, *pk.name, a->span, "@@id");
          pk.clustered = ClusteredArg(args, nullptr);
          pk.span = a->span;
          pk.name_span = ArgumentSpan(*a, "map", a->span);
          M(mi).primary_key = pk;
          id_attr_[mi] = a;
        }
        args.ReportUnused();
      }
    }
    if (const auto* a = v.Single("map")) {
      AttributeArgs args(ctx_, *a, "@map");
      if (args.usable()) {
        if (const auto* e = args.RequiredDefault("name")) {
          if (auto s = CoerceString(ctx_, *e)) M(mi).db_name = *s;
        }
        args.ReportUnused();
      }
    }
    if (const auto* a = v.Single("schema")) {
      AttributeArgs args(ctx_, *a, "@schema");
      if (args.usable()) {
        if (const auto* e = args.RequiredDefault("map")) {
          if (auto s = CoerceString(ctx_, *e)) {
            M(mi).schema = *s;
            ctx_.schema_attr_spans[{0, mi}] = e->span;
          }
        }
        args.ReportUnused();
      }
    }
    for (const auto* a : v.Repeated("index")) {
      AttributeArgs args(ctx_, *a, "@index");
      if (!args.usable()) continue;
      Index idx;
      idx.kind = Index::Kind::kNormal;
      idx.span = a->span;
      idx.name_span =
          ArgumentSpan(*a, "map", ArgumentSpan(*a, "name", a->span));
      auto fields = IndexFields(mi, args, false, false);
      auto name = NameArg(args);
      auto map = MapArg(args, "map");
      if (name && map) {
        args.Fail(
            "The `@@index` attribute accepts the `name` argument as an alias "
            "for the `map` argument for legacy reasons. It does not accept "
            "both though. Please use the `map` argument to specify the "
            "database name of the index.");
      } else {
        idx.map = map ? map : name;
      }
      if (const auto* e = args.Named("type")) {
        if (auto c = CoerceConstant(ctx_, *e)) {
          static const char* kAlgos[] = {"BTree", "Hash",   "Gist",
                                         "Gin",   "SpGist", "Brin"};
          if (std::find_if(std::begin(kAlgos), std::end(kAlgos),
                           [&](const char* x) { return *c == x; }) !=
              std::end(kAlgos)) {
            idx.algorithm = *c;
            idx.algorithm_span = ArgumentSpan(args.attr(), "type", idx.span);
          } else {
            args.Fail(fmt::format("Unknown index type: {}.", *c));
          }
        }
      }
      idx.clustered = ClusteredArg(args, nullptr);
      args.ReportUnused();
      if (fields) {
        idx.fields = *fields;
        M(mi).indexes.push_back(std::move(idx));
      }
    }
    for (const auto* a : v.Repeated("unique")) {
      AttributeArgs args(ctx_, *a, "@unique");
      if (!args.usable()) continue;
      Index idx;
      idx.kind = Index::Kind::kUnique;
      idx.span = a->span;
      idx.name_span =
          ArgumentSpan(*a, "map", ArgumentSpan(*a, "name", a->span));
      auto fields = IndexFields(mi, args, true, false);
      idx.name = NameArg(args);
      idx.map = MapArg(args, "map");
      if (idx.name) ValidateClientName(mi, *idx.name, a->span, "@@unique");
      idx.clustered = ClusteredArg(args, nullptr);
      args.ReportUnused();
      if (fields) {
        idx.fields = *fields;
        M(mi).indexes.push_back(std::move(idx));
      }
    }
    for (const auto* a : v.Repeated("fulltext")) {
      AttributeArgs args(ctx_, *a, "@fulltext");
      if (!args.usable()) continue;
      Index idx;
      idx.kind = Index::Kind::kFulltext;
      idx.span = a->span;
      idx.name_span =
          ArgumentSpan(*a, "map", ArgumentSpan(*a, "name", a->span));
      auto fields = IndexFields(mi, args, false, false);
      idx.map = MapArg(args, "map");
      args.ReportUnused();
      if (fields) {
        idx.fields = *fields;
        M(mi).indexes.push_back(std::move(idx));
      }
    }
    if (const auto* a = v.Single("shardKey")) {
      ctx_.block_shard_key_attrs.push_back({mi, -1, a});
      AttributeArgs args(ctx_, *a, "@@shardKey");
      if (args.usable()) {
        BlockShardKey(mi, args);
        args.ReportUnused();
      }
    }
    // @shardKey on an optional field.
    if (!M(mi).ignored) {
      auto it = shard_key_field_.find(mi);
      if (it != shard_key_field_.end() &&
          !M(mi).fields[it->second.first].IsRequired())
        ctx_.Error(
            vmsg::AttributeError("@shardKey", vmsg::kShardKeyFieldOptional),
            it->second.second->span);
    }
    // @id on an optional field.
    if (!M(mi).ignored && M(mi).primary_key &&
        M(mi).primary_key->from_field_attribute) {
      const Field& f = M(mi).fields[M(mi).primary_key->fields[0].field];
      if (!f.IsRequired())
        ctx_.Error(vmsg::AttributeError(
                       "@id", "Fields that are marked as id must be required."),
                   id_attr_[mi]->span);
    }
    // Keep indexes in source order (field @unique first is Prisma's order
    // too, but block attributes are interleaved by source position).
    std::stable_sort(M(mi).indexes.begin(), M(mi).indexes.end(),
                     [](const Index& a, const Index& b) {
                       return a.span.start < b.span.start;
                     });
    v.ReportUnknown();
  }

  // @@shardKey([a, b]): plain field names only (no arguments, no strings),
  // not empty, scalar and required fields, and no @shardKey besides.
  void BlockShardKey(int mi, AttributeArgs& args) {
    const auto* e = args.RequiredDefault("fields");
    if (!e) return;
    std::vector<const ast::Expression*> items;
    if (e->IsArray()) {
      for (const auto& i : e->items) items.push_back(&i);
    } else {
      items.push_back(e);
    }
    bool ok = true;
    std::vector<std::string> names;
    for (const auto* item : items) {
      if (!item->IsConstant()) {
        TypeMismatch(ctx_, "constant", *item);
        ok = false;
        continue;
      }
      names.push_back(item->value);
    }
    if (!ok) return;
    if (names.empty()) {
      args.Fail(vmsg::kShardKeyEmpty);
      return;
    }
    std::vector<std::string> unknown, relation;
    std::vector<int> fields;
    for (const auto& n : names) {
      int fi = n.find('.') == std::string::npos ? M(mi).FindField(n) : -1;
      if (fi < 0) {
        unknown.push_back(n);
      } else if (M(mi).fields[fi].kind == Field::Kind::kRelation) {
        relation.push_back(n);
      } else {
        fields.push_back(fi);
      }
    }
    if (!unknown.empty()) {
      ctx_.Error(vmsg::ModelValidation("model", M(mi).name,
                                       vmsg::ShardKeyUnknownFields(
                                           FieldsWithLeadingWord(unknown))),
                 e->span);
    }
    if (!relation.empty()) {
      ctx_.Error(vmsg::ModelValidation("model", M(mi).name,
                                       vmsg::ShardKeyRelationFields(
                                           FieldsWithLeadingWord(relation))),
                 args.attr().span);
    }
    if (!unknown.empty() || !relation.empty()) return;
    std::vector<std::string> optional;
    for (int fi : fields)
      if (!M(mi).fields[fi].IsRequired())
        optional.push_back(M(mi).fields[fi].name);
    if (!optional.empty() && !M(mi).ignored) {
      ctx_.Error(vmsg::ModelValidation("model", M(mi).name,
                                       vmsg::ShardKeyOptionalFields(
                                           FieldsWithLeadingWord(optional))),
                 args.attr().span);
    }
    if (shard_key_field_.count(mi)) {
      ctx_.Error(
          vmsg::ModelValidation("model", M(mi).name, vmsg::kShardKeyBothForms),
          M(mi).span);
    }
  }

  void EnumAttributes(int ei) {
    Enum& e = ctx_.schema.enums[ei];
    const ast::Block& block = *ctx_.enum_blocks[ei];
    for (size_t vi = 0; vi < block.values.size(); ++vi) {
      AttributeVisitor v(ctx_, block.values[vi].attributes, false);
      if (const auto* a = v.Single("map")) {
        AttributeArgs args(ctx_, *a, "@map");
        if (args.usable()) {
          if (const auto* ex = args.RequiredDefault("name")) {
            if (auto s = CoerceString(ctx_, *ex)) e.values[vi].db_name = *s;
          }
          args.ReportUnused();
        }
      }
      v.ReportUnknown();
    }
    AttributeVisitor v(ctx_, block.attributes, true);
    if (const auto* a = v.Single("map")) {
      AttributeArgs args(ctx_, *a, "@map");
      if (args.usable()) {
        if (const auto* ex = args.RequiredDefault("name")) {
          if (auto s = CoerceString(ctx_, *ex)) e.db_name = *s;
        }
        args.ReportUnused();
      }
    }
    if (const auto* a = v.Single("schema")) {
      AttributeArgs args(ctx_, *a, "@schema");
      if (args.usable()) {
        if (const auto* ex = args.RequiredDefault("map")) {
          if (auto s = CoerceString(ctx_, *ex)) {
            e.schema = *s;
            ctx_.schema_attr_spans[{1, ei}] = ex->span;
          }
        }
        args.ReportUnused();
      }
    }
    v.ReportUnknown();
  }

  std::map<std::pair<int, int>, std::vector<std::string>> pending_fields_;
  std::map<int, const ast::Attribute*> id_attr_;
  // Per model: the field carrying @shardKey, and the attribute.
  std::map<int, std::pair<int, const ast::Attribute*>> shard_key_field_;
};

}  // namespace

void ResolveAttributes(Context& ctx) { AttributePass(ctx).Run(); }

}  // namespace airlock::schema::internal
