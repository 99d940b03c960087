// Loading a database client library (libmariadb, libpq) when the first
// connection of its dialect is made, instead of at start-up: the binary then
// starts in a few milliseconds (33 shared libraries came in with the two
// clients), runs every SQLite command where the clients are not installed,
// and says which Debian package to install when one is needed.
#pragma once

#include <initializer_list>
#include <string>

#include "base/status.h"

namespace airlock::db {

// dlopen()s the first of `names` that loads and resolves every symbol in
// `symbols` into `slots` (same order). Error names the library, the missing
// symbol or dlerror(), and the Debian `package` to install.
Status LoadClientLibrary(std::initializer_list<const char*> names,
                         const char* package,
                         std::initializer_list<const char*> symbols,
                         void** slots);

// For an API used before its Load*Api() succeeded: a programming error.
[[noreturn]] void ClientLibraryNotLoaded(const char* library);

}  // namespace airlock::db
