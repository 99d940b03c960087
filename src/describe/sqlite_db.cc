#include "describe/sqlite_db.h"

#include <fmt/format.h>
#include <sqlite3.h>

namespace airlock::describe {

Result<SqliteDb> SqliteDb::Open(const std::string& path, bool read_only) {
  sqlite3* db = nullptr;
  int flags = read_only ? SQLITE_OPEN_READONLY
                        : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_URI, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return Status::Error(
        "P1003",
        fmt::format("Cannot open SQLite database \"{}\": {}", path, msg));
  }
  return SqliteDb(db);
}

SqliteDb::SqliteDb(SqliteDb&& other) noexcept : db_(other.db_) {
  other.db_ = nullptr;
}

SqliteDb& SqliteDb::operator=(SqliteDb&& other) noexcept {
  if (this != &other) {
    sqlite3_close(db_);
    db_ = other.db_;
    other.db_ = nullptr;
  }
  return *this;
}

SqliteDb::~SqliteDb() { sqlite3_close(db_); }

Result<std::vector<SqliteRow>> SqliteDb::Query(
    std::string_view sql, const std::vector<std::string>& params) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt,
                         nullptr) != SQLITE_OK) {
    return Status::Error(fmt::format("SQLite: {}", sqlite3_errmsg(db_)));
  }
  for (size_t i = 0; i < params.size(); ++i) {
    sqlite3_bind_text(stmt, static_cast<int>(i + 1), params[i].data(),
                      static_cast<int>(params[i].size()), SQLITE_TRANSIENT);
  }
  std::vector<SqliteRow> rows;
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    SqliteRow row;
    int n = sqlite3_column_count(stmt);
    for (int c = 0; c < n; ++c) {
      if (sqlite3_column_type(stmt, c) == SQLITE_NULL) {
        row.emplace_back(std::nullopt);
      } else {
        const auto* text = sqlite3_column_text(stmt, c);
        row.emplace_back(std::string(reinterpret_cast<const char*>(text),
                                     sqlite3_column_bytes(stmt, c)));
      }
    }
    rows.push_back(std::move(row));
  }
  Status st;
  if (rc != SQLITE_DONE)
    st = Status::Error(fmt::format("SQLite: {}", sqlite3_errmsg(db_)));
  sqlite3_finalize(stmt);
  if (!st.ok()) return st;
  return rows;
}

std::optional<ScriptError> SqliteDb::ExecScript(std::string_view script) {
  const char* p = script.data();
  const char* end = script.data() + script.size();
  int index = 0;
  while (p < end) {
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    int rc =
        sqlite3_prepare_v2(db_, p, static_cast<int>(end - p), &stmt, &tail);
    std::string text(p, tail ? tail - p : end - p);
    if (rc != SQLITE_OK) {
      // The tail of a failed prepare stops at the error; report the whole
      // statement (up to the `;` that completes it).
      std::string rest(p, end - p);
      for (size_t semi = rest.find(';'); semi != std::string::npos;
           semi = rest.find(';', semi + 1)) {
        std::string candidate = rest.substr(0, semi + 1);
        if (sqlite3_complete(candidate.c_str())) {
          text = candidate;
          break;
        }
      }
      ScriptError e{index, text, sqlite3_errmsg(db_)};
      sqlite3_finalize(stmt);
      return e;
    }
    if (stmt == nullptr) break;  // only comments/whitespace left
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    if (rc != SQLITE_DONE) {
      ScriptError e{index, text, sqlite3_errmsg(db_)};
      sqlite3_finalize(stmt);
      return e;
    }
    sqlite3_finalize(stmt);
    ++index;
    p = tail;
  }
  return std::nullopt;
}

}  // namespace airlock::describe
