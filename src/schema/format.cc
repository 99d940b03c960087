#include "schema/format.h"

namespace airlock::schema {

std::vector<std::string> Format(const SourceSet& sources) {
  std::vector<std::string> out;
  for (const auto& s : sources) out.push_back(s.text);
  return out;
}

}  // namespace airlock::schema
