#!/usr/bin/env bash
# Installs the Debian 12 packages kgbuild needs to build and test, and only those that
# are missing, so it is quick and offline-safe on a machine that already has them.
# Uses sudo only when not running as root. Shared by README.md's commands and .ci/run.
set -euo pipefail

packages=(
  cmake g++ make
  libboost-graph-dev rapidjson-dev libspdlog-dev doctest-dev
  graphviz python3-networkx python3-igraph libxml2-utils
  parallel
)

missing=()
for package in "${packages[@]}"; do
  # dpkg -s succeeds for removed-but-configured packages too; check the status line.
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "setup: installing ${missing[*]}" >&2
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
