#include "export/dot_exporter.h"

#include <algorithm>
#include <array>
#include <ostream>
#include <string>

#include "export/utf8.h"
#include "extract/text/error.h"

namespace kg::export_ {
namespace {

struct TypeStyle {
  std::string_view type;
  std::string_view shape;
  std::string_view fillcolor;  // ColorBrewer Set3: pale enough for black text
};

constexpr std::array<TypeStyle, 9> kTypeStyles{{
    {"PERSON", "ellipse", "#8dd3c7"},
    {"ORG", "box", "#fb8072"},
    {"GPE", "hexagon", "#80b1d3"},
    {"LOC", "house", "#b3de69"},
    {"EVENT", "diamond", "#fdb462"},
    {"DATE", "note", "#d9d9d9"},
    {"NORP", "octagon", "#bebada"},
    {"WORK_OF_ART", "tab", "#fccde5"},
    {"AWARD", "doubleoctagon", "#ffed6f"},
}};
constexpr TypeStyle kOtherStyle{"", "ellipse", "#ffffff"};

const TypeStyle& style_for(std::string_view type) {
  for (const TypeStyle& style : kTypeStyles)
    if (style.type == type) return style;
  return kOtherStyle;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

// 1.0 for one statement, +0.5 per further statement, capped at 5.0; integer maths keeps
// the text independent of locale and floating-point formatting.
std::string penwidth(std::uint32_t weight) {
  const std::uint32_t tenths = 10 + 5 * (std::clamp<std::uint32_t>(weight, 1, 9) - 1);
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
}

// Dashed for what someone said, dotted for dates, solid (no style) for the rest.
std::string_view class_style(extract::RelationClass relation_class) {
  switch (relation_class) {
    case extract::RelationClass::Said:
    case extract::RelationClass::Quote: return "dashed";
    case extract::RelationClass::Date: return "dotted";
    default: return "";
  }
}

void append_attr(std::string& out, bool& first, std::string_view name, std::string_view value) {
  out += first ? "" : ", ";
  first = false;
  out += name;
  out += '=';
  out += dot_quote(value);
}

}  // namespace

DotClusterBy parse_dot_cluster_by(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  if (lower == "type") return DotClusterBy::type;
  if (lower == "document") return DotClusterBy::document;
  throw UsageError("unknown cluster key '" + std::string(name) + "' (known: type, document)");
}

bool too_big_for_dot(const graph::KnowledgeGraph& graph) {
  return graph.node_count() > kDotComfortableNodes || graph.edge_count() > kDotComfortableEdges;
}

std::string dot_quote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '"';
  for (std::size_t i = 0; i < s.size(); ++i) {
    const Utf8Step step = decode_utf8(s, i);
    const char32_t cp = step.code_point;
    if (!step.valid) {
      out += kReplacementUtf8;
    } else if (cp == '"' || cp == '\\') {
      out += '\\';
      out += static_cast<char>(cp);
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      if (i + 1 >= s.size() || s[i + 1] != '\n') out += "\\n";  // CRLF is one break
    } else if (cp == '\t') {
      out += ' ';
    } else if (cp < 0x20 || cp == 0x7F) {
      out += kReplacementUtf8;
    } else {
      out.append(s.substr(i, step.length));
    }
    i += step.length - 1;
  }
  out += '"';
  return out;
}

void DotExporter::write(const graph::KnowledgeGraph& kg, std::ostream& out) const {
  const graph::Graph& g = kg.graph();
  std::string buf;
  // Counts only in the comment: user text never goes into a comment.
  buf += "// kgbuild knowledge graph: " + std::to_string(kg.node_count()) + " entities, " +
         std::to_string(kg.edge_count()) + " relations, " + std::to_string(kg.document_count()) +
         " documents\n";
  buf +=
      "digraph kgbuild {\n"
      "  graph [charset=\"UTF-8\", rankdir=\"LR\", overlap=\"false\", splines=\"true\", "
      "fontname=\"Helvetica\"];\n";
  // With clusters, dot's older ranking fails on some graphs ("trouble in init_rank");
  // newrank ranks the whole graph at once, clusters included.
  if (cluster_by_ != DotClusterBy::none) buf += "  graph [newrank=\"true\"];\n";
  buf +=
      "  node [style=\"filled\", fontname=\"Helvetica\", fontsize=\"10\"];\n"
      "  edge [fontname=\"Helvetica\", fontsize=\"8\", color=\"#555555\", fontcolor=\"#333333\"];\n";
  out << buf;

  const auto write_node = [&](graph::Vertex v, std::string_view indent) {
    const graph::EntityNode& node = g[v];
    const TypeStyle& style = style_for(node.type);
    std::string tooltip = node.type;
    if (!node.aliases.empty()) tooltip += "\naliases: " + join(node.aliases, " | ");
    if (!node.titles.empty()) tooltip += "\ntitles: " + join(node.titles, " | ");
    buf.assign(indent);
    buf += dot_quote(node.id);
    buf += " [";
    bool first = true;
    append_attr(buf, first, "label", node.label);
    append_attr(buf, first, "type", node.type);
    append_attr(buf, first, "mentions", std::to_string(node.mentions));
    append_attr(buf, first, "shape", style.shape);
    append_attr(buf, first, "fillcolor", style.fillcolor);
    append_attr(buf, first, "tooltip", tooltip);
    buf += "];\n";
    out << buf;
  };

  if (cluster_by_ == DotClusterBy::none) {
    for (graph::Vertex v : boost::make_iterator_range(boost::vertices(g))) write_node(v, "  ");
  } else {
    // Clusters in the order their first node comes; a node without a key (no document)
    // stays outside every cluster.
    std::vector<std::string> keys;
    std::vector<std::vector<graph::Vertex>> members;
    for (graph::Vertex v : boost::make_iterator_range(boost::vertices(g))) {
      const graph::EntityNode& node = g[v];
      if (cluster_by_ == DotClusterBy::document && node.documents.empty()) {
        write_node(v, "  ");
        continue;
      }
      const std::string key = cluster_by_ == DotClusterBy::type
                                  ? node.type
                                  : std::string(kg.documents().at(node.documents.front()).name);
      const auto at = static_cast<std::size_t>(std::find(keys.begin(), keys.end(), key) - keys.begin());
      if (at == keys.size()) {
        keys.push_back(key);
        members.emplace_back();
      }
      members[at].push_back(v);
    }
    for (std::size_t k = 0; k < keys.size(); ++k) {
      buf.assign("  subgraph ");
      buf += dot_quote("cluster_" + std::to_string(k));
      buf += " {\n    graph [";
      bool first = true;
      append_attr(buf, first, "label", keys[k]);
      append_attr(buf, first, "style", "rounded");
      append_attr(buf, first, "color", "#999999");
      buf += "];\n";
      out << buf;
      for (graph::Vertex v : members[k]) write_node(v, "    ");
      out << "  }\n";
    }
  }

  for (graph::Edge e : kg.edges_in_order()) {
    const graph::RelationEdge& edge = g[e];
    std::string tooltip = edge.label + " (" + std::to_string(edge.weight) +
                          (edge.weight == 1 ? " statement)" : " statements)");
    buf.assign("  ");
    buf += dot_quote(g[boost::source(e, g)].id);
    buf += " -> ";
    buf += dot_quote(g[boost::target(e, g)].id);
    buf += " [";
    bool first = true;
    append_attr(buf, first, "id", edge.id);
    append_attr(buf, first, "label", edge.relation);
    append_attr(buf, first, "relation", edge.relation);
    append_attr(buf, first, "class", extract::to_string(edge.relation_class));
    append_attr(buf, first, "surface", edge.label);
    append_attr(buf, first, "weight", std::to_string(edge.weight));
    append_attr(buf, first, "penwidth", penwidth(edge.weight));
    if (const std::string_view style = class_style(edge.relation_class); !style.empty())
      append_attr(buf, first, "style", style);
    append_attr(buf, first, "tooltip", tooltip);
    buf += "];\n";
    out << buf;
  }
  out << "}\n";
}

}  // namespace kg::export_
