#pragma once
// Named-entity recogniser: a greedy left-to-right averaged-perceptron sequence tagger over
// BILOU tags (B-, I-, L-, U-TYPE and O), two passes.
//
// Pass 1 tags each sentence from local features; pass 2 tags it again with, in addition,
// the first pass's labels around the word and document-level features: the types the
// first pass gave to the same word elsewhere in the same document (so "Clinton" late in a
// story inherits the PER of "Bill Clinton" earlier). Pass 2 is trained on first-pass labels
// made by jackknifing over documents. Decoding only allows valid BILOU sequences.
//
// Features of word i (both passes): bias; word; lower; prefixes and suffixes 1-4; shape
// and short shape; capitalisation/digit/hyphen flags; sentence-initial with capitalisation;
// lower of words i-2..i+2; words i-1, i+1; lower bigrams (i-1,i), (i,i+1); shapes of i-1,
// i+1 and the shape trigram; gazetteer position+type of the longest built-in Lexicon name
// covering i, i-1, i+1 (countries, places, organisations, demonyms); given name at i, i-1;
// title word at i-1, i-2; organisation head word at i, i+1, i+2; common English word at i
// (with capitalisation); document flags: the word also appears lower-cased / capitalised
// not sentence-initially elsewhere in the document; word-cluster ids of i (every level),
// i-1 and i+1 (when the model has clusters); previous two labels, their bigram, previous
// label + lower, previous label + shape. Pass 2 adds: first-pass label of i, i+1, i+2 and
// of i with i+1; the document vote of word i (majority first-pass type of its other
// occurrences, unanimous or not) alone, with the shape and with the first-pass label; the
// vote of i-1 and i+1.
// fingerprint() names this template set. The built-in Lexicon is not part of the
// fingerprint: editing it changes gazetteer features gradually, it does not refuse models.
//
// NamedEntityRecognizer (inference) is loaded from a model file of kind "ner" and is
// immutable; NerTrainer builds one from annotated documents (readers below).
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "extract/nlp/model_io.h"
#include "extract/nlp/perceptron.h"
#include "extract/nlp/word_clusters.h"
#include "extract/text/document.h"

namespace kg::extract {

// ---------------------------------------------------------------------------------------
// Annotated data.

// One gold (or predicted) entity: tokens [first, last) of a sentence, type name ("PER",
// "ORG", "GPE", "LOC", "NORP", "MISC").
struct NerEntity {
  std::uint32_t first = 0;
  std::uint32_t last = 0;
  std::string type;
  bool operator==(const NerEntity&) const = default;
};

struct NerSentence {
  std::vector<std::string> words;
  std::vector<NerEntity> entities;  // sorted, non-overlapping
  std::uint64_t line = 0;           // line of the first word, for messages
};

struct NerDocument {
  std::string id;  // "# newdoc id" or "FILE#N"
  std::vector<NerSentence> sentences;
};

// Input formats of `kgbuild train/eval ner --format`:
//   conll03: CoNLL-2003, space-separated "word POS chunk TAG" (the tag is the last column),
//            IOB1 or IOB2 tags, "-DOCSTART-" lines start documents; types PER ORG LOC MISC.
//   conllu:  tab-separated CoNLL-U-style lines "ID FORM TAG ..." with the IOB2 tag in the
//            third column (Universal NER .iob2 files), "# newdoc id" starts a document;
//            UNER's types PER ORG LOC (OTH, if present, becomes MISC).
//   gmb:     the Kaggle GMB CSV "Sentence #,Word,POS,Tag" (Windows-1252, converted to UTF-8;
//            quoted fields; "Sentence: N" starts a sentence). Types: per->PER, org->ORG,
//            geo->LOC, gpe->NORP; tim, art, eve, nat are dropped (their words become O).
//            GMB's geo covers countries and cities as well as other places (U.S., Iraq,
//            Baghdad, Gaza), so LOC from a GMB model means "place" (GPE or LOC in OntoNotes
//            terms); GMB's gpe is nationalities and demonyms (Iraqi, Palestinian, British:
//            OntoNotes NORP), hence NORP, not GPE. The
//            file has no document boundaries: every kGmbDocumentSentences consecutive
//            sentences form one pseudo-document.
// Tags are decoded like conlleval: I-X after O or another type starts an entity; B-X always
// starts one. A tag that is not O, B-X or I-X (X non-empty) is an error.
enum class NerFormat { conll03, conllu, gmb };
inline constexpr std::size_t kGmbDocumentSentences = 20;
std::optional<NerFormat> ner_format_from_string(std::string_view name);
std::string_view to_string(NerFormat format);

// Parses a whole file's text; `name` is used in messages. Throws kg::InputError
// "NAME:LINE: reason" for malformed lines.
std::vector<NerDocument> parse_ner(std::string_view text, const std::string& name, NerFormat format);
// Reads and parses a file; a missing or unreadable file throws kg::InputError.
std::vector<NerDocument> read_ner(const std::filesystem::path& path, NerFormat format);

std::size_t count_words(const std::vector<NerDocument>& documents);
std::size_t count_sentences(const std::vector<NerDocument>& documents);
std::size_t count_entities(const std::vector<NerDocument>& documents);

// The EntityType of a type name: PER/PERSON -> Person, ORG -> Org, GPE -> Gpe, LOC -> Loc,
// NORP -> Norp; others (MISC) have none.
std::optional<EntityType> ner_entity_type(std::string_view type);

// ---------------------------------------------------------------------------------------
// Inference.

// One recognised entity in a Document: tokens [first, last) (Document::tokens indexes)
// inside Document::sentences[sentence].
struct NerSpan {
  std::uint32_t sentence = 0;
  std::uint32_t first = 0;
  std::uint32_t last = 0;
  EntityType type = EntityType::Org;
  bool operator==(const NerSpan&) const = default;
};

// NamedEntityRecognizer: a trained recogniser.
//
// Requires: load()ed from a "ner" model file with this build's fingerprint(), or made by
// NerTrainer. Ensures: the result depends on nothing but the document's words and sentence
// split; with a reused Workspace the hot path allocates only while buffers grow.
// Thread safety: const member functions may run concurrently, each thread with its own
// Workspace.
class NamedEntityRecognizer {
 public:
  static constexpr std::string_view kKind = "ner";
  static std::uint64_t fingerprint();

  class Workspace {
   public:
    Workspace();
    ~Workspace();
    Workspace(Workspace&&) noexcept;
    Workspace& operator=(Workspace&&) noexcept;

   private:
    friend class NamedEntityRecognizer;
    friend class NerTrainer;
    struct Impl;
    std::unique_ptr<Impl> impl_;
  };

  // Throws kg::ModelError naming the file when it is missing, foreign, newer, of another
  // kind or fingerprint, truncated or corrupt.
  static NamedEntityRecognizer load(const std::filesystem::path& path);
  static NamedEntityRecognizer from_model(const ModelFile& file);
  void save(const std::filesystem::path& path) const;
  // Payload: string description; u32 type count T; T x string type; u8 pass count P;
  // WordClusters; FrozenWeights of P x (1 + 4T) classes.
  std::string payload() const;

  // The entities of a tokenised document, in token order, sentence by sentence (the whole
  // token list is one sentence when there are none). Reads Token::norm (Token::form when
  // norm is empty); never Token::tag. Types without an EntityType (MISC) are left out;
  // NORP (nationalities, from GMB-trained models) is kept as EntityType::Norp.
  std::vector<NerSpan> recognize(const Document& doc, Workspace& workspace) const;
  std::vector<NerSpan> recognize(const Document& doc) const;
  // The same for sentences [first, last) of a document with sentences, read as if they were
  // the whole document (the document-level evidence, how a word is written elsewhere and
  // the first pass's votes, comes from them alone); NerSpan::sentence still counts from
  // the document's first sentence. The workspace grows with last - first, not with the
  // document. Requires first <= last <= doc.sentences.size().
  std::vector<NerSpan> recognize(const Document& doc, std::size_t first, std::size_t last,
                                 Workspace& workspace) const;

  // The entities of a document given as sentences of words; entity types are the model's
  // type names. out gets one vector per sentence.
  void recognize(std::span<const std::vector<std::string_view>> sentences, Workspace& workspace,
                 std::vector<std::vector<NerEntity>>& out) const;

  const std::vector<std::string>& types() const { return types_; }
  std::size_t passes() const { return passes_; }
  const FrozenWeights& weights() const { return weights_; }
  const WordClusters& clusters() const { return clusters_; }
  const std::string& description() const { return description_; }

 private:
  friend class NerTrainer;
  NamedEntityRecognizer() = default;
  void finish_types();
  void run(Workspace& workspace) const;  // labels the prepared words of the workspace

  std::string description_;
  std::vector<std::string> types_;
  std::vector<std::optional<EntityType>> entity_types_;  // per type
  std::uint8_t passes_ = 1;
  WordClusters clusters_;
  FrozenWeights weights_;  // passes_ x (1 + 4 types) classes
};

// ---------------------------------------------------------------------------------------
// Scoring (exact spans, like conlleval).

struct NerCounts {
  std::size_t gold = 0, predicted = 0, correct = 0;
  double precision() const { return predicted ? double(correct) / double(predicted) : 0; }
  double recall() const { return gold ? double(correct) / double(gold) : 0; }
  double f1() const {
    const double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

struct NerScores {
  NerCounts all;
  std::map<std::string, NerCounts> types;  // per (mapped) type
  std::vector<std::string> ignored_gold;   // gold types left out (the model has none such)
  std::vector<std::string> ignored_predicted;  // predicted types left out (absent from gold)
  std::size_t words = 0, sentences = 0;
  double seconds = 0;  // time spent recognising
};

// Scores `ner` on gold documents. type_map renames types on both sides first (e.g.
// {"GPE","LOC"} to compare a GPE/LOC model with CoNLL's LOC). Then only the types both the
// model (mapped) and the gold data (mapped, as seen in it) have are scored; the others are
// listed in ignored_gold / ignored_predicted.
NerScores evaluate(const NamedEntityRecognizer& ner, const std::vector<NerDocument>& gold,
                   const std::map<std::string, std::string>& type_map = {});

// ---------------------------------------------------------------------------------------
// Training.

struct NerIteration {
  int pass = 1;
  int iteration = 0;
  int iterations = 0;
  double train_accuracy = 0;  // labels right, with the weights as they were then
  bool has_dev = false;
  NerScores dev;
  bool best = false;
  std::size_t words = 0;
  std::size_t features = 0;
  double seconds = 0;
};

struct NerTrainingOptions {
  int iterations = 12;
  std::uint64_t seed = 1;
  float prune = 0.0f;
  bool quantize = true;
  bool two_pass = true;
  int folds = 4;                 // jackknife folds (over documents) for the second pass
  const WordClusters* clusters = nullptr;  // copied into the model when given
  std::function<void(const NerIteration&)> progress;
  std::function<void(const std::string&)> message;
};

// NerTrainer: learns types and weights from annotated documents.
// Ensures: the same documents, options and seed give a byte-identical model. With a dev set
// each pass keeps its iteration with the best dev F1 (earliest on a tie), else its last.
// Types are those of the training data, sorted by name.
// Throws kg::InputError when the training set has no words or no entities.
class NerTrainer {
 public:
  explicit NerTrainer(NerTrainingOptions options) : options_(std::move(options)) {}
  NamedEntityRecognizer train(const std::vector<NerDocument>& train,
                              const std::vector<NerDocument>& dev) const;

 private:
  NerTrainingOptions options_;
};

}  // namespace kg::extract
