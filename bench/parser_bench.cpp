// kg_parser_bench: throughput of the dependency parser on one thread.
// Figures and the commands that reproduce them: docs/BENCHMARKS.md ("Models", "Parser").
//
// Usage: kg_parser_bench --model M [--tagger T] [--repeat N] [--beam K] (--conllu F | TEXT_PATH...)
//   --conllu F   parse the gold-tokenised sentences of a CoNLL-U file: with their gold tags,
//                or with the tags --tagger T predicts (tagging is not timed)
//   TEXT_PATH    files or directories (*.txt below them): each is tokenised and tagged by
//                --tagger T (required here; not timed), then DependencyParser::parse(Document&)
//                is timed on it
//   --repeat N   passes (default 5); the median and the best are reported
//
// What is timed: the parsing calls only (std::chrono::steady_clock and the thread's CPU
// clock), with one reused Workspace, as a pipeline stage would run. Words are CoNLL-U
// words or tokenizer tokens.
// Output (stdout): one line per repeat, then name=value pairs:
//   words= repeats= seconds= words_per_s= best_words_per_s= cpu_words_per_s= model_bytes= beam=
// Exit status: 0, 1 for unusable data or model, 2 for a bad command line.
#include <time.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "cli/inputs.h"
#include "extract/nlp/conllu.h"
#include "extract/nlp/dep_parser.h"
#include "extract/nlp/pos_tagger.h"
#include "extract/text/document.h"
#include "extract/text/error.h"
#include "extract/text/text.h"
#include "extract/text/tokenizer.h"

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::string_view kUsage =
    "usage: kg_parser_bench --model M [--tagger T] [--repeat N] [--beam K] (--conllu F | TEXT_PATH...)\n"
    "  --beam K  decode with this beam width (default: the model's)\n";

struct Args {
  std::string model, tagger, conllu;
  int repeat = 5;
  std::vector<std::string> paths;
  int beam = 0;  // 0: the model's width
};

int positive(std::string_view option, const std::string& v) {
  int n = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || end != v.data() + v.size() || n < 1)
    throw kg::UsageError(std::string(option) + ": expected a positive integer, got '" + v + "'");
  return n;
}

Args parse_args(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw kg::UsageError(std::string(arg) + ": missing value");
      return argv[++i];
    };
    if (arg == "--model") {
      args.model = value();
    } else if (arg == "--tagger") {
      args.tagger = value();
    } else if (arg == "--conllu") {
      args.conllu = value();
    } else if (arg == "--repeat") {
      args.repeat = positive(arg, value());
    } else if (arg == "--beam") {
      args.beam = positive(arg, value());
    } else if (arg.starts_with('-')) {
      throw kg::UsageError("unknown option '" + std::string(arg) + "'");
    } else {
      args.paths.emplace_back(arg);
    }
  }
  if (args.model.empty()) throw kg::UsageError("--model is required");
  if (args.conllu.empty() == args.paths.empty())
    throw kg::UsageError("give either --conllu F or text paths");
  if (!args.paths.empty() && args.tagger.empty())
    throw kg::UsageError("text paths need --tagger (the parser reads the tags)");
  return args;
}

double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

int run(const Args& args) {
  kg::extract::DependencyParser parser = kg::extract::DependencyParser::load(args.model);
  if (args.beam > 0) parser.set_beam(static_cast<std::uint32_t>(args.beam));
  std::optional<kg::extract::PosTagger> tagger;
  if (!args.tagger.empty()) tagger = kg::extract::PosTagger::load(args.tagger);
  kg::extract::DependencyParser::Workspace workspace;

  // The work of one pass, prepared once: gold sentences or tokenised, tagged documents.
  std::vector<kg::extract::ConlluSentence> gold;
  std::vector<std::vector<kg::extract::ParserWord>> sentences;
  std::vector<kg::extract::Document> docs;
  std::size_t words = 0;
  if (!args.conllu.empty()) {
    gold = kg::extract::read_conllu(args.conllu);
    if (tagger) kg::extract::retag(gold, *tagger);
    for (const auto& s : gold) {
      sentences.emplace_back();
      for (const auto& w : s.words) sentences.back().push_back({w.form, w.upos, w.xpos});
      words += s.words.size();
    }
  } else {
    const kg::cli::InputList inputs = kg::cli::expand_inputs(args.paths);
    kg::extract::PosTagger::Workspace tagging;
    for (const std::string& name : inputs.files) {
      kg::extract::Document doc;
      doc.name = name;
      doc.text = kg::extract::decode_text(kg::extract::read_file(name), name).text;
      kg::extract::tokenize(doc);
      tagger->tag(doc, tagging);
      words += doc.tokens.size();
      docs.push_back(std::move(doc));
    }
  }
  if (words == 0) throw kg::InputError(args.conllu.empty() ? args.paths.front() : args.conllu, "no words");

  std::vector<kg::extract::ParsedWord> out;
  std::vector<double> wall, cpu;
  for (int r = 0; r < args.repeat; ++r) {
    const double cpu_start = cpu_seconds();
    const auto start = Clock::now();
    for (const auto& s : sentences) parser.parse(s, workspace, out);
    for (auto& doc : docs) parser.parse(doc, workspace);
    wall.push_back(std::chrono::duration<double>(Clock::now() - start).count());
    cpu.push_back(cpu_seconds() - cpu_start);
    std::printf("repeat %d: %.3f s, %.0f words/s\n", r + 1, wall.back(),
                static_cast<double>(words) / wall.back());
  }
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(args.model, ec);
  const double seconds = median(wall);
  std::printf("words=%zu repeats=%d seconds=%.4f words_per_s=%.0f best_words_per_s=%.0f "
              "cpu_words_per_s=%.0f model_bytes=%llu beam=%u\n",
              words, args.repeat, seconds, static_cast<double>(words) / seconds,
              static_cast<double>(words) / *std::min_element(wall.begin(), wall.end()),
              static_cast<double>(words) / median(cpu), static_cast<unsigned long long>(bytes),
              parser.beam());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(parse_args(argc, argv));
  } catch (const kg::UsageError& e) {
    std::cerr << "kg_parser_bench: " << e.what() << '\n' << kUsage;
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "kg_parser_bench: " << e.what() << '\n';
    return 1;
  }
}
