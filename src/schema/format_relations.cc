// The relation fixes of `prisma format` (Prisma's psl-core reformat): for
// every one-to-one / one-to-many relation it adds the missing back-relation
// field, the missing forward relation field with its @relation, the missing
// relation scalar fields, a missing @relation attribute, and missing
// `fields:` / `references:` arguments. The relation analysis follows Prisma's
// parser-database (relation fields, their opposite field with the same
// relation name, which side is the forward one). It runs only when the schema
// resolves cleanly (no unknown types, duplicate names or unknown fields in
// @relation), as Prisma only reformats otherwise.
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string_view>

#include "schema/format_inflect.h"
#include "schema/format_internal.h"

namespace airlock::schema::format {
namespace {

using ast::Arity;

// End of an attribute's text without the whitespace that the span of an
// argument-less attribute takes in (see the parser).
uint32_t AttributeTextEnd(const std::string& text, const ast::Attribute& a) {
  uint32_t end = a.span.end;
  while (end > a.span.start && (text[end - 1] == ' ' || text[end - 1] == '\t'))
    --end;
  return end;
}

bool IsBuiltinScalar(std::string_view t) {
  static const std::set<std::string_view> kScalars = {
      "String",  "Boolean",  "Int",  "BigInt", "Float",
      "Decimal", "DateTime", "Json", "Bytes"};
  return kScalars.count(t) > 0;
}

struct Model {
  uint32_t file;
  const ast::Block* block;
  std::string_view name() const { return block->name.name; }
  const ast::Field* FindField(std::string_view n) const {
    for (const auto& f : block->fields)
      if (f.name.name == n) return &f;
    return nullptr;
  }
  bool HasBlockAttribute(std::string_view n) const {
    for (const auto& a : block->attributes)
      if (a.name.name == n) return true;
    return false;
  }
};

// A field whose type is a model, with what its @relation says.
struct RelationField {
  size_t model;  // index into models
  const ast::Field* field;
  size_t target;  // referenced model
  const ast::Attribute* relation = nullptr;
  std::optional<std::string> name;
  std::optional<std::vector<std::string>> fields;
  std::optional<std::vector<std::string>> references;
  Arity arity() const { return field->type->arity; }
};

std::optional<std::vector<std::string>> FieldList(const ast::Expression& e) {
  std::vector<std::string> out;
  if (e.IsArray()) {
    for (const auto& item : e.items) {
      if (!item.IsConstant()) return std::nullopt;
      out.push_back(item.value);
    }
    return out;
  }
  if (e.IsConstant()) return std::vector<std::string>{e.value};
  return std::nullopt;
}

enum class Kind { kOneToOne, kOneToMany, kManyToMany };

struct Relation {
  Kind kind;
  const RelationField* forward = nullptr;
  const RelationField* back = nullptr;
  size_t model_a;  // referencing model
  size_t model_b;  // referenced model
};

class Analysis {
 public:
  Analysis(const ast::Ast& tree, const SourceSet& sources)
      : tree_(tree), sources_(sources) {}

  std::vector<Insertion> Run() {
    if (!Collect()) return {};
    for (size_t i = 0; i < rfields_.size(); ++i)
      by_pair_[{rfields_[i].model, rfields_[i].target}].push_back(i);
    for (size_t i = 0; i < rfields_.size(); ++i) Ingest(i);
    for (const auto& r : relations_) {
      if (r.kind == Kind::kManyToMany) continue;
      PushMissingRelationFields(r);
      PushMissingScalarFields(r);
    }
    for (const auto& r : relations_)
      if (r.kind != Kind::kManyToMany) PushMissingAttribute(r);
    for (const auto& r : relations_)
      if (r.kind != Kind::kManyToMany) PushMissingArguments(r);
    return std::move(bits_);
  }

 private:
  // Gathers models and relation fields; false when the schema does not
  // resolve (Prisma then skips the relation fixes).
  bool Collect() {
    std::set<std::string_view> top_names;
    std::set<std::string_view> type_names;
    for (uint32_t f = 0; f < tree_.files.size(); ++f) {
      for (const auto& b : tree_.files[f].blocks) {
        bool config = b.kind == ast::BlockKind::kDatasource ||
                      b.kind == ast::BlockKind::kGenerator;
        if (!config) {
          if (!top_names.insert(b.name.name).second) return false;
          type_names.insert(b.name.name);
        }
        if (b.kind == ast::BlockKind::kModel || b.kind == ast::BlockKind::kView)
          models_.push_back({f, &b});
        if (b.kind == ast::BlockKind::kDatasource && datasource_.empty())
          datasource_ = b.name.name;
      }
    }
    for (size_t m = 0; m < models_.size(); ++m)
      model_index_[models_[m].name()] = m;
    for (uint32_t f = 0; f < tree_.files.size(); ++f) {
      for (const auto& b : tree_.files[f].blocks) {
        if (b.kind == ast::BlockKind::kDatasource ||
            b.kind == ast::BlockKind::kGenerator ||
            b.kind == ast::BlockKind::kEnum)
          continue;
        std::set<std::string_view> field_names;
        for (const auto& fd : b.fields) {
          if (!fd.type) return false;
          if (!field_names.insert(fd.name.name).second) return false;
          const auto& t = fd.type->name.name;
          if (!fd.type->unsupported && !IsBuiltinScalar(t) &&
              !type_names.count(t))
            return false;
        }
      }
    }
    for (size_t m = 0; m < models_.size(); ++m) {
      for (const auto& fd : models_[m].block->fields) {
        if (fd.type->unsupported) continue;
        auto it = model_index_.find(fd.type->name.name);
        if (it == model_index_.end()) continue;
        RelationField rf{m, &fd, it->second};
        for (const auto& a : fd.attributes) {
          if (a.name.name != "relation") continue;
          rf.relation = &a;
          for (const auto& arg : a.args()) {
            if (!arg.value) return false;
            std::string_view n =
                arg.name ? std::string_view(arg.name->name) : "";
            if ((n.empty() || n == "name") && arg.value->IsString()) {
              rf.name = arg.value->value;
            } else if (n == "fields" || n == "references") {
              auto list = FieldList(*arg.value);
              if (!list) return false;
              const Model& owner = models_[n == "fields" ? m : it->second];
              for (const auto& name : *list)
                if (!owner.FindField(name)) return false;
              (n == "fields" ? rf.fields : rf.references) = std::move(*list);
            }
          }
          break;
        }
        rfields_.push_back(std::move(rf));
      }
    }
    return true;
  }

  const RelationField* Opposite(size_t i) const {
    const RelationField& rf = rfields_[i];
    bool self = rf.model == rf.target;
    auto it = by_pair_.find({rf.target, rf.model});
    if (it == by_pair_.end()) return nullptr;
    for (size_t j : it->second) {
      const RelationField& o = rfields_[j];
      if (self && j == i) continue;
      if (o.name == rf.name) return &o;
    }
    return nullptr;
  }

  bool FieldsAreUnique(const RelationField& rf) const {
    const Model& m = models_[rf.model];
    for (const auto& crit : UniqueIndexes(m))
      if (crit == *rf.fields) return true;
    return false;
  }

  // Field-level @unique (in field order), then @@unique, as field name lists.
  static std::vector<std::vector<std::string>> UniqueIndexes(const Model& m) {
    std::vector<std::vector<std::string>> out;
    for (const auto& f : m.block->fields)
      for (const auto& a : f.attributes)
        if (a.name.name == "unique") out.push_back({f.name.name});
    for (const auto& a : m.block->attributes) {
      if (a.name.name != "unique") continue;
      for (const auto& arg : a.args()) {
        if (arg.name && arg.name->name != "fields") continue;
        if (!arg.value) continue;
        std::vector<std::string> names;
        const auto& v = *arg.value;
        if (v.IsArray()) {
          for (const auto& item : v.items)
            names.push_back(item.IsFunction() || item.IsConstant() ? item.value
                                                                   : "");
        }
        out.push_back(std::move(names));
        break;
      }
    }
    return out;
  }

  // Prisma's unique criterias: the primary key, then unique indexes.
  std::vector<std::vector<const ast::Field*>> UniqueCriterias(
      size_t model) const {
    const Model& m = models_[model];
    std::vector<std::vector<const ast::Field*>> out;
    for (const auto& f : m.block->fields)
      for (const auto& a : f.attributes)
        if (a.name.name == "id") out.push_back({&f});
    if (out.empty()) {
      for (const auto& a : m.block->attributes) {
        if (a.name.name != "id") continue;
        for (const auto& arg : a.args()) {
          if (arg.name && arg.name->name != "fields") continue;
          if (!arg.value || !arg.value->IsArray()) continue;
          std::vector<const ast::Field*> fields;
          for (const auto& item : arg.value->items)
            if (const ast::Field* f = m.FindField(item.value))
              fields.push_back(f);
          out.push_back(std::move(fields));
          break;
        }
      }
    }
    if (out.size() > 1) out.resize(1);
    for (const auto& names : UniqueIndexes(m)) {
      std::vector<const ast::Field*> fields;
      for (const auto& n : names)
        if (const ast::Field* f = m.FindField(n)) fields.push_back(f);
      out.push_back(std::move(fields));
    }
    return out;
  }

  static bool Less(std::string_view m1, std::string_view f1,
                   std::string_view m2, std::string_view f2) {
    return m1 != m2 ? m1 < m2 : f1 < f2;
  }

  void Ingest(size_t i) {
    const RelationField& rf = rfields_[i];
    const RelationField* opp = Opposite(i);
    std::string_view mname = models_[rf.model].name();
    std::string_view oname = models_[rf.target].name();
    std::string_view fname = rf.field->name.name;
    Arity a = rf.arity();
    Relation r{Kind::kOneToMany, &rf, nullptr, rf.model, rf.target};
    if (opp) {
      Arity oa = opp->arity();
      std::string_view ofname = opp->field->name.name;
      if (a == Arity::kList && oa == Arity::kList) {
        if (mname > oname) return;
        if (rf.model == rf.target && fname > ofname) return;
        r.kind = Kind::kManyToMany;
      } else if (a == Arity::kRequired && oa == Arity::kOptional) {
        r.kind = Kind::kOneToOne;
      } else if (a == Arity::kRequired && oa == Arity::kRequired) {
        if (Less(oname, ofname, mname, fname)) return;
        r.kind = Kind::kOneToOne;
      } else if (a == Arity::kOptional && oa == Arity::kRequired) {
        return;
      } else if (a == Arity::kOptional && oa == Arity::kOptional) {
        if (!rf.fields) {
          if (opp->fields) return;
          if (Less(oname, ofname, mname, fname)) return;
        }
        r.kind = Kind::kOneToOne;
      } else if (a == Arity::kList) {
        return;
      }
      r.back = opp;
    } else if (a == Arity::kList) {
      // Only the back side exists: the other model holds the forward side.
      r = Relation{Kind::kOneToMany, nullptr, &rf, rf.target, rf.model};
    } else if (rf.fields && FieldsAreUnique(rf)) {
      r.kind = Kind::kOneToOne;
    }
    relations_.push_back(r);
  }

  struct Inferred {
    std::string name;
    Arity arity;
    const ast::Field* existing_or_blueprint;  // type source
    const ast::Field* blueprint;              // referenced field
  };

  std::vector<Inferred> InferScalarFields(const Relation& r) const {
    std::vector<Inferred> out;
    auto crits = UniqueCriterias(r.model_b);
    if (crits.empty()) return out;
    const Model& referenced = models_[r.model_b];
    const Model& referencing = models_[r.model_a];
    for (const ast::Field* f : crits.front()) {
      std::string name =
          LowerFirst(referenced.name()) + UpperFirst(f->name.name);
      const ast::Field* existing = referencing.FindField(name);
      if (existing && !IsRelation(existing)) {
        out.push_back({name, existing->type->arity, existing, f});
      } else {
        Arity arity = r.forward ? r.forward->arity() : Arity::kOptional;
        out.push_back({name, arity, f, f});
      }
    }
    return out;
  }

  bool IsRelation(const ast::Field* f) const {
    return !f->type->unsupported && model_index_.count(f->type->name.name);
  }

  std::string FieldsArgument(const Relation& r) const {
    std::string out = "fields: [";
    auto inferred = InferScalarFields(r);
    for (size_t i = 0; i < inferred.size(); ++i) {
      if (i) out += ", ";
      out += inferred[i].name;
    }
    return out + "]";
  }

  std::string ReferencesArgument(const Relation& r) const {
    std::vector<std::string> names;
    if (r.forward && r.forward->references) {
      names = *r.forward->references;
    } else {
      for (const auto& crit : UniqueCriterias(r.model_b)) {
        bool strict = std::all_of(crit.begin(), crit.end(), [](auto* f) {
          return f->type->arity == Arity::kRequired;
        });
        if (!strict) continue;
        for (const auto* f : crit) names.push_back(f->name.name);
        break;
      }
    }
    std::string out = "references: [";
    for (size_t i = 0; i < names.size(); ++i) {
      if (i) out += ", ";
      out += names[i];
    }
    return out + "]";
  }

  static const char* ArityText(Arity a) {
    switch (a) {
      case Arity::kRequired:
        return "";
      case Arity::kOptional:
        return "?";
      case Arity::kList:
        return "[]";
    }
    return "";
  }

  void Add(const Model& m, std::string text) {
    bits_.push_back({m.file, m.block->span.end - 1, std::move(text)});
  }

  void PushMissingRelationFields(const Relation& r) {
    const Model& referencing = models_[r.model_a];
    const Model& referenced = models_[r.model_b];
    if (!r.back) {
      bool one = r.kind == Kind::kOneToOne;
      std::string name = CamelCase(referencing.name());
      if (!one) name = Pluralize(name);
      Add(referenced,
          name + " " + std::string(referencing.name()) + (one ? "?" : "[]") +
              " " + (referencing.HasBlockAttribute("ignore") ? "@ignore" : "") +
              "\n");
    }
    if (!r.forward) {
      auto inferred = InferScalarFields(r);
      bool optional =
          std::any_of(inferred.begin(), inferred.end(),
                      [](auto& f) { return f.arity == Arity::kOptional; });
      std::string name = CamelCase(referenced.name());
      Add(referencing, name + " " + std::string(referenced.name()) +
                           (optional ? "?" : "") + " @relation(" +
                           FieldsArgument(r) + ", " + ReferencesArgument(r) +
                           ")\n");
    }
  }

  void PushMissingScalarFields(const Relation& r) {
    if (r.forward && r.forward->fields) return;
    const Model& referencing = models_[r.model_a];
    for (const auto& f : InferScalarFields(r)) {
      const ast::Field* existing = referencing.FindField(f.name);
      if (existing && !IsRelation(existing)) continue;
      const auto& type = f.existing_or_blueprint->type;
      if (type->unsupported || !IsBuiltinScalar(type->name.name)) return;
      std::string attrs;
      for (const auto& a : f.blueprint->attributes) {
        size_t dot = a.name.name.find('.');
        if (dot == std::string::npos) continue;
        if (!datasource_.empty() && a.name.name.substr(0, dot) != datasource_)
          continue;
        const std::string& text = sources_[models_[r.model_b].file].text;
        attrs =
            text.substr(a.span.start, AttributeTextEnd(text, a) - a.span.start);
        break;
      }
      Add(referencing, f.name + " " + type->name.name + ArityText(f.arity) +
                           " " + attrs + "\n");
    }
  }

  void PushMissingAttribute(const Relation& r) {
    if (!r.forward || r.forward->relation) return;
    const auto& type = *r.forward->field->type;
    const Model& m = models_[r.forward->model];
    const std::string& text = sources_[m.file].text;
    size_t pos = type.span.end;
    while (pos < text.size() && (text[pos] == '[' || text[pos] == ']' ||
                                 text[pos] == '?' || text[pos] == '!'))
      ++pos;
    bits_.push_back({m.file, pos,
                     " @relation(" + FieldsArgument(r) + ", " +
                         ReferencesArgument(r) + ")"});
  }

  void PushMissingArguments(const Relation& r) {
    if (!r.forward || !r.forward->relation) return;
    std::vector<std::string> extra;
    if (!r.forward->fields) extra.push_back(FieldsArgument(r));
    if (!r.forward->references) extra.push_back(ReferencesArgument(r));
    if (extra.empty()) return;
    std::string joined;
    for (size_t i = 0; i < extra.size(); ++i) {
      if (i) joined += ", ";
      joined += extra[i];
    }
    const ast::Attribute& a = *r.forward->relation;
    uint32_t file = models_[r.forward->model].file;
    if (a.args().empty()) {
      bits_.push_back(
          {file, AttributeTextEnd(sources_[file].text, a), "(" + joined + ")"});
    } else {
      bits_.push_back({file, a.span.end - 1, ", " + joined});
    }
  }

  const ast::Ast& tree_;
  const SourceSet& sources_;
  std::vector<Model> models_;
  std::map<std::string_view, size_t> model_index_;
  std::vector<RelationField> rfields_;
  // (model, target) -> relation fields of `model` pointing to `target`, in
  // field order.
  std::map<std::pair<size_t, size_t>, std::vector<size_t>> by_pair_;
  std::vector<Relation> relations_;
  std::string datasource_;
  std::vector<Insertion> bits_;
};

}  // namespace

std::vector<Insertion> MissingRelationBits(const ast::Ast& tree,
                                           const SourceSet& sources) {
  return Analysis(tree, sources).Run();
}

}  // namespace airlock::schema::format
