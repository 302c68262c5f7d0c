// Replays every file of fuzz/corpus/TARGET (the seeds) and fuzz/regressions/TARGET (inputs
// that once crashed kgbuild or broke an invariant) through its fuzz target, in the normal
// test build: a fixed crash that comes back fails here without a fuzzer.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "fuzz/targets.h"
#include "tests/test_support.h"

namespace {

std::vector<std::filesystem::path> files_in(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  if (!std::filesystem::is_directory(dir)) return files;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.is_regular_file()) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

void replay(const char* name) {
  const auto& targets = kg::fuzz::targets();
  const auto target = std::find_if(targets.begin(), targets.end(), [&](const auto& t) { return std::string(t.name) == name; });
  REQUIRE(target != targets.end());
  std::size_t count = 0;
  for (const char* folder : {"corpus", "regressions"}) {
    for (const auto& file : files_in(std::filesystem::path(KG_SOURCE_DIR) / "fuzz" / folder / name)) {
      INFO(file.string());
      const std::string bytes = kg::test::read_file(file);
      CHECK_NOTHROW(target->run(bytes));
      ++count;
    }
  }
  CHECK(count > 0);  // every target has seeds
}

}  // namespace

TEST_CASE("fuzz replay: text reader and tokenizer, seeds and regressions") { replay("text"); }
TEST_CASE("fuzz replay: extraction of one document, seeds and regressions") { replay("extract"); }
TEST_CASE("fuzz replay: merge reader (JSON Lines, JSON, GraphML), seeds and regressions") { replay("records"); }
TEST_CASE("fuzz replay: model loaders, seeds and regressions") { replay("model"); }
