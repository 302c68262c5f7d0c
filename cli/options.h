#pragma once
// Command-line options of kgbuild and the table-driven parser that fills them.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "extract/log.h"
#include "extract/pipeline.h"

namespace kg::cli {

// Options: one parsed, validated command line.
//
// What it represents: everything main() needs to run, with defaults resolved.
// Ensures (after parse_options, unless help or version is set): `inputs` is non-empty;
// `format` names a known exporter: from -f, else from -o's extension, else "json";
// `output` is empty for standard output (also when given as "-").
struct Options {
  std::vector<std::string> inputs;  // files, directories or "-" (stdin), as given
  std::string output;               // file path; empty means stdout
  std::string format;               // exporter name
  extract::PipelineOptions pipeline;
  log::Level log_level = log::Level::info;  // -q: warn, -v: debug
  bool help = false;
  bool version = false;
};

// Parses argv without the program name. Accepts "--name value", "--name=value",
// "-x value" and "-xvalue"; "--" ends options; a lone "-" is an input (stdin).
// Throws kg::UsageError with a one-line message for an unknown option, a missing or
// invalid value, an unknown format or extractor, or no inputs.
Options parse_options(std::span<const std::string_view> args);
Options parse_options(int argc, const char* const* argv);

// The --help text, generated from the option table.
std::string usage();
// "kgbuild 0.1.0".
std::string version_line();

}  // namespace kg::cli
