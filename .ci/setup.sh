#!/usr/bin/env bash
# Installs the Debian 12 packages kgbuild needs to build and test, and only those that
# are missing, so it is quick and offline-safe on a machine that already has them.
# Uses sudo only when not running as root. Shared by README.md's commands and .ci/run.
# Then installs the npm modules of the test clients (tests/clients: graphology and its
# GEXF and GraphML readers; tests/browser: puppeteer-core, which drives Debian's chromium for
# the HTML view's test), each pinned by its package-lock.json, when they are not there yet.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake g++ make
  libboost-graph-dev rapidjson-dev libspdlog-dev libcli11-dev doctest-dev
  graphviz python3-networkx python3-igraph libxml2-utils
  parallel
  python3-distributed
  chromium
  clang-16 libclang-rt-16-dev
)

missing=()
for package in "${packages[@]}"; do
  # dpkg -s succeeds for removed-but-configured packages too; check the status line.
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

# node and npm by command, not by package: a machine may have them from elsewhere (a
# nodejs build that bundles npm conflicts with Debian's npm package).
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)

if ((${#missing[@]} > 0)); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Exactly the lock files' versions. Offline, the client tests skip with a message; in CI
# (CI=true) they must run, so a failed install fails the setup.
for folder in tests/clients tests/browser; do
  if [[ ! -d $folder/node_modules ]]; then
    echo "setup: npm ci in $folder" >&2
    if ! (cd "$folder" && npm ci --no-audit --no-fund --loglevel=error); then
      echo "setup: warning: npm ci failed in $folder; the tests that need it will be skipped" >&2
      [[ "${CI:-}" != true ]] || exit 1
    fi
  fi
done
