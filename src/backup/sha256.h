// Incremental SHA-256 (OpenSSL) for backup checksums.
#pragma once

#include <openssl/evp.h>

#include <string>
#include <string_view>

namespace airlock::backup {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(Sha256&& o) noexcept : ctx_(o.ctx_) { o.ctx_ = nullptr; }
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void Update(std::string_view data);
  // Lower-case hex digest; the object must not be updated afterwards.
  std::string HexDigest();

 private:
  EVP_MD_CTX* ctx_;
};

}  // namespace airlock::backup
