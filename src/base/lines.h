// SplitLines: the one line-splitting loop that the text scanners share
// (SHOW CREATE output, SQL scripts, migration_lock.toml).
#pragma once

#include <string_view>
#include <vector>

namespace airlock {

// The lines of `text`, split at '\n' (which is not part of a line). A final
// '\n' ends the last line and does not start an empty one; "" has no lines.
// The views point into `text`.
std::vector<std::string_view> SplitLines(std::string_view text);

}  // namespace airlock
