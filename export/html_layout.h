#pragma once
// layout_positions(): where the HTML page (export/html_exporter.h) first draws each node.
//
// What it computes: a force-directed layout (Boost.Graph's Fruchterman-Reingold, a fixed
// number of iterations) of the core: the largest connected part of the 400 nodes with the
// most neighbours, the edges taken as undirected links (parallel edges and self-loops
// ignored), centred and spread to about 110 page units between neighbours. Every other node
// is then placed breadth first, on a sunflower spiral around the first placed neighbour
// that reaches it; a part not linked to the core starts on a spiral outside it. The cost is
// that of the core's layout (bounded) plus linear time in the rest, so the page's layout is
// ready when it opens, even for thousands of nodes.
// Requires: nothing. Ensures: one position per node, in vertex order, whole numbers;
// deterministic (fixed-seed start positions, a stable order everywhere): the same graph
// gives the same positions. Linked nodes end closer than unlinked ones on the whole.
// Thread safety: a pure function.
#include <cstdint>
#include <vector>

#include "graph/knowledge_graph.h"

namespace kg::export_ {

struct Position {
  std::int32_t x = 0;
  std::int32_t y = 0;
  bool operator==(const Position&) const = default;
};

std::vector<Position> layout_positions(const graph::KnowledgeGraph& graph);

}  // namespace kg::export_
