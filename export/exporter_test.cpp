#include "export/exporter.h"

#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <map>
#include <random>
#include <sstream>

#include "export/test_graphs.h"
#include "export/utf8.h"
#include "extract/error.h"
#include "tests/test_support.h"

namespace kg::export_ {

TEST_CASE("Exporter factory: every registered name makes an exporter of that name") {
  const std::vector<std::string> names = exporter_names();
  CHECK(names == std::vector<std::string>{"dot", "graphml", "json"});
  for (const std::string& name : names) {
    CAPTURE(name);
    const std::unique_ptr<Exporter> exporter = make_exporter(name);
    REQUIRE(exporter != nullptr);
    CHECK(exporter->name() == name);
  }
  CHECK(make_exporter("GraphML")->name() == "graphml");
}

TEST_CASE("Exporter factory: an unknown format is a UsageError naming the known ones") {
  CHECK_THROWS_AS(make_exporter("gexf"), UsageError);
  CHECK_THROWS_AS(make_exporter(""), UsageError);
  CHECK_THROWS_WITH(make_exporter("x"), "unknown output format 'x' (known: dot, graphml, json)");
}

TEST_CASE("Exporter format_for_path: by extension, case-insensitive") {
  struct Case {
    std::string_view path;
    std::optional<std::string> format;
  };
  const Case cases[] = {
      {"graph.graphml", "graphml"},  {"out/graph.GraphML", "graphml"}, {"g.xml", "graphml"},
      {"g.XML", "graphml"},          {"g.dot", "dot"},                 {"g.gv", "dot"},
      {"G.DOT", "dot"},              {"a.b/g.json", "json"},           {"g.JSON", "json"},
      {"g.txt", std::nullopt},       {"graph", std::nullopt},          {"-", std::nullopt},
      {"", std::nullopt},            {"dir.json/graph", std::nullopt}, {".json", std::nullopt},
      {"g.json.gz", std::nullopt},   {"g.", std::nullopt},             {"g.jsonl", std::nullopt},
  };
  for (const Case& c : cases) {
    CAPTURE(c.path);
    CHECK(format_for_path(c.path) == c.format);
  }
}

TEST_CASE("Exporter output is deterministic: equal graphs give byte-identical files") {
  for (const std::string& name : exporter_names()) {
    CAPTURE(name);
    const auto exporter = make_exporter(name);
    for (const auto& fixture : testing::kFixtures) {
      CAPTURE(fixture.name);
      std::ostringstream a, b, c;
      const graph::KnowledgeGraph g1 = fixture.make(), g2 = fixture.make();
      exporter->write(g1, a);
      exporter->write(g1, b);
      exporter->write(g2, c);
      CHECK(!a.str().empty());
      CHECK(a.str() == b.str());
      CHECK(a.str() == c.str());
    }
  }
}

TEST_CASE("Exporter fixtures hold what the exporter tests assume") {
  const graph::KnowledgeGraph g = testing::small_graph();
  CHECK(g.node_count() == 10);
  CHECK(g.edge_count() == 8);
  CHECK(g.document_count() == 2);
  const auto edges = g.edges_in_order();
  REQUIRE(edges.size() == 8);
  CHECK(g.graph()[edges[0]].weight == 2);
  CHECK(g.graph()[edges[0]].evidence.size() == 2);
  CHECK(boost::source(edges[7], g.graph()) == boost::target(edges[7], g.graph()));
  const graph::KnowledgeGraph h = testing::hostile_graph();
  CHECK(h.node_count() == 7);
  CHECK(h.edge_count() == 4);
}

// Entity names, relations, document names and sentences made of random bytes.
graph::KnowledgeGraph random_bytes_graph() {
  std::mt19937 rng(7);  // fixed seed: the same graph on every run
  std::uniform_int_distribution<int> byte(0, 255), length(0, 24), pick(0, 29);
  auto random_string = [&] {
    std::string s(static_cast<std::size_t>(length(rng)), '\0');
    for (char& c : s) c = static_cast<char>(byte(rng));
    return s;
  };
  graph::KnowledgeGraph kg;
  testing::DocumentBuilder b(random_string());
  const auto s0 = b.sentence(random_string());
  for (int i = 0; i < 30; ++i)
    b.entity(random_string() + std::to_string(i), static_cast<extract::EntityType>(i % 7), {random_string()},
             {random_string()});
  for (int i = 0; i < 40; ++i)
    b.triple(static_cast<std::uint32_t>(pick(rng)), static_cast<std::uint32_t>(pick(rng)), random_string(),
             random_string(), s0);
  kg.add_document(std::move(b).build());
  return kg;
}

TEST_CASE("Exporters: random bytes in every string still give files the clients read") {
  const graph::KnowledgeGraph kg = random_bytes_graph();
  REQUIRE(kg.node_count() == 30);
  std::map<std::string, std::string> files;
  for (const std::string& name : exporter_names()) {
    std::ostringstream out;
    make_exporter(name)->write(kg, out);
    files[name] = out.str();
    CAPTURE(name);
    CHECK(is_valid_utf8(files[name]));
  }
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(files["json"].c_str(), files["json"].size());
  REQUIRE_FALSE(doc.HasParseError());
  CHECK(doc["nodes"].Size() == kg.node_count());
  CHECK(doc["links"].Size() == kg.edge_count());

  const auto shared = test::shared_dir();
  if (shared && test::have_command("xmllint")) {
    test::TempFile file(".graphml");
    file.write(files["graphml"]);
    const auto result = test::run("xmllint --nonet --noout --schema " +
                                  test::shell_quote((*shared / "schemas/graphml/graphml.xsd").string()) +
                                  " " + test::shell_quote(file.string()));
    INFO(result.output);
    CHECK(result.status == 0);
  } else {
    MESSAGE("skipped the GraphML check: xmllint or the shared schemas not found");
  }
  if (test::have_command("dot")) {
    test::TempFile file(".dot");
    file.write(files["dot"]);
    const auto result = test::run("dot -Tsvg -o /dev/null " + test::shell_quote(file.string()));
    INFO(result.output);
    CHECK(result.status == 0);
    CHECK(result.output.find("Warning") == std::string::npos);
  } else {
    MESSAGE("skipped the DOT check: dot not found (package graphviz)");
  }
}

}  // namespace kg::export_
