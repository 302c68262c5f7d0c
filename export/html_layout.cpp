#include "export/html_layout.h"

#include <cmath>
#include <set>
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

}  // namespace

std::vector<Position> layout_positions(const graph::KnowledgeGraph& kg) {
  const graph::Graph& g = kg.graph();
  const std::size_t n = kg.node_count();
  std::vector<Position> out(n);
  if (n <= 1) return out;

  Links links(n);
  std::set<std::pair<std::size_t, std::size_t>> seen;
  for (graph::Edge e : kg.edges_in_order()) {
    std::size_t a = boost::source(e, g), b = boost::target(e, g);
    if (a == b) continue;
    if (a > b) std::swap(a, b);
    if (seen.insert({a, b}).second) boost::add_edge(a, b, links);
  }

  boost::minstd_rand generator(20250227u);
  const double half_side = kSpacing * std::sqrt(static_cast<double>(n)) / 2.0;
  Topology topology(generator, half_side);
  std::vector<Topology::point_type> points(n);
  auto position = boost::make_iterator_property_map(points.begin(), boost::get(boost::vertex_index, links));
  boost::random_graph_layout(links, position, topology);
  boost::fruchterman_reingold_force_directed_layout(
      links, position, topology, boost::cooling(boost::linear_cooling<double>(kIterations)));
  for (std::size_t v = 0; v < n; ++v)
    out[v] = {static_cast<std::int32_t>(std::lround(points[v][0])), static_cast<std::int32_t>(std::lround(points[v][1]))};
  return out;
}

}  // namespace kg::export_
