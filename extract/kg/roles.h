#pragma once
// The roles frame: a person's role in an organisation or a place, read around the person's
// name with no fixed list of titles. A role phrase is a run of lower-case nouns and
// adjectives (capitalised ones where the lexicon or the mention finder calls them a title),
// with coordination ("chairman, president and chief executive officer") and inner "of"
// ("dean of academic affairs"), ending in a noun.
//
//   premodifier    HOLDER ['s] ROLE NAME        "Acme chairman Jo Park", "Acme's head coach Jo Park"
//                                               -> NAME "chairman of" HOLDER; a nationality with an
//                                               occupation ("Danish economist Jo Park") -> "from",
//                                               with an office ("Danish foreign minister") -> "foreign minister of"
//   apposition     NAME, [det] ROLE PREP HOLDER  "Jo Park, an analyst at Acme" -> "analyst at"
//                  NAME, [det] HOLDER['s] ROLE   "Jo Park, Acme's chief economist,"
//                  NAME, ROLE PREP description, [the] HOLDER  "Jo Park, coach of the country's
//                                               national team, the Falcons" (a body noun ending the
//                                               description makes a holder read as a person an organisation)
//                  [det] ROLE PREP HOLDER, NAME  "the chairman of Acme, Jo Park"
//                  HOLDER['s] ROLE, NAME         "Acme chief economist, Jo Park"
//   copula         NAME (is | was | became | was named | serves as ...) [det] ROLE PREP HOLDER,
//                  or [det] HOLDER['s] ROLE     "Jo Park is the chief executive of Acme"
//   membership     NAME of [the] ORG; NAME (ORG); ORG's NAME           -> NAME "member of" ORG
//   titles only    ROLE, [courtesy] NAME in a list, a capitalised lexicon title with no holder
//                  ("Chief of Staff, Jo Park, Presidential Adviser, Mrs Ann Lee");
//                  NAME[, who] (became | was named | is due to be elected ...) [the] ROLE (no holder);
//                  NAME, a ROLE[,] will serve as the X's ROLE; VERB NAME as ROLE ("replaced Jo Park
//                  as chairman"); (named | appointed ...) NAME ROLE ("named Jo Park interim chairman").
// A courtesy title between a role and the name is the name's ("former speaker Ms Jo Park"); an
// inner "of" before a whole role ends the phrase ("the impeachment of former speaker").
// PREP is the preposition the text has (of, at, for, in, with, to); a premodifier's is "of".
// The relation is the first role with its modifiers and PREP ("chairman of"), the label the
// whole phrase ("chairman and chief executive officer of"). Every role phrase next to a
// person's name (with a holder or without: "striker Jo Park", "Jo Park, an ambulance
// driver") becomes one of the person's titles, as do its conjuncts.
// Relational nouns whose other end is a person (counterpart, predecessor, wife, ...) give a
// title and no edge, except a counterpart from a state, who holds the office of the person
// with a role before it ("President Jo Park met his Danish counterpart Lars Berg" -> Lars
// Berg "president of" Denmark). A negation between the name and the role gives nothing.
//
// Requires: resolve_entities() has run; tags (Token::tag) are used where the parser ran and
// the lexicon otherwise. Ensures: appends role and membership triples (each with its
// sentence and evidence span), never one equal to a triple already there; adds titles to
// person entities.
// Thread safety: works on one Document; the lexicon is read-only.
#include "extract/nlp/lexicon.h"
#include "extract/text/document.h"

namespace kg::extract {

void find_roles(Document& doc, const Lexicon& lexicon);

// The office of a state, held by a person no triple ties to any state ("Foreign Minister Jo
// Park met ...", the state never named beside the name), is an office of the state the
// article is about: the one state it names at least three times and at least twice as
// often as any other. The evidence is the first sentence that gives the person the title.
// Offices: president (and vice, acting, interim, -elect), prime minister, chancellor,
// premier, monarchs, and ministers of every kind. Run after every other frame, so that
// what they tie is known.
// Requires: the other frames have run. Ensures: appends "OFFICE of" triples only.
void find_office_states(Document& doc, const Lexicon& lexicon);

}  // namespace kg::extract
