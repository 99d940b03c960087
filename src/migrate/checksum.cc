#include "migrate/checksum.h"

// The low-level SHA-256 functions (deprecated in OpenSSL 3 but kept) avoid
// EVP's provider initialisation, which costs milliseconds per process: status
// hashes every migration and must stay well under 20 ms end to end.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

#include <algorithm>
#include <cctype>

#include "base/text.h"

namespace airlock::migrate {
namespace {

std::string ToLf(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') continue;
    out += s[i];
  }
  return out;
}

std::string ToCrlf(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 16);
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\n' && (i == 0 || s[i - 1] != '\r')) out += '\r';
    out += s[i];
  }
  return out;
}

}  // namespace

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  const unsigned int len = SHA256_DIGEST_LENGTH;
  SHA256_CTX ctx;
  SHA256_Init(&ctx);
  SHA256_Update(&ctx, data.data(), data.size());
  SHA256_Final(digest, &ctx);
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(len * 2);
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

bool ChecksumMatches(std::string_view script, std::string_view checksum) {
  if (EqualsIgnoreCase(Sha256Hex(script), checksum)) return true;
  if (script.find('\n') == std::string_view::npos) return false;
  if (EqualsIgnoreCase(Sha256Hex(ToLf(script)), checksum)) return true;
  return EqualsIgnoreCase(Sha256Hex(ToCrlf(script)), checksum);
}

}  // namespace airlock::migrate
