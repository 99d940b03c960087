// SQLite backup and restore.
//
// Consistency: the whole dump runs in one read transaction (a WAL snapshot,
// or a shared lock that holds writers back in rollback-journal mode).
// Fidelity: every value keeps its storage class: integers as decimal,
// reals with their shortest exact form (always with a `.`/exponent so they
// stay REAL), text quoted (CAST(X'..' AS TEXT) when it contains NUL bytes),
// blobs as X'..', NULL as NULL. Generated columns are not inserted.
// Restore runs in one write transaction that also drops the old objects, so
// a failed restore leaves the database as it was.
#include <fmt/format.h>

#include <cmath>
#include <set>

#include "backup/dialect_dump.h"
#include "backup/messages.h"

namespace airlock::backup {
namespace {

std::string Quote(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
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

void AppendValue(std::string& out, const db::FieldView& f) {
  switch (f.kind) {
    case db::Value::Kind::kNull:
      out += "NULL";
      return;
    case db::Value::Kind::kInt:
      fmt::format_to(std::back_inserter(out), "{}", f.int_value);
      return;
    case db::Value::Kind::kReal: {
      double d = f.real_value;
      if (std::isinf(d)) {
        out += d > 0 ? "9e999" : "-9e999";
        return;
      }
      if (std::isnan(d)) {
        out += "NULL";
        return;
      }
      size_t at = out.size();
      fmt::format_to(std::back_inserter(out), "{}", d);
      if (out.find_first_of(".eEn", at) == std::string::npos) out += ".0";
      return;
    }
    case db::Value::Kind::kBlob:
      out += "X'";
      AppendHex(out, f.bytes);
      out += '\'';
      return;
    case db::Value::Kind::kText:
      if (f.bytes.find('\0') != std::string_view::npos) {
        out += "CAST(X'";
        AppendHex(out, f.bytes);
        out += "' AS TEXT)";
        return;
      }
      out += '\'';
      for (char c : f.bytes) {
        if (c == '\'') out += '\'';
        out += c;
      }
      out += '\'';
      return;
  }
}

struct TableDef {
  std::string name;
  std::string sql;
};

class SqliteDump : public DialectDump {
 public:
  Status Dump(db::Connection& conn, BackupWriter& w, const BackupOptions& o,
              SharedProgress& progress) override {
    AIRLOCK_RETURN_IF_ERROR(conn.Begin());
    Status st = DumpInTransaction(conn, w, o, progress);
    conn.Rollback();
    return st;
  }

  Status BeginRestore(db::Connection& conn) override {
    AIRLOCK_RETURN_IF_ERROR(conn.ExecuteScript("PRAGMA foreign_keys=OFF"));
    AIRLOCK_RETURN_IF_ERROR(conn.ExecuteScript("BEGIN IMMEDIATE"));
    // Drop the old objects inside the same transaction.
    AIRLOCK_ASSIGN_OR_RETURN(
        db::Rows objects,
        conn.Query("SELECT type, name FROM sqlite_master WHERE type IN "
                   "('view','trigger','table') AND name NOT LIKE 'sqlite_%' "
                   "ORDER BY CASE type WHEN 'view' THEN 0 WHEN 'trigger' "
                   "THEN 1 ELSE 2 END, name"));
    std::string script;
    for (const auto& row : objects.rows) {
      std::string type = row[0].AsText();
      script += fmt::format("DROP {} IF EXISTS {};\n",
                            type == "table"  ? "TABLE"
                            : type == "view" ? "VIEW"
                                             : "TRIGGER",
                            Quote(row[1].AsText()));
    }
    AIRLOCK_ASSIGN_OR_RETURN(
        db::Rows seq, conn.Query("SELECT 1 FROM sqlite_master WHERE name = "
                                 "'sqlite_sequence'"));
    if (!seq.rows.empty()) script += "DELETE FROM sqlite_sequence;\n";
    Status st = conn.ExecuteScript(script);
    if (!st.ok()) conn.Rollback();
    return st;
  }

  Status EndRestore(db::Connection& conn) override { return conn.Commit(); }

  void AbortRestore(db::Connection& conn) override { conn.Rollback(); }
  bool AtomicRestore() const override { return true; }

 private:
  Status DumpInTransaction(db::Connection& conn, BackupWriter& w,
                           const BackupOptions& o, SharedProgress& progress) {
    AIRLOCK_ASSIGN_OR_RETURN(
        db::Rows master,
        conn.Query("SELECT type, name, tbl_name, sql FROM sqlite_master "
                   "WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' "
                   "ORDER BY rowid"));
    std::vector<TableDef> tables;
    std::vector<std::string> post;  // indexes, views, triggers
    std::set<std::string> wanted(o.tables.begin(), o.tables.end());
    std::set<std::string> found;
    std::string all_names;
    for (const auto& row : master.rows) {
      std::string type = row[0].AsText();
      std::string name = row[1].AsText();
      std::string tbl = row[2].AsText();
      if (type == "table") {
        all_names += (all_names.empty() ? "" : ", ") + name;
        if (!wanted.empty() && !wanted.count(name)) continue;
        found.insert(name);
        tables.push_back({name, row[3].AsText()});
      } else if (wanted.empty() || wanted.count(tbl)) {
        post.push_back(row[3].AsText());
      }
    }
    std::string missing;
    for (const auto& t : wanted) {
      if (!found.count(t)) missing += (missing.empty() ? "" : ", ") + t;
    }
    if (!missing.empty()) {
      return Status::Error(fmt::format(msg::kNoSuchTables, missing, all_names));
    }
    progress.tables_total = tables.size();

    AIRLOCK_RETURN_IF_ERROR(w.Add(ChunkKind::kNative, "", 0,
                                  "PRAGMA foreign_keys=OFF;\n"
                                  "BEGIN TRANSACTION;\n"));
    for (const auto& t : tables) {
      AIRLOCK_RETURN_IF_ERROR(
          w.Add(ChunkKind::kSchema, t.name, 0, t.sql + ";\n"));
    }
    for (const auto& t : tables) {
      AIRLOCK_RETURN_IF_ERROR(DumpTable(conn, w, t, progress));
      ++progress.tables_done;
    }
    std::string post_sql;
    for (const auto& s : post) post_sql += s + ";\n";
    AIRLOCK_ASSIGN_OR_RETURN(
        db::Rows has_seq, conn.Query("SELECT 1 FROM sqlite_master WHERE name = "
                                     "'sqlite_sequence'"));
    if (!has_seq.rows.empty()) {
      AIRLOCK_ASSIGN_OR_RETURN(
          db::Rows seq, conn.Query("SELECT name, seq FROM sqlite_sequence"));
      std::string values;
      for (const auto& row : seq.rows) {
        if (!found.count(row[0].AsText())) continue;
        values += fmt::format(
            "{}('{}',{})", values.empty() ? "" : ",",
            [&] {
              std::string n;
              for (char c : row[0].AsText()) {
                if (c == '\'') n += '\'';
                n += c;
              }
              return n;
            }(),
            row[1].AsText());
      }
      if (!values.empty()) {
        post_sql += "DELETE FROM sqlite_sequence;\n";
        post_sql +=
            "INSERT INTO sqlite_sequence(name,seq) VALUES" + values + ";\n";
      }
    }
    AIRLOCK_ASSIGN_OR_RETURN(db::Rows uv, conn.Query("PRAGMA user_version"));
    if (!uv.rows.empty() && uv.rows[0][0].AsText() != "0") {
      post_sql += "PRAGMA user_version=" + uv.rows[0][0].AsText() + ";\n";
    }
    if (!post_sql.empty()) {
      AIRLOCK_RETURN_IF_ERROR(w.Add(ChunkKind::kPost, "", 0, post_sql));
    }
    return w.Add(ChunkKind::kNative, "", 0, "COMMIT;\n");
  }

  Status DumpTable(db::Connection& conn, BackupWriter& w, const TableDef& t,
                   SharedProgress& progress) {
    if (t.sql.starts_with("CREATE VIRTUAL")) return Status::Ok();
    AIRLOCK_ASSIGN_OR_RETURN(
        db::Rows cols,
        conn.Query(fmt::format("PRAGMA table_xinfo({})", Quote(t.name))));
    int name_col = cols.ColumnIndex("name");
    int hidden_col = cols.ColumnIndex("hidden");
    std::string col_list;
    for (const auto& c : cols.rows) {
      if (hidden_col >= 0 && c[hidden_col].AsText() != "0") continue;
      col_list += (col_list.empty() ? "" : ",") + Quote(c[name_col].AsText());
    }
    std::string prefix =
        fmt::format("INSERT INTO {} ({}) VALUES\n", Quote(t.name), col_list);
    std::string body;
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
        fmt::format("SELECT {} FROM {}", col_list, Quote(t.name)), {},
        [&](std::span<const db::FieldView> row) -> Status {
          body += rows == 0 ? prefix : std::string(",\n");
          body += '(';
          for (size_t i = 0; i < row.size(); ++i) {
            if (i) body += ',';
            AppendValue(body, row[i]);
          }
          body += ')';
          ++rows;
          if (body.size() >= kChunkTarget) return flush();
          return Status::Ok();
        });
    AIRLOCK_RETURN_IF_ERROR(st);
    return flush();
  }
};

}  // namespace

std::unique_ptr<DialectDump> MakeSqliteDump() {
  return std::make_unique<SqliteDump>();
}

}  // namespace airlock::backup
