// Compression of backup chunks and decompression of whole backup files.
//
// Writing: each chunk becomes one independent frame (a zstd frame with a
// content checksum, or a gzip member), so chunks compress in parallel and
// their concatenation is one valid .zst/.gz stream. Reading: the format is
// recognised by its magic bytes, frames are decoded as one stream.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "backup/format.h"
#include "base/status.h"

namespace airlock::backup {

// Compresses whole chunks. One per thread.
class FrameCompressor {
 public:
  virtual ~FrameCompressor() = default;
  // Appends the frame for `in` to `out` (cleared first).
  virtual Status Compress(std::string_view in, std::string& out) = 0;
  // level 0 = the codec's default (zstd 1, gzip 6).
  static std::unique_ptr<FrameCompressor> Create(Compression c, int level);
};

// The compression of a file from its first bytes (kNone when unknown).
Compression DetectCompression(std::string_view first_bytes);

// Reads a backup file and yields its uncompressed bytes.
class DecompressingReader {
 public:
  virtual ~DecompressingReader() = default;
  // Reads up to `n` bytes; 0 at the end. An error when the file is corrupt
  // or ends inside a frame (names the file).
  virtual Result<size_t> Read(char* buf, size_t n) = 0;
  virtual Compression compression() const = 0;
  // The file offset just after the last frame that held data (for a plain
  // file, the bytes read so far): what follows is a seal (seal.h) or nothing.
  virtual uint64_t data_end() const = 0;
  // Opens `path`; the compression is detected from its first bytes.
  static Result<std::unique_ptr<DecompressingReader>> Open(
      const std::string& path);
};

}  // namespace airlock::backup
