#include "db/client_library.h"

#include <dlfcn.h>
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>

#include "db/messages.h"

namespace airlock::db {

Status LoadClientLibrary(std::initializer_list<const char*> names,
                         const char* package,
                         std::initializer_list<const char*> symbols,
                         void** slots) {
  std::string why;
  for (const char* name : names) {
    void* lib = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
      const char* e = dlerror();
      why = e ? e : name;
      continue;
    }
    size_t i = 0;
    for (const char* symbol : symbols) {
      slots[i] = dlsym(lib, symbol);
      if (!slots[i]) {
        return Status::Error(
            fmt::format(msg::kClientSymbolMissing, name, symbol, package));
      }
      ++i;
    }
    return Status::Ok();  // the library stays loaded for the process
  }
  return Status::Error(fmt::format(msg::kClientLibraryMissing, *names.begin(),
                                   why, package, package));
}

void ClientLibraryNotLoaded(const char* library) {
  std::fprintf(stderr, "internal error: %s used before it was loaded\n",
               library);
  std::abort();
}

}  // namespace airlock::db
