#pragma once
// GexfExporter: the graph as GEXF for Gephi, NetworkX and graphology.
//
// Versions (ExportOptions::gexf_version): 1.2draft by default, the one every client reads
// (networkx.read_gexf reads 1.1draft and 1.2draft only); 1.3 on request. The two differ in
// the namespace and version, and in what the version's schema allows: a 1.3 edge also
// carries its relation as kind="..." and a 1.3 node a <viz:color>; the 1.2draft XSD accepts
// no viz element, so a 1.2draft file has no colours (Gephi colours nodes by the type column
// with its Partition panel instead).
//
// What it writes: an XML declaration, <gexf> with its namespace (and 1.3's viz one), a
// <meta> (creator "kgbuild", a description; no date, so the file depends only on the
// graph), then one directed <graph> with typed attribute declarations:
//   nodes: type (string), aliases, titles, documents (liststring), mentions (integer);
//   edges: relation (string), class (string: the relation class, meet, role, located_in,
//          ...), evidence (string: "document#sentence: text" entries, one a
//          line, as in GraphML), documents (liststring: the evidence's documents).
// A node is <node id=EntityNode::id label=...> with its attvalues (and in 1.3 a <viz:color>
// from the entity-type palette below). An edge is <edge id source target label (the surface
// form) [kind (the relation), 1.3] weight (the statement count)>. Lists are written in the
// list syntax Gephi and graphology read: ["a", "b"], each item double-quoted with \\, \", \n,
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
// validates against its version's schema (1.2draft: shared/schemas/gexf-1.2draft; 1.3:
// the XSD shared/schemas/gexf-1.3-vizfix and the RELAX NG);
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
  explicit GexfExporter(const ExportOptions& options = {}) : version_(options.gexf_version) {}
  std::string_view name() const override { return "gexf"; }
  void write(const graph::KnowledgeGraph& graph, std::ostream& out) const override;

 private:
  GexfVersion version_;
};

// "1.2", "1.2draft" or "1.3"; throws kg::UsageError naming the known versions.
GexfVersion parse_gexf_version(std::string_view name);

// items in the GEXF list syntax described above (before XML escaping): ["a", "b \"c\""].
std::string gexf_list(const std::vector<std::string>& items);

}  // namespace kg::export_
