#include "migrate/dev.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "base/files.h"
#include "migrate/checksum.h"
#include "migrate/history.h"
#include "migrate/messages.h"

namespace airlock::migrate {
namespace {

namespace fs = std::filesystem;

Status Replay(db::Connection& shadow, const MigrationDirectory& m) {
  Status st = shadow.ExecuteScript(m.script);
  if (st.ok()) return st;
  const db::DbError& err = shadow.last_error();
  return Status::Error("P3006", fmt::format(msg::kP3006ShadowReplay, m.name,
                                            err.code, err.message));
}

}  // namespace

Result<std::optional<std::string>> CheckDevDatabase(
    db::Connection& live, db::Connection& shadow, MigrationDiffer& differ,
    const std::vector<MigrationDirectory>& migrations) {
  HistoryTable history(live);
  AIRLOCK_ASSIGN_OR_RETURN(bool exists, history.Exists());
  std::vector<std::string> reasons;
  std::vector<HistoryRow> rows;
  if (exists) {
    AIRLOCK_ASSIGN_OR_RETURN(rows, history.ReadRows());
  } else {
    AIRLOCK_ASSIGN_OR_RETURN(std::vector<std::string> others,
                             history.OtherTables());
    if (!others.empty()) {
      std::string list;
      for (const auto& t : others) list += (list.empty() ? "" : ", ") + t;
      reasons.push_back(fmt::format(msg::kDevNotManaged, list));
    }
  }
  std::set<std::string> applied;
  for (const auto& r : rows) {
    if (r.IsFailed()) {
      reasons.push_back(
          fmt::format(msg::kDevFailedMigration, r.migration_name));
    }
    if (r.IsApplied()) applied.insert(r.migration_name);
  }
  std::set<std::string> local;
  for (const auto& m : migrations) local.insert(m.name);
  for (const auto& name : applied) {
    if (!local.count(name)) {
      reasons.push_back(fmt::format(msg::kDevMissingMigration, name));
    }
  }
  for (const auto& m : migrations) {
    if (!applied.count(m.name)) continue;
    for (const auto& r : rows) {
      if (r.migration_name == m.name && r.IsApplied() &&
          !ChecksumMatches(m.script, r.checksum)) {
        reasons.push_back(fmt::format(msg::kDevModifiedMigration, m.name));
        break;
      }
    }
  }
  if (!reasons.empty()) {
    std::string text;
    for (const auto& r : reasons) text += r + "\n";
    return std::optional<std::string>(text);
  }
  for (const auto& m : migrations) {
    if (applied.count(m.name)) AIRLOCK_RETURN_IF_ERROR(Replay(shadow, m));
  }
  AIRLOCK_ASSIGN_OR_RETURN(std::string drift, differ.Drift(shadow, live));
  if (!drift.empty()) {
    return std::optional<std::string>(fmt::format(msg::kDevDrift, drift));
  }
  return std::optional<std::string>();
}

Result<DevResult> RunDev(db::Connection& live, const ShadowFactory& shadow,
                         MigrationDiffer& differ,
                         const std::string& migrations_dir,
                         const std::string& provider,
                         const schema::Schema& target,
                         const DevOptions& options,
                         const DevCallbacks& callbacks) {
  DevResult result;
  AIRLOCK_RETURN_IF_ERROR(live.AcquireMigrationLock(options.lock_timeout));
  AIRLOCK_ASSIGN_OR_RETURN(std::vector<MigrationDirectory> migrations,
                           ReadMigrationsDir(migrations_dir));
  AIRLOCK_ASSIGN_OR_RETURN(std::unique_ptr<db::Connection> check_shadow,
                           shadow());
  AIRLOCK_ASSIGN_OR_RETURN(
      std::optional<std::string> reset_reason,
      CheckDevDatabase(live, *check_shadow, differ, migrations));
  check_shadow.reset();
  HistoryTable history(live);
  if (reset_reason) {
    if (!callbacks.confirm_reset || !callbacks.confirm_reset(*reset_reason)) {
      return Status::Error(kConfirmCode, msg::kDevResetDeclined);
    }
    AIRLOCK_RETURN_IF_ERROR(live.DropAllObjects());
    result.reset = true;
  }
  AIRLOCK_ASSIGN_OR_RETURN(bool exists, history.Exists());
  if (!exists) AIRLOCK_RETURN_IF_ERROR(history.Create());
  AIRLOCK_ASSIGN_OR_RETURN(
      DeployResult deployed,
      ApplyPending(live, history, migrations, callbacks.observer));
  result.applied = deployed.applied;

  // The folder replayed from scratch is what the new migration starts from.
  AIRLOCK_ASSIGN_OR_RETURN(std::unique_ptr<db::Connection> replay, shadow());
  for (const auto& m : migrations) AIRLOCK_RETURN_IF_ERROR(Replay(*replay, m));
  AIRLOCK_ASSIGN_OR_RETURN(MigrationDiffer::Plan plan,
                           differ.PlanMigration(*replay, live, target));
  if (!plan.unexecutable.empty()) {
    // --create-only writes the file anyway so that the user can edit it.
    if (options.create_only) {
      result.unexecutable = plan.unexecutable;
    } else {
      std::string list;
      for (size_t i = 0; i < plan.unexecutable.size(); ++i) {
        list += fmt::format("  • Step {} {}\n", i, plan.unexecutable[i]);
      }
      return Status::Error(kUnexecutableCode,
                           fmt::format(msg::kDevUnexecutable, list));
    }
  }
  if (plan.script.empty() && !options.create_only) {
    result.in_sync = true;
    return result;
  }
  if (!plan.warnings.empty()) {
    result.warnings = plan.warnings;
    if (!callbacks.confirm_data_loss ||
        !callbacks.confirm_data_loss(plan.warnings)) {
      return Status::Error(kConfirmCode, msg::kDevDataLossDeclined);
    }
  }
  std::time_t now = options.now ? options.now : std::time(nullptr);
  AIRLOCK_ASSIGN_OR_RETURN(std::string folder,
                           NewMigrationFolderName(now, options.name));
  MigrationDirectory m;
  m.name = folder;
  m.path = (fs::path(migrations_dir) / folder).string();
  m.script_path = (fs::path(m.path) / kScriptName).string();
  m.script = plan.script.empty() ? msg::kEmptyMigration : plan.script;
  if (fs::exists(m.path)) {
    return Status::Error(
        fmt::format("The migration directory already exists at {}", m.path));
  }
  std::error_code ec;
  fs::create_directories(m.path, ec);
  if (ec) {
    return Status::Error(
        fmt::format("Could not create {}: {}", m.path, ec.message()));
  }
  AIRLOCK_RETURN_IF_ERROR(WriteFileAtomic(m.script_path, m.script));
  AIRLOCK_RETURN_IF_ERROR(WriteLockFile(migrations_dir, provider));
  result.created = folder;
  result.script = m.script;
  if (!options.create_only) {
    if (callbacks.observer.applying) callbacks.observer.applying(m.name);
    AIRLOCK_RETURN_IF_ERROR(ApplyMigration(live, history, m));
    if (callbacks.observer.applied) callbacks.observer.applied(m.name, 0);
    result.applied_new = true;
  }
  live.ReleaseMigrationLock();
  return result;
}

}  // namespace airlock::migrate
