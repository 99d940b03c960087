// Parser for the Prisma schema language. A hand-written PEG parser that
// follows Prisma's grammar (psl/schema-ast datamodel.pest) rule for rule, so
// that the same inputs are accepted, the same lines fall into "catch-all"
// errors, and spans match Prisma's. It never fails: every problem becomes a
// diagnostic and parsing continues with the next line.
#pragma once

#include "base/diagnostics.h"
#include "schema/ast.h"

namespace airlock::schema {

// Parses sources[file_id]; appends syntax errors to `diags`.
ast::SchemaFile ParseFile(const SourceSet& sources, uint32_t file_id,
                          Diagnostics& diags);

// Parses every file of `sources`.
ast::Ast ParseSchema(const SourceSet& sources, Diagnostics& diags);

}  // namespace airlock::schema
