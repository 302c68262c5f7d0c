#include "cli/models.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>

#include "cli/ner_commands.h"
#include "cli/relation_commands.h"
#include "cli/parser_commands.h"
#include "cli/run.h"
#include "extract/nlp/conllu.h"
#include "extract/nlp/pos_tagger.h"
#include "extract/text/error.h"
#include "extract/text/log.h"

namespace kg::cli {
namespace {

std::string fixed(double v, int digits) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

std::string percent(double v) { return fixed(100 * v, 2) + "%"; }

std::vector<extract::ConlluSentence> read_data(const std::string& path, std::string_view role) {
  const auto start = std::chrono::steady_clock::now();
  std::vector<extract::ConlluSentence> sentences = extract::read_conllu(path);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  log::info("{} {}: {} sentences, {} words ({} s)", role, path, sentences.size(),
            extract::count_words(sentences), fixed(seconds, 2));
  return sentences;
}

}  // namespace

int run_train(const Options& options) {
  if (options.model.kind == "parser") return run_train_parser(options);
  if (options.model.kind == "ner") return run_train_ner(options);
  if (options.model.kind == "clusters") return run_train_clusters(options);
  if (options.model.kind == "relations") return run_train_relations(options);
  const ModelOptions& m = options.model;
  const auto train = read_data(m.train, "train");
  const auto dev = m.dev.empty() ? std::vector<extract::ConlluSentence>{} : read_data(m.dev, "dev");

  std::optional<extract::WordClusters> clusters;
  if (!m.clusters.empty()) {
    clusters = extract::WordClusters::load(m.clusters);
    log::info("clusters {}: {}", m.clusters, clusters->description());
  }
  extract::TaggerTrainingOptions training;
  training.clusters = clusters ? &*clusters : nullptr;
  training.iterations = m.iterations;
  training.seed = m.seed;
  training.prune = m.prune;
  training.progress = [](const extract::TaggerIteration& r) {
    std::string line = "pass " + std::to_string(r.pass) + " iteration " + std::to_string(r.iteration) + "/" +
                       std::to_string(r.iterations) + ": train " + percent(r.train_accuracy);
    if (r.has_dev) {
      line += ", dev UPOS " + percent(r.dev.upos_accuracy()) + " XPOS " +
              percent(r.dev.xpos_accuracy()) + " Lemma " + percent(r.dev.lemma_accuracy());
    }
    line += ", " + std::to_string(r.features) + " features, " + fixed(r.seconds, 1) + " s";
    if (r.best && r.has_dev) line += " (best so far)";
    log::info("{}", line);
  };
  training.message = [](const std::string& text) { log::info("{}", text); };
  const auto start = std::chrono::steady_clock::now();
  const extract::PosTagger tagger = extract::PosTaggerTrainer(training).train(train, dev);
  tagger.save(m.model);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(m.model, ec);
  log::info("wrote {} ({} bytes, {} features, {} weights) in {} s: {}", m.model, bytes,
            tagger.weights().features(), tagger.weights().entries(), fixed(seconds, 1),
            tagger.description());
  return kExitOk;
}

int run_eval(const Options& options, std::ostream& out) {
  if (options.model.kind == "parser") return run_eval_parser(options, out);
  if (options.model.kind == "ner") return run_eval_ner(options, out);
  const ModelOptions& m = options.model;
  const extract::PosTagger tagger = extract::PosTagger::load(m.model);
  const auto data = read_data(m.data, "data");
  const extract::TaggerScores s = extract::evaluate(tagger, data);
  log::info("tagged {} words in {} s ({} words/s)", s.words, fixed(s.seconds, 3),
            s.seconds > 0 ? static_cast<long long>(double(s.words) / s.seconds) : 0);
  out << "model: " << m.model << " (" << tagger.description() << ")\n"
      << "data: " << m.data << " (" << data.size() << " sentences)\n"
      << "UPOS=" << fixed(s.upos_accuracy(), 4) << " XPOS=" << fixed(s.xpos_accuracy(), 4)
      << " UPOS+XPOS=" << fixed(s.both_accuracy(), 4) << " Lemma=" << fixed(s.lemma_accuracy(), 4)
      << " words=" << s.words << std::endl;
  if (!out) throw InputError("standard output", "cannot write the evaluation report");
  return kExitOk;
}

}  // namespace kg::cli
