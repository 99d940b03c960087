// Adds a subcommand whose `--help` shows a one-line summary, then examples in
// the footer, in the style of the Prisma CLI.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace airlock::cli {

inline CLI::App* AddSubcommand(CLI::App& parent, const std::string& name,
                               const std::string& summary,
                               const std::string& examples) {
  CLI::App* sub = parent.add_subcommand(name, summary);
  if (!examples.empty()) sub->footer("\nExamples:\n" + examples);
  return sub;
}

}  // namespace airlock::cli
