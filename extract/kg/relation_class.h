#pragma once
// The class of a relation (RelationClass, extract/text/document.h) from its normalised
// relation and the types of its two ends: the kind a Gephi or Neo4j user filters by, beside
// the open relation label ("hold talks with" is a meet, "foreign minister of" a role).
//
// Rules, first match wins; `relation` (Triple::relation) is read as words separated by spaces,
// ASCII letters lower-cased, a leading copula ("be based in") dropped:
//   date       an end is a DATE entity ("on", "sign on", "become chairman in" 2007)
//   held_in    the object is a place (GPE, LOC) and the relation ends in "in" or "at" after
//              an event verb ("meet in", "held in", "speak in", "hold talks in", "play at"),
//              or the subject is an EVENT ("summit located in")
//   quote      "quote", "cite"
//   meet       "meet", "meet with", "talk with", "speak with", "negotiate with", "call",
//              "phone", "discuss with", a meeting noun with "with" or after "hold"/"have"
//              ("hold talks with", "hold meeting with", "hold talks"), "contact" and "reach
//              out to" a person, organisation, state or group, and "discuss" between two
//              of one kind (a person "discussing" a state discusses a topic)
//   said       a speech verb ("say", "tell", "say about", "comment on", "speak for",
//              "announce", "report", "praise"), "according to"
//   lead       "lead", "head", "chair", "co-chair", "preside over", "command"
//   member     "member of", and to an ORG or NORP "join", "belong to", "play for", "play in",
//              "sit on", "serve on"; a member noun with "of"/"for"/"at"/"to" ("player of",
//              "official of")
//   part_of    a part noun with "of" ("part of", "subsidiary of", "division of", "unit of",
//              "branch of"), and "belong to" from an ORG; located_in instead when both ends
//              are places ("part of" Russia); an ORG that is an institution of the object
//              ("government of", "parliament of"); an AWARD "of"/"at" an event or body
//   located_in "located in", "based in", "headquartered in", "situated in", "be in", "in",
//              "located west of"; after role, a place noun with "in"/"of" between places
//              ("city in", "capital of")
//   role       "<noun phrase> of|at|for|to" whose head is a person-role noun: a title of the
//              lexicon ("foreign minister", "director-general", "chairman"), a hyphen part
//              that is one, a few irregular role nouns ("coach", "boss", "ceo"), or a noun with a
//              person suffix (-man, -woman, -person, -er, -or, -ist, -ent, -ant, -ian, -eer,
//              -ee) that is not a listed verb ("enter") or a common thing noun ("center",
//              "government"): "spokesperson of", "analyst at", "coach of"
//   other      everything else
// Requires: nothing (any bytes: what matches no rule is "other").
// Ensures: deterministic, a function of its arguments and the lexicon only.
// Costs: each thread remembers the classes it found (a few thousand wordings, per lexicon),
// so a wording classified again costs one hash lookup.
// Thread safety: pure functions; the lexicon is immutable.
#include <string_view>

#include "extract/text/document.h"

namespace kg::extract {

class Lexicon;

RelationClass classify_relation(std::string_view relation, EntityType subject, EntityType object,
                                const Lexicon& lexicon);
// The same with Lexicon::builtin(): for readers of records written without a class.
RelationClass classify_relation(std::string_view relation, EntityType subject, EntityType object);

// Gives every triple of `doc` without a relation_class the class classify_relation() finds
// from its relation and its entities' types; a class a relation finder set stays.
// Requires: triple subject/object index doc.entities (std::out_of_range otherwise).
void classify_relations(Document& doc, const Lexicon& lexicon);

}  // namespace kg::extract
