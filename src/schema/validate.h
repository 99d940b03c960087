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

struct ValidateOptions {
  // Check that a literal `url` starts with the provider's protocol
  // (`postgresql://`, `mysql://`, `file:`). Prisma does this when the CLI
  // loads the configuration, not in its schema-language (psl) tests, so the
  // psl conformance runner turns it off.
  bool check_url_scheme = true;
  // Accept datasources of providers Prisma knows but airlock does not
  // support (mongodb, sqlserver, cockroachdb): only the language-level
  // passes run and no connector rule is checked. For `format`, which must
  // not refuse a schema only because airlock cannot migrate it.
  bool allow_other_providers = false;
};

// Validates the parsed `ast` of `sources`. Appends errors and warnings to
// `diags`; returns the resolved schema when there is no error. Syntax errors
// already in `diags` make it return nullopt after validating what it can.
std::optional<Schema> Validate(const ast::Ast& ast, const SourceSet& sources,
                               Diagnostics& diags,
                               const ValidateOptions& options = {});

// Parse + encoding check + validate in one call.
std::optional<Schema> ParseAndValidate(const SourceSet& sources,
                                       Diagnostics& diags,
                                       const ValidateOptions& options = {});

}  // namespace airlock::schema
