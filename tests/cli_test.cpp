// End-to-end tests of the kgbuild executable: exit statuses, what goes to stdout and
// stderr, and that failures never leave partial or temporary files behind.
#include <doctest/doctest.h>

#include <rapidjson/document.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "tests/test_support.h"

namespace {

using Strings = std::vector<std::string>;
using kg::test::shell_quote;

struct Outcome {
  int status = -1;
  std::string out;  // stdout only
  std::string err;  // stderr only
};

// Runs kgbuild with `args` (already shell-quoted where needed), optional stdin text and
// an optional command prefix setting its environment ("COLUMNS=50", "env -u COLUMNS").
Outcome kgbuild(const std::string& args, const std::string& stdin_text = "", const std::string& env = "") {
  const kg::test::TempFile out, err, in;
  in.write(stdin_text);
  const auto result = kg::test::run("{ " + env + (env.empty() ? "" : " ") + shell_quote(KG_BINARY) + " " + args + " <" +
                                    shell_quote(in.string()) + " >" + shell_quote(out.string()) +
                                    " 2>" + shell_quote(err.string()) + "; }");
  return {result.status, kg::test::read_file(out.path()), kg::test::read_file(err.path())};
}

std::string q(const std::filesystem::path& path) { return shell_quote(path.string()); }

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// graph.documents of a kgbuild JSON export, or -1 when it is not one.
std::int64_t json_documents(const std::string& json) {
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("graph") ||
      !doc["graph"].HasMember("documents")) {
    return -1;
  }
  return doc["graph"]["documents"].GetInt64();
}

const char* const kArticle =
    "MOSCOW: Russian President Vladimir Putin met U.S. Secretary of State Marco Rubio in "
    "Riyadh on Tuesday, the Kremlin said.\n";

}  // namespace

TEST_CASE("CLI: --help prints usage to stdout and exits 0") {
  const auto r = kgbuild("--help");
  CHECK(r.status == 0);
  CHECK(r.out.starts_with("Usage: kgbuild"));
  CHECK(r.err.empty());
}

namespace {

// The widest line of `text`.
std::size_t widest_line(const std::string& text) {
  std::size_t widest = 0, start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    widest = std::max(widest, end - start);
    start = end + 1;
  }
  return widest;
}

}  // namespace

TEST_CASE("CLI: --help is wrapped to $COLUMNS, else to 80 columns when stdout is not a terminal") {
  const auto unset = kgbuild("--help", "", "env -u COLUMNS");
  CHECK(unset.status == 0);
  CHECK(widest_line(unset.out) <= 80);
  CHECK(widest_line(unset.out) > 70);
  const auto empty = kgbuild("--help", "", "COLUMNS=");
  CHECK(empty.out == unset.out);
  const auto narrow = kgbuild("--help", "", "COLUMNS=50");
  CHECK(narrow.status == 0);
  CHECK(widest_line(narrow.out) <= 50);
  const auto wide = kgbuild("--help", "", "COLUMNS=150");
  CHECK(widest_line(wide.out) <= 150);
  CHECK(widest_line(wide.out) > 80);
}

TEST_CASE("CLI: each subcommand's --help is its own, exits 0 and needs nothing else") {
  for (const char* command : {"extract", "merge", "train", "eval"}) {
    CAPTURE(command);
    const auto r = kgbuild(std::string(command) + " --help", "", "COLUMNS=72");
    CHECK(r.status == 0);
    CHECK(r.out.starts_with("Usage: kgbuild " + std::string(command)));
    CHECK(widest_line(r.out) <= 72);
    CHECK(r.err.empty());
  }
  const auto extract = kgbuild("extract -h");
  CHECK(contains(extract.out, "--date YYYY-MM-DD"));
  CHECK_FALSE(contains(extract.out, "--types"));
  CHECK_FALSE(contains(extract.out, "GEXF"));
  const auto eval = kgbuild("eval --help");
  CHECK(contains(eval.out, "--model FILE"));
  CHECK_FALSE(contains(eval.out, "--train"));
}

TEST_CASE("CLI: a usage error names the bad option or value on stderr and exits 2") {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"a.txt --bogus", "unknown option '--bogus'"},
      {"a.txt -vq", "unknown option '-vq'"},
      {"a.txt -o", "option -o/--output needs a value (PATH)"},
      {"a.txt -j many", "option --threads needs a whole number from 1 to 1024, got 'many'"},
      {"a.txt --max-nodes 0", "option --max-nodes needs a positive whole number, got '0'"},
      {"a.txt --types PERSON,COMPANY", "option --types: unknown entity type 'COMPANY'"},
      {"a.txt --relations meet,,lead", "option --relations: empty relation name in 'meet,,lead'"},
      {"extract a.txt --types PERSON", "option '--types' does not apply to 'kgbuild extract'"},
      {"train tagger --train t -o m extra", "kgbuild train: unexpected argument 'extra'"},
  };
  for (const auto& [args, message] : cases) {
    CAPTURE(args);
    const auto r = kgbuild(args);
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK(contains(r.err, "kgbuild: error: " + message));
    CHECK(contains(r.err, "try 'kgbuild --help'"));
  }
}

TEST_CASE("CLI: --version prints the version and exits 0") {
  const auto r = kgbuild("--version");
  CHECK(r.status == 0);
  CHECK(r.out == "kgbuild 0.1.0\n");
}

TEST_CASE("CLI: usage errors exit 2 with a message on stderr only") {
  for (const char* args : {"", "--bogus a.txt", "a.txt -o", "a.txt -f nosuchformat"}) {
    CAPTURE(args);
    const auto r = kgbuild(args);
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK(contains(r.err, "kgbuild: error: "));
  }
}

TEST_CASE("CLI: stdin - is read and the JSON graph goes to stdout") {
  const auto r = kgbuild("-", kArticle);
  CHECK(r.status == 0);
  CHECK(json_documents(r.out) == 1);
  CHECK(contains(r.err, "1 document(s)"));
}

TEST_CASE("CLI: --quiet drops the summary") {
  const auto r = kgbuild("-q -", kArticle);
  CHECK(r.status == 0);
  CHECK(r.err.empty());
}

TEST_CASE("CLI: a missing file is named, exits 1 and writes nothing") {
  kg::test::TempDir dir;
  const auto missing = dir / "missing.txt";
  const auto r = kgbuild(q(missing) + " -o " + q(dir / "g.json"));
  CHECK(r.status == 1);
  CHECK(contains(r.err, missing.string() + ": no such file or directory"));
  CHECK(dir.listing().empty());
}

TEST_CASE("CLI: a missing or corrupt model is named before any input is read, exits 1, writes nothing") {
  kg::test::TempDir dir;
  const auto input = dir.write("a.txt", kArticle);
  const auto empty_models = dir / "models";
  std::filesystem::create_directory(empty_models);
  const auto r = kgbuild(q(input) + " --models " + q(empty_models) + " -o " + q(dir / "g.json"));
  CHECK(r.status == 1);
  CHECK(contains(r.err, (empty_models / "en-tagger.bin").string() + ": model file not found"));
  CHECK_FALSE(std::filesystem::exists(dir / "g.json"));

  dir.write("models/en-tagger.bin", "not a model");
  const auto corrupt = kgbuild(q(input) + " --models " + q(empty_models) + " -o " + q(dir / "g.json"));
  CHECK(corrupt.status == 1);
  CHECK(contains(corrupt.err, (empty_models / "en-tagger.bin").string() + ":"));
  CHECK_FALSE(std::filesystem::exists(dir / "g.json"));

  // The rules extractor needs no model files.
  const auto rules = kgbuild(q(input) + " --extractor rules --models " + q(empty_models) + " -o " + q(dir / "g.json"));
  CHECK(rules.status == 0);
  CHECK(std::filesystem::exists(dir / "g.json"));
}

TEST_CASE("CLI: KGBUILD_MODELS points the models extractor at another folder") {
  kg::test::TempDir dir;
  const auto input = dir.write("a.txt", kArticle);
  const auto r = kgbuild(q(input) + " -q");  // the default folder: the source tree's models/
  CHECK(r.status == 0);
  const auto elsewhere = kg::test::run("KGBUILD_MODELS=" + q(dir / "nowhere") + " " + shell_quote(KG_BINARY) + " " +
                                       q(input) + " >/dev/null 2>&1");
  CHECK(elsewhere.status == 1);
}

TEST_CASE("CLI: an empty file is named, exits 1 and writes nothing") {
  kg::test::TempDir dir;
  const auto empty = dir.write("empty.txt", "");
  const auto r = kgbuild(q(empty) + " -o " + q(dir / "g.json"));
  CHECK(r.status == 1);
  CHECK(contains(r.err, empty.string() + ": empty file"));
  CHECK(dir.listing() == Strings{"empty.txt"});
}

TEST_CASE("CLI: a binary file (NUL byte) is skipped with its offset, exits 1") {
  kg::test::TempDir dir;
  const auto binary = dir.write("image.txt", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  const auto r = kgbuild(q(binary) + " -o " + q(dir / "g.json"));
  CHECK(r.status == 1);
  CHECK(contains(r.err, binary.string() + ": skipped: binary file (NUL byte at offset 8)"));
  CHECK(dir.listing() == Strings{"image.txt"});
}

TEST_CASE("CLI: invalid UTF-8 is reported with file and offset, the document still used") {
  kg::test::TempDir dir;
  const auto bad = dir.write("latin1.txt", "Caf\xE9 de Paris. " + std::string(kArticle));
  const auto r = kgbuild(q(bad) + " -o " + q(dir / "g.json"));
  CHECK(r.status == 0);
  CHECK(contains(r.err, bad.string() + ": byte 3: invalid UTF-8 replaced by U+FFFD"));
  CHECK(json_documents(kg::test::read_file(dir / "g.json")) == 1);
}

TEST_CASE("CLI: a directory mixing good and bad files: bad named, good in the graph") {
  kg::test::TempDir dir;
  dir.write("in/a_good.txt", kArticle);
  dir.write("in/b_empty.txt", "");
  dir.write("in/c_binary.txt", std::string("GIF89a\0\0", 8));
  dir.write("in/d_latin1.txt", "Se\xF1or Putin. " + std::string(kArticle));
  dir.write("in/notes.json", "not a text file: ignored");
  dir.write("in/sub/e_good.txt", "BERLIN: Chancellor Olaf Scholz spoke.\r\n");
  const auto in = dir / "in";
  const auto missing = dir / "missing.txt";
  const auto r = kgbuild(q(in) + " " + q(missing) + " -o " + q(dir / "g.json"));
  CHECK(r.status == 1);
  CHECK(contains(r.err, (in / "b_empty.txt").string() + ": empty file"));
  CHECK(contains(r.err, (in / "c_binary.txt").string() + ": skipped: binary file"));
  CHECK(contains(r.err, (in / "d_latin1.txt").string() + ": byte 2: invalid UTF-8"));
  CHECK(contains(r.err, missing.string() + ": no such file or directory"));
  CHECK_FALSE(contains(r.err, "notes.json"));
  CHECK(contains(r.err, "3 document(s)"));
  CHECK(contains(r.err, "3 failed input(s)"));
  CHECK(r.out.empty());
  CHECK(json_documents(kg::test::read_file(dir / "g.json")) == 3);
  CHECK(dir.listing() == Strings{"g.json", "in", "in/a_good.txt", "in/b_empty.txt",
                                 "in/c_binary.txt", "in/d_latin1.txt", "in/notes.json", "in/sub",
                                 "in/sub/e_good.txt"});
}

TEST_CASE("CLI: -o into a missing directory fails with status 1 and leaves nothing") {
  kg::test::TempDir dir;
  const auto good = dir.write("good.txt", kArticle);
  const auto r = kgbuild(q(good) + " -o " + q(dir / "nope/g.json"));
  CHECK(r.status == 1);
  CHECK(contains(r.err, "cannot write output"));
  CHECK(dir.listing() == Strings{"good.txt"});
}

TEST_CASE("CLI: a failed run leaves an existing output file untouched") {
  kg::test::TempDir dir;
  dir.write("g.json", "previous graph");
  const auto empty = dir.write("empty.txt", "");
  const auto r = kgbuild(q(empty) + " -o " + q(dir / "g.json"));
  CHECK(r.status == 1);
  CHECK(kg::test::read_file(dir / "g.json") == "previous graph");
  CHECK(dir.listing() == Strings{"empty.txt", "g.json"});
}

TEST_CASE("CLI: a write that fails at rename leaves no temporary file") {
  kg::test::TempDir dir;
  const auto good = dir.write("good.txt", kArticle);
  dir.write("g.json/occupied", "a directory is in the way");
  const auto r = kgbuild(q(good) + " -o " + q(dir / "g.json"));
  CHECK(r.status == 1);
  CHECK(dir.listing() == Strings{"g.json", "g.json/occupied", "good.txt"});
}

TEST_CASE("CLI: two runs on samples/ give byte-identical output in every format") {
  const std::filesystem::path samples = std::filesystem::path(KG_SOURCE_DIR) / "samples";
  for (const char* ext : {"json", "graphml", "dot"}) {
    CAPTURE(ext);
    kg::test::TempDir dir;
    const auto first = dir / (std::string("first.") + ext);
    const auto second = dir / (std::string("second.") + ext);
    const auto r1 = kgbuild(q(samples) + " -q -o " + q(first));
    const auto r2 = kgbuild(q(samples) + " -q -o " + q(second));
    REQUIRE(r1.status == 0);
    REQUIRE(r2.status == 0);
    const std::string bytes = kg::test::read_file(first);
    CHECK_FALSE(bytes.empty());
    CHECK(bytes == kg::test::read_file(second));
    // stdout carries the same bytes as -o.
    CHECK(kgbuild(q(samples) + " -q -f " + ext).out == bytes);
  }
}

TEST_CASE("CLI: samples/ as JSON counts every sample as a document") {
  const std::filesystem::path samples = std::filesystem::path(KG_SOURCE_DIR) / "samples";
  std::int64_t count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(samples)) {
    count += entry.path().extension() == ".txt";
  }
  const auto r = kgbuild(q(samples));
  CHECK(r.status == 0);
  CHECK(json_documents(r.out) == count);
}

TEST_CASE("CLI: an output that cannot be written is refused before any extraction") {
  kg::test::TempDir dir;
  const auto good = dir.write("good.txt", kArticle);
  // -v logs each document as it is extracted: none may appear before the refusal.
  const auto r = kgbuild(q(good) + " -v -o " + q(dir / "nope/g.json"));
  CHECK(r.status == 1);
  CHECK(contains(r.err, "cannot write output"));
  CHECK_FALSE(contains(r.err, "entities"));
  CHECK(dir.listing() == Strings{"good.txt"});
}
