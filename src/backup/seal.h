// The seal of a compressed backup (see format.h): a small record appended
// after the last frame that holds the SHA-256 of every file byte before it
// and the file's summary (header, manifest, counts). With it, restore checks
// a file with one SHA-256 pass over its compressed bytes instead of
// decompressing it twice. zstd carries it in a skippable frame, gzip in the
// comment of an empty member, so `zstd -dc`/`gunzip -c` output is unchanged.
//
// Payload (text, one record a line):
//   airlock-seal 1 bytes=<file bytes before the seal> sha256=<their hex>
//   <the file's header line>
//   <the file's manifest lines and end line, as in the file>
//   airlock-seal-info rows=<n> raw_bytes=<n> max_data_chunk=<n>
//      table=<JSON string>                                     (one line)
//   airlock-seal-end size=<payload bytes, 10 digits> sha256=<hex of the
//      payload before this line>                               (one line)
// The last line has a fixed length, so a reader finds the seal from the end
// of the file. Everything here is parsed as untrusted input.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "backup/format.h"
#include "backup/writer.h"
#include "base/status.h"

namespace airlock::backup {

struct SealContents {
  uint64_t prefix_bytes = 0;  // file bytes before the seal
  std::string prefix_sha256;  // their SHA-256 (hex)
  FileHeader header;
  std::vector<TableSummary> tables;
  EndEntry end;
  uint64_t raw_bytes = 0;  // uncompressed bytes, end line included
  int64_t rows = 0;
  uint64_t max_data_chunk = 0;
  std::string max_data_chunk_table;
};

// Larger manifests are not sealed (restore then falls back to the full
// check); a reader refuses a larger seal.
inline constexpr uint64_t kMaxSealPayload = uint64_t{64} << 20;
// The last bytes of a file a reader needs to find a seal.
inline constexpr size_t kSealTailBytes = 128;

std::string RenderSealPayload(const SealContents& seal);
// `body` (the payload's lines before the last) with its last line.
std::string CompleteSealPayload(std::string_view body);
// The error says what is wrong (no file name).
Result<SealContents> ParseSealPayload(std::string_view payload);

// The seal frame around `payload`: a zstd skippable frame or an empty gzip
// member with the payload as its comment; empty for Compression::kNone.
std::string FrameSeal(Compression c, std::string_view payload);
// From the last bytes of a file: the size of the seal frame it ends with,
// nullopt when it does not end like a seal, an error when it does but the
// seal's last line or framing is damaged.
Result<std::optional<uint64_t>> SealFrameSize(Compression c,
                                              std::string_view tail);
// The payload inside a whole seal frame; an error when the framing is wrong.
Result<std::string_view> UnframeSeal(Compression c, std::string_view frame);

}  // namespace airlock::backup
