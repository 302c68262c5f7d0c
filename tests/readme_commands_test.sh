#!/usr/bin/env bash
# README.md's first two shell blocks (set-up + demo, set-up + tests) appear verbatim as
# lines of .ci/run, so CI runs exactly what a newcomer is told to type.
#   tests/readme_commands_test.sh SOURCE_DIR
set -euo pipefail
src=$1
mapfile -t commands < <(awk '/^```sh$/ {inside=1; next} /^```$/ {if (inside) {n++}; inside=0; if (n == 2) exit; next}
                             inside {print}' "$src/README.md")
[[ ${#commands[@]} -eq 2 ]] || { echo "README.md: expected two one-line commands first, found ${#commands[@]}" >&2; exit 1; }
status=0
for command in "${commands[@]}"; do
  if ! grep -qxF -- "$command" "$src/.ci/run"; then
    echo ".ci/run does not run the README command: $command" >&2
    status=1
  fi
done
exit $status
