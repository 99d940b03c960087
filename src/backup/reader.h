// BackupReader: reads a backup file chunk by chunk and checks it as it goes
// (structure, per-table row counts and SHA-256, whole-file SHA-256, nothing
// after the end line). VerifyBackup() reads a whole file without a database.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "backup/compression.h"
#include "backup/format.h"
#include "backup/sha256.h"
#include "backup/writer.h"
#include "base/status.h"

namespace airlock::backup {

struct Chunk {
  ChunkHeader header;
  std::string body;
};

struct VerifyReport {
  FileHeader header;
  Compression compression = Compression::kNone;
  std::vector<TableSummary> tables;
  uint64_t chunks = 0;
  uint64_t raw_bytes = 0;
  uint64_t file_bytes = 0;
  int64_t rows = 0;
  // The largest data chunk (one statement for MySQL) and its table.
  uint64_t max_data_chunk = 0;
  std::string max_data_chunk_table;
};

class BackupReader {
 public:
  static Result<std::unique_ptr<BackupReader>> Open(const std::string& path);

  const FileHeader& header() const { return report_.header; }
  // Reads the next chunk into `out` (with its body unless `skip_body`).
  // false once the end line was read and every check passed; an error when
  // the file is truncated, corrupt or does not match its manifest.
  Result<bool> Next(Chunk& out, bool skip_body = false);
  // Complete after Next() returned false.
  const VerifyReport& report() const { return report_; }
  // After Next() returned false: the file offset where the data frames end
  // (a seal, if any, follows).
  uint64_t data_end() const { return in_->data_end(); }

 private:
  struct TableState {
    int64_t rows = 0;
    uint64_t bytes = 0;
    Sha256 sha;
  };
  BackupReader(std::string path, std::unique_ptr<DecompressingReader> in);
  // Reads one line without its newline; false at end of input.
  Result<bool> ReadLine(std::string& line, size_t max);
  Status ReadExact(std::string* out, uint64_t n);
  Status Fill();
  Status Corrupt(const std::string& what) const;
  Status Manifest(std::string line);

  std::string path_;
  std::unique_ptr<DecompressingReader> in_;
  std::string buf_;
  size_t pos_ = 0, len_ = 0;
  bool eof_ = false;
  uint64_t offset_ = 0;  // uncompressed bytes consumed
  Sha256 whole_;
  std::map<std::string, TableState, std::less<>> tables_;
  // Tables whose post chunk (keys, indexes) was read: restore may build
  // them as soon as their data is in, so no data of theirs may follow.
  std::set<std::string, std::less<>> keyed_;
  bool done_ = false;
  VerifyReport report_;
};

// Reads and checks the whole file, and its seal (seal.h) when it has one.
// The error says what is wrong (truncated, checksum mismatch at which table,
// ...) and names the file.
Result<VerifyReport> VerifyBackup(const std::string& path);

// The check before a restore: for a sealed file, one SHA-256 pass over the
// file's bytes before the seal, compared with the seal, and the report taken
// from the seal (no decompression); any damage (a flipped byte anywhere, a
// truncation, data appended) is refused with the errors of VerifyBackup. A
// file without a seal (compress=none, older backups) gets VerifyBackup.
Result<VerifyReport> QuickVerify(const std::string& path);

}  // namespace airlock::backup
