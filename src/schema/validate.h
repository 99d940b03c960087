// Schema validation: Prisma's rules for the datasource, generators, models,
// views, enums, fields, attributes, native types, defaults and relations.
// Every problem found is reported (validation does not stop at the first);
// the resolved Schema is returned only when there are no errors.
#pragma once

#include <optional>

#include "base/diagnostics.h"
#include "schema/ast.h"
#include "schema/schema.h"

namespace airlock::schema {

// Validates the parsed `ast` of `sources`. Appends errors and warnings to
// `diags`; returns the resolved schema when there is no error.
std::optional<Schema> Validate(const ast::Ast& ast, const SourceSet& sources,
                               Diagnostics& diags);

// Parse + encoding check + validate in one call.
std::optional<Schema> ParseAndValidate(const SourceSet& sources,
                                       Diagnostics& diags);

}  // namespace airlock::schema
