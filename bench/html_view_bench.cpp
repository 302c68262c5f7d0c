// kg_html_view_bench: a synthetic graph of N nodes written as kgbuild's HTML page, for
// measuring how the page behaves at a size the samples never reach. Figures and the
// command that reproduces them: docs/BENCHMARKS.md ("The HTML view at 5,000 nodes").
//
// Usage: kg_html_view_bench [--nodes N] [--shown K] [--repeat R] OUT.html
// The graph: node i (i >= 1) is stated to meet, lead or be spokesperson of two nodes
// chosen among the ends of the edges so far (preferential attachment, a fixed-seed
// generator), one document per node, so degrees follow a power law as in news corpora:
// N nodes, about 2N edges, every entity type. The page shows the K most connected nodes
// first (default 2000, kgbuild's default; --shown N draws every node).
// Output (stdout): nodes= edges= bytes= export_s_min= export_s_mean= (the exporter,
// layout included, R times into memory); the page is written to OUT.html.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "export/exporter.h"
#include "graph/knowledge_graph.h"

namespace {

const char* const kTypes[] = {"PERSON", "ORG", "GPE", "LOC", "EVENT", "DATE", "NORP", "WORK_OF_ART", "AWARD"};
const kg::extract::EntityType kEntityTypes[] = {
    kg::extract::EntityType::Person, kg::extract::EntityType::Org,   kg::extract::EntityType::Gpe,
    kg::extract::EntityType::Loc,    kg::extract::EntityType::Event, kg::extract::EntityType::Date,
    kg::extract::EntityType::Norp,   kg::extract::EntityType::WorkOfArt, kg::extract::EntityType::Award};

kg::graph::EntityRecord entity(std::size_t i) {
  kg::graph::EntityRecord e;
  e.name = "Entity " + std::to_string(i);
  e.type = kEntityTypes[i % 9];
  e.key = std::string(kTypes[i % 9]) + ":synthetic " + std::to_string(i);
  e.aliases = {e.name, "E" + std::to_string(i)};
  e.mentions = 1 + static_cast<std::uint32_t>(i % 3);
  return e;
}

kg::graph::KnowledgeGraph synthetic_graph(std::size_t nodes) {
  kg::graph::KnowledgeGraph kg;
  std::mt19937 rng(5000);
  std::vector<std::size_t> ends{0};
  const char* const relations[] = {"meet", "lead", "spokesperson of"};
  const kg::extract::RelationClass classes[] = {kg::extract::RelationClass::Meet, kg::extract::RelationClass::Lead,
                                                kg::extract::RelationClass::Role};
  {
    kg::graph::DocumentRecord first;
    first.name = "synthetic/0000.txt";
    first.entities.push_back(entity(0));
    kg.add_record(std::move(first));
  }
  for (std::size_t i = 1; i < nodes; ++i) {
    kg::graph::DocumentRecord doc;
    std::string number = std::to_string(i);
    doc.name = "synthetic/" + std::string(number.size() < 4 ? 4 - number.size() : 0, '0') + number + ".txt";
    doc.entities.push_back(entity(i));
    std::vector<std::size_t> targets;
    for (int k = 0; k < 2; ++k) {
      const std::size_t t = ends[rng() % ends.size()];
      if (t == i || std::find(targets.begin(), targets.end(), t) != targets.end()) continue;
      targets.push_back(t);
      doc.entities.push_back(entity(t));
    }
    std::string text = "Entity " + std::to_string(i);
    for (std::size_t k = 0; k < targets.size(); ++k) {
      const std::size_t r = (i + k) % 3;
      kg::graph::TripleRecord t;
      t.subject = 0;
      t.object = static_cast<std::uint32_t>(k + 1);
      t.relation = relations[r];
      t.label = relations[r];
      t.sentence = static_cast<std::uint32_t>(k);
      t.evidence = "Entity " + std::to_string(i) + " said it would " + relations[r] + " Entity " +
                   std::to_string(targets[k]) + " again, officials said on Monday.";
      t.begin = 0;
      t.end = static_cast<std::uint32_t>(t.evidence.size());
      t.relation_class = classes[r];
      doc.triples.push_back(std::move(t));
      ends.push_back(i);
      ends.push_back(targets[k]);
    }
    kg.add_record(std::move(doc));
  }
  return kg;
}

int usage() {
  std::fputs("usage: kg_html_view_bench [--nodes N] [--shown K] [--repeat R] OUT.html\n", stderr);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t nodes = 5000, repeat = 3;
  kg::export_::ExportOptions options;
  std::string out;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if ((a == "--nodes" || a == "--shown" || a == "--repeat") && i + 1 < argc) {
      const unsigned long v = std::strtoul(argv[++i], nullptr, 10);
      if (v == 0) return usage();
      if (a == "--nodes") nodes = v;
      else if (a == "--shown") options.html_shown_nodes = static_cast<std::uint32_t>(v);
      else repeat = v;
    } else if (out.empty() && a.rfind("--", 0) != 0) {
      out = a;
    } else {
      return usage();
    }
  }
  if (out.empty()) return usage();
  const kg::graph::KnowledgeGraph kg = synthetic_graph(nodes);
  const auto exporter = kg::export_::make_exporter("html", options);
  std::string page;
  double best = 1e9, total = 0;
  for (std::size_t r = 0; r < repeat; ++r) {
    std::ostringstream stream;
    const auto start = std::chrono::steady_clock::now();
    exporter->write(kg, stream);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    best = std::min(best, s);
    total += s;
    page = std::move(stream).str();
  }
  std::ofstream file(out, std::ios::binary);
  file << page;
  if (!file) {
    std::fprintf(stderr, "kg_html_view_bench: %s: cannot write\n", out.c_str());
    return 1;
  }
  std::printf("nodes=%zu edges=%zu bytes=%zu export_s_min=%.3f export_s_mean=%.3f\n", kg.node_count(),
              kg.edge_count(), page.size(), best, total / static_cast<double>(repeat));
  return 0;
}
