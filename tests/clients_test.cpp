// End-to-end: the sample articles through the real binary in every format, opened by the
// clients users open them with. Each client's node and edge counts must equal kgbuild's
// own (its summary line); GEXF must also pass its version's schema, carry the dates and open
// in networkx.read_gexf.
#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <filesystem>
#include <regex>
#include <string>

#include "extract/text/document.h"
#include "tests/clients.h"
#include "tests/test_support.h"

namespace fs = std::filesystem;
using kg::test::run;
using kg::test::shell_quote;

namespace {

const fs::path kSamples = fs::path(KG_SOURCE_DIR) / "samples";

// A kgbuild run on the samples, with the counts it reported itself.
struct Built {
  std::size_t nodes = 0, edges = 0;
};

Built build_samples(const std::string& args) {
  const auto r = run(shell_quote(KG_BINARY) + " " + shell_quote(kSamples.string()) + " " + args);
  REQUIRE_MESSAGE(r.status == 0, r.output);
  std::smatch m;
  REQUIRE_MESSAGE(std::regex_search(r.output, m, std::regex(R"((\d+) node\(s\), (\d+) edge\(s\))")), r.output);
  Built built{std::stoul(m[1].str()), std::stoul(m[2].str())};
  REQUIRE(built.nodes > 0);
  REQUIRE(built.edges > 0);
  return built;
}

// A relation class name (extract/text/document.h), as every edge must carry one.
bool is_relation_class(const std::string& name) {
  for (const auto c : kg::extract::kRelationClasses)
    if (kg::extract::to_string(c) == name) return true;
  return false;
}

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("clients: graphology loads the samples' GraphML, GEXF and JSON with kgbuild's counts") {
  if (!kg::test::have_graphology()) {
    KG_SKIP_MISSING(kg::test::graphology_missing());
    return;
  }
  kg::test::TempDir dir;
  for (const std::string format : {"graphml", "gexf", "json"}) {
    CAPTURE(format);
    const fs::path file = dir / ("samples." + format);
    const Built built = build_samples("-o " + shell_quote(file.string()));
    const auto loaded = kg::test::load_with_graphology(format, file);
    REQUIRE_MESSAGE(loaded.status == 0, loaded.output);
    rapidjson::Document doc;
    doc.Parse(loaded.output.c_str(), loaded.output.size());
    REQUIRE_FALSE(doc.HasParseError());
    CHECK(std::string(doc["type"].GetString()) == "directed");
    CHECK(doc["order"].GetUint64() == built.nodes);
    CHECK(doc["size"].GetUint64() == built.edges);
    // Edge ids survive: graphology keys the edges e0, e1, ... as kgbuild named them.
    REQUIRE(doc["edges"].Size() == built.edges);
    CHECK(std::string(doc["edges"][0]["key"].GetString()) == "e0");
    // Every edge carries its relation class as the attribute "class".
    for (const auto& edge : doc["edges"].GetArray()) {
      const auto& attributes = edge["attributes"];
      REQUIRE_MESSAGE(attributes.HasMember("class"), edge["key"].GetString());
      REQUIRE(attributes["class"].IsString());
      CHECK_MESSAGE(is_relation_class(attributes["class"].GetString()), attributes["class"].GetString());
    }
  }
}

TEST_CASE("clients: the samples' GEXF passes its version's schema and carries the dateline date") {
  const auto shared = kg::test::shared_dir();
  if (!shared || !fs::exists(*shared / "schemas/gexf-1.3-vizfix/gexf.xsd") ||
      !fs::exists(*shared / "schemas/gexf-1.2draft/gexf.xsd")) {
    KG_SKIP_MISSING("no shared/schemas/gexf-1.3-vizfix or gexf-1.2draft (KG_SHARED_DIR)");
    return;
  }
  if (!kg::test::have_command("xmllint")) {
    KG_SKIP_MISSING("xmllint not found (package libxml2-utils)");
    return;
  }
  for (const auto& [version, schema] : {std::pair{"", "gexf-1.2draft"}, std::pair{"--gexf-version 1.3 ", "gexf-1.3-vizfix"}}) {
    CAPTURE(schema);
    kg::test::TempFile file(".gexf");
    build_samples(std::string(version) + "-o " + shell_quote(file.string()));
    const auto valid = run("xmllint --nonet --noout --schema " +
                           shell_quote((*shared / "schemas" / schema / "gexf.xsd").string()) + " " +
                           shell_quote(file.string()));
    INFO(valid.output);
    CHECK(valid.status == 0);
    const std::string gexf = kg::test::read_file(file.path());
    // samples/003 has a date line ("February 27, 2025"); the others have no year in theirs.
    CHECK(gexf.find("mode=\"dynamic\" timeformat=\"date\"") != std::string::npos);
    CHECK(gexf.find("start=\"2025-02-27\"") != std::string::npos);
    CHECK(count(gexf, " start=\"") == count(gexf, " start=\"2025-02-27\""));
  }
}

TEST_CASE("clients: networkx.read_gexf opens the samples' GEXF with the GraphML's node and edge counts") {
  if (!kg::test::have_csv_reader()) {
    KG_SKIP_MISSING("/usr/bin/python3 with networkx not found (package python3-networkx)");
    return;
  }
  kg::test::TempFile gexf(".gexf"), graphml(".graphml");
  const Built built = build_samples("-o " + shell_quote(gexf.string()));
  build_samples("-o " + shell_quote(graphml.string()));
  const auto r = kg::test::run_python(
      "import sys, networkx as nx\n"
      "a = nx.read_gexf(sys.argv[1]); b = nx.read_graphml(sys.argv[2])\n"
      "print(a.number_of_nodes(), a.number_of_edges(), b.number_of_nodes(), b.number_of_edges())\n",
      {gexf.string(), graphml.string()});
  REQUIRE_MESSAGE(r.status == 0, r.output);
  const std::string n = std::to_string(built.nodes), e = std::to_string(built.edges);
  CHECK_MESSAGE(r.output.find(n + " " + e + " " + n + " " + e + "\n") != std::string::npos, r.output);
}

TEST_CASE("clients: --date dates every input, so every GEXF node and edge starts then") {
  kg::test::TempFile file(".gexf");
  const Built built = build_samples("--date 2024-06-30 -o " + shell_quote(file.string()));
  const std::string gexf = kg::test::read_file(file.path());
  CHECK(count(gexf, "<edge ") == built.edges);
  CHECK(count(gexf, " start=\"2024-06-30\"") == built.nodes + built.edges);
  CHECK(count(gexf, " start=\"") == built.nodes + built.edges);
}

TEST_CASE("clients: Python's csv module reads the samples' CSV pairs with kgbuild's counts") {
  if (!kg::test::have_csv_reader()) {
    KG_SKIP_MISSING("/usr/bin/python3 with networkx not found (package python3-networkx)");
    return;
  }
  kg::test::TempDir dir;
  for (const auto& [format, edges_suffix] : {std::pair{"csv", ".edges.csv"}, std::pair{"neo4j-csv", ".relationships.csv"}}) {
    CAPTURE(format);
    const Built built = build_samples("-f " + std::string(format) + " -o " + shell_quote((dir / format).string()));
    const fs::path nodes = dir / (std::string(format) + ".nodes.csv"), edges = dir / (format + std::string(edges_suffix));
    const auto read = kg::test::read_csv_pair(nodes, edges);
    REQUIRE_MESSAGE(read.status == 0, read.output);
    rapidjson::Document doc;
    doc.Parse(read.output.c_str(), read.output.size());
    REQUIRE_FALSE(doc.HasParseError());
    CHECK(doc["nodes"]["rows"].Size() == built.nodes);
    CHECK(doc["edges"]["rows"].Size() == built.edges);
    CHECK(doc["graph"]["nodes"].GetUint64() == built.nodes);
    CHECK(doc["graph"]["edges"].GetUint64() == built.edges);
    CHECK(doc["graph"]["dangling"].GetInt() == 0);
    // The relation class is the edges' last column, "class" (neo4j: "class:string").
    const auto& header = doc["edges"]["header"];
    REQUIRE(header.Size() > 0);
    CHECK(std::string(header[header.Size() - 1].GetString()) ==
          (std::string(format) == "csv" ? "class" : "class:string"));
    for (const auto& row : doc["edges"]["rows"].GetArray())
      CHECK_MESSAGE(is_relation_class(row[row.Size() - 1].GetString()), row[row.Size() - 1].GetString());
  }
}

TEST_CASE("CLI: a CSV pair needs -o and is written as two files, nothing else") {
  kg::test::TempDir dir;
  const std::string kgbuild = shell_quote(KG_BINARY) + " " + shell_quote(kSamples.string());
  SUBCASE("no -o: usage error, nothing on stdout") {
    const auto r = run("{ " + kgbuild + " -f csv 2>/dev/null; }");  // stdout alone
    CHECK(r.status == 2);
    CHECK(r.output.empty());
    const auto message = run(kgbuild + " -f neo4j-csv");
    CHECK(message.output.find("format neo4j-csv is written as 2 files (PATH.nodes.csv and "
                              "PATH.relationships.csv), not to standard output: give -o PATH") != std::string::npos);
  }
  SUBCASE("-o graph.csv: the pair beside it") {
    const auto r = run(kgbuild + " -q -o " + shell_quote((dir / "graph.csv").string()));
    REQUIRE_MESSAGE(r.status == 0, r.output);
    CHECK(dir.listing() == std::vector<std::string>{"graph.edges.csv", "graph.nodes.csv"});
  }
  SUBCASE("a missing directory: status 1, nothing written") {
    const auto r = run(kgbuild + " -q -f csv -o " + shell_quote((dir / "no/graph").string()));
    CHECK(r.status == 1);
    CHECK(dir.listing().empty());
  }
}

