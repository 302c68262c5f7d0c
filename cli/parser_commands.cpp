#include "cli/parser_commands.h"

#include <algorithm>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>

#include "cli/run.h"
#include "extract/nlp/conllu.h"
#include "extract/nlp/dep_parser.h"
#include "extract/nlp/pos_tagger.h"
#include "extract/nlp/word_clusters.h"
#include "extract/text/error.h"
#include "extract/text/log.h"

namespace kg::cli {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string fixed(double v, int digits) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

std::string percent(double v) { return fixed(100 * v, 2) + "%"; }

std::vector<extract::ConlluSentence> read_data(const std::string& path, std::string_view role) {
  const auto start = Clock::now();
  std::vector<extract::ConlluSentence> sentences = extract::read_conllu(path);
  log::info("{} {}: {} sentences, {} words ({} s)", role, path, sentences.size(),
            extract::count_words(sentences), fixed(seconds_since(start), 2));
  return sentences;
}

std::optional<extract::PosTagger> load_tagger(const std::string& path) {
  if (path.empty()) return std::nullopt;
  extract::PosTagger tagger = extract::PosTagger::load(path);
  log::info("tagger {}: {}", path, tagger.description());
  return tagger;
}

}  // namespace

int run_train_parser(const Options& options) {
  const ModelOptions& m = options.model;
  auto train = read_data(m.train, "train");
  auto dev = m.dev.empty() ? std::vector<extract::ConlluSentence>{} : read_data(m.dev, "dev");

  if (const std::optional<extract::PosTagger> tagger = load_tagger(m.tagger)) {
    const auto start = Clock::now();
    if (m.jackknife > 0) {
      // The fold taggers use the given tagger's clusters, so their errors are like its.
      extract::TaggerTrainingOptions tagging;
      tagging.seed = m.seed;
      tagging.clusters = tagger->clusters().empty() ? nullptr : &tagger->clusters();
      extract::jackknife_retag(train, m.jackknife, tagging, [&](int fold) {
        log::info("jackknife: fold {}/{} tagged ({} s)", fold, m.jackknife,
                  fixed(seconds_since(start), 1));
      });
      log::info("training tags: predicted by {} taggers trained on the other folds ({} s)",
                m.jackknife, fixed(seconds_since(start), 1));
    } else {
      extract::retag(train, *tagger);
      log::info("training tags: predicted by {}", m.tagger);
    }
    extract::retag(dev, *tagger);
  }

  std::optional<extract::WordClusters> clusters;
  if (!m.clusters.empty()) {
    clusters = extract::WordClusters::load(m.clusters);
    log::info("clusters {}: {}", m.clusters, clusters->description());
  }

  extract::ParserTrainingOptions training;
  training.clusters = clusters ? &*clusters : nullptr;
  training.iterations = m.iterations;
  training.beam = static_cast<std::uint32_t>(std::max(1, m.beam));
  training.seed = m.seed;
  training.prune = m.prune;
  training.progress = [](const extract::ParserIteration& r) {
    std::string line = "iteration " + std::to_string(r.iteration) + "/" +
                       std::to_string(r.iterations) + ": transitions " + percent(r.train_accuracy);
    if (r.has_dev) line += ", dev UAS " + percent(r.dev.uas()) + " LAS " + percent(r.dev.las());
    line += ", " + std::to_string(r.features) + " features, " + fixed(r.seconds, 1) + " s";
    if (r.best && r.has_dev) line += " (best so far)";
    log::info("{}", line);
  };
  const auto start = Clock::now();
  const extract::DependencyParser parser =
      extract::DependencyParserTrainer(training).train(train, dev);
  parser.save(m.model);
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(m.model, ec);
  log::info("wrote {} ({} bytes, {} features, {} weights) in {} s: {}", m.model, bytes,
            parser.weights().features(), parser.weights().entries(),
            fixed(seconds_since(start), 1), parser.description());
  return kExitOk;
}

int run_eval_parser(const Options& options, std::ostream& out) {
  const ModelOptions& m = options.model;
  extract::DependencyParser parser = extract::DependencyParser::load(m.model);
  if (m.beam > 0) parser.set_beam(static_cast<std::uint32_t>(m.beam));
  const std::optional<extract::PosTagger> tagger = load_tagger(m.tagger);
  const auto data = read_data(m.data, "data");
  const extract::ParserScores s = extract::evaluate(parser, data, tagger ? &*tagger : nullptr);
  log::info("parsed {} words in {} s ({} words/s)", s.words, fixed(s.seconds, 3),
            s.seconds > 0 ? static_cast<long long>(double(s.words) / s.seconds) : 0);
  out << "model: " << m.model << " (" << parser.description() << ")\n"
      << "data: " << m.data << " (" << data.size() << " sentences, "
      << (tagger ? "tags predicted by " + m.tagger : std::string("gold tags")) << ")\n"
      << "LAS with relation subtypes: " << fixed(s.las_full(), 4) << "\n"
      << "UAS=" << fixed(s.uas(), 4) << " LAS=" << fixed(s.las(), 4) << " words=" << s.words
      << " beam=" << parser.beam() << std::endl;
  if (!out) throw InputError("standard output", "cannot write the evaluation report");
  return kExitOk;
}

int run_train_clusters(const Options& options) {
  const ModelOptions& m = options.model;
  const auto start = Clock::now();
  const auto sentences = extract::read_token_lines(m.train);
  std::size_t tokens = 0;
  for (const auto& s : sentences) tokens += s.size();
  if (tokens == 0) throw InputError(m.train, "no tokens to cluster");
  log::info("text {}: {} sentences, {} tokens ({} s)", m.train, sentences.size(), tokens,
            fixed(seconds_since(start), 2));
  extract::ClusterTrainingOptions training;
  training.iterations = m.iterations;
  const extract::WordClusters clusters = extract::train_word_clusters(sentences, training);
  clusters.save(m.model);
  log::info("wrote {} in {} s: {}", m.model, fixed(seconds_since(start), 1),
            clusters.description());
  return kExitOk;
}

}  // namespace kg::cli
