// Model, field and index rules of the validation pipeline: unique criteria,
// database name clashes, connector capabilities (scalar lists, clustering,
// index length/type, fulltext, autoincrement), constraint names (length
// limits and namespaces) and multi-schema (@@schema vs `schemas`).
#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>
#include <map>
#include <set>
#include <tuple>

#include "schema/validate_context.h"
#include "schema/validate_messages.h"

namespace airlock::schema::internal {
namespace {

class ModelRules {
 public:
  explicit ModelRules(Context& ctx) : ctx_(ctx), p_(ctx.provider()) {}

  void Run() {
    DatabaseNames();
    ResolveConstraintNames(ctx_);
    CountConstraintNames();
    for (size_t mi = 0; mi < Models().size(); ++mi) {
      int m = static_cast<int>(mi);
      StrictUniqueCriteria(m);
      PrimaryKeyName(m);
      if (Models()[m].primary_key) PrimaryKeyRules(m);
      Autoincrement(m);
      for (size_t fi = 0; fi < Models()[m].fields.size(); ++fi)
        ScalarFieldRules(m, static_cast<int>(fi));
      for (int ii : PrismaIndexOrder(Models()[m])) {
        const Index& idx = Models()[m].indexes[ii];
        IndexName(m, idx);
        IndexRules(m, idx);
      }
    }
    ForeignKeyNames();
    MultiSchema();
    ShardKeys();
  }

 private:
  Context& ctx_;
  Provider p_;
  std::vector<Model>& Models() { return ctx_.schema.models; }
  const char* Kind(int m) { return Models()[m].is_view ? "view" : "model"; }

  // @shardKey / @@shardKey need the `shardKeys` preview feature and a
  // provider that supports them (MySQL only).
  void ShardKeys() {
    std::vector<std::pair<const ast::Attribute*, const char*>> attrs;
    for (const auto& r : ctx_.shard_key_attrs)
      attrs.push_back({r.attr, "@shardKey"});
    for (const auto& r : ctx_.block_shard_key_attrs)
      attrs.push_back({r.attr, "@@shardKey"});
    std::stable_sort(attrs.begin(), attrs.end(),
                     [](const auto& a, const auto& b) {
                       return a.first->span.start < b.first->span.start;
                     });
    for (const auto& [attr, display] : attrs) {
      if (!ctx_.HasPreview("shardKeys")) {
        ctx_.Error(
            vmsg::AttributeError(display, vmsg::kShardKeyPreviewDisabled),
            attr->span);
      } else if (p_ != Provider::kMysql || ctx_.other_provider) {
        const std::string& text = ctx_.schema.datasource.provider_text;
        ctx_.Error(vmsg::AttributeError(
                       display, vmsg::ShardKeyUnsupportedProvider(
                                    text.empty() ? ProviderName(p_) : text)),
                   attr->span);
      }
    }
  }

  void DatabaseNames() {
    std::map<std::string, int> seen;
    for (size_t mi = 0; mi < Models().size(); ++mi) {
      const Model& m = Models()[mi];
      std::string key = (m.schema ? *m.schema : "") + "." + m.db_name;
      auto [it, inserted] = seen.emplace(key, static_cast<int>(mi));
      if (inserted) continue;
      const ast::Block& block = *ctx_.model_blocks[mi];
      Span span = block.span;
      for (const auto& a : block.attributes)
        if (a.name.name == "map") span = a.span;
      ctx_.Error(fmt::format("The {} with database name \"{}\" could not be "
                             "defined because another model or view with this "
                             "name exists: \"{}\"",
                             Kind(static_cast<int>(mi)), m.db_name,
                             Models()[it->second].name),
                 span);
    }
    std::set<std::string> enums;
    for (size_t ei = 0; ei < ctx_.schema.enums.size(); ++ei) {
      const Enum& e = ctx_.schema.enums[ei];
      std::string key = (e.schema ? *e.schema : "") + "." + e.db_name;
      if (enums.insert(key).second) continue;
      // On the whole enum block, as Prisma does.
      ctx_.Error("An enum with the same database name is already defined.",
                 ctx_.enum_blocks[ei]->span);
    }
    // Field database names within a model.
    for (size_t mi = 0; mi < Models().size(); ++mi) {
      const Model& m = Models()[mi];
      std::map<std::string, int> names;
      for (size_t fi = 0; fi < m.fields.size(); ++fi) {
        const Field& f = m.fields[fi];
        if (f.kind == Field::Kind::kRelation) continue;
        auto [it, inserted] = names.emplace(f.db_name, static_cast<int>(fi));
        if (inserted) continue;
        ctx_.Error(vmsg::ModelValidation(
                       Kind(static_cast<int>(mi)), m.name,
                       fmt::format("Field \"{}\" is already defined on {} "
                                   "\"{}\".",
                                   f.name, Kind(static_cast<int>(mi)), m.name)),
                   f.span);
      }
    }
  }

  bool FieldsRequired(const Model& m, const std::vector<IndexField>& fs) {
    for (const auto& f : fs)
      if (!m.fields[f.field].IsRequired()) return false;
    return true;
  }

  void StrictUniqueCriteria(int mi) {
    const Model& m = Models()[mi];
    if (m.ignored || m.is_view) return;
    if (m.primary_key) return;
    for (const auto& idx : m.indexes) {
      if (idx.kind != Index::Kind::kUnique) continue;
      bool ok = FieldsRequired(m, idx.fields);
      for (const auto& f : idx.fields)
        ok = ok && m.fields[f.field].kind != Field::Kind::kUnsupported &&
             !m.fields[f.field].ignored;
      if (ok) return;
    }
    ctx_.Error(vmsg::ModelValidation(
                   "model", m.name,
                   "Each model must have at least one unique criteria that has "
                   "only required fields. Either mark a single field with "
                   "`@id`, `@unique` or add a multi field criterion with "
                   "`@@id([])` or `@@unique([])` to the model."),
               m.span);
  }

  void PrimaryKeyRules(int mi) {
    const Model& m = Models()[mi];
    const PrimaryKey& pk = *m.primary_key;
    std::string attr = pk.from_field_attribute ? "@id" : "@@id";
    if (m.is_view) {
      ctx_.Error(vmsg::Validation("Views cannot have primary keys."), pk.span);
      return;
    }
    if (pk.map && p_ != Provider::kPostgres) {
      ctx_.Error(vmsg::ModelValidation(
                     "model", m.name,
                     "You defined a database name for the primary key on the "
                     "model. This is not supported by the provider."),
                 ctx_.model_blocks[mi]->span);
    }
    if (pk.clustered) {
      ctx_.Error(vmsg::AttributeError(
                     attr,
                     "Defining clustering is not supported in the current "
                     "connector."),
                 pk.span);
    }
    for (const auto& f : pk.fields) {
      if (f.length && p_ != Provider::kMysql) {
        ctx_.Error(vmsg::AttributeError(
                       attr,
                       "The length argument is not supported in the primary "
                       "key with the current connector"),
                   pk.span);
        break;
      }
    }
    for (const auto& f : pk.fields) {
      if (f.sort && p_ != Provider::kMysql && p_ != Provider::kSqlite) {
        ctx_.Error(vmsg::AttributeError(
                       attr,
                       "The sort argument is not supported in the primary key "
                       "with the current connector"),
                   pk.span);
        break;
      }
    }
    MysqlTextKey(mi, pk.fields, pk.span, attr, true);
    LengthOnNonString(mi, pk.fields, pk.span, attr);
  }

  // MySQL cannot index TEXT/BLOB columns without a prefix length.
  void MysqlTextKey(int mi, const std::vector<IndexField>& fields, Span span,
                    std::string_view attr, bool unique) {
    if (p_ != Provider::kMysql) return;
    const Model& m = Models()[mi];
    for (const auto& f : fields) {
      const Field& field = m.fields[f.field];
      if (!field.native_type || f.length) continue;
      static const char* kText[] = {"Text",       "LongText", "MediumText",
                                    "TinyText",   "Blob",     "LongBlob",
                                    "MediumBlob", "TinyBlob"};
      const std::string& n = field.native_type->name;
      if (std::find(std::begin(kText), std::end(kText), n) == std::end(kText))
        continue;
      (void)attr;
      if (unique) {
        ctx_.Error(fmt::format("Native type `{}` cannot be unique in MySQL. "
                               "Please use the `length` argument to the field "
                               "in the index definition to allow this.",
                               n),
                   span);
      } else {
        ctx_.Error(fmt::format("You cannot define an index on fields with "
                               "native type `{}` of MySQL. Please use the "
                               "`length` argument to the field in the index "
                               "definition to allow this.",
                               n),
                   span);
      }
      return;
    }
  }

  void LengthOnNonString(int mi, const std::vector<IndexField>& fields,
                         Span span, std::string_view attr) {
    const Model& m = Models()[mi];
    for (const auto& f : fields) {
      const Field& field = m.fields[f.field];
      if (!f.length) continue;
      bool ok = field.kind == Field::Kind::kScalar &&
                (field.scalar == ScalarType::kString ||
                 field.scalar == ScalarType::kBytes);
      if (!ok) {
        ctx_.Error(vmsg::AttributeError(
                       attr,
                       "The length argument is only allowed with field types "
                       "`String` or `Bytes`."),
                   span);
        return;
      }
    }
  }

  void ScalarFieldRules(int mi, int fi) {
    const Model& m = Models()[mi];
    const Field& f = m.fields[fi];
    if (f.kind == Field::Kind::kRelation) return;
    if (f.IsList() && p_ != Provider::kPostgres &&
        (f.kind == Field::Kind::kScalar || f.kind == Field::Kind::kEnum)) {
      ctx_.Error(fmt::format("Field \"{}\" in {} \"{}\" can't be a list. The "
                             "current connector does not support lists of "
                             "primitive types.",
                             f.name, Kind(mi), m.name),
                 f.span);
    }
    if (f.kind == Field::Kind::kComposite) {
      ctx_.Error(vmsg::FieldValidation(
                     Kind(mi), m.name, f.name,
                     fmt::format("Composite types are not supported on {}.",
                                 p_ == Provider::kPostgres ? "Postgres"
                                 : p_ == Provider::kMysql  ? "MySQL"
                                                           : "SQLite")),
                 f.span);
    }
  }

  // The attribute an index comes from, as Prisma names it in messages.
  static std::string IndexAttribute(const Index& idx) {
    if (idx.from_field_attribute) return "@unique";
    if (idx.kind == Index::Kind::kUnique) return "@@unique";
    return idx.kind == Index::Kind::kNormal ? "@@index" : "@@fulltext";
  }

  void IndexRules(int mi, const Index& idx) {
    const Model& m = Models()[mi];
    std::string attr = IndexAttribute(idx);
    if (m.is_view && !idx.from_field_attribute &&
        idx.kind != Index::Kind::kUnique) {
      ctx_.Error(vmsg::Validation("Views cannot have indexes."), idx.span);
      return;
    }
    if (m.is_view && idx.kind == Index::Kind::kUnique) {
      if (idx.map) {
        ctx_.Error(vmsg::Validation(
                       "@@unique annotations on views are not backed by "
                       "unique indexes in the database and cannot specify a "
                       "mapped database name."),
                   idx.span);
        return;
      }
      for (const auto& f : idx.fields) {
        if (f.sort || f.length || f.ops) {
          ctx_.Error(vmsg::AttributeError(
                         attr,
                         "Scalar fields in @@unique attributes in views "
                         "cannot have arguments."),
                     idx.span);
          return;
        }
      }
    }
    if (idx.fields.empty()) {
      ctx_.Error(vmsg::ModelValidation(
                     Kind(mi), m.name,
                     "The list of fields in an index cannot be empty. Please "
                     "specify at least one field."),
                 idx.span);
    }
    for (const auto& f : idx.fields) {
      if (f.length && p_ != Provider::kMysql) {
        ctx_.Error(vmsg::AttributeError(
                       attr,
                       "The length argument is not supported in an index "
                       "definition with the current connector"),
                   idx.span);
        break;
      }
    }
    if (idx.algorithm && p_ != Provider::kPostgres) {
      ctx_.Error(vmsg::AttributeError(
                     attr,
                     "The given index type is not supported with the current "
                     "connector"),
                 idx.algorithm_span);
    }
    if (idx.algorithm && *idx.algorithm == "Hash") {
      for (const auto& f : idx.fields) {
        if (f.sort) {
          ctx_.Error(vmsg::AttributeError(
                         attr, "Hash type does not support sort option."),
                     idx.span);
          break;
        }
      }
    }
    if (idx.kind == Index::Kind::kFulltext && p_ != Provider::kMysql) {
      ctx_.Error(vmsg::AttributeError(attr,
                                      "Defining fulltext indexes is not "
                                      "supported with the current connector."),
                 idx.span);
    }
    if (idx.clustered) {
      ctx_.Error(vmsg::AttributeError(
                     attr,
                     "Defining clustering is not supported in the current "
                     "connector."),
                 idx.span);
    }
    if (p_ == Provider::kPostgres) PostgresOps(mi, idx, attr);
    if (idx.kind != Index::Kind::kFulltext)
      MysqlTextKey(mi, idx.fields, idx.span, attr,
                   idx.kind == Index::Kind::kUnique);
    LengthOnNonString(mi, idx.fields, idx.span, attr);
  }

  void PostgresOps(int mi, const Index& idx, const std::string& attr);

  void Autoincrement(int mi) {
    const Model& m = Models()[mi];
    std::vector<int> autos;
    for (size_t fi = 0; fi < m.fields.size(); ++fi) {
      const auto& d = m.fields[fi].default_value;
      if (d && d->kind == DefaultValue::Kind::kAutoincrement)
        autos.push_back(static_cast<int>(fi));
    }
    if (autos.empty()) return;
    if (p_ != Provider::kPostgres && autos.size() > 1) {
      ctx_.Error(vmsg::AttributeError(
                     "@default",
                     "The `autoincrement()` default value is used multiple "
                     "times on this model even though the underlying "
                     "datasource only supports one instance per table."),
                 m.span);
    }
    for (int fi : autos) {
      const Field& f = m.fields[fi];
      bool is_id = m.primary_key && m.primary_key->fields.size() == 1 &&
                   m.primary_key->fields[0].field == fi;
      if (p_ == Provider::kSqlite && !is_id) {
        ctx_.Error(vmsg::AttributeError(
                       "@default",
                       "The `autoincrement()` default value is used on a "
                       "non-id field even though the datasource does not "
                       "support this."),
                   f.span);
      }
      if (p_ == Provider::kMysql) {
        bool indexed = m.primary_key && !m.primary_key->fields.empty() &&
                       m.primary_key->fields[0].field == fi;
        for (const auto& idx : m.indexes)
          indexed =
              indexed || (!idx.fields.empty() && idx.fields[0].field == fi);
        if (!indexed) {
          ctx_.Error(vmsg::AttributeError(
                         "@default",
                         "The `autoincrement()` default value is used on a "
                         "non-indexed field even though the datasource does "
                         "not support this."),
                     f.span);
        }
      }
    }
  }

  // Prisma's order of a model's indexes: field-level @unique, then @@index,
  // @@unique and @@fulltext, each in source order.
  static std::vector<int> PrismaIndexOrder(const Model& m) {
    std::vector<int> order;
    for (int pass = 0; pass < 4; ++pass) {
      for (size_t i = 0; i < m.indexes.size(); ++i) {
        const Index& idx = m.indexes[i];
        int rank = idx.from_field_attribute           ? 0
                   : idx.kind == Index::Kind::kNormal ? 1
                   : idx.kind == Index::Kind::kUnique ? 2
                                                      : 3;
        if (rank == pass) order.push_back(static_cast<int>(i));
      }
    }
    return order;
  }

  // Constraint names must be unique per namespace; the namespaces depend on
  // the provider (Prisma's ConstraintScope): SQLite: indexes globally;
  // PostgreSQL: primary keys and indexes globally, and primary keys,
  // indexes and foreign keys per model; MySQL: foreign keys globally,
  // indexes per model. Every member of a clashing name is reported, once
  // per namespace.
  enum Scope {
    kGlobalKeyIndex,
    kGlobalForeignKey,
    kGlobalPrimaryKeyKeyIndex,
    kModelKeyIndex,
    kModelPrimaryKeyKeyIndexForeignKey,
  };
  enum class NameKind { kIndex, kRelation, kPrimaryKey };

  std::vector<Scope> ActiveScopes() const {
    switch (p_) {
      case Provider::kPostgres:
        return {kGlobalPrimaryKeyKeyIndex, kModelPrimaryKeyKeyIndexForeignKey};
      case Provider::kMysql:
        return {kGlobalForeignKey, kModelKeyIndex};
      default:
        return {kGlobalKeyIndex};
    }
  }

  static std::string SchemaKey(const Model& m) {
    return m.schema ? "s:" + *m.schema : "-";
  }

  void CountConstraintNames() {
    global_names_.clear();
    local_names_.clear();
    auto add_global = [&](Scope sc, const Model& m, const std::string& name) {
      ++global_names_[{sc, SchemaKey(m), name}];
    };
    auto add_local = [&](Scope sc, int mi, const std::string& name) {
      ++local_names_[{mi, sc, name}];
    };
    for (Scope sc : ActiveScopes()) {
      bool global = sc < kModelKeyIndex;
      bool pks = sc == kGlobalPrimaryKeyKeyIndex ||
                 sc == kModelPrimaryKeyKeyIndexForeignKey;
      bool indexes = sc != kGlobalForeignKey;
      bool fks =
          sc == kGlobalForeignKey || sc == kModelPrimaryKeyKeyIndexForeignKey;
      for (size_t mi = 0; mi < Models().size(); ++mi) {
        const Model& m = Models()[mi];
        auto add = [&](const std::string& name) {
          if (global) {
            add_global(sc, m, name);
          } else {
            add_local(sc, static_cast<int>(mi), name);
          }
        };
        if (pks && m.primary_key && !m.primary_key->db_name.empty())
          add(m.primary_key->db_name);
        if (indexes)
          for (const auto& idx : m.indexes) add(idx.db_name);
      }
      if (!fks) continue;
      for (const auto& r : ctx_.schema.relations) {
        if (r.kind == Relation::Kind::kManyToMany || r.referencing_field < 0)
          continue;
        const Model& m = Models()[r.referencing_model];
        if (global) {
          add_global(sc, m, r.fk_db_name);
        } else if (!m.is_view) {
          add_local(sc, r.referencing_model, r.fk_db_name);
        }
      }
    }
  }

  // The namespaces (described as in Prisma's messages) in which `name`
  // clashes: the global ones first, then the model's.
  std::vector<std::string> NameClashes(int mi, NameKind kind,
                                       const std::string& name) {
    static const std::vector<Scope> kIndex = {
        kGlobalKeyIndex, kGlobalPrimaryKeyKeyIndex, kModelKeyIndex};
    static const std::vector<Scope> kRelation = {
        kGlobalForeignKey, kModelPrimaryKeyKeyIndexForeignKey};
    static const std::vector<Scope> kPrimaryKey = {
        kGlobalPrimaryKeyKeyIndex, kModelPrimaryKeyKeyIndexForeignKey};
    const auto& possible = kind == NameKind::kIndex      ? kIndex
                           : kind == NameKind::kRelation ? kRelation
                                                         : kPrimaryKey;
    const Model& m = Models()[mi];
    std::vector<std::string> out;
    for (bool global : {true, false}) {
      for (Scope sc : possible) {
        if ((sc < kModelKeyIndex) != global) continue;
        int count = 0;
        if (global) {
          auto it = global_names_.find({sc, SchemaKey(m), name});
          if (it != global_names_.end()) count = it->second;
        } else {
          auto it = local_names_.find({mi, sc, name});
          if (it != local_names_.end()) count = it->second;
        }
        if (count > 1) out.push_back(ScopeDescription(sc, m.name));
      }
    }
    return out;
  }

  static std::string ScopeDescription(Scope sc, const std::string& model) {
    switch (sc) {
      case kGlobalKeyIndex:
        return "global for indexes and unique constraints";
      case kGlobalForeignKey:
        return "global for foreign keys";
      case kGlobalPrimaryKeyKeyIndex:
        return "global for primary key, indexes and unique constraints";
      case kModelKeyIndex:
        return fmt::format("on model `{}` for indexes and unique constraints",
                           model);
      case kModelPrimaryKeyKeyIndexForeignKey:
        return fmt::format(
            "on model `{}` for primary key, indexes, unique constraints and "
            "foreign keys",
            model);
    }
    return "";
  }

  static std::string NameClashMessage(const std::string& name,
                                      const std::string& scope) {
    return fmt::format(
        "The given constraint name `{}` has to be unique in the following "
        "namespace: {}. Please provide a different name using the `map` "
        "argument.",
        name, scope);
  }

  void NameTooLong(const std::string& attr, const std::string& name,
                   Span span) {
    size_t limit = MaxIdentifierLength(p_);
    if (name.size() <= limit) return;
    ctx_.Error(vmsg::AttributeError(
                   attr, fmt::format("The constraint name '{}' specified in "
                                     "`map` is too long for your chosen "
                                     "provider. The maximum allowed length is "
                                     "{} bytes.",
                                     name, limit)),
               span);
  }

  void PrimaryKeyName(int mi) {
    const Model& m = Models()[mi];
    if (!m.primary_key || m.primary_key->db_name.empty()) return;
    const PrimaryKey& pk = *m.primary_key;
    std::string attr = pk.from_field_attribute ? "@id" : "@@id";
    if (pk.map) NameTooLong(attr, pk.db_name, pk.span);
    for (const auto& sc : NameClashes(mi, NameKind::kPrimaryKey, pk.db_name))
      ctx_.Error(vmsg::AttributeError(attr, NameClashMessage(pk.db_name, sc)),
                 pk.name_span);
  }

  void IndexName(int mi, const Index& idx) {
    if (idx.db_name.empty()) return;
    std::string attr = IndexAttribute(idx);
    for (const auto& sc : NameClashes(mi, NameKind::kIndex, idx.db_name))
      ctx_.Error(vmsg::AttributeError(attr, NameClashMessage(idx.db_name, sc)),
                 idx.name_span);
    if (idx.map) NameTooLong(attr, idx.db_name, idx.span);
  }

  // Foreign key names: too long here, clashes with the relation's checks.
  void ForeignKeyNames() {
    ctx_.fk_name_clashes.clear();
    for (size_t ri = 0; ri < ctx_.schema.relations.size(); ++ri) {
      const Relation& r = ctx_.schema.relations[ri];
      if (r.kind == Relation::Kind::kManyToMany || r.referencing_field < 0)
        continue;
      if (r.map) {
        const Field& f =
            Models()[r.referencing_model].fields[r.referencing_field];
        NameTooLong("@relation", *r.map, f.span);
      }
      for (const auto& sc :
           NameClashes(r.referencing_model, NameKind::kRelation, r.fk_db_name))
        ctx_.fk_name_clashes[static_cast<int>(ri)].push_back(
            NameClashMessage(r.fk_db_name, sc));
    }
  }

  std::map<std::tuple<int, std::string, std::string>, int> global_names_;
  std::map<std::tuple<int, int, std::string>, int> local_names_;

  void MultiSchema() {
    const Datasource& ds = ctx_.schema.datasource;
    if (ctx_.has_schemas && p_ != Provider::kPostgres) {
      ctx_.Error(
          "The `schemas` property is not supported on the current "
          "connector.",
          ctx_.schemas_span);
    }
    auto check = [&](const std::optional<std::string>& schema, Span span,
                     bool have_span, const char* what, const std::string& name,
                     Span block_span) {
      if (schema) {
        if (!have_span) return;
        if (std::find(ds.schemas.begin(), ds.schemas.end(), *schema) ==
            ds.schemas.end()) {
          ctx_.Error(
              "This schema is not defined in the datasource. Read more "
              "on `@@schema` at https://pris.ly/d/multi-schema",
              span);
        }
      } else if (ctx_.has_schemas && p_ == Provider::kPostgres) {
        ctx_.Error(
            fmt::format(
                "{}This {} is missing an `@@schema` "
                "attribute.",
                std::string_view(what) == "enum"
                    ? ""
                    : fmt::format("Error validating {} \"{}\": ", what, name),
                what),
            block_span);
      }
    };
    for (size_t mi = 0; mi < Models().size(); ++mi) {
      auto it = ctx_.schema_attr_spans.find({0, static_cast<int>(mi)});
      check(Models()[mi].schema,
            it != ctx_.schema_attr_spans.end() ? it->second : Span{},
            it != ctx_.schema_attr_spans.end(), Kind(static_cast<int>(mi)),
            Models()[mi].name, Models()[mi].span);
    }
    for (size_t ei = 0; ei < ctx_.schema.enums.size(); ++ei) {
      auto it = ctx_.schema_attr_spans.find({1, static_cast<int>(ei)});
      check(ctx_.schema.enums[ei].schema,
            it != ctx_.schema_attr_spans.end() ? it->second : Span{},
            it != ctx_.schema_attr_spans.end(), "enum",
            ctx_.schema.enums[ei].name, ctx_.schema.enums[ei].span);
    }
  }
};

// Operator classes and index types (GiST, GIN, SP-GiST, BRIN) against the
// indexed fields' types, as Prisma's PostgreSQL connector checks them.
void ModelRules::PostgresOps(int mi, const Index& idx,
                             const std::string& attr) {
  const Model& m = Models()[mi];
  const std::string algo = idx.algorithm.value_or("BTree");
  auto error = [&](const std::string& message) {
    ctx_.Error(vmsg::AttributeError(attr, message), idx.span);
  };
  if (algo == "SpGist" && idx.fields.size() != 1)
    error("SpGist does not support multi-column indices.");

  for (const auto& f : idx.fields) {
    if (f.field < 0) continue;
    if (f.ops && f.ops->rfind("raw(", 0) == 0) continue;
    const Field& field = m.fields[f.field];
    const std::string* op = f.ops ? &*f.ops : nullptr;
    // How Prisma prints the class in messages (its Display impl names
    // UuidMinMaxMultiOps "BitMinMaxOps").
    const std::string shown =
        !op ? "" : (*op == "UuidMinMaxMultiOps" ? "BitMinMaxOps" : *op);
    const std::string nt = field.native_type ? field.native_type->name : "";
    const bool has_nt = field.native_type.has_value();
    const bool scalar = field.kind == Field::Kind::kScalar;
    auto is = [&](ScalarType t) { return scalar && field.scalar == t; };
    auto op_is = [&](std::initializer_list<const char*> names) {
      if (!op) return false;
      for (const char* n : names)
        if (*op == n) return true;
      return false;
    };

    if (op) {
      bool ok;
      if (*op == "InetOps")
        ok = algo == "Gist" || algo == "SpGist";
      else if (op_is({"JsonbOps", "JsonbPathOps", "ArrayOps"}))
        ok = algo == "Gin";
      else if (*op == "TextOps")
        ok = algo == "SpGist";
      else
        ok = algo == "Brin";
      if (!ok) {
        error(fmt::format(
            "The given operator class `{}` is not supported with the `{}` "
            "index type.",
            shown, algo));
        continue;
      }
    }

    auto fail = [&]() {
      if (has_nt && op) {
        error(fmt::format(
            "The given operator class `{}` does not support native type `{}` "
            "of field `{}`.",
            shown, nt, field.name));
      } else if (has_nt) {
        error(fmt::format(
            "The {} index field type `{}` has no default operator class.", algo,
            nt));
      } else if (op) {
        error(fmt::format(
            "The given operator class `{}` expects the field `{}` to define a "
            "valid native type.",
            shown, field.name));
      } else {
        bool supported = true;
        if (field.kind != Field::Kind::kUnsupported) {
          if (algo == "Gist" || algo == "SpGist")
            supported = is(ScalarType::kString);
          else if (algo == "Gin")
            supported = is(ScalarType::kJson) || field.IsList();
          else if (algo == "Brin")
            supported = is(ScalarType::kString) || is(ScalarType::kBytes) ||
                        is(ScalarType::kDateTime) || is(ScalarType::kFloat) ||
                        is(ScalarType::kInt) || is(ScalarType::kBigInt) ||
                        is(ScalarType::kDecimal);
        }
        if (!supported)
          error(fmt::format(
              "The {} index type does not support the type of the field `{}`.",
              algo, field.name));
      }
    };
    auto not_of = [&](const char* type) {
      error(fmt::format(
          "The given operator class `{}` points to the field `{}` that is not "
          "of {} type.",
          shown, field.name, type));
    };

    if (algo == "Gist") {
      if (!(nt == "Inet" && op_is({"InetOps"}))) fail();
    } else if (algo == "Gin") {
      if (!has_nt && !op && is(ScalarType::kJson)) continue;
      if (!op && field.IsList()) continue;
      if (nt == "JsonB" && (!op || op_is({"JsonbOps", "JsonbPathOps"})))
        continue;
      if (!has_nt && op_is({"JsonbOps", "JsonbPathOps"})) {
        if (!is(ScalarType::kJson)) not_of("Json");
        continue;
      }
      if (op_is({"ArrayOps"})) {
        if (!field.IsList())
          error(fmt::format(
              "The given operator class `ArrayOps` expects the type of field "
              "`{}` to be an array.",
              field.name));
        continue;
      }
      fail();
    } else if (algo == "SpGist") {
      if (nt == "Inet" && (!op || op_is({"InetOps"}))) continue;
      if (!has_nt && !op && is(ScalarType::kString)) continue;
      if (!has_nt && op_is({"TextOps"})) {
        if (!is(ScalarType::kString)) not_of("String");
        continue;
      }
      if ((nt == "Text" || nt == "VarChar" || nt == "Char") &&
          (!op || op_is({"TextOps"})))
        continue;
      fail();
    } else if (algo == "Brin") {
      struct Row {
        const char* native;
        std::initializer_list<const char*> ops;
      };
      static const Row kRows[] = {
          {"Bit", {"BitMinMaxOps"}},
          {"VarBit", {"VarBitMinMaxOps"}},
          {"Char", {"BpcharBloomOps", "BpcharMinMaxOps"}},
          {"Date", {"DateBloomOps", "DateMinMaxOps", "DateMinMaxMultiOps"}},
          {"Real",
           {"Float4BloomOps", "Float4MinMaxOps", "Float4MinMaxMultiOps"}},
          {"DoublePrecision",
           {"Float8BloomOps", "Float8MinMaxOps", "Float8MinMaxMultiOps"}},
          {"Inet",
           {"InetInclusionOps", "InetBloomOps", "InetMinMaxOps",
            "InetMinMaxMultiOps"}},
          {"SmallInt", {"Int2BloomOps", "Int2MinMaxOps", "Int2MinMaxMultiOps"}},
          {"Integer", {"Int4BloomOps", "Int4MinMaxOps", "Int4MinMaxMultiOps"}},
          {"BigInt", {"Int8BloomOps", "Int8MinMaxOps", "Int8MinMaxMultiOps"}},
          {"Decimal",
           {"NumericBloomOps", "NumericMinMaxOps", "NumericMinMaxMultiOps"}},
          {"Oid", {"OidBloomOps", "OidMinMaxOps", "OidMinMaxMultiOps"}},
          {"ByteA", {"ByteaBloomOps", "ByteaMinMaxOps"}},
          {"Text", {"TextBloomOps", "TextMinMaxOps"}},
          {"VarChar", {"TextBloomOps", "TextMinMaxOps"}},
          {"Timestamp",
           {"TimestampBloomOps", "TimestampMinMaxOps",
            "TimestampMinMaxMultiOps"}},
          {"Timestamptz",
           {"TimestampTzBloomOps", "TimestampTzMinMaxOps",
            "TimestampTzMinMaxMultiOps"}},
          {"Time", {"TimeBloomOps", "TimeMinMaxOps", "TimeMinMaxMultiOps"}},
          {"Timetz",
           {"TimeTzBloomOps", "TimeTzMinMaxOps", "TimeTzMinMaxMultiOps"}},
          {"Uuid", {"UuidBloomOps", "UuidMinMaxOps", "UuidMinMaxMultiOps"}},
      };
      bool ok = false;
      if (has_nt) {
        for (const auto& r : kRows)
          if (nt == r.native && (!op || op_is(r.ops))) ok = true;
        if (ok) continue;
      } else {
        struct Plain {
          ScalarType type;
          const char* name;
          std::initializer_list<const char*> ops;
        };
        static const Plain kPlain[] = {
            {ScalarType::kFloat,
             "Float",
             {"Float8BloomOps", "Float8MinMaxOps", "Float8MinMaxMultiOps"}},
            {ScalarType::kInt,
             "Int",
             {"Int4BloomOps", "Int4MinMaxOps", "Int4MinMaxMultiOps"}},
            {ScalarType::kBigInt,
             "BigInt",
             {"Int8BloomOps", "Int8MinMaxOps", "Int8MinMaxMultiOps"}},
            {ScalarType::kDecimal,
             "Decimal",
             {"NumericBloomOps", "NumericMinMaxOps", "NumericMinMaxMultiOps"}},
            {ScalarType::kBytes, "Bytes", {"ByteaBloomOps", "ByteaMinMaxOps"}},
            {ScalarType::kString, "String", {"TextBloomOps", "TextMinMaxOps"}},
            {ScalarType::kDateTime,
             "DateTime",
             {"TimestampBloomOps", "TimestampMinMaxOps",
              "TimestampMinMaxMultiOps"}},
        };
        bool handled = false;
        for (const auto& r : kPlain) {
          if (!op && is(r.type)) {
            handled = true;
            break;
          }
          if (op_is(r.ops)) {
            if (!is(r.type)) not_of(r.name);
            handled = true;
            break;
          }
        }
        if (handled) continue;
      }
      fail();
    }
  }
}

}  // namespace

void ValidateModelRules(Context& ctx) { ModelRules(ctx).Run(); }

}  // namespace airlock::schema::internal
