// kg_ner_bench: throughput of the named-entity recogniser on one thread.
//
// Usage: kg_ner_bench --model M [--repeat N] (--data F [--format conll03|conllu|gmb] | TEXT_PATH...)
//   --data F     recognise the gold-tokenised documents of an NER file (words only)
//   TEXT_PATH    files or directories (*.txt below them): each is decoded and tokenised (not
//                timed), then NamedEntityRecognizer::recognize(Document&) is timed
//   --repeat N   passes (default 5); the median and the best are reported
//
// What is timed: the recognising calls only (std::chrono::steady_clock and the thread's CPU
// clock), with one reused Workspace, as a pipeline stage would run: both passes, document
// features, decoding into spans.
// Output (stdout): one line per repeat, then name=value pairs:
//   words= entities= repeats= seconds= words_per_s= best_words_per_s= cpu_words_per_s= model_bytes=
// Exit status: 0, 1 for unusable data or model, 2 for a bad command line.
#include <time.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "cli/inputs.h"
#include "extract/nlp/ner.h"
#include "extract/text/document.h"
#include "extract/text/error.h"
#include "extract/text/text.h"
#include "extract/text/tokenizer.h"

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::string_view kUsage =
    "usage: kg_ner_bench --model M [--repeat N] (--data F [--format conll03|conllu|gmb] | TEXT_PATH...)\n";

struct Args {
  std::string model;
  std::string data;
  kg::extract::NerFormat format = kg::extract::NerFormat::conll03;
  int repeat = 5;
  std::vector<std::string> paths;
};

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
    } else if (arg == "--data") {
      args.data = value();
    } else if (arg == "--format") {
      const std::string v = value();
      const auto f = kg::extract::ner_format_from_string(v);
      if (!f) throw kg::UsageError("--format: expected conll03, conllu or gmb, got '" + v + "'");
      args.format = *f;
    } else if (arg == "--repeat") {
      const std::string v = value();
      const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), args.repeat);
      if (ec != std::errc() || end != v.data() + v.size() || args.repeat < 1)
        throw kg::UsageError("--repeat: expected a positive integer, got '" + v + "'");
    } else if (arg.starts_with('-')) {
      throw kg::UsageError("unknown option '" + std::string(arg) + "'");
    } else {
      args.paths.emplace_back(arg);
    }
  }
  if (args.model.empty()) throw kg::UsageError("--model is required");
  if (args.data.empty() == args.paths.empty()) throw kg::UsageError("give either --data F or text paths");
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
  const kg::extract::NamedEntityRecognizer ner = kg::extract::NamedEntityRecognizer::load(args.model);
  kg::extract::NamedEntityRecognizer::Workspace workspace;

  // The work of one pass: gold-tokenised documents, or tokenised text documents.
  std::vector<std::vector<std::vector<std::string_view>>> gold_docs;
  std::vector<kg::extract::NerDocument> gold;
  std::vector<kg::extract::Document> docs;
  std::size_t words = 0;
  if (!args.data.empty()) {
    gold = kg::extract::read_ner(args.data, args.format);
    for (const auto& d : gold) {
      gold_docs.emplace_back();
      for (const auto& s : d.sentences) {
        gold_docs.back().emplace_back(s.words.begin(), s.words.end());
        words += s.words.size();
      }
    }
  } else {
    const kg::cli::InputList inputs = kg::cli::expand_inputs(args.paths);
    for (const std::string& name : inputs.files) {
      kg::extract::Document doc;
      doc.name = name;
      doc.text = kg::extract::decode_text(kg::extract::read_file(name), name).text;
      kg::extract::tokenize(doc);
      words += doc.tokens.size();
      docs.push_back(std::move(doc));
    }
  }
  if (words == 0) throw kg::InputError(args.data.empty() ? args.paths.front() : args.data, "no words");

  std::vector<std::vector<kg::extract::NerEntity>> out;
  std::vector<double> wall, cpu;
  std::size_t entities = 0;
  for (int r = 0; r < args.repeat; ++r) {
    entities = 0;
    const double cpu_start = cpu_seconds();
    const auto start = Clock::now();
    for (const auto& d : gold_docs) {
      ner.recognize(d, workspace, out);
      for (const auto& s : out) entities += s.size();
    }
    for (const auto& doc : docs) entities += ner.recognize(doc, workspace).size();
    wall.push_back(std::chrono::duration<double>(Clock::now() - start).count());
    cpu.push_back(cpu_seconds() - cpu_start);
    std::printf("repeat %d: %.3f s, %.0f words/s\n", r + 1, wall.back(), static_cast<double>(words) / wall.back());
  }
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(args.model, ec);
  const double seconds = median(wall);
  std::printf("words=%zu entities=%zu repeats=%d seconds=%.4f words_per_s=%.0f best_words_per_s=%.0f "
              "cpu_words_per_s=%.0f model_bytes=%llu\n",
              words, entities, args.repeat, seconds, static_cast<double>(words) / seconds,
              static_cast<double>(words) / *std::min_element(wall.begin(), wall.end()),
              static_cast<double>(words) / median(cpu), static_cast<unsigned long long>(bytes));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(parse_args(argc, argv));
  } catch (const kg::UsageError& e) {
    std::cerr << "kg_ner_bench: " << e.what() << '\n' << kUsage;
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "kg_ner_bench: " << e.what() << '\n';
    return 1;
  }
}
