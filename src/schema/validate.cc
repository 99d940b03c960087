#include "schema/validate.h"

#include "schema/loader.h"
#include "schema/parser.h"

namespace airlock::schema {

std::optional<Schema> Validate(const ast::Ast& ast, const SourceSet& sources,
                               Diagnostics& diags) {
  if (diags.HasErrors()) return std::nullopt;
  return Schema{};
}

std::optional<Schema> ParseAndValidate(const SourceSet& sources,
                                       Diagnostics& diags) {
  CheckEncoding(sources, diags);
  ast::Ast ast = ParseSchema(sources, diags);
  return Validate(ast, sources, diags);
}

}  // namespace airlock::schema
