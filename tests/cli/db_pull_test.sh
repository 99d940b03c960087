#!/usr/bin/env bash
# End-to-end: `airlock db pull` on real SQLite databases — fresh
# introspection (sanitised names with @map/@@map, a reserved model name,
# ambiguous and self relations, an implicit many-to-many table, composite
# keys, a table without a unique identifier, an unsupported type, literal
# and expression defaults), re-introspection keeping what Prisma keeps,
# --print, --force, relationMode = "prisma" and the empty-database error.
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"

datasource() {
  printf 'datasource db {\n  provider = "sqlite"\n  url      = "file:./%s"\n}\n' "$1"
}

# An empty database: P4001, and the schema is left alone.
sqlite3 empty.db 'CREATE TABLE t (x INT); DROP TABLE t;'
datasource empty.db > schema.prisma
cp schema.prisma before.prisma
run airlock db pull
expect_code 1
expect_err "P4001"
expect_err "The introspected database was empty"
expect_file_eq schema.prisma before.prisma

# A missing database file is an error naming it.
datasource missing.db > schema.prisma
run airlock db pull
expect_code 1
expect_err "missing.db"

# Fresh introspection: the expected schema is checked in next to the SQL.
sqlite3 dev.db < "$HERE/db_pull/naming_sqlite.sql"
datasource dev.db > schema.prisma
run airlock db pull --print
expect_code 0
printf '%s\n' "$OUT" > printed.prisma
expect_file_eq printed.prisma "$HERE/db_pull/naming_sqlite.prisma"
expect_err "The following models were ignored"
expect_file_eq schema.prisma <(datasource dev.db)   # --print writes nothing

# Without --print the schema file is rewritten, and the result is a valid,
# formatted schema.
run airlock db pull
expect_code 0
expect_out "Introspected 7 models and wrote them into schema.prisma"
expect_file_eq schema.prisma "$HERE/db_pull/naming_sqlite.prisma"
run airlock validate --schema schema.prisma
expect_code 0
run airlock format --check --schema schema.prisma
expect_code 0

# Pulling again keeps everything; like Prisma, the implicit many-to-many
# relation now carries its name on both sides. A third pull changes nothing.
run airlock db pull
expect_code 0
expect_true "m2m relation named" grep -q 'Tag  *Tag\[\]  *@relation("MessageToTag")' schema.prisma
expect_true "only the m2m changed" test "$(diff "$HERE/db_pull/naming_sqlite.prisma" schema.prisma | grep -c '^>')" = 2
cp schema.prisma second.prisma
run airlock db pull
expect_code 0
expect_file_eq schema.prisma second.prisma

# Re-introspection keeps the hand-written parts Prisma keeps: generator and
# datasource, model order, client names (@map/@@map), doc comments,
# @updatedAt, client-side defaults, relation field names and names.
rm -f app.db
cat > app.prisma <<'PRISMA'
generator client {
  provider = "prisma-client-js"
}

datasource db {
  provider = "sqlite"
  url      = "file:./app.db"
}

/// People who write.
model Person {
  id        String   @id @default(cuid())
  /// Where we reach them.
  email     String   @unique @map("email_address")
  updatedAt DateTime @updatedAt
  articles  Article[] @relation("written")

  @@map("people")
}

model Article {
  id       Int    @id @default(autoincrement())
  token    String @default(uuid(7))
  authorId String
  writer   Person @relation("written", fields: [authorId], references: [id], onDelete: Cascade)

  @@index([authorId], map: "by_author")
}
PRISMA
run airlock migrate diff --from-empty --to-schema app.prisma --script
expect_code 0
printf '%s\n' "$OUT" > app.sql
sqlite3 app.db < app.sql
cp app.prisma re.prisma
run airlock db pull --schema re.prisma
expect_code 0
expect_out "These models were enriched with \`@@map\` information taken from the previous Prisma schema:
  - \"Person\""
expect_out '  - Model: "Person", field: "email"'
run airlock format --schema app.prisma
expect_file_eq re.prisma app.prisma
run airlock migrate diff --from-url file:./app.db --to-schema re.prisma --exit-code
expect_code 0

# --force forgets the previous models: database names come back.
run airlock db pull --print --force --schema re.prisma
expect_code 0
expect_out "model people {"
expect_out "email_address String    @unique"
expect_out "Article       Article[]"
expect_out 'generator client {'

# relationMode = "prisma": no foreign keys; relation fields come from the
# previous schema.
rm -f rm.db
cat > rm.prisma <<'PRISMA'
datasource db {
  provider     = "sqlite"
  url          = "file:./rm.db"
  relationMode = "prisma"
}

model A {
  id Int @id @default(autoincrement())
  bs B[]
}

model B {
  id  Int @id @default(autoincrement())
  aId Int
  a   A   @relation(fields: [aId], references: [id])

  @@index([aId])
}
PRISMA
run airlock migrate diff --from-empty --to-schema rm.prisma --script
printf '%s\n' "$OUT" > rm.sql
sqlite3 rm.db < rm.sql
cp rm.prisma rm2.prisma
run airlock db pull --schema rm2.prisma
expect_code 0
expect_file_eq rm2.prisma rm.prisma

finish
