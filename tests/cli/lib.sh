# Helpers for end-to-end CLI tests: run the real binary ($AIRLOCK) in a
# throwaway folder and check exit codes, output and files.
#   source "$(dirname "$0")/lib.sh"
#   run airlock validate; expect_code 0; expect_out "is valid"
#   finish
set -u
: "${AIRLOCK:?AIRLOCK must point to the binary}"
: "${SHARED:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../shared" && pwd)}"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
export NO_COLOR=1
PASSED=0
FAILED=0
OUT=""
ERR=""
CODE=0
CURRENT=""

# run CMD...: runs a command, capturing stdout, stderr and the exit code.
run() {
  CURRENT="$*"
  set +e
  "$@" >"$WORK/.out" 2>"$WORK/.err" </dev/null
  CODE=$?
  set -e
  OUT=$(tr -d '\000' <"$WORK/.out")
  ERR=$(tr -d '\000' <"$WORK/.err")
}
airlock() { "$AIRLOCK" "$@"; }

ok() { PASSED=$((PASSED + 1)); }
fail() {
  FAILED=$((FAILED + 1))
  echo "FAIL: $1"
  echo "  command: $CURRENT"
  echo "  exit code: $CODE"
  echo "  stdout: ${OUT:0:2000}"
  echo "  stderr: ${ERR:0:2000}"
}
expect_code() { [ "$CODE" -eq "$1" ] && ok || fail "expected exit code $1"; }
expect_out() { grep -qF -- "$1" <<<"$OUT" && ok || fail "stdout lacks: $1"; }
expect_err() { grep -qF -- "$1" <<<"$ERR" && ok || fail "stderr lacks: $1"; }
expect_no_err() { grep -qF -- "$1" <<<"$ERR" && fail "stderr has: $1" || ok; }
expect_file_eq() { cmp -s "$1" "$2" && ok || fail "files differ: $1 $2"; }
expect_true() {
  local what=$1; shift
  if "$@"; then ok; else fail "$what"; fi
}
finish() {
  echo "$PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
}
set -e
