// The airlock backup file format, version 1.
//
// A backup is one plain SQL script (optionally compressed) that the
// database's own client restores as it is (`sqlite3 db < file`,
// `mariadb db < file`, `psql -f file`), and that airlock can verify without a
// database and restore fast (tables in parallel, indexes after the data).
//
// Compression: zstd (`.sql.zst`), gzip (`.sql.gz`) or none (`.sql`). The
// compressed file is a sequence of independent frames (zstd frames with
// content checksums, gzip members), one per chunk below, so that workers
// compress in parallel; `zstd -dc`/`gunzip -c` read it as one stream.
//
// Uncompressed layout, every marker is an SQL comment line:
//
//   -- airlock-backup 1 dialect=<sqlite|mysql|postgresql> created=<UTC ISO>
//      reason=<reason> compress=<zstd|gzip|none>              (one line)
//   then chunks, each a header line followed by exactly <bytes> bytes of SQL:
//   -- airlock:<kind> bytes=<n> rows=<n> table=<JSON string or "">
//   <body: complete statements, each ending with ";\n" (or a COPY block)>
//   ...
//   -- airlock:table rows=<n> bytes=<n> sha256=<hex> [max_value=<n>]
//      table=<JSON string>
//      (one manifest line per table, after every chunk)
//   -- airlock:end chunks=<n> bytes=<n> sha256=<hex>
//
// Chunk kinds:
//   native  statements only for the database's own client (session settings,
//           BEGIN/COMMIT); airlock restore skips them and applies its own.
//   schema  table definitions, run before any data (one chunk per table, or
//           types/sequences with an empty table).
//   data    rows of one table: multi-row INSERTs (COPY for PostgreSQL);
//           chunks of different tables may interleave, a chunk is
//           self-contained, so restore may run chunks of one table anywhere,
//           except those of a row too large for one statement (MySQL: built
//           in user variables, chunks starting with `SET @airlock_`), which
//           run in file order on one connection after every chunk before.
//   post    indexes, foreign keys, triggers, views, routines, counters. A
//           post chunk that names a table holds only keys and indexes of that
//           table (never a foreign key: those need other tables' keys); it
//           comes after every data chunk of its table (a reader refuses data
//           of the table after it), possibly before data chunks of other
//           tables, and may run as soon as its table's data has, in parallel
//           with other chunks (the writer puts it right after the table's
//           data, so that restore builds a large table's indexes while the
//           other tables load). A post chunk with an empty table runs alone,
//           after every chunk before it.
//
// Integrity: each manifest line records a table's total row count and the
// SHA-256 of its data chunk bodies in file order; the end line records the
// number of chunks, the number of bytes before the end line and their
// SHA-256. A file without a valid end line is incomplete. The file is written
// under a temporary name (mode 0600), fsynced and renamed only when the end
// line is on disk, so a crash never leaves a file that looks complete.
//
// Seal (zstd and gzip files, see seal.h): after the frame holding the end
// line, the writer appends a seal that no decompressor outputs: a zstd
// skippable frame (magic 0x184D2A5E), or an empty gzip member whose header
// comment (FCOMMENT) holds it. It records the SHA-256 of every file byte
// before it and the file's header, manifest and counts, so restore checks a
// sealed file by hashing its compressed bytes instead of decompressing it
// first; verify-backup still reads everything and also checks the seal. The
// seal is a compatible addition (version stays 1): a file without one (older
// backups, compress=none) is checked in full, and readers before the seal
// existed decode it as a frame without output and accept the file. Any byte
// after the end frame that is not exactly a valid seal makes the file
// corrupt.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace airlock::backup {

inline constexpr int kFormatVersion = 1;
inline constexpr std::string_view kFileMagic = "-- airlock-backup ";
inline constexpr std::string_view kMarker = "-- airlock:";

enum class ChunkKind { kNative, kSchema, kData, kPost };
const char* ChunkKindName(ChunkKind kind);

enum class Compression { kZstd, kGzip, kNone };
const char* CompressionName(Compression c);
// "zstd", "gzip", "none" (also "gz", "zst").
std::optional<Compression> ParseCompression(std::string_view name);
// ".sql.zst", ".sql.gz", ".sql".
const char* CompressionExtension(Compression c);

// The first line of a backup (without the newline).
struct FileHeader {
  int version = kFormatVersion;
  std::string dialect;  // "sqlite", "mysql", "postgresql"
  std::string created;  // UTC, 2026-11-26T05:40:00Z
  std::string reason;
  std::string compress;
  std::string Render() const;
  static Result<FileHeader> Parse(std::string_view line);
};

struct ChunkHeader {
  ChunkKind kind = ChunkKind::kData;
  uint64_t bytes = 0;
  int64_t rows = 0;
  std::string table;
  std::string Render() const;  // without the newline
};

struct TableEntry {
  std::string table;
  int64_t rows = 0;
  uint64_t bytes = 0;
  std::string sha256;
  // The largest value written in pieces (a row too large for one
  // statement), 0 when none; written as `max_value=` only when set.
  uint64_t max_value = 0;
  std::string Render() const;
};

struct EndEntry {
  uint64_t chunks = 0;
  uint64_t bytes = 0;
  std::string sha256;
  std::string Render() const;
};

// One marker line (without the newline), parsed.
struct MarkerLine {
  enum class Type { kChunk, kTable, kEnd } type = Type::kChunk;
  ChunkHeader chunk;
  TableEntry table;
  EndEntry end;
};
// Error when the line is not a well-formed marker.
Result<MarkerLine> ParseMarkerLine(std::string_view line);

// JSON string form of a table name (no raw newlines or quotes in a comment).
std::string QuoteName(std::string_view name);

}  // namespace airlock::backup
