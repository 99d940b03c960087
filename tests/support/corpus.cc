#include "corpus.h"

#include <fstream>
#include <regex>
#include <sstream>

#include "base/diagnostics.h"
#include "schema/validate.h"

namespace airlock::testing {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

GoldenCase ParseGolden(const std::string& text) {
  GoldenCase c;
  std::string current;
  std::istringstream in(text);
  std::string line;
  bool in_section = false;
  while (std::getline(in, line)) {
    if (line.rfind("=== ", 0) == 0) {
      current = line.substr(4);
      c.order.push_back(current);
      c.sections[current];
      in_section = true;
      continue;
    }
    if (!in_section) {
      c.header += line + "\n";
    } else {
      c.sections[current] += line + "\n";
    }
  }
  return c;
}

std::optional<schema::Schema> LoadSchema(const std::string& text,
                                         std::string* error) {
  SourceSet sources = {{"schema.prisma", text}};
  Diagnostics diags;
  auto s = schema::ParseAndValidate(sources, diags);
  if (!s) {
    *error = RenderDiagnostics(diags, sources, false);
    if (error->empty()) *error = "validation failed";
    return std::nullopt;
  }
  if (!s->has_datasource) {
    *error = "no datasource";
    return std::nullopt;
  }
  return s;
}

std::string DummyUrl(const std::string& provider) {
  if (provider == "mysql") return "mysql://u:p@127.0.0.1:3306/db";
  if (provider == "postgresql") return "postgresql://u:p@127.0.0.1:5432/db";
  return "file:./dev.db";
}

std::string ProviderOf(const std::string& text) {
  static const std::regex kProvider(R"re(provider\s*=\s*"(\w+)")re");
  std::smatch m;
  if (!std::regex_search(text, m, kProvider)) return "";
  std::string p = m[1];
  return p == "postgres" ? "postgresql" : p;
}

std::string WithDatasource(const std::string& text, const std::string& provider,
                           const std::string& url) {
  static const std::regex kProvider(
      R"re(provider\s*=\s*"(sqlite|mysql|postgresql|postgres)")re");
  static const std::regex kUrl(
      R"re((\n\s*url\s*=\s*)(env\("[^"]*"\)|"[^"\n]*"))re");
  std::string out = text;
  if (!provider.empty()) {
    out = std::regex_replace(out, kProvider, "provider = \"" + provider + "\"",
                             std::regex_constants::format_first_only);
  }
  return std::regex_replace(out, kUrl, "$1\"" + url + "\"",
                            std::regex_constants::format_first_only);
}

}  // namespace airlock::testing
