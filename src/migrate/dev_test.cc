// `migrate dev` plumbing on real SQLite files and in-memory shadows. The
// differ is a stand-in (the real one lives in src/diff): its plan is the
// script the test sets, and its drift check compares sqlite_master.
#include "migrate/dev.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "base/files.h"
#include "db/connect.h"

namespace airlock::migrate {
namespace {

namespace fs = std::filesystem;

class ScriptedDiffer : public MigrationDiffer {
 public:
  Plan plan;
  Result<Plan> PlanMigration(db::Connection&, db::Connection&,
                             const schema::Schema&) override {
    return plan;
  }
  Result<std::string> Drift(db::Connection& expected,
                            db::Connection& live) override {
    const char* q =
        "SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_master "
        "WHERE name NOT IN ('_prisma_migrations', 'sqlite_sequence') AND sql "
        "IS NOT NULL ORDER BY name)";
    AIRLOCK_ASSIGN_OR_RETURN(db::Rows a, expected.Query(q, {}));
    AIRLOCK_ASSIGN_OR_RETURN(db::Rows b, live.Query(q, {}));
    std::string x = a.rows[0][0].AsText(), y = b.rows[0][0].AsText();
    return x == y ? std::string() : "expected: " + x + "\nactual: " + y;
  }
};

class DevTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("airlock-dev-" + std::to_string(::getpid()));
    fs::create_directories(dir_ / "migrations");
    db::ConnectOptions o;
    o.base_dir = dir_.string();
    o.create_if_missing = true;
    live_ = std::move(
        db::Connect(*db::ParseDatabaseUrl("file:./dev.db"), o).value());
    shadow_ = [] {
      return db::Connect(*db::ParseDatabaseUrl("file::memory:"), {});
    };
    options_.now = 1767596565;  // 2026-01-05 07:02:45 UTC
  }
  void TearDown() override {
    live_.reset();
    fs::remove_all(dir_);
  }
  Result<DevResult> Dev(const std::string& name) {
    options_.name = name;
    return RunDev(*live_, shadow_, differ_, (dir_ / "migrations").string(),
                  "sqlite", schema_, options_, callbacks_);
  }
  std::string Migrations() const { return (dir_ / "migrations").string(); }

  fs::path dir_;
  std::unique_ptr<db::Connection> live_;
  ShadowFactory shadow_;
  ScriptedDiffer differ_;
  schema::Schema schema_;
  DevOptions options_;
  DevCallbacks callbacks_;
};

TEST_F(DevTest, CreatesWritesAndApplies) {
  differ_.plan.script =
      "-- CreateTable\nCREATE TABLE \"User\" (\"id\" INTEGER);\n";
  auto r = Dev("init");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(*r->created, "20260105070245_init");
  EXPECT_TRUE(r->applied_new);
  EXPECT_EQ(*ReadFile(Migrations() + "/20260105070245_init/migration.sql"),
            differ_.plan.script);
  EXPECT_EQ(*ReadFile(Migrations() + "/migration_lock.toml"),
            LockFileText("sqlite"));
  auto rows = HistoryTable(*live_).ReadRows();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_TRUE((*rows)[0].IsApplied());

  // Nothing new: in sync, nothing written.
  differ_.plan.script.clear();
  options_.now += 60;
  auto again = Dev("noop");
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_TRUE(again->in_sync);
  EXPECT_FALSE(fs::exists(Migrations() + "/20260105070345_noop"));

  // --create-only with no changes writes Prisma's empty migration.
  options_.create_only = true;
  auto empty = Dev("custom sql");
  ASSERT_TRUE(empty.ok()) << empty.status().message();
  EXPECT_EQ(*empty->created, "20260105070345_custom_sql");
  EXPECT_EQ(empty->script, "-- This is an empty migration.");
  EXPECT_FALSE(empty->applied_new);
}

TEST_F(DevTest, ModifiedMigrationNeedsReset) {
  differ_.plan.script = "CREATE TABLE \"A\" (\"id\" INTEGER);\n";
  ASSERT_TRUE(Dev("a").ok());
  std::ofstream(Migrations() + "/20260105070245_a/migration.sql", std::ios::app)
      << "-- edited\n";
  std::string reason;
  callbacks_.confirm_reset = [&](const std::string& r) {
    reason = r;
    return false;
  };
  differ_.plan.script.clear();
  auto declined = Dev("b");
  ASSERT_FALSE(declined.ok());
  EXPECT_EQ(declined.status().code(), kConfirmCode);
  EXPECT_NE(reason.find("`20260105070245_a` was modified after it was applied"),
            std::string::npos);
  callbacks_.confirm_reset = [](const std::string&) { return true; };
  auto reset = Dev("b");
  ASSERT_TRUE(reset.ok()) << reset.status().message();
  EXPECT_TRUE(reset->reset);
  EXPECT_EQ(reset->applied, std::vector<std::string>{"20260105070245_a"});
}

TEST_F(DevTest, DriftIsDetected) {
  differ_.plan.script = "CREATE TABLE \"A\" (\"id\" INTEGER);\n";
  ASSERT_TRUE(Dev("a").ok());
  ASSERT_TRUE(live_->ExecuteScript("CREATE TABLE \"Hotfix\" (x INT);").ok());
  std::string reason;
  callbacks_.confirm_reset = [&](const std::string& r) {
    reason = r;
    return false;
  };
  differ_.plan.script.clear();
  EXPECT_FALSE(Dev("b").ok());
  EXPECT_NE(reason.find("Drift detected"), std::string::npos);
  EXPECT_NE(reason.find("Hotfix"), std::string::npos);
}

TEST_F(DevTest, DataLossNeedsConfirmation) {
  differ_.plan.script = "CREATE TABLE \"A\" (\"id\" INTEGER, \"c\" TEXT);\n";
  ASSERT_TRUE(Dev("a").ok());
  differ_.plan.script = "ALTER TABLE \"A\" DROP COLUMN \"c\";\n";
  differ_.plan.warnings = {
      "You are about to drop the column `c` on the `A` table, which still "
      "contains 1 non-null values."};
  std::vector<std::string> shown;
  callbacks_.confirm_data_loss = [&](const std::vector<std::string>& w) {
    shown = w;
    return false;
  };
  options_.now += 60;
  auto r = Dev("drop c");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), kConfirmCode);
  EXPECT_EQ(shown, differ_.plan.warnings);
  EXPECT_FALSE(fs::exists(Migrations() + "/20260105070345_drop_c"));
}

TEST_F(DevTest, ReplayFailureIsP3006) {
  // An applied migration that only worked on this database (the table it
  // inserts into was made by hand): replaying it into the shadow fails.
  fs::create_directories(Migrations() + "/1_insert");
  std::string script = "INSERT INTO \"Manual\" VALUES (1);";
  std::ofstream(Migrations() + "/1_insert/migration.sql") << script;
  ASSERT_TRUE(live_->ExecuteScript("CREATE TABLE \"Manual\" (x INT);").ok());
  HistoryTable h(*live_);
  ASSERT_TRUE(h.Create().ok());
  ASSERT_TRUE(
      ApplyMigration(*live_, h, MigrationDirectory{"1_insert", "", "", script})
          .ok());
  auto r = Dev("x");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), "P3006");
  EXPECT_NE(r.status().message().find(
                "Migration `1_insert` failed to apply cleanly to the shadow "
                "database."),
            std::string::npos);
  EXPECT_NE(r.status().message().find("no such table: Manual"),
            std::string::npos);
}

TEST_F(DevTest, UnexecutableStepsStop) {
  differ_.plan.script = "ALTER TABLE x;";
  differ_.plan.unexecutable = {
      "Added the required column `c` to the `A` table "
      "without a default value."};
  auto r = Dev("x");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), kUnexecutableCode);
  EXPECT_NE(r.status().message().find("--create-only"), std::string::npos);
}

}  // namespace
}  // namespace airlock::migrate
