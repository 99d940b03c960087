// Diagnostics with source spans, collected (not thrown) and printed the way
// Prisma prints them:
//
//   error: <message>
//     -->  schema.prisma:4
//      |
//    3 |
//    4 |   @@index([foo,bar])
//      |
//
// A SourceFile owns the text of one input file; a Span is a byte range in one
// of the files of a SourceSet. Validation collects every diagnostic it finds.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace airlock {

struct Span {
  uint32_t file = 0;  // index into the SourceSet
  uint32_t start = 0;
  uint32_t end = 0;
  bool operator==(const Span&) const = default;
};

struct SourceFile {
  std::string name;  // as shown to the user, e.g. "schema.prisma"
  std::string text;
};

using SourceSet = std::vector<SourceFile>;

enum class Severity { kError, kWarning };

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string message;
  Span span;
};

class Diagnostics {
 public:
  void Error(std::string message, Span span) {
    items_.push_back({Severity::kError, std::move(message), span});
  }
  void Warning(std::string message, Span span) {
    items_.push_back({Severity::kWarning, std::move(message), span});
  }
  bool HasErrors() const;
  size_t ErrorCount() const;
  const std::vector<Diagnostic>& items() const { return items_; }
  // Warnings first, then errors, each group in emission order (Prisma's order).
  std::vector<Diagnostic> Ordered() const;

 private:
  std::vector<Diagnostic> items_;
};

// 1-based line number of `offset` in `text`.
int LineOf(std::string_view text, uint32_t offset);

// Renders one diagnostic exactly as Prisma's pretty printer, with ANSI colours
// when `color` is true.
std::string RenderDiagnostic(const Diagnostic& d, const SourceSet& sources,
                             bool color);

// Renders all diagnostics (warnings first), each followed by a newline as
// Prisma joins them.
std::string RenderDiagnostics(const Diagnostics& diags,
                              const SourceSet& sources, bool color);

}  // namespace airlock
