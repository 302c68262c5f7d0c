#pragma once
// extract/kg: the room that decides what becomes an entity or an edge of the knowledge
// graph. It owns name keys (names.h), mention finding (mentions.h), titles of works and
// named awards (works.h), within-document entity resolution (entities.h), pronoun
// resolution (coreference.h), relation extraction on the token sequence (relations.h) and
// on the parse (the frames parse_relations.h, roles.h and places.h over parse_view.h;
// relation_words.h), relation classes (relation_class.h) and this Pipeline, which runs
// every stage of extract/ over a Document. It may use extract/nlp (the models and the
// lexicon) and extract/text; graph/ and the folders above it use this room, never the
// other way round.
//
// Pipeline: runs the extraction stages over one Document, in place.
//
// Extractor "models" (the CLI's default):
//   text -> tokens/sentences -> names (NER model en-ner.bin) -> mentions (rules and
//   gazetteers, plus the recognised names) -> works and awards -> entities -> rule
//   triples -> tags, lemmas (en-tagger.bin) and dependency parse (en-parser.bin) of the
//   sentences where a relation or antecedent can be read (sentences_to_parse below) ->
//   (a dateline opening a sentence and bracketed asides after names read around, asides.h) ->
//   triples read off the parse, with pronouns resolved (clause triples, then the roles
//   frame, then the places-and-dates frame) -> classes of those triples -> the learnt
//   relation filter (en-relations.bin) over every pair of entities named in one sentence.
//   Other sentences keep empty tags and head -1: nothing downstream reads them.
// Extractor "rules": no model files; tokens -> mentions -> works and awards -> entities ->
// rule triples. With `tag` set it also runs the tagger (for tools that want tags without
// the parse).
// Both end with one step after every relation finder: each triple without a relation_class
// gets one (classify_relations, relation_class.h).
// Requires: doc.text set (and doc.date, when the caller knows it), everything else empty.
// Ensures: every layer of the Document filled; an empty doc.date becomes the dateline's
// date (extract/text/dateline.h) when the text has one. The constructor loads the models it
// needs from models_dir (kg::ModelError naming the file when one is missing or unusable),
// so a broken model fails before any input.
// Thread safety: a const Pipeline may process different documents concurrently.
#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "extract/text/document.h"

namespace kg::extract {

// The recogniser reads a document of more tokens than this in windows of whole sentences
// of at most this many tokens (at least one sentence), each window as if it were a document
// of its own: its buffers (about 300 bytes a word) then stay bounded however long the
// document. A news article is far shorter (about 700 KB of text fill a window), so its
// names come out as from the whole text; in a longer file, how a word is written elsewhere
// and the first pass's votes are read within the window.
inline constexpr std::size_t kNerWindowTokens = std::size_t{1} << 17;

struct PipelineOptions {
  std::string extractor = "rules";  // "rules" (model-free) or "models"
  std::string models_dir;           // empty: default_models_dir()
  bool tag = false;                 // rules extractor: also run the POS tagger
  // Beam width of the dependency parser: 1 (greedy) keeps the pipeline at its measured
  // speed; 8 parses as `kgbuild eval parser` scores the shipped model, at about 42 % of
  // the speed (docs/BENCHMARKS.md); 0: the width the model was trained with.
  std::uint32_t parser_beam = 1;
  // Models extractor: run the learnt relation filter (en-relations.bin, relation_filter.h)
  // after the frames. Off only to collect the frames' output for training a new filter.
  bool relation_filter = true;
  // Models extractor: the recogniser's window on a long document (kNerWindowTokens below).
  std::size_t ner_window_tokens = kNerWindowTokens;
};

// The known extractor names, for option checking and messages.
const std::vector<std::string>& extractor_names();

// $KGBUILD_MODELS when set and not empty; else, for a program installed in <prefix>/bin,
// <prefix>/share/kgbuild/models when that folder exists (the models `cmake --install`
// puts there); else the models/ folder of the source tree this library was built from.
std::string default_models_dir();

// Documents per Pipeline::run(span) call that the CLI and the benchmark use: enough for
// each model's tables to be reused across documents (measured: 32 gave 99 k, 64 gave
// 105 k, 128 gave 104 k words/s on the benchmark corpus), small enough to hold in memory.
inline constexpr std::size_t kPipelineBatch = 64;

// The sentences the models extractor tags and parses (one flag per sentence): those with two
// or more named (non-date) mentions, or one with a personal pronoun there or in the next
// sentence, or one with a date mention. Linear in tokens and mentions.
std::vector<bool> sentences_to_parse(const Document& doc);

class PosTagger;
class DependencyParser;
class NamedEntityRecognizer;
class RelationFilter;

class Pipeline {
 public:
  explicit Pipeline(PipelineOptions options = {});
  ~Pipeline();
  Pipeline(Pipeline&&) noexcept;
  // One document; any failure throws.
  void run(Document& doc) const;
  // A batch, stage by stage (each model over every document before the next model runs,
  // which keeps its tables in the caches: about a third faster than one by one). Each
  // document ends exactly as run(doc) would leave it. Returns one message per document,
  // empty where it succeeded; a document whose stage failed skips the later stages.
  // kg::ModelError and std::bad_alloc propagate.
  std::vector<std::string> run(std::span<Document> docs) const;
  const PipelineOptions& options() const { return options_; }

 private:
  std::vector<std::string> run_stages(std::span<Document> docs, bool keep_going) const;
  // Every stage up to the last relation finder; run_stages() then classifies the triples.
  std::vector<std::string> find_triples(std::span<Document> docs, bool keep_going) const;

  PipelineOptions options_;
  std::shared_ptr<const PosTagger> tagger_;
  std::shared_ptr<const DependencyParser> parser_;
  std::shared_ptr<const NamedEntityRecognizer> ner_;
  std::shared_ptr<const RelationFilter> relation_filter_;
};

}  // namespace kg::extract
