// Relation classes: one case per rule of relation_class.h, on invented predicates and end
// types, then the order between rules, classify_relations() on a Document, and the
// Pipeline's one call after the relation finders.
#include "extract/kg/relation_class.h"

#include <doctest/doctest.h>

#include <string>

#include "extract/kg/pipeline.h"
#include "extract/nlp/lexicon.h"
#include "extract/text/document.h"

using kg::extract::Document;
using kg::extract::EntityType;
using kg::extract::Lexicon;
using kg::extract::RelationClass;

namespace {

std::string class_of(std::string_view relation, EntityType subject = EntityType::Person,
                     EntityType object = EntityType::Person) {
  return std::string(to_string(kg::extract::classify_relation(relation, subject, object, Lexicon::builtin())));
}

constexpr EntityType kPerson = EntityType::Person, kOrg = EntityType::Org, kGpe = EntityType::Gpe,
                     kLoc = EntityType::Loc, kEvent = EntityType::Event, kDate = EntityType::Date,
                     kNorp = EntityType::Norp;

}  // namespace

TEST_CASE("relation class: names round-trip, and an unknown name is none") {
  for (const RelationClass c : kg::extract::kRelationClasses)
    CHECK(kg::extract::relation_class_from_string(to_string(c)) == c);
  CHECK(to_string(RelationClass::LocatedIn) == "located_in");
  CHECK(to_string(RelationClass::PartOf) == "part_of");
  CHECK_FALSE(kg::extract::relation_class_from_string("Meet"));
  CHECK_FALSE(kg::extract::relation_class_from_string("located in"));
  CHECK_FALSE(kg::extract::relation_class_from_string(""));
}

TEST_CASE("relation class: meet") {
  CHECK(class_of("meet") == "meet");
  CHECK(class_of("meet with") == "meet");
  CHECK(class_of("hold talks with", kGpe, kGpe) == "meet");
  CHECK(class_of("talk with") == "meet");
  CHECK(class_of("hold talks", kOrg, kOrg) == "meet");
  CHECK(class_of("call") == "meet");
  CHECK(class_of("speak with") == "meet");
  CHECK(class_of("discuss", kOrg, kOrg) == "meet");
  CHECK(class_of("discuss", kPerson, kEvent) == "other");  // a topic, not a party
  CHECK(class_of("discuss", kPerson, kGpe) == "other");    // likewise
  CHECK(class_of("reach out to", kPerson, kGpe) == "meet");
}

TEST_CASE("relation class: lead") {
  CHECK(class_of("lead", kPerson, kOrg) == "lead");
  CHECK(class_of("head", kPerson, kOrg) == "lead");
  CHECK(class_of("chair", kPerson, kOrg) == "lead");
  CHECK(class_of("preside over", kPerson, kOrg) == "lead");
  CHECK(class_of("lead to", kOrg, kOrg) == "other");  // a cause, not a leader
}

TEST_CASE("relation class: role, from titles and person-noun suffixes, not a closed list") {
  CHECK(class_of("chairman of", kPerson, kOrg) == "role");
  CHECK(class_of("foreign minister of", kPerson, kGpe) == "role");
  CHECK(class_of("spokesperson of", kPerson, kOrg) == "role");
  CHECK(class_of("director-general of", kPerson, kOrg) == "role");
  CHECK(class_of("coach of", kPerson, kOrg) == "role");
  CHECK(class_of("former chairman of", kPerson, kOrg) == "role");
  CHECK(class_of("become interim chairman of", kPerson, kOrg) == "role");
  CHECK(class_of("vice-treasurer of", kPerson, kOrg) == "role");       // -er, hyphenated
  CHECK(class_of("analyst at", kPerson, kOrg) == "role");              // title
  CHECK(class_of("curator at", kPerson, kOrg) == "role");              // -or, in no list
  CHECK(class_of("chief economist for", kPerson, kOrg) == "role");     // -ist
  CHECK(class_of("lead organiser for", kPerson, kOrg) == "role");      // -er
  CHECK(class_of("chief of curatorial affairs at", kPerson, kOrg) == "role");
  CHECK(class_of("president and ceo of", kPerson, kOrg) == "role");
  CHECK(class_of("special adviser to", kPerson, kPerson) == "role");
  // Suffixes on words that are not roles.
  CHECK(class_of("center of", kOrg, kGpe) == "other");
  CHECK(class_of("government of", kPerson, kGpe) == "other");
  CHECK(class_of("predecessor of", kPerson, kPerson) == "other");
  CHECK(class_of("enter at", kPerson, kOrg) == "other");  // a verb of the lexicon
  CHECK(class_of("chairman in", kPerson, kGpe) == "other");  // "in" is not a role preposition
}

TEST_CASE("relation class: answers follow the lexicon asked, whatever was asked before") {
  // Without the verb lexicon "enter" is a noun with a person suffix; with it, a verb.
  const Lexicon empty = Lexicon::load([](std::string_view) { return std::string_view(); });
  const auto with = [&](const Lexicon& lexicon) {
    return std::string(to_string(kg::extract::classify_relation("enter at", kPerson, kOrg, lexicon)));
  };
  CHECK(with(Lexicon::builtin()) == "other");
  CHECK(with(empty) == "role");
  CHECK(with(Lexicon::builtin()) == "other");
  CHECK(with(empty) == "role");
}

TEST_CASE("relation class: member") {
  CHECK(class_of("member of", kPerson, kOrg) == "member");
  CHECK(class_of("join", kPerson, kOrg) == "member");
  CHECK(class_of("join", kGpe, kOrg) == "member");
  CHECK(class_of("play for", kPerson, kOrg) == "member");
  CHECK(class_of("play in", kOrg, kOrg) == "member");      // a club in its league
  CHECK(class_of("player of", kPerson, kOrg) == "member");  // a member noun before the -er rule
  CHECK(class_of("belong to", kPerson, kNorp) == "member");
  CHECK(class_of("join", kPerson, kPerson) == "other");  // joining a person is no membership
}

TEST_CASE("relation class: said") {
  CHECK(class_of("say") == "said");
  CHECK(class_of("tell", kPerson, kOrg) == "said");
  CHECK(class_of("according to") == "said");
  CHECK(class_of("said about") == "said");
  CHECK(class_of("say about", kPerson, kGpe) == "said");
  CHECK(class_of("speak for", kPerson, kOrg) == "said");
  CHECK(class_of("according") == "other");
}

TEST_CASE("relation class: quote") {
  CHECK(class_of("quote", kOrg, kPerson) == "quote");
  CHECK(class_of("cite", kOrg, kPerson) == "quote");
}

TEST_CASE("relation class: located_in") {
  CHECK(class_of("located in", kOrg, kGpe) == "located_in");
  CHECK(class_of("based in", kOrg, kGpe) == "located_in");
  CHECK(class_of("headquartered in", kOrg, kGpe) == "located_in");
  CHECK(class_of("be based in", kOrg, kGpe) == "located_in");
  CHECK(class_of("in", kPerson, kGpe) == "located_in");
  CHECK(class_of("city in", kGpe, kGpe) == "located_in");
  CHECK(class_of("capital of", kGpe, kGpe) == "located_in");
  CHECK(class_of("located west of", kLoc, kGpe) == "located_in");
  CHECK(class_of("part of", kGpe, kGpe) == "located_in");  // a place inside a place
  CHECK(class_of("capital of", kPerson, kGpe) == "other");
}

TEST_CASE("relation class: held_in, an event verb with in/at and a place") {
  CHECK(class_of("meet in", kPerson, kGpe) == "held_in");
  CHECK(class_of("held in", kEvent, kGpe) == "held_in");
  CHECK(class_of("speak in", kPerson, kGpe) == "held_in");
  CHECK(class_of("say in", kPerson, kGpe) == "held_in");  // before said
  CHECK(class_of("hold talks in", kGpe, kGpe) == "held_in");
  CHECK(class_of("play at", kOrg, kLoc) == "held_in");
  CHECK(class_of("located in", kEvent, kGpe) == "held_in");  // an event happens where it is
  CHECK(class_of("meet in", kPerson, kPerson) == "other");   // no place: no venue
  CHECK(class_of("invest in", kOrg, kGpe) == "other");       // not an event verb
}

TEST_CASE("relation class: date, for any edge to a DATE") {
  CHECK(class_of("on", kPerson, kDate) == "date");
  CHECK(class_of("meet on", kPerson, kDate) == "date");
  CHECK(class_of("become chairman in", kPerson, kDate) == "date");
  CHECK(class_of("meet", kPerson, kDate) == "date");  // before every other rule
}

TEST_CASE("relation class: part_of") {
  CHECK(class_of("part of", kOrg, kOrg) == "part_of");
  CHECK(class_of("subsidiary of", kOrg, kOrg) == "part_of");
  CHECK(class_of("division of", kOrg, kOrg) == "part_of");
  CHECK(class_of("unit of", kOrg, kOrg) == "part_of");
  CHECK(class_of("news agency of", kOrg, kGpe) == "part_of");
  CHECK(class_of("belong to", kOrg, kOrg) == "part_of");
  CHECK(class_of("parliament of", kOrg, kGpe) == "part_of");
  CHECK(class_of("prize of", EntityType::Award, kEvent) == "part_of");
}

TEST_CASE("relation class: other, for everything else") {
  CHECK(class_of("acquire", kOrg, kOrg) == "other");
  CHECK(class_of("sign with", kPerson, kOrg) == "other");
  CHECK(class_of("visit", kPerson, kGpe) == "other");
  CHECK(class_of("", kPerson, kPerson) == "other");
  CHECK(class_of("  ", kPerson, kPerson) == "other");
  CHECK(class_of("]]> \"odd\"\n", kPerson, kPerson) == "other");
}

TEST_CASE("relation class: upper-case letters read as lower case") {
  CHECK(class_of("Meet With") == "meet");
  CHECK(class_of("Chairman of", kPerson, kOrg) == "role");
}

TEST_CASE("classify_relations: fills each unset class and keeps one a finder set") {
  Document doc;
  doc.entities.resize(3);
  doc.entities[0].type = EntityType::Person;
  doc.entities[1].type = EntityType::Org;
  doc.entities[2].type = EntityType::Gpe;
  doc.triples.push_back({0, 1, "chairman of", "chairman", 0, 0, 0, {}});
  doc.triples.push_back({1, 2, "based in", "based in", 0, 0, 0, {}});
  doc.triples.push_back({0, 1, "represent", "represents", 0, 0, 0, {}});
  doc.triples.back().relation_class = RelationClass::Role;  // the finder knew better
  kg::extract::classify_relations(doc, Lexicon::builtin());
  CHECK(doc.triples[0].relation_class == RelationClass::Role);
  CHECK(doc.triples[1].relation_class == RelationClass::LocatedIn);
  CHECK(doc.triples[2].relation_class == RelationClass::Role);
}

TEST_CASE("pipeline: every triple leaves either extractor with a class") {
  for (const char* extractor : {"rules", "models"}) {
    CAPTURE(extractor);
    kg::extract::PipelineOptions options;
    options.extractor = extractor;
    const kg::extract::Pipeline pipeline(options);
    Document doc;
    doc.name = "invented.txt";
    doc.text =
        "Acme Corp chairman John Smith met Jane Doe in Paris on Monday. "
        "Jane Doe is the spokeswoman of the Globex Corporation, which is based in Berlin.";
    pipeline.run(doc);
    REQUIRE_FALSE(doc.triples.empty());
    for (const kg::extract::Triple& t : doc.triples) {
      CAPTURE(t.relation);
      REQUIRE(t.relation_class.has_value());
      // The class the wording gives, unless the wording alone says nothing ("other"): then
      // the finder's own (the relation filter predicts one for "work for", "in", ...).
      const auto from_wording = kg::extract::classify_relation(t.relation, doc.entities[t.subject].type,
                                                               doc.entities[t.object].type);
      if (from_wording != kg::extract::RelationClass::Other) CHECK(*t.relation_class == from_wording);
    }
  }
}
