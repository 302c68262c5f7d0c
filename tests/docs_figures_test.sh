#!/usr/bin/env bash
# The README's figures are current: docs/figures.sh, run into a temporary folder with this
# build's kgbuild, gives the committed docs/samples.svg and docs/figures.txt byte for byte,
# and the README quotes both lines of figures.txt. Exit 77 (ctest: skipped) without
# Graphviz's sfdp, unless KG_REQUIRE_ALL_TESTS is set.
#   tests/docs_figures_test.sh SOURCE_DIR KGBUILD
set -euo pipefail
src=$1 kgbuild=$2
if ! command -v sfdp >/dev/null; then
  echo "[kgbuild test skipped] sfdp not found (package graphviz)"
  [[ -n "${KG_REQUIRE_ALL_TESTS:-}" && "${KG_REQUIRE_ALL_TESTS}" != 0 ]] && exit 1
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bash "$src/docs/figures.sh" "$kgbuild" "$tmp"
status=0
for f in samples.svg figures.txt; do
  if ! cmp -s "$tmp/$f" "$src/docs/$f"; then
    echo "docs/$f is stale: run 'bash docs/figures.sh' and commit the result" >&2
    diff "$tmp/$f" "$src/docs/$f" | head -5 >&2 || true
    status=1
  fi
done
while IFS= read -r line; do
  if ! grep -qF -- "$line" "$src/README.md"; then
    echo "README.md does not quote kgbuild's current line: $line" >&2
    status=1
  fi
done < "$tmp/figures.txt"
exit $status
