// The seam between `airlock migrate dev` and the schema differ (src/diff).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "db/connection.h"
#include "migrate/dev.h"

namespace airlock::cli {

// The differ for `dialect` working on `migrations_dir`, or null when this
// build has none for the dialect yet. From the project's `schema`: the
// datasource's multiSchema namespaces (PostgreSQL) and whether extensions
// are diffed (the postgresqlExtensions preview feature).
std::unique_ptr<migrate::MigrationDiffer> MakeMigrationDiffer(
    db::Dialect dialect, const std::string& migrations_dir,
    const schema::Schema& schema);

}  // namespace airlock::cli
