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
  [ -f "$expected" ] || continue  # format-error cases: see the README
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
