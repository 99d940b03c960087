#include "schema/schema.h"

#include <algorithm>

namespace airlock::schema {

const char* ProviderName(Provider p) {
  switch (p) {
    case Provider::kSqlite: return "sqlite";
    case Provider::kMysql: return "mysql";
    case Provider::kPostgres: return "postgresql";
  }
  return "";
}

const char* ScalarTypeName(ScalarType t) {
  switch (t) {
    case ScalarType::kInt: return "Int";
    case ScalarType::kBigInt: return "BigInt";
    case ScalarType::kFloat: return "Float";
    case ScalarType::kDecimal: return "Decimal";
    case ScalarType::kBoolean: return "Boolean";
    case ScalarType::kString: return "String";
    case ScalarType::kDateTime: return "DateTime";
    case ScalarType::kJson: return "Json";
    case ScalarType::kBytes: return "Bytes";
  }
  return "";
}

const char* ReferentialActionName(ReferentialAction a) {
  switch (a) {
    case ReferentialAction::kCascade: return "Cascade";
    case ReferentialAction::kRestrict: return "Restrict";
    case ReferentialAction::kNoAction: return "NoAction";
    case ReferentialAction::kSetNull: return "SetNull";
    case ReferentialAction::kSetDefault: return "SetDefault";
  }
  return "";
}

int Model::FindField(std::string_view n) const {
  for (size_t i = 0; i < fields.size(); ++i)
    if (fields[i].name == n) return static_cast<int>(i);
  return -1;
}

int Schema::FindModel(std::string_view n) const {
  for (size_t i = 0; i < models.size(); ++i)
    if (models[i].name == n) return static_cast<int>(i);
  return -1;
}

int Schema::FindEnum(std::string_view n) const {
  for (size_t i = 0; i < enums.size(); ++i)
    if (enums[i].name == n) return static_cast<int>(i);
  return -1;
}

bool Schema::HasPreviewFeature(std::string_view feature) const {
  for (const auto& g : generators)
    if (std::find(g.preview_features.begin(), g.preview_features.end(),
                  feature) != g.preview_features.end())
      return true;
  return false;
}

}  // namespace airlock::schema
