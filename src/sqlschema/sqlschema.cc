#include "sqlschema/sqlschema.h"

namespace airlock::sqlschema {

const FamilyNames& NamesOf(ColumnFamily family) {
  // Indexed by ColumnFamily, in declaration order.
  static const FamilyNames kNames[] = {
      {"Int", "Int"},           {"BigInt", "BigInt"},   {"Float", "Float"},
      {"Decimal", "Decimal"},   {"Boolean", "Boolean"}, {"String", "String"},
      {"DateTime", "DateTime"}, {"Json", "Json"},       {"Bytes", "Binary"},
      {"String", ""},  // kEnum
      {"String", ""},  // kUnsupported
  };
  static_assert(sizeof(kNames) / sizeof(kNames[0]) ==
                static_cast<size_t>(ColumnFamily::kUnsupported) + 1);
  return kNames[static_cast<size_t>(family)];
}

const char* ActionSql(Action a) {
  switch (a) {
    case Action::kNoAction:
      return "NO ACTION";
    case Action::kRestrict:
      return "RESTRICT";
    case Action::kCascade:
      return "CASCADE";
    case Action::kSetNull:
      return "SET NULL";
    case Action::kSetDefault:
      return "SET DEFAULT";
  }
  return "NO ACTION";
}

int Table::FindColumn(std::string_view column) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].name == column) return static_cast<int>(i);
  }
  return -1;
}

const Column* Table::ColumnNamed(std::string_view column) const {
  int i = FindColumn(column);
  return i < 0 ? nullptr : &columns[i];
}

bool Table::IsSinglePrimaryKeyColumn(std::string_view column) const {
  return primary_key && primary_key->columns.size() == 1 &&
         primary_key->columns[0].name == column;
}

int SqlSchema::FindTable(const std::optional<std::string>& schema,
                         std::string_view name) const {
  for (size_t i = 0; i < tables.size(); ++i) {
    if (tables[i].name == name && tables[i].schema == schema) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

int SqlSchema::FindEnum(std::string_view name) const {
  for (size_t i = 0; i < enums.size(); ++i) {
    if (enums[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace airlock::sqlschema
