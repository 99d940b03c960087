#include "backup/mysql_load_data.h"

#include <gtest/gtest.h>

namespace airlock::backup {
namespace {

TEST(MysqlLoadData, ConvertsEveryValueForm) {
  LoadData ld;
  ASSERT_TRUE(InsertToLoadData(
                  "INSERT INTO `t``x` (`id`,`s`,`b`,`f`) VALUES\n"
                  "(1,'a\\tb\\nc\\\\d\\'e\\0f\\Zg\th',0x00ff5c09,b'101'),\n"
                  "(-2.5e3,'',NULL,NULL),\n"
                  "(3,'NULL',0x,b'0')",
                  ld) ==
              false);  // 0x without digits is not written by the dump
  ASSERT_TRUE(InsertToLoadData(
      "INSERT INTO `t``x` (`id`,`s`,`b`,`f`) VALUES\n"
      "(1,'a\\tb\\nc\\\\d\\'e\\0f\\Zg\th',0x00ff5c09,b'101'),\n"
      "(-2.5e3,'',NULL,NULL),\n"
      "(3,'NULL','',b'0')",
      ld));
  EXPECT_EQ(ld.rows, 3);
  EXPECT_EQ(ld.content,
            "1\ta\\tb\\nc\\\\d'e\\0f\\Zg\\th\t00ff5c09\t5\n"
            "-2.5e3\t\t\\N\t\\N\n"
            "3\tNULL\t\t0\n");
  EXPECT_EQ(ld.statement,
            "LOAD DATA LOCAL INFILE 'airlock-chunk' INTO TABLE `t``x` "
            "CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY "
            "'\\\\' LINES TERMINATED BY '\\n' (`id`,`s`,@c2,@c3) SET "
            "`b`=UNHEX(@c2),`f`=CAST(@c3 AS UNSIGNED)");
}

TEST(MysqlLoadData, AutoIncrementColumnGoesThroughSet) {
  std::vector<std::string> ai = AutoIncrementColumns(
      "CREATE TABLE `t` (\n  `id` int(11) NOT NULL AUTO_INCREMENT,\n"
      "  `v` int(11) DEFAULT NULL,\n  PRIMARY KEY (`id`)\n"
      ") ENGINE=InnoDB AUTO_INCREMENT=5");
  ASSERT_EQ(ai, std::vector<std::string>{"`id`"});
  LoadData ld;
  ASSERT_TRUE(InsertToLoadData(
      "INSERT INTO `t` (`id`,`v`) VALUES\n(0,0),\n(7,NULL)", ld, ai));
  EXPECT_EQ(ld.content, "0\t0\n7\t\\N\n");
  EXPECT_TRUE(ld.statement.ends_with(" (@c0,`v`) SET `id`=@c0"))
      << ld.statement;
}

TEST(MysqlLoadData, RefusesOtherStatements) {
  LoadData ld;
  EXPECT_FALSE(InsertToLoadData("INSERT INTO `t` VALUES (1)", ld));
  EXPECT_FALSE(InsertToLoadData("INSERT INTO `t` (`a`) VALUES\n(1,2)", ld));
  EXPECT_FALSE(InsertToLoadData("INSERT INTO `t` (`a`) VALUES\n('x)", ld));
  EXPECT_FALSE(InsertToLoadData("INSERT INTO `t` (`a`) VALUES\n(NOW())", ld));
  // A column written both as hex and as text is not the dump's.
  EXPECT_FALSE(
      InsertToLoadData("INSERT INTO `t` (`a`) VALUES\n(0x00),\n('x')", ld));
}

}  // namespace
}  // namespace airlock::backup
