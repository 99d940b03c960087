// `.env` files loaded the way Prisma loads them: the project root's `.env`
// (the folder of the nearest package.json above the working directory, else
// the working directory) and the schema folder's `.env`. Values already in
// the process environment win; the same variable with different values in
// the two files is an error, as in Prisma. Syntax follows dotenv: `KEY=value`,
// optional `export`, quotes ('…', "…" with \n escapes, `…`), `#` comments,
// and `${VAR}` expansion (not inside single quotes).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace airlock::db {

using EnvVars = std::vector<std::pair<std::string, std::string>>;

// Parses the text of one .env file (no expansion).
EnvVars ParseDotenv(std::string_view text);

class Environment {
 public:
  // Loads `<project_root>/.env` and `<schema_dir>/.env` when they exist.
  // Error when a file cannot be read or the two files conflict.
  static Result<Environment> Load(const std::string& schema_dir);
  static Result<Environment> Load(const std::string& project_root,
                                  const std::string& schema_dir);

  // The process environment's value, else the value from the .env files.
  std::optional<std::string> Get(const std::string& name) const;

  // The .env files that were read, in load order.
  const std::vector<std::string>& loaded_files() const { return files_; }

  // Folder of the nearest package.json at or above `start`, else `start`.
  static std::string FindProjectRoot(const std::string& start);

 private:
  std::map<std::string, std::string> vars_;
  std::vector<std::string> files_;
};

}  // namespace airlock::db
