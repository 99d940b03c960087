#include "db/sql_split.h"

#include <gtest/gtest.h>

namespace airlock::db {
namespace {

std::vector<std::string> Texts(std::string_view sql, Dialect d) {
  std::vector<std::string> out;
  for (const auto& s : SplitSqlStatements(sql, d)) out.push_back(s.text);
  return out;
}

TEST(SqlSplitTest, PrismaMigrationWithComments) {
  std::string sql =
      "-- CreateTable\nCREATE TABLE `User` (\n    `id` INTEGER NOT NULL,\n"
      "    PRIMARY KEY (`id`)\n) DEFAULT CHARACTER SET utf8mb4;\n\n"
      "-- CreateIndex\nCREATE UNIQUE INDEX `User_email_key` ON `User`(`email`);"
      "\n-- trailing comment only\n";
  auto t = Texts(sql, Dialect::kMysql);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_TRUE(t[0].starts_with("CREATE TABLE `User`"));
  EXPECT_TRUE(t[0].ends_with("utf8mb4;"));
  EXPECT_EQ(t[1], "CREATE UNIQUE INDEX `User_email_key` ON `User`(`email`);");
  EXPECT_EQ(SplitSqlStatements(sql, Dialect::kMysql)[1].offset,
            sql.find("CREATE UNIQUE"));
}

TEST(SqlSplitTest, SemicolonsInsideQuotesAndComments) {
  auto my = Texts(
      "INSERT INTO t VALUES ('a;b', \"c;d\", 'it''s;', 'x\\';y');"
      " # c;\nSELECT `we;ird` /* ; */ FROM t; -- ;\n",
      Dialect::kMysql);
  ASSERT_EQ(my.size(), 2u);
  EXPECT_EQ(my[0],
            "INSERT INTO t VALUES ('a;b', \"c;d\", 'it''s;', 'x\\';y');");
  EXPECT_EQ(my[1], "SELECT `we;ird` /* ; */ FROM t;");

  auto pg = Texts(
      "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE "
      "sql;\nSELECT 'a\\';\nSELECT E'b\\';c';\n/* outer /* inner; */ ; */ "
      "SELECT $$x;y$$, $1;",
      Dialect::kPostgres);
  ASSERT_EQ(pg.size(), 4u);
  EXPECT_TRUE(pg[0].ends_with("LANGUAGE sql;"));
  EXPECT_EQ(pg[1], "SELECT 'a\\';");  // standard strings: no escapes
  EXPECT_EQ(pg[2], "SELECT E'b\\';c';");
  EXPECT_EQ(pg[3], "SELECT $$x;y$$, $1;");
}

TEST(SqlSplitTest, MysqlDashDashNeedsSpace) {
  // `1--1` is arithmetic in MySQL, not a comment.
  auto t = Texts("SELECT 1--1;\nSELECT 2", Dialect::kMysql);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0], "SELECT 1--1;");
  EXPECT_EQ(t[1], "SELECT 2");
}

TEST(SqlSplitTest, EmptyAndCommentOnly) {
  EXPECT_TRUE(Texts("", Dialect::kPostgres).empty());
  EXPECT_TRUE(Texts(" ;; -- x\n/* y */", Dialect::kPostgres).empty());
  EXPECT_TRUE(Texts("# only\n", Dialect::kMysql).empty());
}

TEST(SqlSplitTest, Placeholders) {
  std::string sql = "SELECT ? , '?', \"?\", `?` -- ?\n, ? /* ? */";
  auto p = FindPlaceholders(sql, Dialect::kMysql);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0], sql.find('?'));
  EXPECT_EQ(p[1], sql.rfind(", ?") + 2);
}

}  // namespace
}  // namespace airlock::db
