#include "db/url.h"

#include <gtest/gtest.h>

namespace airlock::db {
namespace {

TEST(UrlTest, SqliteFile) {
  auto u = ParseDatabaseUrl("file:./dev.db?connection_limit=1");
  ASSERT_TRUE(u.ok()) << u.status().message();
  EXPECT_EQ(u->dialect, Dialect::kSqlite);
  EXPECT_EQ(u->path, "./dev.db");
  EXPECT_EQ(u->Param("connection_limit"), "1");
  EXPECT_EQ(ResolveSqlitePath(*u, "/p/prisma"), "/p/prisma/dev.db");
  auto abs = ParseDatabaseUrl("file:/var/db/x.db");
  ASSERT_TRUE(abs.ok());
  EXPECT_EQ(ResolveSqlitePath(*abs, "/p/prisma"), "/var/db/x.db");
  auto up = ParseDatabaseUrl("file:../data/x.db");
  EXPECT_EQ(ResolveSqlitePath(*up, "/p/prisma"), "/p/data/x.db");
}

TEST(UrlTest, MysqlDecodesAndMasks) {
  auto u = ParseDatabaseUrl(
      "mysql://app%40x:p%40ss%3Aw%2Fd@db.local:3307/"
      "vault%2D1?sslaccept=strict");
  ASSERT_TRUE(u.ok()) << u.status().message();
  EXPECT_EQ(u->dialect, Dialect::kMysql);
  EXPECT_EQ(u->user, "app@x");
  EXPECT_EQ(u->password, "p@ss:w/d");
  EXPECT_EQ(u->host, "db.local");
  EXPECT_EQ(u->port, 3307);
  EXPECT_EQ(u->database, "vault-1");
  EXPECT_EQ(u->Param("sslaccept"), "strict");
  std::string masked = u->Masked();
  EXPECT_EQ(masked.find("p@ss"), std::string::npos);
  EXPECT_EQ(masked.find("p%40ss"), std::string::npos);
  EXPECT_EQ(masked,
            "mysql://app@x:****@db.local:3307/vault-1?sslaccept=strict");
}

TEST(UrlTest, PostgresVariants) {
  auto u =
      ParseDatabaseUrl("postgres://u:secret@[::1]/app?schema=s1&password=x");
  ASSERT_TRUE(u.ok()) << u.status().message();
  EXPECT_EQ(u->dialect, Dialect::kPostgres);
  EXPECT_EQ(u->host, "::1");
  EXPECT_EQ(u->PortOrDefault(), 5432);
  EXPECT_EQ(u->Param("schema"), "s1");
  EXPECT_EQ(u->Masked(), "postgres://u:****@[::1]/app?schema=s1&password=****");
  auto socket = ParseDatabaseUrl("postgresql://u@/db?host=/run/pg");
  ASSERT_TRUE(socket.ok()) << socket.status().message();
  EXPECT_EQ(socket->host, "");
  EXPECT_EQ(socket->Param("host"), "/run/pg");
}

TEST(UrlTest, ErrorsNeverShowPassword) {
  for (const char* bad :
       {"mysql://u:topsecret@h:99999/db", "mysql:u:topsecret@h/db",
        "oracle://u:topsecret@h/db", "nothing", "file:"}) {
    auto u = ParseDatabaseUrl(bad);
    ASSERT_FALSE(u.ok()) << bad;
    EXPECT_EQ(u.status().code(), "P1013");
    EXPECT_EQ(u.status().message().find("topsecret"), std::string::npos);
  }
}

TEST(UrlTest, PercentDecode) {
  EXPECT_EQ(PercentDecode("a%20b%zz%4"), "a b%zz%4");
  EXPECT_EQ(PercentDecode("a+b"), "a+b");
}

}  // namespace
}  // namespace airlock::db
