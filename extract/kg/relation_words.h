#pragma once
// Closed word lists shared by the relation finders (relations.cpp on the token sequence,
// parse_relations.cpp on the parse), coreference and the pipeline. Header-only: each test
// is a scan of a short list.
#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <string_view>

namespace kg::extract {

inline bool in(std::string_view w, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

inline bool is_negation(std::string_view lower) { return in(lower, {"not", "n't", "never", "no", "neither", "nor"}); }

// Verbs whose complement is a clause ("said that ...", "warned France would ..."); their
// objects count only through a preposition ("said in Ankara", "spoke at the summit").
inline bool is_clausal_verb(std::string_view lemma) {
  return in(lemma, {"say", "add", "note", "state", "claim", "insist", "believe", "think", "argue", "suggest",
                    "announce", "report", "confirm", "deny", "stress", "explain", "write", "acknowledge"});
}

// Verbs of giving: in the passive ("was awarded to X") their subject is the thing given.
inline bool is_giving_verb(std::string_view lemma) {
  return in(lemma, {"award", "give", "grant", "present", "hand", "confer", "bestow"});
}

// Nouns naming a match result from the winner's side ("a 2-1 win over Y") or the loser's
// ("a loss to Y").
inline bool is_win_noun(std::string_view lower) { return in(lower, {"win", "victory", "triumph"}); }
inline bool is_loss_noun(std::string_view lower) { return in(lower, {"loss", "defeat"}); }
// What two parties sign, form or reach together ("signed a deal", "formed an alliance").
inline bool is_accord_noun(std::string_view lower) {
  return in(lower, {"deal", "deals", "agreement", "agreements", "accord", "accords", "pact", "pacts", "treaty",
                    "treaties", "memorandum", "mou", "contract", "alliance", "partnership", "coalition"});
}
inline bool is_meeting_noun(std::string_view lower) {
  return in(lower, {"talks", "meeting", "meetings", "summit", "negotiations", "consultations", "conversation",
                    "discussions", "call", "contacts"});
}

// Nouns for the people who act for a body, in the plural ("Alliance leaders", "officials of
// Acme"; a single representative speaks for it, reporting.h), by lemma.
inline bool acts_for_body(std::string_view lemma) {
  return in(lemma, {"leader", "member", "official", "minister", "lawmaker", "legislator", "executive",
                    "representative", "delegate", "delegation", "authority"});
}

// Common nouns for an organised body of people ("the national team", "the ruling party").
inline bool is_body_noun(std::string_view lower) {
  return in(lower, {"team", "club", "side", "squad", "party", "company", "firm", "group", "band", "union",
                    "federation", "association", "league", "bank", "agency", "council", "government", "ministry",
                    "university", "newspaper", "broadcaster", "organisation", "organization", "movement"});
}

// A body noun that, bare, stands for one organisation the article names ("the company",
// "team manager"): not the government of a state, a league or a movement.
inline bool names_one_organisation(std::string_view lower) {
  return is_body_noun(lower) && !in(lower, {"government", "league", "movement"});
}

// Words for a site a company runs, lower case, after the site's name: "Acme's Kalvik mine"
// (the mention finder names the facility, the places frame gives its owner).
inline bool is_site_noun(std::string_view lower) {
  return in(lower, {"mine", "plant", "factory", "refinery", "smelter", "mill", "works", "shipyard", "oilfield"});
}

// Pronouns that open a relative clause ("X, which is ...").
inline bool is_relative_pronoun(std::string_view lower) { return in(lower, {"who", "which", "that", "whom"}); }

// Verbs whose "in X" names where the event happened.
inline bool is_event_verb(std::string_view lemma) {
  return in(lemma, {"meet", "hold", "convene", "talk", "gather", "negotiate", "say", "speak", "sign", "arrive",
                    "discuss", "agree", "visit", "attend", "host"});
}

// Personal pronouns that can stand for a named entity (subject, object and possessive
// forms), in any capitalisation of the first letter ("He", "he").
inline bool is_personal_pronoun(std::string_view word) {
  if (word.empty() || word.size() > 5) return false;
  char lower[5];
  for (std::size_t i = 0; i < word.size(); ++i)
    lower[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(word[i])));
  return in(std::string_view(lower, word.size()),
            {"he", "him", "his", "she", "her", "it", "its", "they", "them", "their"});
}

}  // namespace kg::extract
