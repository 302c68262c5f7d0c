#include "extract/pipeline.h"

#include "extract/tokenizer.h"

namespace kg::extract {

Pipeline::Pipeline(PipelineOptions options) : options_(std::move(options)) {}

void Pipeline::run(Document& doc) const {
  tokenize(doc);
}

}  // namespace kg::extract
