// Benchmarks of the schema language on a generated 1,000-model / 20,000-field
// schema (bench/gen_schema.py): parse + validate, and format. Targets (issue
// 2): each under 50 ms. Peak memory is measured by scripts/bench.sh on the
// real binary.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "base/files.h"
#include "schema/format.h"
#include "schema/validate.h"

namespace {

std::string LargeSchema() {
  static std::string text = [] {
    std::string path = "/tmp/airlock_bench_schema.prisma";
    std::string cmd = std::string("python3 ") + AIRLOCK_BENCH_DIR +
                      "/gen_schema.py " + path + " --models 1000 --fields 20";
    if (std::system(cmd.c_str()) != 0) std::abort();
    auto r = airlock::ReadFile(path);
    if (!r.ok()) std::abort();
    return *r;
  }();
  return text;
}

void BM_ParseAndValidate(benchmark::State& state) {
  airlock::SourceSet sources{{"schema.prisma", LargeSchema()}};
  for (auto _ : state) {
    airlock::Diagnostics diags;
    auto schema = airlock::schema::ParseAndValidate(sources, diags);
    if (!schema || diags.HasErrors()) state.SkipWithError("schema invalid");
    benchmark::DoNotOptimize(schema);
  }
  state.SetBytesProcessed(state.iterations() * sources[0].text.size());
}
BENCHMARK(BM_ParseAndValidate)->Unit(benchmark::kMillisecond);

void BM_Format(benchmark::State& state) {
  airlock::SourceSet sources{{"schema.prisma", LargeSchema()}};
  for (auto _ : state) {
    auto out = airlock::schema::Format(sources);
    benchmark::DoNotOptimize(out);
  }
  state.SetBytesProcessed(state.iterations() * sources[0].text.size());
}
BENCHMARK(BM_Format)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
