// Default constraint names, as Prisma's ConstraintNames computes them:
// `{table}_pkey`, `{table}_{cols}_key`, `{table}_{cols}_idx`,
// `{table}_{cols}_fkey`, truncated so that the whole name fits the
// provider's identifier limit (PostgreSQL 63, MySQL 64, SQLite 10000).
#include <fmt/format.h>

#include "schema/validate_context.h"

namespace airlock::schema::internal {
namespace {

// Largest prefix length <= n that does not split a UTF-8 sequence.
size_t FloorCharBoundary(std::string_view s, size_t n) {
  if (n >= s.size()) return s.size();
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return n;
}

std::string WithSuffix(std::string joined, std::string_view suffix,
                       Provider p) {
  size_t limit = MaxIdentifierLength(p);
  if (joined.size() >= limit - suffix.size())
    joined.resize(FloorCharBoundary(joined, limit - suffix.size()));
  return joined + std::string(suffix);
}

std::string TableAndColumns(std::string_view table,
                            const std::vector<std::string>& columns) {
  std::string out(table);
  out += '_';
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i) out += '_';
    out += columns[i];
  }
  return out;
}

}  // namespace

size_t MaxIdentifierLength(Provider p) {
  switch (p) {
    case Provider::kPostgres:
      return 63;
    case Provider::kMysql:
      return 64;
    case Provider::kSqlite:
      return 10000;
  }
  return 63;
}

std::string PrimaryKeyName(std::string_view table, Provider p) {
  return WithSuffix(std::string(table), "_pkey", p);
}

std::string UniqueIndexName(std::string_view table,
                            const std::vector<std::string>& columns,
                            Provider p) {
  return WithSuffix(TableAndColumns(table, columns), "_key", p);
}

std::string NormalIndexName(std::string_view table,
                            const std::vector<std::string>& columns,
                            Provider p) {
  return WithSuffix(TableAndColumns(table, columns), "_idx", p);
}

std::string ForeignKeyName(std::string_view table,
                           const std::vector<std::string>& columns,
                           Provider p) {
  return WithSuffix(TableAndColumns(table, columns), "_fkey", p);
}

// Fills Index::db_name, PrimaryKey::db_name (PostgreSQL only: the other
// providers do not name primary keys) and Relation::fk_db_name.
void ResolveConstraintNames(Context& ctx) {
  Provider p = ctx.provider();
  for (auto& m : ctx.schema.models) {
    auto columns = [&](const std::vector<IndexField>& fields) {
      std::vector<std::string> out;
      for (const auto& f : fields)
        if (f.field >= 0 && f.field < static_cast<int>(m.fields.size()))
          out.push_back(m.fields[f.field].db_name);
      return out;
    };
    if (m.primary_key) {
      auto& pk = *m.primary_key;
      if (pk.map) {
        pk.db_name = *pk.map;
      } else if (p == Provider::kPostgres) {
        pk.db_name = PrimaryKeyName(m.db_name, p);
      } else {
        pk.db_name.clear();
      }
    }
    for (auto& idx : m.indexes) {
      if (idx.map) {
        idx.db_name = *idx.map;
      } else if (idx.kind == Index::Kind::kUnique) {
        idx.db_name = UniqueIndexName(m.db_name, columns(idx.fields), p);
      } else {
        idx.db_name = NormalIndexName(m.db_name, columns(idx.fields), p);
      }
    }
  }
  for (auto& r : ctx.schema.relations) {
    if (r.kind == Relation::Kind::kManyToMany || r.referencing_model < 0)
      continue;
    if (r.map) {
      r.fk_db_name = *r.map;
      continue;
    }
    const Model& m = ctx.schema.models[r.referencing_model];
    std::vector<std::string> cols;
    for (int f : r.fields)
      if (f >= 0 && f < static_cast<int>(m.fields.size()))
        cols.push_back(m.fields[f].db_name);
    r.fk_db_name = ForeignKeyName(m.db_name, cols, p);
  }
}

}  // namespace airlock::schema::internal
