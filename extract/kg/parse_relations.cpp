#include "extract/kg/parse_relations.h"

#include <algorithm>
#include <initializer_list>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "extract/kg/parse_view.h"
#include "extract/kg/relation_words.h"
#include "extract/nlp/lexicon.h"
#include "extract/text/text_util.h"

namespace kg::extract {
namespace {

// Verbs whose object in a parse is most often a misparsed clause: the clausal verbs and
// verbs of belief and expectation ("hopes the talks in Geneva ...").
bool takes_clause(std::string_view lemma) {
  return is_clausal_verb(lemma) || in(lemma, {"warn", "hope", "expect", "know", "see", "feel", "fear"});
}
// Verbs too light to name a relation on their own.
bool is_light_verb(std::string_view lemma) {
  return in(lemma, {"be", "have", "do", "get", "make", "take", "go", "come", "become", "seem", "let"});
}
// Prepositions whose object is a participant or a place of the event.
bool is_relation_case(std::string_view w) {
  return in(w, {"with", "to", "in", "at", "on", "against", "from", "for", "into", "about", "over", "regarding",
                "toward", "towards", "between", "of", "across", "inside", "within", "onto", "upon"});
}

class ParseRelationFinder {
 public:
  ParseRelationFinder(Document& doc, const Lexicon& lexicon) : view_(doc, lexicon) {}

  void run() {
    const Document& doc = view_.doc();
    for (std::uint32_t s = 0; s < doc.sentences.size(); ++s) {
      const Sentence& sent = doc.sentences[s];
      for (std::uint32_t t = sent.first; t < sent.last; ++t) {
        if (tok(t).deprel.empty()) continue;
        const std::string& upos = tok(t).tag;
        if (upos == "VERB") verb(t);
        if (upos == "NOUN" || upos == "PROPN") {
          copula(t);
          participle(t);
        }
        if (upos == "NOUN") nominalisation(t);
        if (upos == "NOUN" || upos == "PROPN") authorship(t);
        apposition(t);
      }
    }
    if (has_work_) works_by_sequence();
  }

 private:
  const Token& tok(std::uint32_t t) const { return view_.tok(t); }
  std::string lower(std::uint32_t t) const { return view_.lower(t); }
  std::string lemma(std::uint32_t t) const { return view_.lemma(t); }
  bool has_child(std::uint32_t t, std::string_view deprel) const { return view_.has_child(t, deprel); }
  std::string case_of(std::uint32_t t) const { return view_.case_of(t); }
  bool negated(std::uint32_t t) const { return view_.negated(t); }
  bool under_denial(std::uint32_t t) const { return view_.under_denial(t); }
  std::span<const std::uint32_t> children(std::uint32_t t) const { return view_.children(t); }
  void entities_of(std::uint32_t t, std::vector<Arg>& out) const { view_.entities_of(t, out); }
  void subjects_of(std::uint32_t v, std::vector<Arg>& out) const { view_.subjects_of(v, out); }
  void emit(const Arg& s, const std::string& relation, const Arg& o, std::uint32_t predicate) {
    view_.emit(s, relation, o, predicate);
  }

  void verb(std::uint32_t v) {
    const std::string base = lemma(v);
    if (negated(v) || under_denial(v) || view_.hypothetical(v)) return;
    if (base == "go") prize_went_to(v);
    accord_between(v);
    if (is_light_verb(base) && base != "have") return;
    std::string predicate = base;
    for (std::uint32_t c : children(v))
      if (tok(c).deprel == "compound:prt") predicate += " " + lower(c);
    // "X's bid to host Y": the noun words the intent ("bid to host").
    if (view_.noun_of_intent(v)) predicate = lower(static_cast<std::uint32_t>(tok(v).head)) + " to " + predicate;

    const bool passive = has_child(v, "nsubj:pass") || has_child(v, "aux:pass");
    std::vector<Arg> subjects;
    subjects_of(v, subjects);

    // Direct objects: named ones, or the first common noun that joins the predicate
    // ("held talks in", "imposed sanctions on").
    std::vector<Arg> objects;
    std::string object_noun;
    std::int32_t object_noun_token = -1;
    for (std::uint32_t c : children(v)) {
      if (tok(c).deprel != "obj") continue;
      const std::size_t before = objects.size();
      entities_of(c, objects);
      if (objects.size() == before && object_noun.empty() && tok(c).tag == "NOUN") {
        object_noun = lower(c);
        object_noun_token = static_cast<std::int32_t>(c);
      }
    }
    if (base == "have" && !is_meeting_noun(object_noun)) return;
    const bool meeting = base == "meet" || is_meeting_noun(object_noun);

    if (passive) {
      std::vector<Arg> agents, recipients;
      for (std::uint32_t c : children(v)) {
        const bool by = tok(c).deprel == "obl:agent" || (universal_deprel(tok(c).deprel) == "obl" && case_of(c) == "by");
        // '"Tides" by Jo Park' hung on the verb names the work's author, not the agent.
        if (by) {
          if (const int work = work_before(c); work >= 0) authors_of_work(c, work, v);
          else entities_of(c, agents);
        }
        // "The prize was awarded to X": X receives it.
        if (universal_deprel(tok(c).deprel) == "obl" && case_of(c) == "to" && is_giving_verb(base))
          entities_of(c, recipients);
      }
      for (const Arg& a : agents)
        for (const Arg& p : subjects) emit(a, predicate, p, v);
      for (const Arg& r : recipients)
        for (const Arg& p : subjects) emit(r, "receive", p, v);
      return;
    }
    if (subjects.empty()) return;
    if (!takes_clause(base)) {
      for (const Arg& s : subjects)
        for (const Arg& o : objects) emit(s, meeting ? "meet" : predicate, o, v);
    }
    // "X and Y met", "X and Y ended their talks", "X and Y signed a deal": what two parties
    // do together links each two of the coordinated subjects ("meet", "sign deal with").
    if (subjects.size() >= 2 && objects.empty() && !takes_clause(base) &&
        (base == "meet" || is_meeting_noun(object_noun) || is_accord_noun(object_noun))) {
      const std::string relation = base == "meet" || is_meeting_noun(object_noun)
                                       ? std::string("meet")
                                       : predicate + " " + object_noun + " with";
      for (std::size_t i = 0; i < subjects.size(); ++i)
        for (std::size_t j = i + 1; j < subjects.size(); ++j)
          if (subjects[i].entity != subjects[j].entity) emit(subjects[i], relation, subjects[j], v);
    }
    // Prepositional phrases of the verb, and of its common-noun object ("held talks with
    // X", where the parser may hang "with X" on "talks").
    std::vector<std::uint32_t> phrases;
    for (std::uint32_t c : children(v))
      if (tok(c).deprel == "obl" || tok(c).deprel == "obl:arg") phrases.push_back(c);
    // A clausal verb's "object" is usually a misparsed clause ("says the force in Darfur
    // ..."): its phrases are not the verb's.
    const std::size_t on_verb = phrases.size();
    if (object_noun_token >= 0 && !takes_clause(base))
      for (std::uint32_t c : children(static_cast<std::uint32_t>(object_noun_token)))
        if (tok(c).deprel == "nmod") phrases.push_back(c);
    if (takes_clause(base)) object_noun.clear();
    for (std::size_t k = 0; k < phrases.size(); ++k) {
      const std::uint32_t c = phrases[k];
      const std::string preposition = case_of(c);
      if (preposition.empty() || preposition == "by") continue;
      const std::string last_word = preposition.substr(preposition.rfind(' ') + 1);
      if (!is_relation_case(last_word)) continue;
      std::vector<Arg> targets;
      entities_of(c, targets);
      if (targets.empty()) continue;
      // "in X" and "at X" name a place only for events ("met in Riyadh", "said at the
      // forum"); after other verbs they are circumstances ("imposed restrictions in Moscow").
      // Where the place describes the object, it is where the subject does what it does:
      // "operates mines in X", "opened a plant in X".
      if ((preposition == "in" || preposition == "at") && !is_event_verb(base) && !is_meeting_noun(object_noun)) {
        if (k < on_verb) continue;
        std::erase_if(targets, [&](const Arg& a) {
          const EntityType type = view_.entity_type(a.entity);
          return type != EntityType::Gpe && type != EntityType::Loc;
        });
        if (targets.empty()) continue;
      }
      std::string relation = predicate;
      if (!object_noun.empty()) relation += " " + object_noun;
      relation += " " + preposition;
      // "ended their meeting in X", "began talks at X": the meeting's place, worded as one
      // ("held talks in X" keeps its verb: holding talks is meeting).
      if (is_meeting_noun(object_noun) && (preposition == "in" || preposition == "at") &&
          !in(base, {"hold", "have"}))
        relation = "meet " + preposition;
      if (base == "meet" && preposition == "with") relation = "meet";
      // "recorded a victory over Y", "suffered a defeat to Y": the result names the relation.
      const bool won = is_win_noun(object_noun) && in(preposition, {"over", "against"});
      const bool lost = is_loss_noun(object_noun) && in(preposition, {"to", "against"});
      for (const Arg& s : subjects)
        for (const Arg& o : targets) {
          if (won) emit(s, "beat", o, v);
          else if (lost) emit(o, "beat", s, v);
          else emit(s, relation, o, v);
        }
    }
  }

  // "An agreement was signed between X and Y", "a deal between X and Y was reached": the
  // parties to an accord sign it with each other ("sign agreement with"; a memorandum of
  // understanding is worded "mou", as news abbreviates it).
  void accord_between(std::uint32_t v) {
    std::string noun;
    std::uint32_t accord = 0;
    for (std::uint32_t c : children(v)) {
      const std::string_view d = tok(c).deprel;
      if ((d == "nsubj:pass" || d == "nsubj" || d == "obj") && tok(c).tag == "NOUN" && is_accord_noun(lower(c))) {
        noun = lower(c);
        accord = c;
      }
    }
    if (noun.empty()) return;
    std::vector<Arg> parties;
    const auto between = [&](std::uint32_t head) {
      for (std::uint32_t c : children(head))
        if (in(universal_deprel(tok(c).deprel), {"obl", "nmod"}) && case_of(c) == "between") entities_of(c, parties);
    };
    between(v);
    between(accord);
    if (parties.size() < 2) return;
    if (noun == "memorandum" || noun == "memorandums") noun = "mou";
    const std::string relation = lemma(v) + " " + noun + " with";
    for (std::size_t i = 0; i < parties.size(); ++i)
      for (std::size_t j = i + 1; j < parties.size(); ++j)
        if (parties[i].entity != parties[j].entity) emit(parties[i], relation, parties[j], v);
  }

  // The mention of the work whose name (or closing quote) comes right before the "by" of
  // phrase c, or -1.
  int work_before(std::uint32_t c) const {
    std::uint32_t by = c;
    for (std::uint32_t k : children(c))
      if (universal_deprel(tok(k).deprel) == "case") by = std::min(by, k);
    if (by == c || by == 0) return -1;
    std::uint32_t last = by - 1;
    if (in(tok(last).form, {"\"", "\u201d", "''", "'", "\u2019"}) && last > 0) --last;
    const int owner = view_.owner(last);
    if (owner < 0 || view_.mention(owner).entity < 0) return -1;
    return view_.entity_type(static_cast<std::uint32_t>(view_.mention(owner).entity)) == EntityType::WorkOfArt ? owner
                                                                                                             : -1;
  }

  // '"Tides" by Jo Park' where the parser hung "by Jo Park" on the clause's verb: Jo Park
  // made the work (mention `work`).
  void authors_of_work(std::uint32_t c, int work, std::uint32_t v) {
    std::vector<Arg> authors;
    entities_of(c, authors);
    keep_makers(authors);
    const Arg made = view_.arg_of(work);
    for (const Arg& a : authors) emit(a, "make", made, v);
  }

  // "The prize went to X for Y": X, and the work Y it was given for, receive the prize.
  void prize_went_to(std::uint32_t v) {
    std::vector<Arg> prizes;
    subjects_of(v, prizes);
    std::erase_if(prizes, [&](const Arg& a) { return view_.entity_type(a.entity) != EntityType::Award; });
    if (prizes.empty()) return;
    std::vector<Arg> winners;
    for (std::uint32_t c : children(v)) {
      if (universal_deprel(tok(c).deprel) != "obl") continue;
      const std::string p = case_of(c);
      if (p == "to") entities_of(c, winners);
      if (p != "to" && p != "for") continue;
      // "to X for Y", with "for Y" on the verb or on X.
      std::vector<std::uint32_t> fors;
      if (p == "for") fors.push_back(c);
      for (std::uint32_t g : children(c))
        if (universal_deprel(tok(g).deprel) == "nmod" && case_of(g) == "for") fors.push_back(g);
      for (std::uint32_t f : fors) {
        std::vector<Arg> works;
        entities_of(f, works);
        for (const Arg& w : works)
          if (view_.entity_type(w.entity) == EntityType::WorkOfArt) winners.push_back(w);
        // "to X for A and to Y for B": the parser may hang the second "to Y" on the work.
        for (std::uint32_t g : children(f)) {
          if (tok(g).deprel != "conj") continue;
          bool to = case_of(g) == "to";
          for (std::uint32_t cc : children(g))
            to = to || (tok(cc).deprel == "cc" && cc + 1 < g && lower(cc + 1) == "to");
          if (to) entities_of(g, winners);
        }
      }
    }
    for (const Arg& prize : prizes)
      for (const Arg& w : winners) emit(w, "receive", prize, v);
  }

  // "X is the spokesman of Y", "X is Y's ambassador", "X is a member of Y".
  void copula(std::uint32_t n) {
    if (!has_child(n, "cop") || view_.owner(n) >= 0 || negated(n) || under_denial(n)) return;
    std::vector<Arg> subjects;
    for (std::uint32_t c : children(n)) {
      if (tok(c).deprel != "nsubj") continue;
      // "Acme, which is a shareholder of Beta": the relative pronoun stands for the name.
      if (is_relative_pronoun(lower(c))) subjects_of(n, subjects);
      else entities_of(c, subjects);
    }
    if (subjects.empty()) return;
    role_objects(n, subjects);
  }

  // "X, the spokesman of Y": the apposition's noun names X's role in Y.
  void apposition(std::uint32_t t) {
    if (view_.owner(t) < 0) return;
    for (std::uint32_t c : children(t)) {
      if (tok(c).deprel != "appos" || view_.owner(c) >= 0 || tok(c).tag != "NOUN") continue;
      std::vector<Arg> subjects;
      subjects.push_back(view_.arg_of(view_.owner(t)));
      role_objects(c, subjects);
    }
  }

  void role_objects(std::uint32_t n, const std::vector<Arg>& subjects) {
    const std::string role = lower(n);
    for (std::uint32_t c : children(n)) {
      const std::string& d = tok(c).deprel;
      std::string relation;
      if (d == "nmod:poss") {
        // "X is Russia's ambassador": a person's role. For others the possessive is rarely
        // a relation ("Nigeria is Africa's biggest exporter").
        if (std::none_of(subjects.begin(), subjects.end(), [&](const Arg& a) {
              return view_.entity_type(a.entity) == EntityType::Person;
            }))
          continue;
        relation = role + " of";
      } else if (d == "nmod") {
        const std::string preposition = case_of(c);
        if (!in(preposition, {"of", "to", "for", "at", "in"})) continue;
        relation = role + " " + (preposition == "for" || preposition == "at" ? "of" : preposition);
      } else {
        continue;
      }
      std::vector<Arg> objects;
      entities_of(c, objects);
      for (const Arg& s : subjects)
        for (const Arg& o : objects) emit(s, relation, o, n);
    }
  }

  // "the delegation led by X": X lead the delegation.
  // An event noun with its agent and its object: "X's acquisition of Y", "the acquisition
  // of Y by X" -> X "acquisition of" Y. An event noun is one the lexicon knows as a verb form
  // too ("purchase", "visit") or one with a suffix that makes nouns of verbs (-tion, -sion,
  // -ment, -al, -ance, -ence, -ure); a role noun ("Y's chairman") is the roles frame's.
  void nominalisation(std::uint32_t n) {
    if (view_.owner(n) >= 0 || negated(n) || under_denial(n)) return;
    const std::string word = lower(n);
    if (result(n, word) || travel(n, word)) return;
    const auto ends = [&](std::string_view tail) {
      return word.size() > tail.size() + 3 && word.compare(word.size() - tail.size(), tail.size(), tail) == 0;
    };
    const bool event = view_.lexicon().verb(word).has_value() || ends("tion") || ends("sion") || ends("ment") ||
                       ends("al") || ends("ance") || ends("ence") || ends("ure");
    if (!event) return;
    std::vector<Arg> agents, objects;
    for (std::uint32_t c : children(n)) {
      const std::string d = tok(c).deprel;
      if (d == "nmod:poss") entities_of(c, agents);
      if (universal_deprel(d) == "nmod" && d != "nmod:poss") {
        const std::string p = case_of(c);
        if (p == "of") entities_of(c, objects);
        if (p == "by") entities_of(c, agents);
      }
    }
    const std::string relation = (tok(n).lemma.empty() ? word : lemma(n)) + " of";
    for (const Arg& a : agents)
      for (const Arg& o : objects) emit(a, relation, o, n);
  }

  // "X's visit to Y", "X arrived after visits to Y and Z", "X returned from a trip to Y":
  // X visit Y. The traveller is the noun's possessor, else the subject of the verb the noun
  // hangs on.
  bool travel(std::uint32_t n, const std::string& word) {
    if (!in(word, {"visit", "visits", "trip", "trips", "tour", "tours", "journey", "voyage"})) return false;
    std::vector<Arg> travellers, places;
    for (std::uint32_t c : children(n)) {
      const std::string d = tok(c).deprel;
      if (d == "nmod:poss") entities_of(c, travellers);
      else if (universal_deprel(d) == "nmod" && case_of(c) == "to") entities_of(c, places);
    }
    if (places.empty()) return true;
    const std::string_view rel = universal_deprel(tok(n).deprel);
    if (travellers.empty() && (rel == "obl" || rel == "nmod") && tok(n).head >= 0) {
      const std::uint32_t v = static_cast<std::uint32_t>(tok(n).head);
      if (tok(v).tag != "VERB" || negated(v) || under_denial(v) || view_.hypothetical(v)) return true;
      subjects_of(v, travellers);
    }
    for (const Arg& t : travellers)
      for (const Arg& place : places)
        if (t.entity != place.entity) emit(t, "visit", place, n);
    return true;
  }

  // A match result named by a noun: "X's 2-1 win over Y", "X recorded a victory against Y"
  // -> X beat Y; "X's loss to Y", "X suffered a defeat against Y" -> Y beat X; "X's draw
  // with Y" -> X draw with Y. The side whose result it is: the noun's possessor, else the
  // subject of the verb whose object the noun is.
  bool result(std::uint32_t n, const std::string& word) {
    const bool won = is_win_noun(word);
    const bool lost = is_loss_noun(word);
    const bool drew = word == "draw";
    if (!won && !lost && !drew) return false;
    std::vector<Arg> sides, opponents;
    std::vector<std::pair<std::string, Arg>> places;  // "at Halden Stadium", "in Lima"
    for (std::uint32_t c : children(n)) {
      const std::string d = tok(c).deprel;
      if (d == "nmod:poss") entities_of(c, sides);
      if (universal_deprel(d) != "nmod" || d == "nmod:poss") continue;
      const std::string p = case_of(c);
      if ((won && in(p, {"over", "against"})) || (lost && in(p, {"to", "against", "by"})) ||
          (drew && in(p, {"with", "against"})))
        entities_of(c, opponents);
      if (in(p, {"at", "in"})) {
        std::vector<Arg> where;
        entities_of(c, where);
        for (const Arg& a : where)
          if (view_.entity_type(a.entity) == EntityType::Gpe || view_.entity_type(a.entity) == EntityType::Loc)
            places.emplace_back(p, a);
      }
    }
    if (opponents.empty()) return true;
    if (sides.empty() && tok(n).deprel == "obj" && tok(n).head >= 0) {
      const std::uint32_t v = static_cast<std::uint32_t>(tok(n).head);
      if (negated(v) || under_denial(v) || view_.hypothetical(v)) return true;
      subjects_of(v, sides);
    }
    for (const Arg& side : sides)
      for (const Arg& other : opponents) {
        if (drew) emit(side, "draw with", other, n);
        else if (won) emit(side, "beat", other, n);
        else emit(other, "beat", side, n);
      }
    // Where the match was: the winner beat its opponent there ("X's loss to Y at Z" -> Y
    // "beat at" Z); in a draw, both drew there.
    for (const auto& [p, where] : places) {
      if (drew) {
        for (const Arg& side : sides) emit(side, "draw " + p, where, n);
        for (const Arg& other : opponents) emit(other, "draw " + p, where, n);
      } else {
        for (const Arg& winner : won ? sides : opponents) emit(winner, "beat " + p, where, n);
      }
    }
    return true;
  }

  // How the maker of a work of this kind made it: "direct" a film, "write" a book, "make"
  // anything else.
  static std::string made_by(std::string_view kind) {
    if (in(kind, {"film", "movie", "documentary", "feature"})) return "direct";
    if (in(kind, {"novel", "book", "memoir", "poem", "biography", "essay", "screenplay"})) return "write";
    return "make";
  }
  // Nouns that say what kind of work a title names.
  static bool is_work_kind(std::string_view w) {
    return (made_by(w) != "make" && w != "feature") ||
           in(w, {"album", "song", "play", "opera", "painting", "series", "symphony"});
  }
  // Only people and bodies make works.
  void keep_makers(std::vector<Arg>& args) const {
    std::erase_if(args, [&](const Arg& a) {
      const EntityType type = view_.entity_type(a.entity);
      return type != EntityType::Person && type != EntityType::Org;
    });
  }

  // A work and who made it: '"Night Birds" by Jo Park', '"Tides", the first film by Jo Park',
  // 'the novel "Tides" by Jo Park' -> Jo Park "make" the work ("direct" a film, "write" a
  // book). n is a token of the work's name or a common noun that stands for the work.
  // '"Tides" by Danish filmmaker Jo Park' read off the words where the parser hung the
  // phrase elsewhere: a work's name (its closing quote, a bracketed gloss, a comma may
  // follow), "by", at most four words describing the person (an article, a nationality, an
  // occupation: no verb, no punctuation, no other name), then a person's name.
  void works_by_sequence() {
    const Document& doc = view_.doc();
    for (std::size_t i = 0; i < doc.mentions.size(); ++i) {
      const Mention& w = doc.mentions[i];
      if (w.entity < 0 || view_.entity_type(static_cast<std::uint32_t>(w.entity)) != EntityType::WorkOfArt) continue;
      const std::uint32_t sl = view_.sentence(view_.sentence_of(w.first)).last;
      std::uint32_t k = w.last;
      if (k < sl && in(tok(k).form, {"\"", "\u201d", "''"})) ++k;
      if (k < sl && tok(k).norm == "(") {
        while (k < sl && tok(k).norm != ")") ++k;
        ++k;
      }
      if (k < sl && tok(k).norm == ",") ++k;
      if (k >= sl || lower(k) != "by") continue;
      std::uint32_t q = k + 1;
      int person = -1;
      for (int words = 0; q < sl && words <= 4; ++words, ++q) {
        const int m = view_.name_at(q);
        if (m >= 0 && view_.mention(m).first == q) {
          const Mention& named = view_.mention(m);
          const EntityType type = named.entity < 0 ? named.type : view_.entity_type(static_cast<std::uint32_t>(named.entity));
          if (type == EntityType::Person) person = m;
          else if (!(type == EntityType::Gpe && v_demonym(named))) break;  // "by the Brazilian X"
          if (person >= 0) break;
          q = named.last - 1;
          continue;
        }
        const std::string& upos = tok(q).tag;
        if (!(upos == "DET" || upos == "ADJ" || upos == "NOUN" || upos == "PROPN")) break;
      }
      if (person < 0 || view_.negation_between(w.first, view_.mention(person).first)) continue;
      const Arg maker = view_.arg_of(person), work = view_.arg_of(static_cast<int>(i));
      view_.emit(maker.entity, "make", work.entity, w.title_first, view_.mention(person).last);
    }
  }
  bool v_demonym(const Mention& m) const { return view_.lexicon().is_demonym(m.text); }

  void authorship(std::uint32_t n) {
    if (!has_work_ || negated(n) || under_denial(n)) return;
    std::vector<Arg> works;
    entities_of(n, works);
    std::erase_if(works, [&](const Arg& w) { return view_.entity_type(w.entity) != EntityType::WorkOfArt; });
    if (works.empty()) return;
    std::vector<Arg> authors;
    // "her film Tides", "Jo Park's novel Tides": the possessor of a noun saying what the work
    // is made it (the pronoun's antecedent for "her").
    const bool kind_noun = view_.owner(n) < 0 && is_work_kind(lower(n));
    for (std::uint32_t c : children(n)) {
      if (universal_deprel(tok(c).deprel) == "nmod" && case_of(c) == "by") entities_of(c, authors);
      if (kind_noun && tok(c).deprel == "nmod:poss") entities_of(c, authors);
    }
    keep_makers(authors);
    if (authors.empty()) return;
    // The common noun that says what the work is: n itself, a noun in apposition with it
    // either way round, or one the name hangs on ("the film Night Birds").
    std::string kind = view_.owner(n) < 0 ? lower(n) : "";
    for (std::uint32_t c : children(n))
      if (kind.empty() && (tok(c).deprel == "appos" || tok(c).deprel == "compound") && view_.owner(c) < 0 &&
          tok(c).tag == "NOUN")
        kind = lower(c);
    if (const int h = tok(n).head; kind.empty() && h >= 0 && view_.owner(static_cast<std::uint32_t>(h)) < 0 &&
                                   tok(static_cast<std::uint32_t>(h)).tag == "NOUN" &&
                                   in(std::string_view(tok(n).deprel), {"appos", "compound", "flat"}))
      kind = lower(static_cast<std::uint32_t>(h));
    const std::string relation = made_by(kind);
    for (const Arg& a : authors)
      for (const Arg& w : works) emit(a, relation, w, n);
  }

  void participle(std::uint32_t n) {
    if (view_.owner(n) < 0) return;
    for (std::uint32_t c : children(n)) {
      if (tok(c).deprel != "acl" || tok(c).xpos != "VBN" || negated(c)) continue;
      std::vector<Arg> agents;
      for (std::uint32_t a : children(c))
        if (tok(a).deprel == "obl:agent" || (universal_deprel(tok(a).deprel) == "obl" && case_of(a) == "by"))
          entities_of(a, agents);
      std::vector<Arg> patients;
      entities_of(n, patients);
      for (const Arg& a : agents)
        for (const Arg& p : patients) emit(a, lemma(c), p, c);
    }
  }

  ParseView view_;
  // Whether the document names a work at all (no frame here retypes an entity): without
  // one, no noun has works to attribute.
  bool has_work_ = std::any_of(view_.doc().entities.begin(), view_.doc().entities.end(),
                               [](const Entity& e) { return e.type == EntityType::WorkOfArt; });
};

}  // namespace

void find_parse_relations(Document& doc, const Lexicon& lexicon) { ParseRelationFinder(doc, lexicon).run(); }

}  // namespace kg::extract
