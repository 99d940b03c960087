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
inline constexpr const char* kShadowCreateDenied =
    "Prisma Migrate could not create the shadow database. Please make sure "
    "the database user has permission to create databases, or set "
    "`shadowDatabaseUrl` in the datasource block to an existing database "
    "that Prisma Migrate may empty and use as its shadow database. Read more "
    "about the shadow database (and workarounds) at "
    "https://pris.ly/d/migrate-shadow\n\n"
    "Original error: {}\n{}";
inline constexpr const char* kNeedShadowUrl =
    "You must pass the --shadow-database-url if you want to diff a migrations "
    "directory on {}.";
inline constexpr const char* kUrlWrongDialect = "The URL `{}` is not a {} URL.";

}  // namespace airlock::describe::msg
