#!/usr/bin/env bash
# Prisma's own introspection fixtures (shared/conformance/prisma/
# introspection, from prisma-engines' sql-introspection-tests): each .sql
# file sets up a database and ends with the datamodel Prisma introspects from
# it, in a /* … */ comment. The setup runs through `airlock db execute`, the
# schema's generator and datasource blocks come from the expectation, and
# `airlock db pull --print` must print the expectation byte for byte.
# Fixtures for another database (or MySQL 8 only: the server is MariaDB)
# are skipped; KNOWN lists the ones that still differ, with the reason.
# dialects: sqlite mysql postgres
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
source "$HERE/dialect_lib.sh"

# Until the server describers are in the build, db pull says so: skip.
if [ "$DIALECT" != sqlite ]; then
  mkdir -p probe
  printf 'datasource db {\n  provider = "%s"\n  url      = "%s"\n}\n' \
    "$PROVIDER" "$(db_url probe)" > probe/schema.prisma
  run airlock db pull --print --schema probe/schema.prisma
  if grep -q "is not available for the" <<<"$ERR"; then
    echo "SKIP: no $DIALECT describer in this build"
    exit 77
  fi
fi

declare -A KNOWN=(
)

tag=$DIALECT
root="$SHARED/conformance/prisma/introspection"
total=0; passed=0; skipped=0; known=0
while IFS= read -r file; do
  rel=${file#"$root/simple/"}
  tags=$(sed -n 's/^-- tags=//p' "$file" | head -1)
  if ! [[ ",$tags," == *",$tag,"* ]]; then skipped=$((skipped + 1)); continue; fi
  total=$((total + 1))
  name=f$total
  rm -rf prisma && mkdir -p prisma
  create_db "$name"
  export DATABASE_URL
  DATABASE_URL=$(db_url "$name")
  # The expectation: the last /* … */ block, which starts with the generator.
  awk '/^\/\*/{buf=""; f=1; next} /^\*\//{f=0; last=buf; next} f{buf=buf $0 "\n"} END{printf "%s", last}' \
    "$file" > prisma/expected.prisma
  awk '/^(datasource|generator)/{f=1} f{print} /^}/{if(f){f=0;print ""}}' \
    prisma/expected.prisma > prisma/schema.prisma
  run airlock db execute --file "$file" --schema prisma/schema.prisma
  if [ "$CODE" -ne 0 ]; then
    if [ -n "${KNOWN[$rel]:-}" ]; then known=$((known + 1)); ok; else fail "$rel: setup"; fi
    continue
  fi
  run airlock db pull --print --schema prisma/schema.prisma
  printf '%s\n' "$OUT" > prisma/actual.prisma
  if [ "$CODE" -eq 0 ] && cmp -s prisma/actual.prisma prisma/expected.prisma; then
    passed=$((passed + 1))
    if [ -n "${KNOWN[$rel]:-}" ]; then fail "$rel now passes: remove it from KNOWN"; else ok; fi
  elif [ -n "${KNOWN[$rel]:-}" ]; then
    known=$((known + 1)); ok
  else
    fail "$rel: db pull differs from Prisma"
    diff prisma/expected.prisma prisma/actual.prisma | head -20
  fi
done < <(find "$root/simple" -name '*.sql' | sort)
echo "introspection fixtures ($DIALECT): $passed/$total identical to Prisma ($known known differences, $skipped for other databases)"
finish
