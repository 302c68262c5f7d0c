#!/usr/bin/env bash
# Leave-one-article-out figures for the relation filter: for each article NAME.txt of SET
# (with NAME.gold.json), trains a filter on the other articles, builds NAME's graph with it,
# then scores every graph with the evaluation set's score.py. No article is scored by a
# filter that saw its gold.
#   tools/relation_filter_folds.sh KGBUILD SET_DIR SCORE_PY [WORK_DIR] [-- TRAIN_OPTIONS]
# EXTRA_TRAIN=DIR adds DIR's NAME.txt + NAME.gold.json to every fold's training articles.
# MODELS=DIR takes the tagger, parser, recogniser and clusters from DIR instead of models/.
# EXPLAIN=1 in the environment adds score.py's per-article list of misses and wrong edges.
# Trains one filter per article: about 25 s for the 23 articles of the development set.
set -euo pipefail
kgbuild=$(realpath "$1"); set_dir=$(realpath "$2"); score=$(realpath "$3"); shift 3
work=${1:-$(mktemp -d)}; [ $# -gt 0 ] && shift
[ "${1:-}" = "--" ] && shift
models=${MODELS:-$(dirname "$(realpath "$0")")/../models}  # MODELS=DIR: other tagger, parser, recogniser
mkdir -p "$work/graphs"
for article in "$set_dir"/*.txt; do
  name=$(basename "$article" .txt)
  fold="$work/folds/$name"
  rm -rf "$fold"; mkdir -p "$fold/train" "$fold/models"
  for other in "$set_dir"/*.txt; do
    [ "$other" = "$article" ] && continue
    ln -s "$other" "$fold/train/"; ln -s "${other%.txt}.gold.json" "$fold/train/"
  done
  # EXTRA_TRAIN: a folder of NAME.txt + NAME.gold.json every fold also trains on.
  if [ -n "${EXTRA_TRAIN:-}" ]; then
    for extra in "$EXTRA_TRAIN"/*.txt; do
      ln -s "$(realpath "$extra")" "$fold/train/"; ln -s "$(realpath "${extra%.txt}.gold.json")" "$fold/train/"
    done
  fi
  for m in en-tagger.bin en-parser.bin en-ner.bin en-clusters.bin; do
    [ -e "$models/$m" ] && ln -s "$(realpath "$models/$m")" "$fold/models/$m"
  done
  "$kgbuild" train relations -q --models "$fold/models" --train "$fold/train" -o "$fold/models/en-relations.bin" "$@"
  "$kgbuild" -q --models "$fold/models" "$article" -o "$work/graphs/$name.json"
done
python3 "$score" ${EXPLAIN:+--explain} "$set_dir" "$work/graphs"
