#pragma once
// Rule-based entity mention finder: tokens -> Document::mentions.
//
// What it does: finds names from capitalisation, the lexicon's gazetteers (countries,
// capitals, demonyms, places, organisations), title and role words (kept as the
// mention's title, never part of the name), organisation head words ("... Ministry"),
// group nouns ("the US team"), given names, bylines and a date grammar.
// Requires: doc.tokens and doc.sentences filled by tokenize(). Ensures: doc.mentions in
// text order; each mention is a half-open token range inside one sentence, typed, with
// its title region, role, resolution key and country where the lexicon knows them.
// Single capitalised words that match the surname of a person named elsewhere in the
// document become mentions of that person.
// Thread safety: const; the lexicon is read-only.
#include "extract/document.h"
#include "extract/lexicon.h"

namespace kg::extract {

void find_mentions(Document& doc, const Lexicon& lexicon);

// Finds date expressions starting at token i of the sentence ending at `end`; returns the
// number of tokens matched, 0 if none. "18 February", "Feb. 18", "February 27, 2025",
// "March 2022", "2019".
std::uint32_t match_date(const Document& doc, std::uint32_t i, std::uint32_t end);

}  // namespace kg::extract
