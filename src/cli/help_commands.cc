// `airlock help exit-codes`: the documented exit codes.
#include <fmt/format.h>

#include "cli/command.h"

namespace airlock::cli {

void RegisterHelpCommands(CLI::App& app, Context& ctx) {
  auto* help = app.add_subcommand("help", "Reference topics (exit-codes)");
  help->require_subcommand(1);
  auto* codes = help->add_subcommand("exit-codes", "List airlock's exit codes");
  codes->callback([&ctx]() {
    fmt::print(
        "airlock exit codes\n"
        "  0  success: the schema is valid / formatted, the command finished\n"
        "  1  failure: invalid schema, unformatted file (format --check),\n"
        "     failed migration (P3018), failed rows (P3009), non-empty\n"
        "     database without history (P3005), resolve errors (P3008,\n"
        "     P3011, P3012, P3017), provider mismatch (P3019); migrate "
        "status:\n"
        "     pending, failed, diverged or unmanaged (as Prisma)\n"
        "  2  usage error: unknown command or option, missing argument;\n"
        "     also `migrate diff --exit-code` when the two sides differ\n"
        "  3  busy: another migrate command (airlock or Prisma) held the\n"
        "     migration lock longer than --lock-timeout (P1002)\n"
        "  4  confirmation needed: `migrate reset` / `migrate dev` data loss\n"
        "     on a non-terminal without --force/--yes, or answered no\n");
    ctx.exit_code = kExitOk;
  });
}

}  // namespace airlock::cli
