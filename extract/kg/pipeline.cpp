#include "extract/kg/pipeline.h"

#include <algorithm>
#include <exception>
#include <future>
#include <cstdlib>
#include <iterator>
#include <new>
#include <optional>
#include <span>
#include <string_view>
#include <filesystem>
#include <system_error>

#include "extract/kg/asides.h"
#include "extract/kg/entities.h"
#include "extract/kg/mentions.h"
#include "extract/kg/parse_relations.h"
#include "extract/kg/places.h"
#include "extract/kg/relation_class.h"
#include "extract/kg/relation_filter.h"
#include "extract/kg/relation_words.h"
#include "extract/kg/relations.h"
#include "extract/kg/reporting.h"
#include "extract/kg/roles.h"
#include "extract/kg/works.h"
#include "extract/nlp/dep_parser.h"
#include "extract/nlp/lexicon.h"
#include "extract/nlp/ner.h"
#include "extract/nlp/pos_tagger.h"
#include "extract/text/dateline.h"
#include "extract/text/error.h"
#include "extract/text/log.h"
#include "extract/text/tokenizer.h"

#ifndef KG_DEFAULT_MODELS_DIR
#define KG_DEFAULT_MODELS_DIR "models"
#endif
#ifndef KG_MODELS_FROM_BINDIR
#define KG_MODELS_FROM_BINDIR "../share/kgbuild/models"
#endif

namespace kg::extract {

const std::vector<std::string>& extractor_names() {
  static const std::vector<std::string> names{"models", "rules"};
  return names;
}

std::string default_models_dir() {
  const char* env = std::getenv("KGBUILD_MODELS");
  if (env && *env) return env;
  // An installed program (<prefix>/bin/kgbuild) reads the models installed with it, even
  // when the source tree it was built from is gone or has changed.
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const std::filesystem::path installed = (exe.parent_path() / KG_MODELS_FROM_BINDIR).lexically_normal();
    if (std::filesystem::is_directory(installed, ec)) return installed.string();
  }
  return KG_DEFAULT_MODELS_DIR;
}

Pipeline::Pipeline(PipelineOptions options) : options_(std::move(options)) {
  const auto& names = extractor_names();
  if (std::find(names.begin(), names.end(), options_.extractor) == names.end())
    throw UsageError("unknown extractor '" + options_.extractor + "' (known: models, rules)");
  if (options_.models_dir.empty()) options_.models_dir = default_models_dir();
  const std::filesystem::path dir(options_.models_dir);
  const bool models = options_.extractor == "models";
  if (models || options_.tag) log::debug("models from {}", options_.models_dir);
  // The models load side by side: the parser, the largest, on a thread of its own (here,
  // later, when no thread can be started) while this one reads the lexicons, the tagger, the
  // recogniser and the relation filter. When several fail, the first in the order tagger,
  // parser, NER, relations is reported.
  std::future<DependencyParser> parser;
  if (models)
    parser = std::async(std::launch::async | std::launch::deferred,
                        [&] { return DependencyParser::load(dir / "en-parser.bin"); });
  Lexicon::builtin();  // parse the lexicons now, so a bad table fails before any input is read
  std::exception_ptr failed[4];  // tagger, parser, NER, relations
  const auto guarded = [&](int which, auto load) {
    try {
      load();
    } catch (...) {
      failed[which] = std::current_exception();
    }
  };
  guarded(0, [&] {
    if (models || options_.tag) tagger_ = std::make_shared<const PosTagger>(PosTagger::load(dir / "en-tagger.bin"));
  });
  if (models) {
    guarded(2, [&] {
      ner_ = std::make_shared<const NamedEntityRecognizer>(NamedEntityRecognizer::load(dir / "en-ner.bin"));
    });
    guarded(3, [&] {
      if (options_.relation_filter)
        relation_filter_ = std::make_shared<const RelationFilter>(RelationFilter::load(dir / "en-relations.bin"));
    });
    guarded(1, [&] {
      DependencyParser p = parser.get();
      if (options_.parser_beam > 0) p.set_beam(options_.parser_beam);
      parser_ = std::make_shared<const DependencyParser>(std::move(p));
    });
  }
  for (const std::exception_ptr& e : failed)
    if (e) std::rethrow_exception(e);
}

Pipeline::~Pipeline() = default;
Pipeline::Pipeline(Pipeline&&) noexcept = default;

// Which sentences the parse can give a relation or an antecedent in: those with two named
// mentions, or one and a pronoun, or one and a date ("X was founded in 1990": the date
// frame reads it), and those with one whose next sentence has a pronoun (coreference reads
// the previous sentence's subject). Parsing only these keeps the parser, the pipeline's
// slowest stage, off sentences whose parse nothing would read. One pass over the mentions
// and one over the tokens.
std::vector<bool> sentences_to_parse(const Document& doc) {
  const std::size_t n = doc.sentences.size();
  std::vector<int> names(n, 0);
  std::vector<bool> pronoun(n, false), date(n, false);
  for (const Mention& m : doc.mentions) {
    if (m.sentence >= n) continue;
    if (m.type == EntityType::Date)
      date[m.sentence] = true;
    else
      ++names[m.sentence];
  }
  for (std::size_t s = 0; s < n; ++s)
    for (std::uint32_t t = doc.sentences[s].first; t < doc.sentences[s].last && !pronoun[s]; ++t)
      pronoun[s] = is_personal_pronoun(doc.tokens[t].norm);
  std::vector<bool> wanted(n, false);
  for (std::size_t s = 0; s < n; ++s)
    wanted[s] = names[s] >= 2 || (names[s] == 1 && (pronoun[s] || date[s] || (s + 1 < n && pronoun[s + 1])));
  return wanted;
}

namespace {

// Runs `stage` on every document still in the batch; a document whose stage throws an
// input-specific error is taken out of the batch with the message (ModelError and
// bad_alloc concern the whole run and propagate).
// With `keep_going` false every exception propagates unchanged (one document).
template <typename Stage>
void each(std::span<Document> docs, std::vector<std::string>& failures, bool keep_going, Stage&& stage) {
  for (std::size_t i = 0; i < docs.size(); ++i) {
    if (!failures[i].empty()) continue;
    if (!keep_going) {
      stage(docs[i]);
      continue;
    }
    try {
      stage(docs[i]);
    } catch (const ModelError&) {
      throw;
    } catch (const std::bad_alloc&) {
      throw;
    } catch (const std::exception& e) {
      failures[i] = e.what();
      if (failures[i].empty()) failures[i] = "unknown error";
    }
  }
}

}  // namespace

void Pipeline::run(Document& doc) const { run_stages(std::span<Document>(&doc, 1), false); }

std::vector<std::string> Pipeline::run(std::span<Document> docs) const { return run_stages(docs, true); }

std::vector<std::string> Pipeline::run_stages(std::span<Document> docs, bool keep_going) const {
  std::vector<std::string> failures = find_triples(docs, keep_going);
  // The triples are final: every relation finder has run. Each gets its class here, once,
  // so a new finder needs to do nothing for it (it may set a class it knows better).
  const Lexicon& lexicon = Lexicon::builtin();
  each(docs, failures, keep_going, [&](Document& doc) {
    classify_relations(doc, lexicon);
    if (relation_filter_) relation_filter_->apply(doc, lexicon);
  });
  return failures;
}

std::vector<std::string> Pipeline::find_triples(std::span<Document> docs, bool keep_going) const {
  const Lexicon& lexicon = Lexicon::builtin();
  std::vector<std::string> failures(docs.size());
  each(docs, failures, keep_going, [](Document& doc) {
    if (doc.date.empty()) doc.date = dateline_date(doc.text);  // a date the caller set wins
    tokenize(doc);
  });
  if (!parser_) {  // the rules extractor
    each(docs, failures, keep_going, [&](Document& doc) {
      if (tagger_) tagger_->tag(doc);
      find_mentions(doc, lexicon);
      find_works(doc, lexicon);
      resolve_entities(doc);
      find_relations(doc, lexicon);
    });
    return failures;
  }
  // Stage by stage over the batch, so each model's tables (megabytes) stay in the caches
  // while it runs. The names need no tags; the tags and the parse are read only by the
  // parse relations, so only the sentences those can use are tagged and parsed.
  std::vector<std::vector<NerSpan>> names(docs.size());
  {
    // The recogniser's buffers grow with the longest document (a few hundred bytes a
    // word); they go before the later stages allocate theirs.
    NamedEntityRecognizer::Workspace ner_workspace;
    each(docs, failures, keep_going, [&](Document& doc) {
      std::vector<NerSpan>& out = names[static_cast<std::size_t>(&doc - docs.data())];
      const std::size_t window = std::max<std::size_t>(options_.ner_window_tokens, 1);
      if (doc.tokens.size() <= window || doc.sentences.empty()) {
        out = ner_->recognize(doc, ner_workspace);
        return;
      }
      for (std::size_t first = 0; first < doc.sentences.size();) {
        std::size_t last = first + 1;
        while (last < doc.sentences.size() && doc.sentences[last].last - doc.sentences[first].first <= window)
          ++last;
        std::vector<NerSpan> spans = ner_->recognize(doc, first, last, ner_workspace);
        out.insert(out.end(), spans.begin(), spans.end());
        first = last;
      }
    });
  }
  each(docs, failures, keep_going, [&](Document& doc) {
    std::vector<NerSpan>& spans = names[static_cast<std::size_t>(&doc - docs.data())];
    find_mentions(doc, lexicon, spans);
    std::vector<NerSpan>().swap(spans);
    find_works(doc, lexicon);
    resolve_entities(doc);
    find_relations(doc, lexicon);
  });
  std::vector<std::vector<bool>> wanted(docs.size());
  for (std::size_t i = 0; i < docs.size(); ++i)
    if (failures[i].empty()) wanted[i] = sentences_to_parse(docs[i]);

  std::vector<std::string_view> forms;
  const auto words_of = [&](const Document& doc, const Sentence& sentence) {
    forms.clear();
    for (std::uint32_t k = sentence.first; k < sentence.last; ++k) {
      const Token& t = doc.tokens[k];
      forms.push_back(t.norm.empty() ? std::string_view(t.form) : std::string_view(t.norm));
    }
  };
  PosTagger::Workspace tagger_workspace;
  std::vector<TaggedWord> tagged;
  each(docs, failures, keep_going, [&](Document& doc) {
    const std::vector<bool>& parse = wanted[static_cast<std::size_t>(&doc - docs.data())];
    for (std::size_t s = 0; s < doc.sentences.size(); ++s) {
      if (!parse[s]) continue;
      const Sentence& sentence = doc.sentences[s];
      words_of(doc, sentence);
      tagger_->tag(forms, tagger_workspace, tagged);
      for (std::uint32_t k = sentence.first; k < sentence.last; ++k) {
        Token& t = doc.tokens[k];
        TaggedWord& w = tagged[k - sentence.first];
        t.tag = w.upos_label;
        t.xpos = w.xpos_label;
        t.lemma = std::move(w.lemma);
      }
    }
  });
  DependencyParser::Workspace parser_workspace;
  std::vector<ParserWord> words;
  std::vector<ParsedWord> parsed;
  std::vector<std::uint32_t> kept;  // the sentence's tokens the parser reads
  each(docs, failures, keep_going, [&](Document& doc) {
    const std::vector<bool>& parse = wanted[static_cast<std::size_t>(&doc - docs.data())];
    for (std::size_t s = 0; s < doc.sentences.size(); ++s) {
      if (!parse[s]) continue;
      const Sentence& sentence = doc.sentences[s];
      words_of(doc, sentence);
      // The parser reads the sentence without a dateline opening it, without bracketed
      // asides after names and with each proper name as its last word (asides.h); the rest
      // is hung on the parse afterwards.
      const std::optional<Dateline> dateline = find_dateline(doc, sentence);
      const std::vector<Aside> asides = name_asides(doc, sentence);
      const std::vector<NameSpan> whole_names = names_read_as_one(doc, sentence);
      kept.clear();
      std::size_t next_aside = 0, next_name = 0;
      for (std::uint32_t k = dateline ? dateline->end + 1 : sentence.first; k < sentence.last; ++k) {
        while (next_aside < asides.size() && asides[next_aside].close < k) ++next_aside;
        if (next_aside < asides.size() && asides[next_aside].open <= k) continue;
        while (next_name < whole_names.size() && whole_names[next_name].last <= k) ++next_name;
        if (next_name < whole_names.size() && whole_names[next_name].first <= k && k + 1 < whole_names[next_name].last) continue;
        kept.push_back(k);
      }
      words.clear();
      for (std::uint32_t k : kept) words.push_back({forms[k - sentence.first], doc.tokens[k].tag, doc.tokens[k].xpos});
      parser_->parse(words, parser_workspace, parsed);
      for (std::size_t i = 0; i < kept.size(); ++i) {
        Token& t = doc.tokens[kept[i]];
        const ParsedWord& w = parsed[i];
        t.head = w.head < 0 ? -1 : static_cast<std::int32_t>(kept[static_cast<std::size_t>(w.head)]);
        t.deprel = parser_->deprel(w.label);
      }
      for (const NameSpan& name : whole_names) attach_name(doc, name);
      if (dateline) attach_dateline(doc, kept, *dateline);
      for (const Aside& a : asides) attach_aside(doc, a);
    }
  });
  each(docs, failures, keep_going, [&](Document& doc) {
    find_parse_relations(doc, lexicon);
    find_roles(doc, lexicon);
    find_places_and_dates(doc, lexicon);
    find_reporting(doc, lexicon);
    find_office_states(doc, lexicon);
  });
  return failures;
}

}  // namespace kg::extract
