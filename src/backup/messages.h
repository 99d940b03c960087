// User-facing texts of backup, restore and verify-backup.
#pragma once

namespace airlock::backup::msg {

// Format.
inline constexpr const char* kBadMarker = "malformed airlock marker line";
inline constexpr const char* kNotABackup =
    "it does not start with an `-- airlock-backup` header, so it is not an "
    "airlock backup";
inline constexpr const char* kUnsupportedVersion =
    "it uses backup format version {}, which this airlock cannot read; use a "
    "newer airlock";

// Writing.
inline constexpr const char* kCreateDirFailed =
    "Cannot create the backup folder \"{}\": {}";
inline constexpr const char* kCreateFailed =
    "Cannot create the backup file \"{}\": {}";
inline constexpr const char* kWriteFailed =
    "Writing the backup \"{}\" failed: {}. The partial file was removed; free "
    "some space or choose another place with --out.";
inline constexpr const char* kCompressFailed = "Compression failed: {}";
inline constexpr const char* kAborted = "The backup was aborted.";

// Reading and verifying.
inline constexpr const char* kOpenFailed = "Cannot open the backup \"{}\": {}";
inline constexpr const char* kReadFailed = "Cannot read the backup \"{}\": {}";
inline constexpr const char* kEmptyFile =
    "The backup \"{}\" is empty: it is not a complete airlock backup.";
inline constexpr const char* kBadFile = "\"{}\" cannot be used: {}.";
inline constexpr const char* kTruncatedFrame =
    "The backup \"{}\" is truncated: it ends inside a compressed frame (an "
    "interrupted or incomplete copy). Use another backup.";
inline constexpr const char* kCorruptCompressed =
    "The backup \"{}\" is corrupt: its compressed data cannot be decoded ({}). "
    "Use another backup.";
inline constexpr const char* kTruncated =
    "The backup \"{}\" is truncated: it ends after {} bytes without its end "
    "marker (an interrupted backup or an incomplete copy). Use another backup.";
inline constexpr const char* kCorrupt =
    "The backup \"{}\" is corrupt: {}. Use another backup.";
inline constexpr const char* kLongLine =
    "a marker line near byte {} is far too long";
inline constexpr const char* kBadMarkerAt =
    "the chunk marker at byte {} is damaged";
inline constexpr const char* kTableCountMismatch =
    "table {} should have {} rows but the file holds {}";
inline constexpr const char* kTableChecksumMismatch =
    "the data of table {} does not match its checksum";
inline constexpr const char* kTableNotInManifest =
    "table {} has data but is missing from the manifest";
inline constexpr const char* kEndMismatch =
    "the end marker does not match the file's size or chunk count";
inline constexpr const char* kFileChecksumMismatch =
    "the file does not match its checksum";
inline constexpr const char* kDataAfterKeys =
    "table {} has data after its keys and indexes (byte {})";
inline constexpr const char* kTrailingData =
    "there is data after the end marker";
inline constexpr const char* kSealDamaged =
    "its seal (the checksum record at the end of the file) is damaged";
inline constexpr const char* kSealChecksumMismatch =
    "the file does not match the checksum in its seal";
inline constexpr const char* kSealMismatch =
    "its seal does not match its contents";

// Backup and restore.
inline constexpr const char* kNoSuchTables =
    "Table(s) not found in the database: {}. Check --tables (names are "
    "case-sensitive); existing tables: {}.";
inline constexpr const char* kWrongDialect =
    "The backup \"{}\" was taken from a {} database and cannot be restored "
    "into {} ({}).";
inline constexpr const char* kDialectNotSupported =
    "Backups of {} databases are not available in this build yet.";
inline constexpr const char* kRestoreCancelled =
    "Restore cancelled: nothing was changed.";
inline constexpr const char* kLoadDataRowCount =
    "the server loaded {} of the {} rows of a chunk of table {} (duplicate "
    "keys?)";
inline constexpr const char* kRestoreStatementFailed =
    "Restoring {} failed: {}{}";
inline constexpr const char* kPacketTooSmall =
    "This backup cannot be restored into {}: table {} holds {} of {} "
    "but the server's max_allowed_packet is {}. Nothing was changed. Raise "
    "it on the server (`SET GLOBAL max_allowed_packet = {};` as an "
    "administrator, or `max_allowed_packet = {}M` under [mysqld] in its "
    "configuration and a restart), then run the restore again. The mariadb "
    "client needs `--max-allowed-packet={}M` for this file too.";
inline constexpr const char* kPacketStatement = "a statement";
inline constexpr const char* kPacketValue = "a single value";
inline constexpr const char* kRestoreLeftIncomplete =
    "{}\nThe database is now INCOMPLETE: it was emptied and only partly "
    "restored (it is marked with the table _airlock_restore_incomplete). Fix "
    "the cause and run `airlock db restore {}` again; until then `airlock db "
    "backup` refuses to back it up.";
inline constexpr const char* kInterruptedRestore =
    "The database ({}) is incomplete: a restore of \"{}\" started at {} did "
    "not finish (it was interrupted or failed), so it holds only part of the "
    "data. No backup was taken: it would not be a complete copy. Run `airlock "
    "db restore {}` again to finish it, or restore another backup.";
inline constexpr const char* kPartialFile =
    "\"{}\" is not a backup: it is the temporary file of a backup that {} "
    "(airlock writes a backup under a .partial-<pid> name and renames it only "
    "once it is complete). Delete it and use a complete backup.";
inline constexpr const char* kPartialRunning =
    "is still being written by process {}";
inline constexpr const char* kPartialInterrupted =
    "was interrupted (process {} is gone)";

}  // namespace airlock::backup::msg
