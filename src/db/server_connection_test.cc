// MySQL/MariaDB and PostgreSQL connections against the real servers that
// scripts/test-servers.sh starts (AIRLOCK_TEST_MYSQL_URL,
// AIRLOCK_TEST_POSTGRES_URL). Every test runs on both dialects; each works in
// its own new database, so the tests can run in parallel.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "db/connect.h"
#include "db/url.h"

namespace airlock::db {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

struct ServerCase {
  Dialect dialect;
  const char* env;  // the URL variable
};

void PrintTo(const ServerCase& c, std::ostream* os) {
  *os << (c.dialect == Dialect::kMysql ? "mariadb" : "postgresql");
}

// A listening TCP socket on 127.0.0.1 that never accepts: connections hang in
// the handshake. port() == the port; closed by the destructor.
class SilentServer {
 public:
  SilentServer() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    listen(fd_, 8);
    socklen_t len = sizeof a;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
  }
  ~SilentServer() { close(fd_); }
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

// A port on 127.0.0.1 with nothing listening.
int ClosedPort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  close(fd);
  return ntohs(a.sin_port);
}

// `url` with query parameter `key` set to `value` (replacing it).
DatabaseUrl WithParam(DatabaseUrl url, const std::string& key,
                      const std::string& value) {
  std::erase_if(url.params, [&](const auto& kv) { return kv.first == key; });
  url.params.emplace_back(key, value);
  return url;
}

class ServerTest : public ::testing::TestWithParam<ServerCase> {
 protected:
  void SetUp() override {
    const char* text = std::getenv(GetParam().env);
    if (text == nullptr || *text == '\0') {
      const char* require = std::getenv("AIRLOCK_TEST_REQUIRE_SERVERS");
      if (require && std::string(require) == "1") {
        FAIL() << GetParam().env << " is not set";
      }
      GTEST_SKIP() << GetParam().env
                   << " is not set (run through scripts/run-tests.sh)";
    }
    url_text_ = text;
    auto parsed = ParseDatabaseUrl(url_text_);
    ASSERT_TRUE(parsed.ok()) << parsed.status().message();
    server_url_ = *parsed;
    ASSERT_EQ(server_url_.dialect, GetParam().dialect);
    // A database of its own for each test.
    url_ = WithUniqueDatabase(server_url_);
    Status st = CreateDatabase(url_, options_);
    ASSERT_TRUE(st.ok()) << st.ToString();
    created_ = true;
  }

  void TearDown() override {
    conns_.clear();
    if (created_) {
      Status st = DropDatabase(url_, options_);
      EXPECT_TRUE(st.ok()) << st.ToString();
    }
  }

  Connection& Open(const DatabaseUrl& url) {
    auto c = Connect(url, options_);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    if (!c.ok()) std::abort();
    conns_.push_back(std::move(c).value());
    return *conns_.back();
  }
  Connection& Open() { return Open(url_); }

  bool IsMysql() const { return GetParam().dialect == Dialect::kMysql; }

  // Tables of the test database's schema.
  std::vector<std::string> Tables(Connection& c) {
    auto r = c.Query(IsMysql() ? "SELECT TABLE_NAME FROM information_schema."
                                 "TABLES WHERE TABLE_SCHEMA = DATABASE() AND "
                                 "TABLE_TYPE = 'BASE TABLE' "
                                 "ORDER BY 1"
                               : "SELECT tablename FROM pg_tables WHERE "
                                 "schemaname = current_schema() ORDER BY 1",
                     {});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    std::vector<std::string> out;
    if (r.ok()) {
      for (const auto& row : r->rows) out.push_back(row[0].AsText());
    }
    return out;
  }

  // "?" for MySQL, "$n" for PostgreSQL.
  std::string P(int n) const {
    return IsMysql() ? "?" : "$" + std::to_string(n);
  }

  std::string url_text_;
  DatabaseUrl server_url_;
  DatabaseUrl url_;
  ConnectOptions options_;
  bool created_ = false;
  std::vector<std::unique_ptr<Connection>> conns_;
};

TEST_P(ServerTest, QueriesWithParametersRoundTripValues) {
  Connection& c = Open();
  EXPECT_EQ(c.dialect(), GetParam().dialect);
  ASSERT_TRUE(c.ExecuteScript(IsMysql() ? "CREATE TABLE t (i BIGINT, s TEXT, "
                                          "r DOUBLE, b LONGBLOB, n INT)"
                                        : "CREATE TABLE t (i BIGINT, s TEXT, "
                                          "r DOUBLE PRECISION, b BYTEA, n INT)")
                  .ok());
  std::string tricky = "it's \\ \"quoted\" ? $1 ; -- ünïcode";
  std::string bytes("\0\xff'\\", 4);
  auto n = c.Execute("INSERT INTO t (i, s, r, b, n) VALUES (" + P(1) + ", " +
                         P(2) + ", " + P(3) + ", " + P(4) + ", " + P(5) + ")",
                     {Value::Int(-9007199254740993), Value::Text(tricky),
                      Value::Real(2.5), Value::Blob(bytes), Value::Null()});
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(*n, 1);
  auto rows = c.Query("SELECT i, s, r, b, n FROM t WHERE s = " + P(1),
                      {Value::Text(tricky)});
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->rows.size(), 1u);
  const Row& row = rows->rows[0];
  EXPECT_EQ(rows->ColumnIndex("b"), 3);
  EXPECT_EQ(row[0], Value::Int(-9007199254740993));
  EXPECT_EQ(row[1], Value::Text(tricky));
  EXPECT_EQ(row[2], Value::Real(2.5));
  EXPECT_EQ(row[3], Value::Blob(bytes));
  EXPECT_TRUE(row[4].is_null());
  auto updated = c.Execute("UPDATE t SET n = 1", {});
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(*updated, 1);
}

TEST_P(ServerTest, PercentEncodedPasswordAndMaskedUrl) {
  // The test servers' password has URL-special characters on purpose.
  EXPECT_NE(url_text_.find('%'), std::string::npos);
  EXPECT_NE(server_url_.password.find_first_of("@:/%"), std::string::npos);
  Connection& c = Open();
  std::string described = c.Describe();
  EXPECT_NE(described.find(url_.database), std::string::npos) << described;
  EXPECT_EQ(described.find(server_url_.password), std::string::npos);
  EXPECT_EQ(url_.Masked().find(server_url_.password), std::string::npos);
}

TEST_P(ServerTest, WrongPasswordIsP1000WithAdviceAndNoPassword) {
  DatabaseUrl bad = url_;
  bad.password = "Wr0ng-s3cret-value";
  auto c = Connect(bad, options_);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), "P1000") << c.status().message();
  const std::string& m = c.status().message();
  EXPECT_NE(m.find("Authentication failed"), std::string::npos) << m;
  EXPECT_NE(m.find(".env"), std::string::npos) << m;
  EXPECT_NE(m.find("percent-encoded"), std::string::npos) << m;
  EXPECT_NE(m.find(bad.user), std::string::npos) << m;
  EXPECT_EQ(m.find(bad.password), std::string::npos) << m;
  EXPECT_EQ(m.find(server_url_.password), std::string::npos) << m;
  if (IsMysql()) {
    EXPECT_NE(m.find("Access denied"), std::string::npos) << m;
  }
}

TEST_P(ServerTest, RefusedConnectionIsP1001) {
  DatabaseUrl closed = url_;
  closed.port = ClosedPort();
  auto start = steady_clock::now();
  auto c = Connect(closed, options_);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), "P1001") << c.status().message();
  EXPECT_NE(c.status().message().find("Can't reach database server at "
                                      "`127.0.0.1`:`" +
                                      std::to_string(closed.port) + "`"),
            std::string::npos)
      << c.status().message();
  EXPECT_EQ(c.status().message().find(url_.password), std::string::npos);
  EXPECT_LT(steady_clock::now() - start, std::chrono::seconds(3));
}

TEST_P(ServerTest, HungServerTimesOutAsP1002) {
  SilentServer silent;
  auto parsed = ParseDatabaseUrl(
      (IsMysql() ? "mysql://u:p@127.0.0.1:" : "postgresql://u:p@127.0.0.1:") +
      std::to_string(silent.port()) + "/db?connect_timeout=2");
  ASSERT_TRUE(parsed.ok());
  auto start = steady_clock::now();
  auto c = Connect(*parsed, options_);
  auto took = steady_clock::now() - start;
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), "P1002") << c.status().message();
  EXPECT_GE(took, milliseconds(1500));
  EXPECT_LT(took, std::chrono::seconds(8));
}

TEST_P(ServerTest, UnknownDatabaseIsP1003UnlessCreating) {
  DatabaseUrl missing = WithUniqueDatabase(server_url_);
  auto c = Connect(missing, options_);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), "P1003") << c.status().message();
  EXPECT_NE(c.status().message().find("Database `" + missing.database +
                                      "` does not exist"),
            std::string::npos)
      << c.status().message();
  auto exists = DatabaseExists(missing, options_);
  ASSERT_TRUE(exists.ok());
  EXPECT_FALSE(*exists);

  ConnectOptions create = options_;
  create.create_if_missing = true;
  auto made = Connect(missing, create);
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  made->reset();
  EXPECT_TRUE(*DatabaseExists(missing, options_));
  EXPECT_TRUE(DropDatabase(missing, options_).ok());
  EXPECT_FALSE(*DatabaseExists(missing, options_));
}

TEST_P(ServerTest, CreateAndDropDatabase) {
  EXPECT_TRUE(url_.database.starts_with("prisma_migrate_shadow_db_"));
  EXPECT_NE(WithUniqueDatabase(url_).database, url_.database);
  EXPECT_TRUE(*DatabaseExists(url_, options_));
  Status again = CreateDatabase(url_, options_);
  EXPECT_EQ(again.code(), "P1009") << again.message();

  DatabaseUrl other = WithUniqueDatabase(server_url_);
  ASSERT_TRUE(CreateDatabase(other, options_).ok());
  Connection& c = Open(other);  // a session stays open while dropping
  ASSERT_TRUE(c.ExecuteScript("CREATE TABLE kept (id INT)").ok());
  Status dropped = DropDatabase(other, options_);
  EXPECT_TRUE(dropped.ok()) << dropped.ToString();
  EXPECT_FALSE(*DatabaseExists(other, options_));
  EXPECT_TRUE(DropDatabase(other, options_).ok());  // IF EXISTS
}

TEST_P(ServerTest, ScriptFailureNamesTheStatement) {
  Connection& c = Open();
  Status st = c.ExecuteScript(
      "-- CreateTable\nCREATE TABLE a (id INT);\n\n"
      "-- Broken\nINSERT INTO missing_table VALUES (1);\n"
      "CREATE TABLE b (id INT);\n");
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), "P2010");
  const DbError& e = c.last_error();
  EXPECT_EQ(e.statement_index, 1);
  EXPECT_EQ(e.statement, "INSERT INTO missing_table VALUES (1);");
  EXPECT_EQ(e.code, IsMysql() ? "1146" : "42P01");
  EXPECT_NE(e.message.find("missing_table"), std::string::npos) << e.message;
  // MySQL: DDL is not transactional, the first statement stays applied.
  // PostgreSQL: the script is one transaction, nothing stays.
  EXPECT_EQ(Tables(c), IsMysql() ? std::vector<std::string>{"a"}
                                 : std::vector<std::string>{});
  // The connection stays usable.
  EXPECT_TRUE(c.ExecuteScript("CREATE TABLE c (id INT);").ok());
}

TEST_P(ServerTest, ScriptsWithCommentsStringsAndOwnTransactions) {
  Connection& c = Open();
  EXPECT_TRUE(c.ExecuteScript("-- nothing\n/* at all */\n").ok());
  ASSERT_TRUE(c.ExecuteScript("CREATE TABLE t (s VARCHAR(20));\n"
                              "INSERT INTO t VALUES ('a;b');\n"
                              "BEGIN;\nINSERT INTO t VALUES ('c');\nCOMMIT;\n"
                              "INSERT INTO t VALUES ('d');")
                  .ok())
      << c.last_error().message;
  auto rows = c.Query("SELECT s FROM t ORDER BY s", {});
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->rows.size(), 3u);
  EXPECT_EQ(rows->rows[0][0].AsText(), "a;b");
  EXPECT_EQ(rows->rows[2][0].AsText(), "d");
}

TEST_P(ServerTest, TransactionsCommitAndRollBack) {
  Connection& c = Open();
  ASSERT_TRUE(c.ExecuteScript("CREATE TABLE t (id INT)").ok());
  ASSERT_TRUE(c.Begin().ok());
  EXPECT_FALSE(c.Begin().ok());  // already open
  ASSERT_TRUE(c.Execute("INSERT INTO t VALUES (1)", {}).ok());
  ASSERT_TRUE(c.Rollback().ok());
  ASSERT_TRUE(c.Begin().ok());
  ASSERT_TRUE(c.Execute("INSERT INTO t VALUES (2)", {}).ok());
  ASSERT_TRUE(c.Commit().ok());
  EXPECT_TRUE(c.Rollback().ok());  // nothing open: no-op
  auto rows = c.Query("SELECT id FROM t", {});
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->rows.size(), 1u);
  EXPECT_EQ(rows->rows[0][0].AsInt(), 2);
}

TEST_P(ServerTest, MigrationLockExcludesASecondConnection) {
  Connection& a = Open();
  Connection& b = Open();
  ASSERT_TRUE(a.AcquireMigrationLock(milliseconds(10000)).ok());
  auto start = steady_clock::now();
  Status st = b.AcquireMigrationLock(milliseconds(1000));
  auto waited = steady_clock::now() - start;
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), "P1002") << st.message();
  EXPECT_NE(st.message().find("migration lock"), std::string::npos);
  EXPECT_GE(waited, milliseconds(900));
  EXPECT_LT(waited, std::chrono::seconds(5));
  // The lock goes to b as soon as a releases it, while b waits.
  std::thread release([&a] {
    std::this_thread::sleep_for(milliseconds(300));
    EXPECT_TRUE(a.ReleaseMigrationLock().ok());
  });
  Status got = b.AcquireMigrationLock(milliseconds(10000));
  release.join();
  EXPECT_TRUE(got.ok()) << got.ToString();
  EXPECT_TRUE(b.ReleaseMigrationLock().ok());
  // Releasing a lock one does not hold is an error, not silence.
  EXPECT_FALSE(b.ReleaseMigrationLock().ok());
  // The lock timeout does not leak into later statements (PostgreSQL).
  if (!IsMysql()) {
    auto t = b.Query("SHOW lock_timeout", {});
    ASSERT_TRUE(t.ok());
    EXPECT_EQ(t->rows[0][0].AsText(), "0");
  }
}

TEST_P(ServerTest, LockIsReleasedWhenTheConnectionCloses) {
  {
    auto a = Connect(url_, options_);
    ASSERT_TRUE(a.ok());
    ASSERT_TRUE((*a)->AcquireMigrationLock(milliseconds(10000)).ok());
  }
  Connection& b = Open();
  EXPECT_TRUE(b.AcquireMigrationLock(milliseconds(5000)).ok());
  EXPECT_TRUE(b.ReleaseMigrationLock().ok());
}

TEST_P(ServerTest, DropAllObjectsEmptiesTheDatabase) {
  Connection& c = Open();
  ASSERT_TRUE(c.ExecuteScript(
                   "CREATE TABLE parent (id INT PRIMARY KEY);\n"
                   "CREATE TABLE child (id INT PRIMARY KEY, p INT, FOREIGN KEY "
                   "(p) REFERENCES parent(id));\n"
                   "CREATE VIEW v AS SELECT id FROM child;")
                  .ok())
      << c.last_error().message;
  if (!IsMysql()) {
    ASSERT_TRUE(c.ExecuteScript("CREATE TYPE mood AS ENUM ('a', 'b')").ok());
  }
  ASSERT_EQ(Tables(c).size(), 2u);
  Status st = c.DropAllObjects();
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_TRUE(Tables(c).empty());
  auto views = c.Query(
      "SELECT table_name FROM information_schema.views WHERE table_schema = " +
          std::string(IsMysql() ? "DATABASE()" : "current_schema()"),
      {});
  ASSERT_TRUE(views.ok());
  EXPECT_TRUE(views->rows.empty());
  // Usable afterwards, in the same schema.
  EXPECT_TRUE(c.ExecuteScript("CREATE TABLE again (id INT)").ok());
  EXPECT_EQ(Tables(c), std::vector<std::string>{"again"});
}

TEST_P(ServerTest, UnixSocket) {
  const char* var = IsMysql() ? "AIRLOCK_TEST_MYSQL_SOCKET"
                              : "AIRLOCK_TEST_POSTGRES_SOCKET_DIR";
  const char* path = std::getenv(var);
  if (path == nullptr) GTEST_SKIP() << var << " is not set";
  DatabaseUrl via_socket = url_;
  via_socket.host = "localhost";
  via_socket = WithParam(via_socket, IsMysql() ? "socket" : "host", path);
  Connection& c = Open(via_socket);
  auto r = c.Query(
      IsMysql() ? "SELECT DATABASE()" : "SELECT current_database()", {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rows[0][0].AsText(), url_.database);
  EXPECT_NE(c.Describe().find(path), std::string::npos) << c.Describe();
}

TEST_P(ServerTest, TlsOptionsArePassedToTheDriver) {
  // The test servers have no TLS: asking for it must fail with a TLS error
  // (proof that the option reached the driver), not connect in clear text.
  DatabaseUrl tls = url_;
  if (IsMysql()) {
    tls = WithParam(tls, "sslaccept", "strict");
  } else {
    tls = WithParam(tls, "sslmode", "require");
  }
  auto c = Connect(tls, options_);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), "P1011") << c.status().message();
  // Prisma's PKCS#12 identity gets a clear "not supported" with the fix.
  DatabaseUrl p12 = url_;
  p12 = WithParam(p12, "sslidentity", "client.p12");
  auto c2 = Connect(p12, options_);
  ASSERT_FALSE(c2.ok());
  EXPECT_EQ(c2.status().code(), "P1013");
  EXPECT_NE(c2.status().message().find("sslkey"), std::string::npos);
}

TEST_P(ServerTest, BadParametersAreP1013) {
  DatabaseUrl bad = url_;
  bad = WithParam(bad, "connect_timeout", "soon");
  auto c = Connect(bad, options_);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), "P1013");
  EXPECT_NE(c.status().message().find("connect_timeout"), std::string::npos);
  DatabaseUrl bad_accept = url_;
  bad_accept = WithParam(bad_accept, "sslaccept", "maybe");
  EXPECT_EQ(Connect(bad_accept, options_).status().code(), "P1013");
}

class PostgresTest : public ServerTest {};

TEST_P(PostgresTest, SchemaParameter) {
  DatabaseUrl in_schema = WithParam(url_, "schema", "app Schema");
  auto missing = Connect(in_schema, options_);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), "P1003");
  ConnectOptions create = options_;
  create.create_if_missing = true;
  auto made = Connect(in_schema, create);
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  Connection& c = **made;
  EXPECT_NE(c.Describe().find("schema \"app Schema\""), std::string::npos);
  ASSERT_TRUE(c.ExecuteScript("CREATE TABLE t (id INT)").ok());
  auto r = c.Query(
      "SELECT table_schema FROM information_schema.tables WHERE table_name = "
      "'t'",
      {});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->rows.size(), 1u);
  EXPECT_EQ(r->rows[0][0].AsText(), "app Schema");
  ASSERT_TRUE(c.DropAllObjects().ok());
  EXPECT_TRUE(Tables(c).empty());
  EXPECT_TRUE(Connect(in_schema, options_).ok());  // the schema stays
}

const ServerCase kMysql{Dialect::kMysql, "AIRLOCK_TEST_MYSQL_URL"};
const ServerCase kPostgres{Dialect::kPostgres, "AIRLOCK_TEST_POSTGRES_URL"};

std::string CaseName(const ::testing::TestParamInfo<ServerCase>& info) {
  return info.param.dialect == Dialect::kMysql ? "mariadb" : "postgresql";
}

INSTANTIATE_TEST_SUITE_P(Mysql, ServerTest, ::testing::Values(kMysql),
                         CaseName);
INSTANTIATE_TEST_SUITE_P(Postgres, ServerTest, ::testing::Values(kPostgres),
                         CaseName);
INSTANTIATE_TEST_SUITE_P(Postgres, PostgresTest, ::testing::Values(kPostgres),
                         CaseName);

}  // namespace
}  // namespace airlock::db
