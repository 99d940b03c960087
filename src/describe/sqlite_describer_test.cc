// Describing real SQLite databases, and replaying migrations folders.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "db/connect.h"
#include "describe/connection_inspector.h"
#include "describe/connector.h"
#include "describe/describe.h"
#include "diff/differ.h"
#include "render/renderer.h"

namespace airlock::describe {
namespace {

std::unique_ptr<db::Connection> Memory() {
  auto conn = db::Connect(*db::ParseDatabaseUrl("file::memory:"), {});
  EXPECT_TRUE(conn.ok()) << conn.status().message();
  return conn.ok() ? std::move(*conn) : nullptr;
}

TEST(SqliteDescriberTest, ReadsColumnsKeysIndexesAndForeignKeys) {
  auto db = Memory();
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->ExecuteScript(R"sql(
    CREATE TABLE "User" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
                         "email" TEXT NOT NULL, "at" DATETIME DEFAULT CURRENT_TIMESTAMP);
    CREATE TABLE "Post" ("id" TEXT NOT NULL PRIMARY KEY, "userId" INTEGER,
      CONSTRAINT "Post_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id")
        ON DELETE SET NULL ON UPDATE CASCADE);
    CREATE UNIQUE INDEX "User_email_key" ON "User"("email" DESC);
  )sql")
                  .ok());
  auto s = DescribeSqlite(*db);
  ASSERT_TRUE(s.ok()) << s.status().message();
  ASSERT_EQ(s->tables.size(), 2u);
  const auto& post = s->tables[0];
  const auto& user = s->tables[1];
  EXPECT_EQ(post.name, "Post");
  EXPECT_EQ(user.name, "User");
  ASSERT_EQ(user.columns.size(), 3u);
  EXPECT_TRUE(user.columns[0].auto_increment);
  EXPECT_EQ(user.columns[2].arity, sqlschema::Arity::kNullable);
  ASSERT_TRUE(user.columns[2].default_value);
  EXPECT_TRUE(user.columns[2].default_value->is_now);
  ASSERT_EQ(user.indexes.size(), 1u);
  EXPECT_TRUE(user.indexes[0].IsUnique());
  EXPECT_EQ(user.indexes[0].columns[0].sort, sqlschema::SortOrder::kDesc);
  ASSERT_EQ(post.foreign_keys.size(), 1u);
  EXPECT_EQ(post.foreign_keys[0].name, "Post_userId_fkey");
  EXPECT_EQ(post.foreign_keys[0].on_delete, sqlschema::Action::kSetNull);
  EXPECT_EQ(post.foreign_keys[0].referenced_table, "User");
}

// Like Prisma: the automatic index of an inline UNIQUE constraint is a unique
// index (sqlite_autoindex_*), an index over an expression is left out, and
// views are described apart from tables, with nullable columns.
TEST(SqliteDescriberTest, InlineUniqueExpressionIndexesAndViews) {
  auto db = Memory();
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->ExecuteScript(R"sql(
    CREATE TABLE "User" ("id" TEXT NOT NULL PRIMARY KEY,
                         "email" TEXT NOT NULL UNIQUE, "a" INT, "b" INT,
                         UNIQUE ("a", "b"));
    CREATE INDEX "User_lower_idx" ON "User"(lower("email"));
    CREATE VIEW "V" AS SELECT "id", "a" FROM "User";
  )sql")
                  .ok());
  auto s = DescribeSqlite(*db);
  ASSERT_TRUE(s.ok()) << s.status().message();
  ASSERT_EQ(s->tables.size(), 1u);
  const auto& user = s->tables[0];
  ASSERT_EQ(user.indexes.size(), 2u);
  EXPECT_EQ(user.indexes[0].name, "sqlite_autoindex_User_2");
  EXPECT_TRUE(user.indexes[0].IsUnique());
  ASSERT_EQ(user.indexes[0].columns.size(), 1u);
  EXPECT_EQ(user.indexes[0].columns[0].name, "email");
  EXPECT_EQ(user.indexes[1].name, "sqlite_autoindex_User_3");
  ASSERT_EQ(user.indexes[1].columns.size(), 2u);
  ASSERT_EQ(s->views.size(), 1u);
  EXPECT_EQ(s->views[0].name, "V");
  ASSERT_EQ(s->views[0].columns.size(), 2u);
  EXPECT_EQ(s->views[0].columns[1].type.family, sqlschema::ColumnFamily::kInt);
  EXPECT_EQ(s->views[0].columns[1].arity, sqlschema::Arity::kNullable);
}

TEST(SqliteShadowTest, ReplayErrorNamesFileAndStatement) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "airlock-replay-test";
  fs::remove_all(dir);
  fs::create_directories(dir / "1_init");
  std::ofstream(dir / "1_init" / "migration.sql")
      << "CREATE TABLE a (id INTEGER);\nINSERT INTO nope VALUES (1);\n";
  auto r = ConnectorFor(sqlschema::Provider::kSqlite)
               ->ReplayMigrations(dir.string(), "");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), "P3006");
  EXPECT_NE(r.status().message().find("1_init/migration.sql"),
            std::string::npos);
  EXPECT_NE(
      r.status().message().find("Statement 2: INSERT INTO nope VALUES (1);"),
      std::string::npos)
      << r.status().message();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace airlock::describe

namespace airlock::describe {
namespace {

// Prisma's destructive-change texts, with counts from a real SQLite database.
TEST(DestructiveChangesTest, CountsComeFromTheDatabase) {
  auto db = Memory();
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->ExecuteScript(R"sql(
    CREATE TABLE "T" ("id" INTEGER NOT NULL PRIMARY KEY, "c" TEXT, "d" TEXT);
    INSERT INTO "T" VALUES (1, 'a', NULL), (2, 'b', NULL), (3, NULL, NULL);
    CREATE TABLE "Gone" ("id" INTEGER NOT NULL PRIMARY KEY);
    INSERT INTO "Gone" VALUES (1);
  )sql")
                  .ok());
  auto prev = DescribeSqlite(*db);
  ASSERT_TRUE(prev.ok());
  sqlschema::SqlSchema next = *prev;
  next.tables.erase(next.tables.begin());  // drop "Gone"
  auto& t = next.tables[0];
  t.columns.erase(t.columns.begin() + 1);  // drop "c" (2 values)
  t.columns.erase(t.columns.begin() + 1);  // drop "d" (no values: no warning)
  sqlschema::Column req;
  req.name = "e";
  req.type = {sqlschema::ColumnFamily::kString, "TEXT"};
  t.columns.push_back(req);  // required, no default: unexecutable with rows
  diff::Migration m = diff::Diff(*prev, next);
  ConnectionDataInspector inspector(*db);
  auto checks = diff::CheckDestructiveChanges(m, &inspector);
  ASSERT_EQ(checks.warnings.size(), 2u);
  EXPECT_EQ(
      checks.warnings[0],
      "You are about to drop the `Gone` table, which is not empty (1 rows).");
  EXPECT_EQ(checks.warnings[1],
            "You are about to drop the column `c` on the `T` table, which "
            "still contains "
            "2 non-null values.");
  ASSERT_EQ(checks.unexecutable.size(), 1u);
  EXPECT_EQ(
      checks.unexecutable[0],
      "Added the required column `e` to the `T` table without a default value. "
      "There "
      "are 3 rows in this table, it is not possible to execute this step.");
  std::string sql = render::RenderScript(m, checks.All());
  EXPECT_EQ(
      sql.rfind("/*\n  Warnings:\n\n  - You are about to drop the `Gone` table",
                0),
      0u)
      << sql;
  auto pure = diff::CheckDestructiveChanges(m, nullptr);
  EXPECT_EQ(pure.warnings[0],
            "You are about to drop the `Gone` table. If the table is not "
            "empty, all the "
            "data it contains will be lost.");
}

}  // namespace
}  // namespace airlock::describe
