// Shadow databases on MySQL/MariaDB and PostgreSQL, as Prisma Migrate uses
// them: either a temporary database next to the development database
// (`CREATE DATABASE prisma_migrate_shadow_db_<uuid>`, dropped when the
// connection is destroyed, also after a failure) or the user's
// shadowDatabaseUrl, emptied first and never created or dropped.
#pragma once

#include <memory>
#include <optional>

#include "base/status.h"
#include "db/connect.h"
#include "db/connection.h"
#include "db/url.h"

namespace airlock::describe {

// `shadow` given: connect to it and drop everything in it. Otherwise create
// a uniquely named database on the server of `main`; the returned connection
// drops it on destruction. P3014 (with the fix: set shadowDatabaseUrl) when
// the user may not create databases.
Result<std::unique_ptr<db::Connection>> OpenShadowDatabase(
    const db::DatabaseUrl& main, const std::optional<db::DatabaseUrl>& shadow,
    const db::ConnectOptions& options);

}  // namespace airlock::describe
