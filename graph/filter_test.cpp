// Export filters on the exporters' small fixture graph (export/test_graphs.h): each step,
// their order, the --max-nodes ranking and its tie-breaks, the subgraph's ids and evidence,
// and the option-value parsers. One TEST_CASE per edge case.
//
// The fixture, with weighted degrees: n0 Vladimir Putin (PERSON, 3 mentions, degree 5),
// n1 Donald Trump (PERSON, 2 mentions, 4), n2 Riyadh (GPE, 1), n3 18 February (DATE, 1),
// n4 Russia (GPE, 1), n5 G20 summit (EVENT, 1), n6 Red Sea (LOC, 1), n7 Kremlin (ORG, 1),
// n8 Europeans (NORP, no edge), n9 Dmitry Peskov (PERSON, 3: e6 and the self-loop e7).
// Edges: e0 n0-meet->n1 (weight 2), e1 n0-criticise->n1, e2 n1-visit->n2, e3 n0-on date->n3,
// e4 n0-lead->n4, e5 n5-located near->n6, e6 n9-spokesperson of->n7, e7 n9-say->n9.
// Their classes: e0 meet, e1 said, e2 other, e3 date, e4 lead, e5 other, e6 role, e7 said.
#include "graph/filter.h"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "export/test_graphs.h"
#include "extract/text/error.h"

// GCC 12 warns about the members a designated initializer leaves to their defaults, which is
// what these tests want.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

using kg::graph::filter_graph;
using kg::graph::GraphFilter;
using kg::graph::KnowledgeGraph;
using Strings = std::vector<std::string>;

namespace {

Strings node_ids(const KnowledgeGraph& kg) {
  Strings ids;
  for (auto v : boost::make_iterator_range(boost::vertices(kg.graph()))) ids.push_back(kg.graph()[v].id);
  return ids;
}

Strings edge_ids(const KnowledgeGraph& kg) {
  Strings ids;
  for (auto e : kg.edges_in_order()) ids.push_back(kg.graph()[e].id);
  return ids;
}

const Strings kAllNodes{"n0", "n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9"};
const Strings kAllEdges{"e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7"};

std::string usage_error(void (*f)()) {
  try {
    f();
  } catch (const kg::UsageError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("filter: the default filter keeps every node, edge, id and the document count") {
  const KnowledgeGraph full = kg::export_::testing::small_graph();
  CHECK(GraphFilter{}.keeps_everything());
  const KnowledgeGraph kept = filter_graph(full, {});
  CHECK(node_ids(kept) == kAllNodes);
  CHECK(edge_ids(kept) == kAllEdges);
  CHECK(kept.document_count() == 2);
}

TEST_CASE("filter: types keep nodes of those types and the edges between them") {
  const KnowledgeGraph kept = filter_graph(kg::export_::testing::small_graph(), {.types = {"PERSON"}});
  CHECK(node_ids(kept) == Strings{"n0", "n1", "n9"});
  CHECK(edge_ids(kept) == Strings{"e0", "e1", "e7"});
}

TEST_CASE("filter: relations keep only those edges, and every node") {
  const KnowledgeGraph kept = filter_graph(kg::export_::testing::small_graph(), {.relations = {"meet", "say"}});
  CHECK(node_ids(kept) == kAllNodes);
  CHECK(edge_ids(kept) == Strings{"e0", "e7"});
}

TEST_CASE("filter: relations keep the edges of a listed relation class too") {
  const KnowledgeGraph full = kg::export_::testing::small_graph();
  CHECK(edge_ids(filter_graph(full, {.relations = {"role", "date"}})) == Strings{"e3", "e6"});
  // A name is a relation, a class or both ("meet"); an edge matching either way is kept once.
  CHECK(edge_ids(filter_graph(full, {.relations = {"meet", "said"}})) == Strings{"e0", "e1", "e7"});
  CHECK(edge_ids(filter_graph(full, {.relations = {"other", "visit"}})) == Strings{"e2", "e5"});
  CHECK(edge_ids(filter_graph(full, {.relations = {"Role", "held_in"}})).empty());  // exact names
}

TEST_CASE("filter: min_weight keeps edges stated at least that often") {
  const KnowledgeGraph full = kg::export_::testing::small_graph();
  CHECK(edge_ids(filter_graph(full, {.min_weight = 2})) == Strings{"e0"});
  CHECK(edge_ids(filter_graph(full, {.min_weight = 1})) == kAllEdges);
  CHECK(edge_ids(filter_graph(full, {.min_weight = 3})).empty());
}

TEST_CASE("filter: drop_isolated drops nodes without edges, and a self-loop is an edge") {
  const KnowledgeGraph full = kg::export_::testing::small_graph();
  CHECK(node_ids(filter_graph(full, {.drop_isolated = true})) ==
        Strings{"n0", "n1", "n2", "n3", "n4", "n5", "n6", "n7", "n9"});
  const KnowledgeGraph loop = filter_graph(full, {.relations = {"say"}, .drop_isolated = true});
  CHECK(node_ids(loop) == Strings{"n9"});
  CHECK(edge_ids(loop) == Strings{"e7"});
}

TEST_CASE("filter: drop_isolated comes after the edge filters") {
  const KnowledgeGraph kept =
      filter_graph(kg::export_::testing::small_graph(), {.min_weight = 2, .drop_isolated = true});
  CHECK(node_ids(kept) == Strings{"n0", "n1"});
  CHECK(edge_ids(kept) == Strings{"e0"});
}

TEST_CASE("filter: max_nodes keeps the highest weighted degrees (a self-loop counts twice)") {
  const KnowledgeGraph kept = filter_graph(kg::export_::testing::small_graph(), {.max_nodes = 3});
  CHECK(node_ids(kept) == Strings{"n0", "n1", "n9"});
  CHECK(edge_ids(kept) == Strings{"e0", "e1", "e7"});
}

TEST_CASE("filter: max_nodes breaks equal degrees by node order") {
  // n2 to n7 all have degree 1 and one mention: n2 comes first.
  const KnowledgeGraph kept = filter_graph(kg::export_::testing::small_graph(), {.max_nodes = 4});
  CHECK(node_ids(kept) == Strings{"n0", "n1", "n2", "n9"});
  CHECK(edge_ids(kept) == Strings{"e0", "e1", "e2", "e7"});
}

TEST_CASE("filter: max_nodes breaks equal degrees by mentions before node order") {
  // Only the self-loop is left: n9 has degree 2, n0 (3 mentions) beats n1 (2) at degree 0.
  const KnowledgeGraph kept = filter_graph(kg::export_::testing::small_graph(),
                                           {.types = {"PERSON"}, .relations = {"say"}, .max_nodes = 2});
  CHECK(node_ids(kept) == Strings{"n0", "n9"});
}

TEST_CASE("filter: max_nodes ranks on the edges the earlier steps kept") {
  // Without e0 and e1, Trump (degree 4 on the whole graph) drops to 1: Peskov (3) and
  // Putin (2: e3, e4) are the two kept, and only Peskov's self-loop joins them.
  const KnowledgeGraph kept = filter_graph(kg::export_::testing::small_graph(),
                                           {.relations = {"visit", "on date", "lead", "spokesperson of", "say"},
                                            .max_nodes = 2});
  CHECK(node_ids(kept) == Strings{"n0", "n9"});
  CHECK(edge_ids(kept) == Strings{"e7"});
}

TEST_CASE("filter: with drop_isolated, nodes the max_nodes cut leaves alone are dropped too") {
  // visit and lead: n0 -> n4 and n1 -> n2, all of degree 1; the two kept (n0, n1 by
  // mentions) share no edge.
  const GraphFilter cut{.relations = {"visit", "lead"}, .drop_isolated = true, .max_nodes = 2};
  const KnowledgeGraph full = kg::export_::testing::small_graph();
  CHECK(node_ids(filter_graph(full, cut)).empty());
  GraphFilter keep_alone = cut;
  keep_alone.drop_isolated = false;
  CHECK(node_ids(filter_graph(full, keep_alone)) == Strings{"n0", "n1"});
  CHECK(edge_ids(filter_graph(full, keep_alone)).empty());
}

TEST_CASE("filter: max_nodes above the node count keeps everything") {
  const KnowledgeGraph kept = filter_graph(kg::export_::testing::small_graph(), {.max_nodes = 10});
  CHECK(node_ids(kept) == kAllNodes);
  CHECK(edge_ids(kept) == kAllEdges);
}

TEST_CASE("filter: kept nodes and edges keep every property and evidence entry") {
  const KnowledgeGraph full = kg::export_::testing::small_graph();
  const KnowledgeGraph kept = filter_graph(full, {.types = {"PERSON"}});
  const auto& putin = kept.graph()[0];
  CHECK(putin.label == "Vladimir Putin");
  CHECK(putin.aliases == Strings{"Vladimir Putin", "Putin"});
  CHECK(putin.titles == Strings{"Russian President"});
  CHECK(putin.mentions == 3);
  CHECK(kept.node_documents(putin) == Strings{"news/a.txt", "news/b.txt"});
  const auto& meet = kept.graph()[kept.edges_in_order().front()];
  CHECK(meet.relation == "meet");
  CHECK(meet.label == "met");
  CHECK(meet.weight == 2);
  REQUIRE(meet.evidence.size() == 2);
  CHECK(kept.evidence_document(meet.evidence[1]) == "news/b.txt");
  CHECK(kept.evidence_text(meet.evidence[1]) == "Putin met Trump again at the G20 summit near the Red Sea.");
  CHECK(kept.graph()[boost::target(kept.edges_in_order()[2], kept.graph())].id == "n9");
}

TEST_CASE("filter: a filtered graph still merges new documents and never reuses an id") {
  KnowledgeGraph kept = filter_graph(kg::export_::testing::small_graph(), {.types = {"PERSON"}});
  kg::export_::testing::DocumentBuilder b("news/c.txt");
  const auto s = b.sentence("Putin met Trump in Alaska.");
  const auto putin = b.entity("Vladimir Putin", kg::extract::EntityType::Person, {"Putin"});
  const auto alaska = b.entity("Alaska", kg::extract::EntityType::Gpe);
  b.triple(putin, alaska, "visit", "in", s);
  kept.add_document(std::move(b).build());
  CHECK(node_ids(kept) == Strings{"n0", "n1", "n9", "n10"});
  CHECK(edge_ids(kept) == Strings{"e0", "e1", "e7", "e8"});
  CHECK(kept.graph()[0].mentions == 4);
  CHECK(kept.document_count() == 3);
}

TEST_CASE("filter: a filtered graph assigned over its source keeps readable edges") {
  // kgbuild's run does exactly this; a Graph that moved by copy would leave the edge
  // order pointing into the destroyed temporary.
  KnowledgeGraph graph = kg::export_::testing::small_graph();
  graph = filter_graph(graph, {.types = {"PERSON"}});
  Strings relations;
  for (auto e : graph.edges_in_order()) relations.push_back(graph.graph()[e].relation);
  CHECK(relations == Strings{"meet", "criticise", "say"});
  const KnowledgeGraph moved(std::move(graph));
  CHECK(moved.evidence_text(moved.graph()[moved.edges_in_order().back()].evidence.front()) ==
        "Kremlin spokesman Dmitry Peskov said Europeans were alarmed.");
}

TEST_CASE("filter: subgraph refuses keep lists of the wrong size") {
  const KnowledgeGraph full = kg::export_::testing::small_graph();
  CHECK_THROWS_AS(full.subgraph(std::vector<bool>(9, true), std::vector<bool>(8, true)), std::invalid_argument);
  CHECK_THROWS_AS(full.subgraph(std::vector<bool>(10, true), std::vector<bool>(7, true)), std::invalid_argument);
}

TEST_CASE("filter: filtering is deterministic") {
  const KnowledgeGraph full = kg::export_::testing::small_graph();
  const GraphFilter f{.types = {"PERSON", "GPE"}, .drop_isolated = true, .max_nodes = 3};
  const KnowledgeGraph a = filter_graph(full, f), b = filter_graph(full, f);
  CHECK(node_ids(a) == node_ids(b));
  CHECK(edge_ids(a) == edge_ids(b));
  CHECK(node_ids(a) == Strings{"n0", "n1", "n9"});  // degrees 4 (3 mentions), 4 (2), 2
}

TEST_CASE("filter: unmatched_relations names the relations and classes no edge has") {
  const KnowledgeGraph full = kg::export_::testing::small_graph();
  CHECK(kg::graph::unmatched_relations(full, {.relations = {"mett", "meet", "Lead"}}) == Strings{"mett", "Lead"});
  CHECK(kg::graph::unmatched_relations(full, {}).empty());
  CHECK(kg::graph::unmatched_relations(full, {.relations = {"role", "quote", "located_in"}}) ==
        Strings{"quote", "located_in"});
}

TEST_CASE("filter: parse_entity_types takes any case, trims spaces, drops repeats") {
  CHECK(kg::graph::parse_entity_types("person, Org ,PERSON") == Strings{"PERSON", "ORG"});
  CHECK(kg::graph::parse_entity_types("NORP") == Strings{"NORP"});
}

TEST_CASE("filter: parse_entity_types names an unknown type and lists the known ones") {
  CHECK(usage_error([] { kg::graph::parse_entity_types("PERSON,Persn"); }) ==
        "unknown entity type 'Persn' (known: PERSON, ORG, GPE, LOC, EVENT, DATE, NORP, WORK_OF_ART, AWARD)");
}

TEST_CASE("filter: parse_entity_types and parse_relations refuse empty items") {
  CHECK(usage_error([] { kg::graph::parse_entity_types("PERSON,,ORG"); }) ==
        "empty entity type name in 'PERSON,,ORG'");
  CHECK(usage_error([] { kg::graph::parse_relations("meet, "); }) == "empty relation name in 'meet, '");
  CHECK(usage_error([] { kg::graph::parse_relations(","); }) == "empty relation name in ','");
}

TEST_CASE("filter: parse_relations trims spaces, keeps inner ones, drops repeats") {
  CHECK(kg::graph::parse_relations(" meet,spokesperson of , meet") == Strings{"meet", "spokesperson of"});
}
