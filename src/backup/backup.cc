// The dialect-neutral driver of backup and restore: file naming, the writer,
// progress reporting, verification before restore, and the restore worker
// pool. Dialect specifics are in <dialect>_dump.cc.
#include "backup/backup.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

#include "backup/dialect_dump.h"
#include "backup/messages.h"
#include "backup/restore_marker.h"

namespace airlock::backup {
namespace {

using Clock = std::chrono::steady_clock;

std::unique_ptr<DialectDump> MakeDump(db::Dialect d) {
  switch (d) {
    case db::Dialect::kSqlite:
      return MakeSqliteDump();
    case db::Dialect::kMysql:
      return MakeMysqlDump();
    case db::Dialect::kPostgres:
      return MakePostgresDump();
  }
  return nullptr;
}

// Calls `fn` with a snapshot every 250 ms until stopped.
class ProgressThread {
 public:
  ProgressThread(const ProgressFn& fn, SharedProgress& shared,
                 std::function<uint64_t()> bytes)
      : fn_(fn), shared_(shared), bytes_(std::move(bytes)) {
    start_ = Clock::now();
    if (fn_) thread_ = std::thread([this] { Loop(); });
  }
  ~ProgressThread() { Stop(); }
  void Stop() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }
  Progress Snapshot() const {
    Progress p;
    p.tables_done = shared_.tables_done;
    p.tables_total = shared_.tables_total;
    p.rows = shared_.rows;
    p.rows_estimate = shared_.rows_estimate;
    p.bytes = bytes_ ? bytes_() : 0;
    p.seconds = std::chrono::duration<double>(Clock::now() - start_).count();
    return p;
  }

 private:
  void Loop() {
    std::unique_lock<std::mutex> lock(mu_);
    while (!cv_.wait_for(lock, std::chrono::milliseconds(250),
                         [&] { return stop_; })) {
      lock.unlock();
      fn_(Snapshot());
      lock.lock();
    }
  }
  const ProgressFn& fn_;
  SharedProgress& shared_;
  std::function<uint64_t()> bytes_;
  Clock::time_point start_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

// Chunks handed to parallel restore workers, bounded; counts the data
// chunks of each table that are queued or loading.
class ChunkQueue {
 public:
  explicit ChunkQueue(size_t max) : max_(max) {}
  // False when the queue was closed because of an error.
  bool Push(Chunk chunk) {
    std::unique_lock<std::mutex> lock(mu_);
    space_.wait(lock, [&] { return q_.size() < max_ || closed_; });
    if (closed_) return false;
    if (chunk.header.kind == ChunkKind::kData)
      ++table_busy_[chunk.header.table];
    q_.push_back(std::move(chunk));
    ++busy_;
    ready_.notify_one();
    return true;
  }
  bool Pop(Chunk& out) {
    std::unique_lock<std::mutex> lock(mu_);
    ready_.wait(lock, [&] { return !q_.empty() || closed_ || finished_; });
    if (closed_ || q_.empty()) return false;
    out = std::move(q_.front());
    q_.pop_front();
    space_.notify_one();
    return true;
  }
  void Done(const ChunkHeader& h, Status st) {
    std::lock_guard<std::mutex> lock(mu_);
    --busy_;
    if (h.kind == ChunkKind::kData) {
      auto it = table_busy_.find(h.table);
      if (it != table_busy_.end() && --it->second == 0) table_busy_.erase(it);
    }
    if (!st.ok() && error_.ok()) {
      error_ = st;
      closed_ = true;
      ready_.notify_all();
      space_.notify_all();
    }
    idle_.notify_all();
  }
  // Waits until every pushed chunk was loaded (or an error happened).
  Status Drain() {
    std::unique_lock<std::mutex> lock(mu_);
    idle_.wait(lock, [&] { return busy_ == 0 || closed_; });
    return error_;
  }
  // Waits until every pushed data chunk of `table` was loaded.
  Status DrainTable(const std::string& table) {
    std::unique_lock<std::mutex> lock(mu_);
    idle_.wait(lock, [&] { return !table_busy_.count(table) || closed_; });
    return error_;
  }
  void Fail(Status st) {
    std::lock_guard<std::mutex> lock(mu_);
    if (error_.ok()) error_ = st;
    closed_ = true;
    ready_.notify_all();
    space_.notify_all();
    idle_.notify_all();
  }
  void Finish() {
    std::lock_guard<std::mutex> lock(mu_);
    finished_ = true;
    ready_.notify_all();
  }
  Status error() {
    std::lock_guard<std::mutex> lock(mu_);
    return error_;
  }

 private:
  size_t max_;
  std::mutex mu_;
  std::condition_variable ready_, space_, idle_;
  std::deque<Chunk> q_;
  size_t busy_ = 0;
  std::map<std::string, size_t, std::less<>> table_busy_;
  bool closed_ = false, finished_ = false;
  Status error_;
};

Status ChunkFailed(const db::Connection& conn, const Chunk& chunk,
                   const Status& st) {
  std::string what = chunk.header.table.empty()
                         ? std::string(ChunkKindName(chunk.header.kind))
                         : fmt::format("table {}", chunk.header.table);
  std::string stmt = conn.last_error().statement;
  if (stmt.size() > 300) stmt = stmt.substr(0, 300) + "...";
  return Status::Error(
      st.code(), fmt::format(msg::kRestoreStatementFailed, what, st.message(),
                             stmt.empty() ? "" : "\nStatement: " + stmt));
}

// Test hook: AIRLOCK_TEST_CHUNK_DELAY_MS slows every data chunk down, so that
// fault tests can kill a backup or restore in the middle.
void TestChunkDelay() {
  static const int ms = [] {
    const char* e = std::getenv("AIRLOCK_TEST_CHUNK_DELAY_MS");
    return e ? std::atoi(e) : 0;
  }();
  if (ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

}  // namespace

Status SplitTable(size_t table, int64_t bytes, int64_t total_bytes,
                  const std::string& key, size_t workers,
                  const KeyRangeFn& key_range, std::vector<DataPiece>& pieces) {
  const int64_t kPieceBytes = PieceBytes(total_bytes, workers);
  if (workers < 2 || key.empty() || bytes < 2 * kPieceBytes) {
    pieces.push_back({table, "", bytes});
    return Status::Ok();
  }
  AIRLOCK_ASSIGN_OR_RETURN(auto range, key_range());
  auto [lo, hi] = range;
  if (!lo || !hi) {  // empty, or unsigned beyond int64
    pieces.push_back({table, "", bytes});
    return Status::Ok();
  }
  int64_t n = std::min<int64_t>(bytes / kPieceBytes, 256);
  // Width as unsigned arithmetic: the span may exceed int64.
  uint64_t span = static_cast<uint64_t>(*hi) - static_cast<uint64_t>(*lo);
  uint64_t width = span / static_cast<uint64_t>(n) + 1;
  int64_t from = *lo;
  for (int64_t i = 0; i < n; ++i) {
    bool last =
        i == n - 1 ||
        static_cast<uint64_t>(*hi) - static_cast<uint64_t>(from) < width;
    int64_t to = static_cast<int64_t>(static_cast<uint64_t>(from) + width);
    std::string where =
        last ? fmt::format(" WHERE {} >= {}", key, from)
             : fmt::format(" WHERE {0} >= {1} AND {0} < {2}", key, from, to);
    pieces.push_back({table, where, bytes / n});
    if (last) break;
    from = to;
  }
  return Status::Ok();
}

Status RunDataPieces(
    std::vector<DataPiece> pieces, const std::vector<db::Connection*>& conns,
    SharedProgress& progress,
    const std::function<Status(db::Connection&, const DataPiece&)>& dump,
    const std::function<Status(size_t table)>& table_done) {
  std::map<size_t, int> left;        // pieces left per table
  std::map<size_t, int64_t> weight;  // bytes per table
  for (const auto& p : pieces) {
    ++left[p.table];
    weight[p.table] += p.weight;
  }
  // The largest table first, all workers on it, so that it is done early:
  // its post chunk (keys, indexes) then comes early in the file, and restore
  // builds them while the other tables load.
  std::stable_sort(pieces.begin(), pieces.end(),
                   [&](const DataPiece& a, const DataPiece& b) {
                     int64_t wa = weight[a.table], wb = weight[b.table];
                     return wa != wb ? wa > wb : a.table < b.table;
                   });
  std::mutex mu;
  size_t next = 0;
  Status first_error;
  auto work = [&](db::Connection* c) {
    while (true) {
      const DataPiece* p;
      {
        std::lock_guard<std::mutex> lock(mu);
        if (next >= pieces.size() || !first_error.ok()) return;
        p = &pieces[next++];
      }
      Status st = dump(*c, *p);
      bool last = false;
      {
        std::lock_guard<std::mutex> lock(mu);
        if (!st.ok() && first_error.ok()) first_error = st;
        if (--left[p->table] == 0) {
          ++progress.tables_done;
          last = st.ok() && first_error.ok();
        }
      }
      if (last && table_done) {
        st = table_done(p->table);
        std::lock_guard<std::mutex> lock(mu);
        if (!st.ok() && first_error.ok()) first_error = st;
      }
    }
  };
  std::vector<std::thread> threads;
  for (size_t i = 1; i < conns.size(); ++i)
    threads.emplace_back(work, conns[i]);
  work(conns[0]);
  for (auto& t : threads) t.join();
  return first_error;
}

std::string DefaultBackupPath(const std::string& dir, const std::string& reason,
                              Compression c,
                              std::chrono::system_clock::time_point when) {
  auto secs = std::chrono::floor<std::chrono::seconds>(when);
  std::string name = fmt::format("backup_{}_{:%Y%m%d_%H%M%S}{}", reason, secs,
                                 CompressionExtension(c));
  return (std::filesystem::path(dir) / name).string();
}

Result<BackupInfo> TakeBackup(db::Connection& conn,
                              const BackupOptions& options) {
  auto dump = MakeDump(conn.dialect());
  if (!dump) {
    return Status::Error(fmt::format(msg::kDialectNotSupported,
                                     db::DialectName(conn.dialect())));
  }
  // A database left half-restored would give a backup that looks complete.
  AIRLOCK_ASSIGN_OR_RETURN(auto marker, ReadRestoreMarker(conn));
  if (marker) {
    return Status::Error(fmt::format(msg::kInterruptedRestore, conn.Describe(),
                                     marker->backup, marker->started,
                                     marker->backup));
  }
  auto now = std::chrono::system_clock::now();
  WriterOptions wo;
  wo.path = options.path.empty()
                ? DefaultBackupPath(options.dir, options.reason,
                                    options.compression, now)
                : options.path;
  wo.compression = options.compression;
  wo.level = options.level;
  wo.threads =
      std::max(1, std::min(options.jobs > 1
                               ? options.jobs
                               : static_cast<int>(std::min(
                                     2u, std::thread::hardware_concurrency())),
                           64));
  wo.header.dialect = db::DialectName(conn.dialect());
  wo.header.created = fmt::format(
      "{:%Y-%m-%dT%H:%M:%SZ}", std::chrono::floor<std::chrono::seconds>(now));
  wo.header.reason = options.reason;
  wo.header.compress = CompressionName(options.compression);
  AIRLOCK_ASSIGN_OR_RETURN(auto writer, BackupWriter::Create(wo));
  SharedProgress shared;
  BackupWriter* w = writer.get();
  ProgressThread progress(options.progress, shared,
                          [w] { return w->raw_bytes(); });
  Status st = dump->Dump(conn, *writer, options, shared);
  if (st.ok()) st = writer->Finish();
  progress.Stop();
  if (!st.ok()) {
    writer->Abort();
    return st;
  }
  if (options.progress) options.progress(progress.Snapshot());
  BackupInfo info;
  info.path = writer->path();
  info.file_bytes = writer->file_bytes();
  info.raw_bytes = writer->raw_bytes();
  info.rows = writer->rows();
  info.tables = writer->tables();
  info.stale_removed = writer->stale_removed();
  info.seconds = progress.Snapshot().seconds;
  return info;
}

Result<RestoreInfo> Restore(db::Connection& conn, const std::string& path,
                            const RestoreOptions& options) {
  auto start = Clock::now();
  // Everything is checked before anything is touched.
  AIRLOCK_ASSIGN_OR_RETURN(VerifyReport report, QuickVerify(path));
  std::string target = db::DialectName(conn.dialect());
  if (report.header.dialect != target) {
    return Status::Error(fmt::format(msg::kWrongDialect, path,
                                     report.header.dialect, target,
                                     conn.Describe()));
  }
  auto dump = MakeDump(conn.dialect());
  if (!dump) {
    return Status::Error(fmt::format(msg::kDialectNotSupported, target));
  }
  AIRLOCK_RETURN_IF_ERROR(dump->CheckTarget(conn, report));
  if (options.confirm && !options.confirm(report)) {
    return Status::Error(std::string(msg::kRestoreCancelled));
  }
  AIRLOCK_ASSIGN_OR_RETURN(auto reader, BackupReader::Open(path));

  SharedProgress shared;
  shared.tables_total = report.tables.size();
  shared.rows_estimate = report.rows;
  std::atomic<uint64_t> bytes{0};
  ProgressThread progress(options.progress, shared,
                          [&bytes] { return bytes.load(); });

  // Parallel workers for data chunks.
  int jobs = options.jobs;
  bool parallel = dump->ParallelLoad() && jobs > 1 && options.connect;
  std::vector<std::unique_ptr<db::Connection>> worker_conns;
  if (parallel) {
    for (int i = 0; i < jobs; ++i) {
      AIRLOCK_ASSIGN_OR_RETURN(auto c, options.connect());
      worker_conns.push_back(std::move(c));
    }
  }
  // Where a restore cannot be one transaction, the database is marked
  // before anything is dropped and unmarked only once everything loaded.
  const bool marked = !dump->AtomicRestore();
  const std::string marker_path = std::filesystem::absolute(path).string();
  auto incomplete = [&](Status st) {
    if (!marked) return st;
    return Status::Error(st.code(), fmt::format(msg::kRestoreLeftIncomplete,
                                                st.message(), path));
  };
  if (marked) AIRLOCK_RETURN_IF_ERROR(WriteRestoreMarker(conn, marker_path));
  Status begun = dump->BeginRestore(conn);
  if (begun.ok() && marked) begun = WriteRestoreMarker(conn, marker_path);
  if (!begun.ok()) return incomplete(begun);
  ChunkQueue queue(static_cast<size_t>(jobs) * 2);
  std::vector<std::thread> workers;
  for (auto& wc : worker_conns) {
    workers.emplace_back([&, c = wc.get()] {
      Status st = dump->BeginWorker(*c);
      if (!st.ok()) {
        queue.Fail(st);
        return;
      }
      Chunk chunk;
      while (queue.Pop(chunk)) {
        if (chunk.header.kind == ChunkKind::kData) TestChunkDelay();
        Status s = dump->LoadChunk(*c, chunk);
        if (!s.ok()) s = ChunkFailed(*c, chunk, s);
        if (s.ok()) shared.rows += chunk.header.rows;
        queue.Done(chunk.header, s);
      }
      st = dump->EndWorker(*c);
      if (!st.ok()) queue.Fail(st);
    });
  }
  auto stop_workers = [&] {
    queue.Finish();
    for (auto& t : workers) t.join();
    workers.clear();
  };

  Status st;
  Chunk chunk;
  std::string last_table;
  bool schema_on_workers = false;  // schema chunks handed to the workers
  while (st.ok()) {
    auto more = reader->Next(chunk);
    if (!more.ok()) {
      st = more.status();
      break;
    }
    if (!*more) break;
    bytes += chunk.header.bytes;
    const ChunkHeader& h = chunk.header;
    if (h.kind == ChunkKind::kNative) continue;
    // Tables are created by the workers side by side; everything else waits
    // until they all exist.
    const bool parallel_schema = parallel && dump->ParallelSchema(chunk);
    if (schema_on_workers && !parallel_schema) {
      st = queue.Drain();
      if (!st.ok()) break;
      schema_on_workers = false;
    }
    if (parallel_schema) {
      if (!queue.Push(std::move(chunk))) st = queue.error();
      chunk = Chunk();
      schema_on_workers = true;
      continue;
    }
    const bool ordered = h.kind == ChunkKind::kData && dump->InOrder(chunk);
    if (ordered && parallel) {
      // After every chunk before it, on this connection.
      st = queue.Drain();
      if (!st.ok()) break;
    } else if (h.kind == ChunkKind::kData && parallel) {
      if (!queue.Push(std::move(chunk))) st = queue.error();
      chunk = Chunk();
      continue;
    }
    if (h.kind == ChunkKind::kPost && parallel) {
      // A post chunk naming a table (its keys and indexes) runs on a worker
      // once that table's data is in, while other tables still load; one
      // without a table runs alone, after all before it.
      if (!h.table.empty()) {
        st = queue.DrainTable(h.table);
        if (st.ok() && !queue.Push(std::move(chunk))) st = queue.error();
        chunk = Chunk();
        continue;
      }
      st = queue.Drain();
      if (!st.ok()) break;
    }
    if (h.kind == ChunkKind::kData) TestChunkDelay();
    Status s =
        ordered ? dump->LoadOrdered(conn, chunk) : dump->LoadChunk(conn, chunk);
    if (!s.ok()) {
      st = ChunkFailed(conn, chunk, s);
      break;
    }
    if (h.kind == ChunkKind::kData) {
      shared.rows += h.rows;
      if (h.table != last_table && !last_table.empty()) ++shared.tables_done;
      last_table = h.table;
    }
  }
  if (st.ok() && parallel) st = queue.Drain();
  if (!st.ok()) queue.Fail(st);
  stop_workers();
  if (st.ok()) st = queue.error();
  if (st.ok() && marked) st = ClearRestoreMarker(conn);
  if (st.ok()) st = dump->EndRestore(conn);
  if (!st.ok()) {
    dump->AbortRestore(conn);
    return incomplete(st);
  }
  shared.tables_done = report.tables.size();
  progress.Stop();
  if (options.progress) options.progress(progress.Snapshot());
  RestoreInfo info;
  info.rows = report.rows;
  info.tables = report.tables.size();
  info.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return info;
}

}  // namespace airlock::backup
