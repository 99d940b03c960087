#include "introspect/names.h"

namespace airlock::introspect {
namespace {

bool IsAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsIdentChar(char c) {
  return IsAlpha(c) || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

bool NeedsSanitation(std::string_view s) {
  if (s.empty() || !IsAlpha(s[0])) return true;
  for (char c : s)
    if (!IsIdentChar(c)) return true;
  return false;
}

std::string Sanitize(std::string_view s) {
  if (!NeedsSanitation(s)) return std::string(s);
  size_t start = 0;
  while (start < s.size() && !IsAlpha(s[start])) ++start;
  std::string out;
  // The regex replacement works on characters: a multi-byte UTF-8 character
  // becomes a single `_`.
  for (size_t i = start; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      if ((c & 0xC0) == 0x80) continue;  // continuation byte
      out += '_';
      continue;
    }
    out += IsIdentChar(s[i]) ? s[i] : '_';
  }
  return out;
}

bool IsReservedTypeName(std::string_view s) { return s == "PrismaClient"; }

Name ModelNameFromSql(std::string_view db_name) {
  Name n;
  if (IsReservedTypeName(db_name)) {
    n.name = "Renamed" + std::string(db_name);
    n.map = std::string(db_name);
    n.renamed_reserved = true;
  } else if (NeedsSanitation(db_name)) {
    n.name = Sanitize(db_name);
    n.map = std::string(db_name);
  } else {
    n.name = std::string(db_name);
  }
  return n;
}

Name FieldNameFromSql(std::string_view db_name) {
  Name n;
  if (NeedsSanitation(db_name)) {
    n.name = Sanitize(db_name);
    n.map = std::string(db_name);
  } else {
    n.name = std::string(db_name);
  }
  return n;
}

Name EnumValueNameFromSql(std::string_view db_name) {
  Name n;
  if (db_name.empty()) {
    n.name = "EMPTY_ENUM_VALUE";
    n.map = "";
  } else {
    n = FieldNameFromSql(db_name);
  }
  return n;
}

std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += c;
    }
  }
  return out + "\"";
}

}  // namespace airlock::introspect
