// The seal of compressed backups (seal.h): QuickVerify agrees with the full
// check on sound files, and every damage (a flipped byte in the data or in
// the seal, a truncation anywhere, data appended) is refused by both; a file
// whose seal was cut off exactly is an unsealed file and still verifies.
#include "backup/seal.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "backup/reader.h"
#include "backup/writer.h"
#include "base/files.h"

namespace airlock::backup {
namespace {
namespace fs = std::filesystem;

// Without WriteFileAtomic's fsync: hundreds of damaged copies are written.
bool WriteQuick(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  return static_cast<bool>(out.flush());
}

void ExpectSameReport(const VerifyReport& a, const VerifyReport& b) {
  EXPECT_EQ(a.header.Render(), b.header.Render());
  EXPECT_EQ(a.compression, b.compression);
  EXPECT_EQ(a.chunks, b.chunks);
  EXPECT_EQ(a.raw_bytes, b.raw_bytes);
  EXPECT_EQ(a.file_bytes, b.file_bytes);
  EXPECT_EQ(a.rows, b.rows);
  EXPECT_EQ(a.max_data_chunk, b.max_data_chunk);
  EXPECT_EQ(a.max_data_chunk_table, b.max_data_chunk_table);
  ASSERT_EQ(a.tables.size(), b.tables.size());
  for (size_t i = 0; i < a.tables.size(); ++i) {
    EXPECT_EQ(a.tables[i].table, b.tables[i].table);
    EXPECT_EQ(a.tables[i].rows, b.tables[i].rows);
    EXPECT_EQ(a.tables[i].bytes, b.tables[i].bytes);
    EXPECT_EQ(a.tables[i].sha256, b.tables[i].sha256);
    EXPECT_EQ(a.tables[i].max_value, b.tables[i].max_value);
  }
}

class SealTest : public ::testing::TestWithParam<Compression> {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("airlock_seal_" + std::to_string(getpid()) + "_" +
            std::to_string(reinterpret_cast<uintptr_t>(this)));
    fs::create_directories(dir_);
    path_ = (dir_ / "b.sql").string();
    WriterOptions o;
    o.path = path_;
    o.compression = GetParam();
    o.threads = 2;
    o.header = FileHeader{1, "mysql", "2026-01-01T00:00:00Z", "test",
                          CompressionName(GetParam())};
    auto w = BackupWriter::Create(o);
    ASSERT_TRUE(w.ok()) << w.status().message();
    ASSERT_TRUE(
        (*w)->Add(ChunkKind::kSchema, "a", 0, "CREATE TABLE a(x);\n").ok());
    ASSERT_TRUE((*w)->Add(ChunkKind::kSchema, "odd \"name\" 테이블", 0,
                          "CREATE TABLE b(x);\n")
                    .ok());
    for (int i = 0; i < 30; ++i) {
      std::string body = "INSERT INTO a VALUES ";
      for (int j = 0; j < 50 + i; ++j) {
        body += (j ? ",(" : "(") + std::to_string(i * 1000 + j) + ")";
      }
      body += ";\n";
      ASSERT_TRUE((*w)->Add(ChunkKind::kData,
                            i % 3 ? "a" : "odd \"name\" 테이블", 50 + i, body,
                            i == 7 ? 123456 : 0)
                      .ok());
    }
    ASSERT_TRUE(
        (*w)->Add(ChunkKind::kPost, "a", 0, "CREATE INDEX i ON a(x);\n").ok());
    Status st = (*w)->Finish();
    ASSERT_TRUE(st.ok()) << st.message();
    data_ = *ReadFile(path_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // The offset of the seal frame (found independently of the reader: the
  // decompressors' output ends there).
  size_t SealStart() {
    auto tail = SealFrameSize(GetParam(), std::string_view(data_).substr(
                                              data_.size() - kSealTailBytes));
    EXPECT_TRUE(tail.ok() && *tail);
    return data_.size() - static_cast<size_t>(**tail);
  }

  // Both checks refuse `bytes` (and name the file).
  void ExpectRefused(const std::string& bytes, const std::string& what) {
    std::string bad = (dir_ / "bad.sql").string();
    ASSERT_TRUE(WriteQuick(bad, bytes));
    auto quick = QuickVerify(bad);
    EXPECT_FALSE(quick.ok()) << "QuickVerify accepted " << what;
    if (!quick.ok()) {
      EXPECT_NE(quick.status().message().find(bad), std::string::npos)
          << quick.status().message();
    }
    EXPECT_FALSE(VerifyBackup(bad).ok()) << "VerifyBackup accepted " << what;
  }

  // (Each damaged copy costs ~10 ms of buffer set-up.) Every byte of the
  // seal's header, every 3rd of its last line and framing, every 29th
  // elsewhere.
  bool Sampled(size_t start, size_t at) const {
    return at < start + 12 || (at + 130 >= data_.size() && at % 3 == 0) ||
           at % 29 == 0;
  }

  fs::path dir_;
  std::string path_;
  std::string data_;
};

TEST_P(SealTest, QuickVerifyAgreesWithTheFullCheck) {
  auto full = VerifyBackup(path_);
  ASSERT_TRUE(full.ok()) << full.status().message();
  auto quick = QuickVerify(path_);
  ASSERT_TRUE(quick.ok()) << quick.status().message();
  ExpectSameReport(*quick, *full);
  EXPECT_EQ(quick->rows, 30 * 50 + 29 * 30 / 2);
  EXPECT_EQ(quick->tables[0].max_value, 123456u);
  EXPECT_EQ(quick->file_bytes, data_.size());
  EXPECT_EQ(quick->max_data_chunk_table, "a");
}

TEST_P(SealTest, SealFollowsTheDataFrames) {
  size_t start = SealStart();
  auto payload = UnframeSeal(GetParam(), std::string_view(data_).substr(start));
  ASSERT_TRUE(payload.ok()) << payload.status().message();
  auto seal = ParseSealPayload(*payload);
  ASSERT_TRUE(seal.ok()) << seal.status().message();
  EXPECT_EQ(seal->prefix_bytes, start);
  // The reader's data ends where the seal starts.
  auto reader = BackupReader::Open(path_);
  ASSERT_TRUE(reader.ok());
  Chunk c;
  while (true) {
    auto more = (*reader)->Next(c, true);
    ASSERT_TRUE(more.ok()) << more.status().message();
    if (!*more) break;
  }
  EXPECT_EQ((*reader)->data_end(), start);
}

TEST_P(SealTest, SealCutOffExactlyStillVerifies) {
  std::string cut = (dir_ / "cut.sql").string();
  ASSERT_TRUE(WriteFileAtomic(cut, data_.substr(0, SealStart())).ok());
  auto quick = QuickVerify(cut);
  ASSERT_TRUE(quick.ok()) << quick.status().message();
  auto full = VerifyBackup(path_);
  ASSERT_TRUE(full.ok());
  EXPECT_EQ(quick->rows, full->rows);
  EXPECT_EQ(quick->raw_bytes, full->raw_bytes);
}

TEST_P(SealTest, RefusesEveryFlipInTheSealAndRandomFlipsElsewhere) {
  size_t start = SealStart();
  std::mt19937 rng(7);
  for (size_t at = start; at < data_.size(); ++at) {
    if (!Sampled(start, at)) continue;
    std::string copy = data_;
    copy[at] ^= static_cast<char>(1 << (rng() % 8));
    ExpectRefused(copy, "a flip at " + std::to_string(at) + " (seal at " +
                            std::to_string(start) + ")");
  }
  for (int i = 0; i < 20; ++i) {
    std::string copy = data_;
    size_t at = rng() % start;
    copy[at] ^= static_cast<char>(1 << (rng() % 8));
    ExpectRefused(copy, "a flip at " + std::to_string(at));
  }
}

TEST_P(SealTest, RefusesTruncationsAndAppendedData) {
  size_t start = SealStart();
  for (size_t n = start + 1; n < data_.size(); ++n) {
    if (!Sampled(start, n)) continue;
    ExpectRefused(data_.substr(0, n), "a cut at " + std::to_string(n));
  }
  for (size_t n : {size_t{1}, start / 2, start - 1}) {
    ExpectRefused(data_.substr(0, n), "a cut at " + std::to_string(n));
  }
  ExpectRefused(data_ + "x", "one byte appended");
  ExpectRefused(data_ + "\n", "a newline appended");
  ExpectRefused(data_ + data_.substr(start), "the seal twice");
  // A whole valid (empty) frame of the same codec after the seal.
  std::string empty =
      GetParam() == Compression::kZstd
          ? std::string("\x28\xb5\x2f\xfd\x20\x00\x01\x00\x00", 9)
          : std::string("\x1f\x8b\x08\0\0\0\0\0\0\x03\x03\0\0\0\0\0\0\0\0\0",
                        20);
  ExpectRefused(data_ + empty, "an empty frame appended");
  // The seal moved before a copy of the data.
  ExpectRefused(
      data_.substr(0, start) + data_.substr(start) + data_.substr(0, start),
      "data after the seal");
}

TEST_P(SealTest, ParsersSurviveGarbage) {
  size_t start = SealStart();
  std::string frame = data_.substr(start);
  std::string payload(*UnframeSeal(GetParam(), frame));
  std::mt19937 rng(11);
  for (int i = 0; i < 3000; ++i) {
    std::string p = payload;
    int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      size_t at = rng() % p.size();
      switch (rng() % 3) {
        case 0:
          p[at] = static_cast<char>(rng());
          break;
        case 1:
          p.erase(at, 1 + rng() % 8);
          break;
        default:
          p.insert(at, std::string(1 + rng() % 8, static_cast<char>(rng())));
      }
    }
    if (p == payload) continue;
    EXPECT_FALSE(ParseSealPayload(p).ok());
    std::string f = FrameSeal(GetParam(), p);
    auto size = SealFrameSize(GetParam(), f);
    (void)size;
    (void)UnframeSeal(GetParam(), f);
    (void)UnframeSeal(GetParam(), p);
    (void)SealFrameSize(GetParam(), p.substr(0, rng() % (p.size() + 1)));
  }
  EXPECT_FALSE(ParseSealPayload("").ok());
  EXPECT_FALSE(UnframeSeal(GetParam(), "").ok());
  auto none = SealFrameSize(GetParam(), "");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(*none);
}

INSTANTIATE_TEST_SUITE_P(Compressed, SealTest,
                         ::testing::Values(Compression::kZstd,
                                           Compression::kGzip),
                         [](const auto& info) {
                           return std::string(CompressionName(info.param));
                         });

TEST(SealNone, PlainFilesHaveNoSeal) {
  fs::path dir = fs::temp_directory_path() /
                 ("airlock_seal_none_" + std::to_string(getpid()));
  fs::create_directories(dir);
  WriterOptions o;
  o.path = (dir / "p.sql").string();
  o.compression = Compression::kNone;
  o.header = FileHeader{1, "sqlite", "2026-01-01T00:00:00Z", "test", "none"};
  auto w = BackupWriter::Create(o);
  ASSERT_TRUE(w.ok());
  ASSERT_TRUE(
      (*w)->Add(ChunkKind::kData, "t", 1, "INSERT INTO t VALUES(1);\n").ok());
  ASSERT_TRUE((*w)->Finish().ok());
  std::string text = *ReadFile(o.path);
  EXPECT_TRUE(text.ends_with(" sha256=" + text.substr(text.size() - 65)));
  EXPECT_EQ(text.find("airlock-seal"), std::string::npos);
  auto quick = QuickVerify(o.path);
  ASSERT_TRUE(quick.ok()) << quick.status().message();
  EXPECT_EQ(quick->rows, 1);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace airlock::backup
