// `airlock db pull [--print] [--force]`: introspects the project's database
// into schema.prisma like `prisma db pull`. The existing schema contributes
// what Prisma keeps on re-introspection (configuration blocks, model order,
// client names, doc comments, @updatedAt, client-side defaults, relation
// field names) unless --force; --print writes the schema to stdout instead.
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "base/files.h"
#include "base/term.h"
#include "cli/command.h"
#include "cli/db_pull_messages.h"
#include "cli/subcommand.h"
#include "describe/connector.h"
#include "introspect/introspect.h"
#include "migrate/project.h"
#include "schema/format.h"
#include "schema/parser.h"

namespace airlock::cli {
namespace {

struct PullOptions {
  std::string schema;
  std::string url;
  bool print = false;
  bool force = false;
};

int Fail(const Status& st) {
  if (st.code().empty() || st.code() == "E0000") {
    Log(Level::kError, st.message());
  } else {
    Log(Level::kError, st.code());
    fmt::print(stderr, "\n{}\n", st.message());
  }
  return kExitFailure;
}

std::string Plural(int n, const char* word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

int RunPull(const PullOptions& o) {
  auto start = std::chrono::steady_clock::now();
  migrate::ProjectOptions po;
  if (!o.schema.empty()) po.schema_path = o.schema;
  if (!o.url.empty()) po.url = o.url;
  auto loaded = migrate::LoadProject(po);
  if (!loaded.ok()) return Fail(loaded.status());
  const migrate::Project& p = *loaded;
  if (!o.print) {
    Log(Level::kInfo, fmt::format("Schema loaded from {}", p.schema_display));
    Log(Level::kInfo, p.DatasourceLine());
    Log(Level::kInfo, fmt::format(msg::kPullIntrospecting, p.schema_display));
  }
  if (!o.print && p.loaded.sources.size() > 1) {
    return Fail(
        Status::Error(fmt::format(msg::kPullMultiFile, p.schema_display)));
  }
  sqlschema::Provider provider = p.schema.datasource.provider;
  if (p.provider == "mysql") provider = sqlschema::Provider::kMysql;
  if (p.provider == "postgresql") provider = sqlschema::Provider::kPostgres;
  if (p.provider == "sqlite") provider = sqlschema::Provider::kSqlite;
  const describe::Connector* connector = describe::ConnectorFor(provider);
  if (connector == nullptr) {
    return Fail(Status::Error(fmt::format(msg::kPullNoConnector, p.provider)));
  }
  std::string url = p.url_text;
  if (provider == sqlschema::Provider::kSqlite) {
    url = "file:" +
          db::ResolveSqlitePath(p.url, p.ConnectOptions(false).base_dir);
  }
  auto described = connector->DescribeUrl(url);
  if (!described.ok()) return Fail(described.status());

  Diagnostics ignored;
  schema::ast::Ast ast = schema::ParseSchema(p.loaded.sources, ignored);
  introspect::PreviousSchema previous;
  previous.schema = o.force ? nullptr : &p.schema;
  previous.ast = &ast;
  previous.sources = &p.loaded.sources;
  previous.relation_mode_prisma =
      p.schema.has_datasource && p.schema.datasource.relation_mode_prisma;
  previous.views = p.schema.HasPreviewFeature("views");
  introspect::IntrospectResult result =
      introspect::Introspect(*described, previous);
  if (result.empty) {
    return Fail(Status::Error(
        "P4001",
        fmt::format(msg::kPullEmpty, p.url.Masked(), p.schema_display)));
  }
  SourceSet out = {{p.loaded.sources[0].name, result.text}};
  std::string text = schema::Format(out)[0];
  std::string warnings;
  for (const auto& w : result.warnings) warnings += "\n" + w + "\n";
  if (!warnings.empty())
    warnings = fmt::format("\n{}\n{}", msg::kPullWarningHeader, warnings);
  if (o.print) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fputs(warnings.c_str(), stderr);
    return kExitOk;
  }
  Status st = WriteFileAtomic(p.loaded.paths[0], text);
  if (!st.ok()) return Fail(st);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - start)
                .count();
  std::string what = Plural(result.models, "model");
  if (result.enums > 0) what += " and " + Plural(result.enums, "enum");
  bool one = result.models + result.enums == 1;
  Log(Level::kSuccess, fmt::format(msg::kPullWrote, what, one ? "it" : "them",
                                   p.schema_display, ms));
  std::fputs(warnings.c_str(), stdout);
  return kExitOk;
}

}  // namespace

void RegisterDbPullCommand(CLI::App& db, Context& ctx) {
  auto o = std::make_shared<PullOptions>();
  CLI::App* pull = AddSubcommand(
      db, "pull",
      "Introspect the database into schema.prisma (like prisma db pull)",
      "  airlock db pull\n"
      "  airlock db pull --print > introspected.prisma\n"
      "  airlock db pull --force   # ignore the models of the current "
      "schema\n");
  pull->add_flag("--print", o->print,
                 "Print the introspected schema to stdout instead of writing "
                 "it");
  pull->add_flag("--force", o->force,
                 "Ignore the current schema's models (names, @map, comments) "
                 "and introspect from scratch");
  pull->add_option("--schema", o->schema,
                   "Schema file whose datasource to introspect");
  pull->add_option("--url", o->url,
                   "Database URL (wins over the schema's datasource)");
  pull->callback([&ctx, o]() { ctx.exit_code = RunPull(*o); });
}

}  // namespace airlock::cli
