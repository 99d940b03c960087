#include "schema/parser.h"

#include <string_view>

#include "schema/messages.h"

namespace airlock::schema {
using namespace ast;
namespace {

// Nesting limit for arrays and argument lists; deeper input becomes a
// catch-all line error instead of exhausting the stack.
constexpr int kMaxDepth = 64;

// Prisma's identifiers are Unicode alphanumerics (`lööps` is valid): bytes
// of multi-byte UTF-8 sequences count as alphanumeric here.
bool IsAlnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c >= 0x80;
}

class Parser {
 public:
  Parser(const SourceSet& sources, uint32_t file_id, Diagnostics& diags)
      : s_(sources[file_id].text), file_(file_id), diags_(diags) {}

  SchemaFile Run() {
    SchemaFile out;
    out.file_id = file_;
    std::optional<std::vector<Comment>> pending_doc;
    while (pos_ < s_.size()) {
      // Whitespace before a top-level element is skipped, also at the start
      // of the file (Prisma accepts an indented first block).
      SkipWs();
      if (pos_ >= s_.size()) break;
      size_t start = pos_;
      Block block;
      if (ModelDeclaration(&block) || EnumDeclaration(&block) ||
          ConfigBlock(&block)) {
        block.span = MakeSpan(start, pos_);
        if (pending_doc) block.documentation = DocText(*pending_doc);
        pending_doc.reset();
        TopEntry e{TopEntry::Kind::kBlock};
        e.index = out.blocks.size();
        e.span = block.span;
        out.blocks.push_back(std::move(block));
        out.entries.push_back(std::move(e));
        continue;
      }
      pending_doc.reset();
      if (TypeAlias()) {
        diags_.Error(msg::kInvalidTypeAlias, MakeSpan(start, pos_));
        TopEntry e{TopEntry::Kind::kCatchAll};
        e.text = std::string(s_.substr(start, pos_ - start));
        e.span = MakeSpan(start, pos_);
        out.entries.push_back(std::move(e));
        continue;
      }
      if (ArbitraryBlock()) {
        diags_.Error(msg::kInvalidBlock, MakeSpan(start, pos_));
        TopEntry e{TopEntry::Kind::kCatchAll};
        e.text = std::string(s_.substr(start, pos_ - start));
        e.span = MakeSpan(start, pos_);
        out.entries.push_back(std::move(e));
        continue;
      }
      std::vector<Comment> comments;
      if (CommentBlock(&comments)) {
        TopEntry e{TopEntry::Kind::kComment};
        e.comments = comments;
        e.span = MakeSpan(start, pos_);
        out.entries.push_back(std::move(e));
        // A comment block directly followed by a declaration documents it.
        pending_doc = std::move(comments);
        continue;
      }
      int blanks = 0;
      if (EmptyLines(&blanks)) {
        TopEntry e{TopEntry::Kind::kEmptyLines};
        e.blank_lines = blanks;
        e.span = MakeSpan(start, pos_);
        out.entries.push_back(std::move(e));
        continue;
      }
      if (CatchAll()) {
        diags_.Error(msg::kInvalidTopLevelLine, MakeSpan(start, pos_));
        TopEntry e{TopEntry::Kind::kCatchAll};
        e.text = TrimNewline(s_.substr(start, pos_ - start));
        e.span = MakeSpan(start, pos_);
        out.entries.push_back(std::move(e));
        continue;
      }
      // Only a lone whitespace tail can get here.
      pos_ = s_.size();
    }
    return out;
  }

 private:
  Span MakeSpan(size_t a, size_t b) const {
    return Span{file_, static_cast<uint32_t>(a), static_cast<uint32_t>(b)};
  }

  static std::string TrimNewline(std::string_view v) {
    while (!v.empty() && (v.back() == '\n' || v.back() == '\r'))
      v.remove_suffix(1);
    return std::string(v);
  }

  static std::string DocText(const std::vector<Comment>& comments) {
    std::string out;
    bool any = false;
    for (const auto& c : comments) {
      std::string_view t = c.text;
      if (t.substr(0, 3) != "///") continue;
      t.remove_prefix(3);
      while (!t.empty() && (t.front() == ' ' || t.front() == '\t'))
        t.remove_prefix(1);
      while (!t.empty() &&
             (t.back() == ' ' || t.back() == '\t' || t.back() == '\r'))
        t.remove_suffix(1);
      if (any) out += '\n';
      out += t;
      any = true;
    }
    return out;
  }

  // Length of one WHITESPACE (Unicode space separator or tab) at p, or 0.
  size_t WsLen(size_t p) const {
    if (p >= s_.size()) return 0;
    unsigned char c = s_[p];
    if (c == ' ' || c == '\t') return 1;
    if (c == 0xC2 && p + 1 < s_.size() && (unsigned char)s_[p + 1] == 0xA0)
      return 2;
    if (p + 2 < s_.size()) {
      unsigned char c1 = s_[p + 1], c2 = s_[p + 2];
      if (c == 0xE1 && c1 == 0x9A && c2 == 0x80) return 3;  // U+1680
      if (c == 0xE2 && c1 == 0x80 && (c2 <= 0x8A || c2 == 0xAF)) return 3;
      if (c == 0xE2 && c1 == 0x81 && c2 == 0x9F) return 3;  // U+205F
      if (c == 0xE3 && c1 == 0x80 && c2 == 0x80) return 3;  // U+3000
    }
    return 0;
  }
  void SkipWs() {
    while (size_t n = WsLen(pos_)) pos_ += n;
  }
  size_t NewlineLen(size_t p) const {
    if (p >= s_.size()) return 0;
    if (s_[p] == '\n') return 1;
    if (s_[p] == '\r') return (p + 1 < s_.size() && s_[p + 1] == '\n') ? 2 : 1;
    return 0;
  }
  bool Newline() {
    size_t n = NewlineLen(pos_);
    pos_ += n;
    return n > 0;
  }
  bool Lit(std::string_view lit) {
    if (s_.substr(pos_, lit.size()) == lit) {
      pos_ += lit.size();
      return true;
    }
    return false;
  }
  bool Peek(std::string_view lit) const {
    return s_.substr(pos_, lit.size()) == lit;
  }
  // Length of one (UTF-8) character at p.
  size_t CharLen(size_t p) const {
    unsigned char c = s_[p];
    size_t n = c < 0x80         ? 1
               : (c >> 5) == 6  ? 2
               : (c >> 4) == 14 ? 3
               : (c >> 3) == 30 ? 4
                                : 1;
    return std::min(n, s_.size() - p);
  }
  // (!NEWLINE ~ ANY)*
  void RestOfLine() {
    while (pos_ < s_.size() && !NewlineLen(pos_)) pos_ += CharLen(pos_);
  }

  bool Ident(Identifier* out) {
    size_t start = pos_;
    if (pos_ >= s_.size() || !IsAlnum(s_[pos_])) return false;
    ++pos_;
    while (pos_ < s_.size() &&
           (IsAlnum(s_[pos_]) || s_[pos_] == '_' || s_[pos_] == '-'))
      ++pos_;
    if (out) {
      out->name = std::string(s_.substr(start, pos_ - start));
      out->span = MakeSpan(start, pos_);
    }
    return true;
  }

  // path = @{ identifier ~ ("." ~ path?)* }
  bool Path(Identifier* out) {
    size_t start = pos_;
    if (!Ident(nullptr)) return false;
    while (pos_ < s_.size() && s_[pos_] == '.') {
      ++pos_;
      Ident(nullptr);
    }
    if (out) {
      out->name = std::string(s_.substr(start, pos_ - start));
      out->span = MakeSpan(start, pos_);
    }
    return true;
  }

  bool Keyword(std::string_view kw) { return Lit(kw); }

  // BLOCK_OPEN = { "{" ~ (!NEWLINE ~ ANY)* ~ NEWLINE }
  bool BlockOpen(std::string* rest) {
    size_t save = pos_;
    if (!Lit("{")) return false;
    size_t rest_start = pos_;
    RestOfLine();
    if (rest) *rest = std::string(s_.substr(rest_start, pos_ - rest_start));
    if (!Newline()) {
      pos_ = save;
      return false;
    }
    return true;
  }

  // Shared loop of model/enum/config blocks. `item` parses one kind-specific
  // entry and returns true when it matched.
  template <typename ItemFn>
  bool BlockBody(Block* b, const char* catch_all_msg, ItemFn item) {
    while (true) {
      SkipWs();
      size_t start = pos_;
      if (Peek("}")) {
        ++pos_;
        return true;
      }
      if (pos_ >= s_.size()) return false;
      if (item()) continue;
      std::vector<Comment> comments;
      if (CommentBlock(&comments)) {
        BlockEntry e{BlockEntry::Kind::kComment};
        e.comments = std::move(comments);
        e.span = MakeSpan(start, pos_);
        b->entries.push_back(std::move(e));
        continue;
      }
      int blanks = 0;
      if (EmptyLines(&blanks)) {
        BlockEntry e{BlockEntry::Kind::kEmptyLines};
        e.blank_lines = blanks;
        e.span = MakeSpan(start, pos_);
        b->entries.push_back(std::move(e));
        continue;
      }
      if (CatchAll()) {
        BlockEntry e{BlockEntry::Kind::kCatchAll};
        e.text = TrimNewline(s_.substr(start, pos_ - start));
        e.span = MakeSpan(start, pos_);
        pending_errors_.push_back({catch_all_msg, e.span});
        b->entries.push_back(std::move(e));
        continue;
      }
      return false;
    }
  }

  // Errors found inside a block are only reported when the block itself
  // parses (otherwise its lines are re-read as top-level catch-alls).
  void FlushPending(size_t from) {
    for (size_t i = from; i < pending_errors_.size(); ++i)
      diags_.Error(pending_errors_[i].first, pending_errors_[i].second);
    pending_errors_.resize(from);
  }

  bool ModelDeclaration(Block* b) {
    size_t save = pos_;
    size_t pending = pending_errors_.size();
    if (Keyword("model")) {
      b->kind = BlockKind::kModel;
    } else if (Keyword("type")) {
      b->kind = BlockKind::kCompositeType;
    } else if (Keyword("view")) {
      b->kind = BlockKind::kView;
    } else {
      return false;
    }
    b->keyword_span = MakeSpan(save, pos_);
    SkipWs();
    if (!Ident(&b->name)) return Fail(save, pending);
    SkipWs();
    if (!BlockOpen(&b->open_rest)) return Fail(save, pending);
    std::optional<std::vector<Comment>> pending_doc;
    bool ok = BlockBody(b, msg::kInvalidModelLine, [&]() {
      size_t start = pos_;
      Field f;
      if (FieldDeclaration(&f)) {
        f.span = MakeSpan(start, pos_);
        if (pending_doc) f.documentation = DocText(*pending_doc);
        pending_doc.reset();
        if (!f.type) {
          pending_errors_.push_back(
              {msg::InvalidFieldDeclaration(b->KeywordName(), b->name.name),
               f.span});
        }
        BlockEntry e{BlockEntry::Kind::kField};
        e.index = b->fields.size();
        e.span = f.span;
        b->fields.push_back(std::move(f));
        b->entries.push_back(std::move(e));
        return true;
      }
      pos_ = start;
      Attribute a;
      std::optional<Comment> trailing;
      if (BlockAttribute(&a, &trailing)) {
        SkipWs();
        if (Newline()) {
          BlockEntry e{BlockEntry::Kind::kAttribute};
          e.index = b->attributes.size();
          e.span = a.span;
          b->attributes.push_back(std::move(a));
          b->attribute_comments.push_back(std::move(trailing));
          b->entries.push_back(std::move(e));
          pending_doc.reset();
          return true;
        }
      }
      pos_ = start;
      std::vector<Comment> comments;
      size_t cstart = pos_;
      if (CommentBlock(&comments)) {
        BlockEntry e{BlockEntry::Kind::kComment};
        e.comments = comments;
        e.span = MakeSpan(cstart, pos_);
        b->entries.push_back(std::move(e));
        pending_doc = std::move(comments);
        return true;
      }
      pending_doc.reset();
      return false;
    });
    if (!ok) return Fail(save, pending);
    FlushPending(pending);
    return true;
  }

  bool EnumDeclaration(Block* b) {
    size_t save = pos_;
    size_t pending = pending_errors_.size();
    if (!Keyword("enum")) return false;
    b->kind = BlockKind::kEnum;
    b->keyword_span = MakeSpan(save, pos_);
    SkipWs();
    if (!Ident(&b->name)) return Fail(save, pending);
    SkipWs();
    if (!BlockOpen(&b->open_rest)) return Fail(save, pending);
    std::optional<std::vector<Comment>> pending_doc;
    bool ok = BlockBody(b, msg::kInvalidEnumLine, [&]() {
      size_t start = pos_;
      EnumValue v;
      if (EnumValueDeclaration(&v)) {
        v.span = MakeSpan(start, pos_);
        if (pending_doc) v.documentation = DocText(*pending_doc);
        pending_doc.reset();
        BlockEntry e{BlockEntry::Kind::kEnumValue};
        e.index = b->values.size();
        e.span = v.span;
        b->values.push_back(std::move(v));
        b->entries.push_back(std::move(e));
        return true;
      }
      pos_ = start;
      Attribute a;
      std::optional<Comment> trailing;
      if (BlockAttribute(&a, &trailing)) {
        SkipWs();
        if (Newline()) {
          BlockEntry e{BlockEntry::Kind::kAttribute};
          e.index = b->attributes.size();
          e.span = a.span;
          b->attributes.push_back(std::move(a));
          b->attribute_comments.push_back(std::move(trailing));
          b->entries.push_back(std::move(e));
          pending_doc.reset();
          return true;
        }
      }
      pos_ = start;
      std::vector<Comment> comments;
      if (CommentBlock(&comments)) {
        BlockEntry e{BlockEntry::Kind::kComment};
        e.comments = comments;
        e.span = MakeSpan(start, pos_);
        b->entries.push_back(std::move(e));
        pending_doc = std::move(comments);
        return true;
      }
      pending_doc.reset();
      return false;
    });
    if (!ok) return Fail(save, pending);
    FlushPending(pending);
    return true;
  }

  bool ConfigBlock(Block* b) {
    size_t save = pos_;
    size_t pending = pending_errors_.size();
    const char* catch_msg;
    if (Keyword("datasource")) {
      b->kind = BlockKind::kDatasource;
      catch_msg = msg::kInvalidDatasourceLine;
    } else if (Keyword("generator")) {
      b->kind = BlockKind::kGenerator;
      catch_msg = msg::kInvalidGeneratorLine;
    } else {
      return false;
    }
    b->keyword_span = MakeSpan(save, pos_);
    SkipWs();
    if (!Ident(&b->name)) return Fail(save, pending);
    SkipWs();
    if (!BlockOpen(&b->open_rest)) return Fail(save, pending);
    bool ok = BlockBody(b, catch_msg, [&]() {
      size_t start = pos_;
      KeyValue kv;
      if (KeyValueDeclaration(&kv)) {
        BlockEntry e{BlockEntry::Kind::kKeyValue};
        e.index = b->properties.size();
        e.span = MakeSpan(start, pos_);
        b->properties.push_back(std::move(kv));
        b->entries.push_back(std::move(e));
        return true;
      }
      pos_ = start;
      return false;
    });
    if (!ok) return Fail(save, pending);
    FlushPending(pending);
    return true;
  }

  bool Fail(size_t save, size_t pending) {
    pos_ = save;
    pending_errors_.resize(pending);
    return false;
  }

  // key_value = { identifier ~ "=" ~ expression? ~ trailing_comment? },
  // followed by NEWLINE
  bool KeyValueDeclaration(KeyValue* kv) {
    size_t save = pos_;
    LineCheckpoint cp(this);
    if (!Ident(&kv->key)) return false;
    SkipWs();
    if (!Lit("=")) return Restore(save);
    SkipWs();
    Expression e;
    size_t before = pos_;
    if (ParseExpression(&e, 0)) {
      kv->value = std::move(e);
      SkipWs();
    } else {
      pos_ = before;
    }
    Comment c;
    if (TrailingComment(&c)) kv->trailing_comment = std::move(c);
    SkipWs();
    // Prisma's span of the property: up to the line end, without it.
    kv->span = MakeSpan(save, pos_);
    if (!Newline()) return Restore(save);
    cp.kept = true;
    return true;
  }

  // Drops errors queued by a line rule that finally did not match.
  struct LineCheckpoint {
    explicit LineCheckpoint(Parser* p) : p(p), n(p->pending_errors_.size()) {}
    ~LineCheckpoint() {
      if (!kept) p->pending_errors_.resize(n);
    }
    Parser* p;
    size_t n;
    bool kept = false;
  };

  bool Restore(size_t save) {
    pos_ = save;
    return false;
  }

  // enum_value_declaration = { identifier ~ field_attribute* ~
  //                            trailing_comment? ~ NEWLINE }
  bool EnumValueDeclaration(EnumValue* v) {
    size_t save = pos_;
    LineCheckpoint cp(this);
    if (!Ident(&v->name)) return false;
    SkipWs();
    while (true) {
      Attribute a;
      size_t before = pos_;
      if (!FieldAttribute(&a)) {
        pos_ = before;
        break;
      }
      v->attributes.push_back(std::move(a));
      SkipWs();
    }
    Comment c;
    if (TrailingComment(&c)) v->trailing_comment = std::move(c);
    SkipWs();
    if (!Newline()) return Restore(save);
    cp.kept = true;
    return true;
  }

  // field_declaration = { identifier ~ LEGACY_COLON? ~ field_type? ~
  //                       field_attribute* ~ trailing_comment? ~ NEWLINE }
  bool FieldDeclaration(Field* f) {
    size_t save = pos_;
    LineCheckpoint cp(this);
    if (!Ident(&f->name)) return false;
    SkipWs();
    if (Lit(":")) {
      f->legacy_colon = true;
      SkipWs();
    }
    FieldType t;
    size_t before = pos_;
    if (ParseFieldType(&t)) {
      f->type = std::move(t);
      SkipWs();
    } else {
      pos_ = before;
    }
    while (true) {
      Attribute a;
      size_t at = pos_;
      if (!FieldAttribute(&a)) {
        pos_ = at;
        break;
      }
      f->attributes.push_back(std::move(a));
      SkipWs();
    }
    Comment c;
    if (TrailingComment(&c)) f->trailing_comment = std::move(c);
    SkipWs();
    if (!Newline()) return Restore(save);
    cp.kept = true;
    return true;
  }

  // base_type = { unsupported_type | identifier }
  bool BaseType(FieldType* t) {
    size_t save = pos_;
    if (Lit("Unsupported(")) {
      SkipWs();
      Expression str;
      size_t str_start = pos_;
      if (StringLiteral(&str)) {
        SkipWs();
        if (Lit(")")) {
          t->unsupported = true;
          t->name.name = str.value;
          t->name.span = MakeSpan(str_start, str.span.end);
          return true;
        }
      }
      pos_ = save;
    }
    return Ident(&t->name);
  }

  bool ParseFieldType(FieldType* t) {
    size_t save = pos_;
    auto finish = [&](Arity arity) {
      t->arity = arity;
      t->span = MakeSpan(save, pos_);
      return true;
    };
    // unsupported_optional_list_type = { base_type ~ "[]" ~ "?" }
    if (BaseType(t)) {
      size_t after_base = pos_;
      SkipWs();
      if (Lit("[]")) {
        size_t after_list = pos_;
        SkipWs();
        if (Lit("?")) {
          t->span = MakeSpan(save, pos_);
          legacy_errors_.push_back({msg::kOptionalListUnsupported, t->span});
          t->arity = Arity::kList;
          FlushLegacy();
          return true;
        }
        pos_ = after_list;
        return finish(Arity::kList);
      }
      if (Lit("?")) return finish(Arity::kOptional);
      if (Lit("!")) {
        t->span = MakeSpan(save, pos_);
        legacy_errors_.push_back({msg::kLegacyRequired, t->span});
        FlushLegacy();
        return finish(Arity::kRequired);
      }
      pos_ = after_base;
      return finish(Arity::kRequired);
    }
    pos_ = save;
    // legacy_list_type = { "[" ~ base_type ~ "]" }
    if (Lit("[")) {
      SkipWs();
      if (BaseType(t)) {
        SkipWs();
        if (Lit("]")) {
          t->span = MakeSpan(save, pos_);
          legacy_errors_.push_back({msg::kLegacyList, t->span});
          FlushLegacy();
          return finish(Arity::kList);
        }
      }
    }
    pos_ = save;
    return false;
  }

  // Legacy type errors belong to the field; they are queued like catch-alls
  // so that a line that finally fails to parse does not report them.
  void FlushLegacy() {
    for (auto& e : legacy_errors_) pending_errors_.push_back(e);
    legacy_errors_.clear();
  }

  // field_attribute = { "@" ~ path ~ arguments_list? }
  // As in pest, the span of an attribute without arguments takes in the
  // whitespace after the path (Prisma's diagnostics highlight it).
  bool FieldAttribute(Attribute* a) {
    size_t start = pos_;
    if (!Lit("@")) return false;
    if (Peek("@")) return Restore(start);
    SkipWs();
    if (!Path(&a->name)) return Restore(start);
    size_t after_path = pos_;
    SkipWs();
    size_t after_ws = pos_;
    ArgumentList args;
    if (ArgumentsList(&args, 0)) {
      a->arguments = std::move(args);
      a->span = MakeSpan(start, pos_);
    } else {
      a->span = MakeSpan(start, after_ws);
      pos_ = after_path;
    }
    return true;
  }

  // block_attribute = { "@@" ~ path ~ arguments_list? ~ trailing_comment? }
  // As in pest, the span runs over the whitespace after the path or the
  // arguments and over a trailing comment.
  bool BlockAttribute(Attribute* a, std::optional<Comment>* trailing) {
    size_t start = pos_;
    if (!Lit("@@")) return false;
    SkipWs();
    if (!Path(&a->name)) return Restore(start);
    SkipWs();
    ArgumentList args;
    size_t before_args = pos_;
    if (ArgumentsList(&args, 0)) {
      a->arguments = std::move(args);
      SkipWs();
    } else {
      pos_ = before_args;
    }
    size_t before_comment = pos_;
    Comment c;
    if (TrailingComment(&c)) {
      *trailing = std::move(c);
    } else {
      pos_ = before_comment;
    }
    a->span = MakeSpan(start, pos_);
    return true;
  }

  // arguments_list = { "(" ~ (argument ~ ("," ~ argument)*)? ~
  //                    trailing_comma? ~ ")" }
  bool ArgumentsList(ArgumentList* list, int depth) {
    size_t start = pos_;
    if (depth > kMaxDepth) return false;
    if (!Lit("(")) return false;
    SkipWs();
    Argument arg;
    if (ParseArgument(&arg, depth + 1)) {
      list->args.push_back(std::move(arg));
      while (true) {
        size_t before = pos_;
        SkipWs();
        if (!Lit(",")) {
          pos_ = before;
          break;
        }
        SkipWs();
        Argument next;
        if (!ParseArgument(&next, depth + 1)) {
          pos_ = before;
          break;
        }
        list->args.push_back(std::move(next));
      }
    }
    SkipWs();
    if (Lit(",")) {
      list->trailing_comma = true;
      SkipWs();
    }
    if (!Lit(")")) return Restore(start);
    list->span = MakeSpan(start, pos_);
    return true;
  }

  // argument = _{ named_argument | empty_argument | expression }
  bool ParseArgument(Argument* arg, int depth) {
    size_t start = pos_;
    Identifier name;
    if (Ident(&name)) {
      SkipWs();
      if (Lit(":")) {
        size_t after_colon = pos_;
        SkipWs();
        Expression e;
        arg->name = name;
        if (ParseExpression(&e, depth)) {
          arg->value = std::move(e);
        } else {
          pos_ = after_colon;
        }
        arg->span = MakeSpan(start, pos_);
        return true;
      }
    }
    pos_ = start;
    Expression e;
    if (!ParseExpression(&e, depth)) return Restore(start);
    arg->value = std::move(e);
    arg->span = MakeSpan(start, pos_);
    return true;
  }

  // expression = { function_call | array_expression | numeric_literal |
  //                string_literal | path }
  bool ParseExpression(Expression* e, int depth) {
    size_t start = pos_;
    if (depth > kMaxDepth) return false;
    Identifier path;
    if (Path(&path)) {
      size_t after = pos_;
      SkipWs();
      ArgumentList args;
      if (ArgumentsList(&args, depth + 1)) {
        e->kind = Expression::Kind::kFunction;
        e->value = path.name;
        e->args = std::move(args.args);
        e->args_trailing_comma = args.trailing_comma;
        e->args_span = args.span;
        e->span = MakeSpan(start, pos_);
        return true;
      }
      pos_ = after;
    }
    pos_ = start;
    if (Lit("[")) {
      e->kind = Expression::Kind::kArray;
      SkipWs();
      Expression item;
      if (ParseExpression(&item, depth + 1)) {
        e->items.push_back(std::move(item));
        while (true) {
          size_t before = pos_;
          SkipWs();
          if (!Lit(",")) {
            pos_ = before;
            break;
          }
          SkipWs();
          Expression next;
          if (!ParseExpression(&next, depth + 1)) {
            pos_ = before;
            break;
          }
          e->items.push_back(std::move(next));
        }
      }
      SkipWs();
      if (Lit("]")) {
        e->span = MakeSpan(start, pos_);
        return true;
      }
      e->items.clear();
      pos_ = start;
    }
    if (NumericLiteral(e)) return true;
    if (StringLiteral(e)) return true;
    if (Path(&path)) {
      e->kind = Expression::Kind::kConstant;
      e->value = path.name;
      e->span = path.span;
      return true;
    }
    return Restore(start);
  }

  // numeric_literal = @{ ("-")? ~ ASCII_DIGIT+ ~ ("." ~ ASCII_DIGIT+)? }
  bool NumericLiteral(Expression* e) {
    size_t start = pos_;
    auto digit = [&](size_t p) {
      return p < s_.size() && s_[p] >= '0' && s_[p] <= '9';
    };
    if (pos_ < s_.size() && s_[pos_] == '-') ++pos_;
    if (!digit(pos_)) return Restore(start);
    while (digit(pos_)) ++pos_;
    if (pos_ < s_.size() && s_[pos_] == '.' && digit(pos_ + 1)) {
      ++pos_;
      while (digit(pos_)) ++pos_;
    }
    e->kind = Expression::Kind::kNumber;
    e->value = std::string(s_.substr(start, pos_ - start));
    e->span = MakeSpan(start, pos_);
    return true;
  }

  static void AppendUtf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  // string_literal: JSON string syntax; the value is decoded.
  bool StringLiteral(Expression* e) {
    size_t start = pos_;
    if (!Lit("\"")) return false;
    std::string value;
    std::vector<Span> bad_escapes;
    while (true) {
      if (pos_ >= s_.size()) return Restore(start);
      unsigned char c = s_[pos_];
      if (c == '"') break;
      if (c < 0x20) return Restore(start);
      if (c == '\\') {
        if (pos_ + 1 >= s_.size()) return Restore(start);
        size_t esc = pos_;
        char n = s_[pos_ + 1];
        size_t len = CharLen(pos_ + 1);
        pos_ += 1 + len;
        switch (n) {
          case '"':
            value += '"';
            break;
          case '\\':
            value += '\\';
            break;
          case '/':
            value += '/';
            break;
          case 'b':
            value += '\b';
            break;
          case 'f':
            value += '\f';
            break;
          case 'n':
            value += '\n';
            break;
          case 'r':
            value += '\r';
            break;
          case 't':
            value += '\t';
            break;
          case 'u': {
            uint32_t cp = 0;
            bool ok = pos_ + 4 <= s_.size();
            for (int i = 0; ok && i < 4; ++i) {
              char h = s_[pos_ + i];
              cp <<= 4;
              if (h >= '0' && h <= '9')
                cp |= h - '0';
              else if (h >= 'a' && h <= 'f')
                cp |= h - 'a' + 10;
              else if (h >= 'A' && h <= 'F')
                cp |= h - 'A' + 10;
              else
                ok = false;
            }
            if (ok) {
              pos_ += 4;
              AppendUtf8(value, cp);
            } else {
              bad_escapes.push_back(MakeSpan(esc, pos_));
            }
            break;
          }
          default:
            bad_escapes.push_back(MakeSpan(esc, pos_));
            value.append(s_.substr(esc + 1, len));
        }
        continue;
      }
      size_t len = CharLen(pos_);
      value.append(s_.substr(pos_, len));
      pos_ += len;
    }
    ++pos_;  // closing quote
    for (const auto& sp : bad_escapes)
      pending_errors_.push_back({msg::kUnknownEscape, sp});
    e->kind = Expression::Kind::kString;
    e->value = std::move(value);
    e->span = MakeSpan(start, pos_);
    return true;
  }

  // trailing_comment = ${ doc_comment | comment | multi_line_comment }
  bool TrailingComment(Comment* c) {
    size_t save = pos_;
    SkipWs();
    size_t start = pos_;
    if (Lit("/*")) {
      // A block comment (Prisma 5+), possibly over several lines.
      size_t close = s_.find("*/", pos_);
      if (close == std::string_view::npos) return Restore(save);
      pos_ = close + 2;
    } else if (Lit("//")) {
      RestOfLine();
    } else {
      return Restore(save);
    }
    c->text = std::string(s_.substr(start, pos_ - start));
    c->span = MakeSpan(start, pos_);
    return true;
  }

  // comment_block = ${ ((doc_comment | comment) ~ NEWLINE?)+ }
  bool CommentBlock(std::vector<Comment>* out) {
    size_t save = pos_;
    while (true) {
      size_t line_start = pos_;
      SkipWs();
      size_t start = pos_;
      if (Peek("/*")) {
        // Block comment (Prisma 5+): may span lines; kept verbatim. What
        // follows on its last line is read on its own (another comment, or
        // a declaration).
        size_t close = s_.find("*/", pos_ + 2);
        if (close == std::string_view::npos) {
          pos_ = line_start;
          break;
        }
        pos_ = close + 2;
      } else if (!Lit("//")) {
        pos_ = line_start;
        break;
      } else {
        RestOfLine();
      }
      out->push_back(Comment{std::string(s_.substr(start, pos_ - start)),
                             MakeSpan(start, pos_)});
      Newline();
    }
    if (out->empty()) return Restore(save);
    return true;
  }

  // empty_lines = @{ (WHITESPACE* ~ NEWLINE)+ }
  bool EmptyLines(int* count) {
    size_t save = pos_;
    *count = 0;
    while (true) {
      size_t line = pos_;
      SkipWs();
      if (!Newline()) {
        pos_ = line;
        break;
      }
      ++*count;
    }
    if (*count == 0) return Restore(save);
    return true;
  }

  // CATCH_ALL = { (!NEWLINE ~ ANY)+ ~ NEWLINE? }
  bool CatchAll() {
    size_t start = pos_;
    RestOfLine();
    if (pos_ == start) return false;
    Newline();
    return true;
  }

  // type_alias = { TYPE_KEYWORD ~ identifier ~ "=" ~ base_type ~
  //                field_attribute* }
  bool TypeAlias() {
    size_t save = pos_;
    if (!Keyword("type")) return false;
    SkipWs();
    if (!Ident(nullptr)) return Restore(save);
    SkipWs();
    if (!Lit("=")) return Restore(save);
    SkipWs();
    FieldType t;
    if (!BaseType(&t)) return Restore(save);
    while (true) {
      size_t before = pos_;
      SkipWs();
      Attribute a;
      if (!FieldAttribute(&a)) {
        pos_ = before;
        break;
      }
    }
    return true;
  }

  // arbitrary_block = { identifier ~ BLOCK_OPEN ~
  //                     ((!BLOCK_CLOSE ~ ANY) | NEWLINE)* ~ BLOCK_CLOSE }
  bool ArbitraryBlock() {
    size_t save = pos_;
    if (!Ident(nullptr)) return false;
    SkipWs();
    if (!BlockOpen(nullptr)) return Restore(save);
    size_t close = s_.find('}', pos_);
    if (close == std::string_view::npos) return Restore(save);
    pos_ = close + 1;
    return true;
  }

  std::string_view s_;
  size_t pos_ = 0;
  uint32_t file_;
  Diagnostics& diags_;
  std::vector<std::pair<std::string, Span>> pending_errors_;
  std::vector<std::pair<std::string, Span>> legacy_errors_;
};

}  // namespace

const char* ast::Expression::Describe() const {
  switch (kind) {
    case Kind::kNumber:
      return "numeric";
    case Kind::kString:
      return "string";
    case Kind::kConstant:
      return "constant";
    case Kind::kFunction:
      return "functional";
    case Kind::kArray:
      return "array";
  }
  return "";
}

std::string ast::Expression::Text(const SourceSet& sources) const {
  return sources[span.file].text.substr(span.start, span.end - span.start);
}

const char* ast::Block::KeywordName() const {
  switch (kind) {
    case BlockKind::kModel:
      return "model";
    case BlockKind::kView:
      return "view";
    case BlockKind::kCompositeType:
      return "composite type";
    case BlockKind::kEnum:
      return "enum";
    case BlockKind::kDatasource:
      return "datasource";
    case BlockKind::kGenerator:
      return "generator";
  }
  return "";
}

SchemaFile ParseFile(const SourceSet& sources, uint32_t file_id,
                     Diagnostics& diags) {
  return Parser(sources, file_id, diags).Run();
}

Ast ParseSchema(const SourceSet& sources, Diagnostics& diags) {
  Ast ast;
  for (uint32_t i = 0; i < sources.size(); ++i) {
    ast.files.push_back(ParseFile(sources, i, diags));
  }
  return ast;
}

}  // namespace airlock::schema
