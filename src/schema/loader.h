// Finding and reading the schema the way Prisma does: `--schema PATH` (a file,
// or a folder of .prisma files for multi-file schemas), else
// ./prisma/schema.prisma, else ./schema.prisma. Files are checked for NUL
// bytes and invalid UTF-8 (reported as diagnostics, not crashes).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "base/status.h"

namespace airlock::schema {

struct LoadedSchema {
  std::string location;            // the file or folder that was loaded
  std::vector<std::string> paths;  // one per source, same order
  SourceSet sources;
  std::string SchemaDir() const;  // folder holding the (first) schema file
};

// Error when nothing is found or a file cannot be read.
Result<LoadedSchema> LoadSchema(const std::optional<std::string>& path);

// Reports invalid UTF-8 and NUL bytes in every source.
void CheckEncoding(const SourceSet& sources, Diagnostics& diags);

}  // namespace airlock::schema
