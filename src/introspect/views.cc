#include "introspect/views.h"

#include <algorithm>

#include "introspect/names.h"

namespace airlock::introspect {

std::vector<Block> BuildViews(const sqlschema::SqlSchema& db,
                              const Dialect& dialect) {
  std::vector<const sqlschema::Table*> views;
  for (const auto& v : db.views) views.push_back(&v);
  std::stable_sort(views.begin(), views.end(),
                   [](auto* a, auto* b) { return a->name < b->name; });
  std::vector<Block> out;
  for (const auto* v : views) {
    Block b;
    b.keyword = "view";
    Name name = ModelNameFromSql(v->name);
    b.name = name.name;
    for (const auto& col : v->columns) {
      Line l;
      Name field = FieldNameFromSql(col.name);
      l.name = field.name.empty() ? col.name : field.name;
      sqlschema::ColumnFamily family = dialect.Family(col);
      if (family == sqlschema::ColumnFamily::kUnsupported) {
        l.type = "Unsupported(" + Quote(dialect.UnsupportedName(col)) + ")";
      } else {
        l.type = sqlschema::NamesOf(family).psl;
      }
      if (col.arity == sqlschema::Arity::kList) {
        l.type += "[]";
      } else if (col.arity == sqlschema::Arity::kNullable) {
        l.type += "?";
      }
      if (field.map) l.attributes.push_back("@map(" + Quote(*field.map) + ")");
      if (auto native = dialect.NativeType(col, family))
        l.attributes.push_back("@db." + *native);
      l.commented_out = field.name.empty();
      b.lines.push_back(std::move(l));
    }
    if (name.map)
      b.block_attributes.push_back("@@map(" + Quote(*name.map) + ")");
    out.push_back(std::move(b));
  }
  return out;
}

}  // namespace airlock::introspect
