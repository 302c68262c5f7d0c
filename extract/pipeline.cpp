#include "extract/pipeline.h"

#include "extract/entities.h"
#include "extract/error.h"
#include "extract/lexicon.h"
#include "extract/mentions.h"
#include "extract/relations.h"
#include "extract/tokenizer.h"

namespace kg::extract {

Pipeline::Pipeline(PipelineOptions options) : options_(std::move(options)) {
  if (options_.extractor != "rules")
    throw UsageError("unknown extractor '" + options_.extractor + "' (known: rules)");
  Lexicon::builtin();  // parse the lexicons now, so a bad table fails before any input is read
}

void Pipeline::run(Document& doc) const {
  const Lexicon& lexicon = Lexicon::builtin();
  tokenize(doc);
  find_mentions(doc, lexicon);
  resolve_entities(doc);
  find_relations(doc, lexicon);
}

}  // namespace kg::extract
