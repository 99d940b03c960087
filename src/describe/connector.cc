#include "describe/connector.h"

namespace airlock::describe {

const Connector& SqliteConnectorInstance();
const Connector& MysqlConnectorInstance();
const Connector& PostgresConnectorInstance();

const Connector* ConnectorFor(sqlschema::Provider provider) {
  switch (provider) {
    case sqlschema::Provider::kSqlite:
      return &SqliteConnectorInstance();
    case sqlschema::Provider::kMysql:
      return &MysqlConnectorInstance();
    case sqlschema::Provider::kPostgres:
      return &PostgresConnectorInstance();
  }
  return nullptr;
}

}  // namespace airlock::describe
