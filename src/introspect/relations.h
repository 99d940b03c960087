// Relation fields of an introspected schema: one inline relation per foreign
// key (forward field on the referencing model, back-relation field on the
// referenced one) and one relation per implicit many-to-many join table.
// Names follow Prisma: the other model's name, `other_` for the back side of
// a self relation, and `{Model}_{cols}To{Other}` names when several
// relations connect the same two models; existing relation field names are
// kept on re-introspection.
#pragma once

#include <string>
#include <vector>

#include "introspect/context.h"

namespace airlock::introspect {

struct InlineRelation {
  int table = -1;       // referencing table
  int fk = -1;          // index into tables[table]->foreign_keys
  int referenced = -1;  // referenced table
  std::string name;     // relation name ("" when not needed)
  std::string forward;  // field on the referencing model
  std::string back;     // field on the referenced model
  int previous = -1;    // matching relation of the previous schema
};

struct ManyToManyRelation {
  int table = -1;  // the join table
  int fk_a = -1, fk_b = -1;
  int model_a = -1, model_b = -1;  // tables referenced by A and B
  std::string name;
  std::string field_a;  // on model A (type: B)
  std::string field_b;  // on model B (type: A)
};

struct RelationField {
  bool many_to_many = false;
  int relation = -1;  // index into inline / m2m lists
  bool forward = true;
};

struct Relations {
  std::vector<InlineRelation> inline_relations;
  std::vector<ManyToManyRelation> m2m;
  // Relation fields per table, in Prisma's order.
  std::vector<std::vector<RelationField>> fields;
};

Relations CalculateRelations(const Context& ctx);

}  // namespace airlock::introspect
