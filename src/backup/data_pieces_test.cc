// The parallel dump scheduler (RunDataPieces, SplitTable): the largest
// table's pieces first, a table's post hook once, after its last piece, and
// nothing more after a failure. Real SQLite connections stand in for the
// workers' connections (the dump callback here does not use them).
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "backup/dialect_dump.h"
#include "db/connect.h"

namespace airlock::backup {
namespace {
namespace fs = std::filesystem;

class DataPiecesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("airlock_pieces_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    for (int i = 0; i < 2; ++i) {
      auto url = db::ParseDatabaseUrl(
          "file:" + (dir_ / ("w" + std::to_string(i) + ".db")).string());
      ASSERT_TRUE(url.ok());
      db::ConnectOptions o;
      o.create_if_missing = true;
      auto c = db::Connect(*url, o);
      ASSERT_TRUE(c.ok()) << c.status().message();
      owned_.push_back(std::move(c).value());
      conns_.push_back(owned_.back().get());
    }
  }
  void TearDown() override {
    owned_.clear();
    fs::remove_all(dir_);
  }

  fs::path dir_;
  std::vector<std::unique_ptr<db::Connection>> owned_;
  std::vector<db::Connection*> conns_;
};

TEST_F(DataPiecesTest, LargestTableFirstAndHookAfterItsLastPiece) {
  // Table 0: one small piece; table 1: three pieces (the largest table);
  // table 2: one piece larger than any single piece of table 1.
  std::vector<DataPiece> pieces = {
      {0, "", 10}, {1, " a", 30}, {1, " b", 30}, {1, " c", 30}, {2, "", 50}};
  std::mutex mu;
  std::vector<std::string> started;
  std::map<size_t, int> finished_pieces, hooks;
  std::map<size_t, int> pieces_at_hook;
  SharedProgress progress;
  Status st = RunDataPieces(
      pieces, conns_, progress,
      [&](db::Connection&, const DataPiece& p) {
        {
          std::lock_guard<std::mutex> lock(mu);
          started.push_back(std::to_string(p.table) + p.where);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        std::lock_guard<std::mutex> lock(mu);
        ++finished_pieces[p.table];
        return Status::Ok();
      },
      [&](size_t table) {
        std::lock_guard<std::mutex> lock(mu);
        ++hooks[table];
        pieces_at_hook[table] = finished_pieces[table];
        return Status::Ok();
      });
  ASSERT_TRUE(st.ok()) << st.message();
  ASSERT_EQ(started.size(), 5u);
  // Both workers start on table 1 (90 bytes in all), before table 2 (50).
  EXPECT_EQ(started[0].substr(0, 1), "1");
  EXPECT_EQ(started[1].substr(0, 1), "1");
  // The smallest table last (two pops at once may record in either order).
  EXPECT_TRUE(started[3] == "0" || started[4] == "0");
  EXPECT_EQ(progress.tables_done.load(), 3u);
  for (size_t t : {0u, 1u, 2u}) {
    EXPECT_EQ(hooks[t], 1) << "table " << t;
  }
  EXPECT_EQ(pieces_at_hook[1], 3);  // after every piece of the table
}

TEST_F(DataPiecesTest, FailureStopsAndSkipsTheHook) {
  std::vector<DataPiece> pieces = {{0, " a", 30}, {0, " b", 30}, {1, "", 5}};
  std::map<size_t, int> hooks;
  std::mutex mu;
  SharedProgress progress;
  Status st = RunDataPieces(
      pieces, conns_, progress,
      [&](db::Connection&, const DataPiece& p) {
        return p.where == " b" ? Status::Error("piece b failed") : Status::Ok();
      },
      [&](size_t table) {
        std::lock_guard<std::mutex> lock(mu);
        ++hooks[table];
        return Status::Ok();
      });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message(), "piece b failed");
  EXPECT_EQ(hooks.count(0), 0u);  // its data is not complete
}

TEST_F(DataPiecesTest, HookErrorIsTheResult) {
  std::vector<DataPiece> pieces = {{0, "", 30}};
  SharedProgress progress;
  Status st = RunDataPieces(
      pieces, conns_, progress,
      [](db::Connection&, const DataPiece&) { return Status::Ok(); },
      [](size_t) { return Status::Error("disk full"); });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message(), "disk full");
}

TEST(PieceBytes, AnEighthOfTheWorkPerWorkerWithinBounds) {
  ASSERT_EQ(std::getenv("AIRLOCK_TEST_PIECE_BYTES"), nullptr);
  constexpr int64_t kMb = int64_t{1} << 20;
  EXPECT_EQ(PieceBytes(256 * kMb, 2), 16 * kMb);
  EXPECT_EQ(PieceBytes(10 * kMb, 2), 4 * kMb);       // at least 4 MB
  EXPECT_EQ(PieceBytes(100000 * kMb, 2), 64 * kMb);  // at most 64 MB
  EXPECT_EQ(PieceBytes(256 * kMb, 0), 32 * kMb);     // no workers: one
}

TEST(SplitTable, KeyRangesCoverTheKeysOnce) {
  constexpr int64_t kMb = int64_t{1} << 20;
  std::vector<DataPiece> pieces;
  Status st = SplitTable(
      3, 100 * kMb, 256 * kMb, "`id`", 2,
      [] {
        return Result<
            std::pair<std::optional<int64_t>, std::optional<int64_t>>>(
            std::make_pair(std::optional<int64_t>(1),
                           std::optional<int64_t>(1000)));
      },
      pieces);
  ASSERT_TRUE(st.ok()) << st.message();
  ASSERT_EQ(pieces.size(), 6u);  // 100 MB in pieces of 16 MB
  EXPECT_EQ(pieces.front().where, " WHERE `id` >= 1 AND `id` < 168");
  EXPECT_EQ(pieces.back().where, " WHERE `id` >= 836");
  for (const auto& p : pieces) EXPECT_EQ(p.table, 3u);
  // A table under two pieces, or without an integer key, stays whole.
  pieces.clear();
  ASSERT_TRUE(
      SplitTable(4, 20 * kMb, 256 * kMb, "`id`", 2, nullptr, pieces).ok());
  ASSERT_TRUE(SplitTable(5, 200 * kMb, 256 * kMb, "", 2, nullptr, pieces).ok());
  ASSERT_EQ(pieces.size(), 2u);
  EXPECT_EQ(pieces[0].where, "");
  EXPECT_EQ(pieces[1].where, "");
}

}  // namespace
}  // namespace airlock::backup
