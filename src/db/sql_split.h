// Splitting SQL scripts into statements, and `?` placeholders, per dialect.
//
// The scanner knows what can hide a `;` or a `?`: quoted strings ('…' with
// '' doubling; backslash escapes in MySQL and PostgreSQL E'…'), quoted
// identifiers ("…", MySQL `…`), comments (`-- ` and `/* */`, MySQL `#`,
// nested PostgreSQL `/* */`) and PostgreSQL dollar quotes ($tag$…$tag$). It
// does not know compound statements (MySQL BEGIN … END bodies of triggers and
// procedures): the MySQL connection lets the server split its scripts and
// uses this only to name the failing statement.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "db/connection.h"

namespace airlock::db {

struct SqlStatement {
  size_t offset = 0;  // byte offset of the statement's first character
  // From the first character that is not whitespace or a comment to its
  // terminating `;` (included; absent for a last statement without one).
  std::string text;
};

// The statements of `sql` in order; comment-only parts yield no statement.
std::vector<SqlStatement> SplitSqlStatements(std::string_view sql,
                                             Dialect dialect);

// The byte offsets of the `?` placeholders of `sql` outside strings,
// identifiers and comments.
std::vector<size_t> FindPlaceholders(std::string_view sql, Dialect dialect);

}  // namespace airlock::db
