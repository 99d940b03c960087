// Unit tests of the formatter: line ends, empty input, comments, broken
// input (never crash, never lose text), idempotence, relation additions and
// the inflection of added field names.
#include "schema/format.h"

#include <gtest/gtest.h>

#include <string>

#include "schema/format_inflect.h"

namespace airlock::schema {
namespace {

std::string Fmt(const std::string& text) {
  return Format({{"schema.prisma", text}})[0];
}

// Every non-blank character of `in` appears in `out`, in order (whitespace
// may change, text may not be lost).
bool KeepsText(const std::string& in, const std::string& out) {
  size_t j = 0;
  for (char c : in) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    while (j < out.size() && out[j] != c) ++j;
    if (j == out.size()) return false;
    ++j;
  }
  return true;
}

void ExpectIdempotent(const std::string& in) {
  std::string once = Fmt(in);
  EXPECT_EQ(Fmt(once), once) << "input:\n" << in;
}

TEST(Format, AlignsFieldsAndSortsAttributes) {
  EXPECT_EQ(Fmt("model A {\n  id Int @default(1) @id\n  longer String?\n}\n"),
            "model A {\n"
            "  id     Int     @id @default(1)\n"
            "  longer String?\n"
            "}\n");
}

TEST(Format, CrlfInputGivesLfOutput) {
  std::string lf =
      "datasource db {\n  provider = \"sqlite\"\n}\n\n// c\nmodel A {\n"
      "  id Int @id // t\n\n  b String?\n}\n";
  std::string crlf;
  for (char c : lf) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  EXPECT_EQ(Fmt(crlf), Fmt(lf));
  EXPECT_EQ(Fmt(crlf).find('\r'), std::string::npos);
  ExpectIdempotent(crlf);
}

TEST(Format, CrOnlyInput) {
  std::string cr = "model A {\r  id Int @id\r  name String\r}\r";
  EXPECT_EQ(Fmt(cr), "model A {\n  id   Int    @id\n  name String\n}\n");
}

TEST(Format, EmptyAndBlankFiles) {
  EXPECT_EQ(Fmt(""), "\n");
  EXPECT_EQ(Fmt("\n\n\n"), "\n");
  EXPECT_EQ(Fmt("   \t  "), "\n");
}

TEST(Format, EnumValueAttributesAreJoinedWithoutSpace) {
  // Prisma 7.10.1 prints `X  @map("x")@foo` (seen in its error output).
  EXPECT_EQ(Fmt("enum E {\n  X @map(\"x\") @foo\n  YY\n}\n"),
            "enum E {\n  X  @map(\"x\")@foo\n  YY\n}\n");
}

TEST(Format, IndentedFirstBlock) {
  // Prisma 7.10.1 formats this as a model (not as invalid lines).
  EXPECT_EQ(Fmt("  model A {\n  id Int @id\n}\n"),
            "model A {\n  id Int @id\n}\n");
}

TEST(Format, BlankLinesBetweenAndInsideBlocks) {
  EXPECT_EQ(
      Fmt("\n\nmodel A {\n\n  id Int @id\n\n\n  x Int\n\n}\nmodel B {\n"
          "  id Int @id\n}\n\n\n"),
      "model A {\n  id Int @id\n\n  x Int\n}\n\nmodel B {\n  id Int @id\n}\n");
}

TEST(Format, CommentsEverywhereAreKept) {
  std::string in =
      "// top\n/// doc\nmodel A { // after brace is dropped by Prisma\n"
      "  // before field\n  id Int @id // trailing\n  /* block */ x Int\n"
      "  // before attribute\n  @@index([x]) // on attribute\n"
      "  // at the end\n}\n/* multi\n   line */\nenum E {\n  A // a\n"
      "  // inside enum\n}\n";
  std::string out = Fmt(in);
  for (const char* s :
       {"// top", "/// doc", "// before field", "// trailing", " * block",
        "// before attribute", "@@index([x]) // on attribute", "// at the end",
        " * multi", " * line", "// a", "// inside enum"}) {
    EXPECT_NE(out.find(s), std::string::npos) << s << "\n" << out;
  }
  ExpectIdempotent(in);
}

TEST(Format, CommentMovesWithBlockAttribute) {
  EXPECT_EQ(
      Fmt("model A {\n  a Int\n  // on map\n  @@map(\"a\")\n"
          "  @@id([a])\n}\n"),
      "model A {\n  a Int\n\n  @@id([a])\n  // on map\n  @@map(\"a\")\n}\n");
}

TEST(Format, InvalidLinesKeptAndOutsideTheLayout) {
  std::string in =
      "model A {\n  id Int @id\n  this is not valid\n  anotherField String\n}\n"
      "garbage at top\n";
  std::string out = Fmt(in);
  EXPECT_EQ(out,
            "model A {\n  id           Int    @id\n  this is not valid\n"
            "  anotherField String\n}\n\ngarbage at top\n");
  ExpectIdempotent(in);
}

TEST(Format, UnterminatedInputNeverLosesText) {
  for (std::string in : {
           std::string("model A {\n  id Int @id\n"),
           std::string("model A {\n  id Int @id"),
           std::string("model A {"),
           std::string("/* never closed\nmodel A {\n  id Int\n}\n"),
           std::string("model A {\n  s String @default(\"unterminated)\n}\n"),
           std::string("datasource db {\n  provider =\n}\n"),
           std::string("enum E {\n  A @map(\n}\n"),
           std::string("model A {\n  b Int @default([[[[1]]]\n}\n"),
       }) {
    std::string out = Fmt(in);
    EXPECT_TRUE(KeepsText(in, out)) << "input:\n" << in << "\noutput:\n" << out;
    ExpectIdempotent(in);
  }
}

TEST(Format, StrayBracesKept) {
  // Like Prisma, a stray `}` right after a block stays on its own line (and
  // a second run adds the blank line that separates top-level elements).
  std::string in = "model A {\n  id Int @id\n}}\n{\n";
  EXPECT_EQ(Fmt(in), "model A {\n  id Int @id\n}\n}\n{\n");
  EXPECT_EQ(Fmt(Fmt(in)), "model A {\n  id Int @id\n}\n\n}\n{\n");
}

TEST(Format, DeepNestingDoesNotCrash) {
  std::string in = "model A {\n  b Int @default(" + std::string(10000, '[') +
                   std::string(10000, ']') + ")\n}\n";
  std::string out = Fmt(in);
  EXPECT_TRUE(KeepsText(in, out));
}

TEST(Format, AddsMissingRelationSides) {
  EXPECT_EQ(Fmt("model User {\n  id Int @id\n  post Post\n}\n\n"
                "model Post {\n  id Int @id\n}\n"),
            "model User {\n"
            "  id     Int  @id\n"
            "  post   Post @relation(fields: [postId], references: [id])\n"
            "  postId Int\n"
            "}\n\n"
            "model Post {\n"
            "  id    Int    @id\n"
            "  users User[]\n"
            "}\n");
}

TEST(Format, NoRelationFixesWhenTheSchemaDoesNotResolve) {
  std::string in =
      "model User {\n  id Int @id\n  post Post\n  x Unknown\n}\n\n"
      "model Post {\n  id Int @id\n}\n";
  EXPECT_EQ(Fmt(in).find("@relation"), std::string::npos);
}

TEST(Format, RelationAddedInAnotherFile) {
  auto out =
      Format({{"a.prisma", "model User {\n  id Int @id\n  posts Post[]\n}\n"},
              {"b.prisma", "model Post {\n  id Int @id\n}\n"}});
  EXPECT_EQ(out[0], "model User {\n  id    Int    @id\n  posts Post[]\n}\n");
  EXPECT_EQ(out[1],
            "model Post {\n"
            "  id     Int   @id\n"
            "  user   User? @relation(fields: [userId], references: [id])\n"
            "  userId Int?\n"
            "}\n");
}

TEST(Format, Inflection) {
  using format::CamelCase;
  using format::Pluralize;
  EXPECT_EQ(CamelCase("UserProfile"), "userProfile");
  EXPECT_EQ(CamelCase("user_profile"), "userProfile");
  EXPECT_EQ(CamelCase("HTTPServer"), "httpserver");
  EXPECT_EQ(Pluralize("post"), "posts");
  EXPECT_EQ(Pluralize("category"), "categories");
  EXPECT_EQ(Pluralize("status"), "statuses");
  EXPECT_EQ(Pluralize("quiz"), "quizzes");
  EXPECT_EQ(Pluralize("box"), "boxes");
  EXPECT_EQ(Pluralize("person"), "people");
  EXPECT_EQ(Pluralize("salesPerson"), "salesPeople");
  EXPECT_EQ(Pluralize("wolf"), "wolves");
  EXPECT_EQ(Pluralize("day"), "days");
  EXPECT_EQ(Pluralize("news"), "news");
}

}  // namespace
}  // namespace airlock::schema
