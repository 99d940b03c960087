// Reading Prisma's conformance fixtures (format described in
// shared/conformance/prisma/README.md): the expected-diagnostics trailer of a
// validation fixture, ANSI stripping, and recursive file listing.
#pragma once

#include <string>
#include <vector>

namespace airlock::testing {

// Every regular file under `dir` whose name ends with `suffix`, sorted.
std::vector<std::string> ListFiles(const std::string& dir,
                                   const std::string& suffix);

// The decoded trailing `//` block of a validation fixture ("" when none).
std::string ExpectedDiagnostics(const std::string& text);

std::string StripAnsi(const std::string& s);
// Makes ANSI escapes and trailing spaces visible (for --raw diffs).
std::string ShowEscapes(const std::string& s);

// Line number of the first "error:" header in rendered, ANSI-free
// diagnostics; 0 when there is none.
int FirstErrorLine(const std::string& rendered);

std::string ReadAll(const std::string& path);

}  // namespace airlock::testing
