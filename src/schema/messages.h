// User-facing texts of the schema component (parser and validator), kept in
// one place so that a Korean catalogue can be added without touching logic.
// Wording follows Prisma's, since users compare the two.
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>

namespace airlock::schema::msg {

inline constexpr const char* kInvalidTopLevelLine =
    "Error validating: This line is invalid. It does not start with any known "
    "Prisma schema keyword.";
inline constexpr const char* kInvalidBlock =
    "Error validating: This block is invalid. It does not start with any known "
    "Prisma schema keyword. Valid keywords include 'model', 'enum', 'type', "
    "'datasource' and 'generator'.";
inline constexpr const char* kInvalidTypeAlias =
    "Error validating: Invalid type definition. Please check the documentation "
    "in https://pris.ly/d/composite-types";
inline constexpr const char* kInvalidModelLine =
    "Error validating: This line is not a valid field or attribute definition.";
inline constexpr const char* kInvalidEnumLine =
    "Error validating: This line is not an enum value definition.";
inline constexpr const char* kInvalidDatasourceLine =
    "Error validating: This line is not a valid definition within a "
    "datasource.";
inline constexpr const char* kInvalidGeneratorLine =
    "Error validating: This line is not a valid definition within a generator.";
inline constexpr const char* kOptionalListUnsupported =
    "Optional lists are not supported. Use either `Type[]` or `Type?`.";
inline constexpr const char* kLegacyRequired =
    "Fields are required by default, `!` is no longer required.";
inline constexpr const char* kLegacyList =
    "To specify a list, please use `Type[]` instead of `[Type]`.";
inline constexpr const char* kUnknownEscape =
    "Unknown escape sequence. If the value is a windows-style path, `\\` must "
    "be escaped as `\\\\`.";
inline constexpr const char* kInvalidUtf8 =
    "The schema file is not valid UTF-8. Save it as UTF-8 and try again.";
inline constexpr const char* kNulByte =
    "The schema file contains a NUL byte. Remove it and try again.";

// Warning on a relation whose `fields` no index starts with, under
// relationMode = "prisma" (Prisma's text, including the stray quote and the
// trailing space).
inline constexpr const char* kMissingRelationIndex =
    "With `relationMode = \"prisma\"`, no foreign keys are used, so relation "
    "fields will not benefit from the index usually created by the "
    "relational database under the hood. This can lead to poor performance "
    "when querying these fields. We recommend adding an index manually. "
    "Learn more at https://pris.ly/d/relation-mode-prisma-indexes\" ";

inline std::string InvalidFieldDeclaration(std::string_view container,
                                           std::string_view name) {
  return fmt::format(
      "Error validating {} \"{}\": This field declaration is invalid. It is "
      "either missing a name or a type.",
      container, name);
}

}  // namespace airlock::schema::msg
