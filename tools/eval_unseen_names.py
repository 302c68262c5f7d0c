#!/usr/bin/env python3
"""How well kgbuild finds names in news it was never tuned on: CoNLL-2003 eng.testb.

  tools/eval_unseen_names.py KGBUILD [DATA_DIR] [--prose] [--extractor models|rules] [-- KGBUILD_OPTIONS]

Rebuilds each eng.testb document as plain text (detokenised, one sentence per line) in a
temporary directory, runs KGBUILD on it, and compares the names in each document's graph
(node labels and aliases) with the document's gold PER/ORG/LOC names (MISC left out):
  node P  = share of nodes (DATE, EVENT, NORP, WORK_OF_ART, AWARD left out) whose label or an
            alias is a gold name
  name R  = share of the document's distinct gold names found as a label or alias
  type-acc = share of matched nodes whose type agrees (PERSON=PER, ORG=ORG, GPE/LOC=LOC)
--prose keeps only documents with under 5% digits (drops sports results tables).
CoNLL-2003 is Reuters text under the Reuters corpus agreement: evaluation only, nothing
derived from it is written outside the temporary directory.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path


def read_conll(path):
    docs, doc, sent = [], [], []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("-DOCSTART-"):
                if sent:
                    doc.append(sent)
                if doc:
                    docs.append(doc)
                doc, sent = [], []
            elif not line.strip():
                if sent:
                    doc.append(sent)
                sent = []
            else:
                word, _pos, _chunk, tag = line.split(" ")
                sent.append((word, tag))
    if sent:
        doc.append(sent)
    if doc:
        docs.append(doc)
    return docs


def detokenise(words):
    out = ""
    for i, w in enumerate(words):
        attach = w in {",", ".", ";", ":", "!", "?", ")", "%", "'s", "n't"} or out.endswith("(")
        if i and not attach:
            out += " "
        out += w
    return out


def gold_names(doc):
    """Distinct (name, type) of PER/ORG/LOC spans; tags are IOB1."""
    names = []
    for sent in doc:
        span, prev = [], "O"
        for word, tag in sent + [("", "O")]:
            starts = tag.startswith("B-") or (tag.startswith("I-") and tag[2:] != prev[2:])
            if tag == "O" or starts:
                if span:
                    names.append((" ".join(span[1:]), span[0]))
                span = [tag[2:], word] if tag != "O" else []
            else:
                span.append(word)
            prev = tag
    return [(n, t) for n, t in names if t != "MISC"]


def norm(s):
    return re.sub(r"\s+", " ", s.lower().replace(".", "")).strip()


def main(argv):
    extra = []
    if "--" in argv:  # everything after "--" goes to kgbuild ("-- --models DIR")
        i = argv.index("--")
        extra = argv[i + 1:]
        argv = argv[:i]
    prose = "--prose" in argv
    argv = [a for a in argv if a != "--prose"]
    if "--extractor" in argv:
        i = argv.index("--extractor")
        extra += argv[i:i + 2]
        argv = argv[:i] + argv[i + 2:]
    args = argv
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    kgbuild = args[0]
    data = Path(args[1] if len(args) > 1 else Path(__file__).resolve().parents[1] / ".." / "shared" / "data")
    docs = read_conll(data / "conll2003" / "eng.testb")
    type_map = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}
    tp = fp = found = missed = typed = typed_ok = used = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i, doc in enumerate(docs):
            text = "\n".join(detokenise([w for w, _ in s]) for s in doc) + "\n"
            if prose and sum(c.isdigit() for c in text) > 0.05 * len(text):
                continue
            used += 1
            src, out = Path(tmp) / f"{i:03d}.txt", Path(tmp) / f"{i:03d}.json"
            src.write_text(text, encoding="utf-8")
            subprocess.run([kgbuild, str(src), "-q", "-o", str(out)] + extra, check=False)
            graph = json.loads(out.read_text()) if out.exists() else {"nodes": []}
            gold = {norm(n): t for n, t in gold_names(doc)}
            keys = set()
            for node in graph["nodes"]:
                if node["type"] in ("DATE", "EVENT", "NORP", "WORK_OF_ART", "AWARD"):  # MISC in CoNLL
                    continue
                node_keys = {norm(node["label"])} | {norm(a) for a in node.get("aliases", [])}
                keys |= node_keys
                hits = sorted(node_keys & set(gold))
                if hits:
                    tp += 1
                    typed += 1
                    typed_ok += type_map.get(node["type"]) == gold[hits[0]]
                else:
                    fp += 1
            for name in gold:
                if name in keys:
                    found += 1
                else:
                    missed += 1
    p = tp / (tp + fp) if tp + fp else 0.0
    r = found / (found + missed) if found + missed else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"documents={used} nodes={tp + fp} gold_names={found + missed} "
          f"node_P={p:.3f} name_R={r:.3f} F1={f:.3f} type_acc={typed_ok / typed if typed else 0:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
