// `airlock migrate diff`: compare two sources of a database schema (empty, a
// schema file, a migrations folder replayed into a shadow database, or a live
// database URL) and print the migration between them as SQL (--script) or as
// Prisma's human summary. Exit codes with --exit-code: 0 same, 2 different,
// 1 error.
#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "base/allocator.h"
#include "base/files.h"
#include "base/term.h"
#include "cli/command.h"
#include "cli/messages.h"
#include "cli/subcommand.h"
#include "describe/connector.h"
#include "diff/differ.h"
#include "render/renderer.h"
#include "schema/loader.h"
#include "schema/validate.h"
#include "sqlschema/calculate.h"

namespace airlock::cli {
namespace {

using sqlschema::Provider;
using sqlschema::SqlSchema;

struct Side {
  bool empty = false;
  std::string schema;
  std::string migrations;
  std::string url;

  int Count() const {
    return (empty ? 1 : 0) + (schema.empty() ? 0 : 1) +
           (migrations.empty() ? 0 : 1) + (url.empty() ? 0 : 1);
  }
};

struct DiffOptions {
  Side from, to;
  std::string shadow_url;
  bool script = false;
  bool exit_code = false;
  std::string output;
};

std::optional<Provider> ProviderFromName(std::string_view name) {
  if (name == "sqlite") return Provider::kSqlite;
  if (name == "mysql") return Provider::kMysql;
  if (name == "postgresql" || name == "postgres") return Provider::kPostgres;
  return std::nullopt;
}

std::optional<Provider> ProviderFromUrl(std::string_view url) {
  if (url.rfind("file:", 0) == 0) return Provider::kSqlite;
  if (url.rfind("mysql://", 0) == 0) return Provider::kMysql;
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    return Provider::kPostgres;
  }
  return std::nullopt;
}

// The provider recorded in DIR/migration_lock.toml, if any.
Result<std::optional<Provider>> ProviderFromLock(const std::string& dir) {
  std::string path = dir + "/migration_lock.toml";
  if (!IsRegularFile(path)) return std::optional<Provider>();
  AIRLOCK_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  auto pos = text.find("provider");
  if (pos == std::string::npos) return std::optional<Provider>();
  auto q1 = text.find('"', pos);
  auto q2 = q1 == std::string::npos ? q1 : text.find('"', q1 + 1);
  if (q2 == std::string::npos) return std::optional<Provider>();
  std::string name = text.substr(q1 + 1, q2 - q1 - 1);
  auto p = ProviderFromName(name);
  if (!p) return Status::Error(fmt::format(msg::kUnknownProvider, name, path));
  return p;
}

// A loaded source: either already a SqlSchema (url, migrations, empty) or a
// validated Prisma schema still to calculate for the chosen provider.
struct Loaded {
  std::optional<Provider> provider;
  std::optional<schema::Schema> prisma;
  std::optional<SqlSchema> sql;
  bool empty = false;
  std::string what;  // for messages
};

Result<Loaded> LoadSchemaSide(const std::string& path) {
  Loaded out;
  out.what = path;
  AIRLOCK_ASSIGN_OR_RETURN(auto loaded, schema::LoadSchema(path));
  Diagnostics diags;
  auto result = schema::ParseAndValidate(loaded.sources, diags);
  if (!result) {
    std::string rendered =
        RenderDiagnostics(diags, loaded.sources, ColorEnabled(stderr));
    fmt::print(stderr, "{}", rendered);
    return Status::Error("P1012", fmt::format(msg::kInvalidSchema, path));
  }
  if (!result->has_datasource) {
    return Status::Error(fmt::format(msg::kNoDatasource, path));
  }
  out.provider = result->datasource.provider;
  out.prisma = std::move(*result);
  return out;
}

Result<Loaded> LoadSide(const Side& side, const char* which) {
  if (side.Count() != 1) {
    return Status::Error(fmt::format(msg::kDiffOneSource, which));
  }
  Loaded out;
  if (side.empty) {
    out.empty = true;
    out.what = "empty";
    return out;
  }
  if (!side.schema.empty()) return LoadSchemaSide(side.schema);
  if (!side.url.empty()) {
    out.what = side.url;
    out.provider = ProviderFromUrl(side.url);
    if (!out.provider) {
      return Status::Error("P1013", fmt::format(msg::kBadUrlScheme, which));
    }
    return out;
  }
  out.what = side.migrations;
  if (!IsDirectory(side.migrations)) {
    return Status::Error(
        fmt::format(msg::kMigrationsNotFolder, side.migrations));
  }
  AIRLOCK_ASSIGN_OR_RETURN(out.provider, ProviderFromLock(side.migrations));
  return out;
}

// Extensions are diffed only with Prisma's postgresqlExtensions preview
// feature in a schema side.
bool ExtensionsEnabled(const Loaded& l) {
  return l.prisma && l.prisma->HasPreviewFeature("postgresqlExtensions");
}

Result<SqlSchema> Resolve(const Loaded& l, const Side& side, Provider provider,
                          const std::string& shadow_url) {
  if (l.empty) {
    SqlSchema s;
    s.provider = provider;
    return s;
  }
  if (l.prisma) return sqlschema::Calculate(*l.prisma, provider);
  const describe::Connector* connector = describe::ConnectorFor(provider);
  if (!connector) {
    return Status::Error(
        fmt::format(msg::kNoConnector, schema::ProviderName(provider)));
  }
  if (!side.url.empty()) return connector->DescribeUrl(side.url);
  return connector->ReplayMigrations(side.migrations, shadow_url);
}

int RunDiff(const DiffOptions& o) {
  EnableBumpAllocation();  // bounded by the inputs; see base/allocator.h
  auto fail = [](const Status& st) {
    Log(Level::kError, st.message());
    return kExitFailure;
  };
  auto from = LoadSide(o.from, "--from-");
  if (!from.ok()) return fail(from.status());
  auto to = LoadSide(o.to, "--to-");
  if (!to.ok()) return fail(to.status());
  std::optional<Provider> provider =
      from->provider ? from->provider : to->provider;
  if (from->provider && to->provider && *from->provider != *to->provider) {
    return fail(Status::Error(fmt::format(
        msg::kProviderMismatch, schema::ProviderName(*from->provider),
        from->what, schema::ProviderName(*to->provider), to->what)));
  }
  if (!provider) return fail(Status::Error(msg::kNoProvider));
  auto prev = Resolve(*from, o.from, *provider, o.shadow_url);
  if (!prev.ok()) return fail(prev.status());
  auto next = Resolve(*to, o.to, *provider, o.shadow_url);
  if (!next.ok()) return fail(next.status());
  if (!ExtensionsEnabled(*from) && !ExtensionsEnabled(*to)) {
    prev->extensions.clear();  // described databases list every extension
    next->extensions.clear();
  }
  diff::Migration m = diff::Diff(*prev, *next);
  std::string text =
      o.script ? render::RenderScriptForStdout(m) : diff::Summary(m) + "\n";
  if (!o.output.empty()) {
    Status st = WriteFileAtomic(o.output, text);
    if (!st.ok()) return fail(st);
  } else {
    fmt::print("{}", text);
    std::fflush(stdout);
  }
  if (o.exit_code && !m.empty()) return kExitDifferent;
  return kExitOk;
}

void AddSide(CLI::App* cmd, Side& side, const std::string& dir) {
  cmd->add_flag("--" + dir + "-empty", side.empty, "An empty database");
  cmd->add_option("--" + dir + "-schema,--" + dir + "-schema-datamodel",
                  side.schema, "A Prisma schema file (or folder)");
  cmd->add_option("--" + dir + "-migrations", side.migrations,
                  "A migrations folder, replayed into a shadow database");
  cmd->add_option("--" + dir + "-url", side.url, "A live database URL");
}

}  // namespace

void RegisterMigrateDiffCommand(CLI::App& migrate, Context& ctx) {
  auto opts = std::make_shared<DiffOptions>();
  auto* cmd = AddSubcommand(
      migrate, "diff",
      "Compare two database schemas and print the migration between them",
      "  airlock migrate diff --from-empty --to-schema prisma/schema.prisma "
      "--script\n"
      "  airlock migrate diff --from-migrations prisma/migrations \\\n"
      "      --to-schema prisma/schema.prisma --exit-code\n"
      "  airlock migrate diff --from-url file:./dev.db --to-schema "
      "schema.prisma\n");
  AddSide(cmd, opts->from, "from");
  AddSide(cmd, opts->to, "to");
  cmd->add_option(
      "--shadow-database-url", opts->shadow_url,
      "Shadow database for --from/--to-migrations (MySQL, PostgreSQL)");
  cmd->add_flag("--script", opts->script, "Print SQL instead of a summary");
  cmd->add_flag(
      "--exit-code", opts->exit_code,
      "Exit 0 when there is no difference, 2 when there is one, 1 on error");
  cmd->add_option("-o,--output", opts->output,
                  "Write to this file instead of stdout");
  cmd->callback([&ctx, opts]() { ctx.exit_code = RunDiff(*opts); });
}

}  // namespace airlock::cli
