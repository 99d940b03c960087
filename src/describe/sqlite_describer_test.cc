// Describing real SQLite databases, and replaying migrations folders.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "describe/connector.h"
#include "describe/describe.h"

namespace airlock::describe {
namespace {

TEST(SqliteDescriberTest, ReadsColumnsKeysIndexesAndForeignKeys) {
  auto db = SqliteDb::Open(":memory:", false);
  ASSERT_TRUE(db.ok());
  ASSERT_FALSE(db->ExecScript(R"sql(
    CREATE TABLE "User" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
                         "email" TEXT NOT NULL, "at" DATETIME DEFAULT CURRENT_TIMESTAMP);
    CREATE TABLE "Post" ("id" TEXT NOT NULL PRIMARY KEY, "userId" INTEGER,
      CONSTRAINT "Post_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id")
        ON DELETE SET NULL ON UPDATE CASCADE);
    CREATE UNIQUE INDEX "User_email_key" ON "User"("email" DESC);
  )sql"));
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
