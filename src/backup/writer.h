// BackupWriter: writes a backup file in the format of format.h.
//
// Chunks are added by one or more producer threads; a pool of threads
// compresses them (one frame each) and appends them to the file in the order
// they were added. Checksums are computed over the uncompressed text in file
// order. The file is created as `<path>.partial-<pid>` with mode 0600,
// fsynced and renamed to `<path>` by Finish(); any failure, Abort() or the
// destructor removes the partial file. Memory: at most a few chunks per
// thread are in flight (Add blocks when the pool is behind).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "backup/compression.h"
#include "backup/format.h"
#include "backup/sha256.h"
#include "base/status.h"

namespace airlock::backup {

struct WriterOptions {
  std::string path;  // the final name
  Compression compression = Compression::kZstd;
  int level = 0;    // codec default
  int threads = 1;  // compression threads
  FileHeader header;
};

struct TableSummary {
  std::string table;
  int64_t rows = 0;
  uint64_t bytes = 0;
  std::string sha256;
  uint64_t max_value = 0;  // see TableEntry::max_value
};

// The pid in a partial file's name (`<name>.partial-<pid>`), if it is one.
std::optional<int> PartialFilePid(const std::string& path);
// Whether a process with this pid exists.
bool ProcessAlive(int pid);
// Removes the partial backup files (`*.sql*.partial-<pid>`) in `dir` whose
// process is gone (a backup killed with kill -9); returns their paths.
std::vector<std::string> RemoveStalePartials(const std::string& dir);

class BackupWriter {
 public:
  static Result<std::unique_ptr<BackupWriter>> Create(WriterOptions options);
  ~BackupWriter();

  // Adds one chunk. Thread-safe; blocks while the pool is behind. Returns the
  // first write/compression error once one happened.
  // `max_value`: the size of a value this chunk helps to build in pieces.
  Status Add(ChunkKind kind, std::string_view table, int64_t rows,
             std::string_view body, uint64_t max_value = 0);
  // Names a table in the manifest even when it has no rows.
  void DeclareTable(std::string_view table);
  // Waits until every chunk added so far is written.
  Status Flush();
  // Writes the manifest, the end line and the seal (seal.h), fsyncs and
  // renames to the final path.
  Status Finish();
  // Stops and removes the partial file (also done by the destructor).
  void Abort();

  const std::string& path() const { return options_.path; }
  const std::string& temp_path() const { return temp_path_; }
  uint64_t raw_bytes() const;   // uncompressed bytes so far
  uint64_t file_bytes() const;  // bytes written to disk so far
  int64_t rows() const;         // data rows so far
  const std::vector<TableSummary>& tables() const { return summaries_; }
  // Partial files of interrupted backups that Create() removed.
  const std::vector<std::string>& stale_removed() const {
    return stale_removed_;
  }

 private:
  struct Job {
    uint64_t seq;
    std::string text;
  };
  struct TableState {
    int64_t rows = 0;
    uint64_t bytes = 0;
    Sha256 sha;
    uint64_t max_value = 0;
  };

  explicit BackupWriter(WriterOptions options);
  Status AddRaw(std::string text, std::unique_lock<std::mutex>& lock);
  void WorkerLoop();
  Status WriteAll(std::string_view data);
  void Fail(Status st);
  void StopThreads();
  Status WriteSeal();
  TableState& Table(std::string_view name);

  WriterOptions options_;
  std::string temp_path_;
  int fd_ = -1;
  bool finished_ = false;
  int signal_slot_ = -1;
  int delay_ms_ = 0;  // test hook: AIRLOCK_TEST_CHUNK_DELAY_MS
  std::vector<std::string> stale_removed_;

  mutable std::mutex mu_;  // queue, hashes, counters, error
  std::condition_variable work_cv_;
  std::condition_variable space_cv_;
  std::vector<Job> queue_;  // FIFO by seq (front = oldest)
  size_t queue_head_ = 0;
  uint64_t next_seq_ = 0;
  uint64_t pending_ = 0;  // added but not yet written
  size_t max_pending_ = 4;
  bool stop_ = false;
  Status error_;
  Sha256 whole_;
  uint64_t raw_bytes_ = 0;
  uint64_t chunks_ = 0;
  EndEntry end_;  // set by Finish()
  int64_t rows_ = 0;
  uint64_t max_data_chunk_ = 0;
  std::string max_data_chunk_table_;
  std::vector<std::string> table_order_;
  std::map<std::string, TableState, std::less<>> tables_;
  std::vector<TableSummary> summaries_;

  std::mutex write_mu_;  // done_, write_seq_, the file
  std::map<uint64_t, std::string> done_;
  uint64_t write_seq_ = 0;
  std::atomic<uint64_t> file_bytes_{0};
  Sha256 file_sha_;          // of the bytes written, for the seal
  uint64_t fail_after_ = 0;  // test hook: AIRLOCK_TEST_WRITE_LIMIT

  std::vector<std::thread> threads_;
};

}  // namespace airlock::backup
