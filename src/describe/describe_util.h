// Small helpers the describers share: case folding, literal checks and
// referential actions as the catalogues spell them.
#pragma once

#include <string>

#include "sqlschema/sqlschema.h"

namespace airlock::describe {

std::string Lower(std::string s);
std::string Upper(std::string s);

// "1", "-7", "2.50", "1e3": a number as SQL writes it.
bool IsNumberLiteral(const std::string& s);

bool IsNumeric(sqlschema::ColumnFamily family);

// "CASCADE", "SET NULL", "NO ACTION", ... (any case); PostgreSQL's one-letter
// codes a/r/c/n/d too.
sqlschema::Action ActionOf(const std::string& s);

}  // namespace airlock::describe
