// The formatter: reprints schema files exactly as `prisma format` does
// (aligned field columns, canonical spacing, comments kept, missing
// back-relation fields and @relation attributes added). Idempotent.
#pragma once

#include <string>
#include <vector>

#include "base/diagnostics.h"

namespace airlock::schema {

// Formats every file of `sources` together (a fix in one file may add a field
// in another); returns one text per source, in order. Files with syntax errors
// are formatted as far as they parse; lines that do not parse are kept as is.
std::vector<std::string> Format(const SourceSet& sources);

}  // namespace airlock::schema
