// Every option and alias of kgbuild, in every command that takes it and in each spelling
// ("--name value", "--name=value", "-x value", "-xvalue"), parsed into the whole Options
// struct and compared with the struct written out by hand. The expected structs are the
// ones the parser gave before it moved to CLI11 (this test passed on both).
#include <doctest/doctest.h>

#include <functional>
#include <initializer_list>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "cli/options.h"
#include "cli/options_test_support.h"

using kg::cli::Command;
using kg::cli::Options;
using kg::cli::ProgressMode;
using kg::cli::test::parse;

namespace {

std::string list(const std::vector<std::string>& items) {
  std::string s = "[";
  for (const auto& item : items) s += (s.size() > 1 ? "|" : "") + item;
  return s + "]";
}

// Every field of `o`, one per line, so that a difference names the field.
std::string describe(const Options& o) {
  std::ostringstream s;
  s << "command=" << static_cast<int>(o.command) << "\ninputs=" << list(o.inputs) << "\noutput=" << o.output
    << "\nformat=" << o.format << "\ndate=" << o.date << "\nupdate=" << o.update
    << "\nextractor=" << o.pipeline.extractor << "\nmodels=" << o.pipeline.models_dir
    << "\ntag=" << o.pipeline.tag << "\nparser_beam=" << o.pipeline.parser_beam
    << "\nrelation_filter=" << o.pipeline.relation_filter << "\nner_window=" << o.pipeline.ner_window_tokens
    << "\ntypes=" << list(o.filter.types) << "\nrelations=" << list(o.filter.relations)
    << "\nmin_weight=" << o.filter.min_weight << "\ndrop_isolated=" << o.filter.drop_isolated
    << "\nmax_nodes=" << o.filter.max_nodes
    << "\ndot_cluster_by=" << static_cast<int>(o.export_options.dot_cluster_by)
    << "\ngexf_version=" << static_cast<int>(o.export_options.gexf_version)
    << "\nhtml_nodes=" << o.export_options.html_shown_nodes << "\nkind=" << o.model.kind
    << "\ntrain=" << o.model.train << "\ndev=" << o.model.dev << "\nmodel=" << o.model.model
    << "\ndata=" << o.model.data << "\niterations=" << o.model.iterations << "\nseed=" << o.model.seed
    << "\nprune=" << o.model.prune << "\nmargin=" << o.model.margin << "\ntagger=" << o.model.tagger
    << "\njackknife=" << o.model.jackknife << "\nbeam=" << o.model.beam
    << "\ndata_format=" << o.model.data_format << "\ndev_format=" << o.model.dev_format
    << "\nclusters=" << o.model.clusters << "\ntype_map=" << o.model.type_map
    << "\nlog_level=" << static_cast<int>(o.log_level) << "\nthreads=" << o.threads
    << "\nexpect_documents=" << o.expect_documents << "\nprogress=" << static_cast<int>(o.progress)
    << "\nhelp=" << o.help << "\nversion=" << o.version << "\n";
  return s.str();
}

// What "kgbuild [WORD] ..." gives with no option: the baseline each row changes.
Options baseline(Command command) {
  Options o;
  o.command = command;
  if (command == Command::build || command == Command::merge) {
    o.inputs = {"in.txt"};
    o.format = "json";
  } else if (command == Command::extract) {
    o.inputs = {"in.txt"};
  } else if (command == Command::train) {
    o.model.kind = "tagger";
    o.model.train = "t.conllu";
    o.model.model = "m.bin";
  } else {
    o.model.kind = "tagger";
    o.model.model = "m.bin";
    o.model.data = "d.conllu";
  }
  return o;
}

// The words of the baseline command line; `kind` for train and eval.
std::vector<std::string_view> baseline_args(Command command, std::string_view kind) {
  switch (command) {
    case Command::build: return {"in.txt"};
    case Command::extract: return {"extract", "in.txt"};
    case Command::merge: return {"merge", "in.txt"};
    case Command::train: return {"train", kind, "--train", "t.conllu", "-o", "m.bin"};
    case Command::eval: return {"eval", kind, "--model", "m.bin", "--data", "d.conllu"};
  }
  return {};
}

Options parse_vector(const std::vector<std::string_view>& args) { return kg::cli::parse_options(args); }

// One row: a command (train and eval: of a model kind), the arguments added to its
// baseline, and the change they make.
struct Row {
  Command command;
  std::vector<std::string_view> args;
  std::function<void(Options&)> expect;
  std::string_view kind = "tagger";
};

// Each spelling of a value option: long with a space, long with '=', and when it has a
// short name, short with a space and short with the value attached.
std::vector<std::vector<std::string_view>> spellings(char short_name, std::string_view long_name,
                                                     std::string_view value, std::vector<std::string>& storage) {
  storage.push_back("--" + std::string(long_name));
  storage.push_back("--" + std::string(long_name) + "=" + std::string(value));
  std::vector<std::vector<std::string_view>> out;
  out.push_back({storage[storage.size() - 2], value});
  out.push_back({storage.back()});
  if (short_name != '\0') {
    storage.push_back(std::string{'-', short_name});
    storage.push_back(std::string{'-', short_name} + std::string(value));
    out.push_back({storage[storage.size() - 2], value});
    out.push_back({storage.back()});
  }
  return out;
}

void check_rows(const std::vector<Row>& rows) {
  for (const Row& row : rows) {
    std::vector<std::string_view> args = baseline_args(row.command, row.kind);
    args.insert(args.end(), row.args.begin(), row.args.end());
    std::string shown;
    for (const auto arg : args) shown += std::string(arg) + " ";
    CAPTURE(shown);
    Options expected = baseline(row.command);
    if (!expected.model.kind.empty()) expected.model.kind = row.kind;
    row.expect(expected);
    CHECK(describe(parse_vector(args)) == describe(expected));
  }
}

// A value option of `commands`: every spelling, with `value`, changes what `expect` says.
void check_value_option(std::initializer_list<Command> commands, char short_name, std::string_view long_name,
                        std::string_view value, const std::function<void(Options&)>& expect) {
  std::vector<std::string> storage;
  storage.reserve(8);
  const auto forms = spellings(short_name, long_name, value, storage);
  std::vector<Row> rows;
  for (const Command command : commands) {
    for (const auto& form : forms) rows.push_back({command, form, expect});
  }
  check_rows(rows);
}

// A flag of `commands`: each spelling changes what `expect` says.
void check_flag(std::initializer_list<Command> commands, char short_name, std::string_view long_name,
                const std::function<void(Options&)>& expect) {
  const std::string long_form = "--" + std::string(long_name);
  const std::string short_form = short_name != '\0' ? std::string{'-', short_name} : "";
  std::vector<Row> rows;
  for (const Command command : commands) {
    rows.push_back({command, {long_form}, expect});
    if (!short_form.empty()) rows.push_back({command, {short_form}, expect});
  }
  check_rows(rows);
}

constexpr auto kGraphCommands = {Command::build, Command::merge};
constexpr auto kExtracting = {Command::build, Command::extract};
constexpr auto kRuns = {Command::build, Command::extract, Command::merge};
constexpr auto kEvery = {Command::build, Command::extract, Command::merge, Command::train, Command::eval};

}  // namespace

TEST_CASE("options table: the baselines parse to the baseline structs") {
  check_rows({{Command::build, {}, [](Options&) {}},
              {Command::extract, {}, [](Options&) {}},
              {Command::merge, {}, [](Options&) {}},
              {Command::train, {}, [](Options&) {}},
              {Command::eval, {}, [](Options&) {}}});
}

TEST_CASE("options table: -o/--output of build, extract and merge") {
  check_value_option(kRuns, 'o', "output", "out/g.graphml", [](Options& o) {
    o.output = "out/g.graphml";
    if (o.command != Command::extract) o.format = "graphml";
  });
}

TEST_CASE("options table: -o/--output of train") {
  Options expected = baseline(Command::train);
  expected.model.model = "other.bin";
  for (const std::vector<std::string_view>& args :
       {std::vector<std::string_view>{"train", "tagger", "--train", "t.conllu", "-o", "other.bin"},
        {"train", "tagger", "--train", "t.conllu", "-oother.bin"},
        {"train", "tagger", "--train", "t.conllu", "--output", "other.bin"},
        {"train", "tagger", "--train", "t.conllu", "--output=other.bin"}}) {
    CHECK(describe(parse_vector(args)) == describe(expected));
  }
}

TEST_CASE("options table: -f/--format of build and merge") {
  check_value_option(kGraphCommands, 'f', "format", "dot", [](Options& o) { o.format = "dot"; });
}

TEST_CASE("options table: --date of build and extract") {
  check_value_option(kExtracting, '\0', "date", "2024-02-29", [](Options& o) { o.date = "2024-02-29"; });
}

TEST_CASE("options table: --update of build") {
  check_value_option({Command::build}, '\0', "update", "old.json", [](Options& o) { o.update = "old.json"; });
}

TEST_CASE("options table: --extractor, --models and --parser-beam of build and extract") {
  check_value_option(kExtracting, '\0', "extractor", "rules", [](Options& o) { o.pipeline.extractor = "rules"; });
  check_value_option(kExtracting, '\0', "models", "/opt/m", [](Options& o) { o.pipeline.models_dir = "/opt/m"; });
  check_value_option(kExtracting, '\0', "parser-beam", "8", [](Options& o) { o.pipeline.parser_beam = 8; });
}

TEST_CASE("options table: -j/--threads of build, extract and merge") {
  check_value_option(kRuns, 'j', "threads", "3", [](Options& o) { o.threads = 3; });
}

TEST_CASE("options table: --progress and --no-progress of build, extract and merge") {
  check_flag(kRuns, '\0', "progress", [](Options& o) { o.progress = ProgressMode::on; });
  check_flag(kRuns, '\0', "no-progress", [](Options& o) { o.progress = ProgressMode::off; });
}

TEST_CASE("options table: --expect-documents of merge") {
  check_value_option({Command::merge}, '\0', "expect-documents", "7", [](Options& o) { o.expect_documents = 7; });
}

TEST_CASE("options table: the filters of build and merge") {
  check_value_option(kGraphCommands, '\0', "types", "person,Org", [](Options& o) { o.filter.types = {"PERSON", "ORG"}; });
  check_value_option(kGraphCommands, '\0', "relations", "meet, role",
                     [](Options& o) { o.filter.relations = {"meet", "role"}; });
  check_value_option(kGraphCommands, '\0', "min-weight", "2", [](Options& o) { o.filter.min_weight = 2; });
  check_flag(kGraphCommands, '\0', "drop-isolated", [](Options& o) { o.filter.drop_isolated = true; });
  check_value_option(kGraphCommands, '\0', "max-nodes", "40", [](Options& o) { o.filter.max_nodes = 40; });
}

TEST_CASE("options table: the format options of build and merge, with their format") {
  check_rows({{Command::build, {"-f", "dot", "--dot-cluster-by", "document"},
               [](Options& o) {
                 o.format = "dot";
                 o.export_options.dot_cluster_by = kg::export_::DotClusterBy::document;
               }},
              {Command::merge, {"-odot.gv", "--dot-cluster-by=type"},
               [](Options& o) {
                 o.output = "dot.gv";
                 o.format = "dot";
                 o.export_options.dot_cluster_by = kg::export_::DotClusterBy::type;
               }},
              {Command::build, {"--gexf-version", "1.3", "-o", "g.gexf"},
               [](Options& o) {
                 o.output = "g.gexf";
                 o.format = "gexf";
                 o.export_options.gexf_version = kg::export_::GexfVersion::v1_3;
               }},
              {Command::merge, {"--html-nodes=12", "--format", "html", "-o", "page"},
               [](Options& o) {
                 o.output = "page";
                 o.format = "html";
                 o.export_options.html_shown_nodes = 12;
               }}});
}

TEST_CASE("options table: -v/--verbose, -q/--quiet, -h/--help and --version of every command") {
  check_flag(kEvery, 'v', "verbose", [](Options& o) { o.log_level = kg::log::Level::debug; });
  check_flag(kEvery, 'q', "quiet", [](Options& o) { o.log_level = kg::log::Level::warn; });
  // With --help or --version nothing else is resolved: no format is chosen.
  check_flag(kEvery, 'h', "help", [](Options& o) {
    o.help = true;
    o.format.clear();
  });
  check_flag(kEvery, '\0', "version", [](Options& o) {
    o.version = true;
    o.format.clear();
  });
}

TEST_CASE("options table: a flag given twice is the flag once") {
  check_rows({{Command::build, {"-v", "--verbose"}, [](Options& o) { o.log_level = kg::log::Level::debug; }},
              {Command::merge, {"--drop-isolated", "--drop-isolated"}, [](Options& o) { o.filter.drop_isolated = true; }}});
}

TEST_CASE("options table: the options of train") {
  check_value_option({Command::train}, '\0', "dev", "d.conllu", [](Options& o) { o.model.dev = "d.conllu"; });
  check_value_option({Command::train}, '\0', "iterations", "3", [](Options& o) { o.model.iterations = 3; });
  check_value_option({Command::train}, '\0', "seed", "18446744073709551615",
                     [](Options& o) { o.model.seed = 18446744073709551615u; });
  check_value_option({Command::train}, '\0', "prune", "0.5", [](Options& o) { o.model.prune = 0.5f; });
  check_value_option({Command::train}, '\0', "clusters", "c.bin", [](Options& o) { o.model.clusters = "c.bin"; });
}

TEST_CASE("options table: the parser options of train and eval") {
  check_rows({{Command::train, {"--tagger", "tg.bin", "--jackknife", "4", "--beam=8"},
               [](Options& o) {
                 o.model.tagger = "tg.bin";
                 o.model.jackknife = 4;
                 o.model.beam = 8;
               },
               "parser"},
              {Command::eval, {"--tagger=tg.bin", "--beam", "2"}, [](Options& o) {
                 o.model.tagger = "tg.bin";
                 o.model.beam = 2;
               },
               "parser"}});
}

TEST_CASE("options table: the NER options of train and eval") {
  check_rows({{Command::train, {"--format", "gmb", "--dev-format=conllu"},
               [](Options& o) {
                 o.model.data_format = "gmb";
                 o.model.dev_format = "conllu";
               },
               "ner"},
              {Command::eval, {"--format=conllu", "--map", "GPE=LOC"}, [](Options& o) {
                 o.model.data_format = "conllu";
                 o.model.type_map = "GPE=LOC";
               },
               "ner"}});
}

TEST_CASE("options table: the relations options of train") {
  check_rows({{Command::train, {"--margin", "-2.5", "--models=mdir"}, [](Options& o) {
                 o.model.margin = -2.5f;
                 o.pipeline.models_dir = "mdir";
               },
               "relations"}});
}
