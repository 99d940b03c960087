#include "backup/reader.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <cstring>
#include <set>

#include "backup/messages.h"

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

Result<VerifyReport> VerifyBackup(const std::string& path) {
  // The temporary file of a backup that did not finish (or is running).
  if (auto pid = PartialFilePid(path)) {
    return Status::Error(fmt::format(
        msg::kPartialFile, path,
        fmt::format(fmt::runtime(ProcessAlive(*pid) ? msg::kPartialRunning
                                                    : msg::kPartialInterrupted),
                    *pid)));
  }
  AIRLOCK_ASSIGN_OR_RETURN(auto reader, BackupReader::Open(path));
  Chunk chunk;
  while (true) {
    AIRLOCK_ASSIGN_OR_RETURN(bool more, reader->Next(chunk, true));
    if (!more) break;
  }
  return reader->report();
}

}  // namespace airlock::backup
