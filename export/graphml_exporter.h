#pragma once
// GraphmlExporter: the graph as GraphML 1.0 for Gephi, yEd, Cytoscape, NetworkX and igraph.
//
// What it writes: an XML declaration, one <key> per attribute (attr.name/attr.type, the
// Gephi convention: node label/type/aliases/titles/mentions/documents, edge
// relation/class/label/weight/evidence, graph kgbuild_records; class is the relation class:
// meet, role, located_in, ...), then one directed <graph>. Its
// first child is the kgbuild_records <data> (left out for a graph without documents): the
// document records as JSON Lines (export/records.h, non-ASCII \u-escaped), for merge and
// --update. Its nodes carry EntityNode::id and its edges RelationEdge::id. Lists are joined
// with " | "; evidence entries are "document#sentence: text" (whitespace runs folded to one space)
// joined with a newline. Empty values are left out (the <key> default is the empty string).
// Requires: node and edge ids unique, as KnowledgeGraph makes them. Ensures: the file
// validates against the GraphML XSD; vertices in index order, edges in edges_in_order();
// every string goes through xml_escape, so any bytes give well-formed XML.
// Thread safety: write() is const and re-entrant.
#include "export/exporter.h"

namespace kg::export_ {

class GraphmlExporter final : public Exporter {
 public:
  std::string_view name() const override { return "graphml"; }
  void write(const graph::KnowledgeGraph& graph, std::ostream& out) const override;
};

}  // namespace kg::export_
