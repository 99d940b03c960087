// Dialect-specific decisions of the differ (Prisma's SqlSchemaDifferFlavour).
#pragma once

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
};

const DiffHooks& HooksFor(sqlschema::Provider provider);

}  // namespace airlock::diff
