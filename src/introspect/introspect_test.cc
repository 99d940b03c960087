// Unit tests of the introspection rules that do not need a database: name
// sanitising, native type parsing, per-dialect @db.* and default reading,
// and a whole SqlSchema -> schema text on a hand-built PostgreSQL schema.
#include "introspect/introspect.h"

#include <gtest/gtest.h>

#include "introspect/dialect.h"
#include "introspect/names.h"

namespace airlock::introspect {
namespace {

using sqlschema::ColumnFamily;

TEST(NamesTest, SanitizesLikePrisma) {
  EXPECT_FALSE(NeedsSanitation("User_1"));
  EXPECT_EQ(Sanitize("1st"), "st");
  EXPECT_EQ(Sanitize("first name"), "first_name");
  EXPECT_EQ(Sanitize("e-mail"), "e_mail");
  EXPECT_EQ(Sanitize("_User"), "User");
  EXPECT_EQ(Sanitize("123"), "");
  EXPECT_EQ(Sanitize("naïve"), "na_ve");
  Name reserved = ModelNameFromSql("PrismaClient");
  EXPECT_EQ(reserved.name, "RenamedPrismaClient");
  EXPECT_EQ(reserved.map, "PrismaClient");
  Name empty = EnumValueNameFromSql("");
  EXPECT_EQ(empty.name, "EMPTY_ENUM_VALUE");
  EXPECT_EQ(empty.map, "");
  EXPECT_EQ(Quote("a \"b\"\\"), "\"a \\\"b\\\"\\\\\"");
}

TEST(NativeTest, ParsesTypeText) {
  NativeParts p = ParseNative("int(11) unsigned");
  EXPECT_EQ(p.base, "INT UNSIGNED");
  EXPECT_EQ(p.args, std::vector<std::string>{"11"});
  p = ParseNative("DECIMAL(65, 30)");
  EXPECT_EQ(p.base, "DECIMAL");
  EXPECT_EQ(p.args, (std::vector<std::string>{"65", "30"}));
  p = ParseNative("timestamp(3) without time zone");
  EXPECT_EQ(p.base, "TIMESTAMP WITHOUT TIME ZONE");
  EXPECT_EQ(UnquoteSql("'it''s'", false), "it's");
  EXPECT_EQ(UnquoteSql("'a' || 'b'", false), std::nullopt);
  EXPECT_TRUE(IsNumber("-1.5e3", true));
  EXPECT_FALSE(IsNumber("1.5", false));
}

sqlschema::Column Col(ColumnFamily f, std::string native,
                      std::optional<std::string> dflt = std::nullopt) {
  sqlschema::Column c;
  c.name = "c";
  c.type = {f, std::move(native)};
  if (dflt) c.default_value = sqlschema::DefaultValue{*dflt};
  return c;
}

TEST(DialectTest, NativeTypesOnlyWhenNotTheDefault) {
  const Dialect& pg = DialectFor(sqlschema::Provider::kPostgres);
  EXPECT_EQ(
      pg.NativeType(Col(ColumnFamily::kString, "TEXT"), ColumnFamily::kString),
      std::nullopt);
  EXPECT_EQ(pg.NativeType(Col(ColumnFamily::kString, "VARCHAR(255)"),
                          ColumnFamily::kString),
            "VarChar(255)");
  EXPECT_EQ(pg.NativeType(Col(ColumnFamily::kDateTime, "TIMESTAMP(3)"),
                          ColumnFamily::kDateTime),
            std::nullopt);
  EXPECT_EQ(pg.NativeType(Col(ColumnFamily::kDateTime, "TIMESTAMPTZ"),
                          ColumnFamily::kDateTime),
            "Timestamptz(6)");
  EXPECT_EQ(
      pg.NativeType(Col(ColumnFamily::kString, "UUID"), ColumnFamily::kString),
      "Uuid");
  const Dialect& my = DialectFor(sqlschema::Provider::kMysql);
  EXPECT_EQ(my.NativeType(Col(ColumnFamily::kString, "VARCHAR(191)"),
                          ColumnFamily::kString),
            std::nullopt);
  EXPECT_EQ(my.NativeType(Col(ColumnFamily::kDecimal, "DECIMAL(10, 2)"),
                          ColumnFamily::kDecimal),
            "Decimal(10, 2)");
  EXPECT_EQ(my.NativeType(Col(ColumnFamily::kInt, "INTEGER UNSIGNED"),
                          ColumnFamily::kInt),
            "UnsignedInt");
  EXPECT_EQ(my.NativeType(Col(ColumnFamily::kDateTime, "DATETIME"),
                          ColumnFamily::kDateTime),
            "DateTime(0)");
  EXPECT_EQ(my.NativeType(Col(ColumnFamily::kBoolean, "BOOLEAN"),
                          ColumnFamily::kBoolean),
            std::nullopt);
}

TEST(DialectTest, ReadsDefaults) {
  using K = ParsedDefault::Kind;
  const Dialect& pg = DialectFor(sqlschema::Provider::kPostgres);
  auto d = pg.Default(
      Col(ColumnFamily::kString, "VARCHAR(255)", "'email'::character varying"),
      ColumnFamily::kString);
  EXPECT_EQ(d.kind, K::kString);
  EXPECT_EQ(d.value, "email");
  d = pg.Default(
      Col(ColumnFamily::kInt, "INTEGER", "nextval('\"T_id_seq\"'::regclass)"),
      ColumnFamily::kInt);
  EXPECT_EQ(d.kind, K::kAutoincrement);
  d = pg.Default(Col(ColumnFamily::kInt, "INTEGER", "'-1'::integer"),
                 ColumnFamily::kInt);
  EXPECT_EQ(d.kind, K::kConstant);
  EXPECT_EQ(d.value, "-1");
  d = pg.Default(Col(ColumnFamily::kString, "UUID", "gen_random_uuid()"),
                 ColumnFamily::kString);
  EXPECT_EQ(d.kind, K::kDbGenerated);
  EXPECT_EQ(d.value, "gen_random_uuid()");
  sqlschema::Column list =
      Col(ColumnFamily::kInt, "INTEGER", "ARRAY[1, 2]::INTEGER[]");
  list.arity = sqlschema::Arity::kList;
  d = pg.Default(list, ColumnFamily::kInt);
  EXPECT_EQ(d.kind, K::kConstantList);
  EXPECT_EQ(d.list, (std::vector<std::string>{"1", "2"}));

  const Dialect& my = DialectFor(sqlschema::Provider::kMysql);
  d = my.Default(
      Col(ColumnFamily::kDateTime, "DATETIME(3)", "CURRENT_TIMESTAMP(3)"),
      ColumnFamily::kDateTime);
  EXPECT_EQ(d.kind, K::kNow);
  d = my.Default(Col(ColumnFamily::kEnum, "A_e", "'don''t know'"),
                 ColumnFamily::kEnum);
  EXPECT_EQ(d.kind, K::kEnumValue);
  EXPECT_EQ(d.value, "don't know");

  const Dialect& lite = DialectFor(sqlschema::Provider::kSqlite);
  EXPECT_EQ(lite.Family(Col(ColumnFamily::kUnsupported, "DECIMAL(10,2)")),
            ColumnFamily::kDecimal);
  d = lite.Default(Col(ColumnFamily::kBoolean, "BOOLEAN", "1"),
                   ColumnFamily::kBoolean);
  EXPECT_EQ(d.value, "true");
}

// A PostgreSQL schema with an enum, a self relation and two relations
// between the same tables, introspected without a previous schema.
TEST(IntrospectTest, PostgresSchemaToText) {
  sqlschema::SqlSchema db;
  db.provider = sqlschema::Provider::kPostgres;
  db.enums.push_back({std::nullopt, "Role", {"USER", "ADMIN"}});
  sqlschema::Table user;
  user.name = "User";
  user.columns.push_back(Col(ColumnFamily::kInt, "INTEGER"));
  user.columns.back().name = "id";
  user.columns.back().auto_increment = true;
  user.columns.push_back(Col(ColumnFamily::kEnum, "Role", "'USER'"));
  user.columns.back().name = "role";
  user.primary_key = sqlschema::PrimaryKey{"User_pkey", {{"id"}}};
  sqlschema::Table msg;
  msg.name = "Message";
  for (const char* n : {"id", "fromId", "toId"}) {
    msg.columns.push_back(Col(ColumnFamily::kInt, "INTEGER"));
    msg.columns.back().name = n;
  }
  msg.primary_key = sqlschema::PrimaryKey{"Message_pkey", {{"id"}}};
  for (const char* n : {"fromId", "toId"}) {
    sqlschema::ForeignKey fk;
    fk.name = std::string("Message_") + n + "_fkey";
    fk.columns = {n};
    fk.referenced_table = "User";
    fk.referenced_columns = {"id"};
    fk.on_delete = sqlschema::Action::kRestrict;
    fk.on_update = sqlschema::Action::kCascade;
    msg.foreign_keys.push_back(fk);
  }
  db.tables = {user, msg};
  IntrospectResult r = Introspect(db, {});
  EXPECT_FALSE(r.empty);
  EXPECT_EQ(r.models, 2);
  EXPECT_EQ(r.enums, 1);
  EXPECT_NE(r.text.find("role Role @default(USER)"), std::string::npos)
      << r.text;
  EXPECT_NE(r.text.find("User_Message_fromIdToUser User "
                        "@relation(\"Message_fromIdToUser\", fields: "
                        "[fromId], references: [id])"),
            std::string::npos)
      << r.text;
  EXPECT_NE(r.text.find("Message_Message_toIdToUser Message[] "
                        "@relation(\"Message_toIdToUser\")"),
            std::string::npos)
      << r.text;
  // Models by name, enums last.
  EXPECT_LT(r.text.find("model Message"), r.text.find("model User"));
  EXPECT_LT(r.text.find("model User"), r.text.find("enum Role"));
}

TEST(IntrospectTest, EmptyDatabase) {
  sqlschema::SqlSchema db;
  sqlschema::Table migrations;
  migrations.name = "_prisma_migrations";
  for (const char* n :
       {"id", "checksum", "finished_at", "migration_name", "logs",
        "rolled_back_at", "started_at", "applied_steps_count"}) {
    migrations.columns.push_back(Col(ColumnFamily::kString, "TEXT"));
    migrations.columns.back().name = n;
  }
  db.tables.push_back(migrations);
  EXPECT_TRUE(Introspect(db, {}).empty);
}

}  // namespace
}  // namespace airlock::introspect
