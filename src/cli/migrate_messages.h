// User-facing texts of `airlock migrate ...` (Prisma's wording where Prisma
// prints the same thing).
#pragma once

namespace airlock::cli::msg {

inline constexpr const char* kSchemaLoaded = "Schema loaded from {}";
inline constexpr const char* kMigrationsFound = "{} migration{} found in {}";
inline constexpr const char* kNoMigrationFound = "No migration found in {}";
inline constexpr const char* kApplying = "Applying migration `{}`";
inline constexpr const char* kAppliedIn = "Applied migration `{}` in {} ms";
inline constexpr const char* kNoPending = "No pending migrations to apply.";
inline constexpr const char* kAllApplied =
    "All migrations have been successfully applied.";
inline constexpr const char* kAppliedList =
    "The following migration(s) have been applied:";
inline constexpr const char* kModifiedWarning =
    "Migration `{}` was modified after it was applied (its checksum no longer "
    "matches migration.sql). The database keeps what was applied; restore the "
    "file from version control, or create a new migration for the change.";
inline constexpr const char* kLockWaiting =
    "Waiting up to {} s for the migration lock...";

// status (Prisma's texts).
inline constexpr const char* kNotYetApplied =
    "Following migration{} have not yet been applied:\n{}\n\n"
    "To apply migrations in development run airlock migrate dev.\n"
    "To apply migrations in production run airlock migrate deploy.\n";
inline constexpr const char* kBehindSummary =
    "\nStatus: {} pending migration{}\nYour database is {} migration{} "
    "behind.\n";
inline constexpr const char* kDiverged =
    "Your local migration history and the migrations table from your database "
    "are different:\n\nThe last common migration is: {}\n\n"
    "The migration{} have not yet been applied:\n{}\n\n"
    "The migration{} from the database are not found locally in {}:\n{}\n";
inline constexpr const char* kDirectoryBehind =
    "The migration{} from the database are not found locally in {}:\n{}\n\n"
    "Restore them from version control before deploying.\n";
inline constexpr const char* kFailedList =
    "Following migration{} have failed:\n{}\n\n"
    "During development if the failed migration(s) have not been deployed to "
    "a production database you can then fix the migration(s) and run airlock "
    "migrate dev.\n\n"
    "The failed migration(s) can be marked as rolled back or applied:\n\n"
    "- If you rolled back the migration(s) manually:\n"
    "airlock migrate resolve --rolled-back \"{}\"\n\n"
    "- If you fixed the database manually (hotfix):\n"
    "airlock migrate resolve --applied \"{}\"\n\n"
    "Read more about how to resolve migration issues in a production "
    "database:\nhttps://pris.ly/d/migrate-resolve\n";
inline constexpr const char* kUpToDate = "Database schema is up to date!";
inline constexpr const char* kNotManagedEmptyFolder =
    "The current database is not managed by Prisma Migrate.\n\n"
    "Read more about how to baseline an existing production database:\n"
    "https://pris.ly/d/migrate-baseline\n";
inline constexpr const char* kNotManaged =
    "The current database is not managed by Prisma Migrate.\n\n"
    "If you want to keep the current database structure and data and create "
    "new migrations, baseline this database with the migration \"{0}\":\n"
    "airlock migrate resolve --applied \"{0}\"\n\n"
    "Read more about how to baseline an existing production database:\n"
    "https://pris.ly/d/migrate-baseline\n";
inline constexpr const char* kEmptyNoMigrations =
    "The database is empty and there are no migrations yet.\n";

// resolve.
inline constexpr const char* kMarkedApplied = "Migration {} marked as applied.";
inline constexpr const char* kMarkedRolledBack =
    "Migration {} marked as rolled back.";
inline constexpr const char* kResolveNeedsOne =
    "--applied or --rolled-back must be part of the command like:\n"
    "airlock migrate resolve --applied 20201231000000_example\n"
    "airlock migrate resolve --rolled-back 20201231000000_example";
inline constexpr const char* kResolveNotBoth =
    "Pass either --applied or --rolled-back, not both.";

// reset.
inline constexpr const char* kResetQuestion =
    "Are you sure you want to reset the {}? All data will be lost.";
inline constexpr const char* kResetNeedsForce =
    "`migrate reset` drops all data of the {}. stdin is not a terminal, so "
    "airlock cannot ask: pass --force to confirm.";
inline constexpr const char* kResetCancelled = "Reset cancelled.";
inline constexpr const char* kResetDone = "Database reset successful";

// history.
inline constexpr const char* kHistoryEmpty =
    "No migrations in the database or in {}.";

// dev.
inline constexpr const char* kDevNoDiffer =
    "`migrate dev` needs the schema differ, which this build of airlock does "
    "not include yet. Write the migration by hand in "
    "{}/<YYYYMMDDHHMMSS>_<name>/migration.sql and apply it with `airlock "
    "migrate deploy`.";
inline constexpr const char* kDevUnresolvedSchema =
    "`migrate dev` needs the resolved schema (models, fields, relations), "
    "which this build's validator does not produce yet; refusing rather than "
    "planning a migration against an empty schema. Use `airlock migrate diff` "
    "and `airlock migrate deploy` meanwhile.";
inline constexpr const char* kDevMeaninglessName =
    "The migration name `{}` says nothing about the change. Name it after what "
    "it does, e.g. add_user_department, so the history stays readable.";
inline constexpr const char* kDevNoName =
    "No --name given: the migration folder is named by its timestamp only.";
inline constexpr const char* kDevNamePrompt =
    "Enter a name for the new migration: ";
inline constexpr const char* kDevResetNeeded = "We need to reset the {}.\n\n{}";
inline constexpr const char* kDevResetQuestion =
    "Do you want to continue? All data will be lost.";
inline constexpr const char* kDevNeedsYes =
    "stdin is not a terminal, so airlock cannot ask: pass --yes to confirm, "
    "or run `airlock migrate reset`.";
inline constexpr const char* kDevWarnings =
    "Warnings for the current datasource:\n\n{}";
inline constexpr const char* kDevUnexecutableCreateOnly =
    "We found changes that cannot be executed:\n\n{}\n"
    "Edit the new migration.sql to address them before applying it.";
inline constexpr const char* kDevDataLossQuestion =
    "Are you sure you want to create and apply this migration?";
inline constexpr const char* kDevCreateOnlyQuestion =
    "Are you sure you want to create this migration?";
inline constexpr const char* kDevCreated = "Migration created: {}";
inline constexpr const char* kDevSqlHeader = "Migration SQL:";
inline constexpr const char* kDevRule =
    "----------------------------------------";
inline constexpr const char* kDevInSync =
    "Already in sync, no schema change or pending migration was found.";
inline constexpr const char* kDevNowInSync =
    "Your database is now in sync with your schema.";
inline constexpr const char* kDevCreateOnlyDone =
    "The migration was created but not applied (--create-only). Edit it if "
    "needed, then run `airlock migrate dev` to apply it.";

// migrate deploy --backup
inline constexpr const char* kBackupBeforeMigration =
    "Taking a backup before applying migrations ...";
inline constexpr const char* kBackupTaken = "Backup created: {} ({})";
inline constexpr const char* kDeployOnIncompleteRestore =
    "The database ({}) is incomplete: a restore of \"{}\" started at {} did "
    "not finish, so it holds only part of the data. No migration was "
    "applied. Run `airlock db restore {}` again to finish it (or restore "
    "another backup), then deploy.";
inline constexpr const char* kBackupFailedNoDeploy =
    "The backup failed, so no migration was applied: {}";
inline constexpr const char* kRestoreQuestion =
    "Restore the backup {} taken before {} was applied? This replaces the "
    "database's current contents.";
inline constexpr const char* kRestoreOffer =
    "The database may be half-migrated. The backup {} holds its state from "
    "before {}: restore it with `airlock db restore {}` (or run `migrate "
    "deploy --backup --yes` to restore automatically).";
inline constexpr const char* kRestoring = "Restoring {} ...";
inline constexpr const char* kRestoreFailed =
    "Restoring {} failed: {}. The database may be half-migrated; restore it "
    "by hand with `airlock db restore`.";
inline constexpr const char* kRolledBack =
    "The database was restored from {} and migration {} is marked rolled "
    "back; fix it and run `airlock migrate deploy` again.";

}  // namespace airlock::cli::msg
