#include "db/connect.h"

#include <fmt/format.h>

#include "base/files.h"
#include "db/messages.h"
#include "db/sqlite_connection.h"

namespace airlock::db {

Result<std::unique_ptr<Connection>> Connect(const DatabaseUrl& url,
                                            const ConnectOptions& options) {
  switch (url.dialect) {
    case Dialect::kSqlite:
      return OpenSqlite(url, options);
    case Dialect::kMysql:
    case Dialect::kPostgres:
      return Status::Error(
          "P1001", fmt::format(msg::kNotImplemented, DialectName(url.dialect)));
  }
  return Status::Error("unreachable");
}

Result<bool> DatabaseExists(const DatabaseUrl& url,
                            const ConnectOptions& options) {
  if (url.dialect == Dialect::kSqlite) {
    return IsRegularFile(ResolveSqlitePath(url, options.base_dir));
  }
  auto conn = Connect(url, options);
  if (conn.ok()) return true;
  if (conn.status().code() == "P1003") return false;
  return conn.status();
}

}  // namespace airlock::db
