#include "backup/mysql_load_data.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <iterator>
#include <vector>

#include "base/text.h"

namespace airlock::backup {
namespace {

// How the values of a column were written.
struct ColumnForm {
  bool hex = false;          // 0x...: a binary string
  bool bits = false;         // b'...': a BIT value
  bool text_or_num = false;  // a non-empty string or a number
};

class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) {}
  bool Eat(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return false;
    i_ += word.size();
    return true;
  }
  bool AtEnd() const { return i_ >= s_.size(); }
  char Peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
  // A backtick-quoted identifier, returned as written (quotes included).
  bool Ident(std::string_view& out) {
    size_t end = BacktickIdentEnd(s_, i_);
    if (end == std::string_view::npos) return false;
    out = s_.substr(i_, end - i_);
    i_ = end;
    return true;
  }
  // One value, appended to `out` in LOAD DATA's escaping.
  bool Value(std::string& out, ColumnForm& form) {
    char c = Peek();
    if (c == '\'') return String(out, form);
    if (Eat("NULL")) {
      out += "\\N";
      return true;
    }
    if (c == '0' && i_ + 1 < s_.size() && s_[i_ + 1] == 'x') {
      i_ += 2;
      size_t start = i_;
      while (i_ < s_.size() && IsHex(s_[i_])) ++i_;
      if (i_ == start || (i_ - start) % 2) return false;
      out.append(s_.substr(start, i_ - start));
      form.hex = true;
      return true;
    }
    if (c == 'b' && i_ + 1 < s_.size() && s_[i_ + 1] == '\'') {
      i_ += 2;
      uint64_t v = 0;
      int digits = 0;
      while (i_ < s_.size() && (s_[i_] == '0' || s_[i_] == '1')) {
        v = (v << 1) | static_cast<uint64_t>(s_[i_] - '0');
        ++i_;
        if (++digits > 64) return false;
      }
      if (digits == 0 || !Eat("'")) return false;
      fmt::format_to(std::back_inserter(out), "{}", v);
      form.bits = true;
      return true;
    }
    size_t start = i_;
    while (i_ < s_.size() && IsNumberChar(s_[i_])) ++i_;
    if (i_ == start) return false;
    out.append(s_.substr(start, i_ - start));
    form.text_or_num = true;
    return true;
  }

 private:
  static bool IsHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
           (c >= 'A' && c <= 'F');
  }
  static bool IsNumberChar(char c) {
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' ||
           c == 'e' || c == 'E';
  }
  // A '...' literal with backslash escapes (and '' for a quote).
  bool String(std::string& out, ColumnForm& form) {
    ++i_;  // the opening quote
    size_t before = out.size();
    while (i_ < s_.size()) {
      size_t run = i_;
      while (i_ < s_.size() && !kSpecial[static_cast<unsigned char>(s_[i_])]) {
        ++i_;
      }
      out.append(s_.substr(run, i_ - run));
      if (i_ >= s_.size()) return false;
      char c = s_[i_++];
      if (c == '\'') {
        if (Peek() == '\'') {
          ++i_;
          out += '\'';
          continue;
        }
        if (out.size() > before) form.text_or_num = true;
        return true;
      }
      if (c == '\t') {
        out += "\\t";
        continue;
      }
      if (c == '\n') {
        out += "\\n";
        continue;
      }
      // A backslash escape.
      if (i_ >= s_.size()) return false;
      char e = s_[i_++];
      switch (e) {
        case '0':
        case 'n':
        case 'r':
        case 't':
        case 'b':
        case 'Z':
        case '\\':
          out += '\\';
          out += e;
          break;
        case '%':  // kept with their backslash outside LIKE patterns
        case '_':
          out += "\\\\";
          out += e;
          break;
        default:  // \' \" and any other: the character itself
          if (e == '\t') {
            out += "\\t";
          } else if (e == '\n') {
            out += "\\n";
          } else {
            out += e;
          }
      }
    }
    return false;
  }

  static constexpr auto kSpecial = [] {
    std::array<bool, 256> t{};
    t['\''] = t['\\'] = t['\t'] = t['\n'] = true;
    return t;
  }();

  std::string_view s_;
  size_t i_ = 0;
};

}  // namespace

size_t BacktickIdentEnd(std::string_view s, size_t at) {
  if (at >= s.size() || s[at] != '`') return std::string_view::npos;
  for (size_t i = at + 1; i < s.size(); ++i) {
    if (s[i] != '`') continue;
    if (i + 1 < s.size() && s[i + 1] == '`') {
      ++i;
      continue;
    }
    return i + 1;
  }
  return std::string_view::npos;
}

bool InsertToLoadData(std::string_view insert, LoadData& out,
                      const std::vector<std::string>& assigned) {
  Parser p(insert);
  std::string_view table;
  if (!p.Eat("INSERT INTO ") || !p.Ident(table) || !p.Eat(" (")) return false;
  std::vector<std::string_view> columns;
  while (true) {
    std::string_view col;
    if (!p.Ident(col)) return false;
    columns.push_back(col);
    if (p.Eat(",")) continue;
    if (p.Eat(") VALUES\n")) break;
    return false;
  }
  std::vector<ColumnForm> forms(columns.size());
  out.content.clear();
  out.content.reserve(insert.size());
  out.rows = 0;
  while (true) {
    if (!p.Eat("(")) return false;
    for (size_t i = 0; i < columns.size(); ++i) {
      if (i && !p.Eat(",")) return false;
      if (i) out.content += '\t';
      if (!p.Value(out.content, forms[i])) return false;
    }
    if (!p.Eat(")")) return false;
    out.content += '\n';
    ++out.rows;
    if (p.AtEnd()) break;
    if (!p.Eat(",\n")) return false;
  }
  std::string targets, sets;
  for (size_t i = 0; i < columns.size(); ++i) {
    const ColumnForm& f = forms[i];
    if ((f.hex && (f.bits || f.text_or_num)) || (f.bits && f.text_or_num)) {
      return false;  // not a form the dump writes
    }
    targets += i ? "," : "";
    if (!f.hex && !f.bits &&
        std::find(assigned.begin(), assigned.end(), columns[i]) !=
            assigned.end()) {
      targets += fmt::format("@c{}", i);
      sets += sets.empty() ? " SET " : ",";
      sets += fmt::format("{}=@c{}", columns[i], i);
    } else if (f.hex || f.bits) {
      targets += fmt::format("@c{}", i);
      sets += sets.empty() ? " SET " : ",";
      sets += f.hex ? fmt::format("{}=UNHEX(@c{})", columns[i], i)
                    : fmt::format("{}=CAST(@c{} AS UNSIGNED)", columns[i], i);
    } else {
      targets += columns[i];
    }
  }
  out.statement = fmt::format(
      "LOAD DATA LOCAL INFILE 'airlock-chunk' INTO TABLE {} CHARACTER SET "
      "utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED "
      "BY '\\n' ({}){}",
      table, targets, sets);
  return true;
}

std::vector<std::string> AutoIncrementColumns(std::string_view create) {
  std::vector<std::string> out;
  for (std::string_view line : SplitLines(create)) {
    size_t start = line.find_first_not_of(' ');
    if (start == std::string_view::npos || line[start] != '`' ||
        line.find(" AUTO_INCREMENT") == std::string_view::npos) {
      continue;
    }
    Parser p(line.substr(start));
    std::string_view name;
    if (p.Ident(name)) out.emplace_back(name);
  }
  return out;
}

}  // namespace airlock::backup
