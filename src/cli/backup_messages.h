// User-facing texts of `airlock db backup|restore|verify-backup`.
#pragma once

namespace airlock::cli::msg {

inline constexpr const char* kBadCompress =
    "Unknown --compress value \"{}\": use zstd, gzip or none.";
inline constexpr const char* kBackupStarting = "Backing up {} ...";
inline constexpr const char* kBackupDone =
    "Backup created: {} ({}, {} tables, {} rows, {:.1f} s)";
inline constexpr const char* kBackupProgress =
    "\r[INFO] {}/{} tables, {} rows, {}, {}/s{}\x1b[K";
inline constexpr const char* kVerifyOk =
    "Backup {} is complete and intact: {} database, taken {} ({}), {} tables, "
    "{} rows, {} of SQL in {} on disk.";
inline constexpr const char* kRestoreQuestion =
    "Restore {} into {}? This replaces ALL existing data ({} tables, {} rows "
    "in the backup, taken {}).";
inline constexpr const char* kRestoreNeedsYes =
    "Refusing to restore without confirmation: stdin is not a terminal. Pass "
    "--yes to replace the data in {}.";
inline constexpr const char* kRestoreDone =
    "Restored {} into {}: {} tables, {} rows in {:.1f} s.";
inline constexpr const char* kRestoreStarting = "Restoring {} into {} ...";
inline constexpr const char* kStalePartialRemoved =
    "Removed {}: the unfinished file of an interrupted backup.";
inline constexpr const char* kReplacingInterrupted =
    "The database holds an unfinished restore of \"{}\" (started {}): this "
    "restore replaces it.";

}  // namespace airlock::cli::msg
