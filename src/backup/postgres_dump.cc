// PostgreSQL backup and restore (the connection's schema, as Prisma uses one).
//
// Consistency: the main connection opens REPEATABLE READ READ ONLY and
// exports its snapshot (pg_export_snapshot); every worker imports it with
// SET TRANSACTION SNAPSHOT, so all tables are read as of one instant while
// the application keeps writing. Sequence values are read in the same
// transaction (sequences are not transactional: a value may be ahead of the
// rows, never behind).
//
// Schema, as pg_dump orders it: enum types, standalone/serial sequences,
// tables with columns (types, defaults, NOT NULL, identity, generated) and
// CHECK constraints; after the data: primary keys, unique and exclusion
// constraints, other indexes, foreign keys (validated once, on complete
// data), views, functions, triggers, sequence values and ownership. Names
// are unqualified so the file restores into the target's search_path.
// Data: COPY ... FROM stdin blocks of ~1 MB in COPY text format, which is
// exact for every type (extra_float_digits 3, UTC, ISO dates). `psql -f`
// runs the file as it is; airlock restore sends each block with libpq's
// COPY API on parallel connections.
#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "backup/dialect_dump.h"
#include "backup/messages.h"
#include "db/postgres_connection.h"

namespace airlock::backup {
namespace {

constexpr const char* kSessionSettings[] = {
    "SET client_encoding = 'UTF8'",     "SET standard_conforming_strings = on",
    "SET extra_float_digits = 3",       "SET DateStyle = 'ISO, YMD'",
    "SET IntervalStyle = 'postgres'",   "SET TimeZone = 'UTC'",
    "SET client_min_messages = warning"};

std::string Quote(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string Literal(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

Status Exec(db::Connection& conn, std::string_view sql) {
  auto r = conn.Execute(sql);
  return r.ok() ? Status::Ok() : r.status();
}

Status Session(db::Connection& conn) {
  for (const char* s : kSessionSettings) {
    AIRLOCK_RETURN_IF_ERROR(Exec(conn, s));
  }
  return Status::Ok();
}

// Removes "<schema>." after `before` (pg_get_*def qualify some names).
std::string Unqualify(std::string sql, const std::string& qschema,
                      std::string_view before) {
  std::string needle = std::string(before) + qschema + ".";
  size_t at = 0;
  while ((at = sql.find(needle, at)) != std::string::npos) {
    sql.erase(at + before.size(), qschema.size() + 1);
    at += before.size();
  }
  return sql;
}

// `COMMENT ON ...;` for the schema's ($1) objects other than tables and
// columns, each with the oid of its table (NULL when it belongs to none):
// indexes, views, sequences, constraints, domains and their constraints,
// enum and composite types, functions and procedures, triggers.
constexpr const char* kCommentsQuery = R"sql(
WITH ns AS (SELECT oid FROM pg_namespace WHERE nspname = $1),
d AS (SELECT classoid, objoid, description FROM pg_description
      WHERE objsubid = 0)
SELECT tbl, stmt FROM (
  SELECT i.indrelid::text AS tbl, 1 AS o, c.relname::text AS name,
    format('COMMENT ON INDEX %I IS %L;', c.relname, d.description) AS stmt
  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
  JOIN d ON d.classoid = 'pg_class'::regclass AND d.objoid = c.oid
  WHERE c.relnamespace = (SELECT oid FROM ns)
  UNION ALL
  SELECT NULL, 2, c.relname::text, format('COMMENT ON %s %I IS %L;',
    CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
    ELSE 'SEQUENCE' END, c.relname, d.description)
  FROM pg_class c
  JOIN d ON d.classoid = 'pg_class'::regclass AND d.objoid = c.oid
  WHERE c.relnamespace = (SELECT oid FROM ns) AND c.relkind IN ('v', 'm', 'S')
  UNION ALL
  SELECT co.conrelid::text, 3, co.conname::text,
    format('COMMENT ON CONSTRAINT %I ON %I IS %L;', co.conname, c.relname,
           d.description)
  FROM pg_constraint co JOIN pg_class c ON c.oid = co.conrelid
  JOIN d ON d.classoid = 'pg_constraint'::regclass AND d.objoid = co.oid
  WHERE c.relnamespace = (SELECT oid FROM ns) AND co.conparentid = 0
  UNION ALL
  SELECT NULL, 4, co.conname::text,
    format('COMMENT ON CONSTRAINT %I ON DOMAIN %I IS %L;', co.conname,
           t.typname, d.description)
  FROM pg_constraint co JOIN pg_type t ON t.oid = co.contypid
  JOIN d ON d.classoid = 'pg_constraint'::regclass AND d.objoid = co.oid
  WHERE t.typnamespace = (SELECT oid FROM ns)
  UNION ALL
  SELECT NULL, 5, t.typname::text, format('COMMENT ON %s %I IS %L;',
    CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, t.typname,
    d.description)
  FROM pg_type t JOIN d ON d.classoid = 'pg_type'::regclass AND d.objoid = t.oid
  WHERE t.typnamespace = (SELECT oid FROM ns) AND (t.typtype IN ('e', 'd') OR
    (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid)
     = 'c'))
  UNION ALL
  SELECT NULL, 6, p.proname::text, format('COMMENT ON %s %I(%s) IS %L;',
    CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END, p.proname,
    pg_get_function_identity_arguments(p.oid), d.description)
  FROM pg_proc p JOIN d ON d.classoid = 'pg_proc'::regclass AND d.objoid = p.oid
  WHERE p.pronamespace = (SELECT oid FROM ns) AND p.prokind IN ('f', 'p')
    AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.objid = p.oid
                    AND e.deptype = 'e')
  UNION ALL
  SELECT tg.tgrelid::text, 7, tg.tgname::text,
    format('COMMENT ON TRIGGER %I ON %I IS %L;', tg.tgname, c.relname,
           d.description)
  FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid
  JOIN d ON d.classoid = 'pg_trigger'::regclass AND d.objoid = tg.oid
  WHERE c.relnamespace = (SELECT oid FROM ns) AND NOT tg.tgisinternal
    AND tg.tgparentid = 0
) x ORDER BY o, name, stmt
)sql";

struct Table {
  std::string oid;
  std::string name;
  int64_t estimate = 0;
  std::string columns;  // quoted, comma-separated, generated ones left out
  std::vector<std::string> types;  // format_type() of each of `columns`
  int64_t bytes = 0;
  std::string int_key;       // a single integer primary key column, quoted
  bool partitioned = false;  // relkind 'p': no rows of its own
  std::string parent;        // the partitioned table, for a partition
  std::string partkey;       // PARTITION BY ... of a partitioned table
  std::string bound;         // FOR VALUES ... / DEFAULT of a partition
  std::string comment;
  int level = 0;  // partition nesting depth
};

class PostgresDump : public DialectDump {
 public:
  Status Dump(db::Connection& conn, BackupWriter& w, const BackupOptions& o,
              SharedProgress& progress) override {
    AIRLOCK_RETURN_IF_ERROR(Session(conn));
    AIRLOCK_RETURN_IF_ERROR(
        Exec(conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
    Status st = DumpInSnapshot(conn, w, o, progress);
    conn.Rollback();
    return st;
  }

  Status BeginRestore(db::Connection& conn) override {
    AIRLOCK_RETURN_IF_ERROR(Session(conn));
    // The schema is dropped and created again: its owner, grants (the
    // application's role may only have USAGE through them) and comment are
    // put back as they were.
    AIRLOCK_ASSIGN_OR_RETURN(
        db::Rows sc,
        conn.Query(
            "SELECT format('ALTER SCHEMA %I OWNER TO %s;', n.nspname, "
            "n.nspowner::regrole) || COALESCE(format(E'\\nCOMMENT ON SCHEMA "
            "%I IS %L;', n.nspname, obj_description(n.oid, 'pg_namespace')), "
            "'') || COALESCE((SELECT string_agg(format(E'\\nGRANT %s ON "
            "SCHEMA %I TO %s%s;', a.privilege_type, n.nspname, CASE WHEN "
            "a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid("
            "a.grantee)) END, CASE WHEN a.is_grantable THEN ' WITH GRANT "
            "OPTION' ELSE '' END), '') FROM aclexplode(n.nspacl) a WHERE "
            "a.grantee <> n.nspowner), '') FROM pg_namespace n WHERE "
            "n.nspname = current_schema()"));
    AIRLOCK_RETURN_IF_ERROR(conn.DropAllObjects());
    if (!sc.rows.empty()) {
      AIRLOCK_RETURN_IF_ERROR(conn.ExecuteScript(sc.rows[0][0].AsText()));
    }
    return Status::Ok();
  }

  Status BeginWorker(db::Connection& conn) override {
    AIRLOCK_RETURN_IF_ERROR(Session(conn));
    return Exec(conn, "SET synchronous_commit = off");
  }

  Status LoadChunk(db::Connection& conn, const Chunk& chunk) override {
    if (chunk.header.kind != ChunkKind::kData) {
      return conn.ExecuteScript(chunk.body);
    }
    std::string_view body = chunk.body;
    size_t nl = body.find('\n');
    std::string_view copy = body.substr(0, nl);
    while (!copy.empty() && copy.back() == ';') copy.remove_suffix(1);
    std::string_view data = body.substr(nl + 1);
    if (data.ends_with("\\.\n")) data.remove_suffix(3);
    return db::PostgresCopyIn(conn, copy, data);
  }

  bool InOrder(const Chunk& chunk) const override {
    return chunk.header.kind == ChunkKind::kData &&
           chunk.body.starts_with("SET airlock.");
  }
  Status LoadOrdered(db::Connection& conn, const Chunk& chunk) override {
    return conn.ExecuteScript(chunk.body);
  }

  Status EndRestore(db::Connection& conn) override { return Status::Ok(); }

  bool ParallelLoad() const override { return true; }

 private:
  Status DumpInSnapshot(db::Connection& conn, BackupWriter& w,
                        const BackupOptions& o, SharedProgress& progress) {
    AIRLOCK_ASSIGN_OR_RETURN(db::Rows sn,
                             conn.Query("SELECT pg_export_snapshot(), "
                                        "current_schema(), "
                                        "quote_ident(current_schema())"));
    std::string snapshot = sn.rows.at(0).at(0).AsText();
    std::string schema = sn.rows.at(0).at(1).AsText();
    std::string qschema = sn.rows.at(0).at(2).AsText();
    db::Value ns = db::Value::Text(schema);

    // Tables.
    AIRLOCK_ASSIGN_OR_RETURN(
        db::Rows list,
        conn.Query("SELECT c.oid::text, c.relname, GREATEST(c.reltuples, 0)"
                   "::bigint, pg_relation_size(c.oid), (SELECT "
                   "quote_ident(a.attname) FROM pg_constraint k JOIN "
                   "pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = "
                   "k.conkey[1] WHERE k.conrelid = c.oid AND k.contype = 'p' "
                   "AND cardinality(k.conkey) = 1 AND a.atttypid IN (20, 21, "
                   "23)), c.relkind::text, CASE WHEN c.relkind = 'p' THEN "
                   "pg_get_partkeydef(c.oid) END, CASE WHEN c.relispartition "
                   "THEN pg_get_expr(c.relpartbound, c.oid) END, (SELECT "
                   "p.relname FROM pg_inherits i JOIN pg_class p ON p.oid = "
                   "i.inhparent WHERE i.inhrelid = c.oid AND "
                   "c.relispartition), obj_description(c.oid, 'pg_class') "
                   "FROM pg_class c JOIN pg_namespace n ON n.oid = "
                   "c.relnamespace WHERE n.nspname = $1 AND c.relkind IN "
                   "('r', 'p') ORDER BY c.relname",
                   {ns}));
    std::set<std::string> wanted(o.tables.begin(), o.tables.end());
    std::set<std::string> found;
    std::string all_names;
    std::deque<Table> tables;
    // A partition comes with its partitioned table (--tables names roots).
    std::map<std::string, std::string> parent_of;
    for (const auto& row : list.rows) {
      if (!row[8].is_null()) parent_of[row[1].AsText()] = row[8].AsText();
    }
    auto root_wanted = [&](std::string name) {
      for (int depth = 0; depth < 64; ++depth) {
        if (wanted.count(name)) return true;
        auto it = parent_of.find(name);
        if (it == parent_of.end()) return false;
        name = it->second;
      }
      return false;
    };
    for (const auto& row : list.rows) {
      std::string name = row[1].AsText();
      all_names += (all_names.empty() ? "" : ", ") + name;
      if (!wanted.empty() && !root_wanted(name)) continue;
      found.insert(name);
      Table& t = tables.emplace_back();
      t.oid = row[0].AsText();
      t.name = name;
      t.estimate = row[2].AsInt().value_or(0);
      t.bytes = row[3].AsInt().value_or(0);
      t.int_key = row[4].AsText();
      t.partitioned = row[5].AsText() == "p";
      t.partkey = row[6].AsText();
      t.bound = row[7].AsText();
      t.parent = row[8].AsText();
      t.comment = row[9].AsText();
      std::string up = t.parent;
      for (int depth = 0; !up.empty() && depth < 64; ++depth) {
        ++t.level;
        auto it = parent_of.find(up);
        up = it == parent_of.end() ? "" : it->second;
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
    for (const auto& t : tables) progress.rows_estimate += t.estimate;
    std::set<std::string> table_oids;
    for (const auto& t : tables) table_oids.insert(t.oid);

    std::string prologue;
    for (const char* s : kSessionSettings) prologue += std::string(s) + ";\n";
    prologue += "SET check_function_bodies = false;\n";
    std::string schema_sql;
    // Keys and indexes per table (restore builds them in parallel).
    // Table name -> its post chunks: one statement each (an index build),
    // so that restore builds a table's indexes in parallel.
    std::map<std::string, std::vector<std::string>> post_table;
    // Primary keys and unique constraints made from those indexes.
    std::string post_attach;
    std::string post_comments;
    std::string post_fks, post_views, post_functions, post_triggers,
        post_sequences;

    // Extensions (their objects are theirs: not dumped one by one).
    AIRLOCK_ASSIGN_OR_RETURN(
        db::Rows exts,
        conn.Query("SELECT quote_ident(e.extname), n.nspname, "
                   "quote_ident(n.nspname) FROM pg_extension e JOIN "
                   "pg_namespace n ON n.oid = e.extnamespace WHERE e.extname "
                   "<> 'plpgsql' ORDER BY e.oid"));
    for (const auto& row : exts.rows) {
      if (row[1].AsText() == schema) {
        schema_sql += fmt::format("CREATE EXTENSION IF NOT EXISTS {};\n",
                                  row[0].AsText());
      } else {
        schema_sql += fmt::format(
            "CREATE SCHEMA IF NOT EXISTS {1};\nCREATE EXTENSION IF NOT EXISTS "
            "{0} WITH SCHEMA {1};\n",
            row[0].AsText(), row[2].AsText());
      }
    }

    // Types of the schema (columns may use them), in creation order: enums,
    // domains (base type, default, NOT NULL, CHECKs) and composite types.
    AIRLOCK_ASSIGN_OR_RETURN(
        db::Rows types,
        conn.Query(
            "SELECT quote_ident(t.typname), t.typtype::text, CASE t.typtype "
            "WHEN 'e' THEN (SELECT string_agg(quote_literal(e.enumlabel), ', ' "
            "ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = "
            "t.oid) WHEN 'd' THEN format_type(t.typbasetype, t.typtypmod) ELSE "
            "(SELECT string_agg(quote_ident(a.attname) || ' ' || "
            "format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attcollation "
            "<> 0 AND a.attcollation <> (SELECT b.typcollation FROM pg_type b "
            "WHERE b.oid = a.atttypid) THEN ' COLLATE ' || (SELECT "
            "quote_ident(collname) FROM pg_collation WHERE oid = "
            "a.attcollation) ELSE '' END, ', ' ORDER BY a.attnum) FROM "
            "pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND "
            "NOT a.attisdropped) END, CASE WHEN t.typtype = 'd' AND "
            "t.typcollation <> 0 AND t.typcollation <> (SELECT b.typcollation "
            "FROM pg_type b WHERE b.oid = t.typbasetype) THEN (SELECT "
            "quote_ident(collname) FROM pg_collation WHERE oid = "
            "t.typcollation) END, t.typdefault, t.typnotnull, (SELECT "
            "string_agg(' CONSTRAINT ' || quote_ident(k.conname) || ' ' || "
            "pg_get_constraintdef(k.oid), '' ORDER BY k.conname) FROM "
            "pg_constraint k WHERE k.contypid = t.oid AND k.contype = 'c') "
            "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
            "WHERE n.nspname = $1 AND (t.typtype IN ('e', 'd') OR (t.typtype = "
            "'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = "
            "'c')) AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = "
            "'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e') "
            "ORDER BY t.oid",
            {ns}));
    // For `psql -f` into a database that has them: views, tables,
    // sequences, types.
    std::string drops, drop_tables, drop_types;
    for (const auto& row : types.rows) {
      std::string name = row[0].AsText();
      std::string kind = row[1].AsText();
      if (kind == "e") {
        schema_sql += fmt::format("CREATE TYPE {} AS ENUM ({});\n", name,
                                  row[2].AsText());
      } else if (kind == "c") {
        schema_sql +=
            fmt::format("CREATE TYPE {} AS ({});\n", name, row[2].AsText());
      } else {
        std::string def =
            fmt::format("CREATE DOMAIN {} AS {}", name, row[2].AsText());
        if (!row[3].is_null()) def += " COLLATE " + row[3].AsText();
        if (!row[4].is_null()) def += " DEFAULT " + row[4].AsText();
        if (row[5].AsText() == "true") def += " NOT NULL";
        def += row[6].AsText();
        schema_sql += def + ";\n";
      }
      drop_types = fmt::format("DROP {} IF EXISTS {} CASCADE;\n",
                               kind == "d" ? "DOMAIN" : "TYPE", name) +
                   drop_types;
    }

    // Sequences: identity ones come with their column; the others are
    // created here, and every value is set after the data.
    AIRLOCK_ASSIGN_OR_RETURN(
        db::Rows seqs,
        conn.Query(
            "SELECT s.relname, format_type(q.seqtypid, NULL), q.seqstart, "
            "q.seqincrement, q.seqmin, q.seqmax, q.seqcache, q.seqcycle, "
            "d.deptype, d.refobjid::text, a.attname FROM pg_class s JOIN "
            "pg_namespace n ON n.oid = s.relnamespace JOIN pg_sequence q ON "
            "q.seqrelid = s.oid LEFT JOIN pg_depend d ON d.classid = "
            "'pg_class'::regclass AND d.objid = s.oid AND d.refclassid = "
            "'pg_class'::regclass AND d.deptype IN ('a', 'i') LEFT JOIN "
            "pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = "
            "d.refobjsubid WHERE n.nspname = $1 AND s.relkind = 'S' ORDER BY "
            "s.relname",
            {ns}));
    std::map<std::string, std::string> identity_options;  // "oid/col" -> opts
    for (const auto& row : seqs.rows) {
      std::string name = row[0].AsText();
      std::string owner = row[9].AsText();
      bool owned = !row[8].is_null();
      if (owned && !table_oids.count(owner)) continue;
      if (!owned && !wanted.empty()) continue;
      std::string options = fmt::format(
          "START WITH {} INCREMENT BY {} MINVALUE {} MAXVALUE {} CACHE {}{}",
          row[2].AsText(), row[3].AsText(), row[4].AsText(), row[5].AsText(),
          row[6].AsText(), row[7].AsText() == "true" ? " CYCLE" : "");
      std::string qname = Quote(name);
      if (row[8].AsText() == "i") {
        identity_options[owner + "/" + row[10].AsText()] =
            fmt::format("SEQUENCE NAME {} {}", qname, options);
      } else {
        schema_sql += fmt::format("CREATE SEQUENCE {} AS {} {};\n", qname,
                                  row[1].AsText(), options);
        drop_types =
            fmt::format("DROP SEQUENCE IF EXISTS {} CASCADE;\n", qname) +
            drop_types;
      }
      AIRLOCK_ASSIGN_OR_RETURN(
          db::Rows v, conn.Query(fmt::format(
                          "SELECT last_value, is_called FROM {}", qname)));
      post_sequences +=
          fmt::format("SELECT pg_catalog.setval({}, {}, {});\n", Literal(qname),
                      v.rows.at(0).at(0).AsText(),
                      v.rows.at(0).at(1).AsText() == "true" ? "true" : "false");
      if (row[8].AsText() == "a") {
        std::string table;
        for (const auto& t : tables) {
          if (t.oid == owner) table = t.name;
        }
        post_sequences +=
            fmt::format("ALTER SEQUENCE {} OWNED BY {}.{};\n", qname,
                        Quote(table), Quote(row[10].AsText()));
      }
    }

    // Tables: columns and CHECK constraints; the rest after the data.
    AIRLOCK_ASSIGN_OR_RETURN(
        db::Rows cols,
        conn.Query(
            "SELECT a.attrelid::text, a.attname, format_type(a.atttypid, "
            "a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid), "
            "a.attidentity, a.attgenerated, CASE WHEN a.attcollation <> "
            "t.typcollation AND a.attcollation <> 0 THEN (SELECT "
            "quote_ident(collname) FROM pg_collation WHERE oid = "
            "a.attcollation) END, col_description(a.attrelid, a.attnum) "
            "FROM pg_attribute a JOIN pg_class c ON c.oid "
            "= a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace JOIN "
            "pg_type t ON t.oid = a.atttypid LEFT JOIN pg_attrdef d ON "
            "d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE n.nspname = "
            "$1 AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT "
            "a.attisdropped ORDER BY a.attrelid, a.attnum",
            {ns}));
    AIRLOCK_ASSIGN_OR_RETURN(
        db::Rows cons,
        conn.Query("SELECT co.conrelid::text, co.conname, co.contype, "
                   "pg_get_constraintdef(co.oid), CASE WHEN co.conindid <> 0 "
                   "THEN pg_get_indexdef(co.conindid) END, co.condeferrable, "
                   "co.condeferred FROM pg_constraint co JOIN "
                   "pg_namespace n ON n.oid = co.connamespace WHERE n.nspname "
                   "= $1 AND co.conrelid <> 0 AND co.contype IN ('c', 'p', "
                   "'u', 'x', 'f') AND co.conislocal AND co.conparentid = 0 "
                   "ORDER BY co.conrelid, "
                   "co.contype, co.conname",
                   {ns}));
    std::map<std::string, std::vector<std::string>> defs;    // oid -> lines
    std::map<std::string, std::vector<std::string>> checks;  // oid -> lines
    std::map<std::string, std::string> comments;  // oid -> COMMENT ON ...
    // Keys and indexes of partitioned tables: after every partition's own.
    std::string post_partitioned;
    std::map<std::string, Table*> by_oid;
    for (auto& t : tables) by_oid[t.oid] = &t;
    for (const auto& row : cols.rows) {
      auto it = by_oid.find(row[0].AsText());
      if (it == by_oid.end()) continue;
      std::string name = row[1].AsText();
      std::string line = fmt::format("  {} {}", Quote(name), row[2].AsText());
      if (!row[7].is_null()) line += " COLLATE " + row[7].AsText();
      std::string gen = row[6].AsText();
      std::string identity = row[5].AsText();
      if (gen == "s") {
        line +=
            fmt::format(" GENERATED ALWAYS AS ({}) STORED", row[4].AsText());
      } else if (!row[4].is_null()) {
        line += " DEFAULT " + row[4].AsText();
      }
      if (identity == "a" || identity == "d") {
        line += fmt::format(" GENERATED {} AS IDENTITY ({})",
                            identity == "a" ? "ALWAYS" : "BY DEFAULT",
                            identity_options[it->first + "/" + name]);
      }
      if (row[3].AsText() == "true") line += " NOT NULL";
      defs[it->first].push_back(line);
      if (!row[8].is_null()) {
        comments[it->first] += fmt::format("COMMENT ON COLUMN {}.{} IS {};\n",
                                           Quote(it->second->name), Quote(name),
                                           Literal(row[8].AsText()));
      }
      if (gen != "s") {
        Table& t = *it->second;
        t.columns += (t.columns.empty() ? "" : ", ") + Quote(name);
        t.types.push_back(row[2].AsText());
      }
    }
    std::set<std::string> constraint_indexes;
    for (const auto& row : cons.rows) {
      auto it = by_oid.find(row[0].AsText());
      if (it == by_oid.end()) continue;
      std::string type = row[2].AsText();
      std::string def = fmt::format("CONSTRAINT {} {}", Quote(row[1].AsText()),
                                    row[3].AsText());
      bool parted = it->second->partitioned;
      std::string alter =
          fmt::format("ALTER TABLE {}{} ADD {};\n", parted ? "" : "ONLY ",
                      Quote(it->second->name), def);
      if (type == "c") {
        checks[it->first].push_back("  " + def);
      } else if (type == "f") {
        post_fks += alter;
      } else if (parted) {
        post_partitioned += alter;
        constraint_indexes.insert(row[1].AsText());
      } else if ((type == "p" || type == "u") && !row[4].is_null() &&
                 it->second->parent.empty()) {
        // Built as a plain unique index (which, unlike ADD CONSTRAINT, does
        // not lock out the table's other index builds), then made the
        // constraint once every index is in.
        post_table[it->second->name].push_back(
            Unqualify(row[4].AsText(), qschema, " ON ") + ";\n");
        post_attach += fmt::format(
            "ALTER TABLE ONLY {} ADD CONSTRAINT {} {} USING INDEX {}{}{};\n",
            Quote(it->second->name), Quote(row[1].AsText()),
            type == "p" ? "PRIMARY KEY" : "UNIQUE", Quote(row[1].AsText()),
            row[5].AsText() == "true" ? " DEFERRABLE" : "",
            row[6].AsText() == "true" ? " INITIALLY DEFERRED" : "");
        constraint_indexes.insert(row[1].AsText());
      } else {
        post_table[it->second->name].push_back(alter);
        constraint_indexes.insert(row[1].AsText());
      }
    }
    // Partitioned tables before their partitions.
    std::vector<const Table*> ordered;
    for (const auto& t : tables) ordered.push_back(&t);
    std::stable_sort(
        ordered.begin(), ordered.end(),
        [](const Table* a, const Table* b) { return a->level < b->level; });
    for (const Table* tp : ordered) {
      const Table& t = *tp;
      w.DeclareTable(t.name);
      std::vector<std::string> lines;
      if (t.parent.empty()) lines = defs[t.oid];
      for (const auto& c : checks[t.oid]) lines.push_back(c);
      std::string body =
          t.parent.empty()
              ? fmt::format("CREATE TABLE {} (\n", Quote(t.name))
              : fmt::format("CREATE TABLE {} PARTITION OF {}{}", Quote(t.name),
                            Quote(t.parent), lines.empty() ? "" : " (\n");
      for (size_t i = 0; i < lines.size(); ++i) {
        body += lines[i] + (i + 1 < lines.size() ? ",\n" : "\n");
      }
      if (t.parent.empty() || !lines.empty()) body += ")";
      if (!t.parent.empty()) body += " " + t.bound;
      if (t.partitioned) body += " PARTITION BY " + t.partkey;
      body += ";\n";
      if (!t.comment.empty()) {
        body += fmt::format("COMMENT ON TABLE {} IS {};\n", Quote(t.name),
                            Literal(t.comment));
      }
      body += comments[t.oid];
      drop_tables +=
          fmt::format("DROP TABLE IF EXISTS {} CASCADE;\n", Quote(t.name));
      schema_sql += body;
    }

    // Indexes that no constraint made.
    AIRLOCK_ASSIGN_OR_RETURN(
        db::Rows idx,
        conn.Query("SELECT i.indrelid::text, c.relname, "
                   "pg_get_indexdef(i.indexrelid), c.relispartition FROM "
                   "pg_index i JOIN "
                   "pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON "
                   "n.oid = c.relnamespace WHERE n.nspname = $1 ORDER BY "
                   "c.relname",
                   {ns}));
    for (const auto& row : idx.rows) {
      auto it = by_oid.find(row[0].AsText());
      if (it == by_oid.end()) continue;
      if (constraint_indexes.count(row[1].AsText())) continue;
      // An index of a partition made by its partitioned table's index comes
      // back with that one.
      if (row[3].AsText() == "true") continue;
      std::string def = Unqualify(row[2].AsText(), qschema, " ON ");
      def = Unqualify(def, qschema, " ON ONLY ");
      if (it->second->partitioned) {
        size_t only = def.find(" ON ONLY ");
        if (only != std::string::npos) def.erase(only + 3, 5);
        post_partitioned += def + ";\n";
      } else {
        post_table[it->second->name].push_back(def + ";\n");
      }
    }

    if (wanted.empty()) {
      // Views, in creation order.
      AIRLOCK_ASSIGN_OR_RETURN(
          db::Rows views,
          conn.Query("SELECT c.relname, c.relkind, pg_get_viewdef(c.oid) FROM "
                     "pg_class c JOIN pg_namespace n ON n.oid = "
                     "c.relnamespace WHERE n.nspname = $1 AND c.relkind IN "
                     "('v', 'm') ORDER BY c.oid",
                     {ns}));
      for (const auto& row : views.rows) {
        bool mat = row[1].AsText() == "m";
        std::string def = row[2].AsText();
        while (!def.empty() &&
               (def.back() == ';' || def.back() == '\n' || def.back() == ' ')) {
          def.pop_back();
        }
        post_views += fmt::format("CREATE {}VIEW {} AS\n{};\n",
                                  mat ? "MATERIALIZED " : "",
                                  Quote(row[0].AsText()), def);
        drops =
            fmt::format("DROP {}VIEW IF EXISTS {} CASCADE;\n",
                        mat ? "MATERIALIZED " : "", Quote(row[0].AsText())) +
            drops;
      }
      // Functions and procedures (not aggregates or extension members).
      AIRLOCK_ASSIGN_OR_RETURN(
          db::Rows fns,
          conn.Query("SELECT pg_get_functiondef(p.oid) FROM pg_proc p JOIN "
                     "pg_namespace n ON n.oid = p.pronamespace WHERE "
                     "n.nspname = $1 AND p.prokind IN ('f', 'p') AND NOT "
                     "EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid "
                     "AND d.deptype = 'e') ORDER BY p.oid",
                     {ns}));
      for (const auto& row : fns.rows) {
        std::string def = row[0].AsText();
        def = Unqualify(def, qschema, "FUNCTION ");
        def = Unqualify(def, qschema, "PROCEDURE ");
        post_functions += def + ";\n";
      }
    }
    AIRLOCK_ASSIGN_OR_RETURN(
        db::Rows trg,
        conn.Query("SELECT t.tgrelid::text, pg_get_triggerdef(t.oid) FROM "
                   "pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN "
                   "pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname "
                   "= $1 AND NOT t.tgisinternal AND t.tgparentid = 0 ORDER BY "
                   "t.tgname",
                   {ns}));
    for (const auto& row : trg.rows) {
      if (!table_oids.count(row[0].AsText())) continue;
      post_triggers += Unqualify(row[1].AsText(), qschema, " ON ") + ";\n";
    }
    // Comments on the other objects (those on tables and columns come with
    // the table), last: every object exists by then.
    AIRLOCK_ASSIGN_OR_RETURN(db::Rows cmt, conn.Query(kCommentsQuery, {ns}));
    for (const auto& row : cmt.rows) {
      bool of_table = !row[0].is_null();
      if (of_table ? !table_oids.count(row[0].AsText()) : !wanted.empty()) {
        continue;
      }
      post_comments += row[1].AsText() + "\n";
    }

    AIRLOCK_RETURN_IF_ERROR(w.Add(ChunkKind::kNative, "", 0,
                                  prologue + drops + drop_tables + drop_types));
    if (!schema_sql.empty()) {
      AIRLOCK_RETURN_IF_ERROR(w.Add(ChunkKind::kSchema, "", 0, schema_sql));
    }

    // Data, in pieces (tables, or key ranges of large ones) shared by
    // connections that all use the exported snapshot.
    int64_t total_bytes = 0;
    for (const auto& t : tables) total_bytes += t.bytes;
    int useful = static_cast<int>(std::max<int64_t>(
        static_cast<int64_t>(tables.size()),
        total_bytes / PieceBytes(total_bytes, std::max(o.jobs, 1))));
    int jobs = std::max(1, std::min({o.jobs, useful, 64}));
    std::vector<std::unique_ptr<db::Connection>> extra;
    if (jobs > 1 && o.connect) {
      for (int i = 1; i < jobs; ++i) {
        AIRLOCK_ASSIGN_OR_RETURN(auto c, o.connect());
        AIRLOCK_RETURN_IF_ERROR(Session(*c));
        AIRLOCK_RETURN_IF_ERROR(
            Exec(*c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
        AIRLOCK_RETURN_IF_ERROR(Exec(
            *c, fmt::format("SET TRANSACTION SNAPSHOT {}", Literal(snapshot))));
        extra.push_back(std::move(c));
      }
    }
    std::vector<DataPiece> pieces;
    std::vector<db::Connection*> conns = {&conn};
    for (auto& c : extra) conns.push_back(c.get());
    for (size_t i = 0; i < tables.size(); ++i) {
      const Table& t = tables[i];
      if (t.partitioned) {  // its rows are in its partitions
        ++progress.tables_done;
        continue;
      }
      AIRLOCK_RETURN_IF_ERROR(SplitTable(
          i, t.bytes, total_bytes, t.int_key, conns.size(),
          [&]() -> Result<
                    std::pair<std::optional<int64_t>, std::optional<int64_t>>> {
            AIRLOCK_ASSIGN_OR_RETURN(
                db::Rows r,
                conn.Query(fmt::format(
                    "SELECT MIN({0})::text, MAX({0})::text FROM {1}", t.int_key,
                    Quote(t.name))));
            return std::make_pair(r.rows.at(0).at(0).AsInt(),
                                  r.rows.at(0).at(1).AsInt());
          },
          pieces));
    }
    // A table's keys and indexes, one post chunk right after its data:
    // restore builds them while other tables still load. (Foreign keys are
    // in the last post chunk: they need the keys of other tables.)
    auto table_post = [&](const std::string& name) -> Status {
      auto it = post_table.find(name);
      if (it == post_table.end()) return Status::Ok();
      std::vector<std::string> chunks = std::move(it->second);
      it->second.clear();
      for (const auto& sql : chunks) {
        AIRLOCK_RETURN_IF_ERROR(w.Add(ChunkKind::kPost, name, 0, sql));
      }
      return Status::Ok();
    };
    Status first_error = RunDataPieces(
        std::move(pieces), conns, progress,
        [&](db::Connection& c, const DataPiece& p) {
          return DumpPiece(c, w, tables[p.table], p, progress);
        },
        [&](size_t i) { return table_post(tables[i].name); });
    for (auto& c : extra) c->Rollback();
    AIRLOCK_RETURN_IF_ERROR(first_error);

    for (const auto& entry : post_table) {  // tables without data
      AIRLOCK_RETURN_IF_ERROR(table_post(entry.first));
    }
    std::string post = post_attach + post_partitioned + post_fks + post_views +
                       post_functions + post_triggers + post_comments +
                       post_sequences;
    if (!post.empty()) {
      AIRLOCK_RETURN_IF_ERROR(w.Add(ChunkKind::kPost, "", 0, post));
    }
    return Status::Ok();
  }

  // A COPY text field as the text it stands for.
  static void Unescape(std::string_view f, size_t& at, std::string& out) {
    char c = f[at++];
    if (c != '\\' || at >= f.size()) {
      out += c;
      return;
    }
    c = f[at++];
    switch (c) {
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'v':
        out += '\v';
        break;
      default:
        out += c;  // backslash itself (COPY TO writes no others)
    }
  }

  // A row too large for one chunk (its COPY line is over kChunkTarget): its
  // large values go to session settings a piece (1 MB) per chunk,
  // `SET airlock.v0_0 = '...'`, ..., then
  // `INSERT ... VALUES (..., concat(current_setting('airlock.v0_0'),
  // ...)::type)` (text input of the column's type, as COPY uses; bytea as its
  // \x text). Every chunk of it starts with `SET airlock.`, so restore runs
  // them in file order on one connection (InOrder); psql runs the file in
  // order. Memory: the row (libpq hands over a COPY row whole) plus one piece.
  static Status DumpBigRow(BackupWriter& w, const Table& t,
                           const std::string& head, std::string_view line) {
    constexpr size_t kPiece = 1 << 20;
    if (line.ends_with('\n')) line.remove_suffix(1);
    std::vector<std::string_view> fields;
    for (size_t at = 0;;) {
      size_t tab = line.find('\t', at);
      fields.push_back(line.substr(at, tab - at));
      if (tab == std::string_view::npos) break;
      at = tab + 1;
    }
    if (fields.size() != t.types.size()) {  // not expected: keep it whole
      return w.Add(ChunkKind::kData, t.name, 1,
                   head + std::string(line) + "\n\\.\n");
    }
    int64_t rows = 1;  // counted on the first chunk
    std::string insert =
        fmt::format("SET airlock.row = '1';\nINSERT INTO {} ({}) VALUES\n(",
                    Quote(t.name), t.columns);
    std::string reset;
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i) insert += ", ";
      std::string_view f = fields[i];
      if (f == "\\N") {
        insert += "NULL";
        continue;
      }
      std::string piece;
      size_t at = 0;
      if (f.size() <= kPiece / 4) {
        while (at < f.size()) Unescape(f, at, piece);
        insert += Literal(piece);
        continue;
      }
      std::string concat = "concat(";
      for (int k = 0; at < f.size(); ++k) {
        piece.clear();
        // Up to a piece, never inside a UTF-8 sequence.
        while (at < f.size() &&
               (piece.size() < kPiece ||
                (static_cast<unsigned char>(f[at]) & 0xC0) == 0x80)) {
          Unescape(f, at, piece);
        }
        std::string var = fmt::format("airlock.v{}_{}", i, k);
        concat += fmt::format("{}current_setting('{}')", k ? ", " : "", var);
        reset += fmt::format("RESET {};\n", var);
        AIRLOCK_RETURN_IF_ERROR(
            w.Add(ChunkKind::kData, t.name, rows,
                  fmt::format("SET {} = {};\n", var, Literal(piece))));
        rows = 0;
      }
      insert += fmt::format("{})::{}", concat, t.types[i]);
    }
    insert += ");\n" + reset + "RESET airlock.row;\n";
    return w.Add(ChunkKind::kData, t.name, rows, insert);
  }

  Status DumpPiece(db::Connection& conn, BackupWriter& w, const Table& t,
                   const DataPiece& p, SharedProgress& progress) {
    if (t.columns.empty()) return Status::Ok();
    std::string head =
        fmt::format("COPY {} ({}) FROM stdin;\n", Quote(t.name), t.columns);
    std::string body;
    body.reserve(kChunkTarget + (kChunkTarget >> 2));
    int64_t rows = 0;
    auto flush = [&]() -> Status {
      if (rows == 0) return Status::Ok();
      body += "\\.\n";
      Status st = w.Add(ChunkKind::kData, t.name, rows, body);
      progress.rows += rows;
      body.clear();
      rows = 0;
      return st;
    };
    Status st = db::PostgresCopyOut(
        conn,
        p.where.empty()
            ? fmt::format("COPY {} ({}) TO STDOUT", Quote(t.name), t.columns)
            : fmt::format("COPY (SELECT {} FROM {}{}) TO STDOUT", t.columns,
                          Quote(t.name), p.where),
        [&](std::string_view data) -> Status {
          if (data.size() > kChunkTarget && !rows) {
            progress.rows += 1;
            return DumpBigRow(w, t, head, data);
          }
          if (data.size() > kChunkTarget) {
            AIRLOCK_RETURN_IF_ERROR(flush());
            progress.rows += 1;
            return DumpBigRow(w, t, head, data);
          }
          if (rows == 0) body += head;
          body += data;
          ++rows;
          if (body.size() >= kChunkTarget) return flush();
          return Status::Ok();
        });
    AIRLOCK_RETURN_IF_ERROR(st);
    return flush();
  }
};

}  // namespace

std::unique_ptr<DialectDump> MakePostgresDump() {
  return std::make_unique<PostgresDump>();
}

}  // namespace airlock::backup
