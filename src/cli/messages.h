// User-facing texts of the command line, in one place for translation.
#pragma once

namespace airlock::cli::msg {

inline constexpr const char* kSchemaValid = "The schema at {} is valid 🚀\n";
inline constexpr const char* kValidationErrors =
    "Validation Error Count: {}\n[Context: validate] {} is invalid.\n";
inline constexpr const char* kNotFormatted = "{} is not formatted.\n";
inline constexpr const char* kRunFormat =
    "Run `airlock format` to format the schema.\n";
inline constexpr const char* kAllFormatted =
    "All schema files are formatted.\n";
inline constexpr const char* kFormatted = "Formatted {} 🚀\n";

// migrate diff
inline constexpr const char* kDiffOneSource =
    "Exactly one of {0}empty, {0}schema, {0}migrations or {0}url must be given "
    "(see `airlock migrate diff --help`).";
inline constexpr const char* kInvalidSchema =
    "The schema at {} is invalid; fix the errors above and try again.";
inline constexpr const char* kNoDatasource =
    "The schema at {} has no datasource block, so its provider is unknown. Add "
    "one, e.g. datasource db {{ provider = \"sqlite\" url = \"file:./dev.db\" "
    "}}.";
inline constexpr const char* kUnknownProvider =
    "Unknown provider \"{}\" in {}: use \"sqlite\", \"mysql\" or "
    "\"postgresql\".";
inline constexpr const char* kBadUrlScheme =
    "The URL given to {}url must start with `file:`, `mysql://`, "
    "`postgresql://` "
    "or `postgres://`.";
inline constexpr const char* kMigrationsNotFolder =
    "Could not read the migrations directory at {}: it does not exist or is "
    "not "
    "a folder.";
inline constexpr const char* kProviderMismatch =
    "Cannot diff across providers: the source is {} ({}) but the target is {} "
    "({}). Both sides must use the same database provider.";
inline constexpr const char* kNoProvider =
    "Cannot tell which database provider to use: neither side is a schema with "
    "a "
    "datasource, a URL, or a migrations folder with migration_lock.toml.";
inline constexpr const char* kNoConnector =
    "Connecting to {} databases is not available in this build yet.";

}  // namespace airlock::cli::msg
