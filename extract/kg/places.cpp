#include "extract/kg/places.h"

#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "extract/kg/asides.h"
#include "extract/kg/parse_view.h"
#include "extract/kg/relation_filter.h"
#include "extract/kg/relation_words.h"
#include "extract/text/text_util.h"

namespace kg::extract {
namespace {

bool is_place(EntityType t) { return t == EntityType::Gpe || t == EntityType::Loc; }
bool is_date_case(std::string_view p) { return in(p, {"on", "in", "since", "until"}); }
bool is_place_case(std::string_view p) { return in(p, {"in", "at"}); }
// Verbs whose subject is an event ("the talks took place in Lima", "the summit opened in Lima").
bool is_event_predicate(std::string_view lemma) {
  return in(lemma, {"hold", "take", "open", "begin", "start", "end", "close", "conclude", "continue", "resume",
                    "convene", "run", "stage", "host"});
}
bool is_article(std::string_view w) { return in(w, {"the", "a", "an"}); }
bool is_function_word(std::string_view w) {
  return in(w, {"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "of", "in", "at",
                "on", "for", "to", "with", "by", "from", "and", "or", "but", "as", "who", "which", "is", "are",
                "was", "were", "be", "has", "have", "had", "said", "says", "will", "would", "'s", "'", "-"});
}

class PlaceFrame {
 public:
  PlaceFrame(Document& doc, const Lexicon& lexicon) : v_(doc, lexicon) {}

  void run() {
    for (std::uint32_t t = 0; t < v_.size(); ++t) {
      if (!v_.parsed(t)) continue;
      const std::string& upos = v_.tok(t).tag;
      if (upos == "VERB") event_verb(t);
      if (upos == "NOUN" && is_meeting_noun(lower(t))) meeting_subject(t);
    }
    for (std::uint32_t s = 0; s < v_.doc().sentences.size(); ++s) fronted_participle(s);
    within_state_named_beside();
    const std::vector<Mention>& mentions = v_.doc().mentions;
    for (std::size_t i = 0; i < mentions.size(); ++i) {
      const Mention& m = mentions[i];
      if (m.entity < 0) continue;
      const int index = static_cast<int>(i);
      if (m.type == EntityType::Date) {
        date(index);
        continue;
      }
      if (m.type == EntityType::Event) event_place(index);
      place_in(index);
      address(index);
      based(index);
      possessive_place(index);
      descriptor(index);
    }
  }

 private:
  const Mention& mention(int m) const { return v_.mention(m); }
  const std::string& lower(std::uint32_t t) const { return v_.lower(t); }
  const std::string& norm(std::uint32_t t) const { return v_.tok(t).norm; }
  std::uint32_t sentence_last(std::uint32_t t) const { return v_.sentence(v_.sentence_of(t)).last; }
  std::uint32_t sentence_first(std::uint32_t t) const { return v_.sentence(v_.sentence_of(t)).first; }
  std::uint32_t entity(int m) const { return static_cast<std::uint32_t>(mention(m).entity); }
  bool is_country(const Mention& m) const { return !m.key.empty() && m.key == m.country; }
  bool is_demonym(const Mention& m) const { return v_.lexicon().is_demonym(m.text); }
  // The named place mention starting at t (a demonym is no place: "the Danish parliament").
  int place_at(std::uint32_t t) const {
    const int m = t < v_.size() ? v_.name_at(t) : -1;
    if (m < 0 || mention(m).first != t || !is_place(mention(m).type) || is_demonym(mention(m))) return -1;
    return m;
  }
  // Whether `inner` can lie in `outer`: no country in another place, no city in a country
  // its gazetteer entry does not name.
  bool may_contain(const Mention& inner, const Mention& outer) const {
    if (inner.entity == outer.entity) return false;
    if (is_country(inner)) return outer.type == EntityType::Loc && !is_country(outer);
    if (is_country(outer) && !inner.country.empty() && inner.country != outer.key) return false;
    if (!outer.key.empty() && !is_country(outer) && !outer.country.empty() && is_country(inner)) return false;
    return true;
  }
  // A lower-case common noun (by the tag where there is one): "city", "province", "plant".
  bool common_noun(std::uint32_t t) const {
    const std::string& w = lower(t);
    if (w.empty() || starts_upper(norm(t)) || !is_letter_code_point(first_code_point(w)) || is_function_word(w))
      return false;
    if (!v_.tok(t).tag.empty()) return v_.tok(t).tag == "NOUN";
    return !v_.lexicon().verb(w);
  }
  bool adjective(std::uint32_t t) const {
    return v_.tok(t).tag == "ADJ" && !starts_upper(norm(t)) && !is_function_word(lower(t));
  }
  // The mention token the parse hangs the rest of the mention on.
  std::uint32_t head_token(const Mention& m) const {
    for (std::uint32_t t = m.first; t < m.last; ++t) {
      const std::int32_t h = v_.tok(t).head;
      if (h < static_cast<std::int32_t>(m.first) || h >= static_cast<std::int32_t>(m.last)) return t;
    }
    return m.last - 1;
  }
  // Named places in the "in"/"at" phrases hanging on t: (preposition, place mention).
  std::vector<std::pair<std::string, int>> places_on(std::uint32_t t) const {
    std::vector<std::pair<std::string, int>> out;
    for (std::uint32_t c : v_.children(t)) {
      const std::string_view d = universal_deprel(v_.tok(c).deprel);
      if (d != "nmod" && d != "obl") continue;
      const std::string p = v_.case_of(c);
      if (!is_place_case(p)) continue;
      const int m = v_.owner(c);
      if (m >= 0 && (is_place(mention(m).type) || mention(m).type == EntityType::Org) && !is_demonym(mention(m)))
        out.emplace_back(p, m);
    }
    return out;
  }

  // The place of the latest dateline at or before sentence s ("LIMA, May 5 (Agency) --"),
  // -1 when none: what "here" means in a wire story. Datelines are read once, when a
  // "here" first asks.
  int dateline_place(std::uint32_t s) {
    if (!datelines_read_) {
      datelines_read_ = true;
      const Document& doc = v_.doc();
      for (std::uint32_t k = 0; k < doc.sentences.size(); ++k)
        if (const std::optional<Dateline> d = find_dateline(doc, doc.sentences[k]))
          datelines_.emplace_back(k, static_cast<int>(d->place));
    }
    const auto it = std::upper_bound(datelines_.begin(), datelines_.end(), std::make_pair(s, INT32_MAX));
    return it == datelines_.begin() ? -1 : std::prev(it)->second;
  }

  // "X edged Y 1-0 here on Monday" under a dateline: X acted in the dateline's place.
  void acted_here(std::uint32_t v, const std::vector<Arg>& subjects, const std::string& predicate) {
    for (std::uint32_t c : v_.children(v)) {
      if (lower(c) != "here" || universal_deprel(v_.tok(c).deprel) != "advmod") continue;
      const int place = dateline_place(v_.sentence_of(v));
      if (place < 0 || mention(place).entity < 0 || !is_place(mention(place).type)) return;
      const Arg where = v_.arg_of(place);
      for (const Arg& s : subjects)
        if (s.entity != where.entity) v_.emit(s.entity, predicate + " in", where.entity, std::min(s.first, v), c + 1, predicate + " here");
      return;
    }
  }

  // "X spoke at a conference in Lima", "X and Y ended their talks in Lima".
  void event_verb(std::uint32_t v) {
    if (v_.negated(v) || v_.under_denial(v)) return;
    std::vector<Arg> subjects;
    v_.subjects_of(v, subjects);
    if (subjects.empty()) return;
    const std::string lemma = v_.lemma(v), predicate = v_.predicate(v);
    if (!v_.hypothetical(v)) acted_here(v, subjects, predicate);
    // "X, which is headquartered at offices in Lima": where X is.
    if (in(lower(v), {"based", "headquartered", "located", "situated"})) {
      for (std::uint32_t c : v_.children(v)) {
        if (universal_deprel(v_.tok(c).deprel) != "obl" || !is_place_case(v_.case_of(c))) continue;
        auto places = v_.owner(c) >= 0 ? std::vector<std::pair<std::string, int>>{} : places_on(c);
        if (v_.owner(c) >= 0 && is_place(mention(v_.owner(c)).type)) places.emplace_back(v_.case_of(c), v_.owner(c));
        for (const auto& [p, place] : places)
          for (const Arg& s : subjects) v_.emit(s, lower(v) + " in", v_.arg_of(place), v, lower(v) + " " + p);
      }
      return;
    }
    for (std::uint32_t c : v_.children(v)) {
      const std::string& d = v_.tok(c).deprel;
      if (v_.owner(c) >= 0 || v_.tok(c).tag != "NOUN") continue;
      const std::string noun = lower(c);
      const bool meeting = is_meeting_noun(noun);
      std::string preposition;
      if (universal_deprel(d) == "obl") {
        preposition = v_.case_of(c);
        // "spoke at a conference in Lima": the place of a speech or meeting, not of any act
        // ("built at a plant in Lima" is where the plant is).
        if (!meeting && (!in(preposition, {"at", "in", "during"}) || !is_event_verb(lemma))) continue;
      } else if (d != "obj" || !meeting) {
        continue;
      }
      auto places = places_on(c);
      // "held talks with X in Lima": the parser may hang the place on the verb.
      if (meeting && d == "obj") {
        auto more = places_on(v);
        places.insert(places.end(), more.begin(), more.end());
      }
      for (const auto& [p, place] : places) {
        const std::string label = predicate + (preposition.empty() ? "" : " " + preposition) + " " + noun + " " + p;
        const std::string relation = (meeting ? std::string("meet") : predicate) + " " + p;
        const Arg where = v_.arg_of(place);
        for (const Arg& s : subjects) v_.emit(s, relation, where, c, label);
      }
    }
  }

  // "Speaking at a conference in Lima on Monday, the minister Jo Park said ...": the
  // fronted participle's subject is the name that opens the main clause. Read off the
  // token sequence, as the parser often misreads such openings.
  void fronted_participle(std::uint32_t s) {
    const Sentence& sent = v_.sentence(s);
    if (sent.last - sent.first < 6) return;
    const std::uint32_t t0 = sent.first;
    const auto verb = v_.lexicon().verb(lower(t0));
    if (!verb || verb->tag != "VBG" || !is_event_verb(verb->lemma)) return;
    std::uint32_t comma = t0 + 1;
    while (comma < sent.last && comma < t0 + 20 && norm(comma) != ",") ++comma;
    if (comma + 1 >= sent.last || norm(comma) != ",") return;
    std::vector<std::pair<std::string, int>> places;
    for (std::uint32_t k = t0 + 1; k + 1 < comma; ++k) {
      if (!is_place_case(lower(k))) continue;
      std::uint32_t q = k + 1;
      if (q < comma && is_article(lower(q))) ++q;
      if (const int p = place_at(q); p >= 0 && mention(p).last <= comma) places.emplace_back(lower(k), p);
    }
    if (places.empty()) return;
    for (std::uint32_t j = comma + 1; j < sent.last && j < comma + 7; ++j) {
      const int m = v_.name_at(j);
      if (m < 0) {
        const std::string& w = lower(j);
        if (starts_upper(norm(j)) && v_.owner(j) < 0) return;  // an unknown name: not sure whose clause
        if (!is_article(w) && (!is_letter_code_point(first_code_point(w)) || is_function_word(w))) return;
        continue;
      }
      const Mention& subject = mention(m);
      if (subject.type != EntityType::Person && subject.type != EntityType::Org) return;
      const std::uint32_t after = subject.last;
      const bool verb_follows = after < sent.last && (v_.tok(after).tag == "VERB" || v_.tok(after).tag == "AUX" ||
                                                      (v_.tok(after).tag.empty() && v_.lexicon().verb(lower(after))));
      if (!verb_follows) return;
      for (const auto& [p, place] : places)
        v_.emit(v_.arg_of(m), verb->lemma + " " + p, v_.arg_of(place), t0, verb->lemma + " " + p);
      return;
    }
  }

  // "Talks between X and Y took place in Lima", "X's meeting with Y in Lima".
  void meeting_subject(std::uint32_t n) {
    if (v_.negated(n) || v_.under_denial(n)) return;
    std::vector<Arg> people;
    const auto parties_on = [&](std::uint32_t t, bool possessor) {
      for (std::uint32_t c : v_.children(t)) {
        const std::string& d = v_.tok(c).deprel;
        if ((possessor && d == "nmod:poss") ||
            ((universal_deprel(d) == "nmod" || universal_deprel(d) == "obl") && in(v_.case_of(c), {"between", "with"})))
          v_.entities_of(c, people);
      }
    };
    parties_on(n, true);
    // "A meeting took place between X and Y at ...": the parser may hang the parties on the
    // verb or on "place".
    const std::int32_t head = v_.tok(n).head;
    if (people.empty() && head >= 0 && universal_deprel(v_.tok(n).deprel) == "nsubj") {
      const std::uint32_t verb = static_cast<std::uint32_t>(head);
      parties_on(verb, false);
      for (std::uint32_t c : v_.children(verb))
        if (v_.tok(c).deprel == "obj" && v_.owner(c) < 0) parties_on(c, false);
    }
    if (people.empty()) return;
    auto places = places_on(n);
    const std::int32_t h = v_.tok(n).head;
    if (h >= 0 && universal_deprel(v_.tok(n).deprel) == "nsubj") {
      const std::uint32_t verb = static_cast<std::uint32_t>(h);
      if (v_.negated(verb) || v_.under_denial(verb)) return;
      auto more = places_on(verb);
      places.insert(places.end(), more.begin(), more.end());
      for (std::uint32_t c : v_.children(verb))  // "took place in Lima"
        if (v_.tok(c).deprel == "obj" && v_.owner(c) < 0) {
          auto on_object = places_on(c);
          places.insert(places.end(), on_object.begin(), on_object.end());
        }
    }
    for (const auto& [p, place] : places) {
      const Arg where = v_.arg_of(place);
      for (const Arg& s : people) v_.emit(s, "meet " + p, where, n, lower(n) + " " + p);
    }
  }

  // "the Lima Summit was held in Lima", "the Lima Summit in Peru".
  void event_place(int e) {
    const Mention& m = mention(e);
    const std::uint32_t head = head_token(m);
    if (!v_.parsed(head)) return;
    auto places = places_on(head);
    const std::int32_t h = v_.tok(head).head;
    if (h >= 0 && universal_deprel(v_.tok(head).deprel) == "nsubj") {
      const std::uint32_t verb = static_cast<std::uint32_t>(h);
      if (is_event_predicate(v_.lemma(verb)) && !v_.negated(verb) && !v_.under_denial(verb)) {
        auto more = places_on(verb);
        places.insert(places.end(), more.begin(), more.end());
      }
    }
    for (const auto& [p, place] : places)
      if (is_place(mention(place).type)) v_.emit(v_.arg_of(e), "held " + p, v_.arg_of(place), head, "held " + p);
  }

  // A date as an oblique of a predicate: "X returned on May 5" -> X "on" May 5.
  void date(int d) {
    const Mention& m = mention(d);
    const std::uint32_t h = head_token(m);
    if (!v_.parsed(h) || m.first == sentence_first(m.first)) return;
    // The preposition before the date, and the predicate the parse hangs the date on; where
    // the parse of the date is broken ("on 5 March 2021" hung on the full stop), the nearest
    // verb before it in its clause.
    const std::string preposition = lower(m.first - 1);
    if (!is_date_case(preposition)) return;
    std::int32_t head = -1;
    const std::string_view dep = universal_deprel(v_.tok(h).deprel);
    if ((dep == "obl" || dep == "nmod") && v_.tok(h).head >= 0) head = v_.tok(h).head;
    if (head < 0 || (v_.tok(static_cast<std::uint32_t>(head)).tag != "VERB" && v_.owner(static_cast<std::uint32_t>(head)) < 0))
      head = verb_before(m.first - 1);
    if (head < 0) return;
    const std::uint32_t g = static_cast<std::uint32_t>(head);
    const Arg when{entity(d), m.first, m.last};
    if (v_.negated(g) || v_.under_denial(g)) return;
    if (v_.owner(g) >= 0) {  // "the election on May 5"
      const int named = v_.owner(g);
      if (mention(named).type == EntityType::Event || mention(named).type == EntityType::Org)
        v_.emit(v_.arg_of(named), preposition, when, g, preposition);
      return;
    }
    const std::string& upos = v_.tok(g).tag;
    if (upos != "VERB" && upos != "ADJ") return;
    std::vector<Arg> ends;
    v_.subjects_of(g, ends);
    for (std::uint32_t c : v_.children(g))
      if (v_.tok(c).deprel == "obl:agent" || (universal_deprel(v_.tok(c).deprel) == "obl" && v_.case_of(c) == "by"))
        v_.entities_of(c, ends);
    // "the election held on May 5": the participle's noun.
    if (ends.empty() && v_.tok(g).deprel == "acl" && v_.tok(g).head >= 0)
      v_.entities_of(static_cast<std::uint32_t>(v_.tok(g).head), ends);
    const std::string label = v_.predicate(g) + " " + preposition;
    for (const Arg& s : ends)
      if (v_.entity_type(s.entity) != EntityType::Date) v_.emit(s, preposition, when, g, label);
  }

  // The nearest verb before token t in its clause (no clause punctuation or relative
  // pronoun between), -1 if none.
  std::int32_t verb_before(std::uint32_t t) const {
    const std::uint32_t sf = sentence_first(t);
    for (std::uint32_t k = t; k > sf && t - k < 12;) {
      --k;
      if (in(norm(k), {",", ";", ":", "(", ")", "\"", "--"}) || in(lower(k), {"who", "which", "that"})) return -1;
      if (v_.tok(k).tag == "VERB") return static_cast<std::int32_t>(k);
    }
    return -1;
  }

  // A place and the state the gazetteer puts it in, named in one sentence ("a man who had
  // travelled to France died in Lyon", "Bergen (Vestland) [Norway]"): the place is in that state
  // whatever the construction between them.
  void within_state_named_beside() {
    const std::vector<Mention>& mentions = v_.doc().mentions;
    // The places of each sentence (a place is rarely alone: most sentences have none).
    std::map<std::uint32_t, std::vector<int>> places;
    for (std::size_t i = 0; i < mentions.size(); ++i)
      if (mentions[i].entity >= 0 && is_place(mentions[i].type) && !is_demonym(mentions[i]))
        places[mentions[i].sentence].push_back(static_cast<int>(i));
    for (const auto& [sentence, in_sentence] : places) {
      if (in_sentence.size() < 2) continue;
      for (const int x : in_sentence) {
        const Mention& inner = mention(x);
        // A capital often stands for its state ("Moscow said"): never in it (a capital is no
        // PlaceKind::Within).
        if (inner.type != EntityType::Gpe || is_country(inner) ||
            place_kind(v_.doc(), entity(x), v_.lexicon()) != PlaceKind::Within)
          continue;
        const std::string state = state_of(v_.doc(), entity(x), v_.lexicon());
        for (const int y : in_sentence) {
          const Mention& outer = mention(y);
          if (outer.entity == inner.entity || v_.doc().entities[entity(y)].name != state) continue;
          if (v_.negation_between(std::min(inner.first, outer.first), std::max(inner.last, outer.last))) continue;
          v_.emit(entity(x), "located in", entity(y), std::min(inner.title_first, outer.title_first),
                  std::max(inner.last, outer.last), "in");
          break;
        }
      }
    }
  }

  // "Kolwezi in Congo", "a mine in Kolwezi city in Lualaba province", "Acme in Lyon".
  void place_in(int x) {
    const Mention& m = mention(x);
    const std::uint32_t sl = sentence_last(m.first);
    std::uint32_t k = m.last;
    if (k < sl && common_noun(k) && is_place(m.type)) ++k;  // "Kolwezi city in ..."
    if (k + 1 >= sl || lower(k) != "in") return;
    std::uint32_t q = k + 1;
    if (is_article(lower(q))) ++q;
    const int y = place_at(q);
    if (y < 0 || !may_contain(m, mention(y))) return;
    const Mention& outer = mention(y);
    // Not the place's own part ("in Lualaba's parliament"), but its part of the compass
    // ("in Lualaba's north") is in it.
    if (outer.last + 1 < sl && (norm(outer.last) == "'s" || norm(outer.last) == "'") &&
        !in(lower(outer.last + 1), {"north", "south", "east", "west", "northeast", "northwest", "southeast",
                                    "southwest", "centre", "center"}))
      return;
    if (is_place(m.type)) {
      v_.emit(entity(x), "located in", entity(y), m.first, outer.last, "in");
    } else if (m.type == EntityType::Org && v_.parsed(m.first)) {
      // Only where the parse hangs the place on the organisation ("Acme in Lyon said"), not
      // on a verb ("protests against Acme in Lyon").
      const std::int32_t attach = v_.tok(head_token(outer)).head;
      if (attach >= static_cast<std::int32_t>(m.first) && attach < static_cast<std::int32_t>(m.last))
        v_.emit(entity(x), "based in", entity(y), m.first, outer.last, "in");
    }
  }

  // "in Kolwezi, Congo," / "at the Grand Hotel, Kolwezi." (an address, not a list of places).
  void address(int x) {
    const Mention& m = mention(x);
    if (!is_place(m.type) && m.type != EntityType::Org) return;
    const std::uint32_t sf = sentence_first(m.first), sl = sentence_last(m.first);
    const std::uint32_t k = m.last;
    if (k + 1 >= sl || norm(k) != ",") return;
    const int y = place_at(k + 1);
    if (y < 0 || !may_contain(m, mention(y))) return;
    const Mention& outer = mention(y);
    // Not a list: no place or organisation before with a comma or a conjunction, none after.
    if (m.title_first > sf) {
      const std::string& before = lower(m.title_first - 1);
      if (in(before, {"and", "or"})) return;
      if (before == "," && m.title_first >= sf + 2 && v_.name_at(m.title_first - 2) >= 0) return;
    }
    const std::uint32_t e = outer.last;
    // "The Halden Museum, Bergen named ...": the parse view reads the city as the address.
    const bool addressed = v_.addressed_organisation(y) == x;
    if (e < sl && !addressed) {
      const std::string& after = lower(e);
      if (!in(after, {",", ".", ";", ")", ":", "on", "in", "at", "--", "\""})) return;
      if (after == "," || after == "and" || after == "or")
        if (e + 1 < sl && v_.name_at(e + 1) >= 0 && is_place(mention(v_.name_at(e + 1)).type)) return;
    }
    if (m.type == EntityType::Org && is_country(outer)) return;  // "Acme, Germany" is rarely an address
    v_.emit(entity(x), "located in", entity(y), m.first, outer.last, "in");
  }

  // "Lyon-based Acme", "Lyon-headquartered Acme", "Acme, based in Lyon", "Acme, which is
  // headquartered in Lyon", "Kolwezi (Congo)".
  void based(int x) {
    const Mention& m = mention(x);
    const std::uint32_t sl = sentence_last(m.first);
    std::uint32_t k = m.last;
    // Y-based X
    if (is_place(m.type) && !is_demonym(m) && k + 2 < sl && norm(k) == "-" &&
        in(lower(k + 1), {"based", "headquartered"})) {
      std::uint32_t q = k + 2;
      for (int words = 0; q < sl && words < 3 && v_.name_at(q) < 0 && common_noun(q); ++words) ++q;
      const int org = q < sl ? v_.name_at(q) : -1;
      if (org >= 0 && mention(org).first == q &&
          (mention(org).type == EntityType::Org || mention(org).type == EntityType::Person))
        v_.emit(entity(org), lower(k + 1) + " in", entity(x), m.first, mention(org).last);
    }
    // X (Y)
    if (is_place(m.type) && k + 2 < sl && norm(k) == "(") {
      const int y = place_at(k + 1);
      if (y >= 0 && mention(y).last < sl && norm(mention(y).last) == ")" && may_contain(m, mention(y)))
        v_.emit(entity(x), "located in", entity(y), m.first, mention(y).last + 1, "in");
    }
    // X, based in Y
    if (m.type != EntityType::Org && m.type != EntityType::Loc && m.type != EntityType::Person) return;
    if (k + 2 < sl && norm(k) == "(") {  // "Acme (ACM), based in Lyon"
      while (k < sl && norm(k) != ")") ++k;
      ++k;
    }
    if (k < sl && norm(k) == ",") ++k;
    if (k + 1 < sl && in(lower(k), {"which", "that", "who"}) && in(lower(k + 1), {"is", "was", "are", "were"})) k += 2;
    if (k + 2 >= sl || !in(lower(k), {"based", "headquartered", "located"}) || lower(k + 1) != "in") return;
    std::uint32_t q = k + 2;
    if (is_article(lower(q))) ++q;
    const int y = place_at(q);
    if (y < 0 || mention(y).entity == m.entity) return;
    v_.emit(entity(x), lower(k) + " in", entity(y), m.first, mention(y).last);
  }

  // "Acme's Kalvik plant" (a facility the mention finder named so) -> Acme "own" it.
  void owned_site(int x) {
    const Mention& m = mention(x);
    const std::uint32_t k = m.last;
    if (m.type != EntityType::Org || k + 1 >= sentence_last(m.first) || (norm(k) != "'s" && norm(k) != "'")) return;
    const int site = v_.name_at(k + 1);
    if (site < 0 || mention(site).first != k + 1 || mention(site).type != EntityType::Loc) return;
    const Mention& s = mention(site);
    if (!is_site_noun(lower(s.last - 1))) return;
    v_.emit(entity(x), "own", entity(site), m.first, s.last, "'s");
  }

  // "Lyon's Acme" -> Acme based in Lyon; "Lyon's Grand Hotel" -> located in.
  // "Lyon's Acme (AC), Beta and Gamma", "French carmakers Acme, Beta and Gamma": the
  // organisations listed right after `first` (a bracketed abbreviation may follow each), so
  // that they share what stands before it.
  std::vector<int> organisations_listed_after(const Mention& first) const {
    std::vector<int> out;
    const std::uint32_t sl = sentence_last(first.first);
    std::uint32_t q = first.last;
    for (int items = 0; items < 8 && q < sl; ++items) {
      if (norm(q) == "(") {
        while (q < sl && norm(q) != ")") ++q;
        if (++q >= sl) break;
      }
      if (norm(q) != "," && lower(q) != "and") break;
      if (++q < sl && lower(q) == "and") ++q;
      const int z = q < sl ? v_.name_at(q) : -1;
      if (z < 0 || mention(z).first != q || mention(z).type != EntityType::Org) break;
      out.push_back(z);
      q = mention(z).last;
    }
    return out;
  }

  void possessive_place(int y) {
    const Mention& m = mention(y);
    owned_site(y);
    if (!is_place(m.type) || is_demonym(m)) return;
    const std::uint32_t sl = sentence_last(m.first);
    const std::uint32_t k = m.last;
    if (k + 1 >= sl || (norm(k) != "'s" && norm(k) != "'")) return;
    const int x = v_.name_at(k + 1);
    if (x < 0 || mention(x).first != k + 1) return;
    const Mention& inner = mention(x);
    if (is_demonym(inner)) return;  // "Lyon's Danish partners"
    if (inner.type == EntityType::Org) {
      v_.emit(entity(x), "based in", entity(y), m.first, inner.last, "of");
      for (const int z : organisations_listed_after(inner))
        v_.emit(entity(z), "based in", entity(y), m.first, mention(z).last, "of");
    } else if (inner.type == EntityType::Loc && may_contain(inner, m))
      v_.emit(entity(x), "located in", entity(y), m.first, inner.last, "in");
  }

  // "French carmaker Acme", "Acme, the French carmaker," -> Acme based in France, label
  // "carmaker of".
  void descriptor(int y) {
    const Mention& m = mention(y);
    if (m.type == EntityType::Org || m.type == EntityType::Loc || m.type == EntityType::Event) return league_member(y);
    if (m.type != EntityType::Gpe) return;
    const std::uint32_t sf = sentence_first(m.first), sl = sentence_last(m.first);
    std::uint32_t q = m.last;
    std::string nouns;
    bool noun = false;  // adjectives may join the nouns ("electronics giant"), not replace them
    for (int words = 0; q < sl && words < 3 && v_.name_at(q) < 0 && (common_noun(q) || adjective(q)); ++words, ++q) {
      noun = noun || common_noun(q);
      nouns += (nouns.empty() ? "" : " ") + lower(q);
    }
    if (!noun) return;
    if (q < sl) {
      const int x = v_.name_at(q);
      if (x >= 0 && mention(x).first == q && mention(x).type == EntityType::Org) {
        v_.emit(entity(x), "based in", entity(y), m.first, mention(x).last, nouns + " of");
        for (const int z : organisations_listed_after(mention(x)))
          v_.emit(entity(z), "based in", entity(y), m.first, mention(z).last, nouns + " of");
        return;
      }
    }
    // The apposition: ORG, [det] GPE nouns, closed by punctuation.
    if (q < sl && !in(norm(q), {",", ".", ";", ")", ":"})) return;
    std::uint32_t p = m.title_first;
    if (p > sf && is_article(lower(p - 1))) --p;
    if (p < sf + 2 || norm(p - 1) != ",") return;
    const int x = v_.name_at(p - 2);
    if (x < 0 || mention(x).last != p - 1 || mention(x).type != EntityType::Org) return;
    v_.emit(entity(x), "based in", entity(y), mention(x).first, q, nouns + " of");
  }

  // "Bundesliga club Halden", "Premier League side Halden" -> member of the
  // league; "Norvik group company Halden Steel" -> part of the group. The name after the
  // noun is the body's however the recogniser typed it (a club named after its city, a
  // name read as a person's, which becomes the organisation's), but never a state.
  void league_member(int y) {
    const Mention& m = mention(y);
    const std::uint32_t sl = sentence_last(m.first);
    std::uint32_t q = m.last;
    if (q + 1 >= sl || v_.name_at(q) >= 0) return;
    const std::string& noun = lower(q);
    const bool team = in(noun, {"club", "side", "team", "squad", "outfit"});
    const bool unit = in(noun, {"company", "subsidiary", "unit", "arm", "division", "affiliate", "brand"});
    if (!team && !unit) return;
    const int x = v_.name_at(q + 1);
    if (x < 0 || mention(x).first != q + 1 || mention(x).entity == m.entity) return;
    const EntityType type = mention(x).type;
    if (type == EntityType::Person) v_.retype(entity(x), EntityType::Org);
    else if (!(type == EntityType::Org || (type == EntityType::Gpe && !is_country(mention(x))))) return;
    v_.emit(entity(x), team ? "member of" : "part of", entity(y), m.first, mention(x).last, noun + " of");
  }

  ParseView v_;
  bool datelines_read_ = false;
  std::vector<std::pair<std::uint32_t, int>> datelines_;  // (sentence, place mention), in text order
};

}  // namespace

void find_places_and_dates(Document& doc, const Lexicon& lexicon) { PlaceFrame(doc, lexicon).run(); }

}  // namespace kg::extract
