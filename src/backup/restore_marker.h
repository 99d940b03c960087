// The restore marker: a one-row table that `airlock db restore` creates in
// the target database before it drops anything and removes only when the
// restore finished. On MySQL/MariaDB and PostgreSQL a restore cannot be one
// transaction (DDL, parallel connections), so a restore that was killed
// (kill -9, power loss, lost connection) leaves a database that is only
// partly restored; the marker makes that state visible: `db backup` refuses
// to back it up (the copy would look complete) and `db restore` says it
// replaces an interrupted restore. Restoring again is the recovery.
#pragma once

#include <optional>
#include <string>

#include "base/status.h"
#include "db/connection.h"

namespace airlock::backup {

inline constexpr const char* kRestoreMarkerTable =
    "_airlock_restore_incomplete";

struct RestoreMarker {
  std::string backup;   // the file being restored
  std::string started;  // UTC, 2026-11-26T05:40:00Z
};

// Creates the marker (replacing an older one).
Status WriteRestoreMarker(db::Connection& conn, const std::string& backup);
// Removes the marker.
Status ClearRestoreMarker(db::Connection& conn);
// The marker, when the database has one.
Result<std::optional<RestoreMarker>> ReadRestoreMarker(db::Connection& conn);

}  // namespace airlock::backup
