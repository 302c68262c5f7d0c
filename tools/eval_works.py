#!/usr/bin/env python3
"""How precise kgbuild's works and awards are on text it was never tuned on: CrossNER.

  tools/eval_works.py KGBUILD [DATA_DIR] [-- extra kgbuild options]

Rebuilds the dev and test sentences of CrossNER's music and literature domains
(DATA_DIR/crossner, default ../shared/data) as plain text, one sentence per line. CrossNER's
text has lost Wikipedia's quotation marks, so they are put back around every song, album,
book, poem, magazine, event and misc span (films are misc there): the quotes alone then mark
nothing, and only the context can make a work of them. Runs KGBUILD on the text in a
temporary directory and, for the WORK_OF_ART and AWARD nodes of the graph, prints:
  nodes     how many there are
  right     label or an alias is a gold span of the type's classes (song, album, book, poem;
            award)
  other     is a gold span of some other class (for works mostly films, which CrossNER
            calls misc)
  not gold  matches no gold span (mostly a longer or shorter span than the gold's)
and the labels of the last two groups. Recall is not the point (most gold titles carry no
cue in the text); what is printed is how often what kgbuild makes is a title or a prize.
"""
import json
import subprocess
import sys
import tempfile
from pathlib import Path

QUOTED = {"song", "album", "book", "poem", "magazine", "event", "misc"}
RIGHT = {"WORK_OF_ART": {"song", "album", "book", "poem"}, "AWARD": {"award"}}


def sentences(path):
    sent = []
    for line in open(path, encoding="utf-8"):
        parts = line.split()
        if not parts:
            if sent:
                yield sent
            sent = []
        else:
            sent.append((parts[0], parts[-1]))
    if sent:
        yield sent


def spans(sent):
    """(class, first, last) of each BIO span."""
    out, i = [], 0
    while i < len(sent):
        tag = sent[i][1]
        if tag.startswith("B-"):
            j = i + 1
            while j < len(sent) and sent[j][1] == "I-" + tag[2:]:
                j += 1
            out.append((tag[2:], i, j))
            i = j
        else:
            i += 1
    return out


def detokenise(words):
    text, opening, glue = "", True, False
    for w in words:
        if w == '"':
            text += (" " if text else "") + w if opening else w
            glue, opening = opening, not opening
            continue
        if glue or not text or w in {",", ".", ";", ":", "!", "?", ")", "'s", "n't"} or text.endswith("("):
            text += w
        else:
            text += " " + w
        glue = False
    return text


def norm(s):
    return " ".join(s.replace('"', "").replace(" 's", "'s").split()).lower()


def main():
    args = sys.argv[1:]
    extra = args[args.index("--") + 1:] if "--" in args else []
    args = args[:args.index("--")] if "--" in args else args
    if not args:
        sys.exit(__doc__)
    kgbuild = args[0]
    data = Path(args[1]) if len(args) > 1 else Path(__file__).resolve().parent.parent.parent / "shared" / "data"
    lines, gold = [], {}
    for domain in ("music", "literature"):
        for split in ("dev", "test"):
            for sent in sentences(data / "crossner" / domain / f"{split}.txt"):
                words, found = [], spans(sent)
                starts = {first: (cls, last) for cls, first, last in found}
                i = 0
                while i < len(sent):
                    cls, last = starts.get(i, (None, None))
                    if cls in QUOTED:
                        words += ['"'] + [w for w, _ in sent[i:last]] + ['"']
                        i = last
                    else:
                        words.append(sent[i][0])
                        i += 1
                lines.append(detokenise(words))
                for cls, first, last in found:
                    gold.setdefault(norm(" ".join(w for w, _ in sent[first:last])), set()).add(cls)
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "crossner.txt", Path(tmp) / "crossner.json"
        src.write_text("\n".join(lines) + "\n", encoding="utf-8")
        subprocess.run([kgbuild, str(src), "-q", "-o", str(out)] + extra, check=True)
        graph = json.loads(out.read_text(encoding="utf-8"))
    print(f"sentences={len(lines)}")
    for node_type, right_classes in RIGHT.items():
        right, other, wrong = 0, [], []
        nodes = [n for n in graph["nodes"] if n["type"] == node_type]
        for n in nodes:
            classes = set().union(*(gold.get(norm(a), set()) for a in [n["label"]] + list(n.get("aliases") or [])))
            if classes & right_classes:
                right += 1
            elif classes:
                other.append(f'{n["label"]} ({"/".join(sorted(classes))})')
            else:
                wrong.append(n["label"])
        print(f"{node_type}: nodes={len(nodes)} right={right} other={len(other)} not_gold={len(wrong)}")
        print("  other:", "; ".join(other))
        print("  not gold:", "; ".join(wrong))


if __name__ == "__main__":
    main()
