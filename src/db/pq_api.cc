#define AIRLOCK_CLIENT_API_IMPL
#include "db/pq_api.h"

#include <mutex>

#include "db/client_library.h"

namespace airlock::db {
namespace {

PqClientApi api;
bool loaded = false;

}  // namespace

Status LoadPqApi() {
  static std::once_flag once;
  static Status result = Status::Ok();
  std::call_once(once, [] {
    static_assert(sizeof(PqClientApi) % sizeof(void*) == 0);
    result = LoadClientLibrary({"libpq.so.5", "libpq.so"}, "libpq5",
                               {
#define AIRLOCK_API_NAME(f) #f,
                                   AIRLOCK_PQ_FUNCTIONS(AIRLOCK_API_NAME)
#undef AIRLOCK_API_NAME
                               },
                               reinterpret_cast<void**>(&api));
    loaded = result.ok();
  });
  return result;
}

const PqClientApi& PqApi() {
  if (!loaded) ClientLibraryNotLoaded("libpq.so.5");
  return api;
}

}  // namespace airlock::db
