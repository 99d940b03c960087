// Loading the schema corpora of the test tools (tests/golden/diff_corpus,
// tests/servers/server_drift): files, golden cases (`=== name` sections),
// schemas validated with a datasource, and datasources pointed at another
// provider or URL.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "schema/schema.h"

namespace airlock::testing {

// The whole file ("" when it cannot be read).
std::string ReadFile(const std::string& path);

// A golden case: the text before the first `=== name` line, and each
// section's lines (with their newlines) in file order.
struct GoldenCase {
  std::string header;
  std::map<std::string, std::string> sections;
  std::vector<std::string> order;
};
GoldenCase ParseGolden(const std::string& text);

// Parses and validates a one-file schema that must have a datasource; on
// failure `error` gets the rendered diagnostics (or "no datasource").
std::optional<schema::Schema> LoadSchema(const std::string& text,
                                         std::string* error);

// A URL of the provider's form that is never connected to.
std::string DummyUrl(const std::string& provider);

// The first datasource's provider ("" when there is none; "postgres" reads
// as "postgresql").
std::string ProviderOf(const std::string& text);

// The text with the first datasource's url replaced by `url` and, when
// `provider` is not empty, its provider by `provider`.
std::string WithDatasource(const std::string& text, const std::string& provider,
                           const std::string& url);

}  // namespace airlock::testing
