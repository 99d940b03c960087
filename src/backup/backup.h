// Backup, restore and verification of a whole database: the API the CLI
// (`airlock db backup|restore|verify-backup`) and the migration engine
// (`migrate deploy --backup`) call. File format: format.h.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "backup/format.h"
#include "backup/reader.h"
#include "backup/writer.h"
#include "base/status.h"
#include "db/connection.h"

namespace airlock::backup {

// Opens one more connection to the same database (parallel workers).
using ConnectFn = std::function<Result<std::unique_ptr<db::Connection>>()>;

// A snapshot of progress, reported a few times per second.
struct Progress {
  size_t tables_done = 0;
  size_t tables_total = 0;
  int64_t rows = 0;
  int64_t rows_estimate = 0;  // 0 when unknown
  uint64_t bytes = 0;         // uncompressed SQL bytes
  double seconds = 0;
};
using ProgressFn = std::function<void(const Progress&)>;

struct BackupOptions {
  // The file to write; when empty, DefaultBackupPath(dir, reason, ...).
  std::string path;
  std::string dir = "backups";
  // Why it is taken: "manual", "before_migration", ...
  std::string reason = "manual";
  Compression compression = Compression::kZstd;
  int level = 0;
  // Only these tables (all when empty); a missing one is an error.
  std::vector<std::string> tables;
  // Parallel workers (servers only; they need `connect`).
  int jobs = 1;
  ConnectFn connect;
  ProgressFn progress;
};

struct BackupInfo {
  std::string path;
  uint64_t file_bytes = 0;
  uint64_t raw_bytes = 0;
  int64_t rows = 0;
  std::vector<TableSummary> tables;
  double seconds = 0;
  // Partial files of interrupted (killed) backups removed from the folder.
  std::vector<std::string> stale_removed;
};

// backups/backup_<reason>_YYYYMMDD_HHMMSS.sql.zst (UTC) under `dir`.
std::string DefaultBackupPath(const std::string& dir, const std::string& reason,
                              Compression c,
                              std::chrono::system_clock::time_point when);

// Takes a consistent backup of the database behind `conn`.
Result<BackupInfo> TakeBackup(db::Connection& conn,
                              const BackupOptions& options);

struct RestoreOptions {
  // Called after the file was verified and before anything is dropped;
  // returning false cancels the restore (error "cancelled").
  std::function<bool(const VerifyReport&)> confirm;
  int jobs = 1;
  ConnectFn connect;
  ProgressFn progress;
};

struct RestoreInfo {
  int64_t rows = 0;
  size_t tables = 0;
  double seconds = 0;
};

// Replaces everything in the database behind `conn` with the backup. The
// file is verified completely first: a truncated or corrupt file is refused
// before anything is dropped. Callers ask for confirmation.
Result<RestoreInfo> Restore(db::Connection& conn, const std::string& path,
                            const RestoreOptions& options);

}  // namespace airlock::backup
