#include "extract/nlp/pos_tagger.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "extract/text/error.h"
#include "extract/text/tokenizer.h"
#include "tests/test_support.h"

using kg::ModelError;
using kg::extract::ConlluSentence;
using kg::extract::PosTagger;
using kg::extract::PosTaggerTrainer;
using kg::extract::TaggerTrainingOptions;

namespace {

const std::filesystem::path kData = std::filesystem::path(KG_SOURCE_DIR) / "tests" / "data";

const std::vector<ConlluSentence>& tiny_treebank() {
  static const auto sentences = kg::extract::read_conllu(kData / "tiny_treebank.conllu");
  return sentences;
}

PosTagger train_tiny(std::uint64_t seed = 1) {
  TaggerTrainingOptions options;
  options.iterations = 10;
  options.seed = seed;
  return PosTaggerTrainer(options).train(tiny_treebank(), {});
}

const PosTagger& tiny_tagger() {
  static const PosTagger tagger = train_tiny();
  return tagger;
}

std::vector<std::string> forms_of(const ConlluSentence& s) {
  std::vector<std::string> forms;
  for (const auto& w : s.words) forms.push_back(w.form);
  return forms;
}

// The words of `s` that `tagger` gets wrong, as "form: UPOS XPOS lemma" lines.
std::string mistakes(const PosTagger& tagger, const ConlluSentence& s) {
  std::string out;
  const auto tagged = tagger.tag(forms_of(s));
  for (std::size_t i = 0; i < s.words.size(); ++i) {
    const auto& w = s.words[i];
    if (tagged[i].upos != w.upos || tagged[i].xpos != w.xpos || tagged[i].lemma != w.lemma) {
      out += w.form + ": " + std::string(tagged[i].upos) + " " + std::string(tagged[i].xpos) +
             " " + tagged[i].lemma + "\n";
    }
  }
  return out;
}

std::string load_error(const std::filesystem::path& path) {
  try {
    PosTagger::load(path);
  } catch (const ModelError& e) {
    return e.what();
  }
  return "";
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("tagger: the tiny treebank is 30 sentences") {
  CHECK(tiny_treebank().size() == 30);
}

TEST_CASE("tagger: trained on the tiny treebank, it tags its training sentences right") {
  for (const ConlluSentence& s : tiny_treebank()) {
    CHECK_MESSAGE(mistakes(tiny_tagger(), s).empty(), s.text, "\n", mistakes(tiny_tagger(), s));
  }
}

TEST_CASE("tagger: an unseen -ed verb gets VBD and the learnt lemma rule") {
  const auto tagged = tiny_tagger().tag({"Maria", "kicked", "the", "ball", "."});
  CHECK(tagged[1].upos == "VERB");
  CHECK(tagged[1].xpos == "VBD");
  CHECK(tagged[1].lemma == "kick");
  CHECK(tagged[0].lemma == "Maria");
}

TEST_CASE("tagger: each tagged word carries its tags as Token labels too") {
  const auto tagged = tiny_tagger().tag({"Maria", "kicked", "the", "ball", "."});
  for (const auto& w : tagged) {
    CHECK(w.upos_label == kg::extract::Label(w.upos));
    CHECK(w.xpos_label == kg::extract::Label(w.xpos));
  }
}

TEST_CASE("tagger: an empty sentence gives no words") {
  CHECK(tiny_tagger().tag(std::vector<std::string>{}).empty());
}

TEST_CASE("tagger: tags a tokenised Document in place") {
  kg::extract::Document doc;
  doc.text = "The dog sleeps.\nMy brother walked to the park.";
  kg::extract::tokenize(doc);
  tiny_tagger().tag(doc);
  std::string tags;
  for (const auto& t : doc.tokens) tags += t.form + "/" + t.tag + "/" + t.xpos + "/" + t.lemma + " ";
  CHECK(tags ==
        "The/DET/DT/the dog/NOUN/NN/dog sleeps/VERB/VBZ/sleep ./PUNCT/./. My/PRON/PRP$/my "
        "brother/NOUN/NN/brother walked/VERB/VBD/walk to/ADP/IN/to the/DET/DT/the "
        "park/NOUN/NN/park ./PUNCT/./. ");
}

TEST_CASE("tagger: training is deterministic for a seed") {
  CHECK(train_tiny(7).payload() == train_tiny(7).payload());
}

TEST_CASE("tagger: save and load round-trip the model byte for byte") {
  const kg::test::TempDir dir;
  const auto path = dir / "tagger.bin";
  tiny_tagger().save(path);
  const PosTagger back = PosTagger::load(path);
  CHECK(back.payload() == tiny_tagger().payload());
  CHECK(back.description() == tiny_tagger().description());
  for (const ConlluSentence& s : tiny_treebank()) CHECK(mistakes(back, s).empty());
}

TEST_CASE("tagger: a corrupt model file is rejected (checksum)") {
  const kg::test::TempDir dir;
  const auto path = dir / "tagger.bin";
  tiny_tagger().save(path);
  std::string bytes = kg::test::read_file(path);
  bytes[bytes.size() / 2] ^= 0x55;
  dir.write("tagger.bin", bytes);
  CHECK(contains(load_error(path), path.string() + ": checksum mismatch"));
}

TEST_CASE("tagger: a truncated model file is rejected") {
  const kg::test::TempDir dir;
  const auto path = dir / "tagger.bin";
  tiny_tagger().save(path);
  const std::string bytes = kg::test::read_file(path);
  dir.write("tagger.bin", bytes.substr(0, bytes.size() / 3));
  CHECK(contains(load_error(path), path.string() + ": truncated"));
}

TEST_CASE("tagger: a foreign file is rejected") {
  const kg::test::TempDir dir;
  const auto path = dir.write("tagger.bin", "# not a model\n");
  CHECK(contains(load_error(path), path.string() + ": not a kgbuild model: starts with \"# not a "));
}

TEST_CASE("tagger: a newer format version is rejected") {
  const kg::test::TempDir dir;
  const auto path = dir / "tagger.bin";
  tiny_tagger().save(path);
  std::string bytes = kg::test::read_file(path);
  bytes[8] = 9;
  dir.write("tagger.bin", bytes);
  CHECK(contains(load_error(path),
                 "model format version 9 is newer than this kgbuild supports (2)"));
}

TEST_CASE("tagger: a model of another kind is rejected") {
  const kg::test::TempDir dir;
  const auto path = dir / "parser.bin";
  kg::extract::write_model_file(path, "parser", PosTagger::fingerprint(), tiny_tagger().payload());
  CHECK(load_error(path) == path.string() + ": is a parser model, expected a tagger model");
}

TEST_CASE("tagger: a model with other feature templates is rejected") {
  const kg::test::TempDir dir;
  const auto path = dir / "tagger.bin";
  kg::extract::write_model_file(path, "tagger", PosTagger::fingerprint() ^ 1, tiny_tagger().payload());
  CHECK(contains(load_error(path), "tagger model built for feature templates"));
}

TEST_CASE("tagger: a payload with trailing bytes is rejected") {
  const kg::test::TempDir dir;
  const auto path = dir / "tagger.bin";
  kg::extract::write_model_file(path, "tagger", PosTagger::fingerprint(),
                                tiny_tagger().payload() + "junk");
  CHECK(contains(load_error(path), "4 unread bytes after the tagger model"));
}

TEST_CASE("tagger: a missing model file is rejected by name") {
  CHECK(load_error("/nonexistent/en-tagger.bin") == "/nonexistent/en-tagger.bin: model file not found");
}

// tests/data/models/v1/tiny-tagger.bin is a committed version-1 tagger model: this build
// must keep reading it. KG_WRITE_FIXTURES=1 rewrites it (only when the format or the
// feature templates change on purpose; say so in the commit).
TEST_CASE("tagger: the committed v1 fixture still loads and tags") {
  const auto fixture = kData / "models" / "v1" / "tiny-tagger.bin";
  if (const char* write = std::getenv("KG_WRITE_FIXTURES"); write && std::string(write) == "1") {
    tiny_tagger().save(fixture);
  }
  const PosTagger tagger = PosTagger::load(fixture);
  CHECK(tagger.classes() == tiny_tagger().classes());
  for (const ConlluSentence& s : tiny_treebank()) CHECK(mistakes(tagger, s).empty());
}

TEST_CASE("tagger: with word clusters it learns the training sentences, stores the clusters and round-trips") {
  std::vector<std::vector<std::string>> text;
  for (const ConlluSentence& s : tiny_treebank()) text.push_back(forms_of(s));
  kg::extract::ClusterTrainingOptions cluster_options;
  cluster_options.levels = {4, 8, 16};
  const kg::extract::WordClusters clusters = kg::extract::train_word_clusters(text, cluster_options);
  TaggerTrainingOptions options;
  options.iterations = 10;
  options.clusters = &clusters;
  const PosTagger tagger = PosTaggerTrainer(options).train(tiny_treebank(), {});
  CHECK(tagger.clusters().words() == clusters.words());
  CHECK(contains(tagger.description(), "clusters: exchange"));
  for (const ConlluSentence& s : tiny_treebank()) CHECK(mistakes(tagger, s).empty());
  // The cluster features change the weights: not the model trained without them.
  CHECK(tagger.payload() != tiny_tagger().payload());
  CHECK(tiny_tagger().clusters().empty());

  const kg::test::TempDir dir;
  const std::filesystem::path path = dir / "tagger.bin";
  tagger.save(path);
  const PosTagger loaded = PosTagger::load(path);
  CHECK(loaded.payload() == tagger.payload());
  CHECK(loaded.clusters().words() == clusters.words());
}
