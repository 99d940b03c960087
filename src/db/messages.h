// User-facing texts of the database layer.
#pragma once

namespace airlock::db::msg {

inline constexpr const char* kInvalidUrl =
    "The provided database string is invalid. {1} (scheme `{0}`)";
inline constexpr const char* kUrlNoScheme =
    "It must start with `file:`, `mysql://`, `postgresql://` or `postgres://`.";
inline constexpr const char* kUrlUnknownScheme =
    "Unknown scheme: it must be `file:`, `mysql://`, `postgresql://` or "
    "`postgres://`.";
inline constexpr const char* kUrlNoPath = "The `file:` URL has no path.";
inline constexpr const char* kUrlNoSlashes = "Expected `//` after the scheme.";
inline constexpr const char* kUrlBadHost = "The host is missing or invalid.";
inline constexpr const char* kUrlBadPort =
    "The port is not a number in 1-65535.";

inline constexpr const char* kEnvConflict =
    "There is a conflict between env vars in {0} and {1}\n"
    "Conflicting env vars:\n{2}\n"
    "We suggest to move the contents of {1} to {0} to consolidate your env "
    "vars.";

inline constexpr const char* kSqliteOpen =
    "Cannot open SQLite database \"{}\": {}";
inline constexpr const char* kSqliteMissing =
    "SQLite database file \"{}\" does not exist.";
inline constexpr const char* kSqliteDirMissing =
    "Cannot create SQLite database \"{}\": folder \"{}\" cannot be created: {}";
inline constexpr const char* kLockTimeout =
    "Timed out after {} ms waiting for the migration lock on {}. Another "
    "migration command (airlock or Prisma) holds it; wait for it to finish, or "
    "raise --lock-timeout.";
inline constexpr const char* kStatementFailed = "{}";
inline constexpr const char* kNotImplemented =
    "{} connections are not available in this build yet.";

}  // namespace airlock::db::msg
