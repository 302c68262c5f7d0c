#include "extract/pipeline.h"

#include <filesystem>

#include "extract/entities.h"
#include "extract/error.h"
#include "extract/lexicon.h"
#include "extract/mentions.h"
#include "extract/pos_tagger.h"
#include "extract/relations.h"
#include "extract/tokenizer.h"

namespace kg::extract {

Pipeline::Pipeline(PipelineOptions options) : options_(std::move(options)) {
  if (options_.extractor != "rules")
    throw UsageError("unknown extractor '" + options_.extractor + "' (known: rules)");
  Lexicon::builtin();  // parse the lexicons now, so a bad table fails before any input is read
  if (options_.tag) {
    tagger_ = std::make_shared<const PosTagger>(
        PosTagger::load(std::filesystem::path(options_.models_dir) / "en-tagger.bin"));
  }
}

void Pipeline::run(Document& doc) const {
  const Lexicon& lexicon = Lexicon::builtin();
  tokenize(doc);
  if (tagger_) tagger_->tag(doc);
  find_mentions(doc, lexicon);
  resolve_entities(doc);
  find_relations(doc, lexicon);
}

}  // namespace kg::extract
