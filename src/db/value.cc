#include "db/value.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

namespace airlock::db {

Value Value::Int(int64_t v) {
  Value x;
  x.kind_ = Kind::kInt;
  x.int_ = v;
  return x;
}

Value Value::Real(double v) {
  Value x;
  x.kind_ = Kind::kReal;
  x.real_ = v;
  return x;
}

Value Value::Text(std::string v) {
  Value x;
  x.kind_ = Kind::kText;
  x.text_ = std::move(v);
  return x;
}

Value Value::Blob(std::string bytes) {
  Value x;
  x.kind_ = Kind::kBlob;
  x.text_ = std::move(bytes);
  return x;
}

std::string Value::AsText() const {
  switch (kind_) {
    case Kind::kNull:
      return "";
    case Kind::kInt:
      return fmt::format("{}", int_);
    case Kind::kReal:
      return fmt::format("{}", real_);
    case Kind::kText:
    case Kind::kBlob:
      return text_;
  }
  return "";
}

std::optional<int64_t> Value::AsInt() const {
  switch (kind_) {
    case Kind::kInt:
      return int_;
    case Kind::kReal:
      if (std::trunc(real_) == real_ && std::abs(real_) < 9.2e18) {
        return static_cast<int64_t>(real_);
      }
      return std::nullopt;
    case Kind::kText: {
      int64_t v = 0;
      const char* end = text_.data() + text_.size();
      auto [p, ec] = std::from_chars(text_.data(), end, v);
      if (ec != std::errc() || p != end || text_.empty()) return std::nullopt;
      return v;
    }
    default:
      return std::nullopt;
  }
}

double Value::AsDouble() const {
  switch (kind_) {
    case Kind::kInt:
      return static_cast<double>(int_);
    case Kind::kReal:
      return real_;
    case Kind::kText: {
      double v = 0;
      std::from_chars(text_.data(), text_.data() + text_.size(), v);
      return v;
    }
    default:
      return 0;
  }
}

std::optional<std::string> Value::AsOptionalText() const {
  if (is_null()) return std::nullopt;
  return AsText();
}

int Rows::ColumnIndex(std::string_view name) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] == name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace airlock::db
