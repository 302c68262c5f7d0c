// The places-and-dates frame on hand-written parses and tagged sentences (tests/parsed_text.h):
// what is tested is the reading of each construction, not the parser. Every sentence is
// invented; the places are real so the gazetteers type them.
#include "extract/kg/places.h"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "extract/kg/entities.h"
#include "extract/kg/mentions.h"
#include "extract/nlp/lexicon.h"
#include "tests/parsed_text.h"

using kg::extract::Document;
using kg::extract::Lexicon;

namespace {

Document places(Document doc) {
  const Lexicon& lexicon = Lexicon::builtin();
  kg::extract::find_mentions(doc, lexicon);
  kg::extract::resolve_entities(doc);
  kg::extract::find_places_and_dates(doc, lexicon);
  return doc;
}
Document parsed(std::string_view conll) { return places(kg::test::parsed_text(conll)); }
Document tagged(std::string_view words) { return places(kg::test::tagged_text(words)); }

const kg::extract::Triple* find(const Document& doc, std::string_view s, std::string_view relation,
                                std::string_view o) {
  for (const auto& t : doc.triples)
    if (doc.entities[t.subject].name == s && t.relation == relation && doc.entities[t.object].name == o) return &t;
  return nullptr;
}

std::string dump(const Document& doc) {
  std::string out;
  for (const auto& t : doc.triples)
    out += doc.entities[t.subject].name + " | " + t.relation + " (" + t.label + ") | " + doc.entities[t.object].name + "\n";
  return out;
}

}  // namespace

TEST_CASE("places: a meeting noun as the object puts every subject's meeting in its place") {
  const Document doc = parsed(R"(
Ana PROPN 6 nsubj
Reyes PROPN 1 flat
and CCONJ 4 cc
Luis PROPN 1 conj
Vega PROPN 4 flat
ended VERB 0 root
their PRON 8 nmod:poss
talks NOUN 6 obj
in ADP 10 case
Porto PROPN 8 nmod
. PUNCT 6 punct)");
  INFO(dump(doc));
  const auto* t = find(doc, "Ana Reyes", "meet in", "Porto");
  REQUIRE(t != nullptr);
  CHECK(t->label == "end talks in");
  CHECK(find(doc, "Luis Vega", "meet in", "Porto"));
}

TEST_CASE("places: a speech at an event in a place, but not any act at a site in a place") {
  const Document doc = parsed(R"(
Maria PROPN 3 nsubj
Lopez PROPN 1 flat
spoke VERB 0 root
at ADP 6 case
a DET 6 det
conference NOUN 3 obl
in ADP 8 case
Porto PROPN 6 nmod
. PUNCT 3 punct
Norvik PROPN 11 compound
Bank PROPN 12 nsubj
built VERB 0 root
cars NOUN 12 obj
at ADP 16 case
a DET 16 det
plant NOUN 12 obl
in ADP 18 case
Bergen PROPN 16 nmod
. PUNCT 12 punct)");
  INFO(dump(doc));
  CHECK(find(doc, "Maria Lopez", "speak in", "Porto"));
  CHECK_FALSE(find(doc, "Norvik Bank", "build in", "Bergen"));
}

TEST_CASE("places: talks between two parties that took place somewhere") {
  const Document doc = parsed(R"(
Talks NOUN 6 nsubj
between ADP 3 case
Portugal PROPN 1 nmod
and CCONJ 5 cc
Norway PROPN 3 conj
took VERB 0 root
place NOUN 6 obj
in ADP 9 case
Bergen PROPN 7 nmod
. PUNCT 6 punct)");
  INFO(dump(doc));
  CHECK(find(doc, "Portugal", "meet in", "Bergen"));
  CHECK(find(doc, "Norway", "meet in", "Bergen"));
}

TEST_CASE("places: a named event held in a place") {
  const Document doc = parsed(R"(
The DET 3 det
Lisbon PROPN 3 compound
Summit PROPN 5 nsubj:pass
was AUX 5 aux:pass
held VERB 0 root
in ADP 7 case
Portugal PROPN 5 obl
. PUNCT 5 punct)");
  INFO(dump(doc));
  CHECK(find(doc, "Lisbon Summit", "held in", "Portugal"));
}

TEST_CASE("places: a date oblique gives the subject, or a passive's agent, an edge named by its preposition") {
  const Document doc = parsed(R"(
Portugal PROPN 2 nsubj
signed VERB 0 root
the DET 4 det
treaty NOUN 2 obj
on ADP 7 case
12 NUM 7 nummod
March PROPN 2 obl
2020 NUM 7 nmod:tmod
. PUNCT 2 punct
The DET 11 det
accord NOUN 13 nsubj:pass
was AUX 13 aux:pass
ratified VERB 0 root
by ADP 15 case
Norway PROPN 13 obl:agent
in ADP 17 case
2021 NUM 13 obl
. PUNCT 13 punct)");
  INFO(dump(doc));
  const auto* t = find(doc, "Portugal", "on", "12 March 2020");
  REQUIRE(t != nullptr);
  CHECK(t->label == "sign on");
  CHECK(find(doc, "Norway", "in", "2021"));
}

TEST_CASE("places: a relative clause the parser did not hang on its name still dates that name") {
  const Document doc = parsed(R"(
Maria PROPN 0 root
Lopez PROPN 1 flat
, PUNCT 5 punct
who PRON 5 nsubj
joined VERB 1 parataxis
Talmor PROPN 7 compound
Group PROPN 5 obj
in ADP 9 case
2010 NUM 5 obl
, PUNCT 11 punct
left VERB 5 conj
. PUNCT 1 punct)");
  INFO(dump(doc));
  const auto* t = find(doc, "Maria Lopez", "in", "2010");
  REQUIRE(t != nullptr);
  CHECK(t->label == "join in");
}

TEST_CASE("places: a date the parse hangs elsewhere goes to the nearest verb before it") {
  const Document doc = parsed(R"(
Norway PROPN 2 nsubj
signed VERB 0 root
the DET 4 det
deal NOUN 2 obj
on ADP 9 case
5 NUM 9 nummod
March PROPN 9 obl:agent
2021 NUM 7 nmod
. PUNCT 2 punct)");
  INFO(dump(doc));
  CHECK(find(doc, "Norway", "on", "5 March 2021"));
}

TEST_CASE("places: a negated or denied clause gives no date and no place") {
  const Document doc = parsed(R"(
Portugal PROPN 4 nsubj
did AUX 4 aux
not PART 4 advmod
sign VERB 0 root
the DET 6 det
treaty NOUN 4 obj
in ADP 8 case
2020 NUM 4 obl
. PUNCT 4 punct
Norway PROPN 11 nsubj
denied VERB 0 root
that SCONJ 14 mark
Maria PROPN 14 nsubj
spoke VERB 11 ccomp
at ADP 17 case
a DET 17 det
conference NOUN 14 obl
in ADP 19 case
Porto PROPN 17 nmod
. PUNCT 11 punct)");
  INFO(dump(doc));
  CHECK(doc.triples.empty());
}

TEST_CASE("places: a fronted participle's place goes to the name opening the main clause") {
  const Document doc = tagged(
      "Speaking/VERB/VBG at/ADP a/DET news/NOUN conference/NOUN in/ADP Porto/PROPN on/ADP Monday/PROPN ,/PUNCT "
      "Maria/PROPN Lopez/PROPN said/VERB the/DET count/NOUN was/AUX over/ADV ./PUNCT");
  INFO(dump(doc));
  CHECK(find(doc, "Maria Lopez", "speak in", "Porto"));
}

TEST_CASE("places: a place in a place, with a place noun between") {
  const Document doc = tagged(
      "The/DET mine/NOUN in/ADP Bergen/PROPN city/NOUN in/ADP Norway/PROPN closed/VERB ./PUNCT");
  INFO(dump(doc));
  CHECK(find(doc, "Bergen", "located in", "Norway"));
}

TEST_CASE("places: a place in a part of the compass of a place, not in a place's institution") {
  const Document doc = tagged(
      "Floods/NOUN hit/VERB Bergen/PROPN in/ADP Norway/PROPN 's/PART west/NOUN ./PUNCT "
      "Delegates/NOUN from/ADP Porto/PROPN in/ADP Europe/PROPN 's/PART parliament/NOUN voted/VERB ./PUNCT");
  INFO(dump(doc));
  CHECK(find(doc, "Bergen", "located in", "Norway"));
  CHECK_FALSE(find(doc, "Porto", "located in", "Europe"));
}

TEST_CASE("places: an address is a place in a place, a list is not") {
  const Document doc = tagged(
      "The/DET factory/NOUN in/ADP Porto/PROPN ,/PUNCT Portugal/PROPN ,/PUNCT closed/VERB ./PUNCT "
      "Voters/NOUN in/ADP Porto/PROPN ,/PUNCT Bergen/PROPN and/CCONJ Geneva/PROPN agreed/VERB ./PUNCT");
  INFO(dump(doc));
  CHECK(find(doc, "Porto", "located in", "Portugal"));
  CHECK_FALSE(find(doc, "Porto", "located in", "Bergen"));
  CHECK(doc.triples.size() == 1);
}

TEST_CASE("places: a city right after an organisation's name and a comma, before its verb, is its address") {
  const Document doc = tagged(
      "The/DET Halden/PROPN Museum/PROPN ,/PUNCT Bergen/PROPN named/VERB a/DET director/NOUN ./PUNCT");
  INFO(dump(doc));
  CHECK(find(doc, "Halden Museum", "located in", "Bergen"));
}

TEST_CASE("places: 'Y-based X', 'X, headquartered in Y', 'Y's X' and 'Y lender X' say where an organisation is") {
  const Document doc = tagged(
      "Investors/NOUN bought/VERB the/DET Porto/PROPN -/PUNCT based/VERB/VBN Norvik/PROPN Bank/PROPN ./PUNCT "
      "Talmor/PROPN Group/PROPN ,/PUNCT headquartered/VERB/VBN in/ADP Bergen/PROPN ,/PUNCT hired/VERB "
      "staff/NOUN ./PUNCT Geneva/PROPN 's/PART Kestrel/PROPN Bank/PROPN grew/VERB ./PUNCT "
      "Portuguese/ADJ lender/NOUN Velden/PROPN Bank/PROPN shrank/VERB ./PUNCT");
  INFO(dump(doc));
  CHECK(find(doc, "Norvik Bank", "based in", "Porto"));
  CHECK(find(doc, "Talmor Group", "headquartered in", "Bergen"));
  CHECK(find(doc, "Kestrel Bank", "based in", "Geneva"));
  const auto* t = find(doc, "Velden Bank", "based in", "Portugal");
  REQUIRE(t != nullptr);
  CHECK(t->label == "lender of");
}

TEST_CASE("places: an organisation's apposition with a nationality and a noun says where it is") {
  const Document doc = tagged(
      "Kestrel/PROPN Motors/PROPN ,/PUNCT the/DET Norwegian/ADJ carmaker/NOUN ,/PUNCT grew/VERB ./PUNCT");
  INFO(dump(doc));
  const auto* t = find(doc, "Kestrel Motors", "based in", "Norway");
  REQUIRE(t != nullptr);
  CHECK(t->label == "carmaker of");
}

TEST_CASE("places: an organisation is in a place only where the parse hangs the place on it") {
  const Document doc = parsed(R"(
Norvik PROPN 2 compound
Bank PROPN 5 nsubj
in ADP 4 case
Porto PROPN 2 nmod
said VERB 0 root
prices NOUN 7 nsubj
rose VERB 5 ccomp
. PUNCT 5 punct
Protests NOUN 15 nsubj
against ADP 12 case
Talmor PROPN 12 compound
Group PROPN 9 nmod
in ADP 14 case
Bergen PROPN 9 nmod
grew VERB 0 root
. PUNCT 15 punct)");
  INFO(dump(doc));
  CHECK(find(doc, "Norvik Bank", "based in", "Porto"));
  CHECK_FALSE(find(doc, "Talmor Group", "based in", "Bergen"));
}

TEST_CASE("places: a league's club is a member of it, a group's company part of it") {
  const Document doc = tagged(
      "The/DET striker/NOUN joined/VERB Norvik/PROPN League/PROPN club/NOUN Halden/PROPN United/PROPN ./PUNCT "
      "Talmor/PROPN Group/PROPN company/NOUN Tolvik/PROPN Steel/PROPN grew/VERB ./PUNCT");
  INFO(dump(doc));
  CHECK(find(doc, "Halden United", "member of", "Norvik League"));
  CHECK(find(doc, "Tolvik Steel", "part of", "Talmor Group"));
}

TEST_CASE("places: a state after a league's club noun is no club") {
  const Document doc = tagged(
      "Norvik/PROPN League/PROPN club/NOUN France/PROPN won/VERB ./PUNCT");
  INFO(dump(doc));
  CHECK_FALSE(find(doc, "France", "member of", "Norvik League"));
}

TEST_CASE("places: a meeting that took place between two parties, hung on 'place', at a site") {
  const Document doc = parsed(R"(
A DET 2 det
meeting NOUN 3 nsubj
took VERB 0 root
place NOUN 3 obj
between ADP 7 case
Ana PROPN 7 compound
Reyes PROPN 4 nmod
and CCONJ 10 cc
Luis PROPN 10 compound
Vega PROPN 7 conj
at ADP 12 case
Porto PROPN 3 obl
. PUNCT 3 punct)");
  INFO(dump(doc));
  CHECK(find(doc, "Ana Reyes", "meet at", "Porto"));
  CHECK(find(doc, "Luis Vega", "meet at", "Porto"));
}

TEST_CASE("places: 'the Danish president' at a meeting is the one person named earlier as Danish president") {
  const Document doc = parsed(R"(
Danish ADJ 3 amod
President PROPN 4 compound
Lars PROPN 4 compound
Berg PROPN 5 nsubj
arrived VERB 0 root
. PUNCT 5 punct
A DET 8 det
meeting NOUN 9 nsubj
took VERB 0 root
place NOUN 9 obj
between ADP 13 case
Ana PROPN 13 compound
Reyes PROPN 10 nmod
and CCONJ 17 cc
the DET 17 det
Danish ADJ 17 amod
president NOUN NN president 13 conj
at ADP 19 case
Porto PROPN 9 obl
. PUNCT 9 punct)");
  INFO(dump(doc));
  CHECK(find(doc, "Ana Reyes", "meet at", "Porto"));
  CHECK(find(doc, "Lars Berg", "meet at", "Porto"));
}

TEST_CASE("places: 'the president' with two presidents named earlier, or another kind of president, is no one") {
  const Document doc = parsed(R"(
Danish ADJ 3 amod
President PROPN 4 compound
Lars PROPN 4 compound
Berg PROPN 7 nsubj
and CCONJ 6 cc
Swedish ADJ 6 amod
President PROPN 9 compound
Eva PROPN 9 compound
Lind PROPN 4 conj
arrived VERB 0 root
. PUNCT 10 punct
A DET 13 det
meeting NOUN 14 nsubj
took VERB 0 root
place NOUN 14 obj
between ADP 18 case
Ana PROPN 18 compound
Reyes PROPN 15 nmod
and CCONJ 21 cc
the DET 21 det
president NOUN NN president 18 conj
at ADP 23 case
Porto PROPN 14 obl
. PUNCT 14 punct)");
  INFO(dump(doc));
  CHECK(find(doc, "Ana Reyes", "meet at", "Porto"));
  CHECK_FALSE(find(doc, "Lars Berg", "meet at", "Porto"));
  CHECK_FALSE(find(doc, "Eva Lind", "meet at", "Porto"));
}

TEST_CASE("places: a place and the state the gazetteer puts it in, named in one sentence") {
  const Document doc = tagged(
      "A/DET man/NOUN who/PRON had/AUX travelled/VERB to/ADP France/PROPN died/VERB in/ADP Lyon/PROPN ./PUNCT "
      "Officials/NOUN in/ADP Lyon/PROPN met/VERB ./PUNCT");
  INFO(dump(doc));
  CHECK(find(doc, "Lyon", "located in", "France"));
}

TEST_CASE("places: a place is not put in another state named beside it") {
  const Document doc = tagged("Fans/NOUN from/ADP Lyon/PROPN travelled/VERB to/ADP Spain/PROPN ./PUNCT");
  INFO(dump(doc));
  CHECK_FALSE(find(doc, "Lyon", "located in", "Spain"));
}

TEST_CASE("places: a capital named beside its state is not put in it (it often stands for the state)") {
  const Document doc = tagged("Protests/NOUN spread/VERB from/ADP Madrid/PROPN across/ADP Spain/PROPN ./PUNCT");
  INFO(dump(doc));
  CHECK_FALSE(find(doc, "Madrid", "located in", "Spain"));
}

TEST_CASE("places: organisations listed after a place's possessive share it") {
  const Document doc = tagged(
      "Lyon/PROPN 's/PART Norvik/PROPN Bank/PROPN (/PUNCT NB/PROPN )/PUNCT ,/PUNCT Halden/PROPN Group/PROPN "
      "and/CCONJ Vik/PROPN Bank/PROPN agreed/VERB ./PUNCT");
  INFO(dump(doc));
  CHECK(find(doc, "Norvik Bank", "based in", "Lyon"));
  CHECK(find(doc, "Halden Group", "based in", "Lyon"));
  CHECK(find(doc, "Vik Bank", "based in", "Lyon"));
}

TEST_CASE("places: a list after a place's possessive ends where another possessor starts") {
  const Document doc = tagged(
      "Lyon/PROPN 's/PART Norvik/PROPN Bank/PROPN and/CCONJ Bergen/PROPN 's/PART Vik/PROPN Bank/PROPN "
      "agreed/VERB ./PUNCT");
  INFO(dump(doc));
  CHECK(find(doc, "Norvik Bank", "based in", "Lyon"));
  CHECK_FALSE(find(doc, "Vik Bank", "based in", "Lyon"));
  CHECK(find(doc, "Vik Bank", "based in", "Bergen"));
}

TEST_CASE("places: organisations listed after a nationality and a common noun share it") {
  const Document doc = tagged(
      "French/ADJ banks/NOUN Norvik/PROPN Bank/PROPN ,/PUNCT Halden/PROPN Group/PROPN and/CCONJ Vik/PROPN "
      "Bank/PROPN agreed/VERB ./PUNCT");
  INFO(dump(doc));
  CHECK(find(doc, "Norvik Bank", "based in", "France"));
  CHECK(find(doc, "Halden Group", "based in", "France"));
  CHECK(find(doc, "Vik Bank", "based in", "France"));
}

TEST_CASE("places: 'here' under a dateline is the dateline's place") {
  const Document doc = parsed(R"(
LIMA PROPN 8 dep
, PUNCT 1 punct
May PROPN 1 dep
5 NUM 3 nummod
-- PUNCT 1 punct
Henrik PROPN 7 compound
Dahl PROPN 8 nsubj
won VERB 0 root
the DET 10 det
final NOUN 8 obj
here ADV 8 advmod
on ADP 13 case
Monday PROPN 8 obl
. PUNCT 8 punct)");
  INFO(dump(doc));
  const kg::extract::Triple* t = find(doc, "Henrik Dahl", "win in", "Lima");
  REQUIRE(t != nullptr);
  CHECK(t->label == "win here");
  // With no dateline, "here" names no place.
  const Document no_dateline = parsed(R"(
Henrik PROPN 2 compound
Dahl PROPN 3 nsubj
won VERB 0 root
the DET 5 det
final NOUN 3 obj
here ADV 3 advmod
, PUNCT 3 punct
said VERB 3 parataxis
a DET 10 det
fan NOUN 8 nsubj
in ADP 12 case
Lima PROPN 8 obl
. PUNCT 3 punct)");
  INFO(dump(no_dateline));
  CHECK(find(no_dateline, "Henrik Dahl", "win in", "Lima") == nullptr);
}

TEST_CASE("places: an organisation owns the site named after its possessive") {
  // The recogniser reads both names; the mention finder makes "Tarnvik mine" a facility.
  Document doc = kg::test::tagged_text(
      "Workers/NOUN struck/VERB at/ADP the/DET Norvik/PROPN Group/PROPN 's/PART Tarnvik/PROPN mine/NOUN on/ADP "
      "Monday/PROPN ./PUNCT");
  std::vector<kg::extract::NerSpan> names(2);
  names[0].first = 4, names[0].last = 6, names[0].type = kg::extract::EntityType::Org;
  names[1].first = 7, names[1].last = 8, names[1].type = kg::extract::EntityType::Org;
  kg::extract::find_mentions(doc, Lexicon::builtin(), names);
  kg::extract::resolve_entities(doc);
  kg::extract::find_places_and_dates(doc, Lexicon::builtin());
  INFO(dump(doc));
  CHECK(find(doc, "Norvik Group", "own", "Tarnvik mine"));
}
