#include "cli/options.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>

#include "export/dot_exporter.h"
#include "export/gexf_exporter.h"
#include "export/exporter.h"
#include "extract/nlp/dep_parser.h"
#include "extract/text/dateline.h"
#include "extract/text/error.h"

namespace kg::cli {
namespace {

// Beam widths the parser accepts (DependencyParser::set_beam clamps to these).
constexpr std::uint32_t kMaxBeam = extract::DependencyParser::kMaxBeam;
const std::string kBeamWanted = "a whole number from 1 to " + std::to_string(kMaxBeam);

// Which commands an option belongs to (OptionSpec::commands).
enum CommandBits : unsigned {
  kBuild = 1, kTrain = 2, kEval = 4, kExtract = 8, kMerge = 16,
  kAll = kBuild | kTrain | kEval | kExtract | kMerge
};

unsigned bit(Command command) {
  switch (command) {
    case Command::build: return kBuild;
    case Command::train: return kTrain;
    case Command::eval: return kEval;
    case Command::extract: return kExtract;
    case Command::merge: return kMerge;
  }
  return kBuild;
}

std::string_view command_name(Command command) {
  switch (command) {
    case Command::build: return "kgbuild";
    case Command::train: return "kgbuild train";
    case Command::eval: return "kgbuild eval";
    case Command::extract: return "kgbuild extract";
    case Command::merge: return "kgbuild merge";
  }
  return "kgbuild";
}

constexpr std::array<std::string_view, 5> kModelKinds{"tagger", "parser", "ner", "clusters", "relations"};
constexpr std::array<std::string_view, 3> kNerFormats{"conll03", "conllu", "gmb"};

// Parser state beyond Options: what was given explicitly, for the checks at the end.
struct State {
  Options options;
  std::vector<std::string_view> given;  // long names of the value options seen
  bool quiet = false;
  bool verbose = false;
  bool progress = false;
  bool no_progress = false;

  bool was_given(std::string_view name) const {
    return std::find(given.begin(), given.end(), name) != given.end();
  }
};

// One row of the option table: the commands taking it, spelling, value placeholder (empty
// for flags), help, and what it does to the state. A long name may have one row per command.
struct OptionSpec {
  unsigned commands;
  char short_name;  // '\0' when there is none
  std::string_view long_name;
  std::string_view value_name;
  std::string_view help;
  void (*apply)(State& state, std::string_view value);
};

[[noreturn]] void bad_value(std::string_view option, std::string_view wanted, std::string_view value) {
  throw UsageError("option --" + std::string(option) + " needs " + std::string(wanted) +
                   ", got '" + std::string(value) + "'");
}

// Runs a value parser of another module, naming the option in its UsageError.
template <typename Parse>
auto for_option(std::string_view option, Parse parse) {
  try {
    return parse();
  } catch (const UsageError& e) {
    throw UsageError("option --" + std::string(option) + ": " + e.what());
  }
}

template <typename T>
T parse_number(std::string_view option, std::string_view wanted, std::string_view value, T low, T high) {
  T v{};
  const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (ec != std::errc() || ptr != value.data() + value.size() || !(v >= low) || !(v <= high)) {
    bad_value(option, wanted, value);
  }
  return v;
}

constexpr std::array kOptions{
    OptionSpec{kBuild | kMerge, 'o', "output", "PATH",
               "write the graph to PATH (atomically) instead of standard output",
               [](State& s, std::string_view v) { s.options.output = v == "-" ? "" : std::string(v); }},
    OptionSpec{kExtract, 'o', "output", "PATH",
               "write the JSON Lines to PATH (atomically) instead of standard output",
               [](State& s, std::string_view v) { s.options.output = v == "-" ? "" : std::string(v); }},
    OptionSpec{kBuild | kMerge, 'f', "format", "NAME",
               "output format: FORMATS (default: -o extension, else json)",
               [](State& s, std::string_view v) { s.options.format = std::string(v); }},
    OptionSpec{kBuild | kExtract, '\0', "date", "YYYY-MM-DD",
               "publication date of every input (default: each article's dateline, when it has "
               "one); written as each document's date (the GEXF timeline and CSV start column)",
               [](State& s, std::string_view v) {
                 if (!extract::is_iso_date(v)) bad_value("date", "a date YYYY-MM-DD", v);
                 s.options.date = std::string(v);
               }},
    OptionSpec{kBuild, '\0', "update", "GRAPH",
               "add the inputs to GRAPH, a JSON or GraphML graph kgbuild wrote (a document already "
               "in it is replaced); -o may name GRAPH itself",
               [](State& s, std::string_view v) { s.options.update = std::string(v); }},
    OptionSpec{kBuild | kExtract, '\0', "extractor", "NAME",
               "extraction method: models (tagger, parser, NER; the default) or rules (no models, faster)",
               [](State& s, std::string_view v) { s.options.pipeline.extractor = std::string(v); }},
    OptionSpec{kBuild | kExtract | kTrain, '\0', "models", "DIR",
               "where the models extractor finds en-tagger.bin, en-parser.bin, en-ner.bin and en-relations.bin "
               "(default: $KGBUILD_MODELS, else an installed kgbuild's share/kgbuild/models, else "
               "the models/ folder kgbuild was built with)",
               [](State& s, std::string_view v) { s.options.pipeline.models_dir = std::string(v); }},
    OptionSpec{kBuild | kExtract, '\0', "parser-beam", "K",
               "models extractor: beam width of the dependency parser (default: 1, greedy; "
               "larger is more accurate and slower: 8 parses about 4 times slower)",
               [](State& s, std::string_view v) {
                 s.options.pipeline.parser_beam = parse_number(
                     std::string_view("parser-beam"), kBeamWanted, v, 1, static_cast<int>(kMaxBeam));
               }},
    OptionSpec{kTrain, '\0', "train", "FILE", "training data (CoNLL-U; relations: a folder of articles with gold)",
               [](State& s, std::string_view v) { s.options.model.train = std::string(v); }},
    OptionSpec{kTrain, '\0', "dev", "FILE",
               "development data: the iteration scoring best on it is kept (default: the last)",
               [](State& s, std::string_view v) { s.options.model.dev = std::string(v); }},
    OptionSpec{kTrain, 'o', "output", "FILE", "write the model to FILE (atomically)",
               [](State& s, std::string_view v) { s.options.model.model = std::string(v); }},
    OptionSpec{kTrain, '\0', "iterations", "N", "passes over the training data (default: 12)",
               [](State& s, std::string_view v) {
                 s.options.model.iterations =
                     parse_number(std::string_view("iterations"), "a whole number from 1 to 1000", v, 1, 1000);
               }},
    OptionSpec{kTrain, '\0', "seed", "S", "seed of the training order (default: 1)",
               [](State& s, std::string_view v) {
                 s.options.model.seed = parse_number<std::uint64_t>(
                     "seed", "a whole number", v, 0, UINT64_MAX);
               }},
    OptionSpec{kTrain, '\0', "prune", "W",
               "drop averaged weights smaller than W in magnitude (default: 0)",
               [](State& s, std::string_view v) {
                 s.options.model.prune = parse_number(std::string_view("prune"),
                                                      "a number from 0 to 1000", v, 0.0f, 1000.0f);
               }},
    OptionSpec{kTrain, '\0', "margin", "M",
               "relations: a pair becomes an edge when \"related\" scores more than M above \"none\" (default: 0)",
               [](State& s, std::string_view v) {
                 s.options.model.margin = parse_number(std::string_view("margin"),
                                                       "a number from -1000 to 1000", v, -1000.0f, 1000.0f);
               }},
    OptionSpec{kTrain | kEval, '\0', "tagger", "MODEL",
               "parser: tags predicted by this tagger instead of the gold ones",
               [](State& s, std::string_view v) { s.options.model.tagger = std::string(v); }},
    OptionSpec{kTrain, '\0', "jackknife", "K",
               "parser: training tags from K taggers trained on the other folds (with --tagger)",
               [](State& s, std::string_view v) {
                 s.options.model.jackknife =
                     parse_number(std::string_view("jackknife"), "a whole number from 2 to 100", v, 2, 100);
               }},
    OptionSpec{kTrain | kEval, '\0', "beam", "K",
               "parser: beam width (train: global training with this beam, default 1, greedy; "
               "eval: decode with it instead of the model's)",
               [](State& s, std::string_view v) {
                 s.options.model.beam = parse_number(std::string_view("beam"),
                                                     kBeamWanted, v, 1, static_cast<int>(kMaxBeam));
               }},
    OptionSpec{kTrain | kEval, '\0', "format", "NAME",
               "ner: data format: conll03 (CoNLL-2003, the default), conllu (Universal NER .iob2), "
               "gmb (GMB Kaggle CSV)",
               [](State& s, std::string_view v) {
                 if (std::find(kNerFormats.begin(), kNerFormats.end(), v) == kNerFormats.end())
                   bad_value("format", "conll03, conllu or gmb", v);
                 s.options.model.data_format = std::string(v);
               }},
    OptionSpec{kTrain, '\0', "dev-format", "NAME", "ner: format of the --dev data (default: --format)",
               [](State& s, std::string_view v) {
                 if (std::find(kNerFormats.begin(), kNerFormats.end(), v) == kNerFormats.end())
                   bad_value("dev-format", "conll03, conllu or gmb", v);
                 s.options.model.dev_format = std::string(v);
               }},
    OptionSpec{kTrain, '\0', "clusters", "FILE",
               "ner: word clusters used as features and stored in the model: a clusters model, or "
               "tokenised text (a sentence a line) to learn them from; tagger and parser: the same, "
               "a clusters model only (kgbuild train clusters)",
               [](State& s, std::string_view v) { s.options.model.clusters = std::string(v); }},
    OptionSpec{kEval, '\0', "map", "A=B,...",
               "ner: rename entity types before scoring (e.g. GPE=LOC)",
               [](State& s, std::string_view v) {
                 for (std::size_t pos = 0; pos <= v.size();) {
                   const std::size_t end = std::min(v.find(',', pos), v.size());
                   const std::string_view pair = v.substr(pos, end - pos);
                   const std::size_t eq = pair.find('=');
                   if (eq == std::string_view::npos || eq == 0 || eq + 1 == pair.size())
                     bad_value("map", "TYPE=TYPE pairs separated by commas", v);
                   pos = end + 1;
                 }
                 s.options.model.type_map = std::string(v);
               }},
    OptionSpec{kEval, '\0', "model", "FILE", "the model to evaluate",
               [](State& s, std::string_view v) { s.options.model.model = std::string(v); }},
    OptionSpec{kEval, '\0', "data", "FILE", "gold data (CoNLL-U)",
               [](State& s, std::string_view v) { s.options.model.data = std::string(v); }},
    // Export filters (graph/filter.h) and DOT settings; the order they apply in is in usage().
    OptionSpec{kBuild | kMerge, '\0', "types", "LIST",
               "keep only nodes of these entity types (comma-separated, any of TYPES)",
               [](State& s, std::string_view v) {
                 s.options.filter.types = for_option("types", [&] { return graph::parse_entity_types(v); });
               }},
    OptionSpec{kBuild | kMerge, '\0', "relations", "LIST",
               "keep only edges whose relation or class is listed (comma-separated, e.g. meet,role; "
               "classes: CLASSES)",
               [](State& s, std::string_view v) {
                 s.options.filter.relations = for_option("relations", [&] { return graph::parse_relations(v); });
               }},
    OptionSpec{kBuild | kMerge, '\0', "min-weight", "N", "keep only edges stated in at least N sentences",
               [](State& s, std::string_view v) {
                 s.options.filter.min_weight = parse_number<std::uint32_t>(
                     "min-weight", "a positive whole number", v, 1, UINT32_MAX);
               }},
    OptionSpec{kBuild | kMerge, '\0', "drop-isolated", "", "drop nodes left without any edge",
               [](State& s, std::string_view) { s.options.filter.drop_isolated = true; }},
    OptionSpec{kBuild | kMerge, '\0', "max-nodes", "N",
               "keep the N most connected nodes (highest weighted degree)",
               [](State& s, std::string_view v) {
                 s.options.filter.max_nodes = parse_number<std::uint32_t>(
                     "max-nodes", "a positive whole number", v, 1, UINT32_MAX);
               }},
    OptionSpec{kBuild | kMerge, '\0', "dot-cluster-by", "KEY",
               "dot only: group nodes in clusters by type or document (a node in several "
               "documents goes to the first)",
               [](State& s, std::string_view v) {
                 s.options.export_options.dot_cluster_by =
                     for_option("dot-cluster-by", [&] { return export_::parse_dot_cluster_by(v); });
               }},
    OptionSpec{kBuild | kMerge, '\0', "gexf-version", "V",
               "gexf only: 1.2 (the default, which NetworkX, Gephi and graphology read) or 1.3 "
               "(adds viz colours for Gephi)",
               [](State& s, std::string_view v) {
                 s.options.export_options.gexf_version =
                     for_option("gexf-version", [&] { return export_::parse_gexf_version(v); });
               }},
    OptionSpec{kMerge, '\0', "expect-documents", "N",
               "fail (nothing written) unless the inputs hold exactly N documents together, so "
               "that a lost shard cannot go unnoticed",
               [](State& s, std::string_view v) {
                 s.options.expect_documents = parse_number<std::uint32_t>(
                     "expect-documents", "a positive whole number", v, 1, UINT32_MAX);
               }},
    OptionSpec{kBuild | kMerge, '\0', "html-nodes", "N",
               "html only: the page opens on the N most connected nodes (default 2000) and can "
               "show the rest",
               [](State& s, std::string_view v) {
                 s.options.export_options.html_shown_nodes = parse_number<std::uint32_t>(
                     "html-nodes", "a positive whole number", v, 1, UINT32_MAX);
               }},
    OptionSpec{kBuild | kExtract | kMerge, 'j', "threads", "N",
               "work on N documents at once (merge: read N inputs at once; default: the number of "
               "cores); the output is the same for every N",
               [](State& s, std::string_view v) {
                 s.options.threads = parse_number<unsigned>("threads", "a whole number from 1 to 1024", v, 1, 1024);
               }},
    OptionSpec{kBuild | kExtract | kMerge, '\0', "progress", "",
               "show a progress line on stderr (documents and MB done, words/s, time left) even "
               "when stderr is not a terminal (default: only on a terminal, and not with -q)",
               [](State& s, std::string_view) { s.progress = true; }},
    OptionSpec{kBuild | kExtract | kMerge, '\0', "no-progress", "", "never show the progress line",
               [](State& s, std::string_view) { s.no_progress = true; }},
    OptionSpec{kAll, 'v', "verbose", "", "also log debug details on stderr",
               [](State& s, std::string_view) { s.verbose = true; }},
    OptionSpec{kAll, 'q', "quiet", "", "log only warnings and errors (no summary)",
               [](State& s, std::string_view) { s.quiet = true; }},
    OptionSpec{kAll, 'h', "help", "", "print this help to standard output and exit",
               [](State& s, std::string_view) { s.options.help = true; }},
    OptionSpec{kAll, '\0', "version", "", "print the version and exit",
               [](State& s, std::string_view) { s.options.version = true; }},
};

std::string spelling(const OptionSpec& spec) {
  std::string s = spec.short_name != '\0' ? std::string{'-', spec.short_name} + "/" : "";
  return s + "--" + std::string(spec.long_name);
}

std::string join(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& name : names) s += (s.empty() ? "" : ", ") + name;
  return s;
}

// The row of a long or short option for `command`; `elsewhere` is set when only another
// command takes it.
template <typename Match>
const OptionSpec* find_option(Command command, Match match, bool& elsewhere) {
  elsewhere = false;
  for (const OptionSpec& o : kOptions) {
    if (!match(o)) continue;
    if (o.commands & bit(command)) return &o;
    elsewhere = true;
  }
  return nullptr;
}

std::string join_kinds() {
  std::string s;
  for (const std::string_view kind : kModelKinds) s += (s.empty() ? "" : ", ") + std::string(kind);
  return s;
}

void require(const State& state, std::string_view option, const std::string& value) {
  if (value.empty()) {
    throw UsageError(std::string(command_name(state.options.command)) + " " +
                     state.options.model.kind + " needs --" + std::string(option));
  }
}

void finish_model_command(State& state) {
  Options& o = state.options;
  const std::string_view name = command_name(o.command);
  if (o.model.kind.empty()) {
    throw UsageError(std::string(name) + ": name the model kind (" + join_kinds() + ")");
  }
  if (std::find(kModelKinds.begin(), kModelKinds.end(), o.model.kind) == kModelKinds.end()) {
    throw UsageError("unknown model kind '" + o.model.kind + "' (known: " + join_kinds() + ")");
  }
  if (!o.inputs.empty()) {
    throw UsageError(std::string(name) + ": unexpected argument '" + o.inputs.front() + "'");
  }
  if (o.model.kind != "parser") {
    for (const std::string_view parser_only : {"tagger", "jackknife", "beam"}) {
      if (state.was_given(parser_only)) {
        throw UsageError("option --" + std::string(parser_only) + " does not apply to '" +
                         std::string(name) + " " + o.model.kind + "'");
      }
    }
  }
  if (o.model.kind == "clusters" && o.command != Command::train) {
    throw UsageError("word clusters are trained, not evaluated: 'kgbuild train clusters'");
  }
  for (const std::string_view relations_only : {"models", "margin"}) {
    if (o.model.kind != "relations" && state.was_given(relations_only)) {
      throw UsageError("option --" + std::string(relations_only) + " does not apply to '" + std::string(name) + " " +
                       o.model.kind + "'");
    }
  }
  if (o.model.kind == "relations" && o.command != Command::train) {
    throw UsageError("the relation filter is scored on graphs (docs/EVALUATION.md), not by 'kgbuild eval'");
  }
  if (o.model.kind != "ner" && o.model.kind != "parser" && o.model.kind != "tagger" &&
      state.was_given("clusters")) {
    throw UsageError("option --clusters does not apply to '" + std::string(name) + " " +
                     o.model.kind + "'");
  }
  if (o.model.kind != "ner") {
    for (const std::string_view ner_only : {"format", "dev-format", "map"}) {
      if (state.was_given(ner_only)) {
        throw UsageError("option --" + std::string(ner_only) + " does not apply to '" +
                         std::string(name) + " " + o.model.kind + "'");
      }
    }
  }
  if (o.model.jackknife > 0 && o.model.tagger.empty()) {
    throw UsageError("--jackknife needs --tagger (the tagger of the dev data)");
  }
  if (o.command == Command::train) {
    require(state, "train", o.model.train);
    if (o.model.model.empty()) {
      throw UsageError(std::string(name) + " " + o.model.kind + " needs -o/--output FILE");
    }
  } else {
    require(state, "model", o.model.model);
    require(state, "data", o.model.data);
  }
}

// Fills the defaults and checks the combination once every argument is seen.
void finish(State& state) {
  Options& o = state.options;
  if (o.help || o.version) return;
  if (state.quiet && state.verbose) {
    throw UsageError("--quiet and --verbose cannot be combined");
  }
  o.log_level = state.quiet ? log::Level::warn : state.verbose ? log::Level::debug
                                                                : log::Level::info;
  if (state.progress && state.no_progress) {
    throw UsageError("--progress and --no-progress cannot be combined");
  }
  o.progress = state.progress ? ProgressMode::on : state.no_progress ? ProgressMode::off : ProgressMode::automatic;
  if (o.command == Command::train || o.command == Command::eval) {
    finish_model_command(state);
    return;
  }
  if (o.inputs.empty()) {
    throw UsageError(o.command == Command::merge
                         ? "kgbuild merge: no inputs: give triple files (kgbuild extract) or graphs "
                           "kgbuild wrote, or - for standard input"
                         : "no inputs: give files, directories or - for standard input");
  }
  const auto& extractors = extract::extractor_names();
  if (std::find(extractors.begin(), extractors.end(), o.pipeline.extractor) == extractors.end()) {
    throw UsageError("unknown extractor '" + o.pipeline.extractor + "' (known: models, rules)");
  }
  if (o.command == Command::extract) return;  // JSON Lines: no format to choose
  if (o.update == "-") {
    throw UsageError("--update needs a graph file, not standard input");
  }
  if (!state.was_given("format")) {
    if (o.output.empty()) {
      o.format = "json";  // documented default: JSON is the easiest to pipe into tools
    } else if (auto format = export_::format_for_path(o.output)) {
      o.format = *format;
    } else {
      throw UsageError("cannot tell the output format from '" + o.output +
                       "'; give one with -f (" + join(export_::exporter_names()) + ")");
    }
  }
  // make_exporter throws UsageError naming the known formats.
  const auto exporter = export_::make_exporter(o.format);
  if (o.output.empty()) export_::require_stream_format(*exporter);  // the CSV pairs need -o
  if (exporter->name() != "dot" && o.export_options.dot_cluster_by != export_::DotClusterBy::none) {
    throw UsageError("option --dot-cluster-by applies to the dot format only, not " + o.format);
  }
  if (exporter->name() != "gexf" && o.export_options.gexf_version != export_::GexfVersion::v1_2draft) {
    throw UsageError("option --gexf-version applies to the gexf format only, not " + o.format);
  }
  if (exporter->name() != "html" && state.was_given("html-nodes")) {
    throw UsageError("option --html-nodes applies to the html format only, not " + o.format);
  }
}

}  // namespace

Options parse_options(std::span<const std::string_view> args) {
  State state;
  std::size_t i = 0;
  if (!args.empty() && (args[0] == "train" || args[0] == "eval")) {
    state.options.command = args[0] == "train" ? Command::train : Command::eval;
    i = 1;
    if (i < args.size() && !args[i].starts_with('-')) state.options.model.kind = args[i++];
  } else if (!args.empty() && (args[0] == "extract" || args[0] == "merge")) {
    state.options.command = args[0] == "extract" ? Command::extract : Command::merge;
    i = 1;
  }
  const Command command = state.options.command;
  bool options_ended = false;
  for (; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (options_ended || arg == "-" || !arg.starts_with('-')) {
      state.options.inputs.emplace_back(arg);
      continue;
    }
    if (arg == "--") {
      options_ended = true;
      continue;
    }

    const OptionSpec* spec = nullptr;
    bool elsewhere = false;
    std::string_view shown;                 // the option as the user wrote it, for messages
    std::optional<std::string_view> value;  // attached with '=' or after the short letter
    if (arg.starts_with("--")) {
      const std::string_view body = arg.substr(2);
      const std::size_t eq = body.find('=');
      shown = arg.substr(0, eq == std::string_view::npos ? arg.size() : eq + 2);
      const std::string_view name = body.substr(0, eq);
      spec = find_option(command, [&](const OptionSpec& o) { return o.long_name == name; }, elsewhere);
      if (eq != std::string_view::npos) value = body.substr(eq + 1);
    } else {
      shown = arg.substr(0, 2);
      spec = find_option(command, [&](const OptionSpec& o) { return o.short_name == arg[1]; }, elsewhere);
      if (arg.size() > 2) value = arg.substr(2);
      if (spec && spec->value_name.empty() && value) spec = nullptr;  // "-vq": no bundling
      if (!spec) {
        elsewhere = elsewhere && !value;
        shown = arg;
      }
    }
    if (!spec && elsewhere) {
      throw UsageError("option '" + std::string(shown) + "' does not apply to '" +
                       std::string(command_name(command)) + "'");
    }
    if (!spec) throw UsageError("unknown option '" + std::string(shown) + "'");

    if (spec->value_name.empty()) {
      if (value) throw UsageError("option " + spelling(*spec) + " takes no value");
      spec->apply(state, {});
      continue;
    }
    if (!value) {
      if (i + 1 >= args.size()) {
        throw UsageError("option " + spelling(*spec) + " needs a value (" +
                         std::string(spec->value_name) + ")");
      }
      value = args[++i];
    }
    if (value->empty()) {
      throw UsageError("option " + spelling(*spec) + " needs a non-empty value");
    }
    if (state.was_given(spec->long_name)) {
      throw UsageError("option --" + std::string(spec->long_name) + " given more than once");
    }
    state.given.push_back(spec->long_name);
    spec->apply(state, *value);
  }
  finish(state);
  return std::move(state.options);
}

Options parse_options(int argc, const char* const* argv) {
  std::vector<std::string_view> args;
  for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
  return parse_options(args);
}

std::string usage(Command command) {
  std::string text;
  switch (command) {
    case Command::build:
      text =
          "Usage: kgbuild [OPTIONS] INPUT...\n"
          "       kgbuild INPUT... --update GRAPH -o GRAPH\n"
          "       kgbuild extract [OPTIONS] INPUT...     (kgbuild extract --help)\n"
          "       kgbuild merge [OPTIONS] FILE...        (kgbuild merge --help)\n"
          "       kgbuild train KIND [OPTIONS]           (kgbuild train --help)\n"
          "       kgbuild eval KIND [OPTIONS]            (kgbuild eval --help)\n"
          "\n"
          "Builds a knowledge graph (entities and relations) from plain-text news articles\n"
          "and writes it as GraphML, GEXF, DOT, JSON or a pair of CSV files.\n"
          "\n"
          "Inputs: files (any extension), directories (searched recursively for *.txt, in\n"
          "sorted path order) or - for standard input. Logs go to stderr; stdout carries\n"
          "only the graph. With --update, the documents of GRAPH and the inputs are\n"
          "replayed in path order, as kgbuild merge does.\n"
          "\n"
          "-f csv (Gephi) and -f neo4j-csv (neo4j-admin import) write two files: -o PATH\n"
          "gives PATH.nodes.csv and PATH.edges.csv (neo4j-csv: PATH.relationships.csv); a\n"
          "trailing .csv is dropped first, so -o graph.csv gives the same pair.\n";
      break;
    case Command::extract:
      text =
          "Usage: kgbuild extract [OPTIONS] INPUT...\n"
          "\n"
          "Extracts entities and relation triples from the inputs (as kgbuild does) and\n"
          "writes them as JSON Lines, each document's lines as soon as it is done: a\n"
          "document line, one line per entity and one per triple with its evidence\n"
          "sentence. kgbuild merge turns such files into the graph one run would give.\n";
      break;
    case Command::merge:
      text =
          "Usage: kgbuild merge [OPTIONS] FILE...\n"
          "\n"
          "Merges JSON Lines from kgbuild extract and JSON or GraphML graphs kgbuild wrote\n"
          "(- reads standard input) into one graph: their documents, in path order, give\n"
          "byte for byte the graph of one run over the same documents. A document in two\n"
          "inputs is kept once when both copies are the same, and is an error otherwise.\n"
          "Any bad input stops the merge before anything is written.\n";
      break;
    case Command::train:
      text =
          "Usage: kgbuild train tagger --train FILE [--dev FILE] -o MODEL [OPTIONS]\n"
          "       kgbuild train parser --train FILE [--dev FILE] -o MODEL [--tagger MODEL] [OPTIONS]\n"
          "       kgbuild train ner --train FILE [--dev FILE] [--format F] -o MODEL [OPTIONS]\n"
          "       kgbuild train clusters --train TOKENS -o MODEL [--iterations N]\n"
          "         (TOKENS: one tokenised sentence a line, e.g. from tools/cluster_text.py)\n"
          "       kgbuild train relations --train DIR -o MODEL [--margin M] [--models DIR]\n"
          "         (DIR: articles NAME.txt with gold annotations NAME.gold.json)\n"
          "\n"
          "Trains a model (kinds: " + join_kinds() + ") and writes it to MODEL. Progress\n"
          "(iteration, training accuracy, dev scores, seconds) goes to stderr. Training is\n"
          "deterministic: the same data, options and seed give the same file.\n";
      break;
    case Command::eval:
      text =
          "Usage: kgbuild eval tagger --model MODEL --data FILE [OPTIONS]\n"
          "       kgbuild eval parser --model MODEL --data FILE [--tagger MODEL] [OPTIONS]\n"
          "       kgbuild eval ner --model MODEL --data FILE [--format F] [--map GPE=LOC] [OPTIONS]\n"
          "\n"
          "Scores a model on gold data (gold tokenisation). The last line on stdout is\n"
          "name=value pairs, e.g. UPOS=0.9612 XPOS=0.9501 UPOS+XPOS=0.9400 Lemma=0.9700 words=25094\n"
          "or UAS=0.8712 LAS=0.8431 words=25094, or for ner exact-span scores\n"
          "P=0.8712 R=0.8650 F1=0.8681 LOC_F1=... ORG_F1=... PER_F1=... words=46435.\n";
      break;
  }
  text += "\nOptions:\n";
  const std::string formats = join(export_::exporter_names());
  for (const OptionSpec& spec : kOptions) {
    if (!(spec.commands & bit(command))) continue;
    std::string left = spec.short_name != '\0' ? std::string("  -") + spec.short_name + ", "
                                               : std::string("      ");
    left += "--" + std::string(spec.long_name);
    if (!spec.value_name.empty()) left += " " + std::string(spec.value_name);
    left.resize(std::max<std::size_t>(left.size() + 2, 24), ' ');
    std::string help(spec.help);
    if (const auto at = help.find("FORMATS"); at != std::string::npos) {
      help.replace(at, 7, formats);
    }
    if (const auto at = help.find("TYPES"); at != std::string::npos) {
      help.replace(at, 5, graph::known_entity_types());
    }
    if (const auto at = help.find("CLASSES"); at != std::string::npos) {
      help.replace(at, 7, graph::known_relation_classes());
    }
    text += left + help + "\n";
  }
  const std::string filters =
      "\n"
      "Filters apply to every format, in this order, each to what the previous kept:\n"
      "  1. --types keeps nodes of those types (an edge goes with either end);\n"
      "     --relations keeps edges whose relation (exact: meet, spokesperson of, ...) or\n"
      "     relation class (meet, role, located_in, ...) is listed\n"
      "  2. --min-weight N keeps edges stated in at least N sentences\n"
      "  3. --drop-isolated drops nodes that no kept edge touches (a self-loop does)\n"
      "  4. --max-nodes N keeps the N nodes of highest weighted degree (the summed weights\n"
      "     of their kept edges), ties going to more mentions, then to the earlier node;\n"
      "     with --drop-isolated, nodes the cut leaves without edges go too\n"
      "Kept nodes and edges keep their ids (n12, e40) and evidence.\n";
  if (command == Command::build || command == Command::extract) {
    if (command == Command::build) text += filters;
    text +=
        "\n"
        "Exit status: 0 success; 1 some input could not be used (the output of the others\n"
        "is still written) or the output could not be written; 2 usage error.\n";
  } else if (command == Command::merge) {
    text += filters;
    text +=
        "\n"
        "Exit status: 0 success; 1 some input could not be used or the output could not\n"
        "be written (nothing written); 2 usage error.\n";
  } else {
    text += "\nExit status: 0 success; 1 unreadable data or model; 2 usage error.\n";
  }
  return text;
}

std::string version_line() { return std::string("kgbuild ") + KG_VERSION; }

}  // namespace kg::cli
