#include "export/exporter.h"

#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <map>
#include <random>
#include <sstream>

#include "export/test_graphs.h"
#include "export/utf8.h"
#include "extract/text/error.h"
#include "tests/test_support.h"

namespace kg::export_ {

TEST_CASE("Exporter factory: every registered name makes an exporter of that name") {
  const std::vector<std::string> names = exporter_names();
  CHECK(names == std::vector<std::string>{"csv", "dot", "gexf", "graphml", "html", "json", "neo4j-csv"});
  for (const std::string& name : names) {
    CAPTURE(name);
    const std::unique_ptr<Exporter> exporter = make_exporter(name);
    REQUIRE(exporter != nullptr);
    CHECK(exporter->name() == name);
  }
  CHECK(make_exporter("GraphML")->name() == "graphml");
}

TEST_CASE("Exporter factory: an unknown format is a UsageError naming the known ones") {
  CHECK_THROWS_AS(make_exporter("gml"), UsageError);
  CHECK_THROWS_AS(make_exporter(""), UsageError);
  CHECK_THROWS_WITH(make_exporter("x"),
                    "unknown output format 'x' (known: csv, dot, gexf, graphml, html, json, neo4j-csv)");
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
      {"g.gexf", "gexf"},            {"G.GEXF", "gexf"},               {"g.csv", "csv"},
      {"out/g.nodes.CSV", "csv"},    {"g.tsv", std::nullopt},          {"g.gexf.gz", std::nullopt},
      {"g.html", "html"},            {"G.HTM", "html"},                {"g.xhtml", std::nullopt},
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
      const graph::KnowledgeGraph g1 = fixture.make(), g2 = fixture.make();
      const std::vector<ExportedFile> a = export_files(*exporter, g1), b = export_files(*exporter, g1),
                                      c = export_files(*exporter, g2);
      REQUIRE(a.size() == std::max<std::size_t>(1, exporter->parts().size()));
      REQUIRE(b.size() == a.size());
      REQUIRE(c.size() == a.size());
      for (std::size_t i = 0; i < a.size(); ++i) {
        CAPTURE(a[i].suffix);
        CHECK(!a[i].bytes.empty());
        CHECK(a[i].bytes == b[i].bytes);
        CHECK(a[i].bytes == c[i].bytes);
      }
    }
  }
}

TEST_CASE("Exporter parts: one-stream formats have none, the CSV pairs two") {
  CHECK(make_exporter("gexf")->parts().empty());
  CHECK(make_exporter("csv")->parts() == std::vector<std::string_view>{".nodes.csv", ".edges.csv"});
  CHECK(make_exporter("neo4j-csv")->parts() ==
        std::vector<std::string_view>{".nodes.csv", ".relationships.csv"});
  const graph::KnowledgeGraph kg = testing::small_graph();
  const auto files = export_files(*make_exporter("json"), kg);
  REQUIRE(files.size() == 1);
  CHECK(files[0].suffix.empty());
  std::ostringstream direct;
  make_exporter("json")->write(kg, direct);
  CHECK(files[0].bytes == direct.str());
}

TEST_CASE("Exporter parts: a pair cannot go to one stream") {
  std::ostringstream out;
  const graph::KnowledgeGraph kg = testing::small_graph();
  CHECK_THROWS_WITH_AS(make_exporter("csv")->write(kg, out),
                       "format csv is written as 2 files (PATH.nodes.csv and PATH.edges.csv), not to "
                       "standard output: give -o PATH",
                       UsageError);
  CHECK_THROWS_AS(require_stream_format(*make_exporter("neo4j-csv")), UsageError);
  CHECK_NOTHROW(require_stream_format(*make_exporter("gexf")));
  CHECK(out.str().empty());
  CHECK_THROWS_AS(make_exporter("csv")->write_part(kg, ".relationships.csv", out), std::invalid_argument);
  CHECK_THROWS_AS(make_exporter("json")->write_part(kg, ".nodes.csv", out), std::invalid_argument);
}

TEST_CASE("Exporter part_path: the output name without a part suffix or .csv, then the part") {
  const auto csv = make_exporter("csv");
  const auto neo4j = make_exporter("neo4j-csv");
  CHECK(part_path("out/g", *csv, ".edges.csv") == "out/g.edges.csv");
  CHECK(part_path("out/g.csv", *csv, ".edges.csv") == "out/g.edges.csv");
  CHECK(part_path("out/g.CSV", *csv, ".nodes.csv") == "out/g.nodes.csv");
  CHECK(part_path("out/g.nodes.csv", *csv, ".edges.csv") == "out/g.edges.csv");
  CHECK(part_path("out/g.edges.csv", *csv, ".nodes.csv") == "out/g.nodes.csv");
  CHECK(part_path("out/g.relationships.csv", *neo4j, ".nodes.csv") == "out/g.nodes.csv");
  // Only a part of this format is stripped; other dots stay.
  CHECK(part_path("out/g.relationships.csv", *csv, ".nodes.csv") == "out/g.relationships.nodes.csv");
  CHECK(part_path("out.d/g.v2", *csv, ".nodes.csv") == "out.d/g.v2.nodes.csv");
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
  std::map<std::string, std::string> files;  // by format name and part suffix
  for (const std::string& name : exporter_names()) {
    for (ExportedFile& file : export_files(*make_exporter(name), kg)) {
      CAPTURE(name);
      CAPTURE(file.suffix);
      CHECK(is_valid_utf8(file.bytes));
      files[name + file.suffix] = std::move(file.bytes);
    }
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
    test::TempFile gexf(".gexf");
    gexf.write(files["gexf"]);
    const auto gexf_result = test::run("xmllint --nonet --noout --schema " +
                                       test::shell_quote((*shared / "schemas/gexf-1.2draft/gexf.xsd").string()) +
                                       " " + test::shell_quote(gexf.string()));
    INFO(gexf_result.output);
    CHECK(gexf_result.status == 0);
  } else {
    KG_SKIP_MISSING("the GraphML and GEXF checks: xmllint or the shared schemas not found");
  }
  if (test::have_command("dot")) {
    test::TempFile file(".dot");
    file.write(files["dot"]);
    const auto result = test::run("dot -Tsvg -o /dev/null " + test::shell_quote(file.string()));
    INFO(result.output);
    CHECK(result.status == 0);
    CHECK(result.output.find("Warning") == std::string::npos);
  } else {
    KG_SKIP_MISSING("the DOT check: dot not found (package graphviz)");
  }
}

}  // namespace kg::export_
