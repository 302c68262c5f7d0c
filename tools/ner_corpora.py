#!/usr/bin/env python3
"""Convert the permitted NER corpora into the one format kgbuild's trainer reads for a mix.

`kgbuild train ner` takes a single --train FILE in a single --format, so a mix has to be one
file. Every corpus is written here as Universal-NER-style .iob2 (`kgbuild --format conllu`):
"# newdoc id = X" starts a document, then "ID<TAB>FORM<TAB>IOB2-TAG" lines, a blank line
after each sentence. Mixes are then plain `cat`s of these files.

  tools/ner_corpora.py CORPUS OUT.iob2 [--scheme misc|nomisc|pol] [--gmb-mode trainer|ours]
             [--norp-sentences keep|drop] [--btc-sections g] [--doc-sentences N]

CORPUS: gmb, wikigold, uner-ewt-train, crossner, btc, pud.

Label schemes (the trainer cannot mask a type: a token is an entity of a type it knows or O,
and every type seen in the training file becomes a model type):
  misc   PER ORG LOC NORP MISC (MISC-like spans of corpora without MISC stay O: unavoidable)
  nomisc PER ORG LOC NORP      (every MISC -> O, so all corpora agree that MISC-like spans are O)
  pol    PER ORG LOC           (MISC and NORP -> O)
NORP: GMB 'gpe' (nationalities) -> NORP, as the trainer's gmb reader does. In corpora that put
nationalities under MISC/OTH (wikigold, CrossNER misc, UNER-EWT-train OTH), a MISC span whose
words are all demonyms (kgbuild's countries.tsv demonyms + GMB gpe words seen >= 5 times that are
not country names) becomes NORP, so the same word is not NORP in GMB and MISC elsewhere.
--norp-sentences drop: in corpora with no NORP/MISC annotation at all (BTC, PUD) drop the
sentences with a capitalised demonym token (their nationality is labelled O, contradicting
the NORP of GMB); only meaningful with schemes misc/nomisc.
GMB: --gmb-mode trainer reproduces kgbuild's own gmb reader (tim/art/eve/nat dropped to O);
ours maps art/eve/nat -> MISC (scheme misc only), and gpe spans that are country names -> LOC
(GMB sometimes tags "Nepal", "Sudan" as gpe) with --gmb-fix-gpe.
"""
import argparse
import csv
import glob
import io
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
# The corpora: $KG_DATA, else ../shared/data beside the checkout (see its PROVENANCE.md).
S = os.environ.get("KG_DATA", os.path.join(HERE, "..", "..", "shared", "data"))
LEX = os.path.join(HERE, "..", "extract", "nlp", "lexicon", "countries.tsv")

# ---------------------------------------------------------------------------------------------
# Lexicons


def load_countries():
    names, demonyms = set(), set()
    for line in open(LEX, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        f += [""] * (5 - len(f))
        for x in [f[0]] + f[1].split("|") + [f[3]] + f[4].split("|"):
            if x:
                names.add(x)
        for x in f[2].split("|"):
            if x:
                demonyms.add(x)
    return names, demonyms


COUNTRY_NAMES, DEMONYMS = load_countries()
COUNTRY_WORDS = {w for n in COUNTRY_NAMES for w in n.split()}


def gmb_rows():
    """(sentence_start, word, tag) of the GMB CSV, as the trainer reads it (cp1252, CSV quoting)."""
    with open(f"{S}/gmb-ner-kaggle/ner_dataset.csv", encoding="cp1252", errors="replace", newline="") as f:
        r = csv.reader(f)
        next(r)
        for row in r:
            if not row or all(not x.strip() for x in row):
                continue
            yield bool(row[0]), row[1], row[3]


def extend_demonyms():
    # GMB words tagged gpe >= 5 times and at least twice as often gpe as geo (so "Lanka",
    # "United", "Nepal" are out, "Arab", "Tibetan", "Sikhs" are in)
    gpe, geo = Counter(), Counter()
    for _, w, t in gmb_rows():
        if t.endswith("-gpe"):
            gpe[w] += 1
        elif t.endswith("-geo"):
            geo[w] += 1
    extra = {w for w, n in gpe.items() if n >= 5 and n >= 2 * geo[w] and w[:1].isupper() and w not in COUNTRY_NAMES}
    return DEMONYMS | extra


NORP_WORDS = None  # filled lazily (needs a GMB pass)


def norp_words():
    global NORP_WORDS
    if NORP_WORDS is None:
        NORP_WORDS = extend_demonyms()
    return NORP_WORDS


def is_norp(words):
    ws = [w for w in words if w not in ("-",)]
    if not ws:
        return False
    nw = norp_words()
    for w in ws:
        parts = w.split("-")
        if not all(p in nw or p + "n" in nw for p in parts if p):  # Afro-American, Sino-
            return False
    return True


# ---------------------------------------------------------------------------------------------
# Sentences: list of (word, tag) with IOB2 tags after mapping. Spans helpers.


def spans_of(tags):
    """IOB (1 or 2, conlleval rules) -> list of (first, last, type)."""
    out, cur = [], None
    for i, t in enumerate(tags):
        if t == "O" or t == "":
            if cur:
                out.append(tuple(cur))
            cur = None
            continue
        p, typ = t[0], t[2:]
        if p == "B" or cur is None or cur[2] != typ:
            if cur:
                out.append(tuple(cur))
            cur = [i, i + 1, typ]
        else:
            cur[1] = i + 1
    if cur:
        out.append(tuple(cur))
    return out


def tags_of(n, spans):
    tags = ["O"] * n
    for a, b, t in spans:
        if t is None:
            continue
        tags[a] = "B-" + t
        for k in range(a + 1, b):
            tags[k] = "I-" + t
    return tags


class Mapper:
    def __init__(self, scheme):
        self.scheme = scheme
        self.stats = Counter()

    def final(self, typ):
        """Apply the scheme to a canonical type (PER ORG LOC NORP MISC)."""
        if typ == "MISC" and self.scheme in ("nomisc", "pol"):
            return None
        if typ == "NORP" and self.scheme == "pol":
            return None
        return typ

    def misc_or_norp(self, words):
        return "NORP" if is_norp(words) else "MISC"


def write_docs(docs, out, mapper, name):
    """docs: list of (doc_id, [ (words, spans) ]) with canonical types; writes iob2."""
    nsent = nwords = 0
    ents = Counter()
    with open(out, "w", encoding="utf-8") as f:
        for doc_id, sents in docs:
            if not sents:
                continue
            f.write(f"# newdoc id = {doc_id}\n")
            for words, spans in sents:
                spans = [(a, b, mapper.final(t)) for a, b, t in spans]
                for a, b, t in spans:
                    ents[t or "->O"] += 1
                tags = tags_of(len(words), spans)
                for i, (w, t) in enumerate(zip(words, tags), 1):
                    assert w and "\t" not in w and "\n" not in w, (name, w)
                    f.write(f"{i}\t{w}\t{t}\n")
                f.write("\n")
                nsent += 1
                nwords += len(words)
    print(f"{name}: {len(docs)} docs, {nsent} sentences, {nwords} words, entities {dict(sorted(ents.items()))}"
          + (f", notes {dict(mapper.stats)}" if mapper.stats else ""), file=sys.stderr)


# ---------------------------------------------------------------------------------------------
# Corpora


def conv_gmb(a, m):
    gmap = {"per": "PER", "org": "ORG", "geo": "LOC", "gpe": "NORP"}
    if a.gmb_mode == "ours":
        gmap.update({"art": "MISC", "eve": "MISC", "nat": "MISC"})
    sents, cur = [], None
    for start, w, t in gmb_rows():
        if start:
            if cur:
                sents.append(cur)
            cur = []
        cur.append((w, t))
    if cur:
        sents.append(cur)
    out = []
    for s in sents:
        words = [w for w, _ in s]
        spans = []
        for x, y, typ in spans_of([t for _, t in s]):
            c = gmap.get(typ)
            if c is None:
                continue
            if c == "NORP" and a.gmb_fix_gpe and " ".join(words[x:y]) in COUNTRY_NAMES:
                c = "LOC"
                m.stats["gmb gpe country->LOC"] += 1
            spans.append((x, y, c))
        out.append((words, spans))
    n = 20  # kGmbDocumentSentences
    docs = [(f"gmb-{i // n + 1}", out[i:i + n]) for i in range(0, len(out), n)]
    write_docs(docs, a.out, m, "gmb")


def read_blocks(path, sep, skip_bad=False):
    """Blank-line separated blocks of (token, tag); whitespace-only lines break sentences."""
    blocks, cur = [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n").rstrip("\r")
        if not line.strip():
            if cur:
                blocks.append(cur)
            cur = []
            continue
        if sep == "tab":
            parts = line.split("\t")
            tok, tag = parts[0], parts[-1]
        else:
            parts = line.split()
            tok, tag = parts[0], parts[-1]
        if not tok.strip():
            if skip_bad:
                continue
            raise ValueError(f"{path}: empty token: {line!r}")
        cur.append((tok.strip(), tag))
    if cur:
        blocks.append(cur)
    return blocks


def conv_wikigold(a, m):
    docs, sents = [], []
    for block in read_blocks(f"{S}/wikigold/wikigold.conll.txt", "space"):
        # -DOCSTART- lines END each article; they sit in their own block (blank line around them)
        toks = [t for t in block if t[0] != "-DOCSTART-"]
        if toks:
            sents.append(toks)
        if any(t[0] == "-DOCSTART-" for t in block):
            docs.append(sents)
            sents = []
    if sents:
        docs.append(sents)
    out = []
    for di, d in enumerate(docs, 1):
        ss = []
        for s in d:
            words = [w for w, _ in s]
            spans = []
            for x, y, typ in spans_of([t for _, t in s]):
                if typ == "MISC":
                    typ = m.misc_or_norp(words[x:y])
                    m.stats["MISC->" + typ] += 1
                spans.append((x, y, typ))
            ss.append((words, spans))
        out.append((f"wikigold-{di}", ss))
    write_docs(out, a.out, m, "wikigold")


def conv_uner(path, prefix, a, m):
    docs, cur_doc, cur = [], None, []

    def end_sent():
        nonlocal cur
        if cur:
            if cur_doc is None:
                docs.append((f"{prefix}-1", []))
            docs[-1][1].append(cur)
        cur = []

    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip():
            end_sent()
            continue
        if line.startswith("#"):
            mm = re.match(r"# newdoc id\s*=\s*(.*)", line)
            if mm:
                end_sent()
                cur_doc = mm.group(1)
                docs.append((cur_doc, []))
            continue
        f = line.split("\t")
        if re.search(r"[-.]", f[0]):
            continue
        tag = f[2]
        if tag in ("B-O", "I-O"):  # 540 stray tags in the first-commit train file
            tag = "O"
            m.stats["stray B-O->O"] += 1
        cur.append((f[1], tag))
    end_sent()
    out = []
    for doc_id, sents in docs:
        ss = []
        for s in sents:
            words = [w for w, _ in s]
            spans = []
            for x, y, typ in spans_of([t for _, t in s]):
                if typ in ("OTH", "MISC"):
                    typ = m.misc_or_norp(words[x:y])
                    m.stats["OTH->" + typ] += 1
                spans.append((x, y, typ))
            if a.norp_sentences == "drop" and prefix == "pud" and has_norp_token(words, spans):
                m.stats["sentences dropped (demonym, no NORP annotation)"] += 1
                continue
            ss.append((words, spans))
        out.append((doc_id, ss))
    write_docs(out, a.out, m, prefix)


def has_norp_token(words, spans):
    inside = {k for x, y, _ in spans for k in range(x, y)}
    nw = norp_words()
    return any(w in nw and i not in inside for i, w in enumerate(words))


CROSS = {
    "person": "PER", "politician": "PER", "scientist": "PER", "writer": "PER", "musicalartist": "PER",
    "researcher": "PER",
    "organisation": "ORG", "politicalparty": "ORG", "university": "ORG", "band": "ORG", "magazine": "ORG",
    "academicjournal": "ORG",
    "country": "LOC", "location": "LOC",
    "misc": "MISC", "event": "MISC", "election": "MISC", "award": "MISC", "album": "MISC", "song": "MISC",
    "book": "MISC", "poem": "MISC", "product": "MISC", "programlang": "MISC", "conference": "MISC",
}
CROSS_OTHER = {"musicgenre", "literarygenre", "musicalinstrument", "discipline", "field", "task", "algorithm",
               "metrics", "theory", "chemicalcompound", "chemicalelement", "protein", "enzyme",
               "astronomicalobject"}


def conv_crossner(a, m):
    out = []
    for dom in ["politics", "science", "music", "literature", "ai"]:
        for split in ["train", "dev", "test"]:
            for si, s in enumerate(read_blocks(f"{S}/crossner/{dom}/{split}.txt", "tab")):
                words = [w for w, _ in s]
                spans, drop = [], False
                for x, y, typ in spans_of([t for _, t in s]):
                    if typ in CROSS:
                        c = CROSS[typ]
                        if c == "MISC":
                            c = m.misc_or_norp(words[x:y])
                            m.stats[f"{typ}->{c}"] += 1
                        spans.append((x, y, c))
                    elif typ in CROSS_OTHER:
                        # not a CoNLL name class: lower-case concepts ("rock", "machine learning")
                        # are rightly O; capitalised ones (Mars, "Hidden Markov model"?) would
                        # be MISC/LOC in CoNLL terms, so drop the sentence rather than call them O
                        if words[x][:1].isupper():
                            drop = True
                        m.stats[f"other {'cap: drop sentence' if words[x][:1].isupper() else 'lower: O'}"] += 1
                    else:
                        raise ValueError(f"crossner: unknown type {typ}")
                if drop:
                    m.stats["sentences dropped"] += 1
                    continue
                # no document boundaries in CrossNER: one sentence per document
                out.append((f"crossner-{dom}-{split}-{si + 1}", [(words, spans)]))
    write_docs(out, a.out, m, "crossner")


def conv_btc(a, m):
    out = []
    for sec in a.btc_sections:
        for si, s in enumerate(read_blocks(f"{S}/broad-twitter-corpus/{sec}.conll", "tab", skip_bad=True)):
            words = [w for w, _ in s]
            spans = spans_of([t for _, t in s])
            for _, _, t in spans:
                assert t in ("PER", "ORG", "LOC"), t
            if a.norp_sentences == "drop" and has_norp_token(words, spans):
                m.stats["tweets dropped (demonym, no NORP annotation)"] += 1
                continue
            out.append((f"btc-{sec}-{si + 1}", [(words, spans)]))  # one tweet per document
    write_docs(out, a.out, m, "btc-" + "".join(a.btc_sections))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("corpus", choices=["gmb", "wikigold", "uner-ewt-train", "crossner", "btc", "pud"])
    p.add_argument("out")
    p.add_argument("--scheme", choices=["misc", "nomisc", "pol"], default="misc")
    p.add_argument("--gmb-mode", choices=["trainer", "ours"], default="ours")
    p.add_argument("--gmb-fix-gpe", action="store_true")
    p.add_argument("--norp-sentences", choices=["keep", "drop"], default="keep")
    p.add_argument("--btc-sections", default="g", help="letters of the BTC sections, e.g. g or abefgh")
    a = p.parse_args()
    m = Mapper(a.scheme)
    if a.corpus == "gmb":
        conv_gmb(a, m)
    elif a.corpus == "wikigold":
        conv_wikigold(a, m)
    elif a.corpus == "uner-ewt-train":
        conv_uner(f"{S}/uner-english-ewt/en_ewt-ud-train.first-commit.iob2", "uner-ewt-train", a, m)
    elif a.corpus == "pud":
        conv_uner(f"{S}/uner-english-pud/en_pud-ud-test.iob2", "pud", a, m)
    elif a.corpus == "crossner":
        conv_crossner(a, m)
    elif a.corpus == "btc":
        conv_btc(a, m)


if __name__ == "__main__":
    main()
