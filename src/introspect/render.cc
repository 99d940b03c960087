#include "introspect/render.h"

namespace airlock::introspect {

void Block::AddDocumentation(const std::string& text) {
  if (documentation.find(text) != std::string::npos) return;
  if (!documentation.empty()) documentation += '\n';
  documentation += text;
}

std::string RenderDocumentation(const std::string& docs) {
  if (docs.empty()) return "";
  std::string out;
  size_t start = 0;
  for (;;) {
    size_t nl = docs.find('\n', start);
    std::string line = docs.substr(
        start, nl == std::string::npos ? std::string::npos : nl - start);
    out += line.empty() ? "///\n" : "/// " + line + "\n";
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return out;
}

std::string RenderBlock(const Block& b) {
  std::string c = b.commented_out ? "// " : "";
  std::string out = RenderDocumentation(b.documentation);
  out += c + b.keyword + " " + b.name + " {\n";
  for (const auto& l : b.lines) {
    std::string doc = RenderDocumentation(l.documentation);
    if (!doc.empty()) out += doc;
    out += c;
    if (l.commented_out) out += "// ";
    out += l.name;
    if (!l.type.empty()) out += " " + l.type;
    for (const auto& a : l.attributes) out += " " + a;
    out += "\n";
  }
  if (!b.block_attributes.empty() && !b.lines.empty() && !b.commented_out)
    out += "\n";
  for (const auto& a : b.block_attributes) out += c + a + "\n";
  out += c + "}\n";
  return out;
}

}  // namespace airlock::introspect
