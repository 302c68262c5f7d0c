// The reporting frame on hand-written parses (tests/parsed_text.h): what is tested is the
// reading of each construction, not the parser. One TEST_CASE per construction or guard,
// and one through the models Pipeline for the hook; every sentence and name is invented
// (the place is real so the gazetteer types it).
#include "extract/kg/reporting.h"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "extract/kg/entities.h"
#include "extract/kg/mentions.h"
#include "extract/kg/pipeline.h"
#include "extract/nlp/lexicon.h"
#include "extract/text/tokenizer.h"
#include "tests/parsed_text.h"

using kg::extract::Document;
using kg::extract::Lexicon;

namespace {

Document reporting(std::string_view conll) {
  Document doc = kg::test::parsed_text(conll);
  const Lexicon& lexicon = Lexicon::builtin();
  kg::extract::find_mentions(doc, lexicon);
  kg::extract::resolve_entities(doc);
  kg::extract::find_reporting(doc, lexicon);
  return doc;
}

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

// The evidence of a triple as text.
std::string evidence(const Document& doc, const kg::extract::Triple& t) { return doc.text.substr(t.begin, t.end - t.begin); }

}  // namespace

TEST_CASE("reporting: the object of tell or inform is the addressee, a pronoun subject takes its antecedent") {
  const Document doc = reporting(R"(
Jonas PROPN NNP Jonas 3 nsubj
Eck PROPN NNP Eck 1 flat
told VERB VBD tell 0 root
Lara PROPN NNP Lara 3 iobj
Vossberg PROPN NNP Vossberg 4 flat
that SCONJ IN that 10 mark
the DET DT the 8 det
plan NOUN NN plan 10 nsubj
had AUX VBD have 10 aux
failed VERB VBN fail 3 ccomp
. PUNCT . . 3 punct
He PRON PRP he 13 nsubj
informed VERB VBD inform 0 root
the DET DT the 16 det
Tarnwell PROPN NNP Tarnwell 16 compound
Council PROPN NNP Council 13 obj
. PUNCT . . 13 punct)");
  INFO(dump(doc));
  const auto* t = find(doc, "Jonas Eck", "tell", "Lara Vossberg");
  REQUIRE(t != nullptr);
  CHECK(t->label == "tell");
  CHECK(evidence(doc, *t) == "Jonas Eck told Lara Vossberg");
  const auto* inform = find(doc, "Jonas Eck", "tell", "Tarnwell Council");
  REQUIRE(inform != nullptr);
  CHECK(inform->label == "inform");
  CHECK(doc.triples.size() == 2);
}

TEST_CASE("reporting: a passive tell takes its agent as the speaker") {
  const Document doc = reporting(R"(
Luca PROPN NNP Luca 4 nsubj:pass
Verri PROPN NNP Verri 1 flat
was AUX VBD be 4 aux:pass
told VERB VBN tell 0 root
by ADP IN by 6 case
Nadia PROPN NNP Nadia 4 obl:agent
Fenmore PROPN NNP Fenmore 6 flat
that SCONJ IN that 12 mark
the DET DT the 10 det
deal NOUN NN deal 12 nsubj
was AUX VBD be 12 cop
off ADV RB off 4 ccomp
. PUNCT . . 4 punct)");
  INFO(dump(doc));
  CHECK(find(doc, "Nadia Fenmore", "tell", "Luca Verri"));
  CHECK(doc.triples.size() == 1);
}

TEST_CASE("reporting: 'said to Y' and 'said in a statement to Y' name the addressee") {
  const Document doc = reporting(R"(
Tobias PROPN NNP Tobias 3 nsubj
Renholm PROPN NNP Renholm 1 flat
said VERB VBD say 0 root
to ADP IN to 5 case
Ilse PROPN NNP Ilse 3 obl
Varga PROPN NNP Varga 5 flat
that SCONJ IN that 11 mark
the DET DT the 9 det
vote NOUN NN vote 11 nsubj
would AUX MD would 11 aux
wait VERB VB wait 3 ccomp
. PUNCT . . 3 punct
Ines PROPN NNP Ines 15 nsubj
Palder PROPN NNP Palder 13 flat
said VERB VBD say 0 root
in ADP IN in 18 case
a DET DT a 18 det
statement NOUN NN statement 15 obl
to ADP IN to 22 case
the DET DT the 22 det
Wexmoor PROPN NNP Wexmoor 22 compound
Gazette PROPN NNP Gazette 18 nmod
that SCONJ IN that 26 mark
she PRON PRP she 26 nsubj
would AUX MD would 26 aux
resign VERB VB resign 15 ccomp
. PUNCT . . 15 punct)");
  INFO(dump(doc));
  const auto* t = find(doc, "Tobias Renholm", "tell", "Ilse Varga");
  REQUIRE(t != nullptr);
  CHECK(t->label == "say to");
  const auto* s = find(doc, "Ines Palder", "tell", "Wexmoor Gazette");
  REQUIRE(s != nullptr);
  CHECK(s->label == "say in statement to");
}

TEST_CASE("reporting: a spokes-noun in apposition, before the name or after it, names whom the person speaks for") {
  const Document doc = reporting(R"(
A DET DT a 2 det
spokesman NOUN NN spokesman 10 nsubj
for ADP IN for 5 case
Voskar PROPN NNP Voskar 5 compound
Industries PROPN NNPS Industries 2 nmod
, PUNCT , , 2 punct
Edmund PROPN NNP Edmund 8 compound
Tarrow PROPN NNP Tarrow 2 appos
, PUNCT , , 2 punct
said VERB VBD say 0 root
the DET DT the 12 det
plant NOUN NN plant 14 nsubj
would AUX MD would 14 aux
close VERB VB close 10 ccomp
. PUNCT . . 10 punct
Petra PROPN NNP Petra 27 nsubj
Lundvik PROPN NNP Lundvik 16 flat
, PUNCT , , 20 punct
a DET DT a 20 det
spokeswoman NOUN NN spokeswoman 16 appos
for ADP IN for 25 case
the DET DT the 25 det
Brackley PROPN NNP Brackley 25 compound
Trade PROPN NNP Trade 25 compound
Union PROPN NNP Union 20 nmod
, PUNCT , , 16 punct
said VERB VBD say 0 root
talks NOUN NNS talk 27 obj
continued VERB VBN continue 28 acl
. PUNCT . . 27 punct)");
  INFO(dump(doc));
  const auto* t = find(doc, "Edmund Tarrow", "spokesperson of", "Voskar Industries");
  REQUIRE(t != nullptr);
  CHECK(t->label == "spokesman for");
  CHECK(find(doc, "Petra Lundvik", "spokesperson of", "Brackley Trade Union"));
  CHECK(doc.triples.size() == 2);
}

TEST_CASE("reporting: a body before the spokes-noun, bare or possessive, with a press secretary") {
  const Document doc = reporting(R"(
Norvik PROPN NNP Norvik 3 compound
Energy PROPN NNP Energy 3 compound
spokesperson NOUN NN spokesperson 4 nmod:desc
Alma PROPN NNP Alma 6 nsubj
Ferrandez PROPN NNP Ferrandez 4 flat
said VERB VBD say 0 root
prices NOUN NNS price 9 nsubj
would AUX MD would 9 aux
rise VERB VB rise 6 ccomp
. PUNCT . . 6 punct
Tamsel PROPN NNP Tamsel 12 compound
Bank PROPN NNP Bank 15 nmod:poss
's PART POS 's 12 case
press NOUN NN press 15 compound
secretary NOUN NN secretary 20 nsubj
, PUNCT , , 17 punct
Wendy PROPN NNP Wendy 15 appos
Hollis PROPN NNP Hollis 17 flat
, PUNCT , , 15 punct
said VERB VBD say 0 root
the DET DT the 22 det
bank NOUN NN bank 24 nsubj
would AUX MD would 24 aux
appeal VERB VB appeal 20 ccomp
. PUNCT . . 20 punct)");
  INFO(dump(doc));
  const auto* t = find(doc, "Alma Ferrandez", "spokesperson of", "Norvik Energy");
  REQUIRE(t != nullptr);
  CHECK(t->label == "spokesperson of");
  const auto* p = find(doc, "Wendy Hollis", "spokesperson of", "Tamsel Bank");
  REQUIRE(p != nullptr);
  CHECK(p->label == "press secretary of");
}

TEST_CASE("reporting: 'who speaks for Y' and a copula with a representative") {
  const Document doc = reporting(R"(
Julian PROPN NNP Julian 11 nsubj
Okafor PROPN NNP Okafor 1 flat
, PUNCT , , 5 punct
who PRON WP who 5 nsubj
speaks VERB VBZ speak 1 acl:relcl
for ADP IN for 9 case
the DET DT the 9 det
Tamsel PROPN NNP Tamsel 9 compound
Party PROPN NNP Party 5 obl
, PUNCT , , 5 punct
welcomed VERB VBD welcome 0 root
the DET DT the 13 det
plan NOUN NN plan 11 obj
. PUNCT . . 11 punct
Vera PROPN NNP Vera 20 nsubj
Olsen PROPN NNP Olsen 15 flat
is AUX VBZ be 20 cop
a DET DT a 20 det
senior ADJ JJ senior 20 amod
representative NOUN NN representative 0 root
of ADP IN of 24 case
the DET DT the 24 det
Quarrow PROPN NNP Quarrow 24 compound
Union PROPN NNP Union 20 nmod
. PUNCT . . 20 punct)");
  INFO(dump(doc));
  const auto* t = find(doc, "Julian Okafor", "spokesperson of", "Tamsel Party");
  REQUIRE(t != nullptr);
  CHECK(t->label == "speak for");
  const auto* r = find(doc, "Vera Olsen", "spokesperson of", "Quarrow Union");
  REQUIRE(r != nullptr);
  CHECK(r->label == "representative of");
}

TEST_CASE("reporting: a representative of a kind is an office, not a speaker") {
  const Document doc = reporting(R"(
Tomas PROPN NNP Tomas 10 nsubj
Brevik PROPN NNP Brevik 1 flat
, PUNCT , , 6 punct
a DET DT a 6 det
sales NOUN NNS sale 6 compound
representative NOUN NN representative 1 appos
for ADP IN for 9 case
Harlan PROPN NNP Harlan 9 compound
Foods PROPN NNPS Foods 6 nmod
said VERB VBD say 0 root
demand NOUN NN demand 11 nsubj
fell VERB VBD fall 10 ccomp
. PUNCT . . 10 punct)");
  INFO(dump(doc));
  CHECK(doc.triples.empty());
}

TEST_CASE("reporting: 'according to X' is attribution, unless X is a spokes-noun of the body") {
  const Document doc = reporting(R"(
According VERB VBG accord 3 case
to ADP IN to 1 fixed
Dara PROPN NNP Dara 8 obl
Mossgrave PROPN NNP Mossgrave 3 flat
, PUNCT , , 8 punct
Quarrow PROPN NNP Quarrow 7 compound
Mining PROPN NNP Mining 8 nsubj
cut VERB VBD cut 0 root
its PRON PRP$ its 10 nmod:poss
output NOUN NN output 8 obj
. PUNCT . . 8 punct
According VERB VBG accord 17 case
to ADP IN to 12 fixed
Quarrow PROPN NNP Quarrow 15 compound
Mining PROPN NNP Mining 16 compound
spokesman NOUN NN spokesman 17 nmod:desc
Hugo PROPN NNP Hugo 23 obl
Brandl PROPN NNP Brandl 17 flat
, PUNCT , , 23 punct
the DET DT the 21 det
mine NOUN NN mine 23 nsubj
will AUX MD will 23 aux
reopen VERB VB reopen 0 root
. PUNCT . . 23 punct)");
  INFO(dump(doc));
  CHECK(find(doc, "Hugo Brandl", "spokesperson of", "Quarrow Mining"));
  CHECK(doc.triples.size() == 1);  // nothing between Dara Mossgrave and Quarrow Mining
}

TEST_CASE("reporting: the place of 'told reporters in Z' is not an addressee") {
  const Document doc = reporting(R"(
Selma PROPN NNP Selma 3 nsubj
Ward PROPN NNP Ward 1 flat
told VERB VBD tell 0 root
reporters NOUN NNS reporter 3 iobj
in ADP IN in 6 case
Porto PROPN NNP Porto 4 nmod
that SCONJ IN that 11 mark
the DET DT the 9 det
bank NOUN NN bank 11 nsubj
would AUX MD would 11 aux
grow VERB VB grow 3 ccomp
. PUNCT . . 3 punct)");
  INFO(dump(doc));
  CHECK(doc.triples.empty());
}

TEST_CASE("reporting: a negated, refused or former statement gives no edge, nor does a verb that is no speech") {
  const Document doc = reporting(R"(
Gideon PROPN NNP Gideon 5 nsubj
Pell PROPN NNP Pell 1 flat
did AUX VBD do 5 aux
not PART RB not 5 advmod
tell VERB VB tell 0 root
Rosa PROPN NNP Rosa 5 iobj
Imvalle PROPN NNP Imvalle 6 flat
about ADP IN about 10 case
the DET DT the 10 det
deal NOUN NN deal 5 obl
. PUNCT . . 5 punct
Karin PROPN NNP Karin 17 nsubj
Dahlgren PROPN NNP Dahlgren 12 flat
is AUX VBZ be 17 cop
not PART RB not 17 advmod
a DET DT a 17 det
spokeswoman NOUN NN spokeswoman 0 root
for ADP IN for 20 case
Tellmark PROPN NNP Tellmark 20 compound
Group PROPN NNP Group 17 nmod
. PUNCT . . 17 punct
Marek PROPN NNP Marek 24 nsubj
Sollen PROPN NNP Sollen 22 flat
kicked VERB VBD kick 0 root
Arno PROPN NNP Arno 26 compound
Bright PROPN NNP Bright 24 obj
during ADP IN during 29 case
the DET DT the 29 det
match NOUN NN match 24 obl
. PUNCT . . 24 punct
Corinne PROPN NNP Corinne 33 nsubj
Abel PROPN NNP Abel 31 flat
refused VERB VBD refuse 0 root
to PART TO to 35 mark
tell VERB VB tell 33 xcomp
Oskar PROPN NNP Oskar 35 iobj
Lind PROPN NNP Lind 36 flat
the DET DT the 39 det
price NOUN NN price 35 obj
. PUNCT . . 33 punct
Fabian PROPN NNP Fabian 0 root
Strayne PROPN NNP Strayne 41 flat
, PUNCT , , 46 punct
a DET DT a 46 det
former ADJ JJ former 46 amod
spokesman NOUN NN spokesman 41 appos
for ADP IN for 49 case
Brackley PROPN NNP Brackley 49 compound
Bank PROPN NNP Bank 46 nmod
. PUNCT . . 41 punct)");
  INFO(dump(doc));
  CHECK(doc.triples.empty());
}

TEST_CASE("reporting: the models pipeline runs the frame, and its relations classify as said and role") {
  kg::extract::PipelineOptions options;
  options.extractor = "models";
  const kg::extract::Pipeline pipeline(options);
  Document doc;
  doc.name = "test.txt";
  doc.text =
      "Tobias Renholm said to Ilse Varga that the vote would wait. "
      "A spokesman for Voskar Industries, Edmund Tarrow, said the plant would close.";
  pipeline.run(doc);
  INFO(dump(doc));
  const auto* t = find(doc, "Tobias Renholm", "tell", "Ilse Varga");
  REQUIRE(t != nullptr);
  CHECK(t->relation_class == kg::extract::RelationClass::Said);
  const auto* s = find(doc, "Edmund Tarrow", "spokesperson of", "Voskar Industries");
  REQUIRE(s != nullptr);
  CHECK(s->relation_class == kg::extract::RelationClass::Role);
}

// ---- datelines ---------------------------------------------------------------------------

namespace {

// Datelines need no parse: the text through the tokenizer and the name stages only.
Document dateline(const char* text) {
  Document doc;
  doc.text = text;
  const Lexicon& lexicon = Lexicon::builtin();
  kg::extract::tokenize(doc);
  kg::extract::find_mentions(doc, lexicon);
  kg::extract::resolve_entities(doc);
  kg::extract::find_reporting(doc, lexicon);
  return doc;
}

}  // namespace

TEST_CASE("reporting: the agency in brackets in a dateline reports from its place") {
  const Document doc = dateline("Mayor quits\nBERGEN (Norvik Times) - The mayor resigned on Monday.");
  INFO(dump(doc));
  const kg::extract::Triple* t = find(doc, "Norvik Times", "report from", "Bergen");
  REQUIRE(t != nullptr);
  CHECK(evidence(doc, *t) == "BERGEN (Norvik Times");
}

TEST_CASE("reporting: a dateline with a date and a country before the agency") {
  const Document doc = dateline("Bergen, Norway, Jan. 5 (Norvik Times) -- The mayor resigned on Monday.");
  INFO(dump(doc));
  CHECK(find(doc, "Norvik Times", "report from", "Bergen") != nullptr);
  CHECK(doc.triples.size() == 1);
}

TEST_CASE("reporting: a place opening a sentence with an organisation and no dash is no dateline") {
  const Document doc = dateline("Bergen (Norvik Times) reported the mayor resigned.");
  INFO(dump(doc));
  CHECK(find(doc, "Norvik Times", "report from", "Bergen") == nullptr);
}

TEST_CASE("reporting: lower-case words between a place and a dash make no dateline") {
  const Document doc = dateline("Bergen officials told the Norvik Times - a weekly - that the mayor resigned.");
  INFO(dump(doc));
  CHECK(find(doc, "Norvik Times", "report from", "Bergen") == nullptr);
}
