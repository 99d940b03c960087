// Mysql backup and restore: not available until the mysql connection lands.
#include "backup/dialect_dump.h"

namespace airlock::backup {

std::unique_ptr<DialectDump> MakeMysqlDump() { return nullptr; }

}  // namespace airlock::backup
