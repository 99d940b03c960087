// Small file helpers: read a whole (small) file, write a file atomically
// (temporary name, fsync, rename), list a directory sorted.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"

namespace airlock {

// Reads the whole file; an error names the path and the OS reason.
Result<std::string> ReadFile(const std::string& path);

// Writes `data` to `path` through `path.tmp-<pid>` + fsync + rename, so a reader
// never sees a half-written file. `mode` applies to the new file.
Status WriteFileAtomic(const std::string& path, const std::string& data,
                       int mode = 0644);

bool IsDirectory(const std::string& path);
bool IsRegularFile(const std::string& path);

// Names (not paths) of entries in `dir`, sorted bytewise. Hidden entries skipped.
Result<std::vector<std::string>> ListDirectory(const std::string& dir);

}  // namespace airlock
