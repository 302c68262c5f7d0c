#!/usr/bin/env bash
# Regenerates the figures the README shows from kgbuild's own output on samples/, so none
# goes stale: docs/samples.svg (the picture: the samples' DOT drawn by Graphviz sfdp) and
# the two example log lines the README quotes (written to docs/figures.txt).
#   bash docs/figures.sh [KGBUILD] [OUT_DIR]   (default: ./build/cli/kgbuild, docs/)
# tests/docs_figures_test.sh runs it into a temporary folder and fails when the committed
# files differ: run it after a change that alters the samples' graph, and commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
kgbuild=$(realpath "${1:-build/cli/kgbuild}")
out=${2:-docs}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$kgbuild" samples/ -q -o "$tmp/samples.dot"
sfdp -Tsvg "$tmp/samples.dot" -o "$tmp/samples.svg"
{
  "$kgbuild" samples/ -f json -o "$tmp/all.json" 2>&1 | grep ' document(s), '
  "$kgbuild" samples/ --max-nodes 25 -f json -o "$tmp/top.json" 2>&1 | grep 'filters kept'
} > "$tmp/figures.txt"
mkdir -p "$out"
cp "$tmp/samples.svg" "$tmp/figures.txt" "$out/"
