// What `migrate diff` (and later `migrate dev`) needs from a database of one
// dialect: describe the database behind a URL, and replay a migrations folder
// into a shadow database and describe the result. SQLite is built in; the
// server dialects (MySQL/MariaDB, PostgreSQL) connect through db::Connection.
#pragma once

#include <string>

#include "base/status.h"
#include "sqlschema/sqlschema.h"

namespace airlock::describe {

class Connector {
 public:
  virtual ~Connector() = default;
  // Error names the URL (password masked) and the reason.
  virtual Result<sqlschema::SqlSchema> DescribeUrl(
      const std::string& url) const = 0;
  // Applies every `DIR/*/migration.sql` in name order to a fresh shadow
  // database. Error (P3006) names the migration file and failing statement.
  virtual Result<sqlschema::SqlSchema> ReplayMigrations(
      const std::string& dir, const std::string& shadow_url) const = 0;
};

// nullptr when the dialect has no connector in this build.
const Connector* ConnectorFor(sqlschema::Provider provider);

}  // namespace airlock::describe
