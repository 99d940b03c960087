// The project a migrate command works on: the schema (found like Prisma
// finds it), its datasource (provider, url = env("DATABASE_URL") resolved
// through the process environment and .env files, or --url), and the
// migrations folder next to the schema.
#pragma once

#include <optional>
#include <string>

#include "base/status.h"
#include "db/connect.h"
#include "db/url.h"
#include "schema/loader.h"
#include "schema/schema.h"

namespace airlock::migrate {

struct ProjectOptions {
  std::optional<std::string> schema_path;
  std::optional<std::string> url;  // --url: wins over the datasource's url
};

struct Project {
  schema::LoadedSchema loaded;
  schema::Schema schema;           // the validated schema
  std::string schema_display;      // path as shown to the user
  std::string schema_dir;          // absolute folder of the schema file
  std::string migrations_dir;      // <schema_dir>/migrations
  std::string migrations_display;  // relative to the working directory
  std::string datasource_name = "db";
  std::string provider;  // "sqlite", "mysql", "postgresql"
  db::DatabaseUrl url;
  // The URL as given (contains the password: never print or log it).
  std::string url_text;
  bool url_from_flag = false;
  // The datasource's shadowDatabaseUrl (literal or env), when set.
  std::optional<db::DatabaseUrl> shadow_url;

  // Options for db::Connect: relative SQLite paths against the schema folder
  // (or the working directory for --url).
  db::ConnectOptions ConnectOptions(bool create_if_missing) const;
  // `Datasource "db": SQLite database "dev.db" at "file:./dev.db"`.
  std::string DatasourceLine() const;
};

// Errors: schema not found or invalid, no datasource, env var not found, URL
// invalid or of another provider (the message never contains a password).
Result<Project> LoadProject(const ProjectOptions& options);

}  // namespace airlock::migrate
