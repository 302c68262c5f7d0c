// The export filter and DOT options of kgbuild (--types, --relations, --min-weight,
// --drop-isolated, --max-nodes, --dot-cluster-by, --gexf-version, --html-nodes): parsed values, refused values and
// combinations, and the help text. One TEST_CASE per edge case.
#include <doctest/doctest.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "cli/options.h"
#include "cli/options_test_support.h"
#include "extract/text/error.h"

using kg::cli::Options;
using kg::export_::DotClusterBy;
using kg::export_::GexfVersion;
using Strings = std::vector<std::string>;

using kg::cli::test::parse;
using kg::cli::test::usage_error;

namespace {

}  // namespace

TEST_CASE("filter options: none given keeps everything and clusters nothing") {
  const Options o = parse({"a.txt"});
  CHECK(o.filter.keeps_everything());
  CHECK(o.export_options.dot_cluster_by == DotClusterBy::none);
}

TEST_CASE("filter options: every filter value is stored") {
  const Options o = parse({"a.txt", "--types", "person, org", "--relations=meet,spokesperson of",
                           "--min-weight", "2", "--drop-isolated", "--max-nodes", "50"});
  CHECK(o.filter.types == Strings{"PERSON", "ORG"});
  CHECK(o.filter.relations == Strings{"meet", "spokesperson of"});
  CHECK(o.filter.min_weight == 2);
  CHECK(o.filter.drop_isolated);
  CHECK(o.filter.max_nodes == 50);
  CHECK_FALSE(o.filter.keeps_everything());
}

TEST_CASE("filter options: an unknown entity type is named with the known ones") {
  CHECK(usage_error({"a.txt", "--types", "PERSON,COMPANY"}) ==
        "option --types: unknown entity type 'COMPANY' (known: PERSON, ORG, GPE, LOC, EVENT, DATE, NORP, WORK_OF_ART, AWARD)");
}

TEST_CASE("filter options: an empty item in a list is a usage error") {
  CHECK(usage_error({"a.txt", "--types", "PERSON,"}) == "option --types: empty entity type name in 'PERSON,'");
  CHECK(usage_error({"a.txt", "--relations", "meet,,lead"}) ==
        "option --relations: empty relation name in 'meet,,lead'");
}

TEST_CASE("filter options: --min-weight and --max-nodes need a positive whole number") {
  for (const char* option : {"--min-weight", "--max-nodes"}) {
    for (const char* value : {"0", "-3", "1.5", "ten", "4294967296", "5x"}) {
      CAPTURE(option);
      CAPTURE(value);
      CHECK(usage_error({"a.txt", option, value}) ==
            "option " + std::string(option) + " needs a positive whole number, got '" + value + "'");
    }
  }
  CHECK(parse({"a.txt", "--max-nodes", "4294967295"}).filter.max_nodes == 4294967295u);
  CHECK(parse({"a.txt", "--min-weight", "1"}).filter.min_weight == 1);
}

TEST_CASE("filter options: a filter given twice is a usage error") {
  CHECK(usage_error({"a.txt", "--max-nodes", "5", "--max-nodes", "6"}) == "option --max-nodes given more than once");
}

TEST_CASE("filter options: --dot-cluster-by type or document with the dot format") {
  CHECK(parse({"a.txt", "-o", "g.dot", "--dot-cluster-by", "type"}).export_options.dot_cluster_by ==
        DotClusterBy::type);
  CHECK(parse({"a.txt", "-f", "DOT", "--dot-cluster-by", "document"}).export_options.dot_cluster_by ==
        DotClusterBy::document);
}

TEST_CASE("filter options: --dot-cluster-by with another format is a usage error") {
  CHECK(usage_error({"a.txt", "--dot-cluster-by", "type"}) ==
        "option --dot-cluster-by applies to the dot format only, not json");
  CHECK(usage_error({"a.txt", "-o", "g.graphml", "--dot-cluster-by", "type"}) ==
        "option --dot-cluster-by applies to the dot format only, not graphml");
}

TEST_CASE("filter options: an unknown cluster key is a usage error") {
  CHECK(usage_error({"a.txt", "-f", "dot", "--dot-cluster-by", "relation"}) ==
        "option --dot-cluster-by: unknown cluster key 'relation' (known: type, document)");
}

TEST_CASE("filter options: GEXF is 1.2draft unless --gexf-version 1.3 asks otherwise") {
  CHECK(parse({"a.txt", "-o", "g.gexf"}).export_options.gexf_version == GexfVersion::v1_2draft);
  CHECK(parse({"a.txt", "-o", "g.gexf", "--gexf-version", "1.3"}).export_options.gexf_version == GexfVersion::v1_3);
  CHECK(parse({"a.txt", "-f", "gexf", "--gexf-version", "1.2"}).export_options.gexf_version == GexfVersion::v1_2draft);
}

TEST_CASE("filter options: --gexf-version with another format or an unknown version is a usage error") {
  CHECK(usage_error({"a.txt", "-o", "g.graphml", "--gexf-version", "1.3"}) ==
        "option --gexf-version applies to the gexf format only, not graphml");
  CHECK(usage_error({"a.txt", "-o", "g.gexf", "--gexf-version", "1.1"}) ==
        "option --gexf-version: unknown GEXF version '1.1' (known: 1.2, 1.3)");
}

TEST_CASE("filter options: the HTML page opens on 2000 nodes unless --html-nodes says otherwise") {
  CHECK(parse({"a.txt", "-o", "g.html"}).format == "html");
  CHECK(parse({"a.txt", "-o", "g.html"}).export_options.html_shown_nodes == 2000);
  CHECK(parse({"a.txt", "-f", "html", "--html-nodes", "50"}).export_options.html_shown_nodes == 50);
  CHECK(parse({"merge", "a.json", "-o", "g.htm", "--html-nodes", "7"}).export_options.html_shown_nodes == 7);
}

TEST_CASE("filter options: --html-nodes with another format, or not a positive number, is a usage error") {
  CHECK(usage_error({"a.txt", "-o", "g.json", "--html-nodes", "50"}) ==
        "option --html-nodes applies to the html format only, not json");
  CHECK(usage_error({"a.txt", "-o", "g.html", "--html-nodes", "0"}).find("--html-nodes") != std::string::npos);
  CHECK(usage_error({"a.txt", "-o", "g.html", "--html-nodes", "x"}).find("--html-nodes") != std::string::npos);
  CHECK(kg::cli::usage().find("--html-nodes N") != std::string::npos);
}

TEST_CASE("filter options: train and eval refuse them") {
  CHECK(usage_error({"train", "tagger", "--train", "t", "-o", "m", "--max-nodes", "5"}) ==
        "option '--max-nodes' does not apply to 'kgbuild train'");
  CHECK(usage_error({"eval", "ner", "--model", "m", "--data", "d", "--drop-isolated"}) ==
        "option '--drop-isolated' does not apply to 'kgbuild eval'");
}

TEST_CASE("filter options: the help lists them, the known types and the order they apply in") {
  const std::string text = kg::cli::usage();
  for (const char* option : {"--types LIST", "--relations LIST", "--min-weight N", "--drop-isolated",
                             "--max-nodes N", "--dot-cluster-by KEY"}) {
    CAPTURE(option);
    CHECK(text.find(option) != std::string::npos);
  }
  // The list sits in --types's description, which the help wraps: its words, not its line breaks.
  CHECK(kg::cli::test::flat(text).find("PERSON, ORG, GPE, LOC, EVENT, DATE, NORP, WORK_OF_ART, AWARD") !=
        std::string::npos);
  const auto order = text.find("Filters apply");
  REQUIRE(order != std::string::npos);
  CHECK(order < text.find("1. --types", order));
  CHECK(text.find("2. --min-weight", order) < text.find("3. --drop-isolated", order));
  CHECK(text.find("3. --drop-isolated", order) < text.find("4. --max-nodes", order));
  CHECK(kg::cli::usage(kg::cli::Command::train).find("--max-nodes") == std::string::npos);
}
