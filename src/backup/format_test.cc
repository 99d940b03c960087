#include "backup/format.h"

#include <gtest/gtest.h>

namespace airlock::backup {
namespace {

TEST(BackupFormat, ChunkMarkerRoundTrip) {
  ChunkHeader h{ChunkKind::kData, 1234, 56, "we\"ird\nname 테이블 🙂"};
  auto m = ParseMarkerLine(h.Render());
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(m->type, MarkerLine::Type::kChunk);
  EXPECT_EQ(m->chunk.kind, ChunkKind::kData);
  EXPECT_EQ(m->chunk.bytes, 1234u);
  EXPECT_EQ(m->chunk.rows, 56);
  EXPECT_EQ(m->chunk.table, h.table);
  EXPECT_EQ(h.Render().find('\n'), std::string::npos);
}

TEST(BackupFormat, ManifestAndEndRoundTrip) {
  std::string sha(64, 'a');
  TableEntry t{"users", 10, 99, sha};
  auto m = ParseMarkerLine(t.Render());
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->type, MarkerLine::Type::kTable);
  EXPECT_EQ(m->table.table, "users");
  EXPECT_EQ(m->table.rows, 10);
  EndEntry e{3, 400, sha};
  auto me = ParseMarkerLine(e.Render());
  ASSERT_TRUE(me.ok());
  EXPECT_EQ(me->type, MarkerLine::Type::kEnd);
  EXPECT_EQ(me->end.bytes, 400u);
}

TEST(BackupFormat, RejectsDamagedMarkers) {
  EXPECT_FALSE(
      ParseMarkerLine("-- airlock:data bytes=1x rows=1 table=\"a\"").ok());
  EXPECT_FALSE(
      ParseMarkerLine("-- airlock:bogus bytes=1 rows=1 table=\"a\"").ok());
  EXPECT_FALSE(ParseMarkerLine("-- airlock:data rows=1 table=\"a\"").ok());
  EXPECT_FALSE(
      ParseMarkerLine("-- airlock:end chunks=1 bytes=2 sha256=zz").ok());
  EXPECT_FALSE(ParseMarkerLine("INSERT INTO x VALUES (1);").ok());
}

TEST(BackupFormat, FileHeader) {
  FileHeader h{1, "sqlite", "2026-01-02T03:04:05Z", "manual", "zstd"};
  auto p = FileHeader::Parse(h.Render());
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->dialect, "sqlite");
  EXPECT_EQ(p->reason, "manual");
  EXPECT_FALSE(FileHeader::Parse("-- some dump").ok());
  auto v2 = FileHeader::Parse("-- airlock-backup 2 dialect=sqlite");
  ASSERT_FALSE(v2.ok());
  EXPECT_NE(v2.status().message().find("version 2"), std::string::npos);
}

}  // namespace
}  // namespace airlock::backup
