#include "extract/kg/relations.h"

#include <algorithm>
#include <set>
#include <span>
#include <tuple>

#include "extract/kg/relation_words.h"
#include "extract/text/text_util.h"

namespace kg::extract {
namespace {

bool is_aux(std::string_view w) {
  return in(w, {"is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "will", "would",
                "could", "should", "may", "might", "can", "must", "did", "does", "do", "shall", "'s"});
}
bool is_adverb(std::string_view w) {
  if (w.size() > 4 && w.substr(w.size() - 2) == "ly" && w != "only" && w != "early") return true;
  return in(w, {"also", "still", "already", "however", "then", "later", "just", "now", "again", "even", "yet",
                "soon", "once", "previously", "reportedly", "jointly", "both", "all", "first", "last"});
}
bool is_determiner(std::string_view w) {
  return in(w, {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "my",
                "your", "'s", "each", "every", "any", "some", "no", "first", "second", "new", "last", "next",
                "phone", "of", "such"});
}
bool is_clause_stop(std::string_view w) {
  return in(w, {",", ";", ":", ".", "!", "?", "\"", "(", ")", "-", "--", "that", "which", "who", "whom", "whose",
                "while", "but", "as", "because", "although", "though", "if", "when", "where", "after", "before",
                "since", "until", "amid", "despite", "including", "and", "or", "whether"});
}
bool is_object_preposition(std::string_view w) {
  return in(w, {"on", "to", "with", "against", "from", "into", "of", "for", "regarding", "about", "toward",
                "towards", "over", "at"});
}
// Prepositions that open an adjunct, not an object: "deteriorated under X", "reached during X".
bool is_adjunct_preposition(std::string_view w) {
  return in(w, {"under", "during", "after", "before", "since", "despite", "amid", "within", "without", "through",
                "among", "like", "than", "per", "via", "behind", "beyond", "following", "according", "until",
                "across", "near", "outside", "inside", "throughout"});
}
// Prepositions that put a name inside a phrase, so it cannot be a clause's subject
// ("the meeting between X and Y took place"); conjunctions such as after/since excluded.
bool is_phrase_preposition(std::string_view w) {
  return in(w, {"between", "of", "with", "in", "at", "on", "from", "to", "for", "by", "under", "over", "about",
                "among", "during", "against", "into", "through", "toward", "towards", "like", "amid"});
}
bool is_preposition_or_stop(std::string_view w) {
  return is_adjunct_preposition(w) || is_object_preposition(w) || is_clause_stop(w) || w == "in" || w == "by";
}
bool is_particle(std::string_view w) { return in(w, {"out", "up", "down", "off", "back", "away"}); }
bool is_pronoun_person(std::string_view w) { return in(w, {"he", "she"}); }
bool is_possessive_pronoun(std::string_view w) { return in(w, {"his", "her"}); }

bool is_reciprocal(std::string_view lemma) {
  return in(lemma, {"meet", "agree", "discuss", "talk", "negotiate", "clash", "spar", "sign", "trade"});
}
bool is_personal_role_noun(std::string_view w) {
  return in(w, {"predecessor", "successor", "wife", "husband", "spouse", "son", "daughter", "father", "mother",
                "brother", "sister", "spokesman", "spokeswoman", "spokesperson", "adviser", "advisor", "ally",
                "envoy", "deputy", "lawyer", "aide", "counterpart", "rival"});
}
bool is_apposition_role(std::string_view w) {
  return in(w, {"head", "chief", "leader", "member", "speaker", "founder", "director", "chairman", "chairwoman",
                "president", "minister", "spokesman", "spokeswoman", "spokesperson", "secretary", "ambassador",
                "envoy", "governor", "mayor", "commander", "editor", "correspondent", "writer", "ceo",
                "chancellor", "adviser", "advisor", "representative", "deputy"});
}
bool is_org_descriptor(std::string_view w) {
  return in(w, {"state", "state-run", "state-owned", "news", "agency", "broadcaster", "newspaper", "television",
                "tv", "wire", "service", "private", "official", "public", "daily"});
}

class RelationFinder {
 public:
  RelationFinder(Document& doc, const Lexicon& lex)
      : doc_(doc), lex_(lex), lowers_(doc.tokens.size()) {}

  void run() {
    // The person mention at or before each mention index, for nearest_person_before().
    person_up_to_.resize(doc_.mentions.size());
    const Mention* person = nullptr;
    for (std::size_t i = 0; i < doc_.mentions.size(); ++i) {
      if (doc_.mentions[i].type == EntityType::Person) person = &doc_.mentions[i];
      person_up_to_[i] = person;
    }
    for (std::uint32_t s = 0; s < doc_.sentences.size(); ++s) sentence(s);
  }

 private:
  const std::string& norm(std::uint32_t i) const { return doc_.tokens[i].norm; }
  // Lower-cased norm of token i, computed once per document (the rules ask for the same tokens many times).
  const std::string& lower(std::uint32_t i) const {
    return lowers_.get(i, norm(i));
  }

  const Mention* mention_owning(std::uint32_t t) const {
    int m = owner_[t - begin_];
    return m < 0 ? nullptr : &doc_.mentions[static_cast<std::size_t>(m)];
  }
  // A mention whose own span (not its title) covers t.
  const Mention* mention_at(std::uint32_t t) const {
    int m = span_[t - begin_];
    return m < 0 ? nullptr : &doc_.mentions[static_cast<std::size_t>(m)];
  }
  bool named(const Mention* m) const { return m && m->type != EntityType::Date; }

  // The index of the first mention in sentence s or after it (mentions are in sentence
  // order, as find_mentions leaves them).
  std::size_t first_mention_of(std::uint32_t s) const {
    const auto it = std::partition_point(doc_.mentions.begin(), doc_.mentions.end(),
                                         [s](const Mention& m) { return m.sentence < s; });
    return static_cast<std::size_t>(it - doc_.mentions.begin());
  }

  void sentence(std::uint32_t s) {
    const Sentence& sent = doc_.sentences[s];
    sentence_ = s;
    begin_ = sent.first;
    end_ = sent.last;
    owner_.assign(end_ - begin_, -1);
    span_.assign(end_ - begin_, -1);
    // Only this sentence's mentions are read: the rules cost nothing per earlier mention.
    const std::size_t lo = first_mention_of(s), hi = first_mention_of(s + 1);
    here_ = std::span<const Mention>(doc_.mentions.data() + lo, hi - lo);
    for (auto i = static_cast<std::uint32_t>(lo); i < hi; ++i) {
      const Mention& m = doc_.mentions[i];
      if (m.type == EntityType::Date) continue;
      for (std::uint32_t t = m.first; t < m.last; ++t) {
        int& cur = span_[t - begin_];
        if (cur < 0 || width(i) > width(static_cast<std::uint32_t>(cur))) cur = static_cast<int>(i);
      }
      for (std::uint32_t t = m.title_first; t < m.last; ++t) {
        int& cur = owner_[t - begin_];
        if (cur < 0 || full_width(i) > full_width(static_cast<std::uint32_t>(cur))) cur = static_cast<int>(i);
      }
    }
    previous_subjects_.clear();
    titles_and_descriptors();
    for (std::uint32_t t = begin_; t < end_; ++t) {
      appositions(t);
      possessive_roles(t);
      event_nouns(t);
      visits(t);
      located(t);
      verb(t);
    }
  }

  std::uint32_t width(std::uint32_t m) const { return doc_.mentions[m].last - doc_.mentions[m].first; }
  std::uint32_t full_width(std::uint32_t m) const { return doc_.mentions[m].last - doc_.mentions[m].title_first; }

  void emit(const Mention* s, const std::string& relation, const Mention* o, std::uint32_t from,
            std::uint32_t to, std::string label = "") {
    if (!s || !o || s->entity < 0 || o->entity < 0 || s->entity == o->entity) return;
    emit_entities(static_cast<std::uint32_t>(s->entity), relation, static_cast<std::uint32_t>(o->entity), from, to,
                  std::move(label));
  }

  void emit_entities(std::uint32_t s, const std::string& relation, std::uint32_t o, std::uint32_t from,
                     std::uint32_t to, std::string label) {
    if (s == o) return;
    auto key = std::make_tuple(s, relation, o);
    if (!seen_.insert(std::make_tuple(sentence_, s, relation, o)).second) return;
    (void)key;
    Triple t;
    t.subject = s;
    t.object = o;
    t.relation = relation;
    t.label = label.empty() ? relation : label;
    t.sentence = sentence_;
    // [from, to) is a half-open token range.
    from = std::max(from, begin_);
    to = std::min(to, end_);
    if (to <= from) to = std::min(from + 1, end_);
    t.begin = doc_.tokens[from].begin;
    t.end = doc_.tokens[to - 1].end;
    doc_.triples.push_back(std::move(t));
  }

  std::string surface(std::uint32_t first, std::uint32_t last) const {
    if (first >= last) return "";
    std::string s = doc_.text.substr(doc_.tokens[first].begin, doc_.tokens[last - 1].end - doc_.tokens[first].begin);
    for (char& c : s)
      if (c == '\n') c = ' ';
    return s;
  }

  // Roles from title regions: "Russian Foreign Ministry spokeswoman Maria Zakharova".
  // Organisation descriptors: "Russian state news agency TASS", "Russia's TASS news agency".
  // Membership: "NATO member Turkey".
  void titles_and_descriptors() {
    for (const Mention& m : here_) {
      if (m.type == EntityType::Person && !m.role.empty() && m.title_first < m.first) {
        const Mention* holder = nullptr;
        for (const Mention& inner : here_) {
          if (inner.first < m.title_first || inner.last > m.role_first) continue;
          if (inner.type == EntityType::Date || inner.type == EntityType::Person) continue;
          // The organisation nearest the role word wins over a state before it.
          if (!holder || inner.type == EntityType::Org || holder->type != EntityType::Org) holder = &inner;
        }
        if (holder) emit(&m, nationality_only(*holder, m.role) ? "from" : role_relation(m.role), holder, m.title_first,
                         m.last, m.title);
      }
      // "US policy under President Donald Trump": a bare title takes the state whose
      // affairs are "under" the person.
      if (m.type == EntityType::Person && !m.role.empty() && m.title_first == m.role_first &&
          m.title_first >= begin_ + 3 && lower(m.title_first - 1) == "under") {
        for (std::uint32_t k = m.title_first - 1; k > begin_ && k + 4 > m.title_first; --k) {
          const Mention* state = mention_at(k - 1);
          if (!named(state) || state->type != EntityType::Gpe || state->key != state->country) continue;
          emit(&m, role_relation(m.role), state, state->first, m.last, surface(state->first, m.last));
          break;
        }
      }
      if (m.type == EntityType::Org) org_descriptor(m);
    }
    for (std::uint32_t t = begin_; t + 1 < end_; ++t) {
      const Mention* group = mention_at(t);
      if (!named(group) || group->last != t + 1 || group->type != EntityType::Org) continue;
      std::string w = lower(t + 1);
      if (w != "member" && w != "ally") continue;
      const Mention* member = t + 2 < end_ ? mention_at(t + 2) : nullptr;
      if (named(member) && member->first == t + 2 &&
          (member->type == EntityType::Gpe || member->type == EntityType::Org))
        emit(member, w + " of", group, group->first, member->last, surface(group->first, member->last));
    }
  }

  // "French director Jo Park": a nationality before a role no state holds (a company's
  // director, a writer) says where the person is from, not whose director they are.
  bool nationality_only(const Mention& holder, const std::string& role) const {
    return lex_.is_demonym(holder.text) && !lex_.is_public_office(role);
  }

  static std::string role_relation(const std::string& role) {
    if (in(role, {"writer", "correspondent", "reporter", "photographer", "journalist", "editor", "columnist"}))
      return role + " for";
    return role + " of";
  }

  void org_descriptor(const Mention& m) {
    // Left: [GPE] ['s] descriptor+ ORG
    std::uint32_t t = m.first;
    std::vector<std::string> words;
    while (t > begin_ && is_org_descriptor(lower(t - 1))) {
      words.insert(words.begin(), lower(t - 1));
      --t;
    }
    std::uint32_t right = m.last;
    while (right < end_ && is_org_descriptor(lower(right))) {
      words.push_back(lower(right));
      ++right;
    }
    if (words.empty() || std::find(words.begin(), words.end(), "agency") == words.end()) {
      if (words.empty()) return;
    }
    if (t > begin_ && norm(t - 1) == "'s") --t;
    if (t <= begin_) return;
    const Mention* state = mention_at(t - 1);
    if (!named(state) || state->type != EntityType::Gpe || state->last != t) return;
    std::string noun = std::find(words.begin(), words.end(), "agency") != words.end()
                           ? (std::find(words.begin(), words.end(), "news") != words.end() ? "news agency" : "agency")
                           : words.back();
    emit(&m, noun + " of", state, state->first, std::max(right, m.last), surface(state->first, std::max(right, m.last)));
  }

  // "X, head of Y", "Valentina Matvienko, the speaker of the Russian parliament".
  void appositions(std::uint32_t t) {
    const Mention* person = mention_at(t);
    if (!named(person) || person->type != EntityType::Person || person->last != t + 1) return;
    std::uint32_t k = t + 1;
    if (k >= end_ || !in(norm(k), {",", "-", "(", "--"})) return;
    ++k;
    while (k < end_ && in(lower(k), {"the", "a", "an", "its", "former", "current", "deputy", "acting", "top"})) ++k;
    // "X, the German foreign minister,": the state before the role holds it.
    if (const Mention* state = k < end_ ? mention_at(k) : nullptr;
        named(state) && state->first == k && state->type == EntityType::Gpe) {
      std::uint32_t r = state->last, n = 0;
      for (std::uint32_t len = 3; len >= 1; --len) {
        if (r + len > end_) continue;
        std::string words = lower(r);
        for (std::uint32_t x = 1; x < len; ++x) words += " " + lower(r + x);
        if (const TitleEntry* title = lex_.title(words); title && title->kind != TitleKind::Honorific) {
          n = len;
          if (r + n >= end_ || in(norm(r + n), {",", ".", ";", ")", "-"}))
            emit(person, role_relation(title->role), state, person->first, r + n, surface(t + 2, r + n));
          return;
        }
      }
    }
    if (k >= end_ || !is_apposition_role(lower(k))) return;
    std::string role = lower(k);
    const std::uint32_t role_at = k;
    ++k;
    if (k >= end_ || !in(lower(k), {"of", "for", "at"})) return;
    const Mention* possessor = nullptr;
    for (std::uint32_t j = k + 1; j < end_ && j < k + 9; ++j) {
      if (in(norm(j), {",", ";", "(", ")", "-", "--"}) || lex_.verb(lower(j))) break;
      const Mention* org = mention_at(j);
      if (!named(org) || org->type == EntityType::Person || org->first != j) continue;
      // "the ministry's North America department": the department, unless nothing follows
      // the possessor ("the speaker of the Russian parliament's upper house").
      if (org->last < end_ && norm(org->last) == "'s") {
        if (!possessor) possessor = org;
        continue;
      }
      emit(person, role + " of", org, person->first, org->last, surface(t + 2, org->last));
      add_titles(*person, role, surface(role_at, org->last));
      return;
    }
    if (possessor) {
      emit(person, role + " of", possessor, person->first, possessor->last, surface(t + 2, possessor->last));
      add_titles(*person, role, surface(role_at, possessor->last));
    }
  }

  // An apposition's role is also the person's title: "speaker", "speaker of the Russian parliament".
  void add_titles(const Mention& person, const std::string& role, const std::string& phrase) {
    if (person.entity < 0) return;
    auto& titles = doc_.entities[static_cast<std::size_t>(person.entity)].titles;
    for (const std::string& title : {role, phrase})
      if (!title.empty() && std::find(titles.begin(), titles.end(), title) == titles.end()) titles.push_back(title);
  }

  // "Trump's predecessor, Joe Biden", "his predecessor Joe Biden".
  void possessive_roles(std::uint32_t t) {
    if (t + 2 >= end_ || norm(t + 1) != "'s" || !is_personal_role_noun(lower(t + 2))) {
      if (!(is_possessive_pronoun(lower(t)) && t + 1 < end_ && is_personal_role_noun(lower(t + 1)))) return;
    }
    bool pronoun = is_possessive_pronoun(lower(t));
    std::uint32_t role_at = pronoun ? t + 1 : t + 2;
    const Mention* owner = pronoun ? nearest_person_before(t) : mention_at(t);
    if (!named(owner) || (!pronoun && owner->last != t + 1)) return;
    std::uint32_t k = role_at + 1;
    if (k < end_ && norm(k) == ",") ++k;
    const Mention* person = k < end_ ? mention_owning(k) : nullptr;
    if (!named(person) || person->type != EntityType::Person || person->title_first != k) return;
    emit(person, lower(role_at) + " of", owner, t, person->last, surface(t, role_at + 1));
  }

  // The last person mention before the first mention that starts at or after t (mentions
  // are in text order, so only t's sentence needs a look).
  const Mention* nearest_person_before(std::uint32_t t) const {
    const auto sentence = std::partition_point(doc_.sentences.begin(), doc_.sentences.end(),
                                               [t](const Sentence& x) { return x.last <= t; });
    std::size_t stop = first_mention_of(static_cast<std::uint32_t>(sentence - doc_.sentences.begin()));
    while (stop < doc_.mentions.size() && doc_.mentions[stop].first < t) ++stop;
    return stop == 0 ? nullptr : person_up_to_[stop - 1];
  }

  // "talks between X and Y", "X's call with Y", "US-Russia talks in Istanbul".
  bool denied_before(std::uint32_t v) const {
    for (std::uint32_t k = begin_; k + 1 < v; ++k)
      if (in(lower(k), {"denied", "denies", "deny", "denying"}) && lower(k + 1) == "that") return true;
    return false;
  }

  // A statement under "denied that" or with a negated verb after it is not a fact.
  bool denied_or_negated_after(std::uint32_t t) const {
    for (std::uint32_t k = begin_; k < t; ++k)
      if (in(lower(k), {"denied", "denies", "deny", "denying", "rejected"}) && k + 1 < end_ && lower(k + 1) == "that")
        return true;
    for (std::uint32_t k = t + 1; k < end_; ++k) {
      if (is_clause_stop(lower(k)) && lower(k) != "and") break;
      if (is_negation(lower(k))) return true;
    }
    return false;
  }

  void event_nouns(std::uint32_t t) {
    std::string w = lower(t);
    if (!is_meeting_noun(w)) return;
    if (denied_or_negated_after(t)) return;
    std::string relation = (w == "call" || w == "conversation") ? "call" : "meet";
    if (t + 3 < end_ && lower(t + 1) == "between") {
      const Mention* a = mention_owning(t + 2);
      if (named(a)) {
        std::uint32_t k = a->last;
        if (k < end_ && lower(k) == "and" && k + 1 < end_) {
          const Mention* b = mention_owning(k + 1);
          if (named(b) && b->title_first == k + 1) emit(a, relation, b, t, b->last, surface(t, b->last));
        }
      }
    }
    // X 's call with Y
    if (t >= begin_ + 2 && norm(t - 1) == "'s" && t + 2 < end_ && lower(t + 1) == "with") {
      const Mention* a = mention_owning(t - 2);
      const Mention* b = mention_owning(t + 2);
      if (named(a) && named(b) && b->title_first == t + 2) emit(a, relation, b, a->first, b->last, surface(t, t + 2));
    }
    // X-Y talks (in Z)
    if (t >= begin_ + 3 && norm(t - 2) == "-") {
      const Mention* a = mention_at(t - 3);
      const Mention* b = mention_at(t - 1);
      if (named(a) && named(b) && a->type == EntityType::Gpe && b->type == EntityType::Gpe) {
        emit(a, relation, b, t - 3, t, surface(t - 3, t + 1));
        if (t + 2 < end_ && lower(t + 1) == "in") {
          const Mention* place = mention_at(t + 2);
          if (named(place) && (place->type == EntityType::Gpe || place->type == EntityType::Loc)) {
            emit(a, "meet in", place, t - 3, place->last, surface(t, place->last));
            emit(b, "meet in", place, t - 3, place->last, surface(t, place->last));
          }
        }
      }
    }
  }

  // "during a visit to Qatar", "visiting Qatar", "a trip to Qatar".
  void visits(std::uint32_t t) {
    std::string w = lower(t);
    std::uint32_t place_at = 0;
    if ((w == "visit" || w == "trip") && t + 2 < end_ && lower(t + 1) == "to") place_at = t + 2;
    else if (w == "visiting" && t + 1 < end_) place_at = t + 1;
    if (!place_at) return;
    const Mention* place = mention_at(place_at);
    if (!named(place) || place->type != EntityType::Gpe || place->first != place_at) return;
    // The traveller: the nearest person in the sentence, on either side.
    const Mention* best = nullptr;
    std::uint32_t best_distance = UINT32_MAX;
    for (const Mention& m : here_) {
      if (m.type != EntityType::Person) continue;
      std::uint32_t d = m.first > t ? m.first - t : t - m.first;
      if (d < best_distance) {
        best_distance = d;
        best = &m;
      }
    }
    if (!best) best = pronoun_subject_in_sentence();
    emit(best, "visit", place, std::min(best ? best->first : t, t), std::max(best ? best->last : t, place->last),
         surface(t, place->last));
  }

  const Mention* pronoun_subject_in_sentence() const {
    for (std::uint32_t t = begin_; t < end_; ++t)
      if (is_pronoun_person(lower(t))) return nearest_person_before(t);
    return nullptr;
  }

  // Facilities and events in a place: "US Embassy (official) in Ankara", "G20 summit in Osaka";
  // "Riyadh, Saudi Arabia".
  void located(std::uint32_t t) {
    const Mention* m = mention_at(t);
    if (!named(m) || m->last != t + 1) return;
    bool facility = m->type == EntityType::Loc ||
                    (m->type == EntityType::Org && (m->text.find("Embassy") != std::string::npos ||
                                                    m->text.find("Consulate") != std::string::npos ||
                                                    m->text.find("Mission") != std::string::npos));
    std::uint32_t k = t + 1;
    if (facility || m->type == EntityType::Event) {
      if (k < end_ && in(lower(k), {"official", "officials", "staff", "building"})) ++k;
      if (k + 1 < end_ && lower(k) == "in") {
        const Mention* place = mention_at(k + 1);
        if (named(place) && place->first == k + 1 && place->type == EntityType::Gpe)
          emit(m, m->type == EntityType::Event ? "held in" : "located in", place, m->first, place->last,
               surface(t + 1, k + 1));
      }
    }
    if (m->type == EntityType::Gpe && k + 1 < end_ && norm(k) == ",") {
      const Mention* country = mention_at(k + 1);
      bool is_city = !m->key.empty() && m->key != m->country;
      bool is_country = country && !country->key.empty() && country->key == country->country;
      if (named(country) && country->first == k + 1 && is_city && is_country &&
          (m->country.empty() || m->country == country->key))
        emit(m, "located in", country, m->first, country->last, ",");
    }
  }

  // ---- Verbs ----------------------------------------------------------------------

  std::optional<VerbEntry> verb_at(std::uint32_t t) const {
    if (has_upper(t)) return std::nullopt;
    std::optional<VerbEntry> v = lex_.verb(lower(t));
    if (!v || v->lemma == "be" || v->lemma == "have" || v->lemma == "do") return std::nullopt;
    if (in(lower(t), {"according", "including", "following", "regarding", "concerning", "given", "based",
                      "excluding", "pending", "considering"}))
      return std::nullopt;
    if (t > begin_ && is_determiner(lower(t - 1))) return std::nullopt;  // "a visit", "the call"
    // A base form is a verb only where English needs one ("to meet", "will meet", "they
    // meet", "leaders meet"); elsewhere it is far more often a noun ("Russian state").
    if (v->tag == "VB" || v->tag == "VBP") {
      std::uint32_t p = t;
      while (p > begin_ && (is_adverb(lower(p - 1)) || is_negation(lower(p - 1)))) --p;
      if (p == begin_) return std::nullopt;
      std::string before = lower(p - 1);
      bool people = before.size() > 1 && before.back() == 's' && lex_.group_noun(before.substr(0, before.size() - 1));
      if (!people && !in(before, {"to", "will", "would", "could", "should", "may", "might", "can", "must", "shall",
                                  "did", "does", "do", "they", "we", "i", "you", "n't", "cannot"}))
        return std::nullopt;
    }
    return v;
  }
  bool has_upper(std::uint32_t t) const { return starts_upper(norm(t)); }

  struct Subjects {
    std::vector<const Mention*> mentions;
    std::uint32_t start = 0;
    bool negated = false;
  };

  // Scans left from the verb for its subject(s).
  Subjects find_subjects(std::uint32_t v) const {
    Subjects out;
    std::uint32_t t = v;
    bool crossed_relative = false;
    while (t > begin_) {
      std::uint32_t p = t - 1;
      std::string w = lower(p);
      // A negation or a modal of possibility ("could buy", "may acquire") before the verb:
      // not a fact the text states ("would" is often reported "will", and stays).
      if (is_negation(w) || in(w, {"could", "might", "may", "should"})) {
        out.negated = true;
        t = p;
        continue;
      }
      if (is_aux(w) || is_adverb(w) || w == "to") {
        t = p;
        continue;
      }
      if ((w == "who" || w == "which") && !crossed_relative) {
        crossed_relative = true;
        t = p;
        if (t > begin_ && norm(t - 1) == ",") --t;
        continue;
      }
      if (w == "," && p > begin_) {  // "Putin, addressing ..." / ", however,"
        if (is_adverb(lower(p - 1))) {
          t = p - 1;
          if (t > begin_ && norm(t - 1) == ",") --t;
          continue;
        }
        const Mention* m = mention_owning(p - 1);
        if (named(m) && m->last == p) {
          t = p;
          continue;
        }
        // "X, the German foreign minister, arrived" / "X, who visited Y last week, met":
        // skip back over the apposition or relative clause to the name before it.
        if (std::uint32_t open = apposition_start(p)) {
          t = open;
          continue;
        }
        break;
      }
      if (is_pronoun_person(w)) {
        if (const Mention* m = nearest_person_before(p)) out.mentions.push_back(m);
        out.start = p;
        return out;
      }
      // "Russian and US officials met": skip the people noun after the states.
      if (w.size() > 1 && w.back() == 's' &&
          (lex_.group_noun(w) || lex_.group_noun(w.substr(0, w.size() - 1)))) {
        if (p > begin_ && named(mention_owning(p - 1))) {
          t = p;
          continue;
        }
        break;
      }
      const Mention* m = mention_owning(p);
      if (!named(m)) break;
      out.mentions.push_back(m);
      out.start = m->title_first;
      collect_coordinated(out);
      // "the meeting between Russian and US leaders took place": no subject inside a phrase.
      if (out.start > begin_ && is_phrase_preposition(lower(out.start - 1))) out.mentions.clear();
      break;
    }
    return out;
  }

  // For a comma closing an apposition or relative clause, the comma that opens it (when
  // a name stands right before that one); 0 otherwise.
  std::uint32_t apposition_start(std::uint32_t close) const {
    for (std::uint32_t k = close; k > begin_ + 1 && k + 12 > close; --k) {
      std::uint32_t comma = k - 1;
      if (norm(comma) != ",") continue;
      const Mention* m = mention_owning(comma - 1);
      if (!named(m) || m->last != comma) return 0;
      bool relative = comma + 1 < close && in(lower(comma + 1), {"who", "which"});
      if (!relative)
        for (std::uint32_t j = comma + 1; j < close; ++j)
          if (verb_at(j)) return 0;
      return comma;
    }
    return 0;
  }

  // Extends a subject leftwards over "A, B and C".
  void collect_coordinated(Subjects& out) const {
    bool saw_and = false;
    std::uint32_t t = out.start;
    while (t > begin_) {
      std::string w = lower(t - 1);
      if (w != "and" && w != ",") break;
      if (w == "and") saw_and = true;
      if (t - 1 <= begin_) break;
      const Mention* m = mention_owning(t - 2);
      if (!named(m) || m->last != t - 1) break;
      if (w == "," && !saw_and) break;
      // "In Riyadh, Moscow and Washington": a place after a preposition is no subject.
      if (m->title_first > begin_ && in(lower(m->title_first - 1), {"in", "at", "on", "from", "to"})) break;
      out.mentions.push_back(m);
      out.start = m->title_first;
      t = m->title_first;
    }
  }

  void verb(std::uint32_t v) {
    std::optional<VerbEntry> entry = verb_at(v);
    if (!entry) return;
    std::string lemma = entry->lemma;
    // Passive with an agent: "The US team is led by ...", "The Russian delegation, led by ...".
    if (v + 1 < end_ && lower(v + 1) == "by" && (entry->tag == "VBN" || entry->tag == "VBD")) {
      passive(v, lemma);
      return;
    }
    Subjects subjects = find_subjects(v);
    if (denied_before(v)) return;
    bool inherited = false;
    // "..., reaching out to X": a participle clause shares the main clause's subject.
    bool participle = entry->tag == "VBG" && v > begin_ && norm(v - 1) == ",";
    if (subjects.mentions.empty() && v > begin_ && (lower(v - 1) == "and" || participle) &&
        !previous_subjects_.empty()) {
      subjects.mentions = previous_subjects_;  // "imposed sanctions on Russia and provided Ukraine ..."
      subjects.start = v - 1;
      inherited = true;
    }
    if (subjects.mentions.empty() || subjects.negated) return;
    if (!inherited) previous_subjects_ = subjects.mentions;
    if (v + 1 < end_ && is_negation(lower(v + 1))) return;

    // Verb chains: "sought to reset relations with", "agreed to work towards".
    std::uint32_t head = v;
    // After "V to" a lower-case word that is no determiner, pronoun or number is the base
    // form of a verb, known to the lexicon or not.
    if (v + 2 < end_ && lower(v + 1) == "to") {
      const std::string& next = norm(v + 2);
      if (!next.empty() && is_letter_code_point(first_code_point(next)) && !starts_upper(next) &&
          !is_determiner(next) && !in(next, {"it", "them", "him", "her", "us", "me", "you"}))
        head = v + 2;
    }
    std::string head_lemma = head == v ? lemma : lower(head);
    bool meeting = is_meeting(lemma, v);
    std::string relation_class = meeting ? meeting_class(v) : lemma;

    // Reciprocal verbs between coordinated subjects; what they sign or form together names
    // the relation ("X and Y signed a deal": "sign deal with").
    if (!meeting && is_reciprocal(lemma))
      for (std::uint32_t k = v + 1; k < end_ && k < v + 5 && !is_clause_stop(lower(k)); ++k)
        if (is_accord_noun(lower(k))) {
          while (k + 1 < end_ && is_accord_noun(lower(k + 1))) ++k;  // "coalition deal": the deal
          relation_class = lemma + " " + lower(k) + " with";
          break;
        }
    if (subjects.mentions.size() >= 2 && (meeting || is_reciprocal(lemma))) {
      for (std::size_t a = subjects.mentions.size(); a-- > 0;)
        for (std::size_t b = a; b-- > 0;)
          emit(subjects.mentions[a], relation_class, subjects.mentions[b], subjects.start, v + 1,
               surface(v, v + 1));
    }
    objects(v, head, head_lemma, meeting, subjects);
  }

  // "held a phone call with" is a call, "held talks with" a meeting.
  std::string meeting_class(std::uint32_t v) const {
    for (std::uint32_t k = v + 1; k < end_ && k < v + 6; ++k) {
      if (!is_meeting_noun(lower(k))) continue;
      return in(lower(k), {"call", "conversation"}) ? "call" : "meet";
    }
    return "meet";
  }

  bool is_meeting(const std::string& lemma, std::uint32_t v) const {
    if (in(lemma, {"meet", "convene", "gather"})) return true;
    if (lemma == "hold" || lemma == "have")
      for (std::uint32_t k = v + 1; k < end_ && k < v + 6; ++k)
        if (is_meeting_noun(lower(k))) return true;
    return false;
  }

  // "was awarded", "were given": a verb of giving in the passive, its subject the thing given.
  bool is_passive_transfer(std::uint32_t v, const std::string& lemma) const {
    if (!is_giving_verb(lemma)) return false;
    std::uint32_t t = v;
    while (t > begin_ && is_adverb(lower(t - 1))) --t;
    return t > begin_ && in(lower(t - 1), {"is", "are", "was", "were", "be", "been", "being"});
  }

  void objects(std::uint32_t v, std::uint32_t head, const std::string& lemma, bool meeting, const Subjects& subjects) {
    std::uint32_t k = head + 1;
    std::string particle;
    if (k < end_ && is_particle(lower(k))) particle = lower(k++);
    bool direct_preposition = k < end_ && is_object_preposition(lower(k)) && lower(k) != "of";
    bool found_object = false;
    int nouns = 0;
    std::string last_noun;  // the last word of a common noun phrase skipped before the object
    for (; k < end_ && k < head + 12; ++k) {
      std::string w = lower(k);
      if (k > head + 1 && verb_at(k) && !found_object) break;  // the phrase belongs to another verb
      if (w == "in" || (w == "at" && meeting)) {
        const Mention* place = k + 1 < end_ ? mention_at(k + 1) : nullptr;
        if (!named(place)) {
          const Mention* owner = k + 1 < end_ ? mention_owning(k + 1) : nullptr;
          if (named(owner) && owner->type == EntityType::Loc) place = owner;
        }
        if (named(place) && (place->type == EntityType::Gpe || place->type == EntityType::Loc) &&
            is_event_verb(meeting ? "meet" : lemma)) {
          std::string rel = (meeting ? std::string("meet") : lemma) + " " + w;
          for (const Mention* s : subjects.mentions)
            emit(s, rel, place, subjects.start, place->last, surface(v, k + 1));
          k = place->last - 1;
          continue;
        }
        if (w == "in") break;
      }
      if (found_object) {
        if (is_clause_stop(w) && w != ",") break;
        continue;
      }
      if (is_clause_stop(w) || w == "by" || is_adjunct_preposition(w)) break;
      if (k > head + 1 && verb_at(k) && lex_.verb(w)->tag != "VBN" && lex_.verb(w)->tag != "VBG") break;
      const Mention* object = mention_owning(k);
      if (named(object) && object->title_first == k) {
        if (object->type == EntityType::Date) continue;
        // "met his French counterpart Anne Dupont": the person, not the demonym before her.
        if (object->type == EntityType::Gpe) {
          std::uint32_t p = object->last;
          while (p < end_ && p < object->last + 2 && !starts_upper(norm(p)) && is_letter_code_point(first_code_point(norm(p))) &&
                 !is_preposition_or_stop(lower(p)))
            ++p;
          // "awarded to the Japanese Jo Park": a nationality right before the name.
          const Mention* person =
              (p > object->last || lex_.is_demonym(object->text)) && p < end_ ? mention_owning(p) : nullptr;
          if (named(person) && person->type == EntityType::Person && person->title_first == p) object = person;
        }
        // Clausal verbs take their content as a clause: "said France wanted ..." names no object.
        if (is_clausal_verb(lemma) && !(k > head + 1 && is_object_preposition(lower(k - 1)))) break;
        // "reiterated Turkey's willingness": the object is the possessed noun, not the name.
        bool after_preposition = k > head + 1 && is_object_preposition(lower(k - 1));
        if (!after_preposition && object->last < end_ && norm(object->last) == "'s") {
          k = object->last;
          continue;
        }
        std::string rel = lemma;
        if (!particle.empty()) rel += " " + particle + (direct_preposition ? " " + lower(head + 2) : "");
        else if (direct_preposition && nouns == 0)
          rel += " " + lower(head + 1);  // prepositional verbs: "engage with", "speak at"
        if (meeting) rel = meeting_class(v);
        // "The prize was awarded to Jo Park": the one it went to receives it.
        // "The prize went to Jo Park": the same.
        const bool prize_went = lemma == "go" && !subjects.mentions.empty() &&
                                subjects.mentions.front()->type == EntityType::Award;
        // ("was awarded on Friday to Jo Park": a date or adverb may come between.)
        std::uint32_t before = k - 1;  // the word before the name and its article
        while (before > head + 1 && is_determiner(lower(before))) --before;
        if (before > head && lower(before) == "to" && (is_passive_transfer(v, lemma) || prize_went)) {
          for (const Mention* s : subjects.mentions) emit(object, "receive", s, subjects.start, object->last, surface(v, k));
          found_object = true;
          k = object->last - 1;
          continue;
        }
        // "recorded a victory over Y", "suffered a defeat to Y": the result names the relation.
        if (nouns > 0 && after_preposition && is_win_noun(last_noun) && in(lower(k - 1), {"over", "against"})) {
          rel = "beat";
        } else if (nouns > 0 && after_preposition && is_loss_noun(last_noun) && in(lower(k - 1), {"to", "against"})) {
          for (const Mention* s : subjects.mentions) emit(object, "beat", s, subjects.start, object->last, surface(v, k));
          found_object = true;
          k = object->last - 1;
          continue;
        }
        for (const Mention* s : subjects.mentions) emit(s, rel, object, subjects.start, object->last, surface(v, k));
        found_object = true;
        k = object->last - 1;
        continue;
      }
      if (is_object_preposition(w) || is_determiner(w) || is_adverb(w) || is_digits(w)) continue;
      last_noun = w;
      if (is_pronoun_person(w) || w == "it" || w == "them") break;
      if (++nouns > 3) break;
    }
  }

  void passive(std::uint32_t v, const std::string& lemma) {
    std::uint32_t a = v + 2;
    while (a < end_ && lower(a) == "the") ++a;
    if (a >= end_) return;
    const Mention* agent = mention_owning(a);
    if (!named(agent) || agent->title_first != a) return;
    // A title with a portfolio before the name: "by Deputy Assistant Secretary of State for
    // Russia and Central Europe, Sonata Coulter".
    std::uint32_t t = v;
    bool negated = false;
    while (t > begin_ && (is_aux(lower(t - 1)) || is_adverb(lower(t - 1)) || is_negation(lower(t - 1)))) {
      negated = negated || is_negation(lower(t - 1));
      --t;
    }
    if (negated) return;
    if (t > begin_ && norm(t - 1) == ",") --t;
    if (t <= begin_) return;
    const Mention* patient = mention_owning(t - 1);
    if (!named(patient) || patient->last != t) return;
    for (const Mention& m : here_) {
      if (m.type == EntityType::Person && m.title_first == a) {
        agent = &m;
        break;
      }
    }
    emit(agent, lemma, patient, patient->first, agent->last, surface(t, v + 2));
  }

  Document& doc_;
  const Lexicon& lex_;
  LowerForms lowers_;
  std::uint32_t sentence_ = 0, begin_ = 0, end_ = 0;
  std::vector<int> owner_, span_;
  std::span<const Mention> here_;  // the mentions of the current sentence
  std::vector<const Mention*> person_up_to_;  // run()
  std::vector<const Mention*> previous_subjects_;
  std::set<std::tuple<std::uint32_t, std::uint32_t, std::string, std::uint32_t>> seen_;
};

}  // namespace

void find_relations(Document& doc, const Lexicon& lexicon) { RelationFinder(doc, lexicon).run(); }

}  // namespace kg::extract
