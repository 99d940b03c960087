// MySQL/MariaDB backup and restore.
//
// Consistency: every dump connection runs REPEATABLE READ with
// `START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY`. With --jobs N the
// workers must see the same snapshot, which InnoDB cannot share between
// connections, so commits are held back while they start theirs: MariaDB's
// backup lock (`BACKUP STAGE START` + `BACKUP STAGE BLOCK_COMMIT`, which
// blocks only commits, not running statements), MySQL's
// `FLUSH TABLES WITH READ LOCK`; the lock is released as soon as every worker
// holds its snapshot (milliseconds); a separate connection holds the lock,
// since BACKUP STAGE END commits its session's transaction. Without the
// RELOAD privilege the dump
// falls back to one connection (still one consistent snapshot). Guarantee:
// all InnoDB tables are dumped as of one commit point; non-transactional
// tables (MyISAM, Aria) only as consistent as their writes allow.
//
// Schema: SHOW CREATE TABLE/SEQUENCE verbatim (indexes, foreign keys and the
// AUTO_INCREMENT counter included) with DROP ... IF EXISTS first; routines,
// views (in dependency order) and triggers after the data, without DEFINER
// (they are recreated as the restoring user), each with its own sql_mode.
// Data: multi-row INSERTs of ~1 MB. Values: numbers as the server prints
// them (exact, unsigned and DECIMAL included; FLOAT read as DOUBLE, whose
// 17 digits round back to the same float), binary strings/blobs/GEOMETRY
// as 0x hex, BIT as b'...', everything else (text, dates including zero
// dates, DATETIME(3), JSON, ENUM/SET) as escaped utf8mb4 strings; NULL as
// NULL, so NULL and '' stay apart. Generated columns are not inserted.
// Sessions use time_zone '+00:00' (TIMESTAMP values travel as UTC) and
// sql_mode 'NO_AUTO_VALUE_ON_ZERO' (a 0 in an AUTO_INCREMENT column stays 0,
// zero dates load).
//
// Restore: the database is emptied, tables are created, data chunks load on
// parallel connections with FOREIGN_KEY_CHECKS=0 and UNIQUE_CHECKS=0 (the
// rows come from a consistent snapshot of a database that enforced them),
// then routines, views and triggers. Each data chunk is sent as
// `LOAD DATA LOCAL INFILE` from memory (mysql_load_data.h: about a sixth less
// server CPU than the INSERT it is converted from), or as the INSERT itself
// when the server disables local infile. The same file loads with
// `mariadb db < file` (the native chunks set the same session state; the
// compound statements use DELIMITER as mysqldump does).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "backup/dialect_dump.h"
#include "backup/messages.h"
#include "backup/mysql_load_data.h"
#include "base/text.h"
#include "db/mysql_connection.h"

namespace airlock::backup {
namespace {

constexpr const char* kSessionSetup =
    "SET NAMES utf8mb4;\n"
    "SET SESSION time_zone = '+00:00';\n"
    "SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO';\n";

constexpr const char* kRestoreSession =
    "SET SESSION FOREIGN_KEY_CHECKS = 0;\n"
    "SET SESSION UNIQUE_CHECKS = 0;\n"
    "SET SESSION sql_notes = 0;\n";

std::string Quote(std::string_view name) {
  std::string out = "`";
  for (char c : name) {
    if (c == '`') out += '`';
    out += c;
  }
  return out + "`";
}

// A string literal with MySQL's backslash escapes. Runs of ordinary bytes
// are copied at once: most text has nothing to escape.
void AppendString(std::string& out, std::string_view s) {
  static constexpr auto kEscape = [] {
    std::array<char, 256> t{};
    t['\0'] = '0';
    t['\n'] = 'n';
    t['\r'] = 'r';
    t['\\'] = '\\';
    t['\''] = '\'';
    t['\x1a'] = 'Z';
    return t;
  }();
  size_t at = out.size();
  // Worst case: every byte escaped.
  out.resize(at + 2 * s.size() + 2);
  char* p = out.data() + at;
  *p++ = '\'';
  const char* in = s.data();
  const char* end = in + s.size();
  while (in < end) {
    const char* run = in;
    while (in < end && !kEscape[static_cast<unsigned char>(*in)]) ++in;
    std::memcpy(p, run, in - run);
    p += in - run;
    if (in < end) {
      *p++ = '\\';
      *p++ = kEscape[static_cast<unsigned char>(*in++)];
    }
  }
  *p++ = '\'';
  out.resize(p - out.data());
}

std::string StringLiteral(std::string_view s) {
  std::string out;
  AppendString(out, s);
  return out;
}

void AppendHex(std::string& out, std::string_view bytes) {
  static const char* kHex = "0123456789abcdef";
  size_t at = out.size();
  out.resize(at + bytes.size() * 2);
  char* p = out.data() + at;
  for (unsigned char c : bytes) {
    *p++ = kHex[c >> 4];
    *p++ = kHex[c & 15];
  }
}

enum class ColClass { kNumber, kBit, kString };

struct Column {
  std::string name;
  ColClass cls = ColClass::kString;
  // FLOAT: the server prints 6 digits; read as DOUBLE, it is exact.
  bool single_float = false;
};

struct Table {
  std::string name;
  bool sequence = false;
  int64_t estimate = 0;
  int64_t data_bytes = 0;
  // The single integer primary key column, when there is one: large tables
  // are read in key ranges by several workers.
  std::string int_key;
  std::string auto_increment;  // the AUTO_INCREMENT column, if any
  std::vector<Column> columns;
};

// Tables with less data than this keep their keys (and the foreign keys
// between such tables) in CREATE TABLE: their index pages stay in the buffer
// pool while the rows load, and a separate ALTER TABLE would cost more DDL
// time (each one syncs files) than a sorted index build saves. Most of a
// typical application's tables are this small; the few large ones get their
// keys after their data (DeferKeys). Test hook:
// AIRLOCK_TEST_INLINE_KEYS_BYTES (0: every table's keys come after its data).
int64_t InlineKeysBytes() {
  const char* e = std::getenv("AIRLOCK_TEST_INLINE_KEYS_BYTES");
  return e ? std::atoll(e) : int64_t{16} << 20;
}

ColClass ClassOf(const std::string& data_type) {
  static const std::set<std::string> kNumbers = {
      "tinyint", "smallint", "mediumint", "int",    "integer", "bigint",
      "decimal", "numeric",  "float",     "double", "real",    "year"};
  if (kNumbers.count(data_type)) return ColClass::kNumber;
  if (data_type == "bit") return ColClass::kBit;
  return ColClass::kString;
}

void AppendValue(std::string& out, const db::FieldView& f, ColClass cls) {
  if (f.kind == db::Value::Kind::kNull) {
    out += "NULL";
    return;
  }
  if (cls == ColClass::kBit) {
    out += "b'";
    bool started = false;
    for (unsigned char c : f.bytes) {
      for (int b = 7; b >= 0; --b) {
        bool one = (c >> b) & 1;
        if (one) started = true;
        if (started) out += one ? '1' : '0';
      }
    }
    if (!started) out += '0';
    out += '\'';
    return;
  }
  if (f.kind == db::Value::Kind::kBlob) {
    if (f.bytes.empty()) {
      out += "''";
      return;
    }
    out += "0x";
    AppendHex(out, f.bytes);
    return;
  }
  if (cls == ColClass::kNumber) {
    out += f.bytes;
    return;
  }
  AppendString(out, f.bytes);
}

// `CREATE ... DEFINER=`u`@`h` ...` without the DEFINER clause.
std::string StripDefiner(std::string sql) {
  size_t at = sql.find("DEFINER=");
  if (at == std::string::npos) return sql;
  size_t i = at + 8;
  auto skip_ident = [&] {
    if (i < sql.size() && sql[i] == '`') {
      i = std::min(BacktickIdentEnd(sql, i), sql.size());
    } else if (i < sql.size() && sql[i] == '\'') {
      ++i;
      while (i < sql.size() && sql[i] != '\'') ++i;
      ++i;
    } else {
      while (i < sql.size() && sql[i] != '@' && sql[i] != ' ') ++i;
    }
  };
  skip_ident();
  if (i < sql.size() && sql[i] == '@') {
    ++i;
    skip_ident();
  }
  while (i < sql.size() && sql[i] == ' ') ++i;
  return sql.erase(at, i - at);
}

Result<std::string> ShowCreate(db::Connection& conn, std::string_view what,
                               std::string_view name, std::string_view column) {
  AIRLOCK_ASSIGN_OR_RETURN(
      db::Rows r,
      conn.Query(fmt::format("SHOW CREATE {} {}", what, Quote(name))));
  int c = r.ColumnIndex(column);
  if (r.rows.empty() || c < 0 || r.rows[0][c].is_null()) {
    return Status::Error(fmt::format(
        "SHOW CREATE {} {} returned no definition (missing privilege?)", what,
        Quote(name)));
  }
  return r.rows[0][c].AsText();
}

Status Exec(db::Connection& conn, std::string_view sql) {
  return conn.ExecuteScript(sql);
}

// Runs a script that may change its statement delimiter the way the mariadb
// client does (`DELIMITER ;;`): each statement is sent on its own.
Status RunWithDelimiters(db::Connection& conn, std::string_view body) {
  std::string delim = ";";
  std::string stmt;
  for (std::string_view line : SplitLines(body)) {
    if (stmt.empty() && line.starts_with("DELIMITER ")) {
      delim = std::string(line.substr(10));
      while (!delim.empty() && (delim.back() == ' ' || delim.back() == '\r')) {
        delim.pop_back();
      }
      continue;
    }
    stmt.append(line);
    stmt += '\n';
    std::string_view trimmed = line;
    while (!trimmed.empty() &&
           (trimmed.back() == ' ' || trimmed.back() == '\r'))
      trimmed.remove_suffix(1);
    if (trimmed.ends_with(delim)) {
      size_t cut = stmt.rfind(delim);
      stmt.resize(cut);
      if (delim == ";") {
        AIRLOCK_RETURN_IF_ERROR(conn.ExecuteScript(stmt));
      } else {
        // A compound statement: one statement, sent as it is.
        auto r = conn.Execute(stmt);
        if (!r.ok()) return r.status();
      }
      stmt.clear();
    }
  }
  if (stmt.find_first_not_of(" \n\r\t") != std::string::npos) {
    return conn.ExecuteScript(stmt);
  }
  return Status::Ok();
}

class MysqlDump : public DialectDump {
 public:
  Status Dump(db::Connection& conn, BackupWriter& w, const BackupOptions& o,
              SharedProgress& progress) override {
    AIRLOCK_RETURN_IF_ERROR(Exec(conn, kSessionSetup));
    AIRLOCK_RETURN_IF_ERROR(Exec(conn,
                                 "SET SESSION net_write_timeout = 3600;\n"
                                 "SET SESSION net_read_timeout = 3600;\n"));
    std::deque<Table> tables;
    AIRLOCK_RETURN_IF_ERROR(Inventory(conn, o, tables));
    progress.tables_total = tables.size();
    for (const auto& t : tables) progress.rows_estimate += t.estimate;

    // The snapshot, shared by the workers.
    int data_tables = 0;
    for (const auto& t : tables) data_tables += t.sequence ? 0 : 1;
    int jobs = std::max(1, std::min(o.jobs, data_tables));
    std::vector<std::unique_ptr<db::Connection>> extra;
    if (jobs > 1 && o.connect) {
      for (int i = 1; i < jobs; ++i) {
        AIRLOCK_ASSIGN_OR_RETURN(auto c, o.connect());
        AIRLOCK_RETURN_IF_ERROR(Exec(*c, kSessionSetup));
        AIRLOCK_RETURN_IF_ERROR(Exec(*c,
                                     "SET SESSION net_write_timeout = 3600;\n"
                                     "SET SESSION net_read_timeout = 3600;\n"));
        extra.push_back(std::move(c));
      }
    }
    std::vector<db::Connection*> conns = {&conn};
    for (auto& c : extra) conns.push_back(c.get());
    AIRLOCK_RETURN_IF_ERROR(StartSnapshots(conn, conns, extra, o));
    Status st = DumpInSnapshot(conn, conns, w, o, tables, progress);
    for (auto* c : conns) c->ExecuteScript("COMMIT");
    return st;
  }

  Status BeginRestore(db::Connection& conn) override {
    AIRLOCK_RETURN_IF_ERROR(Exec(conn, kSessionSetup));
    AIRLOCK_RETURN_IF_ERROR(conn.DropAllObjects());
    return Exec(conn, kRestoreSession);
  }

  Status BeginWorker(db::Connection& conn) override {
    AIRLOCK_RETURN_IF_ERROR(Exec(conn, kSessionSetup));
    return Exec(conn, kRestoreSession);
  }

  Status LoadChunk(db::Connection& conn, const Chunk& chunk) override {
    std::string_view body = chunk.body;
    if (chunk.header.kind == ChunkKind::kData) {
      // One INSERT: sent without splitting.
      while (!body.empty() && (body.back() == '\n' || body.back() == ';')) {
        body.remove_suffix(1);
      }
      auto* infile = dynamic_cast<db::MysqlLocalInfile*>(&conn);
      if (load_data_ && infile != nullptr) {
        // LOAD DATA LOCAL INFILE when the server allows it; a statement that
        // fails is rolled back whole, so the INSERT may run instead.
        LoadData ld;
        std::vector<std::string> assigned;
        {
          std::lock_guard<std::mutex> lock(auto_mu_);
          auto it = auto_columns_.find(chunk.header.table);
          if (it != auto_columns_.end()) assigned = it->second;
        }
        if (InsertToLoadData(body, ld, assigned) &&
            ld.rows == chunk.header.rows) {
          auto loaded = infile->LoadLocalData(ld.statement, ld.content);
          if (loaded.ok()) {
            if (*loaded == ld.rows) return Status::Ok();
            return Status::Error(fmt::format(msg::kLoadDataRowCount, *loaded,
                                             ld.rows, chunk.header.table));
          }
          const std::string& code = conn.last_error().code;
          // Disabled on the server or in the client library.
          if (code != "1148" && code != "4166" && code != "2068" &&
              code != "3948") {
            return loaded.status();
          }
          load_data_ = false;
        }
      }
      auto r = conn.Execute(body);
      return r.ok() ? Status::Ok() : r.status();
    }
    if (chunk.header.kind == ChunkKind::kSchema &&
        !chunk.header.table.empty()) {
      std::lock_guard<std::mutex> lock(auto_mu_);
      auto_columns_[chunk.header.table] = AutoIncrementColumns(body);
    }
    if (body.find("DELIMITER ") != std::string_view::npos) {
      return RunWithDelimiters(conn, body);
    }
    Status st = conn.ExecuteScript(body);
    // Tables are created side by side (ParallelSchema): should InnoDB pick
    // one of two such statements as a deadlock victim, it undid it, and the
    // chunk (DROP TABLE IF EXISTS + CREATE TABLE) runs again.
    for (int retry = 0; retry < 3 && !st.ok() && ParallelSchema(chunk) &&
                        conn.last_error().code == "1213";
         ++retry) {
      st = conn.ExecuteScript(body);
    }
    return st;
  }

  // Every statement of the file, and every value built from pieces, must
  // fit the server's max_allowed_packet: checked before anything is dropped.
  Status CheckTarget(db::Connection& conn, const VerifyReport& r) override {
    AIRLOCK_ASSIGN_OR_RETURN(db::Rows p,
                             conn.Query("SELECT @@max_allowed_packet"));
    uint64_t packet =
        static_cast<uint64_t>(p.rows.at(0).at(0).AsInt().value_or(0));
    uint64_t need = r.max_data_chunk + 1024;  // the statement and its header
    std::string table = r.max_data_chunk_table;
    const char* what = msg::kPacketStatement;
    for (const auto& t : r.tables) {
      if (t.max_value > need) {
        need = t.max_value;
        table = t.table;
        what = msg::kPacketValue;
      }
    }
    if (packet == 0 || need <= packet) return Status::Ok();
    uint64_t mb = (need >> 20) + 2;
    auto human = [](uint64_t b) {
      return fmt::format("{:.1f} MB", static_cast<double>(b) / (1 << 20));
    };
    return Status::Error(fmt::format(msg::kPacketTooSmall, conn.Describe(),
                                     Quote(table), what, human(need),
                                     human(packet), mb << 20, mb, mb));
  }

  // Tables: each chunk drops and creates one table (InnoDB creates tables
  // concurrently; with FOREIGN_KEY_CHECKS=0 a foreign key may name a table
  // that does not exist yet). Sequences go first, in order: a column
  // DEFAULT may use one.
  bool ParallelSchema(const Chunk& chunk) const override {
    return chunk.header.kind == ChunkKind::kSchema &&
           !chunk.header.table.empty() &&
           chunk.body.starts_with("DROP TABLE IF EXISTS ");
  }

  bool InOrder(const Chunk& chunk) const override {
    return chunk.header.kind == ChunkKind::kData &&
           chunk.body.starts_with("SET @airlock_");
  }
  Status LoadOrdered(db::Connection& conn, const Chunk& chunk) override {
    return conn.ExecuteScript(chunk.body);
  }

  Status EndRestore(db::Connection& conn) override {
    return Exec(conn,
                "SET SESSION FOREIGN_KEY_CHECKS = 1;\n"
                "SET SESSION UNIQUE_CHECKS = 1;\n");
  }

  bool ParallelLoad() const override { return true; }

 private:
  // Whether data chunks load with LOAD DATA LOCAL INFILE (until the server
  // refuses it once).
  std::atomic<bool> load_data_{true};
  // Per table, its AUTO_INCREMENT column (from the schema chunks).
  std::mutex auto_mu_;
  std::map<std::string, std::vector<std::string>> auto_columns_;

  Status Inventory(db::Connection& conn, const BackupOptions& o,
                   std::deque<Table>& tables) {
    AIRLOCK_ASSIGN_OR_RETURN(
        db::Rows list,
        conn.Query("SELECT TABLE_NAME, TABLE_TYPE, COALESCE(TABLE_ROWS, 0), "
                   "COALESCE(DATA_LENGTH, 0) FROM information_schema.TABLES "
                   "WHERE TABLE_SCHEMA = "
                   "DATABASE() AND TABLE_TYPE IN ('BASE TABLE', 'SEQUENCE', "
                   "'SYSTEM VERSIONED') ORDER BY TABLE_NAME"));
    std::set<std::string> wanted(o.tables.begin(), o.tables.end());
    std::set<std::string> found;
    std::string all_names;
    for (const auto& row : list.rows) {
      std::string name = row[0].AsText();
      all_names += (all_names.empty() ? "" : ", ") + name;
      if (!wanted.empty() && !wanted.count(name)) continue;
      found.insert(name);
      Table& t = tables.emplace_back();
      t.name = name;
      t.sequence = row[1].AsText() == "SEQUENCE";
      t.estimate = row[2].AsInt().value_or(0);
      t.data_bytes = row[3].AsInt().value_or(0);
    }
    std::string missing;
    for (const auto& t : wanted) {
      if (!found.count(t)) missing += (missing.empty() ? "" : ", ") + t;
    }
    if (!missing.empty()) {
      return Status::Error(fmt::format(msg::kNoSuchTables, missing, all_names));
    }
    AIRLOCK_ASSIGN_OR_RETURN(
        db::Rows cols,
        conn.Query("SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, EXTRA FROM "
                   "information_schema.COLUMNS WHERE TABLE_SCHEMA = "
                   "DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION"));
    std::map<std::string, Table*> by_name;
    for (auto& t : tables) by_name[t.name] = &t;
    for (const auto& row : cols.rows) {
      auto it = by_name.find(row[0].AsText());
      if (it == by_name.end()) continue;
      std::string extra = row[3].AsText();
      if (extra.find("auto_increment") != std::string::npos) {
        it->second->auto_increment = row[1].AsText();
      }
      if (extra.find("GENERATED") != std::string::npos ||
          extra.find("PERSISTENT") != std::string::npos ||
          extra.find("VIRTUAL") != std::string::npos) {
        continue;
      }
      std::string type = row[2].AsText();
      it->second->columns.push_back(
          {row[1].AsText(), ClassOf(type), type == "float"});
    }
    AIRLOCK_ASSIGN_OR_RETURN(
        db::Rows keys,
        conn.Query("SELECT s.TABLE_NAME, MIN(s.COLUMN_NAME), MIN(c.DATA_TYPE) "
                   "FROM information_schema.STATISTICS s JOIN "
                   "information_schema.COLUMNS c ON c.TABLE_SCHEMA = "
                   "s.TABLE_SCHEMA AND c.TABLE_NAME = s.TABLE_NAME AND "
                   "c.COLUMN_NAME = s.COLUMN_NAME WHERE s.TABLE_SCHEMA = "
                   "DATABASE() AND s.INDEX_NAME = 'PRIMARY' GROUP BY "
                   "s.TABLE_NAME HAVING COUNT(*) = 1"));
    static const std::set<std::string> kIntTypes = {
        "tinyint", "smallint", "mediumint", "int", "bigint"};
    for (const auto& row : keys.rows) {
      auto it = by_name.find(row[0].AsText());
      if (it == by_name.end() || !kIntTypes.count(row[2].AsText())) continue;
      it->second->int_key = row[1].AsText();
    }
    return Status::Ok();
  }

  // Starts one consistent snapshot on every connection; with several, the
  // backup lock holds commits back while they start.
  // The lock is held by a connection of its own: BACKUP STAGE END commits
  // the transaction of the session that runs it, which would end that
  // worker's snapshot.
  Status StartSnapshots(db::Connection& conn,
                        std::vector<db::Connection*>& conns,
                        std::vector<std::unique_ptr<db::Connection>>& extra,
                        const BackupOptions& o) {
    const char* start =
        "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ;\n"
        "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY;\n";
    if (conns.size() == 1) return Exec(conn, start);
    AIRLOCK_ASSIGN_OR_RETURN(db::Rows v, conn.Query("SELECT VERSION()"));
    bool mariadb =
        v.rows.at(0).at(0).AsText().find("MariaDB") != std::string::npos;
    const char* lock = mariadb
                           ? "BACKUP STAGE START;\nBACKUP STAGE BLOCK_COMMIT;\n"
                           : "FLUSH TABLES WITH READ LOCK;\n";
    const char* unlock = mariadb ? "BACKUP STAGE END" : "UNLOCK TABLES";
    AIRLOCK_ASSIGN_OR_RETURN(auto locker, o.connect());
    if (!Exec(*locker, lock).ok()) {
      // No RELOAD privilege: one connection, one snapshot.
      extra.clear();
      conns.resize(1);
      return Exec(conn, start);
    }
    Status st;
    for (auto* c : conns) {
      st = Exec(*c, start);
      if (!st.ok()) break;
    }
    Status un = Exec(*locker, unlock);
    AIRLOCK_RETURN_IF_ERROR(st);
    return un;
  }

  Status DumpInSnapshot(db::Connection& conn,
                        const std::vector<db::Connection*>& conns,
                        BackupWriter& w, const BackupOptions& o,
                        std::deque<Table>& tables, SharedProgress& progress) {
    AIRLOCK_RETURN_IF_ERROR(w.Add(ChunkKind::kNative, "", 0,
                                  "/*!40101 SET NAMES utf8mb4 */;\n"
                                  "SET time_zone = '+00:00';\n"
                                  "SET sql_mode = 'NO_AUTO_VALUE_ON_ZERO';\n"
                                  "SET FOREIGN_KEY_CHECKS = 0;\n"
                                  "SET UNIQUE_CHECKS = 0;\n"
                                  "SET sql_notes = 0;\n"));
    // Definitions.
    std::string sequences_post;
    // A table's deferred keys (by table index), written right after its
    // data; foreign keys after every table's keys: one may reference a
    // UNIQUE key that another table's deferred keys create.
    std::vector<std::string> deferred_keys(tables.size());
    std::string deferred_fks;
    std::set<std::string, std::less<>> small_tables;
    const int64_t inline_keys_bytes = InlineKeysBytes();
    for (const Table& t : tables) {
      if (!t.sequence && t.data_bytes < inline_keys_bytes) {
        small_tables.insert(t.name);
      }
    }
    AIRLOCK_ASSIGN_OR_RETURN(db::Rows dbn, conn.Query("SELECT DATABASE()"));
    const std::string qdb = Quote(dbn.rows.at(0).at(0).AsText()) + ".";
    // Sequences first: a column DEFAULT may call NEXTVAL() on one.
    std::vector<size_t> ordered;
    for (size_t i = 0; i < tables.size(); ++i) {
      if (tables[i].sequence) ordered.push_back(i);
    }
    for (size_t i = 0; i < tables.size(); ++i) {
      if (!tables[i].sequence) ordered.push_back(i);
    }
    for (size_t ti : ordered) {
      const Table& t = tables[ti];
      w.DeclareTable(t.name);
      std::string sql;
      if (t.sequence) {
        AIRLOCK_ASSIGN_OR_RETURN(
            std::string create,
            ShowCreate(conn, "SEQUENCE", t.name, "Create Table"));
        sql = fmt::format("DROP SEQUENCE IF EXISTS {};\n{};\n", Quote(t.name),
                          create);
        AIRLOCK_ASSIGN_OR_RETURN(
            db::Rows next,
            conn.Query(fmt::format("SELECT next_not_cached_value FROM {}",
                                   Quote(t.name))));
        sequences_post += fmt::format("DO SETVAL({}, {}, 0);\n", Quote(t.name),
                                      next.rows.at(0).at(0).AsText());
      } else {
        AIRLOCK_ASSIGN_OR_RETURN(
            std::string create,
            ShowCreate(conn, "TABLE", t.name, "Create Table"));
        // SHOW CREATE TABLE names sequences with their database
        // (`DEFAULT nextval(`db`.`seq`)`): the restored table must use the
        // restored database's sequence.
        for (size_t at = 0;
             (at = create.find("(" + qdb, at)) != std::string::npos;) {
          create.erase(at + 1, qdb.size());
        }
        std::string keys, fks;
        create = DeferKeys(create, t, small_tables, keys, fks);
        if (!keys.empty()) {
          deferred_keys[ti] =
              fmt::format("ALTER TABLE {} {};\n", Quote(t.name), keys);
        }
        if (!fks.empty()) {
          deferred_fks +=
              fmt::format("ALTER TABLE {} {};\n", Quote(t.name), fks);
        }
        sql = fmt::format("DROP TABLE IF EXISTS {};\n{};\n", Quote(t.name),
                          create);
      }
      AIRLOCK_RETURN_IF_ERROR(w.Add(ChunkKind::kSchema, t.name, 0, sql));
    }

    // Data: the work is split in pieces (whole tables, or key ranges of
    // large tables), the largest table first, shared by the workers.
    std::vector<DataPiece> pieces;
    size_t data_tables = 0;
    int64_t total_bytes = 0;
    for (const auto& t : tables) total_bytes += t.data_bytes;
    for (size_t i = 0; i < tables.size(); ++i) {
      const Table& t = tables[i];
      if (t.sequence) continue;
      ++data_tables;
      std::string key = t.int_key.empty() ? "" : Quote(t.int_key);
      AIRLOCK_RETURN_IF_ERROR(SplitTable(
          i, t.data_bytes, total_bytes, key, conns.size(),
          [&]() -> Result<
                    std::pair<std::optional<int64_t>, std::optional<int64_t>>> {
            AIRLOCK_ASSIGN_OR_RETURN(
                db::Rows r,
                conn.Query(fmt::format("SELECT MIN({0}), MAX({0}) FROM {1}",
                                       key, Quote(t.name))));
            return std::make_pair(r.rows.at(0).at(0).AsInt(),
                                  r.rows.at(0).at(1).AsInt());
          },
          pieces));
    }
    // Secondary keys, one post chunk per table, right after the table's
    // data: restore builds them while other tables still load.
    auto keys_chunk = [&](size_t i) -> Status {
      std::string sql = std::move(deferred_keys[i]);
      deferred_keys[i].clear();
      if (sql.empty()) return Status::Ok();
      return w.Add(ChunkKind::kPost, tables[i].name, 0, sql);
    };
    Status first_error = RunDataPieces(
        std::move(pieces), conns, progress,
        [&](db::Connection& c, const DataPiece& p) {
          return DumpPiece(c, w, tables[p.table], p, progress);
        },
        keys_chunk);
    AIRLOCK_RETURN_IF_ERROR(first_error);
    progress.tables_done += tables.size() - data_tables;
    for (size_t i = 0; i < tables.size(); ++i) {  // tables without data
      AIRLOCK_RETURN_IF_ERROR(keys_chunk(i));
    }

    // Foreign keys, counters, routines, views, events, triggers.
    std::string post = deferred_fks + sequences_post;
    if (o.tables.empty()) {
      AIRLOCK_RETURN_IF_ERROR(Routines(conn, post));
      AIRLOCK_RETURN_IF_ERROR(Views(conn, post));
      AIRLOCK_RETURN_IF_ERROR(Events(conn, post));
    }
    std::set<std::string> names;
    for (const auto& t : tables) names.insert(t.name);
    AIRLOCK_RETURN_IF_ERROR(Triggers(conn, names, post));
    if (!post.empty()) {
      AIRLOCK_RETURN_IF_ERROR(w.Add(ChunkKind::kPost, "", 0, post));
    }
    return w.Add(ChunkKind::kNative, "", 0,
                 "SET FOREIGN_KEY_CHECKS = 1;\n"
                 "SET UNIQUE_CHECKS = 1;\n");
  }

  Status DumpPiece(db::Connection& conn, BackupWriter& w, const Table& t,
                   const DataPiece& p, SharedProgress& progress) {
    if (t.columns.empty()) return Status::Ok();
    std::string col_list, select_list;
    for (const auto& c : t.columns) {
      col_list += (col_list.empty() ? "" : ",") + Quote(c.name);
      select_list += select_list.empty() ? "" : ",";
      select_list += c.single_float
                         ? fmt::format("CAST({} AS DOUBLE)", Quote(c.name))
                         : Quote(c.name);
    }
    std::string prefix =
        fmt::format("INSERT INTO {} ({}) VALUES\n", Quote(t.name), col_list);
    std::string body;
    body.reserve(kChunkTarget + (kChunkTarget >> 2));
    int64_t rows = 0;
    auto flush = [&]() -> Status {
      if (rows == 0) return Status::Ok();
      body += ";\n";
      Status st = w.Add(ChunkKind::kData, t.name, rows, body);
      progress.rows += rows;
      body.clear();
      rows = 0;
      return st;
    };
    Status st = conn.QueryStream(
        fmt::format("SELECT {} FROM {}{}", select_list, Quote(t.name), p.where),
        {}, [&](std::span<const db::FieldView> row) -> Status {
          size_t row_bytes = 0;
          for (const auto& f : row) row_bytes += f.bytes.size();
          if (row_bytes > kChunkTarget) {
            AIRLOCK_RETURN_IF_ERROR(flush());
            progress.rows += 1;
            return DumpBigRow(w, t, prefix, row);
          }
          if (rows == 0) {
            body += prefix;
          } else {
            body += ",\n";
          }
          body += '(';
          for (size_t i = 0; i < row.size(); ++i) {
            if (i) body += ',';
            AppendValue(body, row[i], t.columns[i].cls);
          }
          body += ')';
          ++rows;
          if (body.size() >= kChunkTarget) return flush();
          return Status::Ok();
        });
    AIRLOCK_RETURN_IF_ERROR(st);
    return flush();
  }

  // A row too large for one statement (more than kChunkTarget) is built
  // in user variables, a piece per chunk: `SET @airlock_v0_0 = x'...'`,
  // `SET @airlock_v0_1 = x'...'`, ..., then the INSERT that uses
  // `CONCAT(@airlock_v0_0, @airlock_v0_1, ...)`: the value is copied once
  // (appending to one variable piece by piece is quadratic: 19 s for a
  // 30 MB value). Every chunk of it starts with `SET @airlock_`, so restore
  // runs them in file order on one connection (InOrder); the mariadb client
  // runs the file in order anyway. Statements stay under 2.1 MB; the value
  // itself must fit max_allowed_packet (CONCAT's limit), which the
  // manifest's max_value lets restore check before dropping anything.
  // Memory: the row (the client library holds it whole) plus one piece. No
  // key needed.
  static Status DumpBigRow(BackupWriter& w, const Table& t,
                           const std::string& prefix,
                           std::span<const db::FieldView> row) {
    constexpr size_t kPiece = 1 << 20;
    uint64_t max_value = 0;
    for (size_t i = 0; i < row.size(); ++i) {
      max_value = std::max<uint64_t>(max_value, row[i].bytes.size());
    }
    int64_t rows = 1;  // counted on the first chunk
    std::string insert = "SET @airlock_row = 1;\n" + prefix + "(";
    std::string reset;
    int vars = 0;
    for (size_t i = 0; i < row.size(); ++i) {
      if (i) insert += ',';
      const db::FieldView& f = row[i];
      if (f.kind == db::Value::Kind::kNull || f.bytes.size() <= kPiece / 4 ||
          t.columns[i].cls != ColClass::kString) {
        AppendValue(insert, f, t.columns[i].cls);
        continue;
      }
      std::string concat = "CONCAT(";
      std::string_view v = f.bytes;
      bool binary = f.kind == db::Value::Kind::kBlob;
      for (int piece = 0; !v.empty(); ++piece) {
        std::string var = fmt::format("@airlock_v{}_{}", vars, piece);
        concat += (piece ? "," : "") + var;
        reset += (reset.empty() ? "SET " : ", ") + var + " = NULL";
        size_t n = std::min(v.size(), kPiece);
        // Text: never cut inside a UTF-8 sequence.
        while (!binary && n < v.size() && n > 1 &&
               (static_cast<unsigned char>(v[n]) & 0xC0) == 0x80) {
          --n;
        }
        std::string stmt = "SET " + var + " = ";
        if (binary) {
          stmt += "x'";
          AppendHex(stmt, v.substr(0, n));
          stmt += '\'';
        } else {
          AppendString(stmt, v.substr(0, n));
        }
        stmt += ";\n";
        AIRLOCK_RETURN_IF_ERROR(
            w.Add(ChunkKind::kData, t.name, rows, stmt, max_value));
        rows = 0;
        v.remove_prefix(n);
      }
      insert += concat + ")";
      ++vars;
    }
    insert += ");\n" + reset + ";\n";
    return w.Add(ChunkKind::kData, t.name, rows, insert, max_value);
  }

  // The table a `CONSTRAINT ... FOREIGN KEY (...) REFERENCES `t` (...)` line
  // of SHOW CREATE TABLE references; none when it names another database
  // (`db`.`t`) or cannot be read.
  static std::optional<std::string> ReferencedTable(std::string_view line) {
    constexpr std::string_view kRef = " REFERENCES ";
    size_t at = line.find(kRef);
    if (at == std::string_view::npos) return std::nullopt;
    at += kRef.size();
    size_t end = BacktickIdentEnd(line, at);
    if (end == std::string_view::npos ||
        (end < line.size() && line[end] == '.')) {
      return std::nullopt;
    }
    std::string name;
    for (size_t i = at + 1; i + 1 < end; ++i) {
      name += line[i];
      if (line[i] == '`') ++i;  // a doubled backtick
    }
    return name;
  }

  // Moves the secondary keys and foreign keys of a large InnoDB table out of
  // its CREATE TABLE into `keys` (`ADD KEY ..., ADD UNIQUE KEY ...`) and
  // `fks` (`ADD CONSTRAINT ... FOREIGN KEY ...`): InnoDB builds an index much
  // faster from sorted complete data, and with FOREIGN_KEY_CHECKS=0 a
  // foreign key is added without a scan. Kept inline: FULLTEXT/SPATIAL keys
  // (adding them rebuilds the table), keys starting with the AUTO_INCREMENT
  // column (the table needs one), every key of a table in `small`
  // (InlineKeysBytes), and a small table's foreign keys to small tables of
  // this database: the key such a foreign key references is inline too, so
  // it exists whenever both tables do (a foreign key to a large table waits
  // for that table's keys, at the end).
  static std::string DeferKeys(const std::string& create, const Table& t,
                               const std::set<std::string, std::less<>>& small,
                               std::string& keys, std::string& fks) {
    const bool inline_keys = small.count(t.name) > 0;
    std::vector<std::string_view> lines = SplitLines(create);
    if (lines.size() < 3 || !lines.back().starts_with(") ENGINE=InnoDB")) {
      return create;
    }
    std::string ai = t.auto_increment.empty() ? std::string()
                                              : "(" + Quote(t.auto_increment);
    std::vector<std::string_view> kept;
    for (size_t i = 1; i + 1 < lines.size(); ++i) {
      std::string_view line = lines[i];
      if (line.ends_with(",")) line.remove_suffix(1);
      std::string_view body =
          line.substr(std::min(line.find_first_not_of(' '), line.size()));
      bool key = body.starts_with("KEY ") || body.starts_with("UNIQUE KEY ");
      bool fk = body.starts_with("CONSTRAINT ") &&
                body.find(" FOREIGN KEY ") != std::string_view::npos;
      if (inline_keys) {
        key = false;
        if (fk) {
          std::optional<std::string> parent = ReferencedTable(body);
          fk = !parent || !small.count(*parent);
        }
      }
      if (key && !ai.empty()) {
        size_t open = body.find(" (");
        if (open != std::string_view::npos) {
          std::string_view cols = body.substr(open + 1);
          if (cols.starts_with(ai + ")") || cols.starts_with(ai + ",")) {
            key = false;
          }
        }
      }
      if (key || fk) {
        std::string& to = key ? keys : fks;
        to += (to.empty() ? "ADD " : ",\n  ADD ") + std::string(body);
      } else {
        kept.push_back(line);
      }
    }
    if (keys.empty() && fks.empty()) return create;
    std::string out = std::string(lines.front()) + "\n";
    for (size_t i = 0; i < kept.size(); ++i) {
      out += kept[i];
      out += i + 1 < kept.size() ? ",\n" : "\n";
    }
    return out.append(lines.back());
  }

  // One compound statement with its own sql_mode, for the mariadb client too.
  static void AppendCompound(std::string& post, const std::string& sql_mode,
                             const std::string& drop,
                             const std::string& create) {
    post += fmt::format(
        "SET SESSION sql_mode = {};\n{};\nDELIMITER ;;\n{};;\nDELIMITER ;\n"
        "SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO';\n",
        StringLiteral(sql_mode), drop, create);
  }

  Status Routines(db::Connection& conn, std::string& post) {
    AIRLOCK_ASSIGN_OR_RETURN(
        db::Rows list,
        conn.Query("SELECT ROUTINE_NAME, ROUTINE_TYPE FROM "
                   "information_schema.ROUTINES WHERE ROUTINE_SCHEMA = "
                   "DATABASE() ORDER BY ROUTINE_TYPE, ROUTINE_NAME"));
    for (const auto& row : list.rows) {
      std::string name = row[0].AsText();
      std::string type =
          row[1].AsText() == "FUNCTION" ? "FUNCTION" : "PROCEDURE";
      AIRLOCK_ASSIGN_OR_RETURN(
          db::Rows r,
          conn.Query(fmt::format("SHOW CREATE {} {}", type, Quote(name))));
      int ci = r.ColumnIndex(type == "FUNCTION" ? "Create Function"
                                                : "Create Procedure");
      int mi = r.ColumnIndex("sql_mode");
      if (r.rows.empty() || ci < 0 || r.rows[0][ci].is_null()) {
        return Status::Error(fmt::format(
            "SHOW CREATE {} {} returned no definition (missing privilege?)",
            type, Quote(name)));
      }
      AppendCompound(post, mi >= 0 ? r.rows[0][mi].AsText() : "",
                     fmt::format("DROP {} IF EXISTS {}", type, Quote(name)),
                     StripDefiner(r.rows[0][ci].AsText()));
    }
    return Status::Ok();
  }

  Status Views(db::Connection& conn, std::string& post) {
    AIRLOCK_ASSIGN_OR_RETURN(
        db::Rows list,
        conn.Query("SELECT TABLE_NAME FROM information_schema.VIEWS WHERE "
                   "TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME"));
    std::vector<std::pair<std::string, std::string>> views;
    for (const auto& row : list.rows) {
      std::string name = row[0].AsText();
      AIRLOCK_ASSIGN_OR_RETURN(std::string create,
                               ShowCreate(conn, "VIEW", name, "Create View"));
      views.emplace_back(name, StripDefiner(create));
    }
    // Dependency order: a view after the views its definition names.
    std::vector<bool> done(views.size(), false);
    size_t left = views.size();
    while (left > 0) {
      bool progressed = false;
      for (size_t i = 0; i < views.size(); ++i) {
        if (done[i]) continue;
        bool ready = true;
        for (size_t j = 0; j < views.size() && ready; ++j) {
          if (j == i || done[j]) continue;
          size_t as = views[i].second.find(" AS ");
          if (views[i].second.find(Quote(views[j].first), as) !=
              std::string::npos) {
            ready = false;
          }
        }
        if (!ready) continue;
        post += fmt::format(
            "DROP TABLE IF EXISTS {0};\nDROP VIEW IF EXISTS "
            "{0};\n{1};\n",
            Quote(views[i].first), views[i].second);
        done[i] = true;
        --left;
        progressed = true;
      }
      if (!progressed) {
        // A cycle cannot exist; keep whatever order is left.
        for (size_t i = 0; i < views.size(); ++i) {
          if (!done[i]) {
            post += fmt::format("DROP VIEW IF EXISTS {};\n{};\n",
                                Quote(views[i].first), views[i].second);
            done[i] = true;
          }
        }
        left = 0;
      }
    }
    return Status::Ok();
  }

  // Events, each in its own time zone (their times are written in it).
  Status Events(db::Connection& conn, std::string& post) {
    AIRLOCK_ASSIGN_OR_RETURN(
        db::Rows list,
        conn.Query("SELECT EVENT_NAME FROM information_schema.EVENTS WHERE "
                   "EVENT_SCHEMA = DATABASE() ORDER BY EVENT_NAME"));
    for (const auto& row : list.rows) {
      std::string name = row[0].AsText();
      AIRLOCK_ASSIGN_OR_RETURN(
          db::Rows r,
          conn.Query(fmt::format("SHOW CREATE EVENT {}", Quote(name))));
      int ci = r.ColumnIndex("Create Event");
      int mi = r.ColumnIndex("sql_mode");
      int zi = r.ColumnIndex("time_zone");
      if (r.rows.empty() || ci < 0 || r.rows[0][ci].is_null()) {
        return Status::Error(fmt::format(
            "SHOW CREATE EVENT {} returned no definition (missing privilege?)",
            Quote(name)));
      }
      post += fmt::format(
          "SET SESSION time_zone = {};\n",
          StringLiteral(zi >= 0 ? r.rows[0][zi].AsText() : "+00:00"));
      AppendCompound(post, mi >= 0 ? r.rows[0][mi].AsText() : "",
                     fmt::format("DROP EVENT IF EXISTS {}", Quote(name)),
                     StripDefiner(r.rows[0][ci].AsText()));
      post += "SET SESSION time_zone = '+00:00';\n";
    }
    return Status::Ok();
  }

  Status Triggers(db::Connection& conn, const std::set<std::string>& tables,
                  std::string& post) {
    AIRLOCK_ASSIGN_OR_RETURN(
        db::Rows list,
        conn.Query("SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE FROM "
                   "information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = "
                   "DATABASE() ORDER BY EVENT_OBJECT_TABLE, ACTION_ORDER"));
    for (const auto& row : list.rows) {
      if (!tables.count(row[1].AsText())) continue;
      std::string name = row[0].AsText();
      AIRLOCK_ASSIGN_OR_RETURN(
          db::Rows r,
          conn.Query(fmt::format("SHOW CREATE TRIGGER {}", Quote(name))));
      int ci = r.ColumnIndex("SQL Original Statement");
      int mi = r.ColumnIndex("sql_mode");
      if (r.rows.empty() || ci < 0) {
        return Status::Error(
            fmt::format("SHOW CREATE TRIGGER {} returned nothing", name));
      }
      AppendCompound(post, mi >= 0 ? r.rows[0][mi].AsText() : "",
                     fmt::format("DROP TRIGGER IF EXISTS {}", Quote(name)),
                     StripDefiner(r.rows[0][ci].AsText()));
    }
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<DialectDump> MakeMysqlDump() {
  return std::make_unique<MysqlDump>();
}

}  // namespace airlock::backup
