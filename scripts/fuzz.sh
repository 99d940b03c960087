#!/usr/bin/env bash
# Fuzzes the schema parser + validator + formatter with libFuzzer for the
# given number of seconds (default 600). Builds build-fuzz/ with clang 14 and
# ASan/UBSan/LSan on every library; seeds the corpus with Prisma's fixtures.
# Exits non-zero on any crash, leak, sanitizer report or hang (> 10 s/input).
# A second argument picks another target: backup_seal_fuzzer (the seal parser
# of backups, seeded from fuzz/seeds/backup_seal).
set -euo pipefail
SECONDS_TO_RUN=${1:-600}
TARGET=${2:-schema_fuzzer}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${FUZZ_BUILD:-$ROOT/build-fuzz}
SHARED=${SHARED:-$ROOT/../shared}
if [ ! -f "$BUILD/build.ninja" ]; then
  CC=clang-14 CXX=clang++-14 cmake -S "$ROOT" -B "$BUILD" -G Ninja \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAIRLOCK_FUZZ=ON -DAIRLOCK_BENCH=OFF \
    -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined" \
    >/dev/null
fi
cmake --build "$BUILD" --target "$TARGET" -j "$(nproc)" >/dev/null
CORPUS=$(mktemp -d)
trap 'rm -rf "$CORPUS"' EXIT
i=0
if [ "$TARGET" = schema_fuzzer ]; then
  for f in "$SHARED"/conformance/prisma/validation/*/*.prisma \
           "$SHARED"/conformance/prisma/reformatter/single_file/*.prisma \
           "$ROOT"/examples/*/prisma/schema.prisma; do
    [ -f "$f" ] && cp "$f" "$CORPUS/seed$((i++)).prisma"
  done
else
  cp "$ROOT"/fuzz/seeds/"${TARGET%_fuzzer}"/* "$CORPUS"/
fi
cd "$BUILD"
"$BUILD/fuzz/$TARGET" "$CORPUS" -max_total_time="$SECONDS_TO_RUN" \
  -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
  -artifact_prefix="$BUILD/" 2>&1 | tail -n 15
echo "fuzz: no crash, leak or hang in ${SECONDS_TO_RUN}s"
