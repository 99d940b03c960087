#include "schema/schema.h"

#include <algorithm>

namespace airlock::schema {

const char* ProviderName(Provider p) {
  switch (p) {
    case Provider::kSqlite:
      return "sqlite";
    case Provider::kMysql:
      return "mysql";
    case Provider::kPostgres:
      return "postgresql";
  }
  return "";
}

const char* ScalarTypeName(ScalarType t) {
  switch (t) {
    case ScalarType::kInt:
      return "Int";
    case ScalarType::kBigInt:
      return "BigInt";
    case ScalarType::kFloat:
      return "Float";
    case ScalarType::kDecimal:
      return "Decimal";
    case ScalarType::kBoolean:
      return "Boolean";
    case ScalarType::kString:
      return "String";
    case ScalarType::kDateTime:
      return "DateTime";
    case ScalarType::kJson:
      return "Json";
    case ScalarType::kBytes:
      return "Bytes";
  }
  return "";
}

const char* ReferentialActionName(ReferentialAction a) {
  switch (a) {
    case ReferentialAction::kCascade:
      return "Cascade";
    case ReferentialAction::kRestrict:
      return "Restrict";
    case ReferentialAction::kNoAction:
      return "NoAction";
    case ReferentialAction::kSetNull:
      return "SetNull";
    case ReferentialAction::kSetDefault:
      return "SetDefault";
  }
  return "";
}

int Model::FindField(std::string_view n) const {
  for (size_t i = 0; i < fields.size(); ++i)
    if (fields[i].name == n) return static_cast<int>(i);
  return -1;
}

namespace {

template <typename T>
int FindIndexed(const std::vector<T>& items,
                std::unordered_map<std::string, int>& by_name, size_t& indexed,
                std::string_view name) {
  if (indexed > items.size()) {  // shrunk or replaced: start over
    by_name.clear();
    indexed = 0;
  }
  for (; indexed < items.size(); ++indexed)
    by_name.emplace(items[indexed].name, static_cast<int>(indexed));
  auto it = by_name.find(std::string(name));
  return it == by_name.end() ? -1 : it->second;
}

}  // namespace

int Schema::FindModel(std::string_view n) const {
  return FindIndexed(models, model_index_.by_name, model_index_.indexed, n);
}

int Schema::FindEnum(std::string_view n) const {
  return FindIndexed(enums, enum_index_.by_name, enum_index_.indexed, n);
}

bool Schema::HasPreviewFeature(std::string_view feature) const {
  for (const auto& g : generators)
    if (std::find(g.preview_features.begin(), g.preview_features.end(),
                  feature) != g.preview_features.end())
      return true;
  return false;
}

}  // namespace airlock::schema
