// Mention finding on short invented news sentences: titles, demonyms, capitals, organisation
// heads, groups, acronyms, dates, sentence-initial and headline capitals, bylines and
// datelines, short forms of names. Runs the whole rule pipeline so the entities the
// mentions resolve to can be checked too. One TEST_CASE per pattern.
#include "extract/kg/mentions.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "extract/kg/pipeline.h"
#include "extract/nlp/lexicon.h"
#include "extract/nlp/ner.h"
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

// Everything the pipeline found, for failure messages.
std::string dump(const Document& doc) {
  std::string out = "\n";
  for (const Mention& m : doc.mentions)
    out += "  mention " + std::string(to_string(m.type)) + " '" + m.text + "' title='" + m.title + "' role='" +
           m.role + "' entity=" + std::to_string(m.entity) + "\n";
  for (std::size_t i = 0; i < doc.entities.size(); ++i) {
    const Entity& e = doc.entities[i];
    out += "  entity " + std::to_string(i) + " " + std::string(to_string(e.type)) + " '" + e.name + "' aliases=";
    for (const auto& a : e.aliases) out += "|" + a;
    out += " titles=";
    for (const auto& t : e.titles) out += "|" + t;
    out += "\n";
  }
  for (const auto& t : doc.triples)
    out += "  triple '" + doc.entities[t.subject].name + "' " + t.relation + " '" + doc.entities[t.object].name + "'\n";
  return out;
}

bool contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

const Entity* find_entity(const Document& doc, std::string_view name) {
  for (const Entity& e : doc.entities)
    if (e.name == name) return &e;
  return nullptr;
}

const Entity* find_entity(const Document& doc, std::string_view name, EntityType type) {
  const Entity* e = find_entity(doc, name);
  return e && e->type == type ? e : nullptr;
}

const Mention* find_mention(const Document& doc, std::string_view text) {
  for (const Mention& m : doc.mentions)
    if (m.text == text) return &m;
  return nullptr;
}

// Entities other than dates.
std::size_t named_entities(const Document& doc) {
  return static_cast<std::size_t>(
      std::count_if(doc.entities.begin(), doc.entities.end(), [](const Entity& e) { return e.type != EntityType::Date; }));
}

std::size_t index_of(const Document& doc, const Entity* e) {
  return static_cast<std::size_t>(e - doc.entities.data());
}

}  // namespace

// ---- titles ------------------------------------------------------------------------------

TEST_CASE("mentions: a title before a person is stripped from the name and kept as title") {
  const Document doc = extract("German Chancellor Olaf Scholz said on Monday that talks would continue.");
  INFO(dump(doc));
  const Entity* scholz = find_entity(doc, "Olaf Scholz", EntityType::Person);
  REQUIRE(scholz != nullptr);
  CHECK(contains(scholz->titles, "German Chancellor"));
  const Mention* m = find_mention(doc, "Olaf Scholz");
  REQUIRE(m != nullptr);
  CHECK(m->role == "chancellor");
  CHECK(m->title_first < m->first);
  for (const Entity& e : doc.entities) CHECK(e.name.find("Chancellor") == std::string::npos);
}

TEST_CASE("mentions: a lowercase role word after an organisation is the person's title") {
  const Document doc = extract("French Foreign Ministry spokeswoman Anne Dupont said the talks were useful.");
  INFO(dump(doc));
  const Entity* dupont = find_entity(doc, "Anne Dupont", EntityType::Person);
  REQUIRE(dupont != nullptr);
  CHECK(contains(dupont->titles, "French Foreign Ministry spokeswoman"));
  const Mention* m = find_mention(doc, "Anne Dupont");
  REQUIRE(m != nullptr);
  CHECK(m->role == "spokeswoman");
  CHECK(find_entity(doc, "French Foreign Ministry", EntityType::Org) != nullptr);
}

TEST_CASE("mentions: an honorific marks a person but is not a role") {
  const Document doc = extract("Mr. Sato said the talks were useful.");
  INFO(dump(doc));
  const Entity* sato = find_entity(doc, "Sato", EntityType::Person);
  REQUIRE(sato != nullptr);
  const Mention* m = find_mention(doc, "Sato");
  REQUIRE(m != nullptr);
  CHECK(m->role.empty());
}

// ---- demonyms and capitals -----------------------------------------------------------------

TEST_CASE("mentions: a demonym stands for its state (French -> France)") {
  const Document doc = extract("French officials welcomed the decision.");
  INFO(dump(doc));
  const Entity* france = find_entity(doc, "France", EntityType::Gpe);
  REQUIRE(france != nullptr);
  CHECK(contains(france->aliases, "French"));
  CHECK_FALSE(france->key.empty());
  CHECK(find_entity(doc, "French") == nullptr);
}

TEST_CASE("mentions: a football club's FC after its name makes it an organisation") {
  const Document doc = extract("Norvik FC played on Sunday.");
  INFO(dump(doc));
  CHECK(find_entity(doc, "Norvik FC", EntityType::Org) != nullptr);
}

TEST_CASE("mentions: a capital as sentence subject is metonymy for the state") {
  const Document doc = extract("Berlin has said it will not send troops.");
  INFO(dump(doc));
  const Entity* germany = find_entity(doc, "Germany", EntityType::Gpe);
  REQUIRE(germany != nullptr);
  CHECK(contains(germany->aliases, "Berlin"));
  CHECK(find_entity(doc, "Berlin") == nullptr);
}

TEST_CASE("mentions: a capital after 'in' is the city") {
  const Document doc = extract("The ministers met in Berlin on Tuesday.");
  INFO(dump(doc));
  CHECK(find_entity(doc, "Berlin", EntityType::Gpe) != nullptr);
  CHECK(find_entity(doc, "Germany") == nullptr);
}

TEST_CASE("mentions: a capital opening a dateline is the city") {
  const Document doc = extract("BERLIN, May 5 (Reuters) -- The ministers agreed on a plan.");
  INFO(dump(doc));
  CHECK(find_entity(doc, "Berlin", EntityType::Gpe) != nullptr);
  CHECK(find_entity(doc, "Germany") == nullptr);
}

TEST_CASE("mentions: the capital city and its state in one text are two entities") {
  const Document doc = extract("Kenya hosted the summit. The delegates met in Nairobi.");
  INFO(dump(doc));
  const Entity* kenya = find_entity(doc, "Kenya", EntityType::Gpe);
  const Entity* nairobi = find_entity(doc, "Nairobi", EntityType::Gpe);
  REQUIRE(kenya != nullptr);
  REQUIRE(nairobi != nullptr);
  CHECK(kenya != nairobi);
}

// ---- organisations, groups, acronyms -------------------------------------------------------

TEST_CASE("mentions: an organisation by its head word is distinct from its country") {
  const Document doc = extract("The German Foreign Ministry summoned the ambassador. Germany has rejected the claim.");
  INFO(dump(doc));
  const Entity* ministry = find_entity(doc, "German Foreign Ministry", EntityType::Org);
  const Entity* germany = find_entity(doc, "Germany", EntityType::Gpe);
  REQUIRE(ministry != nullptr);
  REQUIRE(germany != nullptr);
  CHECK_FALSE(contains(germany->aliases, "German Foreign Ministry"));
  const Mention* m = find_mention(doc, "German Foreign Ministry");
  REQUIRE(m != nullptr);
  CHECK(m->country == "Germany");
}

TEST_CASE("mentions: a national group is an entity of its own, distinct from the state") {
  const Document doc = extract("The Japanese delegation arrived on Monday. Japan has welcomed the move.");
  INFO(dump(doc));
  const Entity* delegation = find_entity(doc, "Japanese delegation", EntityType::Org);
  const Entity* japan = find_entity(doc, "Japan", EntityType::Gpe);
  REQUIRE(delegation != nullptr);
  REQUIRE(japan != nullptr);
  CHECK(delegation->key != japan->key);
  CHECK_FALSE(contains(japan->aliases, "Japanese delegation"));
}

TEST_CASE("mentions: a people noun after a demonym stands for the state, not a group") {
  const Document doc = extract("Kenyan officials met the Japanese team in Nairobi.");
  INFO(dump(doc));
  CHECK(find_entity(doc, "Kenya", EntityType::Gpe) != nullptr);
  CHECK(find_entity(doc, "Kenyan officials") == nullptr);
  CHECK(find_entity(doc, "Japanese team", EntityType::Org) != nullptr);
}

TEST_CASE("mentions: a gazetteer acronym in parentheses joins its expansion") {
  const Document doc = extract("The World Health Organization (WHO) warned of a new outbreak. The WHO said cases were rising.");
  INFO(dump(doc));
  const Entity* who = find_entity(doc, "World Health Organization", EntityType::Org);
  REQUIRE(who != nullptr);
  CHECK(contains(who->aliases, "WHO"));
  CHECK(who->mentions.size() == 3);
  CHECK(named_entities(doc) == 1);
}

TEST_CASE("mentions: an unknown acronym in parentheses joins its expansion") {
  const Document doc = extract("The Kenya Revenue Authority (KRA) raised taxes.");
  INFO(dump(doc));
  const Entity* kra = find_entity(doc, "Kenya Revenue Authority", EntityType::Org);
  REQUIRE(kra != nullptr);
  CHECK(contains(kra->aliases, "KRA"));
  CHECK(find_entity(doc, "KRA") == nullptr);
}

TEST_CASE("mentions: a later use of an acronym defined in parentheses joins its expansion") {
  const Document doc = extract("The Kenya Revenue Authority (KRA) raised taxes. The KRA said revenue grew.");
  INFO(dump(doc));
  const Entity* kra = find_entity(doc, "Kenya Revenue Authority", EntityType::Org);
  REQUIRE(kra != nullptr);
  CHECK(kra->mentions.size() == 3);
  CHECK(find_entity(doc, "KRA") == nullptr);
}

TEST_CASE("mentions: a bracketed abbreviation of the common words before it names no one") {
  const Document doc = extract(
      "The board signed a memorandum of understanding (MoU) "
      "with Halden Bank. Norvik vice-chancellor (VC) Jo Park said non-governmental organisations (NGOs) agreed.");
  INFO(dump(doc));
  for (const char* abbreviation : {"MoU", "VC", "NGOs", "NGO"}) CHECK(find_entity(doc, abbreviation) == nullptr);
  CHECK(find_entity(doc, "Halden Bank") != nullptr);
}

TEST_CASE("mentions: a bracketed acronym after capitalised words or other common words is still a name") {
  const Document doc = extract("Officials of the agency (NRA) met the Norvik Revenue Authority (NVA) on Monday.");
  INFO(dump(doc));
  CHECK(find_entity(doc, "NRA") != nullptr);
}

TEST_CASE("mentions: a name ending in a building's or a district's word is no person") {
  const Document doc = extract(
      "The leaders met at Halvard House in Bergen on Monday. The miners of Kalvik District went on strike.");
  INFO(dump(doc));
  CHECK(find_entity(doc, "Halvard House", EntityType::Loc) != nullptr);
  CHECK(find_entity(doc, "Kalvik District", EntityType::Gpe) != nullptr);
}

TEST_CASE("mentions: capitalised words before a lower-case word for a place name that place") {
  const Document doc = extract("Rescuers reached the mine in Vostrava city in the north on Monday.");
  INFO(dump(doc));
  CHECK(find_entity(doc, "Vostrava", EntityType::Gpe) != nullptr);
  CHECK(find_entity(doc, "Vostrava city") == nullptr);
}

TEST_CASE("mentions: a day, a title's name or the end of a longer name before 'city' names no place") {
  const Document doc = extract(
      "On Sunday city officials met. Mr Halvorsen town hall meetings were held. The Premier League city was quiet.");
  INFO(dump(doc));
  CHECK(find_entity(doc, "Sunday", EntityType::Gpe) == nullptr);
  CHECK(find_entity(doc, "Halvorsen", EntityType::Gpe) == nullptr);
  CHECK(find_entity(doc, "League", EntityType::Gpe) == nullptr);
}

TEST_CASE("mentions: a place's high court is an organisation") {
  const Document doc = extract("The Paris high court on Monday sentenced the former mayor to two years.");
  INFO(dump(doc));
  CHECK(find_entity(doc, "Paris high court", EntityType::Org) != nullptr);
}

TEST_CASE("mentions: a place before a court with no level stays the place") {
  const Document doc = extract("A court in Paris on Monday sentenced the former mayor to two years.");
  INFO(dump(doc));
  CHECK(find_entity(doc, "Paris", EntityType::Gpe) != nullptr);
}

TEST_CASE("mentions: a building's name starting with a given name is a building once written after 'the'") {
  const Document doc = extract(
      "Officials toured Victoria House on Monday. Later the talks were held at the Victoria House in Bergen.");
  INFO(dump(doc));
  CHECK(find_entity(doc, "Victoria House", EntityType::Person) == nullptr);
  CHECK(find_entity(doc, "Victoria House") != nullptr);
}

TEST_CASE("mentions: a person's name ending in a building's word stays a person after a given name") {
  const Document doc = extract("Mary House said the plan was good.");
  INFO(dump(doc));
  CHECK(find_entity(doc, "Mary House", EntityType::Person) != nullptr);
}

// ---- dates -------------------------------------------------------------------------------

TEST_CASE("mentions: day-month date (18 March)") {
  const Document doc = extract("The talks began on 18 March in Geneva.");
  INFO(dump(doc));
  const Mention* m = find_mention(doc, "18 March");
  REQUIRE(m != nullptr);
  CHECK(m->type == EntityType::Date);
}

TEST_CASE("mentions: month-day-year date with a comma (March 3, 2024)") {
  const Document doc = extract("The talks ended on March 3, 2024, without a deal.");
  INFO(dump(doc));
  const Mention* m = find_mention(doc, "March 3, 2024");
  REQUIRE(m != nullptr);
  CHECK(m->type == EntityType::Date);
}

TEST_CASE("mentions: month-year date with the ambiguous month May (May 2021)") {
  const Document doc = extract("The treaty was signed in May 2021 in Nairobi.");
  INFO(dump(doc));
  const Mention* m = find_mention(doc, "May 2021");
  REQUIRE(m != nullptr);
  CHECK(m->type == EntityType::Date);
}

TEST_CASE("mentions: a bare year is a date (2019)") {
  const Document doc = extract("Talks between the two sides began in 2019.");
  INFO(dump(doc));
  const Mention* m = find_mention(doc, "2019");
  REQUIRE(m != nullptr);
  CHECK(m->type == EntityType::Date);
}

TEST_CASE("mentions: an abbreviated month before the day (Feb. 18)") {
  const Document doc = extract("The ministers met on Feb. 18 in Tokyo.");
  INFO(dump(doc));
  const Mention* m = find_mention(doc, "Feb. 18");
  REQUIRE(m != nullptr);
  CHECK(m->type == EntityType::Date);
}

TEST_CASE("mentions: the modal 'may' and a capitalised May without a number are no date") {
  const Document doc = extract("The talks may resume soon.");
  INFO(dump(doc));
  CHECK(doc.mentions.empty());
}

// KNOWN GAP: a month name on its own is not a date. "The talks resumed in March." gives no
// mention at all; expected DATE "March". (The date grammar needs a day or a year.)
TEST_CASE("mentions: a month on its own is a date") {
  const Document doc = extract("The talks resumed in March.");
  INFO(dump(doc));
  const Mention* m = find_mention(doc, "March");
  REQUIRE(m != nullptr);
  CHECK(m->type == EntityType::Date);
}

// KNOWN GAP: a four-digit number counting things is taken for a year. "He said 2019 people
// attended the rally." gives DATE "2019"; expected no date (it is a count of people).
TEST_CASE("mentions: a four-digit count before a plural noun is not a year" * doctest::skip()) {
  const Document doc = extract("He said 2019 people attended the rally.");
  INFO(dump(doc));
  CHECK(find_mention(doc, "2019") == nullptr);
}

// ---- capitals that carry no name -----------------------------------------------------------

TEST_CASE("mentions: a sentence-initial common word is not an entity (Despite)") {
  const Document doc = extract("Despite strong objections, Kenya signed the deal.");
  INFO(dump(doc));
  REQUIRE(doc.entities.size() == 1);
  CHECK(doc.entities[0].name == "Kenya");
}

TEST_CASE("mentions: a sentence-initial adverb is not an entity (Crucially)") {
  const Document doc = extract("Crucially, the vote was delayed.");
  INFO(dump(doc));
  CHECK(doc.mentions.empty());
}

TEST_CASE("mentions: a Title Case headline yields no entities from common words") {
  const Document doc = extract("Leaders Agree On New Climate Plan For Coming Decade\nThe deal was signed on Monday.");
  INFO(dump(doc));
  CHECK(doc.entities.empty());
}

TEST_CASE("mentions: a Title Case headline keeps its real names only") {
  const Document doc = extract("France And Germany Agree On New Climate Plan\nThe deal was signed on Monday.");
  INFO(dump(doc));
  CHECK(doc.entities.size() == 2);
  CHECK(find_entity(doc, "France", EntityType::Gpe) != nullptr);
  CHECK(find_entity(doc, "Germany", EntityType::Gpe) != nullptr);
}

// ---- bylines and datelines -----------------------------------------------------------------

TEST_CASE("mentions: an ALL-CAPS byline gives a person in title case") {
  const Document doc = extract("By JOHN SMITH\nThe minister spoke in Nairobi on Friday.");
  INFO(dump(doc));
  const Entity* smith = find_entity(doc, "John Smith", EntityType::Person);
  REQUIRE(smith != nullptr);
  CHECK(smith->mentions.size() == 1);
  CHECK(doc.mentions.at(smith->mentions[0]).sentence == 0);
}

TEST_CASE("mentions: a title-case byline gives a person") {
  const Document doc = extract("By Maria Lopez\nKenya signed the deal.");
  INFO(dump(doc));
  CHECK(find_entity(doc, "Maria Lopez", EntityType::Person) != nullptr);
}

TEST_CASE("mentions: an ALL-CAPS dateline (PARIS:) gives France or Paris") {
  const Document doc = extract("PARIS: French diplomats held talks with Kenyan officials on Monday.");
  INFO(dump(doc));
  REQUIRE_FALSE(doc.mentions.empty());
  const Mention& dateline = doc.mentions.front();
  CHECK(dateline.first == 0);
  CHECK(dateline.type == EntityType::Gpe);
  REQUIRE(dateline.entity >= 0);
  const std::string& name = doc.entities.at(static_cast<std::size_t>(dateline.entity)).name;
  CHECK((name == "France" || name == "Paris"));
}

TEST_CASE("mentions: an ALL-CAPS dateline with a news agency in brackets") {
  const Document doc = extract("BERLIN, March 3 (Xinhua) -- German officials said the deal was signed.");
  INFO(dump(doc));
  const Mention* dateline = find_mention(doc, "BERLIN");
  REQUIRE(dateline != nullptr);
  CHECK(dateline->type == EntityType::Gpe);
  CHECK(find_mention(doc, "March 3") != nullptr);
  CHECK(find_entity(doc, "Xinhua", EntityType::Org) != nullptr);
}

// KNOWN GAP: in a two-word ALL-CAPS dateline whose first word is a common English word, the
// first word is dropped as a sentence-initial capital. "NEW DELHI: Indian officials said the
// deal was signed." gives GPE "Delhi" (mention "DELHI"); expected "New Delhi" (the capital,
// or India as metonymy) covering both words.
TEST_CASE("mentions: a two-word ALL-CAPS dateline (NEW DELHI:)") {
  const Document doc = extract("NEW DELHI: Indian officials said the deal was signed.");
  INFO(dump(doc));
  REQUIRE_FALSE(doc.mentions.empty());
  const Mention& dateline = doc.mentions.front();
  CHECK(dateline.first == 0);
  CHECK(dateline.last == 2);
  REQUIRE(dateline.entity >= 0);
  const std::string& name = doc.entities.at(static_cast<std::size_t>(dateline.entity)).name;
  CHECK((name == "New Delhi" || name == "India"));
}

// ---- short forms of names ------------------------------------------------------------------

TEST_CASE("mentions: a surname alone later in the text joins the full name") {
  const Document doc = extract("Prime Minister Kamala Mensah arrived in Nairobi. Mensah said she was pleased.");
  INFO(dump(doc));
  const Entity* mensah = find_entity(doc, "Kamala Mensah", EntityType::Person);
  REQUIRE(mensah != nullptr);
  CHECK(contains(mensah->aliases, "Mensah"));
  CHECK(mensah->mentions.size() == 2);
  CHECK(find_entity(doc, "Mensah") == nullptr);
}

TEST_CASE("mentions: a sentence-initial surname before the full name still joins it") {
  const Document doc = extract("Mensah arrived first. Later, Prime Minister Kamala Mensah spoke.");
  INFO(dump(doc));
  const Entity* mensah = find_entity(doc, "Kamala Mensah", EntityType::Person);
  REQUIRE(mensah != nullptr);
  CHECK(mensah->mentions.size() == 2);
}

TEST_CASE("mentions: title plus surname (Secretary Smith) joins the full name") {
  const Document doc =
      extract("Secretary of State Mark Smith visited Japan. Secretary Smith said the visit went well.");
  INFO(dump(doc));
  const Entity* smith = find_entity(doc, "Mark Smith", EntityType::Person);
  REQUIRE(smith != nullptr);
  CHECK(smith->mentions.size() == 2);
  CHECK(contains(smith->titles, "Secretary of State"));
  CHECK(contains(smith->titles, "Secretary"));
  const Mention* short_form = find_mention(doc, "Smith");
  REQUIRE(short_form != nullptr);
  CHECK(short_form->role == "secretary");
  CHECK(index_of(doc, smith) == static_cast<std::size_t>(short_form->entity));
}

TEST_CASE("mentions: an initial and surname joins the full name") {
  const Document doc = extract("John Smith arrived. Later, J. Smith said he was pleased.");
  INFO(dump(doc));
  const Entity* smith = find_entity(doc, "John Smith", EntityType::Person);
  REQUIRE(smith != nullptr);
  CHECK(contains(smith->aliases, "J. Smith"));
  CHECK(named_entities(doc) == 1);
}

// ---- names with particles and long names ---------------------------------------------------

TEST_CASE("mentions: a hyphenated given name stays in the person's name") {
  const Document doc = extract("Jean-Claude Juncker spoke in Berlin on Monday.");
  INFO(dump(doc));
  CHECK(find_entity(doc, "Jean-Claude Juncker", EntityType::Person) != nullptr);
}

// KNOWN GAP: a run of two name particles ("von der") ends the name.
// "European Commission President Ursula von der Leyen said the plan was ready." gives PERSON
// "Ursula" (title "European Commission President"); expected PERSON "Ursula von der Leyen".
TEST_CASE("mentions: a surname with two particles (von der Leyen)") {
  const Document doc = extract("European Commission President Ursula von der Leyen said the plan was ready.");
  INFO(dump(doc));
  CHECK(find_entity(doc, "Ursula von der Leyen", EntityType::Person) != nullptr);
  CHECK(find_entity(doc, "Ursula") == nullptr);
}

// KNOWN GAP: a titled person name of five tokens is dropped entirely.
// "Brazilian President Luiz Inácio Lula da Silva arrived in Tokyo." gives only Brazil and
// Tokyo (no PERSON at all); expected PERSON "Luiz Inácio Lula da Silva" with title
// "Brazilian President". Titled names are limited to 4 tokens.
TEST_CASE("mentions: a long titled name with a particle (Luiz Inácio Lula da Silva)") {
  const Document doc = extract("Brazilian President Luiz Inácio Lula da Silva arrived in Tokyo.");
  INFO(dump(doc));
  const Entity* lula = find_entity(doc, "Luiz Inácio Lula da Silva", EntityType::Person);
  REQUIRE(lula != nullptr);
  CHECK(contains(lula->titles, "Brazilian President"));
}

// KNOWN GAP: a capitalised sentence-initial "Former" is glued onto the organisation in the
// title. "Former European Commission President Jean-Claude Juncker spoke in Berlin." gives ORG
// "Former European Commission" (and "president of" it); expected ORG "European Commission"
// (the gazetteer entry) with "Former" treated as a title modifier.
TEST_CASE("mentions: a sentence-initial 'Former' is not part of the organisation name") {
  const Document doc = extract("Former European Commission President Jean-Claude Juncker spoke in Berlin.");
  INFO(dump(doc));
  CHECK(find_entity(doc, "European Commission", EntityType::Org) != nullptr);
  CHECK(find_entity(doc, "Former European Commission") == nullptr);
}

// ---- Names from the recogniser (the models extractor) ---------------------------------

namespace {

// Tokenises `text`, then finds mentions with `spans` given as (first word, last word, type)
// over the token indexes of the first sentence.
Document with_recognised(std::string text,
                         std::vector<std::tuple<std::uint32_t, std::uint32_t, EntityType>> spans) {
  Document doc;
  doc.name = "test.txt";
  doc.text = std::move(text);
  kg::extract::tokenize(doc);
  std::vector<kg::extract::NerSpan> recognised;
  for (const auto& [first, last, type] : spans) {
    kg::extract::NerSpan span;
    span.first = first;
    span.last = last;
    span.type = type;
    for (std::uint32_t s = 0; s < doc.sentences.size(); ++s)
      if (first >= doc.sentences[s].first && first < doc.sentences[s].last) span.sentence = s;
    recognised.push_back(span);
  }
  kg::extract::find_mentions(doc, kg::extract::Lexicon::builtin(), recognised);
  return doc;
}

const Mention* mention_named(const Document& doc, std::string_view text) {
  for (const Mention& m : doc.mentions)
    if (m.text == text) return &m;
  return nullptr;
}

}  // namespace

TEST_CASE("mentions: a recognised name the rules missed becomes a mention of its type") {
  // "Zorvath" is in no lexicon: alone at the start of a sentence the rules leave it.
  const Document doc = with_recognised("Zorvath scored twice.", {{0, 1, EntityType::Org}});
  const Mention* m = mention_named(doc, "Zorvath");
  REQUIRE(m != nullptr);
  CHECK(m->type == EntityType::Org);
  CHECK(m->first == 0);
  CHECK(m->last == 1);
  CHECK(m->key.empty());
}

TEST_CASE("mentions: rule mentions win where a recognised span touches them") {
  // The rules know "Foreign Minister" as a title and Germany from the gazetteer.
  const Document doc = with_recognised("German Foreign Minister Annalena Baerbock arrived.",
                                       {{0, 5, EntityType::Org}});
  CHECK(mention_named(doc, "German Foreign Minister Annalena Baerbock") == nullptr);
  const Mention* person = mention_named(doc, "Annalena Baerbock");
  REQUIRE(person != nullptr);
  CHECK(person->type == EntityType::Person);
}

TEST_CASE("mentions: a recognised span must start and end with a capitalised word or a number") {
  const std::string text = "A black Zorvath van for the talks arrived.";
  // The well-formed span is taken (so the check below is not vacuous)...
  const Document good = with_recognised(text, {{2, 3, EntityType::Person}});
  REQUIRE(mention_named(good, "Zorvath") != nullptr);
  CHECK(mention_named(good, "Zorvath")->type == EntityType::Person);
  // ...the one ending in a lower-case word is not, in whole or in part.
  const Document doc = with_recognised(text, {{2, 7, EntityType::Person}});
  CHECK(mention_named(doc, "Zorvath van for the talks") == nullptr);
  for (const Mention& m : doc.mentions) CHECK(m.text.find("talks") == std::string::npos);
}

TEST_CASE("mentions: a recognised full name teaches its surname for later single mentions") {
  // After "The" the rules take no unknown name; "Qelmir" alone is a person only once the
  // recogniser has named "Zorvath Qelmir".
  const std::string text = "The Zorvath Qelmir arrived. Qelmir said the talks went well.";
  const auto persons_named_qelmir = [](const Document& doc) {
    int n = 0;
    for (const Mention& m : doc.mentions) n += m.type == EntityType::Person && m.text == "Qelmir";
    return n;
  };
  CHECK(persons_named_qelmir(with_recognised(text, {})) == 0);
  const Document doc = with_recognised(text, {{1, 3, EntityType::Person}});
  REQUIRE(mention_named(doc, "Zorvath Qelmir") != nullptr);
  CHECK(persons_named_qelmir(doc) == 1);
}

TEST_CASE("mentions: a weekday after a name is not part of it") {
  const Document doc = extract("The board chose Gordon Brown Monday to lead the bank.");
  CHECK(mention_named(doc, "Gordon Brown") != nullptr);
  CHECK(mention_named(doc, "Gordon Brown Monday") == nullptr);
}

TEST_CASE("mentions: a minister's portfolio is part of the title and the name follows it") {
  const Document doc = extract("The delegation includes Minister of Rural Housing Tomas Velkaar and others.");
  const Entity* person = find_entity(doc, "Tomas Velkaar", EntityType::Person);
  REQUIRE_MESSAGE(person != nullptr, dump(doc));
  CHECK_MESSAGE(contains(person->titles, "Minister of Rural Housing"), dump(doc));
  CHECK_MESSAGE(find_mention(doc, "Rural Housing") == nullptr, dump(doc));
  CHECK_MESSAGE(find_mention(doc, "Rural Housing Tomas Velkaar") == nullptr, dump(doc));
}

TEST_CASE("mentions: a portfolio of several parts joined by commas and 'and' before a name without a given name") {
  const Document doc =
      extract("She was joined by Minister of Trade, Mining and Forestry Oskelo Varantu on the visit.");
  const Entity* person = find_entity(doc, "Oskelo Varantu", EntityType::Person);
  REQUIRE_MESSAGE(person != nullptr, dump(doc));
  CHECK_MESSAGE(contains(person->titles, "Minister of Trade, Mining and Forestry"), dump(doc));
  CHECK_MESSAGE(named_entities(doc) == 1, dump(doc));
  // The role is the office with its first portfolio; the whole run stays the title.
  const Mention* m = find_mention(doc, "Oskelo Varantu");
  REQUIRE(m != nullptr);
  CHECK(m->role == "minister of trade");
}

TEST_CASE("mentions: a list of ministers with portfolios gives each minister, and no portfolio") {
  const Document doc = extract(
      "The talks were attended by Minister of Water Resources Dela Omakru, Minister of Public Health "
      "Maria Tarnobe and Minister of Justice Amara Lendu.");
  for (const char* name : {"Dela Omakru", "Maria Tarnobe", "Amara Lendu"})
    CHECK_MESSAGE(find_entity(doc, name, EntityType::Person) != nullptr, name, dump(doc));
  CHECK_MESSAGE(named_entities(doc) == 3, dump(doc));
}

TEST_CASE("mentions: a portfolio followed by a state is no person (Minister of Foreign Affairs of Japan)") {
  const Document doc = extract("He met the Minister of Foreign Affairs of Japan on Friday.");
  CHECK_MESSAGE(find_entity(doc, "Japan") != nullptr, dump(doc));
  for (const Entity& e : doc.entities) CHECK_MESSAGE(e.type != EntityType::Person, dump(doc));
}

TEST_CASE("mentions: capitalised common words alone need the recogniser's support to be a name") {
  const std::string text = "The ministers discussed Regional Water Security and trade.";
  // With a recogniser that reads no name there, the run is no entity...
  const Document without = with_recognised(text, {{7, 8, EntityType::Org}});
  CHECK_MESSAGE(mention_named(without, "Regional Water Security") == nullptr, dump(without));
  // ...and with one that reads a name there, it is.
  const Document with = with_recognised(text, {{3, 6, EntityType::Org}});
  CHECK_MESSAGE(mention_named(with, "Regional Water Security") != nullptr, dump(with));
}

TEST_CASE("mentions: a capitalised function word after a dateline opens no name") {
  const Document doc = extract("Lagos [Nigeria]: After Riverside United's loss on Sunday, the coach resigned.");
  CHECK_MESSAGE(find_mention(doc, "After Riverside United") == nullptr, dump(doc));
  CHECK_MESSAGE(find_entity(doc, "Riverside United") != nullptr, dump(doc));
}

TEST_CASE("mentions: a function word ends a name (no 'It' after a publication's name)") {
  const Document doc = extract("The report appeared in the Daily Courier It said the deal was off.");
  CHECK_MESSAGE(find_mention(doc, "Daily Courier It") == nullptr, dump(doc));
}

TEST_CASE("mentions: a plural title before coordinated names is a title, not an organisation") {
  const Document doc = extract(
      "Presidents Ama Owusu and Kofi Mensah met in Accra. Later, Presidents Owusu and Mensah signed the deal.");
  CHECK_MESSAGE(find_mention(doc, "Presidents Owusu") == nullptr, dump(doc));
  const Entity* owusu = find_entity(doc, "Ama Owusu", EntityType::Person);
  REQUIRE_MESSAGE(owusu != nullptr, dump(doc));
  CHECK_MESSAGE(contains(owusu->aliases, "Owusu"), dump(doc));
}

TEST_CASE("mentions: a recognised span that is only a role is no name") {
  const std::string text = "The Deputy Minister arrived and the Senior Adviser spoke.";
  const Document doc = with_recognised(text, {{1, 3, EntityType::Person}, {6, 8, EntityType::Person}});
  CHECK_MESSAGE(doc.mentions.empty(), dump(doc));
  // A name ending in a word that is also a title stays ("Zorvath Chancellor" is no role).
  const Document name = with_recognised("Qelmir Zorvath Chancellor arrived.", {{0, 3, EntityType::Person}});
  CHECK_MESSAGE(!name.mentions.empty(), dump(name));
}

TEST_CASE("mentions: in an ALL-CAPS headline a recognised name needs the same name in the body") {
  const std::string text = "CLUB HIRES VORNAK, DROPS TELMARO\n\nThe club named Ilse Vornak as coach on Monday.";
  // Token 0..5: CLUB HIRES VORNAK , DROPS TELMARO
  const Document doc = with_recognised(text, {{2, 3, EntityType::Person}, {4, 6, EntityType::Org}});
  CHECK_MESSAGE(mention_named(doc, "DROPS TELMARO") == nullptr, dump(doc));
  CHECK_MESSAGE(mention_named(doc, "VORNAK") != nullptr, dump(doc));
}

TEST_CASE("mentions: a double-barrelled surname stays whole even when one part is a place") {
  const Document doc = extract("The adviser, Mrs Grace Okafor-Hesse, joined the meeting.");
  CHECK_MESSAGE(find_entity(doc, "Grace Okafor-Hesse", EntityType::Person) != nullptr, dump(doc));
  CHECK_MESSAGE(find_entity(doc, "Hesse") == nullptr, dump(doc));
}

TEST_CASE("mentions: a hyphenated given name with a lower-case part stays in the name (Joon-ho)") {
  const Document doc = extract("The prize went to director Park Seo-yun of South Korea.");
  CHECK_MESSAGE(find_entity(doc, "Park Seo-yun", EntityType::Person) != nullptr, dump(doc));
}

TEST_CASE("mentions: two states joined by a hyphen stay two names, and -led stays out of a name") {
  const Document doc = extract("The Kenya-Tanzania border talks followed the Mensah-led review.");
  CHECK_MESSAGE(find_entity(doc, "Kenya") != nullptr, dump(doc));
  CHECK_MESSAGE(find_entity(doc, "Tanzania") != nullptr, dump(doc));
  for (const Mention& m : doc.mentions) CHECK_MESSAGE(m.text.find("-led") == std::string::npos, dump(doc));
}

TEST_CASE("mentions: an unknown acronym between a place and a personal name is a title (Lakeside MCA Jane Doe)") {
  const Document doc = extract("The motion was tabled by Lakeside MCA Maurice Okello on Tuesday.");
  const Entity* person = find_entity(doc, "Maurice Okello", EntityType::Person);
  REQUIRE_MESSAGE(person != nullptr, dump(doc));
  CHECK_MESSAGE(contains(person->titles, "MCA"), dump(doc));
  CHECK_MESSAGE(find_mention(doc, "Lakeside MCA Maurice Okello") == nullptr, dump(doc));
  for (const Mention& m : doc.mentions) CHECK_MESSAGE(m.text.find("MCA") == std::string::npos, dump(doc));
}

TEST_CASE("mentions: an acronym before a word that is no given name stays an organisation") {
  const Document doc = extract("The deal was signed by the ZRTA Board on Monday.");
  for (const Mention& m : doc.mentions) CHECK_MESSAGE(m.type != EntityType::Person, dump(doc));
}

TEST_CASE("mentions: a capitalised run ending in an event head is an event (Coastal Cup of Nations)") {
  const Document doc = extract("The team qualified for the Coastal Cup of Nations last week.");
  const Mention* m = find_mention(doc, "Coastal Cup of Nations");
  REQUIRE_MESSAGE(m != nullptr, dump(doc));
  CHECK(m->type == EntityType::Event);
  const Document festival = extract("Her film premiered at the Lakeshore Film Festival in June.");
  const Mention* f = find_mention(festival, "Lakeshore Film Festival");
  REQUIRE_MESSAGE(f != nullptr, dump(festival));
  CHECK(f->type == EntityType::Event);
}

TEST_CASE("mentions: 'and' inside an organisation's name before its head word (Unity and Progress Party)") {
  const Document doc = extract("Leaders of the Unity and Progress Party met on Friday.");
  CHECK_MESSAGE(find_mention(doc, "Unity and Progress Party") != nullptr, dump(doc));
  CHECK_MESSAGE(find_mention(doc, "Unity") == nullptr, dump(doc));
}

TEST_CASE("mentions: 'and' inside the complement of an organisation head (Office of Audit and Anti-Fraud)") {
  const Document doc = extract("The case was opened by the Office of Audit and Anti-Fraud last year.");
  CHECK_MESSAGE(find_mention(doc, "Office of Audit and Anti-Fraud") != nullptr, dump(doc));
}

TEST_CASE("mentions: an ampersand joins a company name (Harlow & Pike)") {
  const Document doc = extract("Shares of Harlow & Pike Holdings rose on Monday.");
  CHECK_MESSAGE(find_mention(doc, "Harlow & Pike Holdings") != nullptr, dump(doc));
}

TEST_CASE("mentions: 'and' between two names of their own keeps them apart") {
  const Document doc = extract("The talks between Kenya and Tanzania ended.");
  CHECK_MESSAGE(find_entity(doc, "Kenya") != nullptr, dump(doc));
  CHECK_MESSAGE(find_entity(doc, "Tanzania") != nullptr, dump(doc));
}

TEST_CASE("mentions: a recognised single word the document also writes in lower case is no name") {
  const std::string text = "Members voted on Monday. Several members were absent.";
  const Document doc = with_recognised(text, {{0, 1, EntityType::Person}});
  CHECK_MESSAGE(mention_named(doc, "Members") == nullptr, dump(doc));
}

TEST_CASE("mentions: a recognised organisation that holds a city and more capitalised words replaces the city") {
  // "Lyon" is a city of the gazetteer; "Real Lyon" the recogniser reads as a club.
  // At the start of a sentence the rules leave the common word "Real" and read only the city.
  const std::string text = "Real Lyon won the cup on Monday.";
  const Document doc = with_recognised(text, {{0, 2, EntityType::Org}});
  const Mention* club = mention_named(doc, "Real Lyon");
  REQUIRE_MESSAGE(club != nullptr, dump(doc));
  CHECK(club->type == EntityType::Org);
  CHECK_MESSAGE(mention_named(doc, "Lyon") == nullptr, dump(doc));
  // A recognised span that is only the city, or that takes a title the rules read, changes nothing.
  const Document alone = with_recognised(text, {{1, 2, EntityType::Org}});
  CHECK_MESSAGE(mention_named(alone, "Lyon") != nullptr, dump(alone));
  const Document titled = with_recognised("French President Emmanuel Macron spoke.", {{0, 4, EntityType::Org}});
  CHECK_MESSAGE(mention_named(titled, "French President Emmanuel Macron") == nullptr, dump(titled));
}

TEST_CASE("mentions: a recognised organisation that starts with a gazetteer organisation's name is its own organisation") {
  // The gazetteer knows "Siemens"; the recogniser reads "Siemens Norvik", another company.
  const std::string text = "Siemens Norvik bought a plant on Monday.";
  const Document doc = with_recognised(text, {{0, 2, EntityType::Org}});
  const Mention* company = mention_named(doc, "Siemens Norvik");
  REQUIRE_MESSAGE(company != nullptr, dump(doc));
  CHECK(company->type == EntityType::Org);
  CHECK_MESSAGE(mention_named(doc, "Siemens") == nullptr, dump(doc));
  // Words before the gazetteer's name are no company of it: the rules keep their reading.
  const Document before = with_recognised("Norvik Siemens bought a plant on Monday.", {{0, 2, EntityType::Org}});
  CHECK_MESSAGE(mention_named(before, "Norvik Siemens") == nullptr, dump(before));
}

TEST_CASE("mentions: an organisation's legal form after its head word is part of its name") {
  const Document doc = extract("Talks with Vantor Industries Ltd. and Norvik Motors ended on Monday.");
  INFO(dump(doc));
  CHECK(mention_named(doc, "Vantor Industries Ltd.") != nullptr);
  CHECK(mention_named(doc, "Norvik Motors") != nullptr);
}

TEST_CASE("mentions: a gazetteer name that starts with a title word is the name (General Dynamics Corp.)") {
  const Document doc = extract("Shares of General Dynamics Corp. rose on Friday.");
  for (const Mention& m : doc.mentions) CHECK_MESSAGE(m.text != "Dynamics Corp.", dump(doc));
  bool gm = false;
  for (const Mention& m : doc.mentions) gm |= m.text.rfind("General Dynamics", 0) == 0;
  CHECK_MESSAGE(gm, dump(doc));
}

TEST_CASE("mentions: a recognised person whose surname is a one-word gazetteer name is the person (Karl Siemens)") {
  // "Siemens" alone is the company of the gazetteer; "Karl Siemens" the recogniser reads as a person.
  const std::string text = "The board named Karl Siemens interim chairman.";
  const Document doc = with_recognised(text, {{3, 5, EntityType::Person}});
  const Mention* person = mention_named(doc, "Karl Siemens");
  REQUIRE_MESSAGE(person != nullptr, dump(doc));
  CHECK(person->type == EntityType::Person);
  CHECK_MESSAGE(mention_named(doc, "Siemens") == nullptr, dump(doc));
  // Without the recogniser's span the rules keep the company.
  const Document rules = with_recognised(text, {});
  CHECK_MESSAGE(mention_named(rules, "Siemens") != nullptr, dump(rules));
}

TEST_CASE("mentions: 'the <leader> administration' is an organisation") {
  const Document doc = extract("Museums struggled under the Halvorsen administration last year.");
  const Mention* m = find_mention(doc, "Halvorsen administration");
  REQUIRE_MESSAGE(m != nullptr, dump(doc));
  CHECK(m->type == EntityType::Org);
}

TEST_CASE("mentions: capitalised words after a city in one run name an organisation (Boston Globe)") {
  const Document doc = extract("The report was published by the Boston Globe and the mayor of Boston spoke later.");
  const Mention* paper = find_mention(doc, "Boston Globe");
  REQUIRE_MESSAGE(paper != nullptr, dump(doc));
  CHECK(paper->type == EntityType::Org);
  CHECK_MESSAGE(find_mention(doc, "Boston") != nullptr, dump(doc));  // the city stays itself
}

TEST_CASE("mentions: capitalised words before a city in one run name a club (Atletico Madrid)") {
  const Document doc = extract("On Sunday the champions beat Atletico Madrid at home.");
  const Mention* club = find_mention(doc, "Atletico Madrid");
  REQUIRE_MESSAGE(club != nullptr, dump(doc));
  CHECK(club->type == EntityType::Org);
  CHECK_MESSAGE(find_entity(doc, "Spain") == nullptr, dump(doc));
}

TEST_CASE("mentions: a compass word, a title, a weekday or a group noun after a city makes no organisation") {
  const Document doc =
      extract("Residents of North London met Paris Mayor Anne Dupont, and Beijing officials arrived in Moscow Monday.");
  for (const Mention& m : doc.mentions) {
    CHECK_MESSAGE(m.text != "Paris Mayor", dump(doc));
    CHECK_MESSAGE(m.text != "Beijing officials", dump(doc));
    CHECK_MESSAGE(m.text != "Moscow Monday", dump(doc));
  }
  CHECK_MESSAGE(find_mention(doc, "Anne Dupont") != nullptr, dump(doc));
}

TEST_CASE("mentions: a given name after a title opens the name even before a title-like word (Anna Major)") {
  const Document doc = extract("Prime Minister Anna Major said on Monday that the vote would go ahead.");
  CHECK_MESSAGE(find_entity(doc, "Anna Major", EntityType::Person) != nullptr, dump(doc));
}

TEST_CASE("mentions: a portfolio after 'of the' (Chancellor of the Exchequer Jane Doe)") {
  const Document doc = extract("He spoke with Chancellor of the Exchequer Helen Marsh on Friday.");
  const Entity* person = find_entity(doc, "Helen Marsh", EntityType::Person);
  REQUIRE_MESSAGE(person != nullptr, dump(doc));
  CHECK_MESSAGE(contains(person->titles, "Chancellor of the Exchequer"), dump(doc));
}

TEST_CASE("mentions: a head that opens an organisation's name takes a place after 'of' (University of Yangon)") {
  const Document doc = extract("She studied at the University of Yangon and joined the Foreign Ministry of Japan.");
  CHECK_MESSAGE(find_mention(doc, "University of Yangon") != nullptr, dump(doc));
  // A head that ends the name leaves the state a name of its own.
  CHECK_MESSAGE(find_mention(doc, "Foreign Ministry of Japan") == nullptr, dump(doc));
  CHECK_MESSAGE(find_entity(doc, "Japan") != nullptr, dump(doc));
}

TEST_CASE("mentions: a recognised span loses a weekday at its edge and a sentence-opening common word") {
  const Document day = with_recognised("On Friday Harlow Exchange shares fell.", {{1, 4, EntityType::Org}});
  CHECK_MESSAGE(mention_named(day, "Friday Harlow Exchange") == nullptr, dump(day));
  CHECK_MESSAGE(mention_named(day, "Harlow Exchange") != nullptr, dump(day));
  const Document role = with_recognised("Veteran Qelmir Zorvath scored twice.", {{0, 3, EntityType::Person}});
  CHECK_MESSAGE(mention_named(role, "Qelmir Zorvath") != nullptr, dump(role));
  CHECK_MESSAGE(mention_named(role, "Veteran Qelmir Zorvath") == nullptr, dump(role));
}

TEST_CASE("mentions: a recognised span with a lower-case word other than a name's small words ran on") {
  const Document doc =
      with_recognised("They met at Tarvia University early on Saturday.", {{3, 8, EntityType::Org}});
  CHECK_MESSAGE(mention_named(doc, "Tarvia University early on Saturday") == nullptr, dump(doc));
  const Document ok = with_recognised("They met at the Bank of Tarvia on Saturday.", {{4, 7, EntityType::Org}});
  CHECK_MESSAGE(!ok.mentions.empty(), dump(ok));
}

TEST_CASE("mentions: a capitalised list of names with commas is no headline (line-ups keep two-word names)") {
  const Document doc = extract("Tarvia: Jorvan Pelk, Osmo Tarrin, Velko Dran, Ansel Morrow.");
  for (const char* name : {"Jorvan Pelk", "Osmo Tarrin", "Velko Dran", "Ansel Morrow"})
    CHECK_MESSAGE(find_mention(doc, name) != nullptr, name, dump(doc));
}

TEST_CASE("mentions: a run of unknown capitalised words before a title word is no person") {
  const Document doc = extract("The letter was signed by the TVR Regional Chairman, Dr Osmo Tarrin.");
  for (const Mention& m : doc.mentions)
    if (m.text.find("TVR") != std::string::npos) CHECK_MESSAGE(m.type != EntityType::Person, dump(doc));
  CHECK_MESSAGE(find_entity(doc, "Osmo Tarrin", EntityType::Person) != nullptr, dump(doc));
}

TEST_CASE("mentions: a sentence-opening role noun before a personal name is not part of it") {
  const Document doc = extract("Midfielder Maria Tarnobe scored twice. Full-back Anna Velkaar was sent off.");
  CHECK_MESSAGE(find_entity(doc, "Maria Tarnobe", EntityType::Person) != nullptr, dump(doc));
  CHECK_MESSAGE(find_entity(doc, "Anna Velkaar", EntityType::Person) != nullptr, dump(doc));
  CHECK_MESSAGE(find_mention(doc, "Midfielder Maria Tarnobe") == nullptr, dump(doc));
  CHECK_MESSAGE(find_mention(doc, "Full-back Anna Velkaar") == nullptr, dump(doc));
}

TEST_CASE("mentions: a courtesy title after a role is neither the role nor the name") {
  const Document doc = extract("The vote followed the resignation of former speaker Ms Anna Weller on Friday.");
  INFO(dump(doc));
  const Mention* m = find_mention(doc, "Anna Weller");
  REQUIRE(m != nullptr);
  CHECK(m->title == "former speaker");
  CHECK(m->role == "speaker");
}

TEST_CASE("mentions: an adjective between an organisation and a title word is the title's") {
  const Document doc = extract("The PDU National Chairman, Dr Kwame Boateng, spoke to the press.");
  INFO(dump(doc));
  CHECK(find_entity(doc, "PDU", EntityType::Org) != nullptr);
  CHECK(find_entity(doc, "PDU National") == nullptr);
  CHECK(find_entity(doc, "Kwame Boateng", EntityType::Person) != nullptr);
}

TEST_CASE("mentions: a middle initial and a generational suffix do not make a person's name an organisation's") {
  const Document doc = extract("Torvald K. Brisk Jr., a banker, said the market was calm.");
  INFO(dump(doc));
  CHECK(find_entity(doc, "Torvald K. Brisk Jr.", EntityType::Person) != nullptr);
}

TEST_CASE("mentions: a 'person' written before a word for what a company has is a company") {
  // "a Tarnor Vell mine" is no mention of its own; the name before "mine" is enough.
  const Document doc = with_recognised("Tarnor Vell said on Monday that output fell. Workers struck at a Tarnor Vell mine.",
                                       {{0, 2, EntityType::Person}});
  const Mention* m = mention_named(doc, "Tarnor Vell");
  REQUIRE(m != nullptr);
  CHECK(m->type == EntityType::Org);
}

TEST_CASE("mentions: a 'person' right after a word for a company is a company") {
  const Document doc = with_recognised("Police met software giant Tarnor on Monday.", {{4, 5, EntityType::Person}});
  const Mention* m = mention_named(doc, "Tarnor");
  REQUIRE(m != nullptr);
  CHECK(m->type == EntityType::Org);
}

TEST_CASE("mentions: a 'person' set beside a body noun is that body") {
  // "the national team, the Kestrels." names the team; in a list it is no apposition.
  const Document doc = with_recognised("Police met the coach of the national team, the Kestrels.",
                                       {{10, 11, EntityType::Person}});
  const Mention* m = mention_named(doc, "Kestrels");
  REQUIRE(m != nullptr);
  CHECK(m->type == EntityType::Org);
  const Document list = with_recognised("Police met the coach of the national team, Kestrels and Norvik.",
                                        {{9, 10, EntityType::Person}});
  const Mention* listed = mention_named(list, "Kestrels");
  REQUIRE(listed != nullptr);
  CHECK(listed->type == EntityType::Person);
}

TEST_CASE("mentions: a name the article has is the same name where the recogniser missed it") {
  // The recogniser reads "Kestrels" only in the first sentence; the second starts with it.
  const std::string text = "Fans of the Kestrels cheered on Monday. Kestrels coach Jo Berg said the team was ready.";
  const Document doc = with_recognised(text, {{3, 4, EntityType::Org}});
  int kestrels = 0;
  for (const Mention& m : doc.mentions) kestrels += m.text == "Kestrels" && m.type == EntityType::Org;
  CHECK_MESSAGE(kestrels == 2, dump(doc));
  // A name read only at a sentence start teaches nothing; nor is a word part of a longer name.
  const Document start = with_recognised("Kestrels won on Monday. Kestrels fans sang.", {{0, 1, EntityType::Org}});
  int taught = 0;
  for (const Mention& m : start.mentions) taught += m.text == "Kestrels";
  CHECK_MESSAGE(taught == 1, dump(start));
  const Document longer = with_recognised("Fans of Kestrels cheered. Halden Kestrels fans sang.", {{2, 3, EntityType::Org}});
  for (const Mention& m : longer.mentions) CHECK_MESSAGE(m.first != 6, dump(longer));
}

TEST_CASE("mentions: a name between an organisation's possessive and a word for a site is a facility") {
  const Document doc = with_recognised("Workers struck at the Norvik Group's Tarnvik mine on Monday.",
                                       {{4, 6, EntityType::Org}, {7, 8, EntityType::Org}});
  const Mention* site = mention_named(doc, "Tarnvik mine");
  REQUIRE_MESSAGE(site != nullptr, dump(doc));
  CHECK(site->type == EntityType::Loc);
  // Without the owner's possessive the name is left as it was read.
  const Document bare = with_recognised("Workers struck at the Tarnvik mine on Monday.", {{4, 5, EntityType::Org}});
  CHECK_MESSAGE(mention_named(bare, "Tarnvik mine") == nullptr, dump(bare));
}

TEST_CASE("mentions: a titled person before a word for what a company has stays a person") {
  const Document doc = with_recognised("Ms Tarnor Vell said on Monday that output fell. Workers struck at a Tarnor Vell mine.",
                                       {{1, 3, EntityType::Person}});
  const Mention* m = mention_named(doc, "Tarnor Vell");
  REQUIRE(m != nullptr);
  CHECK(m->type == EntityType::Person);
}

TEST_CASE("mentions: a person's surname before a word for what a company has stays a person") {
  // "Tarnor" alone is the surname of "Maria Tarnor", written with her given name.
  const Document doc = with_recognised("Maria Tarnor sold shares. Tarnor said on Monday that Tarnor shares fell.",
                                       {{0, 2, EntityType::Person}, {5, 6, EntityType::Person}});
  const Mention* m = mention_named(doc, "Tarnor");
  REQUIRE(m != nullptr);
  CHECK(m->type == EntityType::Person);
}

TEST_CASE("mentions: an occupation of the arts before a name is a title") {
  const Document doc = extract("The jury was chaired by American screenwriter Tarnor Vell on Monday.");
  INFO(dump(doc));
  const Mention* m = mention_named(doc, "Tarnor Vell");
  REQUIRE(m != nullptr);
  CHECK(m->type == EntityType::Person);
  CHECK(std::string(m->role) == "screenwriter");
}
