// What the MySQL and PostgreSQL connections share: reading Prisma's URL
// parameters (connect_timeout, TLS files) and keeping passwords out of
// messages.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "db/url.h"

namespace airlock::db {

// Prisma's default connect_timeout, in seconds.
inline constexpr int kDefaultConnectTimeoutSeconds = 5;

// `connect_timeout` in seconds (0 = wait forever), default 5. P1013 when it
// is not a non-negative integer.
Result<int> ConnectTimeoutSeconds(const DatabaseUrl& url);

// A file named by URL parameter `name`, relative paths resolved against
// `base_dir` (the schema folder, as Prisma does for sslcert). Empty when the
// parameter is absent.
std::string ParamPath(const DatabaseUrl& url, std::string_view name,
                      const std::string& base_dir);

// `text` with every occurrence of `password` (and of its percent-encoded
// forms) replaced by ****: for driver messages that might echo it. Passwords
// under 4 characters are left alone (they would mask ordinary words).
std::string MaskPassword(std::string text, const std::string& password);

// P1013 for a parameter with a value outside `allowed` ("a|b|c").
Status BadParam(std::string_view name, std::string_view value,
                std::string_view expected);

// A new unique database name: `prisma_migrate_shadow_db_` + a random UUID,
// as Prisma names its shadow databases.
std::string UniqueShadowDatabaseName();

}  // namespace airlock::db
