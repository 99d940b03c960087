#include "sqlschema/calculate.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <tuple>

#include "sqlschema/default_literals.h"
#include "sqlschema/flavor.h"

namespace airlock::sqlschema {
namespace {

using schema::DefaultValue;
using schema::Field;
using schema::Model;

std::optional<SortOrder> Sort(const std::optional<schema::SortOrder>& s) {
  if (!s) return std::nullopt;
  return *s == schema::SortOrder::kDesc ? SortOrder::kDesc : SortOrder::kAsc;
}

Action ActionOf(schema::ReferentialAction a) {
  switch (a) {
    case schema::ReferentialAction::kCascade:
      return Action::kCascade;
    case schema::ReferentialAction::kRestrict:
      return Action::kRestrict;
    case schema::ReferentialAction::kNoAction:
      return Action::kNoAction;
    case schema::ReferentialAction::kSetNull:
      return Action::kSetNull;
    case schema::ReferentialAction::kSetDefault:
      return Action::kSetDefault;
  }
  return Action::kNoAction;
}

// `JsonbPathOps` -> `jsonb_path_ops`; `raw("x")` -> `x`.
std::string OpclassSql(const std::string& ops) {
  if (ops.rfind("raw(", 0) == 0) {
    std::string inner = ops.substr(4, ops.size() - 5);
    if (inner.size() >= 2 && inner.front() == '"') {
      inner = inner.substr(1, inner.size() - 2);
    }
    return inner;
  }
  std::string out;
  for (size_t i = 0; i < ops.size(); ++i) {
    char c = ops[i];
    if (std::isupper(static_cast<unsigned char>(c))) {
      if (i > 0) out += '_';
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      out += c;
    }
  }
  return out;
}

std::string AlgorithmSql(const std::optional<std::string>& a) {
  if (!a || *a == "BTree") return "";
  if (*a == "SpGist") return "SPGIST";
  std::string out;
  for (char c : *a)
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string UnsupportedText(const std::string& type_name) {
  const std::string prefix = "Unsupported(\"";
  if (type_name.rfind(prefix, 0) == 0 &&
      type_name.size() >= prefix.size() + 2) {
    return type_name.substr(prefix.size(),
                            type_name.size() - prefix.size() - 2);
  }
  return type_name;
}

class Calculator {
 public:
  Calculator(const schema::Schema& s, Provider p)
      : s_(s),
        flavor_(FlavorFor(p)),
        multi_schema_(!s.datasource.schemas.empty()) {
    out_.provider = p;
  }

  SqlSchema Run() {
    std::set<std::string> namespaces;
    for (const auto& e : s_.enums) {
      if (!flavor_.has_enum_types() && p() != Provider::kMysql) continue;
      Enum out;
      out.name = e.db_name;
      if (multi_schema_ && e.schema) {
        out.schema = e.schema;
        namespaces.insert(*e.schema);
      }
      for (const auto& v : e.values) out.values.push_back(v.db_name);
      out_.enums.push_back(std::move(out));
    }
    table_of_model_.assign(s_.models.size(), -1);
    for (size_t m = 0; m < s_.models.size(); ++m) {
      const Model& model = s_.models[m];
      if (model.is_view) continue;
      table_of_model_[m] = static_cast<int>(out_.tables.size());
      out_.tables.push_back(ModelTable(model));
      if (out_.tables.back().schema)
        namespaces.insert(*out_.tables.back().schema);
    }
    std::vector<int> order = RelationOrder();
    int ordinal = 0;
    if (!s_.datasource.relation_mode_prisma) {
      for (int r : order) {
        const auto& rel = s_.relations[r];
        if (rel.kind == schema::Relation::Kind::kManyToMany) continue;
        PushForeignKey(rel, ordinal++);
      }
    }
    for (int r : order) {
      const auto& rel = s_.relations[r];
      if (rel.kind != schema::Relation::Kind::kManyToMany) continue;
      PushJoinTable(rel, ordinal);
    }
    if (multi_schema_)
      out_.namespaces.assign(namespaces.begin(), namespaces.end());
    if (p() == Provider::kPostgres) {
      for (const auto& e : s_.datasource.extensions) {
        out_.extensions.push_back({e.db_name.value_or(e.name),
                                   e.schema.value_or(""),
                                   e.version.value_or("")});
      }
      std::stable_sort(out_.extensions.begin(), out_.extensions.end(),
                       [](const Extension& a, const Extension& b) {
                         return a.name < b.name;
                       });
    }
    return std::move(out_);
  }

 private:
  Provider p() const { return flavor_.provider(); }

  std::optional<std::string> SchemaOf(const Model& m) const {
    if (!multi_schema_) return std::nullopt;
    if (m.schema) return m.schema;
    return std::nullopt;
  }

  std::string EnumDbName(const std::string& enum_name) const {
    int e = s_.FindEnum(enum_name);
    return e < 0 ? enum_name : s_.enums[e].db_name;
  }

  std::string EnumValueDbName(const std::string& enum_name,
                              const std::string& value) const {
    int e = s_.FindEnum(enum_name);
    if (e < 0) return value;
    for (const auto& v : s_.enums[e].values) {
      if (v.name == value) return v.db_name;
    }
    return value;
  }

  ColumnType TypeOf(const Field& f) const {
    switch (f.kind) {
      case Field::Kind::kEnum:
        return flavor_.EnumType(EnumDbName(f.type_name));
      case Field::Kind::kUnsupported:
        return {ColumnFamily::kUnsupported, UnsupportedText(f.type_name)};
      default:
        return flavor_.ScalarType(f);
    }
  }

  std::string LiteralSql(const Field& f, const ColumnType& type,
                         const std::string& value,
                         DefaultValue::LiteralKind kind) const {
    if (f.kind == Field::Kind::kEnum) {
      return flavor_.StringLiteral(EnumValueDbName(f.type_name, value));
    }
    bool numeric = type.family == ColumnFamily::kInt ||
                   type.family == ColumnFamily::kBigInt ||
                   type.family == ColumnFamily::kFloat ||
                   type.family == ColumnFamily::kDecimal;
    if (numeric) return value;  // Prisma coerces "2.00" to the number 2.00
    if (type.family == ColumnFamily::kDateTime) {
      // Prisma parses the RFC 3339 text and writes it back its own way.
      auto text = DateTimeDefaultText(value, p() == Provider::kMysql
                                                 ? DateTimeStyle::kMysqlUtc
                                                 : DateTimeStyle::kSpaced);
      if (text) return flavor_.StringLiteral(*text);
    }
    if (type.family == ColumnFamily::kBytes) {
      // base64 in the schema, hex in SQL (`'\x…'` is PostgreSQL's bytea).
      auto hex = Base64ToHex(value);
      if (hex) {
        return flavor_.StringLiteral(p() == Provider::kPostgres ? "\\x" + *hex
                                                                : *hex);
      }
    }
    switch (kind) {
      case DefaultValue::LiteralKind::kString:
        return flavor_.StringLiteral(value);
      default:
        if (type.family == ColumnFamily::kString ||
            type.family == ColumnFamily::kDateTime ||
            type.family == ColumnFamily::kJson) {
          return flavor_.StringLiteral(value);
        }
        return value;
    }
  }

  void ApplyDefault(const Field& f, Column& col) const {
    if (!f.default_value) return;
    const DefaultValue& d = *f.default_value;
    using K = DefaultValue::Kind;
    switch (d.kind) {
      case K::kAutoincrement:
        col.auto_increment = true;
        return;
      case K::kNow:
        col.default_value =
            sqlschema::DefaultValue{flavor_.NowSql(col.type), false, true};
        return;
      case K::kDbGenerated:
        if (!d.value.empty()) {
          col.default_value = sqlschema::DefaultValue{d.value, true, false};
        }
        return;
      case K::kUuid:
      case K::kCuid:
      case K::kUlid:
      case K::kNanoid:
      case K::kSequence:
        return;
      case K::kEnumValue:
        if (col.arity == Arity::kList) break;
        col.default_value = sqlschema::DefaultValue{
            flavor_.StringLiteral(EnumValueDbName(f.type_name, d.value))};
        return;
      case K::kLiteral:
        break;
    }
    if (p() == Provider::kMysql && (col.type.family == ColumnFamily::kJson ||
                                    col.type.family == ColumnFamily::kBytes)) {
      return;
    }
    if (d.literal == DefaultValue::LiteralKind::kArray ||
        col.arity == Arity::kList) {
      std::string out = "ARRAY[";
      std::vector<std::string> values = d.array_values;
      if (values.empty() && d.kind == K::kEnumValue &&
          d.literal != DefaultValue::LiteralKind::kArray) {
        values.push_back(d.value);
      }
      for (size_t i = 0; i < values.size(); ++i) {
        if (i > 0) out += ", ";
        std::string v = values[i];
        if (v.size() >= 2 && v.front() == '"' && v.back() == '"') {
          v = v.substr(1, v.size() - 2);
          out += col.type.family == ColumnFamily::kDateTime ||
                         col.type.family == ColumnFamily::kBytes
                     ? LiteralSql(f, col.type, v,
                                  DefaultValue::LiteralKind::kString)
                     : flavor_.StringLiteral(v);
        } else if (f.kind == Field::Kind::kEnum ||
                   col.type.family == ColumnFamily::kString ||
                   col.type.family == ColumnFamily::kDateTime ||
                   col.type.family == ColumnFamily::kBytes) {
          out += LiteralSql(f, col.type, v, DefaultValue::LiteralKind::kString);
        } else {
          out += v;
        }
      }
      out += "]::";
      out += col.type.family == ColumnFamily::kEnum
                 ? "\"" + col.type.native + "\"[]"
                 : col.type.native + "[]";
      col.default_value = sqlschema::DefaultValue{out};
      return;
    }
    col.default_value =
        sqlschema::DefaultValue{LiteralSql(f, col.type, d.value, d.literal)};
  }

  Table ModelTable(const Model& m) const {
    Table t;
    t.name = m.db_name.empty() ? m.name : m.db_name;
    t.schema = SchemaOf(m);
    for (const Field& f : m.fields) {
      if (f.kind == Field::Kind::kRelation ||
          f.kind == Field::Kind::kComposite) {
        continue;
      }
      Column c;
      c.name = f.db_name.empty() ? f.name : f.db_name;
      c.type = TypeOf(f);
      c.arity = f.IsList()       ? Arity::kList
                : f.IsOptional() ? Arity::kNullable
                                 : Arity::kRequired;
      ApplyDefault(f, c);
      t.columns.push_back(std::move(c));
    }
    auto column_name = [&](int field) {
      const Field& f = m.fields[field];
      return f.db_name.empty() ? f.name : f.db_name;
    };
    if (m.primary_key) {
      PrimaryKey pk;
      for (const auto& f : m.primary_key->fields) {
        pk.columns.push_back(
            {column_name(f.field), Sort(f.sort), f.length, {}});
      }
      if (flavor_.names_primary_keys()) {
        pk.name = m.primary_key->map
                      ? *m.primary_key->map
                      : PrimaryKeyName(t.name, flavor_.max_identifier_length());
      }
      t.primary_key = std::move(pk);
    }
    // Prisma's order: field-level @unique, then @@index, @@unique, @@fulltext.
    auto rank = [](const schema::Index& i) {
      if (i.from_field_attribute) return 0;
      switch (i.kind) {
        case schema::Index::Kind::kNormal:
          return 1;
        case schema::Index::Kind::kUnique:
          return 2;
        case schema::Index::Kind::kFulltext:
          return 3;
      }
      return 3;
    };
    std::vector<const schema::Index*> indexes;
    for (const auto& i : m.indexes) indexes.push_back(&i);
    std::stable_sort(indexes.begin(), indexes.end(),
                     [&](auto* a, auto* b) { return rank(*a) < rank(*b); });
    for (const schema::Index* i : indexes) {
      Index idx;
      std::vector<std::string> names;
      for (const auto& f : i->fields) {
        IndexColumn ic{column_name(f.field), Sort(f.sort), f.length, {}};
        if (f.ops && p() == Provider::kPostgres)
          ic.opclass = OpclassSql(*f.ops);
        names.push_back(ic.name);
        idx.columns.push_back(std::move(ic));
      }
      switch (i->kind) {
        case schema::Index::Kind::kUnique:
          idx.kind = Index::Kind::kUnique;
          break;
        case schema::Index::Kind::kNormal:
          idx.kind = Index::Kind::kNormal;
          break;
        case schema::Index::Kind::kFulltext:
          idx.kind = Index::Kind::kFulltext;
          break;
      }
      idx.name = i->map ? *i->map
                        : ConstraintName(t.name, names,
                                         idx.IsUnique() ? "_key" : "_idx",
                                         flavor_.max_identifier_length());
      if (p() == Provider::kPostgres)
        idx.algorithm = AlgorithmSql(i->algorithm);
      t.indexes.push_back(std::move(idx));
    }
    return t;
  }

  // Prisma numbers relations in the order it meets them while walking models
  // and their fields: one-to-one and one-to-many at the field holding the
  // foreign key, many-to-many at the field of model A (first by name).
  std::vector<int> RelationOrder() const {
    std::vector<std::tuple<int, int, int>> keys;
    for (size_t r = 0; r < s_.relations.size(); ++r) {
      const auto& rel = s_.relations[r];
      std::pair<int, int> k{rel.referencing_model, rel.referencing_field};
      if (rel.kind == schema::Relation::Kind::kManyToMany &&
          rel.referenced_model >= 0 && rel.referencing_model >= 0 &&
          s_.models[rel.referenced_model].name <
              s_.models[rel.referencing_model].name) {
        k = {rel.referenced_model, rel.referenced_field};
      }
      keys.emplace_back(k.first, k.second, static_cast<int>(r));
    }
    std::stable_sort(keys.begin(), keys.end());
    std::vector<int> out;
    for (auto& k : keys) out.push_back(std::get<2>(k));
    return out;
  }

  void PushForeignKey(const schema::Relation& rel, int ordinal) {
    if (rel.fields.empty() || rel.referencing_model < 0 ||
        rel.referenced_model < 0) {
      return;
    }
    int t = table_of_model_[rel.referencing_model];
    int rt = table_of_model_[rel.referenced_model];
    if (t < 0 || rt < 0) return;
    const Model& m = s_.models[rel.referencing_model];
    const Model& rm = s_.models[rel.referenced_model];
    ForeignKey fk;
    bool any_required = false;
    for (int f : rel.fields) {
      const Field& field = m.fields[f];
      fk.columns.push_back(field.db_name.empty() ? field.name : field.db_name);
      if (field.IsRequired()) any_required = true;
    }
    for (int f : rel.references) {
      const Field& field = rm.fields[f];
      fk.referenced_columns.push_back(field.db_name.empty() ? field.name
                                                            : field.db_name);
    }
    fk.referenced_table = out_.tables[rt].name;
    fk.referenced_schema = out_.tables[rt].schema;
    fk.on_delete = rel.on_delete  ? ActionOf(*rel.on_delete)
                   : any_required ? flavor_.RequiredOnDelete()
                                  : Action::kSetNull;
    fk.on_update = rel.on_update ? ActionOf(*rel.on_update) : Action::kCascade;
    fk.name = rel.map ? *rel.map
                      : ConstraintName(out_.tables[t].name, fk.columns, "_fkey",
                                       flavor_.max_identifier_length());
    fk.ordinal = ordinal;
    out_.tables[t].foreign_keys.push_back(std::move(fk));
  }

  const Field* IdField(int model) const {
    const Model& m = s_.models[model];
    if (!m.primary_key || m.primary_key->fields.size() != 1) return nullptr;
    return &m.fields[m.primary_key->fields[0].field];
  }

  void PushJoinTable(const schema::Relation& rel, int& ordinal) {
    int ma = rel.referencing_model, mb = rel.referenced_model;
    if (ma < 0 || mb < 0) return;
    if (s_.models[mb].name < s_.models[ma].name) std::swap(ma, mb);
    const Field* fa = IdField(ma);
    const Field* fb = IdField(mb);
    int ta = table_of_model_[ma], tb = table_of_model_[mb];
    if (!fa || !fb || ta < 0 || tb < 0) return;
    Table t;
    t.name = "_" + rel.name;
    t.schema = out_.tables[ta].schema;
    Column a{"A", TypeOf(*fa), Arity::kRequired, std::nullopt, false};
    Column b{"B", TypeOf(*fb), Arity::kRequired, std::nullopt, false};
    t.columns = {a, b};
    if (p() == Provider::kPostgres) {
      t.primary_key = PrimaryKey{t.name + "_AB_pkey", {{"A"}, {"B"}}};
    } else {
      t.indexes.push_back(Index{
          t.name + "_AB_unique", Index::Kind::kUnique, {{"A"}, {"B"}}, ""});
    }
    t.indexes.push_back(
        Index{t.name + "_B_index", Index::Kind::kNormal, {{"B"}}, ""});
    if (!s_.datasource.relation_mode_prisma) {
      auto column_of = [](const Field& f) {
        return f.db_name.empty() ? f.name : f.db_name;
      };
      ForeignKey fka{t.name + "_A_fkey",     {"A"},
                     out_.tables[ta].schema, out_.tables[ta].name,
                     {column_of(*fa)},       Action::kCascade,
                     Action::kCascade,       ordinal++};
      ForeignKey fkb{t.name + "_B_fkey",     {"B"},
                     out_.tables[tb].schema, out_.tables[tb].name,
                     {column_of(*fb)},       Action::kCascade,
                     Action::kCascade,       ordinal++};
      t.foreign_keys = {fka, fkb};
    }
    out_.tables.push_back(std::move(t));
  }

  const schema::Schema& s_;
  const Flavor& flavor_;
  bool multi_schema_;
  SqlSchema out_;
  std::vector<int> table_of_model_;
};

}  // namespace

SqlSchema Calculate(const schema::Schema& schema, Provider provider) {
  return Calculator(schema, provider).Run();
}

}  // namespace airlock::sqlschema
