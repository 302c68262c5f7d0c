#!/usr/bin/env bash
# kgbuild -j 1 against -j N on one corpus, end to end (reading, extraction, graph, JSON
# export, atomic write): ROUNDS rounds, the thread counts alternating within each round,
# with wall time, CPU time and peak RSS from GNU time, words/s (words as wc -w counts
# them) and a byte comparison of every output with the -j 1 one.
#
#   bench/threads_bench.sh [KGBUILD] [CORPUS] [ROUNDS] [THREADS...]
#   bench/threads_bench.sh ./build/cli/kgbuild /tmp/kg-bench-corpus 3 1 2
#
# Prints one line per run and, per thread count, the fastest and the mean wall time and
# the speed-up of each against -j 1. Needs /usr/bin/time (Debian package time).
# docs/BENCHMARKS.md gives the figures and how busy the machine was.
set -euo pipefail

kgbuild=${1:-./build/cli/kgbuild}
corpus=${2:-/tmp/kg-bench-corpus}
rounds=${3:-3}
shift $(($# < 3 ? $# : 3))
threads=("$@")
[ ${#threads[@]} -gt 0 ] || threads=(1 2)

[ -x "$kgbuild" ] || { echo "threads_bench: $kgbuild is not an executable" >&2; exit 2; }
[ -e "$corpus" ] || { echo "threads_bench: no corpus at $corpus (python3 bench/make_corpus.py --min-mb 3 --out $corpus)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "threads_bench: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
words=$(find "$corpus" -name '*.txt' -type f -print0 | xargs -0 cat | wc -w)
bytes=$(find "$corpus" -name '*.txt' -type f -print0 | xargs -0 cat | wc -c)
echo "corpus: $corpus  bytes=$bytes words=$words  cores=$(nproc)  load: $(cut -d' ' -f1-3 /proc/loadavg)"

declare -A walls
for round in $(seq 1 "$rounds"); do
  for j in "${threads[@]}"; do
    out="$work/j$j.json"
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$kgbuild" "$corpus" -q --no-progress -j "$j" -o "$out"
    read -r wall user sys rss <"$work/time"
    same=same
    if [ "$j" != "${threads[0]}" ]; then cmp -s "$out" "$work/j${threads[0]}.json" || same=DIFFERENT; fi
    walls[$j]="${walls[$j]:-} $wall"
    awk -v r="$round" -v j="$j" -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" -v n="$words" -v same="$same" \
      -v load="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {
        printf "round %d  -j %-3s wall %6.2f s  cpu %6.2f s  %7.1f k words/s  peak RSS %6.1f MB  output %s  load %s\n",
               r, j, w, u + s, n / w / 1000, m / 1024, same, load }'
  done
done

base_best=""
base_mean=""
for j in "${threads[@]}"; do
  read -r best mean < <(echo ${walls[$j]} | tr ' ' '\n' | awk 'NF { s += $1; n++; if (min == "" || $1 < min) min = $1 } END { printf "%.2f %.3f\n", min, s / n }')
  if [ -z "$base_best" ]; then base_best=$best; base_mean=$mean; fi
  awk -v j="$j" -v b="$best" -v m="$mean" -v bb="$base_best" -v bm="$base_mean" -v n="$words" 'BEGIN {
    printf "-j %-3s fastest %6.2f s (%6.1f k words/s)  mean %6.2f s  speed-up fastest %.2fx  mean %.2fx\n",
           j, b, n / b / 1000, m, bb / b, bm / m }'
done
