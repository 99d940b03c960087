// The PostgreSQL libpq client API, loaded on first use (client_library.h).
// Include this after <libpq-fe.h> in the one file that talks to the library:
// the macros below route every call through the loaded table, so the code reads
// as plain PostgreSQL libpq client calls. A function not listed here fails to
// link (the library is not linked): add it to AIRLOCK_PQ_FUNCTIONS.
#pragma once

#include <libpq-fe.h>

#include "base/status.h"

#define AIRLOCK_PQ_FUNCTIONS(X) \
  X(PQconnectdbParams)          \
  X(PQconnectdb)                \
  X(PQfinish)                   \
  X(PQstatus)                   \
  X(PQerrorMessage)             \
  X(PQtransactionStatus)        \
  X(PQsetNoticeProcessor)       \
  X(PQexec)                     \
  X(PQexecParams)               \
  X(PQprepare)                  \
  X(PQexecPrepared)             \
  X(PQresultStatus)             \
  X(PQresultErrorField)         \
  X(PQresultErrorMessage)       \
  X(PQclear)                    \
  X(PQcmdTuples)                \
  X(PQntuples)                  \
  X(PQnfields)                  \
  X(PQfname)                    \
  X(PQftype)                    \
  X(PQfmod)                     \
  X(PQfsize)                    \
  X(PQfformat)                  \
  X(PQbinaryTuples)             \
  X(PQgetvalue)                 \
  X(PQgetisnull)                \
  X(PQgetlength)                \
  X(PQsetSingleRowMode)         \
  X(PQsendQuery)                \
  X(PQsendQueryParams)          \
  X(PQgetResult)                \
  X(PQconsumeInput)             \
  X(PQisBusy)                   \
  X(PQsocket)                   \
  X(PQputCopyData)              \
  X(PQputCopyEnd)               \
  X(PQgetCopyData)              \
  X(PQfreemem)                  \
  X(PQescapeIdentifier)         \
  X(PQescapeLiteral)            \
  X(PQserverVersion)            \
  X(PQparameterStatus)          \
  X(PQsetClientEncoding)        \
  X(PQclientEncoding)           \
  X(PQgetCancel)                \
  X(PQcancel)                   \
  X(PQfreeCancel)               \
  X(PQnotifies)                 \
  X(PQsslInUse)                 \
  X(PQlibVersion)               \
  X(PQdb)                       \
  X(PQuser)

namespace airlock::db {

struct PqClientApi {
#define AIRLOCK_API_SLOT(f) decltype(&::f) f;
  AIRLOCK_PQ_FUNCTIONS(AIRLOCK_API_SLOT)
#undef AIRLOCK_API_SLOT
};

// Loads the library once (thread-safe); later calls return the first result.
Status LoadPqApi();
// The loaded table; LoadPqApi() must have succeeded.
const PqClientApi& PqApi();

}  // namespace airlock::db

#ifndef AIRLOCK_CLIENT_API_IMPL
// clang-format off
#define PQconnectdbParams (::airlock::db::PqApi().PQconnectdbParams)
#define PQconnectdb (::airlock::db::PqApi().PQconnectdb)
#define PQfinish (::airlock::db::PqApi().PQfinish)
#define PQstatus (::airlock::db::PqApi().PQstatus)
#define PQerrorMessage (::airlock::db::PqApi().PQerrorMessage)
#define PQtransactionStatus (::airlock::db::PqApi().PQtransactionStatus)
#define PQsetNoticeProcessor (::airlock::db::PqApi().PQsetNoticeProcessor)
#define PQexec (::airlock::db::PqApi().PQexec)
#define PQexecParams (::airlock::db::PqApi().PQexecParams)
#define PQprepare (::airlock::db::PqApi().PQprepare)
#define PQexecPrepared (::airlock::db::PqApi().PQexecPrepared)
#define PQresultStatus (::airlock::db::PqApi().PQresultStatus)
#define PQresultErrorField (::airlock::db::PqApi().PQresultErrorField)
#define PQresultErrorMessage (::airlock::db::PqApi().PQresultErrorMessage)
#define PQclear (::airlock::db::PqApi().PQclear)
#define PQcmdTuples (::airlock::db::PqApi().PQcmdTuples)
#define PQntuples (::airlock::db::PqApi().PQntuples)
#define PQnfields (::airlock::db::PqApi().PQnfields)
#define PQfname (::airlock::db::PqApi().PQfname)
#define PQftype (::airlock::db::PqApi().PQftype)
#define PQfmod (::airlock::db::PqApi().PQfmod)
#define PQfsize (::airlock::db::PqApi().PQfsize)
#define PQfformat (::airlock::db::PqApi().PQfformat)
#define PQbinaryTuples (::airlock::db::PqApi().PQbinaryTuples)
#define PQgetvalue (::airlock::db::PqApi().PQgetvalue)
#define PQgetisnull (::airlock::db::PqApi().PQgetisnull)
#define PQgetlength (::airlock::db::PqApi().PQgetlength)
#define PQsetSingleRowMode (::airlock::db::PqApi().PQsetSingleRowMode)
#define PQsendQuery (::airlock::db::PqApi().PQsendQuery)
#define PQsendQueryParams (::airlock::db::PqApi().PQsendQueryParams)
#define PQgetResult (::airlock::db::PqApi().PQgetResult)
#define PQconsumeInput (::airlock::db::PqApi().PQconsumeInput)
#define PQisBusy (::airlock::db::PqApi().PQisBusy)
#define PQsocket (::airlock::db::PqApi().PQsocket)
#define PQputCopyData (::airlock::db::PqApi().PQputCopyData)
#define PQputCopyEnd (::airlock::db::PqApi().PQputCopyEnd)
#define PQgetCopyData (::airlock::db::PqApi().PQgetCopyData)
#define PQfreemem (::airlock::db::PqApi().PQfreemem)
#define PQescapeIdentifier (::airlock::db::PqApi().PQescapeIdentifier)
#define PQescapeLiteral (::airlock::db::PqApi().PQescapeLiteral)
#define PQserverVersion (::airlock::db::PqApi().PQserverVersion)
#define PQparameterStatus (::airlock::db::PqApi().PQparameterStatus)
#define PQsetClientEncoding (::airlock::db::PqApi().PQsetClientEncoding)
#define PQclientEncoding (::airlock::db::PqApi().PQclientEncoding)
#define PQgetCancel (::airlock::db::PqApi().PQgetCancel)
#define PQcancel (::airlock::db::PqApi().PQcancel)
#define PQfreeCancel (::airlock::db::PqApi().PQfreeCancel)
#define PQnotifies (::airlock::db::PqApi().PQnotifies)
#define PQsslInUse (::airlock::db::PqApi().PQsslInUse)
#define PQlibVersion (::airlock::db::PqApi().PQlibVersion)
#define PQdb (::airlock::db::PqApi().PQdb)
#define PQuser (::airlock::db::PqApi().PQuser)
// clang-format on
#endif
