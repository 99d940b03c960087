#include "db/dotenv.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

namespace airlock::db {
namespace {

namespace fs = std::filesystem;

TEST(DotenvTest, Syntax) {
  EnvVars v = ParseDotenv(
      "# comment\n"
      "A=1\n"
      "export B = two words  # trailing\n"
      "C=\"line\\nbreak\" # c\n"
      "D='single $A'\n"
      "E=`back`\r\n"
      "not a var\n"
      "F=\n");
  ASSERT_EQ(v.size(), 6u);
  EXPECT_EQ(v[0], (std::pair<std::string, std::string>{"A", "1"}));
  EXPECT_EQ(v[1].second, "two words");
  EXPECT_EQ(v[2].second, "line\nbreak");
  EXPECT_EQ(v[3].second, "single $A");
  EXPECT_EQ(v[4].second, "back");
  EXPECT_EQ(v[5].second, "");
}

class EnvDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("airlock-dotenv-" + std::to_string(::getpid()));
    fs::create_directories(root_ / "prisma");
  }
  void TearDown() override { fs::remove_all(root_); }
  void Write(const fs::path& p, const std::string& text) {
    std::ofstream(p) << text;
  }
  fs::path root_;
};

TEST_F(EnvDirTest, ProcessEnvironmentWinsAndExpands) {
  Write(root_ / ".env",
        "AIRLOCK_T_URL=file:./${AIRLOCK_T_NAME}.db\n"
        "AIRLOCK_T_NAME=x\nAIRLOCK_T_OVERRIDE=file\n");
  Write(root_ / "prisma/.env", "AIRLOCK_T_OTHER=y\n");
  ::setenv("AIRLOCK_T_OVERRIDE", "process", 1);
  ::setenv("AIRLOCK_T_NAME", "fromenv", 1);
  auto env = Environment::Load(root_.string(), (root_ / "prisma").string());
  ASSERT_TRUE(env.ok()) << env.status().message();
  EXPECT_EQ(env->Get("AIRLOCK_T_OVERRIDE"), "process");
  EXPECT_EQ(env->Get("AIRLOCK_T_URL"), "file:./fromenv.db");
  EXPECT_EQ(env->Get("AIRLOCK_T_OTHER"), "y");
  EXPECT_EQ(env->loaded_files().size(), 2u);
  ::unsetenv("AIRLOCK_T_OVERRIDE");
  ::unsetenv("AIRLOCK_T_NAME");
}

TEST_F(EnvDirTest, ConflictIsAnError) {
  Write(root_ / ".env", "AIRLOCK_T_DB=a\n");
  Write(root_ / "prisma/.env", "AIRLOCK_T_DB=b\n");
  auto env = Environment::Load(root_.string(), (root_ / "prisma").string());
  ASSERT_FALSE(env.ok());
  EXPECT_NE(env.status().message().find("AIRLOCK_T_DB"), std::string::npos);
}

TEST_F(EnvDirTest, ProjectRootIsPackageJsonFolder) {
  Write(root_ / "package.json", "{}");
  EXPECT_EQ(Environment::FindProjectRoot((root_ / "prisma").string()),
            root_.string());
}

}  // namespace
}  // namespace airlock::db
