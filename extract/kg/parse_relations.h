#pragma once
// Relation triples read off the dependency parse, added to those the rule finder made.
//
// Paths (UD relations, within one sentence):
//   active clauses     nsubj X + obj Y               -> X lemma Y         ("X criticised Y")
//                      nsubj X + obl Y (case p)      -> X lemma [obj-noun] p Y
//                                                       ("met with Y" -> meet, "held talks in Y",
//                                                        "imposed sanctions on Y")
//   passives           nsubj:pass Y + obl:agent X    -> X lemma Y         ("Y was led by X")
//   participles        Y acl(VBN) + obl:agent X      -> X lemma Y         ("the team led by X")
//   subjects shared    conj verbs take the subject of the verb they join; xcomp verbs that of
//                      their controller ("sought to reset relations with Y"; "urged Y to ...":
//                      the object controls); relative clauses the noun they modify
//   coordination       conj of a subject or an object adds each conjunct
//   inclusion          a common noun's "including / such as / like" names take its place
//                      ("acquired several firms, including Y" -> X acquire Y)
//   bodies             "Acme leaders", "officials of Acme" act for Acme ("Alliance leaders
//                      backed Y" -> Forum back Y)
//   copulas            X cop-noun N with nmod Y (case of/to/for), or nmod:poss Y
//                      -> X "N of" Y ("X is the spokesman of Y", "X is Y's ambassador";
//                      "X, which is a shareholder of Y": the name the clause hangs on)
//   appositions        X appos N with nmod Y or nmod:poss Y -> X "N of" Y
//   nominalisations    event noun N with nmod:poss X (or nmod "by" X) and nmod "of" Y
//                      -> X "N of" Y ("X's acquisition of Y", "the purchase of Y by X")
//   results            "X's win over Y", "X suffered a defeat to Y" -> the winner "beat" the
//                      other; a place on the result noun -> the winner "beat in/at" it
//   intents            noun N with nmod:poss X (or nmod "by" X) and acl "to" V with object Y
//                      -> X "N to V" Y ("X's bid to host Y", "the offer by X to buy Y")
// Pronoun subjects and objects (he, she, they, it) take the entity coreference.h resolves.
// Negated predicates (not, n't, never) and clauses under a denial give nothing; clausal
// verbs ("say", "deny") have no direct object, only prepositional ones ("said in Ankara").
// Dates are never an end of a triple.
//
// Requires: tokens carry Token::tag (UPOS), Token::xpos, Token::lemma, Token::head and
// Token::deprel (tagger and parser ran), and resolve_entities() has run.
// Ensures: appends triples between distinct entities, each with its sentence and the byte
// span of its evidence; never a triple equal (sentence, subject, relation, object) to one
// already in doc.triples. Sentences without a parse (heads all -1) give nothing.
// Verb lemmas come from the lexicon where it knows the form, so both finders spell them alike.
// Thread safety: works on one Document; the lexicon is read-only.
#include "extract/nlp/lexicon.h"
#include "extract/text/document.h"

namespace kg::extract {

void find_parse_relations(Document& doc, const Lexicon& lexicon);

}  // namespace kg::extract
