#include "extract/nlp/word_clusters.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "extract/text/error.h"

using kg::extract::BinaryReader;
using kg::extract::BinaryWriter;
using kg::extract::ClusterTrainingOptions;
using kg::extract::read_token_lines;
using kg::extract::train_word_clusters;
using kg::extract::WordClusters;

namespace {

// Two word families that occur in the same frames: determiners before nouns, nouns before
// verbs. Each frame is repeated with every combination, so the families are distributional.
std::vector<std::vector<std::string>> toy_text() {
  const char* dets[] = {"the", "a", "this", "that"};
  const char* nouns[] = {"dog", "cat", "bird", "Horse"};
  const char* verbs[] = {"runs", "sleeps", "eats", "sings"};
  std::vector<std::vector<std::string>> out;
  for (const char* d : dets)
    for (const char* n : nouns)
      for (const char* v : verbs) out.push_back({d, n, v, "."});
  out.push_back({"Zork", "runs", "."});  // seen once: a signature
  return out;
}

std::vector<std::uint16_t> ids_of(const WordClusters& c, std::string_view w) {
  const auto s = c.lookup(w);
  return {s.begin(), s.end()};
}

}  // namespace

TEST_CASE("WordClusters: normalisation and signatures") {
  CHECK(WordClusters::normalize("McDonald's 2005") == "mcdonald's 0000");
  CHECK(WordClusters::signature("Zarqawi") == "<C>");
  CHECK(WordClusters::signature("overfished") == "<-ed>");
  CHECK(WordClusters::signature("Re-running") == "<C--ing>");
  CHECK(WordClusters::signature("1,200") == "<0>");
  CHECK(WordClusters::signature("B52") == "<0a>");
  CHECK(WordClusters::signature("NATO") == "<AA>");
  CHECK(WordClusters::signature("...") == "<sym>");
}

TEST_CASE("WordClusters: the exchange algorithm separates word families") {
  ClusterTrainingOptions options;
  options.levels = {3, 8};
  const WordClusters c = train_word_clusters(toy_text(), options);
  REQUIRE(c.levels() == 2);
  CHECK(c.classes(0) == 3);
  CHECK(c.classes(1) == 8);
  // At 3 classes: determiners, nouns and verbs each share a class, and differ.
  const auto level0 = [&](std::string_view w) { return c.lookup(w)[0]; };
  for (const char* d : {"a", "this", "that"}) CHECK(level0(d) == level0("the"));
  for (const char* n : {"cat", "bird", "horse"}) CHECK(level0(n) == level0("dog"));
  for (const char* v : {"sleeps", "eats", "sings"}) CHECK(level0(v) == level0("runs"));
  CHECK(level0("the") != level0("dog"));
  CHECK(level0("dog") != level0("runs"));
  // Case and digits are normalised; unseen words get their signature's classes.
  CHECK(ids_of(c, "DOG") == ids_of(c, "dog"));
  CHECK(ids_of(c, "Quux") == ids_of(c, "Zork"));  // both "<C>"
  const auto unknown = c.lookup("%%%");           // a signature never seen: the fallback
  REQUIRE(unknown.size() == 2);
  CHECK(unknown[0] < 3);
  CHECK(unknown[1] < 8);
}

TEST_CASE("WordClusters: training is deterministic and the model round-trips") {
  ClusterTrainingOptions options;
  options.levels = {2, 4};
  const WordClusters a = train_word_clusters(toy_text(), options);
  const WordClusters b = train_word_clusters(toy_text(), options);
  BinaryWriter wa, wb;
  a.write(wa);
  b.write(wb);
  CHECK(wa.data() == wb.data());

  const auto dir = std::filesystem::temp_directory_path() / "kg_word_clusters_test";
  std::filesystem::create_directories(dir);
  const auto path = dir / "clusters.bin";
  a.save(path);
  const WordClusters c = WordClusters::load(path);
  CHECK(c.words() == a.words());
  CHECK(c.description() == a.description());
  for (std::size_t i = 0; i < a.words(); ++i) CHECK(ids_of(c, a.word(i)) == ids_of(a, a.word(i)));

  // Truncated and corrupt payloads are refused.
  const std::string bytes = wa.data();
  BinaryReader truncated(std::string_view(bytes).substr(0, bytes.size() - 3), "x.bin");
  CHECK_THROWS_AS(WordClusters::read(truncated), kg::ModelError);
  std::string corrupt = bytes;
  corrupt[corrupt.size() - 9] = '\x7f';  // the last class id, now out of range
  BinaryReader bad(corrupt, "x.bin");
  CHECK_THROWS_AS(WordClusters::read(bad), kg::ModelError);
  std::filesystem::remove_all(dir);
}

TEST_CASE("WordClusters: empty clusters and bad input") {
  const WordClusters none;
  CHECK(none.empty());
  CHECK(none.lookup("word").empty());
  CHECK_THROWS_AS(train_word_clusters({}), std::invalid_argument);
  ClusterTrainingOptions one;
  one.levels = {1};
  CHECK_THROWS_AS(train_word_clusters(toy_text(), one), std::invalid_argument);
}

TEST_CASE("read_token_lines: one sentence a line") {
  const auto path = std::filesystem::temp_directory_path() / "kg_token_lines_test.txt";
  {
    std::ofstream out(path, std::ios::binary);
    out << "The cat  sat .\r\n\n\tIt ran\n";
  }
  const auto lines = read_token_lines(path);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == std::vector<std::string>{"The", "cat", "sat", "."});
  CHECK(lines[1] == std::vector<std::string>{"It", "ran"});
  std::filesystem::remove(path);
  CHECK_THROWS_AS(read_token_lines(path), kg::InputError);
}
