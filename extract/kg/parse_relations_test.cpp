// Relations read off hand-written parses: each case gives the tags and the tree, so what is
// tested is the path reading, not the parser. One TEST_CASE per path or guard.
#include "extract/kg/parse_relations.h"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "extract/kg/coreference.h"
#include "extract/kg/entities.h"
#include "extract/kg/mentions.h"
#include "extract/kg/relations.h"
#include "extract/kg/works.h"
#include "extract/nlp/lexicon.h"
#include "extract/text/tokenizer.h"
#include "tests/parsed_text.h"

using kg::extract::Document;
using kg::extract::Lexicon;

namespace {

// The hand-written parse (tests/parsed_text.h) with the rule stages run on it.
Document parsed(std::string_view conll, bool rules_relations = true) {
  Document doc = kg::test::parsed_text(conll);
  const Lexicon& lexicon = Lexicon::builtin();
  kg::extract::find_mentions(doc, lexicon);
  kg::extract::resolve_entities(doc);
  if (rules_relations) kg::extract::find_relations(doc, lexicon);
  return doc;
}

bool has(const Document& doc, std::string_view s, std::string_view relation, std::string_view o) {
  for (const auto& t : doc.triples)
    if (doc.entities[t.subject].name == s && t.relation == relation && doc.entities[t.object].name == o) return true;
  return false;
}

std::string dump(const Document& doc) {
  std::string out;
  for (const auto& e : doc.entities) out += "entity " + e.name + " " + std::string(to_string(e.type)) + "\n";
  for (const auto& t : doc.triples)
    out += doc.entities[t.subject].name + " | " + t.relation + " | " + doc.entities[t.object].name + "\n";
  return out;
}

// The works stage needs quotes glued to the title, which a hand-written parse cannot spell:
// the test types the work itself.
void as_work(Document& doc, std::string_view name) {
  for (auto& e : doc.entities)
    if (e.name == name) e.type = kg::extract::EntityType::WorkOfArt;
}

void run(Document& doc) { kg::extract::find_parse_relations(doc, Lexicon::builtin()); }

}  // namespace

TEST_CASE("parse relations: subject and direct object") {
  Document doc = parsed(R"(
Germany PROPN NNP Germany 2 nsubj
condemned VERB VBD condemn 0 root
France PROPN NNP France 2 obj
. PUNCT . . 2 punct)",
                        false);
  run(doc);
  INFO(dump(doc));
  CHECK(has(doc, "Germany", "condemn", "France"));
  CHECK(doc.triples.size() == 1);
}

TEST_CASE("parse relations: a common-noun object joins the predicate of a prepositional object") {
  Document doc = parsed(R"(
Germany PROPN NNP Germany 2 nsubj
imposed VERB VBD impose 0 root
sanctions NOUN NNS sanction 2 obj
on ADP IN on 5 case
France PROPN NNP France 2 obl
. PUNCT . . 2 punct)",
                        false);
  run(doc);
  INFO(dump(doc));
  CHECK(has(doc, "Germany", "impose sanctions on", "France"));
}

TEST_CASE("parse relations: a prepositional phrase hung on the object noun counts too") {
  Document doc = parsed(R"(
Germany PROPN NNP Germany 2 nsubj
opened VERB VBD open 0 root
talks NOUN NNS talk 2 obj
with ADP IN with 5 case
France PROPN NNP France 3 nmod
. PUNCT . . 2 punct)",
                        false);
  run(doc);
  INFO(dump(doc));
  CHECK(has(doc, "Germany", "open talks with", "France"));
}

TEST_CASE("parse relations: 'met with' is a meeting, 'met in' its place") {
  Document doc = parsed(R"(
Germany PROPN NNP Germany 2 nsubj
met VERB VBD meet 0 root
with ADP IN with 4 case
France PROPN NNP France 2 obl
in ADP IN in 6 case
Geneva PROPN NNP Geneva 2 obl
. PUNCT . . 2 punct)",
                        false);
  run(doc);
  INFO(dump(doc));
  CHECK(has(doc, "Germany", "meet", "France"));
  CHECK(has(doc, "Germany", "meet in", "Geneva"));
  CHECK_FALSE(has(doc, "Germany", "meet with", "France"));
}

TEST_CASE("parse relations: 'in' after a verb that names no event is a circumstance") {
  Document doc = parsed(R"(
Germany PROPN NNP Germany 2 nsubj
arrested VERB VBD arrest 0 root
activists NOUN NNS activist 2 obj
in ADP IN in 5 case
France PROPN NNP France 2 obl
. PUNCT . . 2 punct)",
                        false);
  run(doc);
  INFO(dump(doc));
  CHECK(doc.triples.empty());
}

TEST_CASE("parse relations: a place that describes the object is where the subject acts") {
  // "operates mines in Chile": the mines are in Chile, so the company operates there.
  Document doc = parsed(R"(
Germany PROPN NNP Germany 2 nsubj
operates VERB VBZ operate 0 root
mines NOUN NNS mine 2 obj
in ADP IN in 5 case
Chile PROPN NNP Chile 3 nmod
. PUNCT . . 2 punct)",
                        false);
  run(doc);
  INFO(dump(doc));
  CHECK(has(doc, "Germany", "operate mines in", "Chile"));
}

TEST_CASE("parse relations: a party that describes the object is no place the subject acts in") {
  Document doc = parsed(R"(
Germany PROPN NNP Germany 2 nsubj
hired VERB VBD hire 0 root
lawyers NOUN NNS lawyer 2 obj
at ADP IN at 6 case
Vantor PROPN NNP Vantor 6 compound
Corp PROPN NNP Corp 3 nmod
. PUNCT . . 2 punct)",
                        false);
  run(doc);
  INFO(dump(doc));
  CHECK(doc.triples.empty());
}

TEST_CASE("parse relations: an accord signed between two parties links them") {
  Document doc = parsed(R"(
An DET DT a 2 det
agreement NOUN NN agreement 4 nsubj:pass
was AUX VBD be 4 aux:pass
signed VERB VBN sign 0 root
between ADP IN between 6 case
Germany PROPN NNP Germany 4 obl
and CCONJ CC and 8 cc
France PROPN NNP France 6 conj
. PUNCT . . 4 punct)",
                        false);
  run(doc);
  INFO(dump(doc));
  CHECK(has(doc, "Germany", "sign agreement with", "France"));
}

TEST_CASE("parse relations: an accord between one party and no other links no one") {
  Document doc = parsed(R"(
An DET DT a 2 det
agreement NOUN NN agreement 4 nsubj:pass
was AUX VBD be 4 aux:pass
signed VERB VBN sign 0 root
between ADP IN between 7 case
the DET DT the 7 det
parties NOUN NNS party 4 obl
in ADP IN in 9 case
Germany PROPN NNP Germany 7 nmod
. PUNCT . . 4 punct)",
                        false);
  run(doc);
  INFO(dump(doc));
  CHECK(doc.triples.empty());
}

TEST_CASE("parse relations: passive with a by-agent runs from the agent") {
  Document doc = parsed(R"(
France PROPN NNP France 3 nsubj:pass
was AUX VBD be 3 aux:pass
condemned VERB VBN condemn 0 root
by ADP IN by 5 case
Germany PROPN NNP Germany 3 obl:agent
. PUNCT . . 3 punct)",
                        false);
  run(doc);
  INFO(dump(doc));
  CHECK(has(doc, "Germany", "condemn", "France"));
  CHECK_FALSE(has(doc, "France", "condemn", "Germany"));
}

TEST_CASE("parse relations: coordinated subjects and objects each get the triple") {
  Document doc = parsed(R"(
Germany PROPN NNP Germany 4 nsubj
and CCONJ CC and 3 cc
France PROPN NNP France 1 conj
condemned VERB VBD condemn 0 root
Italy PROPN NNP Italy 4 obj
and CCONJ CC and 7 cc
Spain PROPN NNP Spain 5 conj
. PUNCT . . 4 punct)",
                        false);
  run(doc);
  INFO(dump(doc));
  CHECK(has(doc, "Germany", "condemn", "Italy"));
  CHECK(has(doc, "Germany", "condemn", "Spain"));
  CHECK(has(doc, "France", "condemn", "Italy"));
  CHECK(has(doc, "France", "condemn", "Spain"));
}

TEST_CASE("parse relations: names a common-noun object includes take its part") {
  Document doc = parsed(R"(
Norvik PROPN NNP Norvik 2 compound
Holdings PROPN NNPS Holdings 3 nsubj
acquired VERB VBD acquire 0 root
several ADJ JJ several 5 amod
firms NOUN NNS firm 3 obj
, PUNCT , , 9 punct
including VERB VBG include 9 case
Halden PROPN NNP Halden 9 compound
Logistics PROPN NNP Logistics 5 nmod
and CCONJ CC and 12 cc
Tolvik PROPN NNP Tolvik 12 compound
Shipping PROPN NNP Shipping 9 conj
. PUNCT . . 3 punct)",
                        false);
  run(doc);
  INFO(dump(doc));
  CHECK(has(doc, "Norvik Holdings", "acquire", "Halden Logistics"));
  CHECK(has(doc, "Norvik Holdings", "acquire", "Tolvik Shipping"));
}

TEST_CASE("parse relations: a noun's other modifiers name nothing it includes") {
  Document doc = parsed(R"(
Norvik PROPN NNP Norvik 2 compound
Holdings PROPN NNPS Holdings 3 nsubj
acquired VERB VBD acquire 0 root
firms NOUN NNS firm 3 obj
in ADP IN in 6 case
Halden PROPN NNP Halden 4 nmod
. PUNCT . . 3 punct)",
                        false);
  run(doc);
  INFO(dump(doc));
  CHECK_FALSE(has(doc, "Norvik Holdings", "acquire", "Halden"));
}

TEST_CASE("parse relations: a body's leaders or officials act for it") {
  Document doc = parsed(R"(
Norvik PROPN NNP Norvik 2 compound
Council PROPN NNP Council 3 compound
leaders NOUN NNS leader 4 nsubj
backed VERB VBD back 0 root
France PROPN NNP France 4 obj
. PUNCT . . 4 punct
Officials NOUN NNS official 11 nsubj
of ADP IN of 10 case
Tolvik PROPN NNP Tolvik 10 compound
Bank PROPN NNP Bank 7 nmod
criticised VERB VBD criticise 0 root
France PROPN NNP France 11 obj
. PUNCT . . 11 punct)",
                        false);
  run(doc);
  INFO(dump(doc));
  CHECK(has(doc, "Norvik Council", "back", "France"));
  CHECK(has(doc, "Tolvik Bank", "criticize", "France"));
}

TEST_CASE("parse relations: people of a body who are not its leaders or officials do not speak for it") {
  Document doc = parsed(R"(
Norvik PROPN NNP Norvik 2 compound
Bank PROPN NNP Bank 3 compound
customers NOUN NNS customer 4 nsubj
criticised VERB VBD criticise 0 root
France PROPN NNP France 4 obj
. PUNCT . . 4 punct)",
                        false);
  run(doc);
  INFO(dump(doc));
  CHECK_FALSE(has(doc, "Norvik Bank", "criticise", "France"));
}

TEST_CASE("parse relations: coordinated subjects that sign a deal or end their talks are linked to each other") {
  Document doc = parsed(R"(
Germany PROPN NNP Germany 4 nsubj
and CCONJ CC and 3 cc
France PROPN NNP France 1 conj
signed VERB VBD sign 0 root
a DET DT a 7 det
trade NOUN NN trade 7 compound
agreement NOUN NN agreement 4 obj
. PUNCT . . 4 punct
Italy PROPN NNP Italy 12 nsubj
and CCONJ CC and 11 cc
Spain PROPN NNP Spain 9 conj
ended VERB VBD end 0 root
their PRON PRP$ their 14 nmod:poss
talks NOUN NNS talk 12 obj
in ADP IN in 16 case
Geneva PROPN NNP Geneva 12 obl
. PUNCT . . 12 punct)",
                        false);
  run(doc);
  INFO(dump(doc));
  CHECK(has(doc, "Germany", "sign agreement with", "France"));
  CHECK(has(doc, "Italy", "meet", "Spain"));
  // The talks' place is where they met, whatever the verb did to the talks.
  CHECK(has(doc, "Italy", "meet in", "Geneva"));
  CHECK(has(doc, "Spain", "meet in", "Geneva"));
  CHECK_FALSE(has(doc, "Italy", "end talks in", "Geneva"));
}

TEST_CASE("parse relations: one subject that signs a deal links to no one") {
  Document doc = parsed(R"(
Germany PROPN NNP Germany 2 nsubj
signed VERB VBD sign 0 root
a DET DT a 4 det
agreement NOUN NN agreement 2 obj
. PUNCT . . 2 punct)",
                        false);
  run(doc);
  INFO(dump(doc));
  CHECK(doc.triples.empty());
}

TEST_CASE("parse relations: a result noun names who beat whom, from the winner's side or the loser's") {
  Document doc = parsed(R"(
Norvik PROPN NNP Norvik 2 compound
Club PROPN NNP Club 5 nmod:poss
's PART POS 's 2 case
3-1 NUM CD 3-1 5 nummod
win NOUN NN win 9 nsubj
over ADP IN over 8 case
Halden PROPN NNP Halden 8 compound
Club PROPN NNP Club 5 nmod
lifted VERB VBD lift 0 root
them PRON PRP they 9 obj
. PUNCT . . 9 punct
Bergen PROPN NNP Bergen 13 compound
Club PROPN NNP Club 14 nsubj
suffered VERB VBD suffer 0 root
a DET DT a 16 det
defeat NOUN NN defeat 14 obj
against ADP IN against 19 case
Kalvik PROPN NNP Kalvik 19 compound
Club PROPN NNP Club 16 nmod
. PUNCT . . 14 punct)",
                        false);
  run(doc);
  INFO(dump(doc));
  CHECK(has(doc, "Norvik Club", "beat", "Halden Club"));
  CHECK(has(doc, "Kalvik Club", "beat", "Bergen Club"));
  CHECK_FALSE(has(doc, "Bergen Club", "beat", "Kalvik Club"));
  CHECK_FALSE(has(doc, "Bergen Club", "suffer", "Kalvik Club"));
}

TEST_CASE("parse relations: the place of a result is where the winner beat its opponent") {
  Document doc = parsed(R"(
After ADP IN after 5 case
Bergen PROPN NNP Bergen 3 compound
Club PROPN NNP Club 5 nmod:poss
's PART POS 's 3 case
loss NOUN NN loss 14 obl
against ADP IN against 8 case
Kalvik PROPN NNP Kalvik 8 compound
Club PROPN NNP Club 5 nmod
in ADP IN in 10 case
Lima PROPN NNP Lima 5 nmod
, PUNCT , , 14 punct
the DET DT the 13 det
coach NOUN NN coach 14 nsubj
resigned VERB VBD resign 0 root
. PUNCT . . 14 punct)",
                        false);
  run(doc);
  INFO(dump(doc));
  CHECK(has(doc, "Kalvik Club", "beat", "Bergen Club"));
  CHECK(has(doc, "Kalvik Club", "beat in", "Lima"));
  CHECK_FALSE(has(doc, "Bergen Club", "beat in", "Lima"));
}

TEST_CASE("parse relations: a prize that went to someone for a work was received by both") {
  // Prizes and works are the works stage's: it runs between finding and resolving names.
  Document doc = kg::test::parsed_text(R"(
The DET DT the 3 det
Halden PROPN NNP Halden 3 compound
Prize PROPN NNP Prize 4 nsubj
went VERB VBD go 0 root
to ADP IN to 7 case
Maria PROPN NNP Maria 7 compound
Lopez PROPN NNP Lopez 4 obl
for ADP IN for 10 case
" PUNCT `` " 10 punct
Tolvik PROPN NNP Tolvik 4 obl
Harbour PROPN NNP Harbour 10 flat
" PUNCT '' " 10 punct
. PUNCT . . 4 punct)");
  kg::extract::find_mentions(doc, Lexicon::builtin());
  kg::extract::find_works(doc, Lexicon::builtin());
  kg::extract::resolve_entities(doc);
  as_work(doc, "Tolvik Harbour");
  run(doc);
  INFO(dump(doc));
  CHECK(has(doc, "Maria Lopez", "receive", "Halden Prize"));
  CHECK(has(doc, "Tolvik Harbour", "receive", "Halden Prize"));
  CHECK_FALSE(has(doc, "Halden Prize", "go to", "Maria Lopez"));
}

TEST_CASE("parse relations: a second 'and to Y' the parser hung on the first work also received the prize") {
  // The parser hangs "Henrik Dahl" on the work and its "to" on a word before the name.
  Document doc = kg::test::parsed_text(R"(
The DET DT the 3 det
Halden PROPN NNP Halden 3 compound
Prize PROPN NNP Prize 4 nsubj
went VERB VBD go 0 root
to ADP IN to 7 case
Maria PROPN NNP Maria 7 compound
Lopez PROPN NNP Lopez 4 obl
for ADP IN for 10 case
" PUNCT `` " 10 punct
Tolvik PROPN NNP Tolvik 4 obl
Harbour PROPN NNP Harbour 10 flat
" PUNCT '' " 10 punct
and CCONJ CC and 16 cc
to ADP IN to 15 case
Henrik PROPN NNP Henrik 16 compound
Dahl PROPN NNP Dahl 10 conj
. PUNCT . . 4 punct)");
  kg::extract::find_mentions(doc, Lexicon::builtin());
  kg::extract::find_works(doc, Lexicon::builtin());
  kg::extract::resolve_entities(doc);
  as_work(doc, "Tolvik Harbour");
  run(doc);
  INFO(dump(doc));
  CHECK(has(doc, "Maria Lopez", "receive", "Halden Prize"));
  CHECK(has(doc, "Henrik Dahl", "receive", "Halden Prize"));
}

TEST_CASE("parse relations: visits to places are the visits of the subject of the verb they hang on") {
  Document doc = parsed(R"(
Maria PROPN NNP Maria 3 nsubj
Lopez PROPN NNP Lopez 1 flat
arrived VERB VBD arrive 0 root
after ADP IN after 5 case
visits NOUN NNS visit 3 obl
to ADP IN to 7 case
Kenya PROPN NNP Kenya 5 nmod
and CCONJ CC and 9 cc
Ghana PROPN NNP Ghana 7 conj
. PUNCT . . 3 punct)",
                        false);
  run(doc);
  INFO(dump(doc));
  CHECK(has(doc, "Maria Lopez", "visit", "Kenya"));
  CHECK(has(doc, "Maria Lopez", "visit", "Ghana"));
}

TEST_CASE("parse relations: no visit when the verb it hangs on is negated") {
  Document doc = parsed(R"(
Maria PROPN NNP Maria 5 nsubj
Lopez PROPN NNP Lopez 1 flat
did AUX VBD do 5 aux
not PART RB not 5 advmod
return VERB VB return 0 root
from ADP IN from 8 case
a DET DT a 8 det
trip NOUN NN trip 5 obl
to ADP IN to 10 case
Kenya PROPN NNP Kenya 8 nmod
. PUNCT . . 5 punct)",
                        false);
  run(doc);
  INFO(dump(doc));
  CHECK_FALSE(has(doc, "Maria Lopez", "visit", "Kenya"));
}

TEST_CASE("parse relations: a prize awarded to a work 'by' its author goes to the work, the author awards nothing") {
  Document doc = parsed(R"(
The DET DT the 3 det
Halden PROPN NNP Halden 3 compound
Prize PROPN NNP Prize 5 nsubj:pass
was AUX VBD be 5 aux:pass
awarded VERB VBN award 0 root
to ADP IN to 8 case
" PUNCT `` " 8 punct
Night PROPN NNP Night 5 obl
Birds PROPN NNP Birds 8 flat
" PUNCT '' " 8 punct
by ADP IN by 13 case
Paul PROPN NNP Paul 13 compound
Marchand PROPN NNP Marchand 5 obl
. PUNCT . . 5 punct)");
  as_work(doc, "Night Birds");
  for (auto& e : doc.entities)
    if (e.name == "Halden Prize") e.type = kg::extract::EntityType::Award;
  run(doc);
  INFO(dump(doc));
  CHECK(has(doc, "Night Birds", "receive", "Halden Prize"));
  CHECK_FALSE(has(doc, "Paul Marchand", "award", "Halden Prize"));
  // "by Paul Marchand" hung on the verb right after the work still names who made it.
  CHECK(has(doc, "Paul Marchand", "make", "Night Birds"));
}

TEST_CASE("parse relations: an xcomp verb takes its controller, the object when there is one") {
  Document doc = parsed(R"(
Germany PROPN NNP Germany 2 nsubj
urged VERB VBD urge 0 root
France PROPN NNP France 2 obj
to PART TO to 5 mark
recognise VERB VB recognise 2 xcomp
Kosovo PROPN NNP Kosovo 5 obj
. PUNCT . . 2 punct)",
                        false);
  run(doc);
  INFO(dump(doc));
  CHECK(has(doc, "Germany", "urge", "France"));
  CHECK(has(doc, "France", "recognise", "Kosovo"));
  CHECK_FALSE(has(doc, "Germany", "recognise", "Kosovo"));
}

TEST_CASE("parse relations: subject control and coordinated verbs share the subject") {
  Document doc = parsed(R"(
Germany PROPN NNP Germany 2 nsubj
sought VERB VBD seek 0 root
to PART TO to 4 mark
reset VERB VB reset 2 xcomp
relations NOUN NNS relation 4 obj
with ADP IN with 7 case
France PROPN NNP France 4 obl
and CCONJ CC and 9 cc
condemned VERB VBD condemn 2 conj
Italy PROPN NNP Italy 9 obj
. PUNCT . . 2 punct)",
                        false);
  run(doc);
  INFO(dump(doc));
  CHECK(has(doc, "Germany", "reset relations with", "France"));
  CHECK(has(doc, "Germany", "condemn", "Italy"));
}

TEST_CASE("parse relations: a relative clause's subject is the noun it modifies") {
  Document doc = parsed(R"(
Germany PROPN NNP Germany 0 root
, PUNCT , , 4 punct
which PRON WDT which 4 nsubj
condemned VERB VBD condemn 1 acl:relcl
France PROPN NNP France 4 obj
. PUNCT . . 1 punct)",
                        false);
  run(doc);
  INFO(dump(doc));
  CHECK(has(doc, "Germany", "condemn", "France"));
}

TEST_CASE("parse relations: a copula in a relative clause has the name the clause hangs on as subject") {
  Document doc = parsed(R"(
Norvik PROPN NNP Norvik 2 compound
Holdings PROPN NNPS Holdings 13 nsubj
, PUNCT , , 8 punct
which PRON WDT which 8 nsubj
is AUX VBZ be 8 cop
a DET DT a 8 det
major ADJ JJ major 8 amod
shareholder NOUN NN shareholder 2 acl:relcl
of ADP IN of 11 case
Halden PROPN NNP Halden 11 compound
Logistics PROPN NNP Logistics 8 nmod
, PUNCT , , 2 punct
declined VERB VBD decline 0 root
. PUNCT . . 13 punct)",
                        false);
  run(doc);
  INFO(dump(doc));
  CHECK(has(doc, "Norvik Holdings", "shareholder of", "Halden Logistics"));
}

TEST_CASE("parse relations: copula and apposition roles") {
  Document doc = parsed(R"(
Angela PROPN NNP Angela 5 nsubj
Merkel PROPN NNP Merkel 1 flat
is AUX VBZ be 5 cop
the DET DT the 5 det
chancellor NOUN NN chancellor 0 root
of ADP IN of 7 case
Germany PROPN NNP Germany 5 nmod
. PUNCT . . 5 punct)",
                        false);
  run(doc);
  INFO(dump(doc));
  CHECK(has(doc, "Angela Merkel", "chancellor of", "Germany"));

  Document appos = parsed(R"(
Angela PROPN NNP Angela 0 root
Merkel PROPN NNP Merkel 1 flat
, PUNCT , , 5 punct
an DET DT a 5 det
ally NOUN NN ally 1 appos
of ADP IN of 7 case
France PROPN NNP France 5 nmod
. PUNCT . . 1 punct)",
                          false);
  run(appos);
  INFO(dump(appos));
  CHECK(has(appos, "Angela Merkel", "ally of", "France"));
}

TEST_CASE("parse relations: a participle with a by-agent") {
  Document doc = parsed(R"(
Germany PROPN NNP Germany 0 root
, PUNCT , , 3 punct
led VERB VBN lead 1 acl
by ADP IN by 6 case
Angela PROPN NNP Angela 3 obl:agent
Merkel PROPN NNP Merkel 5 flat
. PUNCT . . 1 punct)",
                        false);
  // "Germany , led by Angela Merkel ." has UPOS PROPN on the head noun, as the tagger gives.
  run(doc);
  INFO(dump(doc));
  CHECK(has(doc, "Angela Merkel", "lead", "Germany"));
}

TEST_CASE("parse relations: negated verbs and denied clauses give nothing") {
  Document negated = parsed(R"(
Germany PROPN NNP Germany 4 nsubj
did AUX VBD do 4 aux
not PART RB not 4 advmod
condemn VERB VB condemn 0 root
France PROPN NNP France 4 obj
. PUNCT . . 4 punct)",
                            false);
  run(negated);
  INFO(dump(negated));
  CHECK(negated.triples.empty());

  Document denied = parsed(R"(
Germany PROPN NNP Germany 2 nsubj
denied VERB VBD deny 0 root
that SCONJ IN that 5 mark
France PROPN NNP France 5 nsubj
attacked VERB VBD attack 2 ccomp
Italy PROPN NNP Italy 5 obj
. PUNCT . . 2 punct)",
                           false);
  run(denied);
  INFO(dump(denied));
  CHECK_FALSE(has(denied, "France", "attack", "Italy"));
}

TEST_CASE("parse relations: clausal verbs take no direct object") {
  Document doc = parsed(R"(
Germany PROPN NNP Germany 2 nsubj
said VERB VBD say 0 root
France PROPN NNP France 4 nsubj
erred VERB VBD err 2 ccomp
. PUNCT . . 2 punct)",
                        false);
  run(doc);
  INFO(dump(doc));
  CHECK(doc.triples.empty());
}

TEST_CASE("parse relations: 'it' in reported speech is the speaker organisation or state") {
  Document doc = parsed(R"(
Germany PROPN NNP Germany 2 nsubj
said VERB VBD say 0 root
it PRON PRP it 5 nsubj
would AUX MD will 5 aux
sanction VERB VB sanction 2 ccomp
Iran PROPN NNP Iran 5 obj
. PUNCT . . 2 punct)",
                        false);
  run(doc);
  INFO(dump(doc));
  CHECK(has(doc, "Germany", "sanction", "Iran"));
}

TEST_CASE("parse relations: nothing without a parse, and no copy of a rule triple") {
  Document unparsed = parsed("Germany PROPN NNP Germany 0 _\ncondemned VERB VBD condemn 0 _\nFrance PROPN NNP France 0 _",
                             false);
  for (auto& t : unparsed.tokens) {
    t.head = -1;
    t.deprel.clear();
  }
  run(unparsed);
  CHECK(unparsed.triples.empty());

  Document doc = parsed(R"(
Germany PROPN NNP Germany 2 nsubj
met VERB VBD meet 0 root
France PROPN NNP France 2 obj
. PUNCT . . 2 punct)");
  const std::size_t from_rules = doc.triples.size();
  REQUIRE(has(doc, "Germany", "meet", "France"));
  run(doc);
  CHECK(doc.triples.size() == from_rules);
}

TEST_CASE("parse relations: evidence spans cover subject, predicate and object") {
  Document doc = parsed(R"(
Germany PROPN NNP Germany 2 nsubj
condemned VERB VBD condemn 0 root
France PROPN NNP France 2 obj
. PUNCT . . 2 punct)",
                        false);
  run(doc);
  REQUIRE(doc.triples.size() == 1);
  const auto& t = doc.triples[0];
  CHECK(std::string_view(doc.text).substr(t.begin, t.end - t.begin) == "Germany condemned France");
}

TEST_CASE("parse relations: a clausal verb's misparsed object lends it no phrase") {
  Document doc = parsed(R"(
Germany PROPN NNP Germany 2 nsubj
says VERB VBZ say 0 root
the DET DT the 4 det
force NOUN NN force 2 obj
in ADP IN in 6 case
Mali PROPN NNP Mali 4 nmod
is AUX VBZ be 8 cop
small ADJ JJ small 2 ccomp
. PUNCT . . 2 punct)",
                        false);
  run(doc);
  INFO(dump(doc));
  CHECK(doc.triples.empty());
}

TEST_CASE("parse relations: a possessive names a role only for a person") {
  Document state = parsed(R"(
Nigeria PROPN NNP Nigeria 6 nsubj
is AUX VBZ be 6 cop
Ghana PROPN NNP Ghana 6 nmod:poss
's PART POS 's 3 case
biggest ADJ JJS big 6 amod
exporter NOUN NN exporter 0 root
. PUNCT . . 6 punct)",
                          false);
  run(state);
  INFO(dump(state));
  CHECK_FALSE(has(state, "Nigeria", "exporter of", "Ghana"));
}

TEST_CASE("parse relations: a hypothetical clause gives nothing, a reported 'would' does") {
  Document modal = parsed(R"(
Germany PROPN NNP Germany 3 nsubj
could AUX MD could 3 aux
condemn VERB VB condemn 0 root
France PROPN NNP France 3 obj
. PUNCT . . 3 punct)",
                          false);
  run(modal);
  INFO(dump(modal));
  CHECK(modal.triples.empty());

  Document condition = parsed(R"(
If SCONJ IN if 3 mark
Germany PROPN NNP Germany 3 nsubj
condemns VERB VBZ condemn 7 advcl
France PROPN NNP France 3 obj
, PUNCT , , 7 punct
talks NOUN NNS talk 7 nsubj
end VERB VBP end 0 root
. PUNCT . . 7 punct)",
                              false);
  run(condition);
  INFO(dump(condition));
  CHECK_FALSE(has(condition, "Germany", "condemn", "France"));

  // "would" in a reported clause is reported "will": a stated intention.
  Document reported = parsed(R"(
Italy PROPN NNP Italy 2 nsubj
said VERB VBD say 0 root
Germany PROPN NNP Germany 5 nsubj
would AUX MD would 5 aux
condemn VERB VB condemn 2 ccomp
France PROPN NNP France 5 obj
. PUNCT . . 2 punct)",
                             false);
  run(reported);
  INFO(dump(reported));
  CHECK(has(reported, "Germany", "condemn", "France"));
}

TEST_CASE("parse relations: a noun's intent with its possessor ('X's bid to host Y')") {
  Document doc = parsed(R"(
Leaders NOUN NNS leader 2 nsubj
backed VERB VBD back 0 root
Norvik PROPN NNP Norvik 4 compound
Bank PROPN NNP Bank 6 nmod:poss
's PART POS 's 4 case
plan NOUN NN plan 2 obj
to PART TO to 8 mark
buy VERB VB buy 6 acl
Talmor PROPN NNP Talmor 10 compound
Group PROPN NNP Group 8 obj
. PUNCT . . 2 punct)",
                        false);
  run(doc);
  INFO(dump(doc));
  CHECK(has(doc, "Norvik Bank", "plan to buy", "Talmor Group"));
  // Without a possessor the intent is nobody's named here.
  Document bare = parsed(R"(
Leaders NOUN NNS leader 2 nsubj
backed VERB VBD back 0 root
the DET DT the 4 det
plan NOUN NN plan 2 obj
to PART TO to 6 mark
buy VERB VB buy 4 acl
Talmor PROPN NNP Talmor 8 compound
Group PROPN NNP Group 6 obj
. PUNCT . . 2 punct)",
                         false);
  run(bare);
  INFO(dump(bare));
  CHECK(bare.triples.empty());
}

TEST_CASE("parse relations: an event noun with its agent and object") {
  Document possessive = parsed(R"(
Norvik PROPN NNP Norvik 2 compound
Bank PROPN NNP Bank 4 nmod:poss
's PART POS 's 2 case
acquisition NOUN NN acquisition 8 nsubj:pass
of ADP IN of 7 case
Talmor PROPN NNP Talmor 7 compound
Group PROPN NNP Group 4 nmod
was AUX VBD be 8 aux:pass
approved VERB VBN approve 0 root
. PUNCT . . 8 punct)",
                               false);
  run(possessive);
  INFO(dump(possessive));
  CHECK(has(possessive, "Norvik Bank", "acquisition of", "Talmor Group"));

  Document agent = parsed(R"(
The DET DT the 2 det
purchase NOUN NN purchase 9 nsubj
of ADP IN of 5 case
Talmor PROPN NNP Talmor 5 compound
Group PROPN NNP Group 2 nmod
by ADP IN by 8 case
Norvik PROPN NNP Norvik 8 compound
Bank PROPN NNP Bank 2 nmod
ended VERB VBD end 0 root
talks NOUN NNS talk 9 obj
. PUNCT . . 9 punct)",
                          false);
  run(agent);
  INFO(dump(agent));
  CHECK(has(agent, "Norvik Bank", "purchase of", "Talmor Group"));

  // A role noun is the roles frame's, not an event: no "chairman of" here.
  Document role = parsed(R"(
Norvik PROPN NNP Norvik 2 compound
Bank PROPN NNP Bank 4 nmod:poss
's PART POS 's 2 case
chairman NOUN NN chairman 7 nsubj
of ADP IN of 6 case
Talmor PROPN NNP Talmor 4 nmod
resigned VERB VBD resign 0 root
. PUNCT . . 7 punct)",
                         false);
  run(role);
  INFO(dump(role));
  CHECK_FALSE(has(role, "Norvik Bank", "chairman of", "Talmor"));
}

TEST_CASE("parse relations: a film 'by' a person was directed by that person") {
  Document doc = parsed(R"(
The DET DT the 2 det
film NOUN NN film 10 nsubj
" PUNCT `` " 4 punct
Night PROPN NNP Night 2 appos
Birds PROPN NNP Birds 4 flat
" PUNCT '' " 4 punct
by ADP IN by 8 case
Paul PROPN NNP Paul 2 nmod
Marchand PROPN NNP Marchand 8 flat
won VERB VBD win 0 root
awards NOUN NNS award 10 obj
. PUNCT . . 10 punct)",
                        false);
  as_work(doc, "Night Birds");
  run(doc);
  INFO(dump(doc));
  CHECK(has(doc, "Paul Marchand", "direct", "Night Birds"));
}

TEST_CASE("parse relations: a named work 'by' a person, with no noun saying what it is, was made by them") {
  Document doc = parsed(R"(
The DET DT the 3 det
Night PROPN NNP Night 3 compound
Birds PROPN NNP Birds 7 nsubj
by ADP IN by 5 case
Paul PROPN NNP Paul 3 nmod
Marchand PROPN NNP Marchand 5 flat
won VERB VBD win 0 root
awards NOUN NNS award 7 obj
. PUNCT . . 7 punct)",
                        false);
  as_work(doc, "Night Birds");
  run(doc);
  INFO(dump(doc));
  CHECK(has(doc, "Paul Marchand", "make", "Night Birds"));
  CHECK_FALSE(has(doc, "Night Birds", "make", "Paul Marchand"));
}

TEST_CASE("parse relations: a place 'by' a work is no author") {
  Document doc = parsed(R"(
The DET DT the 3 det
Night PROPN NNP Night 3 compound
Birds PROPN NNP Birds 7 nsubj
by ADP IN by 5 case
Lake PROPN NNP Lake 3 nmod
Geneva PROPN NNP Geneva 5 flat
won VERB VBD win 0 root
awards NOUN NNS award 7 obj
. PUNCT . . 7 punct)",
                        false);
  as_work(doc, "Night Birds");
  run(doc);
  INFO(dump(doc));
  REQUIRE(doc.entities.size() == 2);
  for (const auto& t : doc.triples) CHECK(t.relation != "make");
}

TEST_CASE("parse relations: the possessor of 'film' before a work's name directed it") {
  Document doc = parsed(R"(
Paul PROPN NNP Paul 4 nmod:poss
Marchand PROPN NNP Marchand 1 flat
's PART POS 's 1 case
film NOUN NN film 7 nsubj
Night PROPN NNP Night 6 compound
Birds PROPN NNP Birds 4 appos
won VERB VBD win 0 root
awards NOUN NNS award 7 obj
. PUNCT . . 7 punct)",
                        false);
  as_work(doc, "Night Birds");
  run(doc);
  INFO(dump(doc));
  CHECK(has(doc, "Paul Marchand", "direct", "Night Birds"));
}

TEST_CASE("parse relations: the possessor of a noun that is no kind of work made nothing") {
  Document doc = parsed(R"(
Paul PROPN NNP Paul 4 nmod:poss
Marchand PROPN NNP Marchand 1 flat
's PART POS 's 1 case
favourite NOUN NN favourite 7 nsubj
Night PROPN NNP Night 6 compound
Birds PROPN NNP Birds 4 appos
won VERB VBD win 0 root
awards NOUN NNS award 7 obj
. PUNCT . . 7 punct)",
                        false);
  as_work(doc, "Night Birds");
  run(doc);
  INFO(dump(doc));
  REQUIRE(doc.entities.size() == 2);
  for (const auto& t : doc.triples) CHECK(t.relation != "direct");
  for (const auto& t : doc.triples) CHECK(t.relation != "make");
}

TEST_CASE("parse relations: a work 'by' a described person, read off the words when the parse hangs it elsewhere") {
  // 'Critics praised "Night Birds" by Danish filmmaker Maria Lopez', the name hung on the work.
  Document doc = parsed(R"(
Critics NOUN NNS critic 2 nsubj
praised VERB VBD praise 0 root
" PUNCT `` " 4 punct
Night PROPN NNP Night 2 obj
Birds PROPN NNP Birds 4 flat
" PUNCT '' " 4 punct
by ADP IN by 9 case
Danish ADJ JJ Danish 9 amod
filmmaker NOUN NN filmmaker 11 nmod:desc
Maria PROPN NNP Maria 11 compound
Lopez PROPN NNP Lopez 4 appos
. PUNCT . . 2 punct)",
                        false);
  as_work(doc, "Night Birds");
  run(doc);
  INFO(dump(doc));
  CHECK(has(doc, "Maria Lopez", "make", "Night Birds"));
}

TEST_CASE("parse relations: a work 'by' a sequence that is no description of a person gives nothing") {
  Document doc = parsed(R"(
Critics NOUN NNS critic 2 nsubj
said VERB VBD say 0 root
" PUNCT `` " 4 punct
Night PROPN NNP Night 7 nsubj
Birds PROPN NNP Birds 4 flat
" PUNCT '' " 4 punct
sold VERB VBD sell 2 ccomp
by ADP IN by 10 case
far ADV RB far 10 advmod
more ADJ JJR more 11 amod
copies NOUN NNS copy 7 obj
than ADP IN than 13 case
Maria PROPN NNP Maria 13 compound
Lopez PROPN NNP Lopez 11 nmod
. PUNCT . . 2 punct)",
                        false);
  as_work(doc, "Night Birds");
  run(doc);
  INFO(dump(doc));
  CHECK_FALSE(has(doc, "Maria Lopez", "make", "Night Birds"));
}
