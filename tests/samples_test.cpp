// End-to-end tests on samples/: the real binary, the real scorer and the real clients.
// The quality bars are the end-to-end issue's acceptance figures; the scorer's summary
// line is printed so a run shows where the extractor stands.
#include <doctest/doctest.h>

#include <filesystem>
#include <regex>
#include <string>

#include "tests/test_support.h"

namespace fs = std::filesystem;
using kg::test::run;
using kg::test::shell_quote;

namespace {

const fs::path kSamples = fs::path(KG_SOURCE_DIR) / "samples";

std::string kgbuild(const std::string& args) { return shell_quote(KG_BINARY) + " " + args; }

double field(const std::string& text, const std::string& pattern) {
  std::smatch m;
  if (!std::regex_search(text, m, std::regex(pattern))) return -1.0;
  return std::stod(m[1].str());
}

}  // namespace

namespace {

// Scores one graph per article made with `options`; returns score.py's summary line.
std::string score_articles(const fs::path& shared, const std::string& options) {
  kg::test::TempDir dir;
  for (const auto& entry : fs::directory_iterator(kSamples)) {
    if (entry.path().extension() != ".txt") continue;
    fs::path out = dir / (entry.path().stem().string() + ".json");
    auto r = run(kgbuild(options + " " + shell_quote(entry.path().string()) + " -q -o " + shell_quote(out.string())));
    REQUIRE_MESSAGE(r.status == 0, r.output);
  }
  auto score = run("python3 " + shell_quote((shared / "eval/score.py").string()) + " " +
                   shell_quote((shared / "gold").string()) + " " + shell_quote(dir.string()));
  REQUIRE_MESSAGE(score.status == 0, score.output);
  return score.output.substr(score.output.rfind("entities P="));
}

std::string score_merges(const fs::path& shared, const std::string& options) {
  kg::test::TempFile out(".json");
  auto r = run(kgbuild(options + " " + shell_quote(kSamples.string()) + " -q -o " + shell_quote(out.string())));
  REQUIRE_MESSAGE(r.status == 0, r.output);
  auto score = run("python3 " + shell_quote((shared / "eval/score.py").string()) + " --merges " +
                   shell_quote((shared / "gold/merges.json").string()) + " " + shell_quote(out.string()));
  REQUIRE_MESSAGE(score.status == 0, score.output);
  return score.output;
}

double f1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0; }

}  // namespace

TEST_CASE("samples: each article scored against the gold annotations meets the bar") {
  auto shared = kg::test::shared_dir();
  if (!shared || !fs::exists(*shared / "eval/score.py") || !kg::test::have_command("python3")) {
    KG_SKIP_MISSING("../shared/eval/score.py or python3 not available");
    return;
  }
  SUBCASE("the default models extractor: entity F1 >= 0.92, relation strict F1 >= 0.65") {
    const std::string summary = score_articles(*shared, "");
    MESSAGE("models: " << summary);
    CHECK(field(summary, R"(entities P=[\d.]+ R=[\d.]+ F1=([\d.]+))") >= 0.92);
    const double p = field(summary, R"(relations strict P=([\d.]+))");
    const double r = field(summary, R"(relations strict P=[\d.]+ R=([\d.]+))");
    CHECK(f1(p, r) >= 0.65);
  }
  SUBCASE("the rules extractor: entity F1 >= 0.85, relation strict R >= 0.40 and P >= 0.50") {
    const std::string summary = score_articles(*shared, "--extractor rules");
    MESSAGE("rules: " << summary);
    CHECK(field(summary, R"(entities P=[\d.]+ R=[\d.]+ F1=([\d.]+))") >= 0.85);
    CHECK(field(summary, R"(relations strict P=[\d.]+ R=([\d.]+))") >= 0.40);
    CHECK(field(summary, R"(relations strict P=([\d.]+))") >= 0.50);
  }
}

TEST_CASE("samples: one graph of all articles merges names across documents without wrong merges") {
  auto shared = kg::test::shared_dir();
  if (!shared || !fs::exists(*shared / "gold/merges.json") || !kg::test::have_command("python3")) {
    KG_SKIP_MISSING("../shared/gold/merges.json or python3 not available");
    return;
  }
  SUBCASE("models: at least 12 of 13 clusters whole") {
    const std::string output = score_merges(*shared, "");
    MESSAGE(output);
    CHECK(field(output, R"(merges: (\d+)/\d+ clusters whole)") >= 12);
    CHECK(field(output, R"(wrong merges (\d+)/)") == 0);
  }
  SUBCASE("rules: at least 10 clusters whole") {
    const std::string output = score_merges(*shared, "--extractor rules");
    MESSAGE(output);
    CHECK(field(output, R"(merges: (\d+)/\d+ clusters whole)") >= 10);
    CHECK(field(output, R"(wrong merges (\d+)/)") == 0);
  }
}

TEST_CASE("samples: the GraphML validates and loads in NetworkX and igraph with kgbuild's counts") {
  auto shared = kg::test::shared_dir();
  if (!shared || !kg::test::have_command("xmllint") || !kg::test::have_python_modules({"networkx", "igraph"})) {
    KG_SKIP_MISSING("../shared, xmllint or /usr/bin/python3 with networkx and igraph not available");
    return;
  }
  kg::test::TempDir dir;
  auto graphml = dir / "samples.graphml";
  auto json = dir / "samples.json";
  REQUIRE(run(kgbuild(shell_quote(kSamples.string()) + " -q -o " + shell_quote(graphml.string()))).status == 0);
  REQUIRE(run(kgbuild(shell_quote(kSamples.string()) + " -q -o " + shell_quote(json.string()))).status == 0);
  auto valid = run("xmllint --nonet --noout --schema " +
                   shell_quote((*shared / "schemas/graphml/graphml.xsd").string()) + " " +
                   shell_quote(graphml.string()));
  CHECK_MESSAGE(valid.status == 0, valid.output);
  // The JSON gives the expected counts; both GraphML readers must see the same graph.
  auto loaded = kg::test::run_python(R"(
import json, sys, networkx as nx, igraph
data = json.load(open(sys.argv[2]))
n, m = len(data["nodes"]), len(data["links"])
g = nx.read_graphml(sys.argv[1])
ig = igraph.Graph.Read_GraphML(sys.argv[1])
assert n > 20 and m > 20, (n, m)
assert (g.number_of_nodes(), g.number_of_edges()) == (n, m), (g.number_of_nodes(), g.number_of_edges(), n, m)
assert (ig.vcount(), ig.ecount()) == (n, m), (ig.vcount(), ig.ecount(), n, m)
labels = sorted(d["label"] for _, d in g.nodes(data=True))
assert labels == sorted(x["label"] for x in data["nodes"])
print(n, m)
)",
                                     {graphml.string(), json.string()});
  CHECK_MESSAGE(loaded.status == 0, loaded.output);
}

TEST_CASE("samples: the JSON loads with networkx.node_link_graph and the DOT renders with dot") {
  if (!kg::test::have_command("dot") || !kg::test::have_python_modules({"networkx"})) {
    KG_SKIP_MISSING("graphviz or /usr/bin/python3 with networkx not available");
    return;
  }
  kg::test::TempDir dir;
  auto json = dir / "samples.json";
  auto dot = dir / "samples.dot";
  REQUIRE(run(kgbuild(shell_quote(kSamples.string()) + " -q -o " + shell_quote(json.string()))).status == 0);
  REQUIRE(run(kgbuild(shell_quote(kSamples.string()) + " -q -o " + shell_quote(dot.string()))).status == 0);
  auto loaded = kg::test::run_python(R"(
import json, sys
from networkx.readwrite import json_graph
data = json.load(open(sys.argv[1]))
try:
    g = json_graph.node_link_graph(data, edges="links")
except TypeError:
    g = json_graph.node_link_graph(data)
assert g.is_directed() and g.is_multigraph()
assert (g.number_of_nodes(), g.number_of_edges()) == (len(data["nodes"]), len(data["links"]))
for _, _, d in g.edges(data=True):
    assert d["weight"] == len(d["evidence"]) and d["evidence"][0]["text"]
)",
                                     {json.string()});
  CHECK_MESSAGE(loaded.status == 0, loaded.output);
  auto svg = dir / "samples.svg";
  auto rendered = run("dot -Tsvg " + shell_quote(dot.string()) + " -o " + shell_quote(svg.string()));
  CHECK_MESSAGE(rendered.status == 0, rendered.output);
  CHECK(fs::file_size(svg) > 1000);
}
