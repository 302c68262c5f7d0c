// Cross-document merging in KnowledgeGraph, on Documents built by hand (entities, triples
// and sentences filled directly, no extractor): keys, personal-name variants, names and
// aliases, types, edge weights and evidence, parallel edges, ids and determinism.
// One TEST_CASE per edge case.
#include "graph/knowledge_graph.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/text/document.h"

using kg::extract::Document;
using kg::extract::Entity;
using kg::extract::EntityType;
using kg::extract::Sentence;
using kg::extract::Triple;
using kg::graph::Edge;
using kg::graph::EntityNode;
using kg::graph::KnowledgeGraph;
using kg::graph::RelationEdge;
using kg::graph::Vertex;

namespace {

// Builds a Document by hand: sentences appended to the text, entities and triples by index.
class DocBuilder {
 public:
  explicit DocBuilder(std::string name) { doc_.name = std::move(name); }

  std::uint32_t sentence(std::string_view text) {
    if (!doc_.text.empty()) doc_.text += ' ';
    Sentence s;
    s.begin = static_cast<std::uint32_t>(doc_.text.size());
    doc_.text += text;
    s.end = static_cast<std::uint32_t>(doc_.text.size());
    doc_.sentences.push_back(s);
    return static_cast<std::uint32_t>(doc_.sentences.size() - 1);
  }

  // An entity with `mentions` mentions; aliases default to the name alone.
  std::uint32_t entity(std::string name, EntityType type, std::string key = "", std::vector<std::string> aliases = {},
                       std::vector<std::string> titles = {}, std::uint32_t mentions = 1) {
    Entity e;
    e.type = type;
    e.key = std::move(key);
    e.aliases = aliases.empty() ? std::vector<std::string>{name} : std::move(aliases);
    e.name = std::move(name);
    e.titles = std::move(titles);
    for (std::uint32_t i = 0; i < mentions; ++i) e.mentions.push_back(next_mention_++);
    doc_.entities.push_back(std::move(e));
    return static_cast<std::uint32_t>(doc_.entities.size() - 1);
  }

  // A triple stated by the whole of sentence `s`.
  void triple(std::uint32_t subject, std::string relation, std::uint32_t object, std::uint32_t s,
              std::string label = "") {
    Triple t;
    t.subject = subject;
    t.object = object;
    t.label = label.empty() ? relation : std::move(label);
    t.relation = std::move(relation);
    t.sentence = s;
    t.begin = doc_.sentences.at(s).begin;
    t.end = doc_.sentences.at(s).end;
    doc_.triples.push_back(std::move(t));
  }

  const Document& doc() const { return doc_; }

 private:
  Document doc_;
  std::uint32_t next_mention_ = 0;
};

std::vector<const EntityNode*> nodes(const KnowledgeGraph& g) {
  std::vector<const EntityNode*> out;
  for (Vertex v : boost::make_iterator_range(boost::vertices(g.graph()))) out.push_back(&g.graph()[v]);
  return out;
}

const EntityNode* node_labelled(const KnowledgeGraph& g, std::string_view label) {
  for (const EntityNode* n : nodes(g))
    if (n->label == label) return n;
  return nullptr;
}

bool contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

std::string dump(const KnowledgeGraph& g) {
  std::string out = "\n";
  for (const EntityNode* n : nodes(g)) {
    out += "  " + n->id + " " + n->type + " '" + n->label + "' aliases=";
    for (const auto& a : n->aliases) out += "|" + a;
    out += " mentions=" + std::to_string(n->mentions) + "\n";
  }
  for (Edge e : g.edges_in_order()) {
    const RelationEdge& r = g.graph()[e];
    out += "  " + r.id + " " + g.graph()[boost::source(e, g.graph())].id + " -" + r.relation + "-> " +
           g.graph()[boost::target(e, g.graph())].id + " weight=" + std::to_string(r.weight) + "\n";
  }
  return out;
}

// Two documents about France and Germany used by several cases.
Document france_meets_germany(const std::string& name, const std::string& sentence) {
  DocBuilder b(name);
  std::uint32_t s = b.sentence(sentence);
  std::uint32_t france = b.entity("France", EntityType::Gpe, "GPE:france", {"France", "French"});
  std::uint32_t germany = b.entity("Germany", EntityType::Gpe, "GPE:germany");
  b.triple(france, "meet", germany, s, "met");
  return b.doc();
}

// A full picture of a graph, to compare two graphs field by field.
std::string snapshot(const KnowledgeGraph& g) {
  std::string out;
  for (const EntityNode* n : nodes(g)) {
    out += n->id + "|" + n->label + "|" + n->type + "|" + std::to_string(n->mentions);
    for (const auto& a : n->aliases) out += "|a:" + a;
    for (const auto& t : n->titles) out += "|t:" + t;
    for (const auto& d : g.node_documents(*n)) out += "|d:" + d;
    out += "\n";
  }
  for (Edge e : g.edges_in_order()) {
    const RelationEdge& r = g.graph()[e];
    out += r.id + "|" + g.graph()[boost::source(e, g.graph())].id + "|" + r.relation + "|" +
           g.graph()[boost::target(e, g.graph())].id + "|" + r.label + "|" + std::to_string(r.weight) + "|" +
           std::string(kg::extract::to_string(r.relation_class));
    for (const auto& ev : r.evidence)
      out += "|" + std::string(g.evidence_document(ev)) + ":" + std::to_string(ev.sentence) + ":" + std::to_string(ev.begin) + "-" +
             std::to_string(ev.end);
    out += "\n";
  }
  return out;
}

}  // namespace

// ---- keys --------------------------------------------------------------------------------

TEST_CASE("graph: entities with the same key merge across documents") {
  KnowledgeGraph g;
  DocBuilder a("a.txt");
  a.sentence("France hosted the talks.");
  a.entity("France", EntityType::Gpe, "GPE:france", {"France"}, {}, 2);
  DocBuilder b("b.txt");
  b.sentence("French officials spoke.");
  b.entity("France", EntityType::Gpe, "GPE:france", {"France", "French"}, {}, 3);
  g.add_document(a.doc());
  g.add_document(b.doc());
  INFO(dump(g));
  REQUIRE(g.node_count() == 1);
  const EntityNode* france = node_labelled(g, "France");
  REQUIRE(france != nullptr);
  CHECK(france->type == "GPE");
  CHECK(france->aliases == std::vector<std::string>{"France", "French"});
  CHECK(france->mentions == 5);
  CHECK(g.node_documents(*france) == std::vector<std::string>{"a.txt", "b.txt"});
  CHECK(g.document_count() == 2);
}

TEST_CASE("graph: entities with different keys stay apart even with a shared alias") {
  KnowledgeGraph g;
  DocBuilder a("a.txt");
  a.entity("Paris", EntityType::Gpe, "GPE:paris", {"Paris"});
  DocBuilder b("b.txt");
  b.entity("France", EntityType::Gpe, "GPE:france", {"France", "Paris"});  // Paris as metonymy
  g.add_document(a.doc());
  g.add_document(b.doc());
  INFO(dump(g));
  CHECK(g.node_count() == 2);
}

TEST_CASE("graph: the same key within one document merges into one node") {
  KnowledgeGraph g;
  DocBuilder a("a.txt");
  a.entity("Japanese delegation", EntityType::Org, "ORG:group:japan");
  a.entity("Japanese team", EntityType::Org, "ORG:group:japan");
  g.add_document(a.doc());
  INFO(dump(g));
  REQUIRE(g.node_count() == 1);
  CHECK(nodes(g)[0]->aliases == std::vector<std::string>{"Japanese delegation", "Japanese team"});
  CHECK(g.node_documents(*nodes(g)[0]) == std::vector<std::string>{"a.txt"});
}

// ---- people ------------------------------------------------------------------------------

TEST_CASE("graph: Sergey Ivanov, Sergei Ivanov and Ivanov merge into one person") {
  KnowledgeGraph g;
  DocBuilder a("a.txt"), b("b.txt"), c("c.txt");
  a.entity("Sergey Ivanov", EntityType::Person);
  b.entity("Sergei Ivanov", EntityType::Person);
  c.entity("Ivanov", EntityType::Person);
  g.add_document(a.doc());
  g.add_document(b.doc());
  g.add_document(c.doc());
  INFO(dump(g));
  REQUIRE(g.node_count() == 1);
  const EntityNode* n = nodes(g)[0];
  CHECK(n->label == "Sergey Ivanov");
  CHECK(n->aliases == std::vector<std::string>{"Sergey Ivanov", "Sergei Ivanov", "Ivanov"});
  CHECK(n->mentions == 3);
}

TEST_CASE("graph: a surname seen first gives way to the full name as label") {
  KnowledgeGraph g;
  DocBuilder a("a.txt"), b("b.txt");
  a.entity("Ivanov", EntityType::Person);
  b.entity("Sergei Ivanov", EntityType::Person, "", {}, {"Deputy Minister"});
  g.add_document(a.doc());
  g.add_document(b.doc());
  INFO(dump(g));
  REQUIRE(g.node_count() == 1);
  CHECK(nodes(g)[0]->label == "Sergei Ivanov");
  CHECK(nodes(g)[0]->titles == std::vector<std::string>{"Deputy Minister"});
}

TEST_CASE("graph: same surname with different given names stays two people") {
  KnowledgeGraph g;
  DocBuilder a("a.txt"), b("b.txt");
  a.entity("Anna Ivanova", EntityType::Person);
  b.entity("Boris Ivanova", EntityType::Person);
  g.add_document(a.doc());
  g.add_document(b.doc());
  INFO(dump(g));
  CHECK(g.node_count() == 2);
  CHECK(node_labelled(g, "Anna Ivanova") != nullptr);
  CHECK(node_labelled(g, "Boris Ivanova") != nullptr);
}

TEST_CASE("graph: an initial merges with the full given name") {
  KnowledgeGraph g;
  DocBuilder a("a.txt"), b("b.txt");
  a.entity("John Smith", EntityType::Person);
  b.entity("J. Smith", EntityType::Person);
  g.add_document(a.doc());
  g.add_document(b.doc());
  INFO(dump(g));
  REQUIRE(g.node_count() == 1);
  CHECK(nodes(g)[0]->label == "John Smith");
}

TEST_CASE("graph: a person never merges with an organisation of the same name") {
  KnowledgeGraph g;
  DocBuilder a("a.txt"), b("b.txt");
  a.entity("Ken Sato", EntityType::Person);
  b.entity("Ken Sato", EntityType::Org);
  g.add_document(a.doc());
  g.add_document(b.doc());
  INFO(dump(g));
  CHECK(g.node_count() == 2);
}

// KNOWN GAP: a bare surname shared by two different people in the graph is merged into
// whichever was added first. Documents "Anna Ivanova", "Boris Ivanova", then "Ivanova" give
// 2 nodes, "Ivanova" becoming an alias of Anna Ivanova; expected the ambiguous surname not
// to be attached to either (3 nodes), as within-document resolution does for "Foreign
// Ministry" with two ministries.
TEST_CASE("graph: an ambiguous bare surname does not join one of two people") {
  KnowledgeGraph g;
  DocBuilder a("a.txt"), b("b.txt"), c("c.txt");
  a.entity("Anna Ivanova", EntityType::Person);
  b.entity("Boris Ivanova", EntityType::Person);
  c.entity("Ivanova", EntityType::Person);
  g.add_document(a.doc());
  g.add_document(b.doc());
  g.add_document(c.doc());
  INFO(dump(g));
  CHECK(g.node_count() == 3);
  const EntityNode* anna = node_labelled(g, "Anna Ivanova");
  REQUIRE(anna != nullptr);
  CHECK_FALSE(contains(anna->aliases, "Ivanova"));
}

// ---- names and aliases of unkeyed entities -----------------------------------------------

TEST_CASE("graph: unkeyed organisations merge by a shared alias") {
  KnowledgeGraph g;
  DocBuilder a("a.txt"), b("b.txt");
  a.entity("Kenya Revenue Authority", EntityType::Org, "", {"Kenya Revenue Authority", "KRA"});
  b.entity("KRA", EntityType::Org);
  g.add_document(a.doc());
  g.add_document(b.doc());
  INFO(dump(g));
  REQUIRE(g.node_count() == 1);
  CHECK(nodes(g)[0]->label == "Kenya Revenue Authority");
}

TEST_CASE("graph: unkeyed names merge case- and diacritic-insensitively") {
  KnowledgeGraph g;
  DocBuilder a("a.txt"), b("b.txt");
  a.entity("Banque Générale", EntityType::Org);
  b.entity("BANQUE GENERALE", EntityType::Org);
  g.add_document(a.doc());
  g.add_document(b.doc());
  INFO(dump(g));
  CHECK(g.node_count() == 1);
}

TEST_CASE("graph: GPE and ORG with the same words never merge (keyed GPE)") {
  KnowledgeGraph g;
  DocBuilder a("a.txt"), b("b.txt");
  a.entity("Kenya", EntityType::Gpe, "GPE:kenya");
  b.entity("Kenya", EntityType::Org);
  g.add_document(a.doc());
  g.add_document(b.doc());
  INFO(dump(g));
  CHECK(g.node_count() == 2);
}

TEST_CASE("graph: GPE and ORG with the same words never merge (both unkeyed)") {
  KnowledgeGraph g;
  DocBuilder a("a.txt"), b("b.txt");
  a.entity("Ruritania", EntityType::Gpe);
  b.entity("Ruritania", EntityType::Org);
  g.add_document(a.doc());
  g.add_document(b.doc());
  INFO(dump(g));
  REQUIRE(g.node_count() == 2);
  CHECK(nodes(g)[0]->type == "GPE");
  CHECK(nodes(g)[1]->type == "ORG");
}

TEST_CASE("graph: unkeyed organisations with different names stay apart") {
  KnowledgeGraph g;
  DocBuilder a("a.txt"), b("b.txt");
  a.entity("German Foreign Ministry", EntityType::Org);
  b.entity("French Foreign Ministry", EntityType::Org);
  g.add_document(a.doc());
  g.add_document(b.doc());
  INFO(dump(g));
  CHECK(g.node_count() == 2);
}

// ---- edges -------------------------------------------------------------------------------

TEST_CASE("graph: a repeated triple increases weight and evidence") {
  KnowledgeGraph g;
  g.add_document(france_meets_germany("a.txt", "France met Germany."));
  g.add_document(france_meets_germany("b.txt", "French officials met Germany again."));
  INFO(dump(g));
  REQUIRE(g.edge_count() == 1);
  const RelationEdge& edge = g.graph()[g.edges_in_order().at(0)];
  CHECK(edge.relation == "meet");
  CHECK(edge.label == "met");
  CHECK(edge.weight == 2);
  REQUIRE(edge.evidence.size() == 2);
  CHECK(g.evidence_document(edge.evidence[0]) == "a.txt");
  CHECK(g.evidence_text(edge.evidence[0]) == "France met Germany.");
  CHECK(g.evidence_document(edge.evidence[1]) == "b.txt");
  CHECK(g.evidence_text(edge.evidence[1]) == "French officials met Germany again.");
  CHECK(edge.evidence[1].begin == 0);
  CHECK(edge.evidence[1].end == std::string_view("French officials met Germany again.").size());
}

TEST_CASE("graph: an edge has the class of its triple, classified when the extractor set none") {
  KnowledgeGraph g;
  DocBuilder a("a.txt");
  const std::uint32_t s = a.sentence("Ann Lee, chairman of Acme, met Bo Chan in Oslo.");
  const std::uint32_t ann = a.entity("Ann Lee", EntityType::Person);
  const std::uint32_t acme = a.entity("Acme", EntityType::Org);
  const std::uint32_t bo = a.entity("Bo Chan", EntityType::Person);
  const std::uint32_t oslo = a.entity("Oslo", EntityType::Gpe);
  a.triple(ann, "chairman of", acme, s);
  a.triple(ann, "meet", bo, s);
  a.triple(ann, "meet in", oslo, s);
  g.add_document(a.doc());
  INFO(dump(g));
  REQUIRE(g.edge_count() == 3);
  CHECK(g.graph()[g.edges_in_order()[0]].relation_class == kg::extract::RelationClass::Role);
  CHECK(g.graph()[g.edges_in_order()[1]].relation_class == kg::extract::RelationClass::Meet);
  CHECK(g.graph()[g.edges_in_order()[2]].relation_class == kg::extract::RelationClass::HeldIn);
}

TEST_CASE("graph: triples of one relation with different classes merge, and the edge keeps the first class") {
  SUBCASE("classes set by the extractor") {
    KnowledgeGraph g;
    Document a = france_meets_germany("a.txt", "France met Germany.");
    Document b = france_meets_germany("b.txt", "France met Germany again.");
    a.triples[0].relation_class = kg::extract::RelationClass::Meet;
    b.triples[0].relation_class = kg::extract::RelationClass::Other;
    g.add_document(a);
    g.add_document(b);
    REQUIRE(g.edge_count() == 1);
    CHECK(g.graph()[g.edges_in_order()[0]].weight == 2);
    CHECK(g.graph()[g.edges_in_order()[0]].relation_class == kg::extract::RelationClass::Meet);
    // The other order gives the other class: first seen, not a vote or a ranking.
    KnowledgeGraph h;
    h.add_document(b);
    h.add_document(a);
    CHECK(h.graph()[h.edges_in_order()[0]].relation_class == kg::extract::RelationClass::Other);
  }
  SUBCASE("classes that differ because the ends were typed differently") {
    // One keyed entity, an ORG in a.txt and an EVENT in b.txt: "in" Oslo is located_in for
    // the first and held_in for the second; both statements land on one edge, located_in.
    KnowledgeGraph g;
    for (const auto& [name, type] : {std::pair{"a.txt", EntityType::Org}, std::pair{"b.txt", EntityType::Event}}) {
      DocBuilder b(name);
      const std::uint32_t s = b.sentence("The Oslo Forum in Oslo.");
      const std::uint32_t forum = b.entity("Oslo Forum", type, "forum");
      const std::uint32_t oslo = b.entity("Oslo", EntityType::Gpe, "GPE:oslo");
      b.triple(forum, "in", oslo, s);
      g.add_document(b.doc());
    }
    INFO(dump(g));
    REQUIRE(g.edge_count() == 1);
    CHECK(g.graph()[g.edges_in_order()[0]].weight == 2);
    CHECK(g.graph()[g.edges_in_order()[0]].relation_class == kg::extract::RelationClass::LocatedIn);
    CHECK(g.record(1).triples[0].relation_class == kg::extract::RelationClass::HeldIn);  // the record keeps its own
  }
}

TEST_CASE("graph: a triple repeated in two sentences of one document counts twice") {
  KnowledgeGraph g;
  DocBuilder a("a.txt");
  std::uint32_t s0 = a.sentence("France met Germany.");
  std::uint32_t s1 = a.sentence("They met again later.");
  std::uint32_t france = a.entity("France", EntityType::Gpe, "GPE:france");
  std::uint32_t germany = a.entity("Germany", EntityType::Gpe, "GPE:germany");
  a.triple(france, "meet", germany, s0);
  a.triple(france, "meet", germany, s1);
  g.add_document(a.doc());
  INFO(dump(g));
  REQUIRE(g.edge_count() == 1);
  const RelationEdge& edge = g.graph()[g.edges_in_order().at(0)];
  CHECK(edge.weight == 2);
  REQUIRE(edge.evidence.size() == 2);
  CHECK(edge.evidence[1].sentence == 1);
  CHECK(g.evidence_text(edge.evidence[1]) == "They met again later.");
  CHECK(edge.evidence[1].begin == a.doc().sentences[1].begin);
}

TEST_CASE("graph: parallel edges with different relations are kept") {
  KnowledgeGraph g;
  DocBuilder a("a.txt");
  std::uint32_t s = a.sentence("France met Germany and signed a treaty with it.");
  std::uint32_t france = a.entity("France", EntityType::Gpe, "GPE:france");
  std::uint32_t germany = a.entity("Germany", EntityType::Gpe, "GPE:germany");
  a.triple(france, "meet", germany, s);
  a.triple(france, "sign", germany, s);
  g.add_document(a.doc());
  INFO(dump(g));
  REQUIRE(g.edge_count() == 2);
  CHECK(g.graph()[g.edges_in_order()[0]].relation == "meet");
  CHECK(g.graph()[g.edges_in_order()[1]].relation == "sign");
}

TEST_CASE("graph: the same relation in the opposite direction is another edge") {
  KnowledgeGraph g;
  DocBuilder a("a.txt");
  std::uint32_t s = a.sentence("France criticised Germany and Germany criticised France.");
  std::uint32_t france = a.entity("France", EntityType::Gpe, "GPE:france");
  std::uint32_t germany = a.entity("Germany", EntityType::Gpe, "GPE:germany");
  a.triple(france, "criticize", germany, s);
  a.triple(germany, "criticize", france, s);
  g.add_document(a.doc());
  INFO(dump(g));
  CHECK(g.edge_count() == 2);
}

TEST_CASE("graph: edges between merged nodes join across documents") {
  KnowledgeGraph g;
  DocBuilder a("a.txt"), b("b.txt");
  std::uint32_t sa = a.sentence("Sergey Ivanov visited Kenya.");
  std::uint32_t ivanov_a = a.entity("Sergey Ivanov", EntityType::Person);
  std::uint32_t kenya_a = a.entity("Kenya", EntityType::Gpe, "GPE:kenya");
  a.triple(ivanov_a, "visit", kenya_a, sa);
  std::uint32_t sb = b.sentence("Kenya welcomed Ivanov, who visited Kenya.");
  std::uint32_t kenya = b.entity("Kenya", EntityType::Gpe, "GPE:kenya");
  std::uint32_t ivanov = b.entity("Sergei Ivanov", EntityType::Person, "", {"Sergei Ivanov", "Ivanov"});
  b.triple(ivanov, "visit", kenya, sb);
  g.add_document(a.doc());
  g.add_document(b.doc());
  INFO(dump(g));
  CHECK(g.node_count() == 2);
  REQUIRE(g.edge_count() == 1);
  CHECK(g.graph()[g.edges_in_order()[0]].weight == 2);
}

// KNOWN GAP: when two entities of one document merge into one node, a triple between them
// becomes a self-loop. A document whose extractor kept "Sergey Ivanov" and "Sergei Ivanov"
// apart, with the triple Sergey Ivanov -meet-> Sergei Ivanov, gives one node and the edge
// n0 -meet-> n0; expected no self-loop in the graph (the extractor promises none, and the
// graph should keep that promise after merging).
TEST_CASE("graph: merging never creates a self-loop") {
  KnowledgeGraph g;
  DocBuilder a("a.txt");
  std::uint32_t s = a.sentence("Sergey Ivanov met Sergei Ivanov.");
  std::uint32_t first = a.entity("Sergey Ivanov", EntityType::Person);
  std::uint32_t second = a.entity("Sergei Ivanov", EntityType::Person);
  a.triple(first, "meet", second, s);
  g.add_document(a.doc());
  INFO(dump(g));
  CHECK(g.node_count() == 1);
  for (Edge e : g.edges_in_order()) CHECK(boost::source(e, g.graph()) != boost::target(e, g.graph()));
}

// ---- ids, order, determinism ------------------------------------------------------------

TEST_CASE("graph: node and edge ids are n0.. and e0.. in insertion order") {
  KnowledgeGraph g;
  DocBuilder a("a.txt");
  std::uint32_t s = a.sentence("Kenya and Ghana met in Accra; Japan watched.");
  std::uint32_t kenya = a.entity("Kenya", EntityType::Gpe, "GPE:kenya");
  std::uint32_t ghana = a.entity("Ghana", EntityType::Gpe, "GPE:ghana");
  std::uint32_t accra = a.entity("Accra", EntityType::Gpe, "GPE:accra");
  a.triple(kenya, "meet", ghana, s);
  a.triple(kenya, "meet in", accra, s);
  DocBuilder b("b.txt");
  std::uint32_t sb = b.sentence("Japan met Kenya.");
  std::uint32_t japan = b.entity("Japan", EntityType::Gpe, "GPE:japan");
  std::uint32_t kenya_b = b.entity("Kenya", EntityType::Gpe, "GPE:kenya");
  b.triple(japan, "meet", kenya_b, sb);
  g.add_document(a.doc());
  g.add_document(b.doc());
  INFO(dump(g));
  std::vector<std::string> ids, labels;
  for (const EntityNode* n : nodes(g)) {
    ids.push_back(n->id);
    labels.push_back(n->label);
  }
  CHECK(ids == std::vector<std::string>{"n0", "n1", "n2", "n3"});
  CHECK(labels == std::vector<std::string>{"Kenya", "Ghana", "Accra", "Japan"});
  std::vector<std::string> edge_ids, edge_ends;
  for (Edge e : g.edges_in_order()) {
    edge_ids.push_back(g.graph()[e].id);
    edge_ends.push_back(g.graph()[boost::source(e, g.graph())].id + ">" + g.graph()[boost::target(e, g.graph())].id);
  }
  CHECK(edge_ids == std::vector<std::string>{"e0", "e1", "e2"});
  CHECK(edge_ends == std::vector<std::string>{"n0>n1", "n0>n2", "n3>n0"});
}

TEST_CASE("graph: two graphs built from the same documents are identical") {
  std::vector<Document> docs;
  {
    DocBuilder a("a.txt");
    std::uint32_t s = a.sentence("Foreign Minister Anna Berg met Kenyan officials in Nairobi.");
    std::uint32_t berg = a.entity("Anna Berg", EntityType::Person, "", {}, {"Foreign Minister"});
    std::uint32_t kenya = a.entity("Kenya", EntityType::Gpe, "GPE:kenya", {"Kenya", "Kenyan"});
    std::uint32_t nairobi = a.entity("Nairobi", EntityType::Gpe, "GPE:nairobi");
    a.triple(berg, "meet", kenya, s, "met");
    a.triple(berg, "meet in", nairobi, s, "met in");
    docs.push_back(a.doc());
    DocBuilder b("b.txt");
    std::uint32_t sb = b.sentence("Berg told the Kenya Revenue Authority (KRA) that talks would go on.");
    std::uint32_t berg_b = b.entity("Berg", EntityType::Person);
    std::uint32_t kra = b.entity("Kenya Revenue Authority", EntityType::Org, "", {"Kenya Revenue Authority", "KRA"});
    b.triple(berg_b, "tell", kra, sb, "told");
    docs.push_back(b.doc());
    DocBuilder c("c.txt");
    std::uint32_t sc = c.sentence("Anna Berg met Kenya again.");
    std::uint32_t berg_c = c.entity("Anna Berg", EntityType::Person);
    std::uint32_t kenya_c = c.entity("Kenya", EntityType::Gpe, "GPE:kenya");
    c.triple(berg_c, "meet", kenya_c, sc);
    docs.push_back(c.doc());
  }
  KnowledgeGraph first, second;
  for (const Document& d : docs) first.add_document(d);
  for (const Document& d : docs) second.add_document(d);
  INFO(dump(first));
  CHECK(first.node_count() == 4);
  CHECK(first.edge_count() == 3);
  CHECK(snapshot(first) == snapshot(second));
}

TEST_CASE("graph: an empty document counts but adds nothing") {
  KnowledgeGraph g;
  g.add_document(DocBuilder("empty.txt").doc());
  CHECK(g.document_count() == 1);
  CHECK(g.node_count() == 0);
  CHECK(g.edge_count() == 0);
  CHECK(g.edges_in_order().empty());
}

TEST_CASE("graph: documents() keeps each document's name and date in the order added") {
  KnowledgeGraph g;
  Document dated = DocBuilder("a.txt").doc();
  dated.date = "2025-02-27";
  g.add_document(dated);
  g.add_document(DocBuilder("b.txt").doc());
  REQUIRE(g.documents().size() == 2);
  CHECK(g.documents()[0].name == "a.txt");
  CHECK(g.documents()[0].date == "2025-02-27");
  CHECK(g.documents()[1].name == "b.txt");
  CHECK(g.documents()[1].date.empty());
}

TEST_CASE("graph: a moved graph keeps its edges in order (edge descriptors point into the new graph)") {
  DocBuilder a("a.txt");
  const std::uint32_t s = a.sentence("Ann Lee met Bo Chen in Oslo.");
  const std::uint32_t ann = a.entity("Ann Lee", EntityType::Person);
  const std::uint32_t bo = a.entity("Bo Chen", EntityType::Person);
  const std::uint32_t oslo = a.entity("Oslo", EntityType::Gpe, "GPE:oslo");
  a.triple(ann, "meet", bo, s, "met");
  a.triple(ann, "visit", oslo, s, "in");
  KnowledgeGraph original;
  original.add_document(a.doc());
  const std::string before = snapshot(original);
  KnowledgeGraph moved(std::move(original));
  CHECK(snapshot(moved) == before);
  KnowledgeGraph assigned;
  assigned = std::move(moved);
  CHECK(snapshot(assigned) == before);
  // The moved graph goes on growing like the original would.
  assigned.add_document(a.doc());
  REQUIRE(assigned.edges_in_order().size() == 2);
  CHECK(assigned.graph()[assigned.edges_in_order()[0]].weight == 2);
}
