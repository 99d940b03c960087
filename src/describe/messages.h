// User-facing texts of introspection and shadow-database replay.
#pragma once

namespace airlock::describe::msg {

inline constexpr const char* kNotAFolder =
    "Could not read the migrations directory at {}: it is not a folder.";
inline constexpr const char* kMissingMigrationFile =
    "Could not find the migration file at {}. Please delete the directory or "
    "restore the migration file.";
inline constexpr const char* kReplayFailed =
    "Migration `{}` failed to apply cleanly to the shadow database.\n"
    "File: {}\n"
    "Statement {}: {}\n"
    "Error: {}";
inline constexpr const char* kUrlNotSqlite =
    "The URL `{}` is not a SQLite URL: it must start with `file:`.";

}  // namespace airlock::describe::msg
