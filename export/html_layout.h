#pragma once
// layout_positions(): where the HTML page (export/html_exporter.h) first draws each node.
//
// What it computes: a force-directed layout (Boost.Graph's Fruchterman-Reingold, grid
// force pairs, a fixed number of iterations) of the graph's nodes, the edges taken as
// undirected links (parallel edges and self-loops ignored), in a square whose side grows
// with the square root of the node count, so nodes keep about the same spacing at any size.
// Doing it here rather than in the browser lets a page of thousands of nodes draw at once.
// Requires: nothing. Ensures: one position per node, in vertex order, whole numbers;
// deterministic: the start positions come from a fixed-seed generator, so the same graph
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
