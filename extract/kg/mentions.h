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
// document become mentions of that person. A bracketed abbreviation of the common words
// before it ("vice-chancellor (VC)") names no one. A "person" ending in a word for a
// building, an institution or a division of a country ("Halvard House", "Halden
// University", "Kalvik District") is that, unless a title or a given name says otherwise.
// A name the article has as a mention inside a sentence is the same name where it is
// written again with no mention on it (a sentence's first word included). A name between
// an organisation's possessive and a word for a site ("Acme's Kalvik plant") is the site,
// a facility ("Kalvik plant").
// Thread safety: const; the lexicon is read-only.
#include <span>

#include "extract/nlp/lexicon.h"
#include "extract/nlp/ner.h"
#include "extract/text/document.h"

namespace kg::extract {

// `recognised`: the names a NamedEntityRecognizer found (empty for the rules alone). Their
// full person names teach surnames too; a recognised span that touches no rule mention
// becomes a mention of its type (PERSON, ORG, GPE, LOC; others are ignored), keyed like the
// rules' mentions when the gazetteers know the name. Where the two overlap the rules win:
// they know titles, roles and identities (and on CoNLL-2003 their capitalisation-guessed
// types were more often right than the shipped recogniser's).
void find_mentions(Document& doc, const Lexicon& lexicon, std::span<const NerSpan> recognised = {});

// Finds date expressions starting at token i of the sentence ending at `end`; returns the
// number of tokens matched, 0 if none. "18 February", "Feb. 18", "February 27, 2025",
// "March 2022", "2019".
std::uint32_t match_date(const Document& doc, std::uint32_t i, std::uint32_t end);

}  // namespace kg::extract
