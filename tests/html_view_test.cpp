// End-to-end: kgbuild's HTML page (-o graph.html) opened in headless Chromium, as a reader
// opens it: tests/browser/check_html.js (puppeteer-core, pinned in tests/browser) loads it
// from file:// and checks it draws the whole graph with no console error and no network
// request, that a search finds a node and that clicks show its details and evidence. An
// article whose names and sentences carry <script> and <img onerror> must run no script.
// Needs Debian's chromium, node and `npm ci` in tests/browser (.ci/setup.sh installs them);
// skips with KG_SKIP_MISSING without them.
#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <filesystem>
#include <regex>
#include <string>

#include "tests/test_support.h"

namespace fs = std::filesystem;
using kg::test::run;
using kg::test::shell_quote;

namespace {

const fs::path kBrowserDir = fs::path(KG_SOURCE_DIR) / "tests/browser";

const char* chromium() {
  const char* c = std::getenv("CHROMIUM");
  return c && *c ? c : "/usr/bin/chromium";
}

// Why the browser check cannot run here, or empty when it can; probed once.
const std::string& browser_missing() {
  static const std::string reason = [] {
    if (!kg::test::have_command("node")) return std::string("node not found (Debian package nodejs)");
    if (!fs::exists(chromium())) return std::string(chromium()) + " not found (Debian package chromium)";
    const auto probe = run("cd " + shell_quote(kBrowserDir.string()) + " && node -e \"require('puppeteer-core')\"");
    if (probe.status != 0) return std::string("puppeteer-core missing (run npm ci in tests/browser)");
    return std::string();
  }();
  return reason;
}

struct Counts {
  std::size_t nodes = 0, edges = 0;
};

// Runs kgbuild with `args`, requires success and returns the counts of its summary line.
Counts kgbuild(const std::string& args) {
  const auto r = run(shell_quote(KG_BINARY) + " " + args);
  REQUIRE_MESSAGE(r.status == 0, r.output);
  std::smatch m;
  REQUIRE_MESSAGE(std::regex_search(r.output, m, std::regex(R"((\d+) node\(s\), (\d+) edge\(s\))")), r.output);
  return {std::stoul(m[1].str()), std::stoul(m[2].str())};
}

// check_html.js's verdict on `page`; fails the test with every failure it lists.
rapidjson::Document check_page(const fs::path& page, const std::string& args) {
  const auto r = run("node " + shell_quote((kBrowserDir / "check_html.js").string()) + " " +
                     shell_quote(page.string()) + " " + args + " 2>&1");
  INFO(r.output);
  rapidjson::Document doc;
  const std::size_t start = r.output.find("{\"ok\"");
  REQUIRE(start != std::string::npos);
  doc.Parse(r.output.c_str() + start);
  REQUIRE_FALSE(doc.HasParseError());
  CHECK(doc["failures"].Size() == 0);
  CHECK(doc["ok"].GetBool());
  CHECK(r.status == 0);
  return doc;
}

}  // namespace

TEST_CASE("html view: the samples' page draws every node and edge, finds a node, shows its evidence, asks for nothing") {
  if (!browser_missing().empty()) {
    KG_SKIP_MISSING(browser_missing());
    return;
  }
  kg::test::TempDir dir;
  const fs::path page = dir / "graph.html";
  const Counts counts = kgbuild(shell_quote((fs::path(KG_SOURCE_DIR) / "samples").string()) + " -o " + shell_quote(page.string()));
  const rapidjson::Document doc =
      check_page(page, "--nodes " + std::to_string(counts.nodes) + " --edges " + std::to_string(counts.edges) +
                           " --search Lavrov --expect-label 'Sergey Lavrov'");
  CHECK(doc["nodes"].GetUint64() == counts.nodes);
  CHECK(doc["edges"].GetUint64() == counts.edges);
  CHECK(doc["requests"].Size() == 0);
  CHECK(std::string(doc["clickedNode"].GetString()) == "Sergey Lavrov");
  REQUIRE(doc["evidence"].Size() == 1);
  CHECK(doc["evidence"][0]["sentences"].GetUint() > 0);
  CHECK(doc["evidence"][0]["marks"].GetUint() > 0);
}

TEST_CASE("html view: with --html-nodes 20 the samples' page opens on 20 nodes, says how many are hidden and draws them all on request") {
  if (!browser_missing().empty()) {
    KG_SKIP_MISSING(browser_missing());
    return;
  }
  kg::test::TempDir dir;
  const fs::path page = dir / "graph.html";
  const Counts counts = kgbuild(shell_quote((fs::path(KG_SOURCE_DIR) / "samples").string()) + " --html-nodes 20 -o " +
                                shell_quote(page.string()));
  REQUIRE(counts.nodes > 20);
  const rapidjson::Document doc =
      check_page(page, "--nodes " + std::to_string(counts.nodes) + " --edges " + std::to_string(counts.edges));
  CHECK(doc["nodes"].GetUint64() == 20);
  CHECK(doc["shown"].GetUint64() == 20);
  CHECK(doc["afterShowAll"]["nodes"].GetUint64() == counts.nodes);
  CHECK(doc["afterShowAll"]["edges"].GetUint64() == counts.edges);
  const std::string status = doc["status"].GetString();
  CHECK_MESSAGE(status.find(std::to_string(counts.nodes - 20) + " less connected nodes hidden") != std::string::npos, status);
}

TEST_CASE("html view: an article with <script> and <img onerror> in names and sentences runs no script") {
  if (!browser_missing().empty()) {
    KG_SKIP_MISSING(browser_missing());
    return;
  }
  kg::test::TempDir dir;
  const fs::path article = dir.write("hostile.txt",
      "WASHINGTON: President Joe Biden met Emmanuel Macron in Paris on Monday to discuss "
      "<script>alert(1)</script> trade.\n"
      "Macron said \"><img src=x onerror=alert(1)> was the plan, according to Reuters.\n");
  // The extracted records with the same strings put into names and aliases too, then merged
  // into the page as any graph is.
  const fs::path records = dir / "hostile.jsonl";
  const auto extracted = run(shell_quote(KG_BINARY) + " extract -q " + shell_quote(article.string()) + " -o " +
                             shell_quote(records.string()));
  REQUIRE_MESSAGE(extracted.status == 0, extracted.output);
  std::string jsonl = kg::test::read_file(records);
  jsonl = std::regex_replace(jsonl, std::regex("Emmanuel Macron"), "Emmanuel <script>alert(1)</script> Macron");
  jsonl = std::regex_replace(jsonl, std::regex("\"Paris\""), R"("\"><img src=x onerror=alert(1)>Paris")");
  REQUIRE(jsonl.find("<script>alert(1)</script> Macron") != std::string::npos);
  REQUIRE(jsonl.find("onerror=alert(1)>Paris") != std::string::npos);
  dir.write("hostile.jsonl", jsonl);
  const fs::path page = dir / "hostile.html";
  const Counts counts = kgbuild("merge " + shell_quote(records.string()) + " -o " + shell_quote(page.string()));
  REQUIRE(counts.edges > 0);
  const rapidjson::Document doc = check_page(
      page, "--nodes " + std::to_string(counts.nodes) + " --edges " + std::to_string(counts.edges) +
                " --search Macron --expect-label 'Emmanuel <script>alert(1)</script> Macron'"
                " --hostile '<script>alert(1)</script>' --hostile '\"><img src=x onerror=alert(1)>'");
  CHECK(doc["images"].GetUint() == 0);
  CHECK(doc["scripts"].GetUint() == 3);
  CHECK(doc["handlers"].GetUint() == 0);
  CHECK(doc["requests"].Size() == 0);
}
