// The per-dialect half of backup and restore (sqlite_dump.cc,
// mysql_dump.cc, postgres_dump.cc); backup.cc holds the dialect-neutral
// driver.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <memory>

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
// ranges of about this size by parallel workers. Test hook:
// AIRLOCK_TEST_PIECE_BYTES makes pieces small enough for small tables.
inline int64_t PieceBytes() {
  const char* e = std::getenv("AIRLOCK_TEST_PIECE_BYTES");
  int64_t v = e ? std::atoll(e) : 0;
  return v > 0 ? v : int64_t{64} << 20;
}

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
};

std::unique_ptr<DialectDump> MakeSqliteDump();
// nullptr until the dialect is available.
std::unique_ptr<DialectDump> MakeMysqlDump();
std::unique_ptr<DialectDump> MakePostgresDump();

}  // namespace airlock::backup
