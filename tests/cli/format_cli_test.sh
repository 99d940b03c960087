#!/usr/bin/env bash
# End-to-end `airlock format`: writes the canonical layout, `--check` exit
# codes (and never writing), idempotence, multi-file folders (a relation
# field added in another file), and a schema that does not validate after
# formatting (exit 1, nothing written, the error shown) as with `prisma format`.
source "$(dirname "$0")/lib.sh"

# format: rewrites in place, idempotent, --check changes nothing.
cat > fmt.prisma <<'S'
datasource db {
  provider = "sqlite"
  url = "file:./dev.db"
}

model User {
  id Int @id @default(autoincrement())
  email String @unique // the login
}
S
cp fmt.prisma fmt.orig
run airlock format --check --schema fmt.prisma; expect_code 1; expect_err "fmt.prisma is not formatted"
expect_file_eq fmt.prisma fmt.orig
run airlock format --schema fmt.prisma; expect_code 0
cp fmt.prisma fmt.once
run airlock format --schema fmt.prisma; expect_code 0
expect_file_eq fmt.prisma fmt.once
run airlock format --check --schema fmt.prisma; expect_code 0
expect_true "format aligns columns" grep -q '^  email String @unique // the login$' fmt.prisma


cat > messy.prisma <<'S'
datasource db {
    provider = "sqlite"
    url = "file:./dev.db"
}
model User {
  id Int @default(autoincrement()) @id
    email String @unique
}
S
cat > want.prisma <<'S'
datasource db {
  provider = "sqlite"
  url      = "file:./dev.db"
}

model User {
  id    Int    @id @default(autoincrement())
  email String @unique
}
S
cp messy.prisma orig.prisma

run airlock format --check --schema messy.prisma
expect_code 1; expect_err "messy.prisma is not formatted"
expect_file_eq messy.prisma orig.prisma

run airlock format --schema messy.prisma
expect_code 0; expect_out "Formatted"
expect_file_eq messy.prisma want.prisma

run airlock format --check --schema messy.prisma
expect_code 0; expect_out "formatted"
run airlock format --schema messy.prisma
expect_code 0; expect_file_eq messy.prisma want.prisma

# CRLF input becomes LF.
sed 's/$/\r/' orig.prisma > crlf.prisma
run airlock format --schema crlf.prisma
expect_code 0; expect_file_eq crlf.prisma want.prisma

# Multi-file folder: the missing forward side lands in the other file.
mkdir -p multi
cat > multi/db.prisma <<'S'
datasource db {
  provider = "sqlite"
  url      = "file:./dev.db"
}
S
cat > multi/user.prisma <<'S'
model User {
  id    Int    @id
  posts Post[]
}
S
cat > multi/post.prisma <<'S'
model Post {
  id Int @id
}
S
cat > post.want <<'S'
model Post {
  id     Int   @id
  user   User? @relation(fields: [userId], references: [id])
  userId Int?
}
S
cp multi/user.prisma user.orig
run airlock format --check --schema multi
expect_code 1; expect_err "post.prisma is not formatted"
run airlock format --schema multi
expect_code 0
expect_file_eq multi/post.prisma post.want
expect_file_eq multi/user.prisma user.orig
run airlock format --check --schema multi; expect_code 0

# A schema that is invalid after formatting: error shown, nothing written.
cat > bad.prisma <<'S'
model A {
    id Int @id
    this is not valid
}
S
cp bad.prisma bad.orig
run airlock format --schema bad.prisma
expect_code 1
expect_err "This line is not a valid field or attribute definition."
expect_err "bad.prisma:3"
expect_file_eq bad.prisma bad.orig
run airlock format --check --schema bad.prisma
expect_code 1; expect_file_eq bad.prisma bad.orig

# Missing schema: clear error.
run airlock format --schema nowhere.prisma
expect_code 1; expect_err "nowhere.prisma"

finish
