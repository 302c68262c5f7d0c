#include "cli/run.h"

#include <doctest/doctest.h>

#include <spdlog/sinks/ostream_sink.h>

#include <filesystem>
#include <sstream>

#include <rapidjson/document.h>

#include "cli/output.h"
#include "extract/text/error.h"
#include "tests/test_support.h"

using kg::cli::Options;
using kg::cli::RunSummary;

namespace {

// Runs in-process with the log captured; stdout goes to `out`.
struct Captured {
  int status = -1;
  RunSummary summary;
  std::string out;
  std::string log;
};

// Restores the log level on scope exit, so tests are independent of each other's levels.
struct LevelGuard {
  kg::log::Level saved = kg::log::level();
  explicit LevelGuard(kg::log::Level level) { kg::log::set_level(level); }
  ~LevelGuard() { kg::log::set_level(saved); }
  LevelGuard(const LevelGuard&) = delete;
  LevelGuard& operator=(const LevelGuard&) = delete;
};

Captured run_captured(Options options, const std::string& stdin_text = "") {
  const LevelGuard level(kg::log::Level::info);
  std::ostringstream log_text;
  const auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(log_text);
  const kg::log::SinkOverride capture(sink);
  if (options.format.empty()) options.format = "json";
  std::istringstream in(stdin_text);
  std::ostringstream out;
  Captured result;
  result.status = kg::cli::run(options, in, out, &result.summary);
  result.out = out.str();
  result.log = log_text.str();
  return result;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::int64_t json_documents(const std::string& json) {
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("graph")) return -1;
  return doc["graph"]["documents"].GetInt64();
}

const char* const kArticle =
    "WASHINGTON: President Joe Biden met German Chancellor Olaf Scholz at the White House "
    "on Friday.\n";

}  // namespace

TEST_CASE("cli run: a document from stdin is exported to the output stream") {
  Options options;
  options.inputs = {"-"};
  const auto r = run_captured(options, kArticle);
  CHECK(r.status == 0);
  CHECK(r.summary.documents == 1);
  CHECK(r.summary.failures == 0);
  CHECK(json_documents(r.out) == 1);
  CHECK(contains(r.log, "1 document(s)"));
}

TEST_CASE("cli run: bad inputs are logged and counted, good ones still exported") {
  kg::test::TempDir dir;
  const std::string good = dir.write("good.txt", kArticle).string();
  const std::string empty = dir.write("empty.txt", "").string();
  const std::string blank = dir.write("blank.txt", " \n\r\n\t").string();
  const std::string binary = dir.write("bin.txt", std::string("abc\0def", 7)).string();
  const std::string missing = (dir / "missing.txt").string();
  Options options;
  options.inputs = {good, empty, blank, binary, missing};
  const auto r = run_captured(options);
  CHECK(r.status == 1);
  CHECK(r.summary.documents == 1);
  CHECK(r.summary.failures == 4);
  CHECK(json_documents(r.out) == 1);
  CHECK(contains(r.log, empty + ": empty file"));
  CHECK(contains(r.log, blank + ": empty file (whitespace only)"));
  CHECK(contains(r.log, binary + ": skipped: binary file (NUL byte at offset 3)"));
  CHECK(contains(r.log, missing + ": no such file or directory"));
}

TEST_CASE("cli run: invalid UTF-8 is reported with offsets but the document is used") {
  kg::test::TempDir dir;
  const std::string bad = dir.write("bad.txt", std::string(kArticle) + "Caf\xE9 owner.\n").string();
  Options options;
  options.inputs = {bad};
  const auto r = run_captured(options);
  CHECK(r.status == 0);
  CHECK(r.summary.documents == 1);
  const auto offset = std::string(kArticle).size() + 3;
  CHECK(contains(r.log, bad + ": byte " + std::to_string(offset) + ": invalid UTF-8"));
}

TEST_CASE("cli run: invalid UTF-8 reports are capped") {
  kg::test::TempDir dir;
  std::string text(kArticle);
  for (int i = 0; i < 12; ++i) text += "word \xFF ";
  const std::string bad = dir.write("bad.txt", text).string();
  Options options;
  options.inputs = {bad};
  const auto r = run_captured(options);
  CHECK(r.status == 0);
  CHECK(contains(r.log, bad + ": 7 more invalid UTF-8 sequences replaced"));
}

TEST_CASE("cli run: no readable document writes nothing and fails") {
  kg::test::TempDir dir;
  const std::string empty = dir.write("empty.txt", "").string();
  Options options;
  options.inputs = {empty};
  options.output = (dir / "out.json").string();
  const auto r = run_captured(options);
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK(contains(r.log, "no input could be read"));
  CHECK_FALSE(std::filesystem::exists(dir / "out.json"));
}

TEST_CASE("cli run: the output file is written atomically and equals the stdout bytes") {
  kg::test::TempDir dir;
  const std::string good = dir.write("in/good.txt", kArticle).string();
  Options options;
  options.inputs = {good};
  const auto to_stdout = run_captured(options);
  options.output = (dir / "out.json").string();
  const auto to_file = run_captured(options);
  CHECK(to_file.status == 0);
  CHECK(to_file.out.empty());
  CHECK(kg::test::read_file(dir / "out.json") == to_stdout.out);
  CHECK(dir.listing() == std::vector<std::string>{"in", "in/good.txt", "out.json"});
}

TEST_CASE("cli run: an unwritable output throws OutputError, existing output untouched") {
  kg::test::TempDir dir;
  const std::string good = dir.write("good.txt", kArticle).string();
  Options options;
  options.inputs = {good};
  options.output = (dir / "missing-dir/out.json").string();
  CHECK_THROWS_AS(run_captured(options), kg::cli::OutputError);
  CHECK(dir.listing() == std::vector<std::string>{"good.txt"});
}

TEST_CASE("cli run: a dateline's date reaches the GEXF as the edges' start") {
  Options options;
  options.inputs = {"-"};
  options.format = "gexf";
  options.pipeline.extractor = "rules";
  const auto r = run_captured(options, std::string("WASHINGTON, March 3, 2025 (AP) - ") + kArticle);
  CHECK(r.status == 0);
  CHECK(contains(r.out, "mode=\"dynamic\" timeformat=\"date\""));
  CHECK(contains(r.out, "start=\"2025-03-03\""));
}

TEST_CASE("cli run: --date wins over the dateline") {
  Options options;
  options.inputs = {"-"};
  options.format = "gexf";
  options.pipeline.extractor = "rules";
  options.date = "2024-01-02";
  const auto r = run_captured(options, std::string("WASHINGTON, March 3, 2025 (AP) - ") + kArticle);
  CHECK(r.status == 0);
  CHECK(contains(r.out, "start=\"2024-01-02\""));
  CHECK_FALSE(contains(r.out, "2025-03-03"));
}

TEST_CASE("cli run: without a date the GEXF is static") {
  Options options;
  options.inputs = {"-"};
  options.format = "gexf";
  options.pipeline.extractor = "rules";
  const auto r = run_captured(options, kArticle);
  CHECK(r.status == 0);
  CHECK(contains(r.out, "mode=\"static\""));
  CHECK_FALSE(contains(r.out, "start="));
}

TEST_CASE("cli run: a CSV pair goes beside the -o name, both files or none") {
  kg::test::TempDir dir;
  const std::string good = dir.write("in/good.txt", kArticle).string();
  Options options;
  options.inputs = {good};
  options.format = "csv";
  options.output = (dir / "out/g.csv").string();
  std::filesystem::create_directory(dir / "out");
  const auto r = run_captured(options);
  CHECK(r.status == 0);
  CHECK(r.out.empty());
  CHECK(dir.listing() == std::vector<std::string>{"in", "in/good.txt", "out", "out/g.edges.csv", "out/g.nodes.csv"});
  CHECK(kg::test::read_file(dir / "out/g.nodes.csv").rfind("Id,Label,", 0) == 0);

  options.output = (dir / "missing/g").string();
  CHECK_THROWS_AS(run_captured(options), kg::cli::OutputError);
  CHECK(dir.listing().size() == 5);
}

TEST_CASE("cli run: a CSV pair to standard output is a usage error before any input is read") {
  Options options;
  options.inputs = {"-"};
  options.format = "neo4j-csv";
  CHECK_THROWS_AS(run_captured(options, kArticle), kg::UsageError);
}
