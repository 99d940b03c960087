// Describers: a live database -> SqlSchema, the inverse of Calculate, so that
// a database can be diffed against a schema or against another database.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "db/connection.h"
#include "sqlschema/sqlschema.h"

namespace airlock::describe {

// Reads tables, columns, primary keys, indexes, foreign keys and views of an
// open SQLite database (Prisma's _prisma_migrations table is left out).
// Error when a catalogue query fails.
Result<sqlschema::SqlSchema> DescribeSqlite(db::Connection& conn);

// The base tables of a MySQL/MariaDB connection's database (DATABASE()):
// columns with native types, defaults, auto-increment, primary keys, indexes
// (length prefix, sort order, FULLTEXT), foreign keys with actions, and the
// inline ENUM columns as enums named `{table}_{column}`. _prisma_migrations
// is left out. Error when a catalogue query fails.
Result<sqlschema::SqlSchema> DescribeMysql(db::Connection& conn);

// The tables and enum types of the PostgreSQL schemas `schemas`; empty: the
// connection's current schema (the URL's `?schema=`, default public), with
// Table::schema left unset as Calculate does for single-schema projects.
// When `schemas` is given (multiSchema), tables, enums and referenced tables
// carry their schema and `namespaces` lists those that exist. Installed
// extensions are listed too: callers clear them unless the schema enables
// the postgresqlExtensions preview feature, as Prisma does.
Result<sqlschema::SqlSchema> DescribePostgres(
    db::Connection& conn, const std::vector<std::string>& schemas = {});

// DescribeSqlite, DescribeMysql or DescribePostgres (current schema) by the
// connection's dialect.
Result<sqlschema::SqlSchema> DescribeConnection(db::Connection& conn);

}  // namespace airlock::describe
