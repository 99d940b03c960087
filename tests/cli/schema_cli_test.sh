#!/usr/bin/env bash
# End-to-end: `airlock validate` and `airlock format` on real files — schema
# discovery, multi-file folders, exit codes, and bad input (empty, invalid
# UTF-8, NUL bytes, CRLF/CR, unterminated blocks, deep nesting, 50 MB).
source "$(dirname "$0")/lib.sh"

cat > valid.prisma <<'S'
datasource db {
  provider = "sqlite"
  url      = "file:./dev.db"
}

model User {
  id    Int    @id @default(autoincrement())
  email String @unique
}
S

# Discovery: ./prisma/schema.prisma, then ./schema.prisma, else a clear error.
mkdir -p d1/prisma d2 d3
cp valid.prisma d1/prisma/schema.prisma
cp valid.prisma d2/schema.prisma
cd d1; run "$AIRLOCK" validate; cd ..
expect_code 0; expect_out "prisma/schema.prisma is valid"
cd d2; run "$AIRLOCK" validate; cd ..
expect_code 0; expect_out "schema.prisma is valid"
cd d3; run "$AIRLOCK" validate; cd ..
expect_code 1; expect_err "Could not find a schema.prisma"
run airlock validate --schema missing.prisma; expect_code 1; expect_err "missing.prisma does not exist"

# Usage errors exit 2.
run airlock validate --bogus; expect_code 2
run airlock; expect_code 2
run airlock --version; expect_code 0; expect_out "airlock "
run airlock help exit-codes; expect_code 0; expect_out "usage error"

# Invalid schema: every error, file and line, exit 1.
cat > bad.prisma <<'S'
datasource db {
  provider = "sqlite"
  url      = "file:./dev.db"
}

model User {
  id Int @id
  this is not valid
}

garbage line
S
run airlock validate --schema bad.prisma
expect_code 1
expect_err "error: Error validating: This line is not a valid field or attribute definition."
expect_err "-->  bad.prisma:8"
expect_err "error: Error validating: This line is invalid. It does not start with any known Prisma schema keyword."
expect_err "-->  bad.prisma:11"
# No ANSI colour when NO_COLOR is set / output is not a terminal.
expect_true "no ANSI codes in piped output" bash -c '! printf %s "$0" | grep -q $'"'"'\x1b'"'"'' "$ERR"

# Multi-file schema folder.
mkdir -p multi
cat > multi/a.prisma <<'S'
datasource db {
  provider = "sqlite"
  url      = "file:./dev.db"
}
S
cat > multi/b.prisma <<'S'
model Post {
  id Int @id
}
S
run airlock validate --schema multi; expect_code 0; expect_out "is valid"
echo "oops" >> multi/b.prisma
run airlock validate --schema multi; expect_code 1; expect_err "b.prisma:4"

# Bad bytes never crash: each case ends in a diagnostic or a clean verdict.
printf '' > empty.prisma
run airlock validate --schema empty.prisma; expect_true "empty file: exit 0 or 1" test "$CODE" -le 1
printf 'model A {\n  id Int @id\n  name String @default("\xff\xfe")\n}\n' > utf8.prisma
run airlock validate --schema utf8.prisma; expect_code 1; expect_err "not valid UTF-8"
printf 'model A {\n  id Int @id\x00\n}\n' > nul.prisma
run airlock validate --schema nul.prisma; expect_code 1; expect_err "NUL byte"
tr -d '\r' < valid.prisma | sed 's/$/\r/' > crlf.prisma
run airlock validate --schema crlf.prisma; expect_code 0
tr '\n' '\r' < valid.prisma > cr.prisma
run airlock validate --schema cr.prisma; expect_code 0
printf 'model A {\n  id Int @id\n' > unterminated.prisma
run airlock validate --schema unterminated.prisma; expect_code 1; expect_err "unterminated.prisma:1"
printf 'model A {\n  id Int @id @default("abc\n}\n' > unterminated_string.prisma
run airlock validate --schema unterminated_string.prisma; expect_code 1
python3 - <<'P'
depth = 10000
with open("deep.prisma", "w") as f:
    f.write("model A {\n  id Int @id @default(" + "[" * depth + "]" * depth + ")\n}\n")
P
run airlock validate --schema deep.prisma; expect_code 1; expect_err "deep.prisma:2"
python3 - <<'P'
# ~50 MB: many valid models.
with open("big.prisma", "w") as f:
    f.write('datasource db {\n  provider = "sqlite"\n  url = "file:x.db"\n}\n')
    i = 0
    while f.tell() < 50 * 1024 * 1024:
        f.write(f"model M{i} {{\n  id Int @id\n  name String\n  note String? // comment {i}\n}}\n\n")
        i += 1
P
run airlock validate --schema big.prisma; expect_code 0

finish
