// User-facing texts of the validator that are shared by several passes.
// Wording is Prisma's (psl diagnostics), since users compare the two; texts
// used in one place only are written where they are raised.
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>

namespace airlock::schema::vmsg {

inline constexpr const char* kNoSuchArgument = "No such argument.";
inline constexpr const char* kTrailingComma =
    "Trailing commas are not valid in attribute arguments, please remove the "
    "comma.";

inline std::string AttributeError(std::string_view attribute,
                                  std::string_view message) {
  return fmt::format("Error parsing attribute \"{}\": {}", attribute, message);
}

inline std::string Validation(std::string_view message) {
  return fmt::format("Error validating: {}", message);
}

inline std::string ModelValidation(std::string_view kind,
                                   std::string_view model,
                                   std::string_view message) {
  return fmt::format("Error validating {} \"{}\": {}", kind, model, message);
}

inline std::string FieldValidation(std::string_view kind,
                                   std::string_view model,
                                   std::string_view field,
                                   std::string_view message) {
  return fmt::format("Error validating field `{}` in {} `{}`: {}", field, kind,
                     model, message);
}

inline std::string ArgumentNotFound(std::string_view name) {
  return fmt::format("Argument \"{}\" is missing.", name);
}

inline std::string DuplicateArgument(std::string_view name) {
  return fmt::format("Argument \"{}\" is already specified.", name);
}

inline std::string DuplicateAttribute(std::string_view name) {
  return fmt::format("Attribute \"@{}\" can only be defined once.", name);
}

inline std::string AttributeNotKnown(std::string_view name) {
  return fmt::format("Attribute not known: \"@{}\".", name);
}

}  // namespace airlock::schema::vmsg
