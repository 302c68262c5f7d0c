#!/usr/bin/env python3
"""Relation figures of two sets of graphs against one gold set, as Markdown tables.

  tools/relation_tables.py [--score PATH] [--table articles|classes|totals] [--labels B,A]
                           [--also LABEL=DIR ...] BEFORE_DIR AFTER_DIR GOLD_DIR

BEFORE_DIR and AFTER_DIR hold one node-link graph per article, NAME.json, as
`kgbuild ARTICLE -o NAME.json` writes it; GOLD_DIR holds NAME.gold.json (and usually
NAME.txt). Scoring is the evaluation set's own: the Graph and score_doc functions of
score.py, loaded from --score (default: ../shared/eval/score.py beside the repository).

Prints (all three unless --table picks one):
  articles  per article: gold relations, then before and after: strict recall, loose
            recall, strict precision (of the edges whose two ends are gold entities), edges
  classes   per relation class: gold count, strict recall before and after (found/gold)
  totals    strict and loose P/R/F1, edges written and judged edges (both ends gold
            entities), before and after
--also adds a further set of graphs (say, the shipped model's) to the class and totals
tables. A graph missing from a folder counts as an empty graph (and is named on stderr).
"""
import argparse
import importlib.util
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def load_score(path):
    spec = importlib.util.spec_from_file_location("kg_eval_score", path)
    if spec is None or spec.loader is None:
        sys.exit(f"relation_tables: cannot load {path}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def score_dir(score, graph_dir, gold_paths):
    """Per-article counts (score_doc's dict) for every gold article, in gold order."""
    rows = {}
    for gp in gold_paths:
        stem = gp.name[: -len(".gold.json")]
        sp = graph_dir / f"{stem}.json"
        if sp.exists():
            g = score.Graph(score.load(sp))
        else:
            print(f"relation_tables: no graph {sp}, scored as empty", file=sys.stderr)
            g = score.Graph({})
        rows[stem] = score.score_doc(score.load(gp), g, explain=False)
    return rows


def ratio(a, b):
    return f"{a / b:.2f}" if b else "n/a"


def totals(score, rows):
    tot = {}
    for c in rows.values():
        for k, v in c.items():
            tot[k] = tot.get(k, 0) + v
    g = tot.get
    strict = score.prf(g("rel_ok_strict", 0), g("rel_judged", 0), g("rel_found_strict", 0), g("rel_gold", 0))
    loose = score.prf(g("rel_ok_loose", 0), g("rel_judged", 0), g("rel_found_loose", 0), g("rel_gold", 0))
    return tot, strict, loose


def table_articles(before, after, labels):
    b, a = labels
    cols = ["strict R", "loose R", "strict P", "edges"]
    head = ["article", "gold relations"] + [f"{c} {b}" for c in cols] + [f"{c} {a}" for c in cols]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for stem, cb in before.items():
        ca = after[stem]
        cells = [stem, str(cb["rel_gold"])]
        for c in (cb, ca):
            cells += [ratio(c["rel_found_strict"], c["rel_gold"]), ratio(c["rel_found_loose"], c["rel_gold"]),
                      ratio(c["rel_ok_strict"], c["rel_judged"]), str(c["rel_sys"])]
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out)


def table_classes(sets):
    """sets: [(label, tot)], the first one's gold counts name the classes."""
    tot0 = sets[0][1]
    classes = sorted((k.split(":", 1)[1] for k in tot0 if k.startswith("class_gold:")),
                     key=lambda k: (-tot0["class_gold:" + k], k))
    out = ["| class | gold | " + " | ".join(f"strict R {label}" for label, _ in sets) + " |",
           "|" + "---|" * (2 + len(sets))]
    rows = [(k, "class_gold:" + k, "class_found:" + k) for k in classes] + [("all", "rel_gold", "rel_found_strict")]
    for name, gold_key, found_key in rows:
        n = tot0.get(gold_key, 0)
        cells = [f"{tot.get(found_key, 0)}/{n} ({ratio(tot.get(found_key, 0), n)})" for _, tot in sets]
        out.append(f"| {name} | {n} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def table_totals(rows):
    out = ["| graphs | strict P / R / F1 | loose P / R / F1 | edges | judged edges |", "|---|---|---|---|---|"]
    for label, tot, strict, loose in rows:
        out.append(f"| {label} | {strict[0]:.3f} / {strict[1]:.3f} / {strict[2]:.3f} "
                   f"| {loose[0]:.3f} / {loose[1]:.3f} / {loose[2]:.3f} "
                   f"| {tot.get('rel_sys', 0)} | {tot.get('rel_judged', 0)} |")
    return "\n".join(out)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("before", type=Path, metavar="BEFORE_DIR")
    ap.add_argument("after", type=Path, metavar="AFTER_DIR")
    ap.add_argument("gold", type=Path, metavar="GOLD_DIR")
    ap.add_argument("--score", type=Path, default=REPO / ".." / "shared" / "eval" / "score.py",
                    help="the evaluation set's score.py (default: %(default)s)")
    ap.add_argument("--table", choices=["articles", "classes", "totals"], help="print only this table")
    ap.add_argument("--labels", default="before,after", help="names of the two sets (default: %(default)s)")
    ap.add_argument("--also", action="append", default=[], metavar="LABEL=DIR",
                    help="one more set of graphs, added to the class and totals tables (repeatable)")
    args = ap.parse_args(argv)
    labels = args.labels.split(",", 1) if "," in args.labels else ["before", "after"]
    dirs = [args.before, args.after]
    for extra in args.also:
        label, sep, d = extra.partition("=")
        if not sep or not label or not d:
            sys.exit(f"relation_tables: --also wants LABEL=DIR, not {extra!r}")
        labels.append(label)
        dirs.append(Path(d))

    if not args.score.is_file():
        sys.exit(f"relation_tables: no score.py at {args.score} (give --score PATH)")
    gold_paths = sorted(args.gold.glob("*.gold.json"))
    if not gold_paths:
        sys.exit(f"relation_tables: no *.gold.json in {args.gold}")
    for d in dirs:
        if not d.is_dir():
            sys.exit(f"relation_tables: {d} is not a folder")
    score = load_score(args.score)
    per_article = [score_dir(score, d, gold_paths) for d in dirs]
    sums = [totals(score, rows) for rows in per_article]

    parts = []
    if args.table in (None, "articles"):
        parts.append(table_articles(per_article[0], per_article[1], labels[:2]))
    if args.table in (None, "classes"):
        parts.append(table_classes([(label, tot) for label, (tot, _, _) in zip(labels, sums)]))
    if args.table in (None, "totals"):
        parts.append(table_totals([(label, tot, strict, loose) for label, (tot, strict, loose) in zip(labels, sums)]))
    print("\n\n".join(parts))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
