#include "diff/hooks.h"

#include <cstdlib>

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

// A PostgreSQL native type as base and optional length: "BIT(3)" ->
// {"BIT", 3}, "VARBIT" -> {"VARBIT", nullopt}.
struct Sized {
  std::string base;
  std::optional<long> length;
};

Sized SizedOf(const std::string& native) {
  Sized s;
  size_t open = native.find('(');
  s.base = native.substr(0, open);
  if (open != std::string::npos)
    s.length = std::atol(native.c_str() + open + 1);
  return s;
}

// Prisma's postgres_native_type_change_riskyness where BIT and VARBIT are
// involved: bit strings cast only to wider bit or character strings, and
// character strings do not cast to bit strings.
std::optional<TypeChange> PostgresNativeTypeChange(const std::string& previous,
                                                   const std::string& next) {
  Sized a = SizedOf(previous), b = SizedOf(next);
  auto is_bits = [](const Sized& s) {
    return s.base == "BIT" || s.base == "VARBIT";
  };
  auto at_least = [](const Sized& s, long n) {
    return s.length && *s.length >= n;
  };
  const bool text = b.base == "TEXT";
  const bool varchar = b.base == "VARCHAR", chr = b.base == "CHAR";
  if (a.base == "BIT" && !a.length) {
    if (text || varchar || chr || b.base == "VARBIT")
      return TypeChange::kSafeCast;
    return TypeChange::kNotCastable;
  }
  if (a.base == "BIT") {
    long n = *a.length;
    if (text || ((varchar || b.base == "VARBIT") && !b.length))
      return TypeChange::kSafeCast;
    if ((varchar || b.base == "VARBIT" || chr) && at_least(b, n))
      return TypeChange::kSafeCast;
    return TypeChange::kNotCastable;
  }
  if (a.base == "VARBIT" && !a.length) {
    if (text || (varchar && !b.length)) return TypeChange::kSafeCast;
    if (varchar || chr || b.base == "BIT") return TypeChange::kRiskyCast;
    return TypeChange::kNotCastable;
  }
  if (a.base == "VARBIT") {
    long n = *a.length;
    if (text || ((varchar || b.base == "VARBIT") && !b.length))
      return TypeChange::kSafeCast;
    if (b.base == "VARBIT" && *b.length > n) return TypeChange::kSafeCast;
    if ((varchar || chr) && at_least(b, n)) return TypeChange::kSafeCast;
    if (b.base == "BIT" && (!b.length || *b.length <= n))
      return TypeChange::kRiskyCast;
    if (varchar || chr) return TypeChange::kRiskyCast;
    return TypeChange::kNotCastable;
  }
  if (is_bits(b)) {
    if (a.base == "CITEXT") return TypeChange::kRiskyCast;
    return TypeChange::kNotCastable;
  }
  return std::nullopt;
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
    h.native_type_change = PostgresNativeTypeChange;
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
