#pragma once
// Command-line options of kgbuild and the table-driven parser that fills them (on CLI11).
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "export/exporter.h"
#include "extract/kg/pipeline.h"
#include "extract/text/log.h"
#include "graph/filter.h"

namespace kg::cli {

// The subcommand: building a graph (the default, no word), training / evaluating a model,
// writing document records as JSON Lines (extract) or merging records and graphs (merge).
enum class Command { build, train, eval, extract, merge };

// How the user asked for the progress line (cli/progress.h): --progress, --no-progress,
// or neither.
enum class ProgressMode { automatic, on, off };

// Options of `kgbuild train KIND` and `kgbuild eval KIND`.
struct ModelOptions {
  std::string kind;        // model kind: "tagger", "parser" or "ner"
  std::string train;       // train: --train FILE (CoNLL-U)
  std::string dev;         // train: --dev FILE; empty: keep the last iteration
  std::string model;       // train: -o FILE to write; eval: --model FILE to read
  std::string data;        // eval: --data FILE (CoNLL-U)
  int iterations = 12;     // train: --iterations N (1..1000)
  std::uint64_t seed = 1;  // train: --seed S
  float prune = 0.0f;      // train: --prune W (weights with |w| < W dropped); see models/README.md
  float margin = 0.0f;     // train relations: --margin M (relation_filter.h)
  // Parser only (cli/parser_commands.h):
  std::string tagger;      // --tagger MODEL: predicted tags (eval: the data; train: dev and train)
  int jackknife = 0;       // train: --jackknife K: training tags from K taggers of the other folds
  int beam = 0;            // --beam K; train: beam width (0: greedy); eval: decode width (0: the model's)
  // NER only (cli/ner_commands.h):
  std::string data_format = "conll03";  // --format: conll03, conllu or gmb (train and eval data)
  std::string dev_format;  // train: --dev-format: the --dev data's format (empty: data_format)
  std::string clusters;    // train: --clusters FILE: word clusters (a "clusters" model) as features
  std::string type_map;    // eval: --map A=B[,C=D]: rename entity types before scoring
};

// Options: one parsed, validated command line.
//
// What it represents: everything main() needs to run, with defaults resolved.
// Ensures (after parse_options, unless help or version is set): for Command::build,
// extract and merge, `inputs` is non-empty; for build and merge, `format` names a known
// exporter: from -f, else from -o's extension, else "json"; `output` is empty for
// standard output (also when given as "-"), which a format written as several files
// (csv, neo4j-csv) refuses; `date` is empty or a real day as YYYY-MM-DD; `filter` holds
// validated filter values; `export_options.dot_cluster_by` is set only when the format is dot.
// For train and eval, `model.kind` is a known kind and the files that command needs are set.
struct Options {
  Command command = Command::build;
  std::vector<std::string> inputs;  // files, directories or "-" (stdin), as given
  std::string output;               // file path; empty means stdout
  std::string format;               // exporter name
  std::string date;                 // --date YYYY-MM-DD for every input; empty: each one's dateline
  std::string update;               // build: --update GRAPH, a graph kgbuild wrote, to add to
  extract::PipelineOptions pipeline{"models", "", false};  // the CLI defaults to the models
  graph::GraphFilter filter;              // --types, --relations, --min-weight, --drop-isolated, --max-nodes
  export_::ExportOptions export_options;  // --dot-cluster-by
  ModelOptions model;               // train and eval only
  log::Level log_level = log::Level::info;  // -q: warn, -v: debug
  // build, extract, merge: -j/--threads N, documents (merge: inputs) worked on at once;
  // 0 (not given): the number of cores. The output is the same for every N.
  unsigned threads = 0;
  // merge: --expect-documents N, the number of documents the inputs must hold together
  // (0: not given, any number). A lost shard then fails the merge instead of shrinking it.
  std::uint32_t expect_documents = 0;
  ProgressMode progress = ProgressMode::automatic;  // --progress / --no-progress
  bool help = false;
  bool version = false;
};

// Parses argv without the program name. A first argument "train" or "eval" selects that
// subcommand, and its first positional argument is the model kind ("kgbuild train tagger
// --train T -o M"); a first argument "extract" or "merge" selects that subcommand; an input
// file named like a subcommand can be given as ./train. Options and inputs come in any
// order. Accepts "--name value", "--name=value", "-x value" and "-xvalue" (short flags are
// not bundled: "-vq" is an unknown option); a value option takes the next argument even
// when it starts with a dash; "--" ends options; a lone "-" is an input (stdin).
// Throws kg::UsageError with a one-line message for an unknown option, a missing or
// invalid value, an option given twice, an unknown format, extractor or model kind, an
// option the subcommand does not take, a missing required option, or (build) no inputs.
Options parse_options(std::span<const std::string_view> args);
Options parse_options(int argc, const char* const* argv);

// The narrowest help text: a smaller width counts as this one.
inline constexpr std::size_t kMinHelpWidth = 40;

// The width the help is wrapped to: $COLUMNS when it is a positive number, else the
// terminal's when standard output is one, else 80; never below kMinHelpWidth.
std::size_t help_width();

// The --help text of a command, generated from its options (the table in options.cpp,
// laid out by CLI11's formatter): usage lines, what it does, only the options that
// command takes, grouped, each described as it works there, then the exit statuses.
// No line is wider than `width` (at least kMinHelpWidth); the first form uses help_width().
std::string usage(Command command = Command::build);
std::string usage(Command command, std::size_t width);
// "kgbuild 0.1.0".
std::string version_line();

}  // namespace kg::cli
