// User-facing texts of `airlock db pull` (Prisma's wording where Prisma
// prints the same thing).
#pragma once

namespace airlock::cli::msg {

inline constexpr const char* kPullIntrospecting =
    "Introspecting based on datasource defined in {}";
inline constexpr const char* kPullWrote =
    "Introspected {} and wrote {} into {} in {}ms";
inline constexpr const char* kPullEmpty =
    "The introspected database was empty: {}\n\n"
    "airlock db pull could not create any models in your schema and you will "
    "not be able to use it with Prisma Client.\n\n"
    "To fix this, you have two options:\n\n"
    "- manually create a table in your database.\n"
    "- make sure the database connection URL inside the datasource block in "
    "{} points to a database that is not empty (it must contain at least one "
    "table).\n\n"
    "Then you can run airlock db pull again.";
inline constexpr const char* kPullNoConnector =
    "db pull is not available for the {} provider in this build.";
inline constexpr const char* kPullMultiFile =
    "db pull cannot write into a multi-file schema yet ({}). Use --print and "
    "copy the models you need.";
inline constexpr const char* kPullWarningHeader = "*** WARNING ***";

}  // namespace airlock::cli::msg
