// End-to-end tests of kgbuild's export filters and DOT options on samples/: each filtered
// graph is checked against what the unfiltered JSON of the same run says it should keep
// (worked out here independently of graph/filter.cpp), plus the messages on stderr and
// Graphviz rendering of clustered DOT.
#include <doctest/doctest.h>

#include <rapidjson/document.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "tests/test_support.h"

namespace {

using kg::test::shell_quote;
using Strings = std::vector<std::string>;

struct Outcome {
  int status = -1;
  std::string out;  // stdout only
  std::string err;  // stderr only
};

Outcome kgbuild(const std::string& args) {
  const kg::test::TempFile out, err;
  const auto result = kg::test::run("{ " + shell_quote(KG_BINARY) + " " + args + " </dev/null >" +
                                    shell_quote(out.string()) + " 2>" + shell_quote(err.string()) + "; }");
  return {result.status, kg::test::read_file(out.path()), kg::test::read_file(err.path())};
}

std::string samples() { return shell_quote((std::filesystem::path(KG_SOURCE_DIR) / "samples").string()); }

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

struct Node {
  std::string id, type, first_document;
  std::uint32_t mentions = 0;
};
struct Link {
  std::string key, source, target, relation;
  std::uint32_t weight = 0;
  std::string relation_class;  // "class"
};
// The parts of a kgbuild JSON graph these tests look at, in file order.
struct JsonGraph {
  std::vector<Node> nodes;
  std::vector<Link> links;

  Strings node_ids() const {
    Strings ids;
    for (const Node& n : nodes) ids.push_back(n.id);
    return ids;
  }
  Strings link_keys() const {
    Strings keys;
    for (const Link& l : links) keys.push_back(l.key);
    return keys;
  }
};

JsonGraph parse_graph(const std::string& json) {
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  JsonGraph g;
  for (const auto& n : doc["nodes"].GetArray()) {
    g.nodes.push_back({n["id"].GetString(), n["type"].GetString(),
                       n["documents"].Empty() ? "" : n["documents"][0].GetString(), n["mentions"].GetUint()});
  }
  for (const auto& l : doc["links"].GetArray()) {
    g.links.push_back({l["key"].GetString(), l["source"].GetString(), l["target"].GetString(),
                       l["relation"].GetString(), l["weight"].GetUint(), l["class"].GetString()});
  }
  return g;
}

// The unfiltered graph of samples/, from the same binary.
JsonGraph full_graph() {
  const Outcome r = kgbuild(samples() + " -q -f json");
  REQUIRE(r.status == 0);
  return parse_graph(r.out);
}

// `full` cut down to the nodes in `keep` and the links among them that `keep_link` accepts,
// in the original order.
JsonGraph restrict(const JsonGraph& full, const std::set<std::string>& keep,
                   bool (*keep_link)(const Link&) = [](const Link&) { return true; }) {
  JsonGraph g;
  for (const Node& n : full.nodes)
    if (keep.count(n.id)) g.nodes.push_back(n);
  for (const Link& l : full.links)
    if (keep.count(l.source) && keep.count(l.target) && keep_link(l)) g.links.push_back(l);
  return g;
}

}  // namespace

TEST_CASE("CLI filters: --types PERSON --drop-isolated keeps people with an edge among people") {
  const JsonGraph full = full_graph();
  std::set<std::string> people;
  for (const Node& n : full.nodes)
    if (n.type == "PERSON") people.insert(n.id);
  const JsonGraph among = restrict(full, people);
  std::set<std::string> touched;
  for (const Link& l : among.links) touched.insert({l.source, l.target});
  const JsonGraph expected = restrict(full, touched);
  REQUIRE_FALSE(expected.links.empty());  // the samples do relate people to people

  const Outcome r = kgbuild(samples() + " --types person --drop-isolated -f json");
  CHECK(r.status == 0);
  const JsonGraph got = parse_graph(r.out);
  CHECK(got.node_ids() == expected.node_ids());
  CHECK(got.link_keys() == expected.link_keys());
  CHECK(contains(r.err, "filters kept " + std::to_string(got.nodes.size()) + " of " +
                            std::to_string(full.nodes.size()) + " node(s), " + std::to_string(got.links.size()) +
                            " of " + std::to_string(full.links.size()) + " edge(s)"));
  CHECK(contains(r.err, std::to_string(got.nodes.size()) + " node(s), " + std::to_string(got.links.size()) + " edge(s)"));
}

TEST_CASE("CLI filters: --relations and --min-weight keep the matching edges and every node") {
  const JsonGraph full = full_graph();
  std::set<std::string> all;
  for (const Node& n : full.nodes) all.insert(n.id);
  // "meet" is a relation and a class, "agree" a relation only: an edge goes by either.
  const JsonGraph expected = restrict(full, all, [](const Link& l) {
    return (l.relation == "meet" || l.relation == "agree" || l.relation_class == "meet") && l.weight >= 2;
  });
  REQUIRE_FALSE(expected.links.empty());

  const Outcome r = kgbuild(samples() + " --relations meet,agree --min-weight 2 -q -f json");
  CHECK(r.status == 0);
  const JsonGraph got = parse_graph(r.out);
  CHECK(got.node_ids() == full.node_ids());
  CHECK(got.link_keys() == expected.link_keys());
}

TEST_CASE("CLI filters: --relations takes relation classes, alone or mixed with relation names") {
  const JsonGraph full = full_graph();
  std::set<std::string> all;
  for (const Node& n : full.nodes) all.insert(n.id);
  const JsonGraph expected = restrict(full, all, [](const Link& l) {
    return l.relation_class == "role" || l.relation_class == "held_in" || l.relation == "visit";
  });
  // The samples have role and held_in edges, and some other-class edges named "visit".
  REQUIRE(std::count_if(expected.links.begin(), expected.links.end(),
                        [](const Link& l) { return l.relation_class == "role"; }) > 0);
  REQUIRE(std::count_if(expected.links.begin(), expected.links.end(),
                        [](const Link& l) { return l.relation_class == "held_in"; }) > 0);
  REQUIRE(std::count_if(expected.links.begin(), expected.links.end(),
                        [](const Link& l) { return l.relation == "visit"; }) > 0);
  const Outcome r = kgbuild(samples() + " --relations role,held_in,visit -q -f json");
  CHECK(r.status == 0);
  CHECK_FALSE(contains(r.err, "warning"));
  const JsonGraph got = parse_graph(r.out);
  CHECK(got.node_ids() == full.node_ids());
  CHECK(got.link_keys() == expected.link_keys());
}

TEST_CASE("CLI filters: --max-nodes keeps the highest weighted degrees, ties by mentions then order") {
  const JsonGraph full = full_graph();
  std::map<std::string, std::uint64_t> degree;
  for (const Link& l : full.links) {
    degree[l.source] += l.weight;
    degree[l.target] += l.weight;
  }
  std::vector<std::size_t> ranked(full.nodes.size());
  for (std::size_t i = 0; i < ranked.size(); ++i) ranked[i] = i;
  std::stable_sort(ranked.begin(), ranked.end(), [&](std::size_t a, std::size_t b) {
    const Node &x = full.nodes[a], &y = full.nodes[b];
    if (degree[x.id] != degree[y.id]) return degree[x.id] > degree[y.id];
    return x.mentions > y.mentions;
  });
  for (const std::size_t n : {1u, 7u, 20u}) {
    CAPTURE(n);
    REQUIRE(n < full.nodes.size());
    std::set<std::string> top;
    for (std::size_t i = 0; i < n; ++i) top.insert(full.nodes[ranked[i]].id);
    const JsonGraph expected = restrict(full, top);
    const Outcome r = kgbuild(samples() + " --max-nodes " + std::to_string(n) + " -q -f json");
    CHECK(r.status == 0);
    const JsonGraph got = parse_graph(r.out);
    CHECK(got.node_ids() == expected.node_ids());
    CHECK(got.link_keys() == expected.link_keys());
  }
}

TEST_CASE("CLI filters: a relation name that is no class and no edge's is a usage error naming the valid ones") {
  kg::test::TempDir dir;
  const Outcome r = kgbuild(samples() + " --relations meet,mett -o " + kg::test::shell_quote((dir / "g.json").string()));
  CHECK(r.status == 2);
  CHECK(contains(r.err, "kgbuild: error: --relations: 'mett' is neither a relation class (meet, lead, role,"));
  CHECK(contains(r.err, "nor the relation of any edge (the most frequent here: "));
  CHECK_FALSE(contains(r.err, "'meet'"));
  CHECK(r.out.empty());
  CHECK(dir.listing().empty());  // nothing written
}

TEST_CASE("CLI filters: a relation class no edge has is named in a warning, and the run still succeeds") {
  kg::test::TempDir dir;
  const std::string article = dir.write("a.txt", "Anna Lindqvist met Tomas Berg in Oslo on Monday.\n").string();
  const Outcome r = kgbuild(kg::test::shell_quote(article) + " --relations meet,quote -f json");
  CHECK(r.status == 0);
  CHECK(contains(r.err, "kgbuild: warning: --relations: no edge has the relation class 'quote'"));
  CHECK_FALSE(contains(r.err, "class 'meet'"));
}

TEST_CASE("CLI filters: filters that keep nothing warn and write an empty graph") {
  const Outcome r = kgbuild(samples() + " --min-weight 1000000 --drop-isolated -f json");
  CHECK(r.status == 0);
  CHECK(contains(r.err, "kgbuild: warning: the filters kept no node"));
  const JsonGraph got = parse_graph(r.out);
  CHECK(got.nodes.empty());
  CHECK(got.links.empty());
}

TEST_CASE("CLI filters: bad filter values exit 2 before any input is read") {
  for (const char* args : {"--max-nodes 0", "--min-weight x", "--types PERSON,COMPANY", "--relations ,",
                           "--dot-cluster-by type", "-f dot --dot-cluster-by page"}) {
    CAPTURE(args);
    const Outcome r = kgbuild(samples() + " " + args);
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK(contains(r.err, "kgbuild: error: option --"));
    CHECK_FALSE(contains(r.err, "document(s)"));
  }
}

TEST_CASE("CLI filters: filtered and clustered output is deterministic in every format") {
  for (const char* format : {"json", "graphml", "dot"}) {
    CAPTURE(format);
    const std::string args = samples() + " --types PERSON,GPE --max-nodes 9 --drop-isolated -q -f " + format +
                             (std::string(format) == "dot" ? " --dot-cluster-by type" : "");
    const Outcome a = kgbuild(args), b = kgbuild(args);
    CHECK(a.status == 0);
    CHECK_FALSE(a.out.empty());
    CHECK(a.out == b.out);
  }
}

TEST_CASE("CLI DOT: a graph too big for dot gets a warning naming sfdp and --max-nodes") {
  // The rules extractor finds two people and two companies per line, related pairwise.
  std::string text;
  for (int i = 0; i < 300; ++i) {
    text += "Alpha" + std::to_string(i) + " Corp acquired Beta" + std::to_string(i) +
            " Corp on Monday. Chancellor Hans Muller" + std::to_string(i) + " met President Karl Weber" +
            std::to_string(i) + " in Berlin.\n";
  }
  kg::test::TempDir dir;
  const auto input = dir.write("big.txt", text);
  const std::string base = shell_quote(input.string()) + " --extractor rules ";
  const Outcome big = kgbuild(base + "-o " + shell_quote((dir / "big.dot").string()));
  CHECK(big.status == 0);
  CHECK(contains(big.err, "kgbuild: warning: "));
  CHECK(contains(big.err, "more than Graphviz dot lays out comfortably"));
  CHECK(contains(big.err, "sfdp -Tsvg " + (dir / "big.dot").string() + " -o " + (dir / "big.svg").string()));
  CHECK(contains(big.err, "--max-nodes N"));
  CHECK(contains(kgbuild(base + "-f dot").err, "sfdp -Tsvg graph.dot -o graph.svg"));
  // Cut down, or in another format, the warning goes.
  CHECK_FALSE(contains(kgbuild(base + "-f dot --max-nodes 100").err, "sfdp"));
  CHECK_FALSE(contains(kgbuild(base + "-f json").err, "sfdp"));
}

TEST_CASE("CLI DOT: --dot-cluster-by document renders with dot, one cluster per first document") {
  if (!kg::test::have_command("dot")) {
    KG_SKIP_MISSING("dot not found (package graphviz)");
    return;
  }
  const JsonGraph full = full_graph();
  std::set<std::string> documents;
  for (const Node& n : full.nodes) documents.insert(n.first_document);
  for (const char* by : {"document", "type"}) {
    CAPTURE(by);
    kg::test::TempDir dir;
    const auto dot = dir / "g.dot", svg = dir / "g.svg";
    const Outcome r = kgbuild(samples() + " -q --dot-cluster-by " + by + " -o " + shell_quote(dot.string()));
    REQUIRE(r.status == 0);
    const auto render = kg::test::run("dot -Tsvg -o " + shell_quote(svg.string()) + " " + shell_quote(dot.string()));
    INFO(render.output);
    CHECK(render.status == 0);
    CHECK_FALSE(contains(render.output, "Error"));
    const std::string image = kg::test::read_file(svg);
    std::size_t clusters = 0, nodes = 0;
    for (auto at = image.find("class=\"cluster\""); at != std::string::npos; at = image.find("class=\"cluster\"", at + 1))
      ++clusters;
    for (auto at = image.find("class=\"node\""); at != std::string::npos; at = image.find("class=\"node\"", at + 1))
      ++nodes;
    if (std::string(by) == "document") {
      CHECK(clusters == documents.size());
    } else {
      std::set<std::string> types;
      for (const Node& n : full.nodes) types.insert(n.type);
      CHECK(clusters == types.size());
    }
    CHECK(nodes == full.nodes.size());
  }
}
