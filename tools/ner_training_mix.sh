#!/usr/bin/env bash
# Builds the training file of models/en-ner.bin (see models/README.md):
#   tools/ner_training_mix.sh OUT.iob2        (corpora from $KG_DATA, else ../shared/data)
# wikigold, UNER English-EWT train, CrossNER (five domains), the Broad Twitter Corpus (all
# sections) and UNER English-PUD, each converted by tools/ner_corpora.py with the "nomisc"
# scheme (PER ORG LOC NORP; MISC spans become O, so corpora with and without MISC agree) and
# concatenated, documents kept apart. CoNLL-2003 and GUM are never read (evaluation only /
# non-commercial). Deterministic: the same corpora give the same bytes.
set -euo pipefail
out=${1:?usage: tools/ner_training_mix.sh OUT.iob2}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$here/ner_corpora.py" wikigold "$tmp/1.iob2" --scheme nomisc
python3 "$here/ner_corpora.py" uner-ewt-train "$tmp/2.iob2" --scheme nomisc
python3 "$here/ner_corpora.py" crossner "$tmp/3.iob2" --scheme nomisc
python3 "$here/ner_corpora.py" btc "$tmp/4.iob2" --scheme nomisc --btc-sections abefgh
python3 "$here/ner_corpora.py" pud "$tmp/5.iob2" --scheme nomisc
cat "$tmp"/1.iob2 "$tmp"/2.iob2 "$tmp"/3.iob2 "$tmp"/4.iob2 "$tmp"/5.iob2 > "$out"
