// No-drift proof on a real server (issue 5): every golden diff case and every
// single_migration fixture of the dialect is rendered to SQL, applied to a
// fresh database, described (describe/) and diffed against the schema: the
// diff must be empty. v1 -> v2 golden pairs are applied on top of v1 with a
// row in every table (when v2 cannot run on rows, e.g. a required column
// without default, they are re-checked without rows and noted).
//
//   server_drift mysql|postgres GOLDEN_DIR SINGLE_MIGRATION_DIR
//
// The server comes from AIRLOCK_TEST_MYSQL_URL / AIRLOCK_TEST_POSTGRES_URL
// (scripts/run-tests.sh); without it the test is skipped (exit 77) unless
// AIRLOCK_TEST_REQUIRE_SERVERS=1. MySQL has no golden cases of its own: the
// SQLite and PostgreSQL ones run with `provider = "mysql"` (those using
// PostgreSQL-only features do not validate and are skipped).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "corpus.h"
#include "db/connect.h"
#include "describe/describe.h"
#include "diff/differ.h"
#include "render/renderer.h"
#include "schema/validate.h"
#include "sqlschema/calculate.h"

namespace fs = std::filesystem;
using namespace airlock;

namespace {

class Server {
 public:
  Server(db::DatabaseUrl base) : base_(std::move(base)) {}

  // A fresh database; dropped by Drop().
  Result<std::unique_ptr<db::Connection>> Fresh() {
    current_ = db::WithUniqueDatabase(base_);
    AIRLOCK_RETURN_IF_ERROR(db::CreateDatabase(current_, options_));
    return db::Connect(current_, options_);
  }
  void Drop() { (void)db::DropDatabase(current_, options_); }

 private:
  db::DatabaseUrl base_;
  db::DatabaseUrl current_;
  db::ConnectOptions options_;
};

std::string Quote(db::Connection& c, const std::string& name) {
  return c.QuoteIdentifier(name);
}

// A value for a required column without default, by type.
std::optional<std::string> ValueFor(const sqlschema::SqlSchema& s,
                                    const sqlschema::Column& c, bool mysql) {
  using sqlschema::ColumnFamily;
  if (c.arity == sqlschema::Arity::kList) return "'{}'";
  const std::string& n = c.type.native;
  switch (c.type.family) {
    case ColumnFamily::kInt:
    case ColumnFamily::kBigInt:
    case ColumnFamily::kFloat:
    case ColumnFamily::kDecimal:
      return n == "YEAR" ? "2024" : "1";
    case ColumnFamily::kBoolean:
      return mysql ? "1" : "true";
    case ColumnFamily::kDateTime:
      return "CURRENT_TIMESTAMP";
    case ColumnFamily::kJson:
      return "'{}'";
    case ColumnFamily::kEnum: {
      int e = s.FindEnum(n);
      if (e < 0 || s.enums[e].values.empty()) return std::nullopt;
      return "'" + s.enums[e].values[0] + "'";
    }
    case ColumnFamily::kString:
      if (n == "UUID") return "'00000000-0000-0000-0000-000000000001'";
      if (n == "INET") return "'127.0.0.1'";
      if (n.rfind("BIT", 0) == 0 || n.rfind("VARBIT", 0) == 0) return "B'1'";
      return "'x'";
    case ColumnFamily::kBytes:
      return "'x'";
    default:
      return std::nullopt;
  }
}

// One row in every table, retried in passes so that referenced rows come
// first (ids are 1 or 'x', so references match).
void InsertRows(db::Connection& c, const sqlschema::SqlSchema& described) {
  bool mysql = c.dialect() == db::Dialect::kMysql;
  std::vector<std::string> pending;
  for (const auto& t : described.tables) {
    std::string cols, vals;
    bool ok = true;
    for (const auto& col : t.columns) {
      if (col.arity == sqlschema::Arity::kNullable || col.auto_increment ||
          col.default_value) {
        continue;
      }
      auto v = ValueFor(described, col, mysql);
      if (!v) {
        ok = false;
        break;
      }
      if (!cols.empty()) cols += ", ", vals += ", ";
      cols += Quote(c, col.name);
      vals += *v;
    }
    if (!ok) continue;
    std::string table =
        (t.schema ? Quote(c, *t.schema) + "." : "") + Quote(c, t.name);
    pending.push_back(cols.empty()
                          ? (mysql ? "INSERT INTO " + table + " () VALUES ()"
                                   : "INSERT INTO " + table + " DEFAULT VALUES")
                          : "INSERT INTO " + table + " (" + cols +
                                ") VALUES (" + vals + ")");
  }
  for (int pass = 0; pass < 4 && !pending.empty(); ++pass) {
    std::vector<std::string> failed;
    for (const auto& sql : pending) {
      if (!c.Execute(sql).ok()) failed.push_back(sql);
    }
    pending = std::move(failed);
  }
}

struct Check {
  std::string name;
  std::vector<std::string> scripts;  // applied in order
  sqlschema::SqlSchema target;
  std::vector<std::string> schemas;  // multiSchema namespaces
  bool rows = false;                 // insert rows after the first script
};

// Only DropIndex steps of indexes named like a foreign key (`…_fkey`).
bool LeftoverFkIndexesOnly(const diff::Migration& m) {
  if (m.previous->provider != sqlschema::Provider::kMysql) return false;
  for (const auto& step : m.steps) {
    if (step.kind != diff::Step::Kind::kDropIndex) return false;
    const auto& name =
        m.previous->tables[step.prev_table].indexes[step.prev_index].name;
    if (name.size() < 5 || name.compare(name.size() - 5, 5, "_fkey") != 0) {
      return false;
    }
  }
  return true;
}

// InnoDB has no SET DEFAULT action (MariaDB stores RESTRICT, MySQL refuses
// the table): compare such keys as RESTRICT, and say so.
void MysqlSetDefault(Check& c) {
  bool any = false;
  for (auto& t : c.target.tables) {
    for (auto& fk : t.foreign_keys) {
      for (auto* a : {&fk.on_delete, &fk.on_update}) {
        if (*a == sqlschema::Action::kSetDefault) {
          *a = sqlschema::Action::kRestrict;
          any = true;
        }
      }
    }
  }
  if (any) {
    std::printf(
        "NOTE %s: InnoDB has no SET DEFAULT (MariaDB stores RESTRICT); "
        "compared as RESTRICT\n",
        c.name.c_str());
  }
}

// "" when applying leaves no drift, else what went wrong.
std::string RunCheck(Server& server, const Check& check, bool rows) {
  auto conn = server.Fresh();
  if (!conn.ok()) return "cannot create database: " + conn.status().message();
  std::string problem;
  db::Connection& c = **conn;
  for (size_t i = 0; i < check.scripts.size() && problem.empty(); ++i) {
    if (!c.ExecuteScript(check.scripts[i]).ok()) {
      const auto& e = c.last_error();
      problem = "apply failed (script " + std::to_string(i + 1) +
                ", statement " +
                std::to_string(e.statement_index.value_or(-1) + 1) +
                "): " + e.message + "\n" + e.statement;
    }
    if (i == 0 && rows && problem.empty()) {
      auto d = c.dialect() == db::Dialect::kMysql
                   ? describe::DescribeMysql(c)
                   : describe::DescribePostgres(c, check.schemas);
      if (d.ok()) InsertRows(c, *d);
    }
  }
  if (problem.empty()) {
    auto describe_it = [&] {
      return c.dialect() == db::Dialect::kMysql
                 ? describe::DescribeMysql(c)
                 : describe::DescribePostgres(c, check.schemas);
    };
    auto described = describe_it();
    if (!described.ok()) {
      problem = "describe failed: " + described.status().message();
    } else {
      diff::Migration m = diff::Diff(*described, check.target);
      if (!m.empty() && LeftoverFkIndexesOnly(m)) {
        // MySQL keeps the index that backed a dropped foreign key; Prisma
        // drops it in the next migration. Apply that one and check again.
        std::string next = render::RenderScript(m);
        if (!c.ExecuteScript(next).ok()) {
          problem = "follow-up migration failed: " + c.last_error().message;
        } else if (auto again = describe_it(); !again.ok()) {
          problem = "describe failed: " + again.status().message();
        } else {
          *described = std::move(*again);
          m = diff::Diff(*described, check.target);
          if (m.empty()) {
            std::printf(
                "NOTE %s: MySQL kept the index of a dropped foreign key; the "
                "next migration drops it (as with Prisma):\n%s",
                check.name.c_str(), next.c_str());
          }
        }
      }
      if (problem.empty() && !m.empty()) {
        problem = "drift:\n" + render::RenderScript(m);
      }
    }
  }
  conn->reset();
  server.Drop();
  return problem;
}

std::string Script(const sqlschema::SqlSchema& prev,
                   const sqlschema::SqlSchema& next) {
  return render::RenderScript(diff::Diff(prev, next));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr,
                 "usage: server_drift mysql|postgres GOLDEN_DIR "
                 "SINGLE_MIGRATION_DIR\n");
    return 2;
  }
  std::string dialect = argv[1];
  bool mysql = dialect == "mysql";
  const char* env = std::getenv(mysql ? "AIRLOCK_TEST_MYSQL_URL"
                                      : "AIRLOCK_TEST_POSTGRES_URL");
  if (!env || !*env) {
    const char* require = std::getenv("AIRLOCK_TEST_REQUIRE_SERVERS");
    if (require && std::string(require) == "1") {
      std::printf("FAIL: no %s server URL in the environment\n",
                  dialect.c_str());
      return 1;
    }
    std::printf("SKIP: no %s server (run through scripts/run-tests.sh)\n",
                dialect.c_str());
    return 77;
  }
  auto base = db::ParseDatabaseUrl(env);
  if (!base.ok()) {
    std::printf("FAIL: %s\n", base.status().message().c_str());
    return 1;
  }
  Server server(*base);
  std::string provider = mysql ? "mysql" : "postgresql";
  std::string dummy_url = testing::DummyUrl(provider);
  auto prov = mysql ? schema::Provider::kMysql : schema::Provider::kPostgres;

  std::vector<Check> checks;
  int skipped = 0;
  // Golden cases.
  std::vector<std::string> files;
  std::vector<std::string> suffixes = {".postgresql.golden"};
  if (mysql) suffixes.push_back(".sqlite.golden");
  for (const auto& e : fs::directory_iterator(argv[2])) {
    std::string n = e.path().filename().string();
    for (const auto& suffix : suffixes) {
      if (n.size() > suffix.size() &&
          n.compare(n.size() - suffix.size(), suffix.size(), suffix) == 0) {
        files.push_back(e.path().string());
      }
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    auto sections = testing::ParseGolden(testing::ReadFile(path)).sections;
    std::string name = fs::path(path).filename().string();
    std::string error;
    auto to = testing::LoadSchema(
        testing::WithDatasource(sections["to.prisma"], provider, dummy_url),
        &error);
    if (!to) {
      std::printf("skip %s: does not validate for %s\n", name.c_str(),
                  provider.c_str());
      ++skipped;
      continue;
    }
    Check c;
    c.name = name;
    c.target = sqlschema::Calculate(*to, prov);
    c.schemas = to->datasource.schemas;
    sqlschema::SqlSchema empty;
    empty.provider = prov;
    if (sections.count("from.prisma")) {
      auto from = testing::LoadSchema(
          testing::WithDatasource(sections["from.prisma"], provider, dummy_url),
          &error);
      if (!from) {
        std::printf("skip %s: v1 does not validate for %s\n", name.c_str(),
                    provider.c_str());
        ++skipped;
        continue;
      }
      sqlschema::SqlSchema v1 = sqlschema::Calculate(*from, prov);
      c.scripts = {Script(empty, v1), Script(v1, c.target)};
      c.rows = true;
    } else {
      c.scripts = {Script(empty, c.target)};
    }
    checks.push_back(std::move(c));
  }
  // single_migration fixtures of the dialect (enums/ holds all dialects).
  std::vector<std::string> fixtures;
  for (const auto& e : fs::recursive_directory_iterator(argv[3])) {
    if (e.path().extension() == ".prisma")
      fixtures.push_back(e.path().string());
  }
  std::sort(fixtures.begin(), fixtures.end());
  for (const auto& path : fixtures) {
    std::string text = testing::ReadFile(path);
    if (testing::ProviderOf(text) != provider) continue;
    std::string name = fs::relative(path, argv[3]).string();
    std::string error;
    auto s = testing::LoadSchema(
        testing::WithDatasource(text, provider, dummy_url), &error);
    if (!s) {
      std::printf("skip %s: does not validate\n", name.c_str());
      ++skipped;
      continue;
    }
    Check c;
    c.name = name;
    c.target = sqlschema::Calculate(*s, prov);
    c.schemas = s->datasource.schemas;
    sqlschema::SqlSchema empty;
    empty.provider = prov;
    c.scripts = {Script(empty, c.target)};
    checks.push_back(std::move(c));
  }

  if (mysql) {
    for (auto& c : checks) MysqlSetDefault(c);
  }
  int ok = 0, with_rows = 0, pairs = 0;
  bool failed = false;
  for (const auto& c : checks) {
    std::string problem = RunCheck(server, c, c.rows);
    if (c.rows) ++pairs;
    if (c.rows && problem.empty()) ++with_rows;
    if (!problem.empty() && c.rows) {
      std::string without = RunCheck(server, c, false);
      if (without.empty()) {
        std::printf("NOTE %s: not executable with rows in the tables (%s)\n",
                    c.name.c_str(),
                    problem.substr(0, problem.find('\n')).c_str());
        problem.clear();
      }
    }
    if (problem.empty()) {
      ++ok;
    } else {
      failed = true;
      std::printf("DRIFT %s: %s\n", c.name.c_str(), problem.c_str());
    }
  }
  std::printf(
      "%s no-drift: %d/%d cases; v1->v2 pairs applied with rows: %d/%d; "
      "%d skipped\n",
      dialect.c_str(), ok, static_cast<int>(checks.size()), with_rows, pairs,
      skipped);
  return failed ? 1 : 0;
}
