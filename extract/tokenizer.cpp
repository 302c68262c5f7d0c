// Placeholder: whitespace tokenizer, one sentence per line. Replaced by the real one.
#include "extract/tokenizer.h"

namespace kg::extract {

void tokenize(Document& doc) {
  const std::string& t = doc.text;
  std::uint32_t i = 0, n = static_cast<std::uint32_t>(t.size());
  Sentence current;
  while (i < n) {
    if (t[i] == '\n') {
      if (current.last > current.first) doc.sentences.push_back(current);
      current = Sentence{};
      current.first = current.last = static_cast<std::uint32_t>(doc.tokens.size());
      ++i;
      continue;
    }
    if (t[i] == ' ' || t[i] == '\t' || t[i] == '\r') { ++i; continue; }
    std::uint32_t b = i;
    while (i < n && t[i] != ' ' && t[i] != '\n' && t[i] != '\t' && t[i] != '\r') ++i;
    Token tok;
    tok.begin = b; tok.end = i; tok.form = t.substr(b, i - b); tok.norm = tok.form;
    if (current.last == current.first) current.begin = b;
    current.end = i;
    doc.tokens.push_back(std::move(tok));
    current.last = static_cast<std::uint32_t>(doc.tokens.size());
  }
  if (current.last > current.first) doc.sentences.push_back(current);
}

}  // namespace kg::extract
