#include "cli/options.h"

#include <algorithm>
#include <array>
#include <optional>

#include "export/exporter.h"
#include "extract/error.h"

namespace kg::cli {
namespace {

// Parser state beyond Options: what was given explicitly, for the checks at the end.
struct State {
  Options options;
  bool format_given = false;
  bool output_given = false;
  bool extractor_given = false;
  bool quiet = false;
  bool verbose = false;
};

// One row of the option table: spelling, value placeholder (empty for flags), help,
// and what it does to the state.
struct OptionSpec {
  char short_name;  // '\0' when there is none
  std::string_view long_name;
  std::string_view value_name;
  std::string_view help;
  void (*apply)(State& state, std::string_view value);
};

void set_once(bool& given, std::string_view name) {
  if (given) throw UsageError("option --" + std::string(name) + " given more than once");
  given = true;
}

constexpr std::array kOptions{
    OptionSpec{'o', "output", "PATH",
               "write the graph to PATH (atomically) instead of standard output",
               [](State& s, std::string_view v) {
                 set_once(s.output_given, "output");
                 s.options.output = v == "-" ? "" : std::string(v);
               }},
    OptionSpec{'f', "format", "NAME",
               "output format: FORMATS (default: -o extension, else json)",
               [](State& s, std::string_view v) {
                 set_once(s.format_given, "format");
                 s.options.format = std::string(v);
               }},
    OptionSpec{'\0', "extractor", "NAME", "extraction method: rules (default: rules)",
               [](State& s, std::string_view v) {
                 set_once(s.extractor_given, "extractor");
                 s.options.pipeline.extractor = std::string(v);
               }},
    OptionSpec{'v', "verbose", "", "also log debug details on stderr",
               [](State& s, std::string_view) { s.verbose = true; }},
    OptionSpec{'q', "quiet", "", "log only warnings and errors (no summary)",
               [](State& s, std::string_view) { s.quiet = true; }},
    OptionSpec{'h', "help", "", "print this help to standard output and exit",
               [](State& s, std::string_view) { s.options.help = true; }},
    OptionSpec{'\0', "version", "", "print the version and exit",
               [](State& s, std::string_view) { s.options.version = true; }},
};

constexpr std::array<std::string_view, 1> kExtractors{"rules"};

std::string spelling(const OptionSpec& spec) {
  std::string s = spec.short_name != '\0' ? std::string{'-', spec.short_name} + "/" : "";
  return s + "--" + std::string(spec.long_name);
}

std::string join(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& name : names) s += (s.empty() ? "" : ", ") + name;
  return s;
}

const OptionSpec* find_long(std::string_view name) {
  const auto it = std::find_if(kOptions.begin(), kOptions.end(),
                               [&](const OptionSpec& o) { return o.long_name == name; });
  return it == kOptions.end() ? nullptr : &*it;
}

const OptionSpec* find_short(char name) {
  const auto it = std::find_if(kOptions.begin(), kOptions.end(),
                               [&](const OptionSpec& o) { return o.short_name == name; });
  return it == kOptions.end() ? nullptr : &*it;
}

// Fills the defaults and checks the combination once every argument is seen.
void finish(State& state) {
  Options& o = state.options;
  if (o.help || o.version) return;
  if (o.inputs.empty()) {
    throw UsageError("no inputs: give files, directories or - for standard input");
  }
  if (state.quiet && state.verbose) {
    throw UsageError("--quiet and --verbose cannot be combined");
  }
  o.log_level = state.quiet ? log::Level::warn : state.verbose ? log::Level::debug
                                                                : log::Level::info;
  if (std::find(kExtractors.begin(), kExtractors.end(), o.pipeline.extractor) ==
      kExtractors.end()) {
    throw UsageError("unknown extractor '" + o.pipeline.extractor + "' (known: rules)");
  }
  if (!state.format_given) {
    if (o.output.empty()) {
      o.format = "json";  // documented default: JSON is the easiest to pipe into tools
    } else if (auto format = export_::format_for_path(o.output)) {
      o.format = *format;
    } else {
      throw UsageError("cannot tell the output format from '" + o.output +
                       "'; give one with -f (" + join(export_::exporter_names()) + ")");
    }
  }
  export_::make_exporter(o.format);  // throws UsageError naming the known formats
}

}  // namespace

Options parse_options(std::span<const std::string_view> args) {
  State state;
  bool options_ended = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (options_ended || arg == "-" || !arg.starts_with('-')) {
      state.options.inputs.emplace_back(arg);
      continue;
    }
    if (arg == "--") {
      options_ended = true;
      continue;
    }

    const OptionSpec* spec = nullptr;
    std::string_view shown;                 // the option as the user wrote it, for messages
    std::optional<std::string_view> value;  // attached with '=' or after the short letter
    if (arg.starts_with("--")) {
      const std::string_view body = arg.substr(2);
      const std::size_t eq = body.find('=');
      shown = arg.substr(0, eq == std::string_view::npos ? arg.size() : eq + 2);
      spec = find_long(body.substr(0, eq));
      if (eq != std::string_view::npos) value = body.substr(eq + 1);
    } else {
      shown = arg.substr(0, 2);
      spec = find_short(arg[1]);
      if (arg.size() > 2) value = arg.substr(2);
      if (spec && spec->value_name.empty() && value) spec = nullptr;  // "-vq": no bundling
      if (!spec) shown = arg;
    }
    if (!spec) throw UsageError("unknown option '" + std::string(shown) + "'");

    if (spec->value_name.empty()) {
      if (value) throw UsageError("option " + spelling(*spec) + " takes no value");
      spec->apply(state, {});
      continue;
    }
    if (!value) {
      if (i + 1 >= args.size()) {
        throw UsageError("option " + spelling(*spec) + " needs a value (" +
                         std::string(spec->value_name) + ")");
      }
      value = args[++i];
    }
    if (value->empty()) {
      throw UsageError("option " + spelling(*spec) + " needs a non-empty value");
    }
    spec->apply(state, *value);
  }
  finish(state);
  return std::move(state.options);
}

Options parse_options(int argc, const char* const* argv) {
  std::vector<std::string_view> args;
  for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
  return parse_options(args);
}

std::string usage() {
  std::string text =
      "Usage: kgbuild [OPTIONS] INPUT...\n"
      "\n"
      "Builds a knowledge graph (entities and relations) from plain-text news articles\n"
      "and writes it as GraphML, DOT or JSON.\n"
      "\n"
      "Inputs: files (any extension), directories (searched recursively for *.txt, in\n"
      "sorted path order) or - for standard input. Logs go to stderr; stdout carries\n"
      "only the graph.\n"
      "\n"
      "Options:\n";
  const std::string formats = join(export_::exporter_names());
  for (const OptionSpec& spec : kOptions) {
    std::string left = spec.short_name != '\0' ? std::string("  -") + spec.short_name + ", "
                                               : std::string("      ");
    left += "--" + std::string(spec.long_name);
    if (!spec.value_name.empty()) left += " " + std::string(spec.value_name);
    left.resize(std::max<std::size_t>(left.size() + 2, 24), ' ');
    std::string help(spec.help);
    if (const auto at = help.find("FORMATS"); at != std::string::npos) {
      help.replace(at, 7, formats);
    }
    text += left + help + "\n";
  }
  text +=
      "\n"
      "Exit status: 0 success; 1 some input could not be used (the graph of the others\n"
      "is still written) or the output could not be written; 2 usage error.\n";
  return text;
}

std::string version_line() { return std::string("kgbuild ") + KG_VERSION; }

}  // namespace kg::cli
