// Row and value counts of a SQLite database for the destructive-change checks.
#pragma once

#include "db/connection.h"
#include "diff/destructive.h"

namespace airlock::describe {

class SqliteDataInspector final : public diff::DataInspector {
 public:
  explicit SqliteDataInspector(db::Connection& db) : db_(db) {}
  std::optional<int64_t> RowCount(const std::optional<std::string>& schema,
                                  const std::string& table) override;
  std::optional<int64_t> NonNullCount(const std::optional<std::string>& schema,
                                      const std::string& table,
                                      const std::string& column) override;

 private:
  db::Connection& db_;
};

}  // namespace airlock::describe
