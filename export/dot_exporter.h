#pragma once
// DotExporter: the graph as a Graphviz DOT digraph, for dot, sfdp, neato and xdot.
//
// What it writes: `digraph kgbuild { ... }` with one statement per entity, "id" [label,
// type, mentions, shape, fillcolor, tooltip], then one per relation, "src" -> "dst" [id,
// label (the relation), relation, class (the relation class: meet, role, located_in, ...;
// Graphviz puts it in the SVG element's class), surface, weight, penwidth, style (said and
// quote edges dashed, date edges dotted; others drawn solid, without the attribute),
// tooltip]. Shape and fill colour tell the entity types apart; penwidth grows with the
// number of statements.
// With DotClusterBy::type or ::document the node statements are grouped in
// `subgraph "cluster_K" { graph [label=...]; ... }` blocks (K = 0, 1, ... in the order the
// clusters first occur in vertex order), one per entity type or per document; a node
// mentioned in several documents goes into the cluster of the first one (the first in
// input order that mentions it), since Graphviz draws a node in one cluster only.
// Edges follow the clusters, unchanged.
// Requires: nothing beyond a finished graph. Ensures: every id and value is a quoted DOT
// string with " and \ escaped, line breaks written as \n, other control characters and
// ill-formed UTF-8 replaced by U+FFFD, so Graphviz parses it and labels show the text
// literally; vertices in index order, edges in edges_in_order(); numbers are
// locale-independent. Thread safety: write() is const and re-entrant.
#include "export/exporter.h"

namespace kg::export_ {

class DotExporter final : public Exporter {
 public:
  explicit DotExporter(const ExportOptions& options = {}) : cluster_by_(options.dot_cluster_by) {}
  std::string_view name() const override { return "dot"; }
  void write(const graph::KnowledgeGraph& graph, std::ostream& out) const override;

 private:
  DotClusterBy cluster_by_;
};

// s as a double-quoted DOT string (quotes included), escaped as DotExporter describes.
std::string dot_quote(std::string_view s);

// "type" or "document" (any case); throws kg::UsageError naming the known values otherwise.
DotClusterBy parse_dot_cluster_by(std::string_view name);

// Where dot's layered layout stops being comfortable. Measured with Graphviz 2.43 on random
// graphs with edge labels (kgbuild's DOT labels every edge; dot turns each label into a
// virtual node): 100 nodes / 200 edges take 1.5 s, 200 / 250 0.8 s, but 150 / 300 take
// 26 s and 300 / 450 35 s; past 500 nodes the drawing is too wide to read even when sparse.
// sfdp lays out 1000 nodes / 2000 edges in about a second.
inline constexpr std::size_t kDotComfortableNodes = 500;
inline constexpr std::size_t kDotComfortableEdges = 250;

// True when `graph` has more nodes or edges than dot lays out comfortably (above).
bool too_big_for_dot(const graph::KnowledgeGraph& graph);

}  // namespace kg::export_
