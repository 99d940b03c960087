// MySQL and MariaDB connections through MariaDB Connector/C (libmariadb).
//
// URL: mysql://USER:PASSWORD@HOST:PORT/DATABASE?params, as Prisma reads it.
// Parameters: connect_timeout (s, default 5, 0 = none), socket_timeout (s),
// socket (Unix socket path; also host=/path), sslcert (CA file, relative to
// the schema folder), sslaccept (strict | accept_invalid_certs), sslpassword,
// sslclientcert + sslkey (PEM client identity; airlock's replacement for
// Prisma's PKCS#12 sslidentity). Any ssl* parameter turns TLS on.
//
// Scripts go to the server as one multi-statement query, so the server splits
// them (compound BEGIN … END bodies work); statements run one at a time and
// stop at the first failure, whose index and text land in last_error().
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "base/status.h"
#include "db/connect.h"
#include "db/connection.h"
#include "db/url.h"

namespace airlock::db {

// Errors: P1001 unreachable, P1002 timed out, P1000 wrong credentials,
// P1003 unknown database (created instead when options.create_if_missing),
// P1010 access denied, P1011 TLS, P1013 bad parameter.
Result<std::unique_ptr<Connection>> OpenMysql(const DatabaseUrl& url,
                                              const ConnectOptions& options);

// CREATE DATABASE `url.database` (utf8mb4, as Prisma creates them) on the
// server of `url`. P1009 when it exists, P1010 when not allowed.
Status CreateMysqlDatabase(const DatabaseUrl& url,
                           const ConnectOptions& options);

// Loading from memory with LOAD DATA LOCAL INFILE: every connection
// OpenMysql returns implements it (dynamic_cast the Connection).
class MysqlLocalInfile {
 public:
  virtual ~MysqlLocalInfile() = default;
  // Runs one `LOAD DATA LOCAL INFILE` statement whose file content is
  // `data`: the file name in the statement is ignored, and no real file is
  // ever sent (requests at any other time are refused). Returns the
  // affected rows.
  virtual Result<int64_t> LoadLocalData(std::string_view sql,
                                        std::string_view data) = 0;
};

// DROP DATABASE IF EXISTS `url.database`.
Status DropMysqlDatabase(const DatabaseUrl& url, const ConnectOptions& options);

}  // namespace airlock::db
