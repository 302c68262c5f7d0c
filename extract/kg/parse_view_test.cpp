// ParseView (parse_view.h): what it reads off one token. The frames' tests (roles,
// places, parse relations, reporting, the relation filter) cover the rest through them.
// Every sentence and name is invented. One TEST_CASE per edge case.
#include "extract/kg/parse_view.h"

#include <doctest/doctest.h>

#include <string_view>
#include <vector>

#include "extract/kg/entities.h"
#include "extract/kg/mentions.h"
#include "extract/nlp/lexicon.h"
#include "tests/parsed_text.h"

using kg::extract::Document;
using kg::extract::Lexicon;
using kg::extract::ParseView;

namespace {

Document resolved(std::string_view conll) {
  Document doc = kg::test::parsed_text(conll);
  kg::extract::find_mentions(doc, Lexicon::builtin());
  kg::extract::resolve_entities(doc);
  return doc;
}

}  // namespace

TEST_CASE("parse view: a verb's lemma is the verb lexicon's, whatever the tagger said") {
  Document doc = resolved(R"(
Ana PROPN NNP Ana 3 nsubj
Reyes PROPN NNP Reyes 1 flat
signed VERB VBD signed 0 root
a DET DT a 5 det
deal NOUN NN deal 3 obj
. PUNCT . . 3 punct)");
  const ParseView v(doc, Lexicon::builtin());
  CHECK(v.lemma(2) == "sign");
  CHECK(v.predicate(2) == "sign");
}

TEST_CASE("parse view: a lemma asked for twice is the same string") {
  Document doc = resolved(R"(
Ana PROPN NNP Ana 3 nsubj
Reyes PROPN NNP Reyes 1 flat
signed VERB VBD signed 0 root
a DET DT a 5 det
deal NOUN NN deal 3 obj
. PUNCT . . 3 punct)");
  const ParseView v(doc, Lexicon::builtin());
  const std::string& first = v.lemma(2);
  CHECK(&v.lemma(2) == &first);
  CHECK(first == "sign");
}

TEST_CASE("parse view: a word other than a verb has the tagger's lemma") {
  Document doc = resolved(R"(
Ana PROPN NNP Ana 3 nsubj
Reyes PROPN NNP Reyes 1 flat
signed VERB VBD sign 0 root
two NUM CD two 5 nummod
deals NOUN NNS deal 3 obj
. PUNCT . . 3 punct)");
  const ParseView v(doc, Lexicon::builtin());
  CHECK(v.lemma(4) == "deal");
}

TEST_CASE("parse view: a word without a lemma has its lower-case form") {
  Document doc = resolved(R"(
Ana PROPN 3 nsubj
Reyes PROPN 1 flat
signed VERB 0 root
Deals NOUN 3 obj
. PUNCT 3 punct)");
  const ParseView v(doc, Lexicon::builtin());
  CHECK(v.lemma(3) == "deals");
}

namespace {

// Three sentences, each "Name Surname signed a deal ." (heads within the sentence).
constexpr std::string_view kThreeSentences = R"(
Ana PROPN NNP Ana 3 nsubj
Reyes PROPN NNP Reyes 1 flat
signed VERB VBD signed 0 root
a DET DT a 5 det
deal NOUN NN deal 3 obj
. PUNCT . . 3 punct
Tomas PROPN NNP Tomas 9 nsubj
Varga PROPN NNP Varga 7 flat
signed VERB VBD signed 0 root
a DET DT a 11 det
deal NOUN NN deal 9 obj
. PUNCT . . 9 punct
Ines PROPN NNP Ines 15 nsubj
Kolar PROPN NNP Kolar 13 flat
signed VERB VBD signed 0 root
a DET DT a 17 det
deal NOUN NN deal 15 obj
. PUNCT . . 15 punct)";

}  // namespace

TEST_CASE("parse view: what it knows of a token is the same asked in any order of sentences") {
  Document doc = resolved(kThreeSentences);
  REQUIRE(doc.sentences.size() == 3);
  const ParseView v(doc, Lexicon::builtin());
  // Last sentence first, then the first, then the middle: each switch rebuilds a window.
  for (const std::uint32_t t : {12u, 0u, 6u, 13u, 1u, 7u}) {
    CHECK(v.sentence_of(t) == t / 6);
    CHECK(v.owner(t) >= 0);
    CHECK(v.name_at(t) == v.owner(t));
    CHECK(v.mention(v.owner(t)).sentence == t / 6);
    CHECK(v.date_at(t) == -1);
  }
  for (const std::uint32_t t : {3u, 15u, 9u}) CHECK(v.owner(t) == -1);
  CHECK(v.lower(12) == "ines");
  CHECK(v.lemma(14) == "sign");
  CHECK(v.lemma(2) == "sign");
}

TEST_CASE("parse view: a token's dependents stay readable while other sentences are read") {
  Document doc = resolved(kThreeSentences);
  const ParseView v(doc, Lexicon::builtin());
  const auto first = v.children(2);  // "signed" of the first sentence: Ana, deal, "."
  // Reading the two other sentences drops the first sentence's window.
  CHECK(v.children(8).size() == 3);
  CHECK(v.children(14).size() == 3);
  REQUIRE(first.size() == 3);
  CHECK(first[0] == 0);
  CHECK(first[1] == 4);
  CHECK(first[2] == 5);
  CHECK(v.children(0).size() == 1);  // Reyes hangs on Ana
  CHECK(v.children(3).empty());
}

TEST_CASE("parse view: a document whose sentences do not cover its tokens is read as one block") {
  Document doc = resolved(kThreeSentences);
  doc.sentences.erase(doc.sentences.begin() + 1);  // the middle sentence's tokens belong to none
  const ParseView v(doc, Lexicon::builtin());
  CHECK(v.sentence_of(0) == 0);
  CHECK(v.sentence_of(7) == 0);   // no sentence covers it
  CHECK(v.sentence_of(13) == 1);  // the third sentence is now the second
  CHECK(v.owner(13) >= 0);
  CHECK(v.children(8).size() == 3);
}

TEST_CASE("parse view: a person's name right after a singular noun is who the noun stands for") {
  // "his counterpart Luis Vega", with the name hung on the first person as the parser may.
  Document doc = resolved(R"(
Ana PROPN NNP Ana 2 compound
Reyes PROPN NNP Reyes 8 nsubj
and CCONJ CC and 5 cc
his PRON PRP$ his 5 nmod:poss
counterpart NOUN NN counterpart 2 conj
Luis PROPN NNP Luis 7 compound
Vega PROPN NNP Vega 2 flat
ended VERB VBD end 0 root
talks NOUN NNS talk 8 obj
. PUNCT . . 8 punct)");
  const ParseView v(doc, Lexicon::builtin());
  std::vector<kg::extract::Arg> out;
  v.entities_of(4, out);
  REQUIRE(out.size() == 1);
  CHECK(doc.entities[out[0].entity].name == "Luis Vega");
}

TEST_CASE("parse view: a name that is the subject of its own clause is not the noun before it") {
  Document doc = resolved(R"(
Officials NOUN NNS official 2 nsubj
sold VERB VBD sell 0 root
the DET DT the 4 det
firm NOUN NN firm 2 obj
Luis PROPN NNP Luis 6 compound
Vega PROPN NNP Vega 7 nsubj
founded VERB VBD found 4 acl:relcl
. PUNCT . . 2 punct)");
  const ParseView v(doc, Lexicon::builtin());
  std::vector<kg::extract::Arg> out;
  v.entities_of(3, out);
  CHECK(out.empty());
}

TEST_CASE("parse view: 'X, 48, who ...' has X as its subject however the clause is hung") {
  Document doc = resolved(R"(
Officials NOUN NNS official 2 nsubj
praised VERB VBD praise 0 root
Luis PROPN NNP Luis 4 compound
Vega PROPN NNP Vega 2 obj
, PUNCT , , 6 punct
48 NUM CD 48 2 obl
, PUNCT , , 9 punct
who PRON WP who 9 nsubj
became VERB VBD become 2 parataxis
chairman NOUN NN chairman 9 xcomp
. PUNCT . . 2 punct)");
  const ParseView v(doc, Lexicon::builtin());
  std::vector<kg::extract::Arg> out;
  v.subjects_of(8, out);
  REQUIRE(out.size() == 1);
  CHECK(doc.entities[out[0].entity].name == "Luis Vega");
}

namespace {

// "Vantor Corp cut jobs. Vantor Corp hired Lena Holt." then `third`, a sentence of four
// tokens whose second (token 12) is the noun asked about, hung on the verb (token 13).
constexpr std::string_view kTwiceNamed = R"(
Vantor PROPN NNP Vantor 2 compound
Corp PROPN NNP Corp 3 nsubj
cut VERB VBD cut 0 root
jobs NOUN NNS job 3 obj
. PUNCT . . 3 punct
Vantor PROPN NNP Vantor 7 compound
Corp PROPN NNP Corp 8 nsubj
hired VERB VBD hire 0 root
Lena PROPN NNP Lena 10 compound
Holt PROPN NNP Holt 8 obj
. PUNCT . . 8 punct
)";

std::vector<kg::extract::Arg> described(std::string_view third) {
  Document doc = resolved(std::string(kTwiceNamed) + std::string(third));
  const ParseView v(doc, Lexicon::builtin());
  std::vector<kg::extract::Arg> out;
  v.entities_of(12, out);
  for (auto& a : out) INFO(doc.entities[a.entity].name);
  if (!out.empty()) CHECK(doc.entities[out[0].entity].name == "Vantor Corp");
  return out;
}

}  // namespace

TEST_CASE("parse view: 'the company' is the organisation named most often before it") {
  CHECK(described(R"(
The DET DT the 13 det
company NOUN NN company 14 nsubj
opened VERB VBD open 0 root
mines NOUN NNS mine 14 obj
. PUNCT . . 14 punct)")
            .size() == 1);
}

TEST_CASE("parse view: a described 'company' is another one") {
  CHECK(described(R"(
The DET DT the 13 det
rival ADJ JJ rival 13 amod
company NOUN NN company 15 nsubj
opened VERB VBD open 0 root
. PUNCT . . 15 punct)")
            .empty());
}

TEST_CASE("parse view: 'a company' stands for no organisation named before") {
  CHECK(described(R"(
A DET DT a 13 det
company NOUN NN company 14 nsubj
opened VERB VBD open 0 root
mines NOUN NNS mine 14 obj
. PUNCT . . 14 punct)")
            .empty());
}

TEST_CASE("parse view: 'the team' is no organisation whose name makes it another kind of body") {
  // Only "Kalvik Football Federation" is named twice; it ends in another body noun.
  Document doc = resolved(R"(
The DET DT the 4 det
Kalvik PROPN NNP Kalvik 4 compound
Football PROPN NNP Football 4 compound
Federation PROPN NNP Federation 5 nsubj
sacked VERB VBD sack 0 root
the DET DT the 7 det
coach NOUN NN coach 5 obj
. PUNCT . . 5 punct
The DET DT the 12 det
Kalvik PROPN NNP Kalvik 12 compound
Football PROPN NNP Football 12 compound
Federation PROPN NNP Federation 13 nsubj
met VERB VBD meet 0 root
. PUNCT . . 13 punct
The DET DT the 16 det
team NOUN NN team 17 nsubj
lost VERB VBD lose 0 root
. PUNCT . . 17 punct)");
  REQUIRE(doc.entities.size() == 1);
  const ParseView v(doc, Lexicon::builtin());
  std::vector<kg::extract::Arg> out;
  v.entities_of(15, out);
  CHECK(out.empty());
}

TEST_CASE("parse view: 'the team' is the organisation the same noun was set beside earlier") {
  // "The Kalvik Football Federation sacked the coach of the national team, the Vossen
  // Kestrels. The Kalvik Football Federation met. The team lost." The federation is named
  // more often, but the team was introduced by name.
  constexpr std::string_view kIntroduced = R"(
The DET DT the 4 det
Kalvik PROPN NNP Kalvik 4 compound
Football PROPN NNP Football 4 compound
Federation PROPN NNP Federation 5 nsubj
sacked VERB VBD sack 0 root
the DET DT the 7 det
coach NOUN NN coach 5 obj
of ADP IN of 11 case
the DET DT the 11 det
national ADJ JJ national 11 amod
team NOUN NN team 7 nmod
, PUNCT , , 15 punct
the DET DT the 15 det
Vossen PROPN NNP Vossen 15 compound
Kestrels PROPN NNPS Kestrels 5 appos
. PUNCT . . 5 punct
The DET DT the 20 det
Kalvik PROPN NNP Kalvik 20 compound
Football PROPN NNP Football 20 compound
Federation PROPN NNP Federation 21 nsubj
met VERB VBD meet 0 root
. PUNCT . . 21 punct
The DET DT the 24 det
team NOUN NN team 25 nsubj
lost VERB VBD lose 0 root
. PUNCT . . 25 punct)";
  Document doc = resolved(kIntroduced);
  for (kg::extract::Mention& m : doc.mentions)
    if (m.text == "Vossen Kestrels") m.type = kg::extract::EntityType::Org;
  const ParseView v(doc, Lexicon::builtin());
  std::vector<kg::extract::Arg> out;
  v.entities_of(23, out);
  REQUIRE(out.size() == 1);
  CHECK(doc.entities[out[0].entity].name == "Vossen Kestrels");
  // Another body noun ("the club") was never set beside a name: nothing stands out.
  Document club = resolved(kIntroduced);
  club.tokens[23].form = club.tokens[23].norm = "club";
  for (kg::extract::Mention& m : club.mentions)
    if (m.text == "Vossen Kestrels") m.type = kg::extract::EntityType::Org;
  const ParseView w(club, Lexicon::builtin());
  out.clear();
  w.entities_of(23, out);
  CHECK(out.empty());
}

TEST_CASE("parse view: a city right after an organisation's name and a comma is its address") {
  // "The Halden Museum, Bergen named Lena Holt its director", Bergen hung as the subject.
  Document doc = resolved(R"(
The DET DT the 3 det
Halden PROPN NNP Halden 3 compound
Museum PROPN NNP Museum 5 appos
, PUNCT , , 5 punct
Bergen PROPN NNP Bergen 6 nsubj
named VERB VBD name 0 root
Lena PROPN NNP Lena 8 compound
Holt PROPN NNP Holt 6 obj
. PUNCT . . 6 punct)");
  const ParseView v(doc, Lexicon::builtin());
  std::vector<kg::extract::Arg> out;
  v.entities_of(4, out);
  REQUIRE(out.size() == 1);
  CHECK(doc.entities[out[0].entity].name == "Halden Museum");
}

TEST_CASE("parse view: a city in a list after an organisation is no address") {
  Document doc = resolved(R"(
The DET DT the 3 det
Halden PROPN NNP Halden 3 compound
Museum PROPN NNP Museum 8 nsubj
, PUNCT , , 5 punct
Bergen PROPN NNP Bergen 3 conj
and CCONJ CC and 7 cc
Oslo PROPN NNP Oslo 3 conj
met VERB VBD meet 0 root
. PUNCT . . 8 punct)");
  const ParseView v(doc, Lexicon::builtin());
  std::vector<kg::extract::Arg> out;
  v.entities_of(4, out);
  REQUIRE(out.size() == 1);
  CHECK(doc.entities[out[0].entity].name == "Bergen");
}

TEST_CASE("parse view: 'we' in a quotation is the speaker of the reporting verb") {
  // '"We thank Norway," Lena Holt said.' with "said" hung on the quotation's verb.
  Document doc = resolved(R"(
" PUNCT `` " 3 punct
We PRON PRP we 3 nsubj
thank VERB VBP thank 0 root
Norway PROPN NNP Norway 3 obj
, PUNCT , , 3 punct
" PUNCT '' " 3 punct
Lena PROPN NNP Lena 8 compound
Holt PROPN NNP Holt 9 nsubj
said VERB VBD say 3 parataxis
. PUNCT . . 3 punct)");
  const ParseView v(doc, Lexicon::builtin());
  std::vector<kg::extract::Arg> out;
  v.entities_of(1, out);
  REQUIRE(out.size() == 1);
  CHECK(doc.entities[out[0].entity].name == "Lena Holt");
}

TEST_CASE("parse view: 'we' outside a quotation stands for no one") {
  Document doc = resolved(R"(
We PRON PRP we 2 nsubj
thank VERB VBP thank 0 root
Norway PROPN NNP Norway 2 obj
, PUNCT , , 2 punct
Lena PROPN NNP Lena 6 compound
Holt PROPN NNP Holt 7 nsubj
said VERB VBD say 2 parataxis
. PUNCT . . 2 punct)");
  const ParseView v(doc, Lexicon::builtin());
  std::vector<kg::extract::Arg> out;
  v.entities_of(0, out);
  CHECK(out.empty());
}

TEST_CASE("parse view: 'the government of X' stands for the state") {
  Document doc = resolved(R"(
Officials NOUN NNS official 2 nsubj
thanked VERB VBD thank 0 root
the DET DT the 4 det
government NOUN NN government 2 obj
of ADP IN of 6 case
Norway PROPN NNP Norway 4 nmod
. PUNCT . . 2 punct)");
  const ParseView v(doc, Lexicon::builtin());
  std::vector<kg::extract::Arg> out;
  v.entities_of(3, out);
  REQUIRE(out.size() == 1);
  CHECK(doc.entities[out[0].entity].name == "Norway");
}

namespace {

// The names listed with the mention named `name` in a tagged sentence.
std::vector<std::string> listed(std::string_view tagged, std::string_view name) {
  Document doc = kg::test::tagged_text(tagged);
  kg::extract::find_mentions(doc, Lexicon::builtin());
  kg::extract::resolve_entities(doc);
  const ParseView v(doc, Lexicon::builtin());
  std::vector<std::string> out;
  for (std::size_t m = 0; m < doc.mentions.size(); ++m)
    if (doc.mentions[m].text == name)
      for (const int other : v.listed_with(static_cast<int>(m))) out.push_back(std::string(doc.mentions[other].text));
  return out;
}

}  // namespace

TEST_CASE("parse view: people listed with commas and 'and' are listed together") {
  const auto out = listed("Anna/PROPN Berg/PROPN ,/PUNCT Henrik/PROPN Dahl/PROPN and/CCONJ Maria/PROPN Lopez/PROPN arrived/VERB ./PUNCT",
                          "Anna Berg");
  CHECK(out == std::vector<std::string>{"Henrik Dahl", "Maria Lopez"});
}

TEST_CASE("parse view: two names with a comma between may be a name and its apposition") {
  CHECK(listed("Anna/PROPN Berg/PROPN ,/PUNCT Henrik/PROPN Dahl/PROPN 's/PART lawyer/NOUN ,/PUNCT arrived/VERB ./PUNCT",
               "Anna Berg")
            .empty());
}

TEST_CASE("parse view: items split by semicolons may carry words of their own, but no verb") {
  const auto out = listed("Anna/PROPN Berg/PROPN ,/PUNCT leader/NOUN in/ADP the/DET outgoing/ADJ house/NOUN ;/PUNCT "
                          "Henrik/PROPN Dahl/PROPN arrived/VERB ./PUNCT",
                          "Anna Berg");
  CHECK(out == std::vector<std::string>{"Henrik Dahl"});
  CHECK(listed("Anna/PROPN Berg/PROPN spoke/VERB ;/PUNCT Henrik/PROPN Dahl/PROPN arrived/VERB ./PUNCT", "Anna Berg").empty());
}
