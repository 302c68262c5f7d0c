// ParseView (parse_view.h): what it reads off one token. The frames' tests (roles,
// places, parse relations, reporting, the relation filter) cover the rest through them.
// Every sentence and name is invented. One TEST_CASE per edge case.
#include "extract/kg/parse_view.h"

#include <doctest/doctest.h>

#include <string_view>

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
