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
        "     failed migration, pending or failed migrations (migrate status)\n"
        "  2  usage error: unknown command or option, missing argument;\n"
        "     also `migrate diff --exit-code` when the two sides differ\n");
    ctx.exit_code = kExitOk;
  });
}

}  // namespace airlock::cli
