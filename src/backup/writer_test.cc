// Writer and reader together: every compression, and every way a file can be
// damaged (truncated anywhere, a flipped bit anywhere) is refused.
#include "backup/writer.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>
#include <vector>

#include "backup/reader.h"
#include "base/files.h"

namespace airlock::backup {
namespace {
namespace fs = std::filesystem;

std::string Uncompressed(const std::string& path) {
  auto in = DecompressingReader::Open(path);
  if (!in.ok()) return "error";
  std::string out;
  char buf[65536];
  while (true) {
    auto n = (*in)->Read(buf, sizeof buf);
    if (!n.ok()) return "error";
    if (*n == 0) return out;
    out.append(buf, *n);
  }
}

class WriterTest : public ::testing::TestWithParam<Compression> {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("airlock_writer_" + std::to_string(getpid()) + "_" +
            std::to_string(reinterpret_cast<uintptr_t>(this)));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Writes a file with several tables' chunks; returns its path.
  std::string WriteSample(int threads) {
    WriterOptions o;
    o.path = (dir_ / "sub" / "b.sql").string();
    o.compression = GetParam();
    o.threads = threads;
    o.header = FileHeader{1, "sqlite", "2026-01-01T00:00:00Z", "test",
                          CompressionName(GetParam())};
    auto w = BackupWriter::Create(o);
    EXPECT_TRUE(w.ok()) << w.status().message();
    EXPECT_TRUE((*w)->Add(ChunkKind::kNative, "", 0, "BEGIN;\n").ok());
    EXPECT_TRUE(
        (*w)->Add(ChunkKind::kSchema, "a", 0, "CREATE TABLE a(x);\n").ok());
    EXPECT_TRUE(
        (*w)->Add(ChunkKind::kSchema, "empty", 0, "CREATE TABLE empty(x);\n")
            .ok());
    for (int i = 0; i < 50; ++i) {
      std::string body = "INSERT INTO a VALUES ";
      for (int j = 0; j < 100; ++j) {
        body += (j ? ",(" : "(") + std::to_string(i * 1000 + j) + ")";
      }
      body += ";\n";
      EXPECT_TRUE((*w)->Add(ChunkKind::kData, "a", 100, body).ok());
    }
    EXPECT_TRUE(
        (*w)->Add(ChunkKind::kPost, "", 0, "CREATE INDEX i ON a(x);\n").ok());
    EXPECT_TRUE((*w)->Add(ChunkKind::kNative, "", 0, "COMMIT;\n").ok());
    Status st = (*w)->Finish();
    EXPECT_TRUE(st.ok()) << st.message();
    return o.path;
  }

  fs::path dir_;
};

// A table's post chunk (keys, indexes) may come before other tables' data,
// never before its own: restore builds it as soon as the table's data is in.
TEST_P(WriterTest, DataAfterItsOwnKeysIsRefused) {
  for (bool own : {false, true}) {
    WriterOptions o;
    o.path = (dir_ / (own ? "own.sql" : "other.sql")).string();
    o.compression = GetParam();
    o.header = FileHeader{1, "mysql", "2026-01-01T00:00:00Z", "test",
                          CompressionName(GetParam())};
    auto w = BackupWriter::Create(o);
    ASSERT_TRUE(w.ok()) << w.status().message();
    ASSERT_TRUE(
        (*w)->Add(ChunkKind::kData, "a", 1, "INSERT INTO a VALUES (1);\n")
            .ok());
    ASSERT_TRUE(
        (*w)->Add(ChunkKind::kPost, "a", 0, "ALTER TABLE a ADD KEY (x);\n")
            .ok());
    std::string table = own ? "a" : "b";
    ASSERT_TRUE((*w)->Add(ChunkKind::kData, table, 1,
                          "INSERT INTO " + table + " VALUES (2);\n")
                    .ok());
    ASSERT_TRUE((*w)->Finish().ok());
    auto r = VerifyBackup(o.path);
    if (own) {
      ASSERT_FALSE(r.ok());
      EXPECT_NE(r.status().message().find("table a has data after its keys"),
                std::string::npos)
          << r.status().message();
    } else {
      EXPECT_TRUE(r.ok()) << r.status().message();
    }
  }
}

// Several producers adding chunks of the same table at once (parallel dump
// workers): the per-table checksums still follow the file order.
TEST_P(WriterTest, ConcurrentProducersVerify) {
  WriterOptions o;
  o.path = (dir_ / "c.sql").string();
  o.compression = GetParam();
  o.threads = 2;
  o.header = FileHeader{1, "sqlite", "2026-01-01T00:00:00Z", "test",
                        CompressionName(GetParam())};
  auto w = BackupWriter::Create(o);
  ASSERT_TRUE(w.ok()) << w.status().message();
  std::vector<std::thread> producers;
  for (int p = 0; p < 4; ++p) {
    producers.emplace_back([&, p] {
      for (int i = 0; i < 200; ++i) {
        std::string body =
            "INSERT INTO t VALUES (" + std::to_string(p * 1000 + i) + ");\n";
        EXPECT_TRUE(
            (*w)->Add(ChunkKind::kData, p % 2 ? "t" : "u", 1, body).ok());
      }
    });
  }
  for (auto& t : producers) t.join();
  ASSERT_TRUE((*w)->Finish().ok());
  auto report = VerifyBackup(o.path);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->rows, 800);
}

TEST_P(WriterTest, WritesAndVerifies) {
  std::string path = WriteSample(3);
  struct stat sb;
  ASSERT_EQ(::stat(path.c_str(), &sb), 0);
  EXPECT_EQ(sb.st_mode & 0777, 0600u);
  // Nothing but the final file is left.
  EXPECT_EQ(std::distance(fs::directory_iterator(fs::path(path).parent_path()),
                          fs::directory_iterator()),
            1);
  auto r = VerifyBackup(path);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->rows, 5000);
  EXPECT_EQ(r->chunks, 55u);
  ASSERT_EQ(r->tables.size(), 2u);
  EXPECT_EQ(r->tables[0].table, "a");
  EXPECT_EQ(r->tables[0].rows, 5000);
  EXPECT_EQ(r->tables[1].table, "empty");
  EXPECT_EQ(r->tables[1].rows, 0);
  EXPECT_EQ(r->compression, GetParam());
  // The chunks come back in order, with their bodies.
  auto reader = BackupReader::Open(path);
  ASSERT_TRUE(reader.ok());
  Chunk c;
  std::vector<std::string> bodies;
  while (true) {
    auto more = (*reader)->Next(c);
    ASSERT_TRUE(more.ok()) << more.status().message();
    if (!*more) break;
    bodies.push_back(c.body);
  }
  ASSERT_EQ(bodies.size(), 55u);
  EXPECT_EQ(bodies[0], "BEGIN;\n");
  EXPECT_EQ(bodies[3].substr(0, 26), "INSERT INTO a VALUES (0),(");
  EXPECT_EQ(bodies[4].substr(0, 29), "INSERT INTO a VALUES (1000),(");
  EXPECT_EQ(bodies.back(), "COMMIT;\n");
}

TEST_P(WriterTest, RefusesEveryTruncation) {
  std::string path = WriteSample(1);
  std::string data = *ReadFile(path);
  std::string cut = (dir_ / "cut").string();
  // Many cut points, including the very end (last byte missing).
  std::vector<size_t> cuts = {0,
                              1,
                              10,
                              data.size() / 3,
                              data.size() / 2,
                              data.size() - 40,
                              data.size() - 2,
                              data.size() - 1};
  for (size_t n : cuts) {
    ASSERT_TRUE(WriteFileAtomic(cut, data.substr(0, n)).ok());
    auto r = VerifyBackup(cut);
    EXPECT_FALSE(r.ok()) << "cut at " << n << " of " << data.size();
  }
}

TEST_P(WriterTest, RefusesFlippedBits) {
  std::string path = WriteSample(2);
  std::string data = *ReadFile(path);
  std::string bad = (dir_ / "bad").string();
  std::mt19937 rng(42);
  for (int i = 0; i < 60; ++i) {
    std::string copy = data;
    size_t at = rng() % copy.size();
    copy[at] ^= static_cast<char>(1 << (rng() % 8));
    ASSERT_TRUE(WriteFileAtomic(bad, copy).ok());
    auto r = VerifyBackup(bad);
    // Some container bytes (a gzip member's mtime/OS fields) carry no data:
    // a flip there may pass, but then the content must be unchanged.
    if (r.ok()) {
      EXPECT_EQ(Uncompressed(bad), Uncompressed(path))
          << "flip at " << at << " of " << copy.size();
    }
  }
}

TEST_P(WriterTest, WriteFailureRemovesThePartialFile) {
  setenv("AIRLOCK_TEST_WRITE_LIMIT", "100", 1);
  WriterOptions o;
  o.path = (dir_ / "full.sql").string();
  o.compression = GetParam();
  o.header = FileHeader{1, "sqlite", "x", "test", "zstd"};
  auto w = BackupWriter::Create(o);
  ASSERT_TRUE(w.ok());
  Status st;
  std::string body(64 * 1024, 'x');
  for (int i = 0; i < 20 && st.ok(); ++i) {
    st = (*w)->Add(ChunkKind::kData, "t", 1, body + std::to_string(i));
  }
  if (st.ok()) st = (*w)->Finish();
  unsetenv("AIRLOCK_TEST_WRITE_LIMIT");
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("No space left on device"), std::string::npos)
      << st.message();
  w->reset();
  EXPECT_TRUE(fs::is_empty(dir_));
}

INSTANTIATE_TEST_SUITE_P(AllCompressions, WriterTest,
                         ::testing::Values(Compression::kZstd,
                                           Compression::kGzip,
                                           Compression::kNone),
                         [](const auto& info) {
                           return std::string(CompressionName(info.param));
                         });

}  // namespace
}  // namespace airlock::backup
