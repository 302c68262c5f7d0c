// End-to-end tests of -j N: kgbuild, kgbuild extract and kgbuild merge write the same bytes
// (and log the same lines) with 1, 2 and 8 threads, on the samples in every format, on a
// generated corpus with bad inputs among good ones, and on the shared dev set when it is
// there; and the progress line appears only when asked for or on a terminal.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "tests/test_support.h"

namespace {

namespace fs = std::filesystem;
using Strings = std::vector<std::string>;
using kg::test::shell_quote;

using Outcome = kg::test::KgbuildOutcome;

// Runs kgbuild with `args` (already shell-quoted) in `cwd`.
Outcome kgbuild(const std::string& args, const fs::path& cwd) { return kg::test::run_kgbuild(args, "", cwd); }

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

constexpr unsigned kThreads[] = {1, 2, 8};

// The sample articles copied into a scratch directory ("samples/NAME.txt"), and a
// generated corpus ("corpus/"): 36 articles put together from the samples' paragraphs, in
// different orders and lengths, plus an empty file, a binary file and one with invalid
// UTF-8 (a warning, still a document) placed among them.
class Corpora {
 public:
  Corpora() {
    Strings paragraphs;
    const fs::path source = fs::path(KG_SOURCE_DIR) / "samples";
    Strings names;
    for (const auto& entry : fs::directory_iterator(source))
      if (entry.path().extension() == ".txt") names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
      const std::string text = kg::test::read_file(source / name);
      dir.write("samples/" + name, text);
      samples.push_back("samples/" + name);
      std::size_t start = 0;
      while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        if (end > start) paragraphs.push_back(text.substr(start, end - start));
        start = end + 1;
      }
    }
    REQUIRE(paragraphs.size() > 10);
    for (std::size_t k = 0; k < 36; ++k) {
      std::string text;
      for (std::size_t j = 0; j < 1 + k % 5; ++j) text += paragraphs[(k * 7 + j * 3) % paragraphs.size()] + "\n";
      dir.write("corpus/" + std::string(k < 10 ? "0" : "") + std::to_string(k) + ".txt", text);
    }
    dir.write("corpus/12a_empty.txt", "");
    dir.write("corpus/20a_binary.txt", std::string("\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0\x3e\0", 20));
    fs::create_directories(dir / "out");  // where the tests write their output files
    dir.write("corpus/30a_latin1.txt", "PARIS: Fran\xe7ois Bayrou met Olaf Scholz in Berlin on Monday.\n");
  }

  kg::test::TempDir dir;
  Strings samples;  // relative to dir, sorted
};

const Corpora& corpora() {
  static const Corpora c;
  return c;
}

// kgbuild ARGS -j N for each N of kThreads; checks that stdout, stderr, the exit status
// and the files named in `outputs` (relative to the corpus directory, rewritten by each
// run) are the same as with -j 1. Returns the -j 1 outcome.
Outcome same_for_every_j(const std::string& args, const Strings& outputs = {}) {
  const fs::path cwd = corpora().dir.path();
  Outcome first;
  std::map<std::string, std::string> first_files;
  for (const unsigned j : kThreads) {
    const Outcome r = kgbuild(args + " -j " + std::to_string(j), cwd);
    std::map<std::string, std::string> files;
    for (const std::string& output : outputs) files[output] = kg::test::read_file(cwd / output);
    if (j == 1) {
      first = r;
      first_files = files;
      continue;
    }
    INFO("kgbuild " << args << " -j " << j);
    CHECK(r.status == first.status);
    CHECK(r.out == first.out);
    CHECK(r.err == first.err);
    for (const std::string& output : outputs) {
      INFO(output);
      CHECK(!files[output].empty());
      CHECK(files[output] == first_files[output]);
    }
  }
  return first;
}

}  // namespace

TEST_CASE("threads: the samples graph in json, graphml, gexf and dot is the same for -j 1, 2 and 8") {
  for (const char* format : {"json", "graphml", "gexf", "dot"}) {
    const Outcome r = same_for_every_j("samples -q -f " + std::string(format));
    CHECK(r.status == 0);
    CHECK(r.out.size() > 1000);
  }
}

TEST_CASE("threads: the samples graph in csv and neo4j-csv files is the same for -j 1, 2 and 8") {
  const Outcome csv = same_for_every_j("samples -q -f csv -o out/g.csv", {"out/g.nodes.csv", "out/g.edges.csv"});
  CHECK(csv.status == 0);
  const Outcome neo4j = same_for_every_j("samples -q -f neo4j-csv -o out/n",
                                         {"out/n.nodes.csv", "out/n.relationships.csv"});
  CHECK(neo4j.status == 0);
}

TEST_CASE("threads: kgbuild extract writes the same JSON Lines for -j 1, 2 and 8, to stdout and to a file") {
  const Outcome out = same_for_every_j("extract -q samples");
  CHECK(out.status == 0);
  CHECK(contains(out.out, "\"samples/004_"));
  const Outcome file = same_for_every_j("extract -q samples -o out/s.jsonl", {"out/s.jsonl"});
  CHECK(file.status == 0);
  CHECK(kg::test::read_file(corpora().dir / "out/s.jsonl") == out.out);
}

TEST_CASE("threads: kgbuild merge of per-document JSON Lines is the same for -j 1, 2 and 8, and equals one run") {
  const fs::path cwd = corpora().dir.path();
  std::string shards;
  for (std::size_t i = 0; i < corpora().samples.size(); ++i) {
    const std::string shard = "shards/" + std::to_string(i) + ".jsonl";
    fs::create_directories(cwd / "shards");
    const Outcome r = kgbuild("extract -q -j 1 " + shell_quote(corpora().samples[i]) + " -o " + shard, cwd);
    REQUIRE_MESSAGE(r.status == 0, r.err);
    shards += " " + shard;
  }
  const Outcome merged = same_for_every_j("merge -q -f graphml" + shards);
  CHECK(merged.status == 0);
  CHECK(merged.out == kgbuild("samples -q -j 2 -f graphml", cwd).out);
}

TEST_CASE("threads: a corpus with an empty and a binary file among 37 good ones: same output, log and exit 1") {
  const Outcome r = same_for_every_j("corpus");
  CHECK(r.status == 1);
  CHECK(contains(r.out, "\"documents\": 37"));
  CHECK(contains(r.err, "corpus/12a_empty.txt: empty file"));
  CHECK(contains(r.err, "corpus/20a_binary.txt: skipped: binary file"));
  CHECK(contains(r.err, "corpus/30a_latin1.txt: byte 11: invalid UTF-8 replaced by U+FFFD"));
  CHECK(contains(r.err, "37 document(s)"));
  CHECK(contains(r.err, "2 failed input(s)"));
}

TEST_CASE("threads: kgbuild extract of the corpus with bad inputs: same JSON Lines and log for every -j, exit 1") {
  const Outcome r = same_for_every_j("extract corpus");
  CHECK(r.status == 1);
  CHECK(contains(r.err, "corpus/20a_binary.txt: skipped: binary file"));
}

TEST_CASE("threads: kgbuild merge with a bad input among good ones: nothing written, the same log for every -j") {
  const fs::path cwd = corpora().dir.path();
  fs::create_directories(cwd / "mixed");
  REQUIRE(kgbuild("extract -q -j 2 corpus/00.txt -o mixed/a.jsonl", cwd).status == 0);
  REQUIRE(kgbuild("extract -q -j 2 corpus/01.txt -o mixed/c.jsonl", cwd).status == 0);
  corpora().dir.write("mixed/b.jsonl", "{\"not\": \"a record\"}\n");
  const Outcome r = same_for_every_j("merge mixed/a.jsonl mixed/b.jsonl mixed/c.jsonl");
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK(contains(r.err, "mixed/b.jsonl"));
}

TEST_CASE("threads: the shared dev set gives the same graph for -j 1 and 2") {
  const auto shared = kg::test::shared_dir();
  if (!shared || !fs::is_directory(*shared / "dev")) {
    KG_SKIP_MISSING("no shared dev set (../shared/dev) beside this checkout");
    return;
  }
  const fs::path cwd = corpora().dir.path();
  const std::string dev = shell_quote((*shared / "dev").string());
  const Outcome one = kgbuild(dev + " -q -j 1", cwd);
  const Outcome two = kgbuild(dev + " -q -j 2", cwd);
  REQUIRE_MESSAGE(one.status == 0, one.err);
  CHECK(two.status == 0);
  CHECK(two.out == one.out);
}

TEST_CASE("threads: no progress line when stderr is not a terminal") {
  const Outcome r = kgbuild("samples -j 2", corpora().dir.path());
  CHECK(r.status == 0);
  CHECK_FALSE(contains(r.err, "5/5 documents"));
}

TEST_CASE("threads: --progress writes progress lines to stderr, whole lines, never to stdout") {
  const Outcome r = kgbuild("samples -q -j 2 --progress", corpora().dir.path());
  CHECK(r.status == 0);
  CHECK(contains(r.err, "kgbuild: 5/5 documents, 0.0/0.0 MB"));
  CHECK(r.err.ends_with("left\n"));
  CHECK_FALSE(contains(r.out, "documents,"));
  CHECK_FALSE(contains(r.err, "\r"));
}

TEST_CASE("threads: --progress with --no-progress is a usage error, exit 2") {
  const Outcome r = kgbuild("samples -q --no-progress --progress", corpora().dir.path());
  CHECK(r.status == 2);
  CHECK(contains(r.err, "--progress and --no-progress cannot be combined"));
}
