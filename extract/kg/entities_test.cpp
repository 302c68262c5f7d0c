// Within-document resolution on short invented news texts: short organisation and event
// names joining longer ones, ambiguity between two countries' bodies, personal names,
// gazetteer aliases, demonyms and capitals, groups. One TEST_CASE per pattern.
#include "extract/kg/entities.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "extract/kg/mentions.h"
#include "extract/kg/pipeline.h"
#include "extract/nlp/lexicon.h"
#include "extract/text/document.h"
#include "extract/text/tokenizer.h"

using kg::extract::Document;
using kg::extract::Entity;
using kg::extract::EntityType;
using kg::extract::Mention;
using kg::extract::Pipeline;

namespace {

Document extract(std::string text) {
  Document doc;
  doc.name = "test.txt";
  doc.text = std::move(text);
  Pipeline().run(doc);
  return doc;
}

std::string dump(const Document& doc) {
  std::string out = "\n";
  for (const Mention& m : doc.mentions)
    out += "  mention s" + std::to_string(m.sentence) + " " + std::string(to_string(m.type)) + " '" + m.text +
           "' entity=" + std::to_string(m.entity) + "\n";
  for (std::size_t i = 0; i < doc.entities.size(); ++i) {
    const Entity& e = doc.entities[i];
    out += "  entity " + std::to_string(i) + " " + std::string(to_string(e.type)) + " '" + e.name + "' key='" + e.key +
           "' aliases=";
    for (const auto& a : e.aliases) out += "|" + a;
    out += "\n";
  }
  return out;
}

bool contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

const Entity* find_entity(const Document& doc, std::string_view name, EntityType type) {
  for (const Entity& e : doc.entities)
    if (e.name == name && e.type == type) return &e;
  return nullptr;
}

// The entity that the mention with this exact text (the n-th such mention) belongs to.
const Entity* entity_of_mention(const Document& doc, std::string_view text, int nth = 0) {
  for (const Mention& m : doc.mentions) {
    if (m.text != text) continue;
    if (nth-- > 0) continue;
    if (m.entity < 0) return nullptr;
    return &doc.entities.at(static_cast<std::size_t>(m.entity));
  }
  return nullptr;
}

std::size_t count_type(const Document& doc, EntityType type) {
  return static_cast<std::size_t>(
      std::count_if(doc.entities.begin(), doc.entities.end(), [type](const Entity& e) { return e.type == type; }));
}

}  // namespace

// ---- organisations ------------------------------------------------------------------------

TEST_CASE("entities: a shorter organisation name joins the unique longer one it ends") {
  const Document doc = extract(
      "The German Foreign Ministry summoned the envoy. The Foreign Ministry said the envoy had been warned.");
  INFO(dump(doc));
  const Entity* ministry = find_entity(doc, "German Foreign Ministry", EntityType::Org);
  REQUIRE(ministry != nullptr);
  CHECK(contains(ministry->aliases, "Foreign Ministry"));
  CHECK(ministry->mentions.size() == 2);
  CHECK(count_type(doc, EntityType::Org) == 1);
}

TEST_CASE("entities: a shorter organisation name stays separate when two countries' bodies match") {
  const Document doc = extract(
      "The German Foreign Ministry and the French Foreign Ministry issued a joint statement. "
      "The Foreign Ministry said it was satisfied.");
  INFO(dump(doc));
  const Entity* german = find_entity(doc, "German Foreign Ministry", EntityType::Org);
  const Entity* french = find_entity(doc, "French Foreign Ministry", EntityType::Org);
  REQUIRE(german != nullptr);
  REQUIRE(french != nullptr);
  CHECK_FALSE(contains(german->aliases, "Foreign Ministry"));
  CHECK_FALSE(contains(french->aliases, "Foreign Ministry"));
  CHECK(find_entity(doc, "Foreign Ministry", EntityType::Org) != nullptr);
}

// KNOWN GAP: a possessive country before an organisation ("Kenya's Foreign Ministry") is not
// recorded, so the bare "Foreign Ministry" later joins another country's ministry.
// "Kenya's Foreign Ministry said the envoy was recalled. The German Foreign Ministry said it
// regretted the decision." gives one ORG "German Foreign Ministry" with alias "Foreign
// Ministry" (Kenya's ministry merged into Germany's); expected two distinct ORGs (Kenya's
// Foreign Ministry and the German Foreign Ministry).
TEST_CASE("entities: 'Kenya's Foreign Ministry' does not join the German Foreign Ministry") {
  const Document doc = extract(
      "Kenya's Foreign Ministry said the envoy was recalled. The German Foreign Ministry said it regretted the decision.");
  INFO(dump(doc));
  const Entity* kenyan = entity_of_mention(doc, "Foreign Ministry");
  const Entity* german = find_entity(doc, "German Foreign Ministry", EntityType::Org);
  REQUIRE(kenyan != nullptr);
  REQUIRE(german != nullptr);
  CHECK(kenyan != german);
  CHECK(count_type(doc, EntityType::Org) == 2);
}

TEST_CASE("entities: an acronym in parentheses and its expansion are one entity") {
  const Document doc = extract("The Kenya Revenue Authority (KRA) raised taxes on Monday.");
  INFO(dump(doc));
  const Entity* kra = find_entity(doc, "Kenya Revenue Authority", EntityType::Org);
  REQUIRE(kra != nullptr);
  CHECK(kra->mentions.size() == 2);
  CHECK(kra->aliases == std::vector<std::string>{"Kenya Revenue Authority", "KRA"});
}

// ---- events ------------------------------------------------------------------------------

TEST_CASE("entities: an event name without the year joins the one with the year") {
  const Document doc =
      extract("Leaders met at the 2021 Harbour summit in Tokyo. The Harbour summit ended with a joint statement.");
  INFO(dump(doc));
  const Entity* summit = find_entity(doc, "2021 Harbour summit", EntityType::Event);
  REQUIRE(summit != nullptr);
  CHECK(contains(summit->aliases, "Harbour summit"));
  CHECK(count_type(doc, EntityType::Event) == 1);
}

TEST_CASE("entities: '2022 G7 summit' and a later 'G7 summit' are one event") {
  const Document doc =
      extract("Leaders gathered for the 2022 G7 summit in Tokyo. The G7 summit ended on Sunday.");
  INFO(dump(doc));
  const Entity* first = entity_of_mention(doc, "2022 G7 summit");
  const Entity* second = entity_of_mention(doc, "G7 summit");
  REQUIRE(first != nullptr);
  REQUIRE(second != nullptr);
  CHECK(first == second);
  CHECK(first->type == EntityType::Event);
}

// KNOWN GAP: an event named after a capital is swallowed by the capital's metonymy. "The 2022
// Nairobi summit ended on Friday. The Nairobi summit drew large crowds." gives GPE "Kenya"
// (aliases Kenya|Nairobi) and no EVENT; expected EVENT "2022 Nairobi summit" with alias
// "Nairobi summit" (and no Kenya entity from these words).
TEST_CASE("entities: an event named after a capital ('2022 Nairobi summit')") {
  const Document doc =
      extract("The 2022 Nairobi summit ended on Friday. The Nairobi summit drew large crowds.");
  INFO(dump(doc));
  const Entity* summit = find_entity(doc, "2022 Nairobi summit", EntityType::Event);
  REQUIRE(summit != nullptr);
  CHECK(contains(summit->aliases, "Nairobi summit"));
  CHECK(find_entity(doc, "Kenya", EntityType::Gpe) == nullptr);
}

// ---- people ------------------------------------------------------------------------------

TEST_CASE("entities: a transliteration variant of a full name is the same person") {
  const Document doc = extract("Dmitry Novak arrived in Nairobi. Later, Dmitri Novak met Kenyan officials.");
  INFO(dump(doc));
  const Entity* novak = find_entity(doc, "Dmitry Novak", EntityType::Person);
  REQUIRE(novak != nullptr);
  CHECK(contains(novak->aliases, "Dmitri Novak"));
  CHECK(count_type(doc, EntityType::Person) == 1);
}

TEST_CASE("entities: same surname with different given names are two people") {
  const Document doc = extract("Anna Berg met Boris Berg in Geneva.");
  INFO(dump(doc));
  CHECK(find_entity(doc, "Anna Berg", EntityType::Person) != nullptr);
  CHECK(find_entity(doc, "Boris Berg", EntityType::Person) != nullptr);
  CHECK(count_type(doc, EntityType::Person) == 2);
}

TEST_CASE("entities: the fullest form names a person first seen by surname") {
  const Document doc = extract("Mensah arrived first. Later, Prime Minister Kamala Mensah spoke.");
  INFO(dump(doc));
  REQUIRE(count_type(doc, EntityType::Person) == 1);
  const Entity* mensah = find_entity(doc, "Kamala Mensah", EntityType::Person);
  REQUIRE(mensah != nullptr);
  CHECK(mensah->name == "Kamala Mensah");
  CHECK(contains(mensah->aliases, "Mensah"));
}

// ---- places ------------------------------------------------------------------------------

TEST_CASE("entities: a state, its demonym and its capital as metonym are one entity") {
  const Document doc = extract("Kenya hosted the talks. Kenyan officials said Nairobi would respond.");
  INFO(dump(doc));
  const Entity* kenya = find_entity(doc, "Kenya", EntityType::Gpe);
  REQUIRE(kenya != nullptr);
  CHECK(kenya->aliases == std::vector<std::string>{"Kenya", "Kenyan", "Nairobi"});
  CHECK(kenya->mentions.size() == 3);
  CHECK(doc.entities.size() == 1);
}

TEST_CASE("entities: a gazetteer alias resolves to the canonical name") {
  const Document doc = extract("The Federal Republic of Germany signed the treaty.");
  INFO(dump(doc));
  const Entity* germany = find_entity(doc, "Germany", EntityType::Gpe);
  REQUIRE(germany != nullptr);
  CHECK(contains(germany->aliases, "Federal Republic of Germany"));
  CHECK_FALSE(germany->key.empty());
}

// ---- groups ------------------------------------------------------------------------------

TEST_CASE("entities: groups of two countries stay separate entities") {
  const Document doc = extract("The Japanese delegation met the Kenyan delegation in Geneva.");
  INFO(dump(doc));
  const Entity* japanese = find_entity(doc, "Japanese delegation", EntityType::Org);
  const Entity* kenyan = find_entity(doc, "Kenyan delegation", EntityType::Org);
  REQUIRE(japanese != nullptr);
  REQUIRE(kenyan != nullptr);
  CHECK(japanese->key != kenyan->key);
}

// ---- invariants --------------------------------------------------------------------------

TEST_CASE("entities: every mention is resolved and entities list their mentions in order") {
  const Document doc = extract(
      "Prime Minister Kamala Mensah arrived in Nairobi on 18 March. Mensah met Kenyan officials. "
      "The German Foreign Ministry said the Foreign Ministry would send an envoy to Kenya.");
  INFO(dump(doc));
  for (std::size_t i = 0; i < doc.mentions.size(); ++i) {
    const Mention& m = doc.mentions[i];
    REQUIRE(m.entity >= 0);
    REQUIRE(static_cast<std::size_t>(m.entity) < doc.entities.size());
    const Entity& e = doc.entities[static_cast<std::size_t>(m.entity)];
    CHECK(std::find(e.mentions.begin(), e.mentions.end(), i) != e.mentions.end());
    CHECK(e.type == m.type);
  }
  for (const Entity& e : doc.entities) {
    CHECK_FALSE(e.mentions.empty());
    CHECK(std::is_sorted(e.mentions.begin(), e.mentions.end()));
    REQUIRE_FALSE(e.aliases.empty());
    CHECK(e.aliases.front() == e.name);
  }
}

TEST_CASE("entities: entities are numbered in order of first mention") {
  const Document doc = extract("Kenya and Japan met in Geneva. Japan said Kenya was a partner.");
  INFO(dump(doc));
  std::uint32_t previous_first = 0;
  for (const Entity& e : doc.entities) {
    REQUIRE_FALSE(e.mentions.empty());
    CHECK(e.mentions.front() >= previous_first);
    previous_first = e.mentions.front();
  }
  REQUIRE(doc.entities.size() == 3);
  CHECK(doc.entities[0].name == "Kenya");
  CHECK(doc.entities[1].name == "Japan");
  CHECK(doc.entities[2].name == "Geneva");
}

TEST_CASE("entities: one name typed two ways in a document is one entity, of its majority type") {
  Document doc;
  doc.name = "test.txt";
  doc.text = "Veltra met Veltra at Veltra.";
  kg::extract::tokenize(doc);
  const auto mention = [&](std::uint32_t token, EntityType type) {
    Mention m;
    m.first = m.title_first = m.role_first = token;
    m.last = token + 1;
    m.type = type;
    m.text = "Veltra";
    doc.mentions.push_back(m);
  };
  mention(0, EntityType::Org);
  mention(2, EntityType::Loc);
  mention(4, EntityType::Org);
  kg::extract::resolve_entities(doc);
  REQUIRE_MESSAGE(doc.entities.size() == 1, dump(doc));
  CHECK(doc.entities[0].type == EntityType::Org);
  CHECK(doc.entities[0].mentions.size() == 3);
  for (const Mention& m : doc.mentions) CHECK(m.entity == 0);
}

// ---- index lookups (surname keys, word endings) ------------------------------------------

TEST_CASE("entities: a surname spelt one letter apart joins the same person") {
  // "Medvedev" and "Medvedyev" have different spelling keys, one edit apart: found through
  // the keys with one letter deleted.
  const Document doc = extract("Dmitry Medvedev arrived in Nairobi. Later, Dmitri Medvedyev met Kenyan officials.");
  INFO(dump(doc));
  CHECK(count_type(doc, EntityType::Person) == 1);
  const Entity* person = entity_of_mention(doc, "Dmitri Medvedyev");
  REQUIRE(person != nullptr);
  CHECK(person == entity_of_mention(doc, "Dmitry Medvedev"));
}

TEST_CASE("entities: a surname takes the nearest earlier of two compatible people") {
  const Document doc = extract(
      "Anna Berg met Boris Berg in Geneva. Boris Berg flew home. Berg said the talks went well.");
  INFO(dump(doc));
  const Entity* berg = entity_of_mention(doc, "Berg");
  REQUIRE(berg != nullptr);
  CHECK(berg->name == "Boris Berg");
}

TEST_CASE("entities: each of hundreds of surnames finds its own full name") {
  // Surnames two or more letters apart from each other (one apart would be spelling
  // variants of one name), so each short form has exactly one full name to join.
  const std::string letters = "abcdefghijlmnptuwz";
  const auto letter = [&](int k) { return std::string(1, letters[static_cast<std::size_t>(k) % letters.size()]); };
  std::string text;
  for (int i = 0; i < 300; ++i) {
    const int a = i % 18, b = i / 18;
    const std::string surname = "Zor" + letter(a) + "v" + letter(b) + "k" + letter(a + b) + "ov";
    text += "Anna " + surname + " arrived. " + surname + " spoke.\n";
  }
  const Document doc = extract(text);
  std::size_t people = 0;
  for (const Entity& e : doc.entities) {
    if (e.type != EntityType::Person) continue;
    ++people;
    CHECK(e.mentions.size() == 2);
  }
  CHECK(people == 300);
}

TEST_CASE("entities: a known acronym in parentheses joins the organisation before it, and so do its later uses") {
  // "NATO" is in the gazetteer under its own full name; after another organisation's name
  // in brackets it is that organisation's acronym here.
  const Document doc = extract("The Norvik Treaty Organisation (NATO) met on Monday. NATO said it would meet again.");
  INFO(dump(doc));
  const Entity* org = find_entity(doc, "Norvik Treaty Organisation", EntityType::Org);
  REQUIRE(org != nullptr);
  CHECK(org->mentions.size() == 3);
  CHECK(count_type(doc, EntityType::Org) == 1);
}

namespace {

// `text`'s rule mentions resolved, with the mention `name` typed as a person first (as a
// recogniser may read a company's name).
Document resolved_as_person(const char* text, std::string_view name) {
  Document doc;
  doc.name = "test.txt";
  doc.text = text;
  kg::extract::tokenize(doc);
  kg::extract::find_mentions(doc, kg::extract::Lexicon::builtin());
  for (Mention& m : doc.mentions)
    if (m.text == name) m.type = EntityType::Person;
  kg::extract::resolve_entities(doc);
  return doc;
}

}  // namespace

TEST_CASE("entities: an acronym spelled by a person-typed name's initials makes it one organisation") {
  const Document doc = resolved_as_person("Barlow Keane (BK) confirmed the deal.", "Barlow Keane");
  INFO(dump(doc));
  const Entity* org = find_entity(doc, "Barlow Keane", EntityType::Org);
  REQUIRE(org != nullptr);
  CHECK(org->mentions.size() == 2);
  CHECK(count_type(doc, EntityType::Person) == 0);
}

TEST_CASE("entities: an acronym that is not the initials of a person-typed name stays apart") {
  const Document doc = resolved_as_person("Barlow Keane (NPL) confirmed the deal.", "Barlow Keane");
  INFO(dump(doc));
  CHECK(find_entity(doc, "Barlow Keane", EntityType::Person) != nullptr);
}

namespace {

// `text` tokenised with hand-made mentions: every occurrence of each name, of its type, in
// text order, with `title` as the title of the mentions of the name it is given for.
struct Named {
  const char* name;
  EntityType type;
  const char* title = "";
};
Document resolved_with(const char* text, std::initializer_list<Named> names) {
  Document doc;
  doc.name = "test.txt";
  doc.text = text;
  kg::extract::tokenize(doc);
  for (std::uint32_t s = 0; s < doc.sentences.size(); ++s)
    for (std::uint32_t t = doc.sentences[s].first; t < doc.sentences[s].last; ++t)
      for (const Named& n : names) {
        std::string joined;
        std::uint32_t end = t;
        while (end < doc.sentences[s].last && joined.size() < std::string_view(n.name).size()) {
          if (!joined.empty() && doc.tokens[end].space_before) joined += ' ';
          joined += doc.tokens[end].form;
          ++end;
        }
        if (joined != n.name) continue;
        Mention m;
        m.sentence = s;
        m.first = m.title_first = m.role_first = t;
        m.last = end;
        m.type = n.type;
        m.text = n.name;
        m.title = n.title;
        doc.mentions.push_back(m);
        break;
      }
  kg::extract::resolve_entities(doc);
  return doc;
}

}  // namespace

TEST_CASE("entities: a bare one-word name read as a person is the one organisation its name begins") {
  const Document doc = resolved_with("Halvorsen Motor Corp. hailed the deal. Halvorsen will build the car.",
                                     {{"Halvorsen Motor Corp.", EntityType::Org}, {"Halvorsen", EntityType::Person}});
  INFO(dump(doc));
  const Entity* org = find_entity(doc, "Halvorsen Motor Corp.", EntityType::Org);
  REQUIRE(org != nullptr);
  CHECK(org->mentions.size() == 2);
  CHECK(count_type(doc, EntityType::Person) == 0);
}

TEST_CASE("entities: a one-word person with a title, or two organisations it could begin, stays a person") {
  const Document titled =
      resolved_with("Halvorsen Motor Corp. hailed the deal. Mr Halvorsen will build the car.",
                    {{"Halvorsen Motor Corp.", EntityType::Org}, {"Halvorsen", EntityType::Person, "Mr"}});
  INFO(dump(titled));
  CHECK(find_entity(titled, "Halvorsen", EntityType::Person) != nullptr);
  const Document two =
      resolved_with("Halvorsen Motor Corp. and Halvorsen Shipping Ltd. hailed the deal. Halvorsen will build the car.",
                    {{"Halvorsen Motor Corp.", EntityType::Org},
                     {"Halvorsen Shipping Ltd.", EntityType::Org},
                     {"Halvorsen", EntityType::Person}});
  INFO(dump(two));
  CHECK(find_entity(two, "Halvorsen", EntityType::Person) != nullptr);
}

TEST_CASE("entities: a one-word organisation the gazetteer does not know is the one organisation its name begins") {
  const Document doc = resolved_with("Halvorsen Motor Corp. hailed the deal. Halvorsen will build the car.",
                                     {{"Halvorsen Motor Corp.", EntityType::Org}, {"Halvorsen", EntityType::Org}});
  INFO(dump(doc));
  const Entity* org = find_entity(doc, "Halvorsen Motor Corp.", EntityType::Org);
  REQUIRE(org != nullptr);
  CHECK(org->mentions.size() == 2);
  CHECK(find_entity(doc, "Halvorsen", EntityType::Org) == nullptr);
  // Two organisations it could begin: it stays apart.
  const Document two =
      resolved_with("Halvorsen Motor Corp. and Halvorsen Shipping Ltd. hailed the deal. Halvorsen will build the car.",
                    {{"Halvorsen Motor Corp.", EntityType::Org},
                     {"Halvorsen Shipping Ltd.", EntityType::Org},
                     {"Halvorsen", EntityType::Org}});
  INFO(dump(two));
  CHECK(find_entity(two, "Halvorsen", EntityType::Org) != nullptr);
}

TEST_CASE("entities: a company written with and without its legal form is one organisation") {
  const Document doc = resolved_with("Vantor Industries Ltd. hailed the deal. Vantor Industries will build the car.",
                                     {{"Vantor Industries Ltd.", EntityType::Org}, {"Vantor Industries", EntityType::Org}});
  INFO(dump(doc));
  const Entity* org = find_entity(doc, "Vantor Industries Ltd.", EntityType::Org);
  REQUIRE(org != nullptr);
  CHECK(org->mentions.size() == 2);
  CHECK(find_entity(doc, "Vantor Industries", EntityType::Org) == nullptr);
}
