#!/usr/bin/env bash
# Installs the Debian packages airlock needs to build and test, only those
# that are missing (fast when everything is there). Run as root.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config git
  libfmt-dev libcli11-dev nlohmann-json3-dev libtomlplusplus-dev
  libsqlite3-dev libssl-dev libzstd-dev
  libgtest-dev libgmock-dev googletest libbenchmark-dev
  clang-14 libclang-rt-14-dev clang-format sqlite3
  libmariadb-dev libpq-dev iproute2
  mariadb-server mariadb-client postgresql
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "[INFO] Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
