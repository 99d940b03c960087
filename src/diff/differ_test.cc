// Differ, summary and renderers on hand-built SqlSchemas.
#include "diff/differ.h"

#include <gtest/gtest.h>

#include "render/renderer.h"

namespace airlock::diff {
namespace {

using sqlschema::Arity;
using sqlschema::Column;
using sqlschema::ColumnFamily;
using sqlschema::Provider;
using sqlschema::Table;

Column Col(std::string name, ColumnFamily f, std::string native,
           Arity a = Arity::kRequired) {
  Column c;
  c.name = std::move(name);
  c.type = {f, std::move(native)};
  c.arity = a;
  return c;
}

SqlSchema Users(Provider p, bool with_bio) {
  SqlSchema s;
  s.provider = p;
  Table t;
  t.name = "User";
  t.columns.push_back(Col("id", ColumnFamily::kInt, "INTEGER"));
  t.columns.push_back(Col("email", ColumnFamily::kString, "TEXT"));
  if (with_bio)
    t.columns.push_back(
        Col("bio", ColumnFamily::kString, "TEXT", Arity::kNullable));
  t.primary_key = sqlschema::PrimaryKey{
      p == Provider::kPostgres ? "User_pkey" : "", {{"id"}}};
  t.indexes.push_back(
      {"User_email_key", sqlschema::Index::Kind::kUnique, {{"email"}}, ""});
  s.tables.push_back(t);
  return s;
}

TEST(DifferTest, IdenticalSchemasGiveTheEmptyMigration) {
  SqlSchema a = Users(Provider::kSqlite, false);
  Migration m = Diff(a, a);
  EXPECT_TRUE(m.empty());
  EXPECT_EQ(render::RenderScript(m), "-- This is an empty migration.");
  EXPECT_EQ(Summary(m), "No difference detected.");
}

TEST(DifferTest, SqliteCreateTableWithInlinePrimaryKeyAndIndex) {
  SqlSchema empty;
  SqlSchema users = Users(Provider::kSqlite, false);
  Migration m = Diff(empty, users);
  EXPECT_EQ(render::RenderScript(m),
            "-- CreateTable\n"
            "CREATE TABLE \"User\" (\n"
            "    \"id\" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,\n"
            "    \"email\" TEXT NOT NULL\n"
            ");\n"
            "\n"
            "-- CreateIndex\n"
            "CREATE UNIQUE INDEX \"User_email_key\" ON \"User\"(\"email\");\n");
  EXPECT_EQ(Summary(m),
            "\n[+] Added tables\n  - User\n"
            "\n[*] Changed the `User` table\n  [+] Added unique index on "
            "columns (email)\n");
}

TEST(DifferTest, SqliteNullableColumnIsAnAlterTable) {
  SqlSchema a = Users(Provider::kSqlite, false),
            b = Users(Provider::kSqlite, true);
  Migration m = Diff(a, b);
  EXPECT_EQ(render::RenderScript(m),
            "-- AlterTable\nALTER TABLE \"User\" ADD COLUMN \"bio\" TEXT;\n");
  EXPECT_EQ(Summary(m),
            "\n[*] Changed the `User` table\n  [+] Added column `bio`\n");
}

TEST(DifferTest, SqliteDroppedColumnRedefinesTheTable) {
  SqlSchema a = Users(Provider::kSqlite, true),
            b = Users(Provider::kSqlite, false);
  Migration m = Diff(a, b);
  ASSERT_EQ(m.steps.size(), 1u);
  EXPECT_EQ(m.steps[0].kind, Step::Kind::kRedefineTables);
  std::string sql = render::RenderScript(m);
  EXPECT_NE(sql.find("INSERT INTO \"new_User\" (\"email\", \"id\") SELECT "
                     "\"email\", \"id\" "
                     "FROM \"User\";"),
            std::string::npos)
      << sql;
}

TEST(DifferTest, PostgresDropColumnKeepsIndentedAddColumnStyle) {
  SqlSchema a = Users(Provider::kPostgres, false),
            b = Users(Provider::kPostgres, true);
  EXPECT_EQ(
      render::RenderScript(Diff(a, b)),
      "-- AlterTable\nALTER TABLE \"User\" ADD COLUMN     \"bio\" TEXT;\n");
  EXPECT_EQ(render::RenderScript(Diff(b, a)),
            "-- AlterTable\nALTER TABLE \"User\" DROP COLUMN \"bio\";\n");
}

TEST(DifferTest, MysqlIndexesLiveInCreateTable) {
  SqlSchema empty;
  empty.provider = Provider::kMysql;
  SqlSchema u = Users(Provider::kMysql, false);
  u.tables[0].columns[0].type.native = "INTEGER";
  u.tables[0].columns[1].type.native = "VARCHAR(191)";
  EXPECT_EQ(render::RenderScript(Diff(empty, u)),
            "-- CreateTable\n"
            "CREATE TABLE `User` (\n"
            "    `id` INTEGER NOT NULL,\n"
            "    `email` VARCHAR(191) NOT NULL,\n"
            "\n"
            "    UNIQUE INDEX `User_email_key`(`email`),\n"
            "    PRIMARY KEY (`id`)\n"
            ") DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;\n");
}

TEST(DifferTest, QuotingDoublesEmbeddedQuotes) {
  EXPECT_EQ(render::RendererFor(Provider::kPostgres).QuoteIdent("a\"b"),
            "\"a\"\"b\"");
  EXPECT_EQ(render::RendererFor(Provider::kMysql).QuoteIdent("a`b"), "`a``b`");
  EXPECT_EQ(render::RendererFor(Provider::kSqlite).QuoteString("it's"),
            "'it''s'");
}

}  // namespace
}  // namespace airlock::diff
