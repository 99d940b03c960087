// airlock: Prisma-compatible schema, migrations, backups and offline releases
// in one binary. This file only builds the command table and runs it.
#include <CLI/CLI.hpp>

#include "base/allocator.h"
#include "cli/command.h"
#include "cli/version.h"

int main(int argc, char** argv) {
  using namespace airlock::cli;
  airlock::TuneAllocator();
  CLI::App app{
      "airlock: Prisma-compatible migrations, backups and offline releases.",
      "airlock"};
  app.footer(
      "\nExamples:\n"
      "  airlock validate --schema prisma/schema.prisma\n"
      "  airlock format --check\n"
      "  airlock migrate deploy\n"
      "  airlock migrate status --json\n"
      "  airlock db execute --file fix.sql\n"
      "  airlock help exit-codes\n"
      "\nRun `airlock <command> --help` for a command's options and examples.");
  app.set_version_flag("--version,-v", std::string("airlock ") + kVersion);
  app.require_subcommand(1);
  Context ctx;
  RegisterSchemaCommands(app, ctx);
  RegisterMigrateCommands(app, ctx);
  RegisterDbCommands(app, ctx);
  RegisterHelpCommands(app, ctx);
  RegisterDbBackupCommands(app, ctx);
  RegisterMigrateDiffCommand(MigrateGroup(app), ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  return ctx.exit_code;
}
