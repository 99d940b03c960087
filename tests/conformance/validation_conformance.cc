// Runs Prisma's validation fixtures (shared/conformance/prisma/validation).
// A fixture passes when (expected valid <=> we accept) and, for invalid ones,
// our first error is on the same line as Prisma's. Also counts exact matches
// of the whole rendered diagnostics (colours included). Exits 1 when the pass
// rate is below the threshold given as the second argument (percent), or
// when fewer fixtures than --min-exact=N match exactly.
//
// Usage: validation_conformance DIR THRESHOLD [--verbose|--raw]
//                               [--min-exact=N]
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
    fmt::print(stderr,
               "usage: {} DIR THRESHOLD [--verbose|--raw] [--min-exact=N]\n",
               argv[0]);
    return 2;
  }
  std::string dir = argv[1];
  double threshold = std::atof(argv[2]);
  bool raw = false, verbose = false;
  int min_exact = 0;
  for (int i = 3; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--raw") {
      raw = verbose = true;
    } else if (a == "--verbose") {
      verbose = true;
    } else if (a.rfind("--min-exact=", 0) == 0) {
      min_exact = std::atoi(a.c_str() + 12);
    } else {
      fmt::print(stderr, "unknown option {}\n", a);
      return 2;
    }
  }
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
      "threshold {:.0f}%, at least {} exact\n",
      passed, files.size(), pct, exact, threshold, min_exact);
  return pct >= threshold && exact >= min_exact ? 0 : 1;
}
