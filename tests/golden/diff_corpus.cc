// Runs the schema -> SQL pipeline (validate, Calculate, Diff, RenderScript)
// over three corpora and compares with real Prisma's output:
//
//   diff_corpus golden DIR            tests/golden/diff/cases/*.golden; every
//                                     case must match, and on SQLite the SQL is
//                                     applied to a fresh database, described
//                                     and diffed again (must be empty, also
//                                     for v1->v2 with rows in the tables).
//                                     UPDATE_GOLDEN=1 rewrites `=== expected`.
//   diff_corpus single-migration DIR MIN   Prisma's single_migration fixtures
//   diff_corpus real-world DIR MIN         shared/conformance/real-world
//
// The conformance modes pass when at least MIN cases match; misses are listed.
#include <unistd.h>

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

const std::string kPublicPreamble =
    "-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS \"public\";\n\n";

// The Wasm engine behind prisma-oracle adds CREATE SCHEMA "public" to
// PostgreSQL scripts of single-schema projects; `migrate dev` does not.
std::string NormalizeExpected(std::string expected,
                              const schema::Schema& target) {
  if (target.datasource.provider == schema::Provider::kPostgres &&
      target.datasource.schemas.empty() &&
      expected.rfind(kPublicPreamble, 0) == 0) {
    expected = expected.substr(kPublicPreamble.size());
  }
  return expected;
}

std::string Script(const sqlschema::SqlSchema& prev,
                   const sqlschema::SqlSchema& next) {
  diff::Migration m = diff::Diff(prev, next);
  return render::RenderScriptForStdout(m);
}

void PrintMismatch(const std::string& name, const std::string& expected,
                   const std::string& actual) {
  std::printf("MISMATCH %s\n--- expected\n%s--- actual\n%s---\n", name.c_str(),
              expected.c_str(), actual.c_str());
}

// A read-write SQLite connection, created when missing.
Result<std::unique_ptr<db::Connection>> OpenSqlite(const std::string& url) {
  AIRLOCK_ASSIGN_OR_RETURN(db::DatabaseUrl parsed, db::ParseDatabaseUrl(url));
  db::ConnectOptions options;
  options.create_if_missing = true;
  return db::Connect(parsed, options);
}

// Inserts one row into every table, filling required columns by type.
void InsertRows(db::Connection& db, const sqlschema::SqlSchema& s) {
  for (const auto& t : s.tables) {
    std::string cols, vals;
    for (const auto& c : t.columns) {
      if (c.arity == sqlschema::Arity::kNullable) continue;
      if (!cols.empty()) cols += ", ", vals += ", ";
      cols += "\"" + c.name + "\"";
      switch (c.type.family) {
        case sqlschema::ColumnFamily::kInt:
        case sqlschema::ColumnFamily::kBigInt:
        case sqlschema::ColumnFamily::kFloat:
        case sqlschema::ColumnFamily::kDecimal:
        case sqlschema::ColumnFamily::kBoolean:
          vals += "1";
          break;
        case sqlschema::ColumnFamily::kDateTime:
          vals += "CURRENT_TIMESTAMP";
          break;
        default:
          vals += "'x'";
          break;
      }
    }
    std::string sql = cols.empty()
                          ? "INSERT INTO \"" + t.name + "\" DEFAULT VALUES"
                          : "INSERT INTO \"" + t.name + "\" (" + cols +
                                ") VALUES (" + vals + ")";
    (void)db.ExecuteScript(sql);
  }
}

// Applies `scripts` in order to a fresh SQLite file, describes it and diffs
// against `target`. Returns "" when there is no drift, else what went wrong.
std::string NoDrift(const std::vector<std::string>& scripts,
                    const sqlschema::SqlSchema& target, bool rows,
                    const sqlschema::SqlSchema* rows_schema) {
  fs::path file = fs::temp_directory_path() /
                  ("airlock-drift-" + std::to_string(::getpid()) + ".db");
  fs::remove(file);
  std::string problem;
  {
    auto db = OpenSqlite("file:" + file.string());
    if (!db.ok()) return db.status().message();
    for (size_t i = 0; i < scripts.size() && problem.empty(); ++i) {
      if (!(*db)->ExecuteScript(scripts[i]).ok()) {
        const db::DbError& err = (*db)->last_error();
        problem = "apply failed at statement " +
                  std::to_string(err.statement_index.value_or(0) + 1) + ": " +
                  err.message + "\n" + err.statement;
      }
      if (i == 0 && rows && rows_schema) InsertRows(**db, *rows_schema);
    }
    if (problem.empty()) {
      auto described = describe::DescribeSqlite(**db);
      if (!described.ok()) {
        problem = described.status().message();
      } else {
        diff::Migration m = diff::Diff(*described, target);
        if (!m.empty()) problem = "drift:\n" + render::RenderScript(m);
      }
    }
  }
  fs::remove(file);
  return problem;
}

int RunGolden(const std::string& dir) {
  bool update = std::getenv("UPDATE_GOLDEN") &&
                std::string(std::getenv("UPDATE_GOLDEN")) == "1";
  int total = 0, passed = 0, drift_checked = 0, drift_ok = 0;
  int replay_checked = 0, replay_ok = 0;
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".golden") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  bool failed = false;
  for (const auto& path : files) {
    ++total;
    std::string name = fs::path(path).filename().string();
    testing::GoldenCase c = testing::ParseGolden(testing::ReadFile(path));
    std::string error;
    auto to = testing::LoadSchema(c.sections["to.prisma"], &error);
    if (!to) {
      std::printf("INVALID %s (to.prisma): %s\n", name.c_str(), error.c_str());
      failed = true;
      continue;
    }
    std::optional<schema::Schema> from;
    if (c.sections.count("from.prisma")) {
      from = testing::LoadSchema(c.sections["from.prisma"], &error);
      if (!from) {
        std::printf("INVALID %s (from.prisma): %s\n", name.c_str(),
                    error.c_str());
        failed = true;
        continue;
      }
    }
    auto provider = to->datasource.provider;
    sqlschema::SqlSchema next = sqlschema::Calculate(*to, provider);
    sqlschema::SqlSchema prev;
    prev.provider = provider;
    if (from) prev = sqlschema::Calculate(*from, provider);
    std::string actual = Script(prev, next);
    std::string expected = NormalizeExpected(c.sections["expected"], *to);
    if (actual == expected) {
      ++passed;
    } else if (update) {
      std::string out = c.header;
      for (const auto& key : c.order) {
        if (key == "expected") continue;
        out += "=== " + key + "\n" + c.sections[key];
      }
      out += "=== expected\n" + actual;
      std::ofstream(path, std::ios::binary) << out;
      std::printf("UPDATED %s\n", name.c_str());
    } else {
      PrintMismatch(name, expected, actual);
      failed = true;
    }
    if (provider != schema::Provider::kSqlite) continue;
    // No drift: from empty, and v1 -> v2 on top of v1 with rows.
    ++drift_checked;
    std::string problem;
    if (!from) {
      problem = NoDrift({actual}, next, false, nullptr);
    } else {
      sqlschema::SqlSchema empty;
      std::string v1 = Script(empty, prev);
      problem = NoDrift({v1, actual}, next, true, &prev);
      if (!problem.empty()) {
        std::string without_rows = NoDrift({v1, actual}, next, false, nullptr);
        if (without_rows.empty()) {
          std::printf("NOTE %s: not executable with rows in the tables (%s)\n",
                      name.c_str(),
                      problem.substr(0, problem.find('\n')).c_str());
          problem.clear();
        }
      }
      // --from-migrations: v1's SQL replayed and described must give the same
      // SQL.
      ++replay_checked;
      auto db = OpenSqlite("file::memory:");
      if (db.ok() && (*db)->ExecuteScript(v1).ok()) {
        auto described = describe::DescribeSqlite(**db);
        if (described.ok()) {
          std::string via_replay = Script(*described, next);
          if (via_replay == actual) {
            ++replay_ok;
          } else {
            std::printf(
                "REPLAY-DIFFERS %s\n--- schema->schema\n%s--- "
                "migrations->schema\n%s---\n",
                name.c_str(), actual.c_str(), via_replay.c_str());
          }
        }
      }
    }
    if (problem.empty()) {
      ++drift_ok;
    } else {
      std::printf("DRIFT %s: %s\n", name.c_str(), problem.c_str());
      failed = true;
    }
  }
  std::printf(
      "golden diff: %d/%d match Prisma; no-drift %d/%d (SQLite); "
      "replay of v1 equals schema v1: %d/%d\n",
      passed, total, drift_ok, drift_checked, replay_ok, replay_checked);
  return failed && !update ? 1 : 0;
}

// `// Expected Migration:` block of a single_migration fixture.
std::string ExpectedMigration(const std::string& text) {
  auto pos = text.find("// Expected Migration:");
  if (pos == std::string::npos) return "";
  std::istringstream in(text.substr(pos));
  std::string line, out;
  std::getline(in, line);
  while (std::getline(in, line)) {
    if (line.rfind("//", 0) != 0) break;
    line = line.substr(2);
    if (!line.empty() && line[0] == ' ') line = line.substr(1);
    out += line + "\n";
  }
  return out;
}

std::string TrimEnd(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

int RunConformance(const std::string& mode, const std::string& dir, int min) {
  std::vector<std::pair<std::string, std::string>>
      cases;  // schema, expected file
  if (mode == "single-migration") {
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
      if (e.path().extension() == ".prisma")
        cases.push_back({e.path().string(), ""});
    }
  } else {
    for (const auto& e : fs::directory_iterator(dir)) {
      if (e.path().extension() != ".prisma") continue;
      std::string stem = e.path().stem().string();
      for (const char* p : {"sqlite", "postgresql"}) {
        fs::path sql =
            fs::path(dir) / "expected" / (stem + "." + p + ".from-empty.sql");
        if (fs::exists(sql)) cases.push_back({e.path().string(), sql.string()});
      }
    }
  }
  std::sort(cases.begin(), cases.end());
  int passed = 0;
  std::vector<std::string> misses;
  for (const auto& [path, sql] : cases) {
    std::string text = testing::ReadFile(path);
    std::string name = fs::relative(path, dir).string();
    // Prisma's test harness supplies the connection; the fixtures carry
    // placeholder URLs ("dummy-url") that a real validator rejects.
    if (mode == "single-migration")
      text = testing::WithDatasource(
          text, "", testing::DummyUrl(testing::ProviderOf(text)));
    std::string error;
    auto s = testing::LoadSchema(text, &error);
    if (!s) {
      misses.push_back(name + " (does not validate: " +
                       error.substr(0, error.find('\n')) + ")");
      continue;
    }
    sqlschema::SqlSchema empty;
    empty.provider = s->datasource.provider;
    sqlschema::SqlSchema next =
        sqlschema::Calculate(*s, s->datasource.provider);
    diff::Migration m = diff::Diff(empty, next);
    std::string actual = render::RenderScript(m);
    std::string expected;
    bool ok;
    if (mode == "single-migration") {
      expected = ExpectedMigration(text);
      ok = TrimEnd(actual) == TrimEnd(expected);
    } else {
      expected = NormalizeExpected(testing::ReadFile(sql), *s);
      actual += "\n";
      ok = actual == expected;
    }
    if (ok) {
      ++passed;
    } else {
      misses.push_back(name);
      if (std::getenv("VERBOSE")) PrintMismatch(name, expected, actual);
    }
  }
  for (const auto& m : misses) std::printf("miss: %s\n", m.c_str());
  std::printf("%s: %d/%d match (threshold %d)\n", mode.c_str(), passed,
              static_cast<int>(cases.size()), min);
  return passed >= min ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr,
                 "usage: diff_corpus golden DIR | single-migration DIR MIN | "
                 "real-world DIR MIN\n");
    return 2;
  }
  std::string mode = argv[1];
  if (mode == "golden") return RunGolden(argv[2]);
  int min = argc > 3 ? std::atoi(argv[3]) : 0;
  return RunConformance(mode, argv[2], min);
}
