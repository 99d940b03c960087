#include "fixtures.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>

namespace airlock::testing {

std::vector<std::string> ListFiles(const std::string& dir,
                                   const std::string& suffix) {
  std::vector<std::string> out;
  for (auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::string p = e.path().string();
    if (p.size() >= suffix.size() &&
        p.compare(p.size() - suffix.size(), suffix.size(), suffix) == 0)
      out.push_back(p);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string ExpectedDiagnostics(const std::string& text) {
  // Mirrors psl/psl/tests/validation_tests.rs: the comment run that is still
  // open at the end of the file.
  std::optional<size_t> block_start;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n') continue;
    if (i + 2 >= text.size() + 0 && i + 2 > text.size()) continue;
    if (text.size() - (i + 1) < 2) continue;
    if (text.compare(i + 1, 2, "//") == 0) {
      if (!block_start) block_start = i + 1;
    } else {
      block_start.reset();
    }
  }
  if (!block_start) return "";
  std::string out;
  std::istringstream lines(text.substr(*block_start));
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    while (line.rfind("// ", 0) == 0) line.erase(0, 3);
    out += line;
    out += '\n';
  }
  return out;
}

std::string StripAnsi(const std::string& s) {
  static const std::regex re("\x1b\\[[0-9;]*m");
  return std::regex_replace(s, re, "");
}

std::string ShowEscapes(const std::string& s) {
  // ESC as "^[", each line end marked with '$' so trailing spaces show.
  std::string out;
  for (char c : s) {
    if (c == '\x1b') {
      out += "^[";
    } else {
      if (c == '\n') out += '$';
      out += c;
    }
  }
  return out;
}

int FirstErrorLine(const std::string& rendered) {
  std::istringstream in(rendered);
  std::string line;
  bool in_error = false;
  while (std::getline(in, line)) {
    if (line.rfind("error: ", 0) == 0)
      in_error = true;
    else if (line.rfind("warning: ", 0) == 0)
      in_error = false;
    else if (in_error && line.rfind("  -->  ", 0) == 0) {
      size_t colon = line.rfind(':');
      return std::atoi(line.c_str() + colon + 1);
    }
  }
  return 0;
}

}  // namespace airlock::testing
