// MySQL/MariaDB and PostgreSQL connectors: describe the database behind a
// URL, and replay a migrations folder into the shadow database named by
// --shadow-database-url (emptied first, as Prisma does for migrate diff).
#include <fmt/format.h>

#include "base/files.h"
#include "db/connect.h"
#include "describe/connector.h"
#include "describe/describe.h"
#include "describe/messages.h"
#include "describe/shadow_database.h"

namespace airlock::describe {
namespace {

// First statement line of `s`, for error messages.
std::string Trimmed(const std::string& s) {
  size_t a = s.find_first_not_of(" \t\r\n");
  if (a == std::string::npos) return "";
  size_t b = s.find_last_not_of(" \t\r\n");
  return s.substr(a, b - a + 1);
}

class ServerConnector final : public Connector {
 public:
  explicit ServerConnector(db::Dialect dialect) : dialect_(dialect) {}

  Result<sqlschema::SqlSchema> DescribeUrl(
      const std::string& text) const override {
    AIRLOCK_ASSIGN_OR_RETURN(db::DatabaseUrl url, Parse(text));
    db::ConnectOptions o;
    o.display_url = url.Masked();
    AIRLOCK_ASSIGN_OR_RETURN(std::unique_ptr<db::Connection> conn,
                             db::Connect(url, o));
    return DescribeConnection(*conn);
  }

  Result<sqlschema::SqlSchema> ReplayMigrations(
      const std::string& dir, const std::string& shadow_url) const override {
    if (shadow_url.empty()) {
      return Status::Error(
          fmt::format(msg::kNeedShadowUrl, db::DialectName(dialect_)));
    }
    AIRLOCK_ASSIGN_OR_RETURN(db::DatabaseUrl url, Parse(shadow_url));
    if (!IsDirectory(dir)) {
      return Status::Error("P3015", fmt::format(msg::kNotAFolder, dir));
    }
    AIRLOCK_ASSIGN_OR_RETURN(auto entries, ListDirectory(dir));
    AIRLOCK_ASSIGN_OR_RETURN(std::unique_ptr<db::Connection> conn,
                             OpenShadowDatabase(url, url, {}));
    for (const auto& name : entries) {
      std::string folder = dir + "/" + name;
      if (!IsDirectory(folder)) continue;
      std::string file = folder + "/migration.sql";
      if (!IsRegularFile(file)) {
        return Status::Error("P3015",
                             fmt::format(msg::kMissingMigrationFile, file));
      }
      AIRLOCK_ASSIGN_OR_RETURN(std::string script, ReadFile(file));
      if (!conn->ExecuteScript(script).ok()) {
        const db::DbError& e = conn->last_error();
        return Status::Error("P3006",
                             fmt::format(msg::kReplayFailed, name, file,
                                         e.statement_index.value_or(0) + 1,
                                         Trimmed(e.statement), e.message));
      }
    }
    return DescribeConnection(*conn);
  }

 private:
  Result<db::DatabaseUrl> Parse(const std::string& text) const {
    AIRLOCK_ASSIGN_OR_RETURN(db::DatabaseUrl url, db::ParseDatabaseUrl(text));
    if (url.dialect != dialect_) {
      return Status::Error("P1013",
                           fmt::format(msg::kUrlWrongDialect, url.Masked(),
                                       db::DialectName(dialect_)));
    }
    return url;
  }

  db::Dialect dialect_;
};

}  // namespace

const Connector& MysqlConnectorInstance() {
  static const ServerConnector kConnector(db::Dialect::kMysql);
  return kConnector;
}

const Connector& PostgresConnectorInstance() {
  static const ServerConnector kConnector(db::Dialect::kPostgres);
  return kConnector;
}

}  // namespace airlock::describe
