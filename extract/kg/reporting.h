#pragma once
// The reporting frame: who told whom, and who speaks for whom, read off the parse.
//
// Addressees (relation "tell", label the predicate as the text has it; class said):
//   VERB obj|iobj Y        "X told Y", "X informed Y", "X briefed Y" -> X "tell" Y
//                          (tell, inform, brief, notify, assure, remind)
//   Y was VERB by X        "Y was told by X"                         -> X "tell" Y
//   VERB obl "to" Y        "X said to Y", "X explained to Y"         -> X "tell" Y
//                          (say, explain, announce, declare, confide, complain)
//   VERB in N "to" Y       "X said in a statement to Y"              -> X "tell" Y
//                          (N: statement, remarks, comments, message)
//   Subjects are those ParseView::subjects_of gives (pronouns resolved, inherited along
//   conj, xcomp and relative clauses). Other obliques ("told reporters in Lima") are the
//   places frame's and give nothing here.
// Speakers for a body (relation "spokesperson of", label the noun and its preposition;
// relation_class gives it role, like the roles frame's "spokesman of"):
//   apposition     "a spokesman for Y, X, said", "X, a spokeswoman for Y, said"
//   premodifier    "Y spokesperson X said", "Y's press secretary X"
//   copula         "X is a representative of Y", "X, who is Y's spokesman"
//   present tense  "X, who speaks for Y", "X speaks for Y"            (speak, "for")
//   The spokes-nouns are recognised by their form, not by a list of people: a noun whose
//   lower form begins with "spokes" (spokesman, spokeswomen, spokespeople ...), a lower-case
//   "representative(s)" with no modifier naming a kind ("sales", "permanent"), and
//   "secretary" after "press". Y is the noun's "for"/"of"/"at"/"to" phrase, its possessive,
//   or the name right before it (a few modifiers such as "chief" or "deputy" may stand
//   between; a nationality is no holder). A former or ex-spokesman gives nothing.
// Datelines (relation "report from"): the organisation named in the dateline that opens an
// article (asides.h find_dateline) reports from its place: "BERGEN, Norway, Jan. 5 (Norvik
// Times) --", "Bergen, Jan. 5, NT -" -> Norvik Times / NT "report from" Bergen. One an article.
// "according to X" gives no triple between X and the clause's subject: it is attribution,
// not a relation. Where X is a spokes-noun of Y ("according to Y spokesman X"), the
// premodifier or apposition rule above gives X "spokesperson of" Y and nothing more.
// Guards: a negated clause or noun ("X did not tell Y", "X is not a spokesman for Y"), one
// under a denial (ParseView::negated, ParseView::under_denial), one under "refuse",
// "decline" or "fail", a conditional ("if X told Y") or one with would/could/might/may/
// should gives nothing. Ends are named entities (person, organisation, state, nationality
// group), never dates; the speaker of "spokesperson of" is a person.
//
// Requires: resolve_entities() has run; Token::tag, xpos, lemma, head and deprel where the
// parser ran (sentences without a parse give nothing).
// Ensures: appends triples between distinct entities, each with its sentence and the
// evidence span from the first to the last of its two ends and its predicate word; never a
// triple equal (sentence, subject, relation, object) to one already in doc.triples. Sets no
// relation class (classify_relations() gives it).
// Thread safety: works on one Document; the lexicon is read-only.
#include "extract/nlp/lexicon.h"
#include "extract/text/document.h"

namespace kg::extract {

void find_reporting(Document& doc, const Lexicon& lexicon);

}  // namespace kg::extract
