#!/usr/bin/env python3
"""Write the big-document and pathological inputs of docs/BENCHMARKS.md (*One big document*).

Text: the five files of samples/ followed by the CoNLL-2003 train sentences (tokens joined
by single spaces, one sentence per line, -DOCSTART- lines dropped), repeated until the
target size. CoNLL-2003 (Reuters) is for benchmarking only: the inputs are written OUTSIDE
the repository (default /tmp/kg-big), never committed, never trained on.

Files written into --out:
  big.txt             the text above, one file of --mb MB (10^6 bytes; default 10)
  split/NNNNN.txt     the same bytes cut at line ends into files of about --split-kb KB
  nopunct.txt         one line of --line-mb MB (default 5): the text's words with every
                      punctuation character dropped (hyphens and apostrophes inside a word
                      kept), so no sentence ever ends inside it
  onename.txt         one line of --line-mb MB: "Putin " repeated
  onetoken.txt        --token-mb MB (default 1) of one token: the letters a-z repeated,
                      no space, no line end
Prints each file's bytes and words (whitespace-separated, as `wc -w` counts them).

Usage: python3 bench/make_big_inputs.py [--conll FILE] [--samples DIR] [--out DIR]
                                       [--mb N] [--split-kb N] [--line-mb N] [--token-mb N]
"""
import argparse
import shutil
import string
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def conll_sentences(path):
    """Sentences of a CoNLL-2003 file as space-joined token strings, in file order."""
    out, words = [], []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.strip()
            if not line:
                if words:
                    out.append(" ".join(words))
                words = []
                continue
            word = line.split(" ")[0]
            if word == "-DOCSTART-":
                continue
            words.append(word)
    if words:
        out.append(" ".join(words))
    return out


def repeat_to(unit, size):
    """`unit` repeated (whole copies, then a cut at a line end) to about `size` bytes."""
    data = bytearray()
    while len(data) < size:
        data += unit
    cut = data.rfind(b"\n", 0, size)
    return bytes(data[: cut + 1 if cut > 0 else size])


def words(data):
    return len(data.split())


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--conll", default="/work/shared/data/conll2003/eng.train")
    ap.add_argument("--samples", default=str(REPO / "samples"))
    ap.add_argument("--out", default="/tmp/kg-big")
    ap.add_argument("--mb", type=float, default=10)
    ap.add_argument("--split-kb", type=float, default=32)
    ap.add_argument("--line-mb", type=float, default=5)
    ap.add_argument("--token-mb", type=float, default=1)
    args = ap.parse_args()

    out = Path(args.out).resolve()
    if out == REPO or REPO in out.parents:
        sys.exit(f"make_big_inputs.py: {out} is inside the repository; write the inputs elsewhere")
    out.mkdir(parents=True, exist_ok=True)

    samples = b"".join(p.read_bytes().rstrip(b"\n") + b"\n" for p in sorted(Path(args.samples).glob("*.txt")))
    sentences = conll_sentences(args.conll)
    unit = samples + ("\n".join(sentences) + "\n").encode("utf-8")

    big = repeat_to(unit, int(args.mb * 1e6))
    (out / "big.txt").write_bytes(big)

    split = out / "split"
    shutil.rmtree(split, ignore_errors=True)
    split.mkdir()
    chunk, start, files = int(args.split_kb * 1000), 0, 0
    while start < len(big):
        stop = big.find(b"\n", min(start + chunk, len(big)) - 1)
        stop = len(big) if stop < 0 else stop + 1
        (split / f"{files:05d}.txt").write_bytes(big[start:stop])
        files += 1
        start = stop

    drop = str.maketrans("", "", "".join(c for c in string.punctuation if c not in "-'") + "\u201c\u201d\u2018\u2014\u2013\u2026")
    kept = [w for w in (w.translate(drop).strip("-'") for w in unit.decode("utf-8").split()) if w]
    line = (" ".join(kept) + " ").encode("utf-8")
    size = int(args.line_mb * 1e6)
    nopunct = (line * (size // len(line) + 1))[:size]
    nopunct = nopunct[: nopunct.rfind(b" ")] + b"\n"
    (out / "nopunct.txt").write_bytes(nopunct)

    onename = b"Putin " * (size // 6)
    (out / "onename.txt").write_bytes(onename.rstrip() + b"\n")

    letters = string.ascii_lowercase.encode()
    token_size = int(args.token_mb * 1e6)
    onetoken = (letters * (token_size // len(letters) + 1))[:token_size]
    (out / "onetoken.txt").write_bytes(onetoken)

    for name in ("big.txt", "nopunct.txt", "onename.txt", "onetoken.txt"):
        data = (out / name).read_bytes()
        print(f"{out / name}: bytes={len(data)} words={words(data)}")
    print(f"{split}: files={files} bytes={len(big)} words={words(big)}")


if __name__ == "__main__":
    main()
