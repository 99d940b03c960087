#include "base/diagnostics.h"

#include <algorithm>

#include <fmt/format.h>

namespace airlock {
namespace {

constexpr const char* kReset = "\x1b[0m";

struct Painter {
  bool color;
  std::string Paint(std::string_view code, std::string_view s) const {
    if (!color) return std::string(s);
    return fmt::format("\x1b[{}m{}{}", code, s, kReset);
  }
};

std::string Gutter(const Painter& p, size_t line_number) {
  if (line_number > 0) return p.Paint("1;94", fmt::format("{:2} | ", line_number));
  return p.Paint("1;94", "   | ");
}

std::string GutterWithLine(const Painter& p, size_t line_number,
                           const std::vector<std::string_view>& lines) {
  if (line_number > 0 && line_number <= lines.size()) {
    return Gutter(p, line_number) + std::string(lines[line_number - 1]);
  }
  return Gutter(p, line_number);
}

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (true) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

}  // namespace

bool Diagnostics::HasErrors() const { return ErrorCount() > 0; }

size_t Diagnostics::ErrorCount() const {
  return std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) {
    return d.severity == Severity::kError;
  });
}

std::vector<Diagnostic> Diagnostics::Ordered() const {
  std::vector<Diagnostic> out;
  for (const auto& d : items_)
    if (d.severity == Severity::kWarning) out.push_back(d);
  for (const auto& d : items_)
    if (d.severity == Severity::kError) out.push_back(d);
  return out;
}

int LineOf(std::string_view text, uint32_t offset) {
  offset = std::min<uint32_t>(offset, text.size());
  return 1 + static_cast<int>(
                 std::count(text.begin(), text.begin() + offset, '\n'));
}

std::string RenderDiagnostic(const Diagnostic& d, const SourceSet& sources,
                             bool color) {
  Painter p{color};
  const SourceFile& file = sources.at(d.span.file);
  std::string_view text = file.text;
  uint32_t start = std::min<uint32_t>(d.span.start, text.size());
  uint32_t end = std::clamp<uint32_t>(d.span.end, start, text.size());
  size_t start_line = std::count(text.begin(), text.begin() + start, '\n');
  size_t end_line = std::count(text.begin(), text.begin() + end, '\n');
  auto lines = SplitLines(text);
  size_t before = 0;
  for (size_t i = 0; i < start_line; ++i) before += lines[i].size();
  before += start_line;
  std::string_view line = lines[start_line];
  size_t start_in_line = start - before;
  size_t end_in_line =
      std::min<size_t>(start_in_line + (end - start), line.size());

  const bool warning = d.severity == Severity::kWarning;
  const char* primary = warning ? "1;93" : "1;91";
  std::string out;
  out += p.Paint(primary, warning ? "warning" : "error");
  out += ": ";
  out += p.Paint("1", d.message);
  out += "\n  ";
  out += p.Paint("1;94", "-->");
  out += "  ";
  out += p.Paint("4", fmt::format("{}:{}", file.name, start_line + 1));
  out += "\n";
  out += Gutter(p, 0) + "\n";
  out += GutterWithLine(p, start_line, lines) + "\n";
  std::string_view offending =
      line.substr(start_in_line, end_in_line - start_in_line);
  out += Gutter(p, start_line + 1);
  out += line.substr(0, start_in_line);
  out += p.Paint(primary, offending);
  out += line.substr(end_in_line);
  out += "\n";
  if (offending.empty()) {
    out += Gutter(p, 0) + std::string(start_in_line, ' ') +
           p.Paint("1;91", "^ Unexpected token.") + "\n";
  }
  for (size_t n = start_line + 2; n < end_line + 2; ++n) {
    out += GutterWithLine(p, n, lines) + "\n";
  }
  out += Gutter(p, 0) + "\n";
  return out;
}

std::string RenderDiagnostics(const Diagnostics& diags,
                              const SourceSet& sources, bool color) {
  std::string out;
  for (const auto& d : diags.Ordered()) {
    out += RenderDiagnostic(d, sources, color);
  }
  return out;
}

}  // namespace airlock
