#pragma once
// UTF-8 repair shared by the exporters.
//
// What it represents: a decoder that walks a byte string character by character.
// Requires: nothing; any bytes are accepted. Ensures: well-formed UTF-8 (Unicode 15,
// table 3-7: no overlongs, no surrogates, nothing above U+10FFFF) passes unchanged; each
// maximal ill-formed subpart becomes one U+FFFD, as the Unicode standard recommends.
// The graph's strings are normally valid UTF-8, but one stray byte must not make a whole
// XML or JSON file unreadable, so every exporter writes text through this.
// Thread safety: stateless functions.
#include <cstddef>
#include <string>
#include <string_view>

namespace kg::export_ {

inline constexpr std::string_view kReplacementUtf8 = "\xEF\xBF\xBD";  // U+FFFD
inline constexpr char32_t kReplacementChar = 0xFFFD;

struct Utf8Step {
  char32_t code_point = 0;  // U+FFFD when !valid
  std::size_t length = 0;   // bytes consumed, at least 1
  bool valid = false;
};

// Decodes the character starting at s[i] (i < s.size()).
inline Utf8Step decode_utf8(std::string_view s, std::size_t i) {
  const auto lead = static_cast<unsigned char>(s[i]);
  if (lead < 0x80) return {lead, 1, true};
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // range of the second byte
  char32_t cp = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2, cp = lead & 0x1Fu;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3, cp = lead & 0x0Fu;
    if (lead == 0xE0) low = 0xA0;   // no overlongs
    if (lead == 0xED) high = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4, cp = lead & 0x07u;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;  // nothing above U+10FFFF
  } else {
    return {kReplacementChar, 1, false};
  }
  std::size_t k = 1;  // bytes accepted so far
  for (; k < length && i + k < s.size(); ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if (c < (k == 1 ? low : 0x80) || c > (k == 1 ? high : 0xBF)) break;
    cp = (cp << 6) | (c & 0x3Fu);
  }
  if (k == length) return {cp, length, true};
  return {kReplacementChar, k, false};
}

// Calls f(code_point, bytes) for each character of s, in order; `bytes` is the character's
// encoding in s, or kReplacementUtf8 (with code point U+FFFD) for an ill-formed subpart.
template <class F>
void for_each_utf8_char(std::string_view s, F&& f) {
  for (std::size_t i = 0; i < s.size();) {
    const Utf8Step step = decode_utf8(s, i);
    f(step.code_point, step.valid ? s.substr(i, step.length) : kReplacementUtf8);
    i += step.length;
  }
}

inline bool is_valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const Utf8Step step = decode_utf8(s, i);
    if (!step.valid) return false;
    i += step.length;
  }
  return true;
}

// s with every ill-formed subpart replaced by U+FFFD.
inline std::string valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for_each_utf8_char(s, [&](char32_t, std::string_view bytes) { out += bytes; });
  return out;
}

}  // namespace kg::export_
