#include "cli/parser_commands.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "cli/options.h"
#include "cli/options_test_support.h"
#include "extract/nlp/dep_parser.h"
#include "extract/nlp/word_clusters.h"
#include "extract/text/error.h"
#include "extract/text/log.h"
#include "tests/test_support.h"

using kg::cli::Command;
using kg::cli::Options;

using kg::cli::test::parse;
using kg::cli::test::usage_error;

namespace {

const std::filesystem::path kTiny =
    std::filesystem::path(KG_SOURCE_DIR) / "tests/data/tiny_parser_treebank.conllu";

std::string last_line(const std::string& text) {
  std::string s = text;
  while (!s.empty() && s.back() == '\n') s.pop_back();
  const std::size_t nl = s.rfind('\n');
  return nl == std::string::npos ? s : s.substr(nl + 1);
}

}  // namespace

TEST_CASE("parser options: train parser with every option") {
  const Options o = parse({"train", "parser", "--train", "t.conllu", "--dev", "d.conllu", "-o",
                                "p.bin", "--iterations", "9", "--seed", "4", "--prune", "0.5",
                                "--tagger", "tag.bin", "--jackknife", "5", "--beam", "8"});
  CHECK(o.command == Command::train);
  CHECK(o.model.kind == "parser");
  CHECK(o.model.train == "t.conllu");
  CHECK(o.model.dev == "d.conllu");
  CHECK(o.model.model == "p.bin");
  CHECK(o.model.iterations == 9);
  CHECK(o.model.seed == 4);
  CHECK(o.model.prune == doctest::Approx(0.5));
  CHECK(o.model.tagger == "tag.bin");
  CHECK(o.model.jackknife == 5);
  CHECK(o.model.beam == 8);
}

TEST_CASE("parser options: parser defaults are gold tags and no jackknife") {
  const Options o = parse({"train", "parser", "--train", "t.conllu", "-o", "p.bin"});
  CHECK(o.model.tagger.empty());
  CHECK(o.model.jackknife == 0);
  CHECK(o.model.beam == 0);
}

TEST_CASE("parser options: eval parser with --tagger") {
  const Options o = parse({"eval", "parser", "--model", "p.bin", "--data", "x.conllu",
                                "--tagger", "t.bin"});
  CHECK(o.command == Command::eval);
  CHECK(o.model.kind == "parser");
  CHECK(o.model.model == "p.bin");
  CHECK(o.model.data == "x.conllu");
  CHECK(o.model.tagger == "t.bin");
}

TEST_CASE("parser options: parser options do not apply to the tagger") {
  CHECK(usage_error({"train", "tagger", "--train", "t", "-o", "m", "--jackknife", "2"}) ==
        "option --jackknife does not apply to 'kgbuild train tagger'");
  CHECK(usage_error({"eval", "tagger", "--model", "m", "--data", "d", "--tagger", "t"}) ==
        "option --tagger does not apply to 'kgbuild eval tagger'");
}

TEST_CASE("parser options: --jackknife needs --tagger") {
  CHECK(usage_error({"train", "parser", "--train", "t", "-o", "m", "--jackknife", "10"}) ==
        "--jackknife needs --tagger (the tagger of the dev data)");
}

TEST_CASE("parser options: --jackknife is for training only") {
  CHECK(usage_error({"eval", "parser", "--model", "m", "--data", "d", "--jackknife", "3"}) ==
        "option '--jackknife' does not apply to 'kgbuild eval'");
}

TEST_CASE("parser options: a bad --jackknife value is a usage error") {
  CHECK(usage_error({"train", "parser", "--train", "t", "-o", "m", "--tagger", "x", "--jackknife", "1"}) ==
        "option --jackknife needs a whole number from 2 to 100, got '1'");
}

TEST_CASE("parser commands: train parser then eval parser on the tiny treebank") {
  const kg::test::TempDir dir;
  const std::string model = (dir / "parser.bin").string();
  const Options train = parse({"train", "parser", "--train", kTiny.string(), "--dev",
                                    kTiny.string(), "-o", model, "--iterations", "12", "-q"});
  kg::log::set_level(kg::log::Level::warn);
  CHECK(kg::cli::run_train_parser(train) == 0);
  REQUIRE(std::filesystem::exists(model));
  std::ostringstream out;
  CHECK(kg::cli::run_eval_parser(parse({"eval", "parser", "--model", model, "--data",
                                             kTiny.string()}),
                                 out) == 0);
  kg::log::set_level(kg::log::Level::info);
  CHECK(last_line(out.str()) == "UAS=0.9921 LAS=0.9921 words=253 beam=1");
}

TEST_CASE("parser commands: kgbuild eval parser prints the scores as its last line") {
  const kg::test::TempDir dir;
  const std::string model = (dir / "parser.bin").string();
  const std::string bin = kg::test::shell_quote(KG_BINARY);
  const auto trained = kg::test::run(bin + " train parser -q --train " +
                                     kg::test::shell_quote(kTiny.string()) + " -o " +
                                     kg::test::shell_quote(model) + " --iterations 12");
  REQUIRE(trained.status == 0);
  const auto scored = kg::test::run(bin + " eval parser -q --model " + kg::test::shell_quote(model) +
                                    " --data " + kg::test::shell_quote(kTiny.string()));
  CHECK(scored.status == 0);
  CHECK(last_line(scored.output) == "UAS=0.9921 LAS=0.9921 words=253 beam=1");
}

TEST_CASE("parser commands: a beam-trained model evaluates with its width unless --beam says otherwise") {
  const kg::test::TempDir dir;
  const std::string model = (dir / "parser.bin").string();
  const Options train = parse({"train", "parser", "--train", kTiny.string(), "-o", model,
                               "--iterations", "12", "--beam", "4", "-q"});
  kg::log::set_level(kg::log::Level::warn);
  CHECK(kg::cli::run_train_parser(train) == 0);
  std::ostringstream own, greedy;
  CHECK(kg::cli::run_eval_parser(
            parse({"eval", "parser", "--model", model, "--data", kTiny.string()}), own) == 0);
  CHECK(kg::cli::run_eval_parser(parse({"eval", "parser", "--model", model, "--data",
                                        kTiny.string(), "--beam", "1"}),
                                 greedy) == 0);
  kg::log::set_level(kg::log::Level::info);
  CHECK(last_line(own.str()) == "UAS=0.9921 LAS=0.9921 words=253 beam=4");
  CHECK(last_line(greedy.str()).ends_with(" words=253 beam=1"));
}

TEST_CASE("parser options: --beam is a parser option from 1 to 64") {
  CHECK(parse({"eval", "parser", "--model", "m", "--data", "d", "--beam", "64"}).model.beam == 64);
  CHECK(usage_error({"eval", "parser", "--model", "m", "--data", "d", "--beam", "0"}) ==
        "option --beam needs a whole number from 1 to 64, got '0'");
  CHECK(usage_error({"eval", "tagger", "--model", "m", "--data", "d", "--beam", "4"}) ==
        "option --beam does not apply to 'kgbuild eval tagger'");
}

TEST_CASE("parser commands: a model of the wrong kind is refused with exit status 1") {
  const auto result = kg::test::run(kg::test::shell_quote(KG_BINARY) + " eval parser --model " +
                                    kg::test::shell_quote(kTiny.string()) + " --data " +
                                    kg::test::shell_quote(kTiny.string()));
  CHECK(result.status == 1);
  CHECK(result.output.find("not a kgbuild model") != std::string::npos);
}

TEST_CASE("parser commands: train clusters, then a parser that uses them") {
  const kg::test::TempDir dir;
  const std::filesystem::path text = dir / "tokens.txt";
  {
    std::ofstream out(text);
    for (const auto& s : kg::extract::read_conllu(kTiny)) {
      for (const auto& w : s.words) out << w.form << ' ';
      out << '\n';
    }
  }
  const std::string clusters = (dir / "clusters.bin").string();
  const std::string model = (dir / "parser.bin").string();
  kg::log::set_level(kg::log::Level::warn);
  CHECK(kg::cli::run_train_clusters(parse({"train", "clusters", "--train", text.string(), "-o",
                                                clusters, "-q"})) == 0);
  CHECK(kg::extract::WordClusters::load(clusters).levels() == 3);
  CHECK(kg::cli::run_train_parser(parse({"train", "parser", "--train", kTiny.string(), "-o",
                                              model, "--iterations", "12", "--clusters", clusters,
                                              "-q"})) == 0);
  kg::log::set_level(kg::log::Level::info);
  const kg::extract::DependencyParser parser = kg::extract::DependencyParser::load(model);
  CHECK(parser.clusters().words() == kg::extract::WordClusters::load(clusters).words());
  CHECK(usage_error({"eval", "clusters", "--model", "m", "--data", "d"}) ==
        "word clusters are trained, not evaluated: 'kgbuild train clusters'");
  CHECK(usage_error({"train", "clusters", "--train", "t", "-o", "m", "--clusters", "c"}) ==
        "option --clusters does not apply to 'kgbuild train clusters'");
}
