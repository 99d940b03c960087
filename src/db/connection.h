// A connection to one database, the only way airlock talks to a server.
//
// One interface for SQLite, MySQL/MariaDB and PostgreSQL. Implementations live
// in one file per dialect (sqlite_connection.cc, ...) and are created by
// Connect() (connect.h). A connection is used by one thread at a time.
//
// Errors: every failing call returns a Status and records the database's own
// error in last_error() (code and message as the database reported them, plus
// the failing statement when a script was running). Status codes:
//   P1001 cannot reach the server       P1003 database does not exist
//   P1000 authentication failed         P1002 lock/connect timeout
//   P2010 a statement failed (the message is the database's message)
// Messages never contain the password.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "db/value.h"

namespace airlock::db {

enum class Dialect { kSqlite, kMysql, kPostgres };

// "sqlite", "mysql", "postgresql": the datasource provider names.
const char* DialectName(Dialect d);

// The database's own report of the last failure.
struct DbError {
  // SQLite: the extended result code ("1", "2067"); MySQL: the error number
  // ("1064"); PostgreSQL: the SQLSTATE ("42P01"). Empty when not from the DB.
  std::string code;
  std::string message;
  // Set by ExecuteScript: 0-based index and text of the failing statement.
  std::optional<int> statement_index;
  std::string statement;
};

class Connection {
 public:
  virtual ~Connection() = default;

  virtual Dialect dialect() const = 0;

  // Runs a script of zero or more statements separated by `;`, in order,
  // stopping at the first failure (last_error() names the statement). Runs
  // exactly what the script says: no implicit transaction is added, except
  // that PostgreSQL runs a multi-statement script as one implicit transaction.
  virtual Status ExecuteScript(std::string_view sql) = 0;

  // Runs one statement with parameters bound to the dialect's placeholders
  // (`?` for SQLite and MySQL, `$1`, `$2`, ... for PostgreSQL). Returns the
  // number of affected rows.
  virtual Result<int64_t> Execute(std::string_view sql,
                                  const std::vector<Value>& params = {}) = 0;

  // Runs one query and returns all its rows (placeholders as for Execute).
  virtual Result<Rows> Query(std::string_view sql,
                             const std::vector<Value>& params = {}) = 0;

  // Runs one query and calls `on_row` for each row as the database delivers
  // it, so memory does not grow with the result (SQLite steps the statement;
  // MySQL uses mysql_use_result; PostgreSQL single-row mode). An error
  // returned by `on_row` stops the query and is returned. The default
  // implementation falls back to Query() (all rows in memory).
  using RowCallback = std::function<Status(std::span<const FieldView> row)>;
  virtual Status QueryStream(std::string_view sql,
                             const std::vector<Value>& params,
                             const RowCallback& on_row) {
    auto rows = Query(sql, params);
    if (!rows.ok()) return rows.status();
    std::vector<FieldView> fields;
    for (const Row& row : rows->rows) {
      fields.clear();
      for (const Value& v : row) {
        FieldView f;
        f.kind = v.kind();
        if (v.kind() == Value::Kind::kInt) f.int_value = *v.AsInt();
        if (v.kind() == Value::Kind::kReal) f.real_value = v.AsDouble();
        fields.push_back(f);
      }
      // Text and blobs: keep the strings alive in `row` itself.
      std::vector<std::string> texts(row.size());
      for (size_t i = 0; i < row.size(); ++i) {
        if (row[i].kind() == Value::Kind::kText ||
            row[i].kind() == Value::Kind::kBlob) {
          texts[i] = row[i].AsText();
          fields[i].bytes = texts[i];
        }
      }
      Status st = on_row(fields);
      if (!st.ok()) return st;
    }
    return Status::Ok();
  }

  // Transactions. Begin fails when one is already open.
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;

  // The migration lock, shared with Prisma so the two tools exclude each
  // other: SQLite an exclusive lock on the database file (held until the
  // connection closes or ReleaseMigrationLock), MySQL
  // GET_LOCK('prisma_migrate', t) with its result checked, PostgreSQL
  // pg_advisory_lock(72707369). Waits up to `timeout`, then returns P1002.
  virtual Status AcquireMigrationLock(std::chrono::milliseconds timeout) = 0;
  virtual Status ReleaseMigrationLock() = 0;

  // Drops every object of the database (tables, views, indexes, triggers,
  // sequences, types) so that it is empty: what `migrate reset` needs. For
  // PostgreSQL only the connection's schema is emptied.
  virtual Status DropAllObjects() = 0;

  // Quotes an identifier for this dialect ("x", `x`).
  virtual std::string QuoteIdentifier(std::string_view name) const = 0;

  // A human description of what this connection points at, without secrets,
  // e.g. `SQLite database "dev.db" at "file:./dev.db"`.
  virtual std::string Describe() const = 0;

  const DbError& last_error() const { return last_error_; }

 protected:
  DbError last_error_;
};

}  // namespace airlock::db
