// Internals of the formatter shared by its files (format*.cc).
#pragma once

#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "schema/ast.h"

namespace airlock::schema::format {

// Reprints one parsed file in Prisma's canonical layout.
std::string RenderFile(std::string_view text, const ast::SchemaFile& file);

// Text that `prisma format` inserts before reformatting: a missing
// back-relation or forward relation field, a missing relation scalar field, a
// missing @relation attribute or missing fields/references arguments.
struct Insertion {
  uint32_t file = 0;
  size_t position = 0;  // byte offset in the original text
  std::string text;
};

// Finds the insertions for relations that lack a side or their arguments.
// Returns nothing when the schema does not resolve cleanly (Prisma then only
// reformats).
std::vector<Insertion> MissingRelationBits(const ast::Ast& ast,
                                           const SourceSet& sources);

}  // namespace airlock::schema::format
