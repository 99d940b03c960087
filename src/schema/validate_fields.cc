// Pass 2 (types): resolves the type of every model and view field to a
// scalar, an enum, a model (relation field), a composite type or
// Unsupported("…"), reporting unknown types as Prisma does.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "schema/validate_context.h"

namespace airlock::schema::internal {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(c));
  return out;
}

FieldArity ToArity(ast::Arity a) {
  switch (a) {
    case ast::Arity::kRequired:
      return FieldArity::kRequired;
    case ast::Arity::kOptional:
      return FieldArity::kOptional;
    case ast::Arity::kList:
      return FieldArity::kList;
  }
  return FieldArity::kRequired;
}

void ReportUnknownType(Context& ctx, const ast::FieldType& type) {
  static const char* kScalars[] = {"Int",      "BigInt",  "Float",
                                   "Decimal",  "Boolean", "String",
                                   "DateTime", "Json",    "Bytes"};
  std::string wanted = Lower(type.name.name);
  std::string suggestion;
  auto consider = [&](const std::string& n) {
    if (suggestion.empty() && Lower(n) == wanted) suggestion = n;
  };
  for (const auto& file : ctx.ast.files)
    for (const auto& b : file.blocks)
      if (b.kind != ast::BlockKind::kDatasource &&
          b.kind != ast::BlockKind::kGenerator)
        consider(b.name.name);
  for (const char* s : kScalars) consider(s);
  if (!suggestion.empty()) {
    ctx.Error(fmt::format("Type \"{}\" is neither a built-in type, nor refers "
                          "to another model, composite type, or enum. Did you "
                          "mean \"{}\"?",
                          type.name.name, suggestion),
              type.span);
  } else {
    ctx.Error(fmt::format("Type \"{}\" is neither a built-in type, nor refers "
                          "to another model, composite type, or enum.",
                          type.name.name),
              type.span);
  }
}

}  // namespace

void ResolveTypes(Context& ctx) {
  for (size_t mi = 0; mi < ctx.schema.models.size(); ++mi) {
    Model& model = ctx.schema.models[mi];
    const ast::Block& block = *ctx.model_blocks[mi];
    model.fields.reserve(block.fields.size());
    ctx.model_fields[mi].reserve(block.fields.size());
    for (const auto& af : block.fields) {
      if (!af.type) continue;  // reported by the parser
      Field f;
      f.name = af.name.name;
      f.db_name = f.name;
      f.arity = ToArity(af.type->arity);
      f.documentation = af.documentation;
      f.span = af.span;
      f.type_name = af.type->name.name;
      if (af.type->unsupported) {
        f.kind = Field::Kind::kUnsupported;
      } else if (auto s = ParseScalarType(af.type->name.name)) {
        f.kind = Field::Kind::kScalar;
        f.scalar = *s;
      } else if (ctx.schema.FindModel(af.type->name.name) >= 0) {
        f.kind = Field::Kind::kRelation;
      } else if (ctx.schema.FindEnum(af.type->name.name) >= 0) {
        f.kind = Field::Kind::kEnum;
      } else if (ctx.FindComposite(af.type->name.name) >= 0) {
        f.kind = Field::Kind::kComposite;
      } else {
        ReportUnknownType(ctx, *af.type);
        continue;
      }
      model.fields.push_back(std::move(f));
      ctx.model_fields[mi].push_back(&af);
    }
  }
}

}  // namespace airlock::schema::internal
