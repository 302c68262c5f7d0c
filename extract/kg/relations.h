#pragma once
// Rule-based relation triples between the entities of one document.
//
// Patterns (all within one sentence): roles from pre-nominal titles ("Kremlin spokesman
// Dmitry Peskov" -> spokesman of Kremlin), appositions ("X, head of Y") and possessives
// ("Trump's predecessor, Joe Biden"); subject-verb-object with coordinated subjects,
// relative clauses, coordinated verbs and verb chains ("sought to reset relations with");
// passives with a by-agent ("is led by"); reciprocal verbs between coordinated subjects
// ("Lavrov and Rubio met" -> meet); meeting places ("met in Riyadh"), visits ("a visit to
// Qatar"), facilities and events located in a place, "City, Country"; event nouns
// ("talks between X and Y", "X's call with Y"). Negated statements give no relation.
// Pronoun subjects he/she resolve to the nearest preceding person.
// Requires: resolve_entities() has run. Ensures: doc.triples between distinct entities,
// each with its sentence and the byte span of its evidence; no duplicate triple per sentence.
#include "extract/nlp/lexicon.h"
#include "extract/text/document.h"

namespace kg::extract {

void find_relations(Document& doc, const Lexicon& lexicon);

}  // namespace kg::extract
