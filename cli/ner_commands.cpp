#include "cli/ner_commands.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <ostream>
#include <string>

#include "cli/run.h"
#include "extract/nlp/ner.h"
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

extract::NerFormat format_of(const std::string& name) {
  const auto format = extract::ner_format_from_string(name);
  if (!format) throw UsageError("unknown data format '" + name + "' (known: conll03, conllu, gmb)");
  return *format;
}

std::vector<extract::NerDocument> read_data(const std::string& path, extract::NerFormat format,
                                            std::string_view role) {
  const auto start = Clock::now();
  std::vector<extract::NerDocument> docs = extract::read_ner(path, format);
  log::info("{} {} ({}): {} documents, {} sentences, {} words, {} entities ({} s)", role, path,
            extract::to_string(format), docs.size(), extract::count_sentences(docs),
            extract::count_words(docs), extract::count_entities(docs), fixed(seconds_since(start), 2));
  return docs;
}

std::string join(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return s;
}

// A clusters model file (it starts with the model magic), else tokenised text (one sentence a
// line) to learn clusters from with the default ClusterTrainingOptions.
extract::WordClusters load_or_learn_clusters(const std::string& path) {
  std::string head(extract::kModelMagic.size(), '\0');
  {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, "cannot open the clusters file");
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
  }
  if (head == extract::kModelMagic) {
    extract::WordClusters c = extract::WordClusters::load(path);
    log::info("clusters {}: {}", path, c.description());
    return c;
  }
  const auto start = Clock::now();
  const auto text = extract::read_token_lines(path);
  extract::WordClusters c = extract::train_word_clusters(text, extract::ClusterTrainingOptions{});
  log::info("clusters learnt from {} ({} sentences) in {} s: {}", path, text.size(),
            fixed(seconds_since(start), 1), c.description());
  return c;
}

}  // namespace

std::map<std::string, std::string> parse_type_map(const std::string& text) {
  std::map<std::string, std::string> out;
  if (text.empty()) return out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const std::size_t end = std::min(text.find(',', pos), text.size());
    const std::string pair = text.substr(pos, end - pos);
    const std::size_t eq = pair.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == pair.size())
      throw UsageError("option --map needs TYPE=TYPE pairs separated by commas, got '" + text + "'");
    out[pair.substr(0, eq)] = pair.substr(eq + 1);
    pos = end + 1;
  }
  return out;
}

int run_train_ner(const Options& options) {
  const ModelOptions& m = options.model;
  const extract::NerFormat format = format_of(m.data_format);
  const extract::NerFormat dev_format = m.dev_format.empty() ? format : format_of(m.dev_format);
  const auto train = read_data(m.train, format, "train");
  const auto dev = m.dev.empty() ? std::vector<extract::NerDocument>{} : read_data(m.dev, dev_format, "dev");

  std::optional<extract::WordClusters> clusters;
  if (!m.clusters.empty()) clusters = load_or_learn_clusters(m.clusters);

  extract::NerTrainingOptions training;
  training.iterations = m.iterations;
  training.seed = m.seed;
  training.prune = m.prune;
  training.clusters = clusters ? &*clusters : nullptr;
  training.progress = [](const extract::NerIteration& r) {
    std::string line = "pass " + std::to_string(r.pass) + " iteration " + std::to_string(r.iteration) + "/" +
                       std::to_string(r.iterations) + ": labels " + percent(r.train_accuracy);
    if (r.has_dev) {
      line += ", dev P " + percent(r.dev.all.precision()) + " R " + percent(r.dev.all.recall()) + " F1 " +
              percent(r.dev.all.f1());
    }
    line += ", " + std::to_string(r.features) + " features, " + fixed(r.seconds, 1) + " s";
    if (r.best && r.has_dev) line += " (best so far)";
    log::info("{}", line);
  };
  training.message = [](const std::string& text) { log::info("{}", text); };
  const auto start = Clock::now();
  const extract::NamedEntityRecognizer ner = extract::NerTrainer(training).train(train, dev);
  ner.save(m.model);
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(m.model, ec);
  log::info("wrote {} ({} bytes, {} features, {} weights) in {} s: {}", m.model, bytes,
            ner.weights().features(), ner.weights().entries(), fixed(seconds_since(start), 1),
            ner.description());
  return kExitOk;
}

int run_eval_ner(const Options& options, std::ostream& out) {
  const ModelOptions& m = options.model;
  const extract::NerFormat format = format_of(m.data_format);
  const auto type_map = parse_type_map(m.type_map);
  const extract::NamedEntityRecognizer ner = extract::NamedEntityRecognizer::load(m.model);
  const auto data = read_data(m.data, format, "data");
  const extract::NerScores s = extract::evaluate(ner, data, type_map);
  log::info("recognised {} words in {} s ({} words/s)", s.words, fixed(s.seconds, 3),
            s.seconds > 0 ? static_cast<long long>(double(s.words) / s.seconds) : 0);
  out << "model: " << m.model << " (" << ner.description() << ")\n"
      << "data: " << m.data << " (" << extract::to_string(format) << ", " << data.size() << " documents, "
      << s.sentences << " sentences)\n";
  if (!type_map.empty()) out << "type map: " << m.type_map << "\n";
  if (!s.ignored_gold.empty()) out << "gold types not scored (the model has none): " << join(s.ignored_gold) << "\n";
  if (!s.ignored_predicted.empty())
    out << "predicted types not scored (absent from the data): " << join(s.ignored_predicted) << "\n";
  for (const auto& [type, c] : s.types) {
    out << type << ": P " << fixed(c.precision(), 4) << " R " << fixed(c.recall(), 4) << " F1 "
        << fixed(c.f1(), 4) << " (gold " << c.gold << ", predicted " << c.predicted << ", correct " << c.correct
        << ")\n";
  }
  out << "P=" << fixed(s.all.precision(), 4) << " R=" << fixed(s.all.recall(), 4) << " F1=" << fixed(s.all.f1(), 4);
  for (const auto& [type, c] : s.types) out << " " << type << "_F1=" << fixed(c.f1(), 4);
  out << " entities=" << s.all.gold << " words=" << s.words << std::endl;
  if (!out) throw InputError("standard output", "cannot write the evaluation report");
  return kExitOk;
}

}  // namespace kg::cli
