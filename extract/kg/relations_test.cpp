// Relation triples on short invented news sentences: roles from titles, appositions and
// possessives; subject-verb-object with coordination, reciprocal verbs, passives, relative
// clauses, coordinated verbs and verb chains; visits, locations and event nouns; negation,
// pronoun subjects, self-loops and evidence spans. One TEST_CASE per pattern.
#include "extract/kg/relations.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <tuple>

#include "extract/kg/pipeline.h"
#include "extract/text/document.h"

using kg::extract::Document;
using kg::extract::Entity;
using kg::extract::EntityType;
using kg::extract::Pipeline;
using kg::extract::Triple;

namespace {

Document extract(std::string text) {
  Document doc;
  doc.name = "test.txt";
  doc.text = std::move(text);
  Pipeline().run(doc);
  return doc;
}

std::string dump(const Document& doc) {
  std::string out = "\n";
  for (std::size_t i = 0; i < doc.entities.size(); ++i) {
    const Entity& e = doc.entities[i];
    out += "  entity " + std::to_string(i) + " " + std::string(to_string(e.type)) + " '" + e.name + "'\n";
  }
  for (const Triple& t : doc.triples)
    out += "  triple '" + doc.entities[t.subject].name + "' -" + t.relation + "-> '" + doc.entities[t.object].name +
           "' (" + t.label + ") s" + std::to_string(t.sentence) + " [" + doc.text.substr(t.begin, t.end - t.begin) +
           "]\n";
  return out;
}

// The triple subject -relation-> object, by entity names; nullptr if absent.
const Triple* find_triple(const Document& doc, std::string_view subject, std::string_view relation,
                          std::string_view object) {
  for (const Triple& t : doc.triples)
    if (doc.entities[t.subject].name == subject && t.relation == relation && doc.entities[t.object].name == object)
      return &t;
  return nullptr;
}

bool has_triple(const Document& doc, std::string_view subject, std::string_view relation, std::string_view object) {
  return find_triple(doc, subject, relation, object) != nullptr;
}

// A symmetric relation ("meet") stated in either direction.
bool linked(const Document& doc, std::string_view a, std::string_view relation, std::string_view b) {
  return has_triple(doc, a, relation, b) || has_triple(doc, b, relation, a);
}

// Any triple between the two entities, whatever the relation and direction.
bool any_link(const Document& doc, std::string_view a, std::string_view b) {
  for (const Triple& t : doc.triples) {
    const std::string& s = doc.entities[t.subject].name;
    const std::string& o = doc.entities[t.object].name;
    if ((s == a && o == b) || (s == b && o == a)) return true;
  }
  return false;
}

std::string_view evidence(const Document& doc, const Triple& t) {
  return std::string_view(doc.text).substr(t.begin, t.end - t.begin);
}

}  // namespace

// ---- roles -----------------------------------------------------------------------------

TEST_CASE("relations: a pre-nominal title with a demonym gives a role of the state") {
  const Document doc = extract("Brazilian President Luiz Silva said the deal was fair.");
  INFO(dump(doc));
  CHECK(has_triple(doc, "Luiz Silva", "president of", "Brazil"));
}

TEST_CASE("relations: an organisation inside the title is the role's holder, not its country") {
  const Document doc = extract("German Foreign Ministry spokesman Karl Weber said the embassy would stay open.");
  INFO(dump(doc));
  CHECK(has_triple(doc, "Karl Weber", "spokesman of", "German Foreign Ministry"));
  CHECK_FALSE(has_triple(doc, "Karl Weber", "spokesman of", "Germany"));
}

TEST_CASE("relations: a possessive title (Germany's Foreign Minister) gives the role") {
  const Document doc = extract("Germany's Foreign Minister Annalena Baerbock said the visit was useful.");
  INFO(dump(doc));
  CHECK(has_triple(doc, "Annalena Baerbock", "foreign minister of", "Germany"));
}

TEST_CASE("relations: an apposition 'X, head of Y,' gives the role") {
  const Document doc = extract("Maria Lopez, head of the Central Bank, said inflation was falling.");
  INFO(dump(doc));
  CHECK(has_triple(doc, "Maria Lopez", "head of", "Central Bank"));
}

TEST_CASE("relations: an apposition's role is also kept as the person's title") {
  const Document doc = extract("Maria Lopez, head of the Central Bank, said inflation was falling.");
  INFO(dump(doc));
  auto person = std::find_if(doc.entities.begin(), doc.entities.end(),
                             [](const Entity& e) { return e.name == "Maria Lopez"; });
  REQUIRE(person != doc.entities.end());
  CHECK(std::find(person->titles.begin(), person->titles.end(), "head") != person->titles.end());
  CHECK(std::find(person->titles.begin(), person->titles.end(), "head of the Central Bank") != person->titles.end());
}

TEST_CASE("relations: an apposition with an article and 'for' gives the role") {
  const Document doc =
      extract("Amina Yusuf, a spokeswoman for the World Health Organization, said cases were rising.");
  INFO(dump(doc));
  CHECK(has_triple(doc, "Amina Yusuf", "spokeswoman of", "World Health Organization"));
}

// KNOWN GAP: an apposition whose role is a lowercase title modified by a demonym gives no
// relation at all. "Annalena Baerbock, the German foreign minister, arrived in Nairobi."
// gives entities Annalena Baerbock, Germany, Nairobi and no triple; expected Annalena
// Baerbock -foreign minister of-> Germany, and -arrive in-> Nairobi (the apposition also
// cuts the main verb off from its subject).
TEST_CASE("relations: an apposition 'X, the German foreign minister,' gives the role") {
  const Document doc = extract("Annalena Baerbock, the German foreign minister, arrived in Nairobi.");
  INFO(dump(doc));
  CHECK(has_triple(doc, "Annalena Baerbock", "foreign minister of", "Germany"));
  CHECK(has_triple(doc, "Annalena Baerbock", "arrive in", "Nairobi"));
}

TEST_CASE("relations: a possessive role noun ('Mensah's predecessor, John Owusu,')") {
  const Document doc = extract(
      "Prime Minister Kamala Mensah spoke on Monday. Mensah's predecessor, John Owusu, criticised the plan.");
  INFO(dump(doc));
  const Triple* t = find_triple(doc, "John Owusu", "predecessor of", "Kamala Mensah");
  REQUIRE(t != nullptr);
  CHECK(t->sentence == 1);
}

// ---- subject-verb-object ---------------------------------------------------------------

TEST_CASE("relations: coordinated demonym subjects with a reciprocal verb meet each other and the place") {
  const Document doc = extract("French and German diplomats met in Geneva on Monday.");
  INFO(dump(doc));
  CHECK(linked(doc, "France", "meet", "Germany"));
  CHECK(has_triple(doc, "France", "meet in", "Geneva"));
  CHECK(has_triple(doc, "Germany", "meet in", "Geneva"));
}

TEST_CASE("relations: coordinated titled persons with a reciprocal verb") {
  const Document doc = extract("Foreign Minister Anna Berg and Prime Minister Kamala Mensah met in Geneva.");
  INFO(dump(doc));
  CHECK(linked(doc, "Anna Berg", "meet", "Kamala Mensah"));
  CHECK(has_triple(doc, "Anna Berg", "meet in", "Geneva"));
  CHECK(has_triple(doc, "Kamala Mensah", "meet in", "Geneva"));
}

// KNOWN GAP: a second conjunct introduced by a possessive and a lowercase role noun breaks
// the coordination. "Kenya's President William Otieno and his Ghanaian counterpart John
// Mahama met in Accra." gives William Otieno -president of-> Kenya and John Mahama -meet in->
// Accra only; expected also William Otieno -meet- John Mahama and William Otieno -meet in->
// Accra.
TEST_CASE("relations: coordinated subjects where the second is 'his Ghanaian counterpart X'" * doctest::skip()) {
  const Document doc = extract(
      "Kenya's President William Otieno and his Ghanaian counterpart John Mahama met in Accra.");
  INFO(dump(doc));
  CHECK(linked(doc, "William Otieno", "meet", "John Mahama"));
  CHECK(has_triple(doc, "William Otieno", "meet in", "Accra"));
  CHECK(has_triple(doc, "John Mahama", "meet in", "Accra"));
}

TEST_CASE("relations: a transitive verb between two titled persons") {
  const Document doc = extract("Kenyan President William Otieno met Japanese Prime Minister Hiro Tanaka in Tokyo.");
  INFO(dump(doc));
  CHECK(has_triple(doc, "William Otieno", "meet", "Hiro Tanaka"));
  CHECK(has_triple(doc, "William Otieno", "president of", "Kenya"));
  CHECK(has_triple(doc, "Hiro Tanaka", "prime minister of", "Japan"));
  CHECK(has_triple(doc, "William Otieno", "meet in", "Tokyo"));
}

TEST_CASE("relations: 'held talks with' is a meeting") {
  const Document doc = extract("French diplomats held talks with Kenyan officials on Monday.");
  INFO(dump(doc));
  CHECK(linked(doc, "France", "meet", "Kenya"));
}

TEST_CASE("relations: coordinated subjects with a non-meeting reciprocal verb (signed)") {
  const Document doc = extract("Kenya and Ghana signed a trade deal in Accra on Friday.");
  INFO(dump(doc));
  // What they signed names the relation.
  CHECK(linked(doc, "Kenya", "sign deal with", "Ghana"));
  CHECK_FALSE(linked(doc, "Kenya", "sign", "Ghana"));
  const Document bare = extract("Kenya and Ghana signed in Accra on Friday.");
  INFO(dump(bare));
  CHECK(linked(bare, "Kenya", "sign", "Ghana"));
  CHECK(has_triple(doc, "Kenya", "sign in", "Accra"));
  CHECK(has_triple(doc, "Ghana", "sign in", "Accra"));
}

TEST_CASE("relations: a result noun between the verb and the opponent names who beat whom") {
  const Document won = extract("Norvik Club recorded a 3-1 victory over Halden Club on Wednesday.");
  INFO(dump(won));
  CHECK(has_triple(won, "Norvik Club", "beat", "Halden Club"));
  CHECK_FALSE(has_triple(won, "Norvik Club", "record", "Halden Club"));
  const Document lost = extract("Bergen Club suffered a heavy defeat to Kalvik Club on Sunday.");
  INFO(dump(lost));
  CHECK(has_triple(lost, "Kalvik Club", "beat", "Bergen Club"));
  CHECK_FALSE(has_triple(lost, "Bergen Club", "suffer", "Kalvik Club"));
}

TEST_CASE("relations: a prize that went to someone was received by them") {
  const Document doc = extract("The Halden Prize went to Maria Lopez on Friday.");
  INFO(dump(doc));
  CHECK(has_triple(doc, "Maria Lopez", "receive", "Halden Prize"));
  CHECK_FALSE(has_triple(doc, "Halden Prize", "go to", "Maria Lopez"));
}

TEST_CASE("relations: a prize awarded on a day to someone was received by them") {
  const Document doc = extract("The Halden Prize was awarded on Friday to Maria Lopez.");
  INFO(dump(doc));
  CHECK(has_triple(doc, "Maria Lopez", "receive", "Halden Prize"));
  CHECK_FALSE(has_triple(doc, "Halden Prize", "award", "Maria Lopez"));
}

TEST_CASE("relations: passive with a by-agent ('was led by')") {
  const Document doc = extract("The Japanese delegation was led by Ambassador Ken Sato.");
  INFO(dump(doc));
  const Triple* t = find_triple(doc, "Ken Sato", "lead", "Japanese delegation");
  REQUIRE(t != nullptr);
  CHECK(t->label.find("led by") != std::string::npos);
}

TEST_CASE("relations: reduced passive in an apposition (', led by ...,')") {
  const Document doc = extract("The Japanese side, led by Ambassador Ken Sato, arrived in Nairobi.");
  INFO(dump(doc));
  CHECK(has_triple(doc, "Ken Sato", "lead", "Japanese side"));
}

TEST_CASE("relations: a relative clause takes the antecedent as subject") {
  const Document doc = extract("Olaf Scholz, who visited India last year, praised the agreement.");
  INFO(dump(doc));
  CHECK(has_triple(doc, "Olaf Scholz", "visit", "India"));
}

// KNOWN GAP: after a relative clause, the main clause's verb loses its subject.
// "Ghanaian President John Mahama, who visited Japan last week, met Kenyan officials in
// Nairobi." gives "president of" Ghana and "visit" Japan, but no meeting; expected also
// John Mahama -meet-> Kenya and John Mahama -meet in-> Nairobi.
TEST_CASE("relations: the main verb after a relative clause keeps the antecedent as subject") {
  const Document doc =
      extract("Ghanaian President John Mahama, who visited Japan last week, met Kenyan officials in Nairobi.");
  INFO(dump(doc));
  CHECK(has_triple(doc, "John Mahama", "visit", "Japan"));
  CHECK(has_triple(doc, "John Mahama", "meet", "Kenya"));
  CHECK(has_triple(doc, "John Mahama", "meet in", "Nairobi"));
}

TEST_CASE("relations: coordinated verbs share the subject (imposed ... and provided ...)") {
  const Document doc = extract("The European Union imposed sanctions on Iran and provided Kenya with aid.");
  INFO(dump(doc));
  const Triple* impose = nullptr;
  const Triple* provide = nullptr;
  for (const Triple& t : doc.triples) {
    if (doc.entities[t.subject].name != "European Union") continue;
    if (doc.entities[t.object].name == "Iran" && t.relation.rfind("impose", 0) == 0) impose = &t;
    if (doc.entities[t.object].name == "Kenya" && t.relation.rfind("provide", 0) == 0) provide = &t;
  }
  CHECK(impose != nullptr);
  CHECK(provide != nullptr);
  CHECK_FALSE(any_link(doc, "Iran", "Kenya"));
}

TEST_CASE("relations: a verb chain takes its relation from the last verb (sought to reset)") {
  const Document doc = extract("Prime Minister Kamala Mensah sought to reset relations with Beijing.");
  INFO(dump(doc));
  // "Beijing" without a locative preposition stands for China.
  bool found = false;
  for (const Triple& t : doc.triples) {
    if (doc.entities[t.subject].name != "Kamala Mensah") continue;
    const std::string& object = doc.entities[t.object].name;
    if ((object == "China" || object == "Beijing") && t.relation.rfind("reset", 0) == 0) found = true;
  }
  CHECK(found);
  CHECK_FALSE(has_triple(doc, "Kamala Mensah", "seek", "China"));
}

TEST_CASE("relations: a verb chain with a regular verb (sought to improve relations with)") {
  const Document doc = extract("Germany sought to improve relations with India.");
  INFO(dump(doc));
  bool found = false;
  for (const Triple& t : doc.triples)
    if (doc.entities[t.subject].name == "Germany" && doc.entities[t.object].name == "India" &&
        t.relation.rfind("improve", 0) == 0)
      found = true;
  CHECK(found);
}

// ---- visits, places, events -------------------------------------------------------------

TEST_CASE("relations: 'during a visit to Kenya' is a visit by the person") {
  const Document doc = extract("Foreign Minister Annalena Baerbock spoke during a visit to Kenya.");
  INFO(dump(doc));
  CHECK(has_triple(doc, "Annalena Baerbock", "visit", "Kenya"));
}

TEST_CASE("relations: 'during a visit to Kenya' gives no other relation to Kenya") {
  const Document doc = extract("Foreign Minister Annalena Baerbock spoke during a visit to Kenya.");
  INFO(dump(doc));
  for (const Triple& t : doc.triples)
    if (doc.entities[t.object].name == "Kenya") CHECK(t.relation == "visit");
}

TEST_CASE("relations: a transitive 'visited' with a country object") {
  const Document doc = extract("President Luiz Silva visited Kenya. He met Kenyan President William Otieno.");
  INFO(dump(doc));
  CHECK(has_triple(doc, "Luiz Silva", "visit", "Kenya"));
  CHECK(has_triple(doc, "Luiz Silva", "meet", "William Otieno"));  // "He" is the nearest person
}

// KNOWN GAP: a capital after "visited" is read as metonymy for the state.
// "Olaf Scholz met reporters in Berlin. Later, Chancellor Scholz visited Paris." gives
// Olaf Scholz -visit-> France (entity France with alias Paris); expected -visit-> Paris (the
// city one travels to), with Paris a GPE of its own.
TEST_CASE("relations: the object of 'visited' that is a capital is the city") {
  const Document doc = extract("Olaf Scholz met reporters in Berlin. Later, Chancellor Scholz visited Paris.");
  INFO(dump(doc));
  CHECK(has_triple(doc, "Olaf Scholz", "visit", "Paris"));
}

TEST_CASE("relations: 'City, Country' gives located in") {
  const Document doc = extract("The meeting took place in Lyon, France, on Monday.");
  INFO(dump(doc));
  CHECK(has_triple(doc, "Lyon", "located in", "France"));
  CHECK_FALSE(has_triple(doc, "France", "located in", "Lyon"));
}

TEST_CASE("relations: 'Capital, Country' after 'in' gives located in") {
  const Document doc = extract("The summit will take place in Nairobi, Kenya, next year.");
  INFO(dump(doc));
  CHECK(has_triple(doc, "Nairobi", "located in", "Kenya"));
}

TEST_CASE("relations: 'City, Country' needs the city to belong to that country") {
  const Document doc = extract("Delegates travelled from Lyon, Kenya, to the meeting.");
  INFO(dump(doc));
  CHECK_FALSE(has_triple(doc, "Lyon", "located in", "Kenya"));
}

TEST_CASE("relations: an embassy in a city is located in it") {
  const Document doc = extract("A protest was held outside the Brazilian Embassy in Tokyo.");
  INFO(dump(doc));
  CHECK(has_triple(doc, "Brazilian Embassy", "located in", "Tokyo"));
}

TEST_CASE("relations: an event in a city is held in it") {
  const Document doc = extract("Leaders met at the 2021 Harbour summit in Tokyo.");
  INFO(dump(doc));
  CHECK(has_triple(doc, "2021 Harbour summit", "held in", "Tokyo"));
}

TEST_CASE("relations: 'talks between X and Y' is a meeting") {
  const Document doc = extract("The talks between France and Germany ended without a deal.");
  INFO(dump(doc));
  CHECK(linked(doc, "France", "meet", "Germany"));
}

TEST_CASE("relations: 'X's call with Y' is a call") {
  const Document doc = extract("Germany's call with France lasted an hour.");
  INFO(dump(doc));
  CHECK(linked(doc, "Germany", "call", "France"));
}

// KNOWN GAP: "held a phone call with" is classed as a meeting because "call" is a meeting
// noun after "hold". "Kenyan President William Otieno held a phone call with Ghanaian
// President John Mahama." gives William Otieno -meet-> John Mahama; expected -call-> (as
// for "X's call with Y"); they did not meet.
TEST_CASE("relations: 'held a phone call with' is a call, not a meeting") {
  const Document doc =
      extract("Kenyan President William Otieno held a phone call with Ghanaian President John Mahama.");
  INFO(dump(doc));
  CHECK(linked(doc, "William Otieno", "call", "John Mahama"));
  CHECK_FALSE(linked(doc, "William Otieno", "meet", "John Mahama"));
}

// ---- negation -----------------------------------------------------------------------------

TEST_CASE("relations: a negated verb gives no relation ('did not meet')") {
  const Document positive = extract("France met Germany.");
  INFO(dump(positive));
  REQUIRE(linked(positive, "France", "meet", "Germany"));  // the pattern works when affirmed
  const Document doc = extract("France did not meet Germany.");
  INFO(dump(doc));
  CHECK(doc.triples.empty());
}

TEST_CASE("relations: a negated copula gives no relation ('was not on the agenda')") {
  const Document doc = extract("Kenya was not on the agenda.");
  INFO(dump(doc));
  CHECK(doc.triples.empty());
}

TEST_CASE("relations: negation with coordinated subjects ('did not agree')") {
  const Document doc = extract("Kenya and Ghana did not agree on a deal.");
  INFO(dump(doc));
  CHECK(doc.triples.empty());
}

TEST_CASE("relations: 'never' negates ('has never hosted')") {
  const Document doc = extract("Kenya has never hosted Japan.");
  INFO(dump(doc));
  CHECK(doc.triples.empty());
}

TEST_CASE("relations: a contracted negation ('didn't sign')") {
  const Document doc = extract("Kenya didn't sign the treaty with Ghana.");
  INFO(dump(doc));
  CHECK(doc.triples.empty());
}

TEST_CASE("relations: a negated passive gives no relation ('was not led by')") {
  const Document doc = extract("The Japanese delegation was not led by Ambassador Ken Sato.");
  INFO(dump(doc));
  CHECK_FALSE(any_link(doc, "Ken Sato", "Japanese delegation"));
}

TEST_CASE("relations: a negated relative clause gives no relation") {
  const Document doc = extract("Olaf Scholz, who did not visit India, praised the agreement.");
  INFO(dump(doc));
  CHECK_FALSE(any_link(doc, "Olaf Scholz", "India"));
}

TEST_CASE("relations: negation does not leak into the next sentence") {
  const Document doc = extract("Olaf Scholz did not visit India. Instead, he visited Kenya.");
  INFO(dump(doc));
  CHECK_FALSE(any_link(doc, "Olaf Scholz", "India"));
  CHECK(has_triple(doc, "Olaf Scholz", "visit", "Kenya"));
}

// KNOWN GAP: event nouns ignore negation. "Planned talks between France and Germany did not
// take place." gives France -meet-> Germany; expected no relation (the talks never happened).
TEST_CASE("relations: negated event noun ('talks ... did not take place')") {
  const Document doc = extract("Planned talks between France and Germany did not take place.");
  INFO(dump(doc));
  CHECK_FALSE(any_link(doc, "France", "Germany"));
}

// KNOWN GAP: a denied statement is extracted as fact. "Foreign Minister Anna Berg denied that
// she met Ghanaian officials." gives Anna Berg -meet-> Ghana; expected no meeting relation.
TEST_CASE("relations: a verb under 'denied that' gives no relation") {
  const Document doc = extract("Foreign Minister Anna Berg denied that she met Ghanaian officials.");
  INFO(dump(doc));
  CHECK_FALSE(has_triple(doc, "Anna Berg", "meet", "Ghana"));
}

// ---- pronouns -----------------------------------------------------------------------------

TEST_CASE("relations: 'she' as subject resolves to the named woman before it") {
  const Document doc = extract(
      "Foreign Minister Anna Berg arrived in Nairobi on Monday. She told Xinhua that the talks were useful.");
  INFO(dump(doc));
  const Triple* t = find_triple(doc, "Anna Berg", "tell", "Xinhua");
  REQUIRE(t != nullptr);
  CHECK(t->sentence == 1);
}

TEST_CASE("relations: 'he' inside the sentence resolves to the person named earlier in it") {
  const Document doc = extract("Olaf Scholz said the talks were useful, he told Interfax.");
  INFO(dump(doc));
  CHECK(has_triple(doc, "Olaf Scholz", "tell", "Interfax"));
}

// KNOWN GAP: pronoun resolution ignores gender and takes the nearest person.
// "Prime Minister Kamala Mensah met President Luiz Silva. She later told Interfax that the
// meeting was useful." gives Luiz Silva -tell-> Interfax; expected Kamala Mensah -tell->
// Interfax ("She"; Kamala is a woman's given name, Luiz a man's).
TEST_CASE("relations: 'she' skips a nearer man" * doctest::skip()) {
  const Document doc = extract(
      "Prime Minister Kamala Mensah met President Luiz Silva. She later told Interfax that the meeting was useful.");
  INFO(dump(doc));
  CHECK(has_triple(doc, "Kamala Mensah", "tell", "Interfax"));
  CHECK_FALSE(has_triple(doc, "Luiz Silva", "tell", "Interfax"));
}

// ---- invariants ---------------------------------------------------------------------------

TEST_CASE("relations: no self-loops when both sides resolve to one entity") {
  for (const char* text : {"German officials met German business leaders in Berlin.", "Ken Sato met Ken Sato.",
                           "Germany hosted Germany.", "Berlin said Germany would respond."}) {
    const Document doc = extract(text);
    INFO(dump(doc));
    for (const Triple& t : doc.triples) CHECK(t.subject != t.object);
  }
}

TEST_CASE("relations: no duplicate triple within one sentence") {
  const Document doc = extract("French and German diplomats met in Geneva and met again in Geneva on Monday.");
  INFO(dump(doc));
  std::set<std::tuple<std::uint32_t, std::uint32_t, std::string, std::uint32_t>> seen;
  for (const Triple& t : doc.triples) CHECK(seen.insert({t.sentence, t.subject, t.relation, t.object}).second);
}

TEST_CASE("relations: evidence lies inside its sentence and names the sentence index") {
  const Document doc = extract(
      "Talks resumed on Monday. Brazilian President Luiz Silva met Kenyan President William Otieno in Nairobi.");
  INFO(dump(doc));
  REQUIRE(doc.sentences.size() == 2);
  const Triple* t = find_triple(doc, "Luiz Silva", "meet", "William Otieno");
  REQUIRE(t != nullptr);
  CHECK(t->sentence == 1);
  for (const Triple& triple : doc.triples) {
    CAPTURE(triple.relation);
    REQUIRE(triple.sentence < doc.sentences.size());
    const auto& s = doc.sentences[triple.sentence];
    CHECK(triple.begin >= s.begin);
    CHECK(triple.end <= s.end);
    CHECK(triple.begin < triple.end);
  }
  const std::string_view ev = evidence(doc, *t);
  CHECK(ev.find("Luiz Silva") != std::string_view::npos);
  CHECK(ev.find("William Otieno") != std::string_view::npos);
}

TEST_CASE("relations: the label keeps the words of the text") {
  const Document doc = extract("Brazilian President Luiz Silva said the deal was fair.");
  INFO(dump(doc));
  const Triple* t = find_triple(doc, "Luiz Silva", "president of", "Brazil");
  REQUIRE(t != nullptr);
  CHECK(t->label == "Brazilian President");
}

// KNOWN GAP: evidence spans end one token too late: callers pass an exclusive token end and
// emit() treats it as inclusive. For "Brazilian President Luiz Silva said the deal was fair."
// the evidence of "president of" is "Brazilian President Luiz Silva said"; expected
// "Brazilian President Luiz Silva". Likewise "Nairobi, Kenya," for located in (expected
// "Nairobi, Kenya") and "...met in Geneva on" for meet in.
TEST_CASE("relations: evidence spans end at the last word of the statement") {
  const Document doc = extract("Brazilian President Luiz Silva said the deal was fair.");
  INFO(dump(doc));
  const Triple* t = find_triple(doc, "Luiz Silva", "president of", "Brazil");
  REQUIRE(t != nullptr);
  CHECK(evidence(doc, *t) == "Brazilian President Luiz Silva");
  const Document city = extract("The summit will take place in Nairobi, Kenya, next year.");
  const Triple* located = find_triple(city, "Nairobi", "located in", "Kenya");
  REQUIRE(located != nullptr);
  CHECK(evidence(city, *located) == "Nairobi, Kenya");
}

TEST_CASE("relations: the object after a demonym and a role noun is the person") {
  const Document doc = extract("Foreign Minister Anna Berg met her Kenyan counterpart John Otieno in Geneva.");
  INFO(dump(doc));
  CHECK(has_triple(doc, "Anna Berg", "meet", "John Otieno"));
  CHECK_FALSE(has_triple(doc, "Anna Berg", "meet", "Kenya"));
}

TEST_CASE("relations: a clause after 'said' names no object of 'say'") {
  const Document doc = extract("Chancellor Karl Weber said France wanted a quick deal.");
  INFO(dump(doc));
  CHECK(find_triple(doc, "Karl Weber", "say", "France") == nullptr);
}

TEST_CASE("relations: 'Kenyan policy under President X' gives X the role of the state") {
  const Document doc = extract("The shift in Kenyan policy under President William Otieno surprised donors.");
  INFO(dump(doc));
  CHECK(has_triple(doc, "William Otieno", "president of", "Kenya"));
}

TEST_CASE("relations: 'under' a titled person with no state before it gives no role") {
  const Document doc = extract("The economy grew under President William Otieno.");
  INFO(dump(doc));
  CHECK(doc.triples.empty());
}

TEST_CASE("relations: a nationality before a role no state holds says where the person is from") {
  const Document doc = extract("The prize went to French director Paul Marchand on Sunday.");
  INFO(dump(doc));
  CHECK(has_triple(doc, "Paul Marchand", "from", "France"));
  CHECK_FALSE(has_triple(doc, "Paul Marchand", "director of", "France"));
}

TEST_CASE("relations: a nationality before a public office keeps the role of the state") {
  const Document doc = extract("The prize went to French Foreign Minister Paul Marchand on Sunday.");
  INFO(dump(doc));
  CHECK(has_triple(doc, "Paul Marchand", "foreign minister of", "France"));
}

TEST_CASE("relations: what was awarded to someone, that person receives") {
  const Document doc = extract("The Golden Lion was awarded to Paul Marchand on Sunday.");
  INFO(dump(doc));
  CHECK(has_triple(doc, "Paul Marchand", "receive", "Golden Lion"));
  CHECK_FALSE(has_triple(doc, "Golden Lion", "award to", "Paul Marchand"));
}

TEST_CASE("relations: a nationality right before the recipient's name is not the recipient") {
  const Document doc = extract("The Golden Lion was awarded to the Italian Marco Bellini on Sunday.");
  INFO(dump(doc));
  CHECK(has_triple(doc, "Marco Bellini", "receive", "Golden Lion"));
  CHECK_FALSE(has_triple(doc, "Italy", "receive", "Golden Lion"));
}
