#include "base/status.h"

namespace airlock {

const std::string& Status::code() const {
  static const std::string kEmpty;
  return code_ ? *code_ : kEmpty;
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  if (*code_ == "E0000") return message_;
  return *code_ + ": " + message_;
}

}  // namespace airlock
