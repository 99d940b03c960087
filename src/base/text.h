// Small text helpers shared by the components: line splitting (SHOW CREATE
// output, SQL scripts, migration_lock.toml) and ASCII case-insensitive
// comparison (checksums, preview feature names, dbgenerated defaults).
#pragma once

#include <string_view>
#include <vector>

namespace airlock {

// The lines of `text`, split at '\n' (which is not part of a line). A final
// '\n' ends the last line and does not start an empty one; "" has no lines.
// The views point into `text`.
std::vector<std::string_view> SplitLines(std::string_view text);

// Whether `a` and `b` are equal when ASCII letters are compared without case.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace airlock
