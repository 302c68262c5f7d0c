// The parts of a sentence the parser reads around (asides.h): bracketed asides after names
// and datelines, found from the rule mentions of invented sentences, and how each is hung
// on a parse. One TEST_CASE per construction or guard.
#include "extract/kg/asides.h"

#include <doctest/doctest.h>

#include <cctype>
#include <string>
#include <vector>

#include "extract/kg/pipeline.h"
#include "extract/text/document.h"

using kg::extract::Aside;
using kg::extract::attach_aside;
using kg::extract::Document;
using kg::extract::name_asides;

namespace {

// `text` through the rules pipeline (mentions, no parse).
Document ruled(const char* text) {
  Document doc;
  doc.text = text;
  kg::extract::Pipeline(kg::extract::PipelineOptions{}).run(doc);
  return doc;
}

// The forms of tokens [first, last), joined by spaces.
std::string forms(const Document& doc, std::uint32_t first, std::uint32_t last) {
  std::string out;
  for (std::uint32_t t = first; t < last; ++t) out += (out.empty() ? "" : " ") + doc.tokens[t].form;
  return out;
}

}  // namespace

// ---- bracketed asides after names --------------------------------------------------------

namespace {

// `text` through the rules pipeline (mentions, no parse), and its first sentence's asides
// as the bracketed words.
std::vector<std::string> asides_of(const char* text, const char* verb = nullptr) {
  Document doc = ruled(text);
  for (auto& t : doc.tokens)
    if (verb && t.form == verb) t.tag = "VERB";
  std::vector<std::string> out;
  for (const Aside& a : name_asides(doc, doc.sentences.at(0))) {
    out.push_back(forms(doc, a.open + 1, a.close));
  }
  return out;
}

}  // namespace

TEST_CASE("asides: an acronym in brackets after a name is an aside") {
  CHECK(asides_of("The Norvik Party (NP) and the Halden League (HL) signed a deal.") ==
        std::vector<std::string>{"NP", "HL"});
}

TEST_CASE("asides: brackets after a common word are no aside") {
  CHECK(asides_of("Norvik said the price (in dollars) rose.").empty());
}

TEST_CASE("asides: brackets holding a verb are no aside") {
  CHECK(asides_of("Jo Halden (who resigned) spoke to Kalvik.", "resigned").empty());
}

TEST_CASE("asides: brackets of more than four words are no aside") {
  CHECK(asides_of("Jo Halden (Norvik Party, North) spoke to Kalvik.").size() == 1);  // four
  CHECK(asides_of("Jo Halden (the Norvik Party of the North) spoke to Kalvik.").empty());
}

TEST_CASE("asides: an aside hangs on its name's head as an apposition") {
  Document doc = ruled("The Norvik Party (NP) won.");
  // The, Norvik, Party, (, NP, ), won, . -- the parse of the sentence without the aside.
  REQUIRE(doc.tokens.size() == 8);
  const std::int32_t heads[] = {2, 2, 6, -1, -1, -1, -1, 6};
  for (std::size_t t = 0; t < 8; ++t) doc.tokens[t].head = heads[t];
  const std::vector<Aside> asides = name_asides(doc, doc.sentences[0]);
  REQUIRE(asides.size() == 1);
  attach_aside(doc, asides[0]);
  CHECK(doc.tokens[4].head == 2);
  CHECK(doc.tokens[4].deprel == "appos");
  CHECK(doc.tokens[3].head == 4);
  CHECK(doc.tokens[3].deprel == "punct");
  CHECK(doc.tokens[5].head == 4);
}


// ---- datelines ---------------------------------------------------------------------------

namespace {

// The dateline of `text`'s sentence `s` as "place|dash", or "" when it has none.
std::string dateline_of(const char* text, std::size_t s = 0) {
  const Document doc = ruled(text);
  const auto d = kg::extract::find_dateline(doc, doc.sentences.at(s));
  if (!d) return "";
  return doc.mentions[d->place].text + "|" + doc.tokens[d->end].form;
}

}  // namespace

TEST_CASE("asides: a place, a date and an agency before a dash open a dateline") {
  CHECK(dateline_of("BERGEN, Norway, Jan. 5 (Norvik Times) -- The museum named a director.") == "BERGEN|--");
}

TEST_CASE("asides: a place and a colon open a dateline") {
  CHECK(dateline_of("Bergen: The museum named a new director on Monday.") == "Bergen|:");
}

TEST_CASE("asides: a dateline under a headline opens the first paragraph") {
  CHECK(dateline_of("Museum names director\nBERGEN (Norvik Times) - The museum named a director.", 1) ==
        "BERGEN|-");
}

TEST_CASE("asides: a lower-case word before the dash is no dateline") {
  CHECK(dateline_of("Bergen officials said - without a vote - that the museum closed.").empty());
}

TEST_CASE("asides: a place not opening its line is no dateline") {
  CHECK(dateline_of("The museum in Bergen - a city of hills - named a director.").empty());
}

TEST_CASE("asides: a dash with almost nothing after it is no dateline") {
  CHECK(dateline_of("Bergen - Norway").empty());
}

TEST_CASE("asides: a dateline hangs under the root of the parsed rest") {
  Document doc = ruled("BERGEN (Norvik Times) - The museum closed.");
  // BERGEN ( Norvik Times ) - The museum closed .
  REQUIRE(doc.tokens.size() == 10);
  const auto d = kg::extract::find_dateline(doc, doc.sentences[0]);
  REQUIRE(d.has_value());
  // The parse of the rest: The -> museum -> closed (root), "." -> closed.
  const std::int32_t heads[] = {-1, -1, -1, -1, -1, -1, 7, 8, -1, 8};
  for (std::size_t t = 0; t < 10; ++t) doc.tokens[t].head = heads[t];
  const std::vector<std::uint32_t> rest{6, 7, 8, 9};
  kg::extract::attach_dateline(doc, rest, *d);
  CHECK(doc.tokens[0].head == 8);
  CHECK(doc.tokens[0].deprel == "dep");
  CHECK(doc.tokens[5].head == 0);
  CHECK(doc.tokens[5].deprel == "punct");
  CHECK(doc.tokens[3].head == 0);
}

// ---- proper names read as one word -------------------------------------------------------

namespace {

// The names of `text`'s first sentence read as one word, every token tagged as `tags` says
// ("PROPN" for a capitalised word, else "NOUN": enough for the rule).
std::vector<std::string> names_of(const char* text) {
  Document doc = ruled(text);
  for (auto& t : doc.tokens)
    t.tag = !t.form.empty() && std::isupper(static_cast<unsigned char>(t.form[0])) ? "PROPN" : "NOUN";
  std::vector<std::string> out;
  for (const kg::extract::NameSpan& n : kg::extract::names_read_as_one(doc, doc.sentences.at(0))) {
    out.push_back(forms(doc, n.first, n.last));
  }
  return out;
}

}  // namespace

TEST_CASE("asides: a name of several proper nouns is read as one word") {
  CHECK(names_of("yesterday Jo Halvorsen met Kalvik in Bergen.") == std::vector<std::string>{"Jo Halvorsen"});
}

TEST_CASE("asides: a name with a word that is no proper noun is read whole") {
  CHECK(names_of("yesterday the Museum of Norvik Art met Kalvik.").empty());
}

TEST_CASE("asides: a name's other words hang on its last word") {
  Document doc = ruled("Jo Halvorsen won.");
  kg::extract::attach_name(doc, kg::extract::NameSpan{0, 2});
  CHECK(doc.tokens[0].head == 1);
  CHECK(doc.tokens[0].deprel == "compound");
  CHECK(doc.tokens[1].head == -1);
}
