// What differs between dialects when a Prisma schema becomes tables: the
// column type of a field (default and @db.* native types), how a default
// value is written, and the identifier length limit used to truncate
// generated constraint names. One implementation per dialect file.
#pragma once

#include <string>

#include "schema/schema.h"
#include "sqlschema/sqlschema.h"

namespace airlock::sqlschema {

class Flavor {
 public:
  virtual ~Flavor() = default;
  virtual Provider provider() const = 0;
  // Longest identifier the database accepts (constraint names are cut here).
  virtual size_t max_identifier_length() const = 0;
  // Whether the dialect names primary key constraints (PostgreSQL).
  virtual bool names_primary_keys() const = 0;
  // Whether enums are separate types (PostgreSQL) rather than column types.
  virtual bool has_enum_types() const = 0;
  // Column type for a scalar field (kind kScalar) with optional native type.
  virtual ColumnType ScalarType(const schema::Field& field) const = 0;
  // Column type for an enum field; `db_name` is the enum's database name.
  virtual ColumnType EnumType(const std::string& db_name) const = 0;
  // SQL for now() on a column of this type.
  virtual std::string NowSql(const ColumnType& type) const = 0;
  // A string literal: single quotes, doubled inside (every dialect so far).
  virtual std::string StringLiteral(std::string_view value) const {
    std::string out = "'";
    for (char c : value) {
      if (c == '\'') out += '\'';
      out += c;
    }
    return out + "'";
  }
  // Default referential action for onDelete on a required relation.
  virtual Action RequiredOnDelete() const { return Action::kRestrict; }
};

const Flavor& FlavorFor(Provider provider);

ColumnFamily FamilyOf(schema::ScalarType t);

// Prisma's constraint names: `{table}_{cols}{suffix}` cut to the limit.
std::string ConstraintName(const std::string& table,
                           const std::vector<std::string>& columns,
                           std::string_view suffix, size_t limit);
std::string PrimaryKeyName(const std::string& table, size_t limit);

}  // namespace airlock::sqlschema
