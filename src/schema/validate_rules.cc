// Pass 6 (rules): Prisma's validation pipeline, run only when the earlier
// passes found no error: unique criteria, database name clashes,
// connector capabilities (per provider), native types, defaults, indexes,
// multi-schema, and relation rules (validate_relation_rules.cc).
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "schema/validate_context.h"
#include "schema/validate_messages.h"

namespace airlock::schema::internal {

void ValidateRelationRules(Context& ctx);
void ValidateModelRules(Context& ctx);

void ValidateRules(Context& ctx) {
  if (ctx.has_extensions && !ctx.HasPreview("postgresqlExtensions")) {
    ctx.Error(
        "The `extensions` property is only available with the "
        "`postgresqlExtensions` preview feature.",
        ctx.extensions_span);
  }
  for (const auto& [fn, span] : ctx.unknown_function_defaults) {
    ctx.Error(fmt::format("Unknown function in @default(): `{}` is not known. "
                          "You can read about the available functions here: "
                          "https://pris.ly/d/attribute-functions",
                          fn),
              span);
  }
  if (!ctx.HasPreview("views")) {
    for (size_t mi = 0; mi < ctx.schema.models.size(); ++mi) {
      if (!ctx.schema.models[mi].is_view) continue;
      ctx.Error(vmsg::Validation("View definitions are only available with "
                                 "the `views` preview feature."),
                ctx.model_blocks[mi]->span);
    }
  }
  ValidateModelRules(ctx);
  ValidateNativeTypes(ctx);
  ValidateRelationRules(ctx);
}

}  // namespace airlock::schema::internal
