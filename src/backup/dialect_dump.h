// The per-dialect half of backup and restore (sqlite_dump.cc,
// mysql_dump.cc, postgres_dump.cc); backup.cc holds the dialect-neutral
// driver.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "backup/backup.h"
#include "backup/reader.h"
#include "backup/writer.h"
#include "db/connection.h"

namespace airlock::backup {

// Counters shared by the dump/restore workers and the progress reporter.
struct SharedProgress {
  std::atomic<size_t> tables_done{0};
  std::atomic<size_t> tables_total{0};
  std::atomic<int64_t> rows{0};
  std::atomic<int64_t> rows_estimate{0};
};

// Target size of one data chunk (a complete multi-row statement).
inline constexpr size_t kChunkTarget = 1 << 20;

// Tables larger than two pieces with an integer primary key are read in key
// ranges of about this size by parallel workers: small enough that the
// workers share the largest table and finish it together, early (about
// eight pieces per worker of the whole), 4 to 64 MB. Test hook:
// AIRLOCK_TEST_PIECE_BYTES makes pieces small enough for small tables.
inline int64_t PieceBytes(int64_t total_bytes, size_t workers) {
  const char* e = std::getenv("AIRLOCK_TEST_PIECE_BYTES");
  int64_t v = e ? std::atoll(e) : 0;
  if (v > 0) return v;
  int64_t even =
      total_bytes / static_cast<int64_t>(8 * std::max<size_t>(workers, 1));
  return std::clamp(even, int64_t{4} << 20, int64_t{64} << 20);
}

// A unit of work of the parallel data dump: a whole table, or a key range
// of a large one.
struct DataPiece {
  size_t table = 0;    // index in the dialect's table list
  std::string where;   // "" or " WHERE <key> >= a AND <key> < b"
  int64_t weight = 0;  // bytes: the largest pieces go first
};

// The smallest and largest key of a table (nullopt when empty or out of
// int64 range).
using KeyRangeFn = std::function<
    Result<std::pair<std::optional<int64_t>, std::optional<int64_t>>>()>;

// Appends the pieces of table `table` (`bytes` on disk, of `total_bytes` for
// all tables): key ranges of about PieceBytes() over the integer key `key`
// (quoted) when there are several workers and the table is larger than two
// pieces; the whole table otherwise.
Status SplitTable(size_t table, int64_t bytes, int64_t total_bytes,
                  const std::string& key, size_t workers,
                  const KeyRangeFn& key_range, std::vector<DataPiece>& pieces);

// Runs `dump` for every piece, the largest table's first (a table's pieces
// in key order), on the connections (the first
// on this thread, each other one on a thread of its own), until all are done
// or one fails; a table counts as done in `progress` when its last piece is,
// and `table_done` (when set) is then called with its index, on the thread
// that dumped that piece: the place to write the table's post chunk right
// after its data, so that restore builds its indexes while other tables
// still load.
Status RunDataPieces(
    std::vector<DataPiece> pieces, const std::vector<db::Connection*>& conns,
    SharedProgress& progress,
    const std::function<Status(db::Connection&, const DataPiece&)>& dump,
    const std::function<Status(size_t table)>& table_done = nullptr);

class DialectDump {
 public:
  virtual ~DialectDump() = default;
  // Writes the whole backup: native prologue, schema, data, post, native
  // epilogue. `conn` is not in a transaction when called.
  virtual Status Dump(db::Connection& conn, BackupWriter& writer,
                      const BackupOptions& options,
                      SharedProgress& progress) = 0;

  // Restore, before anything is changed: whether the target can take the
  // backup (an error says what to change).
  virtual Status CheckTarget(db::Connection& conn, const VerifyReport& report) {
    return Status::Ok();
  }
  // Restore: prepares `conn` (the main connection) and empties the database.
  virtual Status BeginRestore(db::Connection& conn) = 0;
  // Prepares a worker connection for data chunks.
  virtual Status BeginWorker(db::Connection& conn) { return Status::Ok(); }
  // Runs one schema/data/post chunk.
  virtual Status LoadChunk(db::Connection& conn, const Chunk& chunk) {
    return conn.ExecuteScript(chunk.body);
  }
  virtual Status EndWorker(db::Connection& conn) { return Status::Ok(); }
  // Data chunks that must run in file order on the main connection, after
  // every chunk before them (MySQL: the pieces of a row too large for one
  // statement), and how they run.
  virtual bool InOrder(const Chunk& chunk) const { return false; }
  virtual Status LoadOrdered(db::Connection& conn, const Chunk& chunk) {
    return LoadChunk(conn, chunk);
  }
  // After every chunk ran (commit, checks).
  virtual Status EndRestore(db::Connection& conn) = 0;
  // After a failure: undo what can be undone.
  virtual void AbortRestore(db::Connection& conn) {}
  // Whether a restore is one transaction (nothing changes unless it ends).
  virtual bool AtomicRestore() const { return false; }
  // Whether data chunks may be loaded by parallel worker connections.
  virtual bool ParallelLoad() const { return false; }
  // Schema chunks that parallel workers may run in any order among
  // themselves (each creates one table that nothing else in the schema
  // needs first); the others run in file order on the main connection.
  // Every schema chunk has run before any later chunk starts.
  virtual bool ParallelSchema(const Chunk& chunk) const { return false; }
};

std::unique_ptr<DialectDump> MakeSqliteDump();
// nullptr until the dialect is available.
std::unique_ptr<DialectDump> MakeMysqlDump();
std::unique_ptr<DialectDump> MakePostgresDump();

}  // namespace airlock::backup
