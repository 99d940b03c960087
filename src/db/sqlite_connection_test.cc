#include "db/sqlite_connection.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "db/connect.h"

namespace airlock::db {
namespace {

namespace fs = std::filesystem;

class SqliteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("airlock-sqlite-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    url_ = *ParseDatabaseUrl("file:./sub/test.db");
    options_.base_dir = dir_.string();
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
  DatabaseUrl url_;
  ConnectOptions options_;
};

TEST_F(SqliteTest, MissingFileIsP1003UnlessCreating) {
  auto missing = Connect(url_, options_);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), "P1003");
  EXPECT_FALSE(*DatabaseExists(url_, options_));
  options_.create_if_missing = true;
  auto created = Connect(url_, options_);
  ASSERT_TRUE(created.ok()) << created.status().message();
  EXPECT_TRUE(fs::exists(dir_ / "sub/test.db"));
  EXPECT_NE((*created)->Describe().find("\"test.db\""), std::string::npos);
}

TEST_F(SqliteTest, ScriptQueryAndTypes) {
  options_.create_if_missing = true;
  auto conn = std::move(Connect(url_, options_).value());
  ASSERT_TRUE(
      conn->ExecuteScript("-- CreateTable\nCREATE TABLE t (a INTEGER, "
                          "b TEXT, c REAL, d BLOB);\n\n"
                          "INSERT INTO t VALUES (1, 'x', 1.5, x'00ff');")
          .ok());
  ASSERT_TRUE(conn->Execute("INSERT INTO t VALUES (?, ?, ?, ?)",
                            {Value::Int(2), Value::Null(), Value::Real(2.5),
                             Value::Blob(std::string("\0a", 2))})
                  .ok());
  auto rows = conn->Query("SELECT a, b, c, d FROM t ORDER BY a", {});
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->rows.size(), 2u);
  EXPECT_EQ(rows->ColumnIndex("c"), 2);
  EXPECT_EQ(rows->rows[0][0].AsInt(), 1);
  EXPECT_EQ(rows->rows[0][1].AsText(), "x");
  EXPECT_EQ(rows->rows[0][3].AsText(), std::string("\0\xff", 2));
  EXPECT_TRUE(rows->rows[1][1].is_null());
  EXPECT_EQ(rows->rows[1][2].AsDouble(), 2.5);
}

TEST_F(SqliteTest, ScriptErrorNamesStatement) {
  options_.create_if_missing = true;
  auto conn = std::move(Connect(url_, options_).value());
  Status st = conn->ExecuteScript(
      "CREATE TABLE a (x INT);\n-- Broken\nCREATE TABLE a (y INT);\nSELECT 1;");
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), "P2010");
  EXPECT_EQ(conn->last_error().statement_index, 1);
  EXPECT_EQ(conn->last_error().statement, "CREATE TABLE a (y INT);");
  EXPECT_EQ(conn->last_error().code, "1");
  EXPECT_EQ(conn->last_error().message, "table a already exists");
  auto syntax = conn->ExecuteScript("SELEC 1;");
  ASSERT_FALSE(syntax.ok());
  EXPECT_EQ(conn->last_error().statement_index, 0);
}

TEST_F(SqliteTest, TransactionRollsBack) {
  options_.create_if_missing = true;
  auto conn = std::move(Connect(url_, options_).value());
  ASSERT_TRUE(conn->Begin().ok());
  ASSERT_TRUE(conn->ExecuteScript("CREATE TABLE r (x INT);").ok());
  ASSERT_TRUE(conn->Rollback().ok());
  auto rows = conn->Query("SELECT name FROM sqlite_master", {});
  EXPECT_TRUE(rows->rows.empty());
}

TEST_F(SqliteTest, MigrationLockExcludesOthers) {
  options_.create_if_missing = true;
  auto a = std::move(Connect(url_, options_).value());
  auto b = std::move(Connect(url_, options_).value());
  ASSERT_TRUE(a->AcquireMigrationLock(std::chrono::milliseconds(100)).ok());
  Status st = b->AcquireMigrationLock(std::chrono::milliseconds(200));
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), "P1002");
  ASSERT_TRUE(a->ReleaseMigrationLock().ok());
  EXPECT_TRUE(b->AcquireMigrationLock(std::chrono::milliseconds(200)).ok());
}

TEST_F(SqliteTest, DropAllObjects) {
  options_.create_if_missing = true;
  auto conn = std::move(Connect(url_, options_).value());
  ASSERT_TRUE(
      conn->ExecuteScript(
              "CREATE TABLE p (id INTEGER PRIMARY KEY AUTOINCREMENT);"
              "CREATE TABLE c (p INT REFERENCES p(id));"
              "CREATE INDEX ci ON c(p); CREATE VIEW v AS SELECT * FROM c;"
              "INSERT INTO p DEFAULT VALUES;")
          .ok());
  ASSERT_TRUE(conn->DropAllObjects().ok());
  auto rows = conn->Query(
      "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'", {});
  EXPECT_TRUE(rows->rows.empty());
}

}  // namespace
}  // namespace airlock::db
