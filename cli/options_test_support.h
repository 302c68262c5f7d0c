#pragma once
// Helpers shared by the option-parsing tests of cli/: parse a command line given as a
// list, or get the UsageError it raises.
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

}  // namespace kg::cli::test
