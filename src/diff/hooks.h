// Dialect-specific decisions of the differ (Prisma's SqlSchemaDifferFlavour).
#pragma once

#include <optional>
#include <string>

#include "diff/migration.h"

namespace airlock::diff {

struct DiffHooks {
  bool can_rename_index = true;
  bool can_rename_foreign_key = true;
  bool redefines_tables = false;         // SQLite
  bool inline_foreign_keys = false;      // FKs live in CREATE TABLE
  bool indexes_in_create_table = false;  // MySQL
  bool enum_types = false;               // PostgreSQL CREATE TYPE
  bool named_primary_keys = false;       // PostgreSQL
  bool diff_autoincrement = true;
  bool compare_native_types = true;  // SQLite compares families only
  bool skip_fk_indexes = false;      // MySQL
  // Whether two native types (ColumnType::native) of the same family are the
  // same type although their texts differ; null: only equal texts are.
  bool (*same_native_type)(const std::string& previous,
                           const std::string& next) = nullptr;
  // How a column of native type `previous` becomes `next` where the dialect
  // has its own rule; nullopt (or null): the generic rule by family.
  std::optional<TypeChange> (*native_type_change)(
      const std::string& previous, const std::string& next) = nullptr;
  // The whole type-change rule of a dialect (PostgreSQL: enums, lists and
  // the native type matrix); when set, the fields above are not used.
  TypeChange (*column_type_change)(const sqlschema::Column& previous,
                                   const sqlschema::Column& next) = nullptr;
};

const DiffHooks& HooksFor(sqlschema::Provider provider);

}  // namespace airlock::diff
