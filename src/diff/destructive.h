// Destructive-change checks (Prisma's sql_destructive_change_checker): the
// warnings (data loss) and unexecutable steps (would fail on existing rows) of
// a migration, with Prisma's texts. Counts of rows and non-null values come
// from a DataInspector over the database the migration will run on; without
// one (nullptr) the checks use Prisma's "if the table is not empty" wording.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "diff/migration.h"

namespace airlock::diff {

class DataInspector {
 public:
  virtual ~DataInspector() = default;
  // nullopt when the count is unknown (e.g. the query failed).
  virtual std::optional<int64_t> RowCount(
      const std::optional<std::string>& schema, const std::string& table) = 0;
  virtual std::optional<int64_t> NonNullCount(
      const std::optional<std::string>& schema, const std::string& table,
      const std::string& column) = 0;
};

struct DestructiveChanges {
  std::vector<std::string> warnings;
  std::vector<std::string> unexecutable;
  bool empty() const { return warnings.empty() && unexecutable.empty(); }
  // Warnings then unexecutable steps: the lines of the migration.sql block.
  std::vector<std::string> All() const;
};

DestructiveChanges CheckDestructiveChanges(const Migration& migration,
                                           DataInspector* inspector);

}  // namespace airlock::diff
