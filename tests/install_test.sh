#!/usr/bin/env bash
# Usage: install_test.sh BUILD_DIR SOURCE_DIR [CMAKE_ARGS...]
# The installed package, end to end: installs BUILD_DIR into a temporary prefix, configures
# and builds examples/library_example against it with find_package(kgbuild), runs it on a
# sample article and checks that
#   - its graph is byte-identical to the installed kgbuild command's (JSON, and DOT with
#     --max-nodes), with more than zero nodes, the same count the command reports;
#   - both read the models installed under the prefix, not the source tree's;
#   - a program on the internals (kgbuild::cli, installed headers) builds and runs.
# KGBUILD_MODELS is unset so the defaults are what is tested. Removes everything it made.
set -euo pipefail
build=$(cd "$1" && pwd -P)
source=$(cd "$2" && pwd -P)
shift 2

work=$(mktemp -d "${TMPDIR:-/tmp}/kgbuild-install-test-XXXXXX")
trap 'rm -rf "$work"' EXIT
work=$(cd "$work" && pwd -P)
prefix=$work/prefix
unset KGBUILD_MODELS

fail() {
  echo "install_test: FAILED: $*" >&2
  exit 1
}

cmake --install "$build" --prefix "$prefix" >"$work/install.log" || { cat "$work/install.log" >&2; fail "cmake --install"; }
for f in include/kgbuild/kgbuild.h share/kgbuild/models/en-ner.bin bin/kgbuild bin/kgbuild-dask; do
  [[ -e $prefix/$f ]] || fail "$f not installed"
done
config=$(find "$prefix" -name kgbuildConfig.cmake)
[[ -n $config ]] || fail "kgbuildConfig.cmake not installed"

# Only the installed package: CMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY keeps user-registered
# build trees out of the search.
cmake -S "$source/examples/library_example" -B "$work/example" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY=ON "$@" >"$work/configure.log" 2>&1 ||
  { cat "$work/configure.log" >&2; fail "configuring the example"; }
grep -q "kgbuild_DIR:PATH=$prefix/" "$work/example/CMakeCache.txt" || fail "find_package(kgbuild) did not find $prefix"
cmake --build "$work/example" -j2 >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; fail "building the example"; }

article=$source/samples/000_e94f982ffb22b753.txt
models=$prefix/share/kgbuild/models
(cd "$work" && ./example/library_example "$article" >example.json 2>example.err) || { cat "$work/example.err" >&2; fail "running the example"; }
(cd "$work" && "$prefix/bin/kgbuild" -v "$article" -f json >cli.json 2>cli.err) || { cat "$work/cli.err" >&2; fail "running the installed kgbuild"; }

cmp -s "$work/example.json" "$work/cli.json" || { diff "$work/example.json" "$work/cli.json" | head -20 >&2; fail "the example's JSON differs from kgbuild's"; }
example_nodes=$(sed -n 's/.* \([0-9]*\) node(s).*/\1/p' "$work/example.err")
cli_nodes=$(sed -n 's/.*info: .* \([0-9]*\) node(s).*/\1/p' "$work/cli.err")
[[ -n $example_nodes && $example_nodes -gt 0 ]] || fail "the example reports no nodes: $(cat "$work/example.err")"
[[ $example_nodes == "$cli_nodes" ]] || fail "node counts differ: example $example_nodes, kgbuild $cli_nodes"
grep -qF "; models: $models" "$work/example.err" || fail "the example did not read $models: $(cat "$work/example.err")"
grep -qF "models from $models" "$work/cli.err" || fail "the installed kgbuild did not read $models: $(cat "$work/cli.err")"

# Filters go through the facade too.
"$work/example/library_example" -f dot --max-nodes 5 "$article" >"$work/example.dot" 2>/dev/null
"$prefix/bin/kgbuild" -q -f dot --max-nodes 5 "$article" >"$work/cli.dot"
cmp -s "$work/example.dot" "$work/cli.dot" || fail "the example's DOT with --max-nodes 5 differs from kgbuild's"

# The internals' targets and headers work too: a program on kgbuild::cli (which brings
# export, graph and extract) filters a graph through the installed headers.
mkdir -p "$work/internals"
cat >"$work/internals/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.22)
project(internals LANGUAGES CXX)
find_package(kgbuild 0.1 REQUIRED)
add_executable(internals main.cpp)
target_link_libraries(internals PRIVATE kgbuild::cli)
CMAKE
cat >"$work/internals/main.cpp" <<'CPP'
#include <iostream>
#include "cli/options.h"
#include "export/exporter.h"
#include "graph/filter.h"
int main() {
  kg::graph::KnowledgeGraph graph;
  const auto filtered = kg::graph::filter_graph(graph, {{"PERSON"}, {}, 0, true, 5});
  kg::export_::make_exporter("json")->write(filtered, std::cout);
  std::cerr << kg::cli::version_line() << "\n";
}
CPP
cmake -S "$work/internals" -B "$work/internals/build" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY=ON "$@" >"$work/internals.log" 2>&1 &&
  cmake --build "$work/internals/build" -j2 >>"$work/internals.log" 2>&1 ||
  { cat "$work/internals.log" >&2; fail "building a program on kgbuild::cli"; }
"$work/internals/build/internals" >"$work/internals.json" 2>"$work/internals.err" || fail "running the kgbuild::cli program"
grep -q '"nodes": \[\]' "$work/internals.json" || fail "the kgbuild::cli program wrote no empty graph: $(cat "$work/internals.json")"
grep -qx "kgbuild $("$prefix/bin/kgbuild" --version | cut -d' ' -f2)" "$work/internals.err" || fail "kgbuild::cli's version line"

echo "install_test: ok: $example_nodes node(s) from $(basename "$article"), example and installed kgbuild agree"
