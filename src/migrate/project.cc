#include "migrate/project.h"

#include <fmt/format.h>

#include <filesystem>

#include "db/dotenv.h"
#include "migrate/messages.h"
#include "schema/parser.h"
#include "schema/validate.h"

namespace airlock::migrate {
namespace {

namespace fs = std::filesystem;

struct RawDatasource {
  std::string name = "db";
  std::optional<std::string> provider;
  std::optional<std::string> url;
  std::optional<std::string> url_env;
};

// Reads the datasource block from the AST (used until the validator fills
// Schema::datasource).
std::optional<RawDatasource> DatasourceFromAst(const schema::ast::Ast& ast) {
  for (const auto& file : ast.files) {
    for (const auto& block : file.blocks) {
      if (block.kind != schema::ast::BlockKind::kDatasource) continue;
      RawDatasource ds;
      ds.name = block.name.name;
      for (const auto& kv : block.properties) {
        if (!kv.value) continue;
        const auto& v = *kv.value;
        if (kv.key.name == "provider" && v.IsString()) ds.provider = v.value;
        if (kv.key.name == "url") {
          if (v.IsString()) ds.url = v.value;
          if (v.IsFunction() && v.value == "env" && !v.args.empty() &&
              v.args[0].value && v.args[0].value->IsString()) {
            ds.url_env = v.args[0].value->value;
          }
        }
      }
      return ds;
    }
  }
  return std::nullopt;
}

std::string Relative(const std::string& path) {
  std::error_code ec;
  fs::path rel = fs::relative(path, fs::current_path(), ec);
  if (ec || rel.empty() || rel.string().starts_with("../../")) return path;
  return rel.string();
}

const char* ProtocolFor(const std::string& provider) {
  if (provider == "sqlite") return "file:";
  if (provider == "mysql") return "mysql://";
  return "postgresql://` or `postgres://";
}

}  // namespace

db::ConnectOptions Project::ConnectOptions(bool create_if_missing) const {
  db::ConnectOptions o;
  o.base_dir = url_from_flag ? fs::current_path().string() : schema_dir;
  o.create_if_missing = create_if_missing;
  o.display_url = url.Masked();
  return o;
}

std::string Project::DatasourceLine() const {
  std::string what;
  if (url.dialect == db::Dialect::kSqlite) {
    what = fmt::format("SQLite database \"{}\" at \"{}\"",
                       fs::path(url.path).filename().string(), url.Masked());
  } else {
    const char* kind =
        url.dialect == db::Dialect::kMysql ? "MySQL" : "PostgreSQL";
    std::string schema_part;
    if (url.dialect == db::Dialect::kPostgres) {
      schema_part = fmt::format(", schema \"{}\"",
                                url.Param("schema").value_or("public"));
    }
    what = fmt::format("{} database \"{}\"{} at \"{}:{}\"", kind, url.database,
                       schema_part, url.host, url.PortOrDefault());
  }
  return fmt::format("Datasource \"{}\": {}", datasource_name, what);
}

Result<Project> LoadProject(const ProjectOptions& options) {
  Project p;
  AIRLOCK_ASSIGN_OR_RETURN(p.loaded, schema::LoadSchema(options.schema_path));
  std::error_code ec;
  p.schema_dir =
      fs::absolute(p.loaded.SchemaDir(), ec).lexically_normal().string();
  p.schema_display = Relative(p.loaded.location);
  p.migrations_dir = (fs::path(p.schema_dir) / "migrations").string();
  p.migrations_display = Relative(p.migrations_dir);

  Diagnostics diags;
  std::optional<schema::Schema> validated =
      schema::ParseAndValidate(p.loaded.sources, diags);
  if (!validated) {
    return Status::Error("P1012",
                         fmt::format(msg::kSchemaInvalid, p.schema_display));
  }
  p.schema = *validated;
  RawDatasource ds;
  bool has_ds = false;
  if (validated->has_datasource) {
    const auto& d = validated->datasource;
    ds.name = d.name;
    ds.provider = schema::ProviderName(d.provider);
    ds.url = d.url;
    ds.url_env = d.url_env;
    has_ds = true;
  } else {
    Diagnostics ignored;
    schema::ast::Ast ast = schema::ParseSchema(p.loaded.sources, ignored);
    if (auto raw = DatasourceFromAst(ast)) {
      ds = *raw;
      has_ds = true;
      if (ds.provider == "postgres") ds.provider = "postgresql";
    }
  }
  if (has_ds) p.datasource_name = ds.name;

  std::string url_text;
  if (options.url) {
    url_text = *options.url;
    p.url_from_flag = true;
  } else if (!has_ds) {
    return Status::Error("P1012",
                         fmt::format(msg::kNoDatasource, p.schema_display));
  } else if (ds.url) {
    url_text = *ds.url;
  } else if (ds.url_env) {
    AIRLOCK_ASSIGN_OR_RETURN(db::Environment env,
                             db::Environment::Load(p.schema_dir));
    auto value = env.Get(*ds.url_env);
    if (!value || value->empty()) {
      return Status::Error("P1012", fmt::format(msg::kEnvNotFound, *ds.url_env,
                                                p.schema_display));
    }
    url_text = *value;
  } else {
    return Status::Error("P1012", fmt::format(msg::kNoUrl, p.schema_display));
  }
  AIRLOCK_ASSIGN_OR_RETURN(p.url, db::ParseDatabaseUrl(url_text));
  p.url_text = url_text;
  std::string url_provider = db::ProviderForUrl(p.url);
  if (has_ds && ds.provider && *ds.provider != url_provider) {
    return Status::Error("P1012",
                         fmt::format(msg::kUrlProviderMismatch, ds.name,
                                     ProtocolFor(*ds.provider)));
  }
  p.provider = has_ds && ds.provider ? *ds.provider : url_provider;
  if (validated->has_datasource) {
    const auto& d = validated->datasource;
    std::optional<std::string> shadow = d.shadow_database_url;
    if (!shadow && d.shadow_database_url_env) {
      AIRLOCK_ASSIGN_OR_RETURN(db::Environment env,
                               db::Environment::Load(p.schema_dir));
      auto value = env.Get(*d.shadow_database_url_env);
      if (value && !value->empty()) shadow = *value;
    }
    if (shadow && !shadow->empty()) {
      AIRLOCK_ASSIGN_OR_RETURN(p.shadow_url, db::ParseDatabaseUrl(*shadow));
    }
  }
  return p;
}

}  // namespace airlock::migrate
