// Describing a 1,000-table database on a real server (issue 5: under 1 s).
// Builds the database from bench/gen_schema.py's 1,000-model schema (the SQL
// of `migrate diff --from-empty`), describes it 5 times and prints the
// median, then checks the description against the schema (no drift).
//
//   describe_bench mysql|postgres [URL]
// Server: AIRLOCK_TEST_MYSQL_URL / AIRLOCK_TEST_POSTGRES_URL; a fresh
// database is created there and dropped. With URL: that database, already
// built from the same schema, is described as it is (kept).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "base/files.h"
#include "db/connect.h"
#include "describe/describe.h"
#include "diff/differ.h"
#include "render/renderer.h"
#include "schema/validate.h"
#include "sqlschema/calculate.h"

using namespace airlock;

int main(int argc, char** argv) {
  std::string dialect = argc > 1 ? argv[1] : "";
  if (dialect != "mysql" && dialect != "postgres") {
    std::fprintf(stderr, "usage: describe_bench mysql|postgres\n");
    return 2;
  }
  bool mysql = dialect == "mysql";
  const char* env = std::getenv(mysql ? "AIRLOCK_TEST_MYSQL_URL"
                                      : "AIRLOCK_TEST_POSTGRES_URL");
  if (!env || !*env) {
    std::printf("describe %s: skipped (no server URL)\n", dialect.c_str());
    return 0;
  }
  std::string provider = mysql ? "mysql" : "postgresql";
  std::string path = "/tmp/airlock_bench_describe_" + provider + ".prisma";
  std::string cmd = std::string("python3 ") + AIRLOCK_BENCH_DIR +
                    "/gen_schema.py " + path +
                    " --models 1000 --fields 20 --provider " + provider;
  if (std::system(cmd.c_str()) != 0) return 1;
  auto text = ReadFile(path);
  if (!text.ok()) return 1;
  SourceSet sources{{"schema.prisma", *text}};
  Diagnostics diags;
  auto schema = schema::ParseAndValidate(sources, diags);
  if (!schema) {
    std::fprintf(stderr, "generated schema does not validate\n");
    return 1;
  }
  auto target = sqlschema::Calculate(*schema, schema->datasource.provider);
  sqlschema::SqlSchema empty;
  empty.provider = target.provider;
  std::string sql = render::RenderScript(diff::Diff(empty, target));

  bool existing = argc > 2;
  auto base = db::ParseDatabaseUrl(existing ? argv[2] : env);
  if (!base.ok()) return 1;
  db::DatabaseUrl url = existing ? *base : db::WithUniqueDatabase(*base);
  db::ConnectOptions options;
  if (!existing) {
    if (Status st = db::CreateDatabase(url, options); !st.ok()) {
      std::fprintf(stderr, "%s\n", st.message().c_str());
      return 1;
    }
  }
  int rc = 0;
  {
    auto conn = db::Connect(url, options);
    if (!conn.ok() || (!existing && !(*conn)->ExecuteScript(sql).ok())) {
      std::fprintf(stderr, "could not build the database: %s\n",
                   conn.ok() ? (*conn)->last_error().message.c_str()
                             : conn.status().message().c_str());
      rc = 1;
    } else {
      std::vector<double> ms;
      sqlschema::SqlSchema described;
      for (int i = 0; i < 5; ++i) {
        auto t0 = std::chrono::steady_clock::now();
        auto d = describe::DescribeConnection(**conn);
        auto t1 = std::chrono::steady_clock::now();
        if (!d.ok()) {
          std::fprintf(stderr, "%s\n", d.status().message().c_str());
          rc = 1;
          break;
        }
        described = std::move(*d);
        ms.push_back(
            std::chrono::duration<double, std::milli>(t1 - t0).count());
      }
      if (rc == 0) {
        std::sort(ms.begin(), ms.end());
        bool drift = !diff::Diff(described, target).empty();
        std::printf(
            "describe %s, %zu tables: %.0f ms (median of 5; min %.0f, max "
            "%.0f; target < 1000 ms)%s\n",
            dialect.c_str(), described.tables.size(), ms[2], ms.front(),
            ms.back(), drift ? " — DRIFT against the schema" : "");
        if (drift) rc = 1;
      }
    }
  }
  if (!existing) (void)db::DropDatabase(url, options);
  return rc;
}
