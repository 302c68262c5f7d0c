#include "extract/kg/works.h"

#include <algorithm>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "extract/kg/relation_words.h"
#include "extract/text/text_util.h"

namespace kg::extract {
namespace {

bool is_work_noun(std::string_view lower) {
  return in(lower, {"film",   "films",    "movie",      "movies",    "documentary", "documentaries", "feature",
                    "novel",  "novels",   "novella",    "book",      "books",       "memoir",        "biography",
                    "poem",   "poems",    "song",       "songs",     "album",       "albums",        "single",
                    "track",  "opera",    "musical",    "play",      "plays",       "series",        "miniseries",
                    "sitcom", "show",     "episode",    "painting",  "paintings",   "portrait",      "sculpture",
                    "game",   "videogame", "comedy",    "drama",     "thriller",    "biopic",        "short"});
}

// Work nouns that are also verbs or adjectives ("polls show", "a short time"): a cue only
// after a determiner or a possessive.
bool is_ambiguous_work_noun(std::string_view lower) {
  return in(lower, {"feature", "single", "track", "play", "plays", "show", "game", "short", "drama"});
}

bool is_determiner(std::string_view lower) {
  return in(lower, {"the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that", "'s",
                    "new", "latest", "debut", "first", "second", "third", "last", "hit", "whose"});
}

// Prize heads that end an award's name ("Jury Prize"); "Cup" names a competition.
bool is_prize_head(std::string_view word) {
  return in(word, {"Prize", "Prizes", "Award", "Awards", "Medal", "Trophy", "Oscar", "Oscars"});
}

bool is_prize_noun(std::string_view lower) {
  return in(lower, {"prize", "prizes", "award", "awards", "medal", "trophy"});
}

bool is_speech_verb(std::string_view lower) {
  return in(lower, {"said", "says", "say", "told", "tells", "added", "adds", "stated", "noted", "wrote", "writes",
                    "explained", "argued", "insisted", "warned", "asked", "replied", "declared", "announced",
                    "tweeted", "posted", "called", "shouted", "chanted", "read", "reads", "saying"});
}

// Capitalised function words that open a run without belonging to the name ("The Jury Prize").
bool is_leading_function_word(std::string_view lower) {
  return in(lower, {"the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that", "these",
                    "those", "each", "every", "both", "and", "or", "but", "for", "in", "on", "at", "with"});
}

bool is_subject_pronoun(std::string_view lower) {
  return in(lower, {"i", "we", "you", "he", "she", "it", "they", "there", "this", "that"});
}

bool is_auxiliary(std::string_view lower) {
  return in(lower, {"is", "are", "was", "were", "am", "'m", "'re", "'s", "'ve", "'ll", "'d", "will", "would",
                    "can", "could", "shall", "should", "must", "may", "might", "have", "has", "had", "do", "does",
                    "did", "wo", "ca", "n't", "not"});
}

bool is_be_form(std::string_view lower) {
  return in(lower, {"was", "were", "is", "are", "be", "been"});
}

// A punctuation token that ends a clause (a dash or a possessive does not).
bool is_clause_punctuation(std::string_view norm) {
  return in(norm, {".", ",", ";", ":", "!", "?", "...", "(", ")", "[", "]", "\""});
}

// Competitions and gatherings are "awarded to" their hosts: those are events, not prizes.
bool is_event_word(std::string_view word) {
  return in(word, {"Games", "Olympics", "Cup", "Championship", "Championships", "Tournament", "Expo", "Summit",
                   "Festival", "Conference", "Contest", "Final", "Finals"});
}

struct Found {
  std::uint32_t sentence = 0;
  std::uint32_t first = 0;
  std::uint32_t last = 0;
  EntityType type = EntityType::WorkOfArt;
};

class WorkFinder {
 public:
  WorkFinder(Document& doc, const Lexicon& lexicon) : doc_(doc), lex_(lexicon) {}

  void run() {
    for (std::uint32_t s = 0; s < doc_.sentences.size(); ++s) {
      enter(s);
      for (std::uint32_t i = begin_; i < end_; ++i) award_at(i);
    }
    repeat_awards();
    // Works: the quoted spans the context marks, then the same words quoted elsewhere.
    std::vector<Found> unmarked;
    std::set<std::string> accepted;
    for (std::uint32_t s = 0; s < doc_.sentences.size(); ++s) {
      enter(s);
      for (std::uint32_t i = begin_; i < end_; ++i) {
        std::uint32_t close = 0;
        if (!quoted_title(i, close)) continue;
        const Found work{s, i + 1, close, EntityType::WorkOfArt};
        if (marked_as_work(i, close)) {
          found_.push_back(work);
          accepted.insert(fold(surface(work.first, work.last)));
        } else {
          unmarked.push_back(work);
        }
        i = close;
      }
    }
    for (const Found& work : unmarked)
      if (accepted.count(fold(surface(work.first, work.last)))) found_.push_back(work);
    apply();
  }

 private:
  void enter(std::uint32_t s) {
    sentence_ = s;
    begin_ = doc_.sentences[s].first;
    end_ = doc_.sentences[s].last;
    // The mentions are sorted by sentence: only this sentence's are ever looked at.
    const auto by_sentence = [](const Mention& m, std::uint32_t value) { return m.sentence < value; };
    const auto lo = std::lower_bound(doc_.mentions.begin(), doc_.mentions.end(), s, by_sentence);
    const auto hi = std::lower_bound(lo, doc_.mentions.end(), s + 1, by_sentence);
    here_ = std::span<const Mention>(lo, hi);
  }

  const std::string& norm(std::uint32_t i) const { return doc_.tokens[i].norm; }
  std::string lower(std::uint32_t i) const { return to_lower(norm(i)); }
  bool is_cap(std::uint32_t i) const {
    const std::string& w = norm(i);
    return starts_upper(w) && is_letter_code_point(first_code_point(w));
  }
  // An elided particle before a capital belongs to the name: "Palme d'Or", "Côte d'Ivoire".
  bool is_elided_name(std::uint32_t i) const {
    const std::string& w = norm(i);
    return w.size() >= 3 && (w[0] == 'd' || w[0] == 'l') && w[1] == '\'' && starts_upper(w.substr(2));
  }
  bool name_word(std::uint32_t i) const { return i < end_ && (is_cap(i) || is_elided_name(i)); }
  bool compound_follows(std::uint32_t i) const {
    return i < end_ && norm(i) == "-" && !doc_.tokens[i].space_before;
  }

  std::string surface(std::uint32_t first, std::uint32_t last) const {
    std::string s = doc_.text.substr(doc_.tokens[first].begin, doc_.tokens[last - 1].end - doc_.tokens[first].begin);
    for (char& c : s)
      if (c == '\n' || c == '\t' || c == '\r') c = ' ';
    return s;
  }

  // The mention of this sentence whose name is exactly [first, last), if any.
  const Mention* mention_at(std::uint32_t first, std::uint32_t last) const {
    for (const Mention& m : here_)
      if (m.first == first && m.last == last) return &m;
    return nullptr;
  }
  // A person mention that no award found here covers (the rules read some prizes as names).
  bool is_person(const Mention& m) const {
    if (m.sentence != sentence_ || m.type != EntityType::Person) return false;
    return std::none_of(found_.begin(), found_.end(), [&](const Found& f) {
      return f.type == EntityType::Award && f.sentence == sentence_ && f.first < m.last && m.first < f.last;
    });
  }
  const Mention* person_ending_at(std::uint32_t last) const {
    for (const Mention& m : here_)
      if (m.last == last && is_person(m)) return &m;
    return nullptr;
  }
  const Mention* person_starting_near(std::uint32_t after, std::uint32_t window) const {
    for (const Mention& m : here_)
      if (m.first > after && m.first <= after + window && is_person(m)) return &m;
    return nullptr;
  }

  // --- awards ---

  // The start of the run of capitalised words (possessives of common nouns inside:
  // "Director's"; "of" between capitals: "Artist of the Year") that ends right before `end`.
  std::uint32_t run_start(std::uint32_t end) const {
    std::uint32_t start = end;
    while (start > begin_ && end - start < 10) {
      const std::uint32_t k = start - 1;
      if (start < end && name_word(start)) {
        if (norm(k) == "of" && k > begin_ && name_word(k - 1)) {
          start = k;
          continue;
        }
        if (norm(k) == "the" && k > begin_ + 1 && norm(k - 1) == "of" && name_word(k - 2)) {
          start = k - 1;
          continue;
        }
      }
      if (name_word(k)) {
        // A finite verb ends the name in a title-case headline ("Ortiz Wins Jury Prize").
        if (const auto verb = lex_.verb(lower(k)); verb && (verb->tag == "VBZ" || verb->tag == "VBD")) break;
        start = k;
        continue;
      }
      if (norm(k) == "'s" && k > begin_ && is_cap(k - 1) && lex_.is_common_word(lower(k - 1)) &&
          !doc_.tokens[k].space_before) {
        start = k - 1;
        continue;
      }
      break;
    }
    return start;
  }

  // Leading function words and a leading place name (whose prize it is) are no part of it.
  std::uint32_t strip_leading(std::uint32_t start, std::uint32_t end) const {
    while (start < end && is_leading_function_word(lower(start))) ++start;
    if (start < end) {
      for (const Mention& m : here_) {
        if (m.first != start || m.last >= end || m.type != EntityType::Gpe) continue;
        // Only where two words are left: "Cannes Jury Prize", but "Australia Prize".
        const NameEntry* e = lex_.name(m.text);
        if (e && e->kind != NameKind::Demonym && end - m.last >= 2) start = m.last;
        break;
      }
    }
    return start;
  }

  // Whether [first, last) may become an award: not a gazetteer name (a state's prize is
  // named after it, "the European Union prize"), a place, a demonym or a date.
  bool may_be_award(std::uint32_t first, std::uint32_t last) const {
    if (last <= first || is_event_word(norm(last - 1))) return false;
    const Mention* m = mention_at(first, last);
    if (!m) return true;
    return m->key.empty() && m->type != EntityType::Gpe && m->type != EntityType::Norp &&
           m->type != EntityType::Loc && m->type != EntityType::Date && m->type != EntityType::Event;
  }

  void award_at(std::uint32_t i) {
    if (is_prize_head(norm(i))) return head_award(i);
    const std::string word = lower(i);
    if (in(word, {"prize", "award", "medal", "trophy"}) && i > begin_ && name_word(i - 1))
      return named_before_prize_noun(i);
    if (norm(i) == "," && i > begin_ && name_word(i - 1)) return apposition_award(i);
    if (word == "awarded" && i > begin_ + 1 && is_be_form(lower(i - 1))) return awarded_to(i);
  }

  // "the Jury Prize", "the Director's Prize", "the Nobel Prize in Physics", "two Oscars".
  void head_award(std::uint32_t h) {
    std::uint32_t last = h + 1;
    if (name_word(last) || compound_follows(last)) return;  // "Prize Committee", "Prize-winning"
    // A complement of capitalised common words, maybe joined by "of", "the", "in", "a": "in
    // Physics", "of Freedom", "for Best Actor in a Leading Role"; another prize ends it.
    if (last + 1 < end_ && in(norm(last), {"in", "of", "for"})) {
      std::uint32_t complement_end = last;
      for (std::uint32_t k = last + 1; k < end_ && k < last + 10; ++k) {
        if (is_prize_head(norm(k))) break;
        if (complement_word(k, norm(last) == "in")) {
          complement_end = k + 1;
          continue;
        }
        if (!in(norm(k), {"of", "the", "in", "a", "an"})) break;
      }
      if (complement_end > last && !name_word(complement_end)) last = complement_end;
    }
    const std::uint32_t first = strip_leading(run_start(h), h + 1);
    if (first == h) {
      // A lone head: only "Oscar(s)" names a prize, and "Oscar" only where a person could not
      // stand ("won an Oscar", "her second Oscar").
      if (norm(h) == "Oscars" && last == h + 1) return add_award(h, h + 1);
      if (norm(h) == "Oscar" && h > begin_ &&
          (is_determiner(lower(h - 1)) || in(lower(h - 1), {"won", "win", "wins", "winning"})))
        return add_award(h, last);
      return;
    }
    if (!may_be_award(first, last)) return;
    // "Commander Oscar told ...": a person's given name.
    if (norm(h) == "Oscar" && std::any_of(here_.begin(), here_.end(), [&](const Mention& m) {
          return m.type == EntityType::Person && m.first <= h && h < m.last;
        }))
      return;
    add_award(first, last);
  }

  // A capitalised common word that names no thing of its own ("Best", "Peace"; not "May").
  // After "in" a field may be any capitalised word no name covers ("Prize in Physics"); after
  // "for" it may not, where it is often an unquoted title ("Jury Prize for Vela").
  bool complement_word(std::uint32_t k, bool field) const {
    static constexpr std::string_view kCalendar[] = {"January", "February", "March", "April", "May", "June",
                                                     "July", "August", "September", "October", "November",
                                                     "December", "Monday", "Tuesday", "Wednesday", "Thursday",
                                                     "Friday", "Saturday", "Sunday"};
    if (!is_cap(k) || covered(k)) return false;
    if (std::find(std::begin(kCalendar), std::end(kCalendar), norm(k)) != std::end(kCalendar)) return false;
    if (lex_.is_common_word(lower(k))) return true;
    return field && std::none_of(here_.begin(), here_.end(), [&](const Mention& m) {
             return m.first <= k && k < m.last;
           });
  }

  // Inside the name of a person or a place.
  bool covered(std::uint32_t t) const {
    for (const Mention& m : here_)
      if (m.first <= t && t < m.last &&
          (m.type == EntityType::Person || m.type == EntityType::Gpe || m.type == EntityType::Loc))
        return true;
    return false;
  }

  // "the Golden Camera prize" -> "Golden Camera": two or more capitalised words before a
  // lower-case prize noun that ends the phrase ("the US Open prize money" is no prize), and
  // not an organisation's name ("the Film Critics Association award" is its prize).
  void named_before_prize_noun(std::uint32_t p) {
    if (p + 1 < end_) {
      const std::string next = lower(p + 1);
      const bool ends = is_clause_punctuation(norm(p + 1)) ||
                        in(next, {"for", "in", "at", "of", "and", "or", "with", "on", "by", "from", "to", "was",
                                  "is", "went", "goes", "has", "had", "will", "which", "that"});
      if (!ends) return;
    }
    const std::uint32_t first = strip_leading(run_start(p), p);
    if (p - first < 2 || !may_be_award(first, p)) return;
    for (std::uint32_t k = first; k < p; ++k)
      if (lex_.org_head(norm(k))) return;
    const Mention* m = mention_at(first, p);
    if (m && m->type == EntityType::Person) return;  // "the Ana Ortiz prize": named after a person
    add_award(first, p);
  }

  // "The Grand Prix, the second most prestigious prize at Cannes, went to ...".
  void apposition_award(std::uint32_t comma) {
    const std::uint32_t first = strip_leading(run_start(comma), comma);
    if (first >= comma || !may_be_award(first, comma)) return;
    std::uint32_t k = comma + 1;
    if (k >= end_ || !in(lower(k), {"the", "a", "an", "one"})) return;
    for (++k; k < end_ && k < comma + 8; ++k) {
      const std::string word = lower(k);
      if (is_prize_noun(word)) {
        if (k + 1 < end_ && !is_clause_punctuation(norm(k + 1)) &&
            !in(lower(k + 1), {"at", "of", "in", "for", "given", "awarded", "handed", "which", "that"}))
          return;  // "the prize winner", "the award's founder"
        return add_award(first, comma);
      }
      if (is_clause_punctuation(norm(k)) || is_cap(k)) return;
    }
  }

  // "The Palme d'Or of the Cannes festival was awarded on Saturday to Ana Ortiz": what is
  // awarded to a person or a work is a prize (a city is awarded the Games: not followed).
  void awarded_to(std::uint32_t awarded) {
    // The subject: a capitalised run before the verb, or before an "of ..." phrase.
    std::uint32_t be = awarded - 1;
    std::uint32_t subject_end = be;
    for (std::uint32_t k = be; k > begin_ && be - k < 6; --k) {
      if (is_clause_punctuation(norm(k - 1))) break;
      if (norm(k - 1) == "of" && k - 1 > begin_ && name_word(k - 2)) {
        subject_end = k - 1;
        break;
      }
    }
    if (subject_end == be && !(be > begin_ && name_word(be - 1))) return;
    const std::uint32_t first = strip_leading(run_start(subject_end), subject_end);
    if (first >= subject_end || !may_be_award(first, subject_end)) return;
    for (std::uint32_t k = awarded + 1; k < end_ && k < awarded + 6; ++k) {
      if (is_clause_punctuation(norm(k))) return;
      if (norm(k) != "to") continue;
      const bool to_work = k + 1 < end_ && norm(k + 1) == "\"";
      if (to_work || person_starting_near(k, 4)) add_award(first, subject_end);
      return;
    }
  }

  void add_award(std::uint32_t first, std::uint32_t last) {
    for (const Found& f : found_)
      if (f.sentence == sentence_ && f.first < last && first < f.last) return;
    found_.push_back({sentence_, first, last, EntityType::Award});
  }

  // Award names of two or more words found once are awards wherever else they stand alone.
  void repeat_awards() {
    std::vector<std::vector<std::string>> names;
    for (const Found& f : found_) {
      if (f.last - f.first < 2) continue;
      std::vector<std::string> words;
      for (std::uint32_t k = f.first; k < f.last; ++k) words.push_back(norm(k));
      if (std::find(names.begin(), names.end(), words) == names.end()) names.push_back(std::move(words));
    }
    for (const auto& words : names) {
      const auto n = static_cast<std::uint32_t>(words.size());
      for (std::uint32_t s = 0; s < doc_.sentences.size(); ++s) {
        enter(s);
        for (std::uint32_t i = begin_; i + n <= end_; ++i) {
          bool same = true;
          for (std::uint32_t k = 0; k < n && same; ++k) same = norm(i + k) == words[k];
          if (!same) continue;
          if (i > begin_ && name_word(i - 1) && !is_leading_function_word(lower(i - 1))) continue;
          if (name_word(i + n) || compound_follows(i + n)) continue;
          if (may_be_award(i, i + n)) add_award(i, i + n);
        }
      }
    }
  }

  // --- works ---

  bool opens_quote(std::uint32_t i) const {
    const Token& t = doc_.tokens[i];
    if (t.norm != "\"" || i + 1 >= end_ || doc_.tokens[i + 1].space_before) return false;
    if (t.form != "\"") return t.form == "\u201c" || t.form == "\u201e" || t.form == "\u00ab";
    return i == begin_ || t.space_before || t.line_start || in(norm(i - 1), {"(", "["});
  }
  bool closes_quote(std::uint32_t i) const {
    const Token& t = doc_.tokens[i];
    if (t.norm != "\"" || t.space_before) return false;
    return t.form == "\"" || t.form == "\u201d" || t.form == "\u00bb";
  }

  // A quoted span at `open` that may be a title (close: the closing quote).
  bool quoted_title(std::uint32_t open, std::uint32_t& close) const {
    if (!opens_quote(open)) return false;
    close = open + 1;
    while (close < end_ && close <= open + 9 && !closes_quote(close)) {  // up to 8 words inside
      if (norm(close) == "\"") return false;
      ++close;
    }
    if (close >= end_ || close > open + 9 || close == open + 1) return false;
    const std::uint32_t first = open + 1, last = close;
    if (!is_cap(first)) return false;
    // A quoted sentence or clause: final punctuation, or a subject pronoun with its auxiliary.
    if (in(norm(last - 1), {",", ":", "-"})) return false;
    for (std::uint32_t k = first; k < last; ++k) {
      if (in(norm(k), {".", "!", "?", ";", "..."})) return false;
      if (k + 1 < last && is_subject_pronoun(lower(k)) && is_auxiliary(lower(k + 1))) return false;
    }
    // A work noun before it outweighs a speech verb around it ("a song called “Vela”", "her
    // film “Vela”, announced the jury").
    if (noun_before(open)) return true;
    // Speech: "said:" or "told" before the quote, a speech verb just after it.
    std::uint32_t before = open;
    while (before > begin_ && in(norm(before - 1), {",", ":"})) {
      if (norm(before - 1) == ":") return false;
      --before;
    }
    if (before > begin_ && is_speech_verb(lower(before - 1))) return false;
    std::uint32_t after = close + 1;
    if (after < end_ && norm(after) == ",") ++after;
    for (std::uint32_t k = after; k < end_ && k < after + 3; ++k) {
      if (is_speech_verb(lower(k))) return false;
      if (is_clause_punctuation(norm(k))) break;
    }
    return true;
  }

  bool prize_sentence() const {
    for (const Found& f : found_)
      if (f.sentence == sentence_ && f.type == EntityType::Award) return true;
    for (std::uint32_t k = begin_; k < end_; ++k)
      if (is_prize_noun(lower(k)) || lower(k) == "awarded") return true;
    return false;
  }

  bool award_ending_at(std::uint32_t last) const {
    for (const Found& f : found_)
      if (f.sentence == sentence_ && f.type == EntityType::Award && f.last == last) return true;
    return false;
  }

  bool marked_as_work(std::uint32_t open, std::uint32_t close) const {
    return noun_before(open) || noun_after(close) || by_person(close) || for_prize(open) || acted_in(open);
  }

  // "her feature film “Vela”", "the novel, “Vela”", "a song titled “Vela”".
  bool noun_before(std::uint32_t open) const {
    std::uint32_t k = open;
    if (k > begin_ && norm(k - 1) == ",") --k;
    if (k > begin_ && in(lower(k - 1), {"titled", "entitled", "called", "named"})) --k;
    if (k <= begin_) return false;
    const std::string noun = lower(k - 1);
    if (!is_work_noun(noun)) return false;
    if (!is_ambiguous_work_noun(noun)) return true;
    return k - 1 > begin_ && (is_determiner(lower(k - 2)) || is_work_noun(lower(k - 2)));
  }

  // "“Vela”, the first film by ...", "“Vela”, her latest album".
  bool noun_after(std::uint32_t close) const {
    std::uint32_t k = close + 1;
    if (k >= end_ || norm(k) != ",") return false;
    ++k;
    if (k >= end_ || !in(lower(k), {"the", "a", "an", "his", "her", "their", "its"})) return false;
    for (std::uint32_t n = k + 1; n < end_ && n <= k + 4; ++n) {
      if (is_work_noun(lower(n))) return !(n + 1 < end_ && norm(n + 1) == "'s");  // "the film's director"
      if (is_clause_punctuation(norm(n))) return false;
    }
    return false;
  }

  // "“Vela” by Ana Ortiz", "“Vela” (Sail), by the Chilean director Ana Ortiz".
  bool by_person(std::uint32_t close) const {
    std::uint32_t k = close + 1;
    if (k < end_ && norm(k) == "(") {
      while (k < end_ && k < close + 14 && norm(k) != ")") ++k;
      if (k >= end_ || norm(k) != ")") return false;
      ++k;
    }
    if (k < end_ && norm(k) == ",") ++k;
    if (k >= end_ || lower(k) != "by") return false;
    const Mention* person = person_starting_near(k, 6);
    if (!person) return false;
    for (std::uint32_t t = k + 1; t < person->first; ++t)
      if (is_clause_punctuation(norm(t))) return false;
    return true;
  }

  // "went to Ana Ortiz for “Vela”", "won the Jury Prize for “Vela”" in a sentence about a
  // prize; "the award for “Best Actor”" names a category.
  bool for_prize(std::uint32_t open) const {
    if (open < begin_ + 2 || lower(open - 1) != "for" || !prize_sentence()) return false;
    if (person_ending_at(open - 1)) return true;
    return award_ending_at(open - 1) && !in(norm(open + 1), {"Best", "Outstanding", "Most"});
  }

  // "for her performance in “Vela”", "starring in “Vela”".
  bool acted_in(std::uint32_t open) const {
    return open >= begin_ + 2 && lower(open - 1) == "in" &&
           in(lower(open - 2), {"performance", "performances", "starring", "starred", "stars", "appearance"});
  }

  // --- the new mentions replace what they overlap ---

  void apply() {
    if (found_.empty()) return;
    // Works first: an award's words inside a quoted title belong to the title.
    std::stable_sort(found_.begin(), found_.end(), [](const Found& a, const Found& b) {
      return (a.type == EntityType::WorkOfArt) > (b.type == EntityType::WorkOfArt);
    });
    std::vector<Found> kept;
    for (const Found& f : found_) {
      const bool clash = std::any_of(kept.begin(), kept.end(), [&](const Found& k) {
        return k.sentence == f.sentence && k.first < f.last && f.first < k.last;
      });
      if (!clash) kept.push_back(f);
    }
    std::vector<Mention> mentions;
    mentions.reserve(doc_.mentions.size() + kept.size());  // kept as long as the document: no doubling
    for (Mention& m : doc_.mentions) {
      bool replaced = false;
      for (const Found& f : kept) {
        if (m.sentence != f.sentence) continue;
        if (m.first < f.last && f.first < m.last) replaced = true;
        // A title region that reaches into the new name loses its title.
        else if (m.title_first < f.last && f.first < m.first) {
          m.title_first = m.role_first = m.first;
          m.title.clear();
          m.role.clear();
        }
      }
      if (!replaced) mentions.push_back(std::move(m));
    }
    for (const Found& f : kept) {
      Mention m;
      m.sentence = f.sentence;
      m.first = m.title_first = m.role_first = f.first;
      m.last = f.last;
      m.type = f.type;
      m.text = surface(f.first, f.last);
      mentions.push_back(std::move(m));
    }
    std::stable_sort(mentions.begin(), mentions.end(), [](const Mention& a, const Mention& b) {
      return std::tie(a.sentence, a.title_first, a.first) < std::tie(b.sentence, b.title_first, b.first);
    });
    doc_.mentions = std::move(mentions);
  }

  Document& doc_;
  const Lexicon& lex_;
  std::vector<Found> found_;
  std::uint32_t sentence_ = 0, begin_ = 0, end_ = 0;
  std::span<const Mention> here_;  // the mentions of the current sentence
};

}  // namespace

void find_works(Document& doc, const Lexicon& lexicon) { WorkFinder(doc, lexicon).run(); }

}  // namespace kg::extract
