#!/usr/bin/env bash
# The README's first command: installs what is missing (.ci/setup.sh), builds kgbuild and
# turns the five sample articles into a graph in every format kgbuild writes.
#   ./demo.sh [OUTPUT_DIR]     (default: out/; writes samples.graphml, .gexf, .dot, .json,
#                               .html and the CSV pair samples.nodes.csv + samples.edges.csv)
set -euo pipefail
cd "$(dirname "$0")"
out=${1:-out}
bash .ci/setup.sh
cmake -S . -B build >/dev/null
cmake --build build -j2 --target kgbuild
mkdir -p "$out"
./build/cli/kgbuild samples/ -o "$out/samples.graphml"   # its summary line: documents, nodes, edges
for format in gexf dot json html csv; do
  ./build/cli/kgbuild samples/ -q -o "$out/samples.$format"
done
echo "demo: wrote $(cd "$out" && ls samples.* | tr '\n' ' ')in $out/"
