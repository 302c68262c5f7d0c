#include "export/html_exporter.h"

#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>

#include "export/html_layout.h"
#include "export/test_graphs.h"
#include "graph/filter.h"

namespace kg::export_ {
namespace {

using testing::DocumentBuilder;
using testing::EntityType;

const std::string kScriptName = "</script><script>alert(1)</script>";
const std::string kImgName = "\"><img src=x onerror=alert(1)>";
const std::string kLineSeparator = "\xe2\x80\xa8";       // U+2028
const std::string kParagraphSeparator = "\xe2\x80\xa9";  // U+2029

// An article whose names and sentences try to end the data's <script> element.
graph::KnowledgeGraph script_graph() {
  graph::KnowledgeGraph kg;
  DocumentBuilder b("news/</script>.txt");
  const auto s0 = b.sentence("Mr " + kScriptName + " met " + kImgName + " in <!-- Paris" + kLineSeparator + ".");
  const auto s1 = b.sentence("They & " + kParagraphSeparator + " left.");
  const auto a = b.entity(kScriptName, EntityType::Person, {"<b>alias</b>"}, {"</title>"});
  const auto c = b.entity(kImgName, EntityType::Org);
  b.triple(a, c, "meet", "met <", s0);
  b.triple(c, a, "leave </script>", "left", s1);
  kg.add_document(std::move(b).build());
  return kg;
}

std::string page_of(const graph::KnowledgeGraph& kg, ExportOptions options = {}) {
  std::ostringstream out;
  make_exporter("html", options)->write(kg, out);
  return out.str();
}

constexpr std::string_view kDataOpen = "<script type=\"application/json\" id=\"kg-data\">\n";

// The text of the page's data element.
std::string data_of(const std::string& page) {
  const std::size_t begin = page.find(kDataOpen);
  REQUIRE(begin != std::string::npos);
  const std::size_t from = begin + kDataOpen.size();
  const std::size_t end = page.find("\n</script>", from);
  REQUIRE(end != std::string::npos);
  return page.substr(from, end - from);
}

void parse(rapidjson::Document& doc, const std::string& json) {
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(json.c_str(), json.size());
  REQUIRE_MESSAGE(!doc.HasParseError(), json);
}

std::string str(const rapidjson::Value& v) { return std::string(v.GetString(), v.GetStringLength()); }

std::vector<std::string> strings(const rapidjson::Value& v) {
  std::vector<std::string> out;
  for (const auto& item : v.GetArray()) out.push_back(str(item));
  return out;
}

std::size_t count(const std::string& haystack, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("html escape_json_for_script: < > & become \\u escapes") {
  CHECK(escape_json_for_script(R"("</script>")") == R"("\u003c/script\u003e")");
  CHECK(escape_json_for_script(R"("a&b")") == R"("a\u0026b")");
  CHECK(escape_json_for_script(R"("<!--")") == R"("\u003c!--")");
}

TEST_CASE("html escape_json_for_script: U+2028 and U+2029 become \\u escapes") {
  CHECK(escape_json_for_script("\"a" + kLineSeparator + "b\"") == R"("a\u2028b")");
  CHECK(escape_json_for_script("\"a" + kParagraphSeparator + "b\"") == R"("a\u2029b")");
}

TEST_CASE("html escape_json_for_script: other characters and cut sequences stay as they are") {
  const std::string dash = "\"\xe2\x80\x94\"";  // U+2014, same first two bytes as U+2028
  CHECK(escape_json_for_script(dash) == dash);
  const std::string cut = "\"\xe2\x80";  // the start of U+2028 at the very end
  CHECK(escape_json_for_script(cut) == cut);
  CHECK(escape_json_for_script(R"({"a":[1,2],"b":"x\"y"})") == R"({"a":[1,2],"b":"x\"y"})");
}

TEST_CASE("html page: names and sentences that hold </script> cannot end the data element") {
  const std::string page = page_of(script_graph());
  const std::string data = data_of(page);
  CHECK(data.find('<') == std::string::npos);
  CHECK(data.find('>') == std::string::npos);
  CHECK(data.find('&') == std::string::npos);
  CHECK(data.find(kLineSeparator) == std::string::npos);
  CHECK(data.find(kParagraphSeparator) == std::string::npos);
  // The page's own three scripts (library, data, viewer) and nothing else.
  CHECK(count(page, "<script") == 3);
  CHECK(count(page, "</script") == 3);
  CHECK(page.find("<img") == std::string::npos);
}

TEST_CASE("html page: escaped names and sentences come back exactly from the data") {
  rapidjson::Document doc;
  parse(doc, data_of(page_of(script_graph())));
  REQUIRE(doc["nodes"].Size() == 2);
  CHECK(str(doc["nodes"][0]["label"]) == kScriptName);
  CHECK(strings(doc["nodes"][0]["aliases"]) == std::vector<std::string>{kScriptName, "<b>alias</b>"});
  CHECK(strings(doc["nodes"][0]["titles"]) == std::vector<std::string>{"</title>"});
  CHECK(str(doc["nodes"][1]["label"]) == kImgName);
  REQUIRE(doc["edges"].Size() == 2);
  CHECK(str(doc["edges"][0]["evidence"][0]["text"]) ==
        "Mr " + kScriptName + " met " + kImgName + " in <!-- Paris" + kLineSeparator + ".");
  CHECK(str(doc["edges"][1]["relation"]) == "leave </script>");
  CHECK(str(doc["edges"][1]["evidence"][0]["text"]) == "They & " + kParagraphSeparator + " left.");
  CHECK(str(doc["documents"][0]["name"]) == "news/</script>.txt");
}

TEST_CASE("html page: ill-formed UTF-8 becomes U+FFFD and the data stays valid JSON") {
  rapidjson::Document doc;
  parse(doc, data_of(page_of(testing::hostile_graph())));
  CHECK(doc["nodes"].Size() == testing::hostile_graph().node_count());
}

TEST_CASE("html page: the same graph gives the same bytes") {
  const graph::KnowledgeGraph a = testing::small_graph(), b = testing::small_graph();
  const std::string first = page_of(a);
  CHECK(first == page_of(a));
  CHECK(first == page_of(b));
  CHECK(page_of(script_graph()) == page_of(script_graph()));
}

TEST_CASE("html page: the library, the viewer and the data are all inline") {
  const std::string page = page_of(testing::small_graph());
  CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(page.find("cf.version=\"3.35.0\"") != std::string::npos);  // cytoscape's own file
  CHECK(page.find("window.kgView = view;") != std::string::npos);  // the viewer
  CHECK(page.find(kDataOpen) != std::string::npos);
  CHECK(page.find("@KG_") == std::string::npos);  // every mark replaced
  CHECK(page.find("<link") == std::string::npos);
  CHECK(page.find("<script src") == std::string::npos);
  CHECK(page.size() > 400000);
}

TEST_CASE("html page: the embedded cytoscape.js is the version export/html/package-lock.json pins") {
  std::ifstream in(std::filesystem::path(KG_SOURCE_DIR) / "export/html/package-lock.json");
  REQUIRE(in);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  rapidjson::Document lock;
  parse(lock, text);
  const std::string version = str(lock["packages"]["node_modules/cytoscape"]["version"]);
  CHECK(page_of(testing::empty_graph()).find("cf.version=\"" + version + "\"") != std::string::npos);
}

TEST_CASE("html data: every node and edge with all its fields, in graph order") {
  const graph::KnowledgeGraph kg = testing::small_graph();
  const graph::Graph& g = kg.graph();
  rapidjson::Document doc;
  parse(doc, data_of(page_of(kg)));
  CHECK(str(doc["format"]) == "kgbuild-html");
  CHECK(doc["version"].GetUint() == 1);
  REQUIRE(doc["documents"].Size() == 2);
  CHECK(str(doc["documents"][0]["name"]) == "news/a.txt");
  CHECK(str(doc["documents"][0]["date"]).empty());
  CHECK(str(doc["documents"][1]["date"]) == "2025-02-18");
  REQUIRE(doc["nodes"].Size() == kg.node_count());
  for (graph::Vertex v = 0; v < kg.node_count(); ++v) {
    const auto& n = doc["nodes"][static_cast<rapidjson::SizeType>(v)];
    CAPTURE(g[v].id);
    CHECK(str(n["id"]) == g[v].id);
    CHECK(str(n["label"]) == g[v].label);
    CHECK(str(n["type"]) == g[v].type);
    CHECK(strings(n["aliases"]) == g[v].aliases);
    CHECK(strings(n["titles"]) == g[v].titles);
    CHECK(n["mentions"].GetUint() == g[v].mentions);
    CHECK(strings(n["documents"]) == kg.node_documents(g[v]));
  }
  const auto edges = kg.edges_in_order();
  REQUIRE(doc["edges"].Size() == edges.size());
  for (std::size_t i = 0; i < edges.size(); ++i) {
    const auto& e = doc["edges"][static_cast<rapidjson::SizeType>(i)];
    const graph::RelationEdge& edge = g[edges[i]];
    CAPTURE(edge.id);
    CHECK(str(e["id"]) == edge.id);
    CHECK(str(e["source"]) == g[boost::source(edges[i], g)].id);
    CHECK(str(e["target"]) == g[boost::target(edges[i], g)].id);
    CHECK(str(e["relation"]) == edge.relation);
    CHECK(str(e["class"]) == extract::to_string(edge.relation_class));
    CHECK(str(e["label"]) == edge.label);
    CHECK(e["weight"].GetUint() == edge.weight);
    REQUIRE(e["evidence"].Size() == edge.evidence.size());
    for (std::size_t k = 0; k < edge.evidence.size(); ++k) {
      const auto& ev = e["evidence"][static_cast<rapidjson::SizeType>(k)];
      CHECK(str(ev["document"]) == kg.evidence_document(edge.evidence[k]));
      CHECK(ev["sentence"].GetUint() == edge.evidence[k].sentence);
      CHECK(ev["begin"].GetUint() == edge.evidence[k].begin);
      CHECK(ev["end"].GetUint() == edge.evidence[k].end);
      CHECK(str(ev["text"]) == kg.evidence_text(edge.evidence[k]));
    }
  }
}

TEST_CASE("html data: degree is the summed weight of a node's edges, a self-loop twice") {
  const graph::KnowledgeGraph kg = testing::small_graph();
  const graph::Graph& g = kg.graph();
  rapidjson::Document doc;
  parse(doc, data_of(page_of(kg)));
  std::vector<std::uint64_t> degree(kg.node_count(), 0);
  for (graph::Edge e : kg.edges_in_order()) {
    degree[boost::source(e, g)] += g[e].weight;
    degree[boost::target(e, g)] += g[e].weight;
  }
  for (graph::Vertex v = 0; v < kg.node_count(); ++v)
    CHECK(doc["nodes"][static_cast<rapidjson::SizeType>(v)]["degree"].GetUint64() == degree[v]);
}

TEST_CASE("html data: the page opens on the nodes --max-nodes would keep") {
  const graph::KnowledgeGraph kg = testing::small_graph();
  for (std::uint32_t shown : {1u, 3u, 5u}) {
    CAPTURE(shown);
    ExportOptions options;
    options.html_shown_nodes = shown;
    rapidjson::Document doc;
    parse(doc, data_of(page_of(kg, options)));
    CHECK(doc["shown"].GetUint() == shown);
    graph::GraphFilter filter;
    filter.max_nodes = shown;
    const graph::KnowledgeGraph kept = graph::filter_graph(kg, filter);
    std::set<std::string> expected, first;
    for (graph::Vertex v = 0; v < kept.node_count(); ++v) expected.insert(kept.graph()[v].id);
    std::set<std::uint64_t> ranks;
    for (const auto& n : doc["nodes"].GetArray()) {
      ranks.insert(n["rank"].GetUint64());
      if (n["rank"].GetUint64() < shown) first.insert(str(n["id"]));
    }
    CHECK(first == expected);
    CHECK(ranks.size() == kg.node_count());  // a permutation of 0..n-1
    CHECK(*ranks.rbegin() == kg.node_count() - 1);
  }
}

TEST_CASE("html data: a graph smaller than the limit is shown whole") {
  const graph::KnowledgeGraph kg = testing::small_graph();
  rapidjson::Document doc;
  parse(doc, data_of(page_of(kg)));
  CHECK(doc["shown"].GetUint() == kg.node_count());
  rapidjson::Document empty;
  parse(empty, data_of(page_of(testing::empty_graph())));
  CHECK(empty["shown"].GetUint() == 0);
  CHECK(empty["nodes"].Size() == 0);
  CHECK(empty["edges"].Size() == 0);
}

TEST_CASE("html layout: no node, one node, and the same positions every time") {
  CHECK(layout_positions(testing::empty_graph()).empty());
  graph::KnowledgeGraph one;
  DocumentBuilder b("a.txt");
  b.sentence("Paris.");
  b.entity("Paris", EntityType::Gpe);
  one.add_document(std::move(b).build());
  CHECK(layout_positions(one) == std::vector<Position>{Position{0, 0}});
  const graph::KnowledgeGraph kg = testing::small_graph();
  const std::vector<Position> p = layout_positions(kg);
  CHECK(p.size() == kg.node_count());
  CHECK(p == layout_positions(testing::small_graph()));
}

TEST_CASE("html layout: linked nodes end closer together than nodes of another component") {
  // Two separate rings of eight organisations each.
  graph::KnowledgeGraph kg;
  DocumentBuilder b("a.txt");
  const auto s = b.sentence("They met.");
  std::vector<std::uint32_t> people;
  for (int i = 0; i < 16; ++i) people.push_back(b.entity("Agency " + std::to_string(i), EntityType::Org));
  for (int ring = 0; ring < 2; ++ring)
    for (int i = 0; i < 8; ++i) b.triple(people[ring * 8 + i], people[ring * 8 + (i + 1) % 8], "meet", "met", s);
  kg.add_document(std::move(b).build());
  REQUIRE(kg.node_count() == 16);
  const std::vector<Position> p = layout_positions(kg);
  double within = 0, across = 0;
  int n_within = 0, n_across = 0;
  for (std::size_t i = 0; i < 16; ++i) {
    for (std::size_t j = i + 1; j < 16; ++j) {
      const double d = std::hypot(p[i].x - p[j].x, p[i].y - p[j].y);
      if (i / 8 == j / 8) {
        within += d;
        ++n_within;
      } else {
        across += d;
        ++n_across;
      }
    }
  }
  CHECK(within / n_within < across / n_across);
  std::set<std::pair<int, int>> distinct;
  for (const Position& q : p) distinct.insert({q.x, q.y});
  CHECK(distinct.size() == 16);
}

}  // namespace kg::export_
