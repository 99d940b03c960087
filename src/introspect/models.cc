#include "introspect/models.h"

#include <algorithm>
#include <climits>

#include "sqlschema/flavor.h"

namespace airlock::introspect {
namespace {

using sqlschema::ColumnFamily;

const char* kNoUniqueIdentifier =
    "The underlying table does not contain a valid unique identifier and can "
    "therefore currently not be handled by Prisma Client.";
const char* kExpressionIndex =
    "This model contains an expression index which requires additional "
    "setup for migrations. Visit https://pris.ly/d/expression-indexes for "
    "more info.";
const char* kInvalidFieldName =
    "This field was commented out because of an invalid name. Please provide "
    "a valid one that matches [a-zA-Z][a-zA-Z0-9_]*";

std::string List(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    out += items[i];
  }
  return out + "]";
}

std::string Args(const std::vector<std::string>& args) {
  std::string out;
  for (size_t i = 0; i < args.size(); ++i) {
    if (i) out += ", ";
    out += args[i];
  }
  return out;
}

std::string Attr(const std::string& name, const std::vector<std::string>& a) {
  return a.empty() ? name : name + "(" + Args(a) + ")";
}

const char* PslAction(sqlschema::Action a) {
  switch (a) {
    case sqlschema::Action::kCascade:
      return "Cascade";
    case sqlschema::Action::kRestrict:
      return "Restrict";
    case sqlschema::Action::kSetNull:
      return "SetNull";
    case sqlschema::Action::kSetDefault:
      return "SetDefault";
    case sqlschema::Action::kNoAction:
      break;
  }
  return "NoAction";
}

const char* Algorithm(const std::string& a) {
  if (a == "HASH") return "Hash";
  if (a == "GIST") return "Gist";
  if (a == "GIN") return "Gin";
  if (a == "SPGIST") return "SpGist";
  if (a == "BRIN") return "Brin";
  return nullptr;
}

class ModelBuilder {
 public:
  ModelBuilder(const Context& ctx, const Relations& rels, int table)
      : ctx_(ctx), rels_(rels), t_(table), table_(*ctx.tables[table]) {}

  ModelBlock Build() {
    ModelBlock out;
    Block& b = out.block;
    b.keyword = "model";
    const Name& name = ctx_.model_names[t_];
    b.name = name.name;
    const schema::Model* pm = ctx_.PrevModel(t_);
    out.previous = ctx_.prev_model[t_];
    if (pm && !pm->documentation.empty()) b.AddDocumentation(pm->documentation);
    if (name.renamed_reserved && name.map) {
      b.AddDocumentation("This model has been renamed to '" + name.name +
                         "' during introspection, because the original name '" +
                         *name.map + "' is reserved.");
      out.renamed_reserved = true;
    }
    bool ignored_in_psl = pm && pm->ignored;
    bool ignored = ctx_.ModelIgnored(t_);
    if (table_.columns.empty()) {
      b.AddDocumentation(
          ctx_.provider == sqlschema::Provider::kPostgres
              ? "We could not retrieve columns for the underlying table. "
                "Either it has none or you are missing rights to see them. "
                "Please check your privileges."
              : "We could not retrieve columns for the underlying table. You "
                "probably have no rights to see them. Please check your "
                "privileges.");
      b.commented_out = true;
    } else if (!ctx_.HasUsableIdentifier(t_) && !ignored_in_psl) {
      b.AddDocumentation(kNoUniqueIdentifier);
    }
    if (table_.has_expression_index) b.AddDocumentation(kExpressionIndex);

    for (size_t c = 0; c < table_.columns.size(); ++c) {
      b.lines.push_back(ScalarField(static_cast<int>(c)));
      const Name& fn = ctx_.field_names[t_][c];
      const schema::Field* pf = ctx_.PrevField(t_, static_cast<int>(c));
      if (pf && fn.map) out.remapped_fields.push_back(fn.name);
      if (ctx_.Family(t_, static_cast<int>(c)) == ColumnFamily::kUnsupported)
        out.unsupported.push_back(
            {b.lines.back().name,
             ctx_.dialect.UnsupportedName(table_.columns[c])});
      if (fn.name.empty()) out.empty_names.push_back(table_.columns[c].name);
    }
    out.remapped = pm && name.map.has_value();
    out.ignored = ignored && !ignored_in_psl;
    for (const auto& rf : rels_.fields[t_]) b.lines.push_back(RelationLine(rf));
    if (ctx_.emulated_relations && pm) {
      for (const auto& f : pm->fields) {
        if (f.kind != schema::Field::Kind::kRelation || f.relation < 0 ||
            !ctx_.PrevModelHasTable(ctx_.prev->FindModel(f.type_name))) {
          continue;
        }
        b.lines.push_back(EmulatedRelation(f));
        out.copied_relations = true;
      }
    }

    if (table_.primary_key && table_.primary_key->columns.size() > 1)
      b.block_attributes.push_back(BlockId());
    std::vector<std::pair<int, std::string>> indexes;
    for (const auto& idx : SortedIndexes()) {
      if (idx->IsUnique() && idx->columns.size() == 1) continue;
      indexes.push_back({PreviousIndexPosition(*idx), BlockIndex(*idx)});
    }
    std::stable_sort(
        indexes.begin(), indexes.end(),
        [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [pos, text] : indexes) b.block_attributes.push_back(text);
    if (name.map)
      b.block_attributes.push_back("@@map(" + Quote(*name.map) + ")");
    if (ignored) b.block_attributes.push_back("@@ignore");
    return out;
  }

 private:
  std::vector<const sqlschema::Index*> SortedIndexes() const {
    std::vector<const sqlschema::Index*> v;
    for (const auto& i : table_.indexes) v.push_back(&i);
    std::stable_sort(v.begin(), v.end(),
                     [](auto* a, auto* b) { return a->name < b->name; });
    return v;
  }

  std::vector<std::string> ColumnNames(
      const std::vector<sqlschema::IndexColumn>& cols) const {
    std::vector<std::string> v;
    for (const auto& c : cols) v.push_back(c.name);
    return v;
  }

  std::string FieldName(const std::string& column) const {
    int c = ctx_.ColumnIndex(t_, column);
    return c < 0 ? column : ctx_.field_names[t_][c].name;
  }

  // The previous schema's index with this database name: its position.
  int PreviousIndexPosition(const sqlschema::Index& idx) const {
    const schema::Model* pm = ctx_.PrevModel(t_);
    if (!pm) return INT_MAX;
    for (size_t i = 0; i < pm->indexes.size(); ++i) {
      const auto& pi = pm->indexes[i];
      if (pi.db_name == idx.name || (!pi.map && pi.name == idx.name))
        return static_cast<int>(i);
    }
    return INT_MAX;
  }

  const schema::Index* PreviousIndex(const sqlschema::Index& idx) const {
    const schema::Model* pm = ctx_.PrevModel(t_);
    int pos = PreviousIndexPosition(idx);
    return pm && pos != INT_MAX ? &pm->indexes[pos] : nullptr;
  }

  std::string DefaultIndexName(const sqlschema::Index& idx) const {
    return sqlschema::ConstraintName(table_.name, ColumnNames(idx.columns),
                                     idx.IsUnique() ? "_key" : "_idx",
                                     ctx_.dialect.MaxIdentifierLength());
  }

  // `a(length: 10, sort: Desc)` for block attributes.
  std::string IndexFieldText(const sqlschema::IndexColumn& ic) const {
    std::vector<std::string> args;
    if (ic.length) args.push_back("length: " + std::to_string(*ic.length));
    if (ic.sort == sqlschema::SortOrder::kDesc) args.push_back("sort: Desc");
    if (ic.opclass && !ic.opclass->empty())
      args.push_back("ops: " + *ic.opclass);
    return Attr(FieldName(ic.name), args);
  }

  std::string BlockId() const {
    const auto& pk = *table_.primary_key;
    std::vector<std::string> fields;
    for (const auto& ic : pk.columns) fields.push_back(IndexFieldText(ic));
    std::vector<std::string> args = {List(fields)};
    const schema::Model* pm = ctx_.PrevModel(t_);
    if (pm && pm->primary_key && pm->primary_key->name)
      args.push_back("name: " + Quote(*pm->primary_key->name));
    if (auto map = PrimaryKeyMap()) args.push_back("map: " + Quote(*map));
    return Attr("@@id", args);
  }

  std::optional<std::string> PrimaryKeyMap() const {
    if (!ctx_.dialect.NamesPrimaryKeys() || !table_.primary_key)
      return std::nullopt;
    const std::string& name = table_.primary_key->name;
    std::string dflt = sqlschema::PrimaryKeyName(
        table_.name, ctx_.dialect.MaxIdentifierLength());
    if (name.empty() || name == dflt) return std::nullopt;
    return name;
  }

  std::string BlockIndex(const sqlschema::Index& idx) const {
    std::vector<std::string> fields;
    for (const auto& ic : idx.columns) fields.push_back(IndexFieldText(ic));
    std::vector<std::string> args = {List(fields)};
    const schema::Index* prev = PreviousIndex(idx);
    if (prev && prev->name) args.push_back("name: " + Quote(*prev->name));
    if (idx.name != DefaultIndexName(idx))
      args.push_back("map: " + Quote(idx.name));
    if (ctx_.provider == sqlschema::Provider::kPostgres) {
      if (const char* algo = Algorithm(idx.algorithm))
        args.push_back(std::string("type: ") + algo);
    }
    const char* kind = idx.kind == sqlschema::Index::Kind::kUnique ? "@@unique"
                       : idx.kind == sqlschema::Index::Kind::kFulltext
                           ? "@@fulltext"
                           : "@@index";
    return Attr(kind, args);
  }

  std::string DefaultText(int c, ColumnFamily family) const {
    const auto& col = table_.columns[c];
    const schema::Field* pf = ctx_.PrevField(t_, c);
    bool autoinc =
        (family == ColumnFamily::kInt || family == ColumnFamily::kBigInt) &&
        (col.auto_increment || ctx_.dialect.ImplicitAutoincrement(table_, col));
    if (autoinc) return "@default(autoincrement())";
    ParsedDefault d = ctx_.dialect.Default(col, family);
    using K = ParsedDefault::Kind;
    switch (d.kind) {
      case K::kAutoincrement:
        return "@default(autoincrement())";
      case K::kNow:
        return family == ColumnFamily::kDateTime ? "@default(now())" : "";
      case K::kString:
        return "@default(" + Quote(d.value) + ")";
      case K::kConstant:
        return "@default(" + d.value + ")";
      case K::kEnumValue: {
        int e = ctx_.EnumOf(t_, col);
        if (e >= 0) {
          const auto& info = ctx_.enums[e];
          for (size_t v = 0; v < info.db->values.size(); ++v) {
            if (info.db->values[v] != d.value) continue;
            const Name& vn = info.values[v];
            if (!vn.name.empty()) return "@default(" + vn.name + ")";
            return "@default(dbgenerated(" + Quote(d.value) + "))";
          }
        }
        return "@default(dbgenerated(" + Quote(d.value) + "))";
      }
      case K::kDbGenerated:
        return d.value.empty()
                   ? "@default(dbgenerated())"
                   : "@default(dbgenerated(" + Quote(d.value) + "))";
      case K::kStringList:
      case K::kConstantList: {
        std::vector<std::string> items;
        for (const auto& v : d.list) {
          if (d.kind == K::kStringList) {
            items.push_back(Quote(v));
          } else if (family == ColumnFamily::kEnum) {
            int e = ctx_.EnumOf(t_, col);
            std::string name = v;
            if (e >= 0) {
              const auto& info = ctx_.enums[e];
              for (size_t k = 0; k < info.db->values.size(); ++k)
                if (info.db->values[k] == v) name = info.values[k].name;
            }
            items.push_back(name);
          } else {
            items.push_back(v);
          }
        }
        return "@default(" + List(items) + ")";
      }
      case K::kNone:
        break;
    }
    // Client-side defaults the database cannot show, kept from the schema.
    if (pf && pf->default_value && family == ColumnFamily::kString) {
      using DK = schema::DefaultValue::Kind;
      const auto& pd = *pf->default_value;
      auto fn = [&](const char* name) {
        return std::string("@default(") + name + "(" +
               (pd.array_values.empty() ? "" : pd.array_values[0]) + "))";
      };
      switch (pd.kind) {
        case DK::kCuid:
          return fn("cuid");
        case DK::kUuid:
          return fn("uuid");
        case DK::kUlid:
          return "@default(ulid())";
        case DK::kNanoid:
          return fn("nanoid");
        default:
          break;
      }
    }
    return "";
  }

  Line ScalarField(int c) {
    const auto& col = table_.columns[c];
    const schema::Field* pf = ctx_.PrevField(t_, c);
    const Name& name = ctx_.field_names[t_][c];
    ColumnFamily family = ctx_.Family(t_, c);
    Line l;
    if (pf) l.documentation = pf->documentation;
    l.name = name.name.empty() ? col.name : name.name;
    bool unsupported = family == ColumnFamily::kUnsupported;
    if (unsupported) {
      l.type = "Unsupported(" + Quote(ctx_.dialect.UnsupportedName(col)) + ")";
    } else if (family == ColumnFamily::kEnum) {
      l.type = ctx_.enums[ctx_.EnumOf(t_, col)].name.name;
    } else {
      l.type = sqlschema::NamesOf(family).psl;
    }
    bool required = col.arity == sqlschema::Arity::kRequired ||
                    ctx_.dialect.ImplicitAutoincrement(table_, col);
    if (col.arity == sqlschema::Arity::kList) {
      l.type += "[]";
    } else if (!required) {
      l.type += "?";
    }
    if (pf && pf->updated_at) l.attributes.push_back("@updatedAt");
    // @unique: the first single-column unique index on this column.
    for (const auto* idx : SortedIndexes()) {
      if (!idx->IsUnique() || idx->columns.size() != 1 ||
          idx->columns[0].name != col.name) {
        continue;
      }
      std::vector<std::string> args;
      if (idx->name != DefaultIndexName(*idx))
        args.push_back("map: " + Quote(idx->name));
      if (idx->columns[0].sort == sqlschema::SortOrder::kDesc)
        args.push_back("sort: Desc");
      if (idx->columns[0].length)
        args.push_back("length: " + std::to_string(*idx->columns[0].length));
      l.attributes.push_back(Attr("@unique", args));
      break;
    }
    if (table_.primary_key && table_.primary_key->columns.size() == 1 &&
        table_.primary_key->columns[0].name == col.name) {
      const auto& ic = table_.primary_key->columns[0];
      std::vector<std::string> args;
      if (ic.sort == sqlschema::SortOrder::kDesc) args.push_back("sort: Desc");
      if (ic.length) args.push_back("length: " + std::to_string(*ic.length));
      if (auto map = PrimaryKeyMap()) args.push_back("map: " + Quote(*map));
      l.attributes.push_back(Attr("@id", args));
    }
    std::string dflt = DefaultText(c, family);
    if (!dflt.empty()) l.attributes.push_back(dflt);
    if (name.map) l.attributes.push_back("@map(" + Quote(*name.map) + ")");
    if (auto native = ctx_.dialect.NativeType(col, family))
      l.attributes.push_back("@db." + *native);
    if (pf && pf->ignored) l.attributes.push_back("@ignore");
    if (name.name.empty()) {
      if (!l.documentation.empty()) l.documentation += "\n";
      l.documentation += kInvalidFieldName;
      l.commented_out = true;
    }
    return l;
  }

  // relationMode = "prisma": the relation field as the previous schema
  // declares it (its related model must still have a table).
  Line EmulatedRelation(const schema::Field& f) const {
    const auto& rel = ctx_.prev->relations[f.relation];
    const schema::Model* pm = ctx_.PrevModel(t_);
    bool forward = !rel.fields.empty() &&
                   &ctx_.prev->models[rel.referencing_model] == pm &&
                   rel.referencing_field >= 0 &&
                   &ctx_.prev->models[rel.referencing_model]
                           .fields[rel.referencing_field] == &f;
    Line l;
    l.name = f.name;
    l.documentation = f.documentation;
    l.type = f.type_name;
    if (f.IsOptional()) l.type += "?";
    if (f.IsList()) l.type += "[]";
    std::vector<std::string> args;
    if (rel.explicit_name) args.push_back(Quote(rel.name));
    if (forward) {
      const auto& referenced = ctx_.prev->models[rel.referenced_model];
      std::vector<std::string> fields, refs;
      for (int i : rel.fields) fields.push_back(pm->fields[i].name);
      for (int i : rel.references) refs.push_back(referenced.fields[i].name);
      args.push_back("fields: " + List(fields));
      args.push_back("references: " + List(refs));
      if (rel.on_delete)
        args.push_back(std::string("onDelete: ") +
                       schema::ReferentialActionName(*rel.on_delete));
      if (rel.on_update)
        args.push_back(std::string("onUpdate: ") +
                       schema::ReferentialActionName(*rel.on_update));
      if (rel.map) args.push_back("map: " + Quote(*rel.map));
    }
    if (!args.empty()) l.attributes.push_back(Attr("@relation", args));
    if (f.ignored) l.attributes.push_back("@ignore");
    return l;
  }

  bool ForwardIsUnique(const InlineRelation& r) const {
    const auto& t = *ctx_.tables[r.table];
    const auto& fk = t.foreign_keys[r.fk];
    auto covered = [&](const std::vector<sqlschema::IndexColumn>& cols) {
      if (cols.empty()) return false;
      for (const auto& ic : cols)
        if (std::find(fk.columns.begin(), fk.columns.end(), ic.name) ==
            fk.columns.end())
          return false;
      return true;
    };
    if (t.primary_key && covered(t.primary_key->columns)) return true;
    for (const auto& idx : t.indexes)
      if (idx.IsUnique() && covered(idx.columns)) return true;
    return false;
  }

  Line RelationLine(const RelationField& rf) const {
    Line l;
    if (rf.many_to_many) {
      const auto& m = rels_.m2m[rf.relation];
      l.name = rf.forward ? m.field_a : m.field_b;
      l.type = ctx_.model_names[rf.forward ? m.model_b : m.model_a].name + "[]";
      if (!m.name.empty())
        l.attributes.push_back("@relation(" + Quote(m.name) + ")");
      return l;
    }
    const auto& r = rels_.inline_relations[rf.relation];
    const auto& t = *ctx_.tables[r.table];
    const auto& fk = t.foreign_keys[r.fk];
    bool any_required = false, any_optional = false;
    for (const auto& col : fk.columns) {
      int c = t.FindColumn(col);
      bool req =
          c >= 0 && (t.columns[c].arity == sqlschema::Arity::kRequired ||
                     ctx_.dialect.ImplicitAutoincrement(t, t.columns[c]));
      (req ? any_required : any_optional) = true;
    }
    bool missing_ids = !ctx_.HasUsableIdentifier(r.table) ||
                       !ctx_.HasUsableIdentifier(r.referenced);
    if (rf.forward) {
      l.name = r.forward;
      l.type = ctx_.model_names[r.referenced].name;
      if (any_optional) l.type += "?";
      std::vector<std::string> args;
      if (!r.name.empty()) args.push_back(Quote(r.name));
      std::vector<std::string> fields, refs;
      for (const auto& col : fk.columns) {
        int c = t.FindColumn(col);
        fields.push_back(c < 0 ? col : ctx_.field_names[r.table][c].name);
      }
      for (const auto& col : fk.referenced_columns) {
        int c = ctx_.ColumnIndex(r.referenced, col);
        refs.push_back(c < 0 ? col : ctx_.field_names[r.referenced][c].name);
      }
      args.push_back("fields: " + List(fields));
      args.push_back("references: " + List(refs));
      using A = sqlschema::Action;
      std::optional<std::string> on_delete;
      switch (fk.on_delete) {
        case A::kSetNull:
          if (any_required) on_delete = "SetNull";
          break;
        case A::kRestrict:
          if (!any_required) on_delete = "Restrict";
          break;
        default:
          on_delete = PslAction(fk.on_delete);
      }
      if (on_delete) args.push_back("onDelete: " + *on_delete);
      if (fk.on_update != A::kCascade)
        args.push_back(std::string("onUpdate: ") + PslAction(fk.on_update));
      if (auto map = ForeignKeyMap(r, fk))
        args.push_back("map: " + Quote(*map));
      l.attributes.push_back(Attr("@relation", args));
      if (missing_ids && !ctx_.ModelIgnored(r.table))
        l.attributes.push_back("@ignore");
    } else {
      l.name = r.back;
      l.type = ctx_.model_names[r.table].name;
      l.type += ForwardIsUnique(r) ? "?" : "[]";
      if (missing_ids && !ctx_.ModelIgnored(r.referenced))
        l.attributes.push_back("@ignore");
      if (!r.name.empty())
        l.attributes.insert(l.attributes.begin(),
                            "@relation(" + Quote(r.name) + ")");
    }
    return l;
  }

  std::optional<std::string> ForeignKeyMap(
      const InlineRelation& r, const sqlschema::ForeignKey& fk) const {
    if (r.previous >= 0) {
      const auto& rel = ctx_.prev->relations[r.previous];
      if (rel.map) return rel.map;
    }
    if (!ctx_.dialect.NamesForeignKeys() || fk.name.empty())
      return std::nullopt;
    std::string dflt =
        sqlschema::ConstraintName(ctx_.tables[r.table]->name, fk.columns,
                                  "_fkey", ctx_.dialect.MaxIdentifierLength());
    if (fk.name == dflt) return std::nullopt;
    return fk.name;
  }

  const Context& ctx_;
  const Relations& rels_;
  int t_;
  const sqlschema::Table& table_;
};

}  // namespace

std::vector<ModelBlock> BuildModels(const Context& ctx, const Relations& rels) {
  std::vector<ModelBlock> out;
  for (size_t t = 0; t < ctx.tables.size(); ++t) {
    if (ctx.hidden[t] || ctx.join_table[t]) continue;
    out.push_back(ModelBuilder(ctx, rels, static_cast<int>(t)).Build());
  }
  // Models of the previous schema keep their place; new ones follow.
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    int pa = a.previous < 0 ? INT_MAX : a.previous;
    int pb = b.previous < 0 ? INT_MAX : b.previous;
    return pa < pb;
  });
  return out;
}

}  // namespace airlock::introspect
