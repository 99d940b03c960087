#include "backup/format.h"

#include <fmt/format.h>

#include <charconv>
#include <map>
#include <nlohmann/json.hpp>

#include "backup/messages.h"

namespace airlock::backup {
namespace {

// Splits `a=1 b=2 table="x y"` into keys and values; `table` runs to the end
// of the line and is a JSON string.
Result<std::map<std::string, std::string>> ParseFields(std::string_view s) {
  std::map<std::string, std::string> out;
  while (!s.empty()) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    if (s.empty()) break;
    size_t eq = s.find('=');
    if (eq == std::string_view::npos || eq == 0) {
      return Status::Error(std::string(msg::kBadMarker));
    }
    std::string key(s.substr(0, eq));
    s.remove_prefix(eq + 1);
    if (key == "table") {
      auto j = nlohmann::json::parse(s, nullptr, /*allow_exceptions=*/false);
      if (!j.is_string()) return Status::Error(std::string(msg::kBadMarker));
      out[key] = j.get<std::string>();
      break;
    }
    size_t sp = s.find(' ');
    out[key] = std::string(s.substr(0, sp));
    s = sp == std::string_view::npos ? std::string_view() : s.substr(sp);
  }
  return out;
}

template <typename T>
bool ToNumber(const std::map<std::string, std::string>& f, const char* key,
              T& out) {
  auto it = f.find(key);
  if (it == f.end()) return false;
  const std::string& v = it->second;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  return ec == std::errc() && p == v.data() + v.size();
}

bool IsHex64(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

const char* ChunkKindName(ChunkKind kind) {
  switch (kind) {
    case ChunkKind::kNative:
      return "native";
    case ChunkKind::kSchema:
      return "schema";
    case ChunkKind::kData:
      return "data";
    case ChunkKind::kPost:
      return "post";
  }
  return "?";
}

const char* CompressionName(Compression c) {
  switch (c) {
    case Compression::kZstd:
      return "zstd";
    case Compression::kGzip:
      return "gzip";
    case Compression::kNone:
      return "none";
  }
  return "?";
}

std::optional<Compression> ParseCompression(std::string_view name) {
  if (name == "zstd" || name == "zst") return Compression::kZstd;
  if (name == "gzip" || name == "gz") return Compression::kGzip;
  if (name == "none") return Compression::kNone;
  return std::nullopt;
}

const char* CompressionExtension(Compression c) {
  switch (c) {
    case Compression::kZstd:
      return ".sql.zst";
    case Compression::kGzip:
      return ".sql.gz";
    case Compression::kNone:
      return ".sql";
  }
  return ".sql";
}

std::string QuoteName(std::string_view name) {
  // Invalid UTF-8 is replaced rather than thrown on; names come from catalogs.
  return nlohmann::json(std::string(name))
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string FileHeader::Render() const {
  return fmt::format("{}{} dialect={} created={} reason={} compress={}",
                     kFileMagic, version, dialect, created, reason, compress);
}

Result<FileHeader> FileHeader::Parse(std::string_view line) {
  if (!line.starts_with(kFileMagic)) {
    return Status::Error(std::string(msg::kNotABackup));
  }
  line.remove_prefix(kFileMagic.size());
  FileHeader h;
  size_t sp = line.find(' ');
  std::string_view ver = line.substr(0, sp);
  auto [p, ec] =
      std::from_chars(ver.data(), ver.data() + ver.size(), h.version);
  if (ec != std::errc() || p != ver.data() + ver.size()) {
    return Status::Error(std::string(msg::kNotABackup));
  }
  if (h.version != kFormatVersion) {
    return Status::Error(fmt::format(msg::kUnsupportedVersion, h.version));
  }
  if (sp == std::string_view::npos) return h;
  AIRLOCK_ASSIGN_OR_RETURN(auto fields, ParseFields(line.substr(sp)));
  h.dialect = fields["dialect"];
  h.created = fields["created"];
  h.reason = fields["reason"];
  h.compress = fields["compress"];
  return h;
}

std::string ChunkHeader::Render() const {
  return fmt::format("{}{} bytes={} rows={} table={}", kMarker,
                     ChunkKindName(kind), bytes, rows, QuoteName(table));
}

std::string TableEntry::Render() const {
  return fmt::format("{}table rows={} bytes={} sha256={}{} table={}", kMarker,
                     rows, bytes, sha256,
                     max_value ? fmt::format(" max_value={}", max_value) : "",
                     QuoteName(table));
}

std::string EndEntry::Render() const {
  return fmt::format("{}end chunks={} bytes={} sha256={}", kMarker, chunks,
                     bytes, sha256);
}

Result<MarkerLine> ParseMarkerLine(std::string_view line) {
  if (!line.starts_with(kMarker)) {
    return Status::Error(std::string(msg::kBadMarker));
  }
  line.remove_prefix(kMarker.size());
  size_t sp = line.find(' ');
  std::string_view word = line.substr(0, sp);
  std::string_view rest =
      sp == std::string_view::npos ? std::string_view() : line.substr(sp);
  AIRLOCK_ASSIGN_OR_RETURN(auto f, ParseFields(rest));
  MarkerLine m;
  bool ok = true;
  if (word == "table") {
    m.type = MarkerLine::Type::kTable;
    ok = ToNumber(f, "rows", m.table.rows) &&
         ToNumber(f, "bytes", m.table.bytes) && f.count("table") &&
         IsHex64(f["sha256"]);
    m.table.sha256 = f["sha256"];
    if (f.count("max_value")) {
      ok = ok && ToNumber(f, "max_value", m.table.max_value);
    }
    m.table.table = f["table"];
  } else if (word == "end") {
    m.type = MarkerLine::Type::kEnd;
    ok = ToNumber(f, "chunks", m.end.chunks) &&
         ToNumber(f, "bytes", m.end.bytes) && IsHex64(f["sha256"]);
    m.end.sha256 = f["sha256"];
  } else {
    m.type = MarkerLine::Type::kChunk;
    if (word == "native") {
      m.chunk.kind = ChunkKind::kNative;
    } else if (word == "schema") {
      m.chunk.kind = ChunkKind::kSchema;
    } else if (word == "data") {
      m.chunk.kind = ChunkKind::kData;
    } else if (word == "post") {
      m.chunk.kind = ChunkKind::kPost;
    } else {
      ok = false;
    }
    ok = ok && ToNumber(f, "bytes", m.chunk.bytes) &&
         ToNumber(f, "rows", m.chunk.rows) && f.count("table");
    m.chunk.table = f["table"];
  }
  if (!ok) return Status::Error(std::string(msg::kBadMarker));
  return m;
}

}  // namespace airlock::backup
