// Values and result rows exchanged with a database connection.
//
// A Value is NULL, a 64-bit integer, a double, text or a blob. Drivers return
// what the database reports (SQLite's storage class; MySQL/PostgreSQL drivers
// may return everything as text); callers that need one form use AsText() or
// AsInt(), which convert where it is lossless.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace airlock::db {

class Value {
 public:
  enum class Kind { kNull, kInt, kReal, kText, kBlob };

  Value() = default;  // NULL
  static Value Null() { return Value(); }
  static Value Int(int64_t v);
  static Value Real(double v);
  static Value Text(std::string v);
  static Value Blob(std::string bytes);

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::kNull; }

  // Text form: integers and reals printed, text/blob as stored, NULL empty.
  std::string AsText() const;
  // Integer form: kInt, or kText/kReal holding an exact integer; else nullopt.
  std::optional<int64_t> AsInt() const;
  // Numeric form of kInt/kReal/numeric kText; 0 otherwise.
  double AsDouble() const;
  // nullopt for NULL, else AsText().
  std::optional<std::string> AsOptionalText() const;

  bool operator==(const Value& o) const = default;

 private:
  Kind kind_ = Kind::kNull;
  int64_t int_ = 0;
  double real_ = 0;
  std::string text_;  // kText and kBlob
};

using Row = std::vector<Value>;

// One field of a streamed row (Connection::QueryStream): points into the
// driver's buffers and is valid only during the callback. `bytes` holds text
// and blobs (drivers that return text for everything use kText).
struct FieldView {
  Value::Kind kind = Value::Kind::kNull;
  int64_t int_value = 0;
  double real_value = 0;
  std::string_view bytes;
};

// The rows of one query, with its column names.
struct Rows {
  std::vector<std::string> columns;
  std::vector<Row> rows;

  // Index of column `name`, or -1.
  int ColumnIndex(std::string_view name) const;
};

}  // namespace airlock::db
