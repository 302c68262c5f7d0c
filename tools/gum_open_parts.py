#!/usr/bin/env python3
"""Writes the documents of a UD English GUM CoNLL-U file whose texts are openly licensed.

GUM as a whole is CC BY-NC-SA 4.0, but its LICENSE.txt says the Wikinews texts (news,
interviews, bios), Wikivoyage, OpenStax textbooks and YouTube CC vlogs are CC BY, the
political speeches public domain and the Santa Barbara conversations CC BY; wikiHow and
fiction are non-commercial. The genre is the second part of each `# newdoc id = GUM_genre_x`.

  tools/gum_open_parts.py GUM.conllu [GENRE ...] > OUT.conllu
Default genres: the written open ones (news interview bio voyage textbook speech).
"""
import sys

OPEN_GENRES = {"news", "interview", "bio", "voyage", "textbook", "speech", "vlog", "conversation"}
DEFAULT = ["news", "interview", "bio", "voyage", "textbook", "speech"]


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    wanted = set(argv[2:] or DEFAULT)
    closed = wanted - OPEN_GENRES
    if closed:
        sys.exit(f"{argv[1]}: genre(s) {sorted(closed)} are not openly licensed or unknown")
    keep = False
    docs = sentences = 0
    with open(argv[1], encoding="utf-8") as conllu:
        for line in conllu:
            if line.startswith("# newdoc id = "):
                parts = line.split("=", 1)[1].strip().split("_")
                keep = len(parts) > 1 and parts[0] == "GUM" and parts[1] in wanted
                docs += keep
            if keep:
                sys.stdout.write(line)
                sentences += keep and line.startswith("# sent_id")
    print(f"{argv[1]}: {docs} document(s), {sentences} sentence(s) of {sorted(wanted)}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
