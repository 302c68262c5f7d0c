#pragma once
// KnowledgeGraph: the one canonical store of entities and relations across documents.
//
// What it represents: a directed multigraph (Boost.Graph adjacency_list with bundled
// properties). A vertex is an entity merged across documents; an edge is one
// (subject, relation, object) fact, with every sentence that states it as evidence.
// Parallel edges with different relations between the same pair are kept.
// Requires: documents added one at a time, in a deterministic order (the CLI sorts inputs).
// Ensures: vertices and edges keep insertion order, so the same inputs give the same graph;
// node ids ("n0", "n1", ...) and edge ids ("e0", ...) are their positions (in a subgraph(),
// the positions they had in the graph it was taken from).
// Thread safety: none for add_document(); const access may be shared.
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "extract/text/document.h"
#include "graph/document_record.h"
#include "graph/record_store.h"
#include "graph/string_pool.h"

namespace kg::graph {

// One statement of an edge: 20 bytes, its strings held by the graph
// (KnowledgeGraph::evidence_document() and evidence_text() give them).
struct Evidence {
  std::uint32_t document = 0;  // index into KnowledgeGraph::documents(): the first document of its name
  std::uint32_t sentence = 0;
  std::uint32_t begin = 0;  // byte span in that document
  std::uint32_t end = 0;
  StringId text = 0;        // the sentence, in the graph's strings
};

struct EntityNode {
  std::string id;
  std::string label;  // canonical name
  std::string type;   // PERSON, ORG, GPE, LOC, EVENT, DATE, NORP, WORK_OF_ART, AWARD
  std::vector<std::string> aliases;    // every surface form, label included
  std::vector<std::string> titles;     // role words ("Russian President")
  std::uint32_t mentions = 0;          // mentions over all documents
  // Documents that mention it, first-seen order, as indexes into KnowledgeGraph::documents()
  // (the first document of each name); KnowledgeGraph::node_documents() gives the names.
  std::vector<std::uint32_t> documents;
};

struct RelationEdge {
  std::string id;
  std::string relation;  // normalised predicate lemma ("meet", "lead", "spokesperson of")
  std::string label;     // surface form of the first statement ("is led by")
  // The kind of relation (extract/text/document.h): that of the first statement. Statements
  // of one relation between the same ends merge into one edge whatever their classes say, so
  // a later statement with another class changes neither the edge nor its class.
  extract::RelationClass relation_class = extract::RelationClass::Other;
  std::uint32_t weight = 0;  // number of statements (evidence entries)
  std::vector<Evidence> evidence;
};

// One document added to the graph: what the exporters know of it beyond the evidence.
struct DocumentInfo {
  std::string name;  // Document::name
  std::string date;  // Document::date: "YYYY-MM-DD", or empty when unknown
};

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS,
                                    EntityNode, RelationEdge>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;
using Edge = boost::graph_traits<Graph>::edge_descriptor;

class KnowledgeGraph {
 public:
  KnowledgeGraph() = default;
  // Edge descriptors in edge_order_ point into *graph_; a copy would point into the
  // original. Moves keep them valid because the Graph itself stays where it is
  // (adjacency_list has no move operations: moving one copies it). A moved-from graph may
  // only be assigned to or destroyed.
  KnowledgeGraph(const KnowledgeGraph&) = delete;
  KnowledgeGraph& operator=(const KnowledgeGraph&) = delete;
  KnowledgeGraph(KnowledgeGraph&&) = default;
  KnowledgeGraph& operator=(KnowledgeGraph&&) = default;

  // Merges the document's entities into existing vertices where cross-document
  // resolution says they are the same thing, then adds its triples as edges
  // (an existing edge with the same ends and relation gains weight and evidence).
  // Same as add_record(make_record(doc)).
  void add_document(const extract::Document& doc);
  // Adds one document's record as add_document does, and keeps it (records()).
  // Requires: triple subject/object indexes name entities of the record
  // (std::out_of_range otherwise, before anything is added).
  void add_record(DocumentRecord record);

  const Graph& graph() const { return *graph_; }
  std::size_t node_count() const { return boost::num_vertices(*graph_); }
  std::size_t edge_count() const { return boost::num_edges(*graph_); }
  std::uint32_t document_count() const { return static_cast<std::uint32_t>(documents_.size()); }
  // The documents in the order they were added (one entry per add_document/add_record call).
  const std::vector<DocumentInfo>& documents() const { return documents_; }
  // Every record added, in order: the graph's provenance, written by the JSON and GraphML
  // exporters so that merge and --update can replay it. A subgraph() keeps all of them.
  // Held compactly (RecordStore, strings shared with the evidence); record(i) rebuilds the
  // i-th whole. Requires: i < record_count() (std::out_of_range otherwise).
  std::size_t record_count() const { return records_.size(); }
  DocumentRecord record(std::size_t i) const { return records_.get(i, strings_); }

  // The strings of an edge's evidence and a node's documents.
  std::string_view evidence_document(const Evidence& ev) const { return documents_.at(ev.document).name; }
  std::string_view evidence_text(const Evidence& ev) const { return strings_.view(ev.text); }
  std::vector<std::string> node_documents(const EntityNode& node) const;

  // Edges in a stable order: by insertion (edge id). Exporters should iterate these
  // rather than boost::edges(), whose order follows the adjacency lists.
  std::vector<Edge> edges_in_order() const;

  // The part of this graph that keeps the vertices with keep_vertex[v] and the edges with
  // keep_edge[i] (i: the position in edges_in_order()) whose two ends are kept.
  // Requires: keep_vertex.size() == node_count(), keep_edge.size() == edge_count()
  // (std::invalid_argument otherwise). Ensures: kept nodes and edges keep their ids, every
  // property and evidence entry, and their relative order; document_count() is unchanged;
  // the merge indexes follow the kept vertices, so add_document() still works, and new
  // nodes and edges get ids this graph has never used.
  KnowledgeGraph subgraph(const std::vector<bool>& keep_vertex, const std::vector<bool>& keep_edge) const;

 private:
  // Cross-document resolution: the same gazetteer or group key, a compatible personal
  // name (Sergey/Sergei Lavrov, Lavrov), or the same name or alias of an unkeyed entity.
  Vertex find_or_add(const EntityRecord& entity);
  void index(Vertex v, const EntityRecord& entity);

  std::unique_ptr<Graph> graph_ = std::make_unique<Graph>();
  std::unordered_map<std::string, Vertex> by_key_;    // Entity::key
  std::unordered_map<std::string, Vertex> by_name_;   // type + folded name or alias, unkeyed entities
  std::unordered_map<std::string, std::vector<Vertex>> by_surname_;  // spelling key of the last word
  std::vector<Edge> edge_order_;
  std::vector<DocumentInfo> documents_;
  std::unordered_map<std::string, std::uint32_t> document_index_;  // name -> its first index in documents_
  StringPool strings_;  // evidence sentences and every string of the records
  RecordStore records_;
  // Next unused id numbers: positions in a full graph, past the largest id in a subgraph.
  std::size_t next_node_id_ = 0;
  std::size_t next_edge_id_ = 0;
};

}  // namespace kg::graph
