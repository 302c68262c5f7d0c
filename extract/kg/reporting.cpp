#include "extract/kg/reporting.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/kg/asides.h"
#include "extract/kg/parse_view.h"
#include "extract/kg/relation_words.h"
#include "extract/text/text_util.h"

namespace kg::extract {
namespace {

// Verbs whose object is the one spoken to: "told Y", "informed Y".
bool is_addressee_verb(std::string_view lemma) {
  return in(lemma, {"tell", "inform", "brief", "notify", "assure", "remind"});
}
// Speech verbs whose addressee comes with "to": "said to Y", "explained to Y". Not "speak"
// or "talk": "spoke to Y" is as often a conversation (a meeting) as a statement.
bool is_to_speech_verb(std::string_view lemma) {
  return in(lemma, {"say", "explain", "announce", "declare", "confide", "complain"});
}
// "said in a statement to Y": nouns whose "to" phrase is the addressee.
bool is_statement_noun(std::string_view lower) {
  return in(lower, {"statement", "statements", "remarks", "comments", "message"});
}
// Verbs that, above a clause through xcomp, say the clause did not happen.
bool is_refusal(std::string_view lemma) {
  return in(lemma, {"refuse", "decline", "fail", "deny", "reject", "dismiss", "refute", "avoid"});
}
bool is_party(EntityType t) {
  return t == EntityType::Person || t == EntityType::Org || t == EntityType::Gpe || t == EntityType::Norp;
}
// Words that may stand between a body's name and its spokes-noun: "Acme chief spokesman".
bool is_spokes_modifier(std::string_view w) {
  return in(w, {"chief", "deputy", "senior", "official", "acting", "top", "lead", "principal", "main"});
}
// The prepositions that join a spokes-noun to its body: "spokesman for Y", "of Y".
bool is_holder_case(std::string_view p) { return in(p, {"for", "of", "at", "to", "on behalf of"}); }

class ReportingFrame {
 public:
  ReportingFrame(Document& doc, const Lexicon& lexicon) : v_(doc, lexicon) {}

  void run() {
    dateline_agency();
    for (std::uint32_t t = 0; t < v_.size(); ++t) {
      if (!v_.parsed(t)) continue;
      const std::string& upos = v_.tok(t).tag;
      if (upos == "VERB") {
        addressee(t);
        speaks_for(t);
      }
      if (upos == "NOUN" || upos == "PROPN") spokes(t);
    }
  }

 private:
  const Mention& mention(int m) const { return v_.mention(m); }
  const std::string& lower(std::uint32_t t) const { return v_.lower(t); }
  const std::string& norm(std::uint32_t t) const { return v_.tok(t).norm; }
  std::uint32_t sentence_first(std::uint32_t t) const { return v_.sentence(v_.sentence_of(t)).first; }
  bool is_demonym(const Mention& m) const { return v_.lexicon().is_demonym(m.text); }
  // Keeps the ends of a type that can speak or be spoken to (or, for a spokes-noun's
  // speaker, a person).
  void keep(std::vector<Arg>& args, bool person_only) const {
    std::erase_if(args, [&](const Arg& a) {
      const EntityType t = v_.entity_type(a.entity);
      return person_only ? t != EntityType::Person : !is_party(t);
    });
  }

  // The entities a body's phrase names: the name itself where a speaker's title region
  // covers it ("a spokesman for Acme, Jo Park": the region of Jo Park spans Acme), with its
  // conjuncts; otherwise what ParseView::entities_of gives (pronouns resolved).
  void bodies_of(std::uint32_t c, std::vector<Arg>& out, int depth = 0) const {
    const int m = v_.name_at(c);
    if (m < 0 || depth > 4) {
      if (depth == 0) v_.entities_of(c, out);
      return;
    }
    out.push_back({static_cast<std::uint32_t>(mention(m).entity), mention(m).first, mention(m).last});
    for (std::uint32_t k : v_.children(c))
      if (v_.tok(k).deprel == "conj") bodies_of(k, out, depth + 1);
  }

  // A clause that may not have happened: negated, denied, refused, conditional or modal.
  bool blocked(std::uint32_t v) const {
    if (v_.negated(v) || v_.under_denial(v) || v_.hypothetical(v)) return true;
    // "X refused to tell Y", "X did not want to tell Y".
    std::uint32_t t = v;
    for (int depth = 0; depth < 4 && v_.tok(t).deprel == "xcomp" && v_.tok(t).head >= 0; ++depth) {
      t = static_cast<std::uint32_t>(v_.tok(t).head);
      if (is_refusal(v_.lemma(t)) || v_.negated(t) || v_.under_denial(t)) return true;
    }
    return false;
  }

  void emit_all(const std::vector<Arg>& subjects, const std::string& relation, const std::vector<Arg>& objects,
                std::uint32_t predicate, const std::string& label) {
    for (const Arg& s : subjects)
      for (const Arg& o : objects)
        if (s.entity != o.entity) v_.emit(s, relation, o, predicate, label);
  }

  // A dateline (asides.h): "HALDEN (Norvik Times) -", "Halden, Norvik, March 3 (NT) --",
  // "Halden, Jan. 5, NT -": the organisation named in it is the agency, reporting from the
  // place. One dateline an article, in its first lines.
  void dateline_agency() {
    constexpr std::uint32_t kDatelineWithin = 400;  // tokens: under a headline or two and a byline
    const Document& doc = v_.doc();
    std::optional<Dateline> dateline;
    for (std::size_t s = 0; s < doc.sentences.size() && doc.sentences[s].first < kDatelineWithin && !dateline; ++s)
      dateline = find_dateline(doc, doc.sentences[s]);
    if (!dateline || doc.mentions[dateline->place].entity < 0) return;
    const Mention& place = doc.mentions[dateline->place];
    for (std::size_t i = dateline->place + 1; i < doc.mentions.size() && doc.mentions[i].first < dateline->end; ++i) {
      const Mention& agency = doc.mentions[i];
      if (agency.type != EntityType::Org || agency.entity < 0) continue;
      v_.emit(static_cast<std::uint32_t>(agency.entity), "report from", static_cast<std::uint32_t>(place.entity),
              place.first, agency.last);
      return;
    }
  }

  // "X told Y", "Y was told by X", "X said to Y", "X said in a statement to Y".
  void addressee(std::uint32_t v) {
    const std::string lemma = v_.lemma(v);
    const bool direct = is_addressee_verb(lemma);
    if (!direct && !is_to_speech_verb(lemma)) return;
    if (blocked(v)) return;
    std::vector<Arg> speakers, addressees;
    std::string label = lemma;
    if (direct) {
      if (v_.has_child(v, "nsubj:pass") || v_.has_child(v, "aux:pass")) {
        v_.subjects_of(v, addressees);
        for (std::uint32_t c : v_.children(v))
          if (v_.tok(c).deprel == "obl:agent" ||
              (universal_deprel(v_.tok(c).deprel) == "obl" && v_.case_of(c) == "by"))
            v_.entities_of(c, speakers);
      } else {
        v_.subjects_of(v, speakers);
        for (std::uint32_t c : v_.children(v))
          if (v_.tok(c).deprel == "obj" || v_.tok(c).deprel == "iobj") v_.entities_of(c, addressees);
      }
    } else {
      v_.subjects_of(v, speakers);
      for (std::uint32_t c : v_.children(v)) {
        if (universal_deprel(v_.tok(c).deprel) != "obl") continue;
        const std::string p = v_.case_of(c);
        if (p == "to") {
          v_.entities_of(c, addressees);
          label = lemma + " to";
        } else if (p == "in" && is_statement_noun(lower(c))) {
          for (std::uint32_t k : v_.children(c))
            if (universal_deprel(v_.tok(k).deprel) == "nmod" && v_.case_of(k) == "to") {
              const std::size_t before = addressees.size();
              v_.entities_of(k, addressees);
              if (addressees.size() > before) label = lemma + " in " + lower(c) + " to";
            }
        }
      }
    }
    keep(speakers, false);
    keep(addressees, false);
    emit_all(speakers, "tell", addressees, v, label);
  }

  // "X, who speaks for Y", "X speaks for Y": the present tense states a standing role.
  void speaks_for(std::uint32_t v) {
    if (v_.lemma(v) != "speak" || !in(v_.tok(v).xpos, {"VBZ", "VBP"}) || blocked(v)) return;
    std::vector<Arg> bodies;
    for (std::uint32_t c : v_.children(v))
      if (universal_deprel(v_.tok(c).deprel) == "obl" && v_.case_of(c) == "for") bodies_of(c, bodies);
    if (bodies.empty()) return;
    keep(bodies, false);
    std::vector<Arg> speakers;
    v_.subjects_of(v, speakers);
    keep(speakers, true);
    emit_all(speakers, "spokesperson of", bodies, v, "speak for");
  }

  // The spokes-noun at t ("spokesman", "press secretary", "representative"), with its first
  // token; empty if t is none.
  std::string spokes_noun(std::uint32_t t, std::uint32_t& first) const {
    const std::string& w = lower(t);
    first = t;
    std::string noun;
    if (w.size() > 6 && w.starts_with("spokes")) {
      noun = w;
    } else if (in(w, {"representative", "representatives"}) && !starts_upper(norm(t)) && v_.tok(t).tag == "NOUN") {
      noun = w;
    } else if (!in(w, {"secretary", "secretaries"})) {
      return "";
    }
    if (t > sentence_first(t) && lower(t - 1) == "press") {
      first = t - 1;
      return "press " + w;
    }
    return noun;
  }

  // A former speaker is no longer one: "former spokesman", "ex-spokeswoman".
  bool former(std::uint32_t first, std::uint32_t t) const {
    if (lower(t).starts_with("ex-")) return true;
    const std::uint32_t sf = sentence_first(first);
    for (std::uint32_t k = first; k > sf && first - k < 3;) {
      --k;
      if (in(lower(k), {"former", "ex", "ex-", "erstwhile", "onetime", "one-time"})) return true;
      if (!is_spokes_modifier(lower(k)) && !in(lower(k), {"-"})) break;
    }
    for (std::uint32_t c : v_.children(t))
      if (in(lower(c), {"former", "ex", "erstwhile"})) return true;
    return false;
  }

  // The named body right before the spokes-noun: "Acme spokesman", "Acme's chief spokesman".
  int body_before(std::uint32_t first) const {
    const std::uint32_t sf = sentence_first(first);
    std::uint32_t k = first;
    while (k > sf && is_spokes_modifier(lower(k - 1)) && !starts_upper(norm(k - 1))) --k;
    if (k > sf && (norm(k - 1) == "'s" || norm(k - 1) == "'")) --k;
    if (k <= sf) return -1;
    const int m = v_.name_at(k - 1);
    if (m < 0 || mention(m).last != k || !is_party(mention(m).type) || is_demonym(mention(m))) return -1;
    return m;
  }

  // "a spokesman for Y, X", "X, a spokeswoman for Y", "Y spokesperson X", "X is Y's spokesman".
  void spokes(std::uint32_t t) {
    std::uint32_t first = t;
    const std::string noun = spokes_noun(t, first);
    if (noun.empty() || v_.name_at(t) >= 0 || former(first, t)) return;
    if (v_.negated(t) || v_.under_denial(t)) return;
    // A representative with a kind is an office, not a speaker: "sales representative",
    // "permanent representative", "ward representative".
    if (noun.starts_with("representative"))
      for (std::uint32_t c : v_.children(t))
        if (in(v_.tok(c).deprel, {"compound", "amod"}) && v_.name_at(c) < 0 && !is_spokes_modifier(lower(c))) return;
    // The speaker: the person whose title region holds the noun, the name in apposition
    // with it, or the subject of a copula or of an appointment ("was named spokesman").
    std::vector<Arg> speakers;
    if (v_.owner(t) >= 0) {
      const Mention& m = mention(v_.owner(t));
      if (m.type != EntityType::Person || t < m.title_first || t >= m.first) return;  // part of a name
      speakers.push_back(v_.arg_of(v_.owner(t)));
    } else {
      v_.entities_of(t, speakers);
      if (speakers.empty() && (v_.has_child(t, "cop") || v_.tok(t).deprel == "xcomp")) v_.subjects_of(t, speakers);
    }
    keep(speakers, true);
    if (speakers.empty()) return;
    // The body: the noun's "for"/"of" phrase or possessive, or the name right before it.
    std::vector<Arg> bodies;
    std::string label = noun + " of";
    for (std::uint32_t c : v_.children(t)) {
      const std::string& d = v_.tok(c).deprel;
      if (d == "nmod:poss") {
        bodies_of(c, bodies);
      } else if (universal_deprel(d) == "nmod") {
        const std::string p = v_.case_of(c);
        if (!is_holder_case(p)) continue;
        const std::size_t before = bodies.size();
        bodies_of(c, bodies);
        if (bodies.size() > before) label = noun + " " + p;
      }
    }
    if (const int m = body_before(first); m >= 0) bodies.push_back(v_.arg_of(m));
    keep(bodies, false);
    for (const Arg& s : speakers)
      for (const Arg& b : bodies)
        if (s.entity != b.entity) v_.emit(s, "spokesperson of", b, t, label);
  }

  ParseView v_;
};

}  // namespace

void find_reporting(Document& doc, const Lexicon& lexicon) { ReportingFrame(doc, lexicon).run(); }

}  // namespace kg::extract
