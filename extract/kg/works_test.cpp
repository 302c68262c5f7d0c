// Works and awards on short invented sentences (titles, prizes and names made up): each cue
// that marks a quoted title as a work, each award pattern, and the quotes, phrases and
// names that must stay what they were. Runs tokenize -> find_mentions -> find_works, as
// the pipeline does; the last cases run the whole Pipeline.
#include "extract/kg/works.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "extract/kg/mentions.h"
#include "extract/kg/pipeline.h"
#include "extract/nlp/lexicon.h"
#include "extract/text/document.h"
#include "extract/text/tokenizer.h"

using kg::extract::Document;
using kg::extract::EntityType;
using kg::extract::Lexicon;
using kg::extract::Mention;

namespace {

Document mentions_of(std::string text) {
  Document doc;
  doc.name = "test.txt";
  doc.text = std::move(text);
  kg::extract::tokenize(doc);
  kg::extract::find_mentions(doc, Lexicon::builtin());
  kg::extract::find_works(doc, Lexicon::builtin());
  return doc;
}

std::string dump(const Document& doc) {
  std::string out = "\n";
  for (const Mention& m : doc.mentions) out += "  " + std::string(to_string(m.type)) + " '" + m.text + "'\n";
  return out;
}

int count(const Document& doc, EntityType type, std::string_view text) {
  return static_cast<int>(std::count_if(doc.mentions.begin(), doc.mentions.end(),
                                        [&](const Mention& m) { return m.type == type && m.text == text; }));
}

bool has(const Document& doc, EntityType type, std::string_view text) { return count(doc, type, text) > 0; }

int count_type(const Document& doc, EntityType type) {
  return static_cast<int>(
      std::count_if(doc.mentions.begin(), doc.mentions.end(), [&](const Mention& m) { return m.type == type; }));
}

// No mention's name overlaps another's (a work or award replaced what it covered).
bool no_overlaps(const Document& doc) {
  for (std::size_t a = 0; a < doc.mentions.size(); ++a)
    for (std::size_t b = a + 1; b < doc.mentions.size(); ++b) {
      const Mention& x = doc.mentions[a];
      const Mention& y = doc.mentions[b];
      if (x.sentence == y.sentence && x.first < y.last && y.first < x.last) return false;
    }
  return true;
}

constexpr EntityType kWork = EntityType::WorkOfArt;
constexpr EntityType kAward = EntityType::Award;

}  // namespace

TEST_CASE("works: a work noun right before the quotes") {
  const Document doc = mentions_of("The jury praised her feature film \u201cSalt Harbour\u201d on Friday.");
  CAPTURE(dump(doc));
  CHECK(has(doc, kWork, "Salt Harbour"));
}

TEST_CASE("works: a work noun and \"titled\" or \"called\" before the quotes") {
  CHECK(has(mentions_of("He recorded a song titled \"Paper Lanterns\" in Lisbon."), kWork, "Paper Lanterns"));
  CHECK(has(mentions_of("She sang a song called \u201cNight Ferry\u201d at the end."), kWork, "Night Ferry"));
}

TEST_CASE("works: a speech verb after the title does not undo a work noun before it") {
  const Document doc =
      mentions_of("The prize went to Ana Ortiz for her debut film \u201cVela\u201d, announced the jury.");
  CAPTURE(dump(doc));
  CHECK(has(doc, kWork, "Vela"));
}

TEST_CASE("works: a work noun after the quotes (\", the first film by\")") {
  const Document doc =
      mentions_of("\u201cQuiet Orchard\u201d, the first film by Marta Velasco, opened the festival.");
  CAPTURE(dump(doc));
  CHECK(has(doc, kWork, "Quiet Orchard"));
}

TEST_CASE("works: \"by\" and a person right after the quotes") {
  const Document doc = mentions_of("The award went to \u201cBlue Meridian\u201d by Tomas Okafor.");
  CAPTURE(dump(doc));
  CHECK(has(doc, kWork, "Blue Meridian"));
}

TEST_CASE("works: \"by\" after a translation in brackets and a nationality") {
  const Document doc =
      mentions_of("Critics liked \u201cNoite Clara\u201d (Clear Night), by the Chilean Ana Ortiz, more.");
  CAPTURE(dump(doc));
  CHECK(has(doc, kWork, "Noite Clara"));
}

TEST_CASE("works: \"for\" after a person in a sentence about a prize") {
  const Document doc = mentions_of("The top prize went to director Ivo Marek for \u201cCold River\u201d.");
  CAPTURE(dump(doc));
  CHECK(has(doc, kWork, "Cold River"));
}

TEST_CASE("works: \"for\" after an award names a category, not a work") {
  const Document doc = mentions_of("She was nominated for the Silver Lantern Award for \u201cBest Actress\u201d.");
  CAPTURE(dump(doc));
  CHECK_FALSE(has(doc, kWork, "Best Actress"));
}

TEST_CASE("works: \"performance in\" before the quotes") {
  const Document doc = mentions_of("She won praise for her performance in \u201cHarbour Lights\u201d last year.");
  CAPTURE(dump(doc));
  CHECK(has(doc, kWork, "Harbour Lights"));
}

TEST_CASE("works: the same quoted words elsewhere in the document are the same work") {
  const Document doc = mentions_of(
      "Her novel \u201cThe Glass Fox\u201d sold well.\nReaders loved \u201cThe Glass Fox\u201d from the start.");
  CAPTURE(dump(doc));
  CHECK(count(doc, kWork, "The Glass Fox") == 2);
}

TEST_CASE("works: a noun that is also a verb is a cue only after a determiner") {
  CHECK(has(mentions_of("Her new play \u201cWinter Lamps\u201d opens today."), kWork, "Winter Lamps"));
  CHECK(count_type(mentions_of("Polls show \u201cStrong Growth\u201d in the north."), kWork) == 0);
}

TEST_CASE("works: a name the rules found inside the title is dropped") {
  const Document doc = mentions_of("The festival showed the film \u201cJulie in Nine Rooms\u201d by Pierre Duval.");
  CAPTURE(dump(doc));
  CHECK(has(doc, kWork, "Julie in Nine Rooms"));
  CHECK_FALSE(has(doc, EntityType::Org, "Nine Rooms"));  // what the rules made of its end
  CHECK(has(doc, EntityType::Person, "Pierre Duval"));
  CHECK(no_overlaps(doc));
}

TEST_CASE("works: a quoted sentence of speech is no work") {
  const Document doc = mentions_of("\u201cIt was a mistake,\u201d she said of the film.");
  CAPTURE(dump(doc));
  CHECK(count_type(doc, kWork) == 0);
}

TEST_CASE("works: a quoted clause after a work noun is no work") {
  const Document doc = mentions_of("He told the show \"We are not leaving\" and left.");
  CAPTURE(dump(doc));
  CHECK(count_type(doc, kWork) == 0);
}

TEST_CASE("works: a quoted common phrase with no work cue is no work") {
  const Document doc = mentions_of("Officials described the talks as \u201cConstructive Progress\u201d on Monday.");
  CAPTURE(dump(doc));
  CHECK(count_type(doc, kWork) == 0);
}

TEST_CASE("works: a quote that opens in lower case or runs past eight words is no title") {
  CHECK(count_type(mentions_of("She released the album \u201cuntitled\u201d in May."), kWork) == 0);
  CHECK(count_type(mentions_of("They filmed the documentary \u201cA Long Walk Across the Cold Northern Hills "
                               "Again\u201d there."),
                   kWork) == 0);
}

TEST_CASE("awards: a capitalised phrase ending in a prize head, possessive inside") {
  const Document doc = mentions_of("The Director\u2019s Prize went to Ivo Marek.");
  CAPTURE(dump(doc));
  CHECK(has(doc, kAward, "Director\u2019s Prize"));
}

TEST_CASE("awards: a complement of capitalised common words belongs to the name") {
  const Document doc = mentions_of("She won the Nobel Prize in Chemistry in 2019.");
  CAPTURE(dump(doc));
  CHECK(has(doc, kAward, "Nobel Prize in Chemistry"));
}

TEST_CASE("awards: a rule mention of the same words is replaced, not duplicated") {
  // The rules read "Grand Lantern Prize" as a person's name, "Jury Prize" as an organisation.
  const Document doc = mentions_of("The jury gave the Grand Lantern Prize to Ana Ortiz.\n"
                                   "On Friday the Jury Prize went to Ana Ortiz.");
  CAPTURE(dump(doc));
  CHECK(count(doc, kAward, "Grand Lantern Prize") == 1);
  CHECK(count(doc, kAward, "Jury Prize") == 1);
  CHECK_FALSE(has(doc, EntityType::Person, "Grand Lantern Prize"));
  CHECK_FALSE(has(doc, EntityType::Org, "Jury Prize"));
  CHECK(no_overlaps(doc));
}

TEST_CASE("awards: capitalised words before a lower-case prize noun") {
  const Document doc = mentions_of("Her first feature received the Silver Heron prize.");
  CAPTURE(dump(doc));
  CHECK(has(doc, kAward, "Silver Heron"));
}

TEST_CASE("awards: prize money is no prize") {
  const Document doc = mentions_of("The Harbour Open prize money rose again.");
  CAPTURE(dump(doc));
  CHECK(count_type(doc, kAward) == 0);
}

TEST_CASE("awards: a Cup is a competition") {
  const Document doc = mentions_of("They won the Davis Cup in Madrid.");
  CAPTURE(dump(doc));
  CHECK(count_type(doc, kAward) == 0);
}

TEST_CASE("awards: a prize head inside a longer name or a compound is no award") {
  CHECK(count_type(mentions_of("The Lantern Prize Committee met on Friday."), kAward) == 0);
  CHECK(count_type(mentions_of("The Lantern Prize-winning author spoke."), kAward) == 0);
}

TEST_CASE("awards: a capitalised phrase in apposition to a prize") {
  const Document doc = mentions_of("The Grand Lantern, the festival's top prize, went to Ana Ortiz.");
  CAPTURE(dump(doc));
  CHECK(has(doc, kAward, "Grand Lantern"));
}

TEST_CASE("awards: what was awarded to a person, and its other occurrences") {
  const Document doc = mentions_of(
      "The Amber Wreath of the Varna festival was awarded on Sunday to Ana Ortiz.\n"
      "Last year the Amber Wreath went to Tomas Okafor.");
  CAPTURE(dump(doc));
  CHECK(count(doc, kAward, "Amber Wreath") == 2);
}

TEST_CASE("awards: games awarded to a city are no prize") {
  const Document doc = mentions_of("The Winter Games were awarded to Oslo.");
  CAPTURE(dump(doc));
  CHECK(count_type(doc, kAward) == 0);
}

TEST_CASE("awards: Oscar as a prize, Oscar as a name") {
  CHECK(has(mentions_of("She won an Oscar in 2010."), kAward, "Oscar"));
  CHECK(count_type(mentions_of("Oscar Lindqvist said the plan would work."), kAward) == 0);
  CHECK(count_type(mentions_of("Commander Oscar told reporters the road was closed."), kAward) == 0);
}

TEST_CASE("works and awards: text with neither keeps the mentions find_mentions made") {
  const std::string text = "Russian President Vladimir Putin met \"senior officials\" in Moscow on 18 February.";
  Document plain;
  plain.text = text;
  kg::extract::tokenize(plain);
  kg::extract::find_mentions(plain, Lexicon::builtin());
  const Document doc = mentions_of(text);
  REQUIRE(doc.mentions.size() == plain.mentions.size());
  for (std::size_t i = 0; i < doc.mentions.size(); ++i) {
    CHECK(doc.mentions[i].text == plain.mentions[i].text);
    CHECK(doc.mentions[i].type == plain.mentions[i].type);
  }
}

TEST_CASE("works and awards: the pipeline makes entities of them, typed WORK_OF_ART and AWARD") {
  Document doc;
  doc.text = "The Jury Prize went to \u201cBlue Meridian\u201d by Tomas Okafor.\n"
             "Okafor spent six years on \u201cBlue Meridian\u201d in Lagos.";
  kg::extract::Pipeline().run(doc);
  const auto entity = [&](std::string_view name) {
    return std::find_if(doc.entities.begin(), doc.entities.end(),
                        [&](const kg::extract::Entity& e) { return e.name == name; });
  };
  REQUIRE(entity("Blue Meridian") != doc.entities.end());
  CHECK(to_string(entity("Blue Meridian")->type) == "WORK_OF_ART");
  CHECK(entity("Blue Meridian")->mentions.size() == 2);
  REQUIRE(entity("Jury Prize") != doc.entities.end());
  CHECK(to_string(entity("Jury Prize")->type) == "AWARD");
  CHECK(kg::extract::entity_type_from_string("WORK_OF_ART") == EntityType::WorkOfArt);
}
