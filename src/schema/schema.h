// The validated, resolved schema: what `Validate` builds from the AST once the
// schema has no errors. Names are resolved (database names after @map/@@map),
// relations are paired, defaults and native types are typed. Everything
// downstream (sqlschema, migrate, db pull) reads this, never the AST.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/diagnostics.h"

namespace airlock::schema {

enum class Provider { kSqlite, kMysql, kPostgres };
const char* ProviderName(Provider p);  // "sqlite", "mysql", "postgresql"

enum class ScalarType {
  kInt,
  kBigInt,
  kFloat,
  kDecimal,
  kBoolean,
  kString,
  kDateTime,
  kJson,
  kBytes,
};
const char* ScalarTypeName(ScalarType t);

enum class FieldArity { kRequired, kOptional, kList };

enum class ReferentialAction {
  kCascade,
  kRestrict,
  kNoAction,
  kSetNull,
  kSetDefault
};
const char* ReferentialActionName(ReferentialAction a);  // "Cascade", ...

enum class SortOrder { kAsc, kDesc };

// `@db.VarChar(191)` → {"VarChar", {"191"}}.
struct NativeType {
  std::string name;
  std::vector<std::string> args;  // as written (numbers, or e.g. "MAX")
  Span span;
};

struct DefaultValue {
  enum class Kind {
    kLiteral,    // value holds the literal (string decoded, number text)
    kEnumValue,  // value holds the enum value name (not its @map)
    kAutoincrement,
    kNow,
    kUuid,  // client-side generators: no SQL default
    kCuid,
    kUlid,
    kNanoid,
    kDbGenerated,  // value holds the SQL expression (may be empty)
    kSequence,     // CockroachDB only; kept for completeness
  };
  Kind kind = Kind::kLiteral;
  std::string value;
  // kLiteral: which literal form was written.
  enum class LiteralKind { kString, kNumber, kBoolean, kArray, kNone };
  LiteralKind literal = LiteralKind::kNone;
  std::vector<std::string> array_values;  // list defaults, e.g. [1, 2]
  std::optional<std::string> map;         // @default(…, map: "name")
  Span span;
};

struct Field {
  std::string name;
  std::string db_name;  // @map or name
  enum class Kind { kScalar, kEnum, kRelation, kComposite, kUnsupported };
  Kind kind = Kind::kScalar;
  ScalarType scalar = ScalarType::kString;  // kScalar
  std::string type_name;  // as written: "Int", enum/model/composite name,
                          // or the Unsupported("…") text
  FieldArity arity = FieldArity::kRequired;
  std::optional<NativeType> native_type;
  std::optional<DefaultValue> default_value;
  bool updated_at = false;
  bool ignored = false;  // @ignore
  int relation = -1;     // index into Schema::relations for kRelation
  std::string documentation;
  Span span;

  bool IsOptional() const { return arity == FieldArity::kOptional; }
  bool IsList() const { return arity == FieldArity::kList; }
  bool IsRequired() const { return arity == FieldArity::kRequired; }
};

struct IndexField {
  int field = -1;  // index into Model::fields
  // Composite-type path fields are not supported for SQL providers.
  std::optional<SortOrder> sort;
  std::optional<int> length;
  std::optional<std::string> ops;  // operator class (PostgreSQL)
};

struct Index {
  enum class Kind { kUnique, kNormal, kFulltext };
  Kind kind = Kind::kNormal;
  std::vector<IndexField> fields;
  std::optional<std::string> name;       // client name (`name:`), @@unique only
  std::optional<std::string> map;        // explicit database name (`map:`)
  std::string db_name;                   // resolved: map or generated default
  std::optional<std::string> algorithm;  // PostgreSQL `type:`: BTree, Hash…
  Span algorithm_span;                   // the `type: X` argument
  std::optional<bool> clustered;
  bool from_field_attribute = false;  // @unique on a field vs @@unique
  Span span;
  Span name_span;  // `map:` (else `name:`) argument, else the attribute
};

struct PrimaryKey {
  std::vector<IndexField> fields;
  std::optional<std::string> name;  // client name
  std::optional<std::string> map;   // explicit constraint name
  std::string db_name;              // resolved constraint name
  std::optional<bool> clustered;
  bool from_field_attribute = false;  // @id vs @@id
  Span span;
  Span name_span;  // the `map:` argument, else the attribute
};

struct Model {
  std::string name;
  std::string db_name;  // @@map or name
  bool is_view = false;
  bool ignored = false;               // @@ignore
  std::optional<std::string> schema;  // @@schema (multi-schema)
  std::vector<Field> fields;
  std::optional<PrimaryKey> primary_key;
  std::vector<Index> indexes;  // uniques, normal and fulltext, in source order
  std::string documentation;
  Span span;

  int FindField(std::string_view name) const;
};

struct EnumValue {
  std::string name;
  std::string db_name;  // @map or name
  std::string documentation;
  Span span;
};

struct Enum {
  std::string name;
  std::string db_name;  // @@map or name
  std::optional<std::string> schema;
  std::vector<EnumValue> values;
  std::string documentation;
  Span span;
};

// One relation between two models. For one-to-one and one-to-many the
// "referencing" side holds `fields`/`references` (the foreign key); the other
// side is the back-relation field (may be absent only in invalid schemas).
// Implicit many-to-many relations have both sides as lists and no fields.
struct Relation {
  enum class Kind { kOneToOne, kOneToMany, kManyToMany };
  Kind kind = Kind::kOneToMany;
  std::string name;  // explicit @relation name, or the generated default
  bool explicit_name = false;
  int referencing_model = -1;   // model holding the foreign key (m2m: model A)
  int referencing_field = -1;   // relation field on it
  int referenced_model = -1;    // m2m: model B
  int referenced_field = -1;    // back-relation field, -1 when missing
  std::vector<int> fields;      // scalar fields on referencing_model
  std::vector<int> references;  // scalar fields on referenced_model
  std::optional<ReferentialAction> on_delete;  // as written
  std::optional<ReferentialAction> on_update;
  std::optional<std::string> map;  // explicit foreign key name
  std::string fk_db_name;          // resolved foreign key constraint name
  bool self_relation = false;
};

// A PostgreSQL extension of the datasource's `extensions` list:
// `uuid_ossp(map: "uuid-ossp", schema: "x", version: "1.1")`.
struct Extension {
  std::string name;                    // as written in the schema
  std::optional<std::string> db_name;  // map:
  std::optional<std::string> schema;
  std::optional<std::string> version;
};

struct Datasource {
  std::string name;
  Provider provider = Provider::kSqlite;
  std::string provider_text;  // as written, e.g. "postgres"
  // url: either a literal or env("VAR"); both absent when not given.
  std::optional<std::string> url;
  std::optional<std::string> url_env;
  std::optional<std::string> shadow_database_url;
  std::optional<std::string> shadow_database_url_env;
  std::optional<std::string> direct_url;
  std::optional<std::string> direct_url_env;
  bool relation_mode_prisma = false;  // relationMode = "prisma"
  std::vector<std::string> schemas;
  std::vector<Extension> extensions;  // postgresqlExtensions preview
  Span span;
};

struct Generator {
  std::string name;
  std::string provider;
  std::vector<std::string> preview_features;
  Span span;
};

struct Schema {
  Datasource datasource;
  bool has_datasource = false;
  std::vector<Generator> generators;
  std::vector<Model> models;
  std::vector<Enum> enums;
  std::vector<Relation> relations;

  // Index of the first model/enum with this name, or -1. Constant time: a
  // name index is extended as models/enums are appended (names of existing
  // entries must not change once looked up).
  int FindModel(std::string_view name) const;
  int FindEnum(std::string_view name) const;
  bool HasPreviewFeature(std::string_view feature) const;

 private:
  struct NameIndex {
    std::unordered_map<std::string, int> by_name;
    size_t indexed = 0;
  };
  mutable NameIndex model_index_;
  mutable NameIndex enum_index_;
};

}  // namespace airlock::schema
