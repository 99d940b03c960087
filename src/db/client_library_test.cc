#include "db/client_library.h"

#include <gtest/gtest.h>

namespace airlock::db {
namespace {

TEST(ClientLibraryTest, MissingLibraryNamesThePackage) {
  void* slot = nullptr;
  Status st = LoadClientLibrary({"libairlock-does-not-exist.so.9"},
                                "libexample9", {"f"}, &slot);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("libairlock-does-not-exist.so.9"),
            std::string::npos);
  EXPECT_NE(st.message().find("apt-get install libexample9"),
            std::string::npos);
}

TEST(ClientLibraryTest, MissingSymbolIsAnError) {
  void* slot = nullptr;
  Status st = LoadClientLibrary({"libc.so.6"}, "libc6",
                                {"airlock_no_such_function"}, &slot);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("airlock_no_such_function"), std::string::npos);
}

TEST(ClientLibraryTest, LoadsAndResolves) {
  void* slots[2] = {nullptr, nullptr};
  ASSERT_TRUE(LoadClientLibrary({"libairlock-missing.so", "libc.so.6"}, "libc6",
                                {"strlen", "memcpy"}, slots)
                  .ok());
  auto strlen_fn = reinterpret_cast<size_t (*)(const char*)>(slots[0]);
  EXPECT_EQ(strlen_fn("abc"), 3u);
  EXPECT_NE(slots[1], nullptr);
}

}  // namespace
}  // namespace airlock::db
