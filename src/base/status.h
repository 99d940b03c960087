// Status and Result<T>: errors as values.
//
// Every fallible function in airlock returns a Status (no value) or a Result<T>
// (a value or a Status). A Status carries a stable code from one catalogue
// (Prisma's P-codes where Prisma has one, see error_codes.h) and a message meant
// for the user. No exceptions cross library boundaries.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace airlock {

class Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status Error(std::string code, std::string message) {
    return Status(std::move(code), std::move(message));
  }
  // A plain error without a catalogue code.
  static Status Error(std::string message) {
    return Status("E0000", std::move(message));
  }

  bool ok() const { return !code_.has_value(); }
  const std::string& code() const;
  const std::string& message() const { return message_; }
  // "code: message" for logs; the message alone when the code is generic.
  std::string ToString() const;

 private:
  Status(std::string code, std::string message)
      : code_(std::move(code)), message_(std::move(message)) {}
  std::optional<std::string> code_;
  std::string message_;
};

template <typename T>
class Result {
 public:
  Result(T value) : data_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {}  // NOLINT

  bool ok() const { return std::holds_alternative<T>(data_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(data_);
  }
  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> data_;
};

#define AIRLOCK_RETURN_IF_ERROR(expr)          \
  do {                                         \
    ::airlock::Status _st = (expr);            \
    if (!_st.ok()) return _st;                 \
  } while (0)

#define AIRLOCK_CONCAT_INNER(a, b) a##b
#define AIRLOCK_CONCAT(a, b) AIRLOCK_CONCAT_INNER(a, b)
#define AIRLOCK_ASSIGN_OR_RETURN(lhs, expr) \
  AIRLOCK_ASSIGN_OR_RETURN_IMPL(AIRLOCK_CONCAT(_res_, __LINE__), lhs, expr)
#define AIRLOCK_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                  \
  if (!tmp.ok()) return tmp.status();                 \
  lhs = std::move(tmp).value()

}  // namespace airlock
