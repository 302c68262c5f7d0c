#!/usr/bin/env bash
# Start-up time of kgbuild: runs `echo "Lavrov met Rubio in Riyadh." | KGBUILD - -f json`
# N times (models loaded, one sentence extracted, JSON written) and prints the median, min
# and max wall time in seconds. docs/BENCHMARKS.md ("Start-up") has the figures.
#   bench/startup_bench.sh [KGBUILD] [N]      (defaults: build/cli/kgbuild, 10)
# Extra kgbuild options may follow in KGBUILD_ARGS (e.g. KGBUILD_ARGS="--models DIR").
set -euo pipefail
bin=${1:-build/cli/kgbuild}
runs=${2:-10}
[[ -x "$bin" ]] || { echo "startup_bench: $bin is not an executable" >&2; exit 2; }
read -r -a extra <<<"${KGBUILD_ARGS:-}"
times=()
for ((i = 0; i < runs; i++)); do
  start=$(date +%s%N)
  echo "Lavrov met Rubio in Riyadh." | "$bin" - -f json -q "${extra[@]}" >/dev/null
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000 )))  # microseconds
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
n=${#sorted[@]}
if (( n % 2 )); then median=${sorted[n / 2]}; else median=$(( (sorted[n / 2 - 1] + sorted[n / 2]) / 2 )); fi
fmt() { printf '%d.%03d' $(( $1 / 1000000 )) $(( ($1 / 1000) % 1000 )); }
echo "startup: $bin runs=$n median=$(fmt "$median") s min=$(fmt "${sorted[0]}") s max=$(fmt "${sorted[n - 1]}") s"
