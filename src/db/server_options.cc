#include "db/server_options.h"

#include <fmt/format.h>

#include <charconv>
#include <filesystem>
#include <random>

#include "db/messages.h"

namespace airlock::db {

Result<int> ConnectTimeoutSeconds(const DatabaseUrl& url) {
  auto text = url.Param("connect_timeout");
  if (!text) return kDefaultConnectTimeoutSeconds;
  int v = -1;
  auto [p, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || p != text->data() + text->size() || v < 0) {
    return BadParam("connect_timeout", *text, "a whole number of seconds");
  }
  return v;
}

std::string ParamPath(const DatabaseUrl& url, std::string_view name,
                      const std::string& base_dir) {
  auto v = url.Param(name);
  if (!v || v->empty()) return "";
  std::filesystem::path p(*v);
  if (p.is_relative() && !base_dir.empty())
    p = std::filesystem::path(base_dir) / p;
  return p.lexically_normal().string();
}

std::string MaskPassword(std::string text, const std::string& password) {
  // Shorter passwords cannot be told apart from ordinary words in a message.
  if (password.size() < 4) return text;
  auto replace_all = [&text](const std::string& needle) {
    if (needle.empty()) return;
    for (size_t at = text.find(needle); at != std::string::npos;
         at = text.find(needle, at + 4)) {
      text.replace(at, needle.size(), "****");
    }
  };
  replace_all(password);
  std::string encoded;
  for (unsigned char c : password) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      encoded += static_cast<char>(c);
    } else {
      encoded += fmt::format("%{:02X}", c);
    }
  }
  if (encoded != password) replace_all(encoded);
  return text;
}

Status BadParam(std::string_view name, std::string_view value,
                std::string_view expected) {
  return Status::Error(
      "P1013",
      fmt::format(fmt::runtime(msg::kBadParam), fmt::arg("name", name),
                  fmt::arg("value", value), fmt::arg("expected", expected)));
}

std::string UniqueShadowDatabaseName() {
  std::random_device rd;
  std::mt19937_64 gen((static_cast<uint64_t>(rd()) << 32) ^ rd());
  uint64_t hi = gen(), lo = gen();
  hi = (hi & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;  // version 4
  lo = (lo & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;  // variant
  return fmt::format(
      "prisma_migrate_shadow_db_{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", hi >> 32,
      (hi >> 16) & 0xffff, hi & 0xffff, lo >> 48, lo & 0xffffffffffffULL);
}

}  // namespace airlock::db
