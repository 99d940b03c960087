// `airlock migrate deploy|status|resolve|history|reset|dev`: the CLI of the
// migration engine (src/migrate). Output follows the guide's style
// ([INFO]/[SUCCESS]/[WARN]/[ERROR]) around Prisma's own texts.
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "backup/backup.h"
#include "backup/restore_marker.h"
#include "base/term.h"
#include "cli/command.h"
#include "cli/migrate_differ.h"
#include "cli/migrate_messages.h"
#include "cli/subcommand.h"
#include "db/connect.h"
#include "db/dotenv.h"
#include "describe/shadow_database.h"
#include "migrate/dev.h"
#include "migrate/migrations_dir.h"
#include "migrate/migrator.h"
#include "migrate/project.h"
#include "schema/parser.h"

namespace airlock::cli {
namespace {

struct MigrateOptions {
  std::string schema;
  std::string url;
  double lock_timeout_s = 10;
  bool json = false;
  std::string applied;
  std::string rolled_back;
  bool force = false;
  std::string name;
  bool create_only = false;
  bool yes = false;
  bool backup = false;
};

struct Session {
  migrate::Project project;
  std::vector<migrate::MigrationDirectory> migrations;
};

std::string Plural(size_t n) { return n == 1 ? "" : "s"; }

std::string Lines(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : "\n") + n;
  return out;
}

int ExitCodeFor(const Status& st) {
  if (st.code() == "P1002") return kExitBusy;
  return kExitFailure;
}

int Fail(const Status& st) {
  if (st.code().empty() || st.code() == "E0000") {
    Log(Level::kError, st.message());
  } else {
    Log(Level::kError, st.code());
    fmt::print(stderr, "\n{}\n", st.message());
  }
  return ExitCodeFor(st);
}

std::chrono::milliseconds LockTimeout(const MigrateOptions& o) {
  return std::chrono::milliseconds(
      static_cast<int64_t>(o.lock_timeout_s * 1000));
}

// Loads the project and the migrations folder, checks the lock file, and
// (unless quiet) prints the header lines.
Result<Session> Open(const MigrateOptions& o, bool quiet) {
  migrate::ProjectOptions po;
  if (!o.schema.empty()) po.schema_path = o.schema;
  if (!o.url.empty()) po.url = o.url;
  Session s;
  AIRLOCK_ASSIGN_OR_RETURN(s.project, migrate::LoadProject(po));
  if (!quiet) {
    Log(Level::kInfo,
        fmt::format(msg::kSchemaLoaded, s.project.schema_display));
    Log(Level::kInfo, s.project.DatasourceLine());
  }
  AIRLOCK_RETURN_IF_ERROR(
      migrate::CheckLockProvider(s.project.migrations_dir, s.project.provider));
  AIRLOCK_ASSIGN_OR_RETURN(
      s.migrations, migrate::ReadMigrationsDir(s.project.migrations_dir));
  return s;
}

void PrintFound(const Session& s) {
  if (s.migrations.empty()) {
    Log(Level::kInfo,
        fmt::format(msg::kNoMigrationFound, s.project.migrations_display));
  } else {
    Log(Level::kInfo,
        fmt::format(msg::kMigrationsFound, s.migrations.size(),
                    Plural(s.migrations.size()), s.project.migrations_display));
  }
}

Result<std::unique_ptr<db::Connection>> ConnectTo(const Session& s,
                                                  bool create) {
  return db::Connect(s.project.url, s.project.ConnectOptions(create));
}

// Null when the database does not exist (status and history read nothing).
Result<std::unique_ptr<db::Connection>> ConnectIfExists(const Session& s) {
  db::ConnectOptions opts = s.project.ConnectOptions(false);
  AIRLOCK_ASSIGN_OR_RETURN(bool exists,
                           db::DatabaseExists(s.project.url, opts));
  if (!exists) return std::unique_ptr<db::Connection>();
  return db::Connect(s.project.url, opts);
}

migrate::Observer ProgressObserver() {
  migrate::Observer obs;
  obs.applying = [](const std::string& name) {
    fmt::print(msg::kApplying, name);
    std::fflush(stdout);
  };
  obs.applied = [](const std::string&, int64_t ms) {
    fmt::print(" ({} ms)\n", ms);
    std::fflush(stdout);
  };
  return obs;
}

void PrintAppliedList(const std::vector<std::string>& applied) {
  fmt::print("\n{}\n\nmigrations/\n", msg::kAppliedList);
  for (const auto& name : applied) {
    fmt::print("  └─ {}/\n    └─ migration.sql\n", name);
  }
  fmt::print("\n");
}

std::string HumanSize(double b) {
  const char* units[] = {"B", "KB", "MB", "GB", "TB"};
  int u = 0;
  while (b >= 1024 && u < 4) {
    b /= 1024;
    ++u;
  }
  return u == 0 ? fmt::format("{:.0f} {}", b, units[u])
                : fmt::format("{:.1f} {}", b, units[u]);
}

backup::ConnectFn Reconnect(const Session& s) {
  db::DatabaseUrl url = s.project.url;
  db::ConnectOptions opts = s.project.ConnectOptions(false);
  return [url, opts]() { return db::Connect(url, opts); };
}

// `migrate deploy --backup`: the backup taken before anything is applied.
Result<backup::BackupInfo> BackupBeforeMigration(const Session& s,
                                                 db::Connection& conn) {
  backup::BackupOptions bo;
  bo.reason = "before_migration";
  // Next to the project, as `db backup` puts them.
  std::string root = db::Environment::FindProjectRoot(
      std::filesystem::current_path().string());
  bo.dir = (std::filesystem::path(root) / "backups").string();
  bo.jobs = 2;
  bo.connect = Reconnect(s);
  Log(Level::kInfo, msg::kBackupBeforeMigration);
  AIRLOCK_ASSIGN_OR_RETURN(backup::BackupInfo info,
                           backup::TakeBackup(conn, bo));
  Log(Level::kSuccess,
      fmt::format(msg::kBackupTaken, info.path,
                  HumanSize(static_cast<double>(info.file_bytes))));
  return info;
}

// After a failed migration on a database without transactional DDL: puts the
// backup back (asking first unless --yes) and records the migration as
// rolled back. Returns the exit code.
int RestoreAfterFailure(const MigrateOptions& o, const Session& s,
                        db::Connection& conn, const std::string& backup_path,
                        const std::string& failed, const Status& error) {
  const migrate::MigrationDirectory* m = nullptr;
  for (const auto& d : s.migrations) {
    if (d.name == failed) m = &d;
  }
  int code = Fail(error);
  if (m == nullptr) return code;
  bool go = o.yes;
  if (!go) {
    if (!StdinIsTerminal()) {
      Log(Level::kWarn,
          fmt::format(msg::kRestoreOffer, backup_path, failed, backup_path));
      return code;
    }
    go = Confirm(fmt::format(msg::kRestoreQuestion, backup_path, failed));
  }
  if (!go) {
    Log(Level::kWarn,
        fmt::format(msg::kRestoreOffer, backup_path, failed, backup_path));
    return code;
  }
  Log(Level::kInfo, fmt::format(msg::kRestoring, backup_path));
  backup::RestoreOptions ro;
  ro.jobs = 2;
  ro.connect = Reconnect(s);
  auto restored = backup::Restore(conn, backup_path, ro);
  if (!restored.ok()) {
    Log(Level::kError, fmt::format(msg::kRestoreFailed, backup_path,
                                   restored.status().message()));
    return code;
  }
  Status st = migrate::RecordRolledBack(conn, *m, error.message());
  if (!st.ok()) {
    Log(Level::kError, st.message());
    return code;
  }
  Log(Level::kSuccess, fmt::format(msg::kRolledBack, backup_path, failed));
  return code;
}

int RunDeploy(const MigrateOptions& o) {
  auto s = Open(o, false);
  if (!s.ok()) return Fail(s.status());
  PrintFound(*s);
  auto conn = ConnectTo(*s, true);
  if (!conn.ok()) return Fail(conn.status());
  // Migrating a half-restored database would build on missing data. (A
  // SQLite restore is one transaction: it never leaves the marker, and
  // reading it would wait on another deploy's lock.)
  Result<std::optional<backup::RestoreMarker>> marker =
      std::optional<backup::RestoreMarker>();
  if ((*conn)->dialect() != db::Dialect::kSqlite) {
    marker = backup::ReadRestoreMarker(**conn);
  }
  if (!marker.ok()) return Fail(marker.status());
  if (*marker) {
    Log(Level::kError,
        fmt::format(msg::kDeployOnIncompleteRestore, (*conn)->Describe(),
                    (*marker)->backup, (*marker)->started, (*marker)->backup));
    return kExitFailure;
  }
  std::string backup_path;
  if (o.backup) {
    auto info = BackupBeforeMigration(*s, **conn);
    if (!info.ok()) {
      Log(Level::kError,
          fmt::format(msg::kBackupFailedNoDeploy, info.status().message()));
      return kExitFailure;
    }
    backup_path = info->path;
  }
  migrate::DeployOptions opts;
  opts.lock_timeout = LockTimeout(o);
  migrate::Observer observer = ProgressObserver();
  std::string current;
  auto print_applying = observer.applying;
  observer.applying = [&](const std::string& name) {
    current = name;
    print_applying(name);
  };
  auto result = migrate::Deploy(**conn, s->migrations, opts, observer);
  if (!result.ok()) {
    fmt::print("\n");
    std::fflush(stdout);
    // Where DDL is transactional (SQLite, PostgreSQL) nothing was applied.
    if (!backup_path.empty() && result.status().code() == "P3018" &&
        (*conn)->dialect() == db::Dialect::kMysql && !current.empty()) {
      return RestoreAfterFailure(o, *s, **conn, backup_path, current,
                                 result.status());
    }
    return Fail(result.status());
  }
  for (const auto& name : result->modified) {
    Log(Level::kWarn, fmt::format(msg::kModifiedWarning, name));
  }
  if (result->applied.empty()) {
    Log(Level::kSuccess, msg::kNoPending);
    return kExitOk;
  }
  PrintAppliedList(result->applied);
  Log(Level::kSuccess, msg::kAllApplied);
  return kExitOk;
}

const char* KindName(migrate::StatusReport::Kind k) {
  using K = migrate::StatusReport::Kind;
  switch (k) {
    case K::kUpToDate:
      return "up_to_date";
    case K::kBehind:
      return "pending";
    case K::kDiverged:
      return "diverged";
    case K::kDirectoryBehind:
      return "missing_locally";
    case K::kFailed:
      return "failed";
    case K::kNotManaged:
      return "not_managed";
    case K::kEmpty:
      return "empty";
  }
  return "";
}

int RunStatus(const MigrateOptions& o) {
  auto s = Open(o, o.json);
  if (!s.ok()) return Fail(s.status());
  auto conn = ConnectIfExists(*s);
  if (!conn.ok()) return Fail(conn.status());
  auto report = migrate::Diagnose(conn->get(), s->migrations);
  if (!report.ok()) return Fail(report.status());
  const auto& r = *report;
  using K = migrate::StatusReport::Kind;
  if (o.json) {
    nlohmann::json j;
    j["status"] = KindName(r.kind);
    j["exitCode"] = r.ExitCode();
    j["databaseExists"] = r.database_exists;
    j["hasMigrationsTable"] = r.has_table;
    j["localMigrations"] = r.local;
    j["unappliedMigrations"] = r.unapplied;
    j["migrationsMissingLocally"] = r.unpersisted;
    j["lastCommonMigration"] =
        r.last_common ? nlohmann::json(*r.last_common) : nlohmann::json();
    std::vector<std::string> failed;
    for (const auto& f : r.failed) failed.push_back(f.migration_name);
    j["failedMigrations"] = failed;
    j["modifiedMigrations"] = r.modified;
    j["otherTables"] = r.other_tables;
    fmt::print("{}\n", j.dump(2));
    return r.ExitCode();
  }
  fmt::print("\n");
  PrintFound(*s);
  fmt::print("\n");
  for (const auto& name : r.modified) {
    Log(Level::kWarn, fmt::format(msg::kModifiedWarning, name));
  }
  std::fflush(stdout);
  switch (r.kind) {
    case K::kBehind:
      fmt::print(msg::kNotYetApplied, Plural(r.unapplied.size()),
                 Lines(r.unapplied));
      fmt::print(msg::kBehindSummary, r.unapplied.size(),
                 Plural(r.unapplied.size()), r.unapplied.size(),
                 Plural(r.unapplied.size()));
      break;
    case K::kDiverged:
      fmt::print(stderr, msg::kDiverged, r.last_common.value_or("(none)"),
                 Plural(r.unapplied.size()), Lines(r.unapplied),
                 Plural(r.unpersisted.size()), s->project.migrations_display,
                 Lines(r.unpersisted));
      break;
    case K::kDirectoryBehind:
      fmt::print(stderr, msg::kDirectoryBehind, Plural(r.unpersisted.size()),
                 s->project.migrations_display, Lines(r.unpersisted));
      break;
    case K::kFailed: {
      std::vector<std::string> names;
      for (const auto& f : r.failed) names.push_back(f.migration_name);
      fmt::print(stderr, msg::kFailedList, Plural(names.size()), Lines(names),
                 names.front(), names.front());
      break;
    }
    case K::kNotManaged:
      if (r.local.empty()) {
        fmt::print(stderr, "{}", msg::kNotManagedEmptyFolder);
      } else {
        fmt::print(stderr, msg::kNotManaged, r.local.front());
      }
      break;
    case K::kEmpty:
      fmt::print("{}", msg::kEmptyNoMigrations);
      Log(Level::kSuccess, msg::kUpToDate);
      return kExitOk;
    case K::kUpToDate:
      Log(Level::kSuccess, msg::kUpToDate);
      break;
  }
  return r.ExitCode();
}

int RunResolve(const MigrateOptions& o) {
  if (o.applied.empty() == o.rolled_back.empty()) {
    Log(Level::kError,
        o.applied.empty() ? msg::kResolveNeedsOne : msg::kResolveNotBoth);
    return kExitUsage;
  }
  auto s = Open(o, false);
  if (!s.ok()) return Fail(s.status());
  auto conn = ConnectTo(*s, !o.applied.empty());
  if (!conn.ok()) return Fail(conn.status());
  if (!o.applied.empty()) {
    Status st = migrate::ResolveApplied(**conn, s->migrations, o.applied,
                                        LockTimeout(o));
    if (!st.ok()) return Fail(st);
    Log(Level::kSuccess, fmt::format(msg::kMarkedApplied, o.applied));
    return kExitOk;
  }
  Status st = migrate::ResolveRolledBack(**conn, o.rolled_back, LockTimeout(o));
  if (!st.ok()) return Fail(st);
  Log(Level::kSuccess, fmt::format(msg::kMarkedRolledBack, o.rolled_back));
  return kExitOk;
}

std::string Duration(const migrate::HistoryRow& row) {
  if (!row.finished_at || !row.finished_at->unix_ms ||
      !row.started_at.unix_ms) {
    return "";
  }
  return fmt::format("{} ms",
                     *row.finished_at->unix_ms - *row.started_at.unix_ms);
}

int RunHistory(const MigrateOptions& o) {
  auto s = Open(o, o.json);
  if (!s.ok()) return Fail(s.status());
  auto conn = ConnectIfExists(*s);
  if (!conn.ok()) return Fail(conn.status());
  auto entries = migrate::ReadHistory(conn->get(), s->migrations);
  if (!entries.ok()) return Fail(entries.status());
  if (o.json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& e : *entries) {
      nlohmann::json j;
      j["migration"] = e.name;
      j["state"] = migrate::StateName(e.state);
      j["checksum"] = migrate::ChecksumName(e.checksum);
      if (e.row) {
        const auto& r = *e.row;
        j["id"] = r.id;
        j["startedAt"] = r.started_at.Iso();
        j["finishedAt"] = r.finished_at ? nlohmann::json(r.finished_at->Iso())
                                        : nlohmann::json();
        j["rolledBackAt"] = r.rolled_back_at
                                ? nlohmann::json(r.rolled_back_at->Iso())
                                : nlohmann::json();
        if (r.finished_at && r.finished_at->unix_ms && r.started_at.unix_ms) {
          j["durationMs"] = *r.finished_at->unix_ms - *r.started_at.unix_ms;
        } else {
          j["durationMs"] = nlohmann::json();
        }
        j["appliedStepsCount"] = r.applied_steps_count;
        j["recordedChecksum"] = r.checksum;
        j["logs"] = r.logs ? nlohmann::json(*r.logs) : nlohmann::json();
      }
      arr.push_back(j);
    }
    fmt::print("{}\n", arr.dump(2));
    return kExitOk;
  }
  if (entries->empty()) {
    Log(Level::kInfo,
        fmt::format(msg::kHistoryEmpty, s->project.migrations_display));
    return kExitOk;
  }
  size_t width = 9;
  for (const auto& e : *entries) width = std::max(width, e.name.size());
  fmt::print("\n{:<{}}  {:<11}  {:<24}  {:>9}  {:>5}  {}\n", "MIGRATION", width,
             "STATE", "STARTED (UTC)", "DURATION", "STEPS", "CHECKSUM");
  int failed = 0, applied = 0, pending = 0;
  for (const auto& e : *entries) {
    std::string started, duration, steps;
    if (e.row) {
      started = e.row->started_at.Iso();
      duration = Duration(*e.row);
      steps = fmt::format("{}", e.row->applied_steps_count);
    }
    std::string state = migrate::StateName(e.state);
    const char* sgr = e.state == migrate::HistoryEntry::State::kFailed ? "0;31"
                      : e.state == migrate::HistoryEntry::State::kPending
                          ? "1;33"
                          : "0";
    fmt::print("{:<{}}  {}  {:<24}  {:>9}  {:>5}  {}\n", e.name, width,
               Colorize(stdout, sgr, fmt::format("{:<11}", state)), started,
               duration, steps, migrate::ChecksumName(e.checksum));
    if (e.state == migrate::HistoryEntry::State::kFailed) ++failed;
    if (e.state == migrate::HistoryEntry::State::kApplied) ++applied;
    if (e.state == migrate::HistoryEntry::State::kPending) ++pending;
  }
  fmt::print("\n{} applied, {} failed, {} pending\n", applied, failed, pending);
  return kExitOk;
}

int RunReset(const MigrateOptions& o) {
  auto s = Open(o, false);
  if (!s.ok()) return Fail(s.status());
  std::string what = s->project.DatasourceLine();
  what = what.substr(what.find(": ") + 2);
  if (!o.force) {
    if (!StdinIsTerminal()) {
      Log(Level::kError, fmt::format(msg::kResetNeedsForce, what));
      return kExitNeedsConfirmation;
    }
    if (!Confirm(fmt::format(msg::kResetQuestion, what))) {
      Log(Level::kInfo, msg::kResetCancelled);
      return kExitNeedsConfirmation;
    }
  }
  PrintFound(*s);
  auto conn = ConnectTo(*s, true);
  if (!conn.ok()) return Fail(conn.status());
  migrate::DeployOptions opts;
  opts.lock_timeout = LockTimeout(o);
  auto result = migrate::Reset(**conn, s->migrations, opts, ProgressObserver());
  if (!result.ok()) return Fail(result.status());
  Log(Level::kSuccess, msg::kResetDone);
  if (!result->applied.empty()) PrintAppliedList(result->applied);
  return kExitOk;
}

int RunDev(const MigrateOptions& o) {
  auto s = Open(o, false);
  if (!s.ok()) return Fail(s.status());
  std::unique_ptr<migrate::MigrationDiffer> differ = MakeMigrationDiffer(
      s->project.url.dialect, s->project.migrations_dir, s->project.schema);
  if (!differ) {
    Log(Level::kError,
        fmt::format(msg::kDevNoDiffer, s->project.migrations_display));
    return kExitFailure;
  }
  // Safety: the target must be the resolved schema. While the validator does
  // not resolve models yet, an empty Schema would plan "drop everything".
  if (s->project.schema.models.empty()) {
    Diagnostics ignored;
    schema::ast::Ast ast =
        schema::ParseSchema(s->project.loaded.sources, ignored);
    for (const auto& file : ast.files) {
      for (const auto& block : file.blocks) {
        if (block.kind == schema::ast::BlockKind::kModel) {
          Log(Level::kError, msg::kDevUnresolvedSchema);
          return kExitFailure;
        }
      }
    }
  }
  std::string what = s->project.DatasourceLine();
  what = what.substr(what.find(": ") + 2);
  std::string name = o.name;
  if (name.empty() && StdinIsTerminal()) {
    fmt::print("{}", msg::kDevNamePrompt);
    std::fflush(stdout);
    std::getline(std::cin, name);
  }
  if (name.empty()) {
    Log(Level::kWarn, msg::kDevNoName);
  } else if (migrate::IsMeaninglessName(name)) {
    Log(Level::kWarn, fmt::format(msg::kDevMeaninglessName, name));
  }
  PrintFound(*s);
  auto conn = ConnectTo(*s, true);
  if (!conn.ok()) return Fail(conn.status());
  migrate::ShadowFactory shadow =
      [&]() -> Result<std::unique_ptr<db::Connection>> {
    if (s->project.url.dialect == db::Dialect::kSqlite) {
      return db::Connect(*db::ParseDatabaseUrl("file::memory:"), {});
    }
    // A temporary database next to the development one (dropped when the
    // connection closes), or the datasource's shadowDatabaseUrl, emptied.
    return describe::OpenShadowDatabase(s->project.url, s->project.shadow_url,
                                        s->project.ConnectOptions(false));
  };
  migrate::DevCallbacks callbacks;
  callbacks.observer = ProgressObserver();
  callbacks.confirm_reset = [&](const std::string& reason) {
    Log(Level::kWarn, fmt::format(msg::kDevResetNeeded, what, reason));
    if (o.yes) return true;
    if (!StdinIsTerminal()) {
      Log(Level::kError, msg::kDevNeedsYes);
      return false;
    }
    return Confirm(msg::kDevResetQuestion);
  };
  callbacks.confirm_data_loss = [&](const std::vector<std::string>& warnings) {
    std::string list;
    for (const auto& w : warnings) list += "  • " + w + "\n";
    Log(Level::kWarn, fmt::format(msg::kDevWarnings, list));
    if (o.yes) return true;
    if (!StdinIsTerminal()) {
      Log(Level::kError, msg::kDevNeedsYes);
      return false;
    }
    return Confirm(o.create_only ? msg::kDevCreateOnlyQuestion
                                 : msg::kDevDataLossQuestion);
  };
  migrate::DevOptions opts;
  opts.name = name;
  opts.create_only = o.create_only;
  opts.lock_timeout = LockTimeout(o);
  auto result =
      migrate::RunDev(**conn, shadow, *differ, s->project.migrations_dir,
                      s->project.provider, s->project.schema, opts, callbacks);
  if (!result.ok()) {
    fmt::print("\n");
    std::fflush(stdout);
    if (result.status().code() == migrate::kConfirmCode) {
      Log(Level::kError, result.status().message());
      return kExitNeedsConfirmation;
    }
    return Fail(result.status());
  }
  if (result->in_sync) {
    Log(Level::kSuccess, msg::kDevInSync);
    return kExitOk;
  }
  if (!result->unexecutable.empty()) {
    std::string list;
    for (size_t i = 0; i < result->unexecutable.size(); ++i) {
      list += fmt::format("  • Step {} {}\n", i, result->unexecutable[i]);
    }
    Log(Level::kWarn, fmt::format(msg::kDevUnexecutableCreateOnly, list));
  }
  Log(Level::kSuccess, fmt::format(msg::kDevCreated, *result->created));
  Log(Level::kInfo, msg::kDevSqlHeader);
  fmt::print("{}\n{}{}{}\n", msg::kDevRule, result->script,
             result->script.ends_with("\n") ? "" : "\n", msg::kDevRule);
  if (o.create_only) {
    Log(Level::kInfo, msg::kDevCreateOnlyDone);
  } else {
    Log(Level::kSuccess, msg::kDevNowInSync);
  }
  return kExitOk;
}

void AddCommon(CLI::App* cmd, MigrateOptions& o, bool lock) {
  cmd->add_option("--schema", o.schema,
                  "Schema file (default: ./prisma/schema.prisma, then "
                  "./schema.prisma)");
  cmd->add_option("--url", o.url,
                  "Database URL instead of the datasource's url (relative "
                  "file: paths from the working directory)");
  if (lock) {
    cmd->add_option("--lock-timeout", o.lock_timeout_s,
                    "Seconds to wait for another migration command's lock "
                    "(default 10)");
  }
}

}  // namespace

void RegisterMigrateCommands(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<MigrateOptions>();
  CLI::App* migrate = &MigrateGroup(app);

  auto* deploy = AddSubcommand(
      *migrate, "deploy",
      "Apply pending migrations (production); creates the database if missing",
      "  airlock migrate deploy\n  airlock migrate deploy --schema "
      "prisma/schema.prisma --lock-timeout 30");
  AddCommon(deploy, *o, true);
  deploy->add_flag("--backup", o->backup,
                   "Back up the database first (backups/backup_before_"
                   "migration_*.sql.zst); on MySQL/MariaDB offer to restore "
                   "it when a migration fails");
  deploy->add_flag("--yes,-y", o->yes,
                   "With --backup: restore without asking when a migration "
                   "fails");
  deploy->callback([&ctx, o]() { ctx.exit_code = RunDeploy(*o); });

  auto* status = AddSubcommand(
      *migrate, "status",
      "Compare the migrations folder with the database's history (exit 0 when "
      "up to date, 1 otherwise)",
      "  airlock migrate status\n  airlock migrate status --json");
  AddCommon(status, *o, false);
  status->add_flag("--json", o->json, "Print a JSON report");
  status->callback([&ctx, o]() { ctx.exit_code = RunStatus(*o); });

  auto* resolve =
      AddSubcommand(*migrate, "resolve",
                    "Record a migration as applied or rolled back (failed "
                    "migrations, baselining)",
                    "  airlock migrate resolve --applied 0_init\n  airlock "
                    "migrate resolve --rolled-back 20240101000000_add_x");
  AddCommon(resolve, *o, true);
  resolve->add_option("--applied", o->applied, "Mark this migration applied");
  resolve->add_option("--rolled-back", o->rolled_back,
                      "Mark this failed migration rolled back");
  resolve->callback([&ctx, o]() { ctx.exit_code = RunResolve(*o); });

  auto* history = AddSubcommand(
      *migrate, "history",
      "Every _prisma_migrations row: state, timing, checksum match",
      "  airlock migrate history\n  airlock migrate history --json");
  AddCommon(history, *o, false);
  history->add_flag("--json", o->json, "Print JSON");
  history->callback([&ctx, o]() { ctx.exit_code = RunHistory(*o); });

  auto* reset = AddSubcommand(
      *migrate, "reset",
      "Drop everything in the database and re-apply all migrations (asks for "
      "confirmation on a terminal; needs --force otherwise)",
      "  airlock migrate reset\n  airlock migrate reset --force");
  AddCommon(reset, *o, true);
  reset->add_flag("--force,-f", o->force, "Do not ask for confirmation");
  reset->callback([&ctx, o]() { ctx.exit_code = RunReset(*o); });

  auto* dev = AddSubcommand(
      *migrate, "dev",
      "Create a migration from schema changes and apply it (development)",
      "  airlock migrate dev --name add_user_department\n"
      "  airlock migrate dev --name add_audit_log --create-only\n"
      "  airlock migrate dev --name drop_legacy --yes   # confirm data loss");
  AddCommon(dev, *o, true);
  dev->add_option("--name,-n", o->name, "Name of the migration");
  dev->add_flag("--create-only", o->create_only,
                "Create the migration file but do not apply it");
  dev->add_flag("--yes,-y", o->yes,
                "Confirm data-loss warnings and resets without asking");
  dev->callback([&ctx, o]() { ctx.exit_code = RunDev(*o); });
}

}  // namespace airlock::cli
