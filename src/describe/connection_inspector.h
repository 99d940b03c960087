// Row and value counts through a db::Connection (any dialect) for the
// destructive-change checks.
#pragma once

#include "db/connection.h"
#include "diff/destructive.h"

namespace airlock::describe {

class ConnectionDataInspector final : public diff::DataInspector {
 public:
  explicit ConnectionDataInspector(db::Connection& conn) : conn_(conn) {}
  std::optional<int64_t> RowCount(const std::optional<std::string>& schema,
                                  const std::string& table) override;
  std::optional<int64_t> NonNullCount(const std::optional<std::string>& schema,
                                      const std::string& table,
                                      const std::string& column) override;

 private:
  std::optional<int64_t> Count(const std::string& sql);
  std::string Table(const std::optional<std::string>& schema,
                    const std::string& table) const;
  db::Connection& conn_;
};

}  // namespace airlock::describe
