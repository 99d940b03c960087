// Runs Prisma's reformatter fixtures (shared/conformance/prisma/reformatter):
// single_file/X.prisma must format to X.reformatted.prisma byte for byte and
// the expectation must be a fixed point; multi_file/NAME/ is formatted
// together and compared with NAME.reformatted/. Exits 1 below the threshold
// (percent of cases).
//
// Usage: reformat_conformance DIR THRESHOLD [--verbose]
#include <algorithm>
#include <filesystem>
#include <string>

#include <fmt/format.h>

#include "fixtures.h"
#include "schema/format.h"

using namespace airlock;
namespace fs = std::filesystem;

int main(int argc, char** argv) {
  if (argc < 3) {
    fmt::print(stderr, "usage: {} DIR THRESHOLD [--verbose]\n", argv[0]);
    return 2;
  }
  std::string dir = argv[1];
  double threshold = std::atof(argv[2]);
  bool verbose = argc > 3 && std::string(argv[3]) == "--verbose";
  int total = 0, passed = 0;

  for (const auto& path : testing::ListFiles(dir + "/single_file", ".prisma")) {
    if (path.find(".reformatted.prisma") != std::string::npos) continue;
    ++total;
    std::string expected_path =
        path.substr(0, path.size() - 7) + ".reformatted.prisma";
    std::string input = testing::ReadAll(path);
    std::string expected =
        fs::exists(expected_path) ? testing::ReadAll(expected_path) : "";
    auto got = schema::Format({{"schema.prisma", input}});
    auto again = schema::Format({{"schema.prisma", expected}});
    bool ok = got[0] == expected && again[0] == expected;
    if (ok) ++passed;
    if (verbose && !ok) {
      fmt::print("FAIL {}\n--- expected\n{}--- got\n{}--- reformatted "
                 "expectation {}\n",
                 path, expected, got[0], again[0] == expected ? "same" : "differs");
    }
  }

  std::string multi = dir + "/multi_file";
  if (fs::exists(multi)) {
    std::vector<fs::path> cases;
    for (auto& e : fs::directory_iterator(multi)) {
      if (e.is_directory() && e.path().extension() != ".reformatted")
        cases.push_back(e.path());
    }
    std::sort(cases.begin(), cases.end());
    for (const auto& c : cases) {
      ++total;
      SourceSet sources;
      std::vector<std::string> names;
      for (const auto& f : testing::ListFiles(c.string(), ".prisma")) {
        names.push_back(fs::path(f).filename().string());
        sources.push_back({names.back(), testing::ReadAll(f)});
      }
      auto got = schema::Format(sources);
      bool ok = true;
      std::string expected_dir = c.string() + ".reformatted";
      for (size_t i = 0; i < names.size(); ++i) {
        std::string exp = testing::ReadAll(expected_dir + "/" + names[i]);
        if (got[i] != exp) {
          ok = false;
          if (verbose)
            fmt::print("FAIL {}/{}\n--- expected\n{}--- got\n{}", c.string(),
                       names[i], exp, got[i]);
        }
      }
      if (ok) ++passed;
    }
  }
  double pct = total ? 100.0 * passed / total : 0;
  fmt::print("reformat conformance: {}/{} passed ({:.1f}%); threshold {:.0f}%\n",
             passed, total, pct, threshold);
  return pct >= threshold ? 0 : 1;
}
