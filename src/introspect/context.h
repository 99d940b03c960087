// The introspection context: the database's tables in Prisma's order (by
// name), which of them are hidden (migration tables) or implicit
// many-to-many join tables, and every name the datamodel will use — taken
// from the previous schema when a model, field, enum or enum value matches
// by database name, otherwise derived from the database identifier.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "introspect/dialect.h"
#include "introspect/names.h"
#include "schema/schema.h"
#include "sqlschema/sqlschema.h"

namespace airlock::introspect {

struct EnumInfo {
  const sqlschema::Enum* db = nullptr;
  Name name;
  int previous = -1;  // index into the previous schema's enums
  std::vector<Name> values;
};

struct Context {
  Context(const sqlschema::SqlSchema& db, const schema::Schema* previous);

  const sqlschema::SqlSchema& db;
  const Dialect& dialect;
  sqlschema::Provider provider;
  const schema::Schema* prev;       // nullptr: fresh introspection
  bool emulated_relations = false;  // relationMode = "prisma"

  // Copies of the database's tables with foreign keys in Prisma's order
  // (by constraint name; SQLite: as PRAGMA foreign_key_list lists them,
  // last declared first).
  std::vector<sqlschema::Table> owned;
  std::vector<const sqlschema::Table*> tables;  // sorted by name; id = index
  std::vector<bool> hidden;                     // migration tables
  std::vector<bool> join_table;                 // implicit m2m tables
  std::vector<int> prev_model;                  // -1 when new
  std::vector<Name> model_names;
  std::vector<std::vector<int>> prev_field;  // per column, -1 when new
  std::vector<std::vector<Name>> field_names;
  std::vector<EnumInfo> enums;
  // Column type (enum database name, or "table.column" on MySQL) -> enums[i].
  std::map<std::string, int> enum_of_type;

  int TableIndex(const std::optional<std::string>& schema,
                 const std::string& name) const;
  // Index of the table a foreign key points to, or -1 (other schema).
  int Referenced(int table, const sqlschema::ForeignKey& fk) const;
  int ColumnIndex(int table, const std::string& column) const;
  // The enum of an enum-typed column, or -1.
  int EnumOf(int table, const sqlschema::Column& c) const;
  const schema::Model* PrevModel(int table) const;
  const schema::Field* PrevField(int table, int column) const;
  // Whether the table has a primary key or unique index over required,
  // supported columns.
  bool HasUsableIdentifier(int table) const;
  bool ModelIgnored(int table) const;
  // Whether a model of the previous schema still has its table.
  bool PrevModelHasTable(int model) const;
  sqlschema::ColumnFamily Family(int table, int column) const;
};

}  // namespace airlock::introspect
