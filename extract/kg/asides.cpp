#include "extract/kg/asides.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "extract/kg/relation_words.h"
#include "extract/text/text_util.h"

namespace kg::extract {
namespace {

bool is_punctuation(const std::string& norm) {
  return !norm.empty() && std::all_of(norm.begin(), norm.end(), [](char c) {
    return std::ispunct(static_cast<unsigned char>(c)) != 0;
  });
}

}  // namespace

std::vector<Aside> name_asides(const Document& doc, const Sentence& sentence) {
  constexpr std::uint32_t kMaxAsideWords = 4;
  std::vector<Aside> out;
  // The mentions are in text order; `m` walks them along with the brackets.
  auto m = std::lower_bound(doc.mentions.begin(), doc.mentions.end(), sentence.first,
                            [](const Mention& x, std::uint32_t t) { return x.last < t; });
  for (std::uint32_t open = sentence.first + 1; open + 2 < sentence.last; ++open) {
    if (doc.tokens[open].norm != "(") continue;
    while (m != doc.mentions.end() && m->last < open) ++m;
    if (m == doc.mentions.end() || m->last != open || m->first >= open) continue;
    std::uint32_t close = open + 1;
    bool verb = false;
    while (close < sentence.last && close <= open + kMaxAsideWords + 1 && doc.tokens[close].norm != ")" &&
           doc.tokens[close].norm != "(") {
      const std::string& tag = doc.tokens[close].tag;
      verb = verb || tag == "VERB" || tag == "AUX";
      ++close;
    }
    if (close >= sentence.last || doc.tokens[close].norm != ")" || close == open + 1 || verb) continue;
    out.push_back({open, close, m->first, m->last});
    open = close;
  }
  return out;
}

void attach_aside(Document& doc, const Aside& aside) {
  const std::uint32_t name_head = span_head(doc, aside.name_first, aside.name_last);
  const std::uint32_t head = aside.close - 1;  // "(Social Democratic Party)": its last word
  for (std::uint32_t t = aside.open; t <= aside.close; ++t) {
    Token& tok = doc.tokens[t];
    if (t == head) {
      tok.head = static_cast<std::int32_t>(name_head);
      tok.deprel = "appos";
    } else {
      tok.head = static_cast<std::int32_t>(head);
      tok.deprel = t == aside.open || t == aside.close ? "punct" : "compound";
    }
  }
}

std::optional<Dateline> find_dateline(const Document& doc, const Sentence& sentence) {
  constexpr std::uint32_t kMaxDatelineTokens = 14;
  constexpr std::uint32_t kMinRest = 3;  // words after the dash: a clause, not a headline's tail
  if (sentence.first >= sentence.last || !doc.tokens[sentence.first].line_start) return std::nullopt;
  auto m = std::lower_bound(doc.mentions.begin(), doc.mentions.end(), sentence.first,
                            [](const Mention& x, std::uint32_t t) { return x.first < t; });
  if (m == doc.mentions.end() || m->first != sentence.first) return std::nullopt;
  if (m->type != EntityType::Gpe && m->type != EntityType::Loc) return std::nullopt;
  const auto place = static_cast<std::uint32_t>(m - doc.mentions.begin());
  const std::uint32_t place_last = m->last;  // `m` walks on below
  for (std::uint32_t t = place_last; t < sentence.last && t < place_last + kMaxDatelineTokens; ++t) {
    const Token& tok = doc.tokens[t];
    if (tok.line_start) return std::nullopt;
    if (in(tok.norm, {"-", "--", ":"}))
      return t + kMinRest < sentence.last ? std::optional<Dateline>(Dateline{place, t}) : std::nullopt;
    while (m != doc.mentions.end() && m->last <= t) ++m;
    if (m != doc.mentions.end() && m->first <= t) continue;  // a name: a country, an agency
    const bool allowed = in(tok.norm, {",", ".", "(", ")", "[", "]"}) || is_digits(tok.norm) ||
                         (!tok.form.empty() && std::isupper(static_cast<unsigned char>(tok.form[0])));
    if (!allowed) return std::nullopt;
  }
  return std::nullopt;
}

void attach_dateline(Document& doc, std::span<const std::uint32_t> rest, const Dateline& dateline) {
  const Mention& place = doc.mentions[dateline.place];
  std::int32_t root = -1;
  for (std::uint32_t t : rest)
    if (doc.tokens[t].head < 0) root = static_cast<std::int32_t>(t);
  // The place's words: a one-word place, or the last word heading the others ("Dar es Salaam").
  const std::uint32_t head = place.last - 1;
  for (std::uint32_t t = place.first; t <= dateline.end; ++t) {
    Token& tok = doc.tokens[t];
    if (t == head) {
      tok.head = root;
      tok.deprel = root < 0 ? "root" : "dep";
    } else {
      tok.head = static_cast<std::int32_t>(head);
      tok.deprel = t < place.last ? "flat" : is_punctuation(tok.norm) ? "punct" : "dep";
    }
  }
}

std::vector<NameSpan> names_read_as_one(const Document& doc, const Sentence& sentence) {
  std::vector<NameSpan> out;
  auto m = std::lower_bound(doc.mentions.begin(), doc.mentions.end(), sentence.first,
                            [](const Mention& x, std::uint32_t t) { return x.first < t; });
  for (; m != doc.mentions.end() && m->first < sentence.last; ++m) {
    if (m->last > sentence.last || m->last < m->first + 2 || m->type == EntityType::Date) continue;
    if (!out.empty() && out.back().last > m->first) continue;
    bool proper = true;
    for (std::uint32_t t = m->first; t < m->last && proper; ++t) proper = doc.tokens[t].tag == "PROPN";
    if (proper) out.push_back({m->first, m->last});
  }
  return out;
}

void attach_name(Document& doc, const NameSpan& name) {
  for (std::uint32_t t = name.first; t + 1 < name.last; ++t) {
    doc.tokens[t].head = static_cast<std::int32_t>(name.last - 1);
    doc.tokens[t].deprel = "compound";
  }
}

}  // namespace kg::extract
