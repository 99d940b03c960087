// The introspected datamodel before it becomes text: blocks with fields and
// attributes already in Prisma's order (field: @updatedAt @unique @id
// @default @map @relation @db.* @ignore; block: @@id, indexes, @@map,
// @@ignore, @@schema), and the renderer that prints it unaligned (the
// formatter aligns it afterwards).
#pragma once

#include <string>
#include <vector>

namespace airlock::introspect {

struct Line {
  std::string documentation;  // lines joined by '\n', without ///
  bool commented_out = false;
  std::string name;
  std::string type;                     // fields: "String?", "Post[]", …
  std::vector<std::string> attributes;  // "@id", "@default(now())", …
};

struct Block {
  std::string keyword;  // model, view, enum
  std::string name;
  std::string documentation;
  bool commented_out = false;
  std::vector<Line> lines;  // fields or enum values
  std::vector<std::string> block_attributes;

  // Adds a documentation paragraph unless already there (re-introspection).
  void AddDocumentation(const std::string& text);
};

std::string RenderDocumentation(const std::string& docs);
std::string RenderBlock(const Block& block);

}  // namespace airlock::introspect
