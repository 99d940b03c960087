#include "base/text.h"

#include <gtest/gtest.h>

namespace airlock {
namespace {

using Lines = std::vector<std::string_view>;

TEST(SplitLines, EmptyTextHasNoLines) { EXPECT_EQ(SplitLines(""), Lines{}); }

TEST(SplitLines, FinalNewlineEndsTheLastLine) {
  EXPECT_EQ(SplitLines("a\nb\n"), (Lines{"a", "b"}));
  EXPECT_EQ(SplitLines("a\nb"), (Lines{"a", "b"}));
}

TEST(SplitLines, KeepsEmptyLinesAndCarriageReturns) {
  EXPECT_EQ(SplitLines("\n\nx\r\n"), (Lines{"", "", "x\r"}));
}

TEST(SplitLines, ViewsPointIntoTheText) {
  std::string text = "one\ntwo";
  Lines lines = SplitLines(text);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1].data(), text.data() + 4);
}

TEST(EqualsIgnoreCase, ComparesAsciiLettersWithoutCase) {
  EXPECT_TRUE(EqualsIgnoreCase("NOW()", "now()"));
  EXPECT_TRUE(EqualsIgnoreCase("", ""));
  EXPECT_FALSE(EqualsIgnoreCase("abc", "abd"));
  EXPECT_FALSE(EqualsIgnoreCase("abc", "abcd"));
}

}  // namespace
}  // namespace airlock
