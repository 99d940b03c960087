// The Prisma schema AST: what the parser produces from one or more .prisma
// files. It keeps every comment, doc comment and blank line in source order
// (the `entries` of each block and of the file) with byte spans, so that the
// validator can point at the exact text and the formatter can reprint the file
// without losing anything.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.h"

namespace airlock::schema::ast {

struct Identifier {
  std::string name;
  Span span;
};

struct Argument;

// A value: `42`, `"text"`, `Cascade`, `now()`, `["a", "b"]`.
struct Expression {
  enum class Kind { kNumber, kString, kConstant, kFunction, kArray };
  Kind kind = Kind::kConstant;
  // Number text as written, decoded string, constant (dotted path) or
  // function name.
  std::string value;
  std::vector<Argument> args;  // kFunction
  bool args_trailing_comma = false;
  Span args_span;                 // kFunction: the parenthesised list
  std::vector<Expression> items;  // kArray
  Span span;

  bool IsString() const { return kind == Kind::kString; }
  bool IsConstant() const { return kind == Kind::kConstant; }
  bool IsFunction() const { return kind == Kind::kFunction; }
  bool IsArray() const { return kind == Kind::kArray; }
  bool IsNumber() const { return kind == Kind::kNumber; }
  // Short description used in type errors: "string", "numeric", ...
  const char* Describe() const;
  // The source text this expression was parsed from.
  std::string Text(const SourceSet& sources) const;
};

// `name: value`, a bare `value`, or an empty `name:` (kept to report it).
struct Argument {
  std::optional<Identifier> name;
  std::optional<Expression> value;  // absent for `name:` with no value
  Span span;
};

struct ArgumentList {
  std::vector<Argument> args;
  bool trailing_comma = false;
  Span span;
};

// `@id`, `@db.VarChar(191)`, `@@index([a, b])`.
struct Attribute {
  Identifier name;  // without the leading @ / @@, dotted: "db.VarChar"
  std::optional<ArgumentList> arguments;
  Span span;  // from the first @ to the closing parenthesis

  const std::vector<Argument>& args() const {
    static const std::vector<Argument> kNone;
    return arguments ? arguments->args : kNone;
  }
};

struct Comment {
  // `// …` / `/// …`: the rest of the line as written (from the slashes);
  // `/* … */`: the comment as written, possibly over several lines.
  std::string text;
  Span span;
};

enum class Arity { kRequired, kOptional, kList };

struct FieldType {
  Identifier name;           // the type name, or the text in Unsupported("…")
  bool unsupported = false;  // Unsupported("…")
  Arity arity = Arity::kRequired;
  Span span;
};

struct Field {
  Identifier name;
  std::optional<FieldType> type;  // absent: reported as invalid declaration
  std::vector<Attribute> attributes;
  std::string documentation;  // joined `///` lines above, without ///
  std::optional<Comment> trailing_comment;
  bool legacy_colon = false;
  Span span;
};

struct EnumValue {
  Identifier name;
  std::vector<Attribute> attributes;
  std::string documentation;
  std::optional<Comment> trailing_comment;
  Span span;
};

struct KeyValue {
  Identifier key;
  std::optional<Expression> value;
  std::optional<Comment> trailing_comment;
  Span span;
};

// What a line inside a block is, in source order. `index` points into the
// block's typed vector (fields, attributes, ...) for kField, kAttribute,
// kEnumValue and kKeyValue; kComment and kCatchAll carry their text.
struct BlockEntry {
  enum class Kind {
    kField,
    kAttribute,
    kEnumValue,
    kKeyValue,
    kComment,     // a run of consecutive comment lines
    kEmptyLines,  // one or more blank lines
    kCatchAll,    // a line that is not valid here (already reported)
  };
  Kind kind;
  size_t index = 0;
  std::vector<Comment> comments;  // kComment
  std::string text;               // kCatchAll: the raw line
  int blank_lines = 0;            // kEmptyLines
  Span span;
};

enum class BlockKind {
  kModel,
  kView,
  kCompositeType,
  kEnum,
  kDatasource,
  kGenerator,
};

struct Block {
  BlockKind kind;
  Identifier name;
  std::string documentation;          // `///` lines directly above the block
  std::vector<Field> fields;          // model, view, type
  std::vector<Attribute> attributes;  // @@ block attributes
  std::vector<std::optional<Comment>>
      attribute_comments;            // trailing, per attribute
  std::vector<EnumValue> values;     // enum
  std::vector<KeyValue> properties;  // datasource, generator
  std::vector<BlockEntry> entries;   // every line in order
  std::string open_rest;  // text after `{` on the opening line (e.g. comment)
  Span keyword_span;
  Span span;

  const char* KeywordName() const;  // "model", "view", ...
};

// Top-level entries in file order.
struct TopEntry {
  enum class Kind { kBlock, kComment, kEmptyLines, kCatchAll };
  Kind kind;
  size_t index = 0;  // into SchemaFile::blocks
  std::vector<Comment> comments;
  std::string text;
  int blank_lines = 0;
  Span span;
};

struct SchemaFile {
  uint32_t file_id = 0;
  std::vector<Block> blocks;
  std::vector<TopEntry> entries;
};

// A whole (possibly multi-file) schema.
struct Ast {
  std::vector<SchemaFile> files;
};

}  // namespace airlock::schema::ast
