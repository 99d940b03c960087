// What differs between databases when columns become Prisma fields: the
// scalar family as Prisma's describer sees it, the @db.* native type when it
// is not the scalar type's default, how a column default reads back
// (literal, now(), autoincrement(), dbgenerated(…)), and constraint naming.
// One implementation per dialect file.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sqlschema/sqlschema.h"

namespace airlock::introspect {

// A column default as Prisma's describer classifies it.
struct ParsedDefault {
  enum class Kind {
    kNone,
    kAutoincrement,
    kNow,
    kString,       // value: the decoded string
    kConstant,     // value: number / true / false, rendered bare
    kEnumValue,    // value: the database name of the enum value
    kDbGenerated,  // value: the SQL expression
    kStringList,   // list: decoded strings
    kConstantList  // list: bare constants
  };
  Kind kind = Kind::kNone;
  std::string value;
  std::vector<std::string> list;
};

// "VARCHAR(191)" -> {"VARCHAR", {"191"}}; "int(11) unsigned" ->
// {"INT UNSIGNED", {"11"}}. The base is upper-cased, spaces collapsed.
struct NativeParts {
  std::string base;
  std::vector<std::string> args;
};
NativeParts ParseNative(std::string_view native);

// Text of a SQL string literal 'a''b' -> a'b (nullopt when not quoted).
std::optional<std::string> UnquoteSql(std::string_view s, bool backslashes);
// True for -?digits, and with `decimal` also -?digits.digits / exponents.
bool IsNumber(std::string_view s, bool decimal);

class Dialect {
 public:
  virtual ~Dialect() = default;
  virtual sqlschema::Provider provider() const = 0;
  virtual sqlschema::ColumnFamily Family(const sqlschema::Column& c) const {
    return c.type.family;
  }
  // `VarChar(255)` (no `@db.`), or nullopt when default / not applicable.
  virtual std::optional<std::string> NativeType(
      const sqlschema::Column& c, sqlschema::ColumnFamily family) const = 0;
  virtual ParsedDefault Default(const sqlschema::Column& c,
                                sqlschema::ColumnFamily family) const = 0;
  // The type text inside Unsupported("…").
  virtual std::string UnsupportedName(const sqlschema::Column& c) const {
    return c.type.native;
  }
  // SQLite: a single INTEGER primary key column is always auto-increment.
  virtual bool ImplicitAutoincrement(const sqlschema::Table& t,
                                     const sqlschema::Column& c) const {
    return false;
  }
  // Whether constraint names read back from the database are meaningful
  // (SQLite foreign keys and primary keys are unnamed for Prisma).
  virtual bool NamesPrimaryKeys() const = 0;
  virtual bool NamesForeignKeys() const = 0;
  virtual size_t MaxIdentifierLength() const = 0;

 protected:
  // A scalar (non-list) column default of a server dialect read back:
  // integers and decimals, booleans, string/JSON/enum literals and now();
  // anything else is dbgenerated(`generated`). `expr` is the default (casts
  // stripped), `literal` its text when it is a string literal.
  ParsedDefault ScalarDefault(const std::string& expr,
                              const std::optional<std::string>& literal,
                              const std::string& generated,
                              sqlschema::ColumnFamily family) const;
  // Hooks of ScalarDefault. `lower` is the lower-cased default (the literal's
  // text where there is one): true/false, or nullopt when not a boolean.
  virtual std::optional<bool> BooleanDefault(std::string_view lower) const {
    return std::nullopt;
  }
  // Whether the lower-cased default expression means now().
  virtual bool IsNowDefault(std::string_view lower) const { return false; }
};

const Dialect& DialectFor(sqlschema::Provider provider);

}  // namespace airlock::introspect
