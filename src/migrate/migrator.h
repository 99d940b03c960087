// The migration engine: deploy, status (diagnose), resolve, history and
// reset on one connection, with Prisma's row semantics and error codes.
// Works on any dialect through db::Connection and HistorySql; nothing here
// branches on the provider.
//
// Apply semantics: each migration inserts a started row, runs migration.sql,
// then counts the step and sets finished_at. Where DDL is transactional
// (SQLite, PostgreSQL) all of that is one transaction, so a failure or a
// crash leaves the database and the history exactly as before the migration;
// a failure is then recorded as a failed row (logs = the error) afterwards.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "db/connection.h"
#include "migrate/history.h"
#include "migrate/migrations_dir.h"

namespace airlock::migrate {

// Progress callbacks; any may be empty.
struct Observer {
  std::function<void(const std::string& name)> applying;
  std::function<void(const std::string& name, int64_t ms)> applied;
  std::function<void(const std::string& text)> warning;
};

struct DeployOptions {
  std::chrono::milliseconds lock_timeout{10000};
};

struct DeployResult {
  std::vector<std::string> applied;
  std::vector<std::string>
      modified;  // applied, but migration.sql changed since
};

// Takes the lock, checks P3005/P3009/missing migrations, applies pending
// migrations in order. Errors: P1002 (lock), P3005, P3009, P3018, or the
// missing-locally error; a P3018 is returned after the failed row is written.
Result<DeployResult> Deploy(db::Connection& conn,
                            const std::vector<MigrationDirectory>& migrations,
                            const DeployOptions& options,
                            const Observer& observer);

// Deploy without the lock and table checks: P3009, missing-locally, then
// applies what is pending (history table must exist).
Result<DeployResult> ApplyPending(
    db::Connection& conn, HistoryTable& history,
    const std::vector<MigrationDirectory>& migrations,
    const Observer& observer);

// Applies one migration (history table must exist). P3018 on failure.
Status ApplyMigration(db::Connection& conn, HistoryTable& history,
                      const MigrationDirectory& migration);

// After the database was restored from the backup taken before `migration`
// failed (`migrate deploy --backup`): records the migration as failed and
// rolled back (what `migrate resolve --rolled-back` leaves), with `logs`, so
// the history tells what happened and the migration stays pending. Creates
// the history table when the restored database has none.
Status RecordRolledBack(db::Connection& conn,
                        const MigrationDirectory& migration,
                        const std::string& logs);

// What `migrate status` reports.
struct StatusReport {
  enum class Kind {
    kUpToDate,
    kBehind,           // unapplied migrations (also: empty DB, no table)
    kDiverged,         // both sides have migrations the other lacks
    kDirectoryBehind,  // applied migrations missing from the folder
    kFailed,           // failed rows
    kNotManaged,       // no history table, database not empty
    kEmpty,            // no table, no migrations
  };
  Kind kind = Kind::kUpToDate;
  bool database_exists = true;
  bool has_table = false;
  std::vector<std::string> local;  // folder, in order
  std::vector<std::string> unapplied;
  std::vector<std::string> unpersisted;
  std::optional<std::string> last_common;
  std::vector<HistoryRow> failed;
  std::vector<std::string> modified;
  std::vector<std::string> other_tables;
  int ExitCode() const { return kind == Kind::kUpToDate ? 0 : 1; }
};

// `conn` may be null when the database does not exist (yet).
Result<StatusReport> Diagnose(
    db::Connection* conn, const std::vector<MigrationDirectory>& migrations);

// resolve --applied: P3017 not in folder, P3008 already applied. Creates the
// history table when missing (baselining). Failed rows become rolled back.
Status ResolveApplied(db::Connection& conn,
                      const std::vector<MigrationDirectory>& migrations,
                      const std::string& name,
                      std::chrono::milliseconds lock_timeout);

// resolve --rolled-back: P3011 never applied, P3012 not failed.
Status ResolveRolledBack(db::Connection& conn, const std::string& name,
                         std::chrono::milliseconds lock_timeout);

struct HistoryEntry {
  enum class State { kApplied, kFailed, kRolledBack, kPending };
  enum class Checksum { kMatch, kModified, kMissingLocally, kNotApplicable };
  std::string name;
  State state = State::kPending;
  Checksum checksum = Checksum::kNotApplicable;
  std::optional<HistoryRow> row;  // absent for pending
};
const char* StateName(HistoryEntry::State s);
const char* ChecksumName(HistoryEntry::Checksum c);

// Every row in started_at order, then the folder's migrations that have no
// row. `conn` may be null (database missing: everything pending).
Result<std::vector<HistoryEntry>> ReadHistory(
    db::Connection* conn, const std::vector<MigrationDirectory>& migrations);

// Drops every object, recreates the history table and applies everything.
Result<DeployResult> Reset(db::Connection& conn,
                           const std::vector<MigrationDirectory>& migrations,
                           const DeployOptions& options,
                           const Observer& observer);

}  // namespace airlock::migrate
