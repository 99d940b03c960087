// Internal state shared by the validator's passes (validate_*.cc). Not part
// of the public API: callers use validate.h.
//
// The passes follow Prisma's order (psl parser-database, then the
// configuration, then the validation pipeline) so that the same diagnostics
// come out in the same order:
//   1. names      (validate_names.cc): top-level and field name clashes
//   2. types      (validate_fields.cc): field types resolved
//   3. attributes (validate_attributes.cc, validate_defaults.cc)
//   4. relations  (validate_relations.cc): pairing of relation fields
//   5. config     (validate_datasource.cc): datasource and generators
//   6. rules      (validate_rules.cc, native_types.cc): connector checks,
//                 run only when 1-5 found no error
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"
#include "schema/ast.h"
#include "schema/schema.h"

namespace airlock::schema::internal {

// A composite type (`type X { … }`): only its name and field names are
// kept; SQL providers reject composite-typed fields anyway.
struct CompositeType {
  std::string name;
  const ast::Block* block = nullptr;
};

// The raw @relation arguments of one relation field (attribute pass),
// consumed by the relation pass.
struct RawRelation {
  bool has_attribute = false;
  Span attribute_span;
  std::optional<std::string> name;
  bool has_fields = false;
  std::vector<int> fields;  // scalar fields on the field's own model
  Span fields_span;
  bool has_references = false;
  std::vector<int> references;  // scalar fields on the referenced model
  Span references_span;
  std::optional<ReferentialAction> on_delete, on_update;
  Span on_delete_span, on_update_span;
  std::optional<std::string> map;
  Span map_span;
};

struct AttributeRef {
  int model = -1;
  int field = -1;
  const ast::Attribute* attr = nullptr;
};

struct Context {
  Context(const ast::Ast& a, const SourceSet& s, Diagnostics& d)
      : ast(a), sources(s), diags(d) {}

  const ast::Ast& ast;
  const SourceSet& sources;
  Diagnostics& diags;
  Schema schema;

  // Configuration (filled by the config pass, read by everything after).
  bool provider_known = false;         // a datasource with a known provider
  bool allow_other_providers = false;  // ValidateOptions
  bool other_provider = false;         // mongodb/sqlserver/cockroachdb, allowed
  std::string datasource_name;         // "db": the native type prefix
  std::vector<std::string> preview_features;
  bool relation_mode_prisma = false;
  Span url_span;
  bool has_schemas = false;
  Span schemas_span;
  bool has_extensions = false;
  Span extensions_span;

  // Parallel to schema.models / schema.enums: the AST blocks.
  std::vector<const ast::Block*> model_blocks;
  std::vector<const ast::Block*> enum_blocks;
  std::vector<CompositeType> composite_types;
  // Per model, per field: the AST field.
  std::vector<std::vector<const ast::Field*>> model_fields;
  // Per relation field (model, field): its @relation arguments.
  std::map<std::pair<int, int>, RawRelation> raw_relations;
  // Relation index of each relation field (model, field).
  std::map<std::pair<int, int>, int> field_relation;
  // @shardKey / @@shardKey attributes seen (rejected later).
  std::vector<AttributeRef> shard_key_attrs, block_shard_key_attrs;
  // @@schema argument spans: key {0 model | 1 enum, index}.
  std::map<std::pair<int, int>, Span> schema_attr_spans;
  // @default(fn()) with an unknown function; @default(auto()).
  std::vector<std::pair<std::string, Span>> unknown_function_defaults;
  std::vector<Span> auto_defaults;
  // `@db.X`: the prefix before the dot, per field (model, field).
  std::map<std::pair<int, int>, std::string> native_type_prefixes;
  // Per relation (index into schema.relations): the constraint namespaces
  // its foreign key name clashes in (rules pass, reported with the
  // relation's other checks).
  std::map<int, std::vector<std::string>> fk_name_clashes;
  std::vector<const ast::Block*> datasource_blocks;
  std::vector<const ast::Block*> generator_blocks;

  void Error(std::string message, Span span) {
    diags.Error(std::move(message), span);
  }
  void Warning(std::string message, Span span) {
    diags.Warning(std::move(message), span);
  }
  bool HasErrors() const { return diags.HasErrors(); }
  Provider provider() const { return schema.datasource.provider; }
  bool HasPreview(std::string_view f) const;
  int FindComposite(std::string_view name) const;
  // Source text of a span.
  std::string_view Text(Span span) const;
  // "model" or "view".
  static const char* ContainerKind(const Model& m) {
    return m.is_view ? "view" : "model";
  }
};

// One attribute's arguments, looked up the way Prisma does: the unnamed
// (default) argument or a named one. Arguments not consumed are reported
// as "No such argument." by ReportUnused().
// `display_name` is how Fail() names the attribute: Prisma's attribute pass
// writes "@" + name also for block attributes ("@index" for @@index), while
// the later rules use "@@index".
class AttributeArgs {
 public:
  AttributeArgs(Context& ctx, const ast::Attribute& attr,
                std::string display_name);
  // The unnamed argument, or the named one called `name`.
  const ast::Expression* Default(std::string_view name);
  const ast::Expression* Named(std::string_view name);
  // Reports "Argument "x" is missing." when absent.
  const ast::Expression* RequiredDefault(std::string_view name);
  void ReportUnused();
  // "Error parsing attribute "@x": <message>" on the attribute.
  void Fail(std::string_view message);
  void Fail(std::string_view message, Span span);
  bool failed() const { return failed_; }
  // False when an argument has no value: Prisma skips such attributes.
  bool usable() const { return usable_; }
  const std::string& display_name() const { return display_name_; }
  const ast::Attribute& attr() const { return attr_; }

 private:
  Context& ctx_;
  const ast::Attribute& attr_;
  std::string display_name_;
  std::vector<bool> used_;
  bool failed_ = false;
  bool usable_ = true;
  bool default_reported_ = false;
};

// The span of the named argument `name: value` of `attr` (Prisma's
// span_for_argument), or `fallback` when there is none.
Span ArgumentSpan(const ast::Attribute& attr, std::string_view name,
                  Span fallback);

// Expression coercions with Prisma's type-mismatch errors. They return
// nullopt (after reporting) when the expression has another kind.
std::optional<std::string> CoerceString(Context& ctx, const ast::Expression& e);
std::optional<std::string> CoerceConstant(Context& ctx,
                                          const ast::Expression& e);
std::optional<bool> CoerceBoolean(Context& ctx, const ast::Expression& e);
std::optional<long long> CoerceInteger(Context& ctx, const ast::Expression& e);
const std::vector<ast::Expression>* CoerceArray(const ast::Expression& e);
// Type mismatch: "Expected a {expected} value, but received {kind} value `x`."
void TypeMismatch(Context& ctx, std::string_view expected,
                  const ast::Expression& e);

// Passes, in order.
void ResolveNames(Context& ctx);
void ResolveTypes(Context& ctx);
void ResolveAttributes(Context& ctx);
void ResolveRelations(Context& ctx);
void ResolveConfig(Context& ctx);
// The literal url's scheme must fit the provider (CLI-level check).
void CheckUrlScheme(Context& ctx);
void ValidateRules(Context& ctx);
void ResolveConstraintNames(Context& ctx);

// Per-field pieces used by the attribute pass.
void ResolveDefault(Context& ctx, int model, int field,
                    const ast::Attribute& attr);
void ResolveNativeTypeAttribute(Context& ctx, int model, int field,
                                const ast::Attribute& attr);
void ValidateNativeTypes(Context& ctx);

// Default constraint names (constraint_names.cc).
size_t MaxIdentifierLength(Provider p);
std::string PrimaryKeyName(std::string_view table, Provider p);
std::string UniqueIndexName(std::string_view table,
                            const std::vector<std::string>& columns,
                            Provider p);
std::string NormalIndexName(std::string_view table,
                            const std::vector<std::string>& columns,
                            Provider p);
std::string ForeignKeyName(std::string_view table,
                           const std::vector<std::string>& columns, Provider p);

// Scalar type names ("Int" -> kInt); nullopt for others.
std::optional<ScalarType> ParseScalarType(std::string_view name);

}  // namespace airlock::schema::internal
