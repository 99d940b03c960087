// `airlock validate` and `airlock format`.
#include <fmt/format.h>

#include <cstdio>
#include <optional>
#include <string>

#include "base/allocator.h"
#include "base/files.h"
#include "base/term.h"
#include "cli/command.h"
#include "cli/messages.h"
#include "cli/subcommand.h"
#include "schema/format.h"
#include "schema/loader.h"
#include "schema/validate.h"

namespace airlock::cli {
namespace {

struct SchemaOptions {
  std::string schema;
  bool check = false;
};

std::optional<std::string> SchemaPath(const SchemaOptions& o) {
  if (o.schema.empty()) return std::nullopt;
  return o.schema;
}

int RunValidate(const SchemaOptions& o) {
  auto loaded = schema::LoadSchema(SchemaPath(o));
  if (!loaded.ok()) {
    Log(Level::kError, loaded.status().message());
    return kExitFailure;
  }
  Diagnostics diags;
  auto result = schema::ParseAndValidate(loaded->sources, diags);
  std::string rendered =
      RenderDiagnostics(diags, loaded->sources, ColorEnabled(stderr));
  if (!rendered.empty()) fmt::print(stderr, "{}", rendered);
  if (!result) {
    fmt::print(stderr, msg::kValidationErrors, diags.ErrorCount(),
               loaded->location);
    return kExitFailure;
  }
  fmt::print(msg::kSchemaValid, loaded->location);
  return kExitOk;
}

int RunFormat(const SchemaOptions& o) {
  auto loaded = schema::LoadSchema(SchemaPath(o));
  if (!loaded.ok()) {
    Log(Level::kError, loaded.status().message());
    return kExitFailure;
  }
  Diagnostics encoding;
  schema::CheckEncoding(loaded->sources, encoding);
  if (encoding.HasErrors()) {
    fmt::print(
        stderr, "{}",
        RenderDiagnostics(encoding, loaded->sources, ColorEnabled(stderr)));
    return kExitFailure;
  }
  std::vector<std::string> formatted = schema::Format(loaded->sources);
  // Like `prisma format`: the result must validate, else nothing is written.
  SourceSet result = loaded->sources;
  for (size_t i = 0; i < result.size(); ++i) result[i].text = formatted[i];
  Diagnostics diags;
  if (!schema::ParseAndValidate(
          result, diags,
          {.check_url_scheme = false, .allow_other_providers = true})) {
    Diagnostics errors;
    for (const auto& d : diags.items())
      if (d.severity == Severity::kError) errors.Error(d.message, d.span);
    fmt::print(stderr, "{}",
               RenderDiagnostics(errors, result, ColorEnabled(stderr)));
    fmt::print(stderr, msg::kValidationErrors, diags.ErrorCount(),
               loaded->location);
    return kExitFailure;
  }
  int unformatted = 0;
  for (size_t i = 0; i < formatted.size(); ++i) {
    if (formatted[i] == loaded->sources[i].text) continue;
    ++unformatted;
    if (o.check) {
      fmt::print(stderr, msg::kNotFormatted, loaded->paths[i]);
      continue;
    }
    Status st = WriteFileAtomic(loaded->paths[i], formatted[i]);
    if (!st.ok()) {
      Log(Level::kError, st.message());
      return kExitFailure;
    }
  }
  if (o.check) {
    if (unformatted > 0) {
      fmt::print(stderr, msg::kRunFormat);
      return kExitFailure;
    }
    fmt::print(msg::kAllFormatted);
    return kExitOk;
  }
  fmt::print(msg::kFormatted, loaded->location);
  return kExitOk;
}

}  // namespace

void RegisterSchemaCommands(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<SchemaOptions>();
  auto* validate =
      AddSubcommand(app, "validate", "Validate the Prisma schema",
                    "  airlock validate\n"
                    "  airlock validate --schema ./prisma/schema.prisma\n"
                    "  airlock validate --schema ./prisma/schema   # a folder "
                    "of .prisma files");
  validate->add_option(
      "--schema", opts->schema,
      "Schema file or folder (default: ./prisma/schema.prisma, "
      "then ./schema.prisma)");
  validate->callback([&ctx, opts]() {
    EnableBumpAllocation();
    ctx.exit_code = RunValidate(*opts);
  });

  auto* format = AddSubcommand(
      app, "format", "Format the Prisma schema as `prisma format` does",
      "  airlock format\n"
      "  airlock format --check   # exit 1 when a file is not formatted");
  format->add_option("--schema", opts->schema, "Schema file or folder");
  format->add_flag("--check", opts->check,
                   "Change nothing; exit 1 when a file is not formatted");
  format->callback([&ctx, opts]() {
    EnableBumpAllocation();
    ctx.exit_code = RunFormat(*opts);
  });
}

}  // namespace airlock::cli
