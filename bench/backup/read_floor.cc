// read_floor: how fast can ANY client with N connections read a database's
// rows? Streams every row of every base table over N connections (each table
// split into N key ranges, the way `airlock db backup --jobs N` splits it)
// and throws the rows away: no formatting, hashing, compression or file.
// MySQL/MariaDB reads with `SELECT *` (mysql_use_result), PostgreSQL with
// `COPY (SELECT ...) TO STDOUT`, as the dump tools of each do.
// The wall time is a floor for any dump tool on this machine and server:
// backup/servers.sh prints it beside the real tools, so the ratios it
// reports can be read against the best a client could ever do.
//
//   AIRLOCK_BENCH_URL=mysql://... read_floor [JOBS]
// (the URL comes from the environment: it holds a password). Prints one
// line: wall seconds, rows and bytes received.
#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "db/connect.h"
#include "db/postgres_connection.h"

using namespace airlock;

namespace {

struct Range {
  std::string sql;
};

// `SELECT *` per key range of each table with a single-column integer
// primary key (whole tables otherwise).
Result<std::vector<Range>> Ranges(db::Connection& conn, bool mysql, int jobs) {
  std::string list_sql =
      mysql ? "SELECT t.TABLE_NAME, MIN(k.COLUMN_NAME), COUNT(k.COLUMN_NAME), "
              "MIN(c.DATA_TYPE) FROM information_schema.TABLES t LEFT JOIN "
              "information_schema.KEY_COLUMN_USAGE k ON k.TABLE_SCHEMA = "
              "t.TABLE_SCHEMA AND k.TABLE_NAME = t.TABLE_NAME AND "
              "k.CONSTRAINT_NAME = 'PRIMARY' LEFT JOIN "
              "information_schema.COLUMNS c ON c.TABLE_SCHEMA = k.TABLE_SCHEMA "
              "AND c.TABLE_NAME = k.TABLE_NAME AND c.COLUMN_NAME = "
              "k.COLUMN_NAME WHERE t.TABLE_SCHEMA = DATABASE() AND "
              "t.TABLE_TYPE = 'BASE TABLE' GROUP BY t.TABLE_NAME"
            : "SELECT c.relname, MIN(a.attname), COUNT(a.attname), "
              "MIN(format_type(a.atttypid, NULL)) FROM pg_class c JOIN "
              "pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_index i "
              "ON i.indrelid = c.oid AND i.indisprimary LEFT JOIN pg_attribute "
              "a ON a.attrelid = c.oid AND a.attnum = ANY(i.indkey) WHERE "
              "n.nspname = current_schema() AND c.relkind = 'r' GROUP BY "
              "c.relname";
  AIRLOCK_ASSIGN_OR_RETURN(db::Rows tables, conn.Query(list_sql));
  auto quote = [&](const std::string& name) {
    return mysql ? "`" + name + "`" : "\"" + name + "\"";
  };
  std::vector<Range> out;
  for (const auto& row : tables.rows) {
    std::string table = quote(row[0].AsText());
    bool int_key = row[2].AsInt().value_or(0) == 1 &&
                   row[3].AsText().find("int") != std::string::npos;
    if (!int_key || jobs == 1) {
      out.push_back({"SELECT * FROM " + table});
      continue;
    }
    std::string key = quote(row[1].AsText());
    AIRLOCK_ASSIGN_OR_RETURN(
        db::Rows mm, conn.Query(fmt::format(
                         "SELECT MIN({0}), MAX({0}) FROM {1}", key, table)));
    auto lo = mm.rows.at(0).at(0).AsInt();
    auto hi = mm.rows.at(0).at(1).AsInt();
    if (!lo || !hi) continue;  // empty table
    int64_t step = (*hi - *lo) / jobs + 1;
    for (int j = 0; j < jobs; ++j) {
      int64_t a = *lo + j * step;
      out.push_back({fmt::format("SELECT * FROM {} WHERE {} >= {} AND {} < {}",
                                 table, key, a, key, a + step)});
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  const char* env = std::getenv("AIRLOCK_BENCH_URL");
  int jobs = argc > 1 ? std::atoi(argv[1]) : 2;
  if (!env || !*env || jobs < 1) {
    std::fprintf(stderr, "usage: AIRLOCK_BENCH_URL=... read_floor [JOBS]\n");
    return 2;
  }
  auto url = db::ParseDatabaseUrl(env);
  if (!url.ok()) {
    std::fprintf(stderr, "%s\n", url.status().message().c_str());
    return 2;
  }
  bool mysql = std::string(env).starts_with("mysql");
  std::vector<std::unique_ptr<db::Connection>> conns;
  for (int j = 0; j < jobs; ++j) {
    auto c = db::Connect(*url, {});
    if (!c.ok()) {
      std::fprintf(stderr, "%s\n", c.status().message().c_str());
      return 1;
    }
    conns.push_back(std::move(*c));
  }
  auto ranges = Ranges(*conns[0], mysql, jobs);
  if (!ranges.ok()) {
    std::fprintf(stderr, "%s\n", ranges.status().message().c_str());
    return 1;
  }
  std::atomic<size_t> next{0};
  std::atomic<int64_t> rows{0}, bytes{0};
  std::atomic<bool> failed{false};
  auto t0 = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (auto& c : conns) {
    threads.emplace_back([&, conn = c.get()] {
      for (size_t i = next++; i < ranges->size(); i = next++) {
        int64_t r = 0, b = 0;
        Status st = conn->QueryStream((*ranges)[i].sql, {},
                                      [&](std::span<const db::FieldView> row) {
                                        ++r;
                                        for (const auto& f : row)
                                          b += f.bytes.size();
                                        return Status::Ok();
                                      });
        if (!st.ok()) {
          std::fprintf(stderr, "%s\n", st.message().c_str());
          failed = true;
        }
        rows += r;
        bytes += b;
      }
    });
  }
  for (auto& t : threads) t.join();
  double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
          .count();
  if (failed) return 1;
  std::printf("%.2f s, %lld rows, %lld MB\n", secs,
              static_cast<long long>(rows.load()),
              static_cast<long long>(bytes.load() >> 20));
  return 0;
}
