#include "describe/shadow_database.h"

#include <fmt/format.h>

#include "describe/messages.h"

namespace airlock::describe {
namespace {

// A connection to a temporary shadow database that drops the database once
// the connection itself is closed.
class TemporaryShadow final : public db::Connection {
 public:
  TemporaryShadow(std::unique_ptr<db::Connection> inner, db::DatabaseUrl url,
                  db::ConnectOptions options)
      : inner_(std::move(inner)),
        url_(std::move(url)),
        options_(std::move(options)) {}
  ~TemporaryShadow() override {
    inner_.reset();
    (void)db::DropDatabase(url_, options_);
  }

  db::Dialect dialect() const override { return inner_->dialect(); }
  Status ExecuteScript(std::string_view sql) override {
    return Sync(inner_->ExecuteScript(sql));
  }
  Result<int64_t> Execute(std::string_view sql,
                          const std::vector<db::Value>& params) override {
    auto r = inner_->Execute(sql, params);
    last_error_ = inner_->last_error();
    return r;
  }
  Result<db::Rows> Query(std::string_view sql,
                         const std::vector<db::Value>& params) override {
    auto r = inner_->Query(sql, params);
    last_error_ = inner_->last_error();
    return r;
  }
  Status QueryStream(std::string_view sql, const std::vector<db::Value>& params,
                     const RowCallback& on_row) override {
    return Sync(inner_->QueryStream(sql, params, on_row));
  }
  Status Begin() override { return Sync(inner_->Begin()); }
  Status Commit() override { return Sync(inner_->Commit()); }
  Status Rollback() override { return Sync(inner_->Rollback()); }
  Status AcquireMigrationLock(std::chrono::milliseconds timeout) override {
    return Sync(inner_->AcquireMigrationLock(timeout));
  }
  Status ReleaseMigrationLock() override {
    return Sync(inner_->ReleaseMigrationLock());
  }
  Status DropAllObjects() override { return Sync(inner_->DropAllObjects()); }
  std::string QuoteIdentifier(std::string_view name) const override {
    return inner_->QuoteIdentifier(name);
  }
  std::string Describe() const override { return inner_->Describe(); }

 private:
  Status Sync(Status st) {
    last_error_ = inner_->last_error();
    return st;
  }

  std::unique_ptr<db::Connection> inner_;
  db::DatabaseUrl url_;
  db::ConnectOptions options_;
};

}  // namespace

Result<std::unique_ptr<db::Connection>> OpenShadowDatabase(
    const db::DatabaseUrl& main, const std::optional<db::DatabaseUrl>& shadow,
    const db::ConnectOptions& options) {
  if (shadow) {
    db::ConnectOptions o = options;
    o.display_url = shadow->Masked();
    AIRLOCK_ASSIGN_OR_RETURN(std::unique_ptr<db::Connection> conn,
                             db::Connect(*shadow, o));
    AIRLOCK_RETURN_IF_ERROR(conn->DropAllObjects());
    return conn;
  }
  db::DatabaseUrl url = db::WithUniqueDatabase(main);
  db::ConnectOptions o = options;
  o.create_if_missing = false;
  o.display_url = url.Masked();
  Status created = db::CreateDatabase(url, o);
  if (!created.ok()) {
    if (created.code() == "P1010") {
      return Status::Error("P3014",
                           fmt::format(msg::kShadowCreateDenied, created.code(),
                                       created.message()));
    }
    return created;
  }
  auto conn = db::Connect(url, o);
  if (!conn.ok()) {
    (void)db::DropDatabase(url, o);
    return conn.status();
  }
  return std::unique_ptr<db::Connection>(
      new TemporaryShadow(std::move(*conn), url, o));
}

}  // namespace airlock::describe
