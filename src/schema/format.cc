// Format(): Prisma's reformat pipeline. Parse every file, work out the
// relation fields and @relation arguments Prisma would add (only when the
// schema resolves cleanly), insert them into the source text, parse again and
// reprint each file in canonical layout.
#include "schema/format.h"

#include <algorithm>

#include "schema/format_internal.h"
#include "schema/parser.h"

namespace airlock::schema {

std::vector<std::string> Format(const SourceSet& sources) {
  Diagnostics diags;
  ast::Ast tree = ParseSchema(sources, diags);
  std::vector<format::Insertion> bits;
  if (!diags.HasErrors()) bits = format::MissingRelationBits(tree, sources);

  std::vector<std::string> out;
  out.reserve(sources.size());
  for (uint32_t f = 0; f < sources.size(); ++f) {
    std::vector<const format::Insertion*> mine;
    for (const auto& b : bits)
      if (b.file == f) mine.push_back(&b);
    if (mine.empty()) {
      out.push_back(format::RenderFile(sources[f].text, tree.files[f]));
      continue;
    }
    std::stable_sort(mine.begin(), mine.end(), [](auto* a, auto* b) {
      return a->position < b->position;
    });
    const std::string& text = sources[f].text;
    std::string enriched;
    size_t last = 0;
    for (const auto* b : mine) {
      size_t pos = std::clamp(b->position, last, text.size());
      enriched.append(text, last, pos - last);
      enriched += b->text;
      last = pos;
    }
    enriched.append(text, last, std::string::npos);
    SourceSet one = {{sources[f].name, enriched}};
    Diagnostics ignored;
    ast::SchemaFile file = ParseFile(one, 0, ignored);
    out.push_back(format::RenderFile(enriched, file));
  }
  return out;
}

}  // namespace airlock::schema
