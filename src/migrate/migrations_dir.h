// The migrations folder exactly as Prisma writes and reads it:
// `migrations/<YYYYMMDDHHMMSS>_<slug>/migration.sql`, every subfolder is a
// migration, sorted by name (baselines such as `0_init` sort first), plus
// `migration_lock.toml` naming the provider.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace airlock::migrate {

inline constexpr const char* kLockFileName = "migration_lock.toml";
inline constexpr const char* kScriptName = "migration.sql";
inline constexpr size_t kMaxMigrationNameLength = 200;

struct MigrationDirectory {
  std::string name;         // folder name, e.g. 20240101000000_init
  std::string path;         // folder path
  std::string script_path;  // <path>/migration.sql
  std::string script;       // exact bytes of migration.sql
};

// The migrations in `dir`, sorted by name. A missing folder is no migrations.
// P3015 when a subfolder has no migration.sql.
Result<std::vector<MigrationDirectory>> ReadMigrationsDir(
    const std::string& dir);

// The text Prisma writes to migration_lock.toml for `provider`.
std::string LockFileText(std::string_view provider);

// The provider named in `<dir>/migration_lock.toml`; nullopt when there is no
// lock file. Error when the file cannot be read or has no provider line.
Result<std::optional<std::string>> ReadLockProvider(const std::string& dir);

// P3019 when the lock file names another provider than `provider`
// ("postgres" and "postgresql" are the same).
Status CheckLockProvider(const std::string& dir, std::string_view provider);

// Writes the lock file when missing or different.
Status WriteLockFile(const std::string& dir, std::string_view provider);

// Prisma's slug (@sindresorhus/slugify, separator `_`): camelCase split,
// lower case, runs of other characters become one `_`, at most 200 bytes.
std::string SlugifyName(std::string_view name);

// `<UTC YYYYMMDDHHMMSS>_<slug>`, or just the timestamp for an empty name.
// P3010 when longer than 200 bytes.
Result<std::string> NewMigrationFolderName(std::time_t now,
                                           std::string_view name);

// True for names that say nothing about the change (update, fix, test, ...).
bool IsMeaninglessName(std::string_view name);

}  // namespace airlock::migrate
