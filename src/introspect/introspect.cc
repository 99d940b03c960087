#include "introspect/introspect.h"

#include <algorithm>
#include <climits>

#include "introspect/context.h"
#include "introspect/models.h"
#include "introspect/relations.h"
#include "introspect/render.h"
#include "introspect/views.h"

namespace airlock::introspect {
namespace {

// A configuration block (generator or datasource) of the previous schema,
// reprinted with its properties; comments inside are not kept (as Prisma).
std::string RenderConfig(const schema::ast::Block& block,
                         const SourceSet& sources) {
  std::string out = RenderDocumentation(block.documentation);
  out += std::string(block.KeywordName()) + " " + block.name.name + " {\n";
  for (const auto& kv : block.properties) {
    out += kv.key.name + " = ";
    if (kv.value) out += kv.value->Text(sources);
    out += "\n";
  }
  return out + "}\n";
}

std::vector<Block> BuildEnums(const Context& ctx) {
  std::vector<std::pair<int, Block>> out;
  std::vector<int> seen_previous;
  for (const auto& info : ctx.enums) {
    if (!info.db) continue;
    if (info.previous >= 0) {
      if (std::find(seen_previous.begin(), seen_previous.end(),
                    info.previous) != seen_previous.end()) {
        continue;  // MySQL: several columns share one Prisma enum
      }
      seen_previous.push_back(info.previous);
    }
    Block b;
    b.keyword = "enum";
    b.name = info.name.name;
    if (info.previous >= 0)
      b.documentation = ctx.prev->enums[info.previous].documentation;
    for (size_t v = 0; v < info.values.size(); ++v) {
      Line l;
      const Name& n = info.values[v];
      l.name = n.name;
      if (info.previous >= 0) {
        for (const auto& pv : ctx.prev->enums[info.previous].values)
          if (pv.name == n.name) l.documentation = pv.documentation;
      }
      if (n.map) l.attributes.push_back("@map(" + Quote(*n.map) + ")");
      l.commented_out = n.name.empty() || NeedsSanitation(n.name);
      b.lines.push_back(std::move(l));
    }
    if (info.name.map)
      b.block_attributes.push_back("@@map(" + Quote(*info.name.map) + ")");
    out.push_back({info.previous < 0 ? INT_MAX : info.previous, std::move(b)});
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.first < b.first;
  });
  std::vector<Block> blocks;
  for (auto& [pos, b] : out) blocks.push_back(std::move(b));
  return blocks;
}

}  // namespace

IntrospectResult Introspect(const sqlschema::SqlSchema& db,
                            const PreviousSchema& previous) {
  Context ctx(db, previous.schema);
  ctx.emulated_relations = previous.relation_mode_prisma;
  Relations rels = CalculateRelations(ctx);
  std::vector<ModelBlock> models = BuildModels(ctx, rels);
  std::vector<Block> enums = BuildEnums(ctx);
  std::vector<Block> views;
  if (previous.views) views = BuildViews(db, ctx.dialect);

  IntrospectResult result;
  result.empty = models.empty() && views.empty() && enums.empty();
  result.models = static_cast<int>(models.size());
  result.views = static_cast<int>(views.size());
  result.enums = static_cast<int>(enums.size());
  std::vector<std::string> parts;
  if (previous.ast && previous.sources) {
    for (auto kind : {schema::ast::BlockKind::kGenerator,
                      schema::ast::BlockKind::kDatasource}) {
      for (const auto& file : previous.ast->files) {
        for (const auto& block : file.blocks) {
          if (block.kind == kind)
            parts.push_back(RenderConfig(block, *previous.sources));
        }
      }
    }
  }
  // Prisma's warnings, in Prisma's order.
  std::vector<std::string> ignored, unsupported, remapped_models,
      remapped_values, remapped_fields, empty_values, empty_fields, copied;
  auto quoted = [](const std::string& s) { return "\"" + s + "\""; };
  for (const auto& m : models) {
    parts.push_back(RenderBlock(m.block));
    const std::string model = "Model: " + quoted(m.block.name);
    if (m.ignored) ignored.push_back(quoted(m.block.name));
    for (const auto& [field, type] : m.unsupported) {
      unsupported.push_back(model + ", field: " + quoted(field) +
                            ", original data type: " + quoted(type));
    }
    if (m.remapped) remapped_models.push_back(quoted(m.block.name));
    for (const auto& f : m.remapped_fields)
      remapped_fields.push_back(model + ", field: " + quoted(f));
    for (const auto& f : m.empty_names)
      empty_fields.push_back(model + ", field: " + quoted(f));
    if (m.copied_relations) copied.push_back(quoted(m.block.name));
  }
  for (const auto& info : ctx.enums) {
    if (!info.db) continue;
    for (size_t v = 0; v < info.values.size(); ++v) {
      const Name& n = info.values[v];
      std::string item = "Enum: " + quoted(info.name.name) + ", value: ";
      if (info.previous >= 0 && n.map)
        remapped_values.push_back(item + quoted(n.name));
      if (n.name.empty() || NeedsSanitation(n.name))
        empty_values.push_back(item + quoted(info.db->values[v]));
    }
  }
  for (const auto& v : views) parts.push_back(RenderBlock(v));
  for (const auto& e : enums) parts.push_back(RenderBlock(e));
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) result.text += "\n";
    result.text += parts[i];
  }
  auto warn = [&](const std::vector<std::string>& items, const char* text) {
    if (items.empty()) return;
    std::string w = text;
    w += ":";
    for (const auto& i : items) w += "\n  - " + i;
    result.warnings.push_back(std::move(w));
  };
  warn(ignored,
       "The following models were ignored as they do not have a valid unique "
       "identifier or id. This is currently not supported by the Prisma "
       "Client");
  warn(unsupported,
       "These fields are not supported by the Prisma Client, because Prisma "
       "currently does not support their types");
  warn(remapped_models,
       "These models were enriched with `@@map` information taken from the "
       "previous Prisma schema");
  warn(remapped_values,
       "These enum values were enriched with `@map` information taken from "
       "the previous Prisma schema");
  warn(remapped_fields,
       "These fields were enriched with `@map` information taken from the "
       "previous Prisma schema");
  warn(empty_values,
       "These enum values were commented out because their names are "
       "currently not supported by Prisma. Please provide valid ones that "
       "match [a-zA-Z][a-zA-Z0-9_]* using the `@map` attribute");
  warn(empty_fields,
       "These fields were commented out because their names are currently "
       "not supported by Prisma. Please provide valid ones that match "
       "[a-zA-Z][a-zA-Z0-9_]* using the `@map` attribute");
  warn(copied,
       "Relations were copied from the previous data model due to not using "
       "foreign keys in the database. If any of the relation columns changed "
       "in the database, the relations might not be correct anymore");
  return result;
}

}  // namespace airlock::introspect
