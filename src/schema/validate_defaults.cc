// @default on model fields: type-checks the value against the field type
// (literals, enum values, lists, autoincrement() now() uuid() cuid() ulid()
// nanoid() dbgenerated()) with Prisma's messages, and fills
// Field::default_value.
#include <fmt/format.h>

#include <charconv>

#include "schema/validate_context.h"
#include "schema/validate_messages.h"

namespace airlock::schema::internal {
namespace {

bool ParseSmallInt(const std::string& s, long long* out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

class DefaultResolver {
 public:
  DefaultResolver(Context& ctx, Field& field, AttributeArgs& args)
      : ctx_(ctx), f_(field), args_(args) {}

  void Run(const ast::Expression& value) {
    dv_.span = args_.attr().span;
    if (const auto* m = args_.Named("map")) {
      if (auto s = CoerceString(ctx_, *m)) {
        if (s->empty()) {
          args_.Fail("The `map` argument cannot be an empty string.");
        } else {
          dv_.map = *s;
        }
      }
    }
    if (value.IsFunction() && value.value == "dbgenerated") {
      DbGenerated(value);
      return;
    }
    switch (f_.kind) {
      case Field::Kind::kComposite:
        ctx_.Error(fmt::format("Error validating field `{}` in composite type "
                               "`{}`: Defaults on fields of type composite "
                               "are not supported. Please remove the "
                               "`@default` attribute.",
                               f_.name, f_.type_name),
                   args_.attr().span);
        return;
      case Field::Kind::kEnum:
        if (f_.IsList()) {
          EnumList(value);
        } else if (EnumValue(value)) {
          Accept();
        }
        return;
      case Field::Kind::kUnsupported:
        args_.Fail(
            "Only @default(dbgenerated(\"...\")) can be used for Unsupported "
            "types.");
        return;
      case Field::Kind::kScalar:
        Scalar(value);
        return;
      case Field::Kind::kRelation:
        return;
    }
  }

 private:
  Context& ctx_;
  Field& f_;
  AttributeArgs& args_;
  DefaultValue dv_;

  void Accept() { f_.default_value = dv_; }

  void DbGenerated(const ast::Expression& value) {
    const auto& a = value.args;
    if (a.size() > 1)
      args_.Fail("`dbgenerated()` takes a single String argument");
    if (a.empty()) {
      dv_.kind = DefaultValue::Kind::kDbGenerated;
      Accept();
      return;
    }
    const auto& v = a[0].value;
    if (v && v->IsString()) {
      if (v->value.empty()) {
        args_.Fail(
            "dbgenerated() takes either no argument, or a single nonempty "
            "string argument.");
        return;
      }
      dv_.kind = DefaultValue::Kind::kDbGenerated;
      dv_.value = v->value;
      Accept();
      return;
    }
    if (a.size() <= 1)
      args_.Fail("`dbgenerated()` takes a single String argument");
  }

  // uuid(4|7), cuid(1|2), nanoid(2..255).
  bool IntArgFunction(const ast::Expression& value, std::string_view name,
                      long long lo, long long hi, std::string_view range) {
    const auto& a = value.args;
    std::string single =
        fmt::format("`{}()` takes a single Int argument.", name);
    if (a.size() > 1) args_.Fail(single);
    if (a.empty()) return true;
    const auto& v = a[0].value;
    if (v && v->IsNumber()) {
      long long n = 0;
      bool ok = ParseSmallInt(v->value, &n);
      bool in_range = ok && (name == "nanoid" ? (n >= lo && n <= hi)
                                              : (n == lo || n == hi));
      if (!in_range) {
        args_.Fail(fmt::format(
            "`{}()` takes either no argument, or a single integer argument {}.",
            name, range));
        return false;
      }
      dv_.array_values = {v->value};
      return a.size() <= 1;
    }
    if (a.size() <= 1) args_.Fail(single);
    return false;
  }

  bool EmptyArgs(const ast::Expression& value) {
    if (value.args.empty()) return true;
    args_.Fail(fmt::format(
        "The `{0}` function does not take any argument. Consider changing "
        "this default to `{0}()`.",
        value.value));
    return false;
  }

  void Scalar(const ast::Expression& value) {
    ScalarType t = f_.scalar;
    const char* tname = ScalarTypeName(t);
    if (value.IsFunction()) {
      const std::string& fn = value.value;
      if (fn == "autoincrement" && dv_.map) {
        args_.Fail("Naming an autoincrement default value is not allowed.");
        return;
      }
      if (fn == "autoincrement" &&
          (t == ScalarType::kInt || t == ScalarType::kBigInt)) {
        if (EmptyArgs(value)) {
          dv_.kind = DefaultValue::Kind::kAutoincrement;
          Accept();
        }
        return;
      }
      if (t == ScalarType::kString && fn == "cuid") {
        if (IntArgFunction(value, "cuid", 1, 2, "which is either 1 or 2")) {
          dv_.kind = DefaultValue::Kind::kCuid;
          Accept();
        }
        return;
      }
      if (t == ScalarType::kString && fn == "uuid") {
        if (IntArgFunction(value, "uuid", 4, 7, "which is either 4 or 7")) {
          dv_.kind = DefaultValue::Kind::kUuid;
          Accept();
        }
        return;
      }
      if (t == ScalarType::kString && fn == "nanoid") {
        if (IntArgFunction(value, "nanoid", 2, 255, "between 2 and 255")) {
          dv_.kind = DefaultValue::Kind::kNanoid;
          Accept();
        }
        return;
      }
      if (t == ScalarType::kString && fn == "ulid") {
        if (EmptyArgs(value)) {
          dv_.kind = DefaultValue::Kind::kUlid;
          Accept();
        }
        return;
      }
      if (t == ScalarType::kDateTime && fn == "now") {
        if (EmptyArgs(value)) {
          dv_.kind = DefaultValue::Kind::kNow;
          Accept();
        }
        return;
      }
      if (fn == "auto") {
        if (!value.args.empty()) {
          args_.Fail("`auto()` takes no arguments");
        } else {
          ctx_.auto_defaults.push_back(value.span);
        }
        return;
      }
      static const char* kKnown[] = {"autoincrement", "cuid", "dbgenerated",
                                     "nanoid",        "now",  "uuid",
                                     "ulid",          "auto"};
      bool known = false;
      for (const char* k : kKnown) known = known || fn == k;
      if (!known) {
        ctx_.unknown_function_defaults.push_back({fn, value.span});
        return;
      }
      args_.Fail(fmt::format(
          "The function `{}()` cannot be used on fields of type `{}`.", fn,
          tname));
      return;
    }
    if (f_.IsList()) {
      if (!value.IsArray()) {
        args_.Fail("The default value of a list field must be a list.");
        return;
      }
      dv_.literal = DefaultValue::LiteralKind::kArray;
      for (const auto& item : value.items) {
        if (!Literal(item, nullptr)) return;
        dv_.array_values.push_back(item.value);
      }
      Accept();
      return;
    }
    if (value.IsArray()) {
      args_.Fail("The default value of a non-list field cannot be a list.");
      return;
    }
    if (Literal(value, &dv_)) Accept();
  }

  bool Literal(const ast::Expression& v, DefaultValue* out) {
    ScalarType t = f_.scalar;
    bool ok = false;
    auto kind = DefaultValue::LiteralKind::kNone;
    switch (t) {
      case ScalarType::kString:
      case ScalarType::kJson:
      case ScalarType::kBytes:
      case ScalarType::kDateTime:
        ok = v.IsString();
        kind = DefaultValue::LiteralKind::kString;
        break;
      case ScalarType::kInt:
      case ScalarType::kBigInt:
      case ScalarType::kFloat:
        ok = v.IsNumber();
        kind = DefaultValue::LiteralKind::kNumber;
        break;
      case ScalarType::kDecimal:
        ok = v.IsNumber() || v.IsString();
        kind = v.IsString() ? DefaultValue::LiteralKind::kString
                            : DefaultValue::LiteralKind::kNumber;
        break;
      case ScalarType::kBoolean:
        if (v.IsConstant()) {
          if (v.value == "true" || v.value == "false") {
            ok = true;
            kind = DefaultValue::LiteralKind::kBoolean;
          } else {
            ctx_.Error(
                vmsg::AttributeError(
                    "@default", "A boolean literal must be `true` or `false`."),
                v.span);
            return false;
          }
        }
        break;
    }
    if (!ok) {
      args_.Fail(fmt::format("Expected a {} value, but found `{}`.",
                             ScalarTypeName(t), ctx_.Text(v.span)));
      return false;
    }
    if (out) {
      out->kind = DefaultValue::Kind::kLiteral;
      out->literal = kind;
      out->value = v.value;
    }
    return true;
  }

  bool EnumValue(const ast::Expression& v) {
    if (!v.IsConstant()) {
      args_.Fail(fmt::format("Expected an enum value, but found `{}`.",
                             ctx_.Text(v.span)));
      return false;
    }
    int ei = ctx_.schema.FindEnum(f_.type_name);
    bool found = false;
    if (ei >= 0)
      for (const auto& ev : ctx_.schema.enums[ei].values)
        found = found || ev.name == v.value;
    if (!found) {
      args_.Fail(
          fmt::format("The defined default value `{}` is not a valid "
                      "value of the enum specified for the field.",
                      v.value));
      return false;
    }
    dv_.kind = DefaultValue::Kind::kEnumValue;
    if (dv_.literal != DefaultValue::LiteralKind::kArray) dv_.value = v.value;
    return true;
  }

  void EnumList(const ast::Expression& v) {
    if (!v.IsArray()) {
      args_.Fail(fmt::format("Expected an enum value, but found `{}`.",
                             ctx_.Text(v.span)));
      return;
    }
    dv_.literal = DefaultValue::LiteralKind::kArray;
    for (const auto& item : v.items) {
      if (!EnumValue(item)) return;
      dv_.array_values.push_back(item.value);
    }
    dv_.kind = DefaultValue::Kind::kEnumValue;
    Accept();
  }
};

}  // namespace

void ResolveDefault(Context& ctx, int mi, int fi, const ast::Attribute& attr) {
  AttributeArgs args(ctx, attr, "@default");
  if (!args.usable()) return;
  const ast::Expression* value = args.RequiredDefault("value");
  if (!value) {
    args.ReportUnused();
    return;
  }
  Field& f = ctx.schema.models[mi].fields[fi];
  DefaultResolver(ctx, f, args).Run(*value);
  args.ReportUnused();
}

}  // namespace airlock::schema::internal
