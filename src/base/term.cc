#include "base/term.h"

#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string>

#include <fmt/format.h>

namespace airlock {

bool ColorEnabled(FILE* stream) {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  return ::isatty(fileno(stream)) == 1;
}

std::string Colorize(FILE* stream, std::string_view sgr,
                     std::string_view text) {
  if (!ColorEnabled(stream)) return std::string(text);
  return fmt::format("\x1b[{}m{}\x1b[0m", sgr, text);
}

void Log(Level level, std::string_view text) {
  FILE* out = (level == Level::kError || level == Level::kWarn) ? stderr
                                                                 : stdout;
  const char* tag = "";
  const char* sgr = "";
  switch (level) {
    case Level::kInfo: tag = "[INFO]"; sgr = "0;34"; break;
    case Level::kSuccess: tag = "[SUCCESS]"; sgr = "0;32"; break;
    case Level::kWarn: tag = "[WARN]"; sgr = "1;33"; break;
    case Level::kError: tag = "[ERROR]"; sgr = "0;31"; break;
  }
  fmt::print(out, "{} {}\n", Colorize(out, sgr, tag), text);
  std::fflush(out);
}

bool StdinIsTerminal() { return ::isatty(STDIN_FILENO) == 1; }

bool Confirm(std::string_view question) {
  if (!StdinIsTerminal()) return false;
  fmt::print(stdout, "{} (y/N): ", question);
  std::fflush(stdout);
  std::string answer;
  if (!std::getline(std::cin, answer)) return false;
  return answer == "y" || answer == "Y" || answer == "yes";
}

}  // namespace airlock
