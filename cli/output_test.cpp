#include "cli/output.h"

#include <doctest/doctest.h>

#include <sys/stat.h>

#include <sstream>

#include "tests/test_support.h"

using kg::cli::OutputError;
using kg::cli::write_file_atomically;
using Strings = std::vector<std::string>;

TEST_CASE("cli output: writes a new file with exactly the bytes") {
  kg::test::TempDir dir;
  const std::string bytes("graph\0bytes\n", 12);
  write_file_atomically(dir / "g.json", bytes);
  CHECK(kg::test::read_file(dir / "g.json") == bytes);
  CHECK(dir.listing() == Strings{"g.json"});
}

TEST_CASE("cli output: replaces an existing file and keeps its permission bits") {
  kg::test::TempDir dir;
  const auto target = dir.write("g.json", "old");
  ::chmod(target.c_str(), 0640);
  write_file_atomically(target, "new");
  CHECK(kg::test::read_file(target) == "new");
  struct stat st {};
  REQUIRE(::stat(target.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0640);
  CHECK(dir.listing() == Strings{"g.json"});
}

TEST_CASE("cli output: a missing directory throws OutputError and creates nothing") {
  kg::test::TempDir dir;
  CHECK_THROWS_AS(write_file_atomically(dir / "no/such/g.json", "x"), OutputError);
  CHECK(dir.listing().empty());
}

TEST_CASE("cli output: a directory in the way throws and leaves no temporary file") {
  kg::test::TempDir dir;
  std::filesystem::create_directory(dir / "g.json");
  dir.write("g.json/keep.txt", "keep");
  CHECK_THROWS_AS(write_file_atomically(dir / "g.json", "x"), OutputError);
  CHECK(dir.listing() == Strings{"g.json", "g.json/keep.txt"});
}

TEST_CASE("cli output: the error names the target") {
  kg::test::TempDir dir;
  const auto target = (dir / "no/g.json").string();
  try {
    write_file_atomically(target, "x");
    FAIL("no exception");
  } catch (const OutputError& e) {
    CHECK(std::string(e.what()).starts_with(target + ": cannot write output: "));
  }
}

TEST_CASE("cli output: write_stream fails loudly on a failed stream") {
  std::ostringstream good;
  kg::cli::write_stream(good, "abc");
  CHECK(good.str() == "abc");
  std::ostringstream bad;
  bad.setstate(std::ios::badbit);
  CHECK_THROWS_AS(kg::cli::write_stream(bad, "abc"), OutputError);
}

TEST_CASE("cli output: write_files_atomically writes every file") {
  kg::test::TempDir dir;
  const kg::cli::FileContent files[] = {{dir / "g.nodes.csv", "nodes"}, {dir / "g.edges.csv", "edges"}};
  kg::cli::write_files_atomically(files);
  CHECK(kg::test::read_file(dir / "g.nodes.csv") == "nodes");
  CHECK(kg::test::read_file(dir / "g.edges.csv") == "edges");
  CHECK(dir.listing() == Strings{"g.edges.csv", "g.nodes.csv"});
}

TEST_CASE("cli output: when one file cannot be written, no target changes and no temporary stays") {
  kg::test::TempDir dir;
  dir.write("g.nodes.csv", "old nodes");
  const kg::cli::FileContent files[] = {{dir / "g.nodes.csv", "new nodes"}, {dir / "no/g.edges.csv", "edges"}};
  CHECK_THROWS_AS(kg::cli::write_files_atomically(files), OutputError);
  CHECK(kg::test::read_file(dir / "g.nodes.csv") == "old nodes");
  CHECK(dir.listing() == Strings{"g.nodes.csv"});
}
