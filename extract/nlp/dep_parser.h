#pragma once
// Dependency parser: arc-eager transitions (extract/nlp/arc_eager.h) scored by an averaged
// perceptron over Zhang & Nivre (2011)-style features, decoded greedily or with a beam,
// producing Universal Dependencies heads and relations.
//
// DependencyParser (inference) is loaded from a model file of kind "parser" and is
// immutable; DependencyParserTrainer builds one from CoNLL-U sentences with the dynamic
// oracle, greedily or (beam > 1) globally. Classes are SHIFT, REDUCE and LEFT/RIGHT x every
// relation of the training set.
//
// Features. Each position has pieces hashed once per sentence: w (the word lower-cased,
// digits folded to 0), p (XPOS), u (UPOS), and, when the model has word clusters
// (extract/nlp/word_clusters.h), c0/c1/c2 (the word's class at the first, second and last
// cluster level, e.g. of 16, 64 and 512 classes); "ROOT" and "none" have pieces of their own.
// With s0..s2 the stack top down, n0..n2 the buffer front on, h the head of s0, l/l2 and
// r/r2 the leftmost/second leftmost and rightmost/second rightmost dependents, L a
// dependency label, d the s0-n0 distance (bucketed), vl/vr the left/right valencies and
// sl/sr the sets of left/right dependent labels (74 templates, 86 with clusters):
//   single words   s0w s0p n0w n0p n1w n1p n2p
//   pairs          s0wp+n0wp s0wp+n0w s0w+n0wp s0wp+n0p s0p+n0wp s0w+n0w s0p+n0p n0p+n1p
//   triples        n0p+n1p+n2p s0p+n0p+n1p s0hp+s0p+n0p s0p+s0lp+n0p s0p+s0rp+n0p s0p+n0p+n0lp
//   distance       s0w+d s0p+d n0w+d n0p+d s0w+n0w+d s0p+n0p+d
//   valency        s0w+vr s0p+vr s0w+vl s0p+vl n0w+vl n0p+vl
//   unigrams       s0hw s0hp s0L s0lw s0lp s0lL s0rw s0rp s0rL n0lw n0lp n0lL
//   third order    s0hL s0l2p s0l2L s0r2p s0r2L n0l2p n0l2L
//   label sets     s0w+sr s0p+sr s0w+sl s0p+sl n0w+sl n0p+sl
//   extra          bias s1w s1p s1wp s1p+s0p s1p+s0p+n0p s2p+s1p+s0p s0u+n0u s1u+s0u+n0u
//                  n0w+n1w n0w+n1p n0p+n1w s0w+n0p+n1p s1L s0p+s0L+n0p
//   clusters       s0c2 n0c2 n1c2 s0c1+n0c1 s0c2+n0p s0p+n0c2 s0c2+n0c2 s0c1+n0c1+n1c1
//                  s1c1+s0c1+n0c1 s0hc1+s0c1+n0c1 n0c1+n1c1 s0c1+n0c1+d
// This is Zhang & Nivre's set without the second-order words (grand-head, second
// dependents), the word+tag unigrams and n2's word, which bought no accuracy on EWT dev
// for 14 lookups per transition, plus the extras, which did. Clusters (learnt from EWT
// train and GMB text) make the parser less dependent on predicted tags: +0.6 UAS/LAS on EWT
// dev with predicted tags.
// Templates that read only the pieces of n0 (and n1, n2), of s0 or of s1 are "static":
// their scores are looked up once per position and sentence, in one batch, and added per
// transition, instead of looked up per transition (about 1 in 5 lookups saved).
// fingerprint() names this set: model files trained with another are refused.
//
// Beam search (Zhang & Clark 2008): the k best partial parses by total score; a finished
// parse is carried along unchanged until every item is finished, then the best wins.
// Width 1 is the greedy decoder. A model trained with a beam stores its width and decodes
// with it unless set_beam() says otherwise; its training also keeps the greedy updates, so
// the same weights parse greedily (less accurately: EWT figures in models/README.md). The
// pipeline parses greedily unless PipelineOptions::parser_beam asks for a beam: a beam of
// 8 costs about 4 times the parsing time. Beam items that share the stack top three and the
// buffer front share the scores that read only those positions (computed once per sentence).
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "extract/nlp/conllu.h"
#include "extract/nlp/model_io.h"
#include "extract/nlp/perceptron.h"
#include "extract/nlp/pos_tagger.h"
#include "extract/nlp/word_clusters.h"
#include "extract/text/document.h"

namespace kg::extract {

// One word to parse: its form and tags (views; they must outlive the call).
struct ParserWord {
  std::string_view form;
  std::string_view upos;
  std::string_view xpos;
};

// One parsed word: the index of its head among the sentence's words (-1 for the root) and
// the relation, an index into DependencyParser::label().
struct ParsedWord {
  std::int32_t head = -1;
  std::uint32_t label = 0;
};

// DependencyParser: a trained parser.
//
// Requires: load()ed from a "parser" model file with this build's fingerprint(), or made by
// DependencyParserTrainer. Ensures: every parsed sentence is one tree: exactly one word has
// head -1 (relation "root"), every other word's head chain leads to it. With a reused
// Workspace, parsing allocates nothing but Token::deprel strings longer than the short
// string buffer (no UD relation is).
// Thread safety: const member functions may run concurrently, each thread with its own
// Workspace.
class DependencyParser {
 public:
  static constexpr std::string_view kKind = "parser";
  static std::uint64_t fingerprint();

  // Reusable per-thread buffers.
  class Workspace {
   public:
    Workspace();
    ~Workspace();
    Workspace(Workspace&&) noexcept;
    Workspace& operator=(Workspace&&) noexcept;

   private:
    friend class DependencyParser;
    friend class DependencyParserTrainer;
    struct Impl;
    std::unique_ptr<Impl> impl_;
  };

  // Throws kg::ModelError naming the file when it is missing, foreign, newer, of another
  // kind or fingerprint, truncated or corrupt.
  static DependencyParser load(const std::filesystem::path& path);
  // Payload: string description; labels (vector of strings, "root" first); WordClusters
  // (WordClusters::write(); none: empty); FrozenWeights.
  static DependencyParser from_model(const ModelFile& file);
  // Writes the model atomically (see write_model_file).
  void save(const std::filesystem::path& path) const;
  std::string payload() const;

  // Sets Token::head (a token index in the document, -1 for a sentence's root) and
  // Token::deprel of every token, sentence by sentence (the whole token list when there
  // are no sentences), from Token::norm (else form), Token::tag (UPOS) and Token::xpos,
  // which the tagger fills first.
  void parse(Document& doc) const;
  void parse(Document& doc, Workspace& workspace) const;
  // Parses one sentence; out gets one entry per word.
  void parse(std::span<const ParserWord> words, Workspace& workspace,
             std::vector<ParsedWord>& out) const;
  std::vector<ParsedWord> parse(const std::vector<ParserWord>& words) const;

  std::size_t labels() const { return labels_.size(); }
  std::string_view label(std::uint32_t id) const { return labels_[id]; }
  // The same relation as a Token label (interned once, at load).
  Label deprel(std::uint32_t id) const { return label_tags_[id]; }
  const FrozenWeights& weights() const { return weights_; }
  const WordClusters& clusters() const { return clusters_; }  // empty: none used
  const std::string& description() const { return description_; }
  // Beam width of the decoder: 1 is greedy. A model starts with the width it was trained
  // with; set_beam() changes it (clamped to 1..kMaxBeam).
  static constexpr std::uint32_t kMaxBeam = 64;
  std::uint32_t beam() const { return beam_; }
  void set_beam(std::uint32_t width) { beam_ = std::clamp<std::uint32_t>(width, 1, kMaxBeam); }

 private:
  friend class DependencyParserTrainer;
  DependencyParser() = default;
  void finish_labels();
  void parse_positions(std::span<const ParserWord> words, Workspace& workspace) const;

  std::string description_;
  std::vector<std::string> labels_;   // label 0 is "root"
  std::vector<Label> label_tags_;     // labels_ as Token labels
  std::uint32_t punct_label_ = 0;     // "punct": leftover punctuation attaches with it
  std::uint32_t leftover_label_ = 0;  // the relation given to other leftover words
  WordClusters clusters_;
  FrozenWeights weights_;
  std::uint32_t beam_ = 1;
};

// Attachment scores against gold trees as the CoNLL 2017/2018 shared tasks count them
// (gold tokenisation here): every word, punctuation included; LAS compares the universal
// relation ("nsubj" of "nsubj:pass"), las_full() the whole relation.
struct ParserScores {
  std::size_t words = 0;
  std::size_t heads = 0;         // right head
  std::size_t labeled = 0;       // right head and universal relation
  std::size_t labeled_full = 0;  // right head and relation, subtype included
  double seconds = 0;            // time spent parsing (tagging excluded)

  double uas() const { return words ? double(heads) / double(words) : 0; }
  double las() const { return words ? double(labeled) / double(words) : 0; }
  double las_full() const { return words ? double(labeled_full) / double(words) : 0; }
};

// Parses `gold`'s words with their gold tags, or with the tags `tagger` predicts when it
// is given, and scores the result.
ParserScores evaluate(const DependencyParser& parser, const std::vector<ConlluSentence>& gold,
                      const PosTagger* tagger = nullptr);

// Replaces the UPOS and XPOS of every word by the tagger's prediction (for training or
// evaluating on predicted tags).
void retag(std::vector<ConlluSentence>& sentences, const PosTagger& tagger);

// Jackknifing: replaces the tags of sentence i by those of a tagger trained (with
// `options`, no dev set) on every sentence not in fold i % folds, so the training
// sentences carry tagging errors like those the parser meets on new text.
// Requires folds >= 2. Deterministic for the options' seed. `progress`, when set, is
// called after each fold with its number (1-based).
void jackknife_retag(std::vector<ConlluSentence>& sentences, int folds,
                     const TaggerTrainingOptions& options,
                     const std::function<void(int fold)>& progress = {});

// What one training iteration did, as passed to the progress callback.
struct ParserIteration {
  int iteration = 0;
  int iterations = 0;
  double train_accuracy = 0;  // transitions predicted right (zero cost), current weights
  bool has_dev = false;
  ParserScores dev;           // the averaged (pruned) weights on the dev set
  bool best = false;          // best dev LAS so far: these weights are kept
  std::size_t features = 0;   // features kept after pruning
  double seconds = 0;         // this iteration, dev evaluation included
};

struct ParserTrainingOptions {
  int iterations = 15;
  std::uint64_t seed = 1;
  float prune = 0.0f;         // drop averaged weights with |w| below this (then int16-quantised)
  // From this iteration on, follow the model's own (possibly wrong) transitions with
  // probability `explore` (error exploration with the dynamic oracle).
  int explore_from = 2;
  double explore = 0.9;
  // Beam width (1 to DependencyParser::kMaxBeam). 1: greedy training with the dynamic oracle
  // and exploration. Above 1: each sentence also gets a global max-violation update of the
  // beam search (the oracle decides which items are still correct); the model then decodes
  // with this width unless told otherwise. Training takes about 5 times as long.
  std::uint32_t beam = 1;
  // Word clusters for the cluster features, copied into the model; none when null.
  const WordClusters* clusters = nullptr;
  std::function<void(const ParserIteration&)> progress;
};

// DependencyParserTrainer: learns the relations and the weights from a treebank.
//
// Ensures: the same sentences, options and seed give a byte-identical model. Training
// trees are projectivised (arc_eager.h); sentences without complete trees (a head "_")
// are skipped. With a dev set the weights of the iteration with the best dev LAS are kept
// (the earliest on a tie), otherwise those of the last iteration.
// Throws kg::InputError when the training set has no complete tree.
class DependencyParserTrainer {
 public:
  explicit DependencyParserTrainer(ParserTrainingOptions options) : options_(std::move(options)) {}
  DependencyParser train(const std::vector<ConlluSentence>& train,
                         const std::vector<ConlluSentence>& dev) const;

 private:
  ParserTrainingOptions options_;
};

}  // namespace kg::extract
