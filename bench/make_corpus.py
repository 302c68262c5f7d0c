#!/usr/bin/env python3
"""Build a plain-text, news-like benchmark corpus for kg_pipeline_bench and kgbuild.

Source: the GMB-derived "Annotated Corpus for NER" (ner_dataset.csv, Voice of America news;
ODbL 1.0 / DbCL 1.0, VOA texts public domain; see /work/shared/data/PROVENANCE.md). The
file is Windows-1252 with CRLF line ends, header "Sentence #,Word,POS,Tag", and the sentence
id only on each sentence's first row. Its last sentence was cut at Excel's row limit and
is dropped.

Each sentence is detokenised into readable text (no space before , . ; : ? ! ) ] % 's n't
'll 're 've 'm 'd or a possessive apostrophe; none after ( [ $; straight quotes alternate
opening/closing within a sentence), every 25 sentences become one article (paragraphs of
up to 3 sentences, one paragraph per line, as news files are), written as UTF-8 .txt
files. --min-mb N repeats the whole set, under distinct file names, until the corpus holds
at least N MB (10^6 bytes). The corpus is written OUTSIDE the repository (default
/tmp/kg-bench-corpus); the script refuses a directory inside it. An ATTRIBUTION file (no
extension, so kgbuild, which reads *.txt, *.text and *.md, leaves it out) records the source and licence.

Usage: python3 bench/make_corpus.py [--source CSV] [--out DIR] [--min-mb N]
Prints the corpus size and word count (whitespace-separated tokens).
"""
import argparse
import csv
import io
import re
import sys
from pathlib import Path

DEFAULT_SOURCE = "/work/shared/data/gmb-ner-kaggle/ner_dataset.csv"
DEFAULT_OUT = "/tmp/kg-bench-corpus"
SENTENCES_PER_ARTICLE = 25
SENTENCES_PER_PARAGRAPH = 3
FILE_PATTERN = re.compile(r"^gmb_r\d{2}_\d{5}\.txt$")

NO_SPACE_BEFORE = {",", ".", ";", ":", "?", "!", ")", "]", "%", "n't", "'s", "'ll", "'re",
                   "'ve", "'m", "'d", "’s", "n’t"}
NO_SPACE_AFTER = {"(", "[", "$"}
OPENING_QUOTES = {"“", "‘"}
CLOSING_QUOTES = {"”", "’"}

ATTRIBUTION = """\
# Benchmark corpus: attribution

Built by bench/make_corpus.py (kgbuild) from `ner_dataset.csv`, the GMB-derived
"Annotated Corpus for Named Entity Recognition" (Kaggle: abhinavwalia95/entity-annotated-corpus),
licensed under the Open Database License (ODbL 1.0); contents under the Database Contents
License (DbCL 1.0). The underlying texts are Voice of America news (US-government work,
public domain). This corpus is a produced work: the sentences were detokenised and grouped
into articles of {per} sentences{repeat_note}. Do not commit it to the repository.
"""


def read_sentences(source):
    """Token lists, one per sentence, in file order (the truncated last sentence dropped)."""
    with open(source, "rb") as f:
        text = f.read().decode("cp1252", errors="replace")
    rows = csv.reader(io.StringIO(text, newline=""))
    header = next(rows)
    if [h.strip() for h in header[:2]] != ["Sentence #", "Word"]:
        sys.exit(f"make_corpus.py: {source}: unexpected header {header}")
    sentences = []
    for row in rows:
        if len(row) < 3:
            continue
        sentence_id, word, pos = row[0], row[1], row[2]
        if sentence_id.strip() or not sentences:
            sentences.append([])
        sentences[-1].append((word, pos))
    return sentences[:-1]  # the last one was cut at 1,048,576 rows


def detokenise(tokens):
    """One sentence's tokens -> readable text."""
    out = []
    glue_next = True  # no space before the first token
    open_double = False
    open_single = False
    for word, pos in tokens:
        if not word:
            continue
        space = not glue_next
        glue_next = False
        if word == '"':
            if open_double:  # closing: attach to the previous word
                space = False
            else:  # opening: attach to the next word
                glue_next = True
            open_double = not open_double
        elif word == "'" and pos != "POS":  # a single quotation mark, not a possessive
            if open_single:
                space = False
            else:
                glue_next = True
            open_single = not open_single
        elif word == "'":  # possessive of a plural: "the rebels' uprising"
            space = False
        elif word in OPENING_QUOTES:
            glue_next = True
        elif word in CLOSING_QUOTES or word in NO_SPACE_BEFORE:
            space = False
        elif word in NO_SPACE_AFTER:
            glue_next = True
        if out and space:
            out.append(" ")
        out.append(word)
    return "".join(out)


def articles(sentences):
    """Article texts: SENTENCES_PER_ARTICLE sentences, paragraphs of up to 3 per line."""
    texts = [detokenise(s) for s in sentences]
    texts = [t for t in texts if t.strip()]
    for start in range(0, len(texts), SENTENCES_PER_ARTICLE):
        chunk = texts[start:start + SENTENCES_PER_ARTICLE]
        lines = [" ".join(chunk[i:i + SENTENCES_PER_PARAGRAPH])
                 for i in range(0, len(chunk), SENTENCES_PER_PARAGRAPH)]
        yield "\n".join(lines) + "\n"


def inside(path, root):
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", default=DEFAULT_SOURCE, help="GMB ner_dataset.csv")
    parser.add_argument("--out", default=DEFAULT_OUT, help=f"output directory (default {DEFAULT_OUT})")
    parser.add_argument("--min-mb", type=float, default=0.0,
                        help="repeat the articles until the corpus holds at least N MB (10^6 bytes)")
    args = parser.parse_args()

    repo = Path(__file__).resolve().parent.parent
    out = Path(args.out).resolve()
    if inside(out, repo):
        sys.exit(f"make_corpus.py: refusing to write the corpus inside the repository ({out})")
    if not Path(args.source).is_file():
        sys.exit(f"make_corpus.py: {args.source}: not found")

    docs = [a.encode("utf-8") for a in articles(read_sentences(args.source))]
    if not docs:
        sys.exit(f"make_corpus.py: {args.source}: no sentences")
    one_pass = sum(len(d) for d in docs)
    passes = 1
    while passes * one_pass < args.min_mb * 1e6:
        passes += 1

    out.mkdir(parents=True, exist_ok=True)
    for old in out.iterdir():  # a previous run's files only; nothing else is touched
        if FILE_PATTERN.match(old.name):
            old.unlink()
    total_bytes = 0
    total_words = 0
    files = 0
    for r in range(passes):
        for i, data in enumerate(docs):
            (out / f"gmb_r{r + 1:02d}_{i + 1:05d}.txt").write_bytes(data)
            total_bytes += len(data)
            total_words += len(data.split())
            files += 1
    note = f", the whole set repeated {passes} times under distinct file names" if passes > 1 else ""
    (out / "ATTRIBUTION").write_text(
        ATTRIBUTION.format(per=SENTENCES_PER_ARTICLE, repeat_note=note), encoding="utf-8")

    print(f"corpus: {out}")
    print(f"files={files} passes={passes} bytes={total_bytes} mb={total_bytes / 1e6:.2f} "
          f"words={total_words}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
