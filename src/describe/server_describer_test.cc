// Describers on the real MySQL/MariaDB and PostgreSQL test servers
// (AIRLOCK_TEST_MYSQL_URL / AIRLOCK_TEST_POSTGRES_URL; labels mysql,
// postgres), on hand-written DDL with what the Prisma corpus does not make:
// quoted defaults, views, length prefixes, DESC, FULLTEXT, identity columns,
// expression indexes, _prisma_migrations. The corpus itself is checked by
// tests/servers/server_drift.cc.
#include <gtest/gtest.h>

#include <cstdlib>

#include "db/connect.h"
#include "describe/describe.h"

namespace airlock::describe {
namespace {

using sqlschema::Action;
using sqlschema::ColumnFamily;

class DescribeServer : public ::testing::Test {
 protected:
  void Open(const char* env) {
    const char* text = std::getenv(env);
    if (text == nullptr || *text == '\0') {
      const char* require = std::getenv("AIRLOCK_TEST_REQUIRE_SERVERS");
      if (require && std::string(require) == "1") FAIL() << env << " unset";
      GTEST_SKIP() << env << " is not set (run through scripts/run-tests.sh)";
    }
    auto parsed = db::ParseDatabaseUrl(text);
    ASSERT_TRUE(parsed.ok());
    url_ = db::WithUniqueDatabase(*parsed);
    ASSERT_TRUE(db::CreateDatabase(url_, {}).ok());
    created_ = true;
    auto c = db::Connect(url_, {});
    ASSERT_TRUE(c.ok()) << c.status().message();
    conn_ = std::move(*c);
  }
  void TearDown() override {
    conn_.reset();
    if (created_) (void)db::DropDatabase(url_, {});
  }
  void Exec(const std::string& sql) {
    ASSERT_TRUE(conn_->ExecuteScript(sql).ok())
        << conn_->last_error().message << "\n"
        << conn_->last_error().statement;
  }
  static const sqlschema::Table& T(const sqlschema::SqlSchema& s,
                                   const std::string& name) {
    int i = s.FindTable(std::nullopt, name);
    EXPECT_GE(i, 0) << name;
    static const sqlschema::Table kNone;
    return i < 0 ? kNone : s.tables[i];
  }
  static const sqlschema::Column& C(const sqlschema::Table& t,
                                    const std::string& name) {
    const sqlschema::Column* c = t.ColumnNamed(name);
    EXPECT_NE(c, nullptr) << name;
    static const sqlschema::Column kNone;
    return c ? *c : kNone;
  }

  db::DatabaseUrl url_;
  bool created_ = false;
  std::unique_ptr<db::Connection> conn_;
};

TEST_F(DescribeServer, Mysql) {
  Open("AIRLOCK_TEST_MYSQL_URL");
  if (IsSkipped() || HasFatalFailure()) return;  // no server, or no DB
  Exec(R"sql(
    CREATE TABLE `A` (
      `id` INTEGER NOT NULL AUTO_INCREMENT,
      `s` VARCHAR(191) NOT NULL DEFAULT 'it''s',
      `n` VARCHAR(191) NULL,
      `b` BOOLEAN NOT NULL DEFAULT true,
      `d` DECIMAL(65, 30) NOT NULL DEFAULT 2.5,
      `t` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      `j` JSON NULL,
      `e` ENUM('X', 'Y''s') NOT NULL DEFAULT 'X',
      `u` INTEGER UNSIGNED NULL,
      `ti` TINYINT NOT NULL,
      `body` TEXT NOT NULL,
      FULLTEXT INDEX `A_body_idx`(`body`),
      INDEX `A_s_b_idx`(`s`(10) DESC, `b`),
      UNIQUE INDEX `A_n_key`(`n`),
      PRIMARY KEY (`id`)
    ) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
    CREATE TABLE `B` (`id` INTEGER NOT NULL, `aId` INTEGER NULL,
      PRIMARY KEY (`id`),
      CONSTRAINT `B_aId_fkey` FOREIGN KEY (`aId`) REFERENCES `A`(`id`)
        ON DELETE SET NULL ON UPDATE CASCADE);
    CREATE VIEW `V` AS SELECT `id` FROM `A`;
    CREATE TABLE `_prisma_migrations` (`id` VARCHAR(36) NOT NULL PRIMARY KEY);
  )sql");
  auto s = DescribeMysql(*conn_);
  ASSERT_TRUE(s.ok()) << s.status().message();
  ASSERT_EQ(s->tables.size(), 2u);  // no view, no _prisma_migrations
  const auto& a = T(*s, "A");
  EXPECT_TRUE(C(a, "id").auto_increment);
  EXPECT_EQ(C(a, "id").type.native, "INTEGER");
  EXPECT_EQ(C(a, "s").default_value->sql, "'it''s'");
  EXPECT_EQ(C(a, "s").type.native, "VARCHAR(191)");
  EXPECT_EQ(C(a, "n").arity, sqlschema::Arity::kNullable);
  EXPECT_FALSE(C(a, "n").default_value.has_value());
  EXPECT_EQ(C(a, "b").type.family, ColumnFamily::kBoolean);
  EXPECT_EQ(C(a, "b").default_value->sql, "true");
  EXPECT_EQ(C(a, "d").type.native, "DECIMAL(65, 30)");
  EXPECT_EQ(C(a, "t").type.native, "DATETIME(3)");
  EXPECT_TRUE(C(a, "t").default_value->is_now);
  EXPECT_EQ(C(a, "j").type.family, ColumnFamily::kJson);  // MariaDB: LONGTEXT
  EXPECT_EQ(C(a, "e").type.family, ColumnFamily::kEnum);
  EXPECT_EQ(C(a, "e").default_value->sql, "'X'");
  int e = s->FindEnum(C(a, "e").type.native);
  ASSERT_GE(e, 0);
  EXPECT_EQ(s->enums[e].name, "A_e");
  EXPECT_EQ(s->enums[e].values, (std::vector<std::string>{"X", "Y's"}));
  EXPECT_EQ(C(a, "u").type.native, "INTEGER UNSIGNED");
  EXPECT_EQ(C(a, "ti").type.native, "TINYINT");
  ASSERT_TRUE(a.primary_key);
  EXPECT_EQ(a.primary_key->columns.size(), 1u);
  ASSERT_EQ(a.indexes.size(), 3u);
  for (const auto& idx : a.indexes) {
    if (idx.name == "A_body_idx") {
      EXPECT_EQ(idx.kind, sqlschema::Index::Kind::kFulltext);
    } else if (idx.name == "A_s_b_idx") {
      ASSERT_EQ(idx.columns.size(), 2u);
      EXPECT_EQ(idx.columns[0].name, "s");
      EXPECT_EQ(idx.columns[0].length, 10);
      EXPECT_EQ(idx.columns[0].sort, sqlschema::SortOrder::kDesc);
      EXPECT_EQ(idx.columns[1].name, "b");
    } else {
      EXPECT_EQ(idx.name, "A_n_key");
      EXPECT_TRUE(idx.IsUnique());
    }
  }
  const auto& b = T(*s, "B");
  ASSERT_EQ(b.foreign_keys.size(), 1u);
  EXPECT_EQ(b.foreign_keys[0].name, "B_aId_fkey");
  EXPECT_EQ(b.foreign_keys[0].referenced_table, "A");
  EXPECT_EQ(b.foreign_keys[0].on_delete, Action::kSetNull);
  EXPECT_EQ(b.foreign_keys[0].on_update, Action::kCascade);
}

TEST_F(DescribeServer, Postgres) {
  Open("AIRLOCK_TEST_POSTGRES_URL");
  if (IsSkipped() || HasFatalFailure()) return;  // no server, or no DB
  Exec(R"sql(
    CREATE TYPE "Role" AS ENUM ('USER', 'it''s');
    CREATE TABLE "A" (
      "id" SERIAL NOT NULL,
      "big" BIGINT GENERATED BY DEFAULT AS IDENTITY,
      "s" VARCHAR(100) NOT NULL DEFAULT 'it''s',
      "neg" INTEGER NOT NULL DEFAULT -7,
      "r" "Role" NOT NULL DEFAULT 'USER',
      "rs" "Role"[] DEFAULT ARRAY['USER']::"Role"[],
      "tags" TEXT[] DEFAULT ARRAY['a', 'b']::TEXT[],
      "none" INTEGER[] DEFAULT '{}',
      "at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
      "ts" TIMESTAMP(3),
      "d" DECIMAL(10,2) NOT NULL DEFAULT 2.50,
      "u" UUID NOT NULL DEFAULT gen_random_uuid(),
      "j" JSONB,
      "p" POINT,
      CONSTRAINT "A_pkey" PRIMARY KEY ("id")
    );
    CREATE UNIQUE INDEX "A_s_key" ON "A"("s" DESC);
    CREATE INDEX "A_j_idx" ON "A" USING GIN ("j" jsonb_path_ops);
    CREATE INDEX "A_lower_idx" ON "A"(lower("s"));
    CREATE TABLE "B" ("id" INTEGER NOT NULL, "aId" INTEGER,
      CONSTRAINT "B_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "B_aId_fkey" FOREIGN KEY ("aId") REFERENCES "A"("id")
        ON DELETE RESTRICT ON UPDATE NO ACTION);
    CREATE VIEW "V" AS SELECT "id" FROM "A";
    CREATE TABLE "_prisma_migrations" ("id" VARCHAR(36) PRIMARY KEY);
  )sql");
  auto s = DescribePostgres(*conn_);
  ASSERT_TRUE(s.ok()) << s.status().message();
  ASSERT_EQ(s->tables.size(), 2u);
  ASSERT_EQ(s->enums.size(), 1u);
  EXPECT_EQ(s->enums[0].values, (std::vector<std::string>{"USER", "it's"}));
  const auto& a = T(*s, "A");
  EXPECT_TRUE(C(a, "id").auto_increment);
  EXPECT_FALSE(C(a, "id").default_value.has_value());
  EXPECT_TRUE(C(a, "big").auto_increment);
  EXPECT_EQ(C(a, "big").type.family, ColumnFamily::kBigInt);
  EXPECT_EQ(C(a, "s").type.native, "VARCHAR(100)");
  EXPECT_EQ(C(a, "s").default_value->sql, "'it''s'");
  EXPECT_EQ(C(a, "neg").default_value->sql, "-7");
  EXPECT_EQ(C(a, "r").type.family, ColumnFamily::kEnum);
  EXPECT_EQ(C(a, "r").type.native, "Role");
  EXPECT_EQ(C(a, "r").default_value->sql, "'USER'");
  EXPECT_EQ(C(a, "rs").arity, sqlschema::Arity::kList);
  EXPECT_EQ(C(a, "rs").default_value->sql, "ARRAY['USER']::\"Role\"[]");
  EXPECT_EQ(C(a, "tags").default_value->sql, "ARRAY['a', 'b']::TEXT[]");
  EXPECT_EQ(C(a, "none").default_value->sql, "ARRAY[]::INTEGER[]");
  EXPECT_EQ(C(a, "at").type.native, "TIMESTAMPTZ(6)");
  EXPECT_TRUE(C(a, "at").default_value->is_now);
  EXPECT_EQ(C(a, "ts").type.native, "TIMESTAMP(3)");
  EXPECT_EQ(C(a, "d").type.native, "DECIMAL(10,2)");
  EXPECT_EQ(C(a, "d").default_value->sql, "2.50");
  EXPECT_EQ(C(a, "u").type.native, "UUID");
  EXPECT_TRUE(C(a, "u").default_value->db_generated);
  EXPECT_EQ(C(a, "p").type.family, ColumnFamily::kUnsupported);
  EXPECT_EQ(C(a, "p").type.native, "point");
  ASSERT_TRUE(a.primary_key);
  EXPECT_EQ(a.primary_key->name, "A_pkey");
  ASSERT_EQ(a.indexes.size(), 2u);  // the expression index is left out
  for (const auto& idx : a.indexes) {
    if (idx.name == "A_s_key") {
      EXPECT_TRUE(idx.IsUnique());
      EXPECT_EQ(idx.columns[0].sort, sqlschema::SortOrder::kDesc);
    } else {
      EXPECT_EQ(idx.name, "A_j_idx");
      EXPECT_EQ(idx.algorithm, "GIN");
      EXPECT_EQ(idx.columns[0].opclass, "jsonb_path_ops");
    }
  }
  const auto& b = T(*s, "B");
  ASSERT_EQ(b.foreign_keys.size(), 1u);
  EXPECT_EQ(b.foreign_keys[0].on_delete, Action::kRestrict);
  EXPECT_EQ(b.foreign_keys[0].on_update, Action::kNoAction);
  EXPECT_EQ(b.foreign_keys[0].referenced_columns,
            std::vector<std::string>{"id"});
}

}  // namespace
}  // namespace airlock::describe
