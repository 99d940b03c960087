// User-facing texts of the migration engine. P-code texts follow Prisma's
// (prisma-engines libs/user-facing-errors) so that users and scripts that
// know Prisma recognise them; airlock's additions come after them.
#pragma once

namespace airlock::migrate::msg {

inline constexpr const char* kP3005NotEmpty =
    "The database schema is not empty. Read more about how to baseline an "
    "existing production database: https://pris.ly/d/migrate-baseline";
inline constexpr const char* kP3005Guidance =
    "\n\nThe database has {} table(s) ({}) but no _prisma_migrations table.\n"
    "To keep its structure and data, baseline it: make sure the first "
    "migration\ndescribes what is already there, then mark it as applied:\n"
    "  airlock migrate resolve --applied \"{}\"\n"
    "and run `airlock migrate deploy` again.";
inline constexpr const char* kP3005NoMigrations =
    "\n\nThe database has {} table(s) ({}) but no _prisma_migrations table, "
    "and "
    "the migrations folder is empty.\nCreate a baseline migration "
    "(e.g. migrations/0_init/migration.sql) describing the current schema,\n"
    "then mark it applied with `airlock migrate resolve --applied 0_init`.";

inline constexpr const char* kP3009Failed =
    "migrate found failed migrations in the target database, new migrations "
    "will not be applied. Read more about how to resolve migration issues in "
    "a production database: https://pris.ly/d/migrate-resolve\n{}";
inline constexpr const char* kP3009Line =
    "The `{}` migration started at {} failed\n";
inline constexpr const char* kP3009Hint =
    "\nAfter repairing the database, mark each failed migration:\n"
    "  airlock migrate resolve --rolled-back \"{0}\"   (its changes were "
    "undone; deploy will run it again)\n"
    "  airlock migrate resolve --applied \"{0}\"       (you finished it by "
    "hand)";

inline constexpr const char* kP3018Failed =
    "A migration failed to apply. New migrations cannot be applied before the "
    "error is recovered from. Read more about how to resolve migration issues "
    "in a production database: https://pris.ly/d/migrate-resolve\n\n"
    "Migration name: {}\n\nDatabase error code: {}\n\nDatabase error:\n{}\n";
inline constexpr const char* kP3018Statement =
    "\nFailing statement (#{} in migration.sql):\n{}\n";
inline constexpr const char* kP3018RolledBack =
    "\nThe migration ran in a transaction that was rolled back: the database "
    "is as it was before it. Fix migration.sql, then run:\n"
    "  airlock migrate resolve --rolled-back \"{}\"\n"
    "and deploy again.\n";
inline constexpr const char* kP3018NotRolledBack =
    "\nThis migration could not run in a transaction: statements before the "
    "failing one may have been applied. Repair the database, then mark it "
    "with\n"
    "  airlock migrate resolve --rolled-back \"{0}\"  or  --applied \"{0}\"\n";

inline constexpr const char* kP3008AlreadyApplied =
    "The migration `{}` is already recorded as applied in the database.";
inline constexpr const char* kP3011NeverApplied =
    "Migration `{}` cannot be rolled back because it was never applied to the "
    "database. Hint: did you pass in the whole migration name? (example: "
    "\"20201207184859_initial_migration\")";
inline constexpr const char* kP3012NotFailed =
    "Migration `{}` cannot be rolled back because it is not in a failed state.";
inline constexpr const char* kP3017NotFound =
    "The migration {} could not be found. Please make sure that the migration "
    "exists, and that you included the whole name of the directory. (example: "
    "\"20201207184859_initial_migration\")";
inline constexpr const char* kP3015MissingScript =
    "Could not find the migration file at {}. Please delete the directory or "
    "restore the migration file.";
inline constexpr const char* kP3019ProviderMismatch =
    "The datasource provider `{}` specified in your schema does not match the "
    "one specified in the migration_lock.toml, `{}`. Please remove your "
    "current migration directory and start a new migration history with "
    "prisma migrate dev. Read more: https://pris.ly/d/migrate-provider-switch";
inline constexpr const char* kP3010NameTooLong =
    "The name of the migration is too long. It must not be longer than 200 "
    "characters (bytes).";
inline constexpr const char* kLockFileNoProvider =
    "{} has no `provider = \"...\"` line.";
inline constexpr const char* kMissingLocally =
    "The following migration(s) are applied to the database but missing from "
    "the local migrations directory: {}\n"
    "Restore them from version control (or deploy from the release they "
    "belong to); airlock will not apply migrations on top of a history it "
    "does not know.";

// Project / datasource.
inline constexpr const char* kNoDatasource =
    "The schema {} has no datasource block; pass --url or add\n"
    "  datasource db {{\n    provider = \"sqlite\"\n    url      = "
    "env(\"DATABASE_URL\")\n  }}";
inline constexpr const char* kEnvNotFound =
    "Environment variable not found: {}.\n  -->  {}\n"
    "Set it in the environment or in a .env file (project root or the "
    "schema's folder), or pass --url.";
inline constexpr const char* kNoUrl =
    "The datasource in {} has no url; pass --url.";
inline constexpr const char* kUrlProviderMismatch =
    "Error validating datasource `{}`: the URL must start with the protocol "
    "`{}`.";
inline constexpr const char* kSchemaInvalid =
    "The schema {} is invalid; run `airlock validate` to see why.";

// migrate dev.
inline constexpr const char* kP3006ShadowReplay =
    "Migration `{}` failed to apply cleanly to the shadow database. \n"
    "Error code: {}\nError:\n{}";
inline constexpr const char* kDevFailedMigration =
    "- The migration `{}` failed.";
inline constexpr const char* kDevModifiedMigration =
    "- The migration `{}` was modified after it was applied.";
inline constexpr const char* kDevMissingMigration =
    "- The migration `{}` is recorded as applied in the database but is "
    "missing from the migrations directory.";
inline constexpr const char* kDevNotManaged =
    "- The database has tables ({}) but no migration history.";
inline constexpr const char* kDevDrift =
    "Drift detected: Your database schema is not in sync with your migration "
    "history.\n\nThe following is a summary of the differences between the "
    "expected database schema given your migrations files, and the actual "
    "schema of the database.\n\n{}";
inline constexpr const char* kDevResetDeclined =
    "The database was not reset; nothing changed.";
inline constexpr const char* kDevDataLossDeclined =
    "Migration cancelled: it would lose data and was not confirmed.";
inline constexpr const char* kDevUnexecutable =
    "We found changes that cannot be executed:\n\n{}\n"
    "You can use `airlock migrate dev --create-only` to create the migration "
    "file, and manually modify it to address the underlying issue(s).\n"
    "Then run `airlock migrate dev` to apply it and verify it works.";
inline constexpr const char* kEmptyMigration = "-- This is an empty migration.";

}  // namespace airlock::migrate::msg
