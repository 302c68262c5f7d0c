#include "export/graphml_exporter.h"

#include <array>
#include <ostream>
#include <string>

#include "export/records.h"
#include "export/text_fields.h"
#include "export/xml_escape.h"

namespace kg::export_ {
namespace {

struct KeySpec {
  std::string_view id;  // prefixed, so node and edge "label" differ and no id hits a yEd/Gephi alias
  std::string_view domain;
  std::string_view name;
  std::string_view type;
};

constexpr std::array<KeySpec, 11> kKeys{{
    {"node_label", "node", "label", "string"},
    {"node_type", "node", "type", "string"},
    {"node_aliases", "node", "aliases", "string"},
    {"node_titles", "node", "titles", "string"},
    {"node_mentions", "node", "mentions", "int"},
    {"node_documents", "node", "documents", "string"},
    {"edge_relation", "edge", "relation", "string"},
    {"edge_class", "edge", "class", "string"},  // the relation class: meet, role, located_in, ...
    {"edge_label", "edge", "label", "string"},
    {"edge_weight", "edge", "weight", "double"},  // Gephi reads "weight" as the edge weight
    {"edge_evidence", "edge", "evidence", "string"},
}};

void append_data(std::string& out, std::string_view key, std::string_view value) {
  if (value.empty()) return;  // absent reads the same as empty in every client we target
  out += "      <data key=\"";
  out += key;
  out += "\">";
  append_xml_escaped(out, value);
  out += "</data>\n";
}

}  // namespace

void GraphmlExporter::write(const graph::KnowledgeGraph& kg, std::ostream& out) const {
  const graph::Graph& g = kg.graph();
  std::string buf;
  buf +=
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
      "         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
      "         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
      "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  for (const KeySpec& key : kKeys) {
    buf += "  <key id=\"";
    buf += key.id;
    buf += "\" for=\"";
    buf += key.domain;
    buf += "\" attr.name=\"";
    buf += key.name;
    buf += "\" attr.type=\"";
    buf += key.type;
    buf += "\"/>\n";
  }
  buf += "  <key id=\"graph_records\" for=\"graph\" attr.name=\"";
  buf += kRecordsAttribute;
  buf += "\" attr.type=\"string\"/>\n";
  buf += "  <graph id=\"kgbuild\" edgedefault=\"directed\">\n";
  out << buf;
  // The document records for merge and --update, as JSON Lines escaped to ASCII so that
  // every character survives XML. Printable ASCII and newlines need only & < > escaped in
  // element content; leaving the JSON quotes alone keeps the attribute a third smaller.
  // Written a record at a time: the attribute is as big as the evidence of the whole graph.
  for (std::size_t i = 0; i < kg.record_count(); ++i) {
    buf.clear();
    if (i == 0) buf += "    <data key=\"graph_records\">";
    for (const char c : record_lines(kg.record(i), JsonText::ascii)) {
      switch (c) {
        case '&': buf += "&amp;"; break;
        case '<': buf += "&lt;"; break;
        case '>': buf += "&gt;"; break;
        default: buf += c;
      }
    }
    if (i + 1 == kg.record_count()) buf += "</data>\n";
    out << buf;
  }

  for (graph::Vertex v : boost::make_iterator_range(boost::vertices(g))) {
    const graph::EntityNode& node = g[v];
    buf.clear();
    buf += "    <node id=\"";
    append_xml_escaped(buf, node.id, XmlContext::Attribute);
    buf += "\">\n";
    append_data(buf, "node_label", node.label);
    append_data(buf, "node_type", node.type);
    append_data(buf, "node_aliases", join(node.aliases, kListSeparator));
    append_data(buf, "node_titles", join(node.titles, kListSeparator));
    append_data(buf, "node_mentions", std::to_string(node.mentions));
    append_data(buf, "node_documents", join(kg.node_documents(node), kListSeparator));
    buf += "    </node>\n";
    out << buf;
  }

  for (graph::Edge e : kg.edges_in_order()) {
    const graph::RelationEdge& edge = g[e];
    buf.clear();
    buf += "    <edge id=\"";
    append_xml_escaped(buf, edge.id, XmlContext::Attribute);
    buf += "\" source=\"";
    append_xml_escaped(buf, g[boost::source(e, g)].id, XmlContext::Attribute);
    buf += "\" target=\"";
    append_xml_escaped(buf, g[boost::target(e, g)].id, XmlContext::Attribute);
    buf += "\">\n";
    append_data(buf, "edge_relation", edge.relation);
    append_data(buf, "edge_class", extract::to_string(edge.relation_class));
    append_data(buf, "edge_label", edge.label);
    append_data(buf, "edge_weight", std::to_string(edge.weight));
    append_data(buf, "edge_evidence", evidence_text(kg, edge.evidence));
    buf += "    </edge>\n";
    out << buf;
  }
  out << "  </graph>\n</graphml>\n";
}

}  // namespace kg::export_
