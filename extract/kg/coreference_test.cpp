// Pronoun resolution on hand-written parses (see parse_relations_test.cpp for the format).
#include "extract/kg/coreference.h"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "extract/kg/entities.h"
#include "extract/kg/mentions.h"
#include "extract/nlp/lexicon.h"
#include "extract/text/tokenizer.h"
#include "tests/parsed_text.h"

using kg::extract::Document;

namespace {

// The hand-written parse (tests/parsed_text.h, "form UPOS head deprel" rows) with its
// mentions and entities.
Document parsed(std::string_view conll) {
  Document doc = kg::test::parsed_text(conll);
  kg::extract::find_mentions(doc, kg::extract::Lexicon::builtin());
  kg::extract::resolve_entities(doc);
  return doc;
}

std::uint32_t token(const Document& doc, std::string_view form, int nth = 0) {
  for (std::uint32_t i = 0; i < doc.tokens.size(); ++i)
    if (doc.tokens[i].form == form && nth-- == 0) return i;
  FAIL("no token " << form);
  return 0;
}

std::vector<std::string> names(const Document& doc, const std::vector<std::uint32_t>& entities) {
  std::vector<std::string> out;
  for (std::uint32_t e : entities) out.push_back(doc.entities[e].name);
  return out;
}

using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("coreference: 'she' skips a man named by his title and takes the woman") {
  const Document doc = parsed(R"(
Spokeswoman PROPN 2 compound
Anna PROPN 5 nsubj
Berg PROPN 2 flat
and CCONJ 5 cc
met VERB 0 root
Mr. PROPN 5 obj
Karl PROPN 6 flat
Weber PROPN 6 flat
. PUNCT 5 punct
She PRON 11 nsubj
left VERB 0 root
. PUNCT 11 punct)");
  CHECK(names(doc, kg::extract::resolve_pronoun(doc, token(doc, "She"))) == Names{"Anna Berg"});
  CHECK(kg::extract::entity_gender(doc, doc.mentions.front().entity) == kg::extract::Gender::Female);
}

TEST_CASE("coreference: 'he' prefers the previous sentence's subject to a later object") {
  const Document doc = parsed(R"(
Karl PROPN 3 nsubj
Weber PROPN 1 flat
met VERB 0 root
Hans PROPN 3 obj
Braun PROPN 4 flat
. PUNCT 3 punct
He PRON 8 nsubj
left VERB 0 root
. PUNCT 8 punct)");
  CHECK(names(doc, kg::extract::resolve_pronoun(doc, token(doc, "He"))) == Names{"Karl Weber"});
}

TEST_CASE("coreference: 'it' is the previous subject, unless another organisation or state intervenes") {
  const Document clear = parsed(R"(
Germany PROPN 2 nsubj
condemned VERB 0 root
the DET 4 det
attack NOUN 2 obj
. PUNCT 2 punct
It PRON 7 nsubj
left VERB 0 root
. PUNCT 7 punct)");
  CHECK(names(clear, kg::extract::resolve_pronoun(clear, token(clear, "It"))) == Names{"Germany"});

  const Document unclear = parsed(R"(
Germany PROPN 2 nsubj
condemned VERB 0 root
France PROPN 2 obj
. PUNCT 2 punct
It PRON 6 nsubj
left VERB 0 root
. PUNCT 6 punct)");
  CHECK(kg::extract::resolve_pronoun(unclear, token(unclear, "It")).empty());
}

TEST_CASE("coreference: 'they' takes coordinated subjects but not a single state") {
  const Document doc = parsed(R"(
Germany PROPN 4 nsubj
and CCONJ 3 cc
France PROPN 1 conj
met VERB 0 root
. PUNCT 4 punct
They PRON 7 nsubj
agreed VERB 0 root
. PUNCT 7 punct)");
  CHECK(names(doc, kg::extract::resolve_pronoun(doc, token(doc, "They"))) == Names{"Germany", "France"});

  const Document single = parsed(R"(
Germany PROPN 2 nsubj
met VERB 0 root
. PUNCT 2 punct
They PRON 5 nsubj
agreed VERB 0 root
. PUNCT 5 punct)");
  CHECK(kg::extract::resolve_pronoun(single, token(single, "They")).empty());
}

TEST_CASE("coreference: no antecedent, no entity") {
  const Document doc = parsed(R"(
He PRON 2 nsubj
left VERB 0 root
. PUNCT 2 punct)");
  CHECK(kg::extract::resolve_pronoun(doc, token(doc, "He")).empty());
}

TEST_CASE("coreference: PronounResolver agrees with resolve_pronoun and reads titles added later") {
  Document doc = parsed(R"(
Karl PROPN 3 nsubj
Weber PROPN 1 flat
left VERB 0 root
. PUNCT 3 punct
He PRON 6 nsubj
returned VERB 0 root
. PUNCT 6 punct)");
  const kg::extract::PronounResolver resolver(doc);
  const std::uint32_t he = token(doc, "He");
  REQUIRE(names(doc, resolver.resolve(he)) == Names{"Karl Weber"});
  CHECK(resolver.resolve(he) == kg::extract::resolve_pronoun(doc, he));
  const std::uint32_t weber = resolver.resolve(he).front();
  CHECK(resolver.gender(weber) == kg::extract::Gender::Unknown);
  // A frame adds a title that gives the other gender: 'he' no longer fits.
  doc.entities[weber].titles.push_back("spokeswoman");
  CHECK(resolver.gender(weber) == kg::extract::Gender::Female);
  CHECK(kg::extract::entity_gender(doc, weber) == kg::extract::Gender::Female);
  CHECK(resolver.resolve(he).empty());
  CHECK(kg::extract::resolve_pronoun(doc, he).empty());
}
