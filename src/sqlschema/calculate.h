// Calculate: a validated Prisma schema -> the SqlSchema it describes for one
// dialect (Prisma's sql_schema_calculator): type mapping, defaults, @map/@@map,
// implicit many-to-many tables, constraint names, default referential actions,
// relationMode = "prisma" (no foreign keys).
#pragma once

#include "schema/schema.h"
#include "sqlschema/sqlschema.h"

namespace airlock::sqlschema {

// Never fails on a validated schema.
SqlSchema Calculate(const schema::Schema& schema, Provider provider);

}  // namespace airlock::sqlschema
