#pragma once
// Helpers shared by the option-parsing tests of cli/: parse a command line given as a
// list, get the UsageError it raises, or the words of a help text.
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "cli/options.h"
#include "extract/text/error.h"

namespace kg::cli::test {

inline Options parse(std::initializer_list<std::string_view> args) {
  const std::vector<std::string_view> v(args);
  return parse_options(v);
}

// The UsageError message for `args`, or "" when they parse.
inline std::string usage_error(std::initializer_list<std::string_view> args) {
  try {
    parse(args);
  } catch (const kg::UsageError& e) {
    return e.what();
  }
  return "";
}

// `text` with every run of spaces and line ends made one space: the words of a help
// text, wherever it was wrapped.
inline std::string flat(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const bool space = c == ' ' || c == '\n';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace kg::cli::test
