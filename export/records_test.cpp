// Document records: what make_record keeps, that replaying records() rebuilds a graph byte
// for byte, the JSON Lines / node-link JSON / GraphML round trips, lines in any order,
// and one TEST_CASE per kind of malformed input with its file:line message.
#include "export/records.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "export/graphml_exporter.h"
#include "export/json_exporter.h"
#include "export/test_graphs.h"
#include "export/utf8.h"
#include "extract/text/error.h"
#include "tests/test_support.h"

namespace kg::export_ {
namespace {

using graph::DocumentRecord;
using graph::EntityRecord;
using graph::TripleRecord;
using Records = std::vector<DocumentRecord>;

// Every record a graph keeps, in order.
Records all_records(const graph::KnowledgeGraph& g) {
  Records out;
  for (std::size_t i = 0; i < g.record_count(); ++i) out.push_back(g.record(i));
  return out;
}

std::string export_with(const Exporter& exporter, const graph::KnowledgeGraph& g) {
  std::ostringstream out;
  exporter.write(g, out);
  return out.str();
}

// The message of the InputError read_records throws, or "" when it reads.
std::string read_error(std::string_view text, const std::string& file = "f.jsonl") {
  try {
    read_records(text, file);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

// Every string a record holds with bytes that break naive writers, all valid UTF-8:
// quotes, markup, ]]>, line breaks, tabs, C0 controls, NUL, U+FFFE/U+FFFF, non-BMP.
Records hostile_records() {
  const std::string nul("n\0l", 3);
  DocumentRecord a;
  a.name = "dir/we\"ird & <doc>\n.txt";
  a.entities = {
      {"Tom \"The Hammer\" O'Neil", extract::EntityType::Person, "", {"Tom \"The Hammer\" O'Neil", "O'Neil"},
       {"CEO <acting> & chair"}, 3},
      {"A&B <Corp> ]]> --", extract::EntityType::Org, "org:a&b", {"A&B"}, {}, 1},
      {"Line\nbreak\r\nTab\t" + nul, extract::EntityType::Gpe, "GPE:x", {"\x01\x1b[31m", "\xef\xbf\xbe\xef\xbf\xbf"}, {}, 2},
      {"\xc3\x96ncu Ke\xc3\xa7" "eli \xf0\x9f\x99\x82", extract::EntityType::Norp, "", {"Ke\xc3\xa7" "eli"}, {"\\"}, 1},
  };
  a.triples = {
      {0, 1, "say \"hi\"", "<said>\n", 0, 0, 40, "He said \"<hi>\" & left -- ]]> \\ \x01\x1b back\r\nline"},
      {2, 2, "]]>", "--", 1, 41, 58, "tab\there " + nul + " \xf0\x9f\x99\x82"},
      {3, 0, "meet", "met", 1, 41, 58, "tab\there " + nul + " \xf0\x9f\x99\x82", extract::RelationClass::Meet},
  };
  DocumentRecord b;  // a document without entities or triples
  b.name = "-";
  return {a, b};
}

std::string lines_of(const Records& records, JsonText text = JsonText::utf8) {
  std::string out;
  for (const auto& r : records) out += record_lines(r, text);
  return out;
}

const char* const kDoc = R"({"type":"document","document":"a.txt","entities":2,"triples":1})";
const char* const kE0 =
    R"({"type":"entity","document":"a.txt","index":0,"name":"Ann Lee","entity_type":"PERSON","key":"","aliases":["Ann Lee"],"titles":[],"mentions":1})";
const char* const kE1 =
    R"({"type":"entity","document":"a.txt","index":1,"name":"Oslo","entity_type":"GPE","key":"GPE:oslo","aliases":["Oslo"],"titles":[],"mentions":2})";
// A triple line as kgbuild writes it, with its relation class.
const char* const kT0 =
    R"({"type":"triple","document":"a.txt","index":0,"subject":{"index":0,"name":"Ann Lee","type":"PERSON"},"relation":"visit","label":"visited","class":"other","object":{"index":1,"name":"Oslo","type":"GPE"},"sentence":0,"begin":0,"end":16,"evidence":"Ann Lee visited Oslo."})";
// The same line as kgbuild wrote it before relation classes: no "class".
const char* const kT0WithoutClass =
    R"({"type":"triple","document":"a.txt","index":0,"subject":{"index":0,"name":"Ann Lee","type":"PERSON"},"relation":"visit","label":"visited","object":{"index":1,"name":"Oslo","type":"GPE"},"sentence":0,"begin":0,"end":16,"evidence":"Ann Lee visited Oslo."})";

std::string join(std::initializer_list<std::string> lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

std::string replace_once(std::string s, const std::string& from, const std::string& to) {
  const auto at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("records: make_record keeps names, entity fields, mention counts and evidence sentences") {
  testing::DocumentBuilder b("news/x.txt");
  const auto s0 = b.sentence("Ann Lee visited Oslo.");
  const auto s1 = b.sentence("She left.");
  const auto ann = b.entity("Ann Lee", extract::EntityType::Person, {"Lee"}, {"Dr"}, 3);
  const auto oslo = b.entity("Oslo", extract::EntityType::Gpe);
  b.triple(ann, oslo, "visit", "visited", s0);
  b.triple(ann, ann, "leave", "left", s1);
  const extract::Document doc = std::move(b).build();
  const DocumentRecord r = graph::make_record(doc);
  CHECK(r.name == "news/x.txt");
  REQUIRE(r.entities.size() == 2);
  CHECK(r.entities[0] == EntityRecord{"Ann Lee", extract::EntityType::Person, "", {"Ann Lee", "Lee"}, {"Dr"}, 3});
  REQUIRE(r.triples.size() == 2);
  CHECK(r.triples[0] == TripleRecord{0, 1, "visit", "visited", 0, 0, 21, "Ann Lee visited Oslo.",
                                     extract::RelationClass::Other});
  CHECK(r.triples[1].evidence == "She left.");
}

TEST_CASE("records: make_record keeps a triple's class, and classifies one the extractor left unset") {
  testing::DocumentBuilder b("news/x.txt");
  const auto s0 = b.sentence("Ann Lee, chairman of Acme, met Bo Chan in Oslo.");
  const auto ann = b.entity("Ann Lee", extract::EntityType::Person);
  const auto acme = b.entity("Acme", extract::EntityType::Org);
  const auto oslo = b.entity("Oslo", extract::EntityType::Gpe);
  b.triple(ann, acme, "chairman of", "chairman of", s0);
  b.triple(ann, oslo, "meet in", "met ... in", s0);
  b.triple(ann, acme, "represent", "chairman of", s0);
  extract::Document doc = std::move(b).build();
  doc.triples[2].relation_class = extract::RelationClass::Role;  // set by the extractor
  const DocumentRecord r = graph::make_record(doc);
  REQUIRE(r.triples.size() == 3);
  CHECK(r.triples[0].relation_class == extract::RelationClass::Role);
  CHECK(r.triples[1].relation_class == extract::RelationClass::HeldIn);
  CHECK(r.triples[2].relation_class == extract::RelationClass::Role);
}

TEST_CASE("records: a triple the graph drops (both ends on one node) stays in the record") {
  graph::KnowledgeGraph g;
  DocumentRecord r;
  r.name = "a.txt";
  // Two entities of one document with the same key land on one node.
  r.entities = {{"Moscow", extract::EntityType::Gpe, "GPE:russia", {"Moscow"}, {}, 1},
                {"Russia", extract::EntityType::Gpe, "GPE:russia", {"Russia"}, {}, 1}};
  r.triples = {{0, 1, "capital of", "capital of", 0, 0, 10, "Moscow, Russia"}};
  g.add_record(r);
  CHECK(g.node_count() == 1);
  CHECK(g.edge_count() == 0);
  REQUIRE(g.record_count() == 1);
  CHECK(g.record(0) == r);
}

TEST_CASE("records: add_record rejects a triple naming a missing entity before adding anything") {
  graph::KnowledgeGraph g;
  DocumentRecord r;
  r.name = "a.txt";
  r.entities = {{"Oslo", extract::EntityType::Gpe, "", {"Oslo"}, {}, 1}};
  r.triples = {{0, 1, "visit", "visited", 0, 0, 4, "Oslo"}};
  CHECK_THROWS_AS(g.add_record(r), std::out_of_range);
  CHECK(g.node_count() == 0);
  CHECK(g.document_count() == 0);
  CHECK(g.record_count() == 0);
}

TEST_CASE("records: replaying a graph's records() rebuilds it byte for byte in every fixture") {
  for (const auto& f : testing::kFixtures) {
    CAPTURE(f.name);
    const graph::KnowledgeGraph original = f.make();
    graph::KnowledgeGraph replayed;
    for (const auto& r : all_records(original)) replayed.add_record(r);
    CHECK(export_with(JsonExporter(), replayed) == export_with(JsonExporter(), original));
    CHECK(export_with(GraphmlExporter(), replayed) == export_with(GraphmlExporter(), original));
    CHECK(all_records(replayed) == all_records(original));
  }
}

TEST_CASE("records: JSON Lines round trip gives equal records, hostile strings included") {
  const Records records = hostile_records();
  const std::string text = lines_of(records);
  CHECK(std::count(text.begin(), text.end(), '\n') == 1 + 4 + 3 + 1);  // one line per object
  CHECK(is_valid_utf8(text));
  CHECK(read_records(text, "f.jsonl") == records);
}

TEST_CASE("records: ASCII JSON Lines hold no byte above 0x7F and read back equal") {
  const Records records = hostile_records();
  const std::string text = lines_of(records, JsonText::ascii);
  CHECK(std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }));
  CHECK(read_records(text, "f.jsonl") == records);
}

TEST_CASE("records: the lines of a document may come in any order, with blank lines and trailing tabs") {
  const Records records = hostile_records();
  std::vector<std::string> lines;
  std::istringstream in(lines_of(records));
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::reverse(lines.begin(), lines.end());  // entity and triple lines before their document line
  std::string text = "\n";
  for (const auto& line : lines) text += line + "\t\n\n";  // Hadoop Streaming's empty value
  const Records back = read_records(text, "f.jsonl");
  // Documents come in the order of their first line: reversed here.
  CHECK(back == Records{records[1], records[0]});
}

TEST_CASE("records: a triple line carries its class after the label, and it reads back") {
  const Records records = hostile_records();
  const std::string text = lines_of(records);
  CHECK(text.find("\"label\":\"met\",\"class\":\"meet\",\"object\":") != std::string::npos);
  CHECK(text.find("\"label\":\"--\",\"class\":\"other\",") != std::string::npos);
  const Records back = read_records(text, "f.jsonl");
  REQUIRE(back.size() == 2);
  CHECK(back[0].triples[2].relation_class == extract::RelationClass::Meet);
  CHECK(back[0].triples[0].relation_class == extract::RelationClass::Other);
}

TEST_CASE("records: a triple line without a class (an older file) gets the class of its relation") {
  CHECK(read_records(join({kDoc, kE0, kE1, kT0WithoutClass}), "f.jsonl") ==
        read_records(join({kDoc, kE0, kE1, kT0}), "f.jsonl"));
  const auto read_relation = [](const std::string& relation) {
    const std::string line = replace_once(kT0WithoutClass, "\"visit\"", "\"" + relation + "\"");
    return read_records(join({kDoc, kE0, kE1, line}), "f.jsonl").at(0).triples.at(0).relation_class;
  };
  // The ends' types come from the line: Ann Lee is a PERSON, Oslo a GPE.
  CHECK(read_relation("meet in") == extract::RelationClass::HeldIn);
  CHECK(read_relation("based in") == extract::RelationClass::LocatedIn);
  CHECK(read_relation("mayor of") == extract::RelationClass::Role);
  CHECK(read_relation("visit") == extract::RelationClass::Other);
  // Given, a class wins over the one the relation would get.
  const std::string given = replace_once(kT0, "\"visit\"", "\"meet in\"");
  CHECK(read_records(join({kDoc, kE0, kE1, given}), "f.jsonl").at(0).triples.at(0).relation_class ==
        extract::RelationClass::Other);
}

TEST_CASE("records: an unknown or mistyped relation class is reported") {
  CHECK(read_error(join({kDoc, kE0, kE1, replace_once(kT0, "\"class\":\"other\"", "\"class\":\"travel\"")})) ==
        "f.jsonl:4: unknown relation class 'travel'");
  CHECK(read_error(join({kDoc, kE0, kE1, replace_once(kT0, "\"class\":\"other\"", "\"class\":\"Other\"")})) ==
        "f.jsonl:4: unknown relation class 'Other'");
  CHECK(read_error(join({kDoc, kE0, kE1, replace_once(kT0, "\"class\":\"other\"", "\"class\":3")})) ==
        "f.jsonl:4: \"class\" must be a string");
}

TEST_CASE("records: an empty or blank file holds no documents") {
  CHECK(read_records("", "f.jsonl").empty());
  CHECK(read_records(" \n\n", "f.jsonl").empty());
}

TEST_CASE("records: node-link JSON and GraphML written by kgbuild give back records() exactly") {
  graph::KnowledgeGraph g;
  for (const auto& r : hostile_records()) g.add_record(r);
  const graph::KnowledgeGraph small = testing::small_graph();
  for (const auto& r : all_records(small)) g.add_record(r);
  const std::string json = export_with(JsonExporter(), g);
  CHECK(read_records(json, "g.json") == all_records(g));
  const std::string graphml = export_with(GraphmlExporter(), g);
  CHECK(read_records(graphml, "g.graphml") == all_records(g));
}

TEST_CASE("records: GraphML re-saved by networkx still gives back the records") {
  if (!test::have_python_modules({"networkx"})) {
    KG_SKIP_MISSING("/usr/bin/python3 with networkx not found (package python3-networkx)");
    return;
  }
  graph::KnowledgeGraph g;
  for (const auto& r : hostile_records()) g.add_record(r);
  test::TempFile in(".graphml"), out(".graphml");
  in.write(export_with(GraphmlExporter(), g));
  const auto r = test::run_python(
      "import sys, networkx as nx\n"
      "nx.write_graphml(nx.read_graphml(sys.argv[1]), sys.argv[2])\n",
      {in.string(), out.string()});
  REQUIRE_MESSAGE(r.status == 0, r.output);
  const std::string resaved = test::read_file(out.path());
  CHECK(resaved.find("graph_records") == std::string::npos);  // networkx chose its own key ids
  CHECK(read_records(resaved, out.string()) == all_records(g));
}

TEST_CASE("records: a node-link graph without kgbuild_records is named as such") {
  CHECK(read_error("{\n  \"directed\": true,\n  \"graph\": {},\n  \"nodes\": [],\n  \"links\": []\n}\n", "g.json") ==
        "g.json: no graph.kgbuild_records array: not a node-link graph written by kgbuild 0.1 or later");
}

TEST_CASE("records: a GraphML graph without kgbuild_records is named as such") {
  CHECK(read_error("<?xml version=\"1.0\"?>\n<graphml><graph edgedefault=\"directed\"/></graphml>\n", "g.graphml") ==
        "g.graphml: no graph attribute kgbuild_records: not a GraphML graph written by kgbuild 0.1 or later");
}

TEST_CASE("records: a file of another kind is named as such") {
  CHECK(read_error("Ann Lee visited Oslo.\n", "a.txt") ==
        "a.txt: not a kgbuild file: neither JSON Lines, node-link JSON nor GraphML");
}

TEST_CASE("records: a well-formed file reads (the base of the malformed cases below)") {
  const Records r = read_records(join({kDoc, kE0, kE1, kT0}), "f.jsonl");
  REQUIRE(r.size() == 1);
  CHECK(r[0].entities.size() == 2);
  CHECK(r[0].triples.size() == 1);
}

TEST_CASE("records: invalid JSON on a line is reported with file and line") {
  CHECK(read_error(join({kDoc, kE0, "{\"type\":\"entity\",", kT0})).starts_with("f.jsonl:3: invalid JSON: "));
}

TEST_CASE("records: invalid UTF-8 on a line is reported with file and line") {
  CHECK(read_error(join({kDoc, replace_once(kE0, "Ann Lee\"", "Ann \xff\""), kE1, kT0}))
            .starts_with("f.jsonl:2: invalid JSON: Invalid encoding"));
}

TEST_CASE("records: a line that is not an object is reported") {
  CHECK(read_error(join({kDoc, "[1, 2]", kE0, kE1, kT0})) == "f.jsonl:2: not a JSON object");
}

TEST_CASE("records: a missing member is reported by name") {
  CHECK(read_error(join({kDoc, replace_once(kE0, "\"name\":", "\"nom\":"), kE1, kT0})) == "f.jsonl:2: missing \"name\"");
}

TEST_CASE("records: a negative or fractional number is reported") {
  CHECK(read_error(join({kDoc, replace_once(kE0, "\"mentions\":1", "\"mentions\":-1"), kE1, kT0})) ==
        "f.jsonl:2: \"mentions\" must be a whole number from 0 to 4294967295");
  CHECK(read_error(join({replace_once(kDoc, "\"triples\":1", "\"triples\":1.5"), kE0, kE1, kT0})) ==
        "f.jsonl:1: \"triples\" must be a whole number from 0 to 4294967295");
}

TEST_CASE("records: aliases that are not an array of strings are reported") {
  CHECK(read_error(join({kDoc, replace_once(kE0, "[\"Ann Lee\"]", "[\"Ann Lee\",3]"), kE1, kT0})) ==
        "f.jsonl:2: \"aliases\" must be an array of strings");
}

TEST_CASE("records: an unknown line type is reported") {
  CHECK(read_error(join({kDoc, kE0, kE1, kT0, R"({"type":"edge","document":"a.txt"})"})) ==
        "f.jsonl:5: unknown \"type\" 'edge' (expected document, entity or triple)");
}

TEST_CASE("records: an unknown entity type is reported") {
  CHECK(read_error(join({kDoc, kE0, replace_once(kE1, "\"GPE\"", "\"PLANET\""), kT0})) ==
        "f.jsonl:3: unknown entity type 'PLANET'");
}

TEST_CASE("records: a document line given twice is reported with both lines") {
  CHECK(read_error(join({kDoc, kE0, kE1, kT0, kDoc})) == "f.jsonl:5: document 'a.txt' given twice (also f.jsonl:1)");
}

TEST_CASE("records: an entity given twice is reported with both lines") {
  CHECK(read_error(join({kDoc, kE0, kE1, kE0, kT0})) == "f.jsonl:4: entity 0 of 'a.txt' given twice (also f.jsonl:2)");
}

TEST_CASE("records: a triple given twice is reported with both lines") {
  CHECK(read_error(join({kDoc, kE0, kE1, kT0, kT0})) == "f.jsonl:5: triple 0 of 'a.txt' given twice (also f.jsonl:4)");
}

TEST_CASE("records: lines of a document without its document line are reported") {
  CHECK(read_error(join({kE0, kE1, kT0})) == "f.jsonl:1: no document line for 'a.txt'");
}

TEST_CASE("records: a missing entity line (a truncated file) is reported at the document line") {
  CHECK(read_error(join({kDoc, kE0, kT0})) == "f.jsonl:1: 'a.txt': entity 1 of 2 missing (truncated file?)");
}

TEST_CASE("records: a missing triple line (a truncated file) is reported at the document line") {
  CHECK(read_error(join({kDoc, kE0, kE1})) == "f.jsonl:1: 'a.txt': triple 0 of 1 missing (truncated file?)");
}

TEST_CASE("records: an entity index beyond the document's count is reported") {
  CHECK(read_error(join({kDoc, kE0, kE1, replace_once(kE1, "\"index\":1", "\"index\":2"), kT0})) ==
        "f.jsonl:4: entity 2 out of range: 'a.txt' has 2 (f.jsonl:1)");
}

TEST_CASE("records: a triple end beyond the entities is reported") {
  CHECK(read_error(join({kDoc, kE0, kE1, replace_once(kT0, "{\"index\":1,", "{\"index\":7,")})) ==
        "f.jsonl:4: object index 7 out of range: 'a.txt' has 2 entities");
}

TEST_CASE("records: a triple end that is not the entity at its index is reported") {
  CHECK(read_error(join({kDoc, kE0, kE1, replace_once(kT0, "\"name\":\"Ann Lee\"", "\"name\":\"Bob\"")})) ==
        "f.jsonl:4: subject 'Bob' (PERSON) is not entity 0 'Ann Lee' (PERSON)");
}

TEST_CASE("records: a bad first line is still reported as a JSON Lines line") {
  CHECK(read_error(join({"{\"type\":\"document\"", kE0})).starts_with("f.jsonl:1: invalid JSON: "));
}

TEST_CASE("records: errors inside a graph's records name the graph and the entry") {
  graph::KnowledgeGraph g;
  for (const auto& r : hostile_records()) g.add_record(r);
  const std::string json = export_with(JsonExporter(), g);
  CHECK(read_error(replace_once(json, "\"entity_type\":\"ORG\"", "\"entity_type\":\"ORC\""), "g.json") ==
        "g.json: graph.kgbuild_records[2]: unknown entity type 'ORC'");
  const std::string graphml = export_with(GraphmlExporter(), g);
  CHECK(read_error(replace_once(graphml, "\"entity_type\":\"ORG\"", "\"entity_type\":\"ORC\""), "g.graphml") ==
        "g.graphml: kgbuild_records line 3: unknown entity type 'ORC'");
}

// ---- nesting: RapidJSON recurses per level; a deep file must be an error, not a crash ----

namespace {
std::string nested(std::size_t depth) { return "{\"a\":" + std::string(depth, '[') + std::string(depth, ']') + "}"; }
}  // namespace

TEST_CASE("records: nesting 200000 deep on a JSON Lines line is an error naming file and line") {
  CHECK(read_error(join({kDoc, kE0, nested(200000), kE1, kT0})) == "f.jsonl:3: nesting deeper than 100 (column 105)");
}

TEST_CASE("records: nesting 10 million deep on the first line is an error, not a crash") {
  CHECK(read_error(nested(10'000'000) + "\n") == "f.jsonl:1: nesting deeper than 100 (column 105)");
}

TEST_CASE("records: nesting in a node-link graph is an error naming file and line") {
  const std::string text = "{\n  \"graph\": {},\n  \"nodes\": " + nested(300000) + "\n}\n";
  CHECK(read_error(text, "g.json") == "g.json:3: nesting deeper than 100");
}

TEST_CASE("records: nesting in a GraphML graph's records is an error naming the records line") {
  graph::KnowledgeGraph g;
  for (const auto& r : hostile_records()) g.add_record(r);
  const std::string graphml = export_with(GraphmlExporter(), g);
  const std::string deep = replace_once(graphml, "<data key=\"graph_records\">",
                                        "<data key=\"graph_records\">" + nested(150000) + "\n");
  CHECK(read_error(deep, "g.graphml") == "g.graphml: kgbuild_records line 1: nesting deeper than 100 (column 105)");
}

TEST_CASE("records: brackets inside strings do not count as nesting") {
  const std::string brackets(5000, '[');
  const Records r = read_records(join({kDoc, replace_once(kE0, "\"key\":\"\"", "\"key\":\"" + brackets + "\\\"\""), kE1, kT0}), "f.jsonl");
  REQUIRE(r.size() == 1);
  CHECK(r[0].entities[0].key == brackets + "\"");
}

TEST_CASE("records: nesting of exactly the limit still parses (and fails only as a record)") {
  const std::string at_limit = "{\"type\":" + std::string(99, '[') + std::string(99, ']') + "}";
  CHECK(read_error(join({at_limit})) == "f.jsonl:1: \"type\" must be a string");
  const std::string over = "{\"type\":" + std::string(100, '[') + std::string(100, ']') + "}";
  CHECK(read_error(join({over})) == "f.jsonl:1: nesting deeper than 100 (column 108)");
}

// ---- fields that contradict themselves or each other ----

TEST_CASE("records: a triple whose begin is after its end is reported with the fields") {
  CHECK(read_error(join({kDoc, kE0, kE1, replace_once(kT0, "\"begin\":0", "\"begin\":4294967295")})) ==
        "f.jsonl:4: \"begin\" 4294967295 is after \"end\" 16");
}

TEST_CASE("records: a triple span longer than its evidence sentence is reported") {
  CHECK(read_error(join({kDoc, kE0, kE1, replace_once(kT0, "\"end\":16", "\"end\":22")})) ==
        "f.jsonl:4: \"begin\" to \"end\" spans 22 bytes, more than the 21 of its \"evidence\" sentence");
}

TEST_CASE("records: a span as long as the evidence sentence is accepted") {
  CHECK(read_error(join({kDoc, kE0, kE1, replace_once(kT0, "\"end\":16", "\"end\":21")})) == "");
}

namespace {
// kT0 as triple `index` in sentence `sentence` with span begin..end and its evidence.
std::string triple(int index, int sentence, int begin, int end, const std::string& evidence = "Ann Lee visited Oslo.") {
  std::string t = replace_once(kT0, "\"index\":0,\"subject\"", "\"index\":" + std::to_string(index) + ",\"subject\"");
  t = replace_once(t, "\"sentence\":0,\"begin\":0,\"end\":16", "\"sentence\":" + std::to_string(sentence) +
                                                              ",\"begin\":" + std::to_string(begin) +
                                                              ",\"end\":" + std::to_string(end));
  return replace_once(t, "Ann Lee visited Oslo.", evidence);
}
}  // namespace

TEST_CASE("records: two triples of one sentence quoting different evidence are reported") {
  CHECK(read_error(join({replace_once(kDoc, "\"triples\":1", "\"triples\":2"), kE0, kE1, triple(0, 3, 0, 16),
                         triple(1, 3, 0, 16, "Ann Lee left Oslo.")})) ==
        "f.jsonl:5: \"evidence\" of sentence 3 differs from the one in f.jsonl:4");
}

TEST_CASE("records: a later sentence starting before an earlier one ends is reported") {
  CHECK(read_error(join({replace_once(kDoc, "\"triples\":1", "\"triples\":2"), kE0, kE1, triple(0, 0, 10, 26),
                         triple(1, 1, 20, 30)})) ==
        "f.jsonl:5: sentence 1 (\"begin\" 20) starts before sentence 0 ends (\"end\" 26, f.jsonl:4)");
}

TEST_CASE("records: triples of consecutive sentences in any line order are accepted") {
  CHECK(read_error(join({triple(1, 1, 30, 40), replace_once(kDoc, "\"triples\":1", "\"triples\":2"), kE0, kE1,
                         triple(0, 0, 0, 16)})) == "");
}

TEST_CASE("records: a document date that is not a day is reported") {
  CHECK(read_error(join({replace_once(kDoc, "\"triples\":1", "\"triples\":1,\"date\":\"2025-02-30\""), kE0, kE1, kT0})) ==
        "f.jsonl:1: \"date\" '2025-02-30' is not a day as YYYY-MM-DD");
  CHECK(read_error(join({replace_once(kDoc, "\"triples\":1", "\"triples\":1,\"date\":\"2025-02-27\""), kE0, kE1, kT0})) == "");
}

}  // namespace kg::export_
