#include "describe/describe.h"

namespace airlock::describe {

Result<sqlschema::SqlSchema> DescribeConnection(db::Connection& conn) {
  switch (conn.dialect()) {
    case db::Dialect::kMysql:
      return DescribeMysql(conn);
    case db::Dialect::kPostgres:
      return DescribePostgres(conn);
    case db::Dialect::kSqlite:
      return DescribeSqlite(conn);
  }
  return Status::Error("unknown dialect");
}

}  // namespace airlock::describe
