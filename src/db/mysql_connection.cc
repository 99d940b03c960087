#include "db/mysql_connection.h"

#include <errmsg.h>
#include <fmt/format.h>
#include <mysql.h>
#include <mysqld_error.h>
// After mysql.h, which it needs.
#include <ma_pvio.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "db/messages.h"
#include "db/mysql_api.h"
#include "db/server_options.h"
#include "db/sql_split.h"

namespace airlock::db {
namespace {

// The content of one LOAD DATA LOCAL INFILE, handed out by the handler
// below; requests while none is armed (`data` null) are refused.
struct InfileSource {
  const char* data = nullptr;
  size_t size = 0;
  size_t pos = 0;
};

int InfileInit(void** ptr, const char*, void* userdata) {
  auto* src = static_cast<InfileSource*>(userdata);
  *ptr = src;
  if (src == nullptr || src->data == nullptr) return 1;
  src->pos = 0;
  return 0;
}

int InfileRead(void* ptr, char* buf, unsigned int len) {
  auto* src = static_cast<InfileSource*>(ptr);
  size_t n = std::min<size_t>(len, src->size - src->pos);
  std::memcpy(buf, src->data + src->pos, n);
  src->pos += n;
  return static_cast<int>(n);
}

void InfileEnd(void*) {}

int InfileError(void*, char* msg, unsigned int len) {
  std::snprintf(msg, len, "%s", "airlock sends no local files");
  return CR_UNKNOWN_ERROR;
}

void InstallInfileHandler(MYSQL* m, void* source) {
  mysql_set_local_infile_handler(m, InfileInit, InfileRead, InfileEnd,
                                 InfileError, source);
}

constexpr unsigned kBinaryCharset = 63;

struct Target {
  std::string host;  // host name, or the socket path
  std::string port;  // empty for a socket
  bool socket = false;
};

Target TargetOf(const DatabaseUrl& url) {
  Target t;
  std::string sock = url.Param("socket").value_or("");
  if (sock.empty()) {
    std::string h = url.Param("host").value_or("");
    if (h.starts_with("/")) sock = h;
  }
  if (!sock.empty()) {
    t.host = sock;
    t.socket = true;
  } else {
    t.host = url.host.empty() ? "localhost" : url.host;
    t.port = fmt::format("{}", url.PortOrDefault());
  }
  return t;
}

std::string Fmt(const char* pattern, const DatabaseUrl& url, const Target& t,
                std::string_view why, int seconds = 0) {
  return fmt::format(fmt::runtime(pattern), fmt::arg("host", t.host),
                     fmt::arg("port", t.port), fmt::arg("user", url.user),
                     fmt::arg("db", url.database), fmt::arg("why", why),
                     fmt::arg("seconds", seconds), fmt::arg("schema", ""));
}

// A Status for a failed mysql_real_connect.
Status ConnectError(MYSQL* m, const DatabaseUrl& url, const Target& t,
                    int timeout_s) {
  unsigned err = mysql_errno(m);
  std::string why = MaskPassword(mysql_error(m), url.password);
  switch (err) {
    case ER_ACCESS_DENIED_ERROR:
    case ER_ACCESS_DENIED_NO_PASSWORD_ERROR:
    case ER_HOST_NOT_PRIVILEGED:
      return Status::Error("P1000", Fmt(msg::kAuthFailed, url, t, why));
    case ER_DBACCESS_DENIED_ERROR:
      return Status::Error("P1010", Fmt(msg::kAccessDenied, url, t, why));
    case ER_BAD_DB_ERROR:
      return Status::Error("P1003", Fmt(msg::kDatabaseMissing, url, t, why));
    case CR_SSL_CONNECTION_ERROR:
      return Status::Error("P1011", Fmt(msg::kTlsFailed, url, t, why));
    default:
      break;
  }
  bool timed_out = why.find("imeout") != std::string::npos ||
                   why.find("timed out") != std::string::npos ||
                   err == CR_SERVER_LOST;
  if (timed_out) {
    return Status::Error("P1002",
                         Fmt(msg::kServerTimeout, url, t, why, timeout_s));
  }
  if (err == CR_CONNECTION_ERROR || err == CR_CONN_HOST_ERROR ||
      err == CR_UNKNOWN_HOST || err == CR_SERVER_GONE_ERROR) {
    return Status::Error("P1001", Fmt(msg::kServerUnreachable, url, t, why));
  }
  if (why.find("SSL") != std::string::npos ||
      why.find("TLS") != std::string::npos) {
    return Status::Error("P1011", Fmt(msg::kTlsFailed, url, t, why));
  }
  return Status::Error("P1001", Fmt(msg::kConnectFailed, url, t, why));
}

// Opens a raw handle; `database` may be empty (server-level work).
Result<MYSQL*> RawConnect(const DatabaseUrl& url, const ConnectOptions& options,
                          const std::string& database) {
  AIRLOCK_RETURN_IF_ERROR(LoadMysqlApi());
  AIRLOCK_ASSIGN_OR_RETURN(int timeout, ConnectTimeoutSeconds(url));
  Target t = TargetOf(url);
  if (url.Param("sslidentity")) {
    return Status::Error("P1013",
                         fmt::format(fmt::runtime(msg::kTlsIdentityUnsupported),
                                     fmt::arg("driver", "MySQL")));
  }
  MYSQL* m = mysql_init(nullptr);
  if (m == nullptr) return Status::Error("out of memory (mysql_init)");
  unsigned int u_timeout = static_cast<unsigned>(timeout);
  if (timeout > 0) {
    mysql_optionsv(m, MYSQL_OPT_CONNECT_TIMEOUT, &u_timeout);
    // The handshake is a read: bound it too; reset after connecting.
    mysql_optionsv(m, MYSQL_OPT_READ_TIMEOUT, &u_timeout);
    mysql_optionsv(m, MYSQL_OPT_WRITE_TIMEOUT, &u_timeout);
  }
  mysql_optionsv(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  // LOCAL INFILE is enabled for LoadLocalData only: the handler installed
  // here refuses every request, MysqlConnection's sends its own buffer and
  // never opens the file the server names.
  unsigned int local_infile = 1;
  mysql_optionsv(m, MYSQL_OPT_LOCAL_INFILE, &local_infile);
  InstallInfileHandler(m, nullptr);
  unsigned protocol = t.socket ? MYSQL_PROTOCOL_SOCKET : MYSQL_PROTOCOL_TCP;
  mysql_optionsv(m, MYSQL_OPT_PROTOCOL, &protocol);

  // TLS: any ssl* parameter turns it on (Prisma's parameters, plus PEM parts).
  std::string ca = ParamPath(url, "sslcert", options.base_dir);
  std::string cert = ParamPath(url, "sslclientcert", options.base_dir);
  std::string key = ParamPath(url, "sslkey", options.base_dir);
  auto accept = url.Param("sslaccept");
  auto ssl_password = url.Param("sslpassword");
  if (accept && *accept != "strict" && *accept != "accept_invalid_certs") {
    mysql_close(m);
    return BadParam("sslaccept", *accept, "`strict` or `accept_invalid_certs`");
  }
  if (!ca.empty() || !cert.empty() || !key.empty() || accept) {
    my_bool on = 1;
    mysql_optionsv(m, MYSQL_OPT_SSL_ENFORCE, &on);
    my_bool verify = accept && *accept == "strict";
    mysql_optionsv(m, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &verify);
    if (!ca.empty()) mysql_optionsv(m, MYSQL_OPT_SSL_CA, ca.c_str());
    if (!cert.empty()) mysql_optionsv(m, MYSQL_OPT_SSL_CERT, cert.c_str());
    if (!key.empty()) mysql_optionsv(m, MYSQL_OPT_SSL_KEY, key.c_str());
    if (ssl_password) {
      mysql_optionsv(m, MARIADB_OPT_TLS_PASSPHRASE, ssl_password->c_str());
    }
  }

  const char* host = t.socket ? "localhost" : t.host.c_str();
  const char* sock = t.socket ? t.host.c_str() : nullptr;
  unsigned port = t.socket ? 0 : static_cast<unsigned>(url.PortOrDefault());
  if (!mysql_real_connect(m, host, url.user.c_str(), url.password.c_str(),
                          database.empty() ? nullptr : database.c_str(), port,
                          sock, CLIENT_MULTI_STATEMENTS | CLIENT_FOUND_ROWS)) {
    Status st = ConnectError(m, url, t, timeout);
    mysql_close(m);
    return st;
  }
  // Statements may run long (migrations): only socket_timeout bounds them.
  unsigned int io_timeout = 0;
  if (auto st = url.Param("socket_timeout")) {
    int v = std::atoi(st->c_str());
    if (v > 0) io_timeout = static_cast<unsigned>(v);
  }
  mysql_optionsv(m, MYSQL_OPT_READ_TIMEOUT, &io_timeout);
  mysql_optionsv(m, MYSQL_OPT_WRITE_TIMEOUT, &io_timeout);
  // Connector/C applies those options only when connecting: change the live
  // socket's timeouts too (0 = none), or every statement longer than the
  // connect timeout would fail with "Lost connection to server".
  if (m->net.pvio != nullptr && m->net.pvio->methods != nullptr &&
      m->net.pvio->methods->set_timeout != nullptr) {
    m->net.pvio->methods->set_timeout(m->net.pvio, PVIO_READ_TIMEOUT,
                                      static_cast<int>(io_timeout));
    m->net.pvio->methods->set_timeout(m->net.pvio, PVIO_WRITE_TIMEOUT,
                                      static_cast<int>(io_timeout));
  }
  return m;
}

std::string Quote(std::string_view name) {
  std::string out = "`";
  for (char c : name) {
    if (c == '`') out += '`';
    out += c;
  }
  return out + "`";
}

class MysqlConnection : public Connection, public MysqlLocalInfile {
 public:
  MysqlConnection(MYSQL* m, DatabaseUrl url) : m_(m), url_(std::move(url)) {
    InstallInfileHandler(m_, &infile_);
  }
  ~MysqlConnection() override { mysql_close(m_); }

  Dialect dialect() const override { return Dialect::kMysql; }

  Status ExecuteScript(std::string_view sql) override {
    std::vector<SqlStatement> statements =
        SplitSqlStatements(sql, Dialect::kMysql);
    if (statements.empty()) return Status::Ok();
    int index = 0;
    if (mysql_real_query(m_, sql.data(), sql.size()) != 0) {
      return Fail(index, statements);
    }
    while (true) {
      MYSQL_RES* res = mysql_store_result(m_);
      if (res != nullptr) {
        mysql_free_result(res);
      } else if (mysql_field_count(m_) != 0) {
        return Fail(index, statements);
      }
      ++index;
      int next = mysql_next_result(m_);
      if (next < 0) break;
      if (next > 0) return Fail(index, statements);
    }
    return Status::Ok();
  }

  Result<int64_t> Execute(std::string_view sql,
                          const std::vector<Value>& params) override {
    AIRLOCK_ASSIGN_OR_RETURN(std::string text, Bind(sql, params));
    if (mysql_real_query(m_, text.data(), text.size()) != 0) {
      return Fail(text);
    }
    int64_t affected = 0;
    do {
      MYSQL_RES* res = mysql_store_result(m_);
      if (res != nullptr) {
        mysql_free_result(res);
      } else if (mysql_field_count(m_) != 0) {
        return Fail(text);
      } else {
        affected += static_cast<int64_t>(mysql_affected_rows(m_));
      }
    } while (mysql_next_result(m_) == 0);
    if (mysql_errno(m_) != 0) return Fail(text);
    return affected;
  }

  Result<int64_t> LoadLocalData(std::string_view sql,
                                std::string_view data) override {
    infile_ = {data.data() == nullptr ? "" : data.data(), data.size(), 0};
    int rc = mysql_real_query(m_, sql.data(), sql.size());
    infile_ = {};
    if (rc != 0) return Fail(sql);
    int64_t affected = static_cast<int64_t>(mysql_affected_rows(m_));
    while (mysql_next_result(m_) == 0) {
    }
    if (mysql_errno(m_) != 0) return Fail(sql);
    return affected;
  }

  Result<Rows> Query(std::string_view sql,
                     const std::vector<Value>& params) override {
    AIRLOCK_ASSIGN_OR_RETURN(std::string text, Bind(sql, params));
    if (mysql_real_query(m_, text.data(), text.size()) != 0) {
      return Fail(text);
    }
    MYSQL_RES* res = mysql_store_result(m_);
    if (res == nullptr && mysql_field_count(m_) != 0) return Fail(text);
    Rows rows;
    if (res != nullptr) {
      unsigned n = mysql_num_fields(res);
      MYSQL_FIELD* fields = mysql_fetch_fields(res);
      for (unsigned i = 0; i < n; ++i) rows.columns.push_back(fields[i].name);
      while (MYSQL_ROW r = mysql_fetch_row(res)) {
        unsigned long* lengths = mysql_fetch_lengths(res);
        Row row;
        row.reserve(n);
        for (unsigned i = 0; i < n; ++i) {
          row.push_back(ToValue(fields[i], r[i], lengths[i]));
        }
        rows.rows.push_back(std::move(row));
      }
      mysql_free_result(res);
    }
    // Drain further result sets of a multi-statement query.
    while (mysql_next_result(m_) == 0) {
      if (MYSQL_RES* more = mysql_store_result(m_)) mysql_free_result(more);
    }
    if (mysql_errno(m_) != 0) return Fail(text);
    return rows;
  }

  // Streams rows with mysql_use_result: the client holds one row at a time.
  Status QueryStream(std::string_view sql, const std::vector<Value>& params,
                     const RowCallback& on_row) override {
    AIRLOCK_ASSIGN_OR_RETURN(std::string text, Bind(sql, params));
    if (mysql_real_query(m_, text.data(), text.size()) != 0) {
      return Fail(text);
    }
    MYSQL_RES* res = mysql_use_result(m_);
    if (res == nullptr) {
      if (mysql_field_count(m_) != 0) return Fail(text);
      return Status::Ok();
    }
    unsigned n = mysql_num_fields(res);
    MYSQL_FIELD* fields = mysql_fetch_fields(res);
    std::vector<FieldView> views(n);
    Status st;
    while (MYSQL_ROW r = mysql_fetch_row(res)) {
      unsigned long* lengths = mysql_fetch_lengths(res);
      for (unsigned i = 0; i < n; ++i) {
        FieldView& f = views[i];
        f.int_value = 0;
        f.real_value = 0;
        if (r[i] == nullptr) {
          f.kind = Value::Kind::kNull;
          f.bytes = {};
          continue;
        }
        f.bytes = std::string_view(r[i], lengths[i]);
        f.kind = FieldKind(fields[i]);
      }
      st = on_row(views);
      if (!st.ok()) break;
    }
    // An error while fetching (server gone, killed query) ends the loop too.
    bool fetch_failed = st.ok() && mysql_errno(m_) != 0;
    Status fetch_error = fetch_failed ? Fail(text) : Status::Ok();
    mysql_free_result(res);
    while (mysql_next_result(m_) == 0) {
      if (MYSQL_RES* more = mysql_store_result(m_)) mysql_free_result(more);
    }
    if (!st.ok()) return st;
    return fetch_error;
  }

  Status Begin() override {
    if (InTransaction()) {
      return Status::Error("P2010",
                           fmt::format(msg::kInTransaction, Describe()));
    }
    return Exec("START TRANSACTION");
  }
  Status Commit() override { return Exec("COMMIT"); }
  Status Rollback() override {
    if (!InTransaction()) return Status::Ok();
    return Exec("ROLLBACK");
  }

  Status AcquireMigrationLock(std::chrono::milliseconds timeout) override {
    int64_t seconds = (timeout.count() + 999) / 1000;
    AIRLOCK_ASSIGN_OR_RETURN(
        Rows r,
        Query(fmt::format("SELECT GET_LOCK('prisma_migrate', {})", seconds),
              {}));
    const Value& v = r.rows.at(0).at(0);
    if (v.is_null()) {
      return Status::Error("P1002",
                           fmt::format(msg::kMysqlLockFailed, Describe()));
    }
    if (v.AsInt() != 1) {
      return Status::Error(
          "P1002", fmt::format(msg::kLockTimeout, timeout.count(), Describe()));
    }
    return Status::Ok();
  }

  Status ReleaseMigrationLock() override {
    AIRLOCK_ASSIGN_OR_RETURN(
        Rows r, Query("SELECT RELEASE_LOCK('prisma_migrate')", {}));
    if (r.rows.at(0).at(0).AsInt() != 1) {
      return Status::Error("P2010", fmt::format(msg::kLockNotHeld, Describe()));
    }
    return Status::Ok();
  }

  Status DropAllObjects() override {
    AIRLOCK_ASSIGN_OR_RETURN(
        Rows tables,
        Query("SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES "
              "WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_TYPE = 'VIEW' "
              "DESC, TABLE_NAME",
              {}));
    AIRLOCK_ASSIGN_OR_RETURN(
        Rows routines,
        Query("SELECT ROUTINE_NAME, ROUTINE_TYPE FROM "
              "information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()",
              {}));
    AIRLOCK_ASSIGN_OR_RETURN(
        Rows events, Query("SELECT EVENT_NAME FROM information_schema.EVENTS "
                           "WHERE EVENT_SCHEMA = DATABASE()",
                           {}));
    std::string script = "SET FOREIGN_KEY_CHECKS = 0;\n";
    for (const Row& row : tables.rows) {
      std::string type = row[1].AsText();
      const char* kind = type == "VIEW"       ? "VIEW"
                         : type == "SEQUENCE" ? "SEQUENCE"
                                              : "TABLE";
      script +=
          fmt::format("DROP {} IF EXISTS {};\n", kind, Quote(row[0].AsText()));
    }
    for (const Row& row : routines.rows) {
      script +=
          fmt::format("DROP {} IF EXISTS {};\n",
                      row[1].AsText() == "FUNCTION" ? "FUNCTION" : "PROCEDURE",
                      Quote(row[0].AsText()));
    }
    for (const Row& row : events.rows) {
      script +=
          fmt::format("DROP EVENT IF EXISTS {};\n", Quote(row[0].AsText()));
    }
    Status st = ExecuteScript(script);
    Status restore = Exec("SET FOREIGN_KEY_CHECKS = 1");
    AIRLOCK_RETURN_IF_ERROR(st);
    return restore;
  }

  std::string QuoteIdentifier(std::string_view name) const override {
    return Quote(name);
  }

  std::string Describe() const override {
    Target t = TargetOf(url_);
    return fmt::format("MySQL database \"{}\" at \"{}{}{}\"", url_.database,
                       t.host, t.socket ? "" : ":", t.port);
  }

 private:
  bool InTransaction() {
    unsigned int status = 0;
    mariadb_get_infov(m_, MARIADB_CONNECTION_SERVER_STATUS, &status);
    return (status & SERVER_STATUS_IN_TRANS) != 0;
  }

  Status Exec(std::string_view sql) {
    auto r = Execute(sql, {});
    return r.ok() ? Status::Ok() : r.status();
  }

  // `sql` with its `?` placeholders replaced by quoted literals.
  Result<std::string> Bind(std::string_view sql,
                           const std::vector<Value>& params) {
    if (params.empty()) return std::string(sql);
    std::vector<size_t> marks = FindPlaceholders(sql, Dialect::kMysql);
    if (marks.size() != params.size()) {
      return Status::Error(
          "P2010", fmt::format(msg::kParamCount, marks.size(), params.size()));
    }
    std::string out;
    size_t prev = 0;
    for (size_t i = 0; i < marks.size(); ++i) {
      out.append(sql.substr(prev, marks[i] - prev));
      out += Literal(params[i]);
      prev = marks[i] + 1;
    }
    out.append(sql.substr(prev));
    return out;
  }

  std::string Literal(const Value& v) {
    switch (v.kind()) {
      case Value::Kind::kNull:
        return "NULL";
      case Value::Kind::kInt:
        return v.AsText();
      case Value::Kind::kReal: {
        double d = v.AsDouble();
        if (!std::isfinite(d)) return "NULL";
        return fmt::format("{}", d);
      }
      case Value::Kind::kText: {
        std::string t = v.AsText();
        std::string buf(t.size() * 2 + 1, '\0');
        unsigned long n =
            mysql_real_escape_string(m_, buf.data(), t.data(), t.size());
        buf.resize(n);
        return "'" + buf + "'";
      }
      case Value::Kind::kBlob: {
        std::string t = v.AsText();
        if (t.empty()) return "X''";
        std::string out = "X'";
        for (unsigned char c : t) out += fmt::format("{:02x}", c);
        return out + "'";
      }
    }
    return "NULL";
  }

  // The Value kind of a streamed field: text for everything but binary
  // strings, BIT and GEOMETRY (blobs); numbers stay text (exact).
  static Value::Kind FieldKind(const MYSQL_FIELD& f) {
    switch (f.type) {
      case MYSQL_TYPE_BIT:
      case MYSQL_TYPE_GEOMETRY:
        return Value::Kind::kBlob;
      case MYSQL_TYPE_TINY_BLOB:
      case MYSQL_TYPE_MEDIUM_BLOB:
      case MYSQL_TYPE_LONG_BLOB:
      case MYSQL_TYPE_BLOB:
      case MYSQL_TYPE_STRING:
      case MYSQL_TYPE_VAR_STRING:
        return f.charsetnr == kBinaryCharset ? Value::Kind::kBlob
                                             : Value::Kind::kText;
      default:
        return Value::Kind::kText;
    }
  }

  static Value ToValue(const MYSQL_FIELD& f, const char* data,
                       unsigned long len) {
    if (data == nullptr) return Value::Null();
    std::string s(data, len);
    switch (f.type) {
      case MYSQL_TYPE_TINY:
      case MYSQL_TYPE_SHORT:
      case MYSQL_TYPE_INT24:
      case MYSQL_TYPE_LONG:
      case MYSQL_TYPE_LONGLONG:
      case MYSQL_TYPE_YEAR: {
        Value t = Value::Text(s);
        if (auto i = t.AsInt()) return Value::Int(*i);
        return t;  // unsigned beyond int64
      }
      case MYSQL_TYPE_FLOAT:
      case MYSQL_TYPE_DOUBLE:
        return Value::Real(std::strtod(s.c_str(), nullptr));
      case MYSQL_TYPE_BIT:
      case MYSQL_TYPE_GEOMETRY:
        return Value::Blob(std::move(s));
      case MYSQL_TYPE_TINY_BLOB:
      case MYSQL_TYPE_MEDIUM_BLOB:
      case MYSQL_TYPE_LONG_BLOB:
      case MYSQL_TYPE_BLOB:
      case MYSQL_TYPE_STRING:
      case MYSQL_TYPE_VAR_STRING:
        if (f.charsetnr == kBinaryCharset) return Value::Blob(std::move(s));
        return Value::Text(std::move(s));
      default:
        return Value::Text(std::move(s));
    }
  }

  Status Record(std::optional<int> index, std::string statement) {
    last_error_.code = fmt::format("{}", mysql_errno(m_));
    last_error_.message = MaskPassword(mysql_error(m_), url_.password);
    last_error_.statement_index = index;
    last_error_.statement = std::move(statement);
    unsigned err = mysql_errno(m_);
    if (err == CR_SERVER_GONE_ERROR || err == CR_SERVER_LOST) {
      return Status::Error("P1017", "Server has closed the connection. (" +
                                        last_error_.message + ")");
    }
    return Status::Error("P2010", last_error_.message);
  }

  Status Fail(std::string_view statement) {
    return Record(std::nullopt, std::string(statement));
  }

  Status Fail(int index, const std::vector<SqlStatement>& statements) {
    std::string text = index < static_cast<int>(statements.size())
                           ? statements[index].text
                           : "";
    return Record(index, std::move(text));
  }

  MYSQL* m_;
  DatabaseUrl url_;
  InfileSource infile_;
};

Status NeedDatabaseName(const DatabaseUrl& url) {
  if (url.database.empty()) {
    return Status::Error("P1013", msg::kNoDatabaseName);
  }
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<Connection>> OpenMysql(const DatabaseUrl& url,
                                              const ConnectOptions& options) {
  auto m = RawConnect(url, options, url.database);
  if (!m.ok() && m.status().code() == "P1003" && options.create_if_missing) {
    // P1009: a concurrent process (another deploy) created it meanwhile.
    Status created = CreateMysqlDatabase(url, options);
    if (!created.ok() && created.code() != "P1009") return created;
    m = RawConnect(url, options, url.database);
  }
  if (!m.ok()) return m.status();
  return std::unique_ptr<Connection>(
      std::make_unique<MysqlConnection>(*m, url));
}

Status CreateMysqlDatabase(const DatabaseUrl& url,
                           const ConnectOptions& options) {
  AIRLOCK_RETURN_IF_ERROR(NeedDatabaseName(url));
  AIRLOCK_ASSIGN_OR_RETURN(MYSQL * m, RawConnect(url, options, ""));
  MysqlConnection conn(m, url);
  auto r = conn.Execute(
      fmt::format("CREATE DATABASE {} CHARACTER SET utf8mb4 COLLATE "
                  "utf8mb4_unicode_ci",
                  Quote(url.database)),
      {});
  if (r.ok()) return Status::Ok();
  const std::string& code = conn.last_error().code;
  std::string text = fmt::format(msg::kCreateDatabaseFailed, url.database,
                                 conn.Describe(), r.status().message());
  if (code == fmt::format("{}", ER_DB_CREATE_EXISTS)) {
    return Status::Error("P1009", text);
  }
  if (code == fmt::format("{}", ER_DBACCESS_DENIED_ERROR) ||
      code == fmt::format("{}", ER_SPECIFIC_ACCESS_DENIED_ERROR)) {
    return Status::Error("P1010", text);
  }
  return Status::Error("P2010", text);
}

Status DropMysqlDatabase(const DatabaseUrl& url,
                         const ConnectOptions& options) {
  AIRLOCK_RETURN_IF_ERROR(NeedDatabaseName(url));
  AIRLOCK_ASSIGN_OR_RETURN(MYSQL * m, RawConnect(url, options, ""));
  MysqlConnection conn(m, url);
  auto r = conn.Execute(
      fmt::format("DROP DATABASE IF EXISTS {}", Quote(url.database)), {});
  if (r.ok()) return Status::Ok();
  return Status::Error(r.status().code(),
                       fmt::format(msg::kDropDatabaseFailed, url.database,
                                   conn.Describe(), r.status().message()));
}

}  // namespace airlock::db
