#include "db/sql_split.h"

#include <cctype>

namespace airlock::db {
namespace {

bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)); }

bool IsIdentChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// End of the quoted run starting at s[i] == q; `backslash` enables \x escapes.
size_t SkipQuoted(std::string_view s, size_t i, char q, bool backslash) {
  for (size_t j = i + 1; j < s.size(); ++j) {
    if (backslash && s[j] == '\\') {
      ++j;
    } else if (s[j] == q) {
      if (j + 1 < s.size() && s[j + 1] == q) {
        ++j;
      } else {
        return j + 1;
      }
    }
  }
  return s.size();
}

size_t SkipToLineEnd(std::string_view s, size_t i) {
  size_t nl = s.find('\n', i);
  return nl == std::string_view::npos ? s.size() : nl + 1;
}

size_t SkipBlockComment(std::string_view s, size_t i, bool nested) {
  int depth = 0;
  for (size_t j = i; j + 1 < s.size(); ++j) {
    if (s[j] == '/' && s[j + 1] == '*') {
      if (depth == 0 || nested) ++depth;
      ++j;
    } else if (s[j] == '*' && s[j + 1] == '/') {
      if (--depth == 0) return j + 2;
      ++j;
    }
  }
  return s.size();
}

// A PostgreSQL dollar-quote opener at s[i] ($$ or $tag$): its length, or 0.
size_t DollarTagLength(std::string_view s, size_t i) {
  if (i > 0 && IsIdentChar(s[i - 1])) return 0;  // part of an identifier
  size_t j = i + 1;
  if (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) {
    return 0;  // $1 is a parameter
  }
  while (j < s.size() && IsIdentChar(s[j])) ++j;
  if (j < s.size() && s[j] == '$') return j + 1 - i;
  return 0;
}

// If something that may hide `;` or `?` starts at s[i], the index after it;
// otherwise i.
size_t SkipOpaque(std::string_view s, size_t i, Dialect d) {
  char c = s[i];
  char next = i + 1 < s.size() ? s[i + 1] : '\0';
  bool mysql = d == Dialect::kMysql;
  bool pg = d == Dialect::kPostgres;
  switch (c) {
    case '\'': {
      bool escapes = mysql;
      if (pg && i > 0 && (s[i - 1] == 'E' || s[i - 1] == 'e') &&
          (i < 2 || !IsIdentChar(s[i - 2]))) {
        escapes = true;
      }
      return SkipQuoted(s, i, '\'', escapes);
    }
    case '"':
      return SkipQuoted(s, i, '"', mysql);
    case '`':
      return mysql ? SkipQuoted(s, i, '`', false) : i;
    case '#':
      return mysql ? SkipToLineEnd(s, i) : i;
    case '-':
      if (next != '-') return i;
      // MySQL needs a space or control character after `--`.
      if (mysql && i + 2 < s.size() && !IsSpace(s[i + 2])) return i;
      return SkipToLineEnd(s, i);
    case '/':
      if (next != '*') return i;
      return SkipBlockComment(s, i, pg);
    case '$': {
      if (!pg) return i;
      size_t len = DollarTagLength(s, i);
      if (len == 0) return i;
      std::string_view tag = s.substr(i, len);
      size_t close = s.find(tag, i + len);
      return close == std::string_view::npos ? s.size() : close + len;
    }
    default:
      return i;
  }
}

// Whether s[i] starts a comment (not a string): comments before a statement
// are not part of its text.
bool IsCommentStart(std::string_view s, size_t i, Dialect d) {
  char c = s[i];
  char next = i + 1 < s.size() ? s[i + 1] : '\0';
  if (c == '#' && d == Dialect::kMysql) return true;
  if (c == '-' && next == '-') {
    return d != Dialect::kMysql || i + 2 >= s.size() || IsSpace(s[i + 2]);
  }
  // MySQL executable comments /*! … */ are code.
  if (c == '/' && next == '*') {
    return !(d == Dialect::kMysql && i + 2 < s.size() && s[i + 2] == '!');
  }
  return false;
}

}  // namespace

std::vector<SqlStatement> SplitSqlStatements(std::string_view sql,
                                             Dialect dialect) {
  std::vector<SqlStatement> out;
  size_t start = std::string_view::npos;  // first code character
  size_t i = 0;
  auto flush = [&](size_t end) {
    if (start == std::string_view::npos) return;
    size_t e = end;
    while (e > start && IsSpace(sql[e - 1])) --e;
    out.push_back({start, std::string(sql.substr(start, e - start))});
    start = std::string_view::npos;
  };
  while (i < sql.size()) {
    char c = sql[i];
    if (c == ';') {
      if (start != std::string_view::npos) {
        out.push_back({start, std::string(sql.substr(start, i + 1 - start))});
        start = std::string_view::npos;
      }
      ++i;
      continue;
    }
    if (IsSpace(c)) {
      ++i;
      continue;
    }
    if (start == std::string_view::npos && IsCommentStart(sql, i, dialect)) {
      i = SkipOpaque(sql, i, dialect);
      continue;
    }
    if (start == std::string_view::npos) start = i;
    size_t after = SkipOpaque(sql, i, dialect);
    i = after > i ? after : i + 1;
  }
  flush(sql.size());
  return out;
}

std::vector<size_t> FindPlaceholders(std::string_view sql, Dialect dialect) {
  std::vector<size_t> out;
  size_t i = 0;
  while (i < sql.size()) {
    if (sql[i] == '?') {
      out.push_back(i);
      ++i;
      continue;
    }
    size_t after = SkipOpaque(sql, i, dialect);
    i = after > i ? after : i + 1;
  }
  return out;
}

}  // namespace airlock::db
