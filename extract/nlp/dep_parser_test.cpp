#include "extract/nlp/dep_parser.h"

#include <doctest/doctest.h>

#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "extract/nlp/arc_eager.h"
#include "extract/nlp/model_io.h"
#include "extract/nlp/perceptron.h"
#include "extract/text/error.h"
#include "tests/test_support.h"

using kg::ModelError;
using kg::extract::ConlluSentence;
using kg::extract::DependencyParser;
using kg::extract::DependencyParserTrainer;
using kg::extract::ParsedWord;
using kg::extract::ParserTrainingOptions;
using kg::extract::ParserWord;

namespace {

const std::vector<ConlluSentence>& tiny_treebank() {
  static const std::vector<ConlluSentence> sentences = kg::extract::read_conllu(
      std::filesystem::path(KG_SOURCE_DIR) / "tests/data/tiny_parser_treebank.conllu");
  return sentences;
}

ParserTrainingOptions tiny_options() {
  ParserTrainingOptions o;
  o.iterations = 20;
  o.seed = 7;
  return o;
}

const DependencyParser& tiny_parser() {
  static const DependencyParser parser =
      DependencyParserTrainer(tiny_options()).train(tiny_treebank(), {});
  return parser;
}

std::vector<ParserWord> words_of(const ConlluSentence& s) {
  std::vector<ParserWord> words;
  for (const auto& w : s.words) words.push_back({w.form, w.upos, w.xpos});
  return words;
}

// True when `parsed` is one tree: a single root, every head chain ends there.
bool is_tree(const std::vector<ParsedWord>& parsed) {
  int roots = 0;
  for (std::size_t i = 0; i < parsed.size(); ++i) {
    if (parsed[i].head < 0) ++roots;
    std::int32_t a = static_cast<std::int32_t>(i);
    std::size_t steps = 0;
    while (a >= 0 && steps++ <= parsed.size()) a = parsed[static_cast<std::size_t>(a)].head;
    if (a >= 0) return false;  // a cycle
  }
  return roots == 1;
}

// The ModelError message of loading `bytes` as a parser model, or "" when it loads.
std::string rejection(const std::string& bytes) {
  const kg::test::TempFile file(".bin");
  file.write(bytes);
  try {
    DependencyParser::load(file.path());
  } catch (const ModelError& e) {
    return e.what();
  }
  return "";
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

std::string model_bytes() {
  return kg::extract::encode_model(DependencyParser::kKind, DependencyParser::fingerprint(),
                                   tiny_parser().payload());
}

}  // namespace

TEST_CASE("parser: trained on the tiny treebank, it parses its own sentences as the training trees") {
  const DependencyParser& parser = tiny_parser();
  int wrong_sentences = 0;
  for (const ConlluSentence& s : tiny_treebank()) {
    std::vector<std::int32_t> heads{-1};
    for (const auto& w : s.words) heads.push_back(w.head);
    const std::vector<std::int32_t> expected = kg::extract::projectivize(heads);
    const std::vector<ParsedWord> parsed = parser.parse(words_of(s));
    bool same = parsed.size() == s.words.size();
    for (std::size_t i = 0; same && i < parsed.size(); ++i) {
      same = parsed[i].head + 1 == expected[i + 1] && parser.label(parsed[i].label) == s.words[i].deprel;
    }
    if (!same) MESSAGE("parsed differently: " << s.text);
    wrong_sentences += !same;
  }
  CHECK(wrong_sentences == 0);
}

TEST_CASE("parser: evaluate() misses exactly the two arcs projectivisation lifted") {
  const kg::extract::ParserScores scores = kg::extract::evaluate(tiny_parser(), tiny_treebank());
  CHECK(scores.words == 253);
  CHECK(scores.heads == 251);
  CHECK(scores.labeled == 251);
}

TEST_CASE("parser: every parse is one tree, even of unlikely input") {
  const DependencyParser& parser = tiny_parser();
  CHECK(is_tree(parser.parse({{"Hello", "INTJ", "UH"}})));
  CHECK(is_tree(parser.parse({{".", "PUNCT", "."}, {",", "PUNCT", ","}, {"?", "PUNCT", "."}})));
  CHECK(is_tree(parser.parse({{"zorp", "X", "FW"}, {"blick", "SYM", "NFP"}, {"quux", "", ""}})));
  std::vector<ParserWord> many(60, ParserWord{"the", "DET", "DT"});
  CHECK(is_tree(parser.parse(many)));
  std::vector<ParserWord> verbs(25, ParserWord{"said", "VERB", "VBD"});
  CHECK(is_tree(parser.parse(verbs)));
}

TEST_CASE("parser: an empty sentence gives an empty parse") {
  CHECK(tiny_parser().parse(std::vector<ParserWord>{}).empty());
}

TEST_CASE("parser: a Document gets heads as document token indices, sentence by sentence") {
  const DependencyParser& parser = tiny_parser();
  kg::extract::Document doc;
  const ConlluSentence& a = tiny_treebank().at(0);  // The minister met the president in Paris.
  const ConlluSentence& b = tiny_treebank().at(4);  // The bill was passed by the senate.
  for (const ConlluSentence* s : {&a, &b}) {
    kg::extract::Sentence sentence;
    sentence.first = static_cast<std::uint32_t>(doc.tokens.size());
    for (const auto& w : s->words) {
      kg::extract::Token t;
      t.form = w.form;
      t.tag = w.upos;
      t.xpos = w.xpos;
      doc.tokens.push_back(t);
    }
    sentence.last = static_cast<std::uint32_t>(doc.tokens.size());
    doc.sentences.push_back(sentence);
  }
  parser.parse(doc);
  REQUIRE(doc.tokens.size() == a.words.size() + b.words.size());
  const std::int32_t offset = static_cast<std::int32_t>(a.words.size());
  CHECK(doc.tokens[2].head == -1);  // "met"
  CHECK(doc.tokens[2].deprel == "root");
  CHECK(doc.tokens[1].head == 2);   // minister -> met
  CHECK(doc.tokens[1].deprel == "nsubj");
  CHECK(doc.tokens[offset + 1].head == offset + 3);  // bill -> passed
  CHECK(doc.tokens[offset + 1].deprel == "nsubj:pass");
  CHECK(doc.tokens[offset + 3].head == -1);
  for (std::size_t i = 0; i < doc.tokens.size(); ++i) {
    const std::int32_t lo = i < a.words.size() ? 0 : offset;
    const std::int32_t hi = i < a.words.size() ? offset : static_cast<std::int32_t>(doc.tokens.size());
    const std::int32_t h = doc.tokens[i].head;
    CHECK((h == -1 || (h >= lo && h < hi)));
  }
}

TEST_CASE("parser: training is deterministic for a seed") {
  const DependencyParser again = DependencyParserTrainer(tiny_options()).train(tiny_treebank(), {});
  CHECK(again.payload() == tiny_parser().payload());
}

TEST_CASE("parser: each relation is also a Token label, trained or loaded") {
  const kg::test::TempDir dir;
  const std::filesystem::path path = dir / "parser.bin";
  tiny_parser().save(path);
  const DependencyParser loaded = DependencyParser::load(path);
  for (std::uint32_t id = 0; id < tiny_parser().labels(); ++id) {
    CHECK(tiny_parser().deprel(id) == kg::extract::Label(tiny_parser().label(id)));
    CHECK(loaded.deprel(id) == kg::extract::Label(loaded.label(id)));
  }
}

TEST_CASE("parser: a saved model loads back identical") {
  const kg::test::TempDir dir;
  const std::filesystem::path path = dir / "parser.bin";
  tiny_parser().save(path);
  const DependencyParser loaded = DependencyParser::load(path);
  CHECK(loaded.payload() == tiny_parser().payload());
  CHECK(loaded.labels() == tiny_parser().labels());
  const kg::extract::ParserScores scores = kg::extract::evaluate(loaded, tiny_treebank());
  CHECK(scores.heads == 251);
}

TEST_CASE("parser: a truncated model file is rejected as truncated") {
  const std::string bytes = model_bytes();
  CHECK(rejection(bytes).empty());
  CHECK(contains(rejection(bytes.substr(0, 5)), "truncated"));
  CHECK(contains(rejection(bytes.substr(0, 30)), "truncated"));
  CHECK(contains(rejection(bytes.substr(0, bytes.size() / 2)), "truncated"));
  CHECK(contains(rejection(bytes.substr(0, bytes.size() - 1)), "truncated"));
}

TEST_CASE("parser: the rejection message names the file") {
  const kg::test::TempFile file(".bin");
  file.write(model_bytes().substr(0, 40));
  std::string message;
  try {
    DependencyParser::load(file.path());
  } catch (const ModelError& e) {
    message = e.what();
  }
  CHECK(contains(message, file.string()));
}

TEST_CASE("parser: a foreign file is rejected") {
  CHECK(contains(rejection("# not a model\n1\tThe\tthe\n"), "not a kgbuild model"));
}

TEST_CASE("parser: a model of a newer format version is rejected") {
  std::string bytes = model_bytes();
  bytes[8] = static_cast<char>(kg::extract::kModelFormatVersion + 1);
  CHECK(contains(rejection(bytes), "newer than this kgbuild supports"));
}

TEST_CASE("parser: a model of another kind is rejected") {
  const std::string tagger = kg::extract::encode_model("tagger", DependencyParser::fingerprint(),
                                                       tiny_parser().payload());
  CHECK(contains(rejection(tagger), "is a tagger model, expected a parser model"));
}

TEST_CASE("parser: a model built with other feature templates is rejected") {
  const std::string other = kg::extract::encode_model(
      DependencyParser::kKind, DependencyParser::fingerprint() + 1, tiny_parser().payload());
  CHECK(contains(rejection(other), "built for feature templates"));
}

TEST_CASE("parser: a payload whose first relation is not root is rejected") {
  kg::extract::BinaryWriter w;
  w.string("broken");
  w.vector(std::vector<std::string>{"nsubj", "root"});
  const std::string bytes = kg::extract::encode_model(DependencyParser::kKind,
                                                      DependencyParser::fingerprint(), w.data());
  CHECK(contains(rejection(bytes), "the first must be \"root\""));
}

TEST_CASE("parser: with word clusters it learns the training trees, stores the clusters and round-trips") {
  std::vector<std::vector<std::string>> text;
  for (const ConlluSentence& s : tiny_treebank()) {
    text.emplace_back();
    for (const auto& w : s.words) text.back().push_back(w.form);
  }
  kg::extract::ClusterTrainingOptions cluster_options;
  cluster_options.levels = {4, 8, 16};
  const kg::extract::WordClusters clusters = kg::extract::train_word_clusters(text, cluster_options);
  ParserTrainingOptions options = tiny_options();
  options.clusters = &clusters;
  const DependencyParser parser = DependencyParserTrainer(options).train(tiny_treebank(), {});
  CHECK(parser.clusters().words() == clusters.words());
  CHECK(parser.description().find("clusters: exchange") != std::string::npos);
  const kg::extract::ParserScores scores = kg::extract::evaluate(parser, tiny_treebank());
  CHECK(scores.heads == 251);  // all but the two lifted arcs, as without clusters
  CHECK(scores.labeled_full == 251);

  const DependencyParser again = DependencyParserTrainer(options).train(tiny_treebank(), {});
  CHECK(again.payload() == parser.payload());
  CHECK(again.payload() != tiny_parser().payload());

  const kg::test::TempDir dir;
  const std::filesystem::path path = dir / "parser.bin";
  parser.save(path);
  const DependencyParser loaded = DependencyParser::load(path);
  CHECK(loaded.payload() == parser.payload());
  CHECK(loaded.clusters().words() == clusters.words());
  for (const ConlluSentence& s : tiny_treebank()) {
    const std::vector<ParsedWord> a = loaded.parse(words_of(s)), b = parser.parse(words_of(s));
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      CHECK(a[i].head == b[i].head);
      CHECK(a[i].label == b[i].label);
    }
  }
}

namespace {

const DependencyParser& tiny_beam_parser() {
  static const DependencyParser parser = [] {
    ParserTrainingOptions options = tiny_options();
    options.beam = 4;
    return DependencyParserTrainer(options).train(tiny_treebank(), {});
  }();
  return parser;
}

// The payload with its last field, the beam width, replaced.
std::string with_beam_width(std::string payload, std::uint32_t width) {
  std::memcpy(payload.data() + payload.size() - 4, &width, 4);
  return kg::extract::encode_model(DependencyParser::kKind, DependencyParser::fingerprint(), payload);
}

}  // namespace

TEST_CASE("parser: beam training learns the tiny treebank and the model decodes with its width") {
  const DependencyParser& parser = tiny_beam_parser();
  CHECK(parser.beam() == 4);
  const kg::extract::ParserScores scores = kg::extract::evaluate(parser, tiny_treebank());
  CHECK(scores.heads == 251);  // all but the two lifted arcs
  CHECK(scores.labeled_full == 251);
}

TEST_CASE("parser: beam training is deterministic and differs from greedy training") {
  ParserTrainingOptions options = tiny_options();
  options.beam = 4;
  const DependencyParser again = DependencyParserTrainer(options).train(tiny_treebank(), {});
  CHECK(again.payload() == tiny_beam_parser().payload());
  CHECK(again.payload() != tiny_parser().payload());
}

TEST_CASE("parser: the beam width round-trips through the model file") {
  const kg::test::TempDir dir;
  const std::filesystem::path path = dir / "parser.bin";
  tiny_beam_parser().save(path);
  const DependencyParser loaded = DependencyParser::load(path);
  CHECK(loaded.beam() == 4);
  CHECK(loaded.payload() == tiny_beam_parser().payload());
  CHECK(DependencyParser::load((tiny_parser().save(dir / "greedy.bin"), dir / "greedy.bin")).beam() == 1);
}

TEST_CASE("parser: a beam width of 0 or above the maximum is rejected with the value found") {
  const std::string payload = tiny_parser().payload();
  CHECK(rejection(with_beam_width(payload, 1)).empty());
  CHECK(contains(rejection(with_beam_width(payload, 0)), "beam width 0"));
  CHECK(contains(rejection(with_beam_width(payload, DependencyParser::kMaxBeam + 1)),
                 "beam width " + std::to_string(DependencyParser::kMaxBeam + 1)));
}

TEST_CASE("parser: set_beam() changes the decoder and clamps the width") {
  DependencyParser parser = tiny_beam_parser();
  parser.set_beam(0);
  CHECK(parser.beam() == 1);
  parser.set_beam(1000);
  CHECK(parser.beam() == DependencyParser::kMaxBeam);
  // Wider than needed still finds the training trees; every parse is a tree.
  CHECK(kg::extract::evaluate(parser, tiny_treebank()).heads == 251);
  std::vector<ParserWord> verbs(25, ParserWord{"said", "VERB", "VBD"});
  CHECK(is_tree(parser.parse(verbs)));
  parser.set_beam(1);
  CHECK(is_tree(parser.parse(verbs)));
}

TEST_CASE("parser: a reused workspace gives the beam decoder the same parse as a fresh one") {
  // The beam caches scores per sentence in the workspace; the next sentence must not see them.
  const DependencyParser& parser = tiny_beam_parser();
  DependencyParser::Workspace reused;
  std::vector<ParsedWord> first, again, fresh;
  for (const ConlluSentence& s : tiny_treebank()) {
    const std::vector<ParserWord> words = words_of(s);
    parser.parse(words, reused, again);
    DependencyParser::Workspace new_workspace;
    parser.parse(words, new_workspace, fresh);
    REQUIRE(again.size() == fresh.size());
    for (std::size_t i = 0; i < fresh.size(); ++i) {
      CHECK(again[i].head == fresh[i].head);
      CHECK(again[i].label == fresh[i].label);
    }
  }
}
