// The steps between two SqlSchemas (Prisma's SqlMigrationStep): what to
// create, alter, drop or redefine, in the order Prisma emits them. Steps refer
// to tables, columns, indexes, foreign keys and enums by position in the
// previous or next schema; a Migration keeps pointers to both schemas, which
// must outlive it.
#pragma once

#include <string>
#include <vector>

#include "sqlschema/sqlschema.h"

namespace airlock::diff {

using sqlschema::SqlSchema;

struct ColumnChanges {
  bool type = false;
  bool arity = false;
  bool default_value = false;
  bool autoincrement = false;
  bool Any() const { return type || arity || default_value || autoincrement; }
  bool OnlyDefault() const {
    return default_value && !type && !arity && !autoincrement;
  }
};

enum class TypeChange { kNone, kSafeCast, kRiskyCast, kNotCastable };

struct TableChange {
  enum class Kind {
    kAddColumn,
    kAlterColumn,
    kDropColumn,
    kDropAndRecreateColumn,
    kDropPrimaryKey,
    kAddPrimaryKey,
    kRenamePrimaryKey,
  };
  Kind kind = Kind::kAddColumn;
  int prev_column = -1;
  int next_column = -1;
  ColumnChanges changes;
  TypeChange type_change = TypeChange::kNone;
};

struct ColumnPair {
  int prev = -1;
  int next = -1;
  ColumnChanges changes;
  TypeChange type_change = TypeChange::kNone;
};

struct RedefineTable {
  int prev_table = -1;
  int next_table = -1;
  bool dropped_primary_key = false;
  std::vector<int> added_columns;    // next
  std::vector<int> dropped_columns;  // previous
  std::vector<ColumnPair> column_pairs;
};

struct Step {
  // In Prisma's order: steps sort by kind first.
  enum class Kind {
    kCreateSchema,
    kDropExtension,
    kCreateExtension,
    kAlterExtension,
    kCreateEnum,
    kAlterEnum,
    kDropForeignKey,
    kDropIndex,
    kAlterTable,
    kDropTable,
    kDropEnum,
    kCreateTable,
    kRedefineTables,
    kCreateIndex,
    kRenameForeignKey,
    kAddForeignKey,
    kRenameIndex,
    kRedefineIndex,
  };
  Kind kind = Kind::kCreateTable;
  int prev_table = -1, next_table = -1;
  int prev_index = -1, next_index = -1;  // position in the table's indexes
  int prev_fk = -1, next_fk = -1;        // position in the table's foreign keys
  int prev_enum = -1, next_enum = -1;
  int ns = -1;  // next.namespaces
  int prev_extension = -1, next_extension = -1;
  bool extension_version = false, extension_schema = false;  // kAlterExtension
  std::vector<TableChange> changes;                          // kAlterTable
  std::vector<RedefineTable> redefines;                      // kRedefineTables
  std::vector<std::string> added_values, dropped_values;     // kAlterEnum
  // kAlterEnum: columns (table, column) of `previous` that default to a value
  // of the enum, with the matching next column (or -1, -1).
  struct DefaultUse {
    int prev_table, prev_column, next_table, next_column;
  };
  std::vector<DefaultUse> default_uses;
  std::vector<int> sort_key;

  const char* Name() const;
};

struct Migration {
  const SqlSchema* previous = nullptr;
  const SqlSchema* next = nullptr;
  std::vector<Step> steps;
  bool empty() const { return steps.empty(); }
};

}  // namespace airlock::diff
