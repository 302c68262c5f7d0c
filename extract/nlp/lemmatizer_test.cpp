#include "extract/nlp/lemmatizer.h"

#include <doctest/doctest.h>

#include <string>

#include "extract/text/error.h"

using kg::extract::BinaryReader;
using kg::extract::BinaryWriter;
using kg::extract::Lemmatizer;
using kg::extract::LemmatizerTrainer;
using kg::extract::lemma_rule;
using kg::extract::LemmaRule;

namespace {

// Past tenses in -ed (walked is not among them), plurals, a proper noun, an irregular.
Lemmatizer trained() {
  LemmatizerTrainer t;
  for (const char* v : {"talk", "play", "jump", "cook", "watch", "listen", "open", "help"}) {
    t.add(std::string(v) + "ed", "VERB", v);
  }
  for (const char* v : {"smile", "move", "paint"}) {  // -d and -ed mixed
    const std::string base(v);
    t.add(base.back() == 'e' ? base + "d" : base + "ed", "VERB", v);
  }
  for (const char* n : {"dog", "cat", "bird", "tree", "friend", "apple"}) {
    t.add(std::string(n) + "s", "NOUN", n);
  }
  t.add("went", "VERB", "go");
  t.add("went", "VERB", "go");
  t.add("Anna", "PROPN", "Anna");
  t.add("I", "PRON", "I");
  t.add("I", "PRON", "I");
  t.add("i", "PRON", "I");  // web text: "i" for "I", lemma still "I"
  t.add("is", "AUX", "be");
  return t.build();
}

}  // namespace

TEST_CASE("lemmatizer: the edit rule of a regular form") {
  CHECK(lemma_rule("walked", "walked", "walk", "VERB") == LemmaRule{false, 2, ""});
  CHECK(lemma_rule("is", "is", "be", "AUX") == LemmaRule{false, 2, "be"});
}

TEST_CASE("lemmatizer: a proper noun's rule keeps its case") {
  CHECK(lemma_rule("Anna", "anna", "Anna", "PROPN") == LemmaRule{true, 0, ""});
  CHECK(lemma_rule("The", "the", "the", "DET") == LemmaRule{false, 0, ""});
}

TEST_CASE("lemmatizer: known forms use the table") {
  const Lemmatizer l = trained();
  CHECK(l.lemmatize("went", "VERB") == "go");
  CHECK(l.lemmatize("is", "AUX") == "be");
  CHECK(l.lemmatize("talked", "VERB") == "talk");
}

TEST_CASE("lemmatizer: the table is keyed by the lower-case form") {
  CHECK(trained().lemmatize("Went", "VERB") == "go");
}

TEST_CASE("lemmatizer: the table's lemma holds for every case the word was seen in") {
  const Lemmatizer l = trained();
  CHECK(l.lemmatize("i", "PRON") == "I");
  CHECK(l.lemmatize("I", "PRON") == "I");
}

TEST_CASE("lemmatizer: an unseen -ed form uses the learnt suffix rule") {
  CHECK(trained().lemmatize("walked", "VERB") == "walk");
}

TEST_CASE("lemmatizer: an unseen plural uses the learnt suffix rule") {
  CHECK(trained().lemmatize("houses", "NOUN") == "house");
}

TEST_CASE("lemmatizer: the longest matching suffix wins (-led after -ed)") {
  LemmatizerTrainer t;
  t.add("cancelled", "VERB", "cancel");
  t.add("travelled", "VERB", "travel");
  t.add("labelled", "VERB", "label");
  t.add("walked", "VERB", "walk");
  t.add("jumped", "VERB", "jump");
  t.add("talked", "VERB", "talk");
  t.add("cooked", "VERB", "cook");
  const Lemmatizer l = t.build();
  CHECK(l.lemmatize("modelled", "VERB") == "model");
  CHECK(l.lemmatize("kicked", "VERB") == "kick");
}

TEST_CASE("lemmatizer: rules are per UPOS") {
  // "-s" is stripped from nouns; nothing taught it for adverbs.
  CHECK(trained().lemmatize("perhaps", "ADV") == "perhaps");
}

TEST_CASE("lemmatizer: unseen proper nouns keep their case (identity)") {
  CHECK(trained().lemmatize("Berlin", "PROPN") == "Berlin");
}

TEST_CASE("lemmatizer: unseen words of other classes are lower-cased") {
  CHECK(trained().lemmatize("Quickly", "ADV") == "quickly");
}

TEST_CASE("lemmatizer: an unknown UPOS falls back to identity") {
  CHECK(trained().lemmatize("Dogs", "XYZ") == "dogs");
}

TEST_CASE("lemmatizer: non-ASCII forms are lower-cased and edited by bytes") {
  LemmatizerTrainer t;
  t.add("cafés", "NOUN", "café");
  t.add("dogs", "NOUN", "dog");
  const Lemmatizer l = t.build();
  CHECK(l.lemmatize("Cafés", "NOUN") == "café");
  CHECK(l.lemmatize("ÉCOLES", "NOUN") == "école");
}

TEST_CASE("lemmatizer: write and read round-trip every answer") {
  const Lemmatizer l = trained();
  BinaryWriter out;
  l.write(out);
  const std::string bytes = out.take();
  BinaryReader in(bytes, "l.bin");
  const Lemmatizer back = Lemmatizer::read(in);
  CHECK(in.at_end());
  for (const auto& [form, upos] : std::initializer_list<std::pair<const char*, const char*>>{
           {"went", "VERB"}, {"walked", "VERB"}, {"houses", "NOUN"}, {"Berlin", "PROPN"}, {"i", "PRON"}}) {
    CHECK(back.lemmatize(form, upos) == l.lemmatize(form, upos));
  }
  BinaryWriter again;
  back.write(again);
  CHECK(again.data() == bytes);
}

TEST_CASE("lemmatizer: a corrupt rule index is rejected") {
  BinaryWriter out;
  out.vector(std::vector<std::string>{"NOUN"});
  out.u64(0);  // no rules
  out.u64(1);  // one form entry pointing at rule 0
  out.u64(12345);
  out.u32(0);
  out.u64(0);
  const std::string bytes = out.take();
  BinaryReader in(bytes, "l.bin");
  CHECK_THROWS_WITH_AS(Lemmatizer::read(in), doctest::Contains("corrupt table entry"), kg::ModelError);
}
