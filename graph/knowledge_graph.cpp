#include "graph/knowledge_graph.h"

#include <algorithm>
#include <stdexcept>

#include "extract/kg/names.h"
#include "extract/text/text_util.h"

namespace kg::graph {
namespace {
void add_unique(std::vector<std::string>& list, const std::string& value) {
  if (!value.empty() && std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

void add_unique(std::vector<std::uint32_t>& list, std::uint32_t value) {
  if (!list.empty() && list.back() == value) return;  // the usual case: the document just added
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}
}  // namespace

Vertex KnowledgeGraph::find_or_add(const EntityRecord& entity) {
  const std::string type(extract::to_string(entity.type));
  if (!entity.key.empty()) {
    if (auto it = by_key_.find(entity.key); it != by_key_.end()) return it->second;
  } else if (entity.type == extract::EntityType::Person) {
    auto words = extract::name_tokens(entity.name);
    if (!words.empty()) {
      auto it = by_surname_.find(extract::spelling_key(words.back()));
      if (it != by_surname_.end()) {
        // A bare surname shared by two different people names neither of them.
        if (words.size() == 1) {
          std::size_t people = 0;
          for (Vertex v : it->second)
            people += extract::compatible_person_names((*graph_)[v].label, entity.name) ? 1 : 0;
          if (people > 1) it = by_surname_.end();
        }
      }
      if (it != by_surname_.end()) {
        for (Vertex v : it->second) {
          EntityNode& node = (*graph_)[v];
          if (!extract::compatible_person_names(node.label, entity.name)) continue;
          // The fullest name labels the node ("Lavrov" gives way to "Sergey Lavrov").
          if (words.size() > extract::name_tokens(node.label).size()) node.label = entity.name;
          return v;
        }
      }
    }
  } else {
    for (const std::string& name : entity.aliases) {
      if (auto it = by_name_.find(type + ":" + extract::fold(name)); it != by_name_.end()) return it->second;
    }
  }
  Vertex v = boost::add_vertex(*graph_);
  EntityNode& node = (*graph_)[v];
  node.id = "n" + std::to_string(next_node_id_++);
  node.label = entity.name;
  node.type = type;
  return v;
}

void KnowledgeGraph::index(Vertex v, const EntityRecord& entity) {
  const std::string type(extract::to_string(entity.type));
  if (!entity.key.empty()) {
    by_key_.emplace(entity.key, v);
  } else if (entity.type == extract::EntityType::Person) {
    auto words = extract::name_tokens(entity.name);
    if (!words.empty()) {
      auto& list = by_surname_[extract::spelling_key(words.back())];
      if (std::find(list.begin(), list.end(), v) == list.end()) list.push_back(v);
    }
  } else {
    for (const std::string& name : entity.aliases) by_name_.emplace(type + ":" + extract::fold(name), v);
  }
}

void KnowledgeGraph::add_document(const extract::Document& doc) { add_record(make_record(doc)); }

void KnowledgeGraph::add_record(DocumentRecord doc) {
  for (const TripleRecord& t : doc.triples) {
    if (t.subject >= doc.entities.size() || t.object >= doc.entities.size())
      throw std::out_of_range(doc.name + ": triple names entity " +
                              std::to_string(std::max(t.subject, t.object)) + " of " +
                              std::to_string(doc.entities.size()));
  }
  const auto document = document_index_.try_emplace(doc.name, static_cast<std::uint32_t>(documents_.size())).first->second;
  documents_.push_back({doc.name, doc.date});
  std::vector<Vertex> vertex_of(doc.entities.size());
  for (std::size_t i = 0; i < doc.entities.size(); ++i) {
    const EntityRecord& entity = doc.entities[i];
    Vertex v = find_or_add(entity);
    index(v, entity);
    EntityNode& node = (*graph_)[v];
    for (const auto& alias : entity.aliases) add_unique(node.aliases, alias);
    for (const auto& title : entity.titles) add_unique(node.titles, title);
    node.mentions += entity.mentions;
    add_unique(node.documents, document);
    vertex_of[i] = v;
  }
  for (const TripleRecord& t : doc.triples) {
    Vertex s = vertex_of.at(t.subject), o = vertex_of.at(t.object);
    if (s == o && t.subject != t.object) continue;  // two entities of the document merged into one node
    const Evidence ev{document, t.sentence, t.begin, t.end, strings_.intern(t.evidence)};
    bool merged = false;
    for (Edge e : boost::make_iterator_range(boost::out_edges(s, *graph_))) {
      if (boost::target(e, *graph_) == o && (*graph_)[e].relation == t.relation) {
        (*graph_)[e].weight += 1;
        (*graph_)[e].evidence.push_back(ev);
        merged = true;
        break;
      }
    }
    if (merged) continue;
    auto [e, added] = boost::add_edge(s, o, *graph_);
    (void)added;
    RelationEdge& edge = (*graph_)[e];
    edge.id = "e" + std::to_string(next_edge_id_++);
    edge.relation = t.relation;
    edge.label = t.label;
    edge.relation_class = t.relation_class;  // first-seen: later statements keep it
    edge.weight = 1;
    edge.evidence.push_back(ev);
    edge_order_.push_back(e);
  }
  records_.add(doc, strings_);
}

std::vector<std::string> KnowledgeGraph::node_documents(const EntityNode& node) const {
  std::vector<std::string> names;
  names.reserve(node.documents.size());
  for (const std::uint32_t d : node.documents) names.push_back(documents_.at(d).name);
  return names;
}

std::vector<Edge> KnowledgeGraph::edges_in_order() const { return edge_order_; }

KnowledgeGraph KnowledgeGraph::subgraph(const std::vector<bool>& keep_vertex,
                                        const std::vector<bool>& keep_edge) const {
  if (keep_vertex.size() != node_count() || keep_edge.size() != edge_order_.size())
    throw std::invalid_argument("KnowledgeGraph::subgraph: keep lists do not match the graph");
  KnowledgeGraph sub;
  sub.documents_ = documents_;
  sub.document_index_ = document_index_;
  sub.strings_ = strings_;
  sub.records_ = records_;  // provenance of the whole graph: merge/--update replay it all
  sub.next_node_id_ = next_node_id_;
  sub.next_edge_id_ = next_edge_id_;
  const Vertex kDropped = boost::graph_traits<Graph>::null_vertex();
  std::vector<Vertex> new_vertex(keep_vertex.size(), kDropped);
  for (Vertex v = 0; v < keep_vertex.size(); ++v)
    if (keep_vertex[v]) new_vertex[v] = boost::add_vertex((*graph_)[v], *sub.graph_);
  for (std::size_t i = 0; i < edge_order_.size(); ++i) {
    const Edge e = edge_order_[i];
    const Vertex s = new_vertex[boost::source(e, *graph_)], t = new_vertex[boost::target(e, *graph_)];
    if (!keep_edge[i] || s == kDropped || t == kDropped) continue;
    sub.edge_order_.push_back(boost::add_edge(s, t, (*graph_)[e], *sub.graph_).first);
  }
  for (const auto& [key, v] : by_key_)
    if (new_vertex[v] != kDropped) sub.by_key_.emplace(key, new_vertex[v]);
  for (const auto& [name, v] : by_name_)
    if (new_vertex[v] != kDropped) sub.by_name_.emplace(name, new_vertex[v]);
  for (const auto& [surname, list] : by_surname_) {
    std::vector<Vertex> kept;
    for (Vertex v : list)
      if (new_vertex[v] != kDropped) kept.push_back(new_vertex[v]);
    if (!kept.empty()) sub.by_surname_.emplace(surname, std::move(kept));
  }
  return sub;
}

}  // namespace kg::graph
