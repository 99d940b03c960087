// Benchmark of the schema -> SQL pipeline on two generated 1,000-model
// schemas that differ (bench/gen_schema.py --variant): Calculate both, Diff,
// RenderScript. Target (issue 3): under 100 ms per iteration. Validation is
// measured separately (schema_bench). scripts/bench.sh compares the whole
// `migrate diff` with real Prisma.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>

#include "base/files.h"
#include "diff/differ.h"
#include "render/renderer.h"
#include "schema/validate.h"
#include "sqlschema/calculate.h"

namespace {

airlock::schema::Schema Generated(const std::string& provider, int variant) {
  std::string path = "/tmp/airlock_bench_diff_" + provider +
                     std::to_string(variant) + ".prisma";
  std::string cmd = std::string("python3 ") + AIRLOCK_BENCH_DIR +
                    "/gen_schema.py " + path +
                    " --models 1000 --fields 20 --provider " + provider +
                    " --variant " + std::to_string(variant);
  if (std::system(cmd.c_str()) != 0) std::abort();
  auto text = airlock::ReadFile(path);
  if (!text.ok()) std::abort();
  airlock::SourceSet sources{{"schema.prisma", *text}};
  airlock::Diagnostics diags;
  auto schema = airlock::schema::ParseAndValidate(sources, diags);
  if (!schema) std::abort();
  return *schema;
}

void Pipeline(benchmark::State& state, const std::string& provider) {
  auto v1 = Generated(provider, 0);
  auto v2 = Generated(provider, 1);
  auto p = v1.datasource.provider;
  size_t bytes = 0;
  for (auto _ : state) {
    auto prev = airlock::sqlschema::Calculate(v1, p);
    auto next = airlock::sqlschema::Calculate(v2, p);
    auto migration = airlock::diff::Diff(prev, next);
    std::string sql = airlock::render::RenderScript(migration);
    bytes = sql.size();
    benchmark::DoNotOptimize(sql);
  }
  state.counters["sql_bytes"] = static_cast<double>(bytes);
}

void BM_CalculateDiffRender_Postgres(benchmark::State& state) {
  Pipeline(state, "postgresql");
}
BENCHMARK(BM_CalculateDiffRender_Postgres)->Unit(benchmark::kMillisecond);

void BM_CalculateDiffRender_Sqlite(benchmark::State& state) {
  Pipeline(state, "sqlite");
}
BENCHMARK(BM_CalculateDiffRender_Sqlite)->Unit(benchmark::kMillisecond);

void BM_FromEmpty_Postgres(benchmark::State& state) {
  auto v1 = Generated("postgresql", 0);
  for (auto _ : state) {
    airlock::sqlschema::SqlSchema empty;
    empty.provider = v1.datasource.provider;
    auto next = airlock::sqlschema::Calculate(v1, empty.provider);
    auto migration = airlock::diff::Diff(empty, next);
    benchmark::DoNotOptimize(airlock::render::RenderScript(migration));
  }
}
BENCHMARK(BM_FromEmpty_Postgres)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
