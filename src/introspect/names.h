// Names in an introspected schema: database identifiers that are not valid
// Prisma identifiers are sanitised (leading non-letters dropped, other
// invalid characters replaced by `_`) and the original kept in @map/@@map;
// reserved model names get a `Renamed` prefix. Also PSL string literals.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace airlock::introspect {

bool NeedsSanitation(std::string_view s);
std::string Sanitize(std::string_view s);
bool IsReservedTypeName(std::string_view s);

// A client name and the database name to @map to (when they differ).
struct Name {
  std::string name;
  std::optional<std::string> map;
  bool renamed_reserved = false;
};

// Model and enum names (reserved names are renamed).
Name ModelNameFromSql(std::string_view db_name);
// Field names.
Name FieldNameFromSql(std::string_view db_name);
// Enum values ("" becomes EMPTY_ENUM_VALUE).
Name EnumValueNameFromSql(std::string_view db_name);

// `"text"` with PSL escapes.
std::string Quote(std::string_view s);

}  // namespace airlock::introspect
