// Which database a `db` command talks to: `--url`, else the schema's
// datasource url (a literal or env("VAR") from the environment or .env
// files, as Prisma resolves it).
#pragma once

#include <string>

#include "base/status.h"
#include "db/connect.h"
#include "db/url.h"

namespace airlock::cli {

struct DatabaseTarget {
  db::DatabaseUrl url;
  db::ConnectOptions options;  // base_dir = the schema folder
  std::string project_root;    // nearest package.json folder, else cwd
};

// Errors (schema invalid, url missing, env var missing, bad URL) are ready to
// print; schema diagnostics are printed to stderr.
Result<DatabaseTarget> ResolveDatabaseTarget(const std::string& schema_option,
                                             const std::string& url_option);

}  // namespace airlock::cli
