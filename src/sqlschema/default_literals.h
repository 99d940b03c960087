// Default-value literals that Prisma rewrites before writing them into SQL:
// DateTime defaults (RFC 3339 in the schema) and Bytes defaults (base64 in
// the schema).
#ifndef AIRLOCK_SQLSCHEMA_DEFAULT_LITERALS_H_
#define AIRLOCK_SQLSCHEMA_DEFAULT_LITERALS_H_

#include <optional>
#include <string>
#include <string_view>

namespace airlock::sqlschema {

// How a DateTime default is spelled in SQL.
enum class DateTimeStyle {
  // `2020-01-02 03:04:05.678 +00:00` (PostgreSQL, SQLite).
  kSpaced,
  // `2020-01-02 03:04:05.678` in UTC (MySQL). Prisma writes RFC 3339
  // there, which MariaDB rejects ("Invalid default value").
  kMysqlUtc,
};

// Re-spells an RFC 3339 timestamp (`2020-01-02T03:04:05.678Z`): the offset as
// written (`Z` -> `+00:00`), a fraction of 0, 3, 6 or 9 digits (the shortest
// of those that keeps every non-zero digit). nullopt when `value` is not
// RFC 3339.
std::optional<std::string> DateTimeDefaultText(std::string_view value,
                                               DateTimeStyle style);

// The bytes of a base64 string (standard alphabet, padding optional) as
// lowercase hex; nullopt when `value` is not base64.
std::optional<std::string> Base64ToHex(std::string_view value);

}  // namespace airlock::sqlschema

#endif  // AIRLOCK_SQLSCHEMA_DEFAULT_LITERALS_H_
