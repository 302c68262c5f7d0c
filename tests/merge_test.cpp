// End-to-end tests of growing and splitting graphs with the kgbuild executable:
// `kgbuild extract` (JSON Lines), `kgbuild merge` and `kgbuild --update`, each compared
// byte for byte with one run over the same documents, and the single-machine map/reduce
// pipeline of docs/SCALING.md (GNU parallel when installed, xargs -P 2 always).
#include <doctest/doctest.h>

#include <rapidjson/document.h>

#include <algorithm>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "tests/test_support.h"

namespace {

namespace fs = std::filesystem;
using Strings = std::vector<std::string>;
using kg::test::shell_quote;

using Outcome = kg::test::KgbuildOutcome;

// Runs kgbuild with `args` (already shell-quoted) in `cwd`, with optional stdin text.
Outcome kgbuild(const std::string& args, const std::string& stdin_text = "", const fs::path& cwd = ".") {
  return kg::test::run_kgbuild(args, stdin_text, cwd);
}

std::string q(const fs::path& path) { return shell_quote(path.string()); }

std::string qs(const Strings& paths) {
  std::string out;
  for (const auto& p : paths) out += (out.empty() ? "" : " ") + shell_quote(p);
  return out;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// The sample articles, copied into a scratch directory so that every document name is
// the same short relative path ("samples/000_....txt") in every run. The one-run graphs
// and each document's JSON Lines are made on first use and shared by the tests of one
// process. Two corpora: the models extractor (the default, as docs/SCALING.md runs it) and
// the rules extractor, for the tests where the extractor does not matter (much faster).
class Corpus {
 public:
  explicit Corpus(std::string extractor_flag) : flag_(std::move(extractor_flag)) {
    const fs::path source = fs::path(KG_SOURCE_DIR) / "samples";
    for (const auto& entry : fs::directory_iterator(source)) {
      if (entry.path().extension() != ".txt") continue;
      dir.write("samples" / entry.path().filename(), kg::test::read_file(entry.path()));
      files.push_back(("samples" / entry.path().filename()).string());
    }
    std::sort(files.begin(), files.end());
  }

  kg::test::TempDir dir;
  Strings files;  // "samples/NAME.txt", sorted: the order of a run over samples/

  // kgbuild ARGS (a build or extract) in the corpus directory with this corpus' extractor.
  Outcome run(const std::string& args, const std::string& stdin_text = "") const {
    return kgbuild(args + flag_, stdin_text, dir.path());
  }

  // The bytes of `kgbuild samples -f EXT`.
  const std::string& one_run(const std::string& ext) const {
    if (!one_run_.count(ext)) {
      const auto r = run("samples -q -f " + ext);
      REQUIRE_MESSAGE(r.status == 0, r.err);
      one_run_[ext] = r.out;
    }
    return one_run_.at(ext);
  }

  // "alone/i.jsonl": the JSON Lines of files[i] extracted alone.
  const Strings& alone() const {
    if (alone_.empty()) {
      fs::create_directories(dir / "alone");
      Strings made;
      for (std::size_t i = 0; i < files.size(); ++i) {
        made.push_back("alone/" + std::to_string(i) + ".jsonl");
        const auto r = run("extract -q " + shell_quote(files[i]) + " -o " + shell_quote(made.back()));
        REQUIRE_MESSAGE(r.status == 0, r.err);
      }
      alone_ = made;
    }
    return alone_;
  }

  // `kgbuild merge ARGS -o OUT` in the corpus directory; the bytes written.
  std::string merge(const std::string& args, const std::string& out) const {
    const auto r = kgbuild("merge -q " + args + " -o " + shell_quote(out), "", dir.path());
    REQUIRE_MESSAGE(r.status == 0, r.err);
    return kg::test::read_file(dir / out);
  }

 private:
  std::string flag_;
  mutable std::map<std::string, std::string> one_run_;
  mutable Strings alone_;
};

const Corpus& models_corpus() {
  static const Corpus c("");
  return c;
}

const Corpus& rules_corpus() {
  static const Corpus c(" --extractor rules");
  return c;
}

const char* const kArticleA = "OSLO: Norwegian Prime Minister Jonas Gahr Store met Ursula von der Leyen in Brussels on Monday.\n";
const char* const kArticleB = "BERLIN: Chancellor Olaf Scholz visited Paris, where he met Emmanuel Macron.\n";
const char* const kArticleB2 = "MADRID: Pedro Sanchez met Giorgia Meloni in Rome on Friday.\n";

}  // namespace

TEST_CASE("merge: each document extracted alone, merged, equals one run byte for byte") {
  const Corpus& c = models_corpus();
  REQUIRE(c.files.size() >= 3);
  for (const char* ext : {"json", "graphml", "dot"}) {
    CAPTURE(ext);
    CHECK(c.merge(qs(c.alone()), std::string("all.") + ext) == c.one_run(ext));
  }
  // Input order does not matter: the documents are replayed in path order.
  Strings reversed = c.alone();
  std::reverse(reversed.begin(), reversed.end());
  CHECK(c.merge(qs(reversed), "reversed.json") == c.one_run("json"));
}

TEST_CASE("merge: the dateline dates travel in the records, so the merged GEXF timeline equals one run's") {
  const Corpus& c = rules_corpus();
  REQUIRE_MESSAGE(contains(c.one_run("gexf"), "start=\""), "no sample article has a dated dateline");
  CHECK(c.merge(qs(c.alone()), "all.gexf") == c.one_run("gexf"));
}

TEST_CASE("merge: the export filters apply to the merged graph as to one filtered run") {
  const Corpus& c = rules_corpus();
  const std::string filters = " --types PERSON,GPE --drop-isolated --max-nodes 6";
  const auto one = c.run("samples -q -f json" + filters);
  REQUIRE_MESSAGE(one.status == 0, one.err);
  CHECK(c.merge(qs(c.alone()) + filters, "filtered.json") == one.out);
  CHECK(c.merge(qs(c.alone()) + filters, "filtered.json") != c.one_run("json"));
}

TEST_CASE("merge: two uneven shards, in either order, equal one run") {
  const Corpus& c = rules_corpus();
  for (std::size_t split : {std::size_t{1}, c.files.size() - 2}) {
    CAPTURE(split);
    const Strings first(c.files.begin(), c.files.begin() + static_cast<std::ptrdiff_t>(split));
    const Strings second(c.files.begin() + static_cast<std::ptrdiff_t>(split), c.files.end());
    // The second shard holds the later documents but is extracted first: names, not
    // shard order, decide.
    REQUIRE(c.run("extract -q " + qs(second) + " -o s2.jsonl").status == 0);
    REQUIRE(c.run("extract -q " + qs(first) + " -o s1.jsonl").status == 0);
    for (const char* ext : {"json", "graphml"}) {
      CAPTURE(ext);
      CHECK(c.merge("s1.jsonl s2.jsonl", std::string("ab.") + ext) == c.one_run(ext));
      CHECK(c.merge("s2.jsonl s1.jsonl", std::string("ba.") + ext) == c.one_run(ext));
    }
  }
}

TEST_CASE("merge: (a+b)+c equals a+(b+c) equals one run, partial graphs kept as JSON or GraphML") {
  const Corpus& c = rules_corpus();
  const auto& a = c.alone();
  // a = documents 0-1, b = document 2, c = the rest.
  Strings rest(a.begin() + 3, a.end());
  for (const char* partial : {"json", "graphml"}) {
    CAPTURE(partial);
    const std::string p = partial;
    c.merge(qs({a[0], a[1]}), "a." + p);
    c.merge(qs(rest), "c." + p);
    c.merge(qs({"a." + p, a[2]}), "ab." + p);
    c.merge(qs({a[2]}) + " " + qs({"c." + p}), "bc." + p);
    for (const char* ext : {"json", "graphml"}) {
      CAPTURE(ext);
      CHECK(c.merge(qs({"ab." + p, "c." + p}), std::string("left.") + ext) == c.one_run(ext));
      CHECK(c.merge(qs({"a." + p, "bc." + p}), std::string("right.") + ext) == c.one_run(ext));
      CHECK(c.merge(qs({"c." + p, "bc." + p, "a." + p}), std::string("overlap.") + ext) == c.one_run(ext));
    }
  }
}

TEST_CASE("merge: JSON Lines sorted line by line (as a shuffle step sorts them) still equal one run") {
  const Corpus& c = rules_corpus();
  std::vector<std::string> lines;
  for (const auto& file : c.alone()) {
    std::istringstream in(kg::test::read_file(c.dir / file));
    for (std::string line; std::getline(in, line);) lines.push_back(line + "\t");  // Hadoop's empty value
  }
  std::sort(lines.begin(), lines.end());
  std::string sorted;
  for (const auto& line : lines) sorted += line + "\n";
  c.dir.write("sorted.jsonl", sorted);
  CHECK(c.merge("sorted.jsonl", "sorted.json") == c.one_run("json"));
}

TEST_CASE("merge: JSON Lines written before relation classes, without a class member, still equal one run") {
  const Corpus& c = rules_corpus();
  std::string old_lines;
  std::size_t removed = 0;
  for (const auto& file : c.alone()) {
    std::istringstream in(kg::test::read_file(c.dir / file));
    for (std::string line; std::getline(in, line);) {
      const std::size_t at = line.find(",\"class\":\"");
      if (at != std::string::npos) {
        line.erase(at, line.find('"', at + 10) + 1 - at);
        ++removed;
      }
      old_lines += line + "\n";
    }
  }
  REQUIRE(removed > 0);
  REQUIRE_FALSE(contains(old_lines, "\"class\""));
  c.dir.write("old.jsonl", old_lines);
  for (const char* ext : {"json", "graphml"}) {
    CAPTURE(ext);
    CHECK(c.merge("old.jsonl", std::string("old.") + ext) == c.one_run(ext));
  }
}

TEST_CASE("merge: - reads standard input") {
  const Corpus& c = rules_corpus();
  std::string all;
  for (const auto& file : c.alone()) all += kg::test::read_file(c.dir / file);
  const auto r = kgbuild("merge -q - -f graphml", all, c.dir.path());
  CHECK(r.status == 0);
  CHECK(r.out == c.one_run("graphml"));
}

TEST_CASE("update: documents added to a JSON or GraphML graph, written over it, equal one run over all") {
  const Corpus& c = rules_corpus();
  const Strings old_docs(c.files.begin(), c.files.begin() + 3);
  const Strings new_docs(c.files.begin() + 3, c.files.end());
  for (const char* ext : {"json", "graphml"}) {
    CAPTURE(ext);
    const std::string graph = std::string("grown.") + ext;
    REQUIRE(c.run("-q " + qs(old_docs) + " -o " + graph).status == 0);
    const auto r = c.run(qs(new_docs) + " --update " + graph + " -o " + graph);
    CHECK_MESSAGE(r.status == 0, r.err);
    CHECK(r.out.empty());
    CHECK(kg::test::read_file(c.dir / graph) == c.one_run(ext));
    CHECK_FALSE(contains(r.err, "replaced"));
  }
}

TEST_CASE("update: a document named again replaces the old extraction, with a log line") {
  kg::test::TempDir dir;
  dir.write("news/a.txt", kArticleA);
  dir.write("news/b.txt", kArticleB);
  REQUIRE(kgbuild("-q --extractor rules news -o g.json", "", dir.path()).status == 0);
  CHECK(contains(kg::test::read_file(dir / "g.json"), "Olaf Scholz"));
  dir.write("news/b.txt", kArticleB2);  // b.txt was edited
  const auto r = kgbuild("--extractor rules news/b.txt --update g.json -o g.json", "", dir.path());
  CHECK(r.status == 0);
  CHECK(contains(r.err, "g.json: document 'news/b.txt' replaced by the new extraction"));
  const auto fresh = kgbuild("-q --extractor rules news", "", dir.path());
  REQUIRE(fresh.status == 0);
  CHECK(kg::test::read_file(dir / "g.json") == fresh.out);
  CHECK_FALSE(contains(kg::test::read_file(dir / "g.json"), "Olaf Scholz"));  // the old b.txt left no trace
}

TEST_CASE("update: a graph kgbuild did not write stops the run, exit 1, the file untouched") {
  kg::test::TempDir dir;
  dir.write("a.txt", kArticleA);
  dir.write("g.json", "{\"nodes\": [], \"links\": []}\n");
  const auto r = kgbuild("--extractor rules a.txt --update g.json -o g.json", "", dir.path());
  CHECK(r.status == 1);
  CHECK(contains(r.err, "g.json: no graph.kgbuild_records array"));
  CHECK(kg::test::read_file(dir / "g.json") == "{\"nodes\": [], \"links\": []}\n");
  CHECK(dir.listing() == Strings{"a.txt", "g.json"});
  const auto missing = kgbuild("--extractor rules a.txt --update nope.json -o g.json", "", dir.path());
  CHECK(missing.status == 1);
  CHECK(contains(missing.err, "nope.json"));
}

TEST_CASE("extract: stdout is only JSON Lines, each document's lines together, in input order") {
  const Corpus& c = rules_corpus();
  const auto r = c.run("extract samples");
  REQUIRE(r.status == 0);
  CHECK(contains(r.err, std::to_string(c.files.size()) + " document(s), 0 failed input(s)"));
  std::istringstream in(r.out);
  Strings documents;          // names of the document lines, in order
  std::string current;        // the document whose lines are coming
  std::string last_type;
  std::size_t bad = 0, lines = 0;
  for (std::string line; std::getline(in, line); ++lines) {
    rapidjson::Document json;
    json.Parse(line.c_str());
    if (json.HasParseError() || !json.IsObject() || !json.HasMember("type") || !json.HasMember("document")) {
      ++bad;
      continue;
    }
    const std::string type = json["type"].GetString(), doc = json["document"].GetString();
    if (type == "document") {
      documents.push_back(doc);
      current = doc;
    } else {
      bad += doc != current;                             // no interleaving of documents
      bad += type == "entity" && last_type == "triple";  // entities before triples
    }
    last_type = type;
  }
  CHECK(bad == 0);
  CHECK(lines > c.files.size());
  CHECK(r.out.back() == '\n');
  CHECK(documents == c.files);
  // -o writes the same bytes.
  REQUIRE(c.run("extract -q samples -o x.jsonl").status == 0);
  CHECK(kg::test::read_file(c.dir / "x.jsonl") == r.out);
}

TEST_CASE("extract: a bad input is named, the others still written, exit 1") {
  kg::test::TempDir dir;
  dir.write("a.txt", kArticleA);
  dir.write("empty.txt", "");
  const auto r = kgbuild("extract --extractor rules a.txt empty.txt missing.txt -o t.jsonl", "", dir.path());
  CHECK(r.status == 1);
  CHECK(contains(r.err, "empty.txt: empty file"));
  CHECK(contains(r.err, "missing.txt: no such file or directory"));
  CHECK(kg::test::read_file(dir / "t.jsonl").starts_with("{\"type\":\"document\",\"document\":\"a.txt\","));
  // Nothing readable: nothing written, not even an empty file.
  const auto none = kgbuild("extract --extractor rules empty.txt -o none.jsonl", "", dir.path());
  CHECK(none.status == 1);
  CHECK_FALSE(fs::exists(dir / "none.jsonl"));
}

TEST_CASE("merge: a malformed line fails with FILE:LINE, exit 1, nothing written, other inputs reported too") {
  kg::test::TempDir dir;
  dir.write("a.txt", kArticleA);
  REQUIRE(kgbuild("extract -q --extractor rules a.txt -o good.jsonl", "", dir.path()).status == 0);
  std::string bad = kg::test::read_file(dir / "good.jsonl");
  bad.insert(bad.find('\n') + 1, "{\"type\":\"entity\",\"document\":\"a.txt\",\"index\":\n");
  dir.write("bad.jsonl", bad);
  dir.write("g.json", "previous graph");
  const auto r = kgbuild("merge bad.jsonl good.jsonl notes.txt -o g.json", "", dir.path());
  CHECK(r.status == 1);
  CHECK(contains(r.err, "bad.jsonl:2: invalid JSON: "));
  CHECK(contains(r.err, "notes.txt: no such file"));
  CHECK(contains(r.err, "2 input(s) could not be used; nothing written"));
  CHECK(r.out.empty());
  CHECK(kg::test::read_file(dir / "g.json") == "previous graph");
  CHECK(dir.listing() == Strings{"a.txt", "bad.jsonl", "g.json", "good.jsonl"});
}

TEST_CASE("merge: a document in two inputs is kept once when equal, an error naming both files when not") {
  kg::test::TempDir dir;
  dir.write("a.txt", kArticleA);
  dir.write("b.txt", kArticleB);
  REQUIRE(kgbuild("extract -q --extractor rules a.txt b.txt -o ab.jsonl", "", dir.path()).status == 0);
  REQUIRE(kgbuild("extract -q --extractor rules b.txt -o b.jsonl", "", dir.path()).status == 0);
  const auto once = kgbuild("merge -q ab.jsonl b.jsonl", "", dir.path());
  CHECK(once.status == 0);
  CHECK(once.out == kgbuild("-q --extractor rules a.txt b.txt", "", dir.path()).out);

  dir.write("b.txt", kArticleB2);
  REQUIRE(kgbuild("extract -q --extractor rules b.txt -o b2.jsonl", "", dir.path()).status == 0);
  const auto clash = kgbuild("merge ab.jsonl b2.jsonl -o g.json", "", dir.path());
  CHECK(clash.status == 1);
  CHECK(contains(clash.err, "b2.jsonl: document 'b.txt' differs from the one in ab.jsonl"));
  CHECK_FALSE(fs::exists(dir / "g.json"));
}

TEST_CASE("merge: --expect-documents N passes when the inputs hold exactly N documents") {
  kg::test::TempDir dir;
  dir.write("a.txt", kArticleA);
  dir.write("b.txt", kArticleB);
  REQUIRE(kgbuild("extract -q --extractor rules a.txt -o a.jsonl", "", dir.path()).status == 0);
  REQUIRE(kgbuild("extract -q --extractor rules a.txt b.txt -o ab.jsonl", "", dir.path()).status == 0);
  // b.txt once, although two inputs hold it: documents are counted by name.
  const auto r = kgbuild("merge -q a.jsonl ab.jsonl --expect-documents 2", "", dir.path());
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out == kgbuild("-q --extractor rules a.txt b.txt", "", dir.path()).out);
}

TEST_CASE("merge: --expect-documents with a shard missing or one too many fails, exit 1, nothing written") {
  kg::test::TempDir dir;
  dir.write("a.txt", kArticleA);
  dir.write("b.txt", kArticleB);
  REQUIRE(kgbuild("extract -q --extractor rules a.txt -o a.jsonl", "", dir.path()).status == 0);
  REQUIRE(kgbuild("extract -q --extractor rules b.txt -o b.jsonl", "", dir.path()).status == 0);
  dir.write("g.json", "previous graph");
  const auto missing = kgbuild("merge a.jsonl --expect-documents 2 -o g.json", "", dir.path());
  CHECK(missing.status == 1);
  CHECK(contains(missing.err, "the inputs hold 1 document(s), not the 2 expected (--expect-documents); nothing written"));
  CHECK(kg::test::read_file(dir / "g.json") == "previous graph");
  const auto extra = kgbuild("merge a.jsonl b.jsonl --expect-documents 1", "", dir.path());
  CHECK(extra.status == 1);
  CHECK(contains(extra.err, "the inputs hold 2 document(s), not the 1 expected"));
  CHECK(extra.out.empty());
}

TEST_CASE("merge: a DOT graph or a foreign file is refused, naming it") {
  kg::test::TempDir dir;
  dir.write("a.txt", kArticleA);
  REQUIRE(kgbuild("-q --extractor rules a.txt -o g.dot", "", dir.path()).status == 0);
  const auto r = kgbuild("merge g.dot a.txt", "", dir.path());
  CHECK(r.status == 1);
  CHECK(contains(r.err, "g.dot: not a kgbuild file"));
  CHECK(contains(r.err, "a.txt: not a kgbuild file"));
  CHECK(r.out.empty());
}

TEST_CASE("merge: usage errors exit 2") {
  for (const char* args : {"merge", "merge a.jsonl -o g.txt", "merge a.jsonl --extractor rules", "extract -f json a.txt",
                           "a.txt --update -"}) {
    CAPTURE(args);
    const auto r = kgbuild(args);
    CHECK(r.status == 2);
    CHECK(r.out.empty());
  }
}

TEST_CASE("scaling: the GNU parallel and xargs -P 2 map/reduce of docs/SCALING.md equal one run") {
  const Corpus& c = models_corpus();
  const std::string bin = shell_quote(fs::path(KG_BINARY).parent_path().string());
  // The commands of docs/SCALING.md, with 2 documents a shard so that there are several.
  std::vector<std::pair<std::string, std::string>> pipelines{
      {"xargs",
       "rm -rf shards && mkdir shards && "
       "find samples -name '*.txt' -print0 | xargs -0 -n 2 -P 2 sh -c "
       "'exec kgbuild extract -q -j 1 -o \"$(mktemp shards/XXXXXX.jsonl)\" \"$@\"' sh && "
       "kgbuild merge -q --expect-documents \"$(find samples -name '*.txt' | wc -l)\" shards/*.jsonl -o xargs.graphml"}};
  if (kg::test::have_command("parallel")) {
    pipelines.push_back(
        {"parallel",
         "rm -rf shards && mkdir shards && "
         "find samples -name '*.txt' -print0 | parallel -0 --will-cite -j 2 -n 2 kgbuild extract -q -j 1 -o shards/{#}.jsonl {} && "
         "kgbuild merge -q --expect-documents \"$(find samples -name '*.txt' | wc -l)\" shards/*.jsonl -o parallel.graphml"});
  } else {
    MESSAGE("GNU parallel not installed (package parallel): only the xargs pipeline runs");
  }
  for (const auto& [name, commands] : pipelines) {
    CAPTURE(name);
    const auto r = kg::test::run("cd " + q(c.dir.path()) + " && PATH=" + bin + ":\"$PATH\" && " + commands);
    REQUIRE_MESSAGE(r.status == 0, r.output);
    CHECK(r.output.empty());  // -q: nothing on stderr, nothing on stdout
    std::size_t shards = 0;
    for (const auto& entry : fs::directory_iterator(c.dir / "shards")) shards += entry.path().extension() == ".jsonl";
    CHECK(shards == (c.files.size() + 1) / 2);
    CHECK(kg::test::read_file(c.dir / (name + ".graphml")) == c.one_run("graphml"));
  }
}
