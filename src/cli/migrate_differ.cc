// Wire the differ from src/diff here once it lands: return an adapter that
// implements migrate::MigrationDiffer (PlanMigration: describe the shadow,
// calculate the target from the schema, diff, check data loss against the
// live database, render; Drift: describe both, diff, summarise).
#include "cli/migrate_differ.h"

namespace airlock::cli {

std::unique_ptr<migrate::MigrationDiffer> MakeMigrationDiffer(db::Dialect) {
  return nullptr;
}

}  // namespace airlock::cli
