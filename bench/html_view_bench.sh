#!/usr/bin/env bash
# The HTML view at 5,000 nodes: kg_html_view_bench writes the page of a synthetic graph of
# 5,000 nodes (about 10,000 edges), once as kgbuild writes it by default (the 2,000 most
# connected nodes drawn first) and once with every node drawn (--html-nodes 5000); each
# page is then opened ROUNDS times in headless Chromium by tests/browser/check_html.js
# --timing, which reports the time to first draw (from navigation start to cytoscape's first
# frame: parsing the page and its data, building the drawing, drawing it), the part of it
# until the drawing is built (built_ms, before the first frame is drawn) and the frame
# times while the mouse wheel zooms in and out and a drag moves the view (real input events,
# 2 s). Everything runs pinned to one CPU
# (taskset -c CPU, Chromium's processes included). Figures: docs/BENCHMARKS.md.
# Usage: bash bench/html_view_bench.sh [BUILD_DIR] [ROUNDS] [CPU]   (defaults: build 3 1)
# Needs chromium, node and `npm ci` in tests/browser.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build} rounds=${2:-3} cpu=${3:-1}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for shown in 2000 5000; do
  echo "== page of 5000 nodes, $shown drawn first"
  taskset -c "$cpu" "$build/bench/kg_html_view_bench" --nodes 5000 --shown "$shown" --repeat "$rounds" "$tmp/page.html"
  for ((r = 1; r <= rounds; r++)); do
    taskset -c "$cpu" node tests/browser/check_html.js "$tmp/page.html" --timing |
      node -e 'const r = JSON.parse(require("fs").readFileSync(0, "utf8"));
        if (!r.ok) { console.error(r.failures.join("\n")); process.exit(1); }
        console.log(`round drawn_nodes=${r.nodes} drawn_edges=${r.edges} built_ms=${r.timings.drawingBuiltMs.toFixed(0)} first_draw_ms=${r.firstDrawMs.toFixed(0)} ` +
                    `frame_median_ms=${r.frames.medianMs.toFixed(1)} frame_p95_ms=${r.frames.p95Ms.toFixed(1)} frames=${r.frames.count}`);'
  done
done
