#include "diff/hooks.h"

#include <cstdlib>
#include <vector>

namespace airlock::diff {
namespace {

// A PostgreSQL native type as base and arguments: "DECIMAL(10,2)" ->
// {"DECIMAL", {10, 2}}, "VARBIT" -> {"VARBIT", {}}.
struct Sized {
  std::string base;
  std::vector<long> args;
  std::optional<long> length() const {
    if (args.empty()) return std::nullopt;
    return args[0];
  }
};

Sized SizedOf(const std::string& native) {
  Sized s;
  size_t open = native.find('(');
  s.base = native.substr(0, open);
  while (open != std::string::npos) {
    s.args.push_back(std::atol(native.c_str() + open + 1));
    open = native.find(',', open + 1);
  }
  return s;
}

// Prisma's postgres_native_type_change_riskyness: how a column of native type
// `a` becomes `b` (the types differ as text).
TypeChange PostgresNativeCast(const Sized& a, const Sized& b) {
  constexpr TypeChange kSafe = TypeChange::kSafeCast;
  constexpr TypeChange kRisky = TypeChange::kRiskyCast;
  constexpr TypeChange kNo = TypeChange::kNotCastable;
  const std::string& p = a.base;
  const std::string& n = b.base;
  const bool text = n == "TEXT", varchar = n == "VARCHAR", chr = n == "CHAR";
  const bool chars = varchar || chr;
  const std::optional<long> len = b.length();
  // VARCHAR(n)/CHAR(n) as the target of a number of at most `digits`
  // characters (sign included); CHAR without a length holds one.
  auto to_chars = [&](long digits) {
    if (len) return *len < digits ? kRisky : kSafe;
    return chr ? kRisky : kSafe;
  };
  // TEXT or unbounded VARCHAR.
  const bool unbounded_text = text || (varchar && !len);
  if (p == "INET") return n == "CITEXT" || text || varchar ? kSafe : kNo;
  if (p == "MONEY") return n == "CITEXT" || text || varchar ? kSafe : kRisky;
  if (p == "CITEXT") return text || varchar ? kSafe : kRisky;
  if (p == "OID") {
    return text || varchar || n == "BIGINT" || n == "INTEGER" ? kSafe : kNo;
  }
  if (p == "SMALLINT" || p == "INTEGER" || p == "BIGINT") {
    // Decimal digits of the type, and its widest text with the sign.
    const long digits = p == "SMALLINT" ? 3 : p == "INTEGER" ? 10 : 19;
    const long width = digits + 1;
    if (n == "SMALLINT") return kRisky;
    if (n == "INTEGER") return p == "BIGINT" ? kRisky : kSafe;
    if (n == "BIGINT") return kSafe;
    if (n == "DECIMAL") {
      if (b.args.size() == 2 && b.args[0] - b.args[1] < digits) return kRisky;
      return kSafe;
    }
    if (n == "REAL" || n == "DOUBLE PRECISION" || text) return kSafe;
    if (chars) return to_chars(width);
    return kNo;
  }
  if (p == "DECIMAL") {
    const bool has = a.args.size() == 2;
    const long prec = has ? a.args[0] : 0, scale = has ? a.args[1] : 0;
    auto to_int = [&](long max_precision) {
      if (!has || scale > 0 || prec > max_precision) return kRisky;
      return kSafe;
    };
    if (n == "SMALLINT") return to_int(2);
    if (n == "INTEGER") return to_int(9);
    if (n == "BIGINT") return to_int(18);
    if (n == "DECIMAL") {
      if (b.args.size() != 2) return kSafe;
      if (!has) return kRisky;
      if (prec - scale > b.args[0] - b.args[1] || scale > b.args[1])
        return kRisky;
      return kSafe;
    }
    if (n == "REAL" || n == "DOUBLE PRECISION") return kRisky;
    if (chars) {
      if (len && has && scale == 0 && prec + 1 > *len) return kRisky;
      if (len && has && scale > 0 && prec + 2 > *len) return kRisky;
      if (len && !has && *len < 131073) return kRisky;
      if (!len && chr) return kRisky;
      return kSafe;
    }
    return text ? kSafe : kNo;
  }
  if (p == "REAL" || p == "DOUBLE PRECISION") {
    if (n == "SMALLINT" || n == "INTEGER" || n == "BIGINT" || n == "DECIMAL")
      return kRisky;
    if (n == "REAL") return p == "REAL" ? kSafe : kRisky;
    if (n == "DOUBLE PRECISION" || text) return kSafe;
    if (chars) return to_chars(p == "REAL" ? 47 : 317);
    return kNo;
  }
  if (p == "VARCHAR" || p == "CHAR") {
    if (text) return kSafe;
    if (!chars) return kNo;
    const std::optional<long> old = a.length();
    if (p == "VARCHAR" && !old) return len || chr ? kRisky : kSafe;
    if (p == "CHAR" && !old) return kSafe;
    if (!len) return *old == 1 || !chr ? kSafe : kRisky;
    return *old > *len ? kRisky : kSafe;
  }
  if (p == "TEXT") {
    if (unbounded_text || n == "CITEXT") return kSafe;
    return chars ? kRisky : kNo;
  }
  if (p == "BYTEA") {
    if (unbounded_text) return kSafe;
    return chars && len && *len > 2 ? kRisky : kNo;
  }
  if (p == "TIMESTAMP" || p == "TIMESTAMPTZ" || p == "TIME" || p == "TIMETZ" ||
      p == "DATE") {
    if (unbounded_text) return kSafe;
    const long min_len = p == "TIMESTAMP"     ? 22
                         : p == "TIMESTAMPTZ" ? 27
                         : p == "DATE"        ? 27
                         : p == "TIME"        ? 13
                                              : 18;
    if (chars && len && *len > min_len) return kSafe;
    // The same type with no precision on either side is no change.
    if (n == p && (!b.length() || !a.length() || a.args == b.args))
      return TypeChange::kNone;
    const bool stamps = n == "TIMESTAMP" || n == "TIMESTAMPTZ";
    if (p == "DATE") return stamps ? kSafe : kNo;
    if (p == "TIME") return n == "TIMETZ" ? kSafe : kNo;
    if (p == "TIMETZ") return n == "TIMETZ" || n == "TIME" ? kSafe : kNo;
    return stamps || n == "DATE" || n == "TIME" || n == "TIMETZ" ? kSafe : kNo;
  }
  if (p == "BOOLEAN") {
    if (text || varchar) return kSafe;
    if (chr && len && *len > 4) return kSafe;
    if (chr && len && *len > 3) return kRisky;
    return kNo;
  }
  if (p == "BIT" && !a.length()) {
    return text || chars || n == "VARBIT" ? kSafe : kNo;
  }
  if (p == "BIT") {
    const long bits = *a.length();
    if (text || ((varchar || n == "VARBIT") && !len)) return kSafe;
    if ((chars || n == "VARBIT") && len && *len >= bits) return kSafe;
    return kNo;
  }
  if (p == "VARBIT" && !a.length()) {
    if (unbounded_text) return kSafe;
    return chars || n == "BIT" ? kRisky : kNo;
  }
  if (p == "VARBIT") {
    const long bits = *a.length();
    if (text || ((varchar || n == "VARBIT") && !len)) return kSafe;
    if (n == "VARBIT" && *len > bits) return kSafe;
    if (chars && len && *len >= bits) return kSafe;
    if (n == "BIT" && (!len || *len <= bits)) return kRisky;
    return chars ? kRisky : kNo;
  }
  if (p == "UUID") {
    if (unbounded_text) return kSafe;
    return chars && len && *len > 31 ? kSafe : kNo;
  }
  if (p == "XML" || p == "JSON" || p == "JSONB") {
    if (unbounded_text) return kSafe;
    if ((p == "JSON" && n == "JSONB") || (p == "JSONB" && n == "JSON"))
      return kSafe;
    return chars ? kRisky : kNo;
  }
  return kRisky;
}

// Prisma's PostgreSQL column_type_change: enums first (another enum is not
// castable), then list <-> scalar, then the native type matrix. Unsupported
// types have no native type: a change to or from one is risky, and two of
// them never differ (Prisma compares the previous type with itself).
TypeChange PostgresColumnTypeChange(const sqlschema::Column& a,
                                    const sqlschema::Column& b) {
  using sqlschema::Arity;
  using sqlschema::ColumnFamily;
  const bool a_enum = a.type.family == ColumnFamily::kEnum;
  const bool b_enum = b.type.family == ColumnFamily::kEnum;
  if (a_enum || b_enum) {
    return a_enum && b_enum && a.type.native == b.type.native
               ? TypeChange::kNone
               : TypeChange::kNotCastable;
  }
  const bool a_unsupported = a.type.family == ColumnFamily::kUnsupported;
  const bool b_unsupported = b.type.family == ColumnFamily::kUnsupported;
  const bool a_list = a.arity == Arity::kList, b_list = b.arity == Arity::kList;
  Sized next = SizedOf(b.type.native);
  if (a_list && !b_list && !b_unsupported) {
    if (next.base == "TEXT" || (next.base == "VARCHAR" && !next.length()))
      return TypeChange::kSafeCast;
    if (next.base == "VARCHAR" || next.base == "CHAR")
      return TypeChange::kRiskyCast;
  }
  if (a_list != b_list) return TypeChange::kNotCastable;
  if (a_unsupported && b_unsupported) return TypeChange::kNone;
  if (a_unsupported || b_unsupported) return TypeChange::kRiskyCast;
  if (a.type.native == b.type.native) return TypeChange::kNone;
  return PostgresNativeCast(SizedOf(a.type.native), next);
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
    h.column_type_change = PostgresColumnTypeChange;
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
