#include "export/csv_exporter.h"

#include <doctest/doctest.h>

#include <sstream>

#include "export/test_graphs.h"
#include "export/utf8.h"
#include "extract/text/error.h"

namespace kg::export_ {
namespace {

std::string part(const Exporter& exporter, const graph::KnowledgeGraph& g, std::string_view suffix) {
  std::ostringstream out;
  exporter.write_part(g, suffix, out);
  return out.str();
}

std::string field(std::string_view value) {
  std::string out;
  append_csv_field(out, value);
  return out;
}

// The records of a file, split at CRLF outside quotes (the RFC 4180 grammar).
std::vector<std::string> records(const std::string& csv) {
  std::vector<std::string> out;
  std::string current;
  bool quoted = false;
  for (std::size_t i = 0; i < csv.size(); ++i) {
    if (csv[i] == '"') quoted = !quoted;
    if (!quoted && csv.compare(i, 2, "\r\n") == 0) {
      out.push_back(current);
      current.clear();
      ++i;
      continue;
    }
    current += csv[i];
  }
  if (!current.empty()) out.push_back(current + "<no CRLF>");
  return out;
}

}  // namespace

TEST_CASE("append_csv_field: RFC 4180 quoting") {
  CHECK(field("plain") == "plain");
  CHECK(field("") == "");
  CHECK(field("a,b") == "\"a,b\"");
  CHECK(field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(field("\"") == "\"\"\"\"");
  CHECK(field("line\nbreak") == "\"line\nbreak\"");
  CHECK(field("cr\rhere") == "\"cr\rhere\"");
  CHECK(field("tab\there") == "tab\there");  // a tab needs no quotes
  CHECK(field("C:\\path\\") == "C:\\path\\");
  CHECK(field("a;b | c") == "a;b | c");
  CHECK(field(" lead") == " lead");
}

TEST_CASE("append_csv_field: control bytes and ill-formed UTF-8 become U+FFFD") {
  const std::string r(kReplacementUtf8);
  CHECK(field(std::string("nul\0x", 5)) == "nul" + r + "x");
  CHECK(field("esc\x1b[31m") == "esc" + r + "[31m");
  CHECK(field("del\x7f") == "del\x7f");
  CHECK(field("bad\xff") == "bad" + r);
  CHECK(field("\xf0\x9f\x99\x82") == "\xf0\x9f\x99\x82");
}

TEST_CASE("neo4j_type: relations as relationship types") {
  CHECK(neo4j_type("meet") == "MEET");
  CHECK(neo4j_type("spokesperson of") == "SPOKESPERSON_OF");
  CHECK(neo4j_type("on date") == "ON_DATE");
  CHECK(neo4j_type("  say \"hi\" ") == "SAY_HI");
  CHECK(neo4j_type("]]>") == "RELATED");
  CHECK(neo4j_type("") == "RELATED");
  CHECK(neo4j_type("g7-member") == "G7_MEMBER");
  CHECK(neo4j_type("\xc3\xa9lu") == "\xc3\xa9LU");  // non-ASCII letters kept as they are
}

TEST_CASE("CSV (Gephi): headers, CRLF records, one per node and edge") {
  const graph::KnowledgeGraph kg = testing::small_graph();
  const CsvExporter csv;
  const std::vector<std::string> nodes = records(part(csv, kg, ".nodes.csv"));
  REQUIRE(nodes.size() == 1 + kg.node_count());
  CHECK(nodes[0] == "Id,Label,type,aliases,titles,mentions,documents,start");
  CHECK(nodes[1] == "n0,Vladimir Putin,PERSON,Vladimir Putin | Putin,Russian President,3,news/a.txt | news/b.txt,"
                    "2025-02-18");
  CHECK(nodes[3] == "n2,Riyadh,GPE,Riyadh,,1,news/a.txt,");  // empty titles, no date
  const std::vector<std::string> edges = records(part(csv, kg, ".edges.csv"));
  REQUIRE(edges.size() == 1 + kg.edge_count());
  CHECK(edges[0] == "Source,Target,Type,Id,Label,Weight,relation,evidence,documents,start,class");
  CHECK(edges[1] ==
        "n0,n1,Directed,e0,met,2,meet,\"news/a.txt#0: Russian President Vladimir Putin met Donald Trump in Riyadh "
        "on 18 February.\nnews/b.txt#0: Putin met Trump again at the G20 summit near the Red Sea.\","
        "news/a.txt | news/b.txt,2025-02-18,meet");
  CHECK(edges[8].rfind("n9,n9,Directed,e7,said,1,say,", 0) == 0);  // the self-loop
  CHECK(edges[8].ends_with(",said"));
  CHECK(edges[7].ends_with(",role"));
}

TEST_CASE("CSV (neo4j-admin): typed headers, labels, relationship types, arrays") {
  const graph::KnowledgeGraph kg = testing::small_graph();
  const Neo4jCsvExporter neo4j;
  const std::vector<std::string> nodes = records(part(neo4j, kg, ".nodes.csv"));
  REQUIRE(nodes.size() == 1 + kg.node_count());
  CHECK(nodes[0] ==
        "id:ID,name,:LABEL,type,aliases:string[],titles:string[],mentions:int,documents:string[],start:date");
  CHECK(nodes[1] ==
        "n0,Vladimir Putin,Entity;PERSON,PERSON,Vladimir Putin;Putin,Russian President,3,news/a.txt;news/b.txt,"
        "2025-02-18");
  const std::vector<std::string> edges = records(part(neo4j, kg, ".relationships.csv"));
  REQUIRE(edges.size() == 1 + kg.edge_count());
  CHECK(edges[0] ==
        ":START_ID,:END_ID,:TYPE,id,relation,label,weight:int,evidence:string[],documents:string[],start:date,"
        "class:string");
  CHECK(edges[1] ==
        "n0,n1,MEET,e0,meet,met,2,news/a.txt#0: Russian President Vladimir Putin met Donald Trump in Riyadh on 18 "
        "February.;news/b.txt#0: Putin met Trump again at the G20 summit near the Red Sea.,news/a.txt;news/b.txt,"
        "2025-02-18,meet");
  CHECK(edges[7].rfind("n9,n7,SPOKESPERSON_OF,e6,spokesperson of,spokesman,1,", 0) == 0);
  CHECK(edges[7].ends_with(",role"));
  CHECK(edges[4].ends_with(",date"));
}

TEST_CASE("CSV (neo4j-admin): a semicolon inside an array item cannot be escaped and becomes a comma") {
  graph::KnowledgeGraph kg;
  testing::DocumentBuilder b("a;b.txt");
  b.sentence("x");
  b.entity("Semi;Colon", extract::EntityType::Org, {"S;C"});
  kg.add_document(std::move(b).build());
  const std::vector<std::string> nodes = records(part(Neo4jCsvExporter(), kg, ".nodes.csv"));
  REQUIRE(nodes.size() == 2);
  CHECK(nodes[1] == "n0,Semi;Colon,Entity;ORG,ORG,\"Semi,Colon;S,C\",,1,\"a,b.txt\",");
}

TEST_CASE("CSV: an empty graph is the header rows alone") {
  const graph::KnowledgeGraph kg;
  CHECK(part(CsvExporter(), kg, ".nodes.csv") == "Id,Label,type,aliases,titles,mentions,documents,start\r\n");
  CHECK(records(part(CsvExporter(), kg, ".edges.csv")).size() == 1);
  CHECK(records(part(Neo4jCsvExporter(), kg, ".nodes.csv")).size() == 1);
  CHECK(records(part(Neo4jCsvExporter(), kg, ".relationships.csv")).size() == 1);
}

TEST_CASE("CSV: hostile strings keep one record per node and edge") {
  const graph::KnowledgeGraph kg = testing::hostile_graph();
  const CsvExporter csv;
  const Neo4jCsvExporter neo4j;
  for (const Exporter* exporter : {static_cast<const Exporter*>(&csv), static_cast<const Exporter*>(&neo4j)}) {
    CAPTURE(exporter->name());
    const auto parts = exporter->parts();
    const std::string nodes = part(*exporter, kg, parts[0]), edges = part(*exporter, kg, parts[1]);
    CHECK(is_valid_utf8(nodes));
    CHECK(is_valid_utf8(edges));
    CHECK(records(nodes).size() == 1 + kg.node_count());
    CHECK(records(edges).size() == 1 + kg.edge_count());
    CHECK(nodes.find('\0') == std::string::npos);
    CHECK(nodes.find("\"Tom \"\"The Hammer\"\" O'Neil\"") != std::string::npos);
  }
}

}  // namespace kg::export_
