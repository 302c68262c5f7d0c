#pragma once
// Test fixtures for the exporter tests: small KnowledgeGraphs built from hand-made
// Documents, the way the pipeline would hand them to KnowledgeGraph::add_document.
//
// What it provides: DocumentBuilder (sentences with valid byte ranges, entities with
// mentions, triples, a date) and four graphs: small_graph() (the first seven entity types,
// a merged edge of weight 2 from two documents, parallel edges, a self-loop, one dated
// document), hostile_graph() (quotes, <&>, ]]>, --, backslashes, line breaks, control
// bytes, NUL, ill-formed UTF-8 in every kind of string) and empty_graph(), the three listed
// in kFixtures, and every_type_graph() (one node of each entity type, for the exporters'
// type styles). Only the unit tests include this header.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "extract/text/document.h"
#include "graph/knowledge_graph.h"

namespace kg::export_::testing {

class DocumentBuilder {
 public:
  explicit DocumentBuilder(std::string name) { doc_.name = std::move(name); }

  // Appends a sentence (and a separating space) to the text; returns its index.
  std::uint32_t sentence(std::string_view text) {
    if (!doc_.text.empty()) doc_.text += ' ';
    extract::Sentence s;
    s.begin = static_cast<std::uint32_t>(doc_.text.size());
    doc_.text += text;
    s.end = static_cast<std::uint32_t>(doc_.text.size());
    doc_.sentences.push_back(s);
    return static_cast<std::uint32_t>(doc_.sentences.size() - 1);
  }

  // Adds an entity with `mentions` mentions in sentence 0; the name is its first alias.
  std::uint32_t entity(std::string name, extract::EntityType type,
                       std::vector<std::string> more_aliases = {},
                       std::vector<std::string> titles = {}, std::uint32_t mentions = 1) {
    const auto index = static_cast<std::uint32_t>(doc_.entities.size());
    extract::Entity e;
    e.name = name;
    e.type = type;
    e.aliases.push_back(name);
    for (auto& alias : more_aliases) e.aliases.push_back(std::move(alias));
    e.titles = std::move(titles);
    for (std::uint32_t i = 0; i < mentions; ++i) {
      extract::Mention m;
      m.type = type;
      m.text = name;
      m.entity = static_cast<int>(index);
      e.mentions.push_back(static_cast<std::uint32_t>(doc_.mentions.size()));
      doc_.mentions.push_back(std::move(m));
    }
    doc_.entities.push_back(std::move(e));
    return index;
  }

  // A triple whose evidence is the whole sentence.
  void triple(std::uint32_t subject, std::uint32_t object, std::string relation, std::string label,
              std::uint32_t sentence) {
    const extract::Sentence& s = doc_.sentences.at(sentence);
    doc_.triples.push_back({subject, object, std::move(relation), std::move(label), sentence,
                            s.begin, s.end, std::nullopt});  // the class: as the graph classifies it
  }

  // The publication date (Document::date), "YYYY-MM-DD".
  void date(std::string date) { doc_.date = std::move(date); }

  extract::Document build() && { return std::move(doc_); }

 private:
  extract::Document doc_;
};

using extract::EntityType;

// Two news documents. Expected: 10 nodes (the first seven types), 8 edges; e0 (Putin -meet-> Trump) has weight 2
// with evidence from both documents; e1 (Putin -criticise-> Trump) runs parallel to e0. news/b.txt
// is dated 2025-02-18 and news/a.txt is not, so e0 (both) and e5-e7 (b only) have a start date,
// e1-e4 (a only) none.
inline graph::KnowledgeGraph small_graph() {
  graph::KnowledgeGraph kg;
  {
    DocumentBuilder b("news/a.txt");
    const auto s0 = b.sentence("Russian President Vladimir Putin met Donald Trump in Riyadh on 18 February.");
    const auto s1 = b.sentence("Putin leads Russia.");
    const auto putin = b.entity("Vladimir Putin", EntityType::Person, {"Putin"}, {"Russian President"}, 2);
    const auto trump = b.entity("Donald Trump", EntityType::Person, {"Trump"}, {"President"});
    const auto riyadh = b.entity("Riyadh", EntityType::Gpe);
    const auto date = b.entity("18 February", EntityType::Date);
    const auto russia = b.entity("Russia", EntityType::Gpe, {"Russian"});
    b.triple(putin, trump, "meet", "met", s0);
    b.triple(putin, trump, "criticise", "criticised", s0);
    b.triple(trump, riyadh, "visit", "in", s0);
    b.triple(putin, date, "on date", "on", s0);
    b.triple(putin, russia, "lead", "leads", s1);
    kg.add_document(std::move(b).build());
  }
  {
    DocumentBuilder b("news/b.txt");
    b.date("2025-02-18");
    const auto s0 = b.sentence("Putin met Trump again at the G20 summit near the Red Sea.");
    const auto s1 = b.sentence("Kremlin spokesman Dmitry Peskov said Europeans were alarmed.");
    const auto putin = b.entity("Vladimir Putin", EntityType::Person, {"Putin"});
    const auto trump = b.entity("Donald Trump", EntityType::Person, {"Trump"});
    const auto summit = b.entity("G20 summit", EntityType::Event);
    const auto sea = b.entity("Red Sea", EntityType::Loc);
    const auto kremlin = b.entity("Kremlin", EntityType::Org);
    const auto europeans = b.entity("Europeans", EntityType::Norp);
    const auto peskov = b.entity("Dmitry Peskov", EntityType::Person, {}, {"Kremlin spokesman"});
    b.triple(putin, trump, "meet", "met", s0);
    b.triple(summit, sea, "located near", "near", s0);
    b.triple(peskov, kremlin, "spokesperson of", "spokesman", s1);
    b.triple(peskov, peskov, "say", "said", s1);  // a self-loop must survive every format
    (void)europeans;
    kg.add_document(std::move(b).build());
  }
  return kg;
}

// One node per entity type (extract::kEntityTypes), named after its type, no edges.
inline graph::KnowledgeGraph every_type_graph() {
  graph::KnowledgeGraph kg;
  DocumentBuilder b("news/types.txt");
  b.sentence("One of each.");
  for (const EntityType type : extract::kEntityTypes) b.entity(std::string(extract::to_string(type)), type);
  kg.add_document(std::move(b).build());
  return kg;
}

// Bytes that break naive writers. The names are distinct so no two entities merge.
inline const std::string kNul{"nul\0byte", 8};
inline const std::string kQuoteName = "Tom \"The Hammer\" O'Neil";
inline const std::string kMarkupName = "A&B <Corp> ]]> -- <!-- x -->";
inline const std::string kLineBreakName = "Line\nbreak\r\nand\rCR\tTab";
inline const std::string kBackslashName = "C:\\path\\ ends \\";
inline const std::string kControlName = "Ctl\x01\x1b[31m\x7f" + kNul;
inline const std::string kBadUtf8Name = "Bad\xff|\xc3|\xed\xa0\x80|\xef\xbf\xbe|\xe2\x82";
inline const std::string kUnicodeName = "\xc3\x96ncu Ke\xc3\xa7" "eli \xf0\x9f\x99\x82";

// Expected: 7 nodes, 4 edges (one a self-loop).
inline graph::KnowledgeGraph hostile_graph() {
  graph::KnowledgeGraph kg;
  DocumentBuilder b("dir/we\"ird & <doc>\n.txt");
  const auto s0 = b.sentence("He said \"<hi>\" & left -- ]]> \\ \x01\x1b back\\slash\r\nline");
  const auto s1 = b.sentence("Bad \xff bytes and " + kNul + " end");
  const auto quote = b.entity(kQuoteName, EntityType::Person, {"O'Neil", "\"Hammer\""},
                              {"CEO <acting> & chair", "a | b"});
  const auto markup = b.entity(kMarkupName, EntityType::Org, {"A&B"});
  const auto lines = b.entity(kLineBreakName, EntityType::Gpe);
  const auto backslash = b.entity(kBackslashName, EntityType::Loc);
  const auto control = b.entity(kControlName, EntityType::Event);
  const auto bad = b.entity(kBadUtf8Name, EntityType::Norp);
  const auto unicode = b.entity(kUnicodeName, EntityType::Person, {"Ke\xc3\xa7" "eli"});
  b.triple(quote, markup, "say \"hi\"", "<said>\n", s0);
  b.triple(lines, backslash, "back\\slash", "ends \\", s0);
  b.triple(control, bad, "ctl\x02" + kNul, "bad \xfe", s1);
  b.triple(unicode, unicode, "]]>", "--", s1);
  kg.add_document(std::move(b).build());
  return kg;
}

inline graph::KnowledgeGraph empty_graph() { return {}; }

// Every fixture by name. Tests build each one in place (`const auto kg = f.make();`):
// a KnowledgeGraph must not be copied, because its edge order list holds edge
// descriptors, which point into the graph they came from.
struct Fixture {
  std::string_view name;
  graph::KnowledgeGraph (*make)();
};
inline constexpr Fixture kFixtures[] = {
    {"small", &small_graph}, {"hostile", &hostile_graph}, {"empty", &empty_graph}};

}  // namespace kg::export_::testing
