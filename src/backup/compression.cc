#include "backup/compression.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "backup/messages.h"

namespace airlock::backup {
namespace {

constexpr size_t kInputBuffer = 1 << 20;

class ZstdCompressor : public FrameCompressor {
 public:
  explicit ZstdCompressor(int level) : cctx_(ZSTD_createCCtx()) {
    // Level 1 by default: twice the speed of level 3 for ~2% more output
    // (backups are taken on the database host, often on few cores).
    ZSTD_CCtx_setParameter(cctx_, ZSTD_c_compressionLevel,
                           level == 0 ? 1 : level);
    ZSTD_CCtx_setParameter(cctx_, ZSTD_c_checksumFlag, 1);
  }
  ~ZstdCompressor() override { ZSTD_freeCCtx(cctx_); }
  Status Compress(std::string_view in, std::string& out) override {
    out.resize(ZSTD_compressBound(in.size()));
    size_t n =
        ZSTD_compress2(cctx_, out.data(), out.size(), in.data(), in.size());
    if (ZSTD_isError(n)) {
      return Status::Error(
          fmt::format(msg::kCompressFailed, ZSTD_getErrorName(n)));
    }
    out.resize(n);
    return Status::Ok();
  }

 private:
  ZSTD_CCtx* cctx_;
};

class GzipCompressor : public FrameCompressor {
 public:
  explicit GzipCompressor(int level) {
    std::memset(&zs_, 0, sizeof(zs_));
    ok_ = deflateInit2(&zs_, level == 0 ? 6 : level, Z_DEFLATED, 15 + 16, 8,
                       Z_DEFAULT_STRATEGY) == Z_OK;
  }
  ~GzipCompressor() override {
    if (ok_) deflateEnd(&zs_);
  }
  Status Compress(std::string_view in, std::string& out) override {
    if (!ok_ || deflateReset(&zs_) != Z_OK) {
      return Status::Error(fmt::format(msg::kCompressFailed, "zlib"));
    }
    out.resize(deflateBound(&zs_, in.size()) + 64);
    zs_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs_.avail_in = static_cast<uInt>(in.size());
    zs_.next_out = reinterpret_cast<Bytef*>(out.data());
    zs_.avail_out = static_cast<uInt>(out.size());
    int rc = deflate(&zs_, Z_FINISH);
    if (rc != Z_STREAM_END) {
      return Status::Error(fmt::format(msg::kCompressFailed, "zlib"));
    }
    out.resize(zs_.total_out);
    return Status::Ok();
  }

 private:
  z_stream zs_;
  bool ok_ = false;
};

class CopyCompressor : public FrameCompressor {
 public:
  Status Compress(std::string_view in, std::string& out) override {
    out.assign(in);
    return Status::Ok();
  }
};

// Buffered reads of the raw file.
class RawFile {
 public:
  RawFile(int fd, std::string path) : fd_(fd), path_(std::move(path)) {
    buf_.resize(kInputBuffer);
  }
  ~RawFile() { ::close(fd_); }
  // Makes input available; false at end of file.
  Result<bool> Fill() {
    if (pos_ < len_) return true;
    while (true) {
      ssize_t n = ::read(fd_, buf_.data(), buf_.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        return Status::Error(
            fmt::format(msg::kReadFailed, path_, std::strerror(errno)));
      }
      pos_ = 0;
      len_ = static_cast<size_t>(n);
      read_ += len_;
      return n > 0;
    }
  }
  const char* data() const { return buf_.data() + pos_; }
  size_t size() const { return len_ - pos_; }
  void Consume(size_t n) { pos_ += n; }
  // File bytes consumed so far.
  uint64_t consumed() const { return read_ - (len_ - pos_); }
  const std::string& path() const { return path_; }

 private:
  int fd_;
  std::string path_;
  std::vector<char> buf_;
  size_t pos_ = 0, len_ = 0;
  uint64_t read_ = 0;
};

class PlainReader : public DecompressingReader {
 public:
  explicit PlainReader(std::unique_ptr<RawFile> f) : f_(std::move(f)) {}
  Result<size_t> Read(char* buf, size_t n) override {
    AIRLOCK_ASSIGN_OR_RETURN(bool more, f_->Fill());
    if (!more) return size_t{0};
    size_t k = std::min(n, f_->size());
    std::memcpy(buf, f_->data(), k);
    f_->Consume(k);
    return k;
  }
  Compression compression() const override { return Compression::kNone; }
  uint64_t data_end() const override { return f_->consumed(); }

 private:
  std::unique_ptr<RawFile> f_;
};

class ZstdReader : public DecompressingReader {
 public:
  explicit ZstdReader(std::unique_ptr<RawFile> f)
      : f_(std::move(f)), dctx_(ZSTD_createDCtx()) {}
  ~ZstdReader() override { ZSTD_freeDCtx(dctx_); }
  Result<size_t> Read(char* buf, size_t n) override {
    ZSTD_outBuffer out{buf, n, 0};
    while (out.pos == 0) {
      AIRLOCK_ASSIGN_OR_RETURN(bool more, f_->Fill());
      if (!more) {
        if (in_frame_) {
          return Status::Error(fmt::format(msg::kTruncatedFrame, f_->path()));
        }
        return size_t{0};
      }
      ZSTD_inBuffer in{f_->data(), f_->size(), 0};
      size_t before = out.pos;
      size_t rc = ZSTD_decompressStream(dctx_, &out, &in);
      f_->Consume(in.pos);
      if (ZSTD_isError(rc)) {
        return Status::Error(fmt::format(msg::kCorruptCompressed, f_->path(),
                                         ZSTD_getErrorName(rc)));
      }
      in_frame_ = rc != 0;
      // ZSTD_decompressStream returns at the end of each frame.
      frame_output_ += out.pos - before;
      if (!in_frame_) {
        if (frame_output_ > 0) data_end_ = f_->consumed();
        frame_output_ = 0;
      }
    }
    return out.pos;
  }
  Compression compression() const override { return Compression::kZstd; }
  uint64_t data_end() const override { return data_end_; }

 private:
  std::unique_ptr<RawFile> f_;
  ZSTD_DCtx* dctx_;
  bool in_frame_ = false;
  uint64_t frame_output_ = 0;
  uint64_t data_end_ = 0;
};

class GzipReader : public DecompressingReader {
 public:
  explicit GzipReader(std::unique_ptr<RawFile> f) : f_(std::move(f)) {
    std::memset(&zs_, 0, sizeof(zs_));
    inflateInit2(&zs_, 15 + 16);
  }
  ~GzipReader() override { inflateEnd(&zs_); }
  Result<size_t> Read(char* buf, size_t n) override {
    zs_.next_out = reinterpret_cast<Bytef*>(buf);
    zs_.avail_out = static_cast<uInt>(n);
    while (zs_.avail_out == n) {
      AIRLOCK_ASSIGN_OR_RETURN(bool more, f_->Fill());
      if (!more) {
        if (in_member_) {
          return Status::Error(fmt::format(msg::kTruncatedFrame, f_->path()));
        }
        return size_t{0};
      }
      if (!in_member_) {
        inflateReset(&zs_);
        in_member_ = true;
      }
      zs_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(f_->data()));
      zs_.avail_in = static_cast<uInt>(f_->size());
      int rc = inflate(&zs_, Z_NO_FLUSH);
      f_->Consume(f_->size() - zs_.avail_in);
      if (rc == Z_STREAM_END) {
        in_member_ = false;
        if (zs_.total_out > 0) data_end_ = f_->consumed();
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        return Status::Error(fmt::format(msg::kCorruptCompressed, f_->path(),
                                         zs_.msg ? zs_.msg : "zlib error"));
      }
    }
    return n - zs_.avail_out;
  }
  Compression compression() const override { return Compression::kGzip; }
  uint64_t data_end() const override { return data_end_; }

 private:
  std::unique_ptr<RawFile> f_;
  z_stream zs_;
  bool in_member_ = false;
  uint64_t data_end_ = 0;
};

}  // namespace

std::unique_ptr<FrameCompressor> FrameCompressor::Create(Compression c,
                                                         int level) {
  switch (c) {
    case Compression::kZstd:
      return std::make_unique<ZstdCompressor>(level);
    case Compression::kGzip:
      return std::make_unique<GzipCompressor>(level);
    case Compression::kNone:
      return std::make_unique<CopyCompressor>();
  }
  return nullptr;
}

Compression DetectCompression(std::string_view first_bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(first_bytes.data());
  size_t n = first_bytes.size();
  if (n >= 4 && p[0] == 0x28 && p[1] == 0xB5 && p[2] == 0x2F && p[3] == 0xFD) {
    return Compression::kZstd;
  }
  if (n >= 2 && p[0] == 0x1F && p[1] == 0x8B) return Compression::kGzip;
  return Compression::kNone;
}

Result<std::unique_ptr<DecompressingReader>> DecompressingReader::Open(
    const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return Status::Error(
        fmt::format(msg::kOpenFailed, path, std::strerror(errno)));
  }
  auto f = std::make_unique<RawFile>(fd, path);
  AIRLOCK_ASSIGN_OR_RETURN(bool more, f->Fill());
  switch (
      DetectCompression(std::string_view(f->data(), more ? f->size() : 0))) {
    case Compression::kZstd:
      return std::unique_ptr<DecompressingReader>(
          std::make_unique<ZstdReader>(std::move(f)));
    case Compression::kGzip:
      return std::unique_ptr<DecompressingReader>(
          std::make_unique<GzipReader>(std::move(f)));
    case Compression::kNone:
      break;
  }
  return std::unique_ptr<DecompressingReader>(
      std::make_unique<PlainReader>(std::move(f)));
}

}  // namespace airlock::backup
