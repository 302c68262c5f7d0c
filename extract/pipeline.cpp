#include "extract/pipeline.h"

#include <cstdlib>
#include <filesystem>

#include "extract/dep_parser.h"
#include "extract/entities.h"
#include "extract/error.h"
#include "extract/lexicon.h"
#include "extract/mentions.h"
#include "extract/parse_relations.h"
#include "extract/pos_tagger.h"
#include "extract/relations.h"
#include "extract/tokenizer.h"

#ifndef KG_DEFAULT_MODELS_DIR
#define KG_DEFAULT_MODELS_DIR "models"
#endif

namespace kg::extract {

const std::vector<std::string>& extractor_names() {
  static const std::vector<std::string> names{"models", "rules"};
  return names;
}

std::string default_models_dir() {
  const char* env = std::getenv("KGBUILD_MODELS");
  if (env && *env) return env;
  return KG_DEFAULT_MODELS_DIR;
}

Pipeline::Pipeline(PipelineOptions options) : options_(std::move(options)) {
  const auto& names = extractor_names();
  if (std::find(names.begin(), names.end(), options_.extractor) == names.end())
    throw UsageError("unknown extractor '" + options_.extractor + "' (known: models, rules)");
  if (options_.models_dir.empty()) options_.models_dir = default_models_dir();
  Lexicon::builtin();  // parse the lexicons now, so a bad table fails before any input is read
  const std::filesystem::path dir(options_.models_dir);
  const bool models = options_.extractor == "models";
  if (models || options_.tag) tagger_ = std::make_shared<const PosTagger>(PosTagger::load(dir / "en-tagger.bin"));
  if (models) parser_ = std::make_shared<const DependencyParser>(DependencyParser::load(dir / "en-parser.bin"));
}

Pipeline::~Pipeline() = default;
Pipeline::Pipeline(Pipeline&&) noexcept = default;

void Pipeline::run(Document& doc) const {
  const Lexicon& lexicon = Lexicon::builtin();
  tokenize(doc);
  if (tagger_) tagger_->tag(doc);
  if (parser_) parser_->parse(doc);
  find_mentions(doc, lexicon);
  resolve_entities(doc);
  find_relations(doc, lexicon);
  if (parser_) find_parse_relations(doc, lexicon);
}

}  // namespace kg::extract
