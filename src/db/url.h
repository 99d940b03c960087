// Connection URLs as Prisma accepts them: `file:` (SQLite), `mysql://` and
// `postgresql://`/`postgres://`. User, password, database and query
// parameters are percent-decoded. Masked() is the only form that may be
// printed: it never contains the password.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "db/connection.h"

namespace airlock::db {

struct DatabaseUrl {
  Dialect dialect = Dialect::kSqlite;
  std::string scheme;  // as written: "file", "mysql", "postgresql", "postgres"

  // file: the path exactly as written after `file:` (decoded, no query).
  std::string path;

  // Servers.
  std::string user;
  std::string password;
  std::string host;      // without brackets for IPv6
  int port = 0;          // 0 when not written (use the dialect's default)
  std::string database;  // may be empty

  // Query parameters, decoded, in order.
  std::vector<std::pair<std::string, std::string>> params;

  std::optional<std::string> Param(std::string_view name) const;
  // Port or the dialect default (3306, 5432).
  int PortOrDefault() const;
  // The URL with the password (and password-like parameters) as `****`.
  std::string Masked() const;
};

// Error (code P1013, "The provided database string is invalid.") when the URL
// cannot be parsed; the message never contains the password.
Result<DatabaseUrl> ParseDatabaseUrl(std::string_view url);

// The provider a URL fits ("sqlite", "mysql", "postgresql").
const char* ProviderForUrl(const DatabaseUrl& url);

// An absolute SQLite file path: relative `file:` paths are resolved against
// `schema_dir` (the folder of the schema file), as Prisma does.
std::string ResolveSqlitePath(const DatabaseUrl& url,
                              const std::string& schema_dir);

// Percent-decodes `s` ("%40" -> "@"; "+" stays "+"). Invalid escapes are kept.
std::string PercentDecode(std::string_view s);

}  // namespace airlock::db
