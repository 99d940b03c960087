// The `migrate` command group: each migrate subcommand registers itself on it.
#include "cli/command.h"
#include "cli/subcommand.h"

namespace airlock::cli {

CLI::App& MigrateGroup(CLI::App& app) {
  for (CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_name() == "migrate") return *sub;
  }
  CLI::App* migrate = AddSubcommand(
      app, "migrate",
      "Create, compare and apply migrations (Prisma Migrate compatible)",
      "  airlock migrate dev --name add_user_department\n"
      "  airlock migrate deploy\n"
      "  airlock migrate status --json\n"
      "  airlock migrate diff --from-empty --to-schema prisma/schema.prisma "
      "--script\n");
  migrate->require_subcommand(1);
  return *migrate;
}

}  // namespace airlock::cli
