#include "graph/knowledge_graph.h"

#include <algorithm>

namespace kg::graph {
namespace {
void add_unique(std::vector<std::string>& list, const std::string& value) {
  if (!value.empty() && std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}
}  // namespace

Vertex KnowledgeGraph::find_or_add(const extract::Entity& entity, const std::string& document) {
  const std::string type(extract::to_string(entity.type));
  for (Vertex v : boost::make_iterator_range(boost::vertices(graph_))) {
    EntityNode& node = graph_[v];
    if (node.type == type && node.label == entity.name) return v;
  }
  Vertex v = boost::add_vertex(graph_);
  EntityNode& node = graph_[v];
  node.id = "n" + std::to_string(v);
  node.label = entity.name;
  node.type = type;
  (void)document;
  return v;
}

void KnowledgeGraph::add_document(const extract::Document& doc) {
  ++documents_;
  std::vector<Vertex> vertex_of(doc.entities.size());
  for (std::size_t i = 0; i < doc.entities.size(); ++i) {
    const extract::Entity& entity = doc.entities[i];
    Vertex v = find_or_add(entity, doc.name);
    EntityNode& node = graph_[v];
    for (const auto& alias : entity.aliases) add_unique(node.aliases, alias);
    for (const auto& title : entity.titles) add_unique(node.titles, title);
    node.mentions += static_cast<std::uint32_t>(entity.mentions.size());
    add_unique(node.documents, doc.name);
    vertex_of[i] = v;
  }
  for (const extract::Triple& t : doc.triples) {
    Vertex s = vertex_of.at(t.subject), o = vertex_of.at(t.object);
    Evidence ev{doc.name, t.sentence, t.begin, t.end, std::string(doc.sentence_text(t.sentence))};
    bool merged = false;
    for (Edge e : boost::make_iterator_range(boost::out_edges(s, graph_))) {
      if (boost::target(e, graph_) == o && graph_[e].relation == t.relation) {
        graph_[e].weight += 1;
        graph_[e].evidence.push_back(std::move(ev));
        merged = true;
        break;
      }
    }
    if (merged) continue;
    auto [e, added] = boost::add_edge(s, o, graph_);
    (void)added;
    RelationEdge& edge = graph_[e];
    edge.id = "e" + std::to_string(edge_order_.size());
    edge.relation = t.relation;
    edge.label = t.label;
    edge.weight = 1;
    edge.evidence.push_back(std::move(ev));
    edge_order_.push_back(e);
  }
}

std::vector<Edge> KnowledgeGraph::edges_in_order() const { return edge_order_; }

}  // namespace kg::graph
