#include "extract/kg/relation_class.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

#include "extract/kg/relation_words.h"
#include "extract/nlp/lexicon.h"

namespace kg::extract {
namespace {

using Words = std::vector<std::string_view>;

Words split(std::string_view s) {
  Words words;
  for (std::size_t pos = 0; pos < s.size();) {
    const std::size_t end = std::min(s.find(' ', pos), s.size());
    if (end > pos) words.push_back(s.substr(pos, end - pos));
    pos = end + 1;
  }
  return words;
}

// classify_relation() without the memo; `subject` and `object` are no dates.
RelationClass classify(std::string_view relation, EntityType subject, EntityType object, const Lexicon& lexicon);

bool is_place(EntityType t) { return t == EntityType::Gpe || t == EntityType::Loc; }
bool ends_with(std::string_view w, std::string_view suffix) {
  return w.size() >= suffix.size() && w.substr(w.size() - suffix.size()) == suffix;
}

// Verbs whose "in X" / "at X" names where something happened (beyond is_event_verb).
bool is_happening_verb(std::string_view w) {
  return is_event_verb(w) || in(w, {"held", "play", "win", "beat", "lose", "draw", "compete", "take", "perform",
                                    "celebrate", "open", "launch", "address", "stage", "organise", "organize",
                                    "conduct", "vote", "rally", "protest", "tour", "greet", "receive", "welcome"});
}

bool is_speech_verb(std::string_view w) {
  return in(w, {"say", "said", "tell", "told", "announce", "comment", "speak", "report", "mention",
                "describe", "claim", "confirm", "testify", "praise", "thank", "congratulate", "criticise",
                "criticize", "inform", "brief", "according"});
}

bool is_member_noun(std::string_view w) {
  return in(w, {"member", "members", "player", "defender", "midfielder", "striker", "forward", "goalkeeper",
                "winger", "official", "politician", "activist", "supporter", "fan"});
}

bool is_part_noun(std::string_view w) {
  return in(w, {"part", "subsidiary", "division", "unit", "branch", "arm", "affiliate", "wing", "department",
                "ministry", "agency", "office", "committee", "organ", "body", "component", "section",
                "subdivision", "chapter", "bureau", "directorate", "subsidiaries", "units", "divisions"});
}

// The institutions of a state or organisation: part of it ("parliament of" Ghana).
bool is_institution_noun(std::string_view w) {
  return in(w, {"government", "parliament", "presidency", "commission", "council", "cabinet", "media", "team",
                "army", "navy", "police", "senate", "congress", "legislature", "court", "administration"});
}

bool is_place_noun(std::string_view w) {
  return in(w, {"city", "town", "village", "capital", "province", "region", "district", "state", "county",
                "suburb", "neighbourhood", "neighborhood", "area", "port", "island", "municipality", "ward",
                "territory", "republic", "enclave", "oblast"});
}

// Role nouns without a productive person suffix that the title lexicon does not list.
bool is_irregular_role_noun(std::string_view w) {
  return in(w, {"coach", "boss", "chief", "head", "chair", "aide", "envoy", "captain", "clerk", "judge", "deputy",
                "ceo", "cfo", "coo", "cto", "md", "mp", "mep", "mca",
                "expert", "pundit", "chef", "pilot", "nurse", "doctor"});
}

// Nouns with a person suffix that name a thing, or a relation between people rather than a
// role in an organisation ("predecessor of").
bool is_not_role_noun(std::string_view w) {
  return in(w, {"center", "border", "order", "number", "matter", "water", "quarter", "corner", "letter", "paper",
                "power", "chapter", "sector", "factor", "floor", "door", "error", "mirror", "event", "percent",
                "parent", "content", "patent", "talent", "accident", "incident", "continent", "plant",
                "restaurant", "grant", "winter", "summer", "cancer", "computer", "theater", "register", "dinner",
                "answer", "offer", "filter", "monster", "disaster", "shelter", "poster", "cluster", "container",
                "trailer", "career", "degree", "fee", "coffee", "tree", "decree", "guarantee", "jubilee", "other",
                "another", "mother", "father", "brother", "sister", "daughter", "grandmother", "grandfather",
                "predecessor", "successor", "ancestor", "descendant", "neighbour", "neighbor", "opponent",
                "counterpart", "rival", "partner", "owner", "winner", "runner", "after", "over", "under",
                "never", "ever", "either", "neither", "together", "whether", "rather", "later", "elder",
                "member", "minor", "major", "senior", "junior", "interior", "exterior", "superior", "inferior",
                "favor", "favour", "honor", "honour", "labor", "labour", "color", "colour", "behavior",
                "behaviour", "motor", "ancient", "recent", "urgent", "current",
                "different", "independent", "present", "absent", "silent", "frequent", "violent", "important",
                "significant", "relevant", "pregnant", "elegant", "vacant", "distant", "constant", "instant",
                "giant", "want", "ant", "christian", "asian", "indian", "ian"});
}

bool has_person_suffix(std::string_view w) {
  if (w.size() < 4 || ends_with(w, "ment")) return false;
  for (std::string_view suffix : {"man", "woman", "person", "er", "or", "ist", "ent", "ant", "ian", "eer", "ee"})
    if (ends_with(w, suffix)) return true;
  return false;
}

// Whether `words` (the noun phrase before "of"/"at"/"for") ends in a person-role noun.
bool is_role_phrase(const Words& words, const Lexicon& lexicon) {
  if (words.empty()) return false;
  // The phrase or its shorter tails as a title: "foreign minister", "be named interim chairman".
  for (std::size_t start = 0; start < words.size(); ++start) {
    std::string phrase;
    for (std::size_t k = start; k < words.size(); ++k) {
      if (!phrase.empty()) phrase += ' ';
      phrase += words[k];
    }
    if (lexicon.title(phrase)) return true;
  }
  const std::string_view head = words.back();
  if (is_irregular_role_noun(head)) return true;
  // A hyphenated head whose part is a title: "vice-chairman", "coach-manager".
  for (std::size_t pos = 0; pos < head.size();) {
    const std::size_t end = std::min(head.find('-', pos), head.size());
    const std::string_view part = head.substr(pos, end - pos);
    if (part.size() < head.size() && (lexicon.title(part) || is_irregular_role_noun(part))) return true;
    pos = end + 1;
  }
  if (is_not_role_noun(head) || !has_person_suffix(head)) return false;
  // "enter at", "gather at": verbs are not role nouns.
  return !lexicon.verb(head);
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool contains_meeting_noun(const Words& words) {
  for (std::string_view w : words)
    if (is_meeting_noun(w) || in(w, {"summit", "talk", "meeting", "negotiation", "discussion", "phone"})) return true;
  return false;
}

}  // namespace

RelationClass classify_relation(std::string_view relation, EntityType subject, EntityType object,
                                const Lexicon& lexicon) {
  if (subject == EntityType::Date || object == EntityType::Date) return RelationClass::Date;
  // The same few wordings are classified over and over (every candidate pair's wordings):
  // each thread remembers the classes it found, per lexicon, up to a bound.
  struct Memo {
    std::uint64_t lexicon = 0;
    std::unordered_map<std::string, RelationClass, StringHash, std::equal_to<>> classes;
    std::string key;
  };
  static thread_local Memo memo;
  if (memo.lexicon != lexicon.serial() || memo.classes.size() >= 4096) {
    memo.classes.clear();
    memo.lexicon = lexicon.serial();
  }
  memo.key.assign(relation);
  memo.key += '\0';
  memo.key += static_cast<char>(subject);
  memo.key += static_cast<char>(object);
  if (const auto it = memo.classes.find(memo.key); it != memo.classes.end()) return it->second;
  const RelationClass found = classify(relation, subject, object, lexicon);
  memo.classes.emplace(memo.key, found);
  return found;
}

namespace {

RelationClass classify(std::string_view relation, EntityType subject, EntityType object, const Lexicon& lexicon) {
  const std::string lower = ascii_lower(relation);
  Words words = split(lower);
  if (words.empty()) return RelationClass::Other;
  // "be based in", "being held in": the copula adds nothing.
  if (words.size() > 1 && in(words.front(), {"be", "being", "been", "is", "was", "are", "were"}))
    words.erase(words.begin());
  const std::string_view first = words.front(), last = words.back();
  const std::size_t n = words.size();

  if (is_place(object) && in(last, {"in", "at"}) &&
      (subject == EntityType::Event || (n > 1 && is_happening_verb(first))))
    return RelationClass::HeldIn;

  if (in(first, {"quote", "cite", "quoted", "cited"})) return RelationClass::Quote;

  if (in(first, {"meet", "talk", "negotiate", "confer", "consult", "call", "phone", "telephone"}) &&
      (n == 1 || (n == 2 && in(last, {"with", "to"}))))
    return RelationClass::Meet;
  if (in(first, {"speak", "discuss", "converse", "engage"}) && n == 2 && last == "with")
    return RelationClass::Meet;
  const bool agent_object = object == EntityType::Person || object == EntityType::Org ||
                            object == EntityType::Gpe || object == EntityType::Norp;
  if (in(lower, {"contact", "reach out to"}) && agent_object) return RelationClass::Meet;
  // Two parties of one kind discuss with each other; a person "discussing" a state discusses a topic.
  if (lower == "discuss" && agent_object && subject == object) return RelationClass::Meet;
  if (contains_meeting_noun(words) && (last == "with" || (n <= 2 && in(first, {"hold", "have"}))))
    return RelationClass::Meet;

  if (is_speech_verb(first) && !(first == "according" && (n != 2 || last != "to"))) return RelationClass::Said;

  if (in(lower, {"lead", "head", "chair", "co-chair", "co-lead", "preside over", "command", "helm", "spearhead"}))
    return RelationClass::Lead;

  const bool group_object = object == EntityType::Org || object == EntityType::Norp;
  if (first == "belong" && n == 2 && last == "to") {
    if (is_place(subject) && is_place(object)) return RelationClass::LocatedIn;
    if (subject == EntityType::Org && group_object) return RelationClass::PartOf;
    if (group_object) return RelationClass::Member;
    return RelationClass::Other;
  }
  if (group_object && (in(lower, {"join", "rejoin", "play for", "sit on", "serve on", "enlist in", "sign for",
                                  "play in", "compete in"})))
    return RelationClass::Member;

  // "<noun phrase> of|at|for|to": the head of the phrase before the first such preposition.
  const bool noun_relation = in(last, {"of", "at", "for", "to"});
  Words phrase;
  for (std::string_view w : words) {
    if (in(w, {"of", "at", "for", "to"})) break;
    phrase.push_back(w);
  }
  const std::string_view head = phrase.empty() ? std::string_view() : phrase.back();
  if (noun_relation && is_member_noun(head)) return RelationClass::Member;
  if (last == "of" && is_part_noun(head))
    return is_place(subject) && is_place(object) ? RelationClass::LocatedIn : RelationClass::PartOf;
  if (last == "of" && subject == EntityType::Org && is_institution_noun(head)) return RelationClass::PartOf;
  // A prize of an event or an organisation ("award of" the festival).
  if (subject == EntityType::Award && in(last, {"of", "at"}) && object != EntityType::Person)
    return RelationClass::PartOf;

  const bool located = in(first, {"located", "locate", "based", "base", "headquartered", "headquarter", "situated",
                                   "situate"});
  if (located && n >= 2 && in(last, {"in", "at", "on"})) return RelationClass::LocatedIn;
  // "located west of", "situated north of".
  if (located && n == 3 && last == "of" &&
      in(words[1], {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "outside"}))
    return RelationClass::LocatedIn;
  if (n == 1 && first == "in") return RelationClass::LocatedIn;
  if (in(first, {"have", "has"}) && n == 3 && in(words[1], {"office", "offices", "headquarters", "base", "plant"}) &&
      last == "in")
    return RelationClass::LocatedIn;

  if (noun_relation && is_role_phrase(phrase, lexicon)) return RelationClass::Role;

  if (is_place(subject) && is_place(object) && n >= 2 && in(last, {"in", "of"}) && is_place_noun(words[n - 2]))
    return RelationClass::LocatedIn;
  return RelationClass::Other;
}

}  // namespace

RelationClass classify_relation(std::string_view relation, EntityType subject, EntityType object) {
  return classify_relation(relation, subject, object, Lexicon::builtin());
}

void classify_relations(Document& doc, const Lexicon& lexicon) {
  for (Triple& t : doc.triples) {
    if (t.relation_class) continue;
    t.relation_class = classify_relation(t.relation, doc.entities.at(t.subject).type,
                                         doc.entities.at(t.object).type, lexicon);
  }
}

}  // namespace kg::extract
