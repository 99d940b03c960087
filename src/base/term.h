// Terminal output: the guide's `[INFO]`/`[SUCCESS]`/`[WARN]`/`[ERROR]` lines,
// colour only when the stream is a terminal and NO_COLOR is unset, and
// yes/no prompts that refuse (rather than hang) when stdin is not a terminal.
#pragma once

#include <cstdio>
#include <string_view>

namespace airlock {

enum class Level { kInfo, kSuccess, kWarn, kError };

// True when `stream` is a terminal and NO_COLOR is not set.
bool ColorEnabled(FILE* stream);

// Prints "[LEVEL] text\n"; errors and warnings go to stderr.
void Log(Level level, std::string_view text);

// Wraps `text` in an ANSI SGR code when colour is enabled for `stream`.
std::string Colorize(FILE* stream, std::string_view sgr, std::string_view text);

// Asks `question (y/N): ` on a terminal. Returns false without asking when
// stdin is not a terminal.
bool Confirm(std::string_view question);

bool StdinIsTerminal();

}  // namespace airlock
