#include "cli/options.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdlib>
#include <memory>
#include <optional>

#include "export/dot_exporter.h"
#include "export/exporter.h"
#include "export/gexf_exporter.h"
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

// The help's option groups, in the order of the table below.
constexpr std::string_view kGeneral = "Options";
constexpr std::string_view kFilters = "Filters";
constexpr std::string_view kFormatOptions = "Format options";
constexpr std::string_view kParserOptions = "Parser options";
constexpr std::string_view kNerOptions = "NER options";
constexpr std::string_view kRelationsOptions = "Relations options";

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
// for flags), help group and text, and what it does to the state. A long name may have one
// row per command, so that each command's help says what the option does there. The
// table is turned into one CLI11 app per command (make_app).
struct OptionSpec {
  unsigned commands;
  char short_name;  // '\0' when there is none
  std::string_view long_name;
  std::string_view value_name;
  std::string_view group;
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

void set_output(State& s, std::string_view v) { s.options.output = v == "-" ? "" : std::string(v); }

void set_threads(State& s, std::string_view v) {
  s.options.threads = parse_number<unsigned>("threads", "a whole number from 1 to 1024", v, 1, 1024);
}

void set_beam(State& s, std::string_view v) {
  s.options.model.beam = parse_number(std::string_view("beam"), kBeamWanted, v, 1, static_cast<int>(kMaxBeam));
}

void set_date(State& s, std::string_view v) {
  if (!extract::is_iso_date(v)) bad_value("date", "a date YYYY-MM-DD", v);
  s.options.date = std::string(v);
}

void set_ner_format(State& s, std::string_view v) {
  if (std::find(kNerFormats.begin(), kNerFormats.end(), v) == kNerFormats.end())
    bad_value("format", "conll03, conllu or gmb", v);
  s.options.model.data_format = std::string(v);
}

void set_progress(State& s, std::string_view) { s.progress = true; }

constexpr std::array kOptions{
    // ---- build, extract, merge ----
    OptionSpec{kBuild | kMerge, 'o', "output", "PATH", kGeneral,
               "write the graph to PATH (atomically) instead of standard output", set_output},
    OptionSpec{kExtract, 'o', "output", "PATH", kGeneral,
               "write the JSON Lines to PATH (atomically) instead of standard output", set_output},
    OptionSpec{kBuild | kMerge, 'f', "format", "NAME", kGeneral,
               "output format: FORMATS (default: -o extension, else json)",
               [](State& s, std::string_view v) { s.options.format = std::string(v); }},
    OptionSpec{kBuild, '\0', "date", "YYYY-MM-DD", kGeneral,
               "publication date of every input (default: each article's dateline, when it has "
               "one); written as each document's date (the GEXF timeline and CSV start column)",
               set_date},
    OptionSpec{kExtract, '\0', "date", "YYYY-MM-DD", kGeneral,
               "publication date of every input (default: each article's dateline, when it has "
               "one); written as the date of each document line",
               set_date},
    OptionSpec{kBuild, '\0', "update", "GRAPH", kGeneral,
               "add the inputs to GRAPH, a JSON or GraphML graph kgbuild wrote (a document already "
               "in it is replaced); -o may name GRAPH itself",
               [](State& s, std::string_view v) { s.options.update = std::string(v); }},
    OptionSpec{kBuild | kExtract, '\0', "extractor", "NAME", kGeneral,
               "extraction method: models (tagger, parser, NER; the default) or rules (no models, faster)",
               [](State& s, std::string_view v) { s.options.pipeline.extractor = std::string(v); }},
    OptionSpec{kBuild | kExtract, '\0', "models", "DIR", kGeneral,
               "where the models extractor finds en-tagger.bin, en-parser.bin, en-ner.bin and en-relations.bin "
               "(default: $KGBUILD_MODELS, else an installed kgbuild's share/kgbuild/models, else "
               "the models/ folder kgbuild was built with)",
               [](State& s, std::string_view v) { s.options.pipeline.models_dir = std::string(v); }},
    OptionSpec{kBuild | kExtract, '\0', "parser-beam", "K", kGeneral,
               "models extractor: beam width of the dependency parser (default: 1, greedy; "
               "larger is more accurate and slower: 8 parses about 4 times slower)",
               [](State& s, std::string_view v) {
                 s.options.pipeline.parser_beam = parse_number(
                     std::string_view("parser-beam"), kBeamWanted, v, 1, static_cast<int>(kMaxBeam));
               }},
    OptionSpec{kMerge, '\0', "expect-documents", "N", kGeneral,
               "fail (nothing written) unless the inputs hold exactly N documents together, so "
               "that a lost shard cannot go unnoticed",
               [](State& s, std::string_view v) {
                 s.options.expect_documents = parse_number<std::uint32_t>(
                     "expect-documents", "a positive whole number", v, 1, UINT32_MAX);
               }},
    OptionSpec{kBuild | kExtract, 'j', "threads", "N", kGeneral,
               "work on N documents at once (default: the number of cores); the output is the "
               "same for every N",
               set_threads},
    OptionSpec{kMerge, 'j', "threads", "N", kGeneral,
               "read N inputs at once (default: the number of cores); the output is the same for every N",
               set_threads},
    OptionSpec{kBuild | kExtract, '\0', "progress", "", kGeneral,
               "show a progress line on stderr (documents and MB done, words/s, time left)"
               " even when stderr is not a terminal (default: only on a terminal, and not with -q)",
               set_progress},
    OptionSpec{kMerge, '\0', "progress", "", kGeneral,
               "show a progress line on stderr (files and MB read, time left)"
               " even when stderr is not a terminal (default: only on a terminal, and not with -q)",
               set_progress},
    OptionSpec{kBuild | kExtract | kMerge, '\0', "no-progress", "", kGeneral, "never show the progress line",
               [](State& s, std::string_view) { s.no_progress = true; }},

    // ---- train and eval ----
    OptionSpec{kTrain, '\0', "train", "FILE", kGeneral,
               "training data: CoNLL-U (tagger, parser), data in the --format format (ner), one "
               "tokenised sentence a line (clusters) or a folder of articles with gold (relations)",
               [](State& s, std::string_view v) { s.options.model.train = std::string(v); }},
    OptionSpec{kTrain, '\0', "dev", "FILE", kGeneral,
               "development data: the iteration scoring best on it is kept (default: the last)",
               [](State& s, std::string_view v) { s.options.model.dev = std::string(v); }},
    OptionSpec{kTrain, 'o', "output", "FILE", kGeneral, "write the model to FILE (atomically)",
               [](State& s, std::string_view v) { s.options.model.model = std::string(v); }},
    OptionSpec{kTrain, '\0', "iterations", "N", kGeneral, "passes over the training data (default: 12)",
               [](State& s, std::string_view v) {
                 s.options.model.iterations =
                     parse_number(std::string_view("iterations"), "a whole number from 1 to 1000", v, 1, 1000);
               }},
    OptionSpec{kTrain, '\0', "seed", "S", kGeneral, "seed of the training order (default: 1)",
               [](State& s, std::string_view v) {
                 s.options.model.seed = parse_number<std::uint64_t>(
                     "seed", "a whole number", v, 0, UINT64_MAX);
               }},
    OptionSpec{kTrain, '\0', "prune", "W", kGeneral,
               "drop averaged weights smaller than W in magnitude (default: 0)",
               [](State& s, std::string_view v) {
                 s.options.model.prune = parse_number(std::string_view("prune"),
                                                      "a number from 0 to 1000", v, 0.0f, 1000.0f);
               }},
    OptionSpec{kTrain, '\0', "clusters", "FILE", kGeneral,
               "ner: word clusters used as features and stored in the model: a clusters model, or "
               "tokenised text (a sentence a line) to learn them from; tagger and parser: the same, "
               "a clusters model only (kgbuild train clusters)",
               [](State& s, std::string_view v) { s.options.model.clusters = std::string(v); }},
    OptionSpec{kEval, '\0', "model", "FILE", kGeneral, "the model to evaluate",
               [](State& s, std::string_view v) { s.options.model.model = std::string(v); }},
    OptionSpec{kEval, '\0', "data", "FILE", kGeneral,
               "gold data: CoNLL-U (tagger, parser) or data in the --format format (ner)",
               [](State& s, std::string_view v) { s.options.model.data = std::string(v); }},
    OptionSpec{kTrain | kEval, '\0', "tagger", "MODEL", kParserOptions,
               "tags predicted by this tagger instead of the gold ones",
               [](State& s, std::string_view v) { s.options.model.tagger = std::string(v); }},
    OptionSpec{kTrain, '\0', "jackknife", "K", kParserOptions,
               "training tags from K taggers trained on the other folds (with --tagger)",
               [](State& s, std::string_view v) {
                 s.options.model.jackknife =
                     parse_number(std::string_view("jackknife"), "a whole number from 2 to 100", v, 2, 100);
               }},
    OptionSpec{kTrain, '\0', "beam", "K", kParserOptions,
               "global training with this beam width (default: 1, greedy)", set_beam},
    OptionSpec{kEval, '\0', "beam", "K", kParserOptions,
               "decode with this beam width instead of the model's", set_beam},
    OptionSpec{kTrain | kEval, '\0', "format", "NAME", kNerOptions,
               "data format: conll03 (CoNLL-2003, the default), conllu (Universal NER .iob2), "
               "gmb (GMB Kaggle CSV)",
               set_ner_format},
    OptionSpec{kTrain, '\0', "dev-format", "NAME", kNerOptions, "format of the --dev data (default: --format)",
               [](State& s, std::string_view v) {
                 if (std::find(kNerFormats.begin(), kNerFormats.end(), v) == kNerFormats.end())
                   bad_value("dev-format", "conll03, conllu or gmb", v);
                 s.options.model.dev_format = std::string(v);
               }},
    OptionSpec{kEval, '\0', "map", "A=B,...", kNerOptions,
               "rename entity types before scoring (e.g. GPE=LOC)",
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
    OptionSpec{kTrain, '\0', "margin", "M", kRelationsOptions,
               "a pair becomes an edge when \"related\" scores more than M above \"none\" (default: 0)",
               [](State& s, std::string_view v) {
                 s.options.model.margin = parse_number(std::string_view("margin"),
                                                       "a number from -1000 to 1000", v, -1000.0f, 1000.0f);
               }},
    OptionSpec{kTrain, '\0', "models", "DIR", kRelationsOptions,
               "where the tagger, parser and NER models that find the candidate pairs are "
               "(en-tagger.bin, en-parser.bin, en-ner.bin; default: $KGBUILD_MODELS, else an installed "
               "kgbuild's share/kgbuild/models, else the models/ folder kgbuild was built with)",
               [](State& s, std::string_view v) { s.options.pipeline.models_dir = std::string(v); }},

    // ---- export filters (graph/filter.h) and format settings; the order they apply in is
    // in the help's footer ----
    OptionSpec{kBuild | kMerge, '\0', "types", "LIST", kFilters,
               "keep only nodes of these entity types (comma-separated, any of TYPES)",
               [](State& s, std::string_view v) {
                 s.options.filter.types = for_option("types", [&] { return graph::parse_entity_types(v); });
               }},
    OptionSpec{kBuild | kMerge, '\0', "relations", "LIST", kFilters,
               "keep only edges whose relation or class is listed (comma-separated, e.g. meet,role; "
               "classes: CLASSES)",
               [](State& s, std::string_view v) {
                 s.options.filter.relations = for_option("relations", [&] { return graph::parse_relations(v); });
               }},
    OptionSpec{kBuild | kMerge, '\0', "min-weight", "N", kFilters, "keep only edges stated in at least N sentences",
               [](State& s, std::string_view v) {
                 s.options.filter.min_weight = parse_number<std::uint32_t>(
                     "min-weight", "a positive whole number", v, 1, UINT32_MAX);
               }},
    OptionSpec{kBuild | kMerge, '\0', "drop-isolated", "", kFilters, "drop nodes left without any edge",
               [](State& s, std::string_view) { s.options.filter.drop_isolated = true; }},
    OptionSpec{kBuild | kMerge, '\0', "max-nodes", "N", kFilters,
               "keep the N most connected nodes (highest weighted degree)",
               [](State& s, std::string_view v) {
                 s.options.filter.max_nodes = parse_number<std::uint32_t>(
                     "max-nodes", "a positive whole number", v, 1, UINT32_MAX);
               }},
    OptionSpec{kBuild | kMerge, '\0', "dot-cluster-by", "KEY", kFormatOptions,
               "dot only: group nodes in clusters by type or document (a node in several "
               "documents goes to the first)",
               [](State& s, std::string_view v) {
                 s.options.export_options.dot_cluster_by =
                     for_option("dot-cluster-by", [&] { return export_::parse_dot_cluster_by(v); });
               }},
    OptionSpec{kBuild | kMerge, '\0', "gexf-version", "V", kFormatOptions,
               "gexf only: 1.2 (the default, which NetworkX, Gephi and graphology read) or 1.3 "
               "(adds viz colours for Gephi)",
               [](State& s, std::string_view v) {
                 s.options.export_options.gexf_version =
                     for_option("gexf-version", [&] { return export_::parse_gexf_version(v); });
               }},
    OptionSpec{kBuild | kMerge, '\0', "html-nodes", "N", kFormatOptions,
               "html only: the page opens on the N most connected nodes (default 2000) and can "
               "show the rest",
               [](State& s, std::string_view v) {
                 s.options.export_options.html_shown_nodes = parse_number<std::uint32_t>(
                     "html-nodes", "a positive whole number", v, 1, UINT32_MAX);
               }},

    // ---- every command ----
    OptionSpec{kAll, 'v', "verbose", "", kGeneral, "also log debug details on stderr",
               [](State& s, std::string_view) { s.verbose = true; }},
    OptionSpec{kAll, 'q', "quiet", "", kGeneral, "log only warnings and errors (no summary)",
               [](State& s, std::string_view) { s.quiet = true; }},
    OptionSpec{kAll, 'h', "help", "", kGeneral, "print this help to standard output and exit",
               [](State& s, std::string_view) { s.options.help = true; }},
    OptionSpec{kAll, '\0', "version", "", kGeneral, "print the version and exit",
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

std::string join_kinds() {
  std::string s;
  for (const std::string_view kind : kModelKinds) s += (s.empty() ? "" : ", ") + std::string(kind);
  return s;
}

// The row of `command` with this long name ("output") or short letter ("o"); null when
// the command has none.
const OptionSpec* find_spec(Command command, std::string_view name) {
  for (const OptionSpec& spec : kOptions) {
    if (!(spec.commands & bit(command))) continue;
    if (spec.long_name == name || (name.size() == 1 && spec.short_name == name[0])) return &spec;
  }
  return nullptr;
}

// Whether another command than `command` takes an option of this long name or short letter.
bool taken_elsewhere(Command command, std::string_view name) {
  return std::any_of(kOptions.begin(), kOptions.end(), [&](const OptionSpec& spec) {
    return !(spec.commands & bit(command)) &&
           (spec.long_name == name || (name.size() == 1 && spec.short_name == name[0]));
  });
}

// ---- the help text ----

// The text before the options: usage lines, then what the command does. Each line is
// one paragraph, wrapped to the width by wrap_text().
std::string help_header(Command command) {
  switch (command) {
    case Command::build:
      return "Usage: kgbuild [OPTIONS] INPUT...\n"
             "       kgbuild INPUT... --update GRAPH -o GRAPH\n"
             "       kgbuild extract [OPTIONS] INPUT...     (kgbuild extract --help)\n"
             "       kgbuild merge [OPTIONS] FILE...        (kgbuild merge --help)\n"
             "       kgbuild train KIND [OPTIONS]           (kgbuild train --help)\n"
             "       kgbuild eval KIND [OPTIONS]            (kgbuild eval --help)\n"
             "\n"
             "Builds a knowledge graph (entities and relations) from plain-text news articles and "
             "writes it as GraphML, GEXF, DOT, JSON, an HTML page or a pair of CSV files.\n"
             "\n"
             "Inputs: files (any extension), directories (searched recursively for *.txt, in sorted "
             "path order) or - for standard input. Logs go to stderr; stdout carries only the graph. "
             "With --update, the documents of GRAPH and the inputs are replayed in path order, as "
             "kgbuild merge does.\n"
             "\n"
             "-f csv (Gephi) and -f neo4j-csv (neo4j-admin import) write two files: -o PATH gives "
             "PATH.nodes.csv and PATH.edges.csv (neo4j-csv: PATH.relationships.csv); a trailing .csv "
             "is dropped first, so -o graph.csv gives the same pair.\n";
    case Command::extract:
      return "Usage: kgbuild extract [OPTIONS] INPUT...\n"
             "\n"
             "Extracts entities and relation triples from the inputs (as kgbuild does) and writes "
             "them as JSON Lines, each document's lines as soon as it is done: a document line, one "
             "line per entity and one per triple with its evidence sentence. kgbuild merge turns "
             "such files into the graph one run would give.\n"
             "\n"
             "Inputs: files (any extension), directories (searched recursively for *.txt, in sorted "
             "path order) or - for standard input. Logs go to stderr.\n";
    case Command::merge:
      return "Usage: kgbuild merge [OPTIONS] FILE...\n"
             "\n"
             "Merges JSON Lines from kgbuild extract and JSON or GraphML graphs kgbuild wrote "
             "(- reads standard input) into one graph: their documents, in path order, give byte "
             "for byte the graph of one run over the same documents. A document in two inputs is "
             "kept once when both copies are the same, and is an error otherwise. Any bad input "
             "stops the merge before anything is written.\n";
    case Command::train:
      return "Usage: kgbuild train tagger --train FILE [--dev FILE] -o MODEL [OPTIONS]\n"
             "       kgbuild train parser --train FILE [--dev FILE] -o MODEL [--tagger MODEL] [OPTIONS]\n"
             "       kgbuild train ner --train FILE [--dev FILE] [--format F] -o MODEL [OPTIONS]\n"
             "       kgbuild train clusters --train TOKENS -o MODEL [--iterations N]\n"
             "         (TOKENS: one tokenised sentence a line, e.g. from tools/cluster_text.py)\n"
             "       kgbuild train relations --train DIR -o MODEL [--margin M] [--models DIR]\n"
             "         (DIR: articles NAME.txt with gold annotations NAME.gold.json)\n"
             "\n"
             "Trains a model (kinds: " + join_kinds() + ") and writes it to MODEL. Progress "
             "(iteration, training accuracy, dev scores, seconds) goes to stderr. Training is "
             "deterministic: the same data, options and seed give the same file.\n";
    case Command::eval:
      return "Usage: kgbuild eval tagger --model MODEL --data FILE [OPTIONS]\n"
             "       kgbuild eval parser --model MODEL --data FILE [--tagger MODEL] [OPTIONS]\n"
             "       kgbuild eval ner --model MODEL --data FILE [--format F] [--map GPE=LOC] [OPTIONS]\n"
             "\n"
             "Scores a model on gold data (gold tokenisation). The last line on stdout is "
             "name=value pairs, e.g. UPOS=0.9612 XPOS=0.9501 UPOS+XPOS=0.9400 Lemma=0.9700 "
             "words=25094 or UAS=0.8712 LAS=0.8431 words=25094, or for ner exact-span scores "
             "P=0.8712 R=0.8650 F1=0.8681 LOC_F1=... ORG_F1=... PER_F1=... words=46435.\n";
  }
  return "";
}

// The text after the options: the order the filters apply in, and the exit statuses.
std::string help_footer(Command command) {
  const std::string filters =
      "Filters apply to every format, in this order, each to what the previous kept:\n"
      "  1. --types keeps nodes of those types (an edge goes with either end);\n"
      "     --relations keeps edges whose relation (exact: meet, spokesperson of, ...) or relation "
      "class (meet, role, located_in, ...) is listed\n"
      "  2. --min-weight N keeps edges stated in at least N sentences\n"
      "  3. --drop-isolated drops nodes that no kept edge touches (a self-loop does)\n"
      "  4. --max-nodes N keeps the N nodes of highest weighted degree (the summed weights of "
      "their kept edges), ties going to more mentions, then to the earlier node; with "
      "--drop-isolated, nodes the cut leaves without edges go too\n"
      "Kept nodes and edges keep their ids (n12, e40) and evidence.\n"
      "\n";
  switch (command) {
    case Command::build:
      return filters +
             "Exit status: 0 success; 1 some input could not be used (the output of the others is "
             "still written) or the output could not be written; 2 usage error.\n";
    case Command::extract:
      return "Exit status: 0 success; 1 some input could not be used (the lines of the others are "
             "still written) or the output could not be written; 2 usage error.\n";
    case Command::merge:
      return filters +
             "Exit status: 0 success; 1 some input could not be used or the output could not be "
             "written (nothing written); 2 usage error.\n";
    case Command::train:
    case Command::eval:
      return "Exit status: 0 success; 1 unreadable data or model; 2 usage error.\n";
  }
  return "";
}

// Where the continuation lines of a wrapped help line start: under the text of a list
// item ("  1. "), of a usage line ("Usage: kgbuild" and the lines under it, two further
// in), else under the line's own indentation.
std::size_t hanging_indent(std::string_view line) {
  const std::size_t lead = std::min(line.find_first_not_of(' '), line.size());
  const std::string_view text = line.substr(lead);
  if (text.starts_with("Usage: ")) return lead + 9;
  if (text.starts_with("kgbuild ")) return lead + 2;
  if (text.size() > 2 && text[0] >= '0' && text[0] <= '9' && text.substr(1, 2) == ". ") return lead + 3;
  return lead;
}

// `text` with each line that is wider than `width` broken at spaces; continuation lines
// are indented by hanging_indent() and a word wider than the room left is cut.
std::string wrap_text(std::string_view text, std::size_t width) {
  std::string out;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    const std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    if (line.size() <= width) {
      out += std::string(line) + "\n";
      continue;
    }
    const std::size_t lead = std::min(line.find_first_not_of(' '), line.size());
    const std::size_t hang = std::min(hanging_indent(line), width / 2);
    std::string current(lead, ' ');
    std::size_t indent = lead;
    std::string_view rest = line.substr(lead);
    while (!rest.empty()) {
      const std::size_t space = std::min(rest.find(' '), rest.size());
      std::string_view word = rest.substr(0, space);
      rest.remove_prefix(std::min(space + 1, rest.size()));
      if (word.empty()) continue;
      while (!word.empty()) {
        const bool first = current.size() == indent;
        const std::size_t used = current.size() + (first ? 0 : 1);
        const std::size_t room = used < width ? width - used : 0;
        if (word.size() <= room) {
          current += (first ? "" : " ") + std::string(word);
          word = {};
        } else if (first) {  // wider than a whole line: cut it
          current += std::string(word.substr(0, room));
          word.remove_prefix(room);
        }
        if (!word.empty()) {
          out += current + "\n";
          indent = hang;
          current.assign(indent, ' ');
        }
      }
    }
    out += current + "\n";
  }
  return out;
}

// "  -o, --output PATH", "      --date YYYY-MM-DD": the left column of an option.
std::string option_left(const CLI::Option* option) {
  std::string left = "  ";
  const auto& shorts = option->get_snames();
  left += shorts.empty() ? std::string("    ") : "-" + shorts.front() + ", ";
  left += "--" + option->get_lnames().front();
  if (const std::string value = option->get_type_name(); !value.empty()) left += " " + value;
  return left;
}

// The help layout of kgbuild on CLI11's formatter: the header (usage and description),
// the option groups with each description wrapped in the right column, the footer; no
// line wider than the width given.
class HelpFormatter : public CLI::Formatter {
 public:
  explicit HelpFormatter(std::size_t width) : width_(width) {}

  std::string make_help(const CLI::App* app, std::string, CLI::AppFormatMode) const override {
    std::string text = wrap_text(app->get_description(), width_);
    for (const std::string& group : app->get_groups()) {
      const auto options = app->get_options([&](const CLI::Option* option) {
        return option->nonpositional() && option->get_group() == group;
      });
      if (options.empty()) continue;
      text += "\n" + group + ":\n";
      for (const CLI::Option* option : options) text += make_option(option, false);
    }
    return text + "\n" + wrap_text(app->get_footer(), width_);
  }

  // The left column, then the description in the right column from column_width_ on (on
  // the next line when the left one is wider).
  std::string make_option(const CLI::Option* option, bool) const override {
    std::string left = option_left(option);
    std::string text;
    if (left.size() + 2 > column_width_) {
      text = left + "\n";
      left.clear();
    }
    left.resize(column_width_, ' ');
    const std::string body = wrap_text(option->get_description(), width_ - column_width_);
    std::string_view rest = body;
    bool first = true;
    while (!rest.empty()) {
      const std::size_t end = rest.find('\n');
      text += (first ? left : std::string(column_width_, ' ')) + std::string(rest.substr(0, end)) + "\n";
      rest.remove_prefix(end + 1);
      first = false;
    }
    return text;
  }

 private:
  std::size_t width_;
};

// CLI::App with what it kept of the arguments it could not place, and how it classified
// each: an unknown option (LONG or SHORT), an argument with no positional left (NONE) or
// the "--" that ended the options (POSITIONAL_MARK).
class App : public CLI::App {
 public:
  using CLI::App::App;
  const missing_t& extras() const { return missing_; }
};

// Replaces the placeholders of the table's help texts with the current names.
std::string expand(std::string_view help) {
  std::string text(help);
  const auto replace = [&text](std::string_view placeholder, const std::string& value) {
    if (const auto at = text.find(placeholder); at != std::string::npos) text.replace(at, placeholder.size(), value);
  };
  replace("FORMATS", join(export_::exporter_names()));
  replace("TYPES", graph::known_entity_types());
  replace("CLASSES", graph::known_relation_classes());
  return text;
}

// The value of a value option: checked for emptiness and repetition (the option's row
// names itself in the messages), then applied.
void take_value(State& state, const OptionSpec& spec, const std::string& value) {
  if (value.empty()) {
    throw UsageError("option " + spelling(spec) + " needs a non-empty value");
  }
  if (state.was_given(spec.long_name)) {
    throw UsageError("option --" + std::string(spec.long_name) + " given more than once");
  }
  state.given.push_back(spec.long_name);
  spec.apply(state, value);
}

// The CLI11 app of `command`: its rows of the option table, its positionals, its help.
// Value options run their row on parse, so errors come in command-line order.
std::unique_ptr<App> make_app(Command command, State& state) {
  auto app = std::make_unique<App>(help_header(command), std::string(command_name(command)));
  app->set_help_flag();  // -h/--help is a row of the table: the help is returned, not thrown
  app->allow_extras();   // unknown options and extra arguments are named by name_extras()
  app->footer(help_footer(command));
  if (command == Command::train || command == Command::eval) {
    app->add_option("KIND", state.options.model.kind, "the model kind: " + join_kinds());
  } else {
    // Every positional argument, each one input: CLI11 splits "[a,b]" into a list when
    // the option allows extra arguments, so it does not, and expects "all of them" instead.
    constexpr int kEvery = CLI::detail::expected_max_vector_size;
    app->add_option(
           "INPUT",
           [&state](const CLI::results_t& inputs) {
             state.options.inputs = inputs;
             return true;
           },
           "files, directories or - for standard input")
        ->expected(kEvery, kEvery)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  }
  for (const OptionSpec& spec : kOptions) {
    if (!(spec.commands & bit(command))) continue;
    const std::string names = (spec.short_name != '\0' ? std::string{'-', spec.short_name, ','} : std::string()) +
                              "--" + std::string(spec.long_name);
    CLI::Option* option = nullptr;
    if (spec.value_name.empty()) {
      option = app->add_flag_callback(names, [&state, &spec] { spec.apply(state, {}); }, expand(spec.help));
    } else {
      option = app->add_option(
          names,
          [&state, &spec](const CLI::results_t& results) {
            take_value(state, spec, results.back());
            return true;
          },
          expand(spec.help));
      option->type_name(std::string(spec.value_name))->trigger_on_parse();
    }
    option->group(std::string(spec.group));
  }
  return app;
}

// What CLI11 2.1.2 reads otherwise than kgbuild's syntax, refused before it parses:
// a flag with a value ("--verbose=yes", which CLI11 takes as a flag value; "-vq", which it
// reads as -v -q), "--output=" (CLI11 would take the next argument as the value),
// "-3" or "---x" (CLI11 takes them as inputs), and a value option without its value at
// the end. Stops at "--" and skips each option's value.
void refuse_misread(Command command, const std::vector<std::string>& args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") return;
    if (arg.size() < 2 || arg[0] != '-') continue;
    std::string name, value;
    if (CLI::detail::split_long(arg, name, value)) {
      const OptionSpec* spec = find_spec(command, name);
      if (spec == nullptr) continue;  // unknown: named after parsing
      const bool attached = arg.find('=') != std::string::npos;
      if (spec->value_name.empty()) {
        if (attached) throw UsageError("option " + spelling(*spec) + " takes no value");
      } else if (attached && value.empty()) {
        throw UsageError("option " + spelling(*spec) + " needs a non-empty value");
      } else if (!attached && i + 1 == args.size()) {
        throw UsageError("option " + spelling(*spec) + " needs a value (" + std::string(spec->value_name) + ")");
      } else if (!attached) {
        ++i;
      }
      continue;
    }
    if (CLI::detail::split_short(arg, name, value)) {
      const OptionSpec* spec = find_spec(command, name);
      if (spec == nullptr) {
        if (name[0] >= '0' && name[0] <= '9') throw UsageError("unknown option '" + arg + "'");
        continue;  // unknown: named after parsing
      }
      if (spec->value_name.empty()) {
        if (!value.empty()) throw UsageError("unknown option '" + arg + "'");  // no bundling
      } else if (value.empty() && i + 1 == args.size()) {
        throw UsageError("option " + spelling(*spec) + " needs a value (" + std::string(spec->value_name) + ")");
      } else if (value.empty()) {
        ++i;
      }
      continue;
    }
    const std::size_t eq = arg.find('=');
    throw UsageError("unknown option '" + (arg.starts_with("--") ? arg.substr(0, eq) : arg) + "'");
  }
}

// A usage error for the first argument CLI11 could not place: an option of another
// command, an unknown option, or (train, eval) an argument after the kind.
void name_extras(const App& app, Command command) {
  using CLI::detail::Classifier;
  const auto& extras = app.extras();  // also holds "--" (POSITIONAL_MARK), which is no error
  const auto option = std::find_if(extras.begin(), extras.end(), [](const auto& extra) {
    return extra.first == Classifier::LONG || extra.first == Classifier::SHORT;
  });
  if (option != extras.end()) {
    const std::string& arg = option->second;
    std::string shown = arg;
    std::string name;
    if (arg.starts_with("--")) {
      shown = arg.substr(0, arg.find('='));
      name = shown.substr(2);
    } else if (arg.size() == 2) {
      name = arg.substr(1);
    }
    if (!name.empty() && taken_elsewhere(command, name)) {
      throw UsageError("option '" + shown + "' does not apply to '" + std::string(command_name(command)) + "'");
    }
    throw UsageError("unknown option '" + shown + "'");
  }
  const auto argument = std::find_if(extras.begin(), extras.end(),
                                     [](const auto& extra) { return extra.first == Classifier::NONE; });
  if (argument != extras.end()) {
    throw UsageError(std::string(command_name(command)) + ": unexpected argument '" + argument->second + "'");
  }
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
  std::size_t first = 0;
  if (!args.empty() && (args[0] == "train" || args[0] == "eval")) {
    state.options.command = args[0] == "train" ? Command::train : Command::eval;
    first = 1;
  } else if (!args.empty() && (args[0] == "extract" || args[0] == "merge")) {
    state.options.command = args[0] == "extract" ? Command::extract : Command::merge;
    first = 1;
  }
  const Command command = state.options.command;
  std::vector<std::string> rest(args.begin() + static_cast<std::ptrdiff_t>(first), args.end());
  refuse_misread(command, rest);
  const auto app = make_app(command, state);
  std::reverse(rest.begin(), rest.end());  // CLI11 takes the arguments last first
  try {
    app->parse(rest);
  } catch (const CLI::ParseError& e) {  // none expected: refuse_misread and the rows catch them first
    throw UsageError(e.what());
  }
  name_extras(*app, command);
  finish(state);
  return std::move(state.options);
}

Options parse_options(int argc, const char* const* argv) {
  std::vector<std::string_view> args;
  for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
  return parse_options(args);
}

std::size_t help_width() {
  std::size_t width = 0;
  if (const char* columns = std::getenv("COLUMNS"); columns != nullptr) {
    const std::string_view text(columns);
    std::size_t value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc() && ptr == text.data() + text.size()) width = value;
  }
  if (width == 0 && ::isatty(STDOUT_FILENO) == 1) {
    winsize size{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0) width = size.ws_col;
  }
  if (width == 0) width = 80;
  return std::max(width, kMinHelpWidth);
}

std::string usage(Command command) { return usage(command, help_width()); }

std::string usage(Command command, std::size_t width) {
  width = std::max(width, kMinHelpWidth);
  State state;
  const auto app = make_app(command, state);
  // The right column starts two spaces after the widest left one, but leaves the
  // descriptions at least half the width.
  std::size_t column = 0;
  for (const CLI::Option* option : app->get_options([](const CLI::Option* o) { return o->nonpositional(); })) {
    column = std::max(column, option_left(option).size() + 2);
  }
  auto formatter = std::make_shared<HelpFormatter>(width);
  formatter->column_width(std::min(column, width / 2));
  app->formatter(formatter);
  return app->help();
}

std::string version_line() { return std::string("kgbuild ") + KG_VERSION; }

}  // namespace kg::cli
