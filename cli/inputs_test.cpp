#include "cli/inputs.h"

#include <doctest/doctest.h>

#include "tests/test_support.h"

using kg::cli::expand_inputs;
using Strings = std::vector<std::string>;

namespace {

std::vector<std::string> reasons(const kg::cli::InputList& list) {
  std::vector<std::string> result;
  for (const auto& failure : list.failures) result.push_back(failure.what());
  return result;
}

}  // namespace

TEST_CASE("cli inputs: a directory gives its text files recursively, sorted by path") {
  kg::test::TempDir dir;
  dir.write("b.txt", "b");
  dir.write("a.txt", "a");
  dir.write("a/z.txt", "z");
  dir.write("notes.json", "skip");
  dir.write("c.txt.bak", "skip");
  const std::string root = dir.path().string();
  const auto list = expand_inputs({root});
  CHECK(list.files == Strings{root + "/a/z.txt", root + "/a.txt", root + "/b.txt"});
  CHECK(list.failures.empty());
}

TEST_CASE("cli inputs: names keep the spelling given, with or without a trailing slash") {
  kg::test::TempDir dir;
  dir.write("a.txt", "a");
  const std::string root = dir.path().string();
  CHECK(expand_inputs({root + "/"}).files == Strings{root + "/a.txt"});
}

TEST_CASE("cli inputs: explicit files are taken whatever their extension, in argument order") {
  kg::test::TempDir dir;
  const std::string md = dir.write("notes.md", "x").string();
  const std::string txt = dir.write("a.txt", "x").string();
  CHECK(expand_inputs({md, txt}).files == Strings{md, txt});
}

TEST_CASE("cli inputs: duplicates are removed, first spelling kept") {
  kg::test::TempDir dir;
  const std::string a = dir.write("a.txt", "x").string();
  const std::string root = dir.path().string();
  const auto list = expand_inputs({a, root, root + "/./a.txt", a});
  CHECK(list.files == Strings{a});
}

TEST_CASE("cli inputs: stdin - is kept once") {
  CHECK(expand_inputs({"-", "-"}).files == Strings{"-"});
}

TEST_CASE("cli inputs: a missing path is a failure, the others still come") {
  kg::test::TempDir dir;
  const std::string a = dir.write("a.txt", "x").string();
  const std::string missing = (dir / "missing.txt").string();
  const auto list = expand_inputs({missing, a});
  CHECK(list.files == Strings{a});
  CHECK(reasons(list) == Strings{missing + ": no such file or directory"});
}

TEST_CASE("cli inputs: a directory without text files is a failure") {
  kg::test::TempDir dir;
  dir.write("notes.json", "x");
  dir.write("a.txt.bak", "x");
  const auto list = expand_inputs({dir.path().string()});
  CHECK(list.files.empty());
  CHECK(reasons(list) == Strings{dir.path().string() + ": no text files (*.txt, *.text, *.md) in this directory"});
}

TEST_CASE("cli inputs: a directory gives .txt, .text and .md files in any case") {
  kg::test::TempDir dir;
  dir.write("A.TXT", "a");
  dir.write("b.text", "b");
  dir.write("c.Md", "c");
  dir.write("d.json", "d");
  const std::string root = dir.path().string();
  CHECK(expand_inputs({root}).files == Strings{root + "/A.TXT", root + "/b.text", root + "/c.Md"});
}
