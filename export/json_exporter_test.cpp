#include "export/json_exporter.h"

#include <doctest/doctest.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <map>
#include <sstream>

#include "export/test_graphs.h"
#include "export/utf8.h"
#include "tests/test_support.h"

namespace kg::export_ {
namespace {

std::string to_json(const graph::KnowledgeGraph& g) {
  std::ostringstream out;
  JsonExporter().write(g, out);
  return out.str();
}

// Strict parse: RFC 8259 syntax and valid UTF-8.
void parse_strict(rapidjson::Document& doc, const std::string& text) {
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(text.c_str(), text.size());
  INFO(rapidjson::GetParseError_En(doc.GetParseError()), " at byte ", doc.GetErrorOffset());
  REQUIRE_FALSE(doc.HasParseError());
}

std::string str(const rapidjson::Value& v) {
  return v.IsString() ? std::string(v.GetString(), v.GetStringLength()) : std::string("<not a string>");
}

std::vector<std::string> member_names(const rapidjson::Value& object) {
  std::vector<std::string> names;
  for (const auto& m : object.GetObject()) names.push_back(str(m.name));
  return names;
}

std::vector<std::string> strings(const rapidjson::Value& array) {
  std::vector<std::string> out;
  for (const auto& v : array.GetArray()) out.push_back(str(v));
  return out;
}

constexpr std::string_view kNetworkxDump = R"(
import json, sys
from networkx.readwrite import json_graph
with open(sys.argv[1], encoding="utf-8") as f:
    data = json.load(f)
try:
    G = json_graph.node_link_graph(data, edges="links")
except TypeError:  # networkx < 3.4 has link=, whose default is "links"
    G = json_graph.node_link_graph(data)
assert G.is_directed() and G.is_multigraph()
nodes = [dict(d, id=n) for n, d in G.nodes(data=True)]
edges = [dict(d, source=u, target=v, key=k) for u, v, k, d in G.edges(keys=True, data=True)]
print(json.dumps({"graph": G.graph, "nodes": nodes, "edges": edges}))
)";

constexpr std::string_view kScoreGraphDump = R"(
import json, sys
sys.path.insert(0, sys.argv[2])
import score
with open(sys.argv[1], encoding="utf-8") as f:
    g = score.Graph(json.load(f))
n0 = g.nodes["n0"]
print(json.dumps({"nodes": len(g.nodes), "links": len(g.links), "keys": sorted(n0["keys"]),
                  "type": n0["type"], "titles": sorted(n0["titles"]), "e0": sorted(g.links[0][2])}))
)";

// What a JSON reader gives back for the hostile names: everything exactly (control
// characters included, \u-escaped), except ill-formed UTF-8, which became U+FFFD.
std::map<std::string, std::string> hostile_labels_after_json() {
  const std::string r(kReplacementUtf8);
  return {
      {"n0", testing::kQuoteName},
      {"n1", testing::kMarkupName},
      {"n2", testing::kLineBreakName},
      {"n3", testing::kBackslashName},
      {"n4", testing::kControlName},
      {"n5", "Bad" + r + "|" + r + "|" + r + r + r + "|\xef\xbf\xbe|" + r},
      {"n6", testing::kUnicodeName},
  };
}

}  // namespace

TEST_CASE("JSON: node-link layout with every field, in a stable order") {
  const graph::KnowledgeGraph kg = testing::small_graph();
  const std::string text = to_json(kg);
  CHECK(text.rfind("{\n  \"directed\": true,\n  \"multigraph\": true,\n  \"graph\": {\n"
                   "    \"name\": \"kgbuild\",\n    \"documents\": 2,\n    \"kgbuild_records\": [\n"
                   "      {\"type\":\"document\",\"document\":\"news/a.txt\",\"entities\":5,\"triples\":5},\n",
                   0) == 0);
  CHECK(text.back() == '\n');
  rapidjson::Document doc;
  parse_strict(doc, text);
  CHECK(member_names(doc) == std::vector<std::string>{"directed", "multigraph", "graph", "nodes", "links"});
  CHECK(member_names(doc["graph"]) == std::vector<std::string>{"name", "documents", "kgbuild_records"});
  // Two document lines, 5 + 7 entity lines, 5 + 4 triple lines.
  CHECK(doc["graph"]["kgbuild_records"].Size() == 2 + 12 + 9);
  REQUIRE(doc["nodes"].Size() == kg.node_count());
  REQUIRE(doc["links"].Size() == kg.edge_count());

  const auto& n0 = doc["nodes"][0];
  CHECK(member_names(n0) ==
        std::vector<std::string>{"id", "label", "type", "aliases", "titles", "mentions", "documents"});
  CHECK(str(n0["id"]) == "n0");
  CHECK(str(n0["label"]) == "Vladimir Putin");
  CHECK(str(n0["type"]) == "PERSON");
  CHECK(strings(n0["aliases"]) == std::vector<std::string>{"Vladimir Putin", "Putin"});
  CHECK(strings(n0["titles"]) == std::vector<std::string>{"Russian President"});
  CHECK(n0["mentions"].GetUint() == 3);
  CHECK(strings(n0["documents"]) == std::vector<std::string>{"news/a.txt", "news/b.txt"});
  CHECK(doc["nodes"][2]["titles"].IsArray());
  CHECK(doc["nodes"][2]["titles"].Empty());

  const auto& e0 = doc["links"][0];
  CHECK(member_names(e0) ==
        std::vector<std::string>{"source", "target", "key", "relation", "class", "label", "weight", "evidence"});
  CHECK(str(e0["source"]) == "n0");
  CHECK(str(e0["target"]) == "n1");
  CHECK(str(e0["key"]) == "e0");
  CHECK(str(e0["relation"]) == "meet");
  CHECK(str(e0["class"]) == "meet");
  CHECK(str(e0["label"]) == "met");
  CHECK(e0["weight"].GetUint() == 2);
  // Every link has a class: the small graph's e0-e7 (export/test_graphs.h).
  std::vector<std::string> classes;
  for (const auto& link : doc["links"].GetArray()) classes.push_back(str(link["class"]));
  CHECK(classes == std::vector<std::string>{"meet", "said", "other", "date", "lead", "other", "role", "said"});
  REQUIRE(e0["evidence"].Size() == 2);
  const auto& ev = e0["evidence"][1];
  CHECK(member_names(ev) == std::vector<std::string>{"document", "sentence", "begin", "end", "text"});
  CHECK(str(ev["document"]) == "news/b.txt");
  CHECK(ev["sentence"].GetUint() == 0);
  CHECK(ev["begin"].GetUint() == 0);
  CHECK(ev["end"].GetUint() == 57);
  CHECK(str(ev["text"]) == "Putin met Trump again at the G20 summit near the Red Sea.");
  for (std::size_t i = 0; i < kg.edge_count(); ++i)
    CHECK(str(doc["links"][static_cast<rapidjson::SizeType>(i)]["key"]) == "e" + std::to_string(i));
}

TEST_CASE("JSON: hostile strings give valid JSON and come back exactly, bad UTF-8 as U+FFFD") {
  const std::string text = to_json(testing::hostile_graph());
  CHECK(is_valid_utf8(text));
  for (unsigned char c : text) CHECK((c >= 0x20 || c == '\n'));  // raw control bytes are not JSON
  rapidjson::Document doc;
  parse_strict(doc, text);
  std::map<std::string, std::string> labels;
  for (const auto& n : doc["nodes"].GetArray()) labels[str(n["id"])] = str(n["label"]);
  CHECK(labels == hostile_labels_after_json());
  CHECK(text.find(R"("label": "Ctl\u0001\u001B[31m)") != std::string::npos);
  const auto& e2 = doc["links"][2];
  CHECK(str(e2["relation"]) == "ctl\x02" + testing::kNul);
  CHECK(str(e2["class"]) == "other");
  CHECK(str(e2["label"]) == "bad " + std::string(kReplacementUtf8));
  CHECK(str(e2["evidence"][0]["document"]) == "dir/we\"ird & <doc>\n.txt");
  CHECK(str(doc["links"][3]["source"]) == str(doc["links"][3]["target"]));
}

TEST_CASE("JSON: an empty graph has empty node and link lists") {
  rapidjson::Document doc;
  parse_strict(doc, to_json(graph::KnowledgeGraph()));
  CHECK(doc["nodes"].Empty());
  CHECK(doc["links"].Empty());
  CHECK(doc["graph"]["documents"].GetUint() == 0);
}

TEST_CASE("JSON: networkx.node_link_graph loads every node, edge and value") {
  if (!test::have_python_modules({"networkx"})) {
    KG_SKIP_MISSING("/usr/bin/python3 with networkx not found (package python3-networkx)");
    return;
  }
  for (const auto& fixture : testing::kFixtures) {
    CAPTURE(fixture.name);
    const graph::KnowledgeGraph kg = fixture.make();
    test::TempFile file(".json");
    file.write(to_json(kg));
    const auto result = test::run_python(kNetworkxDump, {file.string()});
    REQUIRE_MESSAGE(result.status == 0, result.output);
    rapidjson::Document doc;
    parse_strict(doc, result.output);
    CHECK(doc["nodes"].Size() == kg.node_count());
    CHECK(doc["edges"].Size() == kg.edge_count());
    CHECK(doc["graph"]["documents"].GetUint() == kg.document_count());
    const graph::Graph& g = kg.graph();
    std::map<std::string, std::pair<std::string, std::string>> ends;
    for (const auto& e : doc["edges"].GetArray()) ends[str(e["key"])] = {str(e["source"]), str(e["target"])};
    for (graph::Edge e : kg.edges_in_order()) {
      CAPTURE(g[e].id);
      CHECK(ends[g[e].id] == std::pair{g[boost::source(e, g)].id, g[boost::target(e, g)].id});
    }
    if (fixture.name == "hostile") {
      std::map<std::string, std::string> labels;
      for (const auto& n : doc["nodes"].GetArray()) labels[str(n["id"])] = str(n["label"]);
      CHECK(labels == hostile_labels_after_json());
    } else if (fixture.name == "small") {
      const auto& n0 = doc["nodes"][0];
      CHECK(str(n0["label"]) == "Vladimir Putin");
      CHECK(strings(n0["aliases"]) == std::vector<std::string>{"Vladimir Putin", "Putin"});
      CHECK(n0["mentions"].GetInt() == 3);
      const auto& e0 = doc["edges"][0];
      CHECK(str(e0["relation"]) == "meet");
      CHECK(str(e0["class"]) == "meet");
      CHECK(str(doc["edges"][6]["class"]) == "role");
      CHECK(e0["weight"].GetInt() == 2);
      CHECK(e0["evidence"].Size() == 2);
    }
  }
}

TEST_CASE("JSON: shared/eval/score.py reads labels, aliases, titles and predicates") {
  const auto shared = test::shared_dir();
  if (!shared || !std::filesystem::exists(*shared / "eval/score.py")) {
    KG_SKIP_MISSING("no shared/eval/score.py (KG_SHARED_DIR)");
    return;
  }
  if (!std::filesystem::exists(test::kSystemPython)) {
    KG_SKIP_MISSING(test::kSystemPython << " not found");
    return;
  }
  const graph::KnowledgeGraph kg = testing::small_graph();
  test::TempDir dir;
  const auto graph_file = dir.write("sys/doc.json", to_json(kg));

  SUBCASE("score.Graph") {
    const auto result = test::run_python(kScoreGraphDump, {graph_file.string(), (*shared / "eval").string()});
    REQUIRE_MESSAGE(result.status == 0, result.output);
    rapidjson::Document doc;
    parse_strict(doc, result.output);
    CHECK(doc["nodes"].GetUint() == kg.node_count());
    CHECK(doc["links"].GetUint() == kg.edge_count());
    CHECK(strings(doc["keys"]) == std::vector<std::string>{"putin", "vladimir putin"});
    CHECK(str(doc["type"]) == "PERSON");
    CHECK(strings(doc["titles"]) == std::vector<std::string>{"russian president"});
    CHECK(strings(doc["e0"]) == std::vector<std::string>{"meet", "met"});
  }
  SUBCASE("score.py end to end: a gold relation the graph holds is found") {
    dir.write("gold/doc.gold.json", R"({"document": "doc.txt",
      "entities": [{"name": "Vladimir Putin", "type": "PERSON", "aliases": ["Putin"], "titles": ["Russian President"]},
                   {"name": "Donald Trump", "type": "PERSON", "aliases": ["Trump"]}],
      "relations": [{"subject": "Vladimir Putin", "predicates": ["meet"], "object": "Donald Trump",
                     "symmetric": true, "class": "meet"}]})");
    const auto result = test::run(std::string(test::kSystemPython) + " " +
                                  test::shell_quote((*shared / "eval/score.py").string()) + " " +
                                  test::shell_quote((dir / "gold").string()) + " " +
                                  test::shell_quote((dir / "sys").string()));
    INFO(result.output);
    REQUIRE(result.status == 0);
    CHECK(result.output.find("missing system graph") == std::string::npos);
    CHECK(result.output.find("relations strict P=") != std::string::npos);
    CHECK(result.output.find("R=1.000 F1=") != std::string::npos);  // entities and relations all found
    CHECK(result.output.find("titles R=1.000") != std::string::npos);
  }
}

}  // namespace kg::export_
