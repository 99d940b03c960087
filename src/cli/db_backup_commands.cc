// `airlock db backup`, `airlock db restore` and `airlock db verify-backup`.
#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "backup/backup.h"
#include "backup/restore_marker.h"
#include "base/term.h"
#include "cli/backup_messages.h"
#include "cli/command.h"
#include "cli/subcommand.h"
#include "db/connect.h"
#include "db/dotenv.h"
#include "migrate/project.h"

namespace airlock::cli {
namespace {

struct BackupCliOptions {
  std::string schema;
  std::string url;
  std::string out;
  std::string compress = "zstd";
  int level = 0;
  std::string tables;
  int jobs = 0;  // 0 = default (number of CPUs, at most 4)
  std::string reason = "manual";
  bool json = false;
  // restore / verify
  std::string path;
  bool yes = false;
};

std::string HumanBytes(double b) {
  const char* units[] = {"B", "KB", "MB", "GB", "TB"};
  int u = 0;
  while (b >= 1024 && u < 4) {
    b /= 1024;
    ++u;
  }
  return u == 0 ? fmt::format("{:.0f} {}", b, units[u])
                : fmt::format("{:.1f} {}", b, units[u]);
}

int64_t PeakRssKb() {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

int Fail(const Status& st, bool json) {
  if (json) {
    nlohmann::json j = {
        {"ok", false}, {"code", st.code()}, {"error", st.message()}};
    fmt::print("{}\n", j.dump());
  }
  Log(Level::kError, st.message());
  return kExitFailure;
}

int DefaultJobs() {
  unsigned n = std::thread::hardware_concurrency();
  return static_cast<int>(std::max(1u, std::min(n, 4u)));
}

// Live progress on stderr when it is a terminal.
backup::ProgressFn TerminalProgress(bool json) {
  if (json || !::isatty(STDERR_FILENO)) return nullptr;
  return [](const backup::Progress& p) {
    double rate = p.seconds > 0 ? p.bytes / p.seconds : 0;
    std::string eta;
    if (p.rows_estimate > 0 && p.rows > 0 && p.rows < p.rows_estimate) {
      double left = p.seconds * (p.rows_estimate - p.rows) / p.rows;
      eta = fmt::format(", ETA {}:{:02d}", static_cast<int>(left) / 60,
                        static_cast<int>(left) % 60);
    }
    fmt::print(stderr, msg::kBackupProgress, p.tables_done, p.tables_total,
               p.rows, HumanBytes(p.bytes), HumanBytes(rate), eta);
    std::fflush(stderr);
  };
}

void EndProgressLine(bool json) {
  if (!json && ::isatty(STDERR_FILENO)) fmt::print(stderr, "\n");
}

// The database: --url, else the schema's datasource (as migrate resolves it).
struct DatabaseTarget {
  db::DatabaseUrl url;
  db::ConnectOptions options;
  std::string project_root;
};

Result<DatabaseTarget> ResolveDatabaseTarget(const std::string& schema,
                                             const std::string& url,
                                             bool create_if_missing = false) {
  DatabaseTarget t;
  std::string cwd = std::filesystem::current_path().string();
  t.project_root = db::Environment::FindProjectRoot(cwd);
  if (!url.empty() && schema.empty()) {
    // No schema needed: relative SQLite paths are against the working dir.
    AIRLOCK_ASSIGN_OR_RETURN(t.url, db::ParseDatabaseUrl(url));
    t.options.base_dir = cwd;
    t.options.create_if_missing = create_if_missing;
    t.options.display_url = t.url.Masked();
    return t;
  }
  migrate::ProjectOptions po;
  if (!schema.empty()) po.schema_path = schema;
  if (!url.empty()) po.url = url;
  AIRLOCK_ASSIGN_OR_RETURN(migrate::Project project, migrate::LoadProject(po));
  t.url = project.url;
  t.options = project.ConnectOptions(create_if_missing);
  return t;
}

Result<std::unique_ptr<db::Connection>> OpenTarget(const DatabaseTarget& t) {
  return db::Connect(t.url, t.options);
}

backup::ConnectFn ConnectFactory(const DatabaseTarget& t) {
  return [t]() { return db::Connect(t.url, t.options); };
}

std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ',')) {
    while (!item.empty() && item.front() == ' ') item.erase(item.begin());
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

nlohmann::json TablesJson(const std::vector<backup::TableSummary>& tables) {
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& t : tables) {
    arr.push_back({{"table", t.table}, {"rows", t.rows}, {"sha256", t.sha256}});
  }
  return arr;
}

int RunBackup(const BackupCliOptions& o) {
  auto comp = backup::ParseCompression(o.compress);
  if (!comp) {
    return Fail(Status::Error(fmt::format(msg::kBadCompress, o.compress)),
                o.json);
  }
  auto target = ResolveDatabaseTarget(o.schema, o.url);
  if (!target.ok()) return Fail(target.status(), o.json);
  auto conn = OpenTarget(*target);
  if (!conn.ok()) return Fail(conn.status(), o.json);
  backup::BackupOptions bo;
  bo.path = o.out;
  bo.dir = (std::filesystem::path(target->project_root) / "backups").string();
  bo.reason = o.reason;
  bo.compression = *comp;
  bo.level = o.level;
  bo.tables = SplitList(o.tables);
  bo.jobs = o.jobs > 0 ? o.jobs : DefaultJobs();
  bo.connect = ConnectFactory(*target);
  bo.progress = TerminalProgress(o.json);
  if (!o.json) {
    Log(Level::kInfo, fmt::format(msg::kBackupStarting, (*conn)->Describe()));
  }
  auto info = backup::TakeBackup(**conn, bo);
  EndProgressLine(o.json);
  if (!info.ok()) return Fail(info.status(), o.json);
  for (const auto& p : info->stale_removed) {
    Log(Level::kWarn, fmt::format(msg::kStalePartialRemoved, p));
  }
  if (o.json) {
    nlohmann::json j = {{"ok", true},
                        {"path", info->path},
                        {"bytes", info->file_bytes},
                        {"sql_bytes", info->raw_bytes},
                        {"rows", info->rows},
                        {"seconds", info->seconds},
                        {"compression", o.compress},
                        {"peak_rss_kb", PeakRssKb()},
                        {"tables", TablesJson(info->tables)}};
    fmt::print("{}\n", j.dump());
  } else {
    Log(Level::kSuccess,
        fmt::format(msg::kBackupDone, info->path,
                    HumanBytes(static_cast<double>(info->file_bytes)),
                    info->tables.size(), info->rows, info->seconds));
  }
  return kExitOk;
}

int RunVerify(const BackupCliOptions& o) {
  auto report = backup::VerifyBackup(o.path);
  if (!report.ok()) return Fail(report.status(), o.json);
  if (o.json) {
    nlohmann::json j = {
        {"ok", true},
        {"path", o.path},
        {"dialect", report->header.dialect},
        {"created", report->header.created},
        {"reason", report->header.reason},
        {"compression", backup::CompressionName(report->compression)},
        {"bytes", report->file_bytes},
        {"sql_bytes", report->raw_bytes},
        {"rows", report->rows},
        {"tables", TablesJson(report->tables)}};
    fmt::print("{}\n", j.dump());
  } else {
    Log(Level::kSuccess,
        fmt::format(msg::kVerifyOk, o.path, report->header.dialect,
                    report->header.created, report->header.reason,
                    report->tables.size(), report->rows,
                    HumanBytes(static_cast<double>(report->raw_bytes)),
                    HumanBytes(static_cast<double>(report->file_bytes))));
  }
  return kExitOk;
}

int RunRestore(const BackupCliOptions& o) {
  // A SQLite file that does not exist yet is created.
  auto target = ResolveDatabaseTarget(o.schema, o.url, true);
  if (!target.ok()) return Fail(target.status(), o.json);
  auto conn = OpenTarget(*target);
  if (!conn.ok()) return Fail(conn.status(), o.json);
  std::string where = (*conn)->Describe();
  backup::RestoreOptions ro;
  ro.jobs = o.jobs > 0 ? o.jobs : DefaultJobs();
  ro.connect = ConnectFactory(*target);
  ro.progress = TerminalProgress(o.json);
  bool refused_no_tty = false;
  ro.confirm = [&](const backup::VerifyReport& r) {
    if (o.yes) return true;
    if (!StdinIsTerminal()) {
      refused_no_tty = true;
      return false;
    }
    return Confirm(fmt::format(msg::kRestoreQuestion, o.path, where,
                               r.tables.size(), r.rows, r.header.created));
  };
  if (!o.json) {
    Log(Level::kInfo, fmt::format(msg::kRestoreStarting, o.path, where));
  }
  if (auto marker = backup::ReadRestoreMarker(**conn); marker.ok() && *marker) {
    Log(Level::kWarn, fmt::format(msg::kReplacingInterrupted, (*marker)->backup,
                                  (*marker)->started));
  }
  auto info = backup::Restore(**conn, o.path, ro);
  EndProgressLine(o.json);
  if (!info.ok()) {
    if (refused_no_tty) {
      return Fail(Status::Error(fmt::format(msg::kRestoreNeedsYes, where)),
                  o.json);
    }
    return Fail(info.status(), o.json);
  }
  if (o.json) {
    nlohmann::json j = {{"ok", true},
                        {"path", o.path},
                        {"tables", info->tables},
                        {"rows", info->rows},
                        {"seconds", info->seconds},
                        {"peak_rss_kb", PeakRssKb()}};
    fmt::print("{}\n", j.dump());
  } else {
    Log(Level::kSuccess, fmt::format(msg::kRestoreDone, o.path, where,
                                     info->tables, info->rows, info->seconds));
  }
  return kExitOk;
}

// The `db` group may be registered by another command file too.
CLI::App* DbGroup(CLI::App& app) {
  for (CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_name() == "db") return sub;
  }
  auto* db =
      AddSubcommand(app, "db", "Manage the database: backup, restore, verify",
                    "  airlock db backup\n"
                    "  airlock db verify-backup FILE\n"
                    "  airlock db restore FILE\n");
  db->require_subcommand(1);
  return db;
}

void AddTargetOptions(CLI::App* cmd, BackupCliOptions& o) {
  cmd->add_option("--schema", o.schema, "Schema file or folder");
  cmd->add_option("--url", o.url,
                  "Database URL (default: the schema's datasource url)");
  cmd->add_flag("--json", o.json, "Print a machine-readable summary");
}

}  // namespace

void RegisterDbBackupCommands(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<BackupCliOptions>();
  CLI::App* db = DbGroup(app);

  auto* b = AddSubcommand(
      *db, "backup", "Back up the database to one compressed SQL file",
      "  airlock db backup\n"
      "  airlock db backup --out /mnt/usb/before.sql.zst --jobs 4\n"
      "  airlock db backup --tables User,Post --compress gzip\n");
  AddTargetOptions(b, *o);
  b->add_option("--out", o->out,
                "File to write (default: backups/backup_<reason>_"
                "YYYYMMDD_HHMMSS.sql.zst next to the project)");
  b->add_option("--compress", o->compress, "zstd (default), gzip or none");
  b->add_option("--level", o->level, "Compression level (default: codec's)");
  b->add_option("--tables", o->tables, "Only these tables (comma-separated)");
  b->add_option("--jobs", o->jobs, "Parallel workers (default: CPUs, max 4)");
  b->add_option("--reason", o->reason,
                "Word in the default file name (default: manual)");
  b->callback([&ctx, o]() { ctx.exit_code = RunBackup(*o); });

  auto* r = AddSubcommand(
      *db, "restore",
      "Replace the database's contents with a backup (verified first)",
      "  airlock db restore backups/backup_manual_20260101_120000.sql.zst\n"
      "  airlock db restore FILE --yes --jobs 4   # no prompt\n");
  r->add_option("path", o->path, "Backup file")->required();
  AddTargetOptions(r, *o);
  r->add_option("--jobs", o->jobs, "Parallel workers (default: CPUs, max 4)");
  r->add_flag("--yes,-y", o->yes, "Do not ask for confirmation");
  r->callback([&ctx, o]() { ctx.exit_code = RunRestore(*o); });

  auto* v = AddSubcommand(
      *db, "verify-backup",
      "Check that a backup file is complete and intact (no database needed)",
      "  airlock db verify-backup "
      "backups/backup_manual_20260101_120000.sql.zst\n");
  v->add_option("path", o->path, "Backup file")->required();
  v->add_flag("--json", o->json, "Print a machine-readable summary");
  v->callback([&ctx, o]() { ctx.exit_code = RunVerify(*o); });
}

}  // namespace airlock::cli
