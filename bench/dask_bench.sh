#!/usr/bin/env bash
# Throughput of tools/kgbuild-dask on a local cluster (1 and 2 workers of one thread) against
# one kgbuild process (-j 1 and -j 2) on the same corpus, ROUNDS rounds alternating the four
# runs; each run's wall time (cluster start included) and the min and mean per command. Then
# what the estimate in docs/SCALING.md needs: the size of the JSON Lines and of the partial
# graphs, and the time and peak memory of the final merge.
#   bench/dask_bench.sh KGBUILD CORPUS_DIR [ROUNDS]   (CORPUS_DIR relative to the working directory)
# A corpus: python3 bench/make_corpus.py --out /tmp/kg-dask-corpus --min-mb 11 (3838 articles);
# then cd /tmp && bash .../bench/dask_bench.sh .../kgbuild kg-dask-corpus 3
set -euo pipefail
kgbuild=$(realpath "$1") corpus=$2 rounds=${3:-3}
driver=$(dirname "$(realpath "$0")")/../tools/kgbuild-dask
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
documents=$(find "$corpus" -type f \( -iname '*.txt' -o -iname '*.text' -o -iname '*.md' \) | wc -l)
words=$(find "$corpus" -type f \( -iname '*.txt' -o -iname '*.text' -o -iname '*.md' \) -print0 | xargs -0 cat | wc -w)
echo "corpus: $corpus, $documents documents, $words words, $(nproc) cores"

declare -A commands=(
  [kgbuild-j1]="$kgbuild -q -j 1 $corpus -o $out/j1.graphml"
  [kgbuild-j2]="$kgbuild -q -j 2 $corpus -o $out/j2.graphml"
  [dask-local1]="$driver -q --local 1 --kgbuild $kgbuild $corpus -o $out/d1.graphml"
  [dask-local2]="$driver -q --local 2 --kgbuild $kgbuild $corpus -o $out/d2.graphml"
)
order=(kgbuild-j1 kgbuild-j2 dask-local1 dask-local2)
declare -A times
for round in $(seq "$rounds"); do
  for name in "${order[@]}"; do
    # CPU time of the command and of every process it waited for (the local cluster's
    # workers and their kgbuild processes included).
    /usr/bin/time -f "%e %U %S" -o "$out/time" ${commands[$name]}
    read -r t user sys <"$out/time"
    times[$name]="${times[$name]:-} $t"
    printf 'round %d %-12s %6.1f s  %6.1f documents/s  %6.1f CPU s  (load %s)\n' "$round" "$name" "$t" \
      "$(echo "$documents / $t" | bc -l)" "$(echo "$user + $sys" | bc)" "$(cut -d' ' -f1 /proc/loadavg)"
  done
done
for name in "${order[@]}"; do
  read -r -a ts <<<"${times[$name]}"
  printf '%-12s min %6.1f s (%5.1f documents/s)  mean %6.1f s\n' "$name" \
    "$(printf '%s\n' "${ts[@]}" | sort -g | head -1)" \
    "$(echo "$documents / $(printf '%s\n' "${ts[@]}" | sort -g | head -1)" | bc -l)" \
    "$(printf '%s\n' "${ts[@]}" | awk '{s += $1} END {print s / NR}')"
done
for f in j2 d1 d2; do cmp "$out/j1.graphml" "$out/$f.graphml" || echo "DIFFERENT: $f.graphml"; done

# The pieces of the estimate: one shard of 200 documents, a partial graph of 8 shards, the
# final merge of every document.
find "$corpus" -type f \( -iname '*.txt' -o -iname '*.text' -o -iname '*.md' \) | LC_ALL=C sort >"$out/documents"
split -l 200 -d -a 5 "$out/documents" "$out/list-"
for list in "$out"/list-*; do
  i=${list##*-}
  mapfile -t docs <"$list"
  /usr/bin/time -f "%e %U" -o "$out/time-$i" "$kgbuild" extract -q -j 1 -o "$out/shard-$i.jsonl" -- "${docs[@]}"
done
mapfile -t docs <"$out/list-00000"
echo "first shard: ${#docs[@]} documents, $(cat "${docs[@]}" | wc -c) bytes of text -> $(wc -c <"$out/shard-00000.jsonl") bytes of JSON Lines; extract (wall s, user s): $(cat "$out/time-00000")"
echo "all shards: $(cat "$out"/shard-*.jsonl | wc -c) bytes of JSON Lines for $(xargs -d '\n' cat <"$out/documents" | wc -c) bytes of text; extract user s: $(cat "$out"/time-* | awk '{s += $2} END {print s}')"
/usr/bin/time -f "merge of 8 shards: %e s, %M KB peak" "$kgbuild" merge -q -j 1 "$out"/shard-0000[0-7].jsonl -o "$out/part8.json"
echo "partial graph of 8 shards: $(wc -c <"$out/part8.json") bytes (node-link JSON with records)"
/usr/bin/time -f "final merge of all $documents documents: %e s, %M KB peak" "$kgbuild" merge -q -j 1 "$out"/shard-*.jsonl -o "$out/all.graphml"
echo "final graph: $(wc -c <"$out/all.graphml") bytes (GraphML with records)"
