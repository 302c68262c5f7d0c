// Hostile strings through every format, read back by the client each format is for:
// graphology (GraphML, GEXF, node-link JSON), Graphviz (DOT), Python's csv module with
// networkx (both CSV pairs). Each client must load the file whole and give back every
// name and relation exactly where the format can carry it. What each format cannot carry
// is decided once and documented in its exporter's header:
//   XML (GraphML, GEXF): C0 controls but TAB/LF/CR, U+FFFE/U+FFFF and ill-formed UTF-8
//     become U+FFFD (XML 1.0 has no way to write them); everything else is exact.
//   JSON: ill-formed UTF-8 becomes U+FFFD; control characters are \u-escaped and kept.
//   DOT: line breaks become Graphviz's \n (a CRLF one), a TAB a space, C0 controls, DEL
//     and ill-formed UTF-8 U+FFFD.
//   CSV: C0 controls but TAB/LF/CR and ill-formed UTF-8 become U+FFFD; the rest is exact.
#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <map>
#include <sstream>
#include <string>

#include "export/exporter.h"
#include "export/test_graphs.h"
#include "export/utf8.h"
#include "tests/clients.h"
#include "tests/test_support.h"

namespace kg::export_ {
namespace {

using Strings = std::map<std::string, std::string>;  // by node or edge id

const std::string r(kReplacementUtf8);
const std::string kNonCharacter = "\xef\xbf\xbe";  // U+FFFE: valid UTF-8, not an XML Char

// What a client gave back: node labels and edge relations by id, and the counts.
struct ReadBack {
  std::size_t nodes = 0, edges = 0;
  Strings labels, relations;
};

std::string str(const rapidjson::Value& v) {
  return v.IsString() ? std::string(v.GetString(), v.GetStringLength()) : std::string("<not a string>");
}

void parse(rapidjson::Document& doc, const std::string& text) {
  doc.Parse(text.c_str(), text.size());
  REQUIRE_MESSAGE(!doc.HasParseError(), text);
}

std::string export_one(std::string_view format, const graph::KnowledgeGraph& kg) {
  std::ostringstream out;
  make_exporter(format)->write(kg, out);
  return out.str();
}

// graphology's view (load.js output) of a GraphML, GEXF or node-link JSON file.
ReadBack read_with_graphology(std::string_view format, const graph::KnowledgeGraph& kg) {
  test::TempFile file("." + std::string(format));
  file.write(export_one(format, kg));
  const auto result = test::load_with_graphology(format, file.path());
  REQUIRE_MESSAGE(result.status == 0, result.output);
  rapidjson::Document doc;
  parse(doc, result.output);
  ReadBack back;
  back.nodes = doc["order"].GetUint64();
  back.edges = doc["size"].GetUint64();
  for (const auto& n : doc["nodes"].GetArray()) back.labels[str(n["key"])] = str(n["attributes"]["label"]);
  for (const auto& e : doc["edges"].GetArray()) back.relations[str(e["key"])] = str(e["attributes"]["relation"]);
  return back;
}

// A Graphviz escString as a label shows it: \\ is a backslash, \n \l \r line breaks.
std::string unescape_graphviz(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      const char next = s[++i];
      if (next == 'n' || next == 'l' || next == 'r') {
        out += '\n';
      } else if (next == '\\' || next == '"') {
        out += next;
      } else {
        out += '\\';
        out += next;
      }
      continue;
    }
    out += s[i];
  }
  return out;
}

// Graphviz's own parse of the DOT file (dot -Tjson0), labels as it would draw them.
ReadBack read_with_graphviz(const graph::KnowledgeGraph& kg) {
  test::TempFile file(".dot");
  file.write(export_one("dot", kg));
  // stdout alone: a warning on stderr must not end up in the JSON.
  const auto result = test::run("{ dot -Tjson0 " + test::shell_quote(file.string()) + " 2>/dev/null; }");
  REQUIRE_MESSAGE(result.status == 0, result.output);
  rapidjson::Document doc;
  parse(doc, result.output);
  ReadBack back;
  std::map<int, std::string> name_of;
  for (const auto& n : doc["objects"].GetArray()) {
    ++back.nodes;
    back.labels[str(n["name"])] = unescape_graphviz(str(n["label"]));
  }
  if (doc.HasMember("edges")) {
    for (const auto& e : doc["edges"].GetArray()) {
      ++back.edges;
      back.relations[str(e["id"])] = unescape_graphviz(str(e["relation"]));
    }
  }
  return back;
}

// Python's csv module's view of a CSV pair (read_csv.py); `name` and `relation` are the
// columns holding the node label and the relation.
ReadBack read_with_csv(std::string_view format, const graph::KnowledgeGraph& kg, std::string_view name_column) {
  const auto exporter = make_exporter(format);
  const std::vector<ExportedFile> files = export_files(*exporter, kg);
  REQUIRE(files.size() == 2);
  test::TempDir dir;
  const auto nodes = dir.write("g" + files[0].suffix, files[0].bytes);
  const auto edges = dir.write("g" + files[1].suffix, files[1].bytes);
  const auto result = test::read_csv_pair(nodes, edges);
  REQUIRE_MESSAGE(result.status == 0, result.output);
  rapidjson::Document doc;
  parse(doc, result.output);
  CHECK(doc["graph"]["dangling"].GetInt() == 0);
  const auto column = [](const rapidjson::Value& table, std::string_view wanted) {
    const auto& header = table["header"];
    for (rapidjson::SizeType i = 0; i < header.Size(); ++i)
      if (str(header[i]) == wanted) return i;
    FAIL("no column " << wanted);
    return rapidjson::SizeType{0};
  };
  const bool neo4j = format == "neo4j-csv";
  const auto id = column(doc["nodes"], neo4j ? "id:ID" : "Id");
  const auto label = column(doc["nodes"], name_column);
  const auto edge_id = column(doc["edges"], neo4j ? "id" : "Id");
  const auto relation = column(doc["edges"], "relation");
  ReadBack back;
  back.nodes = doc["graph"]["nodes"].GetUint64();
  back.edges = doc["graph"]["edges"].GetUint64();
  for (const auto& row : doc["nodes"]["rows"].GetArray()) back.labels[str(row[id])] = str(row[label]);
  for (const auto& row : doc["edges"]["rows"].GetArray()) back.relations[str(row[edge_id])] = str(row[relation]);
  return back;
}

// The hostile names as a format that keeps TAB/LF/CR and replaces C0 controls gives them
// back; `non_character` is what becomes of U+FFFE.
Strings labels_keeping_line_breaks(const std::string& non_character) {
  return {
      {"n0", testing::kQuoteName},
      {"n1", testing::kMarkupName},
      {"n2", testing::kLineBreakName},
      {"n3", testing::kBackslashName},
      {"n4", "Ctl" + r + r + "[31m\x7f" + "nul" + r + "byte"},
      {"n5", "Bad" + r + "|" + r + "|" + r + r + r + "|" + non_character + "|" + r},
      {"n6", testing::kUnicodeName},
  };
}

Strings relations_replacing_controls() {
  return {{"e0", "say \"hi\""}, {"e1", "back\\slash"}, {"e2", "ctl" + r + "nul" + r + "byte"}, {"e3", "]]>"}};
}

void check_counts(const graph::KnowledgeGraph& kg, const ReadBack& back) {
  CHECK(back.nodes == kg.node_count());
  CHECK(back.edges == kg.edge_count());
}

}  // namespace

TEST_CASE("hostile strings: graphology reads GraphML and GEXF back, exact where XML can carry them") {
  if (!test::have_graphology()) {
    KG_SKIP_MISSING(test::graphology_missing());
    return;
  }
  const graph::KnowledgeGraph kg = testing::hostile_graph();
  for (std::string_view format : {"graphml", "gexf"}) {
    CAPTURE(format);
    const ReadBack back = read_with_graphology(format, kg);
    check_counts(kg, back);
    CHECK(back.labels == labels_keeping_line_breaks(r));
    CHECK(back.relations == relations_replacing_controls());
  }
}

TEST_CASE("hostile strings: graphology reads node-link JSON back with control characters kept") {
  if (!test::have_graphology()) {
    KG_SKIP_MISSING(test::graphology_missing());
    return;
  }
  const graph::KnowledgeGraph kg = testing::hostile_graph();
  const ReadBack back = read_with_graphology("json", kg);
  check_counts(kg, back);
  Strings expected = labels_keeping_line_breaks(kNonCharacter);
  expected["n4"] = testing::kControlName;  // JSON escapes every control character, NUL too
  CHECK(back.labels == expected);
  CHECK(back.relations == Strings{{"e0", "say \"hi\""}, {"e1", "back\\slash"}, {"e2", "ctl\x02" + testing::kNul},
                                  {"e3", "]]>"}});
}

TEST_CASE("hostile strings: Graphviz reads DOT back, line breaks as Graphviz line breaks") {
  if (!test::have_command("dot")) {
    KG_SKIP_MISSING("dot not found (package graphviz)");
    return;
  }
  const graph::KnowledgeGraph kg = testing::hostile_graph();
  const ReadBack back = read_with_graphviz(kg);
  check_counts(kg, back);
  Strings expected = labels_keeping_line_breaks(kNonCharacter);
  expected["n2"] = "Line\nbreak\nand\nCR Tab";
  expected["n4"] = "Ctl" + r + r + "[31m" + r + "nul" + r + "byte";
  CHECK(back.labels == expected);
  CHECK(back.relations == relations_replacing_controls());
}

TEST_CASE("hostile strings: Python's csv module reads both CSV pairs back") {
  if (!test::have_csv_reader()) {
    KG_SKIP_MISSING("/usr/bin/python3 with networkx not found (package python3-networkx)");
    return;
  }
  const graph::KnowledgeGraph kg = testing::hostile_graph();
  for (const auto& [format, name_column] : {std::pair{"csv", "Label"}, std::pair{"neo4j-csv", "name"}}) {
    CAPTURE(format);
    const ReadBack back = read_with_csv(format, kg, name_column);
    check_counts(kg, back);
    CHECK(back.labels == labels_keeping_line_breaks(kNonCharacter));
    CHECK(back.relations == relations_replacing_controls());
  }
}

}  // namespace kg::export_
