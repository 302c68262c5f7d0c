// The --help texts: wrapped to the width asked for, and each command's text listing only
// the options that command takes, each described as it works there.
#include <doctest/doctest.h>

#include <cstdlib>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/options.h"
#include "cli/options_test_support.h"

using kg::cli::Command;
using kg::cli::usage;
using kg::cli::test::flat;

namespace {

constexpr Command kCommands[] = {Command::build, Command::extract, Command::merge, Command::train, Command::eval};

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::size_t widest(const std::string& text) {
  std::size_t width = 0;
  for (const auto& line : lines(text)) width = std::max(width, line.size());
  return width;
}

// The long name of the option a help line lists ("  -o, --output PATH  ..." -> "output"),
// or "" for another line.
std::string listed_name(const std::string& line) {
  std::size_t at = std::string::npos;
  if (line.starts_with("  -") && line.size() > 8 && line.substr(4, 4) == ", --") at = 8;
  if (line.starts_with("      --")) at = 8;
  if (at == std::string::npos) return "";
  return line.substr(at, line.find(' ', at) - at);
}

std::set<std::string> listed_options(const std::string& text) {
  std::set<std::string> names;
  for (const auto& line : lines(text)) {
    if (const std::string name = listed_name(line); !name.empty()) names.insert(name);
  }
  return names;
}

// The help lines of option --name in `text` (its name, value and description), flattened.
std::string description(const std::string& text, const std::string& name) {
  const auto all = lines(text);
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (listed_name(all[i]) != name) continue;
    std::string desc = all[i];
    for (std::size_t j = i + 1; j < all.size() && all[j].starts_with("        "); ++j) desc += " " + all[j];
    return flat(desc);
  }
  return "";
}

// Sets an environment variable for the life of the object, then puts the old value back.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) ::setenv(name, value, 1);
    else ::unsetenv(name);
  }
  ~ScopedEnv() {
    if (old_) ::setenv(name_, old_->c_str(), 1);
    else ::unsetenv(name_);
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

}  // namespace

TEST_CASE("help: no line of any command's help is wider than the width asked for") {
  for (const Command command : kCommands) {
    for (const std::size_t width : {40, 52, 60, 72, 80, 100, 132, 200}) {
      CAPTURE(static_cast<int>(command));
      CAPTURE(width);
      CHECK(widest(usage(command, width)) <= width);
    }
  }
}

TEST_CASE("help: a wider width is used: fewer lines, some wider than 80 columns") {
  const std::string narrow = usage(Command::build, 80);
  const std::string wide = usage(Command::build, 160);
  CHECK(lines(wide).size() < lines(narrow).size());
  CHECK(widest(wide) > 80);
  CHECK(widest(narrow) > 70);  // 80 columns are used, not a narrower fixed width
}

TEST_CASE("help: wrapping changes only where lines break, not the words") {
  for (const Command command : kCommands) {
    CAPTURE(static_cast<int>(command));
    CHECK(flat(usage(command, 60)) == flat(usage(command, 1000)));
  }
}

TEST_CASE("help: a width below the minimum gives the minimum width's text") {
  CHECK(usage(Command::build, 10) == usage(Command::build, kg::cli::kMinHelpWidth));
  CHECK(widest(usage(Command::train, 0)) <= kg::cli::kMinHelpWidth);
}

TEST_CASE("help: a wrapped description continues under its column, a usage line under its command") {
  const auto all = lines(usage(Command::build, 60));
  bool seen_models = false;
  for (std::size_t i = 0; i + 1 < all.size(); ++i) {
    if (!all[i].starts_with("      --models DIR")) continue;
    seen_models = true;
    const std::size_t column = all[i].find("where");
    REQUIRE(column != std::string::npos);
    CHECK(all[i + 1].find_first_not_of(' ') == column);
  }
  CHECK(seen_models);
  const auto train = lines(usage(Command::train, 60));
  REQUIRE(train.size() > 2);
  CHECK(train[0].starts_with("Usage: kgbuild train tagger"));
  CHECK(train[1].starts_with("         "));  // the rest of the first usage line
}

TEST_CASE("help: help_width is $COLUMNS, at least the minimum") {
  {
    const ScopedEnv columns("COLUMNS", "57");
    CHECK(kg::cli::help_width() == 57);
    CHECK(widest(usage(Command::build)) <= 57);
  }
  {
    const ScopedEnv columns("COLUMNS", "12");
    CHECK(kg::cli::help_width() == kg::cli::kMinHelpWidth);
  }
  {
    const ScopedEnv columns("COLUMNS", "wide");  // not a number: the terminal's, else 80
    CHECK(kg::cli::help_width() >= kg::cli::kMinHelpWidth);
  }
}

TEST_CASE("help: each command lists exactly the options it takes") {
  const std::set<std::string> every{"verbose", "quiet", "help", "version"};
  auto with_every = [&](std::set<std::string> names) {
    names.insert(every.begin(), every.end());
    return names;
  };
  const std::set<std::string> filters{"types", "relations", "min-weight", "drop-isolated", "max-nodes",
                                      "dot-cluster-by", "gexf-version", "html-nodes"};
  std::set<std::string> build = with_every({"output", "format", "date", "update", "extractor", "models",
                                            "parser-beam", "threads", "progress", "no-progress"});
  build.insert(filters.begin(), filters.end());
  std::set<std::string> merge =
      with_every({"output", "format", "expect-documents", "threads", "progress", "no-progress"});
  merge.insert(filters.begin(), filters.end());
  const std::set<std::string> extract = with_every(
      {"output", "date", "extractor", "models", "parser-beam", "threads", "progress", "no-progress"});
  const std::set<std::string> train = with_every({"train", "dev", "output", "iterations", "seed", "prune", "clusters",
                                                  "tagger", "jackknife", "beam", "format", "dev-format", "margin",
                                                  "models"});
  const std::set<std::string> eval = with_every({"model", "data", "tagger", "beam", "format", "map"});
  CHECK(listed_options(usage(Command::build, 80)) == build);
  CHECK(listed_options(usage(Command::merge, 80)) == merge);
  CHECK(listed_options(usage(Command::extract, 80)) == extract);
  CHECK(listed_options(usage(Command::train, 80)) == train);
  CHECK(listed_options(usage(Command::eval, 80)) == eval);
}

TEST_CASE("help: every option a command lists parses in that command") {
  // The value need not suit the option: an option the command refuses is named as one
  // that does not apply, or as unknown, which no listed option may be.
  const std::vector<std::pair<Command, std::vector<std::string_view>>> bases{
      {Command::build, {"a.txt"}},
      {Command::extract, {"extract", "a.txt"}},
      {Command::merge, {"merge", "a.jsonl"}},
      {Command::train, {"train", "ner", "--train", "t", "-o", "m"}},
      {Command::eval, {"eval", "ner", "--model", "m", "--data", "d"}}};
  for (const auto& [command, base] : bases) {
    for (const std::string& name : listed_options(usage(command, 80))) {
      CAPTURE(name);
      std::vector<std::string_view> args = base;
      const std::string option = "--" + name;
      args.push_back(option);
      args.push_back("1");
      std::string message;
      try {
        kg::cli::parse_options(args);
      } catch (const kg::UsageError& e) {
        message = e.what();
      }
      CHECK(message.find("option '" + option + "' does not apply") == std::string::npos);
      CHECK(message.find("unknown option") == std::string::npos);
    }
  }
}

TEST_CASE("help: extract's options speak of its JSON Lines, not of graph formats") {
  const std::string text = usage(Command::extract, 100);
  CHECK(description(text, "date").find("document line") != std::string::npos);
  CHECK(description(text, "output").find("JSON Lines") != std::string::npos);
  CHECK(text.find("GEXF") == std::string::npos);
  CHECK(text.find("CSV") == std::string::npos);
  CHECK(text.find("Filters") == std::string::npos);
  // build's --date is about the graph formats that show it
  CHECK(description(usage(Command::build, 100), "date").find("GEXF timeline") != std::string::npos);
}

TEST_CASE("help: merge's -j and --progress speak of inputs read, build's of documents") {
  CHECK(description(usage(Command::merge, 100), "threads").find("read N inputs at once") != std::string::npos);
  CHECK(description(usage(Command::merge, 100), "progress").find("files") != std::string::npos);
  CHECK(description(usage(Command::build, 100), "threads").find("N documents at once") != std::string::npos);
}

TEST_CASE("help: train's and eval's --beam each say what the beam does there") {
  const std::string train = description(usage(Command::train, 100), "beam");
  const std::string eval = description(usage(Command::eval, 100), "beam");
  CHECK(train.find("training") != std::string::npos);
  CHECK(train.find("decode") == std::string::npos);
  CHECK(eval.find("decode") != std::string::npos);
  CHECK(eval.find("training") == std::string::npos);
}

TEST_CASE("help: the options are grouped: filters and format options of the graph, per kind for train") {
  const std::string build = usage(Command::build, 80);
  CHECK(build.find("\nOptions:\n") < build.find("\nFilters:\n"));
  CHECK(build.find("\nFilters:\n") < build.find("\nFormat options:\n"));
  const std::string train = usage(Command::train, 80);
  for (const char* group : {"\nParser options:\n", "\nNER options:\n", "\nRelations options:\n"}) {
    CAPTURE(group);
    CHECK(train.find(group) != std::string::npos);
  }
  CHECK(usage(Command::eval, 80).find("Relations options") == std::string::npos);
}
