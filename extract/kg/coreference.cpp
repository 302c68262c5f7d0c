#include "extract/kg/coreference.h"

#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>

#include "extract/kg/relation_words.h"
#include "extract/text/text_util.h"

namespace kg::extract {
namespace {

Gender word_gender(std::string_view lower) {
  if (in(lower, {"mrs", "ms", "miss", "madam", "madame", "lady", "queen", "princess", "duchess", "spokeswoman",
                 "chairwoman", "congresswoman", "businesswoman", "actress", "wife", "mother", "daughter", "sister",
                 "grandmother", "widow", "first lady", "sister-in-law", "aunt", "niece", "girl", "woman"}))
    return Gender::Female;
  if (in(lower, {"mr", "sir", "lord", "king", "prince", "duke", "spokesman", "chairman", "congressman",
                 "businessman", "actor", "husband", "father", "son", "brother", "grandfather", "widower",
                 "uncle", "nephew", "boy", "man"}))
    return Gender::Male;
  return Gender::Unknown;
}

Gender pronoun_gender(std::string_view lower) {
  if (in(lower, {"he", "him", "his", "himself"})) return Gender::Male;
  if (in(lower, {"she", "her", "hers", "herself"})) return Gender::Female;
  return Gender::Unknown;
}

std::uint32_t sentence_of(const Document& doc, std::uint32_t token) {
  auto it = std::upper_bound(doc.sentences.begin(), doc.sentences.end(), token,
                             [](std::uint32_t t, const Sentence& s) { return t < s.last; });
  if (it == doc.sentences.end()) return doc.sentences.empty() ? 0 : static_cast<std::uint32_t>(doc.sentences.size() - 1);
  return static_cast<std::uint32_t>(it - doc.sentences.begin());
}

// The index of the first mention in sentence s or after it (mentions are in sentence order).
std::size_t first_mention_of(const Document& doc, std::uint32_t s) {
  const auto it = std::partition_point(doc.mentions.begin(), doc.mentions.end(),
                                       [s](const Mention& m) { return m.sentence < s; });
  return static_cast<std::size_t>(it - doc.mentions.begin());
}

// The mention whose title region or name covers token t, the widest one; -1 if none. A
// mention lies inside one sentence, so only those of t's sentence are read.
int mention_over(const Document& doc, std::uint32_t t) {
  int best = -1;
  const std::uint32_t s = sentence_of(doc, t);
  for (std::size_t i = first_mention_of(doc, s); i < doc.mentions.size() && doc.mentions[i].sentence == s; ++i) {
    const Mention& m = doc.mentions[i];
    if (m.type == EntityType::Date || m.entity < 0 || t < m.title_first || t >= m.last) continue;
    if (best < 0 || m.last - m.title_first > doc.mentions[best].last - doc.mentions[best].title_first)
      best = static_cast<int>(i);
  }
  return best;
}

bool parsed(const Document& doc, const Sentence& s) {
  for (std::uint32_t t = s.first; t < s.last; ++t)
    if (!doc.tokens[t].deprel.empty()) return true;
  return false;
}

// The main-clause subject tokens of sentence s: the root's nsubj (or nsubj:pass) and its
// conjuncts. Empty without a parse.
std::vector<std::uint32_t> main_subjects(const Document& doc, std::uint32_t s) {
  std::vector<std::uint32_t> out;
  const Sentence& sent = doc.sentences[s];
  std::int32_t root = -1;
  for (std::uint32_t t = sent.first; t < sent.last; ++t)
    if (doc.tokens[t].deprel == "root") root = static_cast<std::int32_t>(t);
  if (root < 0) return out;
  for (std::uint32_t t = sent.first; t < sent.last; ++t) {
    const Token& tok = doc.tokens[t];
    if (tok.head == root && (tok.deprel == "nsubj" || tok.deprel == "nsubj:pass")) {
      out.push_back(t);
      for (std::uint32_t c = sent.first; c < sent.last; ++c)
        if (doc.tokens[c].head == static_cast<std::int32_t>(t) && doc.tokens[c].deprel == "conj") out.push_back(c);
      break;
    }
  }
  return out;
}

// Reported speech in one sentence: "The Kremlin said it would ...", "Putin said he ...". The
// mention that is the subject of the verb whose clause holds the pronoun; -1 if none.
int speaker_of(const Document& doc, std::uint32_t pronoun, std::uint32_t s) {
  const Sentence& sent = doc.sentences[s];
  std::uint32_t clause = pronoun;
  if (doc.tokens[pronoun].deprel.rfind("nsubj", 0) != 0 || doc.tokens[pronoun].head < 0) return -1;
  clause = static_cast<std::uint32_t>(doc.tokens[pronoun].head);
  for (int depth = 0; depth < 3; ++depth) {
    const Token& c = doc.tokens[clause];
    if (c.head < 0 || (c.deprel != "ccomp" && c.deprel != "xcomp" && c.deprel != "conj")) return -1;
    const auto up = static_cast<std::int32_t>(c.head);
    for (std::uint32_t t = sent.first; t < pronoun; ++t) {
      if (doc.tokens[t].head == up && doc.tokens[t].deprel.rfind("nsubj", 0) == 0) return mention_over(doc, t);
    }
    clause = static_cast<std::uint32_t>(up);
  }
  return -1;
}

void add_unique(std::vector<std::uint32_t>& v, std::uint32_t x) {
  if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
}

constexpr std::uint8_t kMale = 1, kFemale = 2, kRead = 4;

std::uint8_t bits_of(Gender g) { return g == Gender::Male ? kMale : g == Gender::Female ? kFemale : 0; }

Gender gender_of(std::uint8_t bits) {
  const bool male = (bits & kMale) != 0, female = (bits & kFemale) != 0;
  if (male == female) return Gender::Unknown;
  return male ? Gender::Male : Gender::Female;
}

// The genders the words of a title or role state ("spokeswoman", "Mr."), as bits.
std::uint8_t phrase_gender(std::string_view phrase) {
  std::uint8_t bits = 0;
  const std::string lower = to_lower(phrase);
  std::size_t start = 0;
  while (start <= lower.size()) {
    std::size_t stop = lower.find(' ', start);
    if (stop == std::string::npos) stop = lower.size();
    std::string_view word = std::string_view(lower).substr(start, stop - start);
    while (!word.empty() && word.back() == '.') word.remove_suffix(1);
    bits |= bits_of(word_gender(word));
    start = stop + 1;
  }
  return bits;
}

// What one mention says of its person's gender: its role's words, and a courtesy title just
// before the title region ("Mr Smith": not always part of it).
std::uint8_t mention_gender(const Document& doc, const Mention& m) {
  std::uint8_t bits = phrase_gender(m.role);
  if (m.title_first > 0) {
    std::string before = to_lower(doc.tokens[m.title_first - 1].norm);
    while (!before.empty() && before.back() == '.') before.pop_back();
    if (before == "mr" || before == "mrs" || before == "ms" || before == "miss") bits |= bits_of(word_gender(before));
  }
  return bits;
}

// resolve_pronoun(), with the gender of a person entity from `gender_of_entity`.
template <typename GenderOf>
std::vector<std::uint32_t> resolve(const Document& doc, std::uint32_t token, const GenderOf& gender_of_entity) {
  std::vector<std::uint32_t> out;
  if (token >= doc.tokens.size() || doc.sentences.empty()) return out;
  const std::string lower = to_lower(doc.tokens[token].norm);
  const std::uint32_t s = sentence_of(doc, token);
  const std::uint32_t window_start = doc.sentences[s >= 2 ? s - 2 : 0].first;

  const Gender wanted = pronoun_gender(lower);
  const bool it = lower == "it" || lower == "its";
  const bool they = lower == "they" || lower == "them" || lower == "their";
  if ((wanted != Gender::Unknown || it) && parsed(doc, doc.sentences[s])) {
    const int speaker = speaker_of(doc, token, s);
    if (speaker >= 0) {
      const Mention& m = doc.mentions[static_cast<std::size_t>(speaker)];
      const auto e = static_cast<std::uint32_t>(m.entity);
      const bool person = m.type == EntityType::Person;
      const Gender g = gender_of_entity(e);
      if (it ? (m.type == EntityType::Org || m.type == EntityType::Gpe)
             : person && (g == Gender::Unknown || g == wanted)) {
        out.push_back(e);
        return out;
      }
    }
  }
  if (wanted != Gender::Unknown) {
    // Salience: a person who was the previous sentence's subject, unless a person stands
    // between that sentence and the pronoun in the pronoun's own sentence.
    int latest = -1;
    for (std::size_t i = first_mention_of(doc, s >= 2 ? s - 2 : 0); i < doc.mentions.size(); ++i) {
      const Mention& m = doc.mentions[i];
      if (m.first >= token) break;
      if (m.type != EntityType::Person || m.entity < 0 || m.first < window_start) continue;
      const Gender g = gender_of_entity(static_cast<std::uint32_t>(m.entity));
      if (g != Gender::Unknown && g != wanted) continue;
      latest = static_cast<int>(i);
    }
    if (latest < 0) return out;
    const Mention& recent = doc.mentions[static_cast<std::size_t>(latest)];
    {
      // The most recent candidate is in the previous sentence: prefer that sentence's subject.
      if (s > 0 && recent.sentence == s - 1 && parsed(doc, doc.sentences[s - 1])) {
        for (std::uint32_t t : main_subjects(doc, s - 1)) {
          const int m = mention_over(doc, t);
          if (m < 0) continue;
          const Mention& subject = doc.mentions[static_cast<std::size_t>(m)];
          if (subject.type != EntityType::Person) continue;
          const Gender g = gender_of_entity(static_cast<std::uint32_t>(subject.entity));
          if (g != Gender::Unknown && g != wanted) continue;
          out.push_back(static_cast<std::uint32_t>(subject.entity));
          return out;
        }
      }
    }
    out.push_back(static_cast<std::uint32_t>(recent.entity));
    return out;
  }

  if ((!it && !they) || s == 0 || !parsed(doc, doc.sentences[s - 1])) return out;
  std::vector<std::uint32_t> subjects;
  std::uint32_t subject_end = 0;
  for (std::uint32_t t : main_subjects(doc, s - 1)) {
    const int m = mention_over(doc, t);
    if (m < 0) continue;
    const Mention& mention = doc.mentions[static_cast<std::size_t>(m)];
    if (mention.type == EntityType::Person && it) continue;
    add_unique(subjects, static_cast<std::uint32_t>(mention.entity));
    subject_end = std::max(subject_end, mention.last);
  }
  if (subjects.empty()) return out;
  if (it) {
    if (subjects.size() != 1) return out;
    const EntityType type = doc.entities[subjects[0]].type;
    if (type != EntityType::Org && type != EntityType::Gpe) return out;
    // Another organisation or state between the subject and the pronoun makes it unclear.
    for (std::size_t i = first_mention_of(doc, s - 1); i < doc.mentions.size(); ++i) {
      const Mention& m = doc.mentions[i];
      if (m.first >= token) break;
      if (m.first < subject_end || m.entity < 0) continue;
      if ((m.type == EntityType::Org || m.type == EntityType::Gpe) &&
          static_cast<std::uint32_t>(m.entity) != subjects[0])
        return out;
    }
    return subjects;
  }
  // they: coordinated entities, or one group or organisation.
  if (subjects.size() >= 2) return subjects;
  const Entity& e = doc.entities[subjects[0]];
  if (e.type == EntityType::Org || e.key.rfind("group:", 0) == 0) return subjects;
  return out;
}

}  // namespace

Gender entity_gender(const Document& doc, std::uint32_t entity) {
  const Entity& e = doc.entities.at(entity);
  if (e.type != EntityType::Person) return Gender::Unknown;
  std::uint8_t bits = 0;
  for (const std::string& title : e.titles) bits |= phrase_gender(title);
  for (std::uint32_t mi : e.mentions) bits |= mention_gender(doc, doc.mentions[mi]);
  return gender_of(bits);
}

std::vector<std::uint32_t> resolve_pronoun(const Document& doc, std::uint32_t token) {
  return resolve(doc, token, [&doc](std::uint32_t e) { return entity_gender(doc, e); });
}

Gender PronounResolver::gender(std::uint32_t entity) const {
  const Entity& e = doc_.entities.at(entity);
  if (e.type != EntityType::Person) return Gender::Unknown;
  if (known_.size() != doc_.entities.size()) known_.assign(doc_.entities.size(), Known{});
  Known& k = known_[entity];
  if ((k.mentions & kRead) == 0) {
    std::uint8_t bits = kRead;
    for (std::uint32_t mi : e.mentions) bits |= mention_gender(doc_, doc_.mentions[mi]);
    k.mentions = bits;
  }
  if (k.titles_read > e.titles.size()) k = Known{k.mentions, 0, 0};  // not appended to: read again
  for (; k.titles_read < e.titles.size(); ++k.titles_read) k.titles |= phrase_gender(e.titles[k.titles_read]);
  return gender_of(static_cast<std::uint8_t>(k.mentions | k.titles));
}

std::vector<std::uint32_t> PronounResolver::resolve(std::uint32_t token) const {
  return kg::extract::resolve(doc_, token, [this](std::uint32_t e) { return gender(e); });
}

}  // namespace kg::extract
