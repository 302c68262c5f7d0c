// `kgbuild train relations` (cli/relation_commands.h) on a tiny folder of invented articles
// with invented gold annotations: it trains, writes a filter that loads, and refuses an
// article without gold or with malformed gold, naming the file.
#include "cli/relation_commands.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "cli/options.h"
#include "cli/options_test_support.h"
#include "extract/kg/relation_filter.h"
#include "extract/text/error.h"
#include "extract/text/log.h"
#include "tests/test_support.h"

using kg::cli::Options;
using kg::cli::test::parse;

namespace {

void write(const std::filesystem::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  REQUIRE(out.good());
}

// Two articles, each with its gold file.
void write_articles(const std::filesystem::path& dir) {
  write(dir / "a1.txt",
        "Hugo Brandt met Elin Moreau in Oslo on Monday.\n\n"
        "Hugo Brandt, a banker from Oslo, praised Talmor Group.\n\n"
        "Elin Moreau joined Talmor Group in 2019.\n");
  write(dir / "a1.gold.json", R"({
  "document": "a1.txt",
  "entities": [
    {"name": "Hugo Brandt", "type": "PERSON", "aliases": ["Hugo Brandt", "Brandt"]},
    {"name": "Elin Moreau", "type": "PERSON", "aliases": ["Elin Moreau"]},
    {"name": "Oslo", "type": "GPE", "aliases": ["Oslo"]},
    {"name": "Talmor Group", "type": "ORG", "aliases": ["Talmor Group"]},
    {"name": "2019", "type": "DATE", "aliases": ["2019"]}
  ],
  "relations": [
    {"subject": "Hugo Brandt", "predicates": ["meet"], "object": "Elin Moreau", "symmetric": true, "class": "meet"},
    {"subject": "Hugo Brandt", "predicates": ["from", "located in"], "object": "Oslo", "class": "located_in"},
    {"subject": "Elin Moreau", "predicates": ["join", "member of"], "object": "Talmor Group", "class": "member"},
    {"subject": "Elin Moreau", "predicates": ["in"], "object": "2019", "class": "date", "optional": true}
  ]
})");
  write(dir / "a2.txt",
        "Rita Sousa of Norvik Bank visited Bergen.\n\n"
        "Rita Sousa did not meet Carlos Nunes in Bergen.\n");
  write(dir / "a2.gold.json", R"({
  "document": "a2.txt",
  "entities": [
    {"name": "Rita Sousa", "type": "PERSON", "aliases": ["Rita Sousa"]},
    {"name": "Norvik Bank", "type": "ORG", "aliases": ["Norvik Bank"]},
    {"name": "Bergen", "type": "GPE", "aliases": ["Bergen"]},
    {"name": "Carlos Nunes", "type": "PERSON", "aliases": ["Carlos Nunes"]}
  ],
  "relations": [
    {"subject": "Rita Sousa", "predicates": ["member of", "work for"], "object": "Norvik Bank", "class": "member"},
    {"subject": "Rita Sousa", "predicates": ["visit"], "object": "Bergen", "class": "other"}
  ]
})");
}

// Quiets the training's progress lines; restores the level on scope exit.
struct QuietLog {
  kg::log::Level saved = kg::log::level();
  QuietLog() { kg::log::set_level(kg::log::Level::warn); }
  ~QuietLog() { kg::log::set_level(saved); }
  QuietLog(const QuietLog&) = delete;
  QuietLog& operator=(const QuietLog&) = delete;
};

Options train_options(const kg::test::TempDir& dir, const std::filesystem::path& model) {
  return parse({"train", "relations", "--train", dir.string(), "-o", model.string(), "--iterations", "3", "--margin",
                "0.5"});
}

std::string bytes_of(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("train relations: a folder of two articles with gold gives a filter that loads") {
  const QuietLog quiet;
  const kg::test::TempDir dir;
  write_articles(dir.path());
  const kg::test::TempDir out;
  const std::filesystem::path model = out / "relations.bin";
  CHECK(kg::cli::run_train_relations(train_options(dir, model)) == 0);
  REQUIRE(std::filesystem::exists(model));
  const kg::extract::RelationFilter filter = kg::extract::RelationFilter::load(model);
  CHECK(filter.margin() == doctest::Approx(0.5f));
  CHECK(filter.description().find("2 articles") != std::string::npos);
  CHECK(filter.description().find("3 iterations") != std::string::npos);
  // "... 2 articles, N candidates, ...": the gold labelled some pairs.
  const std::string& d = filter.description();
  INFO(d);
  const std::size_t comma = d.find("articles, ");
  REQUIRE(comma != std::string::npos);
  CHECK(std::stoi(d.substr(comma + 10)) > 0);
  // Deterministic: the same folder and options give the same bytes.
  const std::filesystem::path again = out / "again.bin";
  CHECK(kg::cli::run_train_relations(train_options(dir, again)) == 0);
  CHECK(bytes_of(model) == bytes_of(again));
}

TEST_CASE("train relations: an article without its gold file is an InputError naming it") {
  const QuietLog quiet;
  const kg::test::TempDir dir;
  write_articles(dir.path());
  write(dir / "a3.txt", "Petra Falk met Tomas Ortin in Bergen.\n");
  const kg::test::TempDir out;
  const std::filesystem::path model = out / "relations.bin";
  try {
    kg::cli::run_train_relations(train_options(dir, model));
    FAIL("trained without a3.gold.json");
  } catch (const kg::InputError& e) {
    CHECK(e.file() == (dir / "a3.txt").string());
    CHECK(std::string(e.what()).find("a3.gold.json") != std::string::npos);
  }
  CHECK_FALSE(std::filesystem::exists(model));
}

TEST_CASE("train relations: malformed gold, an unknown class or a missing folder is an InputError naming the file") {
  const QuietLog quiet;
  const kg::test::TempDir out;
  const std::filesystem::path model = out / "relations.bin";
  {
    const kg::test::TempDir dir;
    write_articles(dir.path());
    write(dir / "a2.gold.json", "{\"entities\": [");
    CHECK_THROWS_WITH_AS(kg::cli::run_train_relations(train_options(dir, model)),
                         doctest::Contains((dir / "a2.gold.json").string().c_str()), kg::InputError);
  }
  {
    const kg::test::TempDir dir;
    write_articles(dir.path());
    write(dir / "a2.gold.json",
          R"({"entities": [{"name": "Rita Sousa"}], "relations": [{"subject": "Rita Sousa", "object": "Rita Sousa", "class": "likes"}]})");
    CHECK_THROWS_WITH_AS(kg::cli::run_train_relations(train_options(dir, model)), doctest::Contains("likes"),
                         kg::InputError);
  }
  {
    const kg::test::TempDir dir;
    const std::filesystem::path missing = dir / "no-such-folder";
    const Options o = parse({"train", "relations", "--train", missing.string(), "-o", model.string()});
    CHECK_THROWS_WITH_AS(kg::cli::run_train_relations(o), doctest::Contains(missing.string().c_str()), kg::InputError);
  }
  CHECK_FALSE(std::filesystem::exists(model));
}
