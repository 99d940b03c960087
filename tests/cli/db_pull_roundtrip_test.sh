#!/usr/bin/env bash
# Round trip through `airlock db pull`: every schema of the diff golden
# corpus (and the examples) is applied to a fresh database, then
#  - a fresh pull (datasource only) must describe the database exactly:
#    `migrate diff --from-url DB --to-schema pulled --exit-code` is 0;
#  - a pull over the original schema (re-introspection) must describe the
#    database exactly the same way, and is compared with the formatted
#    original (identical count printed; differences are Prisma's own, e.g.
#    SQLite enums become String and INTEGER ids gain autoincrement()).
# By default a subset of the corpus covering every feature runs (seconds);
# AIRLOCK_PULL_ROUNDTRIP=full runs all of it (CTest: *_full, label slow).
# dialects: sqlite mysql postgres
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
source "$HERE/dialect_lib.sh"
SRC=${SRC:-$(cd "$HERE/../.." && pwd)}

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

cases=()
case $DIALECT in
  sqlite) cases=("$SRC"/tests/golden/diff/cases/*.sqlite.golden
                 "$SRC"/examples/customer-vault-sqlite/prisma/schema.prisma) ;;
  postgres) cases=("$SRC"/tests/golden/diff/cases/*.postgresql.golden) ;;
  mysql) cases=("$SRC"/tests/golden/diff/cases/*.sqlite.golden
                "$SRC"/examples/customer-vault/prisma/schema.prisma) ;;
esac

if [ "${AIRLOCK_PULL_ROUNDTRIP:-}" != full ]; then
  subset=()
  for file in "${cases[@]}"; do
    case $(basename "$file" | sed 's/\..*//') in
      blog|actions|composite|enums|indexes|lists|m2m|native_types|scalars|\
      relation_mode_prisma|long_names|schema) subset+=("$file") ;;
    esac
  done
  cases=("${subset[@]}")
fi
# Schemas written for this test (native types without arguments, ...).
for file in "$HERE"/db_pull/roundtrip/*."$PROVIDER".prisma; do
  [ -e "$file" ] && cases+=("$file")
done

# The target schema of a case with the datasource pointing at database $2.
target_schema() {
  local file=$1 url=$2
  if [[ $file == *.golden ]]; then
    awk '/^=== to.prisma/{f=1;next}/^=== /{f=0}f' "$file"
  else
    cat "$file"
  fi | sed -E "s#^( *provider *= *)\"(sqlite|mysql|postgresql)\"#\\1\"$PROVIDER\"#; s#^( *url *= *).*#\\1\"$url\"#"
}

total=0; semantic=0; identical=0
for file in "${cases[@]}"; do
  total=$((total + 1))
  name=c$total
  rm -rf prisma && mkdir -p prisma
  url=$(db_url "$name")
  create_db "$name"
  target_schema "$file" "$url" > prisma/schema.prisma
  case_name=$(basename "$file")
  [ "$case_name" = schema.prisma ] && case_name=$(basename "$(dirname "$(dirname "$file")")")
  run airlock migrate diff --from-empty --to-schema prisma/schema.prisma --script
  if [ "$CODE" -ne 0 ]; then fail "$case_name: migrate diff"; continue; fi
  printf '%s\n' "$OUT" > prisma/init.sql
  if [ "$DIALECT" = sqlite ]; then
    run sqlite3 "prisma/$name.db" ".read prisma/init.sql"
  else
    run airlock db execute --file prisma/init.sql --schema prisma/schema.prisma
  fi
  if [ "$CODE" -ne 0 ]; then fail "$case_name: apply"; continue; fi
  live=$url
  [ "$DIALECT" = sqlite ] && live="file:$WORK/prisma/$name.db"

  # Fresh introspection.
  awk '/^(datasource|generator)/{f=1} f{print} /^}/{if(f){f=0;print ""}}' \
    prisma/schema.prisma > prisma/ds.prisma
  run airlock db pull --print --schema prisma/ds.prisma
  if [ "$CODE" -ne 0 ]; then fail "$case_name: fresh pull"; continue; fi
  printf '%s\n' "$OUT" > prisma/fresh.prisma
  run airlock migrate diff --from-url "$live" --to-schema prisma/fresh.prisma --exit-code
  if [ "$CODE" -eq 0 ]; then
    semantic=$((semantic + 1)); ok
  else
    fail "$case_name: the fresh pull does not describe the database"
  fi

  # Re-introspection over the original schema.
  cp prisma/schema.prisma prisma/re.prisma
  run airlock db pull --schema prisma/re.prisma
  expect_code 0
  run airlock migrate diff --from-url "$live" --to-schema prisma/re.prisma --exit-code
  [ "$CODE" -eq 0 ] && ok || fail "$case_name: re-introspection drifts"
  airlock format --schema prisma/schema.prisma >/dev/null 2>&1 || true
  if cmp -s prisma/re.prisma prisma/schema.prisma; then
    identical=$((identical + 1))
  fi
done
# Databases written by hand (SQL the way people write it, not Prisma): the
# fresh pull must describe the database exactly and print what Prisma prints
# (the .pulled.prisma next to the .sql, with this test's datasource).
sql_total=0; sql_exact=0
for file in "$HERE"/db_pull/roundtrip/*."$PROVIDER".sql; do
  [ -e "$file" ] || continue
  sql_total=$((sql_total + 1))
  name=s$sql_total
  case_name=$(basename "$file")
  rm -rf prisma && mkdir -p prisma
  url=$(db_url "$name")
  create_db "$name"
  printf 'datasource db {\n  provider = "%s"\n  url      = "%s"\n}\n' \
    "$PROVIDER" "$url" > prisma/ds.prisma
  if [ "$DIALECT" = sqlite ]; then
    run sqlite3 "prisma/$name.db" ".read $file"
  else
    run airlock db execute --file "$file" --schema prisma/ds.prisma
  fi
  if [ "$CODE" -ne 0 ]; then fail "$case_name: apply"; continue; fi
  live=$url
  [ "$DIALECT" = sqlite ] && live="file:$WORK/prisma/$name.db"
  run airlock db pull --print --schema prisma/ds.prisma
  if [ "$CODE" -ne 0 ]; then fail "$case_name: pull"; continue; fi
  printf '%s\n' "$OUT" > prisma/fresh.prisma
  { cat prisma/ds.prisma; echo; cat "${file%.sql}.pulled.prisma"; } > prisma/expected.prisma
  if cmp -s prisma/fresh.prisma prisma/expected.prisma; then
    ok
  else
    fail "$case_name: db pull differs from the expectation"
    diff prisma/expected.prisma prisma/fresh.prisma | head -20
  fi
  run airlock migrate diff --from-url "$live" --to-schema prisma/fresh.prisma --exit-code
  if [ "$CODE" -eq 0 ]; then
    sql_exact=$((sql_exact + 1)); ok
  else
    fail "$case_name: the pull does not describe the database"
    printf '%s\n' "$OUT" | head -20
  fi
done

echo "db pull round trip ($DIALECT): $total schemas, fresh pull exact $semantic/$total, re-introspection identical to the original $identical/$total; hand-written databases exact $sql_exact/$sql_total"
finish
