#include "cli/models.h"

#include <doctest/doctest.h>

#include <spdlog/sinks/ostream_sink.h>

#include <filesystem>
#include <sstream>
#include <string>

#include "cli/run.h"
#include "extract/text/error.h"
#include "tests/test_support.h"

using kg::cli::Command;
using kg::cli::Options;

namespace {

const std::string kTiny =
    (std::filesystem::path(KG_SOURCE_DIR) / "tests" / "data" / "tiny_treebank.conllu").string();

Options train_options(const std::string& model, int iterations = 5) {
  Options o;
  o.command = Command::train;
  o.model.kind = "tagger";
  o.model.train = kTiny;
  o.model.dev = kTiny;
  o.model.model = model;
  o.model.iterations = iterations;
  return o;
}

Options eval_options(const std::string& model, const std::string& data = kTiny) {
  Options o;
  o.command = Command::eval;
  o.model.kind = "tagger";
  o.model.model = model;
  o.model.data = data;
  return o;
}

// Runs `f` with the log captured into the returned string.
template <typename F>
std::string captured_log(F&& f) {
  std::ostringstream text;
  const kg::log::SinkOverride capture(std::make_shared<spdlog::sinks::ostream_sink_mt>(text));
  f();
  return text.str();
}

std::string last_line(const std::string& text) {
  std::string trimmed = text;
  while (!trimmed.empty() && trimmed.back() == '\n') trimmed.pop_back();
  return trimmed.substr(trimmed.rfind('\n') + 1);
}

}  // namespace

TEST_CASE("models CLI: train tagger logs progress and writes the model") {
  const kg::test::TempDir dir;
  const std::string model = (dir / "tagger.bin").string();
  int status = -1;
  const std::string log = captured_log([&] { status = kg::cli::run_train(train_options(model)); });
  CHECK(status == kg::cli::kExitOk);
  CHECK(std::filesystem::exists(model));
  CHECK(log.find("pass 1 iteration 1/5: train ") != std::string::npos);
  CHECK(log.find("dev UPOS ") != std::string::npos);
  CHECK(log.find("jackknife fold 1/4") != std::string::npos);
  CHECK(log.find("pass 2 iteration 5/5") != std::string::npos);
  CHECK(log.find("wrote " + model) != std::string::npos);
}

TEST_CASE("models CLI: training twice with one seed writes identical files") {
  const kg::test::TempDir dir;
  const std::string a = (dir / "a.bin").string(), b = (dir / "b.bin").string();
  captured_log([&] {
    kg::cli::run_train(train_options(a));
    kg::cli::run_train(train_options(b));
  });
  CHECK(kg::test::read_file(a) == kg::test::read_file(b));
}

TEST_CASE("models CLI: eval tagger's last line is name=value pairs") {
  const kg::test::TempDir dir;
  const std::string model = (dir / "tagger.bin").string();
  std::ostringstream out;
  captured_log([&] {
    kg::cli::run_train(train_options(model, 10));
    kg::cli::run_eval(eval_options(model), out);
  });
  CHECK(last_line(out.str()) == "UPOS=1.0000 XPOS=1.0000 UPOS+XPOS=1.0000 Lemma=1.0000 words=175");
}

TEST_CASE("models CLI: eval with a missing model throws ModelError naming it") {
  std::ostringstream out;
  CHECK_THROWS_WITH_AS(kg::cli::run_eval(eval_options("/nonexistent/m.bin"), out),
                       "/nonexistent/m.bin: model file not found", kg::ModelError);
}

TEST_CASE("models CLI: train with a malformed treebank throws InputError with file:line") {
  const kg::test::TempDir dir;
  const auto bad = dir.write("bad.conllu", "1\tdogs\tdog\tNOUN\n");
  Options o = train_options((dir / "m.bin").string());
  o.model.train = bad.string();
  captured_log([&] {
    CHECK_THROWS_WITH_AS(kg::cli::run_train(o),
                         doctest::Contains((bad.string() + ":1: expected 10 tab-separated fields").c_str()),
                         kg::InputError);
  });
  CHECK_FALSE(std::filesystem::exists(dir / "m.bin"));
}

TEST_CASE("models CLI: the kgbuild binary trains and evaluates end to end") {
  const kg::test::TempDir dir;
  const std::string model = (dir / "t.bin").string();
  const std::string bin = kg::test::shell_quote(KG_BINARY);
  const auto train = kg::test::run(bin + " train tagger --train " + kg::test::shell_quote(kTiny) +
                                   " -o " + kg::test::shell_quote(model) + " --iterations 3 -q");
  CHECK_MESSAGE(train.status == 0, train.output);
  const auto eval = kg::test::run(bin + " eval tagger --model " + kg::test::shell_quote(model) +
                                  " --data " + kg::test::shell_quote(kTiny) + " 2>/dev/null");
  CHECK(eval.status == 0);
  CHECK(last_line(eval.output).starts_with("UPOS="));
  const auto wrong = kg::test::run(bin + " eval tagger --model " + kg::test::shell_quote(kTiny) +
                                   " --data " + kg::test::shell_quote(kTiny));
  CHECK(wrong.status == 1);
  CHECK(wrong.output.find("not a kgbuild model") != std::string::npos);
  const auto usage = kg::test::run(bin + " train tagger -o x.bin");
  CHECK(usage.status == 2);
  CHECK(usage.output.find("needs --train") != std::string::npos);
}
