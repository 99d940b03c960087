#!/usr/bin/env bash
# The demo: airlock's main job on the example project, embedded SQLite.
set -euo pipefail
AIRLOCK=$(readlink -f "${1:-build/airlock}")
cd "$(dirname "$0")/../examples/customer-vault"
echo "== airlock validate"
"$AIRLOCK" validate
echo "== airlock format --check"
"$AIRLOCK" format --check
