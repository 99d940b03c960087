// English inflection for the names of fields that `prisma format` adds
// (Prisma uses the cruet crate: camel case, then plural for list fields).
#pragma once

#include <string>
#include <string_view>

namespace airlock::schema::format {

// "UserProfile" -> "userProfile", "user_profile" -> "userProfile".
std::string CamelCase(std::string_view s);
// "post" -> "posts", "category" -> "categories", "person" -> "people".
std::string Pluralize(std::string_view s);
// First character lower / upper cased, rest unchanged.
std::string LowerFirst(std::string_view s);
std::string UpperFirst(std::string_view s);

}  // namespace airlock::schema::format
