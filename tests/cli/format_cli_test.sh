#!/usr/bin/env bash
# End-to-end: `airlock format` rewrites in place atomically, is idempotent,
# and `--check` changes nothing and exits 1 on an unformatted file.
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

finish
