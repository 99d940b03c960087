#include "schema/format_inflect.h"

#include <array>
#include <cctype>
#include <regex>
#include <utility>

namespace airlock::schema::format {
namespace {

bool IsSeparator(char c) { return c == '_' || c == '-' || c == ' '; }

}  // namespace

std::string CamelCase(std::string_view s) {
  std::string out;
  bool new_word = false;
  char last = 0;
  for (char c : s) {
    if (IsSeparator(c)) {
      new_word = !out.empty();
      last = c;
      continue;
    }
    if (out.empty()) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (new_word || (std::islower(static_cast<unsigned char>(last)) &&
                            std::isupper(static_cast<unsigned char>(c)))) {
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    } else {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    new_word = false;
    last = c;
  }
  return out;
}

std::string Pluralize(std::string_view word) {
  std::string s(word);
  std::string lower;
  for (char c : s)
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const std::array<std::string_view, 10> kUncountable = {
      "equipment", "information", "rice",  "money", "species",
      "series",    "fish",        "sheep", "jeans", "police"};
  for (auto u : kUncountable)
    if (lower.size() >= u.size() && lower.ends_with(u)) return s;
  static const std::array<std::pair<std::string_view, std::string_view>, 5>
      kIrregular = {{{"person", "people"},
                     {"man", "men"},
                     {"child", "children"},
                     {"sex", "sexes"},
                     {"move", "moves"}}};
  for (auto [one, many] : kIrregular) {
    if (lower.ends_with(one)) {
      size_t keep = s.size() - one.size();
      // Keep the case of the first replaced letter.
      std::string rest(many);
      if (std::isupper(static_cast<unsigned char>(s[keep])))
        rest[0] = static_cast<char>(
            std::toupper(static_cast<unsigned char>(rest[0])));
      return s.substr(0, keep) + rest;
    }
  }
  // The most specific rules first (the inflector checks its rule list from
  // the last added).
  static const std::vector<std::pair<std::regex, std::string>> kRules = [] {
    std::vector<std::pair<std::regex, std::string>> r;
    auto add = [&](const char* re, const char* rep) {
      r.emplace_back(std::regex(re, std::regex::icase), rep);
    };
    add("(quiz)$", "$1zes");
    add("^(oxen)$", "$1");
    add("^(ox)$", "$1en");
    add("(m|l)ice$", "$1ice");
    add("(m|l)ouse$", "$1ice");
    add("(matr|vert|ind)(?:ix|ex)$", "$1ices");
    add("(x|ch|ss|sh)$", "$1es");
    add("([^aeiouy]|qu)y$", "$1ies");
    add("(hive)$", "$1s");
    add("([^f])fe$", "$1ves");
    add("([lr])f$", "$1ves");
    add("sis$", "ses");
    add("([ti])a$", "$1a");
    add("([ti])um$", "$1a");
    add("(buffal|tomat)o$", "$1oes");
    add("(bu)s$", "$1ses");
    add("(alias|status)$", "$1es");
    add("(octop|vir)i$", "$1i");
    add("(octop|vir)us$", "$1i");
    add("^(ax|test)is$", "$1es");
    add("s$", "s");
    add("$", "s");
    return r;
  }();
  for (const auto& [re, rep] : kRules) {
    if (std::regex_search(s, re))
      return std::regex_replace(s, re, rep,
                                std::regex_constants::format_first_only);
  }
  return s + "s";
}

std::string LowerFirst(std::string_view s) {
  std::string out(s);
  if (!out.empty())
    out[0] =
        static_cast<char>(std::tolower(static_cast<unsigned char>(out[0])));
  return out;
}

std::string UpperFirst(std::string_view s) {
  std::string out(s);
  if (!out.empty())
    out[0] =
        static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

}  // namespace airlock::schema::format
