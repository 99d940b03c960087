// Pass 1 (names): collects models, views, enums, composite types,
// datasources and generators from every file, and reports name clashes and
// invalid identifiers, as Prisma's parser-database `names` step does.
#include <fmt/format.h>

#include <set>

#include "schema/validate_context.h"
#include "schema/validate_messages.h"

namespace airlock::schema::internal {
namespace {

const char* TopType(const ast::Block& b) {
  switch (b.kind) {
    case ast::BlockKind::kModel:
      return "model";
    case ast::BlockKind::kView:
      return "view";
    case ast::BlockKind::kCompositeType:
      return "composite type";
    case ast::BlockKind::kEnum:
      return "enum";
    case ast::BlockKind::kDatasource:
      return "datasource";
    case ast::BlockKind::kGenerator:
      return "generator";
  }
  return "";
}

bool StartsWithDigit(const std::string& s) {
  return !s.empty() && s[0] >= '0' && s[0] <= '9';
}

void ValidateIdentifier(Context& ctx, const ast::Identifier& id,
                        std::string_view item) {
  if (id.name.empty()) {
    ctx.Error(vmsg::Validation(
                  fmt::format("The name of a {} must not be empty.", item)),
              id.span);
  } else if (StartsWithDigit(id.name)) {
    ctx.Error(vmsg::Validation(fmt::format(
                  "The name of a {} must not start with a number.", item)),
              id.span);
  } else if (id.name.find('-') != std::string::npos) {
    ctx.Error(vmsg::Validation(fmt::format(
                  "The character `-` is not allowed in {} names.", item)),
              id.span);
  }
}

void ValidateAttributeIdentifiers(Context& ctx,
                                  const std::vector<ast::Attribute>& attrs) {
  for (const auto& a : attrs) ValidateIdentifier(ctx, a.name, "Attribute");
}

}  // namespace

void ResolveNames(Context& ctx) {
  std::map<std::string, const ast::Block*> tops, generators, datasources;
  for (const auto& file : ctx.ast.files) {
    for (const auto& block : file.blocks) {
      if (ParseScalarType(block.name.name) &&
          block.kind != ast::BlockKind::kDatasource &&
          block.kind != ast::BlockKind::kGenerator) {
        ctx.Error(fmt::format("\"{}\" is a reserved scalar type name and "
                              "cannot be used.",
                              block.name.name),
                  block.name.span);
      }
      std::map<std::string, const ast::Block*>* ns = &tops;
      switch (block.kind) {
        case ast::BlockKind::kEnum: {
          ValidateIdentifier(ctx, block.name, "Enum");
          ValidateAttributeIdentifiers(ctx, block.attributes);
          std::set<std::string> values;
          for (const auto& v : block.values) {
            ValidateIdentifier(ctx, v.name, "Enum Value");
            ValidateAttributeIdentifiers(ctx, v.attributes);
            if (!values.insert(v.name.name).second) {
              ctx.Error(fmt::format("Value \"{}\" is already defined on enum "
                                    "\"{}\".",
                                    v.name.name, block.name.name),
                        v.span);
            }
          }
          Enum e;
          e.name = block.name.name;
          e.db_name = e.name;
          e.documentation = block.documentation;
          e.span = block.span;
          for (const auto& v : block.values) {
            EnumValue ev;
            ev.name = v.name.name;
            ev.db_name = ev.name;
            ev.documentation = v.documentation;
            ev.span = v.span;
            e.values.push_back(std::move(ev));
          }
          ctx.schema.enums.push_back(std::move(e));
          ctx.enum_blocks.push_back(&block);
          break;
        }
        case ast::BlockKind::kModel:
        case ast::BlockKind::kView: {
          bool view = block.kind == ast::BlockKind::kView;
          ValidateIdentifier(ctx, block.name, view ? "view" : "Model");
          ValidateAttributeIdentifiers(ctx, block.attributes);
          std::set<std::string> names;
          for (const auto& f : block.fields) {
            ValidateIdentifier(ctx, f.name, view ? "field" : "Field");
            ValidateAttributeIdentifiers(ctx, f.attributes);
            if (!names.insert(f.name.name).second) {
              ctx.Error(fmt::format("Field \"{}\" is already defined on {} "
                                    "\"{}\".",
                                    f.name.name, view ? "view" : "model",
                                    block.name.name),
                        f.name.span);
            }
          }
          Model m;
          m.name = block.name.name;
          m.db_name = m.name;
          m.is_view = view;
          m.documentation = block.documentation;
          m.span = block.span;
          ctx.schema.models.push_back(std::move(m));
          ctx.model_blocks.push_back(&block);
          ctx.model_fields.emplace_back();
          break;
        }
        case ast::BlockKind::kCompositeType: {
          ValidateIdentifier(ctx, block.name, "Composite type");
          std::set<std::string> names;
          for (const auto& f : block.fields) {
            if (!names.insert(f.name.name).second) {
              ctx.Error(fmt::format("Field \"{}\" is already defined on "
                                    "composite type \"{}\".",
                                    f.name.name, block.name.name),
                        f.name.span);
            }
          }
          ctx.composite_types.push_back({block.name.name, &block});
          break;
        }
        case ast::BlockKind::kDatasource:
        case ast::BlockKind::kGenerator: {
          bool ds = block.kind == ast::BlockKind::kDatasource;
          std::set<std::string> keys;
          for (const auto& p : block.properties) {
            if (!keys.insert(p.key.name).second) {
              ctx.Error(
                  fmt::format("Key \"{}\" is already defined in {} "
                              "\"{}\".",
                              p.key.name, TopType(block), block.name.name),
                  p.key.span);
            }
          }
          ns = ds ? &datasources : &generators;
          (ds ? ctx.datasource_blocks : ctx.generator_blocks).push_back(&block);
          break;
        }
      }
      auto it = ns->find(block.name.name);
      if (it != ns->end()) {
        ctx.Error(
            fmt::format("The {} \"{}\" cannot be defined because a {} "
                        "with that name already exists.",
                        TopType(block), block.name.name, TopType(*it->second)),
            block.name.span);
      }
      (*ns)[block.name.name] = &block;
    }
  }
}

}  // namespace airlock::schema::internal
