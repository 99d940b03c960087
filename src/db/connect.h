// Opening a connection for a parsed URL, whatever the dialect.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "base/status.h"
#include "db/connection.h"
#include "db/url.h"

namespace airlock::db {

struct ConnectOptions {
  // Folder that relative SQLite paths are resolved against (the schema's).
  std::string base_dir;
  // Create the database (SQLite file and its folder; server: CREATE DATABASE)
  // when it does not exist. Otherwise a missing database is P1003.
  bool create_if_missing = false;
  // How long a statement waits for a lock held by another connection.
  std::chrono::milliseconds busy_timeout{10000};
  // The original URL text, for Describe() (masked before printing).
  std::string display_url;
};

// Error P1001/P1003/P1000/P1013 as described in connection.h.
Result<std::unique_ptr<Connection>> Connect(const DatabaseUrl& url,
                                            const ConnectOptions& options);

// Creates the (server) database named in `url`: MySQL with utf8mb4 as Prisma
// does, PostgreSQL connected to the `postgres` database. Error P1009 when it
// exists, P1010 when the user may not create databases, P1013 when the URL
// names none, and for SQLite (a file is created by Connect instead).
Status CreateDatabase(const DatabaseUrl& url, const ConnectOptions& options);

// Drops the (server) database named in `url` if it exists. PostgreSQL ends
// the other sessions on it first (13+).
Status DropDatabase(const DatabaseUrl& url, const ConnectOptions& options);

// `url` pointing at a new, unique database name on the same server
// (`prisma_migrate_shadow_db_<uuid>`, as Prisma names shadow databases).
// Nothing is created: pair with CreateDatabase/DropDatabase.
DatabaseUrl WithUniqueDatabase(const DatabaseUrl& url);

// Whether the database exists (SQLite: the file). Servers: connects to check.
Result<bool> DatabaseExists(const DatabaseUrl& url,
                            const ConnectOptions& options);

}  // namespace airlock::db
