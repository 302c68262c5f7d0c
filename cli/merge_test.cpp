// The extract and merge subcommands and --update: their options, and RecordSet's rules for
// a document met twice. End-to-end runs are in tests/merge_test.cpp.
#include "cli/merge.h"

#include <doctest/doctest.h>

#include <initializer_list>
#include <sstream>
#include <string>
#include <vector>

#include "cli/options.h"
#include "cli/options_test_support.h"
#include "extract/text/error.h"

using kg::cli::Command;
using kg::cli::Options;
using kg::cli::RecordSet;
using kg::graph::DocumentRecord;

using kg::cli::test::parse;
using kg::cli::test::usage_error;

namespace {

using Strings = std::vector<std::string>;

DocumentRecord record(std::string name, std::string entity) {
  DocumentRecord r;
  r.name = std::move(name);
  r.entities.push_back({entity, kg::extract::EntityType::Person, "", {entity}, {}, 1});
  return r;
}

Strings names(std::vector<DocumentRecord> records) {
  Strings out;
  for (const auto& r : records) out.push_back(r.name);
  return out;
}

}  // namespace

TEST_CASE("options: extract takes inputs, -o, the extractor and models, and no format") {
  const Options o = parse({"extract", "a.txt", "dir/", "-o", "t.jsonl", "--extractor", "rules", "--models", "m"});
  CHECK(o.command == Command::extract);
  CHECK(o.inputs == Strings{"a.txt", "dir/"});
  CHECK(o.output == "t.jsonl");
  CHECK(o.pipeline.extractor == "rules");
  CHECK(o.pipeline.models_dir == "m");
  CHECK(usage_error({"extract", "a.txt", "-f", "json"}) == "option '-f' does not apply to 'kgbuild extract'");
}

TEST_CASE("options: extract -o with any extension, - for standard output") {
  CHECK(parse({"extract", "a.txt", "-o", "part-00000"}).output == "part-00000");
  CHECK(parse({"extract", "a.txt", "-o", "-"}).output.empty());
}

TEST_CASE("options: extract and merge need inputs") {
  CHECK(usage_error({"extract"}) == "no inputs: give files, directories or - for standard input");
  CHECK(usage_error({"merge"}).starts_with("kgbuild merge: no inputs"));
}

TEST_CASE("options: merge takes files, -o and -f like a build, and no extractor") {
  const Options o = parse({"merge", "a.jsonl", "b.json", "-", "-o", "all.graphml"});
  CHECK(o.command == Command::merge);
  CHECK(o.inputs == Strings{"a.jsonl", "b.json", "-"});
  CHECK(o.format == "graphml");
  CHECK(parse({"merge", "a.jsonl"}).format == "json");
  CHECK(parse({"merge", "a.jsonl", "-f", "dot"}).format == "dot");
  CHECK(usage_error({"merge", "a.jsonl", "-o", "x.txt"}).starts_with("cannot tell the output format from 'x.txt'"));
  CHECK(usage_error({"merge", "a.jsonl", "--extractor", "rules"}) ==
        "option '--extractor' does not apply to 'kgbuild merge'");
  CHECK(usage_error({"merge", "a.jsonl", "--update", "g.json"}) ==
        "option '--update' does not apply to 'kgbuild merge'");
}

TEST_CASE("options: merge --expect-documents N takes a positive whole number") {
  CHECK(parse({"merge", "a.jsonl", "--expect-documents", "12"}).expect_documents == 12);
  CHECK(parse({"merge", "a.jsonl", "--expect-documents=4294967295"}).expect_documents == 4294967295u);
  CHECK(parse({"merge", "a.jsonl"}).expect_documents == 0);
}

TEST_CASE("options: --expect-documents refuses 0, a negative number, a fraction and words") {
  for (const char* bad : {"0", "-3", "2.5", "ten", "4294967296"}) {
    CAPTURE(bad);
    CHECK(usage_error({"merge", "a.jsonl", "--expect-documents", bad}) ==
          std::string("option --expect-documents needs a positive whole number, got '") + bad + "'");
  }
}

TEST_CASE("options: --expect-documents belongs to merge only") {
  CHECK(usage_error({"extract", "a.txt", "--expect-documents", "1"}) ==
        "option '--expect-documents' does not apply to 'kgbuild extract'");
  CHECK(usage_error({"a.txt", "--expect-documents", "1"}) == "option '--expect-documents' does not apply to 'kgbuild'");
  CHECK(kg::cli::usage(Command::merge).find("--expect-documents N") != std::string::npos);
}

TEST_CASE("options: --update GRAPH for a build, not standard input") {
  const Options o = parse({"new.txt", "--update", "g.json", "-o", "g.json"});
  CHECK(o.command == Command::build);
  CHECK(o.update == "g.json");
  CHECK(parse({"new.txt"}).update.empty());
  CHECK(usage_error({"new.txt", "--update", "-"}) == "--update needs a graph file, not standard input");
}

TEST_CASE("options: a file named extract or merge is an input when spelled ./extract") {
  const Options o = parse({"./merge"});
  CHECK(o.command == Command::build);
  CHECK(o.inputs == Strings{"./merge"});
}

TEST_CASE("options: the usage texts name the new commands") {
  CHECK(kg::cli::usage().find("kgbuild merge [OPTIONS] FILE...") != std::string::npos);
  CHECK(kg::cli::usage().find("--update GRAPH") != std::string::npos);
  CHECK(kg::cli::usage(Command::extract).starts_with("Usage: kgbuild extract"));
  CHECK(kg::cli::usage(Command::merge).starts_with("Usage: kgbuild merge"));
  CHECK(kg::cli::usage(Command::merge).find("--extractor") == std::string::npos);
}

TEST_CASE("RecordSet: a document met again with the same record is kept once") {
  RecordSet set;
  set.add({record("b.txt", "Ann"), record("a.txt", "Bob")}, "one.jsonl");
  set.add({record("a.txt", "Bob"), record("c.txt", "Cy")}, "two.jsonl");
  CHECK(set.size() == 3);
  CHECK(names(std::move(set).sorted()) == Strings{"a.txt", "b.txt", "c.txt"});
}

TEST_CASE("RecordSet: a document met again with another record names both sources and adds nothing") {
  RecordSet set;
  set.add({record("a.txt", "Bob")}, "one.jsonl");
  try {
    set.add({record("c.txt", "Cy"), record("a.txt", "Rob")}, "two.jsonl");
    FAIL("no error");
  } catch (const kg::InputError& e) {
    CHECK(std::string(e.what()) == "two.jsonl: document 'a.txt' differs from the one in one.jsonl");
  }
  CHECK(set.size() == 1);
}

TEST_CASE("RecordSet: replace puts the new record in place of the old one") {
  RecordSet set;
  set.add({record("a.txt", "Bob"), record("b.txt", "Ann")}, "g.json");
  set.replace({record("a.txt", "Rob"), record("0.txt", "Zed")}, "the inputs");
  const auto sorted = std::move(set).sorted();
  REQUIRE(sorted.size() == 3);
  CHECK(names(sorted) == Strings{"0.txt", "a.txt", "b.txt"});
  CHECK(sorted[1].entities[0].name == "Rob");
}

TEST_CASE("RecordSet: documents sort by path components, as a directory run reads them") {
  RecordSet set;
  // Byte order would put "a-b/z.txt" before "a/b.txt" ('-' < '/'); path order does not.
  set.add({record("a-b/z.txt", "X"), record("a/b.txt", "Y"), record("a/a b.txt", "Z")}, "s.jsonl");
  CHECK(names(std::move(set).sorted()) == Strings{"a/a b.txt", "a/b.txt", "a-b/z.txt"});
}
