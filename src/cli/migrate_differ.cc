// The adapter between `migrate dev` (src/migrate/dev.h) and the differ stack
// (describe -> sqlschema/diff -> render).
// SQLite:
//   PlanMigration: the migrations folder replayed by the describe connector,
//     diffed against sqlschema::Calculate(schema), rendered as migration.sql.
//   Drift: the replay of the applied migrations (the shadow connection) and
//     the live database compared object by object through sqlite_master.
//   Warnings: diff::CheckDestructiveChanges with row counts from the live
//     database, written on top of migration.sql as Prisma does.
// MySQL/MariaDB and PostgreSQL:
//   PlanMigration: the shadow database (dev replayed the folder into it)
//     described, diffed against Calculate(schema), warnings as for SQLite.
//   Drift: both databases described and diffed; Prisma's summary.
#include "cli/migrate_differ.h"

#include <fmt/format.h>

#include <map>
#include <string>
#include <vector>

#include "base/files.h"
#include "describe/connection_inspector.h"
#include "describe/connector.h"
#include "describe/describe.h"
#include "diff/destructive.h"
#include "diff/differ.h"
#include "render/renderer.h"
#include "sqlschema/calculate.h"

namespace airlock::cli {
namespace {

// name -> "type: sql" of every schema object except Prisma's table.
Result<std::map<std::string, std::string>> Catalog(db::Connection& conn) {
  AIRLOCK_ASSIGN_OR_RETURN(
      db::Rows rows,
      conn.Query("SELECT type, name, sql FROM sqlite_master WHERE name NOT "
                 "LIKE 'sqlite_%' AND name <> '_prisma_migrations' AND sql IS "
                 "NOT NULL",
                 {}));
  std::map<std::string, std::string> out;
  for (const auto& r : rows.rows) {
    out[r[1].AsText()] = r[0].AsText() + ": " + r[2].AsText();
  }
  return out;
}

// The plan for migration `m`: warnings with row counts from `live`, and the
// script with the checks without row counts, as Prisma writes it (the counts
// belong to this database, the file to every database).
migrate::MigrationDiffer::Plan PlanFor(const diff::Migration& m,
                                       db::Connection& live) {
  migrate::MigrationDiffer::Plan plan;
  if (m.empty()) return plan;
  describe::ConnectionDataInspector inspector(live);
  diff::DestructiveChanges changes =
      diff::CheckDestructiveChanges(m, &inspector);
  plan.warnings = changes.warnings;
  plan.unexecutable = changes.unexecutable;
  plan.script =
      render::RenderScript(m, diff::CheckDestructiveChanges(m, nullptr).All());
  return plan;
}

class SqliteDevDiffer final : public migrate::MigrationDiffer {
 public:
  explicit SqliteDevDiffer(std::string migrations_dir)
      : migrations_dir_(std::move(migrations_dir)) {}

  Result<Plan> PlanMigration(db::Connection&, db::Connection& live,
                             const schema::Schema& target) override {
    const describe::Connector* connector =
        describe::ConnectorFor(schema::Provider::kSqlite);
    if (!connector) return Status::Error("no SQLite describe connector");
    sqlschema::SqlSchema previous;
    previous.provider = schema::Provider::kSqlite;
    if (IsDirectory(migrations_dir_)) {
      AIRLOCK_ASSIGN_OR_RETURN(previous, connector->ReplayMigrations(
                                             migrations_dir_, "file::memory:"));
    }
    sqlschema::SqlSchema next =
        sqlschema::Calculate(target, schema::Provider::kSqlite);
    return PlanFor(diff::Diff(previous, next), live);
  }

  Result<std::string> Drift(db::Connection& expected,
                            db::Connection& live) override {
    AIRLOCK_ASSIGN_OR_RETURN(auto want, Catalog(expected));
    AIRLOCK_ASSIGN_OR_RETURN(auto have, Catalog(live));
    std::string out;
    for (const auto& [name, def] : have) {
      auto it = want.find(name);
      if (it == want.end()) {
        out += fmt::format("[+] {} (not created by any migration)\n", def);
      } else if (it->second != def) {
        out +=
            fmt::format("[*] Changed `{}`\n    expected {}\n    actual   {}\n",
                        name, it->second, def);
      }
    }
    for (const auto& [name, def] : want) {
      if (!have.count(name)) out += fmt::format("[-] Missing {}\n", def);
    }
    return out;
  }

 private:
  std::string migrations_dir_;
};

class ServerDevDiffer final : public migrate::MigrationDiffer {
 public:
  ServerDevDiffer(sqlschema::Provider provider, const schema::Schema& schema)
      : provider_(provider),
        schemas_(schema.datasource.schemas),
        extensions_(schema.HasPreviewFeature("postgresqlExtensions")) {}

  Result<Plan> PlanMigration(db::Connection& shadow, db::Connection& live,
                             const schema::Schema& target) override {
    AIRLOCK_ASSIGN_OR_RETURN(sqlschema::SqlSchema previous, Describe(shadow));
    sqlschema::SqlSchema next = sqlschema::Calculate(target, provider_);
    return PlanFor(diff::Diff(previous, next), live);
  }

  Result<std::string> Drift(db::Connection& expected,
                            db::Connection& live) override {
    AIRLOCK_ASSIGN_OR_RETURN(sqlschema::SqlSchema want, Describe(expected));
    AIRLOCK_ASSIGN_OR_RETURN(sqlschema::SqlSchema have, Describe(live));
    diff::Migration m = diff::Diff(want, have);
    if (m.empty()) return std::string();
    return diff::Summary(m);
  }

 private:
  Result<sqlschema::SqlSchema> Describe(db::Connection& conn) const {
    if (provider_ != sqlschema::Provider::kPostgres) {
      return describe::DescribeConnection(conn);
    }
    AIRLOCK_ASSIGN_OR_RETURN(sqlschema::SqlSchema s,
                             describe::DescribePostgres(conn, schemas_));
    if (!extensions_) s.extensions.clear();
    return s;
  }

  sqlschema::Provider provider_;
  std::vector<std::string> schemas_;
  bool extensions_;
};

}  // namespace

std::unique_ptr<migrate::MigrationDiffer> MakeMigrationDiffer(
    db::Dialect dialect, const std::string& migrations_dir,
    const schema::Schema& schema) {
  switch (dialect) {
    case db::Dialect::kSqlite:
      return std::make_unique<SqliteDevDiffer>(migrations_dir);
    case db::Dialect::kMysql:
      return std::make_unique<ServerDevDiffer>(sqlschema::Provider::kMysql,
                                               schema);
    case db::Dialect::kPostgres:
      return std::make_unique<ServerDevDiffer>(sqlschema::Provider::kPostgres,
                                               schema);
  }
  return nullptr;
}

}  // namespace airlock::cli
