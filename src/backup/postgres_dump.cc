// Postgres backup and restore: not available until the postgres connection
// lands.
#include "backup/dialect_dump.h"

namespace airlock::backup {

std::unique_ptr<DialectDump> MakePostgresDump() { return nullptr; }

}  // namespace airlock::backup
