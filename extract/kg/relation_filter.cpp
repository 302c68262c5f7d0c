#include "extract/kg/relation_filter.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <span>
#include <string_view>
#include <utility>

#include "extract/kg/parse_view.h"
#include "extract/kg/relation_class.h"
#include "extract/kg/relation_words.h"
#include "extract/nlp/model_io.h"
#include "extract/text/error.h"
#include "extract/text/log.h"
#include "extract/text/text_util.h"

namespace kg::extract {
namespace {

// Changing what a feature means changes this string, and so the fingerprint every model
// file carries: an old model is then refused instead of read with the wrong features.
constexpr std::string_view kFeatureVersion = "relation-filter-features-1";
constexpr std::uint32_t kTemplate = 1;  // one template: features are whole strings
// A mention pairs with the next kPairWindow mentions of its sentence, no further.
constexpr std::size_t kPairWindow = 5;

// The bucket of n: the index of the first edge n does not exceed (as a digit), else the
// number of edges. At most nine edges.
std::string_view bucket(std::size_t n, std::initializer_list<std::size_t> edges) {
  static constexpr std::string_view kDigits = "0123456789";
  std::size_t i = 0;
  for (std::size_t e : edges) {
    if (n <= e) break;
    ++i;
  }
  return kDigits.substr(i, 1);
}

// The token of mention span [first, last) whose head lies outside it: the phrase's head.
std::int64_t head_of(const ParseView& v, std::uint32_t first, std::uint32_t last) {
  if (first >= last || !v.parsed(first)) return -1;
  return span_head(v.doc(), first, last);
}

// The chain t, head(t), head(head(t)), ... to the root (bounded, so a malformed parse with
// a cycle cannot loop): at most 65 tokens, written to `out`; returns how many.
constexpr std::size_t kMaxChain = 65;
std::size_t ancestors(const ParseView& v, std::uint32_t t, std::uint32_t (&out)[kMaxChain]) {
  std::size_t n = 0;
  out[n++] = t;
  for (int depth = 0; depth < 64; ++depth) {
    const std::int32_t h = v.tok(out[n - 1]).head;
    if (h < 0 || static_cast<std::uint32_t>(h) >= v.size()) break;
    out[n++] = static_cast<std::uint32_t>(h);
  }
  return n;
}

// The path between two tokens through their lowest common head: views of the two chains
// of heads, which the path holds itself (so it is not copied).
struct Path {
  bool found = false;
  std::uint32_t lca = 0;
  std::span<const std::uint32_t> up, down;  // x's side from x's head up (LCA excluded); y's the same
  std::uint32_t ax[kMaxChain], ay[kMaxChain];
  Path() = default;
  Path(const Path&) = delete;
  Path& operator=(const Path&) = delete;
};

void path_between(const ParseView& v, std::uint32_t hx, std::uint32_t hy, Path& p) {
  const std::size_t nx = ancestors(v, hx, p.ax), ny = ancestors(v, hy, p.ay);
  for (std::size_t i = 0; i < nx && !p.found; ++i) {
    const std::uint32_t* const end = p.ay + ny;
    const std::uint32_t* it = std::find(static_cast<const std::uint32_t*>(p.ay), end, p.ax[i]);
    if (it == end) continue;
    p.found = true;
    p.lca = p.ax[i];
    p.up = std::span<const std::uint32_t>(p.ax, i);
    p.down = std::span<const std::uint32_t>(static_cast<const std::uint32_t*>(p.ay), it);
  }
}

bool is_verb(const ParseView& v, std::uint32_t t) { return v.tok(t).tag == "VERB"; }

// Whether a relation of class `cls` can hold between ends of these types at all: only a
// place contains ("located in" Lyon, not "located in" a person), a part belongs to a body or
// a place, a member to a body, a people or a state, and a date relation has a date end.
bool fits(RelationClass cls, EntityType subject, EntityType object) {
  const auto one_of = [](EntityType t, std::initializer_list<EntityType> set) {
    return std::find(set.begin(), set.end(), t) != set.end();
  };
  using T = EntityType;
  const bool date = subject == T::Date || object == T::Date;
  switch (cls) {
    case RelationClass::Date: return date;
    // People are not "located in" a place: their being there is an event ("in", held_in).
    case RelationClass::LocatedIn: return !date && subject != T::Person && one_of(object, {T::Gpe, T::Loc});
    // A meeting is between people or the bodies and states they act for.
    case RelationClass::Meet:
      return one_of(subject, {T::Person, T::Org, T::Gpe}) && one_of(object, {T::Person, T::Org, T::Gpe});
    case RelationClass::HeldIn: return !date && one_of(object, {T::Gpe, T::Loc, T::Org});
    case RelationClass::PartOf:
      return subject != T::Person && !date && one_of(object, {T::Org, T::Gpe, T::Loc, T::Event, T::Norp});
    case RelationClass::Member: return !date && one_of(object, {T::Org, T::Norp, T::Gpe, T::Event});
    case RelationClass::Role:
    case RelationClass::Lead: return !date && one_of(subject, {T::Person, T::Org, T::Gpe});
    default: return !date;
  }
}

}  // namespace

std::string state_of(const Document& doc, std::uint32_t e, const Lexicon& lexicon) {
  const NameEntry* entry = lexicon.name(doc.entities[e].name);
  return entry && entry->type == EntityType::Gpe && entry->country != entry->canonical ? entry->country : std::string();
}

namespace {

// What the parse says links x to y (x's side `up`, y's side `down`), or "".
std::string path_predicate(const ParseView& v, const Path& p, std::uint32_t hx, std::uint32_t hy) {
  if (!p.found) return "";
  const std::uint32_t top_y = p.down.empty() ? hy : p.down.back();
  const std::string ycase = p.down.empty() ? "" : v.case_of(top_y);
  if (p.lca != hx && p.lca != hy) {
    const Token& head = v.tok(p.lca);
    if (is_verb(v, p.lca)) {
      // "X said Y had hired Z": Y is in what X said, which is all the path says of the two.
      const std::string_view clause = universal_deprel(v.tok(top_y).deprel);
      if (is_clausal_verb(v.lemma(p.lca)) && (clause == "ccomp" || clause == "parataxis")) return "say about";
      std::string out = v.predicate(p.lca);
      const std::string_view d = universal_deprel(v.tok(top_y).deprel);
      if ((d == "obl" || d == "nmod") && !ycase.empty() && ycase != "by") {
        out += " " + ycase;
      } else if (top_y != hy && v.owner(hy) >= 0 &&
                 (v.mention(v.owner(hy)).type == EntityType::Gpe || v.mention(v.owner(hy)).type == EntityType::Loc)) {
        // "builds cars at plants in Y": a place below the verb's object is where it is done.
        const std::string own = v.case_of(hy);
        if (own == "in" || own == "at") out += " " + own;
      }
      return out;
    }
    if (head.tag == "NOUN" && v.owner(p.lca) < 0) {
      std::string out = v.lemma(p.lca);
      if (!ycase.empty()) out += " " + ycase;
      return out;
    }
    return "";
  }
  if (p.lca == hx) {
    if (!ycase.empty() && ycase != "'s" && ycase != "'") return ycase;  // "X in Y", "X of Y", "X from Y"
    // "Y's X", "the Y X", "the Yish X" (a possessive, a compound or a demonym before X):
    // X of Y.
    const std::string_view d = universal_deprel(v.tok(top_y).deprel);
    if (d == "nmod" || d == "compound" || d == "amod") return "of";
  }
  return "";
}

class CandidateBuilder {
 public:
  CandidateBuilder(Document& doc, const Lexicon& lexicon, bool with_names)
      : view_(doc, lexicon), doc_(doc), with_names_(with_names) {}

  std::vector<PairCandidate> build() {
    type_names_.clear();
    states_.clear();
    for (std::uint32_t e = 0; e < doc_.entities.size(); ++e) {
      type_names_.push_back(compute_type_name(e));
      states_.push_back(state_of(doc_, e, view_.lexicon()));
    }
    index_triples();
    count_mentions();
    // The mentions of each sentence, in document order: sentence s has
    // by_sentence[starts[s], starts[s + 1]) (one array for the document, not one per sentence).
    const std::size_t sentences = doc_.sentences.size();
    std::vector<std::uint32_t> starts(sentences + 1, 0);
    for (const Mention& x : doc_.mentions)
      if (x.entity >= 0 && x.sentence < sentences) ++starts[x.sentence + 1];
    for (std::size_t s = 0; s < sentences; ++s) starts[s + 1] += starts[s];
    std::vector<const Mention*> by_sentence(starts[sentences]);
    {
      std::vector<std::uint32_t> next(starts.begin(), starts.end() - 1);
      for (const Mention& x : doc_.mentions)
        if (x.entity >= 0 && x.sentence < sentences) by_sentence[next[x.sentence]++] = &x;
    }
    for (std::uint32_t s = 0; s < sentences; ++s) {
      const std::span<const Mention* const> ms(by_sentence.data() + starts[s], starts[s + 1] - starts[s]);
      // A sentence naming very many entities is a list; pairs in it are bounded by a window.
      for (std::size_t i = 0; i < ms.size(); ++i)
        for (std::size_t j = i + 1; j < ms.size() && j <= i + kPairWindow; ++j) {
          const Mention& a = *ms[i];
          const Mention& b = *ms[j];
          if (a.entity == b.entity) continue;
          if (a.type == EntityType::Date && b.type == EntityType::Date) continue;
          if (overlaps(a, b)) continue;
          occurrence(s, a, b);
          occurrence(s, b, a);
        }
    }
    std::vector<PairCandidate> out;
    out.reserve(order_.size());
    for (const auto& key : order_) {
      Pending& p = pending_[key];
      PairCandidate& c = p.candidate;
      if (c.linked) {
        out.push_back(std::move(c));
        pending_.erase(key);
        continue;
      }
      const std::size_t n = p.sentence_count;
      add(p, {"n:", bucket(n, {1, 2, 4})});
      add(p, {"n:", bucket(n, {1, 2, 4}), types(c.subject, c.object)});
      p.names.merge(p.meeting_features);
      c.features = std::move(p.names.hashes);
      std::sort(c.features.begin(), c.features.end());
      c.features.erase(std::unique(c.features.begin(), c.features.end()), c.features.end());
      c.features.shrink_to_fit();  // kept until every pair is read
      if (with_names_) {
        c.feature_names = std::move(p.names.names);
        std::sort(c.feature_names.begin(), c.feature_names.end());
        c.feature_names.erase(std::unique(c.feature_names.begin(), c.feature_names.end()), c.feature_names.end());
      }
      out.push_back(std::move(c));
      pending_.erase(key);  // what is left of it is not read again
    }
    return out;
  }

 private:
  // Feature hashes, each with its text when the builder keeps names (else empty).
  struct Features {
    std::vector<std::uint64_t> hashes;
    std::vector<std::string> names;  // parallel to hashes, only when names are kept
    bool empty() const { return hashes.empty(); }
    void merge(Features& other) {
      hashes.insert(hashes.end(), other.hashes.begin(), other.hashes.end());
      for (std::string& n : other.names) names.push_back(std::move(n));
    }
  };
  struct Pending {
    PairCandidate candidate;
    Features names;
    // The distinct sentences the pair meets in, counted: they come in order.
    std::uint32_t sentence_count = 0, last_sentence = 0;
    std::size_t compact_at = 64;  // names.hashes is made distinct when it grows to this size
    std::size_t predicate_cost = 0;
    bool asserted_evidence = false;  // the evidence sentence is a meeting that is not negated
    Features meeting_features;  // of the most direct meeting
    std::size_t meeting_cost = 0;
  };

  static bool overlaps(const Mention& a, const Mention& b) {
    return a.title_first < b.last && b.title_first < a.last;
  }
  // The entity type, a place refined by the gazetteer: a state ("GPE/state") or a place
  // within one ("GPE/in"), so "Lyon in France" and "France in Spain" differ.
  const std::string& type_name(std::uint32_t e) const { return type_names_[e]; }
  std::string compute_type_name(std::uint32_t e) const {
    std::string out(to_string(doc_.entities[e].type));
    switch (place_kind(doc_, e, view_.lexicon())) {
      case PlaceKind::State: out += "/state"; break;
      case PlaceKind::Within: out += "/in"; break;
      case PlaceKind::Other: break;
    }
    return out;
  }
  std::string types(std::uint32_t x, std::uint32_t y) const {
    std::string out;
    out.reserve(2 + type_name(x).size() + type_name(y).size());
    out += '|';
    out += type_name(x);
    out += '>';
    out += type_name(y);
    return out;
  }

  void index_triples() {
    links_.assign(doc_.entities.size(), {});
    for (const Triple& t : doc_.triples) {
      const std::string cls = t.relation_class ? std::string(to_string(*t.relation_class)) : "?";
      linked_.insert({t.subject, t.object});
      linked_.insert({t.object, t.subject});
      links_[t.subject].emplace_back(t.object, cls + ">");
      links_[t.object].emplace_back(t.subject, cls + "<");
    }
  }
  void count_mentions() {
    mentions_.assign(doc_.entities.size(), 0);
    for (const Mention& m : doc_.mentions)
      if (m.entity >= 0 && static_cast<std::size_t>(m.entity) < mentions_.size()) ++mentions_[m.entity];
    // The most mentioned entity of each type: the article's protagonist.
    top_.assign(doc_.entities.size(), false);
    std::map<EntityType, std::pair<std::uint32_t, std::uint32_t>> best;  // type -> (count, entity)
    for (std::uint32_t e = 0; e < doc_.entities.size(); ++e) {
      auto& b = best[doc_.entities[e].type];
      if (mentions_[e] > b.first) b = {mentions_[e], e};
    }
    for (const auto& [type, b] : best)
      if (b.first > 1) top_[b.second] = true;
  }

  // Pair features go to the pair; features of one meeting go to that meeting's set while
  // it is read (sink_), and the pair keeps the set of its most direct meeting.
  // A feature is the concatenation of its parts, hashed as one string (FNV-1a runs over
  // the parts in turn) without building it unless names are kept.
  void add(Pending& p, std::initializer_list<std::string_view> parts) {
    Features& to = sink_ ? *sink_ : p.names;
    std::uint64_t h = fnv1a64("");
    for (const std::string_view part : parts) h = fnv1a64(part, h);
    to.hashes.push_back(feature_hash(kTemplate, h));
    if (with_names_) {
      std::string& text = to.names.emplace_back();
      for (const std::string_view part : parts) text += part;
    } else if (&to == &p.names && to.hashes.size() >= p.compact_at) {
      // A pair meeting in many sentences adds the same features again and again; build()
      // keeps each once (sorted), so the pair keeps them so as it goes.
      std::sort(to.hashes.begin(), to.hashes.end());
      to.hashes.erase(std::unique(to.hashes.begin(), to.hashes.end()), to.hashes.end());
      p.compact_at = std::max<std::size_t>(64, 2 * to.hashes.size());
    }
  }
  struct Meeting {
    CandidateBuilder& builder;
    Pending& pending;
    Features features;
    std::size_t cost = 1000;
    Meeting(CandidateBuilder& b, Pending& p) : builder(b), pending(p) { builder.sink_ = &features; }
    ~Meeting() {
      builder.sink_ = nullptr;
      if (pending.meeting_features.empty() || cost < pending.meeting_cost) {
        pending.meeting_cost = cost;
        pending.meeting_features = std::move(features);
        pending.meeting_features.hashes.shrink_to_fit();  // kept until the end: no spare room
      }
    }
  };

  void occurrence(std::uint32_t s, const Mention& x, const Mention& y) {
    const std::uint32_t ex = static_cast<std::uint32_t>(x.entity), ey = static_cast<std::uint32_t>(y.entity);
    const auto key = std::make_pair(ex, ey);
    auto it = pending_.find(key);
    if (it == pending_.end()) {
      it = pending_.emplace(key, Pending{}).first;
      order_.push_back(key);
      PairCandidate& c = it->second.candidate;
      c.subject = ex;
      c.object = ey;
      c.sentence = s;
      c.first = std::min(x.title_first, y.title_first);
      c.last = std::max(x.last, y.last);
      c.linked = linked_.count(key) > 0;
    }
    Pending& p = it->second;
    // A pair a frame linked is never scored: it keeps no features.
    if (p.candidate.linked) return;
    const bool first_time = p.sentence_count == 0 || p.last_sentence != s;
    if (first_time) {
      ++p.sentence_count;
      p.last_sentence = s;
    }
    const std::string ty = types(ex, ey);
    // Where the pair meets in the article; the headline and lead name the main relations.
    if (first_time && p.sentence_count == 1) {
      add(p, {"s:", bucket(s, {0, 1, 3, 6}), ty});
      add(p, {"t", ty});
      add(p, {"sx:", bucket(mentions_[ex], {1, 2, 4}), "|", type_name(ex)});
      add(p, {"sy:", bucket(mentions_[ey], {1, 2, 4}), "|", type_name(ey)});
      add(p, {"top:", (top_[ex] ? "1" : "0"), (top_[ey] ? "1" : "0"), ty});
      if (!doc_.entities[ex].titles.empty()) add(p, {"xtitled", ty});
      // A place and the state the gazetteer puts it in ("Lyon", "France"), or another state.
      const std::string& state = states_[ex];
      if (!state.empty() && type_names_[ey].ends_with("/state"))
        add(p, {state == doc_.entities[ey].name ? "x-within-y" : "x-within-other"});
      // What the frames already gave each end with others of the same kinds: a minister
      // the text calls Danish is less likely to be anything of another state.
      for (const auto& [other, cls] : links_[ex])
        if (other != ey && doc_.entities[other].type == doc_.entities[ey].type) add(p, {"xo:", cls, ty});
      for (const auto& [other, cls] : links_[ey])
        if (other != ex && doc_.entities[other].type == doc_.entities[ex].type) add(p, {"yo:", cls, ty});
      // (A pair a frame linked is never scored: for those scored no frame said anything.)
      add(p, {"f:none", ty});
    }
    Meeting meeting(*this, p);
    // The tokens between the two names.
    const bool x_first = x.first < y.first;
    const std::uint32_t gap_from = x_first ? x.last : y.last;
    const std::uint32_t gap_to = x_first ? y.title_first : x.title_first;
    const std::string_view order = x_first ? "xy" : "yx";
    const std::size_t gap = gap_to > gap_from ? gap_to - gap_from : 0;
    add(p, {"o:", order, ty});
    add(p, {"d:", bucket(gap, {0, 1, 3, 6, 10, 15}), order, ty});
    std::size_t commas = 0, names = 0, verbs = 0;
    bool only_and = gap > 0;
    std::string words;
    for (std::uint32_t t = gap_from; t < gap_to; ++t) {
      const std::string_view w = view_.lower(t);
      commas += w == ",";
      verbs += view_.tok(t).tag == "VERB";
      if (view_.owner(t) >= 0 && (t == gap_from || view_.owner(t) != view_.owner(t - 1))) ++names;
      if (w != "and" && w != ",") only_and = false;
      if (gap <= 4) {
        if (!words.empty()) words += '_';
        words += w;
      }
    }
    add(p, {"c:", bucket(commas, {0, 1}), "m:", bucket(names, {0, 1, 2}), "v:", bucket(verbs, {0, 1})});
    if (only_and) add(p, {"coord", ty});
    if (gap <= 4) add(p, {"b:", order, ":", words, ty});
    if (gap > 0) {
      add(p, {"bf:", view_.lower(gap_from), ty});
      add(p, {"bl:", view_.lower(gap_to - 1), ty});
    }
    if (!x.role.empty()) add(p, {"xrole", ty});
    if (!y.role.empty()) add(p, {"yrole", ty});
    if (y.title_first <= x.first && x.first < y.last) add(p, {"x-in-y", ty});
    if (x.title_first <= y.first && y.first < x.last) add(p, {"y-in-x", ty});
    if (x.first == x.title_first && x.first > 0 && s < doc_.sentences.size() &&
        x.first > doc_.sentences[s].first && view_.tok(x.first - 1).form == "'s")
      add(p, {"x-after-s"});

    PairCandidate& c = p.candidate;
    if (c.role.empty() && !x.role.empty()) c.role = x.role;
    // A meeting that is not negated: the pair is asserted, and its first such meeting is the
    // evidence until a more direct one comes.
    const auto asserted_here = [&] {
      c.asserted = true;
      if (p.asserted_evidence) return;
      p.asserted_evidence = true;
      c.sentence = s;
      c.first = std::min(x.title_first, y.title_first);
      c.last = std::max(x.last, y.last);
    };
    // The dependency path between the two names.
    const std::int64_t hx = head_of(view_, x.first, x.last), hy = head_of(view_, y.first, y.last);
    const bool negation_between = view_.negation_between(std::min(x.first, y.first), std::max(x.first, y.first));
    if (hx < 0 || hy < 0 || negation_between) {
      // Unparsed, or a negation between the names ("X did not meet Y") that no parse reads.
      add(p, {negation_between ? "negation-between" : "unparsed"});
      if (!negation_between) asserted_here();
      return;
    }
    Path path;
    path_between(view_, static_cast<std::uint32_t>(hx), static_cast<std::uint32_t>(hy), path);
    if (!path.found) {
      asserted_here();
      return;
    }
    std::string shape;
    for (std::uint32_t t : path.up) {
      shape += view_.tok(t).deprel;
      shape += '<';
    }
    const std::string_view lca_kind = path.lca == static_cast<std::uint32_t>(hx)   ? "X"
                                      : path.lca == static_cast<std::uint32_t>(hy) ? "Y"
                                                                                   : std::string_view(view_.tok(path.lca).tag);
    shape += lca_kind;
    for (auto t = path.down.rbegin(); t != path.down.rend(); ++t) {
      shape += '>';
      shape += view_.tok(*t).deprel;
    }
    const std::size_t length = path.up.size() + path.down.size();
    meeting.cost = length;
    if (length <= 5) {
      add(p, {"p:", shape});
      add(p, {"p:", shape, ty});
    } else {
      add(p, {"p:long", ty});
    }
    const std::string_view xrel = path.up.empty() ? "=" : std::string_view(view_.tok(path.up.back()).deprel);
    const std::string_view yrel = path.down.empty() ? "=" : std::string_view(view_.tok(path.down.back()).deprel);
    const std::string xcase = path.up.empty() ? "" : view_.case_of(path.up.back());
    const std::string ycase = path.down.empty() ? "" : view_.case_of(path.down.back());
    add(p, {"xr:", xrel, ":", xcase, ty});
    add(p, {"yr:", yrel, ":", ycase, ty});
    add(p, {"xyr:", xrel, ":", yrel, "|", lca_kind});
    if (!ycase.empty()) add(p, {"ycase:", ycase, ty});
    if (!xcase.empty()) add(p, {"xcase:", xcase, ty});
    // Negated: the head or a word on the path between the names (not the names' own heads)
    // carries a negation or sits under a denial ("X did not meet Y", "X denied meeting Y").
    bool negated = false;
    if (lca_kind != "X" && lca_kind != "Y") {
      const std::string& head = view_.lemma(path.lca);
      add(p, {"h:", head});
      add(p, {"h:", head, ty});
      add(p, {"hx:", head, ":", xrel, ":", yrel});
      negated = view_.negated(path.lca) || view_.under_denial(path.lca) || view_.hypothetical(path.lca);
    }
    for (const auto* side : {&path.up, &path.down})
      for (std::size_t k = 1; k < side->size(); ++k) {
        const std::uint32_t t = (*side)[k];
        if ((is_verb(view_, t) && (view_.negated(t) || view_.hypothetical(t))) || view_.under_denial(t)) negated = true;
      }
    const std::string predicate =
        path_predicate(view_, path, static_cast<std::uint32_t>(hx), static_cast<std::uint32_t>(hy));
    const bool verb = lca_kind == "VERB";
    // The kind the class rules give what the parse says ("hold talks with": meet), so a verb
    // never seen in training still counts by its kind.
    if (!predicate.empty())
      add(p, {"pc:", to_string(classify_relation(predicate, doc_.entities[ex].type, doc_.entities[ey].type, view_.lexicon())), ty});
    // The most direct statement wins: the shortest path, through a verb when one does.
    const std::size_t cost = length + (verb ? 0 : 2);
    if (negated) {
      add(p, {"negated"});
      return;  // a negated meeting gives neither the wording nor the evidence
    }
    asserted_here();
    if (!predicate.empty() && (c.predicate.empty() || cost < p.predicate_cost)) {
      p.predicate_cost = cost;
      c.predicate = predicate;
      c.verb = verb ? view_.predicate(path.lca) : "";
      // Verbs below the head on the object's side: "agreed to buy Y" says "buy" (and
      // "agree to buy"), "came to meet Y" says "meet".
      c.inner_verbs.clear();
      for (std::size_t k = path.down.size(); k-- > 1;) {
        const std::uint32_t t = path.down[k];
        if (!is_verb(view_, t)) continue;
        // A verb with a subject of its own is someone else's act ("said Y had hired Z"), and
        // one whose subject is Y says what Y did, not what was done to it.
        const std::string_view below_rel = universal_deprel(view_.tok(path.down[k - 1]).deprel);
        if (view_.has_child(t, "nsubj") || view_.has_child(t, "nsubj:pass") || below_rel == "nsubj" ||
            below_rel == "csubj")
          continue;
        std::string inner = view_.predicate(t);
        const std::string_view d = universal_deprel(view_.tok(path.down[k - 1]).deprel);
        const std::string below = view_.case_of(path.down[k - 1]);
        if ((d == "obl" || d == "nmod") && !below.empty() && below != "by") inner += " " + below;
        if (verb && view_.tok(t).deprel == "xcomp" && static_cast<std::uint32_t>(view_.tok(t).head) == path.lca)
          c.inner_verbs.push_back(view_.lemma(path.lca) + " to " + inner);
        c.inner_verbs.push_back(std::move(inner));
      }
      c.sentence = s;
      c.first = std::min({x.title_first, y.title_first, path.lca});
      c.last = std::max({x.last, y.last, path.lca + 1});
    }
    if (y.type == EntityType::Date && c.date_case.empty()) c.date_case = ycase;
  }

  ParseView view_;
  Document& doc_;
  bool with_names_;
  Features* sink_ = nullptr;
  std::vector<std::string> type_names_;  // per entity, computed once (a gazetteer lookup)
  std::vector<std::string> states_;      // per entity: the state the gazetteer puts it in
  std::set<std::pair<std::uint32_t, std::uint32_t>> linked_;  // pairs a triple joins, both ways
  std::vector<std::uint32_t> mentions_;
  std::vector<std::vector<std::pair<std::uint32_t, std::string>>> links_;  // per entity: (other end, class>/<)
  std::vector<bool> top_;
  std::map<std::pair<std::uint32_t, std::uint32_t>, Pending> pending_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> order_;
};

std::string fingerprint_text() { return std::string(kFeatureVersion); }

}  // namespace

PlaceKind place_kind(const Document& doc, std::uint32_t entity, const Lexicon& lexicon) {
  const Entity& e = doc.entities[entity];
  if (e.type != EntityType::Gpe) return PlaceKind::Other;
  const NameEntry* entry = lexicon.name(e.name);
  if (!entry || entry->type != EntityType::Gpe || entry->kind != NameKind::Name) return PlaceKind::Other;
  // A state's own entry names itself as its state (countries.tsv); a city names another.
  return entry->country.empty() || entry->country == entry->canonical ? PlaceKind::State : PlaceKind::Within;
}

std::vector<PairCandidate> relation_candidates(Document& doc, const Lexicon& lexicon, bool with_names) {
  return CandidateBuilder(doc, lexicon, with_names).build();
}

bool is_bare_preposition(std::string_view w) {
  static const std::set<std::string_view> kWords{"at", "of", "in", "on", "for", "with", "to", "by", "from",
                                                 "about", "into", "over", "under", "against", "after", "before"};
  return kWords.count(w) > 0;
}

std::vector<Wording> wordings(const PairCandidate& c, RelationClass cls, const Document& doc) {
  std::vector<Wording> out;
  const auto push = [&](std::string text, std::string kind) {
    if (text.empty()) return;
    for (const Wording& w : out)
      if (w.text == text) return;
    out.push_back({std::move(text), std::move(kind)});
  };
  // Towards a prize, a verb of giving reads from the side that gets it: "was awarded the
  // prize" -> "receive" (the giver's "award" would point the other way).
  const bool prize = doc.entities[c.object].type == EntityType::Award;
  const auto towards = [&](const std::string& text) -> std::string {
    if (!prize) return text;
    const std::string verb = text.substr(0, text.find(' '));
    return is_giving_verb(verb) ? "receive" : text;
  };
  push(towards(c.predicate), "path");
  push(towards(c.verb), "verb");
  for (const std::string& v : c.inner_verbs) push(towards(v), "inner");
  if (!c.role.empty()) push(c.role + " of", "role");
  const EntityType object = doc.entities[c.object].type;
  const bool date = object == EntityType::Date;
  const auto plain = [&](RelationClass k) {
    if ((k == RelationClass::Date) != date) return;
    switch (k) {
      case RelationClass::Meet: push("meet", "plain"); push("talk with", "plain"); break;
      case RelationClass::Lead: push("lead", "plain"); break;
      case RelationClass::Role: push("work for", "plain"); push("represent", "plain"); push("lead", "plain"); break;
      case RelationClass::Member: push("member of", "plain"); push("play for", "plain"); break;
      case RelationClass::Said: push("say about", "plain"); push("say", "plain"); break;
      case RelationClass::Quote: push("quote", "plain"); break;
      case RelationClass::LocatedIn: push("located in", "plain"); push("in", "plain"); push("from", "plain"); break;
      case RelationClass::HeldIn: push("in", "plain"); push("at", "plain"); break;
      case RelationClass::Date: push(c.date_case, "path"); push("on", "plain"); push("in", "plain"); break;
      case RelationClass::PartOf: push("part of", "plain"); break;
      case RelationClass::Other:
        // Where the text names no verb, only a wording that asserts no event: "from".
        if (object == EntityType::Gpe || object == EntityType::Norp || object == EntityType::Loc) push("from", "plain");
        break;
    }
  };
  // The predicted class's wordings, then every other class's: the ranker, which knows the
  // predicted class as a feature, may prefer another kind's wording ("member of" for a role).
  plain(cls);
  for (const RelationClass k : kRelationClasses) plain(k);
  if (out.empty()) push("related to", "plain");
  return out;
}

std::vector<std::uint64_t> wording_features(const PairCandidate& c, RelationClass cls, const Wording& w,
                                            const Document& doc) {
  // Each feature is the hash of a concatenation of parts; FNV-1a runs over the parts in turn,
  // so no concatenation is built: piece_hash(a + b) == fnv1a64(b, piece_hash(a)).
  const auto more = [](std::uint64_t h, std::initializer_list<std::string_view> parts) {
    for (const std::string_view part : parts) h = fnv1a64(part, h);
    return h;
  };
  const std::string_view cls_name = to_string(cls);
  const std::uint64_t k = more(piece_hash(""), {"w:", w.kind, "|", cls_name});
  const std::uint64_t literal = more(piece_hash(""), {"wt:", w.kind == "plain" ? w.text : w.kind, "|", cls_name});
  const std::initializer_list<std::string_view> types{"|", to_string(doc.entities[c.subject].type), ">",
                                                      to_string(doc.entities[c.object].type)};
  const bool with_prep = w.kind == "path" && w.text.find(' ') != std::string::npos;
  std::vector<std::uint64_t> out;
  out.reserve(6 + c.features.size());
  for (const std::uint64_t f : {k, more(k, types), literal, more(literal, types),
                                more(more(k, {with_prep ? "|prep" : "|bare"}), types), more(piece_hash("wt:"), {w.text})})
    out.push_back(feature_hash(kTemplate, f));
  // The wording with each of the pair's features: what in the text calls for "from" or "in".
  const std::uint64_t which = piece_hash(w.kind == "plain" ? w.text : w.kind);
  for (const std::uint64_t f : c.features) out.push_back(feature_hash(kTemplate + 1, f, which));
  return out;
}

std::uint64_t RelationFilter::fingerprint() {
  static const std::uint64_t value = fnv1a64(fingerprint_text());
  return value;
}

RelationFilter::RelationFilter(FrozenWeights weights, float margin, std::string description)
    : weights_(std::move(weights)), margin_(margin), description_(std::move(description)) {}

RelationFilter RelationFilter::load(const std::filesystem::path& path) {
  const ModelFile file = read_model_file(path, kKind, fingerprint());
  BinaryReader in = file.payload();
  RelationFilter f;
  f.description_ = in.string("description");
  f.margin_ = in.f32("margin");
  f.weights_ = FrozenWeights::read(in);
  if (f.weights_.classes() != kFilterClasses)
    in.fail("weights are for " + std::to_string(f.weights_.classes()) + " classes, the filter needs " +
            std::to_string(kFilterClasses));
  in.expect_end("the relation filter");
  return f;
}

void RelationFilter::save(const std::filesystem::path& path) const {
  BinaryWriter w;
  w.string(description_);
  w.f32(margin_);
  weights_.write(w, true);
  write_model_file(path, kKind, fingerprint(), w.take());
}

void RelationFilter::score(const PairCandidate& c, std::vector<float>& scores) const {
  scores.assign(kFilterClasses, 0.0f);
  weights_.score(c.features, scores);
}

std::pair<std::uint32_t, float> RelationFilter::predict(const PairCandidate& c) const {
  std::vector<float> scores;
  score(c, scores);
  std::uint32_t best = 2;
  for (std::uint32_t k = 3; k < kWordingOutput; ++k)
    if (scores[k] > scores[best]) best = k;
  const float lead = scores[1] - scores[0];
  return lead > margin_ ? std::make_pair(best - 1, lead) : std::make_pair(0u, lead);
}

std::string RelationFilter::relation(const PairCandidate& c, RelationClass cls, const Document& doc) const {
  std::vector<Wording> options = wordings(c, cls, doc);
  // Only wordings whose kind fits the two ends ("part of" a person does not).
  const EntityType subject = doc.entities[c.subject].type, object = doc.entities[c.object].type;
  std::vector<Wording> fitting;
  // "from" says where a person comes from: only a place or a people is that. A body is
  // based or active somewhere rather than from it.
  const bool origin = object == EntityType::Gpe || object == EntityType::Loc || object == EntityType::Norp;
  const bool person_origin = origin && subject == EntityType::Person;
  // A preposition alone ("at", "of") says where or when, of a place or a date; between two
  // parties it says nothing ("the court at the minister").
  const bool where_or_when = origin || object == EntityType::Event || object == EntityType::Date;
  for (Wording& w : options)
    if (fits(classify_relation(w.text, subject, object), subject, object) && (person_origin || w.text != "from") &&
        (where_or_when || !is_bare_preposition(w.text)))
      fitting.push_back(std::move(w));
  if (fitting.empty()) return "";
  options = std::move(fitting);
  std::vector<float> scores(kFilterClasses);
  std::size_t best = 0;
  float best_score = 0;
  for (std::size_t i = 0; i < options.size(); ++i) {
    std::fill(scores.begin(), scores.end(), 0.0f);
    weights_.add_scores(wording_features(c, cls, options[i], doc), scores, kWordingOutput, kWordingOutput + 1);
    if (i == 0 || scores[kWordingOutput] > best_score) {
      best = i;
      best_score = scores[kWordingOutput];
    }
  }
  return options[best].text;
}

void RelationFilter::apply(Document& doc, const Lexicon& lexicon) const {
  const std::vector<PairCandidate> candidates = relation_candidates(doc, lexicon);
  std::vector<PlaceKind> kinds(doc.entities.size());
  for (std::uint32_t e = 0; e < doc.entities.size(); ++e) kinds[e] = place_kind(doc, e, lexicon);
  const auto state = [&](std::uint32_t e) { return kinds[e] == PlaceKind::State; };
  // A person belongs to one state: where the frames already tie a person to a state (a
  // role, membership or origin: "Danish minister", "Jo Park of Denmark"), the filter ties
  // them to no other by such a relation.
  const auto ties = [](RelationClass cls, std::string_view relation) {
    return cls == RelationClass::Role || cls == RelationClass::Member || cls == RelationClass::LocatedIn ||
           cls == RelationClass::Lead || relation == "from";
  };
  std::map<std::uint32_t, std::set<std::uint32_t>> person_states;
  for (const Triple& t : doc.triples)
    if (t.relation_class && ties(*t.relation_class, t.relation) && doc.entities[t.subject].type == EntityType::Person &&
        state(t.object))
      person_states[t.subject].insert(t.object);
  // What no model overrides: a class must fit its ends' types; one state is never located
  // in, nor part of, another (the gazetteer knows which places are states); a person tied
  // to one state is tied to no other. `relation` is empty before the wording is chosen.
  const auto admissible = [&](const PairCandidate& c, RelationClass cls, std::string_view relation) {
    if (!fits(cls, doc.entities[c.subject].type, doc.entities[c.object].type)) return false;
    if ((cls == RelationClass::LocatedIn || cls == RelationClass::PartOf) && state(c.subject) && state(c.object))
      return false;
    if (ties(cls, relation) && doc.entities[c.subject].type == EntityType::Person && state(c.object)) {
      const auto it = person_states.find(c.subject);
      if (it != person_states.end() && !it->second.count(c.object)) return false;
    }
    return true;
  };
  // Both directions of a pair are scored; the better one, if any, becomes the triple.
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::pair<std::size_t, std::pair<std::uint32_t, float>>> best;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const PairCandidate& c = candidates[i];
    if (c.linked || !c.asserted) continue;  // a pair that meets only in negated clauses is not related
    const auto guess = predict(c);
    log::debug("{}: relation filter: {} -> {}: {} (related by {:.1f}), wording '{}'", doc.name,
               doc.entities[c.subject].name, doc.entities[c.object].name,
               guess.first == 0 ? std::string_view("none") : to_string(kRelationClasses[guess.first - 1]),
               guess.second, c.predicate);
    if (guess.first == 0) continue;
    if (!admissible(c, kRelationClasses[guess.first - 1], "")) continue;
    const auto key = std::minmax(c.subject, c.object);
    auto it = best.find(key);
    if (it == best.end() || guess.second > it->second.second.second) best[key] = {i, guess};
  }
  std::vector<std::size_t> chosen;
  for (const auto& [key, value] : best) chosen.push_back(value.first);
  std::sort(chosen.begin(), chosen.end());  // candidate order: by first meeting
  for (std::size_t i : chosen) {
    const PairCandidate& c = candidates[i];
    RelationClass cls = kRelationClasses[best[std::minmax(c.subject, c.object)].second.first - 1];
    const Sentence& sentence = doc.sentences[c.sentence];
    const std::uint32_t first = std::max(c.first, sentence.first);
    const std::uint32_t last = std::min(std::max(c.last, first + 1), sentence.last);
    Triple t;
    t.subject = c.subject;
    t.object = c.object;
    t.relation = relation(c, cls, doc);
    if (t.relation.empty()) continue;
    t.label = t.relation;
    // A wording that names its kind ("meet", "member of") keeps the class every reader of
    // the graph would give it; the predicted class stands where the wording is neutral.
    const RelationClass said = classify_relation(t.relation, doc.entities[c.subject].type,
                                                 doc.entities[c.object].type, lexicon);
    if (said != RelationClass::Other) cls = said;
    if (!admissible(c, cls, t.relation)) continue;
    t.sentence = c.sentence;
    t.begin = doc.tokens[first].begin;
    t.end = doc.tokens[last - 1].end;
    t.relation_class = cls;
    doc.triples.push_back(std::move(t));
  }
}

namespace {

// One averaged perceptron over the examples in the order `seed` shuffles them; every
// feature it may have a weight for goes into `features_seen`.
TrainingWeights train_once(const std::vector<FilterExample>& examples, const std::vector<std::vector<std::uint64_t>>& kept,
                           int iterations, std::uint64_t seed, std::set<std::uint64_t>& features_seen) {
  TrainingWeights weights(kFilterClasses);
  std::vector<std::size_t> order(examples.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(seed);
  std::vector<float> scores(kFilterClasses);
  for (int it = 0; it < iterations; ++it) {
    std::shuffle(order.begin(), order.end(), rng);
    for (std::size_t i : order) {
      const FilterExample& e = examples[i];
      const PairCandidate& c = *e.candidate;
      const std::vector<std::uint64_t>& features = kept[i];
      weights.score(features, scores);
      // Related or not, from every example; which class and which wording, from the related ones.
      weights.update(e.label > 0 ? 1 : 0, scores[1] > scores[0] ? 1 : 0, features);
      if (e.label == 0) continue;
      std::uint32_t guess = 2;
      for (std::uint32_t k = 3; k < kWordingOutput; ++k)
        if (scores[k] > scores[guess]) guess = k;
      if (guess != e.label + 1) {
        weights.adjust(e.label + 1, features, 1.0f);
        weights.adjust(guess, features, -1.0f);
      }
      const RelationClass cls = kRelationClasses[e.label - 1];
      const std::vector<Wording> choices = wordings(c, cls, *e.doc);
      std::vector<std::vector<std::uint64_t>> wording;
      std::vector<float> rank;
      int best_right = -1, best = -1;
      for (std::size_t k = 0; k < choices.size(); ++k) {
        wording.push_back(wording_features(c, cls, choices[k], *e.doc));
        features_seen.insert(wording.back().begin(), wording.back().end());
        weights.score(wording.back(), scores);
        rank.push_back(scores[kWordingOutput]);
        const bool right = std::find(e.predicates.begin(), e.predicates.end(), choices[k].text) != e.predicates.end();
        if (right && (best_right < 0 || rank[k] > rank[static_cast<std::size_t>(best_right)])) best_right = static_cast<int>(k);
        if (best < 0 || rank[k] > rank[static_cast<std::size_t>(best)]) best = static_cast<int>(k);
      }
      if (best_right < 0 || best == best_right) continue;
      weights.adjust(kWordingOutput, wording[static_cast<std::size_t>(best_right)], 1.0f);
      weights.adjust(kWordingOutput, wording[static_cast<std::size_t>(best)], -1.0f);
    }
  }
  for (const auto& f : kept) features_seen.insert(f.begin(), f.end());
  return weights;
}

}  // namespace

RelationFilter train_relation_filter(const std::vector<FilterExample>& examples, const RelationFilterTraining& options) {
  // Features of fewer than min_count examples are left out: with a few hundred related
  // pairs, a feature seen once is noise the perceptron would learn by heart.
  std::map<std::uint64_t, std::uint32_t> seen;
  for (const FilterExample& e : examples)
    for (const std::uint64_t f : e.candidate->features) ++seen[f];
  std::vector<std::vector<std::uint64_t>> kept(examples.size());
  for (std::size_t i = 0; i < examples.size(); ++i)
    for (const std::uint64_t f : examples[i].candidate->features)
      if (seen[f] >= options.min_count) kept[i].push_back(f);
  // A perceptron on a few hundred related pairs depends on the order it sees them in; the
  // mean of `ensemble` perceptrons, each with its own order, does much less.
  std::map<std::uint64_t, std::vector<double>> sum;
  for (std::uint32_t k = 0; k < std::max(1u, options.ensemble); ++k) {
    std::set<std::uint64_t> used;
    const TrainingWeights weights = train_once(examples, kept, options.iterations, options.seed + k, used);
    for (const std::uint64_t f : used) {
      std::vector<double>& row = sum[f];
      row.resize(kFilterClasses, 0.0);
      for (std::uint32_t cls = 0; cls < kFilterClasses; ++cls) row[cls] += weights.averaged(f, cls);
    }
  }
  FrozenWeights frozen(kFilterClasses);
  const double n = std::max(1u, options.ensemble);
  std::vector<FrozenWeights::Entry> entries;
  for (const auto& [f, row] : sum) {
    entries.clear();
    for (std::uint32_t cls = 0; cls < kFilterClasses; ++cls) {
      const float w = static_cast<float>(row[cls] / n);
      if (w != 0.0f && std::isfinite(w)) entries.push_back({w, cls});
    }
    if (!entries.empty()) frozen.add(f, entries);
  }
  return RelationFilter(std::move(frozen), options.margin, options.description);
}

}  // namespace kg::extract
