// Views of an introspected database (previewFeatures = ["views"]): one
// `view` block each, fields from the view's columns in column order (the
// database reports them nullable, so they are optional), names sanitised with
// @map/@@map like models. Without the preview feature views are left out,
// as Prisma does.
#pragma once

#include <vector>

#include "introspect/dialect.h"
#include "introspect/render.h"
#include "sqlschema/sqlschema.h"

namespace airlock::introspect {

std::vector<Block> BuildViews(const sqlschema::SqlSchema& db,
                              const Dialect& dialect);

}  // namespace airlock::introspect
