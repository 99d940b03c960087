// User-facing texts of `airlock db ...`.
#pragma once

namespace airlock::cli::msg {

inline constexpr const char* kDbExecuted = "Script executed successfully.";
inline constexpr const char* kDbExecuteNeedsInput =
    "Either --file or --stdin is required: the SQL script to execute.";
inline constexpr const char* kDbExecuteBothInputs =
    "--file and --stdin cannot be used together.";
inline constexpr const char* kDbExecuteStdinTerminal =
    "--stdin reads the script from standard input, which is a terminal here. "
    "Pipe the script in (`airlock db execute --stdin < fix.sql`) or use "
    "--file.";
inline constexpr const char* kDbExecuteFailed =
    "The script failed at statement #{} of {}:\n{}\n\nDatabase error code: "
    "{}\nDatabase error:\n{}\n\n{}";
inline constexpr const char* kDbExecuteFailedNoStatement =
    "Database error code: {}\nDatabase error:\n{}";
inline constexpr const char* kDbExecuteAppliedBefore =
    "Statements before it {}.";
inline constexpr const char* kDbExecuteRolledBack =
    "were rolled back with it (the script ran as one transaction)";
inline constexpr const char* kDbExecuteKept =
    "stay applied (MySQL commits each DDL statement; SQLite runs the script "
    "without a transaction)";

}  // namespace airlock::cli::msg
