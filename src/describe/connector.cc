#include "describe/connector.h"

namespace airlock::describe {

const Connector& SqliteConnectorInstance();

const Connector* ConnectorFor(sqlschema::Provider provider) {
  switch (provider) {
    case sqlschema::Provider::kSqlite:
      return &SqliteConnectorInstance();
    case sqlschema::Provider::kMysql:
      return nullptr;
    case sqlschema::Provider::kPostgres:
      return nullptr;
  }
  return nullptr;
}

}  // namespace airlock::describe
