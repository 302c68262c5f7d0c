#pragma once
// The places-and-dates frame: where events happen and things are, and when things happen.
//
// Events and meetings (read off the parse):
//   VERB at/in N in PLACE        "X spoke at a conference in Lima"        -> X "speak in" Lima
//   VERB meeting-noun in PLACE   "X and Y ended their talks in Lima"      -> X, Y "meet in" Lima
//   meeting-noun between X and Y ... in/at PLACE, "X's meeting with Y in PLACE"
//                                "Talks between X and Y took place in Lima" -> X, Y "meet in" Lima
//                                ("A meeting took place between X and Y at ...": the parties hung on
//                                the verb or on "place" count too)
//   EVENT held/take place in PLACE, EVENT in PLACE                    -> EVENT "held in" PLACE
//   VERB here, under a dateline "LIMA, May 5 (Agency) --"  "X beat Y here" -> X "beat in" Lima
//                                (the latest dateline before the sentence, label "beat here")
// Dates (read off the parse): a date mention that is an oblique of a predicate with on, in,
// since or until gives each subject (and a passive's agent) an edge named by the preposition,
// labelled with the predicate ("X returned on May 5" -> X "on" May 5, label "return on"); a
// date modifying a named event or organisation gives it the same edge.
// Places (read off the token sequence, with the parse where it is there):
//   PLACE in PLACE2        "a mine in Kolwezi city in Lualaba province" -> Kolwezi "located in" Lualaba
//   PLACE, PLACE2          "in Kolwezi, Congo"      (an address, not a list)  -> "located in"
//   PLACE (PLACE2)         "Kolwezi (Congo)"                                   -> "located in"
//   ORG in PLACE           "Acme in Lyon said"       (the parse hangs "in" on the name) -> "based in"
//   PLACE-based ORG        "Lyon-based Acme"; "PLACE-headquartered"  -> "based in" / "headquartered in"
//   ORG, based in PLACE    "Acme, headquartered in Lyon", "Acme, which is based in Lyon"
//   PLACE's ORG            "Lyon's Acme"             -> Acme "based in" Lyon (a facility: "located in")
//   ORG's SITE             "Acme's Kalvik plant"     -> Acme "own" Kalvik plant (mine, plant, ...)
//   PLACE noun ORG         "French carmaker Acme"    -> Acme "based in" France, label "carmaker of"
//   ORG club ORG2          "Bundesliga club Halden"  -> Halden "member of" the league (club, side,
//                          team, squad); "Acme group company Beta" -> "part of" (company, subsidiary,
//                          unit, arm, division, affiliate, brand)
// A country is never located in another country; an address pair whose gazetteer states
// disagree gives nothing. Negated or denied clauses give nothing.
//
// Requires: resolve_entities() has run; the parse where the frame reads it (sentences
// without one give only the token-sequence edges). Ensures: appends triples (each with its
// sentence and evidence span), never one equal to a triple already there.
// Thread safety: works on one Document; the lexicon is read-only.
#include "extract/nlp/lexicon.h"
#include "extract/text/document.h"

namespace kg::extract {

void find_places_and_dates(Document& doc, const Lexicon& lexicon);

}  // namespace kg::extract
