#include <fmt/format.h>

#include "describe/describe.h"

namespace airlock::describe {

Result<sqlschema::SqlSchema> DescribeConnection(db::Connection& conn) {
  switch (conn.dialect()) {
    case db::Dialect::kMysql:
      return DescribeMysql(conn);
    case db::Dialect::kPostgres:
      return DescribePostgres(conn);
    case db::Dialect::kSqlite:
      break;
  }
  return Status::Error(
      fmt::format("describing {} through db::Connection is not supported",
                  db::DialectName(conn.dialect())));
}

}  // namespace airlock::describe
