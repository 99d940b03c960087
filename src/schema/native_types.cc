// Native types (`@db.X(args)`): one table per provider with the scalar
// types each native type fits and its arguments, and the checks Prisma's
// connectors make (unknown type, wrong scalar type, argument count and
// ranges). SQLite has no native types.
#include <fmt/format.h>

#include <charconv>

#include "schema/validate_context.h"
#include "schema/validate_messages.h"

namespace airlock::schema::internal {
namespace {

enum class Args {
  kNone,
  kOptionalOne,       // VarChar(n)?
  kRequiredOne,       // MySQL VarChar(n)
  kOptionalPrecScale  // Decimal(p, s)?
};

struct NativeTypeDef {
  const char* name;
  Args args;
  std::vector<ScalarType> scalars;
};

using S = ScalarType;

const std::vector<NativeTypeDef>& PostgresTypes() {
  static const std::vector<NativeTypeDef> kTypes = {
      {"SmallInt", Args::kNone, {S::kInt}},
      {"Integer", Args::kNone, {S::kInt}},
      {"BigInt", Args::kNone, {S::kBigInt}},
      {"Decimal", Args::kOptionalPrecScale, {S::kDecimal}},
      {"Money", Args::kNone, {S::kDecimal}},
      {"Inet", Args::kNone, {S::kString}},
      {"Oid", Args::kNone, {S::kInt}},
      {"Citext", Args::kNone, {S::kString}},
      {"Real", Args::kNone, {S::kFloat}},
      {"DoublePrecision", Args::kNone, {S::kFloat}},
      {"VarChar", Args::kOptionalOne, {S::kString}},
      {"Char", Args::kOptionalOne, {S::kString}},
      {"Text", Args::kNone, {S::kString}},
      {"ByteA", Args::kNone, {S::kBytes}},
      {"Timestamp", Args::kOptionalOne, {S::kDateTime}},
      {"Timestamptz", Args::kOptionalOne, {S::kDateTime}},
      {"Date", Args::kNone, {S::kDateTime}},
      {"Time", Args::kOptionalOne, {S::kDateTime}},
      {"Timetz", Args::kOptionalOne, {S::kDateTime}},
      {"Boolean", Args::kNone, {S::kBoolean}},
      {"Bit", Args::kOptionalOne, {S::kString}},
      {"VarBit", Args::kOptionalOne, {S::kString}},
      {"Uuid", Args::kNone, {S::kString}},
      {"Xml", Args::kNone, {S::kString}},
      {"Json", Args::kNone, {S::kJson}},
      {"JsonB", Args::kNone, {S::kJson}},
  };
  return kTypes;
}

const std::vector<NativeTypeDef>& MysqlTypes() {
  static const std::vector<NativeTypeDef> kTypes = {
      {"Int", Args::kNone, {S::kInt}},
      {"UnsignedInt", Args::kNone, {S::kInt}},
      {"SmallInt", Args::kNone, {S::kInt}},
      {"UnsignedSmallInt", Args::kNone, {S::kInt}},
      {"TinyInt", Args::kNone, {S::kBoolean, S::kInt}},
      {"UnsignedTinyInt", Args::kNone, {S::kBoolean, S::kInt}},
      {"MediumInt", Args::kNone, {S::kInt}},
      {"UnsignedMediumInt", Args::kNone, {S::kInt}},
      {"BigInt", Args::kNone, {S::kBigInt}},
      {"UnsignedBigInt", Args::kNone, {S::kBigInt}},
      {"Decimal", Args::kOptionalPrecScale, {S::kDecimal}},
      {"Float", Args::kNone, {S::kFloat}},
      {"Double", Args::kNone, {S::kFloat}},
      {"Bit", Args::kRequiredOne, {S::kBoolean, S::kBytes}},
      {"Char", Args::kRequiredOne, {S::kString}},
      {"VarChar", Args::kRequiredOne, {S::kString}},
      {"Binary", Args::kRequiredOne, {S::kBytes}},
      {"VarBinary", Args::kRequiredOne, {S::kBytes}},
      {"TinyBlob", Args::kNone, {S::kBytes}},
      {"Blob", Args::kNone, {S::kBytes}},
      {"MediumBlob", Args::kNone, {S::kBytes}},
      {"LongBlob", Args::kNone, {S::kBytes}},
      {"TinyText", Args::kNone, {S::kString}},
      {"Text", Args::kNone, {S::kString}},
      {"MediumText", Args::kNone, {S::kString}},
      {"LongText", Args::kNone, {S::kString}},
      {"Date", Args::kNone, {S::kDateTime}},
      {"Time", Args::kOptionalOne, {S::kDateTime}},
      {"DateTime", Args::kOptionalOne, {S::kDateTime}},
      {"Timestamp", Args::kOptionalOne, {S::kDateTime}},
      {"Year", Args::kNone, {S::kInt}},
      {"Json", Args::kNone, {S::kJson}},
  };
  return kTypes;
}

const NativeTypeDef* FindType(Provider p, std::string_view name) {
  if (p == Provider::kSqlite) return nullptr;
  const auto& table = p == Provider::kPostgres ? PostgresTypes() : MysqlTypes();
  for (const auto& t : table)
    if (name == t.name) return &t;
  return nullptr;
}

bool ParseU32(std::string_view s, long long* out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

std::string JoinScalars(const std::vector<ScalarType>& v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out += " or ";
    out += ScalarTypeName(v[i]);
  }
  return out;
}

}  // namespace

// Stores `@db.X(args)` on the field as written; checked by the rules pass.
void ResolveNativeTypeAttribute(Context& ctx, int mi, int fi,
                                const ast::Attribute& attr) {
  Field& f = ctx.schema.models[mi].fields[fi];
  const std::string& full = attr.name.name;
  size_t dot = full.find('.');
  NativeType nt;
  nt.name = full.substr(dot + 1);
  nt.span = attr.span;
  for (const auto& a : attr.args()) {
    if (!a.value) continue;
    nt.args.push_back(a.value->IsString()
                          ? a.value->value
                          : std::string(ctx.Text(a.value->span)));
  }
  f.native_type = std::move(nt);
  ctx.native_type_prefixes[{mi, fi}] = full.substr(0, dot);
}

// Checks every native type against the connector (run only on schemas
// without earlier errors, like Prisma's validation pipeline).
void ValidateNativeTypes(Context& ctx) {
  Provider p = ctx.provider();
  for (size_t mi = 0; mi < ctx.schema.models.size(); ++mi) {
    Model& m = ctx.schema.models[mi];
    for (size_t fi = 0; fi < m.fields.size(); ++fi) {
      Field& f = m.fields[fi];
      if (!f.native_type) continue;
      const NativeType& nt = *f.native_type;
      std::string prefix = ctx.native_type_prefixes[{static_cast<int>(mi),
                                                     static_cast<int>(fi)}];
      if (!ctx.provider_known) continue;
      if (prefix != ctx.datasource_name) {
        ctx.Error(fmt::format("The prefix {0} is invalid. It must be equal to "
                              "the name of an existing datasource e.g. {1}. "
                              "Did you mean to use {1}.{2}?",
                              prefix, ctx.datasource_name, nt.name),
                  nt.span);
        continue;
      }
      // SQLite has no native types: every name is unknown there.
      const NativeTypeDef* def = FindType(p, nt.name);
      if (!def) {
        ctx.Error(fmt::format("Native type {} is not supported for {} "
                              "connector.",
                              nt.name, ProviderName(p)),
                  nt.span);
        continue;
      }
      bool fits = false;
      for (ScalarType s : def->scalars) fits = fits || s == f.scalar;
      if (!fits) {
        ctx.Error(fmt::format("Native type {} is not compatible with declared "
                              "field type {}, expected field type {}.",
                              nt.name, ScalarTypeName(f.scalar),
                              JoinScalars(def->scalars)),
                  nt.span);
        continue;
      }
      size_t n = nt.args.size();
      auto count_error = [&](size_t expected, bool optional) {
        if (optional) {
          ctx.Error(fmt::format("Native type {} takes {} optional arguments, "
                                "but received {}.",
                                nt.name, expected, n),
                    nt.span);
        } else {
          ctx.Error(fmt::format("Native type {} takes {} arguments, but "
                                "received {}.",
                                nt.name, expected, n),
                    nt.span);
        }
      };
      std::vector<long long> values;
      bool bad = false;
      for (const auto& a : nt.args) {
        long long v = 0;
        if (!ParseU32(a, &v) || v < 0) {
          ctx.Error(fmt::format("Expected a nonnegative integer, but found "
                                "({}).",
                                a),
                    nt.span);
          bad = true;
          break;
        }
        values.push_back(v);
      }
      if (bad) continue;
      switch (def->args) {
        case Args::kNone:
          if (n != 0) count_error(0, false);
          break;
        case Args::kRequiredOne:
          if (n != 1) count_error(1, false);
          break;
        case Args::kOptionalOne:
          if (n > 1) count_error(1, true);
          break;
        case Args::kOptionalPrecScale:
          if (n != 0 && n != 2) count_error(2, true);
          break;
      }
      if (bad) continue;
      // Argument ranges.
      auto range_error = [&](std::string_view msg) {
        ctx.Error(
            fmt::format("Argument M is out of range for native type "
                        "`{}({})` of {}: {}",
                        nt.name, nt.args.empty() ? "" : nt.args[0],
                        p == Provider::kPostgres ? "PostgreSQL" : "MySQL", msg),
            nt.span);
      };
      std::string_view name = nt.name;
      if (values.size() == 1 &&
          (name == "Time" || name == "Timetz" || name == "Timestamp" ||
           name == "Timestamptz" || name == "DateTime") &&
          values[0] > 6) {
        range_error("M can range from 0 to 6.");
      }
      if (p == Provider::kPostgres && name == "Decimal" && values.size() == 2) {
        if (values[0] > 1000 || values[0] == 0) {
          ctx.Error(fmt::format("Argument M is out of range for native type "
                                "`Decimal({},{})` of PostgreSQL: Precision "
                                "must be positive with a maximum value of "
                                "1000.",
                                values[0], values[1]),
                    nt.span);
        } else if (values[1] > values[0]) {
          ctx.Error(fmt::format("Argument M is out of range for native type "
                                "`Decimal({},{})` of PostgreSQL: Scale can't "
                                "be larger than precision.",
                                values[0], values[1]),
                    nt.span);
        }
      }
      if (p == Provider::kMysql && name == "Decimal" && values.size() == 2) {
        if (values[0] > 65) {
          ctx.Error(fmt::format("Argument M is out of range for native type "
                                "`Decimal({},{})` of MySQL: Precision can "
                                "range from 1 to 65.",
                                values[0], values[1]),
                    nt.span);
        } else if (values[1] > 30) {
          ctx.Error(fmt::format("Argument M is out of range for native type "
                                "`Decimal({},{})` of MySQL: Scale can range "
                                "from 0 to 30.",
                                values[0], values[1]),
                    nt.span);
        } else if (values[1] > values[0]) {
          ctx.Error(fmt::format("Argument M is out of range for native type "
                                "`Decimal({},{})` of MySQL: Scale can't be "
                                "larger than precision.",
                                values[0], values[1]),
                    nt.span);
        }
      }
      if (p == Provider::kMysql && name == "Bit" && values.size() == 1) {
        if (values[0] < 1 || values[0] > 64) {
          range_error("M can range from 1 to 64.");
        } else if (f.scalar == ScalarType::kBoolean && values[0] != 1) {
          ctx.Error(fmt::format("Argument M is out of range for native type "
                                "`Bit({})` of MySQL: only Bit(1) can be used "
                                "as Boolean.",
                                values[0]),
                    nt.span);
        }
      }
      if (p == Provider::kMysql && (name == "VarChar" || name == "Char") &&
          values.size() == 1) {
        long long max = name == "VarChar" ? 65535 : 255;
        if (values[0] > max)
          range_error(fmt::format("M can range from 0 to {}.", max));
      }
    }
  }
}

}  // namespace airlock::schema::internal
