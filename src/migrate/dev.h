// `migrate dev`: the development workflow around a schema differ.
//
// Dev replays the migrations folder into a shadow database (SQLite: in
// memory), checks the development database against it (failed or modified
// migrations, a history that diverged, drift = the live schema differs from
// the replay of its applied migrations), applies pending migrations, asks the
// differ for the SQL from the replayed state to the schema, warns about data
// loss (the caller confirms), writes `<timestamp>_<slug>/migration.sql` and
// applies it. The differ (src/diff) plugs in through MigrationDiffer; this
// file owns everything else.
#pragma once

#include <ctime>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "db/connection.h"
#include "migrate/migrations_dir.h"
#include "migrate/migrator.h"
#include "schema/schema.h"

namespace airlock::migrate {

// What the schema differ provides to `migrate dev`.
class MigrationDiffer {
 public:
  virtual ~MigrationDiffer() = default;

  struct Plan {
    // migration.sql text in Prisma's format; empty when nothing changes.
    std::string script;
    // Data-loss warnings, evaluated against `live` (e.g. "You are about to
    // drop the column `c` on the `T` table, which still contains 3 non-null
    // values.").
    std::vector<std::string> warnings;
    // Steps that cannot run on the live data (e.g. a required column added
    // to a table with rows and no default).
    std::vector<std::string> unexecutable;
  };

  // The migration from the schema of `shadow` (the replayed folder) to
  // `target`, with warnings computed against the data in `live`.
  virtual Result<Plan> PlanMigration(db::Connection& shadow,
                                     db::Connection& live,
                                     const schema::Schema& target) = 0;

  // A readable summary of how `live` differs from `expected`; empty when
  // they have the same schema (ignoring `_prisma_migrations`).
  virtual Result<std::string> Drift(db::Connection& expected,
                                    db::Connection& live) = 0;
};

// Opens a fresh, empty shadow database of the same dialect.
using ShadowFactory = std::function<Result<std::unique_ptr<db::Connection>>()>;

// Decisions the caller (CLI) makes: confirmations and the name.
struct DevCallbacks {
  // Reset the development database? `reason` explains why. Return false to
  // stop (dev then fails with exit code "needs confirmation").
  std::function<bool(const std::string& reason)> confirm_reset;
  // Apply a migration that loses data? Return false to cancel.
  std::function<bool(const std::vector<std::string>& warnings)>
      confirm_data_loss;
  Observer observer;
};

struct DevOptions {
  std::string name;  // as given; slugged like Prisma
  bool create_only = false;
  std::chrono::milliseconds lock_timeout{10000};
  std::time_t now = 0;  // 0: the current time
};

struct DevResult {
  bool reset = false;                  // the database was reset
  std::vector<std::string> applied;    // pending migrations applied first
  std::optional<std::string> created;  // new folder name
  std::string script;                  // its migration.sql
  std::vector<std::string> warnings;   // data-loss warnings shown
  // Steps that cannot run on the current data (only with create_only: the
  // file is written for the user to edit).
  std::vector<std::string> unexecutable;
  bool applied_new = false;  // the new migration was applied
  bool in_sync = false;      // nothing to create
};

// Why the development database must be reset, or nullopt. Replays the
// applied migrations into `shadow` (P3006 when one fails there).
Result<std::optional<std::string>> CheckDevDatabase(
    db::Connection& live, db::Connection& shadow, MigrationDiffer& differ,
    const std::vector<MigrationDirectory>& migrations);

// The whole `migrate dev` run. Errors: P3006 (replay), P3010 (name),
// P3018 (apply), "reset declined"/"data loss declined" (code E_CONFIRM),
// unexecutable steps (code E_UNEXECUTABLE).
Result<DevResult> RunDev(db::Connection& live, const ShadowFactory& shadow,
                         MigrationDiffer& differ,
                         const std::string& migrations_dir,
                         const std::string& provider,
                         const schema::Schema& target,
                         const DevOptions& options,
                         const DevCallbacks& callbacks);

inline constexpr const char* kConfirmCode = "E_CONFIRM";
inline constexpr const char* kUnexecutableCode = "E_UNEXECUTABLE";

}  // namespace airlock::migrate
