#include "describe/describe_util.h"

#include <cctype>

namespace airlock::describe {

std::string Lower(std::string s) {
  for (auto& c : s)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Upper(std::string s) {
  for (auto& c : s)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

bool IsNumberLiteral(const std::string& s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  bool digits = false, dot = false, exp = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits = true;
    } else if (c == '.' && !dot && !exp) {
      dot = true;
    } else if ((c == 'e' || c == 'E') && digits && !exp) {
      exp = true;
      digits = false;
      if (i + 1 < s.size() && (s[i + 1] == '-' || s[i + 1] == '+')) ++i;
    } else {
      return false;
    }
  }
  return digits;
}

bool IsNumeric(sqlschema::ColumnFamily f) {
  using sqlschema::ColumnFamily;
  return f == ColumnFamily::kInt || f == ColumnFamily::kBigInt ||
         f == ColumnFamily::kFloat || f == ColumnFamily::kDecimal;
}

sqlschema::Action ActionOf(const std::string& s) {
  using sqlschema::Action;
  std::string u = Upper(s);
  if (u == "RESTRICT" || u == "R") return Action::kRestrict;
  if (u == "CASCADE" || u == "C") return Action::kCascade;
  if (u == "SET NULL" || u == "N") return Action::kSetNull;
  if (u == "SET DEFAULT" || u == "D") return Action::kSetDefault;
  return Action::kNoAction;
}

}  // namespace airlock::describe
