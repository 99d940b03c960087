#!/bin/bash
# `airlock format` against real Prisma's output on our own schemas
# (tests/golden/format, produced by prisma-oracle: Prisma 7.10.1).
set -u
dir="$SRC/tests/golden/format"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0; n=0
for input in "$dir"/*.prisma; do
  case $input in *.formatted.prisma) continue;; esac
  name=$(basename "$input" .prisma); n=$((n + 1))
  expected="$dir/$name.formatted.prisma"
  cp "$input" "$tmp/schema.prisma"
  "$AIRLOCK" format --schema "$tmp/schema.prisma" >/dev/null 2>"$tmp/err" ||
    { echo "FAIL $name: format exited $?"; cat "$tmp/err"; fail=1; continue; }
  if ! cmp -s "$tmp/schema.prisma" "$expected"; then
    echo "FAIL $name: output differs from Prisma's"; diff "$expected" "$tmp/schema.prisma" | head -20; fail=1
  fi
  cp "$expected" "$tmp/again.prisma"
  "$AIRLOCK" format --check --schema "$tmp/again.prisma" >/dev/null 2>&1 ||
    { echo "FAIL $name: Prisma's output is not a fixed point (format --check exit $?)"; fail=1; }
done
echo "golden format: $n cases"
[ $n -gt 0 ] && [ $fail -eq 0 ]
