// DateTime and Bytes default literals as Prisma writes them into SQL
// (expectations checked against Prisma 6.19.3 through prisma-oracle).
#include "sqlschema/default_literals.h"

#include <gtest/gtest.h>

namespace airlock::sqlschema {
namespace {

TEST(DateTimeDefaultText, SpacedStyleKeepsOffsetAndShortestFraction) {
  auto s = [](std::string_view v) {
    return DateTimeDefaultText(v, DateTimeStyle::kSpaced).value_or("<none>");
  };
  EXPECT_EQ(s("2020-01-02T03:04:05Z"), "2020-01-02 03:04:05 +00:00");
  EXPECT_EQ(s("2020-01-02T03:04:05.678Z"), "2020-01-02 03:04:05.678 +00:00");
  EXPECT_EQ(s("2020-01-02T03:04:05.1Z"), "2020-01-02 03:04:05.100 +00:00");
  EXPECT_EQ(s("2020-01-02T03:04:05.000Z"), "2020-01-02 03:04:05 +00:00");
  EXPECT_EQ(s("2020-01-02T03:04:05.123456+05:30"),
            "2020-01-02 03:04:05.123456 +05:30");
  EXPECT_EQ(s("2020-01-02T03:04:05.1234567-01:00"),
            "2020-01-02 03:04:05.123456700 -01:00");
  EXPECT_EQ(s("2020-01-02t03:04:05.1200z"), "2020-01-02 03:04:05.120 +00:00");
  EXPECT_EQ(s("2020-01-02T03:04:05.1234567891Z"),
            "2020-01-02 03:04:05.123456789 +00:00");
}

TEST(DateTimeDefaultText, MysqlStyleIsUtcWithoutOffset) {
  EXPECT_EQ(
      DateTimeDefaultText("2020-01-02T03:04:05.5Z", DateTimeStyle::kMysqlUtc),
      "2020-01-02 03:04:05.500");
  EXPECT_EQ(DateTimeDefaultText("2021-01-01T00:30:00+01:00",
                                DateTimeStyle::kMysqlUtc),
            "2020-12-31 23:30:00");
}

TEST(DateTimeDefaultText, RejectsNonRfc3339) {
  for (const char* v : {"2020-01-02", "2020-01-02T03:04:05", "now",
                        "2020-01-02T03:04:05.Z", "2020-01-02T03:04:05+0100"}) {
    EXPECT_FALSE(DateTimeDefaultText(v, DateTimeStyle::kSpaced)) << v;
  }
}

TEST(Base64ToHex, DecodesWithAndWithoutPadding) {
  EXPECT_EQ(Base64ToHex("aGVsbG8="), "68656c6c6f");
  EXPECT_EQ(Base64ToHex("//8="), "ffff");
  EXPECT_EQ(Base64ToHex("AAE"), "0001");
  EXPECT_EQ(Base64ToHex(""), "");
  EXPECT_FALSE(Base64ToHex("a b"));
}

}  // namespace
}  // namespace airlock::sqlschema
