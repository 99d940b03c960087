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

}  // namespace airlock::cli::msg
