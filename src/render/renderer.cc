#include "render/renderer.h"

namespace airlock::render {

const Renderer& SqliteRenderer();
const Renderer& MysqlRenderer();
const Renderer& PostgresRenderer();

std::string QuoteDoubling(std::string_view value, char quote) {
  std::string out(1, quote);
  for (char c : value) {
    if (c == quote) out += quote;
    out += c;
  }
  return out + quote;
}

const Renderer& RendererFor(sqlschema::Provider provider) {
  switch (provider) {
    case sqlschema::Provider::kSqlite:
      return SqliteRenderer();
    case sqlschema::Provider::kMysql:
      return MysqlRenderer();
    case sqlschema::Provider::kPostgres:
      return PostgresRenderer();
  }
  return SqliteRenderer();
}

std::string RenderScript(const Migration& m,
                         const std::vector<std::string>& warnings) {
  if (m.steps.empty()) return "-- This is an empty migration.";
  const Renderer& r = RendererFor(m.next->provider);
  std::string out;
  out.reserve(m.steps.size() * 128);
  if (!warnings.empty()) {
    out += "/*\n  Warnings:\n\n";
    for (const auto& w : warnings) {
      out += "  - ";
      out += w;
      out += '\n';
    }
    out += "\n*/\n";
  }
  bool first = true;
  for (const Step& step : m.steps) {
    std::vector<std::string> statements =
        r.RenderStep(step, *m.previous, *m.next);
    if (statements.empty()) continue;
    if (!first) out += '\n';
    first = false;
    out += "-- ";
    out += step.Name();
    out += '\n';
    for (const auto& s : statements) {
      out += s;
      out += ";\n";
    }
  }
  return out;
}

std::string RenderScriptForStdout(const Migration& m) {
  return RenderScript(m) + (m.steps.empty() ? "\n\n" : "\n");
}

}  // namespace airlock::render
