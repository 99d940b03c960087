// SQLite connector: describe a `file:` database, and replay a migrations
// folder into an in-memory shadow database.
#include <fmt/format.h>

#include "base/files.h"
#include "db/connect.h"
#include "describe/connector.h"
#include "describe/describe.h"
#include "describe/messages.h"

namespace airlock::describe {
namespace {

std::string Trim(std::string s) {
  // Drop leading blank lines and `--` comment lines, and trailing space.
  size_t start = 0;
  while (start < s.size()) {
    size_t eol = s.find('\n', start);
    std::string line = s.substr(
        start, eol == std::string::npos ? std::string::npos : eol - start);
    size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || line.compare(first, 2, "--") == 0) {
      if (eol == std::string::npos) return "";
      start = eol + 1;
      continue;
    }
    break;
  }
  s = s.substr(start);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
    s.pop_back();
  return s;
}

class SqliteConnector final : public Connector {
 public:
  Result<sqlschema::SqlSchema> DescribeUrl(
      const std::string& url) const override {
    std::string path;
    if (url.rfind("file:", 0) == 0) {
      path = url.substr(5);
      if (path.rfind("//", 0) == 0) path = path.substr(2);
      auto q = path.find('?');
      if (q != std::string::npos) path = path.substr(0, q);
    } else {
      return Status::Error("P1013", fmt::format(msg::kUrlNotSqlite, url));
    }
    if (!IsRegularFile(path)) {
      return Status::Error(
          "P1003",
          fmt::format("SQLite database file \"{}\" does not exist.", path));
    }
    AIRLOCK_ASSIGN_OR_RETURN(db::DatabaseUrl parsed, db::ParseDatabaseUrl(url));
    AIRLOCK_ASSIGN_OR_RETURN(std::unique_ptr<db::Connection> conn,
                             db::Connect(parsed, {}));
    return DescribeSqlite(*conn);
  }

  Result<sqlschema::SqlSchema> ReplayMigrations(
      const std::string& dir, const std::string&) const override {
    if (!IsDirectory(dir)) {
      return Status::Error("P3015", fmt::format(msg::kNotAFolder, dir));
    }
    AIRLOCK_ASSIGN_OR_RETURN(auto entries, ListDirectory(dir));
    AIRLOCK_ASSIGN_OR_RETURN(db::DatabaseUrl memory,
                             db::ParseDatabaseUrl("file::memory:"));
    AIRLOCK_ASSIGN_OR_RETURN(std::unique_ptr<db::Connection> conn,
                             db::Connect(memory, {}));
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
        const db::DbError& err = conn->last_error();
        return Status::Error("P3006",
                             fmt::format(msg::kReplayFailed, name, file,
                                         err.statement_index.value_or(0) + 1,
                                         Trim(err.statement), err.message));
      }
    }
    return DescribeSqlite(*conn);
  }
};

}  // namespace

const Connector& SqliteConnectorInstance() {
  static const SqliteConnector kConnector;
  return kConnector;
}

}  // namespace airlock::describe
