#include "extract/nlp/ner.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "extract/text/error.h"
#include "tests/test_support.h"

using kg::InputError;
using kg::ModelError;
using kg::extract::Document;
using kg::extract::EntityType;
using kg::extract::NamedEntityRecognizer;
using kg::extract::NerDocument;
using kg::extract::NerEntity;
using kg::extract::NerFormat;
using kg::extract::NerSpan;
using kg::extract::NerTrainer;
using kg::extract::NerTrainingOptions;
using kg::extract::parse_ner;

namespace {

const std::filesystem::path kData = std::filesystem::path(KG_SOURCE_DIR) / "tests" / "data";

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string parse_error(std::string_view text, NerFormat format) {
  try {
    parse_ner(text, "f.txt", format);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

const std::vector<NerDocument>& tiny_data() {
  static const std::vector<NerDocument> docs = kg::extract::read_ner(kData / "tiny_ner.conll", NerFormat::conll03);
  return docs;
}

const NamedEntityRecognizer& tiny_ner() {
  static const NamedEntityRecognizer ner = [] {
    NerTrainingOptions options;
    options.iterations = 10;
    options.folds = 3;
    return NerTrainer(options).train(tiny_data(), {});
  }();
  return ner;
}

std::vector<std::vector<NerEntity>> recognize(const NamedEntityRecognizer& ner,
                                              const std::vector<std::vector<std::string>>& sentences) {
  std::vector<std::vector<std::string_view>> views;
  for (const auto& s : sentences) views.emplace_back(s.begin(), s.end());
  NamedEntityRecognizer::Workspace workspace;
  std::vector<std::vector<NerEntity>> out;
  ner.recognize(views, workspace, out);
  return out;
}

std::string load_error(const std::filesystem::path& path) {
  try {
    NamedEntityRecognizer::load(path);
  } catch (const ModelError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

// ----------------------------------------------------------------------------------------
// Readers.

TEST_CASE("ner reader conll03: IOB1 runs, B- splits, documents and blank lines") {
  const std::string text =
      "-DOCSTART- -X- -X- O\n\n"
      "EU NNP I-NP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\n\n\n"
      "Peter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\nand CC O O\nSmith NNP I-NP I-PER\n"
      "Jones NNP I-NP B-PER\n\n"
      "-DOCSTART- -X- -X- O\n\n"
      "BRUSSELS NNP I-NP I-LOC\r\n1996-08-22 CD I-NP O\r\n";  // CRLF and no final blank line
  const auto docs = parse_ner(text, "t.conll", NerFormat::conll03);
  REQUIRE(docs.size() == 2);
  REQUIRE(docs[0].sentences.size() == 2);
  CHECK(docs[0].sentences[0].words == std::vector<std::string>{"EU", "rejects", "German"});
  CHECK(docs[0].sentences[0].entities == std::vector<NerEntity>{{0, 1, "ORG"}, {2, 3, "MISC"}});
  CHECK(docs[0].sentences[1].entities ==
        std::vector<NerEntity>{{0, 2, "PER"}, {3, 4, "PER"}, {4, 5, "PER"}});
  REQUIRE(docs[1].sentences.size() == 1);
  CHECK(docs[1].sentences[0].words == std::vector<std::string>{"BRUSSELS", "1996-08-22"});
  CHECK(docs[1].sentences[0].entities == std::vector<NerEntity>{{0, 1, "LOC"}});
  CHECK(kg::extract::count_words(docs) == 10);
  CHECK(kg::extract::count_entities(docs) == 6);
}

TEST_CASE("ner reader conll03: an entity at the end of a sentence and IOB2 tags") {
  const auto docs = parse_ner("New B-LOC\nYork I-LOC\n\nin O\nParis B-LOC\n", "t", NerFormat::conll03);
  REQUIRE(docs.size() == 1);
  CHECK(docs[0].sentences[0].entities == std::vector<NerEntity>{{0, 2, "LOC"}});
  CHECK(docs[0].sentences[1].entities == std::vector<NerEntity>{{1, 2, "LOC"}});
}

TEST_CASE("ner reader conll03: malformed lines name the file and line") {
  CHECK(parse_error("EU NNP I-NP I-ORG\nrejects VBZ I-VP X-FOO\n", NerFormat::conll03) ==
        "f.txt:2: bad entity tag 'X-FOO' (expected O, B-TYPE or I-TYPE)");
  CHECK(parse_error("EU\n", NerFormat::conll03) == "f.txt:1: expected 'word ... TAG', got 'EU'");
  CHECK(contains(parse_error("EU NNP I-\n", NerFormat::conll03), "f.txt:1: bad entity tag 'I-'"));
}

TEST_CASE("ner reader conllu (UNER .iob2): documents, comments, I- after O, OTH") {
  const std::string text =
      "# global.columns = ID FORM NE\n"
      "# newdoc id = doc-a\n# sent_id = a-1\n# text = where in tampa bay\n"
      "1\twhere\tO\t-\t-\n2\tin\tO\t-\t-\n3\ttampa\tB-LOC\t-\tann\n4\tbay\tI-LOC\t-\tann\n\n"
      "# sent_id = a-2\n1\tGoogle\tI-ORG\t-\tann\n2\tMaps\tB-OTH\t-\tann\n\n"
      "# newdoc id = doc-b\n1\tBob\tB-PER\t-\t-\n";
  const auto docs = parse_ner(text, "u.iob2", NerFormat::conllu);
  REQUIRE(docs.size() == 2);
  CHECK(docs[0].id == "doc-a");
  CHECK(docs[1].id == "doc-b");
  REQUIRE(docs[0].sentences.size() == 2);
  CHECK(docs[0].sentences[0].entities == std::vector<NerEntity>{{2, 4, "LOC"}});
  CHECK(docs[0].sentences[1].entities == std::vector<NerEntity>{{0, 1, "ORG"}, {1, 2, "MISC"}});
  CHECK(docs[1].sentences[0].line == 15);
  CHECK(parse_error("1 where O\n", NerFormat::conllu) ==
        "f.txt:1: expected tab-separated 'ID FORM TAG ...', got '1 where O'");
}

TEST_CASE("ner reader gmb: Windows-1252, CRLF, quoted commas, type mapping, pseudo-documents") {
  std::string text = "Sentence #,Word,POS,Tag\r\n";
  text += "Sentence: 1,Obama,NNP,B-per\r\n,met,VBD,O\r\n,\",\",\",\",O\r\n,Iraqi,JJ,B-gpe\r\n";
  text += ",officials,NNS,O\r\n,in,IN,O\r\n,Baghdad,NNP,B-geo\r\n,on,IN,O\r\n,Monday,NNP,B-tim\r\n";
  text += "Sentence: 2,The,DT,O\r\n,UN,NNP,B-org\r\n,Security,NNP,I-org\r\n,Council,NNP,I-org\r\n";
  text += ",Caf\xe9,NNP,O\r\n,\x93quote\x94,NN,O\r\n";
  for (int s = 3; s <= 21; ++s) text += "Sentence: " + std::to_string(s) + ",Hi,UH,O\r\n";
  const auto docs = parse_ner(text, "ner_dataset.csv", NerFormat::gmb);
  REQUIRE(docs.size() == 2);  // 21 sentences: 20 + 1
  CHECK(docs[0].sentences.size() == kg::extract::kGmbDocumentSentences);
  CHECK(docs[1].sentences.size() == 1);
  const auto& s1 = docs[0].sentences[0];
  CHECK(s1.words == std::vector<std::string>{"Obama", "met", ",", "Iraqi", "officials", "in", "Baghdad", "on", "Monday"});
  CHECK(s1.entities == std::vector<NerEntity>{{0, 1, "PER"}, {3, 4, "NORP"}, {6, 7, "LOC"}});  // tim dropped
  const auto& s2 = docs[0].sentences[1];
  CHECK(s2.entities == std::vector<NerEntity>{{1, 4, "ORG"}});
  CHECK(s2.words[4] == "Caf\xc3\xa9");
  CHECK(s2.words[5] == "\xe2\x80\x9cquote\xe2\x80\x9d");
}

TEST_CASE("ner reader gmb: a bad header, a word before any sentence, bad CSV") {
  CHECK(parse_error("Word,Tag\n", NerFormat::gmb) == "f.txt:1: expected the header 'Sentence #,Word,POS,Tag'");
  CHECK(parse_error("Sentence #,Word,POS,Tag\n,a,DT,O\n", NerFormat::gmb) ==
        "f.txt:2: a word before the first 'Sentence: N' row");
  CHECK(contains(parse_error("Sentence #,Word,POS,Tag\nSentence: 1,\"a,DT,O\n", NerFormat::gmb),
                 "f.txt:2: expected 4 CSV fields"));
  CHECK(parse_error("", NerFormat::gmb) == "f.txt:1: empty file (expected the header 'Sentence #,Word,POS,Tag')");
}

TEST_CASE("ner reader: a missing file is an input error naming it") {
  CHECK_THROWS_WITH_AS(kg::extract::read_ner("/nonexistent/x.conll", NerFormat::conll03),
                       "/nonexistent/x.conll: cannot open the file", InputError);
}

TEST_CASE("ner formats: names round-trip, and iob2 is an alias of conllu") {
  for (const NerFormat f : {NerFormat::conll03, NerFormat::conllu, NerFormat::gmb})
    CHECK(kg::extract::ner_format_from_string(kg::extract::to_string(f)) == f);
  CHECK(kg::extract::ner_format_from_string("iob2") == NerFormat::conllu);
  CHECK(!kg::extract::ner_format_from_string("csv"));
}

// ----------------------------------------------------------------------------------------
// Training and recognising.

TEST_CASE("ner: training learns the tiny training set") {
  const NamedEntityRecognizer& ner = tiny_ner();
  CHECK(ner.types() == std::vector<std::string>{"LOC", "MISC", "ORG", "PER"});
  CHECK(ner.passes() == 2);
  for (const NerDocument& d : tiny_data()) {
    std::vector<std::vector<std::string>> words;
    for (const auto& s : d.sentences) words.push_back(s.words);
    const auto got = recognize(ner, words);
    for (std::size_t s = 0; s < d.sentences.size(); ++s) CHECK(got[s] == d.sentences[s].entities);
  }
  const auto scores = kg::extract::evaluate(ner, tiny_data());
  CHECK(scores.all.f1() == doctest::Approx(1.0));
  CHECK(scores.words == kg::extract::count_words(tiny_data()));
}

TEST_CASE("ner: a held-out sentence with known names in a new order") {
  const auto got = recognize(tiny_ner(), {{"Mary", "Jones", "visited", "Berlin", "on", "Friday", "."}});
  CHECK(got[0] == std::vector<NerEntity>{{0, 2, "PER"}, {3, 4, "LOC"}});
}

TEST_CASE("ner: training is deterministic") {
  NerTrainingOptions options;
  options.iterations = 3;
  options.folds = 3;
  CHECK(NerTrainer(options).train(tiny_data(), {}).payload() == NerTrainer(options).train(tiny_data(), {}).payload());
}

TEST_CASE("ner: no entities or no words cannot be trained on") {
  const auto plain = parse_ner("a O\nb O\n", "t", NerFormat::conll03);
  CHECK_THROWS_WITH_AS(NerTrainer({}).train(plain, {}), "training data: no entities to train the recogniser on",
                       InputError);
  CHECK_THROWS_AS(NerTrainer({}).train({}, {}), InputError);
}

TEST_CASE("ner: recognize(Document) gives document token ranges and drops MISC") {
  Document doc;
  const std::vector<std::string> words{"German", "officials", "praised", "the", "plan", ".",
                                       "Mary", "Jones", "spoke", "in", "London", "."};
  for (const auto& w : words) {
    kg::extract::Token t;
    t.form = w;
    doc.tokens.push_back(t);
  }
  doc.sentences.push_back({0, 6, 0, 0, false});
  doc.sentences.push_back({6, 12, 0, 0, false});
  // "German" is MISC in the training data: the model finds it, recognize(Document) leaves it out.
  const auto words_out = recognize(tiny_ner(), {{words.begin(), words.begin() + 6}});
  CHECK(words_out[0] == std::vector<NerEntity>{{0, 1, "MISC"}});
  const std::vector<NerSpan> spans = tiny_ner().recognize(doc);
  CHECK(spans == std::vector<NerSpan>{{1, 6, 8, EntityType::Person}, {1, 10, 11, EntityType::Loc}});
  Document empty;
  CHECK(tiny_ner().recognize(empty).empty());
}

TEST_CASE("ner: a sentence repeated across many scoring blocks is labelled the same in each") {
  // 2,100 words: the sentences are prepared and scored a block of about a thousand words at
  // a time, with the document's votes between the passes. Every copy but the first (the
  // first occurrence of its words) reads the same features, so gets the same entities.
  const std::vector<std::string> sentence{"Mary", "Jones", "visited", "Berlin", "on", "Friday", "."};
  const auto got = recognize(tiny_ner(), std::vector<std::vector<std::string>>(300, sentence));
  REQUIRE(got.size() == 300);
  CHECK(got[1] == std::vector<NerEntity>{{0, 2, "PER"}, {3, 4, "LOC"}});
  for (std::size_t s = 2; s < got.size(); ++s) CHECK(got[s] == got[1]);
}

TEST_CASE("ner: one sentence longer than a scoring block is labelled as a whole") {
  // A block holds at least one sentence, however long: 300 copies of a clause in one
  // 1,500-word sentence.
  std::vector<std::string> words;
  for (int k = 0; k < 300; ++k)
    for (const char* w : {"Mary", "Jones", "visited", "Berlin", "and"}) words.emplace_back(w);
  const auto got = recognize(tiny_ner(), {words});
  REQUIRE(got.size() == 1);
  REQUIRE(got[0].size() >= 598);
  // Past the first clause, each has its person and its place, at the same offsets.
  std::size_t people = 0, places = 0;
  for (const NerEntity& e : got[0]) {
    if (e.first < 5) continue;
    people += e.type == "PER" && e.first % 5 == 0 && e.last == e.first + 2;
    places += e.type == "LOC" && e.first % 5 == 3 && e.last == e.first + 1;
  }
  CHECK(people == 299);
  CHECK(places == 299);
}

TEST_CASE("ner: Token::norm is read before Token::form") {
  Document doc;
  for (const char* w : {"MJ", "visited", "Paris", "."}) {
    kg::extract::Token t;
    t.form = w;
    doc.tokens.push_back(t);
  }
  doc.tokens[0].form = "Mary";  // norm wins over form
  doc.tokens[0].norm = "Smith";
  const auto spans = tiny_ner().recognize(doc);  // no sentences: the whole list is one
  REQUIRE(spans.size() == 2);
  CHECK(spans[0] == NerSpan{0, 0, 1, EntityType::Person});
  CHECK(spans[1] == NerSpan{0, 2, 3, EntityType::Loc});
}

TEST_CASE("ner evaluate: type map and types only one side has") {
  const auto gold = parse_ner("Paris B-GPE\nand O\nRome B-LOC\nsaw O\nX B-EVENT\n", "g", NerFormat::conll03);
  const auto scores = kg::extract::evaluate(tiny_ner(), gold, {{"GPE", "LOC"}});
  CHECK(scores.ignored_gold == std::vector<std::string>{"EVENT"});
  CHECK(scores.ignored_predicted == std::vector<std::string>{"MISC", "ORG", "PER"});
  REQUIRE(scores.types.count("LOC") == 1);
  CHECK(scores.types.at("LOC").gold == 2);
  CHECK(scores.all.gold == 2);
}

// ----------------------------------------------------------------------------------------
// Model files.

TEST_CASE("ner: a model round-trips through a file") {
  const kg::test::TempDir dir;
  const auto path = dir / "ner.bin";
  tiny_ner().save(path);
  const NamedEntityRecognizer loaded = NamedEntityRecognizer::load(path);
  CHECK(loaded.payload() == tiny_ner().payload());
  CHECK(loaded.types() == tiny_ner().types());
  CHECK(loaded.description() == tiny_ner().description());
  const auto a = recognize(loaded, {{"John", "Smith", "visited", "Madrid", "."}});
  CHECK(a == recognize(tiny_ner(), {{"John", "Smith", "visited", "Madrid", "."}}));
}

TEST_CASE("ner: corrupt, truncated and foreign model files are refused by name") {
  const kg::test::TempDir dir;
  const auto path = dir / "ner.bin";
  tiny_ner().save(path);
  const std::string bytes = kg::test::read_file(path);

  dir.write("truncated.bin", bytes.substr(0, bytes.size() / 2));
  const std::string truncated = load_error(dir / "truncated.bin");
  CHECK(truncated.starts_with((dir / "truncated.bin").string() + ": "));

  std::string flipped = bytes;
  flipped[bytes.size() / 2] = static_cast<char>(flipped[bytes.size() / 2] ^ 0x5a);
  dir.write("flipped.bin", flipped);
  const std::string corrupt = load_error(dir / "flipped.bin");
  CHECK(corrupt.starts_with((dir / "flipped.bin").string() + ": "));
  CHECK(contains(corrupt, "checksum"));

  const auto tagger = dir / "tagger.bin";
  kg::extract::write_model_file(tagger, "tagger", NamedEntityRecognizer::fingerprint(), tiny_ner().payload());
  CHECK(load_error(tagger) == tagger.string() + ": is a tagger model, expected a ner model");

  const auto other = dir / "other.bin";
  kg::extract::write_model_file(other, "ner", NamedEntityRecognizer::fingerprint() ^ 1, tiny_ner().payload());
  CHECK(contains(load_error(other), "ner model built for feature templates"));

  const auto junk = dir / "junk.bin";
  kg::extract::write_model_file(junk, "ner", NamedEntityRecognizer::fingerprint(), tiny_ner().payload() + "xy");
  CHECK(contains(load_error(junk), "2 unread bytes after the ner model"));

  dir.write("text.bin", "hello world, not a model");
  CHECK(load_error(dir / "text.bin").starts_with((dir / "text.bin").string() + ": "));

  CHECK(load_error("/nonexistent/en-ner.bin") == "/nonexistent/en-ner.bin: model file not found");
}

TEST_CASE("ner: a payload with a bad type count is refused") {
  kg::extract::BinaryWriter w;
  w.string("desc");
  w.u32(0);
  const std::string image = kg::extract::encode_model("ner", NamedEntityRecognizer::fingerprint(), w.data());
  const auto file = kg::extract::decode_model(image, "zero.bin", "ner", NamedEntityRecognizer::fingerprint());
  CHECK_THROWS_WITH_AS(NamedEntityRecognizer::from_model(file), doctest::Contains("zero.bin"), ModelError);
}

// models/en-ner.bin (GMB-trained, see models/README.md) must load with this build's templates
// and find the obvious names; skipped where the model is not checked out.
TEST_CASE("ner: the shipped model loads and finds people, places and organisations") {
  const auto path = std::filesystem::path(KG_SOURCE_DIR) / "models" / "en-ner.bin";
  if (!std::filesystem::exists(path)) {
    KG_SKIP_MISSING(path.string() << " is absent");
    return;
  }
  const NamedEntityRecognizer ner = NamedEntityRecognizer::load(path);
  CHECK(ner.types() == std::vector<std::string>{"LOC", "NORP", "ORG", "PER"});
  const auto got = recognize(ner, {{"Emmanuel", "Macron", "met", "Angela", "Merkel", "in", "Berlin", "on", "Monday", ",",
                                    "the", "European", "Commission", "said", "."}});
  CHECK(got[0] == std::vector<NerEntity>{{0, 2, "PER"}, {3, 5, "PER"}, {6, 7, "LOC"}, {11, 13, "ORG"}});
}
