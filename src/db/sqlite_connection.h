// SQLite connections (sqlite3 library). Relative `file:` paths are resolved
// against ConnectOptions::base_dir (the schema folder), as Prisma does.
#pragma once

#include <memory>

#include "base/status.h"
#include "db/connect.h"
#include "db/connection.h"
#include "db/url.h"

namespace airlock::db {

// P1003 when the file is missing and create_if_missing is false.
// `file::memory:` opens a private in-memory database (shadow databases).
Result<std::unique_ptr<Connection>> OpenSqlite(const DatabaseUrl& url,
                                               const ConnectOptions& options);

}  // namespace airlock::db
