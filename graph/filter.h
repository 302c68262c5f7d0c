#pragma once
// GraphFilter: the part of a KnowledgeGraph a user wants exported, and filter_graph(),
// which takes that part out as a graph of its own for any exporter to write.
//
// What it represents: the export filters (kgbuild --types, --relations, --min-weight,
// --drop-isolated, --max-nodes). A default GraphFilter keeps everything.
// The steps, in this order, each on what the steps before it kept:
//   1. types:      nodes of the listed entity types; an edge goes with either of its ends.
//   2. relations:  edges whose normalised relation ("meet", "spokesperson of") or whose
//                  relation class ("meet", "role", "located_in") is listed.
//   3. min_weight: edges stated at least N times (weight: the number of evidence sentences).
//   4. drop_isolated: nodes that no kept edge touches (a self-loop touches its node).
//   5. max_nodes:  the N most connected nodes: highest weighted degree (the sum of the
//      weights of the kept edges at the node, a self-loop counted twice, as NetworkX does),
//      ties broken by more mentions, then by node order; the edges between two of them stay.
//      With drop_isolated, a node the cut leaves without edges goes too, so fewer than N
//      nodes can remain.
// Ensures: filter_graph() is deterministic; kept nodes and edges keep their ids, evidence
// and relative order, and the document count stays that of the whole graph.
// Thread safety: filter_graph() only reads its input graph.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "graph/knowledge_graph.h"

namespace kg::graph {

struct GraphFilter {
  std::vector<std::string> types;      // entity types (PERSON, ORG, ...); empty: every type
  std::vector<std::string> relations;  // relation or relation class names; empty: every relation
  std::uint32_t min_weight = 0;        // 0 and 1 keep every edge
  bool drop_isolated = false;
  std::uint32_t max_nodes = 0;         // 0: no limit

  bool keeps_everything() const {
    return types.empty() && relations.empty() && min_weight <= 1 && !drop_isolated && max_nodes == 0;
  }
};

// The filtered copy of `graph` (the steps above).
KnowledgeGraph filter_graph(const KnowledgeGraph& graph, const GraphFilter& filter);

// Names in filter.relations that no edge of `graph` has as relation or class (likely typos),
// in the filter's order.
std::vector<std::string> unmatched_relations(const KnowledgeGraph& graph, const GraphFilter& filter);

// "person,ORG" -> {"PERSON", "ORG"}: a comma-separated list of entity type names, any case,
// spaces around names ignored, duplicates dropped. Throws kg::UsageError for an empty list
// or item, or an unknown type (the message lists the known ones).
std::vector<std::string> parse_entity_types(std::string_view list);

// "meet, role" -> {"meet", "role"}: a comma-separated list of relation or relation class
// names, spaces around names ignored, duplicates dropped; names are matched exactly. Throws kg::UsageError for an
// empty list or item.
std::vector<std::string> parse_relations(std::string_view list);

// "PERSON, ORG, GPE, LOC, EVENT, DATE, NORP, WORK_OF_ART, AWARD": the entity types, for messages and help.
std::string known_entity_types();

// "meet, lead, role, member, said, quote, located_in, held_in, date, part_of, other": the
// relation classes, for help.
std::string known_relation_classes();

}  // namespace kg::graph
