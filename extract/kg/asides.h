#pragma once
// The parts of a sentence the dependency parser reads around, and how they are hung on its
// parse afterwards. The shipped parser learnt from treebank text with few of them, and
// reading them loses the clause around them:
//  - a bracketed aside right after a name: "the Social Democrats (SPD), Greens and Free
//    Democrats (FDP) signed a deal" left "signed" with no subject;
//  - a dateline opening a news article's first paragraph: "BERGEN, Norway, Jan. 5 (Norvik
//    Times) -- The museum named ..." made "The museum" an apposition of the place.
// Both are found from tokens, tags and mentions (no parse); each function is linear in
// the sentence's tokens and mentions.
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "extract/text/document.h"

namespace kg::extract {

// A bracketed aside after a name. Tokens open and close are the brackets;
// [name_first, name_last) the name's mention.
struct Aside {
  std::uint32_t open = 0, close = 0;
  std::uint32_t name_first = 0, name_last = 0;
};

// The asides of one sentence: "(" right after a mention, one to four tokens with no verb
// (tags set), ")". In text order.
std::vector<Aside> name_asides(const Document& doc, const Sentence& sentence);

// Hangs an aside on its parsed name: the aside's last word an apposition of the name's
// head, its other words and the brackets under that word.
void attach_aside(Document& doc, const Aside& aside);

// A dateline: a place's mention opening the sentence at the start of a line, then only
// capitalised words, numbers, commas, full stops and brackets (a date, a country, an
// agency) up to a dash or a colon within a few tokens, with the sentence going on after
// it. `place` indexes Document::mentions; `end` is the dash or colon.
struct Dateline {
  std::uint32_t place = 0;
  std::uint32_t end = 0;
};

std::optional<Dateline> find_dateline(const Document& doc, const Sentence& sentence);

// Hangs a dateline on the parse of the rest of the sentence (`rest`: its tokens, parsed):
// the place's head a "dep" of the rest's root, the place's other words as they are, every
// other word of the dateline under the place's head ("punct" for punctuation, else "dep").
void attach_dateline(Document& doc, std::span<const std::uint32_t> rest, const Dateline& dateline);

// A name of several words all tagged as proper nouns ("Asghar Farhadi", "Halden Football
// Federation"): the parser reads only its last word, which stands for the whole name, so
// long or foreign names do not split the clause around them ("Iranian filmmaker Asghar
// Farhadi for ..." made "Asghar" a subject). [first, last) are the name's tokens. Names
// with other words ("Museum of Fine Arts") are read whole: their inner structure matters.
struct NameSpan {
  std::uint32_t first = 0, last = 0;
};

// The names of one sentence read as one word, in text order, not overlapping.
std::vector<NameSpan> names_read_as_one(const Document& doc, const Sentence& sentence);

// Hangs a name's other words on its last word as compounds.
void attach_name(Document& doc, const NameSpan& name);

}  // namespace kg::extract
