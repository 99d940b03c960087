// Runs Prisma's validation fixtures (shared/conformance/prisma/validation).
// A fixture passes when (expected valid <=> we accept) and, for invalid ones,
// our first error is on the same line as Prisma's. Also counts exact matches
// of the whole rendered diagnostics. Exits 1 when the pass rate is below the
// threshold given as the second argument (percent).
//
// Usage: validation_conformance DIR THRESHOLD [--verbose|--raw]
// (--raw: like --verbose, with ANSI escapes shown as "^[" so colour and
// trailing-space differences are visible.)
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "base/diagnostics.h"
#include "fixtures.h"
#include "schema/validate.h"

using namespace airlock;

int main(int argc, char** argv) {
  if (argc < 3) {
    fmt::print(stderr, "usage: {} DIR THRESHOLD [--verbose]\n", argv[0]);
    return 2;
  }
  std::string dir = argv[1];
  double threshold = std::atof(argv[2]);
  bool raw = argc > 3 && std::string(argv[3]) == "--raw";
  bool verbose = raw || (argc > 3 && std::string(argv[3]) == "--verbose");
  auto files = testing::ListFiles(dir, ".prisma");
  int passed = 0, exact = 0;
  for (const auto& path : files) {
    std::string text = testing::ReadAll(path);
    std::string expected = testing::ExpectedDiagnostics(text);
    SourceSet sources{{"schema.prisma", text}};
    Diagnostics diags;
    // Prisma checks URL schemes when the CLI loads the config, not in these
    // schema-language tests (many use url = "dummy-url").
    schema::ParseAndValidate(sources, diags, {.check_url_scheme = false});
    std::string rendered = RenderDiagnostics(diags, sources, true);
    std::string plain_expected = testing::StripAnsi(expected);
    std::string plain = testing::StripAnsi(rendered);
    bool expect_error = plain_expected.find("error: ") != std::string::npos;
    bool ok;
    if (!expect_error) {
      ok = !diags.HasErrors();
    } else {
      ok = diags.HasErrors() && testing::FirstErrorLine(plain) ==
                                    testing::FirstErrorLine(plain_expected);
    }
    if (ok) ++passed;
    if (rendered == expected) ++exact;
    if (verbose && (!ok || rendered != expected)) {
      fmt::print("{} {}\n--- expected\n{}--- got\n{}\n",
                 ok ? "INEXACT" : "FAIL", path.substr(dir.size() + 1),
                 raw ? testing::ShowEscapes(expected) : plain_expected,
                 raw ? testing::ShowEscapes(rendered) : plain);
    }
  }
  double pct = files.empty() ? 0 : 100.0 * passed / files.size();
  fmt::print(
      "validation conformance: {}/{} passed ({:.1f}%), {} exact; "
      "threshold {:.0f}%\n",
      passed, files.size(), pct, exact, threshold);
  return pct >= threshold ? 0 : 1;
}
