// Unit tests for extract/nlp/lexicon.h: loading small in-memory TSV tables, the ALL-CAPS
// fallback, malformed rows, organisation heads in both positions, and a few general facts
// from the built-in lexicon. One TEST_CASE per edge case.
#include "extract/nlp/lexicon.h"

#include <doctest/doctest.h>

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "extract/text/error.h"

using kg::extract::EntityType;
using kg::extract::GroupKind;
using kg::extract::KeyFilter;
using kg::extract::Lexicon;
using kg::extract::NameKind;
using kg::extract::TitleKind;

namespace {

using Tables = std::map<std::string, std::string, std::less<>>;

// Loads a lexicon from in-memory files; a file missing from `tables` reads as empty.
Lexicon load(const Tables& tables) {
  return Lexicon::load([&tables](std::string_view name) -> std::string_view {
    auto it = tables.find(name);
    return it == tables.end() ? std::string_view() : std::string_view(it->second);
  });
}

// Invented world: Freedonia (capital Libertyville) and Sylvania (capital Ora).
const Tables& small_tables() {
  static const Tables tables{
      {"countries.tsv",
       "# canonical\taliases\tdemonyms\tcapital\tcapital_aliases\n"
       "Freedonia\tRepublic of Freedonia|Fredonia\tFreedonian|Freedonians\tLibertyville\tLiberty City\n"
       "Sylvania\t\tSylvanian\tOra\t\n"},
      {"places.tsv",
       "# type\tcanonical\taliases\tdemonyms\tpart_of\n"
       "GPE\tPort Royal\tRoyal Port\tPort Royalist\tFreedonia\n"
       "LOC\tGreat Lake\t\t\t\n"
       "LOC\tFreedonia\t\t\t\n"},  // duplicate surface: the country row came first and wins
      {"organizations.tsv",
       "ORG\tFreedonian News Agency\tFNA\tFreedonia\n"
       "EVENT\tFreedonia Accord\t\t\n"},
      {"titles.tsv",
       "Prime Minister\tprime minister\thead\n"
       "spokeswoman\tspokeswoman\tofficial\n"
       "columnist\tcolumnist\tmedia\n"
       "Mr.\tmr\thonorific\n"
       "Deputy Assistant Secretary of State\tdeputy assistant secretary of state\tofficial\n"},
      {"org_heads.tsv",
       "Bank\tORG\tend\n"
       "Bank\tORG\tstart\n"
       "Ministry\tORG\tend\n"
       "Lake\tLOC\tstart\n"
       "Airport\tLOC\tend\n"},
      {"group_nouns.tsv", "delegation\tgroup\nofficials\tpeople\n"},
      {"verbs.tsv",
       "met\tmeet\tVBD\nmeets\tmeet\tVBZ\nimpose\timpose\tVB\nstop\tstop\tVB\ncarry\tcarry\tVB\n"
       "visit\tvisit\tVB\n"},
      {"given_names.txt", "# given names\nOlaf\nAmina\n"},
      {"common_words.txt", "despite\nthe\n"},
  };
  return tables;
}

const Lexicon& small() {
  static const Lexicon lexicon = load(small_tables());
  return lexicon;
}

// The message of the ModelError that loading `tables` throws, or "" if none.
std::string load_error(const Tables& tables) {
  try {
    load(tables);
  } catch (const kg::ModelError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

// ---- countries.tsv -------------------------------------------------------------------

TEST_CASE("lexicon: a country row gives its canonical name") {
  const auto* e = small().name("Freedonia");
  REQUIRE(e != nullptr);
  CHECK(e->type == EntityType::Gpe);
  CHECK(e->canonical == "Freedonia");
  CHECK(e->kind == NameKind::Name);
  CHECK(e->country == "Freedonia");
}

TEST_CASE("lexicon: a country alias resolves to the canonical name") {
  for (const char* alias : {"Republic of Freedonia", "Fredonia"}) {
    CAPTURE(alias);
    const auto* e = small().name(alias);
    REQUIRE(e != nullptr);
    CHECK(e->canonical == "Freedonia");
    CHECK(e->kind == NameKind::Name);
  }
  CHECK(small().max_name_tokens() >= 3);
}

TEST_CASE("lexicon: a demonym is NameKind::Demonym of its country") {
  for (const char* demonym : {"Freedonian", "Freedonians"}) {
    CAPTURE(demonym);
    const auto* e = small().name(demonym);
    REQUIRE(e != nullptr);
    CHECK(e->kind == NameKind::Demonym);
    CHECK(e->canonical == "Freedonia");
    CHECK(e->country == "Freedonia");
  }
}

TEST_CASE("lexicon: the first demonym is the country's demonym_of") {
  CHECK(small().demonym_of("Freedonia") == "Freedonian");
  CHECK(small().demonym_of("Atlantis").empty());
}

TEST_CASE("lexicon: a capital is NameKind::Capital with its country") {
  const auto* e = small().name("Libertyville");
  REQUIRE(e != nullptr);
  CHECK(e->type == EntityType::Gpe);
  CHECK(e->kind == NameKind::Capital);
  CHECK(e->canonical == "Libertyville");
  CHECK(e->country == "Freedonia");
}

TEST_CASE("lexicon: a capital alias has the capital as canonical name") {
  const auto* e = small().name("Liberty City");
  REQUIRE(e != nullptr);
  CHECK(e->kind == NameKind::Capital);
  CHECK(e->canonical == "Libertyville");
  CHECK(e->country == "Freedonia");
}

TEST_CASE("lexicon: lookups are case-sensitive for mixed-case phrases") {
  CHECK(small().name("freedonia") == nullptr);
  CHECK(small().name("LibertyVille") == nullptr);
}

TEST_CASE("lexicon: the first definition of a surface wins over a later file") {
  const auto* e = small().name("Freedonia");
  REQUIRE(e != nullptr);
  CHECK(e->type == EntityType::Gpe);  // not the LOC row of places.tsv
}

// ---- ALL-CAPS fallback ---------------------------------------------------------------

TEST_CASE("lexicon: an ALL-CAPS word finds its entry case-insensitively") {
  const auto* e = small().name("LIBERTYVILLE");
  REQUIRE(e != nullptr);
  CHECK(e->canonical == "Libertyville");
  CHECK(e->kind == NameKind::Capital);
}

TEST_CASE("lexicon: an ALL-CAPS multi-word phrase finds its entry") {
  const auto* e = small().name("PORT ROYAL");
  REQUIRE(e != nullptr);
  CHECK(e->canonical == "Port Royal");
}

TEST_CASE("lexicon: a 2-3 letter ALL-CAPS word does not use the fallback") {
  CHECK(small().name("Ora") != nullptr);
  CHECK(small().name("ORA") == nullptr);
}

TEST_CASE("lexicon: an acronym listed as written is found exactly") {
  const auto* e = small().name("FNA");
  REQUIRE(e != nullptr);
  CHECK(e->canonical == "Freedonian News Agency");
  CHECK(e->type == EntityType::Org);
}

TEST_CASE("lexicon: the built-in lexicon resolves an ALL-CAPS dateline (MOSCOW, PARIS)") {
  const Lexicon& lex = Lexicon::builtin();
  const auto* moscow = lex.name("MOSCOW");
  REQUIRE(moscow != nullptr);
  CHECK(moscow->canonical == "Moscow");
  const auto* paris = lex.name("PARIS");
  REQUIRE(paris != nullptr);
  CHECK(paris->canonical == "Paris");
  CHECK(paris->country == "France");
}

// ---- places.tsv and organizations.tsv -----------------------------------------------

TEST_CASE("lexicon: a place row gives type, aliases, demonyms and part_of") {
  const auto* e = small().name("Royal Port");
  REQUIRE(e != nullptr);
  CHECK(e->type == EntityType::Gpe);
  CHECK(e->canonical == "Port Royal");
  CHECK(e->country == "Freedonia");
  const auto* d = small().name("Port Royalist");
  REQUIRE(d != nullptr);
  CHECK(d->kind == NameKind::Demonym);
  const auto* lake = small().name("Great Lake");
  REQUIRE(lake != nullptr);
  CHECK(lake->type == EntityType::Loc);
  CHECK(lake->country.empty());
}

TEST_CASE("lexicon: an organisation row gives type, alias and country") {
  const auto* agency = small().name("Freedonian News Agency");
  REQUIRE(agency != nullptr);
  CHECK(agency->type == EntityType::Org);
  CHECK(agency->country == "Freedonia");
  const auto* accord = small().name("Freedonia Accord");
  REQUIRE(accord != nullptr);
  CHECK(accord->type == EntityType::Event);
  CHECK(accord->country.empty());
}

// ---- malformed rows ------------------------------------------------------------------

TEST_CASE("lexicon: a bad entity type in places.tsv throws ModelError naming file and line") {
  Tables tables{{"places.tsv", "# type\tcanonical\nGPE\tPort Royal\n\nCITY\tSomewhere\n"}};
  CHECK_THROWS_AS(load(tables), kg::ModelError);
  const std::string message = load_error(tables);
  CHECK(message.find("places.tsv:4") != std::string::npos);
  CHECK(message.find("CITY") != std::string::npos);
}

TEST_CASE("lexicon: a row with too few fields throws ModelError naming file and line") {
  Tables tables{{"organizations.tsv", "ORG\tFreedonian News Agency\nORG\n"}};
  const std::string message = load_error(tables);
  CHECK(message.find("organizations.tsv:2") != std::string::npos);
  CHECK(message.find("expected 2") != std::string::npos);
}

TEST_CASE("lexicon: a row with an empty first field is malformed") {
  Tables tables{{"countries.tsv", "Freedonia\n\tFredonia\n"}};
  CHECK(load_error(tables).find("countries.tsv:2") != std::string::npos);
}

TEST_CASE("lexicon: an unknown title kind throws ModelError naming the line") {
  Tables tables{{"titles.tsv", "Prime Minister\tprime minister\thead\nGrand Vizier\tvizier\tancient\n"}};
  const std::string message = load_error(tables);
  CHECK(message.find("titles.tsv:2") != std::string::npos);
  CHECK(message.find("ancient") != std::string::npos);
}

TEST_CASE("lexicon: a bad type in org_heads.tsv throws ModelError") {
  Tables tables{{"org_heads.tsv", "Ministry\tBUILDING\tend\n"}};
  CHECK(load_error(tables).find("org_heads.tsv:1") != std::string::npos);
}

TEST_CASE("lexicon: CRLF line ends are accepted") {
  Tables tables{{"countries.tsv", "Freedonia\tFredonia\tFreedonian\tLibertyville\r\n"}};
  Lexicon lex = load(tables);
  const auto* e = lex.name("Libertyville");
  REQUIRE(e != nullptr);
  CHECK(e->country == "Freedonia");
}

TEST_CASE("lexicon: absent files load as empty tables") {
  Lexicon lex = load(Tables{});
  CHECK(lex.name("Freedonia") == nullptr);
  CHECK(lex.title("Prime Minister") == nullptr);
  CHECK_FALSE(lex.org_head("Ministry").has_value());
  CHECK_FALSE(lex.is_given_name("Olaf"));
}

// ---- titles, heads, groups, verbs, word lists ---------------------------------------

TEST_CASE("lexicon: titles keep role and kind") {
  const auto* pm = small().title("Prime Minister");
  REQUIRE(pm != nullptr);
  CHECK(pm->role == "prime minister");
  CHECK(pm->kind == TitleKind::Head);
  REQUIRE(small().title("columnist") != nullptr);
  CHECK(small().title("columnist")->kind == TitleKind::Media);
  REQUIRE(small().title("Mr.") != nullptr);
  CHECK(small().title("Mr.")->kind == TitleKind::Honorific);
  CHECK(small().title("prime minister") == nullptr);  // case-sensitive
  CHECK(small().max_title_tokens() == 5);
}

TEST_CASE("lexicon: org_heads with start and end rows for one word keep both") {
  auto bank = small().org_head("Bank");
  REQUIRE(bank.has_value());
  CHECK_FALSE(bank->at_start);  // the end row is preferred
  CHECK(bank->type == EntityType::Org);
  CHECK(small().starts_org_name("Bank"));
}

TEST_CASE("lexicon: a start-only head is returned as at_start") {
  auto lake = small().org_head("Lake");
  REQUIRE(lake.has_value());
  CHECK(lake->at_start);
  CHECK(lake->type == EntityType::Loc);
  CHECK(small().starts_org_name("Lake"));
}

TEST_CASE("lexicon: an end-only head does not start names") {
  auto airport = small().org_head("Airport");
  REQUIRE(airport.has_value());
  CHECK(airport->type == EntityType::Loc);
  CHECK_FALSE(small().starts_org_name("Airport"));
  CHECK_FALSE(small().starts_org_name("Ministry"));
  CHECK_FALSE(small().org_head("Parliament").has_value());
}

TEST_CASE("lexicon: group nouns are looked up in lower case") {
  CHECK(small().group_noun("delegation") == GroupKind::Group);
  CHECK(small().group_noun("officials") == GroupKind::People);
  CHECK_FALSE(small().group_noun("Delegation").has_value());
  CHECK_FALSE(small().group_noun("ministers").has_value());
}

TEST_CASE("lexicon: verb forms give lemma and tag") {
  const auto met = small().verb("met");
  REQUIRE(met.has_value());
  CHECK(met->lemma == "meet");
  CHECK(met->tag == "VBD");
  CHECK_FALSE(small().verb("meetings").has_value());
}

TEST_CASE("lexicon: given names and common words skip comment lines") {
  CHECK(small().is_given_name("Olaf"));
  CHECK(small().is_given_name("Amina"));
  CHECK_FALSE(small().is_given_name("# given names"));
  CHECK_FALSE(small().is_given_name("olaf"));
  CHECK(small().is_common_word("despite"));
  CHECK_FALSE(small().is_common_word("Despite"));
}

// ---- the built-in lexicon: general knowledge only ------------------------------------

TEST_CASE("lexicon: builtin knows France, Paris and French") {
  const Lexicon& lex = Lexicon::builtin();
  const auto* france = lex.name("France");
  REQUIRE(france != nullptr);
  CHECK(france->type == EntityType::Gpe);
  CHECK(france->kind == NameKind::Name);
  const auto* paris = lex.name("Paris");
  REQUIRE(paris != nullptr);
  CHECK(paris->kind == NameKind::Capital);
  CHECK(paris->country == "France");
  const auto* french = lex.name("French");
  REQUIRE(french != nullptr);
  CHECK(french->kind == NameKind::Demonym);
  CHECK(french->canonical == "France");
  CHECK(lex.demonym_of("Germany") == "German");
}

TEST_CASE("lexicon: builtin capital aliases name the capital (Berne -> Bern)") {
  const auto* e = Lexicon::builtin().name("Berne");
  REQUIRE(e != nullptr);
  CHECK(e->canonical == "Bern");
  CHECK(e->country == "Switzerland");
}

TEST_CASE("lexicon: builtin places and organisations") {
  const Lexicon& lex = Lexicon::builtin();
  const auto* geneva = lex.name("Geneva");
  REQUIRE(geneva != nullptr);
  CHECK(geneva->country == "Switzerland");
  const auto* who = lex.name("WHO");
  REQUIRE(who != nullptr);
  CHECK(who->canonical == "World Health Organization");
  CHECK(who->type == EntityType::Org);
}

TEST_CASE("lexicon: builtin titles (Prime Minister, lowercase spokeswoman)") {
  const Lexicon& lex = Lexicon::builtin();
  const auto* pm = lex.title("Prime Minister");
  REQUIRE(pm != nullptr);
  CHECK(pm->role == "prime minister");
  CHECK(pm->kind == TitleKind::Head);
  REQUIRE(lex.title("spokeswoman") != nullptr);
  REQUIRE(lex.title("foreign minister") != nullptr);
}

TEST_CASE("lexicon: builtin organisation heads (Ministry ends and starts names)") {
  const Lexicon& lex = Lexicon::builtin();
  auto ministry = lex.org_head("Ministry");
  REQUIRE(ministry.has_value());
  CHECK(ministry->type == EntityType::Org);
  CHECK_FALSE(ministry->at_start);
  CHECK(lex.starts_org_name("Ministry"));
}

TEST_CASE("lexicon: builtin word lists (verbs, groups, given names, common words)") {
  const Lexicon& lex = Lexicon::builtin();
  REQUIRE(lex.verb("met").has_value());
  CHECK(lex.verb("met")->lemma == "meet");
  CHECK(lex.group_noun("delegation") == GroupKind::Group);
  CHECK(lex.group_noun("officials") == GroupKind::People);
  CHECK(lex.is_given_name("Olaf"));
  CHECK(lex.is_common_word("despite"));
  CHECK_FALSE(lex.is_common_word("president"));  // titles are capitalised mid-sentence
}

TEST_CASE("lexicon: builtin() returns the same object every time") {
  CHECK(&Lexicon::builtin() == &Lexicon::builtin());
}

TEST_CASE("lexicon: is_demonym knows nationality adjectives, not the states' names") {
  const Lexicon& lex = Lexicon::builtin();
  CHECK(lex.is_demonym("French"));
  CHECK_FALSE(lex.is_demonym("France"));
  CHECK_FALSE(lex.is_demonym("Paris"));
}

TEST_CASE("lexicon: is_public_office holds for state offices, not company heads or writers") {
  const Lexicon& lex = Lexicon::builtin();
  CHECK(lex.is_public_office("president"));
  CHECK(lex.is_public_office("foreign minister"));
  CHECK(lex.is_public_office("deputy trade minister"));  // by its last word
  CHECK_FALSE(lex.is_public_office("director"));
  CHECK_FALSE(lex.is_public_office("chairman"));
  CHECK_FALSE(lex.is_public_office("columnist"));
  CHECK_FALSE(lex.is_public_office("filmmaker"));  // not a listed title
}

// ---- KeyFilter and serial numbers -----------------------------------------------------

TEST_CASE("key filter: every key added may be there") {
  KeyFilter filter;
  filter.build(3);
  for (std::string_view key : {"Libertyville", "prime minister", "a", ""}) filter.add(key);
  for (std::string_view key : {"Libertyville", "prime minister", "a", ""}) CHECK(filter.may_contain(key));
}

TEST_CASE("key filter: one never built says any key may be there") {
  const KeyFilter filter;
  CHECK(filter.may_contain("Libertyville"));
}

TEST_CASE("key filter: most keys never added are ruled out") {
  KeyFilter filter;
  filter.build(1000);
  for (int i = 0; i < 1000; ++i) filter.add("present" + std::to_string(i));
  int passed = 0;
  for (int i = 0; i < 1000; ++i) passed += filter.may_contain("absent" + std::to_string(i)) ? 1 : 0;
  CHECK(passed < 100);  // about 3 % expected
}

TEST_CASE("lexicon: lookups behind the filters find every entry, long and short") {
  const Lexicon& lex = small();
  CHECK(lex.name("Republic of Freedonia") != nullptr);
  CHECK(lex.name("LIBERTYVILLE") != nullptr);  // the ALL-CAPS fallback
  CHECK(lex.title("Prime Minister") != nullptr);
  CHECK(lex.name("Republic of Sylvania") == nullptr);
}

TEST_CASE("lexicon: each load has its own serial number, and copies share it") {
  const Lexicon a = load(small_tables());
  const Lexicon b = load(small_tables());
  const Lexicon copy = a;
  CHECK(a.serial() != 0);
  CHECK(a.serial() != b.serial());
  CHECK(copy.serial() == a.serial());
}
