// Migration checksums as Prisma computes them: SHA-256 of the exact bytes of
// migration.sql, as 64 lowercase hex digits. A stored checksum also matches
// the file with its line endings converted (CRLF->LF or LF->CRLF), so a Git
// checkout with autocrlf does not look like an edited migration.
#pragma once

#include <string>
#include <string_view>

namespace airlock::migrate {

std::string Sha256Hex(std::string_view data);

// True when `checksum` is the checksum of `script` as is, with CRLF->LF, or
// with LF->CRLF. Case-insensitive on the hex digits.
bool ChecksumMatches(std::string_view script, std::string_view checksum);

}  // namespace airlock::migrate
