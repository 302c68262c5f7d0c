// kg_pipeline_bench: throughput and memory of the extraction pipeline, the graph and the
// exporters on a corpus held in memory. Figures and the commands that reproduce them:
// docs/BENCHMARKS.md.
//
// Usage: kg_pipeline_bench [--repeat N] [--threads 1] [--format NAME|all|none]
//                          [--extractor models|rules] [--models DIR] [--parser-beam K]
//                          [--no-relation-filter] PATH...
// PATH is a file or a directory (every *.txt below it, in the CLI's sorted order).
//
// What is timed (std::chrono::steady_clock, one thread, the corpus already decoded in
// memory; making each fresh Document, i.e. copying its text, is not timed):
//   tokenize        kg::extract::tokenize alone, for comparison
//   extract         kg::extract::Pipeline::run over batches of kPipelineBatch documents (as the CLI
//                   runs it): with --extractor models (the default, as in
//                   the CLI) tokenize, tag, parse, NER, mentions, entities, relations;
//                   with rules tokenize, mentions, entities, rule relations
//   graph           KnowledgeGraph::add_document
//   pipeline+graph  extract + graph, summed per document: the headline figure
//   export_FORMAT   every file of the format (export_files: Exporter::write_part) into memory
// Every repeat starts from fresh Documents and a new, empty graph; each stage line gives
// the median and the best of the repeats (wall time), their throughputs, and the median
// thread CPU time (cpu_median_s: less disturbed by other load on a shared machine).
// Throughputs are corpus words (whitespace-separated tokens of the decoded text) and corpus
// bytes per second of wall time; MB = 10^6 bytes.
//
// Output (stdout): one line per stage, then one summary line of name=value pairs:
//   docs= bytes= words= seconds= words_per_s= mb_per_s= peak_rss_mb= nodes= edges=
// where seconds is the median pipeline+graph time and peak_rss_mb the process's peak
// resident set (getrusage ru_maxrss) in 10^6 bytes, corpus copy included.
// Warnings and the run's configuration go to stderr. Exit status: 0, 1 when no input
// could be used, 2 for a bad command line.
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <memory>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "cli/inputs.h"
#include "export/exporter.h"
#include "extract/kg/pipeline.h"
#include "extract/text/document.h"
#include "extract/text/error.h"
#include "extract/text/log.h"
#include "extract/text/text.h"
#include "extract/text/tokenizer.h"
#include "graph/knowledge_graph.h"

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::string_view kUsage =
    "usage: kg_pipeline_bench [--repeat N] [--threads 1] "
    "[--format json|graphml|gexf|dot|csv|neo4j-csv|all|none] [--extractor models|rules] [--models DIR] [--parser-beam K] [--no-relation-filter] PATH...\n"
    "  PATH      a file, or a directory: every *.txt below it\n"
    "  --repeat  passes over the corpus (default 3); median and best are reported\n"
    "  --threads only 1: the pipeline is timed on one thread\n"
    "  --format  exporter(s) to time (default json; all = every format)\n"
    "  --extractor  models (default) or rules, as kgbuild's --extractor\n"
    "  --models  model directory for the models extractor (default: as kgbuild)\n"
    "  --parser-beam  beam width of the parser, as kgbuild's --parser-beam\n"
    "  --no-relation-filter  models extractor without its last stage, the learnt relation filter\n"
    "                        (what the filter costs)\n";

struct Args {
  int repeat = 3;
  std::vector<std::string> formats = {"json"};
  std::vector<std::string> paths;
  kg::extract::PipelineOptions pipeline{"models", "", false};  // as kgbuild
};

int parse_positive(std::string_view option, std::string_view value) {
  int n = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc() || end != value.data() + value.size() || n < 1)
    throw kg::UsageError(std::string(option) + ": expected a positive integer, got '" +
                         std::string(value) + "'");
  return n;
}

Args parse_args(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto value = [&]() -> std::string_view {
      if (i + 1 >= argc) throw kg::UsageError(std::string(arg) + ": missing value");
      return argv[++i];
    };
    if (arg == "-h" || arg == "--help") {
      std::cout << kUsage;
      std::exit(0);
    } else if (arg == "--repeat") {
      args.repeat = parse_positive(arg, value());
    } else if (arg == "--threads") {
      if (parse_positive(arg, value()) != 1)
        throw kg::UsageError("--threads: only 1 is supported (timing is single-threaded)");
    } else if (arg == "--format") {
      const std::string_view f = value();
      if (f == "none") {
        args.formats.clear();
      } else if (f == "all") {
        args.formats = kg::export_::exporter_names();
      } else {
        kg::export_::make_exporter(f);  // throws UsageError for an unknown name
        args.formats = {std::string(f)};
      }
    } else if (arg == "--extractor") {
      args.pipeline.extractor = std::string(value());
    } else if (arg == "--models") {
      args.pipeline.models_dir = std::string(value());
    } else if (arg == "--no-relation-filter") {
      args.pipeline.relation_filter = false;
    } else if (arg == "--parser-beam") {
      args.pipeline.parser_beam = static_cast<std::uint32_t>(parse_positive(arg, value()));
    } else if (arg.size() > 1 && arg.front() == '-') {
      throw kg::UsageError("unknown option '" + std::string(arg) + "'");
    } else {
      args.paths.emplace_back(arg);
    }
  }
  if (args.paths.empty()) throw kg::UsageError("no PATH given");
  return args;
}

struct Input {
  std::string name;
  std::string text;  // decoded as the CLI decodes it
};

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

std::size_t count_words(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false;
  for (const char c : text) {
    const bool word_char = !is_space(c);
    if (word_char && !in_word) ++words;
    in_word = word_char;
  }
  return words;
}

// Reads every input the way kgbuild does; inputs kgbuild would skip are skipped (stderr).
std::vector<Input> load_corpus(const std::vector<std::string>& paths) {
  const kg::cli::InputList list = kg::cli::expand_inputs(paths);
  for (const kg::InputError& failure : list.failures)
    std::cerr << "kg_pipeline_bench: warning: " << failure.what() << '\n';
  std::vector<Input> corpus;
  corpus.reserve(list.files.size());
  for (const std::string& name : list.files) {
    std::string raw;
    try {
      raw = kg::extract::read_file(name);
    } catch (const kg::InputError& e) {
      std::cerr << "kg_pipeline_bench: warning: " << e.what() << '\n';
      continue;
    }
    kg::extract::DecodedText decoded = kg::extract::decode_text(raw, name);
    if (decoded.binary || count_words(decoded.text) == 0) {
      std::cerr << "kg_pipeline_bench: warning: " << name << ": skipped (binary or empty)\n";
      continue;
    }
    corpus.push_back({name, std::move(decoded.text)});
  }
  return corpus;
}

kg::extract::Document fresh_document(const Input& input) {
  kg::extract::Document doc;
  doc.name = input.name;
  doc.text = input.text;
  return doc;
}

// One reading of both clocks: steady_clock (wall time, the reported figure) and this
// thread's CPU time (clock_gettime CLOCK_THREAD_CPUTIME_ID), which time spent waiting for a
// core on a busy shared machine does not inflate.
struct Stamp {
  Clock::time_point wall;
  std::chrono::nanoseconds cpu;
};

Stamp now() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return {Clock::now(), std::chrono::seconds(ts.tv_sec) + std::chrono::nanoseconds(ts.tv_nsec)};
}

// Time accumulated over the documents of one pass.
struct Span {
  Clock::duration wall{};
  std::chrono::nanoseconds cpu{};
  void add(const Stamp& from, const Stamp& to) {
    wall += to.wall - from.wall;
    cpu += to.cpu - from.cpu;
  }
  Span operator+(const Span& other) const { return {wall + other.wall, cpu + other.cpu}; }
};

struct Stage {
  std::string name;
  std::vector<double> seconds;      // wall time, one per repeat
  std::vector<double> cpu_seconds;  // thread CPU time, one per repeat
  std::size_t out_bytes = 0;        // exporters: size of the output
  void record(const Span& span) {
    seconds.push_back(std::chrono::duration<double>(span.wall).count());
    cpu_seconds.push_back(std::chrono::duration<double>(span.cpu).count());
  }
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

double best(const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); }

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) * 1024.0 / 1e6;  // Linux: ru_maxrss in KiB
}

std::string fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

int run(const Args& args) {
  kg::log::set_level(kg::log::Level::warn);
  std::vector<std::unique_ptr<kg::export_::Exporter>> exporters;
  for (const std::string& f : args.formats) exporters.push_back(kg::export_::make_exporter(f));
  // Loads the models and parses the lexicons now, outside the timings.
  const kg::extract::Pipeline pipeline(args.pipeline);
  std::cerr << "kg_pipeline_bench: extractor " << pipeline.options().extractor;
  if (pipeline.options().extractor == "models") std::cerr << ", models from " << pipeline.options().models_dir;
  std::cerr << "\n";

  const std::vector<Input> corpus = load_corpus(args.paths);
  if (corpus.empty()) {
    std::cerr << "kg_pipeline_bench: error: no input could be used\n";
    return 1;
  }
  std::size_t bytes = 0;
  std::size_t words = 0;
  for (const Input& input : corpus) {
    bytes += input.text.size();
    words += count_words(input.text);
  }
  std::cerr << "kg_pipeline_bench: " << corpus.size() << " document(s), " << bytes
            << " bytes, " << words << " words; repeat=" << args.repeat
            << " threads=1; RSS after loading " << fixed(peak_rss_mb(), 1) << " MB\n";

  Stage tokenize{"tokenize", {}, {}, 0};
  Stage extract{"extract", {}, {}, 0};
  Stage graph_stage{"graph", {}, {}, 0};
  Stage pipeline_graph{"pipeline+graph", {}, {}, 0};
  std::vector<Stage> exports;
  for (const auto& e : exporters)
    exports.push_back({"export_" + std::string(e->name()), {}, {}, 0});
  std::size_t tokens = 0;
  std::size_t nodes = 0;
  std::size_t edges = 0;
  std::size_t failures = 0;

  for (int r = 0; r < args.repeat; ++r) {
    // Tokenizer only.
    Span tok;
    tokens = 0;
    for (const Input& input : corpus) {
      kg::extract::Document doc = fresh_document(input);
      const Stamp t0 = now();
      kg::extract::tokenize(doc);
      tok.add(t0, now());
      tokens += doc.tokens.size();
    }
    tokenize.record(tok);

    // Whole pipeline + graph, into a graph rebuilt for this repeat.
    Span ext;
    Span gra;
    failures = 0;
    kg::graph::KnowledgeGraph graph;
    // In batches, as the CLI does (Pipeline::run over a span: stage by stage), then into
    // the graph in input order.
    constexpr std::size_t kBatch = kg::extract::kPipelineBatch;
    for (std::size_t first = 0; first < corpus.size(); first += kBatch) {
      const std::size_t n = std::min(kBatch, corpus.size() - first);
      std::vector<kg::extract::Document> batch;
      batch.reserve(n);
      for (std::size_t i = 0; i < n; ++i) batch.push_back(fresh_document(corpus[first + i]));
      const Stamp t0 = now();
      const std::vector<std::string> failed = pipeline.run(std::span<kg::extract::Document>(batch));
      const Stamp t1 = now();
      for (std::size_t i = 0; i < n; ++i) {
        if (failed[i].empty()) continue;
        if (r == 0)
          std::cerr << "kg_pipeline_bench: warning: " << corpus[first + i].name << ": " << failed[i] << '\n';
        ++failures;
      }
      for (std::size_t i = 0; i < n; ++i)
        if (failed[i].empty()) graph.add_document(batch[i]);
      const Stamp t2 = now();
      ext.add(t0, t1);
      gra.add(t1, t2);
    }
    extract.record(ext);
    graph_stage.record(gra);
    pipeline_graph.record(ext + gra);
    nodes = graph.node_count();
    edges = graph.edge_count();

    // Export of this repeat's graph into memory.
    for (std::size_t i = 0; i < exporters.size(); ++i) {
      Span span;
      std::size_t size = 0;
      const Stamp t0 = now();
      // Every file of the format (the CSV pairs are two).
      for (const auto& file : kg::export_::export_files(*exporters[i], graph)) size += file.bytes.size();
      span.add(t0, now());
      exports[i].record(span);
      exports[i].out_bytes = size;
    }
  }
  if (failures > 0)
    std::cerr << "kg_pipeline_bench: warning: " << failures << " document(s) failed extraction\n";

  const double mb = static_cast<double>(bytes) / 1e6;
  const double w = static_cast<double>(words);
  auto print_stage = [&](const Stage& s, std::string_view extra) {
    const double med = median(s.seconds);
    std::cout << "stage=" << s.name << " repeats=" << s.seconds.size()
              << " median_s=" << fixed(med, 6) << " best_s=" << fixed(best(s.seconds), 6)
              << " words_per_s=" << fixed(w / med, 0) << " mb_per_s=" << fixed(mb / med, 2)
              << " cpu_median_s=" << fixed(median(s.cpu_seconds), 6) << extra << '\n';
  };
  print_stage(tokenize, " tokens=" + std::to_string(tokens));
  print_stage(extract, " failures=" + std::to_string(failures));
  print_stage(graph_stage, "");
  print_stage(pipeline_graph, "");
  for (const Stage& s : exports) print_stage(s, " out_bytes=" + std::to_string(s.out_bytes));

  const double secs = median(pipeline_graph.seconds);
  std::cout << "docs=" << corpus.size() << " bytes=" << bytes << " words=" << words
            << " seconds=" << fixed(secs, 6) << " words_per_s=" << fixed(w / secs, 0)
            << " mb_per_s=" << fixed(mb / secs, 2) << " peak_rss_mb=" << fixed(peak_rss_mb(), 1)
            << " nodes=" << nodes << " edges=" << edges << std::endl;
  return std::cout ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(parse_args(argc, argv));
  } catch (const kg::UsageError& e) {
    std::cerr << "kg_pipeline_bench: error: " << e.what() << '\n' << kUsage;
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "kg_pipeline_bench: error: " << e.what() << '\n';
    return 1;
  }
}
