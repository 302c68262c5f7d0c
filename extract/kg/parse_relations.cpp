#include "extract/kg/parse_relations.h"

#include <algorithm>
#include <initializer_list>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "extract/kg/coreference.h"
#include "extract/kg/relation_words.h"
#include "extract/nlp/lexicon.h"
#include "extract/text/text_util.h"

namespace kg::extract {
namespace {

// The universal part of a relation: "nsubj:pass" -> "nsubj".
std::string_view universal(std::string_view deprel) { return deprel.substr(0, deprel.find(':')); }

bool is_relative_pronoun(std::string_view lower) { return in(lower, {"who", "which", "that", "whom"}); }
// Verbs whose object in a parse is most often a misparsed clause: the clausal verbs and
// verbs of belief and expectation ("hopes the talks in Geneva ...").
bool takes_clause(std::string_view lemma) {
  return is_clausal_verb(lemma) || in(lemma, {"warn", "hope", "expect", "know", "see", "feel", "fear"});
}
bool is_denial(std::string_view lemma) { return in(lemma, {"deny", "reject", "dismiss", "refute"}); }
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
  ParseRelationFinder(Document& doc, const Lexicon& lexicon) : doc_(doc), lexicon_(lexicon) {}

  void run() {
    const std::size_t n = doc_.tokens.size();
    owner_.assign(n, -1);
    for (std::size_t i = 0; i < doc_.mentions.size(); ++i) {
      const Mention& m = doc_.mentions[i];
      if (m.type == EntityType::Date || m.entity < 0) continue;
      for (std::uint32_t t = m.title_first; t < m.last && t < n; ++t) {
        int& cur = owner_[t];
        if (cur < 0 || m.last - m.title_first > doc_.mentions[cur].last - doc_.mentions[cur].title_first)
          cur = static_cast<int>(i);
      }
    }
    children_.assign(n, {});
    for (std::uint32_t t = 0; t < n; ++t) {
      const std::int32_t h = doc_.tokens[t].head;
      if (h >= 0 && static_cast<std::size_t>(h) < n) children_[static_cast<std::size_t>(h)].push_back(t);
    }
    for (const Triple& t : doc_.triples) seen_.insert({t.sentence, t.subject, t.relation, t.object});
    for (std::uint32_t s = 0; s < doc_.sentences.size(); ++s) {
      sentence_ = s;
      const Sentence& sent = doc_.sentences[s];
      for (std::uint32_t t = sent.first; t < sent.last; ++t) {
        if (doc_.tokens[t].deprel.empty()) continue;
        const std::string& upos = doc_.tokens[t].tag;
        if (upos == "VERB") verb(t);
        if (upos == "NOUN" || upos == "PROPN") {
          copula(t);
          participle(t);
        }
        apposition(t);
      }
    }
  }

 private:
  struct Arg {
    std::uint32_t entity = 0;
    std::uint32_t first = 0, last = 0;  // token span for the evidence
  };

  const Token& tok(std::uint32_t t) const { return doc_.tokens[t]; }
  std::string lower(std::uint32_t t) const { return to_lower(tok(t).norm.empty() ? tok(t).form : tok(t).norm); }
  // The verb lexicon's lemma where it knows the form (one spelling with the rule finder:
  // "criticize"), else the tagger's.
  std::string lemma(std::uint32_t t) const {
    if (tok(t).tag == "VERB")
      if (auto entry = lexicon_.verb(lower(t))) return entry->lemma;
    return tok(t).lemma.empty() ? lower(t) : tok(t).lemma;
  }
  bool has_child(std::uint32_t t, std::string_view deprel) const {
    for (std::uint32_t c : children_[t])
      if (tok(c).deprel == deprel) return true;
    return false;
  }
  std::string case_of(std::uint32_t t) const {
    std::string out;
    for (std::uint32_t c : children_[t]) {
      if (c > t) continue;
      const std::string_view d = tok(c).deprel;
      if (d == "case") out = out.empty() ? lower(c) : out + " " + lower(c);  // "on behalf of", "out of"
    }
    return out;
  }
  bool negated(std::uint32_t t) const {
    for (std::uint32_t c : children_[t])
      if ((universal(tok(c).deprel) == "advmod" || tok(c).deprel == "det") && is_negation(lower(c))) return true;
    return false;
  }
  // True when t sits in a clause under a denial ("denied that X met Y") or a negated verb.
  bool under_denial(std::uint32_t t) const {
    std::int32_t h = tok(t).head;
    for (int depth = 0; h >= 0 && depth < 8; ++depth) {
      const std::uint32_t u = static_cast<std::uint32_t>(h);
      if (is_denial(lemma(u))) return true;
      if (universal(tok(t).deprel) == "ccomp" && negated(u)) return true;
      t = u;
      h = tok(u).head;
    }
    return false;
  }

  // The entities a nominal token stands for: the mention covering it, the pronoun's
  // antecedents, and the same for its conjuncts.
  void entities_of(std::uint32_t t, std::vector<Arg>& out, int depth = 0) const {
    if (depth > 6) return;
    if (owner_[t] >= 0) {
      const Mention& m = doc_.mentions[static_cast<std::size_t>(owner_[t])];
      out.push_back({static_cast<std::uint32_t>(m.entity), m.title_first, m.last});
    } else if (is_personal_pronoun(lower(t)) && (tok(t).tag == "PRON" || tok(t).tag.empty())) {
      for (std::uint32_t e : resolve_pronoun(doc_, t)) out.push_back({e, t, t + 1});
    } else {
      return;  // a common noun phrase: its conjuncts are not this entity's
    }
    for (std::uint32_t c : children_[t]) {
      if (tok(c).deprel != "conj") continue;
      // "Riyadh, Saudi Arabia" parsed as a coordination is an address: the country is where
      // the city is (the rule finder's "located in"), not a second participant.
      if (owner_[c] >= 0 && owner_[t] >= 0 && located_in(mention_entity(t), mention_entity(c))) continue;
      entities_of(c, out, depth + 1);
    }
  }
  std::uint32_t mention_entity(std::uint32_t t) const {
    return static_cast<std::uint32_t>(doc_.mentions[static_cast<std::size_t>(owner_[t])].entity);
  }
  bool located_in(std::uint32_t place, std::uint32_t region) const {
    for (const Triple& x : doc_.triples)
      if (x.subject == place && x.object == region && x.relation == "located in") return true;
    return false;
  }

  // The nominal subjects of predicate v, inherited along conj, xcomp and relative clauses.
  void subjects_of(std::uint32_t v, std::vector<Arg>& out, int depth = 0) const {
    if (depth > 5) return;
    for (std::uint32_t c : children_[v]) {
      const std::string& d = tok(c).deprel;
      if (d != "nsubj" && d != "nsubj:pass") continue;
      if (is_relative_pronoun(lower(c)) && tok(v).deprel == "acl:relcl" && tok(v).head >= 0) {
        entities_of(static_cast<std::uint32_t>(tok(v).head), out);
        return;
      }
      entities_of(c, out);
      return;
    }
    const std::int32_t h = tok(v).head;
    if (h < 0) return;
    const std::uint32_t head = static_cast<std::uint32_t>(h);
    const std::string& d = tok(v).deprel;
    if (d == "conj" && (tok(head).tag == "VERB" || tok(head).tag == "AUX")) {
      subjects_of(head, out, depth + 1);
    } else if (d == "xcomp") {
      // Object control ("urged Russia to end ..."): the object; otherwise the subject.
      for (std::uint32_t c : children_[head]) {
        if (tok(c).deprel == "obj" || tok(c).deprel == "iobj") {
          entities_of(c, out);
          if (!out.empty()) return;
        }
      }
      subjects_of(head, out, depth + 1);
    }
  }

  void emit(const Arg& s, const std::string& relation, const Arg& o, std::uint32_t predicate) {
    if (s.entity == o.entity || relation.empty()) return;
    if (!seen_.insert({sentence_, s.entity, relation, o.entity}).second) return;
    const std::uint32_t from = std::min({s.first, o.first, predicate});
    const std::uint32_t to = std::max({s.last, o.last, predicate + 1});
    Triple t;
    t.subject = s.entity;
    t.object = o.entity;
    t.relation = relation;
    t.label = relation;
    t.sentence = sentence_;
    t.begin = tok(from).begin;
    t.end = tok(to - 1).end;
    doc_.triples.push_back(std::move(t));
  }

  void verb(std::uint32_t v) {
    const std::string base = lemma(v);
    if (is_light_verb(base) && base != "have") return;
    if (negated(v) || under_denial(v)) return;
    std::string predicate = base;
    for (std::uint32_t c : children_[v])
      if (tok(c).deprel == "compound:prt") predicate += " " + lower(c);

    const bool passive = has_child(v, "nsubj:pass") || has_child(v, "aux:pass");
    std::vector<Arg> subjects;
    subjects_of(v, subjects);

    // Direct objects: named ones, or the first common noun that joins the predicate
    // ("held talks in", "imposed sanctions on").
    std::vector<Arg> objects;
    std::string object_noun;
    std::int32_t object_noun_token = -1;
    for (std::uint32_t c : children_[v]) {
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
      std::vector<Arg> agents;
      for (std::uint32_t c : children_[v])
        if (tok(c).deprel == "obl:agent" || (universal(tok(c).deprel) == "obl" && case_of(c) == "by"))
          entities_of(c, agents);
      for (const Arg& a : agents)
        for (const Arg& p : subjects) emit(a, predicate, p, v);
      return;
    }
    if (subjects.empty()) return;
    if (!takes_clause(base)) {
      for (const Arg& s : subjects)
        for (const Arg& o : objects) emit(s, meeting ? "meet" : predicate, o, v);
    }
    // Prepositional phrases of the verb, and of its common-noun object ("held talks with
    // X", where the parser may hang "with X" on "talks").
    std::vector<std::uint32_t> phrases;
    for (std::uint32_t c : children_[v])
      if (tok(c).deprel == "obl" || tok(c).deprel == "obl:arg") phrases.push_back(c);
    // A clausal verb's "object" is usually a misparsed clause ("says the force in Darfur
    // ..."): its phrases are not the verb's.
    if (object_noun_token >= 0 && !takes_clause(base))
      for (std::uint32_t c : children_[static_cast<std::uint32_t>(object_noun_token)])
        if (tok(c).deprel == "nmod") phrases.push_back(c);
    if (takes_clause(base)) object_noun.clear();
    for (std::uint32_t c : phrases) {
      const std::string preposition = case_of(c);
      if (preposition.empty() || preposition == "by") continue;
      const std::string last_word = preposition.substr(preposition.rfind(' ') + 1);
      if (!is_relation_case(last_word)) continue;
      std::vector<Arg> targets;
      entities_of(c, targets);
      if (targets.empty()) continue;
      // "in X" and "at X" name a place only for events ("met in Riyadh", "said at the
      // forum"); after other verbs they are circumstances ("imposed restrictions in Moscow").
      if ((preposition == "in" || preposition == "at") && !is_event_verb(base) && !is_meeting_noun(object_noun))
        continue;
      std::string relation = predicate;
      if (!object_noun.empty()) relation += " " + object_noun;
      relation += " " + preposition;
      if (base == "meet" && preposition == "with") relation = "meet";
      for (const Arg& s : subjects)
        for (const Arg& o : targets) emit(s, relation, o, v);
    }
  }

  // "X is the spokesman of Y", "X is Y's ambassador", "X is a member of Y".
  void copula(std::uint32_t n) {
    if (!has_child(n, "cop") || owner_[n] >= 0 || negated(n) || under_denial(n)) return;
    std::vector<Arg> subjects;
    for (std::uint32_t c : children_[n])
      if (tok(c).deprel == "nsubj") entities_of(c, subjects);
    if (subjects.empty()) return;
    role_objects(n, subjects);
  }

  // "X, the spokesman of Y": the apposition's noun names X's role in Y.
  void apposition(std::uint32_t t) {
    if (owner_[t] < 0) return;
    for (std::uint32_t c : children_[t]) {
      if (tok(c).deprel != "appos" || owner_[c] >= 0 || tok(c).tag != "NOUN") continue;
      std::vector<Arg> subjects;
      const Mention& m = doc_.mentions[static_cast<std::size_t>(owner_[t])];
      subjects.push_back({static_cast<std::uint32_t>(m.entity), m.title_first, m.last});
      role_objects(c, subjects);
    }
  }

  void role_objects(std::uint32_t n, const std::vector<Arg>& subjects) {
    const std::string role = lower(n);
    for (std::uint32_t c : children_[n]) {
      const std::string& d = tok(c).deprel;
      std::string relation;
      if (d == "nmod:poss") {
        // "X is Russia's ambassador": a person's role. For others the possessive is rarely
        // a relation ("Nigeria is Africa's biggest exporter").
        if (std::none_of(subjects.begin(), subjects.end(), [&](const Arg& a) {
              return doc_.entities[a.entity].type == EntityType::Person;
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
  void participle(std::uint32_t n) {
    if (owner_[n] < 0) return;
    for (std::uint32_t c : children_[n]) {
      if (tok(c).deprel != "acl" || tok(c).xpos != "VBN" || negated(c)) continue;
      std::vector<Arg> agents;
      for (std::uint32_t a : children_[c])
        if (tok(a).deprel == "obl:agent" || (universal(tok(a).deprel) == "obl" && case_of(a) == "by"))
          entities_of(a, agents);
      std::vector<Arg> patients;
      entities_of(n, patients);
      for (const Arg& a : agents)
        for (const Arg& p : patients) emit(a, lemma(c), p, c);
    }
  }

  Document& doc_;
  const Lexicon& lexicon_;
  std::uint32_t sentence_ = 0;
  std::vector<int> owner_;
  std::vector<std::vector<std::uint32_t>> children_;
  std::set<std::tuple<std::uint32_t, std::uint32_t, std::string, std::uint32_t>> seen_;
};

}  // namespace

void find_parse_relations(Document& doc, const Lexicon& lexicon) { ParseRelationFinder(doc, lexicon).run(); }

}  // namespace kg::extract
