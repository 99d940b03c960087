#include "db/connect.h"

#include <fmt/format.h>

#include "base/files.h"
#include "db/messages.h"
#include "db/mysql_connection.h"
#include "db/postgres_connection.h"
#include "db/server_options.h"
#include "db/sqlite_connection.h"

namespace airlock::db {

Result<std::unique_ptr<Connection>> Connect(const DatabaseUrl& url,
                                            const ConnectOptions& options) {
  switch (url.dialect) {
    case Dialect::kSqlite:
      return OpenSqlite(url, options);
    case Dialect::kMysql:
      return OpenMysql(url, options);
    case Dialect::kPostgres:
      return OpenPostgres(url, options);
  }
  return Status::Error("unreachable");
}

Status CreateDatabase(const DatabaseUrl& url, const ConnectOptions& options) {
  switch (url.dialect) {
    case Dialect::kMysql:
      return CreateMysqlDatabase(url, options);
    case Dialect::kPostgres:
      return CreatePostgresDatabase(url, options);
    case Dialect::kSqlite:
      break;
  }
  return Status::Error("P1013", fmt::format(msg::kNoServerDatabase, "sqlite"));
}

Status DropDatabase(const DatabaseUrl& url, const ConnectOptions& options) {
  switch (url.dialect) {
    case Dialect::kMysql:
      return DropMysqlDatabase(url, options);
    case Dialect::kPostgres:
      return DropPostgresDatabase(url, options);
    case Dialect::kSqlite:
      break;
  }
  return Status::Error("P1013", fmt::format(msg::kNoServerDatabase, "sqlite"));
}

DatabaseUrl WithUniqueDatabase(const DatabaseUrl& url) {
  DatabaseUrl out = url;
  out.database = UniqueShadowDatabaseName();
  return out;
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
