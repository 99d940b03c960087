#include "backup/reader.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>

#include "backup/messages.h"
#include "backup/seal.h"

namespace airlock::backup {
namespace {
constexpr size_t kBuffer = 1 << 20;
constexpr size_t kMaxLine = 1 << 16;
constexpr uint64_t kMaxChunk = uint64_t{1} << 31;
}  // namespace

BackupReader::BackupReader(std::string path,
                           std::unique_ptr<DecompressingReader> in)
    : path_(std::move(path)), in_(std::move(in)) {
  buf_.resize(kBuffer);
}

Result<std::unique_ptr<BackupReader>> BackupReader::Open(
    const std::string& path) {
  AIRLOCK_ASSIGN_OR_RETURN(auto in, DecompressingReader::Open(path));
  std::unique_ptr<BackupReader> r(new BackupReader(path, std::move(in)));
  r->report_.compression = r->in_->compression();
  struct stat sb;
  if (::stat(path.c_str(), &sb) == 0) r->report_.file_bytes = sb.st_size;
  std::string line;
  AIRLOCK_ASSIGN_OR_RETURN(bool got, r->ReadLine(line, kMaxLine));
  if (!got) return Status::Error(fmt::format(msg::kEmptyFile, path));
  auto header = FileHeader::Parse(line);
  if (!header.ok()) {
    return Status::Error(
        fmt::format(msg::kBadFile, path, header.status().message()));
  }
  r->report_.header = *header;
  r->whole_.Update(line);
  r->whole_.Update("\n");
  return r;
}

Status BackupReader::Corrupt(const std::string& what) const {
  return Status::Error(fmt::format(msg::kCorrupt, path_, what));
}

Status BackupReader::Fill() {
  if (pos_ < len_ || eof_) return Status::Ok();
  AIRLOCK_ASSIGN_OR_RETURN(size_t n, in_->Read(buf_.data(), buf_.size()));
  pos_ = 0;
  len_ = n;
  if (n == 0) eof_ = true;
  return Status::Ok();
}

Result<bool> BackupReader::ReadLine(std::string& line, size_t max) {
  line.clear();
  while (true) {
    AIRLOCK_RETURN_IF_ERROR(Fill());
    if (pos_ >= len_) {
      if (line.empty()) return false;
      return Status::Error(fmt::format(msg::kTruncated, path_, offset_));
    }
    const char* start = buf_.data() + pos_;
    const char* nl =
        static_cast<const char*>(std::memchr(start, '\n', len_ - pos_));
    size_t take = nl ? static_cast<size_t>(nl - start) : len_ - pos_;
    line.append(start, take);
    pos_ += take + (nl ? 1 : 0);
    offset_ += take + (nl ? 1 : 0);
    if (line.size() > max) {
      return Corrupt(fmt::format(msg::kLongLine, offset_));
    }
    if (nl) return true;
  }
}

Status BackupReader::ReadExact(std::string* out, uint64_t n) {
  if (out) {
    out->clear();
    out->reserve(n);
  }
  while (n > 0) {
    AIRLOCK_RETURN_IF_ERROR(Fill());
    if (pos_ >= len_) {
      return Status::Error(fmt::format(msg::kTruncated, path_, offset_));
    }
    size_t take = static_cast<size_t>(std::min<uint64_t>(n, len_ - pos_));
    std::string_view piece(buf_.data() + pos_, take);
    if (out) out->append(piece);
    whole_.Update(piece);
    pos_ += take;
    offset_ += take;
    n -= take;
  }
  return Status::Ok();
}

Result<bool> BackupReader::Next(Chunk& out, bool skip_body) {
  if (done_) return false;
  std::string line;
  while (true) {
    uint64_t line_offset = offset_;
    AIRLOCK_ASSIGN_OR_RETURN(bool got, ReadLine(line, kMaxLine));
    if (!got) {
      return Status::Error(fmt::format(msg::kTruncated, path_, offset_));
    }
    auto marker = ParseMarkerLine(line);
    if (!marker.ok()) {
      return Corrupt(fmt::format(msg::kBadMarkerAt, line_offset));
    }
    if (marker->type == MarkerLine::Type::kTable) {
      whole_.Update(line);
      whole_.Update("\n");
      const TableEntry& e = marker->table;
      auto it = tables_.find(e.table);
      TableState empty;
      TableState& t = it == tables_.end() ? empty : it->second;
      if (t.rows != e.rows || t.bytes != e.bytes) {
        return Corrupt(
            fmt::format(msg::kTableCountMismatch, e.table, e.rows, t.rows));
      }
      if (t.sha.HexDigest() != e.sha256) {
        return Corrupt(fmt::format(msg::kTableChecksumMismatch, e.table));
      }
      report_.tables.push_back(
          TableSummary{e.table, e.rows, e.bytes, e.sha256, e.max_value});
      if (it != tables_.end()) tables_.erase(it);
      continue;
    }
    if (marker->type == MarkerLine::Type::kEnd) {
      const EndEntry& e = marker->end;
      if (!tables_.empty()) {
        return Corrupt(
            fmt::format(msg::kTableNotInManifest, tables_.begin()->first));
      }
      if (e.bytes != line_offset || e.chunks != report_.chunks) {
        return Corrupt(msg::kEndMismatch);
      }
      if (whole_.HexDigest() != e.sha256) {
        return Corrupt(msg::kFileChecksumMismatch);
      }
      AIRLOCK_RETURN_IF_ERROR(Fill());
      if (pos_ < len_) return Corrupt(msg::kTrailingData);
      report_.raw_bytes = offset_;
      done_ = true;
      return false;
    }
    if (!report_.tables.empty()) {
      return Corrupt(fmt::format(msg::kBadMarkerAt, line_offset));
    }
    whole_.Update(line);
    whole_.Update("\n");
    out.header = marker->chunk;
    if (out.header.bytes > kMaxChunk) {
      return Corrupt(fmt::format(msg::kBadMarkerAt, line_offset));
    }
    if (out.header.kind == ChunkKind::kPost && !out.header.table.empty()) {
      keyed_.insert(out.header.table);
    } else if (out.header.kind == ChunkKind::kData &&
               keyed_.count(out.header.table)) {
      return Corrupt(
          fmt::format(msg::kDataAfterKeys, out.header.table, line_offset));
    }
    if (skip_body && out.header.kind != ChunkKind::kData) {
      AIRLOCK_RETURN_IF_ERROR(ReadExact(nullptr, out.header.bytes));
    } else if (out.header.kind == ChunkKind::kData && skip_body) {
      // Hash the body piecewise without keeping it.
      TableState& t = tables_[out.header.table];
      uint64_t n = out.header.bytes;
      while (n > 0) {
        AIRLOCK_RETURN_IF_ERROR(Fill());
        if (pos_ >= len_) {
          return Status::Error(fmt::format(msg::kTruncated, path_, offset_));
        }
        size_t take = static_cast<size_t>(std::min<uint64_t>(n, len_ - pos_));
        std::string_view piece(buf_.data() + pos_, take);
        t.sha.Update(piece);
        whole_.Update(piece);
        pos_ += take;
        offset_ += take;
        n -= take;
      }
      t.rows += out.header.rows;
      t.bytes += out.header.bytes;
    } else {
      AIRLOCK_RETURN_IF_ERROR(ReadExact(&out.body, out.header.bytes));
      if (out.header.kind == ChunkKind::kData) {
        TableState& t = tables_[out.header.table];
        t.sha.Update(out.body);
        t.rows += out.header.rows;
        t.bytes += out.header.bytes;
      }
    }
    if (out.header.kind == ChunkKind::kSchema && !out.header.table.empty()) {
      tables_[out.header.table];
    }
    if (out.header.kind == ChunkKind::kData) {
      report_.rows += out.header.rows;
      if (out.header.bytes > report_.max_data_chunk) {
        report_.max_data_chunk = out.header.bytes;
        report_.max_data_chunk_table = out.header.table;
      }
    }
    ++report_.chunks;
    return true;
  }
}

namespace {

// The temporary file of a backup that did not finish (or is running).
Status CheckNotPartial(const std::string& path) {
  if (auto pid = PartialFilePid(path)) {
    return Status::Error(fmt::format(
        msg::kPartialFile, path,
        fmt::format(fmt::runtime(ProcessAlive(*pid) ? msg::kPartialRunning
                                                    : msg::kPartialInterrupted),
                    *pid)));
  }
  return Status::Ok();
}

Status CorruptFile(const std::string& path, std::string_view what) {
  return Status::Error(fmt::format(msg::kCorrupt, path, what));
}

class File {
 public:
  ~File() {
    if (fd_ >= 0) ::close(fd_);
  }
  Status Open(const std::string& path) {
    path_ = path;
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat sb;
    if (fd_ < 0 || ::fstat(fd_, &sb) != 0) {
      return Status::Error(
          fmt::format(msg::kOpenFailed, path, std::strerror(errno)));
    }
    size_ = static_cast<uint64_t>(sb.st_size);
    return Status::Ok();
  }
  uint64_t size() const { return size_; }
  // Exactly `n` bytes at `offset`, or fewer at the end of the file.
  Result<std::string> ReadAt(uint64_t offset, size_t n) {
    std::string out(n, '\0');
    size_t got = 0;
    while (got < n) {
      ssize_t k = ::pread(fd_, out.data() + got, n - got,
                          static_cast<off_t>(offset + got));
      if (k < 0 && errno == EINTR) continue;
      if (k < 0) {
        return Status::Error(
            fmt::format(msg::kReadFailed, path_, std::strerror(errno)));
      }
      if (k == 0) break;
      got += static_cast<size_t>(k);
    }
    out.resize(got);
    return out;
  }
  // SHA-256 of the first `n` bytes.
  Result<std::string> HashPrefix(uint64_t n) {
    Sha256 sha;
    for (uint64_t offset = 0; offset < n;) {
      size_t want =
          static_cast<size_t>(std::min<uint64_t>(kBuffer, n - offset));
      AIRLOCK_ASSIGN_OR_RETURN(std::string piece, ReadAt(offset, want));
      if (piece.empty()) return CorruptFile(path_, msg::kSealChecksumMismatch);
      sha.Update(piece);
      offset += piece.size();
    }
    return sha.HexDigest();
  }

 private:
  std::string path_;
  int fd_ = -1;
  uint64_t size_ = 0;
};

// Checks the seal frame at [start, end of file): its framing, its own
// checksum, and the SHA-256 of every byte before it.
Result<SealContents> CheckSeal(File& file, const std::string& path,
                               Compression c, uint64_t start) {
  if (start > file.size() ||
      file.size() - start > kMaxSealPayload + kSealTailBytes) {
    return CorruptFile(path, msg::kSealDamaged);
  }
  AIRLOCK_ASSIGN_OR_RETURN(
      std::string frame,
      file.ReadAt(start, static_cast<size_t>(file.size() - start)));
  auto payload = UnframeSeal(c, frame);
  if (!payload.ok()) return CorruptFile(path, payload.status().message());
  auto seal = ParseSealPayload(*payload);
  if (!seal.ok()) return CorruptFile(path, seal.status().message());
  if (seal->prefix_bytes != start) {
    return CorruptFile(path, msg::kSealChecksumMismatch);
  }
  AIRLOCK_ASSIGN_OR_RETURN(std::string sha, file.HashPrefix(start));
  if (sha != seal->prefix_sha256) {
    return CorruptFile(path, msg::kSealChecksumMismatch);
  }
  return std::move(*seal);
}

VerifyReport ReportFromSeal(SealContents& s, Compression c,
                            uint64_t file_bytes) {
  VerifyReport r;
  r.header = std::move(s.header);
  r.compression = c;
  r.tables = std::move(s.tables);
  r.chunks = s.end.chunks;
  r.raw_bytes = s.raw_bytes;
  r.file_bytes = file_bytes;
  r.rows = s.rows;
  r.max_data_chunk = s.max_data_chunk;
  r.max_data_chunk_table = std::move(s.max_data_chunk_table);
  return r;
}

bool SameReport(const VerifyReport& a, const VerifyReport& b) {
  if (a.header.Render() != b.header.Render() || a.chunks != b.chunks ||
      a.raw_bytes != b.raw_bytes || a.rows != b.rows ||
      a.max_data_chunk != b.max_data_chunk ||
      a.max_data_chunk_table != b.max_data_chunk_table ||
      a.tables.size() != b.tables.size()) {
    return false;
  }
  for (size_t i = 0; i < a.tables.size(); ++i) {
    const TableSummary& x = a.tables[i];
    const TableSummary& y = b.tables[i];
    if (x.table != y.table || x.rows != y.rows || x.bytes != y.bytes ||
        x.sha256 != y.sha256 || x.max_value != y.max_value) {
      return false;
    }
  }
  return true;
}

}  // namespace

Result<VerifyReport> VerifyBackup(const std::string& path) {
  AIRLOCK_RETURN_IF_ERROR(CheckNotPartial(path));
  AIRLOCK_ASSIGN_OR_RETURN(auto reader, BackupReader::Open(path));
  Chunk chunk;
  while (true) {
    AIRLOCK_ASSIGN_OR_RETURN(bool more, reader->Next(chunk, true));
    if (!more) break;
  }
  VerifyReport report = reader->report();
  if (report.compression == Compression::kNone) return report;
  // Whatever follows the data frames must be a valid seal that agrees.
  File file;
  AIRLOCK_RETURN_IF_ERROR(file.Open(path));
  uint64_t data_end = reader->data_end();
  if (data_end == file.size()) return report;
  AIRLOCK_ASSIGN_OR_RETURN(SealContents seal,
                           CheckSeal(file, path, report.compression, data_end));
  if (!SameReport(ReportFromSeal(seal, report.compression, file.size()),
                  report)) {
    return CorruptFile(path, msg::kSealMismatch);
  }
  return report;
}

Result<VerifyReport> QuickVerify(const std::string& path) {
  AIRLOCK_RETURN_IF_ERROR(CheckNotPartial(path));
  File file;
  AIRLOCK_RETURN_IF_ERROR(file.Open(path));
  AIRLOCK_ASSIGN_OR_RETURN(std::string first, file.ReadAt(0, 4));
  Compression c = DetectCompression(first);
  if (c == Compression::kNone) return VerifyBackup(path);
  uint64_t tail_bytes = std::min<uint64_t>(file.size(), kSealTailBytes);
  AIRLOCK_ASSIGN_OR_RETURN(
      std::string tail,
      file.ReadAt(file.size() - tail_bytes, static_cast<size_t>(tail_bytes)));
  auto frame_size = SealFrameSize(c, tail);
  if (!frame_size.ok()) return CorruptFile(path, frame_size.status().message());
  // No seal: an older backup, or one whose seal was cut off exactly.
  if (!*frame_size) return VerifyBackup(path);
  if (**frame_size > file.size()) return CorruptFile(path, msg::kSealDamaged);
  AIRLOCK_ASSIGN_OR_RETURN(
      SealContents seal, CheckSeal(file, path, c, file.size() - **frame_size));
  return ReportFromSeal(seal, c, file.size());
}

}  // namespace airlock::backup
