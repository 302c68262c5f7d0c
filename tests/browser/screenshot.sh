#!/usr/bin/env bash
# Remakes docs/html-view.png, the README's picture of the HTML view: the samples' page
# (kgbuild samples/ -o graph.html) in headless Chromium after the checks of the HTML view's
# test (search "Lavrov", click the node, click its first edge), at 1400x900.
# Usage: bash tests/browser/screenshot.sh [KGBUILD]   (default ./build/cli/kgbuild)
# Needs what the test needs: chromium, node and `npm ci` in tests/browser.
set -euo pipefail
cd "$(dirname "$0")/../.."
kgbuild=${1:-./build/cli/kgbuild}
page=$(mktemp --suffix=.html)
trap 'rm -f "$page"' EXIT
"$kgbuild" -q samples/ -o "$page"
node tests/browser/check_html.js "$page" --search Lavrov --expect-label 'Sergey Lavrov' \
  --screenshot docs/html-view.png >/dev/null
echo "wrote docs/html-view.png" >&2
