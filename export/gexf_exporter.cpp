#include "export/gexf_exporter.h"

#include <array>
#include <ostream>
#include <string>

#include "export/text_fields.h"
#include "export/xml_escape.h"
#include "extract/text/error.h"

namespace kg::export_ {
namespace {

struct AttributeSpec {
  std::string_view id;  // also the title: graphology keys values by a non-numeric id
  std::string_view type;
};

constexpr std::array<AttributeSpec, 5> kNodeAttributes{{
    {"type", "string"},
    {"aliases", "liststring"},
    {"titles", "liststring"},
    {"mentions", "integer"},
    {"documents", "liststring"},
}};

// No "label" or "weight" here: those are the edge's own XML attributes, and an attvalue of
// the same title would overwrite them in graphology.
constexpr std::array<AttributeSpec, 4> kEdgeAttributes{{
    {"relation", "string"},
    {"class", "string"},  // the relation class: meet, role, located_in, ...
    {"evidence", "string"},
    {"documents", "liststring"},
}};

struct TypeColor {
  std::string_view type;
  std::string_view rgb;  // r="..." g="..." b="..."
};

// The DOT exporter's ColorBrewer Set3 fills (pale, so black labels stay readable).
constexpr std::array<TypeColor, 9> kPalette{{
    {"PERSON", R"(r="141" g="211" b="199")"},  // #8dd3c7
    {"ORG", R"(r="251" g="128" b="114")"},     // #fb8072
    {"GPE", R"(r="128" g="177" b="211")"},     // #80b1d3
    {"LOC", R"(r="179" g="222" b="105")"},     // #b3de69
    {"EVENT", R"(r="253" g="180" b="98")"},    // #fdb462
    {"DATE", R"(r="217" g="217" b="217")"},    // #d9d9d9
    {"NORP", R"(r="190" g="186" b="218")"},    // #bebada
    {"WORK_OF_ART", R"(r="252" g="205" b="229")"},  // #fccde5
    {"AWARD", R"(r="255" g="237" b="111")"},        // #ffed6f
}};
constexpr std::string_view kOtherColor = R"(r="255" g="255" b="255")";

std::string_view color_for(std::string_view type) {
  for (const TypeColor& c : kPalette)
    if (c.type == type) return c.rgb;
  return kOtherColor;
}

void append_declarations(std::string& out, std::string_view cls, const auto& specs) {
  out += "    <attributes class=\"";
  out += cls;
  out += "\">\n";
  for (const AttributeSpec& a : specs) {
    out += "      <attribute id=\"";
    out += a.id;
    out += "\" title=\"";
    out += a.id;
    out += "\" type=\"";
    out += a.type;
    out += "\"/>\n";
  }
  out += "    </attributes>\n";
}

void append_attribute(std::string& out, std::string_view name, std::string_view value) {
  out += ' ';
  out += name;
  out += "=\"";
  append_xml_escaped(out, value, XmlContext::Attribute);
  out += '"';
}

// Appends one attvalue, opening <attvalues> first when `open` is still false.
void append_value(std::string& out, bool& open, std::string_view id, std::string_view value) {
  if (value.empty()) return;  // absent reads the same as empty in Gephi and graphology
  if (!open) out += "        <attvalues>\n";
  open = true;
  out += "          <attvalue for=\"";
  out += id;
  out += "\" value=\"";
  append_xml_escaped(out, value, XmlContext::Attribute);
  out += "\"/>\n";
}

void append_list_value(std::string& out, bool& open, std::string_view id, const std::vector<std::string>& items) {
  if (!items.empty()) append_value(out, open, id, gexf_list(items));
}

void close_values(std::string& out, bool open) {
  if (open) out += "        </attvalues>\n";
}

}  // namespace

GexfVersion parse_gexf_version(std::string_view name) {
  if (name == "1.2" || name == "1.2draft") return GexfVersion::v1_2draft;
  if (name == "1.3") return GexfVersion::v1_3;
  throw UsageError("unknown GEXF version '" + std::string(name) + "' (known: 1.2, 1.3)");
}

std::string gexf_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (const std::string& item : items) {
    if (out.size() > 1) out += ", ";
    out += '"';
    for (char c : item) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default: out += c;
      }
    }
    out += '"';
  }
  return out + "]";
}

void GexfExporter::write(const graph::KnowledgeGraph& kg, std::ostream& out) const {
  const graph::Graph& g = kg.graph();
  const DocumentDates dates(kg);
  const bool v13 = version_ == GexfVersion::v1_3;
  std::string buf;
  buf +=
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  buf += v13 ? "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" version=\"1.3\">\n"
             : "<gexf xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\">\n";
  buf +=
      "  <meta>\n"
      "    <creator>kgbuild</creator>\n"
      "    <description>Knowledge graph of ";
  buf += std::to_string(kg.document_count());
  buf +=
      " document(s): entities and the relations stated between them</description>\n"
      "  </meta>\n";
  buf += dates.any() ? "  <graph defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\"date\">\n"
                     : "  <graph defaultedgetype=\"directed\" mode=\"static\">\n";
  append_declarations(buf, "node", kNodeAttributes);
  append_declarations(buf, "edge", kEdgeAttributes);
  buf += "    <nodes count=\"" + std::to_string(kg.node_count()) + "\">\n";
  out << buf;

  for (graph::Vertex v : boost::make_iterator_range(boost::vertices(g))) {
    const graph::EntityNode& node = g[v];
    const std::vector<std::string> documents = kg.node_documents(node);
    buf.clear();
    buf += "      <node";
    append_attribute(buf, "id", node.id);
    append_attribute(buf, "label", node.label);
    if (const std::string start = dates.earliest(documents); !start.empty())
      append_attribute(buf, "start", start);
    buf += ">\n";
    bool open = false;
    append_value(buf, open, "type", node.type);
    append_list_value(buf, open, "aliases", node.aliases);
    append_list_value(buf, open, "titles", node.titles);
    append_value(buf, open, "mentions", std::to_string(node.mentions));
    append_list_value(buf, open, "documents", documents);
    close_values(buf, open);
    if (v13) {
      buf += "        <viz:color ";
      buf += color_for(node.type);
      buf += "/>\n";
    }
    buf += "      </node>\n";
    out << buf;
  }
  out << "    </nodes>\n    <edges count=\"" << kg.edge_count() << "\">\n";

  for (graph::Edge e : kg.edges_in_order()) {
    const graph::RelationEdge& edge = g[e];
    const std::vector<std::string> documents = evidence_documents(kg, edge.evidence);
    buf.clear();
    buf += "      <edge";
    append_attribute(buf, "id", edge.id);
    append_attribute(buf, "source", g[boost::source(e, g)].id);
    append_attribute(buf, "target", g[boost::target(e, g)].id);
    if (!edge.label.empty()) append_attribute(buf, "label", edge.label);
    if (v13 && !edge.relation.empty()) append_attribute(buf, "kind", edge.relation);
    append_attribute(buf, "weight", std::to_string(edge.weight));
    if (const std::string start = dates.earliest(documents); !start.empty()) append_attribute(buf, "start", start);
    buf += ">\n";
    bool open = false;
    append_value(buf, open, "relation", edge.relation);
    append_value(buf, open, "class", extract::to_string(edge.relation_class));
    append_value(buf, open, "evidence", evidence_text(kg, edge.evidence));
    append_list_value(buf, open, "documents", documents);
    close_values(buf, open);
    buf += "      </edge>\n";
    out << buf;
  }
  out << "    </edges>\n  </graph>\n</gexf>\n";
}

}  // namespace kg::export_
