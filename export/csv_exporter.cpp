#include "export/csv_exporter.h"

#include <ostream>
#include <stdexcept>
#include <string>

#include "export/text_fields.h"
#include "export/utf8.h"

namespace kg::export_ {
namespace {

constexpr std::string_view kRecordEnd = "\r\n";  // RFC 4180
constexpr char kNeo4jArrayDelimiter = ';';       // neo4j-admin's default --array-delimiter

// A record being built: fields separated by commas, ended by CRLF.
class Record {
 public:
  explicit Record(std::string& out) : out_(out) {}
  Record& field(std::string_view value) {
    if (!first_) out_ += ',';
    first_ = false;
    append_csv_field(out_, value);
    return *this;
  }
  void end() { out_ += kRecordEnd; }

 private:
  std::string& out_;
  bool first_ = true;
};

void header(std::string& out, std::initializer_list<std::string_view> names) {
  Record r(out);
  for (std::string_view name : names) r.field(name);
  r.end();
}

[[noreturn]] void unknown_part(const Exporter& exporter, std::string_view part) {
  throw std::invalid_argument("format " + std::string(exporter.name()) + " has no part '" + std::string(part) + "'");
}

// items joined with neo4j's array delimiter; a delimiter inside an item cannot be escaped.
std::string neo4j_array(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += kNeo4jArrayDelimiter;
    for (char c : item) out += c == kNeo4jArrayDelimiter ? ',' : c;
  }
  return out;
}

// One evidence entry per array item, folded like GraphML's evidence lines.
std::vector<std::string> evidence_entries(const graph::KnowledgeGraph& kg, const std::vector<graph::Evidence>& evidence) {
  std::vector<std::string> out;
  for (const graph::Evidence& ev : evidence) {
    std::string entry;
    append_folded(entry, evidence_entry(kg, ev));
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace

void append_csv_field(std::string& out, std::string_view value) {
  std::string clean;
  clean.reserve(value.size());
  bool quote = false;
  for_each_utf8_char(value, [&](char32_t cp, std::string_view bytes) {
    if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') {
      clean += kReplacementUtf8;
      return;
    }
    if (cp == '"' || cp == ',' || cp == '\n' || cp == '\r') quote = true;
    if (cp == '"') clean += '"';  // doubled
    clean += bytes;
  });
  if (quote) out += '"';
  out += clean;
  if (quote) out += '"';
}

std::string neo4j_type(std::string_view relation) {
  std::string out;
  bool gap = false;
  for (char c : relation) {
    const auto u = static_cast<unsigned char>(c);
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || u >= 0x80;
    if (!keep) {
      gap = true;
      continue;
    }
    if (gap && !out.empty()) out += '_';
    gap = false;
    out += c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return out.empty() ? "RELATED" : out;
}

void CsvExporter::write(const graph::KnowledgeGraph&, std::ostream&) const { require_stream_format(*this); }

void CsvExporter::write_part(const graph::KnowledgeGraph& kg, std::string_view part, std::ostream& out) const {
  const graph::Graph& g = kg.graph();
  const DocumentDates dates(kg);
  std::string buf;
  if (part == ".nodes.csv") {
    header(buf, {"Id", "Label", "type", "aliases", "titles", "mentions", "documents", "start"});
    out << buf;
    for (graph::Vertex v : boost::make_iterator_range(boost::vertices(g))) {
      const graph::EntityNode& node = g[v];
      const std::vector<std::string> documents = kg.node_documents(node);
      buf.clear();
      Record(buf)
          .field(node.id)
          .field(node.label)
          .field(node.type)
          .field(join(node.aliases, kListSeparator))
          .field(join(node.titles, kListSeparator))
          .field(std::to_string(node.mentions))
          .field(join(documents, kListSeparator))
          .field(dates.earliest(documents))
          .end();
      out << buf;
    }
  } else if (part == ".edges.csv") {
    header(buf, {"Source", "Target", "Type", "Id", "Label", "Weight", "relation", "evidence", "documents", "start",
                 "class"});
    out << buf;
    for (graph::Edge e : kg.edges_in_order()) {
      const graph::RelationEdge& edge = g[e];
      const std::vector<std::string> documents = evidence_documents(kg, edge.evidence);
      buf.clear();
      Record(buf)
          .field(g[boost::source(e, g)].id)
          .field(g[boost::target(e, g)].id)
          .field("Directed")
          .field(edge.id)
          .field(edge.label)
          .field(std::to_string(edge.weight))
          .field(edge.relation)
          .field(evidence_text(kg, edge.evidence))
          .field(join(documents, kListSeparator))
          .field(dates.earliest(documents))
          .field(extract::to_string(edge.relation_class))
          .end();
      out << buf;
    }
  } else {
    unknown_part(*this, part);
  }
}

void Neo4jCsvExporter::write(const graph::KnowledgeGraph&, std::ostream&) const { require_stream_format(*this); }

void Neo4jCsvExporter::write_part(const graph::KnowledgeGraph& kg, std::string_view part, std::ostream& out) const {
  const graph::Graph& g = kg.graph();
  const DocumentDates dates(kg);
  std::string buf;
  if (part == ".nodes.csv") {
    header(buf, {"id:ID", "name", ":LABEL", "type", "aliases:string[]", "titles:string[]", "mentions:int",
                 "documents:string[]", "start:date"});
    out << buf;
    for (graph::Vertex v : boost::make_iterator_range(boost::vertices(g))) {
      const graph::EntityNode& node = g[v];
      const std::vector<std::string> documents = kg.node_documents(node);
      buf.clear();
      Record(buf)
          .field(node.id)
          .field(node.label)
          .field("Entity;" + neo4j_type(node.type))
          .field(node.type)
          .field(neo4j_array(node.aliases))
          .field(neo4j_array(node.titles))
          .field(std::to_string(node.mentions))
          .field(neo4j_array(documents))
          .field(dates.earliest(documents))
          .end();
      out << buf;
    }
  } else if (part == ".relationships.csv") {
    header(buf, {":START_ID", ":END_ID", ":TYPE", "id", "relation", "label", "weight:int", "evidence:string[]",
                 "documents:string[]", "start:date", "class:string"});
    out << buf;
    for (graph::Edge e : kg.edges_in_order()) {
      const graph::RelationEdge& edge = g[e];
      const std::vector<std::string> documents = evidence_documents(kg, edge.evidence);
      buf.clear();
      Record(buf)
          .field(g[boost::source(e, g)].id)
          .field(g[boost::target(e, g)].id)
          .field(neo4j_type(edge.relation))
          .field(edge.id)
          .field(edge.relation)
          .field(edge.label)
          .field(std::to_string(edge.weight))
          .field(neo4j_array(evidence_entries(kg, edge.evidence)))
          .field(neo4j_array(documents))
          .field(dates.earliest(documents))
          .field(extract::to_string(edge.relation_class))
          .end();
      out << buf;
    }
  } else {
    unknown_part(*this, part);
  }
}

}  // namespace kg::export_
