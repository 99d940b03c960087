// The dialect-neutral relational model: what a database looks like (tables,
// columns with their native types, defaults, keys, indexes, foreign keys,
// enums). Two producers build it — Calculate (from a validated Prisma schema)
// and the describers (from a live database) — and the differ compares two of
// them. Everything is by value and by name; no pointers between objects.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "schema/schema.h"

namespace airlock::sqlschema {

using schema::Provider;

enum class ColumnFamily {
  kInt,
  kBigInt,
  kFloat,
  kDecimal,
  kBoolean,
  kString,
  kDateTime,
  kJson,
  kBytes,
  kEnum,
  kUnsupported,
};

// The names of a family, from one table: `psl` is the Prisma scalar type a
// field of this family has ("Bytes"; "String" for kEnum/kUnsupported, whose
// field types come from elsewhere), `debug` the Rust Debug name of Prisma's
// ColumnTypeFamily that its messages print ("Binary"; "" for kEnum and
// kUnsupported, which print their payload).
struct FamilyNames {
  const char* psl;
  const char* debug;
};
const FamilyNames& NamesOf(ColumnFamily family);

enum class Arity { kRequired, kNullable, kList };

// `native` is the type as the dialect writes it, without the list suffix:
// "INTEGER", "VARCHAR(191)", "DECIMAL(65,30)". For kEnum it is the enum's
// database name; for kUnsupported the type text verbatim.
struct ColumnType {
  ColumnFamily family = ColumnFamily::kString;
  std::string native;
  bool operator==(const ColumnType&) const = default;
};

// A column default as an SQL expression in the column's dialect (what follows
// DEFAULT). `db_generated` marks dbgenerated("…") defaults, whose text is the
// user's and is compared loosely.
struct DefaultValue {
  std::string sql;
  bool db_generated = false;
  bool is_now = false;
  bool operator==(const DefaultValue&) const = default;
};

struct Column {
  std::string name;
  ColumnType type;
  Arity arity = Arity::kRequired;
  std::optional<DefaultValue> default_value;
  bool auto_increment = false;
};

enum class SortOrder { kAsc, kDesc };

struct IndexColumn {
  std::string name;
  std::optional<SortOrder> sort;
  std::optional<int> length;
  std::optional<std::string> opclass;  // PostgreSQL operator class
};

struct Index {
  enum class Kind { kNormal, kUnique, kFulltext };
  std::string name;
  Kind kind = Kind::kNormal;
  std::vector<IndexColumn> columns;
  std::string
      algorithm;  // PostgreSQL: "" (BTree) or HASH, GIST, GIN, SPGIST, BRIN
  bool IsUnique() const { return kind == Kind::kUnique; }
};

struct PrimaryKey {
  std::string name;  // empty where the dialect does not name primary keys
  std::vector<IndexColumn> columns;
};

enum class Action { kNoAction, kRestrict, kCascade, kSetNull, kSetDefault };
const char* ActionSql(Action a);  // "NO ACTION", "RESTRICT", ...

struct ForeignKey {
  std::string name;  // may be empty (SQLite describes unnamed keys)
  std::vector<std::string> columns;
  std::optional<std::string> referenced_schema;
  std::string referenced_table;
  std::vector<std::string> referenced_columns;
  Action on_delete = Action::kNoAction;
  Action on_update = Action::kNoAction;
  int ordinal = 0;  // creation order across the whole schema
};

struct Table {
  std::optional<std::string> schema;  // namespace (PostgreSQL multi-schema)
  std::string name;
  std::vector<Column> columns;
  std::optional<PrimaryKey> primary_key;
  std::vector<Index> indexes;
  std::vector<ForeignKey> foreign_keys;
  // PostgreSQL: an index over an expression was left out of `indexes`
  // (db pull notes it on the model, as Prisma does).
  bool has_expression_index = false;

  int FindColumn(std::string_view column) const;
  const Column* ColumnNamed(std::string_view column) const;
  bool IsSinglePrimaryKeyColumn(std::string_view column) const;
};

struct Enum {
  std::optional<std::string> schema;
  std::string name;
  std::vector<std::string> values;
};

// A PostgreSQL extension (the postgresqlExtensions preview feature). From a
// schema, `schema` and `version` are empty when not given (they then match
// any) and `relocatable` is false, as in Prisma.
struct Extension {
  std::string name;
  std::string schema;
  std::string version;
  bool relocatable = false;
};

struct SqlSchema {
  Provider provider = Provider::kSqlite;
  std::vector<std::string> namespaces;  // declared schemas (multi-schema only)
  std::vector<Extension> extensions;    // PostgreSQL, by name
  std::vector<Enum> enums;
  std::vector<Table> tables;
  // Views: name and columns only (db pull with the `views` preview feature;
  // diffing ignores them, as Prisma does).
  std::vector<Table> views;
  // Read from a live database rather than calculated from a Prisma schema:
  // its dbgenerated defaults are the database's spelling of the expression.
  bool described = false;

  int FindTable(const std::optional<std::string>& schema,
                std::string_view name) const;
  int FindEnum(std::string_view name) const;
};

}  // namespace airlock::sqlschema
