#include "extract/kg/parse_view.h"

#include <algorithm>

#include "extract/kg/coreference.h"
#include "extract/kg/relation_filter.h"
#include "extract/kg/relation_words.h"
#include "extract/text/text_util.h"

namespace kg::extract {
namespace {

bool is_denial(std::string_view lemma) { return in(lemma, {"deny", "reject", "dismiss", "refute"}); }

}  // namespace

std::string_view universal_deprel(std::string_view deprel) { return deprel.substr(0, deprel.find(':')); }

ParseView::ParseView(Document& doc, const Lexicon& lexicon) : doc_(doc), lexicon_(lexicon), pronouns_(doc) {
  const std::size_t n = doc_.tokens.size();
  // The sentences are the blocks when they cover the tokens in order, as the tokenizer
  // makes them; otherwise (a hand-built document) the whole document is one block.
  by_sentence_ = !doc_.sentences.empty() && doc_.sentences.front().first == 0 && doc_.sentences.back().last == n;
  for (std::size_t s = 0; by_sentence_ && s < doc_.sentences.size(); ++s)
    by_sentence_ = doc_.sentences[s].first < doc_.sentences[s].last &&
                   (s == 0 || doc_.sentences[s].first == doc_.sentences[s - 1].last);
  if (by_sentence_) {
    for (const Sentence& s : doc_.sentences) block_first_.push_back(s.first);
  } else {
    block_first_.push_back(0);
    sentence_of_.assign(n, 0);
    for (std::uint32_t s = 0; s < doc_.sentences.size(); ++s)
      for (std::uint32_t t = doc_.sentences[s].first; t < doc_.sentences[s].last && t < n; ++t) sentence_of_[t] = s;
  }
  block_first_.push_back(static_cast<std::uint32_t>(n));
  const std::size_t blocks = block_first_.size() - 1;
  const auto block_of = [&](std::uint32_t t) {
    const auto it = std::upper_bound(block_first_.begin(), block_first_.end() - 1, t);
    return static_cast<std::size_t>(it - block_first_.begin()) - 1;
  };
  // Each mention goes to every block its tokens (title region included) reach into.
  std::vector<std::pair<std::size_t, std::size_t>> reach(doc_.mentions.size(), {1, 0});  // blocks [first, last]
  block_mention_start_.assign(blocks + 1, 0);
  for (std::size_t i = 0; i < doc_.mentions.size(); ++i) {
    const Mention& m = doc_.mentions[i];
    if (m.entity < 0) continue;
    const std::uint32_t lo = std::min(m.title_first, m.first);
    const std::uint32_t hi = std::min<std::uint32_t>(m.last, static_cast<std::uint32_t>(n));
    if (lo >= hi) continue;
    reach[i] = {block_of(lo), block_of(hi - 1)};
    for (std::size_t b = reach[i].first; b <= reach[i].second; ++b) ++block_mention_start_[b + 1];
  }
  for (std::size_t b = 0; b < blocks; ++b) block_mention_start_[b + 1] += block_mention_start_[b];
  block_mentions_.assign(block_mention_start_[blocks], 0);
  std::vector<std::uint32_t> fill(block_mention_start_.begin(), block_mention_start_.end() - 1);
  for (std::size_t i = 0; i < doc_.mentions.size(); ++i)
    for (std::size_t b = reach[i].first; b <= reach[i].second; ++b)
      block_mentions_[fill[b]++] = static_cast<std::uint32_t>(i);
  std::vector<std::uint32_t> child_start(n + 1, 0);
  for (std::uint32_t t = 0; t < n; ++t) {
    const std::int32_t h = doc_.tokens[t].head;
    if (h >= 0 && static_cast<std::size_t>(h) < n) ++child_start[static_cast<std::size_t>(h) + 1];
  }
  for (std::size_t i = 0; i < n; ++i) child_start[i + 1] += child_start[i];
  child_list_.assign(child_start[n], 0);
  fill.assign(child_start.begin(), child_start.end() - 1);
  for (std::uint32_t t = 0; t < n; ++t) {
    const std::int32_t h = doc_.tokens[t].head;
    if (h >= 0 && static_cast<std::size_t>(h) < n) child_list_[fill[static_cast<std::size_t>(h)]++] = t;
  }
  for (const std::uint32_t first : block_first_) block_child_start_.push_back(child_start[first]);
  for (std::size_t i = 0; i < doc_.mentions.size(); ++i) {
    const Mention& m = doc_.mentions[i];
    if (m.entity >= 0 && m.type == EntityType::Person && !m.role.empty())
      titled_by_role_[std::string(m.role)].push_back(static_cast<int>(i));
    if (m.entity >= 0 && m.type == EntityType::Org)
      organisation_mentions_.push_back({m.first, m.last, static_cast<std::uint32_t>(m.entity)});
  }
  std::sort(organisation_mentions_.begin(), organisation_mentions_.end());
  // Body nouns set beside an organisation's name, either way round: the noun hangs on the
  // name as its apposition, or the name on the noun.
  // The organisation mention that starts at or before t and covers it, if any.
  const auto covering = [&](std::uint32_t t) {
    const auto it = std::upper_bound(organisation_mentions_.begin(), organisation_mentions_.end(), t,
                                     [](std::uint32_t k, const OrganisationMention& m) { return k < m.first; });
    return it == organisation_mentions_.begin() || std::prev(it)->last <= t ? organisation_mentions_.end() : std::prev(it);
  };
  const auto organisation_at = [&](std::uint32_t t) {
    const auto it = covering(t);
    return it == organisation_mentions_.end() ? -1 : static_cast<int>(it->entity);
  };
  const auto body_noun = [&](std::uint32_t t) {
    return doc_.tokens[t].xpos == "NN" && names_one_organisation(lower_of(doc_.tokens[t].norm).str());
  };
  // Interned once: the loop compares numbers, not strings.
  const Word comma(","), the("the");
  const Label appos("appos");
  for (std::uint32_t t = 0; t < n && !organisation_mentions_.empty(); ++t) {
    const Token& tok = doc_.tokens[t];
    // The parser may hang the name elsewhere; "the national team, the Kestrels." closing the
    // sentence or an aside says the same.
    if (t + 2 < n && doc_.tokens[t + 1].norm == comma && body_noun(t) && sentence_of(t + 2) == sentence_of(t)) {
      const std::uint32_t name = doc_.tokens[t + 2].norm == the ? t + 3 : t + 2;
      const auto org = name < n ? covering(name) : organisation_mentions_.end();
      if (org != organisation_mentions_.end() && org->first == name &&
          (org->last >= n || sentence_of(org->last) != sentence_of(t) ||
           in(doc_.tokens[org->last].norm.str(), {",", ".", ")", ";"}))) {
        introduced_bodies_.emplace_back(t, lower_of(tok.norm).str(), org->entity);
        continue;
      }
    }
    if (tok.deprel != appos || tok.head < 0 || static_cast<std::size_t>(tok.head) >= n) continue;
    const auto h = static_cast<std::uint32_t>(tok.head);
    int entity = -1;
    std::uint32_t noun = 0;
    if (body_noun(t) && (entity = organisation_at(h)) >= 0) noun = t;  // "Acme, the company"
    else if (body_noun(h) && organisation_at(h) < 0 && (entity = organisation_at(t)) >= 0) noun = h;  // "the team, the Kestrels"
    if (entity >= 0)
      introduced_bodies_.emplace_back(noun, lower_of(doc_.tokens[noun].norm).str(), static_cast<std::uint32_t>(entity));
  }
  std::sort(introduced_bodies_.begin(), introduced_bodies_.end());
  for (const Triple& t : doc_.triples) seen_.insert({t.sentence, t.subject, t.relation, t.object});
}

const ParseView::Window& ParseView::load(std::uint32_t t) const {
  std::swap(windows_[0], windows_[1]);
  Window& w = windows_[0];
  if (t - w.first < w.last - w.first) return w;  // the other window had it
  const auto block = static_cast<std::uint32_t>(
      std::upper_bound(block_first_.begin(), block_first_.end() - 1, t) - block_first_.begin() - 1);
  w.block = block;
  w.first = block_first_[block];
  w.last = block_first_[block + 1];
  w.tokens.assign(w.last - w.first, TokenIndex{});
  // The block's heads' dependents are child_list_[block_child_start_[block], ...[block + 1]).
  w.child_start.assign(w.last - w.first + 1, 0);
  const std::uint32_t child_from = block_child_start_[block], child_to = block_child_start_[block + 1];
  for (std::uint32_t k = child_from; k < child_to; ++k)
    ++w.child_start[static_cast<std::uint32_t>(doc_.tokens[child_list_[k]].head) - w.first + 1];
  w.child_start[0] = child_from;
  for (std::size_t i = 1; i < w.child_start.size(); ++i) w.child_start[i] += w.child_start[i - 1];
  // The same rules as over the whole document: mentions in order, the widest wins a token.
  const auto width = [&](int m) { return mention(m).last - mention(m).title_first; };
  for (std::uint32_t k = block_mention_start_[block]; k < block_mention_start_[block + 1]; ++k) {
    const int index = static_cast<int>(block_mentions_[k]);
    const Mention& m = mention(index);
    const std::uint32_t from = std::max(m.title_first, w.first), to = std::min(m.last, w.last);
    if (m.type == EntityType::Date) {
      for (std::uint32_t x = std::max(m.first, w.first); x < to; ++x) w.at(x).date = index;
      continue;
    }
    for (std::uint32_t x = from; x < to; ++x) {
      int& owner = w.at(x).owner;
      if (owner < 0 || m.last - m.title_first > static_cast<std::uint32_t>(width(owner))) owner = index;
    }
    for (std::uint32_t x = std::max(m.first, w.first); x < to; ++x) {
      int& name = w.at(x).name;
      if (name < 0 || m.last - m.first > mention(name).last - mention(name).first) name = index;
    }
  }
  return w;
}

const std::string& ParseView::lemma(std::uint32_t t) const {
  window(t);
  if (const Word cached = windows_[0].at(t).lemma; !cached.empty()) return cached.str();
  Word found;
  bool known = false;
  if (tok(t).tag == "VERB")
    if (auto entry = lexicon_.verb(lower(t))) {
      found = Word(entry->lemma);
      known = true;
    }
  if (!known) found = tok(t).lemma.empty() ? lower_word(t) : tok(t).lemma;
  window(t);
  windows_[0].at(t).lemma = found;
  return found.str();
}

std::string ParseView::predicate(std::uint32_t t) const {
  std::string out = lemma(t);
  for (std::uint32_t c : children(t))
    if (tok(c).deprel == "compound:prt") out += " " + lower(c);
  return out;
}

bool ParseView::has_child(std::uint32_t t, std::string_view deprel) const {
  for (std::uint32_t c : children(t))
    if (tok(c).deprel == deprel) return true;
  return false;
}

std::string ParseView::case_of(std::uint32_t t) const {
  std::string out;
  for (std::uint32_t c : children(t)) {
    if (c > t) continue;
    if (tok(c).deprel == "case") out = out.empty() ? lower(c) : out + " " + lower(c);  // "on behalf of", "out of"
  }
  return out;
}

bool ParseView::negated(std::uint32_t t) const {
  for (std::uint32_t c : children(t))
    if ((universal_deprel(tok(c).deprel) == "advmod" || tok(c).deprel == "det") && is_negation(lower(c))) return true;
  return false;
}

bool ParseView::under_denial(std::uint32_t t) const {
  std::int32_t h = tok(t).head;
  for (int depth = 0; h >= 0 && depth < 8; ++depth) {
    const std::uint32_t u = static_cast<std::uint32_t>(h);
    if (is_denial(lemma(u))) return true;
    if (universal_deprel(tok(t).deprel) == "ccomp" && negated(u)) return true;
    t = u;
    h = tok(u).head;
  }
  return false;
}

bool ParseView::hypothetical(std::uint32_t t) const {
  for (std::uint32_t c : children(t)) {
    const std::string_view d = universal_deprel(tok(c).deprel);
    // "would" in a reported clause is reported "will" ("said it would impose sanctions").
    const bool reported = universal_deprel(tok(t).deprel) == "ccomp";
    if (d == "aux" && in(lower(c), {"could", "might", "may", "should"})) return true;
    if (d == "aux" && in(lower(c), {"would", "'d"}) && !reported) return true;
    if (d == "mark" && in(lower(c), {"if", "unless", "whether"})) return true;
  }
  return false;
}

bool ParseView::negation_between(std::uint32_t a, std::uint32_t b) const {
  for (std::uint32_t t = a + 1; t < b && t < size(); ++t)
    if (is_negation(lower(t))) return true;
  return false;
}

Arg ParseView::arg_of(int m) const {
  const Mention& x = mention(m);
  return {static_cast<std::uint32_t>(x.entity), x.title_first, x.last};
}

void ParseView::entities_of(std::uint32_t t, std::vector<Arg>& out, int depth) const {
  if (depth > 6) return;
  if (owner(t) >= 0) {
    // "the Japanese Jo Park", "French Ann Lee": a nationality right before a person's name
    // describes the person, whichever of the two the parser made the head.
    const Mention& m = mention(owner(t));
    if (m.last < size() && sentence_of(m.last) == sentence_of(t)) {
      const int next = name_at(m.last);
      if (next >= 0 && mention(next).first == m.last && mention(next).type == EntityType::Person &&
          lexicon_.is_demonym(m.text)) {
        entities_of(span_head(doc_, mention(next).first, mention(next).last), out, depth + 1);
        return;
      }
    }
    // "The Museum of Arts, Kalvik named ...": a city right after an organisation's (or a
    // building's) name and a comma is its address; the organisation is the party.
    if (const int org = addressed_organisation(owner(t)); org >= 0) {
      out.push_back(arg_of(org));
      return;
    }
    out.push_back(arg_of(owner(t)));
    for (const int listed : listed_with(owner(t))) out.push_back(arg_of(listed));
  } else if (is_personal_pronoun(lower(t)) && (tok(t).tag == "PRON" || tok(t).tag.empty())) {
    for (std::uint32_t e : antecedents(t)) out.push_back({e, t, t + 1});
  } else if (in(lower(t), {"i", "me", "we", "us"}) && tok(t).tag == "PRON") {
    if (const int speaker = quote_speaker(t); speaker >= 0) out.push_back({static_cast<std::uint32_t>(speaker), t, t + 1});
  } else if (tok(t).tag == "NOUN") {
    // "X, an analyst who ...": the noun stands for the name it is in apposition with, either
    // way round ("the chairman of Y, X, said").
    if (tok(t).deprel == "appos" && tok(t).head >= 0 && owner(static_cast<std::uint32_t>(tok(t).head)) >= 0) {
      out.push_back(arg_of(owner(static_cast<std::uint32_t>(tok(t).head))));
      return;
    }
    for (std::uint32_t c : children(t))
      if (tok(c).deprel == "appos" && owner(c) >= 0) {
        out.push_back(arg_of(owner(c)));
        return;
      }
    // "his Danish counterpart Lars Berg": a person's name right after a singular noun
    // is that person, however the parser hung it (not the subject of a clause of its own:
    // "the firm Jo Park founded").
    if (tok(t).xpos != "NNS" && t + 1 < size() && sentence_of(t + 1) == sentence_of(t)) {
      const int next = name_at(t + 1);
      if (next >= 0 && mention(next).first == t + 1 && mention(next).title_first == t + 1 &&
          mention(next).type == EntityType::Person) {
        const std::uint32_t head = span_head(doc_, mention(next).first, mention(next).last);
        if (universal_deprel(tok(head).deprel) != "nsubj") {
          out.push_back(arg_of(next));
          return;
        }
      }
    }
    if (const int p = described_person(t); p >= 0) {
      out.push_back({static_cast<std::uint32_t>(p), t, t + 1});
      return;
    }
    if (const int b = described_body(t); b >= 0) {
      out.push_back({static_cast<std::uint32_t>(b), t, t + 1});
      return;
    }
    // "the government of X", "X's government": the state acts through its government.
    if ((in(lemma(t), {"government", "administration", "authority", "leadership"}) && tok(t).xpos != "NNS") ||
        lemma(t) == "authorities") {
      std::vector<Arg> states;
      for (std::uint32_t c : children(t)) {
        const std::string_view d = tok(c).deprel;
        if (owner(c) < 0 || mention(owner(c)).type != EntityType::Gpe) continue;
        if (d == "nmod:poss" || (universal_deprel(d) == "nmod" && case_of(c) == "of")) entities_of(c, states, depth + 1);
      }
      if (!states.empty()) {
        out.insert(out.end(), states.begin(), states.end());
        return;
      }
    }
    // "invited 100 countries, including Taiwan": what the noun includes takes its part.
    for (std::uint32_t c : children(t))
      if (universal_deprel(tok(c).deprel) == "nmod" && in(case_of(c), {"including", "like", "such as", "as"}) &&
          (case_of(c) != "as" || (c >= 2 && lower(c - 2) == "such")))
        entities_of(c, out, depth + 1);
    if (!out.empty()) return;
    // "Alliance leaders support ...", "officials of Acme said": a body's members speak and
    // act for it.
    if (acts_for_body(lemma(t)) && (tok(t).xpos == "NNS" || lower(t) == "delegation"))
      for (std::uint32_t c : children(t)) {
        const std::string_view d = tok(c).deprel;
        if (owner(c) < 0 || !(d == "compound" || d == "nmod:poss" || (d == "nmod" && case_of(c) == "of"))) continue;
        const EntityType type = mention(owner(c)).type;
        if (type == EntityType::Org || type == EntityType::Gpe) {
          out.push_back(arg_of(owner(c)));
          return;
        }
      }
    return;
  } else {
    return;  // a common noun phrase: its conjuncts are not this entity's
  }
  for (std::uint32_t c : children(t)) {
    if (tok(c).deprel != "conj") continue;
    // "Riyadh, Saudi Arabia" parsed as a coordination is an address: the country is where
    // the city is (the rule finder's "located in"), not a second participant.
    if (owner(c) >= 0 && owner(t) >= 0 &&
        located_in(static_cast<std::uint32_t>(mention(owner(t)).entity),
                   static_cast<std::uint32_t>(mention(owner(c)).entity)))
      continue;
    entities_of(c, out, depth + 1);
  }
}

bool ParseView::located_in(std::uint32_t place, std::uint32_t region) const {
  for (const Triple& x : doc_.triples)
    if (x.subject == place && x.object == region && x.relation == "located in") return true;
  return false;
}

void ParseView::subjects_of(std::uint32_t v, std::vector<Arg>& out, int depth) const {
  if (depth > 5) return;
  for (std::uint32_t c : children(v)) {
    const std::string& d = tok(c).deprel;
    if (d != "nsubj" && d != "nsubj:pass") continue;
    if (is_relative_pronoun(lower(c)) && tok(v).deprel == "acl:relcl" && tok(v).head >= 0) {
      entities_of(static_cast<std::uint32_t>(tok(v).head), out);
      return;
    }
    // "X, who joined Y ...", where the parser did not hang the clause on X: the name right
    // before the comma, or before an age between commas ("X, 48, who became ...").
    if (in(lower(c), {"who", "which"}) && c >= 2 && tok(c - 1).norm == ",") {
      std::uint32_t name = c - 2;
      if (name >= 2 && is_digits(tok(name).norm) && tok(name - 1).norm == ",") name -= 2;
      if (owner(name) >= 0 && sentence_of(name) == sentence_of(c)) {
        out.push_back(arg_of(owner(name)));
        return;
      }
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
    for (std::uint32_t c : children(head)) {
      if (tok(c).deprel == "obj" || tok(c).deprel == "iobj") {
        entities_of(c, out);
        if (!out.empty()) return;
      }
    }
    subjects_of(head, out, depth + 1);
  } else if (noun_of_intent(v)) {
    // "X's bid to host Y", "the offer by X to buy Y": the noun's possessor or agent.
    for (std::uint32_t c : children(head)) {
      const std::string_view cd = tok(c).deprel;
      if (cd == "nmod:poss" || (universal_deprel(cd) == "nmod" && case_of(c) == "by")) entities_of(c, out);
    }
  } else if (d == "advcl" && tok(v).xpos == "VBG" && !has_child(v, "mark") &&
             (tok(head).tag == "VERB" || tok(head).tag == "AUX")) {
    // "Speaking in Geneva, the minister said ...": the participle's subject is the clause's.
    subjects_of(head, out, depth + 1);
  }
}

bool ParseView::noun_of_intent(std::uint32_t v) const {
  if (tok(v).deprel != "acl" || tok(v).head < 0 || tok(static_cast<std::uint32_t>(tok(v).head)).tag != "NOUN") return false;
  for (std::uint32_t c : children(v))
    if (tok(c).deprel == "mark" && lower(c) == "to" && c < v) return true;
  return false;
}

// "the Afghan president": the person entity named earlier with that role, and with the
// modifier's place or body in the title when there is one ("Afghan President Ashraf
// Ghani"); -1 unless exactly one fits.
int ParseView::described_person(std::uint32_t t) const {
  if (titled_by_role_.empty() || tok(t).xpos != "NN") return -1;
  bool definite = false;
  int modifier = -1;  // entity of a demonym, place or body before the noun
  for (std::uint32_t c : children(t)) {
    if (c > t) break;
    const std::string_view d = tok(c).deprel;
    if (d == "det") definite = lower(c) == "the";
    else if ((d == "amod" || d == "compound" || d == "nmod:poss") && owner(c) >= 0) modifier = mention(owner(c)).entity;
    else if (d == "amod" || d == "compound") return -1;  // "the former president": another one
  }
  if (!definite) return -1;
  const auto it = titled_by_role_.find(lemma(t));
  if (it == titled_by_role_.end()) return -1;
  int found = -1;
  for (const int index : it->second) {
    const Mention& m = mention(index);
    if (m.last > t) break;
    if (modifier >= 0) {
      bool named = false;
      // The title's words, and the word before them ("Danish" before "President Lars Berg").
      const std::uint32_t from = m.title_first > sentence(m.sentence).first ? m.title_first - 1 : m.title_first;
      for (std::uint32_t k = from; k < m.first && !named; ++k)
        named = name_at(k) >= 0 && name_at(k) != index && mention(name_at(k)).entity == modifier;
      if (!named) continue;
    }
    if (found >= 0 && found != m.entity) return -1;
    found = m.entity;
  }
  return found;
}

int ParseView::quote_speaker(std::uint32_t t) const {
  const std::uint32_t s = sentence_of(t);
  const Sentence& sent = sentence(s);
  // Inside a quotation: an odd number of quotation marks before it in the sentence (the
  // tokenizer writes every kind of quotation mark '"' in Token::norm).
  const auto quoted = [&](std::uint32_t k) {
    int marks = 0;
    for (std::uint32_t q = sent.first; q < k; ++q) marks += tok(q).norm == "\"";
    return marks % 2 == 1;
  };
  if (!quoted(t)) return -1;
  // Up from the pronoun to the reporting verb the quotation hangs on ("... ," he said), or
  // the one the parser hung on the quotation's head (parataxis).
  std::int32_t v = tok(t).head;
  for (int depth = 0; depth < 6 && v >= 0; ++depth, v = tok(static_cast<std::uint32_t>(v)).head) {
    std::uint32_t verb = static_cast<std::uint32_t>(v);
    if (!is_clausal_verb(lemma(verb))) {
      bool found = false;
      for (std::uint32_t c : children(verb))
        if (universal_deprel(tok(c).deprel) == "parataxis" && !quoted(c) && is_clausal_verb(lemma(c))) {
          verb = c;
          found = true;
          break;
        }
      if (!found) continue;
    }
    for (std::uint32_t c : children(verb)) {
      if (universal_deprel(tok(c).deprel) != "nsubj" || quoted(c)) continue;
      if (owner(c) >= 0) {
        const Mention& m = mention(owner(c));
        return m.type == EntityType::Person || m.type == EntityType::Org ? m.entity : -1;
      }
      if (is_personal_pronoun(lower(c))) {
        const std::vector<std::uint32_t> who = antecedents(c);
        return who.size() == 1 ? static_cast<int>(who[0]) : -1;
      }
      return -1;
    }
    return -1;  // the nearest reporting verb has no speaker outside the quotation
  }
  return -1;
}

int ParseView::addressed_organisation(int place) const {
  const Mention& m = mention(place);
  if ((m.type != EntityType::Gpe && m.type != EntityType::Loc) || m.first < 2 || m.title_first < m.first) return -1;
  if (tok(m.first - 1).norm != "," || sentence_of(m.first - 2) != sentence_of(m.first)) return -1;
  const int org = owner(m.first - 2);
  // An institution the recogniser may have read as a place too ("the Halden Museum").
  if (org < 0 || (mention(org).type != EntityType::Org && mention(org).type != EntityType::Loc) ||
      mention(org).last != m.first - 1)
    return -1;
  // Not a list ("Acme, Kalvik and Tarn"), nor an aside closed by a comma.
  if (m.last < size() && sentence_of(m.last) == sentence_of(m.first) && in(lower(m.last), {",", "and", "or", "&"}))
    return -1;
  return place_kind(doc_, static_cast<std::uint32_t>(m.entity), lexicon_) == PlaceKind::Within ? org : -1;
}

// "The company said", "the club announced": a bare definite noun for a body stands for the
// organisation the article is about so far (organisation_described). -1 when none stands
// out, or when the noun is described ("the state-owned company", "the company that ...":
// another one).
int ParseView::described_body(std::uint32_t t) const {
  if (organisation_mentions_.empty() || tok(t).xpos != "NN") return -1;
  const std::string_view noun = lower(t);
  if (!names_one_organisation(noun)) return -1;
  bool definite = false;
  for (std::uint32_t c : children(t)) {
    const std::string_view d = universal_deprel(tok(c).deprel);
    if (d == "det") definite = lower(c) == "the";
    else if (d == "amod" || d == "compound" || d == "acl" || d == "nmod" || d == "nummod" || d == "appos") return -1;
  }
  if (!definite) return -1;
  return organisation_described(t, noun);
}

int ParseView::organisation_described(std::uint32_t before, std::string_view noun) const {
  // A name that ends in another body noun is another kind of body: "the team" is not the
  // "... Football Federation".
  const auto fits = [&](const Entity& e) {
    const std::size_t space = e.name.rfind(' ');
    const std::string last = to_lower(space == std::string::npos ? e.name : e.name.substr(space + 1));
    return !is_body_noun(last) || last == noun;
  };
  // The latest kRecentOrganisations mentions before it: the article so far, and a bounded
  // cost in a file of many articles.
  constexpr std::size_t kRecentOrganisations = 200;
  const auto end = std::lower_bound(organisation_mentions_.begin(), organisation_mentions_.end(), before,
                                    [](const auto& m, std::uint32_t t) { return m.first < t; });
  const auto begin = end - std::min<std::ptrdiff_t>(end - organisation_mentions_.begin(), kRecentOrganisations);
  // The latest introduction of the same noun inside that stretch.
  const std::uint32_t since = begin == end ? before : doc_.sentences[sentence_of(begin->first)].first;
  for (auto it = std::lower_bound(introduced_bodies_.begin(), introduced_bodies_.end(), std::make_tuple(before, std::string(), 0u));
       it != introduced_bodies_.begin();) {
    --it;
    if (std::get<0>(*it) < since) break;
    if (std::get<1>(*it) == noun) return static_cast<int>(std::get<2>(*it));
  }
  std::map<std::uint32_t, std::uint32_t> named;
  for (auto it = begin; it != end; ++it) {
    const Entity& e = doc_.entities[it->entity];
    if (e.type == EntityType::Org && fits(e)) ++named[it->entity];
  }
  int best = -1;
  std::uint32_t most = 0, second = 0;
  for (const auto& [entity, count] : named) {
    if (count > most) {
      second = most;
      most = count;
      best = static_cast<int>(entity);
    } else if (count > second) {
      second = count;
    }
  }
  return most >= 2 && most > second ? best : -1;
}

std::vector<int> ParseView::listed_with(int m) const {
  // Two people listed next to each other (mentions a and b = a + 1): only commas, semicolons
  // and "and" between the first's name and the second's title region, or, in a list split by
  // semicolons, up to 12 words with no verb ("Mr Jo Park, Minority Leader in the House; Dr Ann
  // Lee"). 1: next to each other, 2: across a semicolon, 0: not listed together.
  const auto next_to = [&](int a, int b) {
    const Mention& x = mention(a);
    const Mention& y = mention(b);
    if (y.type != EntityType::Person || y.entity < 0 || x.sentence != y.sentence || y.title_first < x.last) return 0;
    const std::uint32_t from = x.last, to = std::min(y.title_first, y.first);
    if (from >= to) return 0;
    bool plain = true, semicolon = false, verb = false;
    for (std::uint32_t k = from; k < to; ++k) {
      const std::string& w = lower(k);
      if (w == ";") semicolon = true;
      else if (w != "," && w != "and") plain = false;
      verb = verb || tok(k).tag == "VERB";
    }
    if (plain) return semicolon ? 2 : 1;
    return semicolon && !verb && to - from <= 12 ? 2 : 0;
  };
  const Mention& self = mention(m);
  if (self.type != EntityType::Person) return {};
  const int n = static_cast<int>(doc_.mentions.size());
  int first = m, last = m;
  bool semicolons = false;
  for (int step; first > 0 && mention(first - 1).type == EntityType::Person && mention(first - 1).entity >= 0 &&
                 (step = next_to(first - 1, first)) > 0;) {
    semicolons = semicolons || step == 2;
    --first;
  }
  for (int step; last + 1 < n && (step = next_to(last, last + 1)) > 0;) {
    semicolons = semicolons || step == 2;
    ++last;
  }
  // A list: three names or more, or items split by semicolons; two names with a comma
  // between may be a name and its apposition ("Jo Park, Ann Lee's lawyer").
  if (last - first + 1 < 3 && !semicolons) return {};
  std::vector<int> out;
  for (int k = first; k <= last; ++k)
    if (k != m && mention(k).entity != self.entity) out.push_back(k);
  return out;
}

bool ParseView::emit(std::uint32_t subject, const std::string& relation, std::uint32_t object, std::uint32_t from,
                     std::uint32_t to, const std::string& label) {
  if (subject == object || relation.empty() || from >= size()) return false;
  const std::uint32_t s = sentence_of(from);
  if (!seen_.insert({s, subject, relation, object}).second) return false;
  const Sentence& sent = doc_.sentences[s];
  from = std::max(from, sent.first);
  to = std::min(to, sent.last);
  if (to <= from) to = from + 1;
  Triple t;
  t.subject = subject;
  t.object = object;
  t.relation = relation;
  t.label = label.empty() ? relation : label;
  t.sentence = s;
  t.begin = tok(from).begin;
  t.end = tok(to - 1).end;
  doc_.triples.push_back(std::move(t));
  return true;
}

bool ParseView::emit(const Arg& subject, const std::string& relation, const Arg& object, std::uint32_t predicate,
                     const std::string& label) {
  const std::uint32_t from = std::min({subject.first, object.first, predicate});
  const std::uint32_t to = std::max({subject.last, object.last, predicate + 1});
  return emit(subject.entity, relation, object.entity, from, to, label);
}

void ParseView::add_title(std::uint32_t entity, const std::string& title) {
  if (title.empty() || entity >= doc_.entities.size()) return;
  auto& titles = doc_.entities[entity].titles;
  if (std::find(titles.begin(), titles.end(), title) == titles.end()) titles.push_back(title);
}

void ParseView::retype(std::uint32_t entity, EntityType type) {
  if (entity >= doc_.entities.size()) return;
  doc_.entities[entity].type = type;
  for (std::uint32_t m : doc_.entities[entity].mentions) doc_.mentions[m].type = type;
}

std::string ParseView::surface(std::uint32_t first, std::uint32_t last) const {
  if (first >= last) return "";
  std::string s = doc_.text.substr(tok(first).begin, tok(last - 1).end - tok(first).begin);
  for (char& c : s)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return s;
}

}  // namespace kg::extract
