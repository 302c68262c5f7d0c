#pragma once
// DotExporter: the graph as a Graphviz DOT digraph, for dot, sfdp, neato and xdot.
//
// What it writes: `digraph kgbuild { ... }` with one statement per entity, "id" [label,
// type, mentions, shape, fillcolor, tooltip], then one per relation, "src" -> "dst" [id,
// label (the relation), relation, surface, weight, penwidth, tooltip]. Shape and fill
// colour tell the seven entity types apart; penwidth grows with the number of statements.
// Requires: nothing beyond a finished graph. Ensures: every id and value is a quoted DOT
// string with " and \ escaped, line breaks written as \n, other control characters and
// ill-formed UTF-8 replaced by U+FFFD, so Graphviz parses it and labels show the text
// literally; vertices in index order, edges in edges_in_order(); numbers are
// locale-independent. Thread safety: write() is const and re-entrant.
#include "export/exporter.h"

namespace kg::export_ {

class DotExporter final : public Exporter {
 public:
  std::string_view name() const override { return "dot"; }
  void write(const graph::KnowledgeGraph& graph, std::ostream& out) const override;
};

// s as a double-quoted DOT string (quotes included), escaped as DotExporter describes.
std::string dot_quote(std::string_view s);

}  // namespace kg::export_
