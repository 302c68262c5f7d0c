#pragma once
// A nesting limit for JSON read from files: RapidJSON's recursive parser uses stack per
// level, so a few hundred thousand '[' overflow the stack. Every JSON kgbuild reads
// (merge inputs, --update graphs, gold files) is first scanned here; kgbuild's own files
// nest at most five levels deep.
// Requires: nothing (any bytes). Ensures: one linear pass, no recursion, no allocation.
// Thread safety: stateless.
#include <cstddef>
#include <optional>
#include <string_view>

namespace kg::export_ {

inline constexpr std::size_t kMaxJsonNesting = 100;

struct NestingExcess {
  std::size_t offset = 0;  // byte offset of the bracket one level too deep
  std::size_t line = 1;    // its line, 1-based
};

// Where `json` first opens more than `limit` arrays or objects at once ('[' and '{'
// outside strings), if it does. Unbalanced or invalid text is scanned all the same: the
// JSON parser reports what else is wrong.
inline std::optional<NestingExcess> too_deep(std::string_view json, std::size_t limit = kMaxJsonNesting) {
  std::size_t depth = 0;
  std::size_t line = 1;
  bool in_string = false;
  for (std::size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (c == '\n') ++line;
    if (in_string) {
      if (c == '\\') {
        ++i;  // an escaped character cannot end the string
        if (i < json.size() && json[i] == '\n') ++line;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return NestingExcess{i, line};
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

}  // namespace kg::export_
