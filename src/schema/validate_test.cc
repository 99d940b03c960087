// Unit tests of the validator: the resolved Schema (names, constraint
// names, relations, defaults) and bad input that must give a diagnostic,
// never a crash.
#include "schema/validate.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>

namespace airlock::schema {
namespace {

std::optional<Schema> ValidateText(const std::string& text,
                                   Diagnostics& diags) {
  SourceSet sources{{"schema.prisma", text}};
  return ParseAndValidate(sources, diags);
}

const char* kBlog = R"(datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model User {
  id    Int     @id @default(autoincrement())
  email String  @unique
  posts Post[]
  tags  Tag[]
  @@map("users")
}

model Post {
  id       String   @id @default(uuid())
  title    String   @db.VarChar(200)
  authorId Int      @map("author_id")
  author   User     @relation(fields: [authorId], references: [id], onDelete: Cascade)
  created  DateTime @default(now())
  @@index([title, created])
}

model Tag {
  id    Int    @id
  users User[]
}
)";

TEST(ValidateTest, ResolvesNamesAndConstraintNames) {
  Diagnostics diags;
  auto s = ValidateText(kBlog, diags);
  ASSERT_TRUE(s) << diags.items()[0].message;
  int u = s->FindModel("User"), p = s->FindModel("Post");
  ASSERT_GE(u, 0);
  EXPECT_EQ(s->models[u].db_name, "users");
  EXPECT_EQ(s->models[u].primary_key->db_name, "users_pkey");
  ASSERT_EQ(s->models[u].indexes.size(), 1u);
  EXPECT_EQ(s->models[u].indexes[0].db_name, "users_email_key");
  EXPECT_EQ(s->models[p].indexes[0].db_name, "Post_title_created_idx");
  const Field& author_id =
      s->models[p].fields[s->models[p].FindField("authorId")];
  EXPECT_EQ(author_id.db_name, "author_id");
  const Field& title = s->models[p].fields[s->models[p].FindField("title")];
  ASSERT_TRUE(title.native_type);
  EXPECT_EQ(title.native_type->name, "VarChar");
  EXPECT_EQ(title.native_type->args, std::vector<std::string>{"200"});
  EXPECT_EQ(s->datasource.url_env, "DATABASE_URL");
}

TEST(ValidateTest, PairsRelations) {
  Diagnostics diags;
  auto s = ValidateText(kBlog, diags);
  ASSERT_TRUE(s);
  ASSERT_EQ(s->relations.size(), 2u);
  const Relation* one_to_many = nullptr;
  const Relation* m2m = nullptr;
  for (const auto& r : s->relations) {
    if (r.kind == Relation::Kind::kOneToMany) one_to_many = &r;
    if (r.kind == Relation::Kind::kManyToMany) m2m = &r;
  }
  ASSERT_TRUE(one_to_many && m2m);
  EXPECT_EQ(one_to_many->name, "PostToUser");
  EXPECT_EQ(s->models[one_to_many->referencing_model].name, "Post");
  EXPECT_EQ(one_to_many->fk_db_name, "Post_author_id_fkey");
  EXPECT_EQ(one_to_many->on_delete, ReferentialAction::kCascade);
  EXPECT_FALSE(one_to_many->on_update);
  EXPECT_EQ(m2m->name, "TagToUser");
  EXPECT_EQ(s->models[m2m->referencing_model].name, "Tag");
}

TEST(ValidateTest, ResolvesDefaults) {
  Diagnostics diags;
  auto s = ValidateText(kBlog, diags);
  ASSERT_TRUE(s);
  const Model& p = s->models[s->FindModel("Post")];
  EXPECT_EQ(p.fields[p.FindField("id")].default_value->kind,
            DefaultValue::Kind::kUuid);
  EXPECT_EQ(p.fields[p.FindField("created")].default_value->kind,
            DefaultValue::Kind::kNow);
  const Model& u = s->models[s->FindModel("User")];
  EXPECT_EQ(u.fields[u.FindField("id")].default_value->kind,
            DefaultValue::Kind::kAutoincrement);
}

TEST(ValidateTest, TruncatesLongConstraintNames) {
  std::string table(70, 't');
  Diagnostics diags;
  auto s =
      ValidateText("datasource db {\n  provider = \"postgresql\"\n}\nmodel " +
                       table + " {\n  id Int @id\n}\n",
                   diags);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->models[0].primary_key->db_name, std::string(58, 't') + "_pkey");
  EXPECT_EQ(s->models[0].primary_key->db_name.size(), 63u);
}

TEST(ValidateTest, UrlSchemeMustFitProvider) {
  Diagnostics diags;
  EXPECT_FALSE(
      ValidateText("datasource db {\n  provider = \"mysql\"\n  url = "
                   "\"postgresql://x\"\n}\n",
                   diags));
  ASSERT_EQ(diags.ErrorCount(), 1u);
  EXPECT_NE(diags.items()[0].message.find(
                "the URL must start with the protocol `mysql://`."),
            std::string::npos);
  Diagnostics env;  // an unset env var is no error for validate
  EXPECT_TRUE(
      ValidateText("datasource db {\n  provider = \"mysql\"\n  url = "
                   "env(\"SURELY_UNSET_VAR_1234\")\n}\n",
                   env));
}

TEST(ValidateTest, ReportsEveryError) {
  Diagnostics diags;
  EXPECT_FALSE(
      ValidateText("model A {\n  id Int @id\n  b Foo\n  c Bar\n}\n", diags));
  EXPECT_EQ(diags.ErrorCount(), 2u);
}

// relationMode = "prisma": a warning on each relation whose `fields` no
// index, unique or primary key starts with; the schema stays valid.
TEST(ValidateTest, MissingRelationIndexWarning) {
  auto schema = [](const std::string& extra) {
    return R"(datasource db {
  provider     = "mysql"
  url          = "mysql://u@localhost/db"
  relationMode = "prisma"
}
model A {
  id Int @id
  x  Int
  bs B[]
}
model B {
  id  Int @id
  aId Int
  n   Int
  a   A   @relation(fields: [aId], references: [id])
  )" + extra +
           "\n}\n";
  };
  auto warnings = [](const Diagnostics& d) {
    int n = 0;
    for (const auto& item : d.items())
      if (item.severity == Severity::kWarning) ++n;
    return n;
  };
  Diagnostics none;
  EXPECT_TRUE(ValidateText(schema(""), none));
  EXPECT_EQ(warnings(none), 1);
  for (const char* ok :
       {"@@index([aId])", "@@index([aId, n])", "@@unique([aId, n])"}) {
    Diagnostics d;
    EXPECT_TRUE(ValidateText(schema(ok), d)) << ok;
    EXPECT_EQ(warnings(d), 0) << ok;
  }
  Diagnostics wrong_order;  // aId is not the leftmost column
  EXPECT_TRUE(ValidateText(schema("@@index([n, aId])"), wrong_order));
  EXPECT_EQ(warnings(wrong_order), 1);
}

// MySQL: foreign key names are global, index names per model; every member
// of a clash is reported.
TEST(ValidateTest, ConstraintNameClashesPerProvider) {
  const char* text = R"(datasource db {
  provider = "mysql"
  url      = "mysql://u@localhost/db"
}
model A {
  id Int @id
  bs B[]
  cs C[]
  @@index([id], map: "dup")
}
model B {
  id  Int @id
  aId Int
  a   A   @relation(fields: [aId], references: [id], map: "fk")
  @@index([aId], map: "dup")
}
model C {
  id  Int @id
  aId Int
  a   A   @relation(fields: [aId], references: [id], map: "fk")
}
)";
  Diagnostics diags;
  EXPECT_FALSE(ValidateText(text, diags));
  int fk = 0, other = 0;
  for (const auto& d : diags.items()) {
    if (d.message.find("namespace: global for foreign keys") !=
        std::string::npos)
      ++fk;
    else
      ++other;
  }
  EXPECT_EQ(fk, 2);     // both relations named "fk"
  EXPECT_EQ(other, 0);  // "dup" is on two different models: allowed
}

// relationMode = "prisma": cascading actions around a cycle are an error on
// each relation of the cycle; NoAction on one link breaks it.
TEST(ValidateTest, EmulatedRelationsMustNotCascadeInACycle) {
  auto schema = [](const char* action) {
    return fmt::format(R"(datasource db {{
  provider     = "postgresql"
  url          = "postgresql://u@localhost/db"
  relationMode = "prisma"
}}
model A {{
  id  Int @id
  bId Int
  b   B   @relation(fields: [bId], references: [id]{})
  bs  B[] @relation("ba")
  @@index([bId])
}}
model B {{
  id  Int  @id
  aId Int?
  a   A?   @relation("ba", fields: [aId], references: [id])
  as  A[]
  @@index([aId])
}}
)",
                       action);
  };
  Diagnostics cycle;
  EXPECT_FALSE(ValidateText(schema(""), cycle));
  ASSERT_EQ(cycle.ErrorCount(), 2u);
  EXPECT_NE(cycle.items()[0].message.find("Cycle path: A.b \u2192 B.a."),
            std::string::npos)
      << cycle.items()[0].message;
  Diagnostics broken;
  EXPECT_TRUE(
      ValidateText(schema(", onDelete: NoAction, onUpdate: NoAction"), broken));
}

// Bad input: always diagnostics, never a crash.
TEST(ValidateTest, BadInputGivesDiagnostics) {
  const std::string inputs[] = {
      std::string("model A {\n  id Int @id\n  b String @default(\"x\0y\")\n}\n",
                  45),
      "model A {\n  id Int @id\n  b String @default(\"\xff\xfe\")\n}\n",
      "model A {\r\n  id Int @id\r\n  b Foo\r\n}\r\n",
      "model A {\r  id Int @id\r  b Foo\r}\r",
      "model A {\n  id Int @id\n  b String @default(\"unterminated)\n}\n",
      "model A {\n  id Int @id\n",
  };
  for (const auto& in : inputs) {
    Diagnostics diags;
    EXPECT_FALSE(ValidateText(in, diags)) << in;
    EXPECT_TRUE(diags.HasErrors()) << in;
  }
  Diagnostics empty;
  EXPECT_TRUE(
      ValidateText("", empty));  // an empty schema is valid, as in Prisma
}

TEST(ValidateTest, DeepNestingInAttributeArguments) {
  std::string deep = "model A {\n  id Int @id @default(" +
                     std::string(10000, '[') + std::string(10000, ']') +
                     ")\n}\n";
  Diagnostics diags;
  EXPECT_FALSE(ValidateText(deep, diags));
  EXPECT_TRUE(diags.HasErrors());
  std::string calls = "model A {\n  id Int @id @default(";
  for (int i = 0; i < 10000; ++i) calls += "f(";
  calls += std::string(10000, ')') + ")\n}\n";
  Diagnostics diags2;
  EXPECT_FALSE(ValidateText(calls, diags2));
}

}  // namespace
}  // namespace airlock::schema
