// PostgreSQL connections through libpq.
//
// URL: postgresql://USER:PASSWORD@HOST:PORT/DATABASE?params (or postgres://),
// as Prisma reads it. Parameters: schema (default public; the search_path),
// connect_timeout (s, default 5, 0 = none), host (a Unix socket folder or a
// host name, overriding the URL's host), sslmode (disable | prefer | require,
// and libpq's allow | verify-ca | verify-full), sslcert (CA file, relative to
// the schema folder), sslaccept (strict = verify the certificate and host
// name | accept_invalid_certs), sslclientcert + sslkey + sslpassword (PEM
// client identity; airlock's replacement for Prisma's PKCS#12 sslidentity),
// application_name, options.
//
// A multi-statement script runs as one transaction, as when PostgreSQL gets
// it as one query: statements are sent one at a time (so the failing one is
// known) inside BEGIN … COMMIT, and the script's own COMMIT/BEGIN keep their
// meaning.
#pragma once

#include <functional>
#include <memory>
#include <string_view>

#include "base/status.h"
#include "db/connect.h"
#include "db/connection.h"
#include "db/url.h"

namespace airlock::db {

// Errors: P1001 unreachable, P1002 timed out, P1000 wrong credentials, P1003
// unknown database or schema (both created instead when
// options.create_if_missing), P1010 access denied, P1011 TLS, P1013 bad
// parameter.
Result<std::unique_ptr<Connection>> OpenPostgres(const DatabaseUrl& url,
                                                 const ConnectOptions& options);

// COPY (...) TO STDOUT on a PostgreSQL connection: `on_data` gets the text
// format data as libpq delivers it (one row per call), so nothing buffers.
Status PostgresCopyOut(Connection& conn, std::string_view sql,
                       const std::function<Status(std::string_view)>& on_data);

// COPY ... FROM STDIN on a PostgreSQL connection, sending `data` (text
// format, rows ending with a newline, without the terminating `\.` line).
Status PostgresCopyIn(Connection& conn, std::string_view sql,
                      std::string_view data);

// CREATE DATABASE "url.database" (connected to the `postgres` database, else
// `template1`). P1009 when it exists, P1010 when not allowed.
Status CreatePostgresDatabase(const DatabaseUrl& url,
                              const ConnectOptions& options);

// DROP DATABASE IF EXISTS "url.database", ending other sessions on it.
Status DropPostgresDatabase(const DatabaseUrl& url,
                            const ConnectOptions& options);

}  // namespace airlock::db
