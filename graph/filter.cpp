#include "graph/filter.h"

#include <algorithm>

#include "extract/text/document.h"
#include "extract/text/error.h"

namespace kg::graph {
namespace {

bool contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// Whether the edge's relation or its relation class is one of `names`.
bool has_relation(const RelationEdge& edge, const std::vector<std::string>& names) {
  return contains(names, edge.relation) || contains(names, extract::to_string(edge.relation_class));
}

// The comma-separated items of `list`, trimmed of spaces, each non-empty, without repeats.
std::vector<std::string> split_list(std::string_view list, std::string_view what) {
  std::vector<std::string> items;
  for (std::size_t pos = 0; pos <= list.size();) {
    const std::size_t end = std::min(list.find(',', pos), list.size());
    std::string_view item = list.substr(pos, end - pos);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item.empty()) throw UsageError("empty " + std::string(what) + " name in '" + std::string(list) + "'");
    if (!contains(items, item)) items.emplace_back(item);
    pos = end + 1;
  }
  return items;
}

// Marks the vertices that a kept edge touches.
std::vector<bool> touched(const Graph& g, const std::vector<Edge>& edges, const std::vector<bool>& keep_edge) {
  std::vector<bool> seen(boost::num_vertices(g), false);
  for (std::size_t i = 0; i < edges.size(); ++i) {
    if (!keep_edge[i]) continue;
    seen[boost::source(edges[i], g)] = true;
    seen[boost::target(edges[i], g)] = true;
  }
  return seen;
}

void drop_isolated(const Graph& g, const std::vector<Edge>& edges, const std::vector<bool>& keep_edge,
                   std::vector<bool>& keep_vertex) {
  const std::vector<bool> seen = touched(g, edges, keep_edge);
  for (std::size_t v = 0; v < keep_vertex.size(); ++v) keep_vertex[v] = keep_vertex[v] && seen[v];
}

void drop_edges_at_dropped_vertices(const Graph& g, const std::vector<Edge>& edges,
                                    const std::vector<bool>& keep_vertex, std::vector<bool>& keep_edge) {
  for (std::size_t i = 0; i < edges.size(); ++i)
    keep_edge[i] = keep_edge[i] && keep_vertex[boost::source(edges[i], g)] && keep_vertex[boost::target(edges[i], g)];
}

}  // namespace

KnowledgeGraph filter_graph(const KnowledgeGraph& kg, const GraphFilter& filter) {
  const Graph& g = kg.graph();
  const std::vector<Edge> edges = kg.edges_in_order();
  std::vector<bool> keep_vertex(kg.node_count(), true), keep_edge(edges.size(), true);

  if (!filter.types.empty())
    for (Vertex v = 0; v < keep_vertex.size(); ++v) keep_vertex[v] = contains(filter.types, g[v].type);
  for (std::size_t i = 0; i < edges.size(); ++i) {
    const RelationEdge& edge = g[edges[i]];
    keep_edge[i] = (filter.relations.empty() || has_relation(edge, filter.relations)) &&
                   edge.weight >= filter.min_weight;
  }
  drop_edges_at_dropped_vertices(g, edges, keep_vertex, keep_edge);
  if (filter.drop_isolated) drop_isolated(g, edges, keep_edge, keep_vertex);

  const auto kept = static_cast<std::size_t>(std::count(keep_vertex.begin(), keep_vertex.end(), true));
  if (filter.max_nodes > 0 && kept > filter.max_nodes) {
    std::vector<std::uint64_t> degree(keep_vertex.size(), 0);
    for (std::size_t i = 0; i < edges.size(); ++i) {
      if (!keep_edge[i]) continue;
      degree[boost::source(edges[i], g)] += g[edges[i]].weight;
      degree[boost::target(edges[i], g)] += g[edges[i]].weight;  // a self-loop: twice
    }
    std::vector<Vertex> ranked;
    for (Vertex v = 0; v < keep_vertex.size(); ++v)
      if (keep_vertex[v]) ranked.push_back(v);
    // A total order (the vertex index last), so the cut never depends on the sort algorithm.
    std::sort(ranked.begin(), ranked.end(), [&](Vertex a, Vertex b) {
      if (degree[a] != degree[b]) return degree[a] > degree[b];
      if (g[a].mentions != g[b].mentions) return g[a].mentions > g[b].mentions;
      return a < b;
    });
    for (std::size_t r = filter.max_nodes; r < ranked.size(); ++r) keep_vertex[ranked[r]] = false;
    drop_edges_at_dropped_vertices(g, edges, keep_vertex, keep_edge);
    if (filter.drop_isolated) drop_isolated(g, edges, keep_edge, keep_vertex);
  }
  return kg.subgraph(keep_vertex, keep_edge);
}

std::vector<std::string> unmatched_relations(const KnowledgeGraph& kg, const GraphFilter& filter) {
  std::vector<std::string> unmatched;
  for (const std::string& relation : filter.relations) {
    bool found = false;
    for (Edge e : kg.edges_in_order()) {
      const RelationEdge& edge = kg.graph()[e];
      if (edge.relation == relation || extract::to_string(edge.relation_class) == relation) {
        found = true;
        break;
      }
    }
    if (!found) unmatched.push_back(relation);
  }
  return unmatched;
}

std::vector<std::string> parse_entity_types(std::string_view list) {
  std::vector<std::string> types;
  for (const std::string& given : split_list(list, "entity type")) {
    std::string name = given;
    std::transform(name.begin(), name.end(), name.begin(),
                   [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; });
    if (!extract::entity_type_from_string(name)) {
      throw UsageError("unknown entity type '" + given + "' (known: " + known_entity_types() + ")");
    }
    if (!contains(types, name)) types.push_back(std::move(name));
  }
  return types;
}

std::vector<std::string> parse_relations(std::string_view list) { return split_list(list, "relation"); }

std::string known_entity_types() {
  std::string names;
  for (const extract::EntityType t : extract::kEntityTypes) {
    if (!names.empty()) names += ", ";
    names += extract::to_string(t);
  }
  return names;
}

std::string known_relation_classes() {
  std::string names;
  for (const extract::RelationClass c : extract::kRelationClasses) {
    if (!names.empty()) names += ", ";
    names += extract::to_string(c);
  }
  return names;
}

}  // namespace kg::graph
