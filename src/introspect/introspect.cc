#include "introspect/introspect.h"

#include <algorithm>
#include <climits>

#include "introspect/context.h"
#include "introspect/models.h"
#include "introspect/relations.h"
#include "introspect/render.h"

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

  IntrospectResult result;
  result.empty = models.empty() && enums.empty();
  result.models = static_cast<int>(models.size());
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
  std::vector<std::string> ignored, reserved;
  for (const auto& m : models) {
    parts.push_back(RenderBlock(m.block));
    const auto& attrs = m.block.block_attributes;
    if (std::find(attrs.begin(), attrs.end(), "@@ignore") != attrs.end())
      ignored.push_back(m.block.name);
    if (m.renamed_reserved) reserved.push_back(m.block.name);
  }
  for (const auto& e : enums) parts.push_back(RenderBlock(e));
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) result.text += "\n";
    result.text += parts[i];
  }
  auto list = [](const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += "\n  - \"" + n + "\"";
    return out;
  };
  if (!ignored.empty()) {
    result.warnings.push_back(
        "The following models were ignored as they do not have a valid "
        "unique identifier or id. This is currently not supported by Prisma "
        "Client." +
        list(ignored));
  }
  if (!reserved.empty()) {
    result.warnings.push_back(
        "These models were renamed because their names are reserved:" +
        list(reserved));
  }
  return result;
}

}  // namespace airlock::introspect
