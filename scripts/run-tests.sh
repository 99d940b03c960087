#!/usr/bin/env bash
# Runs every test: unit, conformance, end-to-end and the server tests
# (labels `mysql`, `postgres`). Throwaway MariaDB and PostgreSQL servers are
# started first (scripts/test-servers.sh) and always stopped at the end: also
# when a test fails or the run is interrupted.
#   scripts/run-tests.sh [BUILD_DIR] [extra ctest arguments...]
# AIRLOCK_TEST_NO_SERVERS=1 runs without servers and skips their tests.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
BUILD=${1:-build}
shift || true
cd "$BUILD" || exit 1

t_start=$EPOCHREALTIME
elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }

servers_dir=''
ctest_pid=''
cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  if [ -n "$ctest_pid" ] && kill -0 "$ctest_pid" 2>/dev/null; then
    kill -TERM -- "-$ctest_pid" 2>/dev/null || kill -TERM "$ctest_pid" 2>/dev/null
    wait "$ctest_pid" 2>/dev/null
  fi
  if [ -n "$servers_dir" ]; then
    "$here/test-servers.sh" stop "$servers_dir"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'echo "[run-tests] interrupted" >&2; exit 130' INT TERM HUP

label_args=()
if [ "${AIRLOCK_TEST_NO_SERVERS:-0}" = 1 ]; then
  label_args=(-LE 'mysql|postgres')
else
  servers_dir=$(mktemp -u /tmp/airlock-test-servers.XXXXXXXX)
  "$here/test-servers.sh" start "$servers_dir" "$$" || exit 1
  # shellcheck source=/dev/null
  source "$servers_dir/env.sh"
  # Server tests fail (instead of skipping) when a URL is missing.
  export AIRLOCK_TEST_REQUIRE_SERVERS=1
fi

# ctest runs in the background, in its own process group, so that a signal
# reaches the trap at once and the trap can end ctest with its tests.
setsid ctest --output-on-failure -j "$(nproc)" --timeout 600 "${label_args[@]}" "$@" &
ctest_pid=$!
wait "$ctest_pid"
status=$?
ctest_pid=''
echo "[run-tests] tests finished in $(elapsed "$t_start") s (exit $status)" >&2
exit $status
