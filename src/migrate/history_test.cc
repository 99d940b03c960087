#include "migrate/history.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "db/connect.h"
#include "migrate/migrator.h"

namespace airlock::migrate {
namespace {

namespace fs = std::filesystem;

TEST(TimestampTest, Formats) {
  EXPECT_EQ(ParseTimestamp(db::Value::Int(1704067200123)).unix_ms,
            1704067200123);
  EXPECT_EQ(ParseTimestamp(db::Value::Text("2024-01-01 00:00:00")).unix_ms,
            1704067200000);
  EXPECT_EQ(ParseTimestamp(db::Value::Text("2024-01-01T00:00:00.5Z")).unix_ms,
            1704067200500);
  EXPECT_EQ(
      ParseTimestamp(db::Value::Text("2024-01-01 02:00:00.123+02:00")).unix_ms,
      1704067200123);
  EXPECT_EQ(ParseTimestamp(db::Value::Int(1704067200123)).Iso(),
            "2024-01-01T00:00:00.123Z");
  EXPECT_FALSE(ParseTimestamp(db::Value::Text("garbage")).unix_ms);
}

TEST(UuidTest, Version4) {
  std::string a = NewUuid(), b = NewUuid();
  EXPECT_EQ(a.size(), 36u);
  EXPECT_EQ(a[14], '4');
  EXPECT_NE(a, b);
}

class SqliteHistoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("airlock-history-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    db::ConnectOptions o;
    o.base_dir = dir_.string();
    o.create_if_missing = true;
    conn_ =
        std::move(db::Connect(*db::ParseDatabaseUrl("file:./h.db"), o).value());
  }
  void TearDown() override {
    conn_.reset();
    fs::remove_all(dir_);
  }
  MigrationDirectory Mig(const std::string& name, const std::string& sql) {
    return MigrationDirectory{name, "", "", sql};
  }
  fs::path dir_;
  std::unique_ptr<db::Connection> conn_;
};

TEST_F(SqliteHistoryTest, FailedMigrationLeavesNothingButAFailedRow) {
  HistoryTable h(*conn_);
  ASSERT_TRUE(h.Create().ok());
  ASSERT_TRUE(
      ApplyMigration(*conn_, h, Mig("1_a", "CREATE TABLE a (x INT);")).ok());
  Status st = ApplyMigration(
      *conn_, h,
      Mig("2_b", "CREATE TABLE b (x INT);\nCREATE TABLE a (x INT);"));
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), "P3018");
  EXPECT_NE(st.message().find("Migration name: 2_b"), std::string::npos);
  EXPECT_NE(st.message().find("#2"), std::string::npos);
  EXPECT_NE(st.message().find("table a already exists"), std::string::npos);
  auto tables = h.OtherTables();
  ASSERT_TRUE(tables.ok());
  EXPECT_EQ(*tables, std::vector<std::string>{"a"});  // b rolled back
  auto rows = h.ReadRows();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_TRUE((*rows)[0].IsApplied());
  EXPECT_EQ((*rows)[0].applied_steps_count, 1);
  EXPECT_TRUE((*rows)[1].IsFailed());
  EXPECT_EQ((*rows)[1].applied_steps_count, 0);
  EXPECT_NE((*rows)[1].logs->find("table a already exists"), std::string::npos);
}

}  // namespace
}  // namespace airlock::migrate
