// Introspection: a described database (SqlSchema) -> a Prisma schema, the
// way `prisma db pull` builds it. Model, field and enum names come from the
// database (sanitised, with @@map/@map when they had to change), relation
// fields are added on both sides, and an existing schema contributes what
// Prisma keeps on re-introspection: the datasource and generator blocks,
// model/enum order, client names (@map'd), doc comments, @updatedAt,
// @ignore, client-side defaults (cuid(), uuid(), nanoid()) and relation
// field names. The text returned is unformatted: run it through
// schema::Format to get `prisma format`'s layout.
#pragma once

#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "schema/ast.h"
#include "schema/schema.h"
#include "sqlschema/sqlschema.h"

namespace airlock::introspect {

struct PreviousSchema {
  const schema::Schema* schema = nullptr;  // validated; may have no models
  const schema::ast::Ast* ast = nullptr;   // for the configuration blocks
  const SourceSet* sources = nullptr;
  // relationMode = "prisma": no foreign keys; relation fields are copied
  // from the previous schema instead of derived from foreign keys.
  bool relation_mode_prisma = false;
  // previewFeatures = ["views"]: views become `view` blocks.
  bool views = false;
};

struct IntrospectResult {
  std::string text;   // unformatted schema text (config + models + enums)
  bool empty = true;  // no models, views or enums were found
  int models = 0;
  int views = 0;
  int enums = 0;
  // Prisma's introspection warnings: "text:\n  - item\n  - item" each.
  std::vector<std::string> warnings;
};

IntrospectResult Introspect(const sqlschema::SqlSchema& db,
                            const PreviousSchema& previous);

}  // namespace airlock::introspect
