#include "backup/writer.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <regex>
#include <thread>

#include "backup/messages.h"
#include "backup/seal.h"

namespace airlock::backup {
namespace fs = std::filesystem;
namespace {

// Partial files removed when the process is stopped by SIGINT, SIGTERM or
// SIGHUP (a kill -9 cannot be caught: the next backup into the same folder
// removes what it left, see RemoveStalePartials).
constexpr int kMaxPartials = 16;
char g_partials[kMaxPartials][4096];
std::atomic<bool> g_partial_used[kMaxPartials];

extern "C" void RemovePartialsOnSignal(int sig) {
  for (int i = 0; i < kMaxPartials; ++i) {
    if (g_partial_used[i].load()) ::unlink(g_partials[i]);
  }
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

void InstallSignalCleanup() {
  static std::once_flag once;
  std::call_once(once, [] {
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
      struct sigaction old {};
      if (::sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_DFL) {
        struct sigaction sa {};
        sa.sa_handler = RemovePartialsOnSignal;
        sigemptyset(&sa.sa_mask);
        ::sigaction(sig, &sa, nullptr);
      }
    }
  });
}

int RegisterPartial(const std::string& path) {
  if (path.size() >= sizeof(g_partials[0])) return -1;
  static std::mutex mu;
  std::lock_guard<std::mutex> lock(mu);
  for (int i = 0; i < kMaxPartials; ++i) {
    if (!g_partial_used[i].load()) {
      std::memcpy(g_partials[i], path.c_str(), path.size() + 1);
      g_partial_used[i].store(true);
      return i;
    }
  }
  return -1;
}

void UnregisterPartial(int slot) {
  if (slot >= 0) g_partial_used[slot].store(false);
}

}  // namespace

std::optional<int> PartialFilePid(const std::string& path) {
  static const std::regex kPartial(R"(\.partial-([0-9]{1,9})$)");
  std::smatch m;
  if (!std::regex_search(path, m, kPartial)) return std::nullopt;
  return std::atoi(m[1].str().c_str());
}

bool ProcessAlive(int pid) {
  return pid > 0 && (::kill(pid, 0) == 0 || errno == EPERM);
}

std::vector<std::string> RemoveStalePartials(const std::string& dir) {
  std::vector<std::string> removed;
  std::error_code ec;
  for (fs::directory_iterator it(dir.empty() ? "." : dir, ec), end;
       !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    auto pid = PartialFilePid(name);
    if (!pid || ProcessAlive(*pid) || !it->is_regular_file()) continue;
    std::string stem = name.substr(0, name.rfind(".partial-"));
    if (!stem.ends_with(".sql") && !stem.ends_with(".sql.zst") &&
        !stem.ends_with(".sql.gz")) {
      continue;
    }
    if (fs::remove(it->path(), ec)) removed.push_back(it->path().string());
  }
  return removed;
}

BackupWriter::BackupWriter(WriterOptions options)
    : options_(std::move(options)) {}

Result<std::unique_ptr<BackupWriter>> BackupWriter::Create(
    WriterOptions options) {
  std::unique_ptr<BackupWriter> w(new BackupWriter(std::move(options)));
  fs::path final_path(w->options_.path);
  std::error_code ec;
  if (final_path.has_parent_path()) {
    fs::create_directories(final_path.parent_path(), ec);
    if (ec) {
      return Status::Error(fmt::format(msg::kCreateDirFailed,
                                       final_path.parent_path().string(),
                                       ec.message()));
    }
  }
  w->stale_removed_ = RemoveStalePartials(final_path.parent_path().string());
  w->temp_path_ = fmt::format("{}.partial-{}", w->options_.path, getpid());
  InstallSignalCleanup();
  w->signal_slot_ = RegisterPartial(w->temp_path_);
  w->fd_ = ::open(w->temp_path_.c_str(),
                  O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (w->fd_ < 0) {
    return Status::Error(
        fmt::format(msg::kCreateFailed, w->temp_path_, std::strerror(errno)));
  }
  ::fchmod(w->fd_, 0600);
  if (const char* delay = std::getenv("AIRLOCK_TEST_CHUNK_DELAY_MS")) {
    w->delay_ms_ = std::atoi(delay);
  }
  if (const char* limit = std::getenv("AIRLOCK_TEST_WRITE_LIMIT")) {
    w->fail_after_ = std::strtoull(limit, nullptr, 10);
  }
  int threads = std::max(1, w->options_.threads);
  w->max_pending_ = static_cast<size_t>(threads) * 2 + 2;
  for (int i = 0; i < threads; ++i) {
    w->threads_.emplace_back([p = w.get()] { p->WorkerLoop(); });
  }
  std::unique_lock<std::mutex> lock(w->mu_);
  AIRLOCK_RETURN_IF_ERROR(w->AddRaw(w->options_.header.Render() + "\n", lock));
  lock.unlock();
  return w;
}

BackupWriter::~BackupWriter() {
  if (!finished_) Abort();
}

BackupWriter::TableState& BackupWriter::Table(std::string_view name) {
  auto it = tables_.find(name);
  if (it != tables_.end()) return it->second;
  table_order_.emplace_back(name);
  return tables_.emplace(std::string(name), TableState{}).first->second;
}

void BackupWriter::DeclareTable(std::string_view table) {
  std::lock_guard<std::mutex> lock(mu_);
  Table(table);
}

Status BackupWriter::Add(ChunkKind kind, std::string_view table, int64_t rows,
                         std::string_view body, uint64_t max_value) {
  if (kind == ChunkKind::kData && delay_ms_ > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms_));
  }
  ChunkHeader h{kind, body.size(), rows, std::string(table)};
  std::string text = h.Render();
  text.reserve(text.size() + 1 + body.size());
  text += '\n';
  text.append(body);
  std::unique_lock<std::mutex> lock(mu_);
  // Wait for room before hashing: the hashes must follow the file order, so
  // the lock is held from the hash update to the queue push.
  space_cv_.wait(lock, [&] { return pending_ < max_pending_ || !error_.ok(); });
  if (!error_.ok()) return error_;
  if (kind == ChunkKind::kSchema && !table.empty()) Table(table);
  if (kind == ChunkKind::kData) {
    TableState& t = Table(table);
    t.rows += rows;
    t.bytes += body.size();
    t.sha.Update(body);
    t.max_value = std::max(t.max_value, max_value);
    rows_ += rows;
    if (body.size() > max_data_chunk_) {
      max_data_chunk_ = body.size();
      max_data_chunk_table_ = std::string(table);
    }
  }
  ++chunks_;
  return AddRaw(std::move(text), lock);
}

Status BackupWriter::AddRaw(std::string text,
                            std::unique_lock<std::mutex>& lock) {
  space_cv_.wait(lock, [&] { return pending_ < max_pending_ || !error_.ok(); });
  if (!error_.ok()) return error_;
  whole_.Update(text);
  raw_bytes_ += text.size();
  queue_.push_back(Job{next_seq_++, std::move(text)});
  ++pending_;
  work_cv_.notify_one();
  return Status::Ok();
}

void BackupWriter::WorkerLoop() {
  auto compressor =
      FrameCompressor::Create(options_.compression, options_.level);
  std::string frame;
  while (true) {
    Job job;
    {
      std::unique_lock<std::mutex> lock(mu_);
      work_cv_.wait(lock, [&] { return stop_ || queue_head_ < queue_.size(); });
      if (queue_head_ >= queue_.size()) return;  // stop_ and nothing left
      job = std::move(queue_[queue_head_++]);
      if (queue_head_ == queue_.size()) {
        queue_.clear();
        queue_head_ = 0;
      }
    }
    Status st = compressor->Compress(job.text, frame);
    std::string().swap(job.text);
    uint64_t written = 0;
    {
      std::lock_guard<std::mutex> wlock(write_mu_);
      if (st.ok()) done_.emplace(job.seq, std::move(frame));
      frame = std::string();
      for (auto it = done_.find(write_seq_); st.ok() && it != done_.end();
           it = done_.find(write_seq_)) {
        st = WriteAll(it->second);
        done_.erase(it);
        ++write_seq_;
        ++written;
      }
    }
    std::lock_guard<std::mutex> lock(mu_);
    if (!st.ok() && error_.ok()) error_ = st;
    pending_ -= written;
    space_cv_.notify_all();
  }
}

Status BackupWriter::WriteAll(std::string_view data) {
  while (!data.empty()) {
    size_t n = data.size();
    if (fail_after_ > 0 && file_bytes_ + n > fail_after_) {
      n = fail_after_ > file_bytes_ ? fail_after_ - file_bytes_ : 0;
      if (n == 0) {
        errno = ENOSPC;
        return Status::Error(fmt::format(msg::kWriteFailed, options_.path,
                                         std::strerror(ENOSPC)));
      }
    }
    ssize_t k = ::write(fd_, data.data(), n);
    if (k < 0 && errno == EINTR) continue;
    if (k < 0) {
      return Status::Error(
          fmt::format(msg::kWriteFailed, options_.path, std::strerror(errno)));
    }
    if (options_.compression != Compression::kNone) {
      file_sha_.Update(data.substr(0, static_cast<size_t>(k)));
    }
    data.remove_prefix(static_cast<size_t>(k));
    file_bytes_ += static_cast<uint64_t>(k);
  }
  return Status::Ok();
}

Status BackupWriter::Flush() {
  std::unique_lock<std::mutex> lock(mu_);
  space_cv_.wait(lock, [&] { return pending_ == 0 || !error_.ok(); });
  return error_;
}

void BackupWriter::StopThreads() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  work_cv_.notify_all();
  for (auto& t : threads_) t.join();
  threads_.clear();
}

Status BackupWriter::Finish() {
  Status st = Flush();
  if (st.ok()) {
    std::unique_lock<std::mutex> lock(mu_);
    std::string trailer;
    for (const std::string& name : table_order_) {
      TableState& t = tables_.find(name)->second;
      TableSummary s{name, t.rows, t.bytes, t.sha.HexDigest(), t.max_value};
      trailer +=
          TableEntry{s.table, s.rows, s.bytes, s.sha256, s.max_value}.Render();
      trailer += '\n';
      summaries_.push_back(std::move(s));
    }
    whole_.Update(trailer);
    uint64_t before_end = raw_bytes_ + trailer.size();
    end_ = EndEntry{chunks_, before_end, whole_.HexDigest()};
    trailer += end_.Render() + "\n";
    // The end line is not part of the whole-file hash: add it unhashed.
    raw_bytes_ += trailer.size();
    queue_.push_back(Job{next_seq_++, std::move(trailer)});
    ++pending_;
    work_cv_.notify_one();
    lock.unlock();
    st = Flush();
  }
  StopThreads();
  if (st.ok()) st = WriteSeal();
  if (st.ok() && ::fsync(fd_) != 0) {
    st = Status::Error(
        fmt::format(msg::kWriteFailed, options_.path, std::strerror(errno)));
  }
  if (st.ok() && ::close(fd_) != 0) {
    st = Status::Error(
        fmt::format(msg::kWriteFailed, options_.path, std::strerror(errno)));
  }
  fd_ = -1;
  if (st.ok() && ::rename(temp_path_.c_str(), options_.path.c_str()) != 0) {
    st = Status::Error(
        fmt::format(msg::kWriteFailed, options_.path, std::strerror(errno)));
  }
  if (!st.ok()) {
    Abort();
    return st;
  }
  UnregisterPartial(signal_slot_);
  signal_slot_ = -1;
  // Make the rename durable.
  fs::path dir = fs::path(options_.path).parent_path();
  int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  finished_ = true;
  return Status::Ok();
}

Status BackupWriter::WriteSeal() {
  if (options_.compression == Compression::kNone) return Status::Ok();
  SealContents seal;
  seal.prefix_bytes = file_bytes_;
  seal.prefix_sha256 = file_sha_.HexDigest();
  seal.header = options_.header;
  seal.tables = summaries_;
  seal.end = end_;
  seal.raw_bytes = raw_bytes_;
  seal.rows = rows_;
  seal.max_data_chunk = max_data_chunk_;
  seal.max_data_chunk_table = max_data_chunk_table_;
  std::string payload = RenderSealPayload(seal);
  // Not sealed (restore then reads the whole file first): a manifest too
  // large, or a NUL that a gzip comment cannot hold.
  if (payload.size() > kMaxSealPayload ||
      payload.find('\0') != std::string::npos) {
    return Status::Ok();
  }
  return WriteAll(FrameSeal(options_.compression, payload));
}

void BackupWriter::Abort() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (error_.ok()) error_ = Status::Error(std::string(msg::kAborted));
  }
  space_cv_.notify_all();
  StopThreads();
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (!temp_path_.empty() && !finished_) ::unlink(temp_path_.c_str());
  UnregisterPartial(signal_slot_);
  signal_slot_ = -1;
  finished_ = true;
}

uint64_t BackupWriter::raw_bytes() const {
  std::lock_guard<std::mutex> lock(mu_);
  return raw_bytes_;
}
uint64_t BackupWriter::file_bytes() const { return file_bytes_; }
int64_t BackupWriter::rows() const {
  std::lock_guard<std::mutex> lock(mu_);
  return rows_;
}

}  // namespace airlock::backup
