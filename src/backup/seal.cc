#include "backup/seal.h"

#include <fmt/format.h>

#include <charconv>
#include <nlohmann/json.hpp>

#include "backup/messages.h"
#include "backup/sha256.h"

namespace airlock::backup {
namespace {

constexpr std::string_view kSealMagic = "airlock-seal 1 ";
constexpr std::string_view kInfoMagic = "airlock-seal-info ";
constexpr std::string_view kEndMagic = "airlock-seal-end size=";
constexpr std::string_view kEndSha = " sha256=";
// "airlock-seal-end size=0000000000 sha256=<64>\n"
constexpr size_t kEndLineBytes = kEndMagic.size() + 10 + kEndSha.size() + 65;

// zstd skippable frame magic (0x184D2A50..5F), little-endian.
constexpr uint32_t kZstdSkippable = 0x184D2A5E;
constexpr size_t kZstdHeader = 8;
// gzip member header: FLG=FCOMMENT, MTIME=0, XFL=0, OS=3 (Unix).
constexpr std::string_view kGzipHeader{"\x1f\x8b\x08\x10\0\0\0\0\0\x03", 10};
// Comment terminator, an empty final deflate block, CRC32=0, ISIZE=0.
constexpr std::string_view kGzipFooter{"\0\x03\0\0\0\0\0\0\0\0\0", 11};

Status Damaged() { return Status::Error(std::string(msg::kSealDamaged)); }

std::string Sha256Hex(std::string_view data) {
  Sha256 sha;
  sha.Update(data);
  return sha.HexDigest();
}

bool IsHex64(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

template <typename T>
bool ParseNumber(std::string_view s, T& out) {
  if (s.empty() || s.size() > 20) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

// Takes `key=value` (value up to the next space) from the front of `s`.
bool TakeField(std::string_view& s, std::string_view key,
               std::string_view& value) {
  if (!s.starts_with(key) || s.size() <= key.size() || s[key.size()] != '=') {
    return false;
  }
  s.remove_prefix(key.size() + 1);
  size_t sp = s.find(' ');
  value = s.substr(0, sp);
  s = sp == std::string_view::npos ? std::string_view() : s.substr(sp + 1);
  return true;
}

void PutLe32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}

uint32_t GetLe32(std::string_view s) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) {
    v = (v << 8) | static_cast<unsigned char>(s[static_cast<size_t>(i)]);
  }
  return v;
}

size_t FrameOverhead(Compression c) {
  switch (c) {
    case Compression::kZstd:
      return kZstdHeader;
    case Compression::kGzip:
      return kGzipHeader.size() + kGzipFooter.size();
    case Compression::kNone:
      return 0;
  }
  return 0;
}

// Parses the fixed-length last line; the payload size it declares.
Result<uint64_t> ParseEndLine(std::string_view line, std::string* sha) {
  if (line.size() != kEndLineBytes || !line.starts_with(kEndMagic) ||
      line.back() != '\n') {
    return Damaged();
  }
  std::string_view digits = line.substr(kEndMagic.size(), 10);
  std::string_view rest = line.substr(kEndMagic.size() + 10);
  uint64_t size = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return Damaged();
  }
  if (!ParseNumber(digits, size) || !rest.starts_with(kEndSha)) {
    return Damaged();
  }
  std::string_view hex = rest.substr(kEndSha.size(), 64);
  if (!IsHex64(hex)) return Damaged();
  if (size < kEndLineBytes || size > kMaxSealPayload) return Damaged();
  if (sha) *sha = std::string(hex);
  return size;
}

}  // namespace

std::string RenderSealPayload(const SealContents& s) {
  std::string out = fmt::format("{}bytes={} sha256={}\n", kSealMagic,
                                s.prefix_bytes, s.prefix_sha256);
  out += s.header.Render();
  out += '\n';
  for (const TableSummary& t : s.tables) {
    out += TableEntry{t.table, t.rows, t.bytes, t.sha256, t.max_value}.Render();
    out += '\n';
  }
  out += s.end.Render();
  out += '\n';
  out += fmt::format("{}rows={} raw_bytes={} max_data_chunk={} table={}\n",
                     kInfoMagic, s.rows, s.raw_bytes, s.max_data_chunk,
                     QuoteName(s.max_data_chunk_table));
  return CompleteSealPayload(out);
}

std::string CompleteSealPayload(std::string_view body) {
  return fmt::format("{}{}{:010}{}{}\n", body, kEndMagic,
                     body.size() + kEndLineBytes, kEndSha, Sha256Hex(body));
}

Result<SealContents> ParseSealPayload(std::string_view payload) {
  if (payload.size() < kEndLineBytes) return Damaged();
  std::string sha;
  AIRLOCK_ASSIGN_OR_RETURN(
      uint64_t size,
      ParseEndLine(payload.substr(payload.size() - kEndLineBytes), &sha));
  if (size != payload.size()) return Damaged();
  std::string_view body = payload.substr(0, payload.size() - kEndLineBytes);
  if (Sha256Hex(body) != sha) return Damaged();

  // One record a line; the body ends with a newline.
  std::vector<std::string_view> lines;
  while (!body.empty()) {
    size_t nl = body.find('\n');
    if (nl == std::string_view::npos) return Damaged();
    lines.push_back(body.substr(0, nl));
    body.remove_prefix(nl + 1);
  }
  // First line, header, end line, info line at least.
  if (lines.size() < 4) return Damaged();
  SealContents s;
  std::string_view first = lines[0];
  std::string_view v;
  if (!first.starts_with(kSealMagic)) return Damaged();
  first.remove_prefix(kSealMagic.size());
  if (!TakeField(first, "bytes", v) || !ParseNumber(v, s.prefix_bytes) ||
      !TakeField(first, "sha256", v) || !IsHex64(v) || !first.empty()) {
    return Damaged();
  }
  s.prefix_sha256 = std::string(v);

  auto header = FileHeader::Parse(lines[1]);
  if (!header.ok()) return Damaged();
  s.header = *header;

  size_t i = 2;
  for (; i + 2 < lines.size(); ++i) {
    auto m = ParseMarkerLine(lines[i]);
    if (!m.ok() || m->type != MarkerLine::Type::kTable) return Damaged();
    const TableEntry& e = m->table;
    s.tables.push_back(
        TableSummary{e.table, e.rows, e.bytes, e.sha256, e.max_value});
  }
  if (i + 2 != lines.size()) return Damaged();
  auto end = ParseMarkerLine(lines[i]);
  if (!end.ok() || end->type != MarkerLine::Type::kEnd) return Damaged();
  s.end = end->end;

  std::string_view info = lines[i + 1];
  if (!info.starts_with(kInfoMagic)) return Damaged();
  info.remove_prefix(kInfoMagic.size());
  if (!TakeField(info, "rows", v) || !ParseNumber(v, s.rows) ||
      !TakeField(info, "raw_bytes", v) || !ParseNumber(v, s.raw_bytes) ||
      !TakeField(info, "max_data_chunk", v) ||
      !ParseNumber(v, s.max_data_chunk) || !info.starts_with("table=")) {
    return Damaged();
  }
  info.remove_prefix(6);
  auto j = nlohmann::json::parse(info, nullptr, /*allow_exceptions=*/false);
  if (!j.is_string()) return Damaged();
  s.max_data_chunk_table = j.get<std::string>();

  // What the reader derives while reading must agree: the end line follows
  // the manifest, and the rows are the tables' rows.
  std::string end_line = s.end.Render();
  int64_t rows = 0;
  for (const TableSummary& t : s.tables) {
    if (t.rows < 0 || t.rows > INT64_MAX - rows) return Damaged();
    rows += t.rows;
  }
  if (s.rows < 0 || rows != s.rows ||
      s.end.bytes > UINT64_MAX - end_line.size() - 1 ||
      s.raw_bytes != s.end.bytes + end_line.size() + 1) {
    return Damaged();
  }
  return s;
}

std::string FrameSeal(Compression c, std::string_view payload) {
  std::string out;
  switch (c) {
    case Compression::kZstd:
      PutLe32(out, kZstdSkippable);
      PutLe32(out, static_cast<uint32_t>(payload.size()));
      out.append(payload);
      break;
    case Compression::kGzip:
      out.append(kGzipHeader);
      out.append(payload);
      out.append(kGzipFooter);
      break;
    case Compression::kNone:
      break;
  }
  return out;
}

Result<std::optional<uint64_t>> SealFrameSize(Compression c,
                                              std::string_view tail) {
  if (c == Compression::kNone) return std::optional<uint64_t>();
  size_t after = c == Compression::kGzip ? kGzipFooter.size() : 0;
  if (tail.size() < kEndLineBytes + after) return std::optional<uint64_t>();
  std::string_view line =
      tail.substr(tail.size() - after - kEndLineBytes, kEndLineBytes);
  // Recognised by its first word; anything damaged after it is an error.
  if (!line.starts_with("airlock-seal-end ")) {
    return std::optional<uint64_t>();
  }
  if (c == Compression::kGzip && !tail.ends_with(kGzipFooter)) {
    return Damaged();
  }
  AIRLOCK_ASSIGN_OR_RETURN(uint64_t size, ParseEndLine(line, nullptr));
  return std::optional<uint64_t>(size + FrameOverhead(c));
}

Result<std::string_view> UnframeSeal(Compression c, std::string_view frame) {
  switch (c) {
    case Compression::kZstd: {
      if (frame.size() < kZstdHeader ||
          GetLe32(frame.substr(0, 4)) != kZstdSkippable ||
          GetLe32(frame.substr(4, 4)) != frame.size() - kZstdHeader) {
        return Damaged();
      }
      return frame.substr(kZstdHeader);
    }
    case Compression::kGzip: {
      size_t overhead = FrameOverhead(c);
      if (frame.size() < overhead || !frame.starts_with(kGzipHeader) ||
          !frame.ends_with(kGzipFooter)) {
        return Damaged();
      }
      std::string_view payload =
          frame.substr(kGzipHeader.size(), frame.size() - overhead);
      // The comment ends at the first NUL.
      if (payload.find('\0') != std::string_view::npos) return Damaged();
      return payload;
    }
    case Compression::kNone:
      break;
  }
  return Damaged();
}

}  // namespace airlock::backup
