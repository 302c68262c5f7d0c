#include "export/graphml_exporter.h"

#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <map>
#include <sstream>

#include "export/test_graphs.h"
#include "export/xml_escape.h"
#include "tests/test_support.h"

namespace kg::export_ {
namespace {

std::string to_graphml(const graph::KnowledgeGraph& g) {
  std::ostringstream out;
  GraphmlExporter().write(g, out);
  return out.str();
}

std::string json_string(const rapidjson::Value& v) {
  return v.IsString() ? std::string(v.GetString(), v.GetStringLength()) : std::string("<not a string>");
}

// Labels and relations as a client read them back, by node and edge id.
struct ReadBack {
  std::size_t nodes = 0, edges = 0;
  std::map<std::string, std::string> node_labels, edge_relations;
  std::map<std::string, std::pair<std::string, std::string>> edge_ends;
  rapidjson::Document raw;
};

// Parses the JSON dump the Python snippets below print.
ReadBack parse_dump(const std::string& dump) {
  ReadBack r;
  r.raw.Parse(dump.c_str(), dump.size());
  REQUIRE_MESSAGE(!r.raw.HasParseError(), dump);
  for (const auto& n : r.raw["nodes"].GetArray()) r.node_labels[json_string(n["id"])] = json_string(n["label"]);
  for (const auto& e : r.raw["edges"].GetArray()) {
    r.edge_relations[json_string(e["id"])] = json_string(e["relation"]);
    r.edge_ends[json_string(e["id"])] = {json_string(e["source"]), json_string(e["target"])};
  }
  r.nodes = r.raw["nodes"].Size();
  r.edges = r.raw["edges"].Size();
  return r;
}

constexpr std::string_view kNetworkxDump = R"(
import json, sys
import networkx as nx
G = nx.read_graphml(sys.argv[1])
assert G.is_directed()
nodes = [dict(d, id=n) for n, d in G.nodes(data=True)]
# A MultiDiGraph (parallel edges) keys edges by GraphML id; a DiGraph keeps it as "id".
if G.is_multigraph():
    edges = [dict(d, source=u, target=v, id=k) for u, v, k, d in G.edges(keys=True, data=True)]
else:
    edges = [dict(d, source=u, target=v) for u, v, d in G.edges(data=True)]
print(json.dumps({"nodes": nodes, "edges": edges, "multigraph": G.is_multigraph()}))
)";

constexpr std::string_view kIgraphDump = R"(
import json, sys
import igraph
g = igraph.Graph.Read_GraphML(sys.argv[1])
assert g.is_directed()
def attrs(seq):
    return [{k: x[k] for k in seq.attributes()} for x in seq]
nodes = attrs(g.vs)
edges = attrs(g.es)
for e, d in zip(g.es, edges):
    d["source"] = g.vs[e.source]["id"]
    d["target"] = g.vs[e.target]["id"]
print(json.dumps({"nodes": nodes, "edges": edges}))
)";

// The graph's own view, to compare a client's read-back with.
void check_same_structure(const graph::KnowledgeGraph& kg, const ReadBack& r) {
  CHECK(r.nodes == kg.node_count());
  CHECK(r.edges == kg.edge_count());
  const graph::Graph& g = kg.graph();
  for (graph::Edge e : kg.edges_in_order()) {
    const auto it = r.edge_ends.find(g[e].id);
    REQUIRE_MESSAGE(it != r.edge_ends.end(), g[e].id);
    CHECK(it->second.first == g[boost::source(e, g)].id);
    CHECK(it->second.second == g[boost::target(e, g)].id);
  }
}

// What an XML reader gives back for the hostile names: exact text where XML can carry
// it, U+FFFD for what it cannot (C0 controls, NUL, U+FFFE, ill-formed UTF-8).
std::map<std::string, std::string> hostile_labels_after_xml() {
  const std::string r(kReplacementUtf8);
  return {
      {"n0", testing::kQuoteName},
      {"n1", testing::kMarkupName},
      {"n2", testing::kLineBreakName},
      {"n3", testing::kBackslashName},
      {"n4", "Ctl" + r + r + "[31m\x7f" + "nul" + r + "byte"},
      {"n5", "Bad" + r + "|" + r + "|" + r + r + r + "|" + r + "|" + r},
      {"n6", testing::kUnicodeName},
  };
}

bool has_xml_illegal_bytes(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return true;
  return s.find("\xEF\xBF\xBE") != std::string_view::npos || s.find("\xEF\xBF\xBF") != std::string_view::npos;
}

}  // namespace

TEST_CASE("xml_escape: markup characters, line breaks, control bytes, bad UTF-8") {
  const std::string r(kReplacementUtf8);
  struct Case {
    std::string in, text, attribute;
  };
  const Case cases[] = {
      {"plain", "plain", "plain"},
      {"a&b<c>d\"e'f", "a&amp;b&lt;c&gt;d&quot;e&apos;f", "a&amp;b&lt;c&gt;d&quot;e&apos;f"},
      {"]]>", "]]&gt;", "]]&gt;"},
      {"--", "--", "--"},
      {"a\tb\nc\rd", "a\tb\nc&#13;d", "a&#9;b&#10;c&#13;d"},
      {"\x01\x1b\x7f", r + r + "\x7f", r + r + "\x7f"},
      {std::string("x\0y", 3), "x" + r + "y", "x" + r + "y"},
      {"\xef\xbf\xbe\xef\xbf\xbf\xef\xbf\xbd", r + r + r, r + r + r},
      {"\xff\xc3", r + r, r + r},
      {"\xc3\xa9\xf0\x9f\x99\x82", "\xc3\xa9\xf0\x9f\x99\x82", "\xc3\xa9\xf0\x9f\x99\x82"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.in);
    CHECK(xml_escape(c.in) == c.text);
    CHECK(xml_escape(c.in, XmlContext::Attribute) == c.attribute);
  }
}

TEST_CASE("GraphML: declaration, keys, ids, data values") {
  const graph::KnowledgeGraph kg = testing::small_graph();
  const std::string xml = to_graphml(kg);
  CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml ", 0) == 0);
  for (std::string_view key : {
           R"(<key id="node_label" for="node" attr.name="label" attr.type="string"/>)",
           R"(<key id="node_type" for="node" attr.name="type" attr.type="string"/>)",
           R"(<key id="node_aliases" for="node" attr.name="aliases" attr.type="string"/>)",
           R"(<key id="node_titles" for="node" attr.name="titles" attr.type="string"/>)",
           R"(<key id="node_mentions" for="node" attr.name="mentions" attr.type="int"/>)",
           R"(<key id="node_documents" for="node" attr.name="documents" attr.type="string"/>)",
           R"(<key id="edge_relation" for="edge" attr.name="relation" attr.type="string"/>)",
           R"(<key id="edge_class" for="edge" attr.name="class" attr.type="string"/>)",
           R"(<key id="edge_label" for="edge" attr.name="label" attr.type="string"/>)",
           R"(<key id="edge_weight" for="edge" attr.name="weight" attr.type="double"/>)",
           R"(<key id="edge_evidence" for="edge" attr.name="evidence" attr.type="string"/>)",
           R"(<graph id="kgbuild" edgedefault="directed">)",
       }) {
    CAPTURE(key);
    CHECK(xml.find(key) != std::string::npos);
  }
  const std::string_view n0 =
      "    <node id=\"n0\">\n"
      "      <data key=\"node_label\">Vladimir Putin</data>\n"
      "      <data key=\"node_type\">PERSON</data>\n"
      "      <data key=\"node_aliases\">Vladimir Putin | Putin</data>\n"
      "      <data key=\"node_titles\">Russian President</data>\n"
      "      <data key=\"node_mentions\">3</data>\n"
      "      <data key=\"node_documents\">news/a.txt | news/b.txt</data>\n"
      "    </node>\n";
  CHECK(xml.find(n0) != std::string::npos);
  const std::string_view e0 =
      "    <edge id=\"e0\" source=\"n0\" target=\"n1\">\n"
      "      <data key=\"edge_relation\">meet</data>\n"
      "      <data key=\"edge_class\">meet</data>\n"
      "      <data key=\"edge_label\">met</data>\n"
      "      <data key=\"edge_weight\">2</data>\n"
      "      <data key=\"edge_evidence\">news/a.txt#0: Russian President Vladimir Putin met Donald "
      "Trump in Riyadh on 18 February.\nnews/b.txt#0: Putin met Trump again at the G20 summit "
      "near the Red Sea.</data>\n"
      "    </edge>\n";
  CHECK(xml.find(e0) != std::string::npos);
  // Empty lists leave their data out rather than writing an empty element.
  CHECK(xml.find("<node id=\"n2\">\n      <data key=\"node_label\">Riyadh</data>\n"
                 "      <data key=\"node_type\">GPE</data>\n"
                 "      <data key=\"node_aliases\">Riyadh</data>\n"
                 "      <data key=\"node_mentions\">1</data>") != std::string::npos);
  // Vertices in index order, then edges in id order.
  CHECK(xml.find("<node id=\"n9\">") < xml.find("<edge id=\"e0\""));
  CHECK(xml.find("<edge id=\"e6\"") < xml.find("<edge id=\"e7\""));
  CHECK(xml.size() - xml.rfind("</graphml>\n") == 11);
}

TEST_CASE("GraphML: hostile strings stay well-formed") {
  const std::string xml = to_graphml(testing::hostile_graph());
  CHECK(is_valid_utf8(xml));
  CHECK_FALSE(has_xml_illegal_bytes(xml));
  CHECK(xml.find("]]>") == std::string::npos);
  CHECK(xml.find("<data key=\"node_label\">A&amp;B &lt;Corp&gt; ]]&gt; -- &lt;!-- x --&gt;</data>") !=
        std::string::npos);
  CHECK(xml.find("Tom &quot;The Hammer&quot; O&apos;Neil") != std::string::npos);
  CHECK(xml.find("Line\nbreak&#13;\nand&#13;CR\tTab") != std::string::npos);
  // Evidence is one line per statement: line breaks inside the sentence are folded.
  CHECK(xml.find("<data key=\"edge_evidence\">dir/we&quot;ird &amp; &lt;doc&gt; .txt#0: He said") !=
        std::string::npos);
}

TEST_CASE("GraphML: an empty graph is still a complete document") {
  const std::string xml = to_graphml(graph::KnowledgeGraph());
  CHECK(xml.find("<graph id=\"kgbuild\" edgedefault=\"directed\">\n  </graph>\n</graphml>\n") !=
        std::string::npos);
}

TEST_CASE("GraphML: validates against the GraphML XSD (xmllint)") {
  const auto shared = test::shared_dir();
  if (!shared || !std::filesystem::exists(*shared / "schemas/graphml/graphml.xsd")) {
    KG_SKIP_MISSING("no shared/schemas/graphml/graphml.xsd (KG_SHARED_DIR)");
    return;
  }
  if (!test::have_command("xmllint")) {
    KG_SKIP_MISSING("xmllint not found (package libxml2-utils)");
    return;
  }
  const std::string schema = (*shared / "schemas/graphml/graphml.xsd").string();
  for (const auto& fixture : testing::kFixtures) {
    CAPTURE(fixture.name);
    const graph::KnowledgeGraph kg = fixture.make();
    test::TempFile file(".graphml");
    const std::string xml = to_graphml(kg);
    // The edge class key and its values are part of what the schema checks.
    CHECK((xml.find("<data key=\"edge_class\">") != std::string::npos) == (kg.edge_count() > 0));
    file.write(xml);
    const auto result = test::run("xmllint --nonet --noout --schema " + test::shell_quote(schema) + " " +
                                  test::shell_quote(file.string()));
    INFO(result.output);
    CHECK(result.status == 0);
  }
}

TEST_CASE("GraphML: networkx.read_graphml reads every node, edge and value") {
  if (!test::have_python_modules({"networkx"})) {
    KG_SKIP_MISSING("/usr/bin/python3 with networkx not found (package python3-networkx)");
    return;
  }
  SUBCASE("small graph: counts, ids, typed values") {
    const graph::KnowledgeGraph kg = testing::small_graph();
    test::TempFile file(".graphml");
    file.write(to_graphml(kg));
    const auto result = test::run_python(kNetworkxDump, {file.string()});
    REQUIRE_MESSAGE(result.status == 0, result.output);
    const ReadBack r = parse_dump(result.output);
    check_same_structure(kg, r);
    CHECK(r.raw["multigraph"].GetBool());  // e0 and e1 are parallel
    const auto& n0 = r.raw["nodes"][0];
    CHECK(json_string(n0["id"]) == "n0");
    CHECK(json_string(n0["label"]) == "Vladimir Putin");
    CHECK(json_string(n0["type"]) == "PERSON");
    CHECK(json_string(n0["aliases"]) == "Vladimir Putin | Putin");
    CHECK(n0["mentions"].IsInt());
    CHECK(n0["mentions"].GetInt() == 3);
    const auto& e0 = r.raw["edges"][0];
    CHECK(json_string(e0["id"]) == "e0");
    CHECK(json_string(e0["relation"]) == "meet");
    CHECK(json_string(e0["label"]) == "met");
    CHECK(json_string(e0["class"]) == "meet");
    CHECK(json_string(r.raw["edges"][6]["class"]) == "role");
    CHECK(e0["weight"].IsDouble());
    CHECK(e0["weight"].GetDouble() == 2.0);
  }
  SUBCASE("hostile graph: text comes back exactly where XML can carry it") {
    const graph::KnowledgeGraph kg = testing::hostile_graph();
    test::TempFile file(".graphml");
    file.write(to_graphml(kg));
    const auto result = test::run_python(kNetworkxDump, {file.string()});
    REQUIRE_MESSAGE(result.status == 0, result.output);
    const ReadBack r = parse_dump(result.output);
    check_same_structure(kg, r);
    CHECK(r.node_labels == hostile_labels_after_xml());
    CHECK(r.edge_relations.at("e0") == "say \"hi\"");
    CHECK(r.edge_relations.at("e1") == "back\\slash");
    CHECK(r.edge_relations.at("e3") == "]]>");
  }
  SUBCASE("empty graph") {
    test::TempFile file(".graphml");
    file.write(to_graphml(graph::KnowledgeGraph()));
    const auto result = test::run_python(kNetworkxDump, {file.string()});
    REQUIRE_MESSAGE(result.status == 0, result.output);
    const ReadBack r = parse_dump(result.output);
    CHECK(r.nodes == 0);
    CHECK(r.edges == 0);
  }
}

TEST_CASE("GraphML: igraph.Graph.Read_GraphML reads every node, edge and value") {
  if (!test::have_python_modules({"igraph"})) {
    KG_SKIP_MISSING("/usr/bin/python3 with igraph not found (package python3-igraph)");
    return;
  }
  for (const auto& fixture : testing::kFixtures) {
    CAPTURE(fixture.name);
    const graph::KnowledgeGraph kg = fixture.make();
    test::TempFile file(".graphml");
    file.write(to_graphml(kg));
    const auto result = test::run_python(kIgraphDump, {file.string()});
    REQUIRE_MESSAGE(result.status == 0, result.output);
    const ReadBack r = parse_dump(result.output);
    check_same_structure(kg, r);
    if (fixture.name == "hostile") {
      CHECK(r.node_labels == hostile_labels_after_xml());
    } else if (fixture.name == "small") {
      CHECK(r.node_labels.at("n0") == "Vladimir Putin");
      CHECK(r.raw["edges"][0]["weight"].GetDouble() == 2.0);
      CHECK(r.edge_relations.at("e6") == "spokesperson of");
      CHECK(json_string(r.raw["edges"][6]["class"]) == "role");
      CHECK(json_string(r.raw["edges"][3]["class"]) == "date");
    }
  }
}

}  // namespace kg::export_
