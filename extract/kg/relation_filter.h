#pragma once
// The relation filter: the last relation frame, and the only learnt one. Every two entities
// named in one sentence that no triple links yet are a candidate (a mention pairs with the
// next five of its sentence), in both directions. A candidate's features are read off the
// document: the pair's own (entity types, places refined by the gazetteer as a state or a
// place within one, how often each is named, where they first meet, how many sentences they
// share, what the frames tie each end to with others of the same kind), and those of the
// sentence that joins them most directly (the tokens between the names: how many, the words
// when few, commas, other names, "and"; the dependency path: relations up to the lowest
// common head and down, that head's part of speech, lemma and relation class, each end's
// relation to it and preposition).
// Averaged perceptrons (the learner the tagger, parser and NER use; the mean of several
// trained in different orders) decide whether the pair is related, in which relation class,
// and rank the wordings the edge may get; `kgbuild train relations` trains them on articles
// with gold annotations. A candidate whose "related" beats "none" by the model's margin, in
// its better direction, becomes a triple, with as evidence the sentence that states it most
// directly (the shortest path, through a verb where one does). Its relation is the best-
// ranked wording that fits its ends: what the parse says ("sign with", "agree to buy", the
// role word with "of") or a plain wording ("member of", "located in", "from"); its class is
// the one the wording names, else the predicted one.
// No model overrides these: a pair that meets only in negated, denied or hypothetical
// clauses ("X did not meet Y", "X denied meeting Y", "X could buy Y") gives no triple; one
// state is never located in, nor part of, another; a class must fit its ends' types (only
// places contain); a person the frames tie to one state is tied to no other by a role,
// membership or origin.
//
// Model file: kind "relation filter", the feature fingerprint of this file, then a
// description, the margin, and the weights over kFilterClasses outputs (below).
// Requires: the parse frames have run and classify_relations() has classed their triples.
// Ensures: adds triples only (never removes or changes one); deterministic.
// Thread safety: a const RelationFilter may run on different documents concurrently.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "extract/nlp/lexicon.h"
#include "extract/nlp/perceptron.h"
#include "extract/text/document.h"

namespace kg::extract {

// What the gazetteer says of a GPE entity: a state ("France"), a place within a state
// ("Lyon"), or nothing known (any other entity too).
enum class PlaceKind : std::uint8_t { Other, State, Within };
PlaceKind place_kind(const Document& doc, std::uint32_t entity, const Lexicon& lexicon);
// The state the gazetteer puts a place (a capital included) in ("Lyon" -> "France"); empty
// when unknown or when the entity is a state.
std::string state_of(const Document& doc, std::uint32_t entity, const Lexicon& lexicon);

// One ordered pair of entities that meet in at least one sentence.
struct PairCandidate {
  std::uint32_t subject = 0, object = 0;  // entity indices
  std::vector<std::uint64_t> features;    // sorted, unique hashes
  std::vector<std::string> feature_names; // the same as text, only when asked for
  std::uint32_t sentence = 0;             // the evidence sentence (most direct statement)
  std::uint32_t first = 0, last = 0;      // evidence tokens [first, last) in that sentence
  std::string predicate;                  // what the parse says links them; may be empty
  std::string verb;                       // the predicate's verb alone, when it has one ("sign")
  std::vector<std::string> inner_verbs;   // verbs between that head and the object ("buy", "agree to buy")
  std::string role;                       // the subject's role word there ("chairman"), if any
  std::string date_case;                  // the object's preposition when it is a date ("on")
  bool linked = false;                    // a triple already joins the two (either way)
  bool asserted = false;                  // they meet in at least one clause that is not negated
};

// The candidates of one document, in a fixed order (by first meeting, then entity index).
// with_names: also fill feature_names (training reports and tests).
std::vector<PairCandidate> relation_candidates(Document& doc, const Lexicon& lexicon, bool with_names = false);

// Labels of a candidate: 0 is "none", 1 + k is kRelationClasses[k].
inline constexpr std::uint32_t kFilterLabels = 1 + static_cast<std::uint32_t>(kRelationClasses.size());
// The model's outputs: two for the decision whether the pair is related (0 no, 1 yes), then
// one per relation class for which kind it is (2 + k for kRelationClasses[k]). Two decisions
// learnt apart: every related pair teaches the first, whatever its class.
// The last output scores the wordings a triple may get (below).
inline constexpr std::uint32_t kWordingOutput = 2 + static_cast<std::uint32_t>(kRelationClasses.size());
inline constexpr std::uint32_t kFilterClasses = kWordingOutput + 1;

// A wording the triple of a candidate may get: the parse's predicate ("sign with"), its
// verb alone ("sign"), the subject's role word with "of", or a plain wording of a class
// ("member of", "located in", "from", "on"). The model ranks them (kWordingOutput) with
// features of the wording's kind, the class and the entity types; training moves the
// ranking toward wordings the annotators listed.
struct Wording {
  std::string text;
  std::string kind;  // "path", "verb", "inner", "role" or "plain"
};
std::vector<Wording> wordings(const PairCandidate& candidate, RelationClass cls, const Document& doc);
std::vector<std::uint64_t> wording_features(const PairCandidate& candidate, RelationClass cls,
                                            const Wording& wording, const Document& doc);

class RelationFilter {
 public:
  static constexpr std::string_view kKind = "relation filter";
  static std::uint64_t fingerprint();

  RelationFilter() = default;
  RelationFilter(FrozenWeights weights, float margin, std::string description);
  // Throws kg::ModelError naming the file for a missing, foreign or damaged model.
  static RelationFilter load(const std::filesystem::path& path);
  void save(const std::filesystem::path& path) const;

  // scores[c] for c in [0, kFilterClasses).
  void score(const PairCandidate& candidate, std::vector<float>& scores) const;
  // The predicted label of the candidate: 0 (none) or 1 + index in kRelationClasses, and
  // how far "related" scores above "none".
  std::pair<std::uint32_t, float> predict(const PairCandidate& candidate) const;
  // The best-ranked of wordings(candidate, cls, doc).
  std::string relation(const PairCandidate& candidate, RelationClass cls, const Document& doc) const;
  // Adds the triples described in the header.
  void apply(Document& doc, const Lexicon& lexicon) const;

  float margin() const { return margin_; }
  void set_margin(float margin) { margin_ = margin; }
  const std::string& description() const { return description_; }

 private:
  FrozenWeights weights_;
  float margin_ = 0;
  std::string description_;
};

// Training: candidates with their gold class (0: none), averaged perceptrons over shuffled
// passes, several with different orders, averaged. Kept apart from RelationFilter, which holds only the frozen table.
struct RelationFilterTraining {
  int iterations = 10;
  std::uint64_t seed = 1;
  float margin = 0;
  std::uint32_t min_count = 2;  // features of fewer training candidates are dropped
  std::uint32_t ensemble = 15;   // perceptrons averaged, each with its own order (seed, seed + 1, ...)
  std::string description;
};
struct FilterExample {
  const PairCandidate* candidate = nullptr;
  const Document* doc = nullptr;
  std::uint32_t label = 0;                 // 0 none, else 1 + index in kRelationClasses
  std::vector<std::string> predicates;     // the wordings the annotators accept (lower case)
};
RelationFilter train_relation_filter(const std::vector<FilterExample>& examples, const RelationFilterTraining& options);

}  // namespace kg::extract
