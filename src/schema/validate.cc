// Schema validation entry point: runs the passes of validate_context.h in
// Prisma's order and returns the resolved Schema when nothing is wrong.
#include "schema/validate.h"

#include "schema/loader.h"
#include "schema/parser.h"
#include "schema/validate_context.h"

namespace airlock::schema {

std::optional<Schema> Validate(const ast::Ast& ast, const SourceSet& sources,
                               Diagnostics& diags,
                               const ValidateOptions& options) {
  internal::Context ctx(ast, sources, diags);
  ctx.allow_other_providers = options.allow_other_providers;
  internal::ResolveNames(ctx);
  if (!ctx.HasErrors()) {
    internal::ResolveTypes(ctx);
    if (!ctx.HasErrors()) {
      internal::ResolveAttributes(ctx);
      internal::ResolveRelations(ctx);
    }
  }
  internal::ResolveConfig(ctx);
  if (!ctx.HasErrors() && !ctx.other_provider) internal::ValidateRules(ctx);
  if (!ctx.HasErrors() && options.check_url_scheme)
    internal::CheckUrlScheme(ctx);
  if (ctx.HasErrors()) return std::nullopt;
  internal::ResolveConstraintNames(ctx);
  return std::move(ctx.schema);
}

std::optional<Schema> ParseAndValidate(const SourceSet& sources,
                                       Diagnostics& diags,
                                       const ValidateOptions& options) {
  CheckEncoding(sources, diags);
  ast::Ast ast = ParseSchema(sources, diags);
  return Validate(ast, sources, diags, options);
}

}  // namespace airlock::schema
