#pragma once
// ParseView: what every relation frame reads off one annotated Document, in one place, so
// each frame (clause triples in parse_relations.h, roles in roles.h, places and dates in
// places.h) is only its constructions.
//
// It offers, per token: the named mention that covers it (title region included; dates
// apart), the date mention that covers it, its parse children, its lower-case form and
// lemma, its preposition ("case" children), whether it is negated or under a denial; per
// nominal token the entities it stands for (the mention, a pronoun's antecedents, an
// apposition's or conjunct's entities); per predicate its subjects, inherited along conj,
// xcomp, relative and participial clauses. emit() appends a triple between two distinct
// entities once per (sentence, subject, relation, object), with the evidence span.
//
// Requires: resolve_entities() has run. The parse (Token::head, deprel, tag, lemma) is
// read where it is there; a sentence without one has empty deprels, and the parse-reading
// helpers give nothing for it.
// Ensures: emit() never duplicates a triple already in doc.triples (same sentence, subject,
// relation and object), nor one emitted through any view on the same document.
// Thread safety: one view per Document, on the thread that owns it; the lexicon is read-only.
#include <array>
#include <compare>
#include <cstdint>
#include <set>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "extract/kg/coreference.h"
#include "extract/nlp/lexicon.h"
#include "extract/text/document.h"
#include "extract/text/text_util.h"

namespace kg::extract {

// One end of a triple: an entity and the tokens [first, last) that name it in the sentence.
struct Arg {
  std::uint32_t entity = 0;
  std::uint32_t first = 0, last = 0;
};

// The universal part of a relation: "nsubj:pass" -> "nsubj".
std::string_view universal_deprel(std::string_view deprel);

class ParseView {
 public:
  ParseView(Document& doc, const Lexicon& lexicon);
  // Not copied: lower() and lemma() give references into the view's own storage.
  ParseView(const ParseView&) = delete;
  ParseView& operator=(const ParseView&) = delete;

  Document& doc() { return doc_; }
  const Document& doc() const { return doc_; }
  const Lexicon& lexicon() const { return lexicon_; }
  std::uint32_t size() const { return static_cast<std::uint32_t>(doc_.tokens.size()); }
  const Token& tok(std::uint32_t t) const { return doc_.tokens[t]; }
  std::uint32_t sentence_of(std::uint32_t t) const { return by_sentence_ ? window(t).block : sentence_of_[t]; }
  const Sentence& sentence(std::uint32_t s) const { return doc_.sentences[s]; }
  // Whether the parser ran on the sentence of t.
  bool parsed(std::uint32_t t) const { return !tok(t).deprel.empty(); }

  // The lower-case form (typographic variants folded), remembered per word (lower_of).
  const std::string& lower(std::uint32_t t) const { return lower_word(t).str(); }
  // The verb lexicon's lemma where it knows the form, else the tagger's, else the lower form
  // (looked up once per token; the reference lives as long as the view).
  const std::string& lemma(std::uint32_t t) const;
  // The lemma with its particles: "step down", "take over".
  std::string predicate(std::uint32_t t) const;
  // The dependents of t, in token order.
  std::span<const std::uint32_t> children(std::uint32_t t) const {
    const Window& w = window(t);
    const std::uint32_t* start = w.child_start.data() + (t - w.first);
    return {child_list_.data() + start[0], start[1] - start[0]};
  }
  bool has_child(std::uint32_t t, std::string_view deprel) const;
  // The prepositions ("case" children before t), joined: "in", "on behalf of".
  std::string case_of(std::uint32_t t) const;
  // A negation (not, n't, never, no) hangs on t.
  bool negated(std::uint32_t t) const;
  // t sits in a clause under a denial ("denied that ...") or under a negated clausal verb.
  bool under_denial(std::uint32_t t) const;
  // t's clause is hypothetical: a modal of possibility ("could buy", "may acquire", "would
  // meet") or a condition ("if X buys Y", "unless", "whether") marks it. "will" does not:
  // a plan the text states is a relation; nor does "would" in a reported clause ("said it
  // would impose sanctions": reported "will").
  bool hypothetical(std::uint32_t t) const;
  // A negation word stands between tokens a and b (exclusive) of one sentence: the
  // token-level guard for frames that read the sequence rather than the parse.
  bool negation_between(std::uint32_t a, std::uint32_t b) const;

  // The named (non-date) mention whose span or title region covers t (the widest), -1 if none.
  int owner(std::uint32_t t) const { return window(t).at(t).owner; }
  // The named mention whose name (title excluded) covers t, -1 if none.
  int name_at(std::uint32_t t) const { return window(t).at(t).name; }
  // The date mention covering t, -1 if none.
  int date_at(std::uint32_t t) const { return window(t).at(t).date; }
  const Mention& mention(int m) const { return doc_.mentions[static_cast<std::size_t>(m)]; }
  EntityType entity_type(std::uint32_t entity) const { return doc_.entities[entity].type; }
  Arg arg_of(int m) const;  // the mention as a triple end (title region included)

  // The entities a nominal token stands for: the mention covering it, a personal pronoun's
  // antecedents, the entity a common noun is in apposition with ("X, an analyst who ..."),
  // the one person named earlier with the role a definite description gives ("the Afghan
  // president" after "Afghan President Ashraf Ghani"),
  // the organisation a bare definite body noun stands for ("the company", below), the
  // names a common noun includes ("firms, including X and Y"; "such as", "like"), the
  // body whose leaders or officials a plural noun names ("Acme leaders", "officials of
  // Acme"), and the same for its conjuncts.
  void entities_of(std::uint32_t t, std::vector<Arg>& out, int depth = 0) const;
  // The entities personal pronoun t stands for (resolve_pronoun, coreference.h; each
  // person's gender read once per view).
  std::vector<std::uint32_t> antecedents(std::uint32_t t) const { return pronouns_.resolve(t); }
  // The organisation a body noun ("company", "club") stands for at token `before`: the latest
  // one the same noun was set beside earlier ("the national team, the Kestrels" ... "the
  // team"); else the one named most often in the 200 organisation mentions before it, at
  // least twice and more often than any other, leaving out those whose name ends in another
  // body noun ("the team" is no "... Federation"); -1 when none stands out.
  int organisation_described(std::uint32_t before, std::string_view noun) const;
  // The organisation (or building) mention whose address city mention `place` is, read as
  // such where the parse may make the city a party: "The Halden Museum, Bergen named ...";
  // -1 in a list ("Acme, Bergen and Oslo") or for anything but a city.
  int addressed_organisation(int place) const;
  // The other people listed with person mention m ("A, B and C"; "Mr A, a title; Dr B; C"),
  // read off the token sequence where the parser often misreads long lists of titled names:
  // three names or more, or items split by semicolons. Empty when m is in no such list.
  std::vector<int> listed_with(int m) const;
  // Whether verb v is an infinitive hung on a noun ("bid to host", "plan to buy"): its
  // subject is the noun's possessor or "by" agent (subjects_of).
  bool noun_of_intent(std::uint32_t v) const;
  // The nominal subjects of predicate v, inherited along conj, xcomp (subject or object
  // control), relative clauses (the noun they modify) and participial adverbial clauses
  // without a subject ("Speaking in X, Y said": Y), infinitives of a noun's intent ("X's
  // bid to host": X).
  void subjects_of(std::uint32_t v, std::vector<Arg>& out, int depth = 0) const;
  // "X located in Y" already stands among the triples.
  bool located_in(std::uint32_t place, std::uint32_t region) const;

  // Appends subject -relation-> object in sentence s with evidence tokens [from, to),
  // unless the ends are one entity or the same triple exists. label: the predicate as the
  // text has it (empty: the relation). Returns whether a triple was added.
  bool emit(std::uint32_t subject, const std::string& relation, std::uint32_t object, std::uint32_t from,
            std::uint32_t to, const std::string& label = "");
  // The same with the evidence spanning both ends and the predicate token.
  bool emit(const Arg& subject, const std::string& relation, const Arg& object, std::uint32_t predicate,
            const std::string& label = "");
  // Adds a title to the entity's titles unless it is there already (or empty).
  void add_title(std::uint32_t entity, const std::string& title);
  // The entity, and each of its mentions, is of `type` (a frame read what the recogniser
  // could not: "the national team, the Falcons" is no person).
  void retype(std::uint32_t entity, EntityType type);
  // The text of tokens [first, last) as written, on one line.
  std::string surface(std::uint32_t first, std::uint32_t last) const;

 private:
  // What the view knows of each token of one block of tokens (a sentence; the whole
  // document when its sentences do not cover its tokens in order): the indexes are built
  // for the block a token asked for lies in, and the two latest blocks are kept, so that a
  // big document costs the view a few bytes a token (its dependents) rather than 36.
  struct TokenIndex {
    int owner = -1, name = -1, date = -1;
    Word lemma;  // empty until asked for
  };
  struct Window {
    std::uint32_t block = UINT32_MAX;
    std::uint32_t first = 0, last = 0;  // the block's tokens
    std::vector<TokenIndex> tokens;
    // Where each token's dependents start in child_list_, and one past the block's last.
    std::vector<std::uint32_t> child_start;
    TokenIndex& at(std::uint32_t t) { return tokens[t - first]; }
    const TokenIndex& at(std::uint32_t t) const { return tokens[t - first]; }
  };
  // The window of t, made windows_[0].
  const Window& window(std::uint32_t t) const {
    if (t - windows_[0].first < windows_[0].last - windows_[0].first) return windows_[0];
    return load(t);
  }
  const Window& load(std::uint32_t t) const;
  Word lower_word(std::uint32_t t) const { return lower_of(tok(t).norm.empty() ? tok(t).form : tok(t).norm); }

  Document& doc_;
  const Lexicon& lexicon_;
  // Blocks: those of the sentences in order, or one of the whole document; block b is the
  // tokens [block_first_[b], block_first_[b + 1]), and the mentions whose tokens reach into
  // it are block_mentions_[block_mention_start_[b], block_mention_start_[b + 1]), in order.
  bool by_sentence_ = false;
  std::vector<std::uint32_t> sentence_of_;  // per token, only when the document is one block
  std::vector<std::uint32_t> block_first_, block_mention_start_, block_mentions_;
  mutable std::array<Window, 2> windows_;  // [0] the latest
  // Dependents of every token in one array, by head, then in token order; those of block
  // b's heads start at block_child_start_[b] (a window knows where each token's start).
  std::vector<std::uint32_t> block_child_start_, child_list_;
  // Person mentions with a role word, by role ("president" -> "Afghan President Ashraf
  // Ghani"), in text order: what "the Afghan president" may stand for.
  std::map<std::string, std::vector<int>, std::less<>> titled_by_role_;
  int described_person(std::uint32_t t) const;
  // Organisation mentions in text order: what "the company" may stand for.
  struct OrganisationMention {
    std::uint32_t first = 0, last = 0;  // the name's tokens
    std::uint32_t entity = 0;
    auto operator<=>(const OrganisationMention&) const = default;
  };
  std::vector<OrganisationMention> organisation_mentions_;
  // Body nouns in apposition with an organisation's name, in text order ("the national
  // team, the Kestrels"; "Acme, the company"): (the noun's token, the noun, the entity).
  std::vector<std::tuple<std::uint32_t, std::string, std::uint32_t>> introduced_bodies_;
  int described_body(std::uint32_t t) const;
  // The speaker a first-person pronoun inside a quotation stands for: the subject, outside
  // the quotation, of the reporting verb it hangs on ('"We will win," Jo Park said'); -1.
  int quote_speaker(std::uint32_t t) const;

  std::set<std::tuple<std::uint32_t, std::uint32_t, std::string, std::uint32_t>> seen_;
  PronounResolver pronouns_;
};

}  // namespace kg::extract
