// `airlock db execute --file F | --stdin`: runs a SQL script against the
// project's database (the guide's manual recovery of a half-applied
// migration), like `prisma db execute`. The database comes from --url, else
// the schema's datasource (found like the other commands find it, with .env).
#include <fmt/format.h>

#include <cstdio>
#include <iostream>
#include <iterator>
#include <memory>
#include <string>

#include "base/files.h"
#include "base/term.h"
#include "cli/command.h"
#include "cli/db_messages.h"
#include "cli/subcommand.h"
#include "db/connect.h"
#include "migrate/project.h"

namespace airlock::cli {
namespace {

struct ExecuteOptions {
  std::string file;
  bool from_stdin = false;
  std::string schema;
  std::string url;
};

int Fail(const Status& st) {
  if (st.code().empty() || st.code() == "E0000") {
    Log(Level::kError, st.message());
  } else {
    Log(Level::kError, st.code());
    fmt::print(stderr, "\n{}\n", st.message());
  }
  return st.code() == "P1002" ? kExitBusy : kExitFailure;
}

// The database URL and connect options: --url alone needs no schema.
Result<std::pair<db::DatabaseUrl, db::ConnectOptions>> Target(
    const ExecuteOptions& o) {
  if (!o.url.empty() && o.schema.empty()) {
    AIRLOCK_ASSIGN_OR_RETURN(db::DatabaseUrl url, db::ParseDatabaseUrl(o.url));
    db::ConnectOptions opts;
    opts.display_url = url.Masked();
    return std::make_pair(url, opts);
  }
  migrate::ProjectOptions po;
  if (!o.schema.empty()) po.schema_path = o.schema;
  if (!o.url.empty()) po.url = o.url;
  AIRLOCK_ASSIGN_OR_RETURN(migrate::Project p, migrate::LoadProject(po));
  return std::make_pair(p.url, p.ConnectOptions(false));
}

int RunExecute(const ExecuteOptions& o) {
  if (o.file.empty() && !o.from_stdin) {
    return Fail(Status::Error(msg::kDbExecuteNeedsInput));
  }
  if (!o.file.empty() && o.from_stdin) {
    return Fail(Status::Error(msg::kDbExecuteBothInputs));
  }
  std::string script;
  if (o.from_stdin) {
    if (StdinIsTerminal()) {
      return Fail(Status::Error(msg::kDbExecuteStdinTerminal));
    }
    script.assign(std::istreambuf_iterator<char>(std::cin),
                  std::istreambuf_iterator<char>());
  } else {
    auto text = ReadFile(o.file);
    if (!text.ok()) return Fail(text.status());
    script = std::move(text).value();
  }
  auto target = Target(o);
  if (!target.ok()) return Fail(target.status());
  auto conn = db::Connect(target->first, target->second);
  if (!conn.ok()) return Fail(conn.status());
  db::Connection& c = **conn;
  Status st = c.ExecuteScript(script);
  if (!st.ok()) {
    const db::DbError& e = c.last_error();
    if (!e.statement_index) {
      return Fail(Status::Error(
          "P2010",
          fmt::format(msg::kDbExecuteFailedNoStatement, e.code, e.message)));
    }
    bool transactional = c.dialect() == db::Dialect::kPostgres;
    std::string before =
        *e.statement_index == 0
            ? ""
            : fmt::format(msg::kDbExecuteAppliedBefore,
                          transactional ? msg::kDbExecuteRolledBack
                                        : msg::kDbExecuteKept);
    return Fail(Status::Error(
        "P2010", fmt::format(msg::kDbExecuteFailed, *e.statement_index + 1,
                             o.from_stdin ? "the script" : o.file, e.statement,
                             e.code, e.message, before)));
  }
  Log(Level::kSuccess, msg::kDbExecuted);
  return kExitOk;
}

}  // namespace

void RegisterDbCommands(CLI::App& app, Context& ctx) {
  // The `db` group is shared with db_backup_commands.cc (whichever registers
  // first creates it).
  CLI::App* dbcmd = nullptr;
  for (CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_name() == "db") dbcmd = sub;
  }
  if (dbcmd == nullptr) {
    dbcmd = AddSubcommand(
        app, "db",
        "Manage the database: pull, execute, backup, restore, verify",
        "  airlock db pull\n"
        "  airlock db execute --file fix.sql\n"
        "  airlock db execute --stdin < fix.sql\n"
        "  airlock db backup\n"
        "  airlock db restore FILE\n");
    dbcmd->require_subcommand(1);
  }
  auto o = std::make_shared<ExecuteOptions>();
  CLI::App* exec = AddSubcommand(
      *dbcmd, "execute",
      "Run a SQL script against the database (e.g. to repair a failed "
      "migration by hand)",
      "  airlock db execute --file prisma/fix.sql\n"
      "  echo 'DROP TABLE `Comment`;' | airlock db execute --stdin\n"
      "  airlock db execute --file fix.sql --url \"$DATABASE_URL\"\n");
  exec->add_option("--file", o->file, "Path to the SQL script");
  exec->add_flag("--stdin", o->from_stdin, "Read the SQL script from stdin");
  exec->add_option("--schema", o->schema,
                   "Schema file or folder whose datasource to use");
  exec->add_option("--url", o->url,
                   "Database URL (wins over the schema's datasource)");
  exec->callback([&ctx, o]() { ctx.exit_code = RunExecute(*o); });
  RegisterDbPullCommand(*dbcmd, ctx);
}

}  // namespace airlock::cli
