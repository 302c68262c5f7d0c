#include "export/gexf_exporter.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

#include "export/test_graphs.h"
#include "export/utf8.h"
#include "extract/text/error.h"
#include "tests/test_support.h"

namespace kg::export_ {
namespace {

std::string to_gexf(const graph::KnowledgeGraph& g, GexfVersion version = GexfVersion::v1_2draft) {
  std::ostringstream out;
  ExportOptions options;
  options.gexf_version = version;
  GexfExporter(options).write(g, out);
  return out.str();
}

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

// The text of the element that starts with `opening` (up to its closing tag `closing`).
std::string element(const std::string& xml, std::string_view opening, std::string_view closing) {
  const std::size_t begin = xml.find(opening);
  if (begin == std::string::npos) return {};
  const std::size_t end = xml.find(closing, begin);
  return end == std::string::npos ? std::string() : xml.substr(begin, end + closing.size() - begin);
}

}  // namespace

TEST_CASE("gexf_list: the GEXF 1.3 list syntax, each item quoted and escaped") {
  CHECK(gexf_list({}) == "[]");
  CHECK(gexf_list({"a"}) == R"(["a"])");
  CHECK(gexf_list({"a", "b, c"}) == R"(["a", "b, c"])");
  CHECK(gexf_list({"say \"hi\""}) == R"(["say \"hi\""])");
  CHECK(gexf_list({"C:\\x\\"}) == R"(["C:\\x\\"])");
  CHECK(gexf_list({"a\nb\r\tc"}) == R"(["a\nb\r\tc"])");
  CHECK(gexf_list({"", "|", "]"}) == R"(["", "|", "]"])");
}

TEST_CASE("GEXF: 1.2draft is the default, with its namespace and no viz elements") {
  const std::string xml = to_gexf(testing::small_graph());
  CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"http://www.gexf.net/1.2draft\" "
                  "version=\"1.2\">\n",
                  0) == 0);
  CHECK_FALSE(contains(xml, "viz"));
  CHECK_FALSE(contains(xml, " kind="));  // no such edge attribute in 1.2draft
  std::ostringstream by_default;
  GexfExporter().write(testing::small_graph(), by_default);
  CHECK(by_default.str() == xml);
}

TEST_CASE("GEXF: --gexf-version takes 1.2, 1.2draft and 1.3, and nothing else") {
  CHECK(parse_gexf_version("1.2") == GexfVersion::v1_2draft);
  CHECK(parse_gexf_version("1.2draft") == GexfVersion::v1_2draft);
  CHECK(parse_gexf_version("1.3") == GexfVersion::v1_3);
  CHECK_THROWS_AS(parse_gexf_version("1.4"), kg::UsageError);
  CHECK_THROWS_WITH(parse_gexf_version("2"), doctest::Contains("known: 1.2, 1.3"));
}

TEST_CASE("GEXF: declaration, namespaces, meta and typed attribute declarations") {
  const std::string xml = to_gexf(testing::small_graph(), GexfVersion::v1_3);
  CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"http://gexf.net/1.3\" "
                  "xmlns:viz=\"http://gexf.net/1.3/viz\" version=\"1.3\">\n",
                  0) == 0);
  CHECK(contains(xml, "<creator>kgbuild</creator>"));
  CHECK(contains(xml, "Knowledge graph of 2 document(s)"));
  CHECK_FALSE(contains(xml, "lastmodifieddate"));  // a date would make equal graphs differ
  CHECK(contains(xml,
                 "    <attributes class=\"node\">\n"
                 "      <attribute id=\"type\" title=\"type\" type=\"string\"/>\n"
                 "      <attribute id=\"aliases\" title=\"aliases\" type=\"liststring\"/>\n"
                 "      <attribute id=\"titles\" title=\"titles\" type=\"liststring\"/>\n"
                 "      <attribute id=\"mentions\" title=\"mentions\" type=\"integer\"/>\n"
                 "      <attribute id=\"documents\" title=\"documents\" type=\"liststring\"/>\n"
                 "    </attributes>\n"
                 "    <attributes class=\"edge\">\n"
                 "      <attribute id=\"relation\" title=\"relation\" type=\"string\"/>\n"
                 "      <attribute id=\"class\" title=\"class\" type=\"string\"/>\n"
                 "      <attribute id=\"evidence\" title=\"evidence\" type=\"string\"/>\n"
                 "      <attribute id=\"documents\" title=\"documents\" type=\"liststring\"/>\n"
                 "    </attributes>\n"));
  CHECK(contains(xml, "<nodes count=\"10\">"));
  CHECK(contains(xml, "<edges count=\"8\">"));
  CHECK(xml.size() - xml.rfind("</gexf>\n") == 8);
}

TEST_CASE("GEXF: a node carries its label, values and the colour of its type") {
  const std::string xml = to_gexf(testing::small_graph(), GexfVersion::v1_3);
  CHECK(element(xml, "<node id=\"n0\"", "</node>") ==
        "<node id=\"n0\" label=\"Vladimir Putin\" start=\"2025-02-18\">\n"
        "        <attvalues>\n"
        "          <attvalue for=\"type\" value=\"PERSON\"/>\n"
        "          <attvalue for=\"aliases\" value=\"[&quot;Vladimir Putin&quot;, &quot;Putin&quot;]\"/>\n"
        "          <attvalue for=\"titles\" value=\"[&quot;Russian President&quot;]\"/>\n"
        "          <attvalue for=\"mentions\" value=\"3\"/>\n"
        "          <attvalue for=\"documents\" value=\"[&quot;news/a.txt&quot;, &quot;news/b.txt&quot;]\"/>\n"
        "        </attvalues>\n"
        "        <viz:color r=\"141\" g=\"211\" b=\"199\"/>\n"
        "      </node>");
  // No titles: the attvalue is left out rather than written as an empty list.
  const std::string riyadh = element(xml, "<node id=\"n2\"", "</node>");
  CHECK(contains(riyadh, "label=\"Riyadh\""));
  CHECK_FALSE(contains(riyadh, "for=\"titles\""));
}

TEST_CASE("GEXF: the palette gives each entity type its own fixed colour") {
  const std::string xml = to_gexf(testing::small_graph(), GexfVersion::v1_3);
  const std::pair<std::string_view, std::string_view> expected[] = {
      {"n0", R"(r="141" g="211" b="199")"},  // PERSON
      {"n2", R"(r="128" g="177" b="211")"},  // GPE Riyadh
      {"n3", R"(r="217" g="217" b="217")"},  // DATE
      {"n5", R"(r="253" g="180" b="98")"},   // EVENT G20 summit
      {"n6", R"(r="179" g="222" b="105")"},  // LOC Red Sea
      {"n7", R"(r="251" g="128" b="114")"},  // ORG Kremlin
      {"n8", R"(r="190" g="186" b="218")"},  // NORP Europeans
  };
  for (const auto& [id, rgb] : expected) {
    CAPTURE(id);
    const std::string node = element(xml, "<node id=\"" + std::string(id) + "\"", "</node>");
    CHECK(contains(node, "<viz:color " + std::string(rgb) + "/>"));
  }
}

TEST_CASE("GEXF: no two entity types share a colour, and none gets the unknown type's white") {
  const std::string xml = to_gexf(testing::every_type_graph(), GexfVersion::v1_3);
  std::set<std::string> colors;
  for (std::size_t at = xml.find("<viz:color "); at != std::string::npos; at = xml.find("<viz:color ", at + 1))
    colors.insert(xml.substr(at, xml.find("/>", at) - at));
  CHECK(colors.size() == kg::extract::kEntityTypes.size());
  CHECK_FALSE(contains(xml, R"(r="255" g="255" b="255")"));
}

TEST_CASE("GEXF: an edge carries surface label, relation as kind, weight, values") {
  const std::string xml = to_gexf(testing::small_graph(), GexfVersion::v1_3);
  CHECK(element(xml, "<edge id=\"e0\"", "</edge>") ==
        "<edge id=\"e0\" source=\"n0\" target=\"n1\" label=\"met\" kind=\"meet\" weight=\"2\" "
        "start=\"2025-02-18\">\n"
        "        <attvalues>\n"
        "          <attvalue for=\"relation\" value=\"meet\"/>\n"
        "          <attvalue for=\"class\" value=\"meet\"/>\n"
        "          <attvalue for=\"evidence\" value=\"news/a.txt#0: Russian President Vladimir Putin met "
        "Donald Trump in Riyadh on 18 February.&#10;news/b.txt#0: Putin met Trump again at the G20 summit "
        "near the Red Sea.\"/>\n"
        "          <attvalue for=\"documents\" value=\"[&quot;news/a.txt&quot;, &quot;news/b.txt&quot;]\"/>\n"
        "        </attvalues>\n"
        "      </edge>");
  // Parallel edges keep their own ids; the self-loop is an ordinary edge.
  CHECK(contains(xml, "<edge id=\"e1\" source=\"n0\" target=\"n1\" label=\"criticised\" kind=\"criticise\""));
  CHECK(contains(xml, "<edge id=\"e7\" source=\"n9\" target=\"n9\""));
  CHECK(xml.find("<node id=\"n9\"") < xml.find("<edge id=\"e0\""));
  CHECK(xml.find("<edge id=\"e6\"") < xml.find("<edge id=\"e7\""));
}

TEST_CASE("GEXF: dated documents make the graph dynamic and give edges a start") {
  const std::string xml = to_gexf(testing::small_graph());
  CHECK(contains(xml, "<graph defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\"date\">"));
  // news/b.txt is dated 2025-02-18, news/a.txt is not: e0 (both) and e5-e7 (b) start then.
  for (std::string_view id : {"e0", "e5", "e6", "e7"}) {
    CAPTURE(id);
    CHECK(contains(element(xml, "<edge id=\"" + std::string(id) + "\"", ">"), "start=\"2025-02-18\""));
  }
  for (std::string_view id : {"e1", "e2", "e3", "e4"}) {
    CAPTURE(id);
    CHECK_FALSE(contains(element(xml, "<edge id=\"" + std::string(id) + "\"", ">"), "start="));
  }
  // Riyadh is only in news/a.txt.
  CHECK_FALSE(contains(element(xml, "<node id=\"n2\"", ">"), "start="));
}

TEST_CASE("GEXF: the earliest date of an edge's documents is its start") {
  graph::KnowledgeGraph kg;
  for (const auto& [name, date] : {std::pair{"late.txt", "2025-03-01"}, std::pair{"early.txt", "2024-12-31"}}) {
    testing::DocumentBuilder b(name);
    b.date(date);
    const auto s = b.sentence("Putin met Trump.");
    const auto putin = b.entity("Vladimir Putin", extract::EntityType::Person);
    const auto trump = b.entity("Donald Trump", extract::EntityType::Person);
    b.triple(putin, trump, "meet", "met", s);
    kg.add_document(std::move(b).build());
  }
  const std::string xml = to_gexf(kg);
  CHECK(contains(xml, "weight=\"2\" start=\"2024-12-31\">"));
  CHECK(contains(xml, "<node id=\"n0\" label=\"Vladimir Putin\" start=\"2024-12-31\">"));
}

TEST_CASE("GEXF: without dates the graph is static and nothing has a start") {
  const std::string xml = to_gexf(testing::hostile_graph());
  CHECK(contains(xml, "<graph defaultedgetype=\"directed\" mode=\"static\">"));
  CHECK_FALSE(contains(xml, "timeformat"));
  CHECK_FALSE(contains(xml, "start="));
}

TEST_CASE("GEXF: an empty graph is still a complete document") {
  const std::string xml = to_gexf(graph::KnowledgeGraph());
  CHECK(contains(xml, "<nodes count=\"0\">\n    </nodes>\n    <edges count=\"0\">\n    </edges>\n  </graph>\n</gexf>\n"));
}

TEST_CASE("GEXF: hostile strings stay well-formed") {
  const std::string xml = to_gexf(testing::hostile_graph());
  CHECK(is_valid_utf8(xml));
  CHECK(xml.find("]]>") == std::string::npos);
  // Every string is in an attribute, so line breaks and tabs in it are character
  // references; the only raw control byte left is the layout's LF.
  CHECK(std::none_of(xml.begin(), xml.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 && c != '\n'; }));
  CHECK_FALSE(contains(xml, "\xEF\xBF\xBE"));
  CHECK(contains(xml, "label=\"A&amp;B &lt;Corp&gt; ]]&gt; -- &lt;!-- x --&gt;\""));
  CHECK(contains(xml, "label=\"Tom &quot;The Hammer&quot; O&apos;Neil\""));
  // In attribute values line breaks and tabs are references, so parsers keep them.
  CHECK(contains(xml, "label=\"Line&#10;break&#13;&#10;and&#13;CR&#9;Tab\""));
  CHECK(contains(xml, "&quot;O&apos;Neil&quot;, &quot;\\&quot;Hammer\\&quot;&quot;]\""));
}

TEST_CASE("GEXF: each version validates against its schemas (xmllint)") {
  const auto shared = test::shared_dir();
  if (!shared || !std::filesystem::exists(*shared / "schemas/gexf-1.3-vizfix/gexf.xsd") ||
      !std::filesystem::exists(*shared / "schemas/gexf-1.2draft/gexf.xsd")) {
    KG_SKIP_MISSING("no shared/schemas/gexf-1.3-vizfix or gexf-1.2draft (KG_SHARED_DIR)");
    return;
  }
  if (!test::have_command("xmllint")) {
    KG_SKIP_MISSING("xmllint not found (package libxml2-utils)");
    return;
  }
  // 1.2draft: the upstream XSD. 1.3: the upstream XSD puts viz elements in the wrong
  // namespace; the vizfix copy and the normative RELAX NG grammar agree on where they belong.
  const std::string xsd12 = (*shared / "schemas/gexf-1.2draft/gexf.xsd").string();
  const std::string xsd13 = (*shared / "schemas/gexf-1.3-vizfix/gexf.xsd").string();
  const std::string rng13 = (*shared / "schemas/gexf-1.3/gexf.rng").string();
  const auto valid = [](const std::string& how, const std::string& schema, const test::TempFile& file) {
    const auto r = test::run("xmllint --nonet --noout " + how + " " + test::shell_quote(schema) + " " +
                             test::shell_quote(file.string()));
    INFO(r.output);
    return r.status == 0;
  };
  for (const auto& fixture : testing::kFixtures) {
    CAPTURE(fixture.name);
    const graph::KnowledgeGraph kg = fixture.make();
    test::TempFile v12(".gexf"), v13(".gexf");
    const std::string xml12 = to_gexf(kg), xml13 = to_gexf(kg, GexfVersion::v1_3);
    // The edge class attribute is part of what the schemas check.
    CHECK(contains(xml12, "<attvalue for=\"class\"") == (kg.edge_count() > 0));
    v12.write(xml12);
    v13.write(xml13);
    CHECK(valid("--schema", xsd12, v12));
    CHECK(valid("--schema", xsd13, v13));
    CHECK(valid("--relaxng", rng13, v13));
    CHECK_FALSE(valid("--schema", xsd12, v13));  // the versions are told apart
  }
}

}  // namespace kg::export_
