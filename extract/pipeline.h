#pragma once
// Pipeline: runs the extraction stages over one Document, in place.
//
// text (validated) -> tokens/sentences -> [tags, lemmas] -> mentions -> entities -> triples.
// Requires: doc.text set, everything else empty. Ensures: every layer of the Document
// filled. Thread safety: a const Pipeline may process different documents concurrently.
//
// Trained models are opt-in for now: with `tag` set, the constructor loads
// models_dir/en-tagger.bin (kg::ModelError when it is missing or unusable) and the tagger
// fills Token::tag, Token::xpos and Token::lemma right after tokenisation. The rule
// extractor does not read them yet.
#include <memory>
#include <string>
#include <vector>

#include "extract/document.h"

namespace kg::extract {

struct PipelineOptions {
  std::string extractor = "rules";  // the model-free extractor; trained models come later
  std::string models_dir = "models";  // where the trained models (en-tagger.bin, ...) live
  bool tag = false;                   // run the POS tagger and lemmatiser after tokenising
};

class PosTagger;

class Pipeline {
 public:
  explicit Pipeline(PipelineOptions options = {});
  void run(Document& doc) const;
  const PipelineOptions& options() const { return options_; }

 private:
  PipelineOptions options_;
  std::shared_ptr<const PosTagger> tagger_;  // set when options_.tag
};

}  // namespace kg::extract
