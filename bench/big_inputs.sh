#!/usr/bin/env bash
# Times kgbuild on the inputs of bench/make_big_inputs.py, one run per input, pinned to one
# core: wall seconds, CPU seconds (user + system), words/s of CPU time (words as `wc -w`
# counts them; on a shared machine the wall clock also counts other programs' turns on the
# core) and peak RSS (/usr/bin/time -v).
#   bench/big_inputs.sh KGBUILD [INPUT_DIR] [TIMEOUT_S] [CPU]
# INPUT_DIR defaults to /tmp/kg-big, TIMEOUT_S (per run) to 600, CPU to 1. A run stopped by
# the timeout prints "timeout". Graphs go to a temporary folder that is removed.
set -u
bin=${1:?usage: big_inputs.sh KGBUILD [INPUT_DIR] [TIMEOUT_S] [CPU]}
dir=${2:-/tmp/kg-big}
limit=${3:-600}
cpu=${4:-1}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
printf '%-12s %10s %9s %9s %12s %10s\n' input words wall_s cpu_s words/cpu_s peak_MB
for name in big split nopunct onename onetoken; do
  if [[ $name == split ]]; then input=$dir/split; words=$(cat "$dir"/split/*.txt | wc -w)
  else input=$dir/$name.txt; words=$(wc -w < "$input"); fi
  /usr/bin/time -v -o "$out/time" timeout "$limit" taskset -c "$cpu" "$bin" -q "$input" -o "$out/graph.json" 2>/dev/null
  status=$?
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; ++i) s = s * 60 + p[i]; print s}' "$out/time")
  cpu_s=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$out/time")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$out/time")
  if [[ $status == 124 ]]; then
    printf '%-12s %10s %9s %9s %12s %10s\n' "$name" "$words" "$secs" "$cpu_s" timeout "$rss"
  else
    printf '%-12s %10s %9.2f %9.2f %12.0f %10s\n' "$name" "$words" "$secs" "$cpu_s" "$(echo "$words / $cpu_s" | bc -l)" "$rss"
  fi
done
