#include "diff/hooks.h"

namespace airlock::diff {
namespace {

// PostgreSQL (Prisma's postgres_native_type_change_riskyness): a time type
// without a precision matches the same type with any precision.
bool PostgresSameNativeType(const std::string& previous,
                            const std::string& next) {
  auto base = [](const std::string& t) { return t.substr(0, t.find('(')); };
  std::string b = base(previous);
  if (b != base(next)) return false;
  if (b != "TIMESTAMP" && b != "TIMESTAMPTZ" && b != "TIME" && b != "TIMETZ")
    return false;
  return previous == b || next == b;
}

}  // namespace

const DiffHooks& HooksFor(sqlschema::Provider provider) {
  static const DiffHooks kSqlite = [] {
    DiffHooks h;
    h.can_rename_index = false;
    h.can_rename_foreign_key = false;
    h.redefines_tables = true;
    h.inline_foreign_keys = true;
    h.diff_autoincrement = false;
    h.compare_native_types = false;
    return h;
  }();
  static const DiffHooks kMysql = [] {
    DiffHooks h;
    h.can_rename_foreign_key = false;
    h.indexes_in_create_table = true;
    h.skip_fk_indexes = true;
    return h;
  }();
  static const DiffHooks kPostgres = [] {
    DiffHooks h;
    h.enum_types = true;
    h.named_primary_keys = true;
    h.same_native_type = PostgresSameNativeType;
    return h;
  }();
  switch (provider) {
    case sqlschema::Provider::kSqlite:
      return kSqlite;
    case sqlschema::Provider::kMysql:
      return kMysql;
    case sqlschema::Provider::kPostgres:
      return kPostgres;
  }
  return kSqlite;
}

}  // namespace airlock::diff
