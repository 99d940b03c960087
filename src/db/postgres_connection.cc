#include "db/postgres_connection.h"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <cmath>

#include "db/messages.h"
#include "db/pq_api.h"
#include "db/server_options.h"
#include "db/sql_split.h"

namespace airlock::db {
namespace {

// The key Prisma uses for its migration advisory lock.
constexpr int64_t kAdvisoryLockKey = 72707369;

// Type OIDs (pg_type.h).
constexpr Oid kBoolOid = 16, kByteaOid = 17, kInt8Oid = 20, kInt2Oid = 21,
              kInt4Oid = 23, kOidOid = 26, kFloat4Oid = 700, kFloat8Oid = 701;

struct Target {
  std::string host;  // host name or socket folder
  std::string port;
};

Target TargetOf(const DatabaseUrl& url) {
  std::string h = url.Param("host").value_or("");
  if (h.empty()) h = url.host.empty() ? "localhost" : url.host;
  return {h, fmt::format("{}", url.PortOrDefault())};
}

std::string SchemaOf(const DatabaseUrl& url) {
  std::string s = url.Param("schema").value_or("");
  return s.empty() ? "public" : s;
}

std::string Fmt(const char* pattern, const DatabaseUrl& url, const Target& t,
                std::string_view why, int seconds = 0) {
  return fmt::format(fmt::runtime(pattern), fmt::arg("host", t.host),
                     fmt::arg("port", t.port), fmt::arg("user", url.user),
                     fmt::arg("db", url.database), fmt::arg("why", why),
                     fmt::arg("seconds", seconds),
                     fmt::arg("schema", SchemaOf(url)));
}

std::string TrimMessage(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

bool Contains(const std::string& s, std::string_view part) {
  return s.find(part) != std::string::npos;
}

// A Status for a failed connection, from libpq's message (it has no SQLSTATE).
Status ConnectError(const std::string& why, const DatabaseUrl& url,
                    const Target& t, int timeout_s, const std::string& db) {
  DatabaseUrl named = url;
  named.database = db;
  if (Contains(why, "password authentication failed") ||
      Contains(why, "no password supplied") ||
      Contains(why, "authentication failed for user") ||
      Contains(why, "no pg_hba.conf entry")) {
    return Status::Error("P1000", Fmt(msg::kAuthFailed, named, t, why));
  }
  if (Contains(why, "does not exist") && Contains(why, "database")) {
    return Status::Error("P1003", Fmt(msg::kDatabaseMissing, named, t, why));
  }
  if (Contains(why, "permission denied for database")) {
    return Status::Error("P1010", Fmt(msg::kAccessDenied, named, t, why));
  }
  if (Contains(why, "timeout expired")) {
    return Status::Error("P1002",
                         Fmt(msg::kServerTimeout, named, t, why, timeout_s));
  }
  if (Contains(why, "SSL") || Contains(why, "certificate")) {
    return Status::Error("P1011", Fmt(msg::kTlsFailed, named, t, why));
  }
  if (Contains(why, "Connection refused") ||
      Contains(why, "could not translate host name") ||
      Contains(why, "No such file or directory") ||
      Contains(why, "Network is unreachable") ||
      Contains(why, "could not connect")) {
    return Status::Error("P1001", Fmt(msg::kServerUnreachable, named, t, why));
  }
  return Status::Error("P1001", Fmt(msg::kConnectFailed, named, t, why));
}

void IgnoreNotice(void*, const char*) {}

// Opens a raw connection to database `db`.
Result<PGconn*> RawConnect(const DatabaseUrl& url,
                           const ConnectOptions& options,
                           const std::string& db) {
  AIRLOCK_RETURN_IF_ERROR(LoadPqApi());
  AIRLOCK_ASSIGN_OR_RETURN(int timeout, ConnectTimeoutSeconds(url));
  Target t = TargetOf(url);
  if (url.Param("sslidentity")) {
    return Status::Error("P1013",
                         fmt::format(fmt::runtime(msg::kTlsIdentityUnsupported),
                                     fmt::arg("driver", "PostgreSQL")));
  }
  std::vector<std::pair<std::string, std::string>> kv = {
      {"host", t.host},
      {"port", t.port},
      {"dbname", db},
      {"client_encoding", "UTF8"},
      {"application_name", url.Param("application_name").value_or("airlock")},
      // Never read ~/.pgpass, service files or PG* variables for secrets.
      {"passfile", "/dev/null"},
  };
  if (!url.user.empty()) kv.emplace_back("user", url.user);
  if (!url.password.empty()) kv.emplace_back("password", url.password);
  if (timeout > 0) {
    // libpq waits at least 2 s.
    kv.emplace_back("connect_timeout", fmt::format("{}", std::max(timeout, 2)));
  }
  if (auto o = url.Param("options")) kv.emplace_back("options", *o);

  std::string mode = url.Param("sslmode").value_or("prefer");
  if (mode != "disable" && mode != "allow" && mode != "prefer" &&
      mode != "require" && mode != "verify-ca" && mode != "verify-full") {
    return BadParam("sslmode", mode,
                    "`disable`, `prefer` or `require` (or libpq's `allow`, "
                    "`verify-ca`, `verify-full`)");
  }
  auto accept = url.Param("sslaccept");
  if (accept && *accept != "strict" && *accept != "accept_invalid_certs") {
    return BadParam("sslaccept", *accept, "`strict` or `accept_invalid_certs`");
  }
  std::string ca = ParamPath(url, "sslcert", options.base_dir);
  if (ca.empty()) ca = ParamPath(url, "sslrootcert", options.base_dir);
  // Prisma: strict checks the certificate chain and the host name.
  if (accept && *accept == "strict" &&
      (mode == "require" || mode == "prefer")) {
    mode = "verify-full";
  }
  kv.emplace_back("sslmode", mode);
  if (!ca.empty()) kv.emplace_back("sslrootcert", ca);
  std::string cert = ParamPath(url, "sslclientcert", options.base_dir);
  std::string key = ParamPath(url, "sslkey", options.base_dir);
  if (!cert.empty()) kv.emplace_back("sslcert", cert);
  if (!key.empty()) kv.emplace_back("sslkey", key);
  if (auto p = url.Param("sslpassword")) kv.emplace_back("sslpassword", *p);

  std::vector<const char*> keys, values;
  for (const auto& [k, v] : kv) {
    keys.push_back(k.c_str());
    values.push_back(v.c_str());
  }
  keys.push_back(nullptr);
  values.push_back(nullptr);
  PGconn* c = PQconnectdbParams(keys.data(), values.data(), 0);
  if (c == nullptr) return Status::Error("out of memory (PQconnectdbParams)");
  if (PQstatus(c) != CONNECTION_OK) {
    std::string why =
        MaskPassword(TrimMessage(PQerrorMessage(c)), url.password);
    PQfinish(c);
    return ConnectError(why, url, t, timeout, db);
  }
  PQsetNoticeProcessor(c, IgnoreNotice, nullptr);
  return c;
}

std::string Quote(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// Decodes bytea's hex output (\x0a1b…).
std::string DecodeBytea(std::string_view s) {
  if (!s.starts_with("\\x")) return std::string(s);
  std::string out;
  auto hex = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
  for (size_t i = 2; i + 1 < s.size(); i += 2) {
    out.push_back(static_cast<char>(hex(s[i]) * 16 + hex(s[i + 1])));
  }
  return out;
}

class PostgresConnection : public Connection {
 public:
  PostgresConnection(PGconn* c, DatabaseUrl url)
      : c_(c), url_(std::move(url)) {}
  ~PostgresConnection() override { PQfinish(c_); }

  Dialect dialect() const override { return Dialect::kPostgres; }

  Status ExecuteScript(std::string_view sql) override {
    std::vector<SqlStatement> statements =
        SplitSqlStatements(sql, Dialect::kPostgres);
    if (statements.empty()) return Status::Ok();
    // One statement runs as it is; several run in one transaction like a
    // multi-statement query. A COMMIT/ROLLBACK in the script ends it, and
    // the statements after it start the next one.
    bool wrap = statements.size() > 1;
    bool opened = false;
    for (size_t i = 0; i < statements.size(); ++i) {
      if (wrap && PQtransactionStatus(c_) == PQTRANS_IDLE) {
        AIRLOCK_RETURN_IF_ERROR(Exec("BEGIN"));
        opened = true;
      }
      PGresult* res = PQexec(c_, statements[i].text.c_str());
      if (!Succeeded(res)) {
        Status st = Record(res, static_cast<int>(i), statements[i].text);
        PQclear(res);
        if (opened) Exec("ROLLBACK");
        return st;
      }
      PQclear(res);
    }
    if (opened && PQtransactionStatus(c_) == PQTRANS_INTRANS) {
      return Exec("COMMIT");
    }
    return Status::Ok();
  }

  Result<int64_t> Execute(std::string_view sql,
                          const std::vector<Value>& params) override {
    PGresult* res = Run(sql, params);
    if (!Succeeded(res)) {
      Status st = Record(res, std::nullopt, std::string(sql));
      PQclear(res);
      return st;
    }
    const char* n = PQcmdTuples(res);
    int64_t affected = (n && *n) ? std::atoll(n) : 0;
    PQclear(res);
    return affected;
  }

  Result<Rows> Query(std::string_view sql,
                     const std::vector<Value>& params) override {
    PGresult* res = Run(sql, params);
    if (!Succeeded(res)) {
      Status st = Record(res, std::nullopt, std::string(sql));
      PQclear(res);
      return st;
    }
    Rows rows;
    int nf = PQnfields(res), nt = PQntuples(res);
    for (int i = 0; i < nf; ++i) rows.columns.push_back(PQfname(res, i));
    rows.rows.reserve(nt);
    for (int r = 0; r < nt; ++r) {
      Row row;
      row.reserve(nf);
      for (int i = 0; i < nf; ++i) {
        if (PQgetisnull(res, r, i)) {
          row.push_back(Value::Null());
          continue;
        }
        std::string v(PQgetvalue(res, r, i), PQgetlength(res, r, i));
        switch (PQftype(res, i)) {
          case kInt2Oid:
          case kInt4Oid:
          case kInt8Oid:
          case kOidOid: {
            Value t = Value::Text(v);
            row.push_back(t.AsInt() ? Value::Int(*t.AsInt()) : t);
            break;
          }
          case kFloat4Oid:
          case kFloat8Oid:
            row.push_back(Value::Real(std::strtod(v.c_str(), nullptr)));
            break;
          case kByteaOid:
            row.push_back(Value::Blob(DecodeBytea(v)));
            break;
          case kBoolOid:
            row.push_back(Value::Text(v == "t" ? "true" : "false"));
            break;
          default:
            row.push_back(Value::Text(std::move(v)));
        }
      }
      rows.rows.push_back(std::move(row));
    }
    PQclear(res);
    return rows;
  }

  // Streams rows in libpq's single-row mode: one row in memory at a time.
  Status QueryStream(std::string_view sql, const std::vector<Value>& params,
                     const RowCallback& on_row) override {
    std::string text(sql);
    std::vector<std::string> storage(params.size());
    std::vector<const char*> values(params.size());
    for (size_t i = 0; i < params.size(); ++i) {
      storage[i] = params[i].AsText();
      values[i] = params[i].is_null() ? nullptr : storage[i].c_str();
    }
    if (!PQsendQueryParams(c_, text.c_str(), static_cast<int>(params.size()),
                           nullptr, values.data(), nullptr, nullptr, 0)) {
      return Record(nullptr, std::nullopt, text);
    }
    PQsetSingleRowMode(c_);
    Status st;
    std::vector<FieldView> views;
    std::vector<std::string> decoded;
    while (PGresult* res = PQgetResult(c_)) {
      ExecStatusType s = PQresultStatus(res);
      if (s == PGRES_SINGLE_TUPLE && st.ok()) {
        int nf = PQnfields(res);
        views.resize(nf);
        decoded.resize(nf);
        for (int i = 0; i < nf; ++i) {
          FieldView& f = views[i];
          if (PQgetisnull(res, 0, i)) {
            f.kind = Value::Kind::kNull;
            f.bytes = {};
            continue;
          }
          f.bytes =
              std::string_view(PQgetvalue(res, 0, i), PQgetlength(res, 0, i));
          f.kind = Value::Kind::kText;
          if (PQftype(res, i) == kByteaOid) {
            decoded[i] = DecodeBytea(f.bytes);
            f.bytes = decoded[i];
            f.kind = Value::Kind::kBlob;
          }
        }
        st = on_row(views);
      } else if (s != PGRES_SINGLE_TUPLE && s != PGRES_TUPLES_OK &&
                 s != PGRES_COMMAND_OK && st.ok()) {
        st = Record(res, std::nullopt, text);
      }
      PQclear(res);
    }
    return st;
  }

  // COPY ... TO STDOUT: calls `on_data` with each block libpq returns.
  Status CopyOut(std::string_view sql,
                 const std::function<Status(std::string_view)>& on_data) {
    std::string text(sql);
    PGresult* res = PQexec(c_, text.c_str());
    if (PQresultStatus(res) != PGRES_COPY_OUT) {
      Status st = Record(res, std::nullopt, text);
      PQclear(res);
      return st;
    }
    PQclear(res);
    Status st;
    char* buf = nullptr;
    int n;
    while ((n = PQgetCopyData(c_, &buf, 0)) > 0) {
      if (st.ok()) st = on_data(std::string_view(buf, n));
      PQfreemem(buf);
    }
    while (PGresult* r = PQgetResult(c_)) {
      if (PQresultStatus(r) != PGRES_COMMAND_OK && st.ok()) {
        st = Record(r, std::nullopt, text);
      }
      PQclear(r);
    }
    if (n == -2 && st.ok()) st = Record(nullptr, std::nullopt, text);
    return st;
  }

  // COPY ... FROM STDIN with `data` (text format, without the `\.` line).
  Status CopyIn(std::string_view sql, std::string_view data) {
    std::string text(sql);
    PGresult* res = PQexec(c_, text.c_str());
    if (PQresultStatus(res) != PGRES_COPY_IN) {
      Status st = Record(res, std::nullopt, text);
      PQclear(res);
      return st;
    }
    PQclear(res);
    constexpr size_t kPiece = 1 << 18;
    bool ok = true;
    for (size_t at = 0; at < data.size() && ok; at += kPiece) {
      size_t len = std::min(kPiece, data.size() - at);
      ok = PQputCopyData(c_, data.data() + at, static_cast<int>(len)) == 1;
    }
    PQputCopyEnd(c_, ok ? nullptr : "client error");
    Status st;
    while (PGresult* r = PQgetResult(c_)) {
      if (PQresultStatus(r) != PGRES_COMMAND_OK && st.ok()) {
        st = Record(r, std::nullopt, text);
      }
      PQclear(r);
    }
    return st;
  }

  Status Begin() override {
    if (PQtransactionStatus(c_) != PQTRANS_IDLE) {
      return Status::Error("P2010",
                           fmt::format(msg::kInTransaction, Describe()));
    }
    return Exec("BEGIN");
  }
  Status Commit() override { return Exec("COMMIT"); }
  Status Rollback() override {
    if (PQtransactionStatus(c_) == PQTRANS_IDLE) return Status::Ok();
    return Exec("ROLLBACK");
  }

  Status AcquireMigrationLock(std::chrono::milliseconds timeout) override {
    // lock_timeout bounds the wait for the advisory lock; the previous value
    // is restored whatever happens.
    AIRLOCK_ASSIGN_OR_RETURN(Rows old, Query("SHOW lock_timeout", {}));
    std::string previous = old.rows.at(0).at(0).AsText();
    AIRLOCK_RETURN_IF_ERROR(
        Query("SELECT set_config('lock_timeout', $1, false)",
              {Value::Text(
                  fmt::format("{}ms", std::max<int64_t>(1, timeout.count())))})
            .status());
    auto locked =
        Query(fmt::format("SELECT pg_advisory_lock({})", kAdvisoryLockKey), {});
    DbError lock_error = last_error_;
    Query("SELECT set_config('lock_timeout', $1, false)",
          {Value::Text(previous)});
    if (!locked.ok()) {
      last_error_ = lock_error;
      if (lock_error.code == "55P03") {  // lock_not_available
        return Status::Error("P1002", fmt::format(msg::kLockTimeout,
                                                  timeout.count(), Describe()));
      }
      return locked.status();
    }
    return Status::Ok();
  }

  Status ReleaseMigrationLock() override {
    AIRLOCK_ASSIGN_OR_RETURN(
        Rows r,
        Query(fmt::format("SELECT pg_advisory_unlock({})", kAdvisoryLockKey),
              {}));
    if (r.rows.at(0).at(0).AsText() != "true") {
      return Status::Error("P2010", fmt::format(msg::kLockNotHeld, Describe()));
    }
    return Status::Ok();
  }

  Status DropAllObjects() override {
    // What Prisma's reset does: the schema goes, with everything in it.
    std::string schema = Quote(SchemaOf(url_));
    return ExecuteScript(fmt::format(
        "DROP SCHEMA IF EXISTS {0} CASCADE;\nCREATE SCHEMA {0};\n", schema));
  }

  std::string QuoteIdentifier(std::string_view name) const override {
    return Quote(name);
  }

  std::string Describe() const override {
    Target t = TargetOf(url_);
    return fmt::format("PostgreSQL database \"{}\", schema \"{}\" at \"{}:{}\"",
                       url_.database, SchemaOf(url_), t.host, t.port);
  }

 private:
  PGresult* Run(std::string_view sql, const std::vector<Value>& params) {
    std::string text(sql);
    if (params.empty()) {
      return PQexecParams(c_, text.c_str(), 0, nullptr, nullptr, nullptr,
                          nullptr, 0);
    }
    std::vector<std::string> storage(params.size());
    std::vector<const char*> values(params.size());
    std::vector<int> lengths(params.size()), formats(params.size());
    std::vector<Oid> types(params.size(), 0);
    for (size_t i = 0; i < params.size(); ++i) {
      const Value& v = params[i];
      if (v.is_null()) {
        values[i] = nullptr;
        continue;
      }
      storage[i] = v.AsText();
      if (v.kind() == Value::Kind::kReal && !std::isfinite(v.AsDouble())) {
        storage[i] = std::isnan(v.AsDouble()) ? "NaN"
                     : v.AsDouble() > 0       ? "Infinity"
                                              : "-Infinity";
      }
      values[i] = storage[i].data();
      lengths[i] = static_cast<int>(storage[i].size());
      if (v.kind() == Value::Kind::kBlob) {
        formats[i] = 1;
        types[i] = kByteaOid;
      }
    }
    return PQexecParams(c_, text.c_str(), static_cast<int>(params.size()),
                        types.data(), values.data(), lengths.data(),
                        formats.data(), 0);
  }

  static bool Succeeded(PGresult* res) {
    if (res == nullptr) return false;
    ExecStatusType s = PQresultStatus(res);
    return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK ||
           s == PGRES_EMPTY_QUERY;
  }

  Status Exec(std::string_view sql) {
    auto r = Execute(sql, {});
    return r.ok() ? Status::Ok() : r.status();
  }

  Status Record(PGresult* res, std::optional<int> index,
                std::string statement) {
    const char* state =
        res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
    const char* primary =
        res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    last_error_.code = state ? state : "";
    last_error_.message = MaskPassword(
        TrimMessage(primary ? primary : PQerrorMessage(c_)), url_.password);
    last_error_.statement_index = index;
    last_error_.statement = std::move(statement);
    if (PQstatus(c_) == CONNECTION_BAD) {
      return Status::Error("P1017", "Server has closed the connection. (" +
                                        last_error_.message + ")");
    }
    return Status::Error("P2010", last_error_.message);
  }

  PGconn* c_;
  DatabaseUrl url_;
};

Status NeedDatabaseName(const DatabaseUrl& url) {
  if (url.database.empty()) {
    return Status::Error("P1013", msg::kNoDatabaseName);
  }
  return Status::Ok();
}

// A connection to the server's maintenance database (`postgres`, else
// `template1`) for CREATE/DROP DATABASE.
Result<std::unique_ptr<PostgresConnection>> AdminConnect(
    const DatabaseUrl& url, const ConnectOptions& options) {
  auto c = RawConnect(url, options, "postgres");
  if (!c.ok() && c.status().code() == "P1003") {
    c = RawConnect(url, options, "template1");
  }
  if (!c.ok()) return c.status();
  return std::make_unique<PostgresConnection>(*c, url);
}

}  // namespace

Result<std::unique_ptr<Connection>> OpenPostgres(
    const DatabaseUrl& url, const ConnectOptions& options) {
  std::string db = url.database.empty() ? url.user : url.database;
  DatabaseUrl named = url;
  named.database = db;
  auto c = RawConnect(named, options, db);
  if (!c.ok() && c.status().code() == "P1003" && options.create_if_missing) {
    // P1009: a concurrent process (another deploy) created it meanwhile.
    Status created = CreatePostgresDatabase(named, options);
    if (!created.ok() && created.code() != "P1009") return created;
    c = RawConnect(named, options, db);
  }
  if (!c.ok()) return c.status();
  auto conn = std::make_unique<PostgresConnection>(*c, named);
  // The schema: created when asked to, then made the search_path.
  std::string schema = SchemaOf(url);
  AIRLOCK_ASSIGN_OR_RETURN(
      Rows exists, conn->Query("SELECT 1 FROM pg_namespace WHERE nspname = $1",
                               {Value::Text(schema)}));
  if (exists.rows.empty()) {
    if (!options.create_if_missing) {
      return Status::Error(
          "P1003", Fmt(msg::kSchemaMissing, named, TargetOf(named), ""));
    }
    Status st = conn->ExecuteScript(
        fmt::format("CREATE SCHEMA IF NOT EXISTS {}", Quote(schema)));
    // 23505: created concurrently (IF NOT EXISTS does not cover the race).
    if (!st.ok() && conn->last_error().code != "23505") return st;
  }
  AIRLOCK_RETURN_IF_ERROR(
      conn->Query("SELECT set_config('search_path', $1, false)",
                  {Value::Text(Quote(schema))})
          .status());
  return std::unique_ptr<Connection>(std::move(conn));
}

Status PostgresCopyOut(Connection& conn, std::string_view sql,
                       const std::function<Status(std::string_view)>& on_data) {
  auto* pg = dynamic_cast<PostgresConnection*>(&conn);
  if (pg == nullptr) return Status::Error("COPY needs a PostgreSQL connection");
  return pg->CopyOut(sql, on_data);
}

Status PostgresCopyIn(Connection& conn, std::string_view sql,
                      std::string_view data) {
  auto* pg = dynamic_cast<PostgresConnection*>(&conn);
  if (pg == nullptr) return Status::Error("COPY needs a PostgreSQL connection");
  return pg->CopyIn(sql, data);
}

Status CreatePostgresDatabase(const DatabaseUrl& url,
                              const ConnectOptions& options) {
  AIRLOCK_RETURN_IF_ERROR(NeedDatabaseName(url));
  AIRLOCK_ASSIGN_OR_RETURN(auto conn, AdminConnect(url, options));
  Status st = conn->ExecuteScript(
      fmt::format("CREATE DATABASE {}", Quote(url.database)));
  if (st.ok()) return st;
  const std::string& code = conn->last_error().code;
  std::string text = fmt::format(msg::kCreateDatabaseFailed, url.database,
                                 conn->Describe(), st.message());
  // 42P04 duplicate database; 23505 when a concurrent CREATE won the race.
  if (code == "42P04" || code == "23505") return Status::Error("P1009", text);
  if (code == "42501") return Status::Error("P1010", text);  // privilege
  return Status::Error("P2010", text);
}

Status DropPostgresDatabase(const DatabaseUrl& url,
                            const ConnectOptions& options) {
  AIRLOCK_RETURN_IF_ERROR(NeedDatabaseName(url));
  AIRLOCK_ASSIGN_OR_RETURN(auto conn, AdminConnect(url, options));
  AIRLOCK_ASSIGN_OR_RETURN(
      Rows v,
      conn->Query("SELECT current_setting('server_version_num')::int", {}));
  bool force = v.rows.at(0).at(0).AsInt().value_or(0) >= 130000;
  Status st = conn->ExecuteScript(fmt::format("DROP DATABASE IF EXISTS {}{}",
                                              Quote(url.database),
                                              force ? " WITH (FORCE)" : ""));
  if (st.ok()) return st;
  return Status::Error(st.code(),
                       fmt::format(msg::kDropDatabaseFailed, url.database,
                                   conn->Describe(), st.message()));
}

}  // namespace airlock::db
