// The command table. Each command group (schema, migrate, db, ...) lives in
// its own file and registers its subcommands on the CLI11 app; main.cc only
// builds the app and maps outcomes to exit codes.
//
// Exit codes (also printed by `airlock help exit-codes`):
//   0  success (valid schema, up to date, ...)
//   1  failure: invalid input, failed migration, pending migrations in status
//   2  usage error (unknown command or option), or `--exit-code` "different"
//   3  busy: another migration holds the lock past --lock-timeout
//   4  confirmation needed (stdin not a terminal) or declined
#pragma once

#include <CLI/CLI.hpp>

namespace airlock::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitBusy = 3;
inline constexpr int kExitNeedsConfirmation = 4;
// `migrate diff --exit-code`: the two schemas differ.
inline constexpr int kExitDifferent = 2;

// Shared state of one invocation: the exit code chosen by the command that ran.
struct Context {
  int exit_code = kExitOk;
};

void RegisterSchemaCommands(CLI::App& app, Context& ctx);
void RegisterHelpCommands(CLI::App& app, Context& ctx);
void RegisterMigrateCommands(CLI::App& app, Context& ctx);
void RegisterDbCommands(CLI::App& app, Context& ctx);
void RegisterDbBackupCommands(CLI::App& app, Context& ctx);
// `db pull`, registered on the `db` group.
void RegisterDbPullCommand(CLI::App& db, Context& ctx);

// The `migrate` command group, created on first use.
CLI::App& MigrateGroup(CLI::App& app);
void RegisterMigrateDiffCommand(CLI::App& migrate, Context& ctx);

}  // namespace airlock::cli
