#define AIRLOCK_CLIENT_API_IMPL
#include "db/mysql_api.h"

#include <mutex>

#include "db/client_library.h"

namespace airlock::db {
namespace {

MysqlClientApi api;
bool loaded = false;

}  // namespace

Status LoadMysqlApi() {
  static std::once_flag once;
  static Status result = Status::Ok();
  std::call_once(once, [] {
    static_assert(sizeof(MysqlClientApi) % sizeof(void*) == 0);
    result =
        LoadClientLibrary({"libmariadb.so.3", "libmariadb.so"}, "libmariadb3",
                          {
#define AIRLOCK_API_NAME(f) #f,
                              AIRLOCK_MYSQL_FUNCTIONS(AIRLOCK_API_NAME)
#undef AIRLOCK_API_NAME
                          },
                          reinterpret_cast<void**>(&api));
    loaded = result.ok();
  });
  return result;
}

const MysqlClientApi& MysqlApi() {
  if (!loaded) ClientLibraryNotLoaded("libmariadb.so.3");
  return api;
}

}  // namespace airlock::db
