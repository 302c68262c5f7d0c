#include "export/dot_exporter.h"

#include <doctest/doctest.h>

#include <set>
#include <sstream>

#include "export/test_graphs.h"
#include "export/utf8.h"
#include "tests/test_support.h"

namespace kg::export_ {
namespace {

std::string to_dot(const graph::KnowledgeGraph& g) {
  std::ostringstream out;
  DotExporter().write(g, out);
  return out.str();
}

std::size_t count(std::string_view haystack, std::string_view needle) {
  std::size_t n = 0;
  for (auto pos = haystack.find(needle); pos != std::string_view::npos; pos = haystack.find(needle, pos + 1)) ++n;
  return n;
}

// The value Graphviz stores for a quoted string: the parser undoes only \" (the label
// renderer later reads \\ and \n), so this is dot_quote without its quotes and with \" as ".
std::string graphviz_raw(std::string_view s) {
  std::string quoted = dot_quote(s), raw;
  for (std::size_t i = 1; i + 1 < quoted.size(); ++i) {
    if (quoted[i] == '\\' && quoted[i + 1] == '"') continue;
    raw += quoted[i];
    if (quoted[i] == '\\' && quoted[i + 1] == '\\') raw += quoted[++i];
  }
  return raw;
}

}  // namespace

TEST_CASE("DOT dot_quote: quotes, backslashes, line breaks, control bytes, bad UTF-8") {
  const std::string r(kReplacementUtf8);
  struct Case {
    std::string in, out;
  };
  const Case cases[] = {
      {"plain", "\"plain\""},
      {"", "\"\""},
      {"say \"hi\"", "\"say \\\"hi\\\"\""},
      {"C:\\dir\\", "\"C:\\\\dir\\\\\""},
      {"\\N \\G \\l", "\"\\\\N \\\\G \\\\l\""},
      {"a\nb", "\"a\\nb\""},
      {"a\r\nb\rc", "\"a\\nb\\nc\""},
      {"a\tb", "\"a b\""},
      {"<b>&amp;</b> -- ]]> {x} [y]; a->b", "\"<b>&amp;</b> -- ]]> {x} [y]; a->b\""},
      {"\x01\x1b\x7f", "\"" + r + r + r + "\""},
      {std::string("x\0y", 3), "\"x" + r + "y\""},
      {"\xff\xe2\x82", "\"" + r + r + "\""},
      {"\xc3\xa9\xf0\x9f\x99\x82", "\"\xc3\xa9\xf0\x9f\x99\x82\""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.in);
    CHECK(dot_quote(c.in) == c.out);
  }
}

TEST_CASE("DOT: digraph with quoted ids, styled nodes, labelled edges") {
  const std::string dot = to_dot(testing::small_graph());
  CHECK(dot.rfind("// kgbuild knowledge graph: 10 entities, 8 relations, 2 documents\ndigraph kgbuild {\n", 0) == 0);
  CHECK(dot.size() - dot.rfind("}\n") == 2);
  CHECK(dot.find(R"(  "n0" [label="Vladimir Putin", type="PERSON", mentions="3", shape="ellipse", )"
                 R"(fillcolor="#8dd3c7", tooltip="PERSON\naliases: Vladimir Putin | Putin\n)"
                 R"(titles: Russian President"];)") != std::string::npos);
  CHECK(dot.find(R"x(  "n0" -> "n1" [id="e0", label="meet", relation="meet", surface="met", )x"
                 R"x(weight="2", penwidth="1.5", tooltip="met (2 statements)"];)x") != std::string::npos);
  CHECK(dot.find(R"x(  "n9" -> "n9" [id="e7", label="say", relation="say", surface="said", )x"
                 R"x(weight="1", penwidth="1.0", tooltip="said (1 statement)"];)x") != std::string::npos);
  CHECK(count(dot, " -> ") == 8);
  CHECK(dot.find("\"n9\" [") < dot.find("\"n0\" -> \"n1\""));
}

TEST_CASE("DOT: every entity type has its own shape and fill colour") {
  const graph::KnowledgeGraph kg = testing::small_graph();
  const std::string dot = to_dot(kg);
  std::set<std::string> types, styles;
  for (graph::Vertex v : boost::make_iterator_range(boost::vertices(kg.graph()))) {
    const auto& node = kg.graph()[v];
    const auto line_begin = dot.find("  \"" + node.id + "\" [");
    REQUIRE(line_begin != std::string::npos);
    const std::string line = dot.substr(line_begin, dot.find('\n', line_begin) - line_begin);
    const auto shape = line.find("shape=");
    const auto tooltip = line.find(", tooltip=");
    REQUIRE(shape != std::string::npos);
    REQUIRE(tooltip != std::string::npos);
    if (types.insert(node.type).second) styles.insert(line.substr(shape, tooltip - shape));
  }
  CHECK(types == std::set<std::string>{"PERSON", "ORG", "GPE", "LOC", "EVENT", "DATE", "NORP"});
  CHECK(styles.size() == types.size());
}

TEST_CASE("DOT: hostile strings are escaped in every statement") {
  const std::string dot = to_dot(testing::hostile_graph());
  CHECK(is_valid_utf8(dot));
  for (unsigned char c : dot) {
    CAPTURE(static_cast<int>(c));
    CHECK((c >= 0x20 || c == '\n'));
    CHECK(c != 0x7F);
  }
  CHECK(count(dot, "\n") == 5 + 7 + 4 + 1);  // comment and header, nodes, edges, closing brace
  CHECK(dot.find(R"(label="Tom \"The Hammer\" O'Neil")") != std::string::npos);
  CHECK(dot.find(R"(label="C:\\path\\ ends \\")") != std::string::npos);
  CHECK(dot.find(R"(label="Line\nbreak\nand\nCR Tab")") != std::string::npos);
  CHECK(dot.find(R"(surface="<said>\n")") != std::string::npos);
}

TEST_CASE("DOT: dot and sfdp render it, gvpr reads back every node, edge and label") {
  for (std::string_view tool : {"dot", "sfdp", "gvpr"}) {
    if (!test::have_command(tool)) {
      MESSAGE("skipped: " << tool << " not found (package graphviz)");
      return;
    }
  }
  for (const auto& fixture : testing::kFixtures) {
    CAPTURE(fixture.name);
    const graph::KnowledgeGraph kg = fixture.make();
    test::TempFile file(".dot"), svg(".svg");
    file.write(to_dot(kg));
    for (std::string_view layout : {"dot", "sfdp"}) {
      CAPTURE(layout);
      const auto result = test::run(std::string(layout) + " -Tsvg -o " + test::shell_quote(svg.string()) +
                                    " " + test::shell_quote(file.string()));
      INFO(result.output);
      CHECK(result.status == 0);
      CHECK(result.output.find("Error") == std::string::npos);
      CHECK(result.output.find("Warning") == std::string::npos);
      const std::string image = test::read_file(svg.path());
      CHECK(count(image, "class=\"node\"") == kg.node_count());
      CHECK(count(image, "class=\"edge\"") == kg.edge_count());
    }
    // gvpr prints Graphviz's parsed view: counts, then one "id<TAB>label" line per node.
    const auto result = test::run(
        "gvpr 'BEG_G{printf(\"%d %d\\n\", nNodes($G), nEdges($G))} N{printf(\"%s\\t%s\\n\", $.name, $.label)}' " +
        test::shell_quote(file.string()));
    REQUIRE_MESSAGE(result.status == 0, result.output);
    std::string expected =
        std::to_string(kg.node_count()) + " " + std::to_string(kg.edge_count()) + "\n";
    for (graph::Vertex v : boost::make_iterator_range(boost::vertices(kg.graph()))) {
      const auto& node = kg.graph()[v];
      expected += graphviz_raw(node.id) + "\t" + graphviz_raw(node.label) + "\n";
    }
    CHECK(result.output == expected);
  }
}

}  // namespace kg::export_
