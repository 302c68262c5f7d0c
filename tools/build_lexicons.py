#!/usr/bin/env python3
"""Build the corpus-derived lexicon files of extract/nlp/lexicon/.

Usage:
    python3 tools/build_lexicons.py [DATA_DIR] [OUT_DIR]

DATA_DIR defaults to ../shared/data (relative to the current directory) and
OUT_DIR to extract/nlp/lexicon.  Standard library only; the output is
deterministic (sorted, no timestamps).

Files written (see extract/nlp/lexicon/README.md for the formats):

  given_names.txt   first tokens of multi-token person names in the GMB
                    ner_dataset (>= 2 times), plus the hand-written
                    supplement tools/lexicon_src/given_names_supplement.txt,
                    plus the US SSA given names given to at least
                    SSA_MIN_COUNT babies (1880-2023) that are no common
                    English word, title word or place of the lexicon
  common_words.txt  lowercase English words that are not names, from
                    UD English EWT train and GMB, plus closed-class words
  verbs.tsv         verb forms of UD English EWT train, plus regular and
                    irregular inflections of the hand-written news verbs
                    in tools/lexicon_src/news_verbs.txt

Inputs read (never copied into the project):
  DATA_DIR/gmb-ner-kaggle/ner_dataset.csv        (ODbL 1.0)
  DATA_DIR/ud-english-ewt/en_ewt-ud-train.conllu (CC BY-SA 4.0)
  DATA_DIR/gazetteers/us-ssa-given-names/ssa_given_names_1880_2023.tsv
                                                 (US federal government work, public domain)
  OUT_DIR/titles.tsv                             (hand-written, this project)
"""

import collections
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "lexicon_src")

# ---------------------------------------------------------------- readers


def read_gmb(path):
    """Yield sentences as lists of (word, pos, tag) from the GMB csv."""
    sent = []
    with open(path, encoding="cp1252", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        if [h.strip() for h in header[:4]] != ["Sentence #", "Word", "POS", "Tag"]:
            raise SystemExit("unexpected GMB header: %r" % (header,))
        for row in reader:
            if len(row) < 4:
                continue
            sid, word, pos, tag = row[0], row[1], row[2], row[3].strip()
            if sid.strip() and sent:
                yield sent
                sent = []
            sent.append((word, pos, tag))
    if sent:
        yield sent


def read_conllu(path):
    """Yield sentences as lists of (form, lemma, upos, xpos) syntactic words.

    Multiword-token ranges (1-2) and empty nodes (8.1) are skipped."""
    sent = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if sent:
                    yield sent
                    sent = []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 10:
                continue
            if "-" in cols[0] or "." in cols[0]:
                continue
            sent.append((cols[1], cols[2], cols[3], cols[4]))
    if sent:
        yield sent


def read_lines(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                out.append(line)
    return out


def read_titles(path):
    """All title surfaces (from titles.tsv) and every word in them."""
    words = set()
    for line in read_lines(path):
        surface = line.split("\t")[0]
        for w in surface.replace("-", " ").split():
            words.add(w.lower().rstrip("."))
    return words


def write_lines(path, lines, header):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for h in header:
            f.write("# " + h + "\n" if h else "#\n")
        for line in lines:
            f.write(line + "\n")


GMB_NOTICE = ("Contains information from the Groningen Meaning Bank ner_dataset "
              "(Kaggle 'Annotated Corpus for Named Entity Recognition'), "
              "made available under the ODbL")
EWT_NOTICE = ("Derived from Universal Dependencies English Web Treebank (UD EWT) "
              "r2.16, CC BY-SA 4.0 (Silveira et al. 2014; UD EWT contributors)")

# ------------------------------------------------------------ given names

ALPHA_NAME = re.compile(r"^[A-Z][a-z]+(?:'[A-Z]?[a-z]+)?$")


def build_given_names(gmb_sents, title_words, supplement, exclude):
    first_counts = collections.Counter()   # first token of a multi-token person span
    other_counts = collections.Counter()   # last token of such a span, or a one-token span
    # how each word form is tagged anywhere in GMB, to drop words that are
    # mostly places/organisations (e.g. "Iraqi", "Gaza")
    tag_counts = collections.defaultdict(collections.Counter)
    for sent in gmb_sents:
        i = 0
        while i < len(sent):
            typ = sent[i][2][2:] if len(sent[i][2]) > 2 else sent[i][2]
            tag_counts[sent[i][0]][typ] += 1
            if sent[i][2] == "B-per":
                j = i + 1
                while j < len(sent) and sent[j][2] == "I-per":
                    tag_counts[sent[j][0]]["per"] += 1
                    j += 1
                if j - i >= 2:
                    first_counts[sent[i][0]] += 1
                    other_counts[sent[j - 1][0]] += 1
                else:
                    other_counts[sent[i][0]] += 1
                i = j
            else:
                i += 1
    derived = set()
    for w, n in first_counts.items():
        if n < 2 or not ALPHA_NAME.match(w):
            continue
        if w.lower() in title_words or w in exclude:
            continue
        tc = tag_counts[w]
        total = sum(tc.values())
        if tc["per"] * 2 <= total:  # a person-name token in most of its uses
            continue
        if other_counts[w] > 3 * n:  # mostly a surname ("Clinton", "Pinochet")
            continue
        derived.add(w)
    supp = set(supplement) - set(exclude)
    # how often each word opens / ends a GMB person name, to tell surnames in other lists
    usage = (first_counts, other_counts)
    return sorted(derived), sorted(supp - derived), sorted(derived | supp), usage


SSA_MIN_COUNT = int(os.environ.get("SSA_MIN_COUNT", "2000"))


def read_ssa_names(path, min_count):
    """Given names from the US SSA table (name, sex, total, ...), summed over sexes."""
    totals = collections.Counter()
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            fields = line.rstrip("\n").split("\t")
            totals[fields[0]] += int(fields[2])
    return sorted(n for n, c in totals.items() if c >= min_count and ALPHA_NAME.match(n))


def read_place_names(out):
    """Every name and alias of countries.tsv and places.tsv (a given name must not be one)."""
    names = set()
    for f in ("countries.tsv", "places.tsv"):
        with open(os.path.join(out, f), encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#") or not line.strip():
                    continue
                for field in line.rstrip("\n").split("\t"):
                    names.update(x for x in field.split("|") if x)
    return names


# ----------------------------------------------------------- common words

WORD_RE = re.compile(r"^[a-z][a-z'\-]*[a-z]$|^[a-z]$")
CLOSED_UPOS = {"PRON", "DET", "ADP", "CCONJ", "SCONJ", "AUX", "PART"}
# GMB (Penn) tags of closed classes, for the few forms EWT lacks
CLOSED_PTB = {"PRP", "PRP$", "DT", "PDT", "WDT", "WP", "WP$", "IN", "CC", "MD", "TO", "EX"}


def ly_adverb(adj):
    if adj.endswith("ic"):
        return adj + "ally"
    if re.search(r"[^aeiou]y$", adj):
        return adj[:-1] + "ily"
    if re.search(r"[^aeiou]le$", adj) or adj.endswith("ue"):
        return adj[:-1] + "y"
    if adj.endswith("ll"):
        return adj + "y"
    return adj + "ly"


def build_common_words(ewt_sents, gmb_sents):
    total = collections.Counter()           # all occurrences, lowercased key
    mid = collections.Counter()             # non-sentence-initial occurrences
    mid_lower = collections.Counter()       # ... written in lowercase
    ewt_n = collections.Counter()
    ewt_propn = collections.Counter()
    ewt_closed = collections.Counter()
    ewt_adj = collections.Counter()
    gmb_n = collections.Counter()
    gmb_o = collections.Counter()
    gmb_closed = collections.Counter()

    for sent in ewt_sents:
        for i, (form, _lemma, upos, _xpos) in enumerate(sent):
            key = form.lower()
            total[key] += 1
            ewt_n[key] += 1
            if upos == "PROPN":
                ewt_propn[key] += 1
            if upos in CLOSED_UPOS:
                ewt_closed[key] += 1
            if upos == "ADJ":
                ewt_adj[key] += 1
            if i > 0:
                mid[key] += 1
                if form == key:
                    mid_lower[key] += 1
    for sent in gmb_sents:
        for i, (w, pos, tag) in enumerate(sent):
            key = w.lower()
            total[key] += 1
            gmb_n[key] += 1
            if tag == "O":
                gmb_o[key] += 1
            if pos in CLOSED_PTB:
                gmb_closed[key] += 1
            if i > 0:
                mid[key] += 1
                if w == key:
                    mid_lower[key] += 1

    words = set()
    for key, n in total.items():
        if not WORD_RE.match(key):
            continue
        if n >= 3 and mid[key] > 0 and mid_lower[key] >= 0.7 * mid[key]:
            if ewt_n[key] and ewt_propn[key] * 2 >= ewt_n[key]:
                continue
            if gmb_n[key] and gmb_o[key] * 2 <= gmb_n[key]:
                continue
            words.add(key)
    # -ly adverbs of common adjectives ("crucial" -> "crucially"), which are
    # often sentence-initial but rare in the corpora
    for key in sorted(words):
        if len(key) >= 4 and ewt_adj[key] * 2 > ewt_n[key] and "-" not in key \
                and not key.endswith("ly"):
            words.add(ly_adverb(key))
    # closed-class words regardless of counts (majority tag closed-class)
    for key in set(ewt_closed) | set(gmb_closed):
        if not WORD_RE.match(key):
            continue
        if ewt_n[key] and ewt_closed[key] * 2 > ewt_n[key]:
            words.add(key)
        elif not ewt_n[key] and gmb_closed[key] * 2 > gmb_n[key]:
            words.add(key)
    return sorted(words)


# ------------------------------------------------------------------ verbs

VERB_TAGS = ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ")
VOWELS = set("aeiou")


def third_person(lemma):
    if re.search(r"(s|x|z|ch|sh|o)$", lemma):
        return lemma + "es"
    if re.search(r"[^aeiou]y$", lemma):
        return lemma[:-1] + "ies"
    return lemma + "s"


def ed_form(stem, double):
    if double:
        return stem + stem[-1] + "ed"
    if stem.endswith("e"):
        return stem + "d"
    if re.search(r"[^aeiou]y$", stem):
        return stem[:-1] + "ied"
    if stem.endswith("c"):  # panic -> panicked
        return stem + "ked"
    return stem + "ed"


def ing_form(stem, double):
    if double:
        return stem + stem[-1] + "ing"
    if stem.endswith("ie"):
        return stem[:-2] + "ying"
    if stem.endswith("e") and not re.search(r"(ee|oe|ye)$", stem):
        return stem[:-1] + "ing"
    if stem.endswith("c"):
        return stem + "king"
    return stem + "ing"


def inflect(spec):
    """Inflect one line of news_verbs.txt.

    Forms: 'lemma', 'lemma*' (double the final consonant: ban*), or
    'lemma:past:participle' for irregular verbs (lead:led:led),
    optionally with '|' separated spelling variants on one line
    (criticize|criticise).  Returns [(form, lemma, tag)]."""
    out = []
    variants = spec.split("|")
    main_lemma = variants[0].split(":")[0].rstrip("*")
    for variant in variants:
        parts = variant.split(":")
        word = parts[0]
        double = word.endswith("*")
        stem = word.rstrip("*")
        lemma = main_lemma
        out.append((stem, lemma, "VB"))
        out.append((third_person(stem), lemma, "VBZ"))
        out.append((ing_form(stem, double), lemma, "VBG"))
        if len(parts) >= 3:
            for p in parts[1].split("/"):
                out.append((p, lemma, "VBD"))
            for p in parts[2].split("/"):
                out.append((p, lemma, "VBN"))
        else:
            out.append((ed_form(stem, double), lemma, "VBD"))
    return out


def build_verbs(ewt_sents, gmb_sents, news_verbs):
    n_all = collections.Counter()
    n_verb = collections.Counter()
    lemmas = collections.defaultdict(collections.Counter)
    xpos = collections.defaultdict(collections.Counter)
    for sent in ewt_sents:
        for form, lemma, upos, xp in sent:
            key = form.lower()
            n_all[key] += 1
            if upos in ("VERB", "AUX") and xp in VERB_TAGS:
                n_verb[key] += 1
                lemmas[key][lemma.lower()] += 1
                xpos[key][xp] += 1
            elif upos in ("VERB", "AUX"):
                n_verb[key] += 1  # e.g. modal MD: counts as verbal, no row
    rows = {}
    for key, nv in n_verb.items():
        if not xpos[key] or nv * 2 < n_all[key]:
            continue
        if not re.match(r"^[a-z][a-z'\-]*$", key):
            continue
        lemma = max(sorted(lemmas[key]), key=lambda l: lemmas[key][l])
        tag = max(sorted(xpos[key]), key=lambda t: xpos[key][t])
        rows[key] = (lemma, tag, "ewt")
    ewt_count = len(rows)

    # how GMB (news) tags each form: verb vs. not, to keep out of the
    # supplement forms that are mostly nouns in news text ("talks", "attacks")
    g_all = collections.Counter()
    g_verb = collections.Counter()
    for sent in gmb_sents:
        for w, pos, _tag in sent:
            key = w.lower()
            g_all[key] += 1
            if pos in VERB_TAGS:
                g_verb[key] += 1

    # base forms, so that kgbuild's rule lemmatiser can analyse their regular
    # inflections ("imposed" -> impose): EWT verb lemmas, and GMB's VB-tagged
    # forms that GMB tags as verbs in most of their uses
    bases = set()
    for key in n_verb:
        for lemma in lemmas[key]:
            bases.add((lemma, "ewt"))
    g_base = collections.Counter()
    for sent in gmb_sents:
        for w, pos, _tag in sent:
            if pos == "VB":
                g_base[w.lower()] += 1
    for key, n in g_base.items():
        if n >= 2 and g_verb[key] * 2 >= g_all[key]:
            bases.add((key, "gmb"))
    base_added = 0
    for base, source in sorted(bases):
        if base in rows or not re.match(r"^[a-z][a-z\-]*$", base):
            continue
        if n_all[base] and n_verb[base] * 2 < n_all[base] and source == "gmb":
            continue
        rows[base] = (base, "VB", "base-" + source)
        base_added += 1

    added = 0
    for spec in news_verbs:
        for form, lemma, tag in inflect(spec):
            if form in rows:
                continue
            if n_all[form] and n_verb[form] * 2 < n_all[form]:
                continue  # EWT says mostly not a verb
            if g_all[form] >= 3 and g_verb[form] * 2 < g_all[form]:
                continue  # GMB news says mostly not a verb
            rows[form] = (lemma, tag, "supplement")
            added += 1
    return rows, ewt_count, added + base_added


# ------------------------------------------------------------------- main


def main(argv):
    data = argv[1] if len(argv) > 1 else os.path.join("..", "shared", "data")
    out = argv[2] if len(argv) > 2 else os.path.join("extract", "nlp", "lexicon")
    gmb_path = os.path.join(data, "gmb-ner-kaggle", "ner_dataset.csv")
    ewt_path = os.path.join(data, "ud-english-ewt", "en_ewt-ud-train.conllu")
    for p in (gmb_path, ewt_path, os.path.join(out, "titles.tsv")):
        if not os.path.exists(p):
            raise SystemExit("missing input: " + p)

    gmb = list(read_gmb(gmb_path))
    ewt = list(read_conllu(ewt_path))
    title_words = read_titles(os.path.join(out, "titles.tsv"))

    # given names
    supplement = read_lines(os.path.join(SRC, "given_names_supplement.txt"))
    exclude = set(read_lines(os.path.join(SRC, "given_names_exclude.txt")))
    derived, extra, _all, (gmb_first, gmb_last) = build_given_names(gmb, title_words, supplement, exclude)
    lines = ["# --- derived from GMB ner_dataset: first token of person spans of >= 2 tokens, >= 2 times;",
             "# capitalised, alphabetic, not a title word, tagged per in most of its uses, not mostly",
             "# a surname, not in tools/lexicon_src/given_names_exclude.txt"]
    lines += derived
    lines += ["# --- hand-written supplement (tools/lexicon_src/given_names_supplement.txt),"
              " names not already above"]
    lines += extra
    # the SSA names are added after the common words are known (below)
    given_lines = lines
    common = build_common_words(ewt, gmb)
    ssa_path = os.path.join(data, "gazetteers", "us-ssa-given-names", "ssa_given_names_1880_2023.tsv")
    if os.path.exists(ssa_path):
        known = set(_all)
        places = read_place_names(out)
        common_set = set(common)
        ssa = [n for n in read_ssa_names(ssa_path, SSA_MIN_COUNT)
               if n not in known and n.lower() not in common_set and n.lower() not in title_words
               and n not in places and n not in exclude
               and gmb_last[n] <= gmb_first[n]]  # "Smith", "Jackson": surnames in news
        given_lines += ["# --- US Social Security given names (public domain) given to >= %d babies 1880-2023,"
                        % SSA_MIN_COUNT, "# not a common word, title word, place of the lexicon or name above, and not ending GMB",
                        "# person names more often than it starts them (surnames such as Smith)"]
        given_lines += ssa
        print("given_names.txt: %d from the SSA list" % len(ssa))
    lines = given_lines
    write_lines(os.path.join(out, "given_names.txt"), lines, [
        "given_names.txt: given (first) names, one per line. Generated by",
        "tools/build_lexicons.py; do not edit by hand.",
        GMB_NOTICE + ".",
        "Each section is sorted; a name occurs once in the file.",
    ])

    # common words (built above)
    write_lines(os.path.join(out, "common_words.txt"), common, [
        "common_words.txt: lowercase English words that are not names. Generated by",
        "tools/build_lexicons.py from corpus counts (>= 3 uses, lowercase in >= 70% of non-initial",
        "uses, mostly not PROPN in EWT / mostly tag O in GMB), plus closed-class words and -ly",
        "adverbs formed from the common adjectives. Do not edit by hand.",
        EWT_NOTICE + ".",
        GMB_NOTICE + ".",
    ])

    # verbs
    news_verbs = read_lines(os.path.join(SRC, "news_verbs.txt"))
    rows, n_ewt, n_added = build_verbs(ewt, gmb, news_verbs)
    lines = ["# --- derived from UD EWT train"]
    lines += ["%s\t%s\t%s" % (f, rows[f][0], rows[f][1])
              for f in sorted(rows) if rows[f][2] == "ewt"]
    lines += ["# --- base forms: EWT verb lemmas and GMB VB-tagged forms (mostly verbs in GMB)"]
    lines += ["%s\t%s\t%s" % (f, rows[f][0], rows[f][1])
              for f in sorted(rows) if rows[f][2].startswith("base-")]
    lines += ["# --- supplement: inflections of tools/lexicon_src/news_verbs.txt (hand-written)"]
    lines += ["%s\t%s\t%s" % (f, rows[f][0], rows[f][1])
              for f in sorted(rows) if rows[f][2] == "supplement"]
    write_lines(os.path.join(out, "verbs.tsv"), lines, [
        "verbs.tsv: form<TAB>lemma<TAB>tag (Penn tag VB VBD VBG VBN VBP VBZ); one row per form.",
        "Generated by tools/build_lexicons.py; do not edit by hand.",
        "%d forms derived from UD EWT train (VERB/AUX in >= 50%% of uses; most frequent"
        % n_ewt,
        "lemma and XPOS); %d more are inflections of the hand-written news verb list"
        % n_added,
        "tools/lexicon_src/news_verbs.txt (supplement, written for this project), kept",
        "only where EWT and GMB do not show the form to be mostly a non-verb.",
        EWT_NOTICE + ".",
        "Base forms of EWT verb lemmas and of GMB's VB-tagged verbs are added for the",
        "rule lemmatiser in extract/nlp/lexicon.cpp.",
        GMB_NOTICE + ".",
    ])

    print("given_names.txt: %d derived + %d supplement" % (len(derived), len(extra)))
    print("common_words.txt: %d words" % len(common))
    print("verbs.tsv: %d forms (%d EWT, %d supplement)" % (len(rows), n_ewt, n_added))


if __name__ == "__main__":
    main(sys.argv)
