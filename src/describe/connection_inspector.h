// Row and non-null counts read through a db::Connection, for the
// destructive-change checks of `migrate dev` (diff/destructive.h). Works for
// every dialect: identifiers are quoted by the connection.
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
  std::string QualifiedTable(const std::optional<std::string>& schema,
                             const std::string& table) const;
  std::optional<int64_t> Count(const std::string& sql);

  db::Connection& conn_;
};

}  // namespace airlock::describe
