#pragma once
// A Document from a hand-written parse, for the tests of the stages that read one
// (parse relations, coreference): what is tested is the reading, not the parser.
//
// One token per line, either "form UPOS XPOS lemma head deprel" or "form UPOS head deprel";
// heads are 1-based over the whole text, 0 = root. The text is the forms joined by spaces
// ("'s" joins its word); the tokenizer must split it into exactly these tokens and decides
// the sentences. Requires doctest (REQUIREs the row shape and the token count).
//
// tagged_text() is the same for frames that read tags but no tree: "form/UPOS" or
// "form/UPOS/XPOS" words separated by spaces (a word without a slash has no tag; a leading
// '+' glues the word to the one before, as in "Director +-/PUNCT +General/PROPN"); every
// token gets head -1 and deprel "dep", so the sentence counts as parsed.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "extract/text/document.h"
#include "extract/text/tokenizer.h"

namespace kg::test {

inline extract::Document parsed_text(std::string_view conll) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream lines{std::string(conll)};
  std::string line, text;
  while (std::getline(lines, line)) {
    std::istringstream fields(line);
    std::vector<std::string> row;
    for (std::string f; fields >> f;) row.push_back(f);
    if (row.empty()) continue;
    REQUIRE((row.size() == 6 || row.size() == 4));
    if (!text.empty() && row[0] != "'s") text += ' ';
    text += row[0];
    rows.push_back(row);
  }
  extract::Document doc;
  doc.name = "test.txt";
  doc.text = text;
  extract::tokenize(doc);
  REQUIRE(doc.tokens.size() == rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::vector<std::string>& row = rows[i];
    extract::Token& t = doc.tokens[i];
    REQUIRE(t.form == row[0]);
    const bool full = row.size() == 6;
    t.tag = row[1];
    if (full) {
      t.xpos = row[2];
      t.lemma = row[3];
    }
    t.head = std::stoi(row[full ? 4 : 2]) - 1;
    t.deprel = row[full ? 5 : 3];
  }
  return doc;
}

inline extract::Document tagged_text(std::string_view words) {
  std::istringstream in{std::string(words)};
  std::vector<std::pair<std::string, std::string>> rows;  // form, "UPOS/XPOS"
  std::string text;
  for (std::string w; in >> w;) {
    const bool glued = w.size() > 1 && w[0] == '+';  // "+-/PUNCT": written with no space before
    if (glued) w.erase(0, 1);
    const std::size_t slash = w.find('/', 1);
    std::string form = w.substr(0, slash), tags = slash == std::string::npos ? "" : w.substr(slash + 1);
    if (!text.empty() && !glued && form != "'s" && form != "," && form != "." && form != "'") text += ' ';
    text += form;
    rows.emplace_back(form, tags);
  }
  extract::Document doc;
  doc.name = "test.txt";
  doc.text = text;
  extract::tokenize(doc);
  REQUIRE(doc.tokens.size() == rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    extract::Token& t = doc.tokens[i];
    REQUIRE(t.form == rows[i].first);
    const std::string& tags = rows[i].second;
    const std::size_t slash = tags.find('/');
    t.tag = tags.substr(0, slash);
    if (slash != std::string::npos) t.xpos = tags.substr(slash + 1);
    t.head = -1;
    t.deprel = "dep";
  }
  return doc;
}

}  // namespace kg::test
