// The differ: two SqlSchemas of the same dialect -> the Migration that turns
// the first into the second, with Prisma's rules (SQLite table redefinition,
// PostgreSQL enum changes, index and foreign key renames) and step order.
#pragma once

#include "diff/migration.h"

namespace airlock::diff {

// Both schemas must be of the same provider and outlive the result.
Migration Diff(const SqlSchema& previous, const SqlSchema& next);

// Prisma's human summary of a migration ("[+] Added tables", ...), or
// "No difference detected." for an empty one.
std::string Summary(const Migration& migration);

}  // namespace airlock::diff
