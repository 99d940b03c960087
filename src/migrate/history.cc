#include "migrate/history.h"

#include <fmt/format.h>
#include <openssl/rand.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>

namespace airlock::migrate {

const HistorySql& HistorySqlFor(db::Dialect dialect) {
  switch (dialect) {
    case db::Dialect::kSqlite:
      return kSqliteHistorySql;
    case db::Dialect::kMysql:
      return kMysqlHistorySql;
    case db::Dialect::kPostgres:
      return kPostgresHistorySql;
  }
  return kSqliteHistorySql;
}

int64_t NowUnixMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch())
      .count();
}

std::string NewUuid() {
  unsigned char b[16];
  if (RAND_bytes(b, sizeof b) != 1) {
    // Fall back to the clock; uniqueness is all that matters here.
    int64_t t = NowUnixMs();
    for (int i = 0; i < 16; ++i)
      b[i] = static_cast<unsigned char>(t >> (i % 8));
  }
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  return fmt::format(
      "{:02x}{:02x}{:02x}{:02x}-{:02x}{:02x}-{:02x}{:02x}-{:02x}{:02x}-"
      "{:02x}{:02x}{:02x}{:02x}{:02x}{:02x}",
      b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11],
      b[12], b[13], b[14], b[15]);
}

std::string Timestamp::Iso() const {
  if (!unix_ms) return text;
  std::time_t secs = *unix_ms / 1000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
                     tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                     tm.tm_min, tm.tm_sec, *unix_ms % 1000);
}

Timestamp ParseTimestamp(const db::Value& v) {
  Timestamp t;
  t.text = v.AsText();
  if (v.kind() == db::Value::Kind::kInt || v.kind() == db::Value::Kind::kReal) {
    t.unix_ms = v.AsInt().value_or(static_cast<int64_t>(v.AsDouble()));
    return t;
  }
  if (auto as_int = v.AsInt()) {
    t.unix_ms = *as_int;
    return t;
  }
  int y, mo, d, h, mi, s;
  int n = 0;
  const std::string& x = t.text;
  if (std::sscanf(x.c_str(), "%4d-%2d-%2d%*[ T]%2d:%2d:%2d%n", &y, &mo, &d, &h,
                  &mi, &s, &n) < 6) {
    return t;
  }
  int64_t frac_ms = 0;
  size_t i = n;
  if (i < x.size() && x[i] == '.') {
    ++i;
    int digits = 0;
    while (i < x.size() && std::isdigit(static_cast<unsigned char>(x[i]))) {
      if (digits < 3) frac_ms = frac_ms * 10 + (x[i] - '0');
      ++digits;
      ++i;
    }
    for (; digits < 3; ++digits) frac_ms *= 10;
  }
  int64_t offset_min = 0;
  if (i < x.size() && (x[i] == '+' || x[i] == '-')) {
    int sign = x[i] == '-' ? -1 : 1;
    int oh = 0, om = 0;
    std::sscanf(x.c_str() + i + 1, "%2d:%2d", &oh, &om) ||
        std::sscanf(x.c_str() + i + 1, "%2d", &oh);
    offset_min = sign * (oh * 60 + om);
  }
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  int64_t secs = timegm(&tm);
  t.unix_ms = (secs - offset_min * 60) * 1000 + frac_ms;
  return t;
}

HistoryTable::HistoryTable(db::Connection& conn)
    : conn_(conn), sql_(HistorySqlFor(conn.dialect())) {}

Result<bool> HistoryTable::Exists() {
  AIRLOCK_ASSIGN_OR_RETURN(db::Rows rows, conn_.Query(sql_.table_exists, {}));
  return !rows.rows.empty();
}

Status HistoryTable::Create() { return conn_.ExecuteScript(sql_.create_table); }

Result<std::vector<std::string>> HistoryTable::OtherTables() {
  AIRLOCK_ASSIGN_OR_RETURN(db::Rows rows, conn_.Query(sql_.user_tables, {}));
  std::vector<std::string> out;
  for (const auto& r : rows.rows) out.push_back(r[0].AsText());
  return out;
}

Result<std::vector<HistoryRow>> HistoryTable::ReadRows() {
  AIRLOCK_ASSIGN_OR_RETURN(db::Rows rows, conn_.Query(sql_.select_rows, {}));
  std::vector<HistoryRow> out;
  out.reserve(rows.rows.size());
  for (const auto& r : rows.rows) {
    HistoryRow h;
    h.id = r[0].AsText();
    h.checksum = r[1].AsText();
    if (!r[2].is_null()) h.finished_at = ParseTimestamp(r[2]);
    h.migration_name = r[3].AsText();
    h.logs = r[4].AsOptionalText();
    if (!r[5].is_null()) h.rolled_back_at = ParseTimestamp(r[5]);
    h.started_at = ParseTimestamp(r[6]);
    h.applied_steps_count = r[7].AsInt().value_or(0);
    out.push_back(std::move(h));
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.started_at.unix_ms.value_or(0) < b.started_at.unix_ms.value_or(0);
  });
  return out;
}

namespace {
Status Done(const Result<int64_t>& r) {
  return r.ok() ? Status::Ok() : r.status();
}
}  // namespace

Status HistoryTable::InsertStarted(const std::string& id,
                                   const std::string& name,
                                   const std::string& checksum,
                                   int64_t started_ms) {
  return Done(
      conn_.Execute(sql_.insert_started,
                    {db::Value::Text(id), db::Value::Text(checksum),
                     sql_.timestamp(started_ms), db::Value::Text(name)}));
}

Status HistoryTable::MarkFinished(const std::string& id, int64_t finished_ms) {
  return Done(conn_.Execute(
      sql_.mark_finished, {sql_.timestamp(finished_ms), db::Value::Text(id)}));
}

Status HistoryTable::InsertFailed(const std::string& id,
                                  const std::string& name,
                                  const std::string& checksum,
                                  int64_t started_ms, const std::string& logs) {
  return Done(conn_.Execute(sql_.insert_failed,
                            {db::Value::Text(id), db::Value::Text(checksum),
                             sql_.timestamp(started_ms), db::Value::Text(name),
                             db::Value::Text(logs)}));
}

Status HistoryTable::SetLogs(const std::string& id, const std::string& logs) {
  return Done(conn_.Execute(sql_.set_logs,
                            {db::Value::Text(logs), db::Value::Text(id)}));
}

Result<int64_t> HistoryTable::MarkRolledBack(const std::string& name,
                                             int64_t now_ms) {
  return conn_.Execute(sql_.mark_rolled_back,
                       {sql_.timestamp(now_ms), db::Value::Text(name)});
}

Status HistoryTable::InsertApplied(const std::string& name,
                                   const std::string& checksum,
                                   int64_t now_ms) {
  return Done(conn_.Execute(
      sql_.insert_applied,
      {db::Value::Text(NewUuid()), db::Value::Text(checksum),
       sql_.timestamp(now_ms), sql_.timestamp(now_ms), db::Value::Text(name)}));
}

}  // namespace airlock::migrate
