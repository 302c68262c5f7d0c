#pragma once
// Titles of works and named awards: mentions of films, books, songs, albums, plays,
// series, paintings and games (WORK_OF_ART) and of prizes (AWARD), found where the text
// itself marks them, added to the mentions find_mentions() made.
//
// Works: a span in double quotes (straight or curly) of 1 to 8 tokens whose first word is
// capitalised, that is not a quoted sentence (no . ! ? ; inside, no , : - at its end, no
// subject pronoun + auxiliary such as "it was") nor a quote of speech (a colon or a speech
// verb right before it, a speech verb just after it; a work noun before it outweighs
// both), and that the context marks as a work:
//  - a work noun right before it: "her feature film “Vela”", "the novel, “Vela”", "a song
//    titled “Vela”" (nouns that are also verbs, "play", "show", only after a determiner);
//  - a work noun after it: "“Vela”, the first film by", "“Vela”, her latest album";
//  - "by" and a person right after it: "“Vela” by Ana Ortiz", "“Vela” (Sail), by the
//    Chilean Ana Ortiz";
//  - "for" after a person, or after an award, in a sentence about a prize: "went to Ana
//    Ortiz for “Vela”" ("the award for “Best Actor”" names a category: no work);
//  - "performance in", "starring in", "starred in", "stars in": "for her performance in
//    “Vela”";
//  - the same quoted words accepted as a work elsewhere in the document.
// The name is the text inside the quotes.
//
// Awards:
//  - a capitalised phrase ending in Prize(s), Award(s), Medal, Trophy or Oscar(s): "Jury
//    Prize", with a possessive of a common noun inside ("Director's Prize") or "of (the)"
//    between capitals ("Artist of the Year Award"), and a complement of capitalised common
//    words after "in", "of" or "for" ("Medal of Freedom", "Award for Best Actor in a Leading
//    Role"; after "in" any capitalised word no name covers: "Nobel Prize in Physics"). Not
//    when more capitalised words follow ("Prize Committee") or it opens a compound
//    ("Prize-winning"); leading function words ("The") and a leading place name where two
//    words remain ("Cannes Jury Prize") are left out; a lone "Oscar" only after a
//    determiner, a possessive or "won", never inside a person's name;
//  - two or more capitalised words before a singular lower-case prize noun that ends the
//    phrase: "the Golden Camera prize" -> "Golden Camera" (not "the US Open prize money",
//    not an organisation's name: "the Film Critics Association award");
//  - a capitalised phrase in apposition to a prize ("The Grand Prix, the second most
//    prestigious prize at ...") or that "was awarded (...) to" a person or a quoted work
//    (not a competition: "the Winter Games were awarded to Oslo");
//  - every other occurrence of an award name of two or more words found so.
// A "Cup" is a competition, not an award; it is left to the other rules. A name the
// gazetteers know (a key), a place, a demonym, a date or an event never becomes an award.
//
// Requires: find_mentions() has run (mentions sorted as it leaves them); resolve_entities()
// has not. Ensures: each new mention replaces every mention whose name overlaps it (the
// rules' ORG "Nine Rooms" inside “Julie in Nine Rooms”, their PERSON "Grand Lantern
// Prize"), and a title region that reaches into it is dropped; a new mention has no key,
// country or title; the mentions stay sorted by (sentence, title start, first). A document
// with no quotes and no prize word (prize, award, awarded, medal, trophy, Oscar, any case)
// is left exactly as it was. Everything is general English: no list of titles, prizes or
// names. Thread safety: stateless; the lexicon is read-only.
#include "extract/nlp/lexicon.h"
#include "extract/text/document.h"

namespace kg::extract {

void find_works(Document& doc, const Lexicon& lexicon);

}  // namespace kg::extract
