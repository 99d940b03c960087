// A minimal SQLite handle for introspection and shadow-database replay:
// open (file or in-memory), query with text parameters, run a script one
// statement at a time reporting the failing statement. Temporary until the
// shared db/ layer (db::Connection) is on main; then describe moves onto it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

struct sqlite3;

namespace airlock::describe {

using SqliteRow = std::vector<std::optional<std::string>>;

// Where a script failed: 0-based statement index, its text, SQLite's message.
struct ScriptError {
  int index = -1;
  std::string statement;
  std::string message;
};

class SqliteDb {
 public:
  // `path` ":memory:" opens an in-memory database. Error names the path.
  static Result<SqliteDb> Open(const std::string& path, bool read_only);
  SqliteDb(SqliteDb&& other) noexcept;
  SqliteDb& operator=(SqliteDb&& other) noexcept;
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;
  ~SqliteDb();

  // Rows of one statement with ?1.. bound to `params` as text.
  Result<std::vector<SqliteRow>> Query(
      std::string_view sql, const std::vector<std::string>& params = {});
  // Runs every statement of `script` in order; stops at the first failure.
  std::optional<ScriptError> ExecScript(std::string_view script);

 private:
  explicit SqliteDb(sqlite3* db) : db_(db) {}
  sqlite3* db_ = nullptr;
};

}  // namespace airlock::describe
