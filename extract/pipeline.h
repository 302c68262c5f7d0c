#pragma once
// Pipeline: runs the extraction stages over one Document, in place.
//
// text (validated) -> tokens/sentences -> mentions -> entities -> triples.
// Requires: doc.text set, everything else empty. Ensures: every layer of the Document
// filled. Thread safety: a const Pipeline may process different documents concurrently.
#include <memory>
#include <string>
#include <vector>

#include "extract/document.h"

namespace kg::extract {

struct PipelineOptions {
  std::string extractor = "rules";  // the model-free extractor; trained models come later
};

class Pipeline {
 public:
  explicit Pipeline(PipelineOptions options = {});
  void run(Document& doc) const;
  const PipelineOptions& options() const { return options_; }

 private:
  PipelineOptions options_;
};

}  // namespace kg::extract
