#pragma once
// GexfExporter: the graph as GEXF 1.3 for Gephi (and graphology, networkx).
//
// What it writes: an XML declaration, <gexf version="1.3"> with the viz namespace, a
// <meta> (creator "kgbuild", a description; no date, so the file depends only on the
// graph), then one directed <graph> with typed attribute declarations:
//   nodes: type (string), aliases, titles, documents (liststring), mentions (integer);
//   edges: relation (string), class (string: the relation class, meet, role, located_in,
//          ...), evidence (string: "document#sentence: text" entries, one a
//          line, as in GraphML), documents (liststring: the evidence's documents).
// A node is <node id=EntityNode::id label=...> with its attvalues and a <viz:color> from
// the entity-type palette below. An edge is <edge id source target label (the surface form)
// kind (the relation) weight (the statement count)>. Lists are written in the 1.3 list
// syntax Gephi and graphology read: ["a", "b"], each item double-quoted with \\, \", \n,
// \r and \t escaped. Empty values and empty lists are left out.
// Time: when some document has a date (Document::date, from --date or the dateline), the
// graph is mode="dynamic" timeformat="date", each edge's start is the earliest date among
// its evidence's documents and each node's start the earliest among its documents, so
// Gephi's timeline shows the graph growing; elements without a dated document get no start.
// With no dates at all the graph is mode="static" and nothing has a start.
// Palette (the DOT exporter's ColorBrewer Set3 fills, so both views agree): PERSON
// #8dd3c7, ORG #fb8072, GPE #80b1d3, LOC #b3de69, EVENT #fdb462, DATE #d9d9d9,
// NORP #bebada, WORK_OF_ART #fccde5, AWARD #ffed6f, anything else #ffffff.
// Requires: node and edge ids unique, as KnowledgeGraph makes them. Ensures: the file
// validates against the GEXF 1.3 XSD (shared/schemas/gexf-1.3-vizfix) and RELAX NG;
// vertices in index order, edges in edges_in_order(); every string goes through
// xml_escape, so any bytes give well-formed XML (characters XML 1.0 cannot carry become
// U+FFFD, as in GraphML). Thread safety: write() is const and re-entrant.
#include <string>
#include <string_view>
#include <vector>

#include "export/exporter.h"

namespace kg::export_ {

class GexfExporter final : public Exporter {
 public:
  std::string_view name() const override { return "gexf"; }
  void write(const graph::KnowledgeGraph& graph, std::ostream& out) const override;
};

// items in the GEXF 1.3 list syntax described above (before XML escaping): ["a", "b \"c\""].
std::string gexf_list(const std::vector<std::string>& items);

}  // namespace kg::export_
