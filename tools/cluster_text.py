#!/usr/bin/env python3
"""Tokenised text for word clustering (kgbuild train clusters): one sentence a line, tokens
separated by single spaces, from the shippable sources only (see /work/shared/data/PROVENANCE.md):

  * UD English EWT train (CC BY-SA 4.0): the FORM of every syntactic word;
  * the GMB-derived Kaggle NER corpus ner_dataset.csv (ODbL; VOA text): the Word column
    (Windows-1252, CRLF; re-encoded to UTF-8 here).

Never feed GUM or CoNLL-2003 text to anything that ships.

usage: tools/cluster_text.py EWT_TRAIN.conllu GMB_NER_DATASET.csv > clusters.txt
"""
import csv
import sys


def ewt(path):
    words = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if words:
                    yield words
                words = []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            words.append(cols[1])
    if words:
        yield words


def gmb(path):
    words = []
    with open(path, encoding="cp1252", newline="") as f:
        rows = csv.reader(f)
        next(rows)
        for row in rows:
            if len(row) < 2:
                continue
            if row[0].startswith("Sentence:") and words:
                yield words
                words = []
            words.append(row[1])
    if words:
        yield words


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    out = sys.stdout
    for source in (ewt(sys.argv[1]), gmb(sys.argv[2])):
        for words in source:
            words = [w.replace(" ", "_") for w in words if w.strip()]
            if words:
                out.write(" ".join(words) + "\n")


if __name__ == "__main__":
    main()
