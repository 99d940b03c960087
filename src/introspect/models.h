// Model blocks of an introspected schema: scalar fields (types, native
// types, defaults, @id/@unique, @map), relation fields, @@id, indexes and
// the notes Prisma adds (renamed reserved names, missing unique identifier
// with @@ignore).
#pragma once

#include <vector>

#include "introspect/context.h"
#include "introspect/relations.h"
#include "introspect/render.h"

namespace airlock::introspect {

struct ModelBlock {
  Block block;
  int previous = -1;  // position in the previous schema
  bool renamed_reserved = false;
  // For Prisma's warnings.
  bool ignored = false;
  bool remapped = false;                     // @@map from the old schema
  std::vector<std::string> remapped_fields;  // @map from the old schema
  std::vector<std::pair<std::string, std::string>> unsupported;  // field, type
  std::vector<std::string> empty_names;  // commented-out fields
  bool copied_relations = false;         // relationMode = "prisma"
};

std::vector<ModelBlock> BuildModels(const Context& ctx, const Relations& rels);

}  // namespace airlock::introspect
