#include "db/sqlite_connection.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <cctype>
#include <filesystem>

#include "base/files.h"
#include "db/messages.h"

namespace airlock::db {
namespace {

namespace fs = std::filesystem;

// Drops leading whitespace and `--` comment lines, and trailing whitespace.
std::string TrimStatement(std::string_view s) {
  while (true) {
    size_t i = 0;
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    s.remove_prefix(i);
    if (s.starts_with("--")) {
      size_t nl = s.find('\n');
      s = nl == std::string_view::npos ? "" : s.substr(nl + 1);
      continue;
    }
    break;
  }
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) {
    s.remove_suffix(1);
  }
  return std::string(s);
}

// The text of the statement starting at `p`: up to the first `;` that
// completes it (sqlite3_complete knows quotes, comments and triggers).
std::string_view StatementAt(const char* p, const char* end) {
  std::string_view rest(p, end - p);
  for (size_t i = rest.find(';'); i != std::string_view::npos;
       i = rest.find(';', i + 1)) {
    std::string prefix(rest.substr(0, i + 1));
    if (sqlite3_complete(prefix.c_str())) return rest.substr(0, i + 1);
  }
  return rest;
}

class SqliteConnection : public Connection {
 public:
  SqliteConnection(sqlite3* db, std::string path, std::string display_url,
                   std::chrono::milliseconds busy)
      : db_(db),
        path_(std::move(path)),
        display_url_(std::move(display_url)),
        busy_(busy) {}
  ~SqliteConnection() override { sqlite3_close_v2(db_); }

  Dialect dialect() const override { return Dialect::kSqlite; }

  Status ExecuteScript(std::string_view sql) override {
    const char* p = sql.data();
    const char* end = sql.data() + sql.size();
    int index = 0;
    while (p < end) {
      sqlite3_stmt* stmt = nullptr;
      const char* tail = nullptr;
      int rc =
          sqlite3_prepare_v2(db_, p, static_cast<int>(end - p), &stmt, &tail);
      if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return Fail(rc, index, StatementAt(p, end));
      }
      std::string_view text(p, tail ? tail - p : end - p);
      p = tail ? tail : end;
      if (stmt == nullptr) continue;  // whitespace or comments only
      while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      }
      sqlite3_finalize(stmt);
      if (rc != SQLITE_DONE) return Fail(rc, index, text);
      ++index;
    }
    return Status::Ok();
  }

  Result<int64_t> Execute(std::string_view sql,
                          const std::vector<Value>& params) override {
    AIRLOCK_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql, params));
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) return Fail(rc, std::nullopt, sql);
    return static_cast<int64_t>(sqlite3_changes64(db_));
  }

  Result<Rows> Query(std::string_view sql,
                     const std::vector<Value>& params) override {
    AIRLOCK_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql, params));
    Rows rows;
    int n = sqlite3_column_count(stmt);
    for (int i = 0; i < n; ++i)
      rows.columns.push_back(sqlite3_column_name(stmt, i));
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      Row row;
      row.reserve(n);
      for (int i = 0; i < n; ++i) {
        switch (sqlite3_column_type(stmt, i)) {
          case SQLITE_NULL:
            row.push_back(Value::Null());
            break;
          case SQLITE_INTEGER:
            row.push_back(Value::Int(sqlite3_column_int64(stmt, i)));
            break;
          case SQLITE_FLOAT:
            row.push_back(Value::Real(sqlite3_column_double(stmt, i)));
            break;
          case SQLITE_BLOB: {
            const void* b = sqlite3_column_blob(stmt, i);
            int len = sqlite3_column_bytes(stmt, i);
            row.push_back(
                Value::Blob(std::string(static_cast<const char*>(b), len)));
            break;
          }
          default: {
            const unsigned char* t = sqlite3_column_text(stmt, i);
            int len = sqlite3_column_bytes(stmt, i);
            row.push_back(Value::Text(
                std::string(reinterpret_cast<const char*>(t), len)));
          }
        }
      }
      rows.rows.push_back(std::move(row));
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) return Fail(rc, std::nullopt, sql);
    return rows;
  }

  Status QueryStream(std::string_view sql, const std::vector<Value>& params,
                     const RowCallback& on_row) override {
    AIRLOCK_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql, params));
    int n = sqlite3_column_count(stmt);
    std::vector<FieldView> fields(n);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      for (int i = 0; i < n; ++i) {
        FieldView& f = fields[i];
        switch (sqlite3_column_type(stmt, i)) {
          case SQLITE_NULL:
            f.kind = Value::Kind::kNull;
            break;
          case SQLITE_INTEGER:
            f.kind = Value::Kind::kInt;
            f.int_value = sqlite3_column_int64(stmt, i);
            break;
          case SQLITE_FLOAT:
            f.kind = Value::Kind::kReal;
            f.real_value = sqlite3_column_double(stmt, i);
            break;
          case SQLITE_BLOB: {
            f.kind = Value::Kind::kBlob;
            const void* b = sqlite3_column_blob(stmt, i);
            int len = sqlite3_column_bytes(stmt, i);
            f.bytes = std::string_view(static_cast<const char*>(b), len);
            break;
          }
          default: {
            f.kind = Value::Kind::kText;
            const unsigned char* t = sqlite3_column_text(stmt, i);
            int len = sqlite3_column_bytes(stmt, i);
            f.bytes = std::string_view(reinterpret_cast<const char*>(t), len);
          }
        }
      }
      Status st = on_row(fields);
      if (!st.ok()) {
        sqlite3_finalize(stmt);
        return st;
      }
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) return Fail(rc, std::nullopt, sql);
    return Status::Ok();
  }

  Status Begin() override { return Exec("BEGIN"); }
  Status Commit() override { return Exec("COMMIT"); }
  Status Rollback() override {
    if (sqlite3_get_autocommit(db_)) return Status::Ok();
    return Exec("ROLLBACK");
  }

  Status AcquireMigrationLock(std::chrono::milliseconds timeout) override {
    sqlite3_busy_timeout(db_, static_cast<int>(timeout.count()));
    Status st = Exec("PRAGMA main.locking_mode=EXCLUSIVE");
    if (st.ok()) st = Exec("BEGIN EXCLUSIVE");
    if (st.ok()) st = Exec("COMMIT");
    sqlite3_busy_timeout(db_, static_cast<int>(busy_.count()));
    if (!st.ok()) {
      int rc = sqlite3_errcode(db_);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
        return Status::Error("P1002", fmt::format(msg::kLockTimeout,
                                                  timeout.count(), Describe()));
      }
      return st;
    }
    return Status::Ok();
  }

  Status ReleaseMigrationLock() override {
    AIRLOCK_RETURN_IF_ERROR(Exec("PRAGMA main.locking_mode=NORMAL"));
    // The lock is dropped at the next access of the file.
    return Exec("SELECT count(*) FROM sqlite_master");
  }

  Status DropAllObjects() override {
    AIRLOCK_RETURN_IF_ERROR(Exec("PRAGMA foreign_keys=OFF"));
    AIRLOCK_ASSIGN_OR_RETURN(
        Rows objects,
        Query("SELECT type, name FROM sqlite_master WHERE type IN "
              "('view','trigger','table') AND name NOT LIKE 'sqlite_%' "
              "ORDER BY CASE type WHEN 'view' THEN 0 WHEN 'trigger' THEN 1 "
              "ELSE 2 END, name",
              {}));
    AIRLOCK_RETURN_IF_ERROR(Begin());
    for (const auto& row : objects.rows) {
      std::string sql = fmt::format("DROP {} IF EXISTS {}",
                                    row[0].AsText() == "table"  ? "TABLE"
                                    : row[0].AsText() == "view" ? "VIEW"
                                                                : "TRIGGER",
                                    QuoteIdentifier(row[1].AsText()));
      Status st = Exec(sql);
      if (!st.ok()) {
        Rollback();
        return st;
      }
    }
    AIRLOCK_ASSIGN_OR_RETURN(Rows seq,
                             Query("SELECT 1 FROM sqlite_master WHERE name = "
                                   "'sqlite_sequence'",
                                   {}));
    if (!seq.rows.empty()) {
      Status st = Exec("DELETE FROM sqlite_sequence");
      if (!st.ok()) {
        Rollback();
        return st;
      }
    }
    AIRLOCK_RETURN_IF_ERROR(Commit());
    return Exec("VACUUM");
  }

  std::string QuoteIdentifier(std::string_view name) const override {
    std::string out = "\"";
    for (char c : name) {
      if (c == '"') out += '"';
      out += c;
    }
    return out + "\"";
  }

  std::string Describe() const override {
    return fmt::format("SQLite database \"{}\" at \"{}\"",
                       fs::path(path_).filename().string(), display_url_);
  }

 private:
  Status Exec(std::string_view sql) {
    auto r = Execute(sql, {});
    return r.ok() ? Status::Ok() : r.status();
  }

  Result<sqlite3_stmt*> Prepare(std::string_view sql,
                                const std::vector<Value>& params) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()),
                                &stmt, nullptr);
    if (rc != SQLITE_OK) {
      sqlite3_finalize(stmt);
      return Fail(rc, std::nullopt, sql);
    }
    if (stmt == nullptr) return Fail(SQLITE_MISUSE, std::nullopt, sql);
    for (size_t i = 0; i < params.size(); ++i) {
      const Value& v = params[i];
      int idx = static_cast<int>(i + 1);
      switch (v.kind()) {
        case Value::Kind::kNull:
          rc = sqlite3_bind_null(stmt, idx);
          break;
        case Value::Kind::kInt:
          rc = sqlite3_bind_int64(stmt, idx, *v.AsInt());
          break;
        case Value::Kind::kReal:
          rc = sqlite3_bind_double(stmt, idx, v.AsDouble());
          break;
        case Value::Kind::kText: {
          std::string t = v.AsText();
          rc = sqlite3_bind_text(stmt, idx, t.data(),
                                 static_cast<int>(t.size()), SQLITE_TRANSIENT);
          break;
        }
        case Value::Kind::kBlob: {
          std::string t = v.AsText();
          rc = sqlite3_bind_blob(stmt, idx, t.data(),
                                 static_cast<int>(t.size()), SQLITE_TRANSIENT);
          break;
        }
      }
      if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return Fail(rc, std::nullopt, sql);
      }
    }
    return stmt;
  }

  Status Fail(int rc, std::optional<int> index, std::string_view statement) {
    last_error_.code = fmt::format("{}", sqlite3_extended_errcode(db_));
    if (last_error_.code == "0") last_error_.code = fmt::format("{}", rc);
    last_error_.message = sqlite3_errmsg(db_);
    last_error_.statement_index = index;
    last_error_.statement = TrimStatement(statement);
    return Status::Error("P2010", last_error_.message);
  }

  sqlite3* db_;
  std::string path_;
  std::string display_url_;
  std::chrono::milliseconds busy_;
};

}  // namespace

Result<std::unique_ptr<Connection>> OpenSqlite(const DatabaseUrl& url,
                                               const ConnectOptions& options) {
  const bool in_memory = url.path == ":memory:";
  std::string path =
      in_memory ? url.path : ResolveSqlitePath(url, options.base_dir);
  bool exists = in_memory || IsRegularFile(path);
  if (!exists && !options.create_if_missing) {
    return Status::Error("P1003", fmt::format(msg::kSqliteMissing, path));
  }
  if (!exists) {
    std::error_code ec;
    fs::path dir = fs::path(path).parent_path();
    if (!dir.empty()) fs::create_directories(dir, ec);
    if (ec) {
      return Status::Error("P1003", fmt::format(msg::kSqliteDirMissing, path,
                                                dir.string(), ec.message()));
    }
  }
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
              (options.create_if_missing ? SQLITE_OPEN_CREATE : 0);
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string why = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return Status::Error("P1001", fmt::format(msg::kSqliteOpen, path, why));
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, static_cast<int>(options.busy_timeout.count()));
  std::string display =
      options.display_url.empty() ? url.Masked() : options.display_url;
  return std::unique_ptr<Connection>(std::make_unique<SqliteConnection>(
      db, path, display, options.busy_timeout));
}

}  // namespace airlock::db
