// Describers: a live database -> SqlSchema, the inverse of Calculate, so that
// a database can be diffed against a schema or against another database.
#pragma once

#include "base/status.h"
#include "describe/sqlite_db.h"
#include "sqlschema/sqlschema.h"

namespace airlock::describe {

// Reads tables, columns, primary keys, indexes and foreign keys of an open
// SQLite database (Prisma's _prisma_migrations table is left out). Error when
// a catalogue query fails.
Result<sqlschema::SqlSchema> DescribeSqlite(SqliteDb& db);

}  // namespace airlock::describe
