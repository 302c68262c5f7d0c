#include "export/html_layout.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <numbers>
#include <numeric>
#include <unordered_set>
#include <utility>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/fruchterman_reingold.hpp>
#include <boost/graph/random_layout.hpp>
#include <boost/graph/topology.hpp>
#include <boost/random/linear_congruential.hpp>

namespace kg::export_ {
namespace {

using Links = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
using Topology = boost::square_topology<boost::minstd_rand>;

constexpr double kSpacing = 110.0;  // about the distance between neighbouring nodes, in page units
constexpr int kIterations = 100;
// Nodes laid out by the force-directed step: its cost grows with the square of this.
constexpr std::size_t kCoreNodes = 400;
const double kGoldenAngle = std::numbers::pi * (3.0 - std::sqrt(5.0));

// Fruchterman-Reingold over `core` (vertex numbers) and the links between them, in a square
// scaled to their number; positions in page units.
std::vector<std::pair<double, double>> force_directed(const std::vector<std::size_t>& core,
                                                      const std::vector<std::vector<std::size_t>>& neighbours,
                                                      const std::vector<std::size_t>& core_index) {
  const std::size_t n = core.size();
  Links links(n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t w : neighbours[core[i]])
      if (core_index[w] != SIZE_MAX && core_index[w] > i) boost::add_edge(i, core_index[w], links);
  boost::minstd_rand generator(20250227u);
  // A unit square, scaled to page units below. Every pair of the (at most kCoreNodes) nodes
  // repels every other: Boost's grid force pairs would size their cells from the square's
  // area and convert a position outside the square to an unsigned cell number, which is
  // undefined behaviour.
  Topology topology(generator, 0.5);
  std::vector<Topology::point_type> points(n);
  auto position = boost::make_iterator_property_map(points.begin(), boost::get(boost::vertex_index, links));
  boost::random_graph_layout(links, position, topology);
  boost::fruchterman_reingold_force_directed_layout(
      links, position, topology,
      boost::cooling(boost::linear_cooling<double>(kIterations)).force_pairs(boost::all_force_pairs()));
  const double scale = kSpacing * std::sqrt(static_cast<double>(n));
  std::vector<std::pair<double, double>> out(n);
  for (std::size_t i = 0; i < n; ++i) out[i] = {points[i][0] * scale, points[i][1] * scale};
  return out;
}

}  // namespace

std::vector<Position> layout_positions(const graph::KnowledgeGraph& kg) {
  const graph::Graph& g = kg.graph();
  const std::size_t n = kg.node_count();
  std::vector<Position> out(n);
  if (n <= 1) return out;

  // Distinct neighbours of each node, in edge order; parallel edges and self-loops ignored.
  std::vector<std::vector<std::size_t>> neighbours(n);
  std::unordered_set<std::uint64_t> linked;
  for (graph::Edge e : kg.edges_in_order()) {
    const std::size_t a = boost::source(e, g), b = boost::target(e, g);
    if (a == b || !linked.insert(static_cast<std::uint64_t>(std::min(a, b)) << 32 | std::max(a, b)).second) continue;
    neighbours[a].push_back(b);
    neighbours[b].push_back(a);
  }
  // The core: the largest connected part of the kCoreNodes nodes with most neighbours
  // (then the earlier node), which the force-directed step lays out.
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return neighbours[a].size() > neighbours[b].size(); });
  std::vector<bool> in_top(n, false);
  for (std::size_t i = 0; i < std::min(n, kCoreNodes); ++i) in_top[order[i]] = true;
  std::vector<std::size_t> core;
  {
    std::vector<bool> seen(n, false);
    for (std::size_t i = 0; i < std::min(n, kCoreNodes); ++i) {
      if (seen[order[i]]) continue;
      std::vector<std::size_t> part{order[i]};
      seen[order[i]] = true;
      for (std::size_t j = 0; j < part.size(); ++j)
        for (std::size_t w : neighbours[part[j]])
          if (in_top[w] && !seen[w]) {
            seen[w] = true;
            part.push_back(w);
          }
      if (part.size() > core.size()) core = std::move(part);
    }
  }
  std::vector<std::size_t> core_index(n, SIZE_MAX);
  for (std::size_t i = 0; i < core.size(); ++i) core_index[core[i]] = i;

  std::vector<std::pair<double, double>> at(n);
  std::vector<bool> placed(n, false);
  std::vector<std::size_t> children(n, 0);
  std::vector<std::pair<double, double>> core_at = force_directed(core, neighbours, core_index);
  // Centred, and spread so that the nodes placed around the core's nodes below have room:
  // a median distance from the centre of 0.3 spacings per square root of nodes. The
  // force-directed step leaves weakly linked nodes against the square's edges; they are
  // pulled in to at most 2.5 times that distance.
  double cx = 0, cy = 0;
  for (const auto& [x, y] : core_at) cx += x, cy += y;
  cx /= static_cast<double>(core.size());
  cy /= static_cast<double>(core.size());
  std::vector<double> distances;
  for (auto& [x, y] : core_at) {
    x -= cx;
    y -= cy;
    distances.push_back(std::hypot(x, y));
  }
  std::nth_element(distances.begin(), distances.begin() + static_cast<std::ptrdiff_t>(distances.size() / 2), distances.end());
  const double median = distances[distances.size() / 2];
  const double target = kSpacing * 0.3 * std::sqrt(static_cast<double>(n));
  const double spread_by = median > 0 ? target / median : 1.0;
  for (auto& [x, y] : core_at) {
    x *= spread_by;
    y *= spread_by;
    const double r = std::hypot(x, y);
    if (r > 2.5 * target) {
      x *= 2.5 * target / r;
      y *= 2.5 * target / r;
    }
  }
  double radius = 0;
  std::deque<std::size_t> queue;
  for (std::size_t i = 0; i < core.size(); ++i) {
    at[core[i]] = core_at[i];
    placed[core[i]] = true;
    queue.push_back(core[i]);
    radius = std::max(radius, std::hypot(at[core[i]].first, at[core[i]].second));
  }
  // The rest, breadth first from the core: each node on a sunflower spiral around the first
  // placed neighbour that reaches it; a part not linked to the core starts on a spiral
  // outside everything placed so far.
  std::size_t outside = 0;
  auto spread = [&] {
    while (!queue.empty()) {
      const std::size_t u = queue.front();
      queue.pop_front();
      for (std::size_t w : neighbours[u]) {
        if (placed[w]) continue;
        const double k = static_cast<double>(children[u]++);
        const double r = kSpacing * (0.7 + 0.35 * std::sqrt(k));
        at[w] = {at[u].first + r * std::cos(k * kGoldenAngle), at[u].second + r * std::sin(k * kGoldenAngle)};
        placed[w] = true;
        queue.push_back(w);
      }
    }
  };
  spread();
  for (std::size_t v : order) {
    if (placed[v]) continue;
    const double k = static_cast<double>(outside++);
    const double r = radius + kSpacing * (0.8 + 0.5 * std::sqrt(k));
    at[v] = {r * std::cos(k * kGoldenAngle), r * std::sin(k * kGoldenAngle)};
    placed[v] = true;
    queue.push_back(v);
    spread();
  }
  for (std::size_t v = 0; v < n; ++v)
    out[v] = {static_cast<std::int32_t>(std::lround(at[v].first)), static_cast<std::int32_t>(std::lround(at[v].second))};
  return out;
}

}  // namespace kg::export_
