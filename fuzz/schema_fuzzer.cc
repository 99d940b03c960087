// libFuzzer target for the schema pipeline: parse, validate, render the
// diagnostics and format arbitrary bytes. Any crash, leak, sanitizer report
// or hang (libFuzzer -timeout) is a bug: bad input must only ever produce
// diagnostics.
#include <cstddef>
#include <cstdint>
#include <string>

#include "base/diagnostics.h"
#include "schema/format.h"
#include "schema/validate.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace airlock;
  SourceSet sources{{"schema.prisma",
                     std::string(reinterpret_cast<const char*>(data), size)}};
  Diagnostics diags;
  schema::ParseAndValidate(sources, diags);
  std::string rendered = RenderDiagnostics(diags, sources, true);
  if (diags.HasErrors() && rendered.empty()) __builtin_trap();
  std::vector<std::string> formatted = schema::Format(sources);
  if (formatted.size() != 1) __builtin_trap();
  return 0;
}
