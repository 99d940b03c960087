// SQLite backup -> restore round trips on real database files.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <limits>
#include <thread>

#include "backup/backup.h"
#include "backup/sha256.h"
#include "base/files.h"
#include "db/connect.h"

namespace airlock::backup {
namespace {
namespace fs = std::filesystem;

class SqliteBackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("airlock_sqlite_backup_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::unique_ptr<db::Connection> Open(const std::string& name) {
    auto url = db::ParseDatabaseUrl("file:" + (dir_ / name).string());
    EXPECT_TRUE(url.ok());
    db::ConnectOptions o;
    o.create_if_missing = true;
    auto c = db::Connect(*url, o);
    EXPECT_TRUE(c.ok()) << c.status().message();
    return std::move(c).value();
  }

  // Per-table checksum of every row (order-independent; values keep their
  // storage class), plus the schema objects.
  std::map<std::string, std::string> Checksums(db::Connection& c) {
    std::map<std::string, std::string> out;
    auto objects = c.Query(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE "
        "'sqlite_autoindex%' ORDER BY type, name");
    EXPECT_TRUE(objects.ok());
    for (const auto& o : objects->rows) {
      out["schema:" + o[0].AsText() + ":" + o[1].AsText()] = o[2].AsText();
      if (o[0].AsText() != "table") continue;
      std::vector<std::string> rows;
      std::string q = "SELECT * FROM \"";
      for (char ch : o[1].AsText()) {
        if (ch == '"') q += '"';
        q += ch;
      }
      q += "\"";
      Status st = c.QueryStream(q, {}, [&](std::span<const db::FieldView> r) {
        std::string s;
        for (const auto& f : r) {
          s += std::to_string(static_cast<int>(f.kind)) + ":";
          if (f.kind == db::Value::Kind::kInt) s += std::to_string(f.int_value);
          if (f.kind == db::Value::Kind::kReal) {
            char buf[64];
            snprintf(buf, sizeof buf, "%a", f.real_value);
            s += buf;
          }
          s += std::to_string(f.bytes.size()) + ":" + std::string(f.bytes);
          s += "|";
        }
        rows.push_back(std::move(s));
        return Status::Ok();
      });
      EXPECT_TRUE(st.ok()) << st.message();
      std::sort(rows.begin(), rows.end());
      Sha256 sha;
      for (const auto& r : rows) sha.Update(r);
      out["data:" + o[1].AsText()] =
          std::to_string(rows.size()) + ":" + sha.HexDigest();
    }
    return out;
  }

  void Exec(db::Connection& c, const std::string& sql) {
    Status st = c.ExecuteScript(sql);
    ASSERT_TRUE(st.ok()) << st.message() << "\n" << c.last_error().statement;
  }

  fs::path dir_;
};

const char* kEveryValue = R"sql(
CREATE TABLE "kinds" (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  i INTEGER, r REAL, t TEXT, b BLOB, n NUMERIC, anything,
  "col with space" TEXT
);
CREATE TABLE "we""ird 테이블" ("ключ" TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID;
CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL);
CREATE TABLE child (id INTEGER PRIMARY KEY,
  parent_id INTEGER REFERENCES parent(id) ON DELETE CASCADE,
  total INTEGER GENERATED ALWAYS AS (id * 2) VIRTUAL);
CREATE TABLE "empty" (x TEXT);
CREATE INDEX kinds_t ON kinds(t);
CREATE UNIQUE INDEX child_parent ON child(parent_id, id);
CREATE VIEW v_children AS SELECT p.name, c.id FROM parent p JOIN child c ON c.parent_id = p.id;
CREATE TRIGGER parent_upper AFTER INSERT ON parent BEGIN
  UPDATE parent SET name = upper(name) WHERE id = NEW.id AND name = 'trigger-me';
END;
INSERT INTO kinds (i, r, t, b, n, anything, "col with space") VALUES
  (NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (0, 0.0, '', X'', 0, '', ''),
  (9223372036854775807, 0.1, '한국어 텍스트 🙂🚀', X'00FF10', 12345678901234567890, 1.0, 'it''s'),
  (-9223372036854775808, -1.5e300, 'line1
line2' || char(13) || char(10) || 'tab	end', randomblob(64), 3.25, X'41', ';--'),
  (42, 5e-324, 'nul' || char(0) || 'inside', zeroblob(10), '007', 9e999, '/* not a comment */'),
  (-1, -9e999, '''quoted'' "double" \backslash', X'5C27', -0.0, 1, NULL),
  (7, 1e15, '1e15', NULL, 1e15, 2.5, 'x');
DELETE FROM kinds WHERE i = 7;
INSERT INTO "we""ird 테이블" VALUES ('a''b', 'v1'), ('🙂', NULL), ('', '');
INSERT INTO parent (id, name) VALUES (1, 'a'), (2, 'b');
INSERT INTO child (id, parent_id) VALUES (10, 1), (11, 1), (12, 2);
PRAGMA user_version = 7;
)sql";

TEST_F(SqliteBackupTest, EveryValueRoundTrips) {
  for (Compression comp :
       {Compression::kZstd, Compression::kGzip, Compression::kNone}) {
    SCOPED_TRACE(CompressionName(comp));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto src = Open("src.db");
    Exec(*src, kEveryValue);
    BackupOptions o;
    o.dir = (dir_ / "backups").string();
    o.compression = comp;
    auto info = TakeBackup(*src, o);
    ASSERT_TRUE(info.ok()) << info.status().message();
    EXPECT_EQ(info->rows, 6 + 3 + 2 + 3);
    EXPECT_TRUE(
        fs::path(info->path).filename().string().starts_with("backup_manual_"));
    EXPECT_TRUE(info->path.ends_with(CompressionExtension(comp)));

    auto dst = Open("dst.db");
    Exec(*dst, "CREATE TABLE leftover (x); INSERT INTO leftover VALUES (1);");
    auto r = Restore(*dst, info->path, {});
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_EQ(Checksums(*src), Checksums(*dst));
    // Counters, pragmas and the schema objects came back too.
    auto seq = dst->Query("SELECT seq FROM sqlite_sequence WHERE name='kinds'");
    ASSERT_TRUE(seq.ok());
    ASSERT_EQ(seq->rows.size(), 1u);
    EXPECT_EQ(seq->rows[0][0].AsText(), "7");
    auto uv = dst->Query("PRAGMA user_version");
    EXPECT_EQ(uv->rows[0][0].AsText(), "7");
    auto fk = dst->Query("PRAGMA foreign_key_check");
    EXPECT_TRUE(fk->rows.empty());
    auto left =
        dst->Query("SELECT name FROM sqlite_master WHERE name='leftover'");
    EXPECT_TRUE(left->rows.empty());
  }
}

TEST_F(SqliteBackupTest, CorruptFileIsRefusedBeforeAnythingIsDropped) {
  auto src = Open("src.db");
  Exec(*src, kEveryValue);
  BackupOptions o;
  o.path = (dir_ / "b.sql").string();
  o.compression = Compression::kNone;
  auto info = TakeBackup(*src, o);
  ASSERT_TRUE(info.ok()) << info.status().message();
  std::string data = *ReadFile(o.path);
  auto dst = Open("dst.db");
  Exec(*dst, "CREATE TABLE keep (x); INSERT INTO keep VALUES (1);");
  auto before = Checksums(*dst);
  // Truncated.
  ASSERT_TRUE(WriteFileAtomic(o.path, data.substr(0, data.size() - 10)).ok());
  auto r = Restore(*dst, o.path, {});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("truncated"), std::string::npos)
      << r.status().message();
  EXPECT_EQ(Checksums(*dst), before);
  // A changed value.
  std::string bad = data;
  size_t at = bad.find("한국어");
  ASSERT_NE(at, std::string::npos);
  bad[at + 1] ^= 1;
  ASSERT_TRUE(WriteFileAtomic(o.path, bad).ok());
  r = Restore(*dst, o.path, {});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("does not match its checksum"),
            std::string::npos)
      << r.status().message();
  EXPECT_EQ(Checksums(*dst), before);
}

TEST_F(SqliteBackupTest, TablesFilterAndMissingTable) {
  auto src = Open("src.db");
  Exec(*src, kEveryValue);
  BackupOptions o;
  o.path = (dir_ / "b.sql.zst").string();
  o.tables = {"parent", "nope"};
  auto info = TakeBackup(*src, o);
  ASSERT_FALSE(info.ok());
  EXPECT_NE(info.status().message().find("nope"), std::string::npos);
  EXPECT_FALSE(fs::exists(o.path));
  EXPECT_EQ(
      std::distance(fs::directory_iterator(dir_), fs::directory_iterator()),
      1);  // only src.db
  o.tables = {"parent"};
  info = TakeBackup(*src, o);
  ASSERT_TRUE(info.ok()) << info.status().message();
  EXPECT_EQ(info->rows, 2);
  ASSERT_EQ(info->tables.size(), 1u);
  EXPECT_EQ(info->tables[0].table, "parent");
}

TEST_F(SqliteBackupTest, WrongDialectIsRefused) {
  auto src = Open("src.db");
  Exec(*src, "CREATE TABLE a (x); INSERT INTO a VALUES (1);");
  BackupOptions o;
  o.path = (dir_ / "b.sql").string();
  o.compression = Compression::kNone;
  ASSERT_TRUE(TakeBackup(*src, o).ok());
  // A valid file of another dialect.
  WriterOptions wo;
  wo.path = (dir_ / "m.sql").string();
  wo.compression = Compression::kNone;
  wo.header = FileHeader{1, "mysql", "x", "manual", "none"};
  auto w = BackupWriter::Create(wo);
  ASSERT_TRUE(w.ok());
  ASSERT_TRUE((*w)->Finish().ok());
  auto r = Restore(*src, wo.path, {});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("mysql"), std::string::npos);
  auto rows = src->Query("SELECT count(*) FROM a");
  EXPECT_EQ(rows->rows[0][0].AsText(), "1");
}

// A writer moves money between two tables during the backup; the restored
// copy must keep the total (the dump reads both tables in one snapshot).
TEST_F(SqliteBackupTest, ConsistentWhileWriting) {
  auto src = Open("src.db");
  Exec(*src, R"sql(
    PRAGMA journal_mode=WAL;
    CREATE TABLE a (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL);
    CREATE TABLE filler (id INTEGER PRIMARY KEY, pad TEXT);
    CREATE TABLE b (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL);
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 1000)
      INSERT INTO a SELECT i, 1000 FROM n;
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 1000)
      INSERT INTO b SELECT i, 1000 FROM n;
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 200000)
      INSERT INTO filler SELECT i, hex(randomblob(40)) FROM n;
  )sql");
  std::atomic<bool> stop{false};
  std::atomic<int> transfers{0};
  std::thread writer([&] {
    auto w = Open("src.db");
    int k = 0;
    while (!stop) {
      ++k;
      Status st = w->ExecuteScript(
          "BEGIN IMMEDIATE;"
          "UPDATE a SET balance = balance - 7 WHERE id = " +
          std::to_string(k % 1000 + 1) +
          ";"
          "UPDATE b SET balance = balance + 7 WHERE id = " +
          std::to_string((k * 7) % 1000 + 1) + ";COMMIT;");
      if (st.ok())
        ++transfers;
      else
        w->Rollback();
    }
  });
  while (transfers < 20) std::this_thread::yield();
  int before = transfers;
  BackupOptions o;
  o.path = (dir_ / "b.sql.zst").string();
  auto info = TakeBackup(*src, o);
  int during = transfers;
  stop = true;
  writer.join();
  ASSERT_TRUE(info.ok()) << info.status().message();
  EXPECT_GT(during, before) << "no transfer ran during the backup";
  auto dst = Open("dst.db");
  auto r = Restore(*dst, o.path, {});
  ASSERT_TRUE(r.ok()) << r.status().message();
  auto total = dst->Query(
      "SELECT (SELECT sum(balance) FROM a) + (SELECT sum(balance) FROM b)");
  ASSERT_TRUE(total.ok());
  EXPECT_EQ(total->rows[0][0].AsText(), "2000000");
  std::printf("transfers committed during the backup: %d\n", during);
}

}  // namespace
}  // namespace airlock::backup
