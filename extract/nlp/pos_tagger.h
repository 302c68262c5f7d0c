#pragma once
// POS tagger: greedy left-to-right averaged perceptrons predicting the pair "UPOS XPOS" as
// one class, plus the treebank-learnt Lemmatizer.
//
// Two passes (stacking): the first pass tags the sentence left to right; the second pass
// tags it again with, in addition, the first pass's classes of the word itself and of the
// words to its right, which a left-to-right tagger otherwise cannot see. The second pass is
// trained on first-pass classes made by jackknifing (each fold tagged by a first pass
// trained without it), so it learns how far to trust them. A model may hold one pass only.
//
// Features of word i (lower-cased where noted; prefixes and suffixes count code points):
//   both passes: bias; word; lower; prefixes 1-4; suffixes 1-4; shape (X/x/d runs
//   collapsed); has digit, hyphen, capital; all capitals; sentence-initial (with
//   capitalisation); lower of words i-2..i+2; suffix 3 of words i-2, i-1, i+1, i+2;
//   lower(i) with lower(i-1) and with lower(i+1); shapes of i-1 and i+1; the previous two
//   predicted classes, their bigram, previous class + lower.
//   with word clusters (extract/nlp/word_clusters.h): the class of word i at the first, second
//   and last cluster level; last-level classes of i-1 and i+1; second-level classes of
//   i-1 with i and of i with i+1; last-level class with suffix 2.
//   second pass: first-pass class of i, i+1, i+2; of i with i+1; of i+1 with i+2; lower(i)
//   with the first-pass class of i+1; previous class with the first-pass class of i+1.
// fingerprint() names this template set: model files trained with another set are refused.
//
// PosTagger (inference) is loaded from a model file of kind "tagger" and is immutable;
// PosTaggerTrainer builds one from CoNLL-U sentences.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "extract/nlp/conllu.h"
#include "extract/nlp/lemmatizer.h"
#include "extract/nlp/model_io.h"
#include "extract/nlp/perceptron.h"
#include "extract/nlp/word_clusters.h"
#include "extract/text/document.h"

namespace kg::extract {

// One tagged word; upos and xpos view the tagger's class names (valid while it lives),
// upos_label and xpos_label are the same as Token labels (no interning per word).
struct TaggedWord {
  std::string_view upos;
  std::string_view xpos;
  std::string lemma;
  Label upos_label, xpos_label;
};

// PosTagger: a trained tagger and lemmatiser.
//
// Requires: load()ed from a "tagger" model file with this build's fingerprint(), or made by
// PosTaggerTrainer. Ensures: tagging a word sequence depends on nothing but the sequence;
// with a reused Workspace the hot path allocates only for lemmas longer than the short
// string buffer and for non-ASCII lower-casing.
// Thread safety: const member functions may run concurrently, each thread with its own
// Workspace.
class PosTagger {
 public:
  static constexpr std::string_view kKind = "tagger";
  static std::uint64_t fingerprint();

  // Reusable per-thread buffers.
  class Workspace {
   public:
    Workspace();
    ~Workspace();
    Workspace(Workspace&&) noexcept;
    Workspace& operator=(Workspace&&) noexcept;

   private:
    friend class PosTagger;
    friend class PosTaggerTrainer;
    struct Impl;
    std::unique_ptr<Impl> impl_;
  };

  // Throws kg::ModelError naming the file when it is missing, foreign, newer, of another
  // kind or fingerprint, truncated or corrupt.
  static PosTagger load(const std::filesystem::path& path);
  static PosTagger from_model(const ModelFile& file);
  // Writes the model atomically (see write_model_file).
  void save(const std::filesystem::path& path) const;
  // The model file's payload: string description; u32 class count C; C x (string UPOS,
  // string XPOS); u8 pass count P; FrozenWeights of P x C classes; Lemmatizer;
  // WordClusters (none: empty).
  std::string payload() const;

  // Sets Token::tag (UPOS), Token::xpos and Token::lemma of every token, sentence by
  // sentence (the whole token list when there are no sentences). Features read
  // Token::norm (Token::form when norm is empty).
  void tag(Document& doc) const;
  void tag(Document& doc, Workspace& workspace) const;
  // Tags one sentence given as word forms; out gets one entry per form.
  void tag(std::span<const std::string_view> forms, Workspace& workspace,
           std::vector<TaggedWord>& out) const;
  std::vector<TaggedWord> tag(const std::vector<std::string>& forms) const;

  std::size_t classes() const { return upos_.size(); }
  std::size_t passes() const { return passes_; }
  std::string_view upos(std::uint32_t cls) const { return upos_[cls]; }
  std::string_view xpos(std::uint32_t cls) const { return xpos_[cls]; }
  // Both passes' weights side by side: classes [0, classes()) score the first pass,
  // [classes(), 2 classes()) the second, so a feature both use is looked up once.
  const FrozenWeights& weights() const { return weights_; }
  const Lemmatizer& lemmatizer() const { return lemmatizer_; }
  const WordClusters& clusters() const { return clusters_; }  // empty: none used
  const std::string& description() const { return description_; }

 private:
  friend class PosTaggerTrainer;
  PosTagger() = default;
  void finish_classes();
  void tag_classes(std::span<const std::string_view> forms, Workspace& workspace) const;

  std::string description_;
  std::vector<std::string> upos_, xpos_;      // per class
  std::vector<std::uint32_t> lemma_upos_;     // per class: Lemmatizer::upos_id(upos)
  std::vector<Label> upos_labels_, xpos_labels_;  // per class: upos_ and xpos_ as Token labels
  FrozenWeights weights_;                     // passes_ x classes() classes
  std::uint8_t passes_ = 1;
  Lemmatizer lemmatizer_;
  WordClusters clusters_;
};

// Accuracy of a tagger against gold sentences (gold tokenisation).
struct TaggerScores {
  std::size_t words = 0;
  std::size_t upos = 0, xpos = 0, both = 0, lemma = 0;  // correct counts
  double seconds = 0;  // time spent tagging

  double upos_accuracy() const { return words ? double(upos) / double(words) : 0; }
  double xpos_accuracy() const { return words ? double(xpos) / double(words) : 0; }
  double both_accuracy() const { return words ? double(both) / double(words) : 0; }
  double lemma_accuracy() const { return words ? double(lemma) / double(words) : 0; }
};
TaggerScores evaluate(const PosTagger& tagger, const std::vector<ConlluSentence>& gold);

// What one training iteration did, as passed to the progress callback.
struct TaggerIteration {
  int pass = 1;               // 1: first pass, 2: second pass
  int iteration = 0;
  int iterations = 0;
  double train_accuracy = 0;  // UPOS+XPOS pair, with the weights as they were then
  bool has_dev = false;
  TaggerScores dev;           // the averaged (pruned) weights on the dev set
  bool best = false;          // best dev UPOS so far: these weights are kept
  std::size_t words = 0;      // training words this iteration
  std::size_t features = 0;   // features kept after pruning
  double seconds = 0;         // this iteration, dev evaluation included
};

struct TaggerTrainingOptions {
  int iterations = 12;      // per pass (and per jackknife fold)
  std::uint64_t seed = 1;
  float prune = 0.0f;       // drop averaged weights with |w| below this
  bool quantize = true;     // store weights as int16
  bool two_pass = true;     // train the second pass (needs at least `folds` sentences)
  int folds = 4;            // jackknife folds for the second pass's training data
  // Word clusters for the cluster features, copied into the model; none when null.
  const WordClusters* clusters = nullptr;
  std::function<void(const TaggerIteration&)> progress;
  std::function<void(const std::string&)> message;  // other progress (jackknife folds)
};

// PosTaggerTrainer: learns the classes, the lemmatiser and the weights from a treebank.
//
// Ensures: the same sentences, options and seed give a byte-identical model. With a dev
// set each pass keeps the averaged weights of its iteration with the best dev UPOS accuracy
// (the earliest on a tie; the second pass is scored together with the kept first pass),
// otherwise those of its last iteration. Jackknife folds train the first pass for as many
// iterations as the kept one had.
// Throws kg::InputError when the training set has no words.
class PosTaggerTrainer {
 public:
  explicit PosTaggerTrainer(TaggerTrainingOptions options) : options_(std::move(options)) {}
  PosTagger train(const std::vector<ConlluSentence>& train,
                  const std::vector<ConlluSentence>& dev) const;

 private:
  TaggerTrainingOptions options_;
};

}  // namespace kg::extract
