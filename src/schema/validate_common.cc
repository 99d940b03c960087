// Helpers shared by the validator passes: attribute argument lookup with
// Prisma's argument errors, expression coercions, scalar type names.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "schema/validate_context.h"
#include "schema/validate_messages.h"

namespace airlock::schema::internal {

bool Context::HasPreview(std::string_view f) const {
  for (const auto& p : preview_features)
    if (p == f) return true;
  return false;
}

int Context::FindComposite(std::string_view name) const {
  for (size_t i = 0; i < composite_types.size(); ++i)
    if (composite_types[i].name == name) return static_cast<int>(i);
  return -1;
}

std::string_view Context::Text(Span span) const {
  if (span.file >= sources.size()) return {};
  const std::string& t = sources[span.file].text;
  if (span.start > t.size() || span.end > t.size() || span.end < span.start)
    return {};
  return std::string_view(t).substr(span.start, span.end - span.start);
}

AttributeArgs::AttributeArgs(Context& ctx, const ast::Attribute& attr,
                             std::string display_name)
    : ctx_(ctx), attr_(attr), display_name_(std::move(display_name)) {
  used_.assign(attr.args().size(), false);
  // Empty `name:` arguments and trailing commas make the attribute unusable.
  for (const auto& a : attr.args()) {
    if (a.name && !a.value) {
      ctx_.Error(vmsg::AttributeError(
                     display_name_,
                     fmt::format("The `{}` argument is missing a value.",
                                 a.name->name)),
                 a.name->span);
      usable_ = false;
    }
  }
  if (attr.arguments && attr.arguments->trailing_comma) {
    ctx_.Error(vmsg::AttributeError(display_name_, vmsg::kTrailingComma),
               attr.arguments->span);
  }
  if (!usable_) {
    std::fill(used_.begin(), used_.end(), true);
    return;
  }
  // Duplicate named arguments; several unnamed ones.
  std::vector<std::string> unnamed;
  const auto& args = attr.args();
  for (size_t i = 0; i < args.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      bool same = args[i].name && args[j].name &&
                  args[i].name->name == args[j].name->name;
      bool both_unnamed = !args[i].name && !args[j].name;
      if (same) {
        ctx_.Error(vmsg::DuplicateArgument(args[i].name->name), args[i].span);
        used_[i] = true;
        break;
      }
      if (both_unnamed) {
        if (unnamed.empty())
          unnamed.emplace_back(ctx_.Text(args[j].value->span));
        unnamed.emplace_back(ctx_.Text(args[i].value->span));
        used_[i] = true;
        break;
      }
    }
  }
  if (!unnamed.empty()) {
    std::string joined;
    for (size_t i = 0; i < unnamed.size(); ++i) {
      if (i) joined += ", ";
      joined += unnamed[i];
    }
    Fail(fmt::format(
        "You provided multiple unnamed arguments. This is not possible. Did "
        "you forget the brackets? Did you mean `[{}]`?",
        joined));
  }
}

Span ArgumentSpan(const ast::Attribute& attr, std::string_view name,
                  Span fallback) {
  for (const auto& a : attr.args())
    if (a.name && a.name->name == name) return a.span;
  return fallback;
}

const ast::Expression* AttributeArgs::Named(std::string_view name) {
  const auto& args = attr_.args();
  for (size_t i = 0; i < args.size(); ++i) {
    if (used_[i] || !args[i].name || args[i].name->name != name) continue;
    used_[i] = true;
    return args[i].value ? &*args[i].value : nullptr;
  }
  return nullptr;
}

const ast::Expression* AttributeArgs::Default(std::string_view name) {
  const auto& args = attr_.args();
  int named = -1, unnamed = -1;
  for (size_t i = 0; i < args.size(); ++i) {
    if (used_[i]) continue;
    if (args[i].name && args[i].name->name == name && named < 0)
      named = static_cast<int>(i);
    if (!args[i].name && unnamed < 0) unnamed = static_cast<int>(i);
  }
  if (named >= 0 && unnamed >= 0) {
    used_[named] = used_[unnamed] = true;
    default_reported_ = true;
    ctx_.Error(fmt::format("Argument \"{}\" is already specified as unnamed "
                           "argument.",
                           name),
               args[named].span);
    return nullptr;
  }
  int idx = named >= 0 ? named : unnamed;
  if (idx < 0) return nullptr;
  used_[idx] = true;
  return args[idx].value ? &*args[idx].value : nullptr;
}

const ast::Expression* AttributeArgs::RequiredDefault(std::string_view name) {
  const ast::Expression* e = Default(name);
  if (!e && !default_reported_)
    ctx_.Error(vmsg::ArgumentNotFound(name), attr_.span);
  return e;
}

void AttributeArgs::ReportUnused() {
  const auto& args = attr_.args();
  for (size_t i = 0; i < args.size(); ++i) {
    if (!used_[i]) ctx_.Error(vmsg::kNoSuchArgument, args[i].span);
    used_[i] = true;
  }
}

void AttributeArgs::Fail(std::string_view message) {
  Fail(message, attr_.span);
}

void AttributeArgs::Fail(std::string_view message, Span span) {
  failed_ = true;
  ctx_.Error(vmsg::AttributeError(display_name_, message), span);
}

const char* DescribeValue(const ast::Expression& e) {
  switch (e.kind) {
    case ast::Expression::Kind::kNumber:
      return "numeric";
    case ast::Expression::Kind::kString:
      return "string";
    case ast::Expression::Kind::kConstant:
      return "literal";
    case ast::Expression::Kind::kFunction:
      return "functional";
    case ast::Expression::Kind::kArray:
      return "array";
  }
  return "";
}

void TypeMismatch(Context& ctx, std::string_view expected,
                  const ast::Expression& e) {
  ctx.Error(fmt::format("Expected a {} value, but received {} value `{}`.",
                        expected, DescribeValue(e), ctx.Text(e.span)),
            e.span);
}

std::optional<std::string> CoerceString(Context& ctx,
                                        const ast::Expression& e) {
  if (e.IsString()) return e.value;
  TypeMismatch(ctx, "string", e);
  return std::nullopt;
}

std::optional<std::string> CoerceConstant(Context& ctx,
                                          const ast::Expression& e) {
  if (e.IsConstant()) return e.value;
  TypeMismatch(ctx, "constant", e);
  return std::nullopt;
}

std::optional<bool> CoerceBoolean(Context& ctx, const ast::Expression& e) {
  if (e.IsConstant() && e.value == "true") return true;
  if (e.IsConstant() && e.value == "false") return false;
  TypeMismatch(ctx, "boolean", e);
  return std::nullopt;
}

std::optional<long long> CoerceInteger(Context& ctx, const ast::Expression& e) {
  if (e.IsNumber()) {
    long long v = 0;
    auto [p, ec] =
        std::from_chars(e.value.data(), e.value.data() + e.value.size(), v);
    if (ec == std::errc() && p == e.value.data() + e.value.size()) return v;
  }
  TypeMismatch(ctx, "numeric", e);
  return std::nullopt;
}

const std::vector<ast::Expression>* CoerceArray(const ast::Expression& e) {
  return e.IsArray() ? &e.items : nullptr;
}

std::optional<ScalarType> ParseScalarType(std::string_view n) {
  if (n == "Int") return ScalarType::kInt;
  if (n == "BigInt") return ScalarType::kBigInt;
  if (n == "Float") return ScalarType::kFloat;
  if (n == "Decimal") return ScalarType::kDecimal;
  if (n == "Boolean") return ScalarType::kBoolean;
  if (n == "String") return ScalarType::kString;
  if (n == "DateTime") return ScalarType::kDateTime;
  if (n == "Json") return ScalarType::kJson;
  if (n == "Bytes") return ScalarType::kBytes;
  return std::nullopt;
}

}  // namespace airlock::schema::internal
