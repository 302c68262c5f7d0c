#include "extract/text/tokenizer.h"

#include <doctest/doctest.h>

#include <algorithm>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using kg::extract::Document;
using kg::extract::tokenize;

namespace {

Document tokenized(std::string text) {
  Document doc;
  doc.text = std::move(text);
  tokenize(doc);
  return doc;
}

// Token forms joined by "|", sentences separated by " / ".
std::string split(std::string text) {
  const Document doc = tokenized(std::move(text));
  std::string out;
  for (const auto& s : doc.sentences) {
    if (!out.empty()) out += " / ";
    for (auto i = s.first; i < s.last; ++i) {
      if (i > s.first) out += '|';
      out += doc.tokens[i].form;
    }
  }
  return out;
}

// Token norms joined by "|".
std::string norms(std::string text) {
  const Document doc = tokenized(std::move(text));
  std::string out;
  for (const auto& t : doc.tokens) out += (out.empty() ? "" : "|") + t.norm;
  return out;
}

// One letter per sentence: H for headline, - for ordinary.
std::string headlines(std::string text) {
  const Document doc = tokenized(std::move(text));
  std::string out;
  for (const auto& s : doc.sentences) out += s.headline ? 'H' : '-';
  return out;
}

// The Document invariants every input must satisfy.
// Every byte between tokens is whitespace: tokenizing the gap alone yields nothing.
void check_gap(const Document& doc, std::uint32_t begin, std::uint32_t end) {
  if (end > begin) REQUIRE(tokenized(doc.text.substr(begin, end - begin)).tokens.empty());
}

void check_invariants(const Document& doc) {
  std::uint32_t prev_end = 0;
  for (const auto& t : doc.tokens) {
    REQUIRE(t.begin < t.end);
    REQUIRE(t.begin >= prev_end);
    REQUIRE(doc.text.compare(t.begin, t.end - t.begin, t.form) == 0);
    check_gap(doc, prev_end, t.begin);
    prev_end = t.end;
  }
  check_gap(doc, prev_end, static_cast<std::uint32_t>(doc.text.size()));
  std::uint32_t next = 0;
  for (const auto& s : doc.sentences) {
    REQUIRE(s.first == next);
    REQUIRE(s.first < s.last);
    REQUIRE(s.begin == doc.tokens[s.first].begin);
    REQUIRE(s.end == doc.tokens[s.last - 1].end);
    next = s.last;
  }
  REQUIRE(next == doc.tokens.size());
}

}  // namespace

TEST_CASE("tokenizer: words and punctuation are separate tokens") {
  CHECK(split("Putin met Trump, twice.") == "Putin|met|Trump|,|twice|.");
}

TEST_CASE("tokenizer: titles, months and street abbreviations keep their period") {
  CHECK(split("Mr. Smith met Dr. Jones on Feb. 18 in St. Petersburg, Gen. Lee said.") ==
        "Mr.|Smith|met|Dr.|Jones|on|Feb.|18|in|St.|Petersburg|,|Gen.|Lee|said|.");
}

TEST_CASE("tokenizer: No. is an abbreviation only before a number") {
  CHECK(split("He is No. 1 in the U.K. He said No. Then he left.") ==
        "He|is|No.|1|in|the|U.K. / He|said|No|. / Then|he|left|.");
}

TEST_CASE("tokenizer: an abbreviation ends a sentence before a function word") {
  CHECK(split("He founded Acme Inc. The firm grew, etc. But it failed.") ==
        "He|founded|Acme|Inc. / The|firm|grew|,|etc. / But|it|failed|.");
}

TEST_CASE("tokenizer: lower-case abbreviations and dotted forms") {
  CHECK(split("At 5 p.m. Thursday, e.g. the talks, i.e. this, vs. that; Roe v. Wade.") ==
        "At|5|p.m.|Thursday|,|e.g.|the|talks|,|i.e.|this|,|vs.|that|;|Roe|v.|Wade|.");
}

TEST_CASE("tokenizer: a dotted acronym inside a sentence does not end it") {
  CHECK(split("The U.S. Embassy and U.N. officials met in Washington, D.C. on Monday.") ==
        "The|U.S.|Embassy|and|U.N.|officials|met|in|Washington|,|D.C.|on|Monday|.");
}

TEST_CASE("tokenizer: a dotted acronym ends a sentence before a sentence opener") {
  CHECK(split("He flew to the U.S. The talks began in the U.S.A.") ==
        "He|flew|to|the|U.S. / The|talks|began|in|the|U.S.A.");
}

TEST_CASE("tokenizer: a dotted acronym at a line end ends the sentence") {
  CHECK(split("Talks with the U.S.\nRussia agreed.") == "Talks|with|the|U.S. / Russia|agreed|.");
}

TEST_CASE("tokenizer: single-letter initials keep their period") {
  CHECK(split("John F. Kennedy and J. R. R. Tolkien met J.K. Rowling.") ==
        "John|F.|Kennedy|and|J.|R.|R.|Tolkien|met|J.K.|Rowling|.");
}

TEST_CASE("tokenizer: a capital letter ending a sentence is not an initial") {
  CHECK(split("We chose Plan B.\nNeither do I. Trump agreed with Henry I. Miller, Ph.D.") ==
        "We|chose|Plan|B|. / Neither|do|I|. / Trump|agreed|with|Henry|I.|Miller|,|Ph.D.");
}

TEST_CASE("tokenizer: possessive ’s and 's split off") {
  CHECK(split("Russia’s and Turkey's roles, the U.S.’s aims") ==
        "Russia|’s|and|Turkey|'s|roles|,|the|U.S.|’s|aims");
}

TEST_CASE("tokenizer: plural possessive apostrophe is its own token") {
  CHECK(split("both countries’ missions and others' staff") ==
        "both|countries|’|missions|and|others|'|staff");
}

TEST_CASE("tokenizer: contractions split off") {
  CHECK(split("I’m sure they’re here; we've won’t can't she'll he'd DON'T") ==
        "I|’m|sure|they|’re|here|;|we|'ve|wo|n’t|ca|n't|she|'ll|he|'d|DO|N'T");
}

TEST_CASE("tokenizer: an apostrophe inside a word stays in it") {
  CHECK(split("O'Brien liked rock'n'roll in Côte d’Ivoire and O'Neill's band") ==
        "O'Brien|liked|rock'n'roll|in|Côte|d’Ivoire|and|O'Neill|'s|band");
}

TEST_CASE("tokenizer: curly and straight quotes are separate tokens") {
  CHECK(split("“Hello,” she said, 'yes' and \"no\" «oui»") ==
        "“|Hello|,|”|she|said|,|'|yes|'|and|\"|no|\"|«|oui|»");
}

TEST_CASE("tokenizer: a quoted title with a contraction") {
  CHECK(split("Related article: 'You Can't Trust Putin': Chechens") ==
        "Related|article|:|'|You|Ca|n't|Trust|Putin|'|:|Chechens");
}

TEST_CASE("tokenizer: closing quotes after final punctuation stay in the sentence") {
  CHECK(split("“We hope.” Then he left. He said “forward.” (It worked.) Fine.") ==
        "“|We|hope|.|” / Then|he|left|. / He|said|“|forward|.|” / (|It|worked|.|) / Fine|.");
}

TEST_CASE("tokenizer: a comma inside a quote does not end the sentence") {
  CHECK(split("“The first contacts inspire hopes,” TASS quoted Putin as saying.") ==
        "“|The|first|contacts|inspire|hopes|,|”|TASS|quoted|Putin|as|saying|.");
}

TEST_CASE("tokenizer: a quote opening after final punctuation starts a sentence") {
  CHECK(split("He spoke. “Part of it is true,” he said.") ==
        "He|spoke|. / “|Part|of|it|is|true|,|”|he|said|.");
}

TEST_CASE("tokenizer: em and en dashes and double hyphens are tokens") {
  CHECK(split("in Ukraine—a sharp turn – Kyiv--Moscow - Reuters") ==
        "in|Ukraine|—|a|sharp|turn|–|Kyiv|--|Moscow|-|Reuters");
}

TEST_CASE("tokenizer: lower-case hyphenated words stay whole") {
  CHECK(split("long-standing tit-for-tat full-scale pro-Kremlin 18-year-old X-ray") ==
        "long-standing|tit-for-tat|full-scale|pro-Kremlin|18-year-old|X-ray");
}

TEST_CASE("tokenizer: a hyphen after a capitalised part splits") {
  CHECK(split("in US-Russia ties, U.S.-Russian talks, U.S.-led efforts, Russian-controlled land") ==
        "in|US|-|Russia|ties|,|U.S.|-|Russian|talks|,|U.S.|-|led|efforts|,|Russian|-|controlled|land");
}

TEST_CASE("tokenizer: capitalised hyphen exceptions stay whole") {
  CHECK(split("Kremlin-backed COVID-19 rules. Anti-war Su-27 pilots. US-backed T-shirt") ==
        "Kremlin-backed|COVID-19|rules|. / Anti-war|Su-27|pilots|. / US|-|backed|T-shirt");
}

TEST_CASE("tokenizer: URLs and e-mail addresses are single tokens") {
  CHECK(split("See https://example.com/a_(b)?q=1. Mail john.doe@example.org, or www.tass.ru!") ==
        "See|https://example.com/a_(b)?q=1|. / Mail|john.doe@example.org|,|or|www.tass.ru|!");
}

TEST_CASE("tokenizer: a URL in brackets leaves the bracket out") {
  CHECK(split("(https://www.themoscowtimes.com/2025/02/27/talks-a88182)") ==
        "(|https://www.themoscowtimes.com/2025/02/27/talks-a88182|)");
}

TEST_CASE("tokenizer: numbers stay whole") {
  CHECK(split("1,000 troops, 3.5% growth in 2019, the 18th at 10:30, 24/7, 2019,2020 and $.50") ==
        "1,000|troops|,|3.5|%|growth|in|2019|,|the|18th|at|10:30|,|24/7|,|2019|,|2020|and|$|.50");
}

TEST_CASE("tokenizer: a number before a period ends the sentence") {
  CHECK(split("He came in 2014. 2015 was worse.") == "He|came|in|2014|. / 2015|was|worse|.");
}

TEST_CASE("tokenizer: a list number at a line start does not make a sentence") {
  CHECK(split("1. Background\n2. Talks began. Then") == "1|.|Background / 2|.|Talks|began|. / Then");
}

TEST_CASE("tokenizer: dateline with a colon stays in the first sentence") {
  CHECK(split("MOSCOW: Russian diplomats met.") == "MOSCOW|:|Russian|diplomats|met|.");
}

TEST_CASE("tokenizer: dateline with an agency and a dash stays in the first sentence") {
  CHECK(split("ISTANBUL (AP) — Russian and U.S. diplomats met.") ==
        "ISTANBUL|(|AP|)|—|Russian|and|U.S.|diplomats|met|.");
}

TEST_CASE("tokenizer: dateline with a date and a dash stays in the first sentence") {
  CHECK(split("Istanbul, 28 February — Russian diplomats met.") ==
        "Istanbul|,|28|February|—|Russian|diplomats|met|.");
}

TEST_CASE("tokenizer: every line break ends a sentence") {
  CHECK(split("US-Russia talks in Istanbul\nThe talks were held.\nBy AFP") ==
        "US|-|Russia|talks|in|Istanbul / The|talks|were|held|. / By|AFP");
}

TEST_CASE("tokenizer: lines without final punctuation are headlines") {
  CHECK(headlines("Talks in Istanbul\n\nBy AFP\nFebruary 27, 2025\n___\n"
                  "Body text here. Second sentence\nHe said “yes.”\nRead More: US Clash\n"
                  "https://example.com/x") == "HHHH---HH");
}

TEST_CASE("tokenizer: markdown heading marks are one token") {
  CHECK(split("## Original url:\n\n## Russian and U.S. Officials Meet") ==
        "##|Original|url|: / ##|Russian|and|U.S.|Officials|Meet");
}

TEST_CASE("tokenizer: a title-case headline does not split at an acronym") {
  CHECK(split("Talks Between U.S. And Russia Resume") == "Talks|Between|U.S.|And|Russia|Resume");
}

TEST_CASE("tokenizer: ellipsis and repeated marks") {
  CHECK(split("Wait... Then … What?! No!") == "Wait|... / Then|… / What|?! / No|!");
}

TEST_CASE("tokenizer: byte offsets are correct for multi-byte text") {
  const Document doc = tokenized("Öncu Keçeli’s view");
  REQUIRE(doc.tokens.size() == 4);
  CHECK(doc.tokens[0].begin == 0);
  CHECK(doc.tokens[0].end == 5);  // Ö is two bytes
  CHECK(doc.tokens[1].begin == 6);
  CHECK(doc.tokens[1].end == 13);  // ç is two bytes
  CHECK(doc.tokens[2].form == "’s");
  CHECK(doc.tokens[2].begin == 13);
  CHECK(doc.tokens[2].end == 17);  // ’ is three bytes
  CHECK(doc.tokens[3].begin == 18);
}

TEST_CASE("tokenizer: norm folds typographic variants") {
  CHECK(norms("Russia’s “deal” — a ‘test’ – fine… «oui» −5 Kyiv--Moscow") ==
        "Russia|'s|\"|deal|\"|-|a|'|test|'|-|fine|...|\"|oui|\"|-|5|Kyiv|-|Moscow");
}

TEST_CASE("tokenizer: space_before and line_start flags") {
  const Document doc = tokenized("  A (b)\nC");
  REQUIRE(doc.tokens.size() == 5);
  CHECK(doc.tokens[0].space_before);
  CHECK(doc.tokens[0].line_start);
  CHECK(doc.tokens[1].space_before);
  CHECK_FALSE(doc.tokens[1].line_start);
  CHECK_FALSE(doc.tokens[2].space_before);
  CHECK_FALSE(doc.tokens[3].space_before);
  CHECK(doc.tokens[4].space_before);
  CHECK(doc.tokens[4].line_start);
}

TEST_CASE("tokenizer: empty and whitespace-only input give nothing") {
  CHECK(tokenized("").tokens.empty());
  CHECK(tokenized("").sentences.empty());
  CHECK(tokenized(" \n\t\r\n \xC2\xA0 \xE2\x80\x89\n").tokens.empty());
  CHECK(tokenized(" \n\t\r\n \xC2\xA0 \xE2\x80\x89\n").sentences.empty());
}

TEST_CASE("tokenizer: CR and NBSP are whitespace") {
  CHECK(split("A b.\r\nC\xC2\xA0" "d.\r\n") == "A|b|. / C|d|.");
}

TEST_CASE("tokenizer: retokenizing replaces earlier tokens") {
  Document doc = tokenized("One two.");
  tokenize(doc);
  CHECK(doc.tokens.size() == 3);
  CHECK(doc.sentences.size() == 1);
}

TEST_CASE("tokenizer: invariants hold on the sample articles") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(KG_SOURCE_DIR) / "samples";
  if (!fs::exists(dir)) return;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    CAPTURE(entry.path().string());
    check_invariants(tokenized(buf.str()));
  }
}

TEST_CASE("tokenizer: invariants hold on random text") {
  const std::vector<std::string> pieces = {
      "a", "B", "U", ".", "S", " ", "\n", "’", "'", "s", "n", "t", "“", "”", "\"", "-", "—", "…",
      "1", ",", "0", ":", "/", "@", "x.com", "http://", "www.", "(", ")", "Ö", "ç", "\xC2\xA0",
      "#", "_", "&", "!", "?", "Mr", "Feb", "No", "\xEF\xB8\x8F", "\xF0\x9F\x91\x8D", "\r"};
  std::mt19937 rng(42);
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 40);
    for (int k = 0; k < n; ++k) text += pieces[rng() % pieces.size()];
    CAPTURE(text);
    check_invariants(tokenized(text));
  }
}

// A hard-wrapped article: lines cut near 70 columns, many in mid-sentence.
constexpr const char* kWrapped =
    "BERLIN - The German Foreign Minister met his Polish counterpart in\n"
    "Warsaw on Monday, officials said, in the first visit of its kind since\n"
    "the dispute over the pipeline began. The two ministers agreed to meet\n"
    "again in the spring and to set up a working group on energy security\n"
    "that would report to both governments before the end of the year. The\n"
    "talks were described by both sides as useful and open.\n"
    "\n"
    "Poland has long opposed the project.\n";

TEST_CASE("tokenizer: hard-wrapped lines join into sentences, but a blank line still ends one") {
  const Document doc = tokenized(kWrapped);
  REQUIRE(doc.sentences.size() == 4);
  CHECK(doc.sentence_text(0) ==
        "BERLIN - The German Foreign Minister met his Polish counterpart in\n"
        "Warsaw on Monday, officials said, in the first visit of its kind since\n"
        "the dispute over the pipeline began.");
  CHECK(doc.sentence_text(3) == "Poland has long opposed the project.");
}

TEST_CASE("tokenizer: a wrapped line's first token is not a line start") {
  const Document doc = tokenized(kWrapped);
  auto warsaw = std::find_if(doc.tokens.begin(), doc.tokens.end(), [](const kg::extract::Token& t) { return t.form == "Warsaw"; });
  REQUIRE(warsaw != doc.tokens.end());
  CHECK_FALSE(warsaw->line_start);
}

TEST_CASE("tokenizer: one paragraph per line is not taken for wrapped text") {
  CHECK(split("Short headline\nA first paragraph ends here.\nA second one starts here.\n"
              "Third line.\nFourth line.\nFifth line.\nSixth.") ==
        "Short|headline / A|first|paragraph|ends|here|. / A|second|one|starts|here|. / Third|line|. / "
        "Fourth|line|. / Fifth|line|. / Sixth|.");
}

// ---- over-long sentences -----------------------------------------------------------------

namespace {

// n lower-case words separated by spaces, with `insert` spliced in before word `at`.
std::string words(std::size_t n, std::size_t at = 0, const std::string& insert = "") {
  std::string text;
  for (std::size_t i = 0; i < n; ++i) {
    if (i == at && !insert.empty()) text += insert + " ";
    text += "word ";
  }
  return text;
}

}  // namespace

TEST_CASE("tokenizer: a line without punctuation is cut into sentences of at most the bound") {
  const Document doc = tokenized(words(1000));
  REQUIRE(doc.sentences.size() >= 1000 / kg::extract::kMaxSentenceTokens);
  std::uint32_t next = 0;
  for (const auto& s : doc.sentences) {
    CHECK(s.first == next);
    CHECK(s.last - s.first <= kg::extract::kMaxSentenceTokens);
    CHECK_FALSE(s.headline);
    next = s.last;
  }
  CHECK(next == doc.tokens.size());
}

TEST_CASE("tokenizer: a sentence of exactly the bound stays whole") {
  const Document doc = tokenized(words(kg::extract::kMaxSentenceTokens));
  CHECK(doc.sentences.size() == 1);
}

TEST_CASE("tokenizer: an over-long sentence is cut after a comma in its second half") {
  const std::size_t at = kg::extract::kMaxSentenceTokens * 3 / 4;
  const Document doc = tokenized(words(kg::extract::kMaxSentenceTokens + 50, at, "last,"));
  REQUIRE(doc.sentences.size() == 2);
  CHECK(doc.tokens[doc.sentences[0].last - 1].form == ",");
  CHECK(doc.tokens[doc.sentences[0].last - 2].form == "last");
}

TEST_CASE("tokenizer: an over-long sentence is not cut inside a capitalised name") {
  // Capitalised words fill the end of the allowed length: the cut comes before them.
  std::string text = words(kg::extract::kMaxSentenceTokens - 10);
  for (int i = 0; i < 20; ++i) text += "Name ";
  text += words(50);
  const Document doc = tokenized(text);
  REQUIRE(doc.sentences.size() >= 2);
  const auto cut = doc.sentences[0].last;  // between two lower-case words, before the names
  CHECK(cut < kg::extract::kMaxSentenceTokens - 10);
  CHECK(doc.tokens[cut].form == "word");
  CHECK(doc.tokens[cut - 1].form == "word");
}
