// The airlock version, printed by `airlock --version` and recorded in bundles.
#pragma once

namespace airlock::cli {
inline constexpr const char* kVersion = "0.1.0";
}  // namespace airlock::cli
