// The library facade (kgbuild/kgbuild.h): the graph it writes equals the kgbuild command's
// for the same file and options, bad inputs leave the graph alone, bad write options and
// models are refused, and where the models come from. One TEST_CASE per edge case.
#include "kgbuild/kgbuild.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <stdexcept>
#include <string>

#include "cli/options.h"
#include "extract/text/error.h"
#include "tests/test_support.h"

namespace {

using kg::test::shell_quote;

const char* const kArticle =
    "MOSCOW: Russian President Vladimir Putin met U.S. Secretary of State Marco Rubio in "
    "Riyadh on Tuesday, the Kremlin said. Putin later spoke with Chinese President Xi Jinping.\n";

std::string write(const kgbuild::Builder& builder, std::string_view format, const kgbuild::WriteOptions& options = {}) {
  std::ostringstream out;
  builder.write(out, format, options);
  return out.str();
}

// stdout of the kgbuild command.
std::string cli(const std::string& args) {
  const kg::test::TempFile out;
  const auto r = kg::test::run(shell_quote(KG_BINARY) + " " + args + " -q >" + shell_quote(out.string()));
  REQUIRE_MESSAGE(r.status == 0, r.output);
  return kg::test::read_file(out.path());
}

// Sets (or, with nullptr, unsets) an environment variable for one scope, then restores it.
class EnvGuard {
 public:
  EnvGuard(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) saved_ = old, had_ = true;
    if (value) {
      ::setenv(name, value, 1);
    } else {
      ::unsetenv(name);
    }
  }
  ~EnvGuard() {
    if (had_) {
      ::setenv(name_, saved_.c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }
  EnvGuard(const EnvGuard&) = delete;
  EnvGuard& operator=(const EnvGuard&) = delete;

 private:
  const char* name_;
  std::string saved_;
  bool had_ = false;
};

}  // namespace

TEST_CASE("library: add_file gives the kgbuild command's graph, byte for byte, in every format") {
  kg::test::TempDir dir;
  const auto a = dir.write("a.txt", kArticle);
  const auto b = dir.write("b.txt", "BERLIN: Chancellor Olaf Scholz met French President Emmanuel Macron.\n");
  kgbuild::Builder builder;
  builder.add_file(a.string());
  builder.add_file(b.string());
  CHECK(builder.document_count() == 2);
  CHECK(builder.node_count() > 0);
  CHECK(builder.edge_count() > 0);
  for (const std::string& format : kgbuild::Builder::formats()) {
    CAPTURE(format);
    CHECK(write(builder, format) == cli(shell_quote(a.string()) + " " + shell_quote(b.string()) + " -f " + format));
  }
}

TEST_CASE("library: write options give the command's filtered and clustered output") {
  kg::test::TempDir dir;
  const auto a = dir.write("a.txt", kArticle);
  kgbuild::Builder builder;
  builder.add_file(a.string());
  kgbuild::WriteOptions options;
  options.types = {"person", "GPE"};
  options.drop_isolated = true;
  options.max_nodes = 3;
  options.dot_cluster_by = "type";
  const std::string dot = write(builder, "dot", options);
  CHECK(dot == cli(shell_quote(a.string()) + " --types person,GPE --drop-isolated --max-nodes 3 "
                   "--dot-cluster-by type -f dot"));
  CHECK(dot.find("subgraph \"cluster_0\"") != std::string::npos);
  options.dot_cluster_by.clear();
  options.relations = {"meet"};
  options.min_weight = 1;
  CHECK(write(builder, "json", options) ==
        cli(shell_quote(a.string()) + " --types person,GPE --relations meet --min-weight 1 --drop-isolated "
            "--max-nodes 3 -f json"));
}

TEST_CASE("library: WriteOptions.relations keeps edges by relation class as by relation name") {
  const kg::test::TempFile article(".txt");
  article.write(kArticle);
  kgbuild::Builder builder(kgbuild::Options{"rules", ""});
  builder.add_file(article.string());
  REQUIRE(write(builder, "json").find("\"class\": \"held_in\"") != std::string::npos);  // "met ... in Riyadh"
  kgbuild::WriteOptions options;
  options.relations = {"held_in"};
  const std::string held_in = write(builder, "json", options);
  CHECK(held_in.find("\"class\": \"held_in\"") != std::string::npos);
  CHECK(held_in.find("\"class\": \"meet\"") == std::string::npos);
  CHECK(held_in == cli(shell_quote(article.string()) + " --extractor rules --relations held_in -f json"));
}

TEST_CASE("library: add_text names the document, and the rules extractor needs no models") {
  kgbuild::Builder builder(kgbuild::Options{"rules", ""});
  CHECK(builder.models_dir().empty());
  builder.add_text("wire/putin.txt", kArticle);
  CHECK(builder.document_count() == 1);
  CHECK(builder.node_count() > 0);
  CHECK(write(builder, "json").find("\"document\": \"wire/putin.txt\"") != std::string::npos);
}

TEST_CASE("library: an empty, blank or binary text throws and leaves the graph as it was") {
  kgbuild::Builder builder(kgbuild::Options{"rules", ""});
  builder.add_text("good", kArticle);
  const std::string before = write(builder, "json");
  CHECK_THROWS_WITH_AS(builder.add_text("empty", ""), "empty: empty file", kg::InputError);
  CHECK_THROWS_WITH_AS(builder.add_text("blank", " \n\t"), "blank: empty file (whitespace only)", kg::InputError);
  CHECK_THROWS_AS(builder.add_text("nul", std::string("GIF89a\0\0", 8)), kg::InputError);
  CHECK_THROWS_AS(builder.add_file("/nonexistent/kgbuild/article.txt"), std::runtime_error);
  CHECK(builder.document_count() == 1);
  CHECK(write(builder, "json") == before);
}

TEST_CASE("library: bad write options throw, naming what is known") {
  kgbuild::Builder builder(kgbuild::Options{"rules", ""});
  builder.add_text("good", kArticle);
  std::ostringstream out;
  CHECK_THROWS_WITH_AS(builder.write(out, "xml"), doctest::Contains("unknown output format 'xml'"), std::runtime_error);
  kgbuild::WriteOptions types;
  types.types = {"COMPANY"};
  CHECK_THROWS_WITH_AS(builder.write(out, "json", types), doctest::Contains("(known: PERSON, ORG"), std::runtime_error);
  kgbuild::WriteOptions cluster;
  cluster.dot_cluster_by = "type";
  CHECK_THROWS_WITH_AS(builder.write(out, "json", cluster), "dot_cluster_by applies to the dot format only, not json",
                       std::runtime_error);
  cluster.dot_cluster_by = "page";
  CHECK_THROWS_AS(builder.write(out, "dot", cluster), std::runtime_error);
  CHECK(out.str().empty());
}

TEST_CASE("library: from the build tree the models are the source tree's, $KGBUILD_MODELS wins") {
  {
    const EnvGuard unset("KGBUILD_MODELS", nullptr);
    const kgbuild::Builder builder;
    CHECK(builder.models_dir() == std::string(KG_SOURCE_DIR) + "/models");
  }
  kg::test::TempDir dir;
  const EnvGuard env("KGBUILD_MODELS", dir.string().c_str());
  const std::string missing = dir.string() + "/en-tagger.bin";
  CHECK_THROWS_WITH_AS(kgbuild::Builder(), doctest::Contains(missing.c_str()), kg::ModelError);
}

TEST_CASE("library: Options::models_dir is used as given") {
  kg::test::TempDir dir;
  const std::string missing = dir.string() + "/en-tagger.bin: model file not found";
  CHECK_THROWS_WITH_AS(kgbuild::Builder(kgbuild::Options{"models", dir.string()}), doctest::Contains(missing.c_str()),
                       kg::ModelError);
}

TEST_CASE("library: formats, version and a moved builder") {
  const auto formats = kgbuild::Builder::formats();
  CHECK(std::is_sorted(formats.begin(), formats.end()));
  CHECK(std::find(formats.begin(), formats.end(), "json") != formats.end());
  CHECK("kgbuild " + kgbuild::Builder::version() == kg::cli::version_line());
  kgbuild::Builder first(kgbuild::Options{"rules", ""});
  first.add_text("a", kArticle);
  const std::string before = write(first, "dot");
  const kgbuild::Builder second(std::move(first));
  CHECK(write(second, "dot") == before);
}
