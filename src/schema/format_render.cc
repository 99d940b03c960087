// Reprints a parsed schema file the way `prisma format` does (Prisma's
// psl/schema-ast reformat): blocks get canonical headers and two-space
// indentation, each run of fields / enum values / key-values between blank
// lines is one aligned table, comments stay where they are (a comment
// directly above a block attribute moves with it), block attributes go last
// after one blank line, field and block attributes are put in Prisma's
// canonical order, invalid lines are kept as written.
#include <algorithm>
#include <array>
#include <string_view>

#include "schema/format_internal.h"
#include "schema/format_table.h"

namespace airlock::schema::format {
namespace {

using ast::BlockEntry;

// Prisma orders attributes by this list; others keep their order, last.
size_t AttributeRank(const std::string& name) {
  static constexpr std::array<std::string_view, 9> kOrder = {
      "id",       "unique", "default",  "updatedAt", "index",
      "fulltext", "map",    "relation", "ignore"};
  for (size_t i = 0; i < kOrder.size(); ++i)
    if (name == kOrder[i]) return i;
  return kOrder.size();
}

// Rust's str::trim (Unicode White_Space) for the characters that matter here.
size_t LeadingSpace(std::string_view s, size_t i) {
  unsigned char c = s[i];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f')
    return 1;
  if (c == 0xC2 && i + 1 < s.size() &&
      ((unsigned char)s[i + 1] == 0xA0 || (unsigned char)s[i + 1] == 0x85))
    return 2;
  if (i + 2 < s.size()) {
    unsigned char c1 = s[i + 1], c2 = s[i + 2];
    if (c == 0xE1 && c1 == 0x9A && c2 == 0x80) return 3;
    if (c == 0xE2 && c1 == 0x80 &&
        (c2 <= 0x8A || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF))
      return 3;
    if (c == 0xE2 && c1 == 0x81 && c2 == 0x9F) return 3;
    if (c == 0xE3 && c1 == 0x80 && c2 == 0x80) return 3;
  }
  return 0;
}

std::string_view TrimStart(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    size_t n = LeadingSpace(s, i);
    if (n == 0) break;
    i += n;
  }
  return s.substr(i);
}

std::string_view TrimEnd(std::string_view s) {
  // Walk forward to find the end of the last non-space character.
  size_t i = 0, end = 0;
  while (i < s.size()) {
    size_t n = LeadingSpace(s, i);
    if (n) {
      i += n;
    } else {
      ++i;
      while (i < s.size() && ((unsigned char)s[i] & 0xC0) == 0x80) ++i;
      end = i;
    }
  }
  return s.substr(0, end);
}

class FileRenderer {
 public:
  FileRenderer(std::string_view text, const ast::SchemaFile& file)
      : text_(text), file_(file) {}

  std::string Run() {
    const auto& entries = file_.entries;
    size_t i = 0;
    if (i < entries.size() &&
        entries[i].kind == ast::TopEntry::Kind::kEmptyLines)
      ++i;
    for (; i < entries.size(); ++i) {
      const auto& e = entries[i];
      switch (e.kind) {
        case ast::TopEntry::Kind::kBlock:
          RenderBlock(file_.blocks[e.index]);
          break;
        case ast::TopEntry::Kind::kComment: {
          Table t;
          RenderComments(e.comments, t);
          t.Render(r_);
          break;
        }
        case ast::TopEntry::Kind::kEmptyLines:
          if (i + 1 < entries.size()) r_.EndLine();
          break;
        case ast::TopEntry::Kind::kCatchAll: {
          // Prisma skips whitespace before a top-level element.
          std::string_view raw = Raw(e.span);
          while (!raw.empty() && (raw.front() == ' ' || raw.front() == '\t'))
            raw.remove_prefix(1);
          if (!raw.empty()) r_.Write(raw);
          break;
        }
      }
    }
    std::string& out = r_.out();
    if (out.empty() || out.back() != '\n') out += '\n';
    return std::move(out);
  }

 private:
  std::string_view Raw(Span s) const {
    size_t end = std::min<size_t>(s.end, text_.size());
    size_t start = std::min<size_t>(s.start, end);
    return text_.substr(start, end - start);
  }

  // The raw line of an entry without its final '\n' (as Prisma keeps
  // invalid lines: a '\r' of a CRLF ending stays).
  std::string_view RawLine(Span s) const {
    std::string_view v = Raw(s);
    while (!v.empty() && v.back() == '\n') v.remove_suffix(1);
    return v;
  }

  void RenderComments(const std::vector<ast::Comment>& comments, Table& t) {
    for (const auto& c : comments) {
      std::string_view text = c.text;
      if (text.substr(0, 2) != "/*") {
        t.NewRow();
        t.AppendSuffix(text);
        continue;
      }
      // A block comment becomes `/**`, ` * line`..., ` */`.
      size_t close = text.find("*/", 2);
      if (close == std::string_view::npos) close = text.size();
      std::string_view inner = text.substr(2, close - 2);
      t.NewRow();
      t.AppendSuffix("/**");
      size_t pos = 0;
      while (pos <= inner.size()) {
        size_t nl = inner.find('\n', pos);
        if (nl == std::string_view::npos) nl = inner.size();
        std::string_view line = inner.substr(pos, nl - pos);
        pos = nl + 1;
        line = TrimEnd(TrimStart(line));
        if (!line.empty() && line.front() == '*')
          line = TrimStart(line.substr(1));
        if (!line.empty()) {
          t.NewRow();
          t.AppendSuffix(" * ");
          t.AppendSuffix(line);
        }
        if (nl == inner.size()) break;
      }
      t.NewRow();
      t.AppendSuffix(" */");
    }
  }

  void RenderExpression(const ast::Expression& e, std::string& out) {
    switch (e.kind) {
      case ast::Expression::Kind::kNumber:
      case ast::Expression::Kind::kString:
        out += Raw(e.span);
        break;
      case ast::Expression::Kind::kConstant:
        out += e.value;
        break;
      case ast::Expression::Kind::kFunction:
        out += e.value;
        RenderArguments(e.args, out);
        break;
      case ast::Expression::Kind::kArray:
        out += '[';
        for (size_t i = 0; i < e.items.size(); ++i) {
          if (i) out += ", ";
          RenderExpression(e.items[i], out);
        }
        out += ']';
        break;
    }
  }

  void RenderArguments(const std::vector<ast::Argument>& args,
                       std::string& out) {
    out += '(';
    for (size_t i = 0; i < args.size(); ++i) {
      if (i) out += ", ";
      if (args[i].name) {
        out += args[i].name->name;
        out += ": ";
      }
      if (args[i].value) RenderExpression(*args[i].value, out);
    }
    out += ')';
  }

  void RenderAttribute(const ast::Attribute& a, std::string_view prefix,
                       std::string& out) {
    out += prefix;
    out += a.name.name;
    if (a.arguments) RenderArguments(a.arguments->args, out);
  }

  std::string FieldType(const ast::FieldType& t) {
    std::string out;
    std::string_view raw = Raw(t.span);
    if (t.unsupported) {
      // `Unsupported("…")` as written (up to its closing parenthesis).
      size_t close = raw.rfind(')');
      std::string_view base = raw.substr(
          0, close == std::string_view::npos ? raw.size() : close + 1);
      if (!base.empty() && base.front() == '[') base.remove_prefix(1);
      out += base;
    } else {
      out += t.name.name;
    }
    switch (t.arity) {
      case ast::Arity::kRequired:
        break;
      case ast::Arity::kOptional:
        out += '?';
        break;
      case ast::Arity::kList:
        out += (!raw.empty() && raw.back() == '?') ? "[]?" : "[]";
        break;
    }
    return out;
  }

  void RenderField(const ast::Field& f, Table& t) {
    t.NewRow();
    t.Cell(0) = f.name.name;
    if (f.type) t.Cell(1) = FieldType(*f.type);
    if (f.trailing_comment) t.AppendSuffix(f.trailing_comment->text);
    std::vector<const ast::Attribute*> attrs;
    for (const auto& a : f.attributes) attrs.push_back(&a);
    std::stable_sort(attrs.begin(), attrs.end(), [](auto* a, auto* b) {
      return AttributeRank(a->name.name) < AttributeRank(b->name.name);
    });
    std::string& cell = t.Cell(2);
    for (size_t i = 0; i < attrs.size(); ++i) {
      if (i) cell += ' ';
      RenderAttribute(*attrs[i], "@", cell);
    }
  }

  void RenderEnumValue(const ast::EnumValue& v, Table& t) {
    t.NewRow();
    t.Cell(0) = v.name.name;
    for (const auto& a : v.attributes) RenderAttribute(a, "@", t.Cell(1));
    if (v.trailing_comment) t.AppendSuffix(v.trailing_comment->text);
  }

  void RenderKeyValue(const ast::KeyValue& kv, const BlockEntry& e, Table& t) {
    if (!kv.value) {  // `key =` alone is an invalid line for Prisma
      t.Interleave(RawLine(e.span));
      return;
    }
    t.NewRow();
    t.Cell(0) = kv.key.name;
    std::string& cell = t.Cell(1);
    cell = "= ";
    RenderExpression(*kv.value, cell);
    if (kv.trailing_comment) t.AppendSuffix(kv.trailing_comment->text);
  }

  void RenderBlock(const ast::Block& b) {
    r_.Write(Raw(b.keyword_span));
    r_.Write(" ");
    r_.Write(b.name.name);
    r_.Write(" {");
    r_.EndLine();
    r_.IndentUp();

    struct PendingAttribute {
      const BlockEntry* comment;
      size_t index;
    };
    std::vector<PendingAttribute> attributes;
    const BlockEntry* pending_comment = nullptr;
    Table table;
    const auto& entries = b.entries;
    auto is = [&](size_t i, BlockEntry::Kind k) {
      return i < entries.size() && entries[i].kind == k;
    };
    size_t i = 0;
    if (is(i, BlockEntry::Kind::kEmptyLines)) ++i;
    while (true) {
      bool ate_empty_lines = false;
      if (is(i, BlockEntry::Kind::kEmptyLines)) {
        ate_empty_lines = true;
        ++i;
        if (i < entries.size() && !is(i, BlockEntry::Kind::kAttribute) &&
            !is(i, BlockEntry::Kind::kComment)) {
          // A blank line starts a new table.
          table.Render(r_);
          table.NewRow();
        }
      }
      if (i >= entries.size()) break;
      const BlockEntry& e = entries[i++];
      switch (e.kind) {
        case BlockEntry::Kind::kComment:
          if (is(i, BlockEntry::Kind::kAttribute)) {
            pending_comment = &e;  // moves with the attribute
          } else {
            if (ate_empty_lines) {
              table.Render(r_);
              table.NewRow();
            }
            RenderComments(e.comments, table);
          }
          break;
        case BlockEntry::Kind::kField:
          RenderField(b.fields[e.index], table);
          break;
        case BlockEntry::Kind::kKeyValue:
          RenderKeyValue(b.properties[e.index], e, table);
          break;
        case BlockEntry::Kind::kEnumValue:
          RenderEnumValue(b.values[e.index], table);
          break;
        case BlockEntry::Kind::kAttribute:
          attributes.push_back({pending_comment, e.index});
          pending_comment = nullptr;
          break;
        case BlockEntry::Kind::kCatchAll:
          table.Interleave(RawLine(e.span));
          break;
        case BlockEntry::Kind::kEmptyLines:
          break;
      }
    }
    table.Render(r_);
    if (!attributes.empty()) table.NewRow();
    std::stable_sort(attributes.begin(), attributes.end(),
                     [&](const PendingAttribute& x, const PendingAttribute& y) {
                       return AttributeRank(b.attributes[x.index].name.name) <
                              AttributeRank(b.attributes[y.index].name.name);
                     });
    for (const auto& a : attributes) {
      if (a.comment) RenderComments(a.comment->comments, table);
      table.NewRow();
      RenderAttribute(b.attributes[a.index], "@@", table.Cell(0));
      if (a.index < b.attribute_comments.size() &&
          b.attribute_comments[a.index])
        table.AppendSuffix(b.attribute_comments[a.index]->text);
    }
    table.Render(r_);
    r_.IndentDown();
    r_.Write("}");
    r_.EndLine();
  }

  std::string_view text_;
  const ast::SchemaFile& file_;
  Renderer r_;
};

}  // namespace

std::string RenderFile(std::string_view text, const ast::SchemaFile& file) {
  return FileRenderer(text, file).Run();
}

}  // namespace airlock::schema::format
