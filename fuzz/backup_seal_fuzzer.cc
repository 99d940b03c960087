// libFuzzer target for the seal parser of compressed backups (backup/seal.h),
// the one part of a backup file QuickVerify trusts before restore. The first
// input byte picks the mode: 0 the rest is a whole payload; 1 the rest is a
// payload body completed with a correct last line (size and checksum), so
// the line parsers behind the checksum are reached; 2 the rest is the tail
// of a file, framed for zstd and gzip. Any crash, sanitizer report or hang
// is a bug; a payload that parses must render back to one that parses to
// the same contents.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "backup/seal.h"

namespace {
using namespace airlock::backup;

void Same(const SealContents& a, const SealContents& b) {
  if (a.prefix_bytes != b.prefix_bytes || a.prefix_sha256 != b.prefix_sha256 ||
      a.header.Render() != b.header.Render() ||
      a.tables.size() != b.tables.size() || a.end.Render() != b.end.Render() ||
      a.raw_bytes != b.raw_bytes || a.rows != b.rows ||
      a.max_data_chunk != b.max_data_chunk ||
      a.max_data_chunk_table != b.max_data_chunk_table) {
    __builtin_trap();
  }
  for (size_t i = 0; i < a.tables.size(); ++i) {
    if (a.tables[i].table != b.tables[i].table ||
        a.tables[i].rows != b.tables[i].rows ||
        a.tables[i].bytes != b.tables[i].bytes ||
        a.tables[i].sha256 != b.tables[i].sha256 ||
        a.tables[i].max_value != b.tables[i].max_value) {
      __builtin_trap();
    }
  }
}

void Parse(std::string_view payload) {
  auto seal = ParseSealPayload(payload);
  if (!seal.ok()) return;
  auto again = ParseSealPayload(RenderSealPayload(*seal));
  if (!again.ok()) __builtin_trap();
  Same(*seal, *again);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view in(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 3) {
    case 0:
      Parse(in);
      break;
    case 1:
      Parse(CompleteSealPayload(in));
      break;
    default:
      for (Compression c : {Compression::kZstd, Compression::kGzip}) {
        auto frame_size = SealFrameSize(c, in);
        if (frame_size.ok() && *frame_size && **frame_size <= in.size()) {
          auto payload = UnframeSeal(c, in.substr(in.size() - **frame_size));
          if (payload.ok()) Parse(*payload);
        }
        (void)UnframeSeal(c, in);
        std::string framed = FrameSeal(c, in);
        auto payload = UnframeSeal(c, framed);
        if (payload.ok() && *payload != in) __builtin_trap();
      }
  }
  return 0;
}
