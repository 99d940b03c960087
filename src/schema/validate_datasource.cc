// Pass 5 (configuration): the generators (provider, previewFeatures with
// Prisma's deprecation/rename warnings) and the datasource (provider, url,
// directUrl, shadowDatabaseUrl, relationMode, schemas, extensions).
//
// Differences from Prisma, on purpose (PRISMA-COMPAT.md): a datasource
// without `url` is accepted (the URL may come from --url or the
// environment), and env("X") is never resolved here.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "base/text.h"
#include "schema/validate_context.h"
#include "schema/validate_messages.h"

namespace airlock::schema::internal {
namespace {

// Preview features as Prisma 6.19 knows them. `kActive` is listed in the
// "Expected one of" message (plus provider-native ones).
const char* kActive[] = {"metrics",
                         "nativeDistinct",
                         "postgresqlExtensions",
                         "relationJoins",
                         "schemaEngineDriverAdapters",
                         "shardKeys",
                         "strictUndefinedChecks",
                         "views"};
const char* kHidden[] = {"reactNative", "typedSql", "queryCompiler"};
const char* kDeprecated[] = {"atomicNumberOperations",
                             "aggregateApi",
                             "clientExtensions",
                             "cockroachdb",
                             "connectOrCreate",
                             "createMany",
                             "dataProxy",
                             "deno",
                             "distinct",
                             "driverAdapters",
                             "esm",
                             "extendedIndexes",
                             "extendedWhereUnique",
                             "fieldReference",
                             "filteredRelationCount",
                             "filterJson",
                             "fullTextIndex",
                             "fullTextSearch",
                             "groupBy",
                             "improvedQueryRaw",
                             "interactiveTransactions",
                             "jsonProtocol",
                             "microsoftSqlServer",
                             "middlewares",
                             "mongoDb",
                             "multiSchema",
                             "namedConstraints",
                             "nApi",
                             "nativeTypes",
                             "omitApi",
                             "orderByAggregateGroup",
                             "orderByNulls",
                             "orderByRelation",
                             "prismaSchemaFolder",
                             "referentialActions",
                             "referentialIntegrity",
                             "selectRelationCount",
                             "tracing",
                             "transactionApi",
                             "uncheckedScalarInputs"};

template <size_t N>
const char* FindFeature(const char* (&list)[N], std::string_view s) {
  for (const char* f : list)
    if (EqualsIgnoreCase(f, s)) return f;
  return nullptr;
}

std::optional<Provider> ProviderFromString(std::string_view s) {
  if (s == "sqlite") return Provider::kSqlite;
  if (s == "mysql") return Provider::kMysql;
  if (s == "postgresql" || s == "postgres") return Provider::kPostgres;
  return std::nullopt;
}

// A string literal or env("VAR"), as Prisma's StringFromEnvVar.
struct StringOrEnv {
  std::optional<std::string> literal;
  std::optional<std::string> env;
  bool operator==(const StringOrEnv&) const = default;
};

std::optional<StringOrEnv> CoerceStringOrEnv(Context& ctx,
                                             const ast::Expression& e) {
  if (e.IsFunction() && e.value == "env") {
    // One warning per named argument, on the argument.
    for (const auto& a : e.args)
      if (a.name.has_value() && a.value.has_value())
        ctx.Warning("The env function doesn't expect named arguments", a.span);
    if (e.args.size() == 1 && e.args[0].value && e.args[0].value->IsString())
      return StringOrEnv{std::nullopt, e.args[0].value->value};
    ctx.Error("The env function expects a singular, unnamed, string argument.",
              e.span);
    return std::nullopt;
  }
  if (e.IsString()) return StringOrEnv{e.value, std::nullopt};
  TypeMismatch(ctx, "String", e);
  return std::nullopt;
}

void LoadGenerator(Context& ctx, const ast::Block& block,
                   std::optional<Provider> provider) {
  for (const auto& p : block.properties) {
    if (!p.value) {
      ctx.Error(fmt::format("Property {} in generator {} needs to be assigned "
                            "a value",
                            p.key.name, block.name.name),
                block.span);
      return;
    }
  }
  Generator g;
  g.name = block.name.name;
  g.span = block.span;
  const ast::KeyValue* provider_kv = nullptr;
  for (const auto& p : block.properties)
    if (p.key.name == "provider") provider_kv = &p;
  if (!provider_kv) {
    ctx.Error(fmt::format("Argument \"provider\" is missing in generator block "
                          "\"{}\".",
                          block.name.name),
              block.span);
    return;
  }
  for (const auto& p : block.properties) {
    const ast::Expression& v = *p.value;
    if (p.key.name == "engineType" && !v.IsString())
      TypeMismatch(ctx, "String", v);
  }
  auto prov = CoerceStringOrEnv(ctx, *provider_kv->value);
  if (!prov) return;
  g.provider = prov->literal ? *prov->literal : "env(\"" + *prov->env + "\")";
  for (const auto& p : block.properties) {
    const ast::Expression& v = *p.value;
    if (p.key.name == "output") {
      CoerceStringOrEnv(ctx, v);
    } else if (p.key.name == "binaryTargets") {
      if (v.IsArray()) {
        for (const auto& i : v.items) CoerceStringOrEnv(ctx, i);
      } else {
        CoerceStringOrEnv(ctx, v);
      }
    } else if (p.key.name == "previewFeatures") {
      std::vector<const ast::Expression*> items;
      if (v.IsArray()) {
        for (const auto& i : v.items) items.push_back(&i);
      } else {
        items.push_back(&v);
      }
      std::vector<std::string> names;
      bool ok = true;
      for (const auto* i : items) {
        if (auto s = CoerceString(ctx, *i)) {
          names.push_back(*s);
        } else {
          ok = false;
        }
      }
      if (!ok) continue;
      for (const auto& name : names) {
        bool pg = provider && *provider == Provider::kPostgres;
        if (EqualsIgnoreCase(name, "metrics")) {
          ctx.Warning(fmt::format("Preview feature \"{}\" is deprecated. It "
                                  "will be removed in a future version of "
                                  "Prisma.",
                                  name),
                      v.span);
          g.preview_features.push_back("metrics");
        } else if (pg && EqualsIgnoreCase(name, "fullTextSearch")) {
          ctx.Warning(fmt::format("On `provider = \"postgresql\"`, preview "
                                  "feature \"{}\" has been renamed to "
                                  "\"fullTextSearchPostgres\". Learn more at "
                                  "https://pris.ly/d/fts-postgres.",
                                  name),
                      v.span);
          g.preview_features.push_back("fullTextSearchPostgres");
        } else if (const char* d = FindFeature(kDeprecated, name)) {
          ctx.Warning(fmt::format("Preview feature \"{}\" is deprecated. The "
                                  "functionality can be used without "
                                  "specifying it as a preview feature.",
                                  name),
                      v.span);
          g.preview_features.push_back(d);
        } else if (const char* a = FindFeature(kActive, name)) {
          g.preview_features.push_back(a);
        } else if (const char* h = FindFeature(kHidden, name)) {
          g.preview_features.push_back(h);
        } else if (pg && EqualsIgnoreCase(name, "fullTextSearchPostgres")) {
          g.preview_features.push_back("fullTextSearchPostgres");
        } else {
          std::string expected = pg ? "fullTextSearchPostgres, " : "";
          for (size_t i = 0; i < std::size(kActive); ++i) {
            if (i) expected += ", ";
            expected += kActive[i];
          }
          ctx.Error(fmt::format("The preview feature \"{}\" is not known. "
                                "Expected one of: {}",
                                name, expected),
                    v.span);
        }
      }
    } else if (p.key.name != "provider" && p.key.name != "engineType") {
      // Other keys are free-form generator config: strings, env(), arrays.
    }
  }
  ctx.schema.generators.push_back(std::move(g));
}

// `extensions = [postgis, uuid_ossp(map: "uuid-ossp", schema: "x")]`.
void LoadExtensions(Context& ctx, const ast::KeyValue& kv) {
  const ast::Expression& v = *kv.value;
  std::vector<const ast::Expression*> items;
  if (v.IsArray()) {
    for (const auto& i : v.items) items.push_back(&i);
  } else {
    items.push_back(&v);
  }
  for (const auto* i : items) {
    if (!i->IsConstant() && !i->IsFunction()) {
      TypeMismatch(ctx, "constant or function", *i);
      continue;
    }
    if (i->value.find('-') != std::string::npos) {
      ctx.Error(vmsg::Validation(
                    "The character `-` is not allowed in extension names."),
                i->span);
      continue;
    }
    bool ok = true;
    std::set<std::string> seen;
    Extension ext;
    ext.name = i->value;
    for (const auto& a : i->args) {
      if (!a.name) {
        ctx.Error(vmsg::Validation("The argument must have a name"), a.span);
        ok = false;
        continue;
      }
      const std::string& n = a.name->name;
      if (!seen.insert(n).second) {
        ctx.Error(vmsg::Validation(fmt::format(
                      "The argument `{}` can only be defined once", n)),
                  a.span);
        ok = false;
        continue;
      }
      if (n == "schema" || n == "version" || n == "map") {
        if (!a.value || !a.value->IsString()) {
          if (a.value) TypeMismatch(ctx, "string", *a.value);
          ctx.Error(vmsg::Validation(fmt::format(
                        "The `{}` argument must be a string literal", n)),
                    a.span);
          ok = false;
        } else {
          std::optional<std::string>& field = n == "schema"    ? ext.schema
                                              : n == "version" ? ext.version
                                                               : ext.db_name;
          field = a.value->value;
        }
      } else {
        ctx.Error(fmt::format("Argument not known: \"{}\".", n), a.span);
        ok = false;
      }
    }
    if (ok) ctx.schema.datasource.extensions.push_back(std::move(ext));
  }
}

void LoadDatasource(Context& ctx, const ast::Block& block) {
  for (const auto& p : block.properties) {
    if (!p.value) {
      ctx.Error(fmt::format("Property {} in datasource {} needs to be "
                            "assigned a value",
                            p.key.name, block.name.name),
                block.span);
      return;
    }
  }
  std::map<std::string, const ast::KeyValue*> args;
  std::vector<std::string> order;
  for (const auto& p : block.properties) {
    if (!args.count(p.key.name)) order.push_back(p.key.name);
    args[p.key.name] = &p;
  }
  auto take = [&](const std::string& k) -> const ast::KeyValue* {
    auto it = args.find(k);
    if (it == args.end()) return nullptr;
    const ast::KeyValue* kv = it->second;
    args.erase(it);
    return kv;
  };
  Datasource& ds = ctx.schema.datasource;
  ds.name = block.name.name;
  ds.span = block.span;
  const ast::KeyValue* provider = take("provider");
  if (!provider) {
    ctx.Error(fmt::format("Argument \"provider\" is missing in data source "
                          "block \"{}\".",
                          block.name.name),
              block.span);
    return;
  }
  const ast::Expression& pv = *provider->value;
  if (pv.IsFunction() && pv.value == "env") {
    ctx.Error(
        "A datasource must not use the env() function in the provider "
        "argument.",
        block.span);
    return;
  }
  if (!pv.IsString()) {
    ctx.Error(fmt::format("Error validating datasource `{}`: The provider "
                          "argument in a datasource must be a string literal",
                          block.name.name),
              pv.span);
    return;
  }
  if (pv.value.empty()) {
    ctx.Error(fmt::format("Error validating datasource `{}`: The provider "
                          "argument in a datasource must not be empty",
                          block.name.name),
              pv.span);
    return;
  }
  auto prov = ProviderFromString(pv.value);
  if (!prov && ctx.allow_other_providers &&
      (pv.value == "mongodb" || pv.value == "sqlserver" ||
       pv.value == "cockroachdb")) {
    ds.provider_text = pv.value;
    ctx.other_provider = true;
    return;
  }
  if (!prov) {
    ctx.Error(fmt::format("Datasource provider not known: \"{}\".", pv.value),
              pv.span);
    return;
  }
  ds.provider = *prov;
  ds.provider_text = pv.value;
  ctx.provider_known = true;
  ctx.datasource_name = block.name.name;
  ctx.schema.has_datasource = true;

  // relationMode / referentialIntegrity.
  if (const auto it = args.find("referentialIntegrity"); it != args.end()) {
    ctx.Warning(
        "The `referentialIntegrity` attribute is deprecated. Please "
        "use `relationMode` instead. Learn more at "
        "https://pris.ly/d/relation-mode",
        it->second->span);
  }
  const ast::KeyValue* rm = take("relationMode");
  const ast::KeyValue* ri = take("referentialIntegrity");
  if (rm && ri) {
    ctx.Error(
        "The `referentialIntegrity` and `relationMode` attributes "
        "cannot be used together. Please use only `relationMode` "
        "instead.",
        ri->span);
  } else if (rm || ri) {
    const ast::KeyValue* kv = rm ? rm : ri;
    if (auto s = CoerceString(ctx, *kv->value)) {
      if (*s == "prisma") {
        ds.relation_mode_prisma = true;
        ctx.relation_mode_prisma = true;
      } else if (*s != "foreignKeys") {
        ctx.Error(fmt::format("Error validating datasource `relationMode`: "
                              "Invalid relation mode setting: \"{}\". "
                              "Supported values: \"prisma\", "
                              "\"foreignKeys\"",
                              *s),
                  block.span);
      }
    }
  }
  // Connector-specific properties (PostgreSQL: extensions). The preview
  // feature is checked by the rules pass, once generators are loaded.
  if (ds.provider == Provider::kPostgres) {
    if (const ast::KeyValue* ext = take("extensions")) {
      ctx.has_extensions = true;
      ctx.extensions_span = ext->span;
      LoadExtensions(ctx, *ext);
    }
  }
  // url, shadowDatabaseUrl, directUrl.
  std::optional<StringOrEnv> url;
  Span url_span;
  if (const ast::KeyValue* kv = take("url")) {
    url = CoerceStringOrEnv(ctx, *kv->value);
    if (!url) return;
    url_span = kv->value->span;
    ds.url = url->literal;
    ds.url_env = url->env;
    ctx.url_span = url_span;
  }
  std::optional<StringOrEnv> shadow;
  if (const ast::KeyValue* kv = take("shadowDatabaseUrl")) {
    shadow = CoerceStringOrEnv(ctx, *kv->value);
    if (shadow && shadow->literal && shadow->literal->empty()) shadow.reset();
    if (shadow) {
      ds.shadow_database_url = shadow->literal;
      ds.shadow_database_url_env = shadow->env;
    }
  }
  std::optional<StringOrEnv> direct;
  Span direct_span;
  if (const ast::KeyValue* kv = take("directUrl")) {
    direct = CoerceStringOrEnv(ctx, *kv->value);
    direct_span = kv->value->span;
    if (direct) {
      ds.direct_url = direct->literal;
      ds.direct_url_env = direct->env;
    }
  }
  if (shadow) {
    if (direct && *direct == *shadow) {
      ctx.Error(fmt::format("shadowDatabaseUrl is the same as directUrl for "
                            "datasource \"{}\". Please specify a different "
                            "database as shadow database to avoid data loss.",
                            ds.name),
                direct_span);
    }
    if (url && *url == *shadow) {
      ctx.Error(fmt::format("shadowDatabaseUrl is the same as url for "
                            "datasource \"{}\". Please specify a different "
                            "database as shadow database to avoid data loss.",
                            ds.name),
                url_span);
    }
  }
  if (const ast::KeyValue* kv = take("previewFeatures")) {
    ctx.Error(
        "Preview features are only supported in the generator block. "
        "Please move this field to the generator block.",
        kv->span);
  }
  if (const ast::KeyValue* kv = take("schemas")) {
    const ast::Expression& v = *kv->value;
    std::vector<const ast::Expression*> items;
    if (v.IsArray()) {
      for (const auto& i : v.items) items.push_back(&i);
    } else {
      items.push_back(&v);
    }
    bool ok = true;
    std::vector<std::pair<std::string, Span>> names;
    for (const auto* i : items) {
      if (auto s = CoerceString(ctx, *i)) {
        names.emplace_back(*s, i->span);
      } else {
        ok = false;
      }
    }
    if (ok) {
      if (names.empty()) {
        ctx.Error("If provided, the schemas array can not be empty.", v.span);
      } else {
        std::stable_sort(
            names.begin(), names.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
        for (size_t i = 1; i < names.size(); ++i)
          if (names[i - 1].first == names[i].first)
            ctx.Error("Duplicated schema names are not allowed",
                      names[i - 1].second);
        for (const auto& [n, s] : names) ds.schemas.push_back(n);
        ctx.schemas_span = v.span;
        ctx.has_schemas = true;
      }
    }
  }
  for (const auto& k : order) {
    auto it = args.find(k);
    if (it == args.end()) continue;
    ctx.Error(fmt::format("Property not known: \"{}\".", k), it->second->span);
  }
}

}  // namespace

void ResolveConfig(Context& ctx) {
  // Datasources first (the provider selects preview features), then
  // generators, as Prisma's validate_configuration does.
  if (!ctx.datasource_blocks.empty())
    LoadDatasource(ctx, *ctx.datasource_blocks[0]);
  if (ctx.datasource_blocks.size() > 1) {
    for (const auto* d : ctx.datasource_blocks)
      ctx.Error(fmt::format("Error validating datasource `{}`: You defined "
                            "more than one datasource. This is not allowed "
                            "yet because support for multiple databases has "
                            "not been implemented yet.",
                            d->name.name),
                d->span);
  }
  std::optional<Provider> provider;
  if (ctx.provider_known) provider = ctx.schema.datasource.provider;
  for (const auto* g : ctx.generator_blocks) LoadGenerator(ctx, *g, provider);
  for (const auto& g : ctx.schema.generators)
    for (const auto& f : g.preview_features) ctx.preview_features.push_back(f);
}

// The scheme of a literal URL must fit the provider (Prisma checks this when
// it loads the configuration). env() URLs are checked only when used.
void CheckUrlScheme(Context& ctx) {
  const Datasource& ds = ctx.schema.datasource;
  if (!ctx.provider_known || !ds.url) return;
  const std::string& url = *ds.url;
  auto starts = [&](std::string_view p) { return url.rfind(p, 0) == 0; };
  if (starts("prisma://") || starts("prisma+postgres://")) return;
  std::string problem;
  if (url.empty()) {
    problem = "You must provide a nonempty URL";
  } else if (ds.provider == Provider::kPostgres &&
             !(starts("postgresql://") || starts("postgres://"))) {
    problem =
        "the URL must start with the protocol `postgresql://` or "
        "`postgres://`.";
  } else if (ds.provider == Provider::kMysql && !starts("mysql://")) {
    problem = "the URL must start with the protocol `mysql://`.";
  } else if (ds.provider == Provider::kSqlite && !starts("file:")) {
    problem = "the URL must start with the protocol `file:`.";
  }
  if (problem.empty()) return;
  ctx.Error(
      fmt::format("Error validating datasource `{}`: {}", ds.name, problem),
      ctx.url_span);
}

}  // namespace airlock::schema::internal
