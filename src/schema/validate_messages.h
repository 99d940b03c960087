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

// @shardKey / @@shardKey (preview feature `shardKeys`).
inline constexpr const char* kShardKeyDuplicateField =
    "At most one field must be marked as the shard key with the `@shardKey` "
    "attribute.";
inline constexpr const char* kShardKeyBothForms =
    "Each model must have at most one shard key. You can't have `@shardKey` "
    "and `@@shardKey` at the same time.";
inline constexpr const char* kShardKeyFieldOptional =
    "Fields that are marked as shard keys must be required.";
inline constexpr const char* kShardKeyEmpty =
    "The list of fields in a `@@shardKey()` attribute cannot be empty. Please "
    "specify at least one field.";
inline constexpr const char* kShardKeyPreviewDisabled =
    "Defining shard keys requires enabling the `shardKeys` preview feature";

// `fields` is "field `a`" or "fields `a`, `b`".
inline std::string ShardKeyUnknownFields(std::string_view fields) {
  return fmt::format(
      "The multi field shard key declaration refers to the unknown {}.",
      fields);
}

inline std::string ShardKeyRelationFields(std::string_view fields) {
  return fmt::format(
      "The shard key definition refers to the relation {}. Shard key "
      "definitions must reference only scalar fields.",
      fields);
}

inline std::string ShardKeyOptionalFields(std::string_view fields) {
  return fmt::format(
      "The shard key definition refers to the optional {}. Shard key "
      "definitions must reference only required fields.",
      fields);
}

inline std::string ShardKeyUnsupportedProvider(std::string_view provider) {
  return fmt::format("Shard keys are not currently supported for provider {}",
                     provider);
}

}  // namespace airlock::schema::vmsg
