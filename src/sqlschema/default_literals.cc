#include "sqlschema/default_literals.h"

#include <fmt/format.h>

#include <cctype>
#include <cstdlib>
#include <ctime>

namespace airlock::sqlschema {
namespace {

bool Digits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return false;
  for (size_t i = pos; i < pos + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> DateTimeDefaultText(std::string_view v,
                                               DateTimeStyle style) {
  // YYYY-MM-DD(T|t| )hh:mm:ss[.fraction](Z|z|(+|-)hh:mm)
  if (!Digits(v, 0, 4) || v.size() < 20 || v[4] != '-' || !Digits(v, 5, 2) ||
      v[7] != '-' || !Digits(v, 8, 2) ||
      (v[10] != 'T' && v[10] != 't' && v[10] != ' ') || !Digits(v, 11, 2) ||
      v[13] != ':' || !Digits(v, 14, 2) || v[16] != ':' || !Digits(v, 17, 2)) {
    return std::nullopt;
  }
  size_t pos = 19;
  std::string fraction;
  if (pos < v.size() && v[pos] == '.') {
    ++pos;
    size_t start = pos;
    while (pos < v.size() && std::isdigit(static_cast<unsigned char>(v[pos]))) {
      ++pos;
    }
    if (pos == start) return std::nullopt;
    fraction = std::string(v.substr(start, pos - start));
  }
  std::string offset;
  std::string_view rest = v.substr(pos);
  if (rest == "Z" || rest == "z") {
    offset = "+00:00";
  } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') &&
             Digits(rest, 1, 2) && rest[3] == ':' && Digits(rest, 4, 2)) {
    offset = std::string(rest);
  } else {
    return std::nullopt;
  }
  // Nanosecond precision, then the shortest of 3/6/9 digits that is exact.
  fraction = fraction.substr(0, 9);
  fraction.append(9 - fraction.size(), '0');
  if (fraction == "000000000") {
    fraction.clear();
  } else if (fraction.compare(3, 6, "000000") == 0) {
    fraction = "." + fraction.substr(0, 3);
  } else if (fraction.compare(6, 3, "000") == 0) {
    fraction = "." + fraction.substr(0, 6);
  } else {
    fraction = "." + fraction;
  }
  std::string date(v.substr(0, 10));
  std::string time(v.substr(11, 8));
  if (style == DateTimeStyle::kMysqlUtc) {
    auto num = [&](size_t pos, size_t n) {
      return std::atoi(std::string(v.substr(pos, n)).c_str());
    };
    std::tm tm{};
    tm.tm_year = num(0, 4) - 1900;
    tm.tm_mon = num(5, 2) - 1;
    tm.tm_mday = num(8, 2);
    tm.tm_hour = num(11, 2);
    tm.tm_min = num(14, 2);
    tm.tm_sec = num(17, 2);
    long shift = (std::atoi(offset.substr(1, 2).c_str()) * 60 +
                  std::atoi(offset.substr(4, 2).c_str())) *
                 60;
    if (offset[0] == '-') shift = -shift;
    std::time_t t = timegm(&tm) - shift;
    std::tm utc{};
    gmtime_r(&t, &utc);
    return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}{}",
                       utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                       utc.tm_hour, utc.tm_min, utc.tm_sec, fraction);
  }
  return fmt::format("{} {}{} {}", date, time, fraction, offset);
}

std::optional<std::string> Base64ToHex(std::string_view value) {
  auto sextet = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  while (!value.empty() && value.back() == '=') value.remove_suffix(1);
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : value) {
    int s = sextet(c);
    if (s < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(s);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += fmt::format("{:02x}", (buffer >> bits) & 0xff);
    }
  }
  return out;
}

}  // namespace airlock::sqlschema
