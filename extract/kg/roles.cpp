#include "extract/kg/roles.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/kg/coreference.h"
#include "extract/kg/parse_view.h"
#include "extract/kg/relation_class.h"
#include "extract/kg/relation_filter.h"
#include "extract/kg/relation_words.h"
#include "extract/text/text_util.h"

namespace kg::extract {
namespace {

// Words that never belong to a role phrase: determiners, pronouns, prepositions,
// conjunctions, auxiliaries, reporting verbs and time adverbs.
bool is_function_word(std::string_view w) {
  return in(w, {"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my",
                "your", "of", "in", "at", "on", "for", "to", "with", "by", "from", "and", "or", "but", "as", "than",
                "who", "which", "whom", "whose", "what", "when", "where", "while", "after", "before", "since",
                "until", "during", "under", "over", "about", "against", "between", "among", "into", "through",
                "via", "per", "if", "because", "although", "though", "so", "not", "no", "nor", "also", "only",
                "just", "even", "very", "all", "both", "each", "every", "some", "any", "many", "much", "more",
                "most", "other", "such", "it", "he", "she", "they", "we", "you", "i", "him", "them", "us", "me",
                "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "do", "does", "did",
                "will", "would", "can", "could", "should", "may", "might", "must", "shall", "said", "says", "say",
                "told", "according", "here", "there", "then", "now", "today", "yesterday", "tomorrow", "'s", "'",
                "-", "--", "thanks", "like", "including", "said", "added", "new"});
}
// Courtesy titles: part of how a name is written, never a role.
bool is_courtesy(std::string_view w) {
  return in(w, {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "sir", "dame", "madam", "madame",
                "mme", "mme.", "monsieur", "herr", "lord", "lady", "prof", "prof.", "professor"});
}
// Nouns whose other end is a person ("his Danish counterpart Jo Park"): a title, no edge.
bool is_personal_relation(std::string_view w) {
  return in(w, {"counterpart", "predecessor", "successor", "wife", "husband", "spouse", "son", "daughter",
                "father", "mother", "brother", "sister", "partner", "friend", "rival", "opponent", "colleague",
                "girlfriend", "boyfriend", "fiancee", "fiance", "widow", "widower", "nephew", "niece", "cousin",
                "uncle", "aunt", "grandson", "granddaughter", "grandfather", "grandmother", "victim", "suspect"});
}
// Prepositions that join a role to its holder as the text has it.
bool is_role_preposition(std::string_view w) { return in(w, {"of", "at", "for", "in", "with", "to"}); }
// Words of a copula or an appointment between a name and its role ("is", "was named",
// "has been appointed as", "became").
bool is_copula_word(std::string_view w) {
  return in(w, {"is", "was", "are", "were", "be", "been", "has", "have", "had", "will", "would", "became",
                "becomes", "become", "remains", "remained", "serve", "serves", "served", "named", "appointed",
                "elected", "as", "also", "currently", "now", "thus", "still", "then", "later", "already", "recently", "formally",
                "officially", "once"});
}
// Verbs that give a person a role: a bare role after them is the person's title.
bool is_appointment_verb(std::string_view w) {
  return in(w, {"became", "becomes", "become", "named", "appointed", "elected", "serve", "serves", "served",
                "remains", "remained", "nominated", "installed", "sworn"});
}
bool is_ordinal(std::string_view w) {
  return in(w, {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"});
}
bool is_copula_verb(std::string_view w) {
  return in(w, {"is", "was", "are", "were", "been", "became", "becomes", "become", "remains", "remained", "serve",
                "serves", "served", "named", "appointed", "elected"});
}
// A noun naming someone by what they do: "defender", "economist", "registrar", "chairman".
bool agentive(std::string_view w) {
  // "-ment" nouns name acts and bodies, never people: "impeachment", "government".
  if (w.size() > 4 && w.substr(w.size() - 4) == "ment") return false;
  for (std::string_view suffix : {"er", "or", "ist", "ian", "ant", "ent", "man", "woman", "person", "ee", "ive",
                                  "ary", "ier", "eur", "ar", "ess"})
    if (w.size() > suffix.size() + 2 && w.substr(w.size() - suffix.size()) == suffix) return true;
  return false;
}
// An adjective's ending: "national", "presidential", "executive", "parliamentary".
bool adjective_ending(std::string_view w) {
  for (std::string_view suffix : {"al", "ive", "ary", "ic"})
    if (w.size() > suffix.size() + 3 && w.substr(w.size() - suffix.size()) == suffix) return true;
  return false;
}
bool holder_type(EntityType t) {
  return t == EntityType::Org || t == EntityType::Gpe || t == EntityType::Loc || t == EntityType::Event;
}

struct Phrase {
  std::uint32_t first = 0, last = 0;  // tokens [first, last)
  std::string text;                   // "chairman and chief executive officer"
  std::string role;                   // the first role with its modifiers: "chairman"
  std::vector<std::string> conjuncts; // "chairman", "chief executive officer"
};

class RoleFrame {
 public:
  RoleFrame(Document& doc, const Lexicon& lexicon) : v_(doc, lexicon) {}

  void run() {
    const std::size_t n = v_.doc().mentions.size();
    for (std::size_t i = 0; i < n; ++i) {
      const Mention& m = v_.doc().mentions[i];
      if (m.entity < 0 || m.type == EntityType::Date) continue;
      const int index = static_cast<int>(i);
      if (m.type == EntityType::Person) {
        premodifier(index);
        apposition_after(index);
        apposition_before(index);
        membership(index);
        object_role(index);
      }
      copula(v_.arg_of(index), m.last, m.type == EntityType::Person);
    }
    // "He is the chief executive of Acme."
    for (std::uint32_t t = 0; t < v_.size(); ++t) {
      if (!in(v_.lower(t), {"he", "she"}) || t + 1 >= v_.size() || !is_copula_word(v_.lower(t + 1))) continue;
      if (v_.parsed(t) && universal_deprel(v_.tok(t).deprel) != "nsubj") continue;
      for (std::uint32_t e : v_.antecedents(t)) copula({e, t, t + 1}, t + 1, true);
    }
  }

 private:
  const Mention& mention(int m) const { return v_.mention(m); }
  const std::string& lower(std::uint32_t t) const { return v_.lower(t); }
  const std::string& norm(std::uint32_t t) const { return v_.tok(t).norm; }
  std::uint32_t sentence_first(std::uint32_t t) const { return v_.sentence(v_.sentence_of(t)).first; }
  std::uint32_t sentence_last(std::uint32_t t) const { return v_.sentence(v_.sentence_of(t)).last; }
  bool title_word(std::string_view w) const { return v_.lexicon().title(w) != nullptr; }

  // A word that can stand in a role phrase. `person`: the mention whose title region may
  // hold capitalised role words.
  bool role_word(std::uint32_t t, int person) const {
    const Token& k = v_.tok(t);
    const std::string& w = lower(t);
    if (w.empty() || v_.name_at(t) >= 0 || v_.date_at(t) >= 0) return false;
    if (!is_letter_code_point(first_code_point(w))) return false;
    for (char c : w)
      if (c >= '0' && c <= '9') return false;
    if (starts_upper(k.norm) && !capital_by_position(t)) {
      if (person >= 0 && t >= mention(person).title_first && t < mention(person).first) return true;
      if (title_word(k.norm) || title_word(w) || v_.lexicon().starts_long_title(k.norm)) return true;
      // The second word of a capitalised title ("Prime Minister"), any word of a longer one
      // ("Chief of Staff").
      if (t > 0 && title_word(v_.tok(t - 1).norm + " " + k.norm)) return true;
      if (long_title_end(t) > t) return true;
      // A capitalised common word before a capitalised title ("Minority Leader",
      // "Presidential Adviser", "National Chairman").
      return capitalised_title_modifier(t);
    }
    if (is_function_word(w) || is_negation(w)) return false;
    if (!k.tag.empty()) {
      if (k.tag == "NOUN" || k.tag == "ADJ" || k.tag == "PROPN") return true;
      // "acting speaker", "newly elected president"; not a verb of the clause ("arrested
      // opposition leader X").
      if (k.tag != "VERB" || !(k.deprel == "amod" || (k.deprel == "dep" && k.xpos == "VBG"))) return false;
      // After a name or a noun a participle is the clause's verb, whatever the parse says
      // ("Police in Lima arrested opposition leader X").
      if (t == sentence_first(t)) return true;
      const Token& before = v_.tok(t - 1);
      return v_.name_at(t - 1) < 0 && before.tag != "NOUN" && before.tag != "PROPN";
    }
    if (auto verb = v_.lexicon().verb(w); verb && (verb->tag == "VBD" || verb->tag == "VBZ") && !title_word(w))
      return false;
    return true;
  }
  // The end of the lexicon title of two or more capitalised words covering t ("Chief of
  // Staff", "Secretary of State"), else t.
  std::uint32_t long_title_end(std::uint32_t t) const {
    const std::size_t max = v_.lexicon().max_title_tokens();
    const std::uint32_t sf = sentence_first(t), sl = sentence_last(t);
    for (std::uint32_t a = t; a + max > t && a >= sf; --a) {
      if (v_.lexicon().starts_long_title(norm(a)) && starts_upper(norm(a))) {
        std::string words = norm(a);
        for (std::uint32_t b = a + 1; b < sl && b - a < max; ++b) {
          words += " " + norm(b);
          if (b >= t && b > a && title_word(words)) return b + 1;
        }
      }
      if (a == sf) break;
    }
    return t;
  }
  // A capitalised common word standing right before a capitalised title word (or before
  // another such word): "Presidential Adviser", "Party National Chairman".
  bool capitalised_title_modifier(std::uint32_t t) const {
    const std::uint32_t sl = sentence_last(t);
    for (std::uint32_t q = t; q < sl && q < t + 3; ++q) {
      const std::string& n = norm(q);
      if (!starts_upper(n) || v_.name_at(q) >= 0 || is_all_caps(n)) return false;
      if (!v_.lexicon().is_common_word(lower(q)) && !adjective_ending(lower(q))) return false;
      if (!v_.tok(q).tag.empty() && v_.tok(q).tag != "ADJ" && v_.tok(q).tag != "NOUN" && v_.tok(q).tag != "PROPN")
        return false;
      if (q + 1 < sl && starts_upper(norm(q + 1)) && v_.name_at(q + 1) < 0 &&
          (title_word(norm(q + 1)) || title_word(lower(q + 1))))
        return true;
    }
    return false;
  }
  // Every word of [first, last) capitalised (function words aside) and the last one a title
  // the lexicon knows: "Chief of Staff", "Presidential Adviser".
  bool capitalised_title(std::uint32_t first, std::uint32_t last) const {
    for (std::uint32_t t = first; t < last; ++t)
      if (!starts_upper(norm(t)) && !in(lower(t), {"of", "for", "to", "the", "and", "-"})) return false;
    if (capital_by_position(first) && last == first + 1) return false;
    return title_word(norm(last - 1)) || long_title_end(last - 1) == last;
  }
  // A capital that says nothing: the sentence's (or a quotation's) first word, with lower-case
  // letters ("Striker Jo Park scored").
  bool capital_by_position(std::uint32_t t) const {
    if (!has_lower(norm(t))) return false;
    if (t != sentence_first(t) && !in(norm(t - 1), {"\"", "(", "'", ":"})) return false;
    // A common word or an agent noun, not a name ("Chelsea manager X").
    return v_.lexicon().is_common_word(lower(t)) || agentive(lower(t));
  }
  // A role word that can end a role phrase: a noun.
  bool role_head(std::uint32_t t, int person) const {
    if (!role_word(t, person)) return false;
    const Token& k = v_.tok(t);
    const std::string& w = lower(t);
    if (title_word(w) || title_word(k.norm)) return true;
    if (t > 0 && v_.sentence_of(t - 1) == v_.sentence_of(t) && title_word(lower(t - 1) + " " + w)) return true;
    if (starts_upper(k.norm) && !capital_by_position(t) && long_title_end(t) == t + 1) return true;
    if (starts_upper(k.norm) && !capital_by_position(t)) return person >= 0 && t >= mention(person).title_first && t < mention(person).first;
    // The tagger's noun (a lower-case PROPN is one it misread), or an agent adjective it
    // read as an adjective ("executive", "representative").
    if (!k.tag.empty()) return k.tag == "NOUN" || k.tag == "PROPN" || (k.tag == "ADJ" && agentive(w));
    return agentive(w);
  }
  // A noun naming a person by role: an agent noun or a title the lexicon knows.
  bool role_noun(std::uint32_t t) const {
    return agentive(lower(t)) || title_word(lower(t)) || title_word(norm(t)) || long_title_end(t) == t + 1;
  }
  bool plural(std::uint32_t t) const {
    const std::string& w = lower(t);
    if (title_word(w)) return false;
    if (!v_.tok(t).xpos.empty()) return v_.tok(t).xpos == "NNS";
    return w.size() > 3 && w.back() == 's' && w[w.size() - 2] != 's';
  }

  Phrase make_phrase(std::uint32_t first, std::uint32_t last) const {
    Phrase p;
    p.first = first;
    p.last = last;
    std::string current;
    bool split = false;
    const auto close = [&] {
      if (!current.empty()) p.conjuncts.push_back(current);
      current.clear();
    };
    for (std::uint32_t t = first; t < last; ++t) {
      const std::string& w = lower(t);
      // Words written together stay together: "secretary-general", "chairman,".
      const bool glued = t > first && !v_.tok(t).space_before;
      if (!p.text.empty() && !glued) p.text += ' ';
      p.text += w;
      if (w == "," || w == "and" || w == "&") {
        if (!split) p.role = current;
        split = true;
        close();
        continue;
      }
      if (!current.empty() && !glued) current += ' ';
      current += w;
    }
    if (!split) p.role = current;
    close();
    // The role's head stands before an inner "of": "dean of academic affairs" -> "dean".
    if (const std::size_t of = p.role.find(" of "); of != std::string::npos) p.role.resize(of);
    // "its next director", "the new coach": when the holder takes the post is no part of it.
    for (const std::string_view when : {"next ", "new "})
      if (p.role.size() > when.size() && p.role.starts_with(when)) p.role.erase(0, when.size());
    return p;
  }

  // The role phrase ending just before `end`, scanning left inside the sentence; its last
  // word must be a noun. Courtesy titles next to the name are skipped first by the caller.
  std::optional<Phrase> phrase_before(std::uint32_t end, int person) const {
    if (end == 0) return std::nullopt;
    const std::uint32_t sf = sentence_first(end - 1);
    // "chief executive officer (CEO) Jo Park": the abbreviation is the phrase's too.
    std::string abbreviation;
    if (end >= sf + 4 && norm(end - 1) == ")" && norm(end - 3) == "(" && is_all_caps(norm(end - 2)) &&
        norm(end - 2).size() <= 5 && v_.name_at(end - 2) < 0) {
      abbreviation = lower(end - 2);
      end -= 3;
    }
    if (end <= sf || !role_head(end - 1, person)) return std::nullopt;
    std::uint32_t first = end - 1;
    while (first > sf && end - first < 9) {
      const std::uint32_t p = first - 1;
      if (role_word(p, person)) {
        first = p;
        continue;
      }
      const std::string& w = lower(p);
      if (p > sf && w == "-" && !v_.tok(p).space_before && !v_.tok(p + 1).space_before && role_word(p - 1, person)) {
        first = p - 1;  // "Secretary-General"
        continue;
      }
      if (long_title_end(p) > p && long_title_end(p) >= end - 1 && p > sf && role_word(p - 1, person)) {
        first = p - 1;  // "Chief of Staff"
        continue;
      }
      // An inner "of" joins a role to its portfolio ("minister of foreign affairs", "dean of
      // academic affairs"); before a whole role it ends the phrase ("the impeachment of
      // former speaker", "the death of army chief").
      if (p > sf && w == "of" && role_noun(end - 1) && !role_noun(p - 1)) break;
      if (p > sf && (w == "and" || w == "&" || w == "," || w == "of") && role_head(p - 1, person)) {
        // A comma inside a coordination only: "chairman, president and chief executive".
        if (w == "," && !and_between(p, end)) break;
        first = p - 1;
        continue;
      }
      break;
    }
    if (first + 1 == end && plural(first)) return std::nullopt;
    Phrase phrase = make_phrase(first, end);
    if (!abbreviation.empty()) phrase.conjuncts.push_back(abbreviation);
    return phrase;
  }
  bool and_between(std::uint32_t a, std::uint32_t b) const {
    for (std::uint32_t t = a + 1; t < b; ++t)
      if (lower(t) == "and" || lower(t) == "&") return true;
    return false;
  }

  // The role phrase starting at `start`, scanning right; it ends with its last noun. An inner
  // "of" stays when a role word follows it ("minister of foreign affairs"); a comma when a
  // coordination with "and" follows ("chairman, president and chief executive").
  std::optional<Phrase> phrase_after(std::uint32_t start, int person) const {
    if (start >= v_.size()) return std::nullopt;
    const std::uint32_t sl = sentence_last(start);
    std::uint32_t t = start, end = start;
    while (t < sl && t - start < 10) {
      if (role_word(t, person)) {
        if (role_head(t, person)) end = t + 1;
        ++t;
        continue;
      }
      const std::string& w = lower(t);
      const bool after_role = end > start && end == t;
      if (t + 1 < sl && w == "-" && t > start && !v_.tok(t).space_before && !v_.tok(t + 1).space_before &&
          role_word(t + 1, person)) {
        ++t;  // "director-general"
        continue;
      }
      if (t + 1 < sl && (w == "and" || w == "&") && after_role && role_word(t + 1, person)) {
        ++t;
        continue;
      }
      if (t + 1 < sl && long_title_end(t) > t + 1 && role_word(t + 1, person)) {
        ++t;  // "Chief of Staff"
        continue;
      }
      if (t + 1 < sl && w == "of" && after_role && role_word(t + 1, person) && !starts_upper(norm(t + 1))) {
        ++t;
        continue;
      }
      if (w == "," && after_role && coordination_follows(t + 1, sl, person)) {
        ++t;
        continue;
      }
      break;
    }
    if (end == start) return std::nullopt;
    if (end == start + 1 && plural(start)) return std::nullopt;
    return make_phrase(start, end);
  }
  bool coordination_follows(std::uint32_t t, std::uint32_t sl, int person) const {
    while (t < sl && (role_word(t, person) || norm(t) == ",")) ++t;
    return t + 1 < sl && (lower(t) == "and" || lower(t) == "&") && role_word(t + 1, person);
  }

  // The named holder a preposition introduces: "of [the] Acme", "at the investment bank
  // Acme"; the mention must end its noun phrase ("of the Danish parliament" names none).
  int holder_after(std::uint32_t prep) const {
    const std::uint32_t sl = sentence_last(prep);
    std::uint32_t k = prep + 1;
    while (k < sl && in(lower(k), {"the", "a", "an"})) ++k;
    for (int words = 0; k < sl && words < 3; ++words) {
      const int h = v_.name_at(k);
      if (h >= 0) {
        const Mention& m = mention(h);
        if (m.first != k || !holder_type(m.type) || !ends_noun_phrase(m.last)) return -1;
        return h;
      }
      if (!role_word(k, -1) || starts_upper(norm(k))) break;
      ++k;
    }
    return described_holder(prep);
  }
  // A holder described, then named in apposition: "coach of the country's national team,
  // the Falcons," -> the Falcons. The description is a few lower-case words (and
  // possessives) ending in a noun; the name ends its noun phrase.
  int described_holder(std::uint32_t prep) const {
    const std::uint32_t sl = sentence_last(prep);
    std::uint32_t k = prep + 1;
    for (; k < sl && k < prep + 8 && norm(k) != ","; ++k) {
      const std::string& w = norm(k);
      if (v_.name_at(k) >= 0 || w.empty() || (w != "'s" && w != "'" && !std::islower(static_cast<unsigned char>(w[0]))))
        return -1;
    }
    if (k == prep + 1 || k + 1 >= sl || norm(k) != "," || !noun_at(k - 1)) return -1;
    std::uint32_t q = k + 1;
    if (q < sl && lower(q) == "the") ++q;
    const int h = q < sl ? v_.name_at(q) : -1;
    // A name the recogniser read as a person is the body the description names ("the
    // national team, the Falcons").
    if (h < 0 || mention(h).first != q ||
        !(holder_type(mention(h).type) || (mention(h).type == EntityType::Person && is_body_noun(lower(k - 1)))))
      return -1;
    const std::uint32_t end = mention(h).last;
    if (end < sl && !in(norm(end), {",", ".", ";", ")"})) return -1;
    return h;
  }
  bool noun_at(std::uint32_t t) const {
    const std::string& tag = v_.tok(t).tag;
    return tag.empty() ? role_word(t, -1) : tag == "NOUN";
  }
  // The holder and the holders coordinated with it: "of Acme and Beta Group".
  std::vector<int> with_conjuncts(int h) const {
    std::vector<int> out{h};
    const std::uint32_t sl = sentence_last(mention(h).first);
    for (std::uint32_t k = mention(h).last; k + 1 < sl && in(lower(k), {"and", ",", "&"});) {
      std::uint32_t q = k + 1;
      if (q < sl && lower(q) == "and") ++q;
      if (q < sl && lower(q) == "the") ++q;
      const int next = q < sl ? v_.name_at(q) : -1;
      if (next < 0 || mention(next).first != q || mention(next).type != mention(h).type ||
          !ends_noun_phrase(mention(next).last))
        break;
      out.push_back(next);
      k = mention(next).last;
    }
    return out;
  }
  bool ends_noun_phrase(std::uint32_t t) const {
    if (t >= v_.size() || v_.sentence_of(t) != v_.sentence_of(t - 1)) return true;
    const std::string& w = lower(t);
    if (w == "'s" || w == "'") return false;
    if (in(w, {"party", "group", "club"})) return true;  // "of the Green party"
    if (!v_.tok(t).tag.empty()) return v_.tok(t).tag != "NOUN";
    return !role_word(t, -1) || starts_upper(norm(t));
  }
  // The named holder ending right before `end` (a possessive allowed between): "Acme",
  // "Acme's", "Acme'".
  int holder_before(std::uint32_t end) const {
    const std::uint32_t sf = sentence_first(end);
    std::uint32_t h = end;
    if (h > sf && (norm(h - 1) == "'s" || norm(h - 1) == "'")) --h;
    if (h <= sf) return -1;
    const int m = v_.name_at(h - 1);
    if (m < 0 || mention(m).last != h || !holder_type(mention(m).type)) return -1;
    return m;
  }
  bool boundary(std::uint32_t t) const {
    if (t >= v_.size() || v_.sentence_of(t) != v_.sentence_of(t - 1)) return true;
    return in(norm(t), {",", ".", ";", ")", ":", "--", "\"", "!", "?"}) ||
           in(lower(t), {"who", "which", "whose", "said", "says"});
  }

  void emit_role(const Arg& person, const Phrase& phrase, const std::string& preposition, int holder,
                 std::uint32_t from, std::uint32_t to, bool titles = true) {
    if (titles) add_titles(person.entity, phrase);
    if (holder < 0) return;
    // A relational noun's other end is a person, not the holder named here.
    for (const std::string& c : phrase.conjuncts)
      if (is_personal_relation(c.substr(c.rfind(' ') + 1))) return;
    const Arg h = v_.arg_of(holder);
    from = std::min({from, person.first, h.first});
    to = std::max({to, person.last, h.last});
    // "Danish economist Jo Park": a nationality with an occupation says where the person is
    // from; with an office ("Danish foreign minister") whose office it is.
    std::string relation = phrase.role + " " + preposition;
    if (is_demonym(mention(holder)) && !office(phrase.role)) relation = "from";
    v_.emit(person.entity, relation, h.entity, from, to, phrase.text + " " + preposition);
  }
  bool is_demonym(const Mention& m) const { return v_.lexicon().is_demonym(m.text); }
  // A public office the lexicon knows ("foreign minister", "acting president", "mayor"); a
  // company's "director" or "chairman" is none: "French director Jo Park" is from France.
  bool office(const std::string& role) const { return v_.lexicon().is_public_office(role); }
  void add_titles(std::uint32_t entity, const Phrase& phrase) {
    if (v_.entity_type(entity) != EntityType::Person) return;
    v_.add_title(entity, phrase.text);
    for (const std::string& c : phrase.conjuncts) v_.add_title(entity, c);
  }

  // Courtesy titles right before a name ("Dr", "Mr") are part of how it is written.
  std::uint32_t before_courtesy(const Mention& m) const {
    std::uint32_t p = m.first;
    const std::uint32_t sf = sentence_first(m.first);
    // "First Lady Ann Lee": a courtesy word that ends a longer title is the title's.
    while (p > sf && is_courtesy(lower(p - 1)) && !(p - 1 > sf && long_title_end(p - 2) == p)) --p;
    return p;
  }

  // "Acme chairman Jo Park", "Acme's chief economist Dr Jo Park", "striker Jo Park".
  void premodifier(int person) {
    const Mention& m = mention(person);
    const std::uint32_t end = before_courtesy(m);
    // "Professor Jo Park": a courtesy word that is also a role is a title.
    for (std::uint32_t t = end; t < m.first; ++t)
      if (in(lower(t), {"professor", "prof", "prof."})) v_.add_title(static_cast<std::uint32_t>(m.entity), "professor");
    std::optional<Phrase> phrase = phrase_before(end, person);
    if (!phrase) {
      origin_before(person, end);
      return;
    }
    const int holder = holder_before(phrase->first);
    emit_role(v_.arg_of(person), *phrase, "of", holder, phrase->first, m.last);
    if (holder < 0) body_named_by_role(person, *phrase);
    if (holder >= 0 && phrase->text == "counterpart") counterpart(person, holder, *phrase);
  }

  // "the Danish Jo Park", "Norway's Jo Park": a nationality, or a state's possessive, right
  // before a name that has no role word says where the person is from.
  void origin_before(int person, std::uint32_t end) {
    const Mention& m = mention(person);
    if (m.type != EntityType::Person) return;
    const int holder = holder_before(end);
    if (holder < 0) return;
    const Mention& h = mention(holder);
    const bool possessive = h.last < end;
    const bool state = h.type == EntityType::Gpe && !h.country.empty() && h.key == h.country;
    if (possessive ? !state : !is_demonym(h)) return;
    const Arg p = v_.arg_of(person), a = v_.arg_of(holder);
    v_.emit(p.entity, "from", a.entity, std::min(p.first, a.first), std::max(p.last, a.last),
            v_.surface(h.first, m.last));
    // "the Japanese Jo Park and Ken Sato": the nationality describes both; a second name with
    // words of its own before it ("and American Ann Lee") is not this one's.
    if (possessive || m.last + 1 >= v_.size() || v_.sentence_of(m.last + 1) != v_.sentence_of(m.first) ||
        v_.lower(m.last) != "and")
      return;
    const int next = v_.name_at(m.last + 1);
    if (next < 0 || mention(next).type != EntityType::Person || mention(next).first != m.last + 1 ||
        mention(next).title_first != mention(next).first)
      return;
    const Mention& n = mention(next);
    const std::uint32_t after = n.last;
    if (after < v_.size() && v_.sentence_of(after) == v_.sentence_of(n.first) && v_.lower(after) == "and") return;
    const Arg q = v_.arg_of(next);
    v_.emit(q.entity, "from", a.entity, std::min(q.first, a.first), std::max(q.last, a.last),
            v_.surface(h.first, n.last));
  }

  // "commission member Jo Park" where the article names one organisation whose name's head
  // is that word ("the Union Election Commission", "the Museum of Fine Arts" for "museum
  // director"): the person holds the rest of the role there. With two such organisations,
  // or a one-word role, none.
  void body_named_by_role(int person, const Phrase& phrase) {
    const std::size_t space = phrase.role.find(' ');
    if (space == std::string::npos || phrase.conjuncts.size() > 1) return;
    const std::string body = phrase.role.substr(0, space);
    const auto& entities = v_.doc().entities;
    std::int64_t found = -1;
    for (std::size_t e = 0; e < entities.size(); ++e) {
      if (entities[e].type != EntityType::Org || to_lower(head_of_name(entities[e].name)) != body) continue;
      if (found >= 0) return;
      found = static_cast<std::int64_t>(e);
    }
    // "company head Jo Park", "team manager Jo Park": a word for a kind of body stands for the
    // organisation the article is about (ParseView::organisation_described).
    if (found < 0 && names_one_organisation(body))
      found = v_.organisation_described(phrase.first, body);
    if (found < 0) return;
    const Arg p = v_.arg_of(person);
    v_.emit(p.entity, phrase.role.substr(space + 1) + " of", static_cast<std::uint32_t>(found), phrase.first,
            mention(person).last, phrase.text);
  }
  // The head word of an organisation's name: "Commission" in "Union Election Commission",
  // "Museum" in "Museum of Fine Arts".
  static std::string head_of_name(const std::string& name) {
    const std::size_t of = name.find(" of ");
    const std::string head = of == std::string::npos ? name : name.substr(0, of);
    return head.substr(head.rfind(' ') + 1);
  }

  // "President Jo Park met his Danish counterpart Lars Berg": Lars Berg holds Jo Park's
  // office in Denmark ("Acme's registrar ... his Globex counterpart": in Globex). The office
  // is that of the nearest person before with a role.
  void counterpart(int person, int holder, const Phrase& phrase) {
    if (mention(holder).type != EntityType::Gpe && mention(holder).type != EntityType::Org) return;
    const std::uint32_t sf = sentence_first(phrase.first);
    std::string role;
    for (const Mention& m : v_.doc().mentions)
      if (m.type == EntityType::Person && m.entity >= 0 && m.last <= mention(holder).first && m.first >= sf &&
          m.entity != mention(person).entity) {
        // The role the titles list knows, else the one this frame read before the name.
        const auto& titles = v_.doc().entities[static_cast<std::size_t>(m.entity)].titles;
        if (!m.role.empty()) role = m.role;
        else if (!titles.empty()) role = titles.front();
      }
    if (role.empty()) return;
    const Arg h = v_.arg_of(holder), p = v_.arg_of(person);
    v_.emit(p.entity, role + " of", h.entity, h.first, p.last, v_.surface(h.first, phrase.last));
    v_.add_title(p.entity, role);
  }

  // "Jo Park, chairman of Acme", "Jo Park, Acme's chief economist,", "Jo Park, 54, a lawyer,".
  void apposition_after(int person) {
    const Mention& m = mention(person);
    const std::uint32_t sl = sentence_last(m.first);
    std::uint32_t k = m.last;
    if (k + 1 >= sl || norm(k) != ",") return;
    ++k;
    if (k + 2 < sl && is_digits(norm(k)) && norm(k + 1) == ",") k += 2;  // an age
    bool determiner = false;
    if (k < sl && in(lower(k), {"the", "a", "an"})) {
      determiner = true;
      ++k;
    }
    if (k >= sl) return;
    const Arg arg = v_.arg_of(person);
    if (const int h = v_.name_at(k); h >= 0) {
      const Mention& holder = mention(h);
      if (holder.first != k || !holder_type(holder.type)) return;
      std::uint32_t r = holder.last;
      if (r < sl && (norm(r) == "'s" || norm(r) == "'")) ++r;
      std::optional<Phrase> phrase = phrase_after(r, -1);
      if (phrase && boundary(phrase->last)) emit_role(arg, *phrase, "of", h, m.first, phrase->last);
      return;
    }
    std::optional<Phrase> phrase = phrase_after(k, -1);
    if (!phrase) return;
    const std::uint32_t e = phrase->last;
    if (e < sl && is_role_preposition(lower(e))) {
      if (const int h = holder_after(e); h >= 0) {
        if (mention(h).type == EntityType::Person && mention(h).entity >= 0)
          v_.retype(static_cast<std::uint32_t>(mention(h).entity), EntityType::Org);
        for (int each : with_conjuncts(h)) emit_role(arg, *phrase, lower(e), each, m.first, mention(each).last);
        return;
      }
      if (determiner || role_head(phrase->last - 1, -1)) add_titles(arg.entity, *phrase);
      return;
    }
    // A title with no holder: "Jo Park, an ambulance driver, said" (not a list of names),
    // unless the phrase is the next name's ("Jo Park, Presidential Adviser, Ann Lee").
    if (!determiner && e + 1 < sl && norm(e) == "," && names_person(e + 1)) return;
    // "Jo Park, a former player will serve as ...": the closing comma left out before the verb.
    const bool verb_follows = determiner && e < sl && is_auxiliary(lower(e));
    if ((boundary(e) || verb_follows) && (determiner || agentive(lower(e - 1)) || title_word(lower(e - 1)))) {
      add_titles(arg.entity, *phrase);
      // "Jo Park, a former player, will serve as the team's coordinator."
      copula(arg, e < sl && norm(e) == "," ? e + 1 : e, true);
    }
  }
  static bool is_auxiliary(std::string_view w) {
    return in(w, {"will", "would", "has", "had", "is", "was", "can", "could", "should", "may", "might", "must"});
  }

  // A person's name starts at t, after courtesy titles ("Mrs Ann Lee").
  bool names_person(std::uint32_t t) const {
    const std::uint32_t sl = sentence_last(t);
    while (t < sl && is_courtesy(lower(t))) ++t;
    const int m = t < sl ? v_.name_at(t) : -1;
    return m >= 0 && mention(m).first == t && mention(m).type == EntityType::Person;
  }

  // "the chairman of Acme, Jo Park", "Acme chief economist, Jo Park".
  void apposition_before(int person) {
    const Mention& m = mention(person);
    const std::uint32_t sf = sentence_first(m.first);
    const std::uint32_t p = before_courtesy(m);
    if (p < sf + 2 || norm(p - 1) != ",") return;
    const std::uint32_t comma = p - 1;
    const Arg arg = v_.arg_of(person);
    if (const int h = v_.name_at(comma - 1); h >= 0) {
      const Mention& holder = mention(h);
      if (holder.last != comma || !holder_type(holder.type)) return;
      std::uint32_t q = holder.first;
      while (q > sf && in(lower(q - 1), {"the", "a", "an"})) --q;
      if (q <= sf + 1 || !is_role_preposition(lower(q - 1))) return;
      std::optional<Phrase> phrase = phrase_before(q - 1, -1);
      if (!phrase || !role_noun(phrase->last - 1)) return;
      emit_role(arg, *phrase, lower(q - 1), h, phrase->first, m.last);
      return;
    }
    std::optional<Phrase> phrase = phrase_before(comma, -1);
    if (!phrase || !role_noun(phrase->last - 1)) return;
    const int holder = holder_before(phrase->first);
    const bool determiner = phrase->first > sf && in(lower(phrase->first - 1), {"the", "'s", "'"});
    // "Chief of Staff, Jo Park, Presidential Adviser, Ann Lee": a capitalised title the
    // lexicon knows, opening a clause or an item of a list, needs no holder.
    const bool listed = (phrase->first == sf || in(norm(phrase->first - 1), {",", ";", ":", "and", "by", "with"})) &&
                        capitalised_title(phrase->first, phrase->last);
    if (holder < 0 && !determiner && !listed) return;  // "In the morning, Jo Park said": no role
    emit_role(arg, *phrase, "of", holder, phrase->first, m.last);
  }

  // "Jo Park is the chief executive of Acme", "Jo Park, who was named chairman of Acme",
  // "Acme is a unit of Beta", "Jo Park is Acme's chief economist".
  void copula(const Arg& subject, std::uint32_t k, bool titles) {
    if (k >= v_.size() || k == 0) return;
    const std::uint32_t sl = sentence_last(k - 1);
    if (k >= sl) return;
    // "Jo Park, 48, who became ...": an age before the relative clause.
    if (norm(k) == "," && k + 3 < sl && is_digits(norm(k + 1)) && norm(k + 2) == "," && lower(k + 3) == "who") k += 2;
    if (norm(k) == "," && k + 1 < sl && lower(k + 1) == "who") k += 2;
    else if (lower(k) == "who") ++k;
    bool verb = false, appointed = false;
    while (k < sl && (is_copula_word(lower(k)) || is_negation(lower(k)) || due_to(k))) {
      if (is_negation(lower(k))) return;  // "Jo Park is not the chairman of Acme"
      if (due_to(k)) {  // "is due to be elected", "is expected to become"
        k += 2;
        continue;
      }
      verb = verb || is_copula_verb(lower(k));
      appointed = appointed || is_appointment_verb(lower(k));
      ++k;
    }
    if (!verb || k >= sl) return;
    if (in(lower(k), {"the", "a", "an"})) ++k;
    // "the first serving Acme director": modifiers before the holder.
    std::uint32_t q = k;
    while (q < sl && q < k + 3 && v_.name_at(q) < 0 && role_word(q, -1) && !role_head(q, -1)) ++q;
    if (q < sl && v_.name_at(q) >= 0) k = q;
    if (k >= sl) return;
    if (const int h = v_.name_at(k); h >= 0) {
      const Mention& holder = mention(h);
      if (holder.first != k || !holder_type(holder.type)) return;
      std::uint32_t r = holder.last;
      if (r < sl && (norm(r) == "'s" || norm(r) == "'")) ++r;
      std::optional<Phrase> phrase = phrase_after(r, -1);
      if (phrase && boundary(phrase->last)) emit_role(subject, *phrase, "of", h, subject.first, phrase->last, titles);
      return;
    }
    // "serve as the team's coordinator": an unnamed possessor, the role after it.
    for (std::uint32_t r = k; r < sl && r < k + 4; ++r) {
      if (r > k && after_possessive(r) > r) {
        k = after_possessive(r);
        break;
      }
      if (!role_word(r, -1)) break;
    }
    std::optional<Phrase> phrase = phrase_after(k, -1);
    if (!phrase) return;
    const std::uint32_t e = phrase->last;
    if (e < sl && is_role_preposition(lower(e))) {
      if (const int h = holder_after(e); h >= 0) {
        for (int each : with_conjuncts(h))
          emit_role(subject, *phrase, lower(e), each, subject.first, mention(each).last, titles);
        return;
      }
    }
    // No named holder: "Jo Park, who became the director in 2015", "Jo Park is due to be
    // elected chancellor by parliament" -- a title after a verb of appointment only.
    if (!titles || !appointed || !role_noun(e - 1)) return;
    if (e < sl && !boundary(e) && !is_role_preposition(lower(e)) && v_.date_at(e) < 0 &&
        !in(lower(e), {"by", "on", "after", "since", "until", "last", "this", "next", "when", "and"}))
      return;
    Phrase title = *phrase;
    // "became the second crowned director": an ordinal says nothing of the role.
    if (is_ordinal(lower(title.first)) && title.first + 1 < e) title = make_phrase(title.first + 1, e);
    add_titles(subject.entity, title);
  }
  // "due to", "expected to", "set to", "likely to" before "be"/"become".
  bool due_to(std::uint32_t k) const {
    return k + 2 < v_.size() && in(lower(k), {"due", "expected", "set", "likely", "poised", "going", "about"}) &&
           lower(k + 1) == "to" && in(lower(k + 2), {"be", "become", "serve", "remain"});
  }
  // The token after a possessive ending at t ("team's", "team ' s", "players'"), else t.
  std::uint32_t after_possessive(std::uint32_t t) const {
    if (t >= v_.size() || v_.sentence_of(t) != v_.sentence_of(t - 1)) return t;
    if (norm(t) == "'s") return t + 1;
    if (norm(t) == "'" && t + 1 < v_.size() && lower(t + 1) == "s" && !v_.tok(t + 1).space_before) return t + 2;
    if (norm(t) == "'" && !v_.tok(t).space_before) return t + 1;
    return t;
  }

  // The object of a verb with its role: "replaced Jo Park as chairman", "named Jo Park
  // (as) interim chairman", "appointed his deputy Jo Park as the new coach". Titles only.
  void object_role(int person) {
    const Mention& m = mention(person);
    const std::uint32_t sf = sentence_first(m.first), sl = sentence_last(m.first);
    std::uint32_t v = std::min(before_courtesy(m), m.title_first);
    // Back over a determiner or a possessive and the role words before the name.
    for (int words = 0; v > sf && words < 4 && (role_word(v - 1, person) || in(lower(v - 1), {"the", "his", "her", "its", "their"}));
         ++words)
      --v;
    if (v <= sf) return;
    const std::uint32_t verb = v - 1;
    const Token& vt = v_.tok(verb);
    const bool is_verb = vt.tag.empty() ? v_.lexicon().verb(lower(verb)).has_value() : vt.tag == "VERB";
    if (!is_verb) return;
    const bool naming = in(v_.lemma(verb), {"name", "appoint", "elect", "nominate", "make", "crown", "install"});
    std::uint32_t k = m.last;
    const bool as = k < sl && lower(k) == "as";
    if (!as && !naming) return;
    if (as) {
      ++k;
      if (k < sl && in(lower(k), {"a", "an"})) return;  // "hailed Jo Park as a hero": a description
      if (k < sl && lower(k) == "the") ++k;
    }
    // "Acme named Jo Park its chairman": the role is the naming body's.
    const bool its = naming && k < sl && in(lower(k), {"its", "their"});
    if (its) ++k;
    std::optional<Phrase> phrase = k < sl ? phrase_after(k, person) : std::nullopt;
    // After a verb of appointment any noun is the role ("appointed Jo Park as head coach").
    if (!phrase || !(role_noun(phrase->last - 1) || naming)) return;
    const std::uint32_t e = phrase->last;
    if (e < sl && !boundary(e) && !is_role_preposition(lower(e)) && v_.date_at(e) < 0 &&
        !in(lower(e), {"by", "on", "after", "since", "until", "last", "this", "next", "when", "and", "with"}))
      return;
    add_titles(static_cast<std::uint32_t>(m.entity), *phrase);
    if (!its || !v_.parsed(verb) || v_.negated(verb) || v_.hypothetical(verb)) return;
    std::vector<Arg> namers;
    v_.subjects_of(verb, namers);
    const Arg named = v_.arg_of(person);
    for (const Arg& body : namers) {
      if (!holder_type(v_.entity_type(body.entity))) continue;
      const std::string relation = phrase->role + " of";
      v_.emit(named.entity, relation, body.entity, std::min(body.first, named.first), e, phrase->text + " of");
    }
  }

  // "Jo Park of the Green Party", "Jo Park (Green Party)", "the Green Party's Jo Park".
  void membership(int person) {
    const Mention& m = mention(person);
    const std::uint32_t sf = sentence_first(m.first), sl = sentence_last(m.first);
    const Arg arg = v_.arg_of(person);
    std::uint32_t k = m.last;
    if (k + 1 < sl && lower(k) == "of") {
      std::uint32_t q = k + 1;
      if (q < sl && lower(q) == "the") ++q;
      const int h = q < sl ? v_.name_at(q) : -1;
      if (h >= 0 && mention(h).first == q && mention(h).type == EntityType::Org && ends_noun_phrase(mention(h).last))
        v_.emit(arg.entity, "member of", static_cast<std::uint32_t>(mention(h).entity), arg.first, mention(h).last);
    }
    if (k + 2 < sl && norm(k) == "(") {
      const int h = v_.name_at(k + 1);
      if (h >= 0 && mention(h).first == k + 1 && mention(h).type == EntityType::Org && mention(h).last < sl &&
          norm(mention(h).last) == ")")
        v_.emit(arg.entity, "member of", static_cast<std::uint32_t>(mention(h).entity), arg.first, mention(h).last + 1);
    }
    const std::uint32_t p = before_courtesy(m);
    if (m.title_first >= p && p >= sf + 2 && (norm(p - 1) == "'s" || norm(p - 1) == "'")) {
      const int h = v_.name_at(p - 2);
      if (h >= 0 && mention(h).last == p - 1 && mention(h).type == EntityType::Org)
        v_.emit(arg.entity, "member of", static_cast<std::uint32_t>(mention(h).entity), mention(h).first, m.last);
    }
  }

  ParseView v_;
};

}  // namespace

void find_roles(Document& doc, const Lexicon& lexicon) {
  RoleFrame(doc, lexicon).run();
}

namespace {

// An office of a state itself, lower case ("foreign minister", "minister of transport",
// "president-elect"); empty when the title names none.
std::string state_office(std::string_view title) {
  std::string t = to_lower(title);
  for (const std::string_view when : {"former ", "acting ", "interim ", "outgoing ", "incoming ", "new "})
    if (t.starts_with(when)) t.erase(0, when.size());
  const std::string_view head = std::string_view(t).substr(0, t.find(" of "));
  if (head.ends_with("minister") || head == "president" || head == "vice president" || head == "vice-president" ||
      head == "president-elect" || head == "chancellor" || head == "premier" || head == "king" || head == "queen" ||
      head == "emir" || head == "sultan" || head == "monarch" || head == "emperor")
    return t;
  return "";
}

}  // namespace

void find_office_states(Document& doc, const Lexicon& lexicon) {
  // The states the article names, by how often.
  std::vector<std::uint32_t> count(doc.entities.size(), 0);
  std::vector<bool> state(doc.entities.size(), false);
  for (std::uint32_t e = 0; e < doc.entities.size(); ++e) state[e] = place_kind(doc, e, lexicon) == PlaceKind::State;
  for (const Mention& m : doc.mentions)
    if (m.entity >= 0 && state[static_cast<std::size_t>(m.entity)]) ++count[static_cast<std::size_t>(m.entity)];
  std::uint32_t top = 0, first = 0, second = 0;
  for (std::uint32_t e = 0; e < doc.entities.size(); ++e) {
    if (count[e] > first) {
      second = first;
      first = count[e];
      top = e;
    } else if (count[e] > second) {
      second = count[e];
    }
  }
  if (first < 3 || first < 2 * second) return;
  // Whom a triple already ties to a state, either way, and who holds a role in anything.
  std::vector<bool> tied(doc.entities.size(), false), holds_role(doc.entities.size(), false);
  for (const Triple& t : doc.triples) {
    if (state[t.object]) tied[t.subject] = true;
    if (state[t.subject]) tied[t.object] = true;
    if (doc.entities[t.subject].type == EntityType::Person && !holds_role[t.subject] &&
        classify_relation(t.relation, EntityType::Person, doc.entities[t.object].type, lexicon) == RelationClass::Role)
      holds_role[t.subject] = true;
  }
  for (std::uint32_t e = 0; e < doc.entities.size(); ++e) {
    const Entity& person = doc.entities[e];
    if (person.type != EntityType::Person || tied[e]) continue;
    std::string office;
    for (const std::string& title : person.titles)
      if (office = state_office(title); !office.empty()) break;
    if (office.empty()) continue;
    // A role tying the person to any body already says whose office it is.
    if (holds_role[e]) continue;
    // The evidence: the first mention written with a title.
    for (const std::uint32_t mi : person.mentions) {
      const Mention& m = doc.mentions[mi];
      if (m.title_first >= m.first) continue;
      Triple t;
      t.subject = e;
      t.object = top;
      t.relation = office.substr(0, office.find(" of ")) + " of";
      t.label = t.relation;
      t.sentence = m.sentence;
      t.begin = doc.tokens[m.title_first].begin;
      t.end = doc.tokens[m.last - 1].end;
      t.relation_class = RelationClass::Role;
      doc.triples.push_back(std::move(t));
      break;
    }
  }
}

}  // namespace kg::extract
