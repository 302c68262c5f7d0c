#include "extract/pipeline.h"

#include <algorithm>
#include <cstdlib>
#include <iterator>
#include <string_view>
#include <filesystem>

#include "extract/dep_parser.h"
#include "extract/entities.h"
#include "extract/error.h"
#include "extract/lexicon.h"
#include "extract/mentions.h"
#include "extract/ner.h"
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
  if (models) {
    parser_ = std::make_shared<const DependencyParser>(DependencyParser::load(dir / "en-parser.bin"));
    ner_ = std::make_shared<const NamedEntityRecognizer>(NamedEntityRecognizer::load(dir / "en-ner.bin"));
  }
}

Pipeline::~Pipeline() = default;
Pipeline::Pipeline(Pipeline&&) noexcept = default;

namespace {

bool is_pronoun(std::string_view norm) {
  static constexpr std::string_view kPronouns[] = {"he", "He", "she", "She", "it", "It", "they", "They",
                                                   "him", "her", "Her", "them", "his", "His", "its", "Its",
                                                   "their", "Their"};
  return std::find(std::begin(kPronouns), std::end(kPronouns), norm) != std::end(kPronouns);
}

// Which sentences the parse can give a relation or an antecedent in: those with two named
// mentions, or one and a pronoun, and those with one whose next sentence has a pronoun
// (coreference reads the previous sentence's subject). Parsing only these keeps the parser,
// the pipeline's slowest stage, off sentences whose parse nothing would read.
std::vector<bool> sentences_to_parse(const Document& doc) {
  const std::size_t n = doc.sentences.size();
  std::vector<int> names(n, 0);
  std::vector<bool> pronoun(n, false);
  for (const Mention& m : doc.mentions)
    if (m.type != EntityType::Date && m.sentence < n) ++names[m.sentence];
  for (std::size_t s = 0; s < n; ++s)
    for (std::uint32_t t = doc.sentences[s].first; t < doc.sentences[s].last && !pronoun[s]; ++t)
      pronoun[s] = is_pronoun(doc.tokens[t].norm);
  std::vector<bool> wanted(n, false);
  for (std::size_t s = 0; s < n; ++s)
    wanted[s] = names[s] >= 2 || (names[s] == 1 && (pronoun[s] || (s + 1 < n && pronoun[s + 1])));
  return wanted;
}

}  // namespace

void Pipeline::run(Document& doc) const {
  const Lexicon& lexicon = Lexicon::builtin();
  tokenize(doc);
  if (!parser_) {  // the rules extractor
    if (tagger_) tagger_->tag(doc);
    find_mentions(doc, lexicon);
    resolve_entities(doc);
    find_relations(doc, lexicon);
    return;
  }
  // The names need no tags; the tags and the parse are read only by the parse relations,
  // so only the sentences those can use are tagged and parsed.
  const std::vector<NerSpan> names = ner_->recognize(doc);
  find_mentions(doc, lexicon, names);
  resolve_entities(doc);
  find_relations(doc, lexicon);

  const std::vector<bool> wanted = sentences_to_parse(doc);
  PosTagger::Workspace tagger_workspace;
  DependencyParser::Workspace parser_workspace;
  std::vector<std::string_view> forms;
  std::vector<TaggedWord> tagged;
  std::vector<ParserWord> words;
  std::vector<ParsedWord> parsed;
  for (std::size_t s = 0; s < doc.sentences.size(); ++s) {
    if (!wanted[s]) continue;
    const Sentence& sentence = doc.sentences[s];
    forms.clear();
    for (std::uint32_t k = sentence.first; k < sentence.last; ++k) {
      const Token& t = doc.tokens[k];
      forms.push_back(t.norm.empty() ? std::string_view(t.form) : std::string_view(t.norm));
    }
    tagger_->tag(forms, tagger_workspace, tagged);
    words.clear();
    for (std::uint32_t k = sentence.first; k < sentence.last; ++k) {
      Token& t = doc.tokens[k];
      TaggedWord& w = tagged[k - sentence.first];
      t.tag.assign(w.upos);
      t.xpos.assign(w.xpos);
      t.lemma = std::move(w.lemma);
      words.push_back({forms[k - sentence.first], t.tag, t.xpos});
    }
    parser_->parse(words, parser_workspace, parsed);
    for (std::uint32_t k = sentence.first; k < sentence.last; ++k) {
      Token& t = doc.tokens[k];
      const ParsedWord& w = parsed[k - sentence.first];
      t.head = w.head < 0 ? -1 : static_cast<std::int32_t>(sentence.first) + w.head;
      t.deprel.assign(parser_->label(w.label));
    }
  }
  find_parse_relations(doc, lexicon);
}

}  // namespace kg::extract
