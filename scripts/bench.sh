#!/usr/bin/env bash
# Runs the benchmarks: Google Benchmark programs, then the real binary against
# real Prisma (prisma-oracle) on the same generated files, printing ratios and
# peak memory.
set -euo pipefail
BUILD=$(readlink -f "${1:-build}")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

for b in "$BUILD"/bench/*_bench; do
  [ "$(basename "$b")" = describe_bench ] && continue
  [ -x "$b" ] && "$b" --benchmark_min_time=0.5
done
# Describe a 1,000-table database on each server (needs the server URLs of
# scripts/test-servers.sh; skipped without them).
if [ -x "$BUILD/bench/describe_bench" ]; then
  "$BUILD/bench/describe_bench" mysql
  "$BUILD/bench/describe_bench" postgres
fi

python3 "$ROOT/bench/gen_schema.py" "$TMP/schema.prisma" --models 1000 --fields 20
# Peak memory and wall time of the real binary (median of 5 runs).
python3 - "$BUILD/airlock" "$TMP/schema.prisma" <<'P'
import resource, statistics, subprocess, sys, time
binary, schema = sys.argv[1], sys.argv[2]
for cmd in (["validate"], ["format", "--check"]):
    times = []
    for _ in range(5):
        t = time.perf_counter()
        subprocess.run([binary, *cmd, "--schema", schema], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"airlock {' '.join(cmd)}: {statistics.median(times)*1000:.1f} ms "
          f"(median of 5), peak RSS so far {rss:.1f} MB")
P

ORACLE="$SHARED/tools/prisma-oracle/prisma-oracle"
if [ -x "$ORACLE" ] && "$SHARED/tools/prisma-oracle/install" >/dev/null 2>&1; then
  sed -i '/url *=/d' "$TMP/schema.prisma"   # Prisma 7 rejects url in the schema
  python3 - "$BUILD/airlock" "$ORACLE" "$TMP/schema.prisma" <<'P'
import subprocess, sys, time
airlock, oracle, schema = sys.argv[1:]
def t(cmd):
    s = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - s
a = min(t([airlock, "validate", "--schema", schema]) for _ in range(3))
p = min(t([oracle, "validate", schema]) for _ in range(3))
print(f"validate: airlock {a*1000:.0f} ms, prisma {p*1000:.0f} ms, ratio {p/a:.1f}x")
P
  # migrate diff --from-empty on the 1,000-model schema (SQLite: no server).
  python3 "$ROOT/bench/gen_schema.py" "$TMP/diff.prisma" --models 1000 --fields 20 \
    --provider sqlite
  python3 - "$BUILD/airlock" "$ORACLE" "$TMP" <<'P'
import subprocess, sys, time
airlock, oracle, tmp = sys.argv[1:]
def t(cmd):
    s = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp)
    return time.perf_counter() - s
a = min(t([airlock, "migrate", "diff", "--from-empty", "--to-schema", "diff.prisma",
           "--script"]) for _ in range(10))
p = min(t([oracle, "diff", "--provider", "sqlite", "--from", "empty", "--to",
           "diff.prisma"]) for _ in range(3))
print(f"migrate diff --from-empty: airlock {a*1000:.0f} ms, prisma {p*1000:.0f} ms, "
      f"ratio {p/a:.1f}x (target: at least 50x)")
if p / a < 50:
    sys.exit("FAILED: migrate diff is less than 50x faster than Prisma")
P
else
  echo "prisma-oracle not available: skipped the comparison with real Prisma"
fi
"$ROOT/bench/migrate_bench.sh" "$BUILD/airlock"
