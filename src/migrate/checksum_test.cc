#include "migrate/checksum.h"

#include <gtest/gtest.h>

namespace airlock::migrate {
namespace {

TEST(ChecksumTest, Sha256OfExactBytes) {
  EXPECT_EQ(Sha256Hex(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(ChecksumTest, LineEndingVariantsMatch) {
  std::string lf = "CREATE TABLE a (x INT);\nCREATE TABLE b (y INT);\n";
  std::string crlf = "CREATE TABLE a (x INT);\r\nCREATE TABLE b (y INT);\r\n";
  EXPECT_TRUE(ChecksumMatches(lf, Sha256Hex(lf)));
  EXPECT_TRUE(ChecksumMatches(crlf, Sha256Hex(lf)));  // checkout with CRLF
  EXPECT_TRUE(ChecksumMatches(lf, Sha256Hex(crlf)));  // recorded from CRLF
  std::string upper = Sha256Hex(lf);
  for (auto& c : upper) c = static_cast<char>(std::toupper(c));
  EXPECT_TRUE(ChecksumMatches(lf, upper));
  EXPECT_FALSE(ChecksumMatches(lf + "-- edited\n", Sha256Hex(lf)));
}

}  // namespace
}  // namespace airlock::migrate
