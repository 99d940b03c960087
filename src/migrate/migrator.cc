#include "migrate/migrator.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <map>
#include <set>

#include "base/text.h"
#include "migrate/checksum.h"
#include "migrate/messages.h"

namespace airlock::migrate {
namespace {

// True when migration.sql manages transactions itself (a line starting with
// BEGIN/COMMIT/END/ROLLBACK as a statement): it then runs as written.
bool ScriptControlsTransactions(const std::string& script) {
  for (std::string_view line : SplitLines(script)) {
    size_t b = line.find_first_not_of(" \t\r");
    if (b == std::string_view::npos) continue;
    std::string word;
    for (size_t i = b;
         i < line.size() && std::isalpha(static_cast<unsigned char>(line[i]));
         ++i) {
      word +=
          static_cast<char>(std::toupper(static_cast<unsigned char>(line[i])));
    }
    size_t after = b + word.size();
    char next = after < line.size() ? line[after] : ';';
    bool statement_end =
        next == ';' || next == ' ' || next == '\t' || next == '\r';
    if (!statement_end) continue;
    // A trigger body's BEGIN/END also matches: such scripts then run as
    // written, outside a transaction, exactly as Prisma runs every script.
    if (word == "BEGIN" || word == "COMMIT" || word == "ROLLBACK" ||
        word == "SAVEPOINT" || word == "END") {
      return true;
    }
  }
  return false;
}

std::string FailureText(const std::string& name, const db::DbError& err,
                        bool rolled_back) {
  std::string text =
      fmt::format(msg::kP3018Failed, name,
                  err.code.empty() ? "(none)" : err.code, err.message);
  if (err.statement_index && !err.statement.empty()) {
    text += fmt::format(msg::kP3018Statement, *err.statement_index + 1,
                        err.statement);
  }
  text += rolled_back ? fmt::format(msg::kP3018RolledBack, name)
                      : fmt::format(msg::kP3018NotRolledBack, name);
  return text;
}

std::map<std::string, const MigrationDirectory*> ByName(
    const std::vector<MigrationDirectory>& migrations) {
  std::map<std::string, const MigrationDirectory*> out;
  for (const auto& m : migrations) out[m.name] = &m;
  return out;
}

// Names of applied migrations whose migration.sql no longer matches.
std::vector<std::string> ModifiedMigrations(
    const std::vector<HistoryRow>& rows,
    const std::vector<MigrationDirectory>& migrations) {
  auto by_name = ByName(migrations);
  std::vector<std::string> out;
  for (const auto& r : rows) {
    if (!r.IsApplied()) continue;
    auto it = by_name.find(r.migration_name);
    if (it == by_name.end()) continue;
    if (!ChecksumMatches(it->second->script, r.checksum) &&
        std::find(out.begin(), out.end(), r.migration_name) == out.end()) {
      out.push_back(r.migration_name);
    }
  }
  return out;
}

class LockGuard {
 public:
  explicit LockGuard(db::Connection& conn) : conn_(conn) {}
  ~LockGuard() {
    if (held_) conn_.ReleaseMigrationLock();
  }
  Status Acquire(std::chrono::milliseconds timeout) {
    Status st = conn_.AcquireMigrationLock(timeout);
    held_ = st.ok();
    return st;
  }

 private:
  db::Connection& conn_;
  bool held_ = false;
};

Status EnsureTable(HistoryTable& history, bool* created) {
  AIRLOCK_ASSIGN_OR_RETURN(bool exists, history.Exists());
  if (created) *created = !exists;
  if (exists) return Status::Ok();
  return history.Create();
}

// Applies migrations in order. Where DDL is transactional, consecutive
// migrations share one transaction (each in its own savepoint) that is
// committed at least every kGroupCommit: a crash loses at most that much
// work and leaves the database and history at a migration boundary, while
// 200 small migrations need a handful of fsyncs rather than 200.
// AIRLOCK_GROUP_COMMIT_MS overrides it (0 = commit after every migration;
// the fault-injection test uses both).
std::chrono::milliseconds GroupCommitInterval() {
  static const std::chrono::milliseconds interval = [] {
    const char* env = std::getenv("AIRLOCK_GROUP_COMMIT_MS");
    if (env && *env) return std::chrono::milliseconds(std::atoll(env));
    return std::chrono::milliseconds(250);
  }();
  return interval;
}

class Applier {
 public:
  Applier(db::Connection& conn, HistoryTable& history, const Observer& observer)
      : conn_(conn), history_(history), observer_(observer) {}

  ~Applier() {
    if (in_batch_) conn_.Rollback();
  }

  Status Apply(const MigrationDirectory& m) {
    if (observer_.applying) observer_.applying(m.name);
    auto start = std::chrono::steady_clock::now();
    const bool transactional = history_.sql().transactional_ddl &&
                               !ScriptControlsTransactions(m.script);
    Status st = transactional ? ApplyInBatch(m) : ApplyAlone(m);
    if (!st.ok()) return st;
    pending_.push_back(m.name);
    if (!in_batch_) Flush();
    auto now = std::chrono::steady_clock::now();
    if (observer_.applied) {
      observer_.applied(
          m.name,
          std::chrono::duration_cast<std::chrono::milliseconds>(now - start)
              .count());
    }
    if (in_batch_ && now - batch_start_ >= GroupCommitInterval())
      return Commit();
    return Status::Ok();
  }

  Status Finish() { return in_batch_ ? Commit() : Status::Ok(); }

  // Migrations whose transaction is committed.
  const std::vector<std::string>& committed() const { return committed_; }

 private:
  Status Commit() {
    in_batch_ = false;
    Status st = conn_.Commit();
    if (!st.ok()) {
      conn_.Rollback();
      pending_.clear();
      return st;
    }
    Flush();
    return Status::Ok();
  }

  void Flush() {
    committed_.insert(committed_.end(), pending_.begin(), pending_.end());
    pending_.clear();
  }

  Status ApplyInBatch(const MigrationDirectory& m) {
    if (!in_batch_) {
      AIRLOCK_RETURN_IF_ERROR(conn_.Begin());
      in_batch_ = true;
      batch_start_ = std::chrono::steady_clock::now();
    }
    const std::string id = NewUuid();
    const std::string checksum = Sha256Hex(m.script);
    const int64_t started = NowUnixMs();
    AIRLOCK_RETURN_IF_ERROR(conn_.ExecuteScript("SAVEPOINT airlock_migration"));
    AIRLOCK_RETURN_IF_ERROR(
        history_.InsertStarted(id, m.name, checksum, started));
    Status st = conn_.ExecuteScript(m.script);
    if (st.ok()) {
      AIRLOCK_RETURN_IF_ERROR(history_.MarkFinished(id, NowUnixMs()));
      return conn_.ExecuteScript("RELEASE SAVEPOINT airlock_migration");
    }
    db::DbError err = conn_.last_error();
    std::string text = FailureText(m.name, err, true);
    Status undo =
        conn_.ExecuteScript("ROLLBACK TO SAVEPOINT airlock_migration");
    if (undo.ok()) {
      undo = conn_.ExecuteScript("RELEASE SAVEPOINT airlock_migration");
    }
    if (!undo.ok()) {
      // The database aborted the whole transaction: nothing of this batch
      // is applied; record the failure on its own.
      conn_.Rollback();
      in_batch_ = false;
      pending_.clear();
    }
    Status recorded =
        history_.InsertFailed(id, m.name, checksum, started, text);
    (void)recorded;  // the P3018 below is what matters to the user
    if (in_batch_) AIRLOCK_RETURN_IF_ERROR(Commit());
    return Status::Error("P3018", text);
  }

  Status ApplyAlone(const MigrationDirectory& m) {
    if (in_batch_) AIRLOCK_RETURN_IF_ERROR(Commit());
    const std::string id = NewUuid();
    AIRLOCK_RETURN_IF_ERROR(
        history_.InsertStarted(id, m.name, Sha256Hex(m.script), NowUnixMs()));
    Status st = conn_.ExecuteScript(m.script);
    if (!st.ok()) {
      db::DbError err = conn_.last_error();
      conn_.Rollback();  // a transaction the script itself opened
      std::string text = FailureText(m.name, err, false);
      history_.SetLogs(id, text);
      return Status::Error("P3018", text);
    }
    return history_.MarkFinished(id, NowUnixMs());
  }

  db::Connection& conn_;
  HistoryTable& history_;
  const Observer& observer_;
  bool in_batch_ = false;
  std::chrono::steady_clock::time_point batch_start_;
  std::vector<std::string> pending_;
  std::vector<std::string> committed_;
};

Result<DeployResult> ApplyPendingImpl(
    db::Connection& conn, HistoryTable& history,
    const std::vector<MigrationDirectory>& migrations,
    const Observer& observer) {
  DeployResult result;
  AIRLOCK_ASSIGN_OR_RETURN(std::vector<HistoryRow> rows, history.ReadRows());
  std::vector<const HistoryRow*> failed;
  for (const auto& r : rows) {
    if (r.IsFailed()) failed.push_back(&r);
  }
  if (!failed.empty()) {
    std::string details;
    for (const auto* r : failed) {
      details +=
          fmt::format(msg::kP3009Line, r->migration_name, r->started_at.Iso());
    }
    details += fmt::format(msg::kP3009Hint, failed.front()->migration_name);
    return Status::Error("P3009", fmt::format(msg::kP3009Failed, details));
  }
  auto by_name = ByName(migrations);
  std::set<std::string> applied;
  std::vector<std::string> missing;
  for (const auto& r : rows) {
    if (!r.IsApplied()) continue;
    applied.insert(r.migration_name);
    if (!by_name.count(r.migration_name) &&
        std::find(missing.begin(), missing.end(), r.migration_name) ==
            missing.end()) {
      missing.push_back(r.migration_name);
    }
  }
  if (!missing.empty()) {
    std::string list;
    for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
    return Status::Error(fmt::format(msg::kMissingLocally, list));
  }
  result.modified = ModifiedMigrations(rows, migrations);
  Applier applier(conn, history, observer);
  for (const auto& m : migrations) {
    if (applied.count(m.name)) continue;
    Status st = applier.Apply(m);
    if (!st.ok()) return st;
  }
  AIRLOCK_RETURN_IF_ERROR(applier.Finish());
  result.applied = applier.committed();
  return result;
}

}  // namespace

Result<DeployResult> ApplyPending(
    db::Connection& conn, HistoryTable& history,
    const std::vector<MigrationDirectory>& migrations,
    const Observer& observer) {
  return ApplyPendingImpl(conn, history, migrations, observer);
}

Status ApplyMigration(db::Connection& conn, HistoryTable& history,
                      const MigrationDirectory& m) {
  Observer none;
  Applier applier(conn, history, none);
  AIRLOCK_RETURN_IF_ERROR(applier.Apply(m));
  return applier.Finish();
}

Result<DeployResult> Deploy(db::Connection& conn,
                            const std::vector<MigrationDirectory>& migrations,
                            const DeployOptions& options,
                            const Observer& observer) {
  LockGuard lock(conn);
  AIRLOCK_RETURN_IF_ERROR(lock.Acquire(options.lock_timeout));
  HistoryTable history(conn);
  AIRLOCK_ASSIGN_OR_RETURN(bool exists, history.Exists());
  if (!exists) {
    AIRLOCK_ASSIGN_OR_RETURN(std::vector<std::string> others,
                             history.OtherTables());
    if (!others.empty()) {
      std::string list;
      for (size_t i = 0; i < others.size() && i < 5; ++i) {
        list += (i ? ", " : "") + others[i];
      }
      if (others.size() > 5) list += ", ...";
      std::string guidance =
          migrations.empty()
              ? fmt::format(msg::kP3005NoMigrations, others.size(), list)
              : fmt::format(msg::kP3005Guidance, others.size(), list,
                            migrations.front().name);
      return Status::Error("P3005",
                           std::string(msg::kP3005NotEmpty) + guidance);
    }
    AIRLOCK_RETURN_IF_ERROR(history.Create());
  }
  return ApplyPendingImpl(conn, history, migrations, observer);
}

Status RecordRolledBack(db::Connection& conn,
                        const MigrationDirectory& migration,
                        const std::string& logs) {
  HistoryTable history(conn);
  AIRLOCK_ASSIGN_OR_RETURN(bool exists, history.Exists());
  if (!exists) AIRLOCK_RETURN_IF_ERROR(history.Create());
  int64_t now = NowUnixMs();
  AIRLOCK_RETURN_IF_ERROR(history.InsertFailed(
      NewUuid(), migration.name, Sha256Hex(migration.script), now, logs));
  return history.MarkRolledBack(migration.name, now).status();
}

Result<StatusReport> Diagnose(
    db::Connection* conn, const std::vector<MigrationDirectory>& migrations) {
  StatusReport r;
  for (const auto& m : migrations) r.local.push_back(m.name);
  std::vector<HistoryRow> rows;
  r.database_exists = conn != nullptr;
  if (conn) {
    HistoryTable history(*conn);
    AIRLOCK_ASSIGN_OR_RETURN(r.has_table, history.Exists());
    if (r.has_table) {
      AIRLOCK_ASSIGN_OR_RETURN(rows, history.ReadRows());
    } else {
      AIRLOCK_ASSIGN_OR_RETURN(r.other_tables, history.OtherTables());
    }
  }
  if (!r.has_table) {
    if (!r.other_tables.empty()) {
      r.kind = StatusReport::Kind::kNotManaged;
    } else if (r.local.empty()) {
      r.kind = StatusReport::Kind::kEmpty;
    } else {
      r.kind = StatusReport::Kind::kBehind;
      r.unapplied = r.local;
    }
    return r;
  }
  // Database side: rows not rolled back (applied or failed), in order.
  std::vector<std::string> db_names;
  for (const auto& row : rows) {
    if (row.IsRolledBack()) continue;
    if (std::find(db_names.begin(), db_names.end(), row.migration_name) ==
        db_names.end()) {
      db_names.push_back(row.migration_name);
    }
    if (row.IsFailed()) r.failed.push_back(row);
  }
  size_t common = 0;
  while (common < db_names.size() && common < r.local.size() &&
         db_names[common] == r.local[common]) {
    ++common;
  }
  if (common > 0) r.last_common = r.local[common - 1];
  std::set<std::string> db_set(db_names.begin(), db_names.end());
  std::set<std::string> local_set(r.local.begin(), r.local.end());
  for (size_t i = common; i < r.local.size(); ++i) {
    if (!db_set.count(r.local[i])) r.unapplied.push_back(r.local[i]);
  }
  for (size_t i = common; i < db_names.size(); ++i) {
    if (!local_set.count(db_names[i])) r.unpersisted.push_back(db_names[i]);
  }
  r.modified = ModifiedMigrations(rows, migrations);
  if (!r.unapplied.empty() && r.unpersisted.empty()) {
    r.kind = StatusReport::Kind::kBehind;
  } else if (!r.unapplied.empty()) {
    r.kind = StatusReport::Kind::kDiverged;
  } else if (!r.failed.empty()) {
    r.kind = StatusReport::Kind::kFailed;
  } else if (!r.unpersisted.empty()) {
    r.kind = StatusReport::Kind::kDirectoryBehind;
  } else {
    r.kind = StatusReport::Kind::kUpToDate;
  }
  return r;
}

Status ResolveApplied(db::Connection& conn,
                      const std::vector<MigrationDirectory>& migrations,
                      const std::string& name,
                      std::chrono::milliseconds lock_timeout) {
  auto by_name = ByName(migrations);
  auto it = by_name.find(name);
  if (it == by_name.end()) {
    return Status::Error("P3017", fmt::format(msg::kP3017NotFound, name));
  }
  LockGuard lock(conn);
  AIRLOCK_RETURN_IF_ERROR(lock.Acquire(lock_timeout));
  HistoryTable history(conn);
  AIRLOCK_RETURN_IF_ERROR(EnsureTable(history, nullptr));
  AIRLOCK_ASSIGN_OR_RETURN(std::vector<HistoryRow> rows, history.ReadRows());
  for (const auto& r : rows) {
    if (r.migration_name == name && r.IsApplied()) {
      return Status::Error("P3008",
                           fmt::format(msg::kP3008AlreadyApplied, name));
    }
  }
  int64_t now = NowUnixMs();
  AIRLOCK_RETURN_IF_ERROR(conn.Begin());
  auto marked = history.MarkRolledBack(name, now);
  Status st = marked.ok() ? history.InsertApplied(
                                name, Sha256Hex(it->second->script), now)
                          : marked.status();
  if (st.ok()) st = conn.Commit();
  if (!st.ok()) conn.Rollback();
  return st;
}

Status ResolveRolledBack(db::Connection& conn, const std::string& name,
                         std::chrono::milliseconds lock_timeout) {
  LockGuard lock(conn);
  AIRLOCK_RETURN_IF_ERROR(lock.Acquire(lock_timeout));
  HistoryTable history(conn);
  AIRLOCK_ASSIGN_OR_RETURN(bool exists, history.Exists());
  std::vector<HistoryRow> rows;
  if (exists) {
    AIRLOCK_ASSIGN_OR_RETURN(rows, history.ReadRows());
  }
  bool any = false, any_failed = false;
  for (const auto& r : rows) {
    if (r.migration_name != name) continue;
    any = true;
    if (r.IsFailed()) any_failed = true;
  }
  if (!any) {
    return Status::Error("P3011", fmt::format(msg::kP3011NeverApplied, name));
  }
  if (!any_failed) {
    return Status::Error("P3012", fmt::format(msg::kP3012NotFailed, name));
  }
  auto marked = history.MarkRolledBack(name, NowUnixMs());
  return marked.ok() ? Status::Ok() : marked.status();
}

const char* StateName(HistoryEntry::State s) {
  switch (s) {
    case HistoryEntry::State::kApplied:
      return "applied";
    case HistoryEntry::State::kFailed:
      return "failed";
    case HistoryEntry::State::kRolledBack:
      return "rolled back";
    case HistoryEntry::State::kPending:
      return "pending";
  }
  return "";
}

const char* ChecksumName(HistoryEntry::Checksum c) {
  switch (c) {
    case HistoryEntry::Checksum::kMatch:
      return "match";
    case HistoryEntry::Checksum::kModified:
      return "modified";
    case HistoryEntry::Checksum::kMissingLocally:
      return "missing locally";
    case HistoryEntry::Checksum::kNotApplicable:
      return "-";
  }
  return "";
}

Result<std::vector<HistoryEntry>> ReadHistory(
    db::Connection* conn, const std::vector<MigrationDirectory>& migrations) {
  std::vector<HistoryEntry> out;
  std::vector<HistoryRow> rows;
  if (conn) {
    HistoryTable history(*conn);
    AIRLOCK_ASSIGN_OR_RETURN(bool exists, history.Exists());
    if (exists) {
      AIRLOCK_ASSIGN_OR_RETURN(rows, history.ReadRows());
    }
  }
  auto by_name = ByName(migrations);
  std::set<std::string> seen;
  for (auto& row : rows) {
    HistoryEntry e;
    e.name = row.migration_name;
    e.state = row.IsApplied()  ? HistoryEntry::State::kApplied
              : row.IsFailed() ? HistoryEntry::State::kFailed
                               : HistoryEntry::State::kRolledBack;
    auto it = by_name.find(e.name);
    if (it == by_name.end()) {
      e.checksum = HistoryEntry::Checksum::kMissingLocally;
    } else {
      e.checksum = ChecksumMatches(it->second->script, row.checksum)
                       ? HistoryEntry::Checksum::kMatch
                       : HistoryEntry::Checksum::kModified;
    }
    if (e.state == HistoryEntry::State::kApplied ||
        e.state == HistoryEntry::State::kFailed) {
      seen.insert(e.name);
    }
    e.row = std::move(row);
    out.push_back(std::move(e));
  }
  for (const auto& m : migrations) {
    if (seen.count(m.name)) continue;
    HistoryEntry e;
    e.name = m.name;
    out.push_back(std::move(e));
  }
  return out;
}

Result<DeployResult> Reset(db::Connection& conn,
                           const std::vector<MigrationDirectory>& migrations,
                           const DeployOptions& options,
                           const Observer& observer) {
  LockGuard lock(conn);
  AIRLOCK_RETURN_IF_ERROR(lock.Acquire(options.lock_timeout));
  AIRLOCK_RETURN_IF_ERROR(conn.DropAllObjects());
  HistoryTable history(conn);
  AIRLOCK_RETURN_IF_ERROR(history.Create());
  return ApplyPendingImpl(conn, history, migrations, observer);
}

}  // namespace airlock::migrate
