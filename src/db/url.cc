#include "db/url.h"

#include <fmt/format.h>

#include <charconv>
#include <filesystem>

#include "db/messages.h"

namespace airlock::db {
namespace {

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Status Invalid(std::string_view scheme, std::string_view why) {
  return Status::Error("P1013", fmt::format(msg::kInvalidUrl, scheme, why));
}

void ParseQuery(std::string_view query, DatabaseUrl& url) {
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view part = query.substr(0, amp);
    query = amp == std::string_view::npos ? "" : query.substr(amp + 1);
    if (part.empty()) continue;
    size_t eq = part.find('=');
    std::string key = PercentDecode(part.substr(0, eq));
    std::string value =
        eq == std::string_view::npos ? "" : PercentDecode(part.substr(eq + 1));
    url.params.emplace_back(std::move(key), std::move(value));
  }
}

bool IsSecretParam(std::string_view key) {
  return key == "password" || key == "sslpassword" || key == "pgpassword";
}

}  // namespace

std::string PercentDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      int hi = HexDigit(s[i + 1]), lo = HexDigit(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

std::optional<std::string> DatabaseUrl::Param(std::string_view name) const {
  for (const auto& [k, v] : params) {
    if (k == name) return v;
  }
  return std::nullopt;
}

int DatabaseUrl::PortOrDefault() const {
  if (port != 0) return port;
  switch (dialect) {
    case Dialect::kMysql:
      return 3306;
    case Dialect::kPostgres:
      return 5432;
    case Dialect::kSqlite:
      return 0;
  }
  return 0;
}

std::string DatabaseUrl::Masked() const {
  std::string out = scheme + ":";
  if (dialect == Dialect::kSqlite) {
    out += path;
  } else {
    out += "//";
    if (!user.empty() || !password.empty()) {
      out += user;
      if (!password.empty()) out += ":****";
      out += "@";
    }
    out += host.find(':') != std::string::npos ? "[" + host + "]" : host;
    if (port != 0) out += fmt::format(":{}", port);
    if (!database.empty()) out += "/" + database;
  }
  char sep = '?';
  for (const auto& [k, v] : params) {
    out += sep;
    sep = '&';
    out += k;
    out += "=";
    out += IsSecretParam(k) ? "****" : v;
  }
  return out;
}

Result<DatabaseUrl> ParseDatabaseUrl(std::string_view text) {
  DatabaseUrl url;
  size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) {
    return Invalid("", msg::kUrlNoScheme);
  }
  url.scheme = std::string(text.substr(0, colon));
  std::string_view rest = text.substr(colon + 1);
  if (url.scheme == "file") {
    url.dialect = Dialect::kSqlite;
    size_t q = rest.find('?');
    if (q != std::string_view::npos) {
      ParseQuery(rest.substr(q + 1), url);
      rest = rest.substr(0, q);
    }
    if (rest.starts_with("//")) rest.remove_prefix(2);  // file://path
    url.path = PercentDecode(rest);
    if (url.path.empty()) return Invalid(url.scheme, msg::kUrlNoPath);
    return url;
  }
  if (url.scheme == "mysql") {
    url.dialect = Dialect::kMysql;
  } else if (url.scheme == "postgresql" || url.scheme == "postgres") {
    url.dialect = Dialect::kPostgres;
  } else {
    return Invalid(url.scheme, msg::kUrlUnknownScheme);
  }
  if (!rest.starts_with("//")) return Invalid(url.scheme, msg::kUrlNoSlashes);
  rest.remove_prefix(2);
  size_t q = rest.find('?');
  if (q != std::string_view::npos) {
    ParseQuery(rest.substr(q + 1), url);
    rest = rest.substr(0, q);
  }
  size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (slash != std::string_view::npos) {
    url.database = PercentDecode(rest.substr(slash + 1));
  }
  size_t at = authority.rfind('@');
  if (at != std::string_view::npos) {
    std::string_view userinfo = authority.substr(0, at);
    authority = authority.substr(at + 1);
    size_t c = userinfo.find(':');
    url.user = PercentDecode(userinfo.substr(0, c));
    if (c != std::string_view::npos) {
      url.password = PercentDecode(userinfo.substr(c + 1));
    }
  }
  std::string_view port_text;
  if (authority.starts_with("[")) {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) {
      return Invalid(url.scheme, msg::kUrlBadHost);
    }
    url.host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') return Invalid(url.scheme, msg::kUrlBadHost);
      port_text = after.substr(1);
    }
  } else {
    size_t c = authority.rfind(':');
    url.host = PercentDecode(authority.substr(0, c));
    if (c != std::string_view::npos) port_text = authority.substr(c + 1);
  }
  if (!port_text.empty()) {
    int port = 0;
    auto [p, ec] = std::from_chars(port_text.data(),
                                   port_text.data() + port_text.size(), port);
    if (ec != std::errc() || p != port_text.data() + port_text.size() ||
        port <= 0 || port > 65535) {
      return Invalid(url.scheme, msg::kUrlBadPort);
    }
    url.port = port;
  }
  if (url.host.empty() && !url.Param("host") && !url.Param("socket")) {
    return Invalid(url.scheme, msg::kUrlBadHost);
  }
  return url;
}

const char* ProviderForUrl(const DatabaseUrl& url) {
  return DialectName(url.dialect);
}

const char* DialectName(Dialect d) {
  switch (d) {
    case Dialect::kSqlite:
      return "sqlite";
    case Dialect::kMysql:
      return "mysql";
    case Dialect::kPostgres:
      return "postgresql";
  }
  return "";
}

std::string ResolveSqlitePath(const DatabaseUrl& url,
                              const std::string& schema_dir) {
  namespace fs = std::filesystem;
  fs::path p(url.path);
  if (p.is_absolute()) return p.lexically_normal().string();
  fs::path base =
      schema_dir.empty() ? fs::current_path() : fs::path(schema_dir);
  if (base.is_relative()) base = fs::absolute(base);
  return (base / p).lexically_normal().string();
}

}  // namespace airlock::db
