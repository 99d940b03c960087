// The seam between `airlock migrate dev` and the schema differ (src/diff).
#pragma once

#include <memory>

#include "db/connection.h"
#include "migrate/dev.h"

namespace airlock::cli {

// The differ for `dialect`, or null when this build has none yet.
std::unique_ptr<migrate::MigrationDiffer> MakeMigrationDiffer(
    db::Dialect dialect);

}  // namespace airlock::cli
