#!/bin/bash
# `airlock format` on the 24 real-world schemas (shared/conformance/real-world):
# byte-identical to Prisma 6.19.3's `prisma format`, idempotent, and
# `format --check` exits 1 on an unformatted file and 0 on a formatted one
# without touching either.
set -u
rw="$SHARED/conformance/real-world"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0; total=0; fail=0
for input in "$rw"/*.prisma; do
  name=$(basename "$input" .prisma)
  expected="$rw/expected/$name.formatted.prisma"
  if [ ! -f "$expected" ]; then
    # Prisma refused to format (the result does not validate). airlock must
    # do the same whenever its validator rejects the schema too.
    cp "$input" "$tmp/schema.prisma"
    if "$AIRLOCK" validate --schema "$tmp/schema.prisma" >/dev/null 2>&1; then
      echo "NOTE $name: Prisma's format fails ($(grep -m1 '^error:' "$rw/expected/$name.format-error.txt")); airlock's validator accepts it"
    else
      "$AIRLOCK" format --schema "$tmp/schema.prisma" >/dev/null 2>&1 && { echo "FAIL $name: format succeeded on a schema validate rejects"; fail=1; }
      cmp -s "$input" "$tmp/schema.prisma" || { echo "FAIL $name: a failed format changed the file"; fail=1; }
    fi
    continue
  fi
  total=$((total + 1))
  cp "$input" "$tmp/schema.prisma"
  if cmp -s "$input" "$expected"; then want_check=0; else want_check=1; fi
  "$AIRLOCK" format --check --schema "$tmp/schema.prisma" >/dev/null 2>&1; rc=$?
  if [ $rc -ne $want_check ]; then
    echo "FAIL $name: format --check exited $rc, expected $want_check"; fail=1
  fi
  cmp -s "$input" "$tmp/schema.prisma" || { echo "FAIL $name: --check changed the file"; fail=1; }
  if ! "$AIRLOCK" format --schema "$tmp/schema.prisma" >/dev/null 2>"$tmp/err"; then
    echo "FAIL $name: format failed"; cat "$tmp/err"; fail=1; continue
  fi
  if cmp -s "$tmp/schema.prisma" "$expected"; then
    pass=$((pass + 1))
  else
    echo "FAIL $name: differs from Prisma's"; diff "$expected" "$tmp/schema.prisma" | head -10; fail=1
  fi
  "$AIRLOCK" format --check --schema "$tmp/schema.prisma" >/dev/null 2>&1 ||
    { echo "FAIL $name: formatted output is not a fixed point"; fail=1; }
done
echo "real-world format: $pass/$total byte-identical to Prisma"
[ $total -gt 0 ] && [ $fail -eq 0 ]
