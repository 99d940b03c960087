#include "db/dotenv.h"

#include <fmt/format.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>

#include "base/files.h"
#include "db/messages.h"

namespace airlock::db {
namespace {

namespace fs = std::filesystem;

bool IsKeyChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' ||
         c == '-';
}

struct RawVar {
  std::string key;
  std::string value;
  bool expand = true;
};

std::vector<RawVar> ParseRaw(std::string_view text) {
  std::vector<RawVar> out;
  size_t i = 0;
  const size_t n = text.size();
  auto skip_blank = [&] {
    while (i < n && (text[i] == ' ' || text[i] == '\t')) ++i;
  };
  auto skip_line = [&] {
    while (i < n && text[i] != '\n') ++i;
    if (i < n) ++i;
  };
  while (i < n) {
    skip_blank();
    if (i >= n) break;
    if (text[i] == '\n' || text[i] == '\r' || text[i] == '#') {
      skip_line();
      continue;
    }
    if (text.substr(i).starts_with("export ")) {
      i += 7;
      skip_blank();
    }
    size_t key_start = i;
    while (i < n && IsKeyChar(text[i])) ++i;
    std::string key(text.substr(key_start, i - key_start));
    skip_blank();
    if (key.empty() || i >= n || (text[i] != '=' && text[i] != ':')) {
      skip_line();
      continue;
    }
    ++i;
    skip_blank();
    RawVar var{key, "", true};
    if (i < n && (text[i] == '"' || text[i] == '\'' || text[i] == '`')) {
      char q = text[i];
      size_t close = i + 1;
      while (close < n && !(text[close] == q && text[close - 1] != '\\')) {
        ++close;
      }
      if (close < n) {
        std::string v(text.substr(i + 1, close - i - 1));
        if (q == '"') {
          std::string unescaped;
          for (size_t k = 0; k < v.size(); ++k) {
            if (v[k] == '\\' && k + 1 < v.size()) {
              char e = v[k + 1];
              if (e == 'n') {
                unescaped += '\n';
                ++k;
                continue;
              }
              if (e == 'r') {
                unescaped += '\r';
                ++k;
                continue;
              }
            }
            unescaped += v[k];
          }
          v = unescaped;
        }
        var.value = v;
        var.expand = q != '\'';
        i = close + 1;
        skip_line();
        out.push_back(std::move(var));
        continue;
      }
    }
    size_t end = i;
    while (end < n && text[end] != '\n' && text[end] != '#') ++end;
    std::string v(text.substr(i, end - i));
    while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back()))) {
      v.pop_back();
    }
    var.value = v;
    i = end;
    skip_line();
    out.push_back(std::move(var));
  }
  return out;
}

}  // namespace

EnvVars ParseDotenv(std::string_view text) {
  EnvVars out;
  for (auto& v : ParseRaw(text)) out.emplace_back(v.key, v.value);
  return out;
}

std::string Environment::FindProjectRoot(const std::string& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec);
  for (fs::path p = dir; !p.empty(); p = p.parent_path()) {
    if (fs::exists(p / "package.json", ec)) return p.string();
    if (p == p.parent_path()) break;
  }
  return dir.string();
}

Result<Environment> Environment::Load(const std::string& schema_dir) {
  return Load(FindProjectRoot(fs::current_path().string()), schema_dir);
}

Result<Environment> Environment::Load(const std::string& project_root,
                                      const std::string& schema_dir) {
  Environment env;
  std::error_code ec;
  std::vector<std::string> candidates = {
      (fs::path(project_root) / ".env").string()};
  if (!schema_dir.empty()) {
    std::string s = (fs::path(schema_dir) / ".env").string();
    bool same = fs::exists(s, ec) && fs::exists(candidates[0], ec) &&
                fs::equivalent(s, candidates[0], ec);
    if (!same) candidates.push_back(s);
  }
  std::vector<std::vector<RawVar>> parsed;
  for (const auto& path : candidates) {
    if (!IsRegularFile(path)) continue;
    AIRLOCK_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
    parsed.push_back(ParseRaw(text));
    env.files_.push_back(path);
  }
  if (parsed.size() == 2) {
    std::vector<std::string> conflicts;
    for (const auto& a : parsed[0]) {
      for (const auto& b : parsed[1]) {
        if (a.key == b.key && a.value != b.value) conflicts.push_back(a.key);
      }
    }
    if (!conflicts.empty()) {
      std::string list;
      for (const auto& c : conflicts) list += "  " + c + "\n";
      return Status::Error(
          fmt::format(msg::kEnvConflict, env.files_[0], env.files_[1], list));
    }
  }
  // Expansion: ${VAR} and $VAR from the process environment, then from
  // variables loaded so far.
  for (const auto& file : parsed) {
    for (const auto& var : file) {
      std::string value = var.value;
      if (var.expand) {
        std::string expanded;
        for (size_t k = 0; k < value.size(); ++k) {
          if (value[k] == '\\' && k + 1 < value.size() && value[k + 1] == '$') {
            expanded += '$';
            ++k;
            continue;
          }
          if (value[k] != '$' || k + 1 >= value.size()) {
            expanded += value[k];
            continue;
          }
          std::string name;
          size_t next = k + 1;
          if (value[next] == '{') {
            size_t close = value.find('}', next);
            if (close == std::string::npos) {
              expanded += value[k];
              continue;
            }
            name = value.substr(next + 1, close - next - 1);
            next = close + 1;
          } else {
            while (next < value.size() &&
                   (std::isalnum(static_cast<unsigned char>(value[next])) ||
                    value[next] == '_')) {
              name += value[next++];
            }
            if (name.empty()) {
              expanded += value[k];
              continue;
            }
          }
          expanded += env.Get(name).value_or("");
          k = next - 1;
        }
        value = expanded;
      }
      env.vars_[var.key] = value;  // last wins, as in dotenv
    }
  }
  return env;
}

std::optional<std::string> Environment::Get(const std::string& name) const {
  if (const char* v = std::getenv(name.c_str())) return std::string(v);
  auto it = vars_.find(name);
  if (it != vars_.end()) return it->second;
  return std::nullopt;
}

}  // namespace airlock::db
