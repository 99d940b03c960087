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

// Server connections (MySQL/MariaDB and PostgreSQL). {host}, {port}, {user},
// {db} never include the password; {why} is the driver's message with the
// password masked.
inline constexpr const char* kServerUnreachable =
    "Can't reach database server at `{host}`:`{port}`\n\n"
    "Please make sure your database server is running at `{host}`:`{port}`.\n"
    "({why})";
inline constexpr const char* kServerTimeout =
    "The database server at `{host}`:`{port}` was reached but timed out after "
    "{seconds} s (connect_timeout).\n\nPlease make sure your database server "
    "is running at `{host}`:`{port}`, or raise `connect_timeout` in the URL.\n"
    "({why})";
inline constexpr const char* kAuthFailed =
    "Authentication failed against database server at `{host}`, the provided "
    "database credentials for `{user}` are not valid.\n\n"
    "Please make sure to provide valid database credentials for the database "
    "server at `{host}`: check the user and password in the database URL "
    "(e.g. DATABASE_URL in .env). Special characters in the password must be "
    "percent-encoded there (@ as %40, : as %3A, / as %2F, # as %23, % as "
    "%25), and the user must be allowed to connect from this host.\n"
    "The server said: {why}";
inline constexpr const char* kDatabaseMissing =
    "Database `{db}` does not exist on the database server at "
    "`{host}`:`{port}`.";
inline constexpr const char* kSchemaMissing =
    "Schema `{schema}` does not exist in database `{db}` on the database "
    "server at `{host}`:`{port}`.";
inline constexpr const char* kAccessDenied =
    "User `{user}` was denied access on the database `{db}`.\n"
    "The server said: {why}";
inline constexpr const char* kTlsFailed =
    "Error opening a TLS connection to `{host}`:`{port}`: {why}";
inline constexpr const char* kTlsIdentityUnsupported =
    "The URL parameter `sslidentity` (a PKCS#12 client identity) is not "
    "supported by airlock's {driver} connection. Convert it to PEM with "
    "`openssl pkcs12 -in identity.p12 -nodes` and pass the parts with "
    "`sslclientcert=` and `sslkey=` instead.";
inline constexpr const char* kConnectFailed =
    "Cannot connect to the database server at `{host}`:`{port}`: {why}";
inline constexpr const char* kBadParam =
    "The database URL parameter `{name}` has an invalid value `{value}`: "
    "{expected}.";
inline constexpr const char* kMysqlLockFailed =
    "GET_LOCK('prisma_migrate') failed on {}: the server returned NULL "
    "(out of memory, or the thread was killed).";
inline constexpr const char* kLockNotHeld =
    "The migration lock was not held by this connection on {}.";
inline constexpr const char* kInTransaction =
    "A transaction is already open on {}.";
inline constexpr const char* kParamCount =
    "The statement has {} placeholders but {} parameters were given.";
inline constexpr const char* kCreateDatabaseFailed =
    "Cannot create database `{}` on {}: {}";
inline constexpr const char* kDropDatabaseFailed =
    "Cannot drop database `{}` on {}: {}";
inline constexpr const char* kNoDatabaseName =
    "The database URL names no database.";

inline constexpr const char* kNoServerDatabase =
    "Creating and dropping databases is not available for {}: the database "
    "is the file.";
inline constexpr const char* kClientLibraryMissing =
    "The database client library {} could not be loaded ({}). Install the "
    "Debian package `{}` (apt-get install {}) on this machine.";
inline constexpr const char* kClientSymbolMissing =
    "The database client library {} has no function `{}`: it is too old. "
    "Install a current `{}` package.";

}  // namespace airlock::db::msg
