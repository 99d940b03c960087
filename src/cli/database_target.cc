#include "cli/database_target.h"

#include <fmt/format.h>

#include <filesystem>

#include "base/diagnostics.h"
#include "base/term.h"
#include "cli/messages.h"
#include "db/dotenv.h"
#include "schema/loader.h"
#include "schema/validate.h"

namespace airlock::cli {

Result<DatabaseTarget> ResolveDatabaseTarget(const std::string& schema_option,
                                             const std::string& url_option) {
  namespace fs = std::filesystem;
  DatabaseTarget t;
  std::string cwd = fs::current_path().string();
  t.project_root = db::Environment::FindProjectRoot(cwd);
  std::string url_text = url_option;
  t.options.base_dir = cwd;
  if (url_text.empty()) {
    std::optional<std::string> path;
    if (!schema_option.empty()) path = schema_option;
    AIRLOCK_ASSIGN_OR_RETURN(auto loaded, schema::LoadSchema(path));
    Diagnostics diags;
    auto parsed = schema::ParseAndValidate(loaded.sources, diags);
    if (!parsed) {
      fmt::print(
          stderr, "{}",
          RenderDiagnostics(diags, loaded.sources, ColorEnabled(stderr)));
      return Status::Error(fmt::format(msg::kValidationErrors,
                                       diags.ErrorCount(), loaded.location));
    }
    t.options.base_dir = loaded.SchemaDir();
    const auto& ds = parsed->datasource;
    if (ds.url) {
      url_text = *ds.url;
    } else if (ds.url_env) {
      AIRLOCK_ASSIGN_OR_RETURN(auto env,
                               db::Environment::Load(loaded.SchemaDir()));
      auto v = env.Get(*ds.url_env);
      if (!v || v->empty()) {
        return Status::Error(
            fmt::format(msg::kEnvVarMissing, *ds.url_env, loaded.location));
      }
      url_text = *v;
    } else {
      return Status::Error(fmt::format(msg::kNoDatasourceUrl, loaded.location));
    }
  }
  AIRLOCK_ASSIGN_OR_RETURN(t.url, db::ParseDatabaseUrl(url_text));
  t.options.display_url = t.url.Masked();
  return t;
}

}  // namespace airlock::cli
