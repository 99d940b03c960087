// The MariaDB Connector/C client API, loaded on first use (client_library.h).
// Include this after <mysql.h> in the one file that talks to the library: the
// macros below route every call through the loaded table, so the code reads
// as plain MariaDB Connector/C client calls. A function not listed here fails
// to link (the library is not linked): add it to AIRLOCK_MYSQL_FUNCTIONS.
#pragma once

#include <mysql.h>

#include "base/status.h"

#define AIRLOCK_MYSQL_FUNCTIONS(X)  \
  X(mysql_init)                     \
  X(mysql_close)                    \
  X(mysql_real_connect)             \
  X(mysql_options)                  \
  X(mysql_optionsv)                 \
  X(mysql_errno)                    \
  X(mysql_error)                    \
  X(mysql_sqlstate)                 \
  X(mysql_real_query)               \
  X(mysql_query)                    \
  X(mysql_store_result)             \
  X(mysql_use_result)               \
  X(mysql_free_result)              \
  X(mysql_fetch_row)                \
  X(mysql_fetch_lengths)            \
  X(mysql_fetch_fields)             \
  X(mysql_fetch_field)              \
  X(mysql_fetch_field_direct)       \
  X(mysql_num_fields)               \
  X(mysql_num_rows)                 \
  X(mysql_field_count)              \
  X(mysql_affected_rows)            \
  X(mysql_insert_id)                \
  X(mysql_next_result)              \
  X(mysql_more_results)             \
  X(mysql_real_escape_string)       \
  X(mysql_hex_string)               \
  X(mysql_set_character_set)        \
  X(mysql_character_set_name)       \
  X(mysql_get_server_info)          \
  X(mysql_get_server_version)       \
  X(mysql_ping)                     \
  X(mysql_select_db)                \
  X(mysql_thread_id)                \
  X(mysql_kill)                     \
  X(mysql_autocommit)               \
  X(mysql_commit)                   \
  X(mysql_rollback)                 \
  X(mysql_warning_count)            \
  X(mysql_info)                     \
  X(mysql_get_ssl_cipher)           \
  X(mysql_reset_connection)         \
  X(mysql_data_seek)                \
  X(mysql_stmt_init)                \
  X(mysql_stmt_prepare)             \
  X(mysql_stmt_bind_param)          \
  X(mysql_stmt_bind_result)         \
  X(mysql_stmt_execute)             \
  X(mysql_stmt_store_result)        \
  X(mysql_stmt_fetch)               \
  X(mysql_stmt_fetch_column)        \
  X(mysql_stmt_close)               \
  X(mysql_stmt_error)               \
  X(mysql_stmt_errno)               \
  X(mysql_stmt_affected_rows)       \
  X(mysql_stmt_result_metadata)     \
  X(mysql_stmt_param_count)         \
  X(mysql_stmt_free_result)         \
  X(mysql_stmt_attr_set)            \
  X(mysql_stmt_sqlstate)            \
  X(mysql_stmt_send_long_data)      \
  X(mysql_set_local_infile_handler) \
  X(mariadb_get_infov)

namespace airlock::db {

struct MysqlClientApi {
#define AIRLOCK_API_SLOT(f) decltype(&::f) f;
  AIRLOCK_MYSQL_FUNCTIONS(AIRLOCK_API_SLOT)
#undef AIRLOCK_API_SLOT
};

// Loads the library once (thread-safe); later calls return the first result.
Status LoadMysqlApi();
// The loaded table; LoadMysqlApi() must have succeeded.
const MysqlClientApi& MysqlApi();

}  // namespace airlock::db

#ifndef AIRLOCK_CLIENT_API_IMPL
// clang-format off
#define mysql_init (::airlock::db::MysqlApi().mysql_init)
#define mysql_close (::airlock::db::MysqlApi().mysql_close)
#define mysql_real_connect (::airlock::db::MysqlApi().mysql_real_connect)
#define mysql_options (::airlock::db::MysqlApi().mysql_options)
#define mysql_optionsv (::airlock::db::MysqlApi().mysql_optionsv)
#define mysql_errno (::airlock::db::MysqlApi().mysql_errno)
#define mysql_error (::airlock::db::MysqlApi().mysql_error)
#define mysql_sqlstate (::airlock::db::MysqlApi().mysql_sqlstate)
#define mysql_real_query (::airlock::db::MysqlApi().mysql_real_query)
#define mysql_query (::airlock::db::MysqlApi().mysql_query)
#define mysql_store_result (::airlock::db::MysqlApi().mysql_store_result)
#define mysql_use_result (::airlock::db::MysqlApi().mysql_use_result)
#define mysql_free_result (::airlock::db::MysqlApi().mysql_free_result)
#define mysql_fetch_row (::airlock::db::MysqlApi().mysql_fetch_row)
#define mysql_fetch_lengths (::airlock::db::MysqlApi().mysql_fetch_lengths)
#define mysql_fetch_fields (::airlock::db::MysqlApi().mysql_fetch_fields)
#define mysql_fetch_field (::airlock::db::MysqlApi().mysql_fetch_field)
#define mysql_fetch_field_direct (::airlock::db::MysqlApi().mysql_fetch_field_direct)
#define mysql_num_fields (::airlock::db::MysqlApi().mysql_num_fields)
#define mysql_num_rows (::airlock::db::MysqlApi().mysql_num_rows)
#define mysql_field_count (::airlock::db::MysqlApi().mysql_field_count)
#define mysql_affected_rows (::airlock::db::MysqlApi().mysql_affected_rows)
#define mysql_insert_id (::airlock::db::MysqlApi().mysql_insert_id)
#define mysql_next_result (::airlock::db::MysqlApi().mysql_next_result)
#define mysql_more_results (::airlock::db::MysqlApi().mysql_more_results)
#define mysql_real_escape_string (::airlock::db::MysqlApi().mysql_real_escape_string)
#define mysql_hex_string (::airlock::db::MysqlApi().mysql_hex_string)
#define mysql_set_character_set (::airlock::db::MysqlApi().mysql_set_character_set)
#define mysql_character_set_name (::airlock::db::MysqlApi().mysql_character_set_name)
#define mysql_get_server_info (::airlock::db::MysqlApi().mysql_get_server_info)
#define mysql_get_server_version (::airlock::db::MysqlApi().mysql_get_server_version)
#define mysql_ping (::airlock::db::MysqlApi().mysql_ping)
#define mysql_select_db (::airlock::db::MysqlApi().mysql_select_db)
#define mysql_thread_id (::airlock::db::MysqlApi().mysql_thread_id)
#define mysql_kill (::airlock::db::MysqlApi().mysql_kill)
#define mysql_autocommit (::airlock::db::MysqlApi().mysql_autocommit)
#define mysql_commit (::airlock::db::MysqlApi().mysql_commit)
#define mysql_rollback (::airlock::db::MysqlApi().mysql_rollback)
#define mysql_warning_count (::airlock::db::MysqlApi().mysql_warning_count)
#define mysql_info (::airlock::db::MysqlApi().mysql_info)
#define mysql_get_ssl_cipher (::airlock::db::MysqlApi().mysql_get_ssl_cipher)
#define mysql_reset_connection (::airlock::db::MysqlApi().mysql_reset_connection)
#define mysql_data_seek (::airlock::db::MysqlApi().mysql_data_seek)
#define mysql_stmt_init (::airlock::db::MysqlApi().mysql_stmt_init)
#define mysql_stmt_prepare (::airlock::db::MysqlApi().mysql_stmt_prepare)
#define mysql_stmt_bind_param (::airlock::db::MysqlApi().mysql_stmt_bind_param)
#define mysql_stmt_bind_result (::airlock::db::MysqlApi().mysql_stmt_bind_result)
#define mysql_stmt_execute (::airlock::db::MysqlApi().mysql_stmt_execute)
#define mysql_stmt_store_result (::airlock::db::MysqlApi().mysql_stmt_store_result)
#define mysql_stmt_fetch (::airlock::db::MysqlApi().mysql_stmt_fetch)
#define mysql_stmt_fetch_column (::airlock::db::MysqlApi().mysql_stmt_fetch_column)
#define mysql_stmt_close (::airlock::db::MysqlApi().mysql_stmt_close)
#define mysql_stmt_error (::airlock::db::MysqlApi().mysql_stmt_error)
#define mysql_stmt_errno (::airlock::db::MysqlApi().mysql_stmt_errno)
#define mysql_stmt_affected_rows (::airlock::db::MysqlApi().mysql_stmt_affected_rows)
#define mysql_stmt_result_metadata (::airlock::db::MysqlApi().mysql_stmt_result_metadata)
#define mysql_stmt_param_count (::airlock::db::MysqlApi().mysql_stmt_param_count)
#define mysql_stmt_free_result (::airlock::db::MysqlApi().mysql_stmt_free_result)
#define mysql_stmt_attr_set (::airlock::db::MysqlApi().mysql_stmt_attr_set)
#define mysql_stmt_sqlstate (::airlock::db::MysqlApi().mysql_stmt_sqlstate)
#define mysql_stmt_send_long_data (::airlock::db::MysqlApi().mysql_stmt_send_long_data)
#define mariadb_get_infov (::airlock::db::MysqlApi().mariadb_get_infov)
#define mysql_set_local_infile_handler (::airlock::db::MysqlApi().mysql_set_local_infile_handler)
// clang-format on
#endif
