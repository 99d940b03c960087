#include "schema/loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <filesystem>

#include "base/files.h"
#include "schema/messages.h"

namespace airlock::schema {
namespace fs = std::filesystem;

namespace {

Status CollectPrismaFiles(const std::string& dir,
                          std::vector<std::string>& out) {
  std::error_code ec;
  std::vector<std::string> found;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".prisma")
      found.push_back(it->path().string());
  }
  if (ec) {
    return Status::Error(
        "E0001", fmt::format("Could not read the schema folder {}: {}", dir,
                             ec.message()));
  }
  std::sort(found.begin(), found.end());
  out = std::move(found);
  return Status::Ok();
}

}  // namespace

std::string LoadedSchema::SchemaDir() const {
  if (IsDirectory(location)) return location;
  fs::path p(location);
  return p.has_parent_path() ? p.parent_path().string() : ".";
}

Result<LoadedSchema> LoadSchema(const std::optional<std::string>& path) {
  LoadedSchema out;
  if (path) {
    out.location = *path;
  } else if (IsRegularFile("prisma/schema.prisma")) {
    out.location = "prisma/schema.prisma";
  } else if (IsRegularFile("schema.prisma")) {
    out.location = "schema.prisma";
  } else if (IsDirectory("prisma/schema")) {
    out.location = "prisma/schema";
  } else {
    return Status::Error(
        "P1012",
        "Could not find a schema.prisma file. Checked ./prisma/schema.prisma "
        "and ./schema.prisma. Pass the path with --schema PATH.");
  }
  if (IsDirectory(out.location)) {
    AIRLOCK_RETURN_IF_ERROR(CollectPrismaFiles(out.location, out.paths));
    if (out.paths.empty()) {
      return Status::Error(
          "P1012", fmt::format("The folder {} contains no .prisma files.",
                               out.location));
    }
  } else if (IsRegularFile(out.location)) {
    out.paths.push_back(out.location);
  } else {
    return Status::Error(
        "P1012", fmt::format("The schema file {} does not exist. Check the "
                             "--schema path.",
                             out.location));
  }
  for (const auto& p : out.paths) {
    AIRLOCK_ASSIGN_OR_RETURN(std::string text, ReadFile(p));
    out.sources.push_back(SourceFile{p, std::move(text)});
  }
  return out;
}

namespace {

// Whether the 8 bytes at `i` are all ASCII and none is NUL (the common case,
// checked a word at a time).
bool AsciiWithoutNul(const std::string& s, size_t i) {
  if (i + 8 > s.size()) return false;
  uint64_t v;
  std::memcpy(&v, s.data() + i, 8);
  constexpr uint64_t kOnes = 0x0101010101010101, kHigh = 0x8080808080808080;
  uint64_t zero_byte = (v - kOnes) & ~v & kHigh;
  return ((v & kHigh) | zero_byte) == 0;
}

}  // namespace

void CheckEncoding(const SourceSet& sources, Diagnostics& diags) {
  for (uint32_t f = 0; f < sources.size(); ++f) {
    const std::string& s = sources[f].text;
    size_t i = 0;
    bool reported_nul = false;
    while (i < s.size()) {
      if (AsciiWithoutNul(s, i)) {
        i += 8;
        continue;
      }
      unsigned char c = s[i];
      if (c == 0 && !reported_nul) {
        diags.Error(msg::kNulByte, Span{f, uint32_t(i), uint32_t(i + 1)});
        reported_nul = true;
      }
      size_t n = c < 0x80         ? 1
                 : (c >> 5) == 6  ? 2
                 : (c >> 4) == 14 ? 3
                 : (c >> 3) == 30 ? 4
                                  : 0;
      bool ok = n > 0 && i + n <= s.size();
      for (size_t k = 1; ok && k < n; ++k)
        ok = (static_cast<unsigned char>(s[i + k]) >> 6) == 2;
      if (ok && n == 2 && c < 0xC2) ok = false;  // overlong
      if (!ok) {
        diags.Error(msg::kInvalidUtf8, Span{f, uint32_t(i), uint32_t(i + 1)});
        break;
      }
      i += n;
    }
  }
}

}  // namespace airlock::schema
