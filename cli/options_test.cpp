#include "cli/options.h"
#include "cli/options_test_support.h"
#include "cli/ner_commands.h"
#include <map>

#include <doctest/doctest.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "extract/text/error.h"

using kg::cli::Options;
using kg::log::Level;

using kg::cli::test::parse;
using kg::cli::test::usage_error;

namespace {

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("options: positional inputs keep their order") {
  CHECK(parse({"b.txt", "samples/", "a.txt"}).inputs == Strings{"b.txt", "samples/", "a.txt"});
}

TEST_CASE("options: a lone - is an input (stdin)") {
  CHECK(parse({"-"}).inputs == Strings{"-"});
}

TEST_CASE("options: -- ends options, so later dashes are inputs") {
  CHECK(parse({"--", "-v", "--odd.txt"}).inputs == Strings{"-v", "--odd.txt"});
}

TEST_CASE("options: defaults are json to stdout, the models extractor, info") {
  const Options o = parse({"a.txt"});
  CHECK(o.output.empty());
  CHECK(o.format == "json");
  CHECK(o.pipeline.extractor == "models");
  CHECK(o.pipeline.models_dir.empty());  // the pipeline's default_models_dir()
  CHECK(o.pipeline.parser_beam == 1);    // greedy: the measured default speed
  CHECK(o.log_level == Level::info);
  CHECK_FALSE(o.help);
  CHECK_FALSE(o.version);
}

TEST_CASE("options: --extractor rules and --models DIR") {
  const Options o = parse({"a.txt", "--extractor", "rules", "--models", "/opt/m"});
  CHECK(o.pipeline.extractor == "rules");
  CHECK(o.pipeline.models_dir == "/opt/m");
}

TEST_CASE("options: --parser-beam K sets the pipeline parser's beam width") {
  CHECK(parse({"a.txt", "--parser-beam", "8"}).pipeline.parser_beam == 8);
  CHECK(parse({"extract", "a.txt", "--parser-beam", "1"}).pipeline.parser_beam == 1);
  CHECK(usage_error({"a.txt", "--parser-beam", "0"}) ==
        "option --parser-beam needs a whole number from 1 to 64, got '0'");
}

TEST_CASE("options: -o PATH and --output PATH and --output=PATH and -oPATH") {
  CHECK(parse({"a.txt", "-o", "g.json"}).output == "g.json");
  CHECK(parse({"a.txt", "--output", "g.json"}).output == "g.json");
  CHECK(parse({"a.txt", "--output=g.json"}).output == "g.json");
  CHECK(parse({"a.txt", "-og.json"}).output == "g.json");
}

TEST_CASE("options: -o - means stdout") {
  CHECK(parse({"a.txt", "-o", "-"}).output.empty());
}

TEST_CASE("options: the format comes from the -o extension") {
  CHECK(parse({"a.txt", "-o", "out/g.graphml"}).format == "graphml");
  CHECK(parse({"a.txt", "-o", "g.dot"}).format == "dot");
  CHECK(parse({"a.txt", "-o", "g.gv"}).format == "dot");
  CHECK(parse({"a.txt", "-o", "g.json"}).format == "json");
}

TEST_CASE("options: -f and --format choose the format and win over the extension") {
  CHECK(parse({"a.txt", "-f", "dot"}).format == "dot");
  CHECK(parse({"a.txt", "--format", "graphml"}).format == "graphml");
  CHECK(parse({"a.txt", "--format=dot", "-o", "g.json"}).format == "dot");
  CHECK(parse({"a.txt", "-f", "json", "-o", "graph.out"}).format == "json");
}

TEST_CASE("options: an unknown -o extension without -f is a usage error") {
  CHECK(usage_error({"a.txt", "-o", "graph.out"}).find("cannot tell the output format") !=
        std::string::npos);
}

TEST_CASE("options: an unknown format is a usage error naming it") {
  CHECK(usage_error({"a.txt", "-f", "gexf2"}).find("'gexf2'") != std::string::npos);
}

TEST_CASE("options: --extractor rules is stored in the pipeline options") {
  CHECK(parse({"a.txt", "--extractor", "rules"}).pipeline.extractor == "rules");
}

TEST_CASE("options: an unknown extractor is a usage error") {
  CHECK(usage_error({"a.txt", "--extractor", "neural"}) ==
        "unknown extractor 'neural' (known: models, rules)");
}

TEST_CASE("options: -v/--verbose logs debug, -q/--quiet only warnings") {
  CHECK(parse({"a.txt", "-v"}).log_level == Level::debug);
  CHECK(parse({"a.txt", "--verbose"}).log_level == Level::debug);
  CHECK(parse({"a.txt", "-q"}).log_level == Level::warn);
  CHECK(parse({"a.txt", "--quiet"}).log_level == Level::warn);
}

TEST_CASE("options: --quiet with --verbose is a usage error") {
  CHECK(usage_error({"a.txt", "-q", "-v"}) == "--quiet and --verbose cannot be combined");
}

TEST_CASE("options: --help and -h need no inputs") {
  CHECK(parse({"--help"}).help);
  CHECK(parse({"-h"}).help);
}

TEST_CASE("options: --version needs no inputs") {
  CHECK(parse({"--version"}).version);
}

TEST_CASE("options: no inputs is a usage error") {
  CHECK(usage_error({}).find("no inputs") != std::string::npos);
  CHECK(usage_error({"-v"}).find("no inputs") != std::string::npos);
}

TEST_CASE("options: an unknown long option is a usage error naming it") {
  CHECK(usage_error({"a.txt", "--bogus"}) == "unknown option '--bogus'");
  CHECK(usage_error({"a.txt", "--bogus=1"}) == "unknown option '--bogus'");
}

TEST_CASE("options: long options must match exactly (no abbreviations)") {
  CHECK(usage_error({"a.txt", "--out", "g.json"}) == "unknown option '--out'");
}

TEST_CASE("options: an unknown short option is a usage error naming it") {
  CHECK(usage_error({"a.txt", "-x"}) == "unknown option '-x'");
}

TEST_CASE("options: short flags are not bundled") {
  CHECK(usage_error({"a.txt", "-vq"}) == "unknown option '-vq'");
}

TEST_CASE("options: a missing value is a usage error") {
  CHECK(usage_error({"a.txt", "-o"}) == "option -o/--output needs a value (PATH)");
  CHECK(usage_error({"a.txt", "--format"}) == "option -f/--format needs a value (NAME)");
}

TEST_CASE("options: an empty value is a usage error") {
  CHECK(usage_error({"a.txt", "--output="}) == "option -o/--output needs a non-empty value");
}

TEST_CASE("options: a value given to a flag is a usage error") {
  CHECK(usage_error({"a.txt", "--verbose=yes"}) == "option -v/--verbose takes no value");
}

TEST_CASE("options: an option given twice is a usage error") {
  CHECK(usage_error({"a.txt", "-o", "a.json", "-o", "b.json"}) ==
        "option --output given more than once");
}

TEST_CASE("options: the value after -o is taken even when it starts with a dash") {
  CHECK(parse({"a.txt", "-o", "-weird.json"}).output == "-weird.json");
}

TEST_CASE("options: argc/argv overload skips the program name") {
  const char* argv[] = {"kgbuild", "a.txt", "-q"};
  const Options o = kg::cli::parse_options(3, argv);
  CHECK(o.inputs == Strings{"a.txt"});
  CHECK(o.log_level == Level::warn);
}

TEST_CASE("options: usage lists every option and the formats") {
  const std::string text = kg::cli::usage();
  for (const char* word : {"--output", "--format", "--extractor", "--verbose", "--quiet",
                           "--help", "--version", "graphml", "dot", "json", "Exit status"}) {
    CHECK_MESSAGE(text.find(word) != std::string::npos, word);
  }
}

TEST_CASE("options: version line") {
  CHECK(kg::cli::version_line() == "kgbuild 0.1.0");
}

// ---- train and eval subcommands ----

using kg::cli::Command;

TEST_CASE("options: no subcommand word means build") {
  CHECK(parse({"a.txt"}).command == Command::build);
}

TEST_CASE("options: train tagger with every option") {
  const Options o = parse({"train", "tagger", "--train", "t.conllu", "--dev", "d.conllu", "-o",
                           "m.bin", "--iterations", "7", "--seed", "42", "--prune", "0.25"});
  CHECK(o.command == Command::train);
  CHECK(o.model.kind == "tagger");
  CHECK(o.model.train == "t.conllu");
  CHECK(o.model.dev == "d.conllu");
  CHECK(o.model.model == "m.bin");
  CHECK(o.model.iterations == 7);
  CHECK(o.model.seed == 42);
  CHECK(o.model.prune == doctest::Approx(0.25));
  CHECK(o.inputs.empty());
}

TEST_CASE("options: train defaults: no dev, 12 iterations, seed 1") {
  const Options o = parse({"train", "tagger", "--train=t.conllu", "--output=m.bin"});
  CHECK(o.model.dev.empty());
  CHECK(o.model.iterations == 12);
  CHECK(o.model.seed == 1);
  CHECK(o.model.prune == 0.0f);
}

TEST_CASE("options: eval tagger") {
  const Options o = parse({"eval", "tagger", "--model", "m.bin", "--data", "x.conllu", "-q"});
  CHECK(o.command == Command::eval);
  CHECK(o.model.kind == "tagger");
  CHECK(o.model.model == "m.bin");
  CHECK(o.model.data == "x.conllu");
  CHECK(o.log_level == Level::warn);
}

TEST_CASE("options: a subcommand without a kind is a usage error") {
  CHECK(usage_error({"train", "--train", "t.conllu"}).starts_with("kgbuild train: name the model kind (tagger"));
}

TEST_CASE("options: an unknown model kind is a usage error") {
  CHECK(usage_error({"eval", "lemmatizer", "--model", "m", "--data", "d"})
            .starts_with("unknown model kind 'lemmatizer' (known: tagger"));
}

TEST_CASE("options: train needs --train and -o") {
  CHECK(usage_error({"train", "tagger", "-o", "m.bin"}) == "kgbuild train tagger needs --train");
  CHECK(usage_error({"train", "tagger", "--train", "t.conllu"}) ==
        "kgbuild train tagger needs -o/--output FILE");
}

TEST_CASE("options: eval needs --model and --data") {
  CHECK(usage_error({"eval", "tagger", "--data", "d"}) == "kgbuild eval tagger needs --model");
  CHECK(usage_error({"eval", "tagger", "--model", "m"}) == "kgbuild eval tagger needs --data");
}

TEST_CASE("options: a bad --iterations value is a usage error") {
  CHECK(usage_error({"train", "tagger", "--train", "t", "-o", "m", "--iterations", "0"}) ==
        "option --iterations needs a whole number from 1 to 1000, got '0'");
  CHECK(usage_error({"train", "tagger", "--train", "t", "-o", "m", "--iterations", "5x"}) ==
        "option --iterations needs a whole number from 1 to 1000, got '5x'");
}

TEST_CASE("options: a bad --seed or --prune value is a usage error") {
  CHECK(usage_error({"train", "tagger", "--train", "t", "-o", "m", "--seed", "-1"}) ==
        "option --seed needs a whole number, got '-1'");
  CHECK(usage_error({"train", "tagger", "--train", "t", "-o", "m", "--prune", "x"}) ==
        "option --prune needs a number from 0 to 1000, got 'x'");
}

TEST_CASE("options: an option of another command is refused by name") {
  CHECK(usage_error({"eval", "tagger", "--model", "m", "--data", "d", "--dev", "x"}) ==
        "option '--dev' does not apply to 'kgbuild eval'");
  CHECK(usage_error({"a.txt", "--train", "t"}) == "option '--train' does not apply to 'kgbuild'");
  CHECK(usage_error({"train", "tagger", "--train", "t", "-o", "m", "-f", "json"}) ==
        "option '-f' does not apply to 'kgbuild train'");
}

TEST_CASE("options: train and eval take no positional arguments") {
  CHECK(usage_error({"train", "tagger", "--train", "t", "-o", "m", "extra"}) ==
        "kgbuild train: unexpected argument 'extra'");
}

TEST_CASE("options: a train option given twice is a usage error") {
  CHECK(usage_error({"train", "tagger", "--train", "a", "--train", "b", "-o", "m"}) ==
        "option --train given more than once");
}

TEST_CASE("options: --help works for a subcommand without its required options") {
  const Options o = parse({"train", "--help"});
  CHECK(o.help);
  CHECK(o.command == Command::train);
}

TEST_CASE("options: ./train is an input file, not the subcommand") {
  const Options o = parse({"./train"});
  CHECK(o.command == Command::build);
  CHECK(o.inputs == Strings{"./train"});
}

TEST_CASE("options: each command's usage lists its own options only") {
  const std::string train = kg::cli::usage(Command::train);
  for (const char* word : {"--train", "--dev", "--output", "--iterations", "--seed", "--prune"})
    CHECK_MESSAGE(train.find(word) != std::string::npos, word);
  CHECK(train.find("-f, --format") == std::string::npos);  // the graph's output format is build-only
  CHECK(train.find("--format NAME") != std::string::npos);  // ner: the data format
  const std::string eval = kg::cli::usage(Command::eval);
  for (const char* word : {"--model", "--data", "name=value"})
    CHECK_MESSAGE(eval.find(word) != std::string::npos, word);
  CHECK(eval.find("--train") == std::string::npos);
  CHECK(kg::cli::usage().find("kgbuild train KIND") != std::string::npos);
}

TEST_CASE("options: train ner with a data format and clusters") {
  const Options o = parse({"train", "ner", "--train", "g.csv", "--dev", "d.csv", "--format", "gmb",
                           "--clusters", "c.bin", "-o", "m.bin"});
  CHECK(o.model.kind == "ner");
  CHECK(o.model.data_format == "gmb");
  CHECK(o.model.clusters == "c.bin");
  CHECK(o.model.dev_format.empty());
  CHECK(o.format.empty());  // not the graph output format
  const Options d = parse({"train", "ner", "--train", "g.csv", "--format", "gmb", "--dev", "u.iob2",
                           "--dev-format", "conllu", "-o", "m.bin"});
  CHECK(d.model.dev_format == "conllu");
}

TEST_CASE("options: ner data format defaults to conll03") {
  const Options o = parse({"eval", "ner", "--model", "m.bin", "--data", "eng.testb"});
  CHECK(o.model.data_format == "conll03");
  CHECK(o.model.type_map.empty());
}

TEST_CASE("options: eval ner with a type map") {
  const Options o = parse({"eval", "ner", "--model", "m", "--data", "d", "--format=conllu", "--map", "GPE=LOC,PERSON=PER"});
  CHECK(o.model.data_format == "conllu");
  CHECK(o.model.type_map == "GPE=LOC,PERSON=PER");
  CHECK(kg::cli::parse_type_map(o.model.type_map) ==
        std::map<std::string, std::string>{{"GPE", "LOC"}, {"PERSON", "PER"}});
}

TEST_CASE("options: bad ner format or map values are usage errors") {
  CHECK(usage_error({"train", "ner", "--train", "t", "-o", "m", "--format", "csv"}) ==
        "option --format needs conll03, conllu or gmb, got 'csv'");
  CHECK(usage_error({"eval", "ner", "--model", "m", "--data", "d", "--map", "GPE"}) ==
        "option --map needs TYPE=TYPE pairs separated by commas, got 'GPE'");
  CHECK(usage_error({"eval", "ner", "--model", "m", "--data", "d", "--map", "A=B,"}) ==
        "option --map needs TYPE=TYPE pairs separated by commas, got 'A=B,'");
}

TEST_CASE("options: ner-only options are refused for other kinds") {
  CHECK(usage_error({"train", "tagger", "--train", "t", "-o", "m", "--format", "gmb"}) ==
        "option --format does not apply to 'kgbuild train tagger'");
  CHECK(usage_error({"eval", "parser", "--model", "m", "--data", "d", "--map", "A=B"}) ==
        "option --map does not apply to 'kgbuild eval parser'");
  CHECK(usage_error({"eval", "ner", "--model", "m", "--data", "d", "--clusters", "c"}) ==
        "option '--clusters' does not apply to 'kgbuild eval'");
}

TEST_CASE("options: -o graph.gexf and -o graph.csv choose GEXF and the Gephi CSV pair") {
  CHECK(parse({"a.txt", "-o", "g.gexf"}).format == "gexf");
  CHECK(parse({"a.txt", "-o", "out/g.csv"}).format == "csv");
  CHECK(parse({"a.txt", "-f", "neo4j-csv", "-o", "out/g"}).format == "neo4j-csv");
}

TEST_CASE("options: a CSV pair cannot go to standard output") {
  CHECK(usage_error({"a.txt", "-f", "csv"}).find("give -o PATH") != std::string::npos);
  CHECK(usage_error({"a.txt", "-f", "neo4j-csv", "-o", "-"}).find("give -o PATH") != std::string::npos);
  CHECK(usage_error({"a.txt", "-f", "gexf"}).empty());
}

TEST_CASE("options: --date takes a real day as YYYY-MM-DD, no --date leaves it to the datelines") {
  CHECK(parse({"a.txt"}).date.empty());
  CHECK(parse({"a.txt", "--date", "2025-02-27"}).date == "2025-02-27");
  CHECK(parse({"a.txt", "--date=2024-02-29"}).date == "2024-02-29");
}

TEST_CASE("options: a bad --date is a usage error naming the value") {
  CHECK(usage_error({"a.txt", "--date", "2025-02-30"}) ==
        "option --date needs a date YYYY-MM-DD, got '2025-02-30'");
  CHECK(usage_error({"a.txt", "--date", "27/02/2025"}).find("'27/02/2025'") != std::string::npos);
  CHECK(usage_error({"a.txt", "--date", "today"}).find("--date") != std::string::npos);
  CHECK(usage_error({"train", "tagger", "--date", "2025-02-27"}).find("does not apply") != std::string::npos);
}

TEST_CASE("options: train tagger takes word clusters") {
  const Options o = parse({"train", "tagger", "--train", "t.conllu", "--clusters", "c.bin", "-o", "m.bin"});
  CHECK(o.model.kind == "tagger");
  CHECK(o.model.clusters == "c.bin");
}

TEST_CASE("options: train relations takes --margin and --models") {
  const Options o = parse({"train", "relations", "--train", "d", "-o", "m", "--margin", "2", "--models", "x"});
  CHECK(o.command == Command::train);
  CHECK(o.model.kind == "relations");
  CHECK(o.model.train == "d");
  CHECK(o.model.model == "m");
  CHECK(o.model.margin == 2.0f);
  CHECK(o.pipeline.models_dir == "x");
}

TEST_CASE("options: --margin and --models apply to train relations only") {
  CHECK(usage_error({"train", "ner", "--train", "t", "-o", "m", "--margin", "2"}) ==
        "option --margin does not apply to 'kgbuild train ner'");
  CHECK(usage_error({"train", "tagger", "--train", "t", "-o", "m", "--models", "x"}) ==
        "option --models does not apply to 'kgbuild train tagger'");
  CHECK(usage_error({"train", "relations", "--train", "d", "-o", "m", "--margin", "x"}) ==
        "option --margin needs a number from -1000 to 1000, got 'x'");
}

TEST_CASE("options: the relation filter is not evaluated by 'kgbuild eval'") {
  CHECK_FALSE(usage_error({"eval", "relations", "--model", "m", "--data", "d"}).empty());
  CHECK(usage_error({"eval", "relations", "--model", "m", "--data", "d"}).find("not by 'kgbuild eval'") !=
        std::string::npos);
}

// ---- threads and progress ----

TEST_CASE("options: without -j the threads are left to the run (the number of cores)") {
  CHECK(parse({"a.txt"}).threads == 0);
}

TEST_CASE("options: -j N and --threads N for build, extract and merge") {
  CHECK(parse({"a.txt", "-j", "4"}).threads == 4);
  CHECK(parse({"a.txt", "-j2"}).threads == 2);
  CHECK(parse({"extract", "a.txt", "--threads", "8"}).threads == 8);
  CHECK(parse({"merge", "a.jsonl", "--threads=1"}).threads == 1);
}

TEST_CASE("options: -j 0 is a usage error") {
  CHECK(usage_error({"a.txt", "-j", "0"}) == "option --threads needs a whole number from 1 to 1024, got '0'");
}

TEST_CASE("options: -j with a word is a usage error") {
  CHECK(usage_error({"a.txt", "-j", "many"}) == "option --threads needs a whole number from 1 to 1024, got 'many'");
}

TEST_CASE("options: -j does not apply to train") {
  CHECK(usage_error({"train", "tagger", "--train", "t", "-o", "m", "-j", "2"}) ==
        "option '-j' does not apply to 'kgbuild train'");
}

TEST_CASE("options: progress is automatic unless --progress or --no-progress") {
  CHECK(parse({"a.txt"}).progress == kg::cli::ProgressMode::automatic);
  CHECK(parse({"a.txt", "--progress"}).progress == kg::cli::ProgressMode::on);
  CHECK(parse({"extract", "a.txt", "--no-progress"}).progress == kg::cli::ProgressMode::off);
  CHECK(parse({"merge", "a.jsonl", "--progress"}).progress == kg::cli::ProgressMode::on);
}

TEST_CASE("options: --progress with --no-progress is a usage error") {
  CHECK(usage_error({"a.txt", "--progress", "--no-progress"}) == "--progress and --no-progress cannot be combined");
}

TEST_CASE("options: --help of build, extract and merge documents -j and the progress options") {
  for (const Command command : {Command::build, Command::extract, Command::merge}) {
    const std::string text = kg::cli::usage(command);
    for (const char* word : {"-j, --threads N", "--progress", "--no-progress"}) {
      CHECK_MESSAGE(text.find(word) != std::string::npos, word);
    }
  }
}

// ---- the command-line syntax kept on CLI11 (which reads some of it otherwise by default) ----

TEST_CASE("options: options and inputs mix in any order") {
  const Options o = parse({"a.txt", "-q", "b.txt", "-o", "g.json", "c.txt", "--threads=2", "d.txt"});
  CHECK(o.inputs == Strings{"a.txt", "b.txt", "c.txt", "d.txt"});
  CHECK(o.output == "g.json");
  CHECK(o.threads == 2);
}

TEST_CASE("options: - may be given more than once, among other inputs") {
  CHECK(parse({"-", "a.txt", "-"}).inputs == Strings{"-", "a.txt", "-"});
  CHECK(parse({"merge", "a.jsonl", "-", "-o", "g.json"}).inputs == Strings{"a.jsonl", "-"});
}

TEST_CASE("options: an input is taken as written, brackets, commas and all") {
  CHECK(parse({"[a,b]", "c,d.txt"}).inputs == Strings{"[a,b]", "c,d.txt"});
  CHECK(parse({"", "a.txt"}).inputs == Strings{"", "a.txt"});
}

TEST_CASE("options: a subcommand word after the first argument is an input") {
  const Options o = parse({"a.txt", "merge", "train"});
  CHECK(o.command == Command::build);
  CHECK(o.inputs == Strings{"a.txt", "merge", "train"});
}

TEST_CASE("options: a dash and a digit, or three dashes, is an unknown option, not an input") {
  CHECK(usage_error({"a.txt", "-3"}) == "unknown option '-3'");
  CHECK(usage_error({"a.txt", "---x"}) == "unknown option '---x'");
  CHECK(parse({"a.txt", "--", "-3"}).inputs == Strings{"a.txt", "-3"});
}

TEST_CASE("options: an empty attached value is refused, not filled from the next argument") {
  CHECK(usage_error({"--output=", "a.txt"}) == "option -o/--output needs a non-empty value");
  CHECK(usage_error({"a.txt", "--date=", "b.txt"}) == "option --date needs a non-empty value");
  CHECK(usage_error({"a.txt", "-o", ""}) == "option -o/--output needs a non-empty value");
}

TEST_CASE("options: a flag refuses any attached value, true included") {
  CHECK(usage_error({"a.txt", "--verbose=true"}) == "option -v/--verbose takes no value");
  CHECK(usage_error({"a.txt", "--drop-isolated=1"}) == "option --drop-isolated takes no value");
  CHECK(usage_error({"a.txt", "-qv"}) == "unknown option '-qv'");
}

TEST_CASE("options: a value that looks like bundled flags or a negative number is a value") {
  CHECK(parse({"extract", "a.txt", "-o", "-vq"}).output == "-vq");
  CHECK(parse({"train", "relations", "--train", "d", "-o", "m", "--margin", "-3"}).model.margin == -3.0f);
  CHECK(parse({"a.txt", "-o", "--", "-f", "json"}).output == "--");
}

TEST_CASE("options: a value option given twice in two spellings is refused") {
  CHECK(usage_error({"a.txt", "-o", "a.json", "--output=b.json"}) == "option --output given more than once");
  CHECK(usage_error({"a.txt", "-j2", "--threads", "3"}) == "option --threads given more than once");
}

TEST_CASE("options: -- ends options for train too, and a flag repeats freely") {
  CHECK(usage_error({"train", "tagger", "--train", "t", "-o", "m", "--", "-v"}) ==
        "kgbuild train: unexpected argument '-v'");
  CHECK(parse({"a.txt", "-q", "--quiet"}).log_level == Level::warn);
}

TEST_CASE("options: the model kind may follow options") {
  const Options o = parse({"train", "--train", "t", "-o", "m", "tagger"});
  CHECK(o.model.kind == "tagger");
  CHECK(o.model.train == "t");
}

TEST_CASE("options: --help does not hide an unknown option or a bad value") {
  CHECK(usage_error({"--help", "--bogus"}) == "unknown option '--bogus'");
  CHECK(usage_error({"extract", "-h", "-j", "0"}) ==
        "option --threads needs a whole number from 1 to 1024, got '0'");
}

TEST_CASE("options: an unknown short option with letters attached is named whole") {
  CHECK(usage_error({"a.txt", "-xyz"}) == "unknown option '-xyz'");
  CHECK(usage_error({"train", "tagger", "--train", "t", "-o", "m", "-fjson"}) == "unknown option '-fjson'");
}
