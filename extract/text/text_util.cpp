#include "extract/text/text_util.h"

#include <algorithm>
#include <array>
#include <utility>

namespace kg::extract {
namespace {

// A byte that starts no valid sequence decodes to kRawByte + byte and is written back as is.
constexpr char32_t kRawByte = 0x110000;

// Decodes one code point at s[i]; advances i.
char32_t decode(std::string_view s, std::size_t& i) {
  auto b = static_cast<unsigned char>(s[i]);
  int extra = b < 0x80 ? 0 : (b >> 5) == 6 ? 1 : (b >> 4) == 14 ? 2 : (b >> 3) == 30 ? 3 : -1;
  if (extra == 0) {
    ++i;
    return b;
  }
  if (extra < 0 || i + static_cast<std::size_t>(extra) >= s.size()) {
    ++i;
    return kRawByte + b;
  }
  char32_t c = b & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) {
    auto cb = static_cast<unsigned char>(s[i + k]);
    if ((cb & 0xC0) != 0x80) {
      ++i;
      return kRawByte + b;
    }
    c = (c << 6) | (cb & 0x3F);
  }
  i += static_cast<std::size_t>(extra) + 1;
  return c;
}

void encode(char32_t c, std::string& out) {
  if (c >= kRawByte) {
    out += static_cast<char>(c - kRawByte);
  } else if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

char32_t lower_cp(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if ((c >= 0xC0 && c <= 0xDE && c != 0xD7)) return c + 32;
  if (c == 0x130) return 'i';  // Turkish dotted capital I
  // Latin Extended-A pairs upper/lower case letters; the parity of the upper one flips twice.
  if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) return c % 2 == 0 ? c + 1 : c;
  if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return c % 2 == 1 ? c + 1 : c;
  if (c == 0x178) return 0xFF;
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  if (c >= 0x391 && c <= 0x3A9) return c + 32;
  return c;
}

// Base letter of a lower-case Latin letter with a diacritic; 0 when there is none.
char ascii_base(char32_t c) {
  static constexpr std::array<std::pair<char32_t, char>, 64> kMap{{
      {0xE0, 'a'}, {0xE1, 'a'}, {0xE2, 'a'}, {0xE3, 'a'}, {0xE4, 'a'}, {0xE5, 'a'}, {0xE7, 'c'},
      {0xE8, 'e'}, {0xE9, 'e'}, {0xEA, 'e'}, {0xEB, 'e'}, {0xEC, 'i'}, {0xED, 'i'}, {0xEE, 'i'},
      {0xEF, 'i'}, {0xF1, 'n'}, {0xF2, 'o'}, {0xF3, 'o'}, {0xF4, 'o'}, {0xF5, 'o'}, {0xF6, 'o'},
      {0xF8, 'o'}, {0xF9, 'u'}, {0xFA, 'u'}, {0xFB, 'u'}, {0xFC, 'u'}, {0xFD, 'y'}, {0xFF, 'y'},
      {0x101, 'a'}, {0x103, 'a'}, {0x105, 'a'}, {0x107, 'c'}, {0x10D, 'c'}, {0x10F, 'd'},
      {0x111, 'd'}, {0x113, 'e'}, {0x117, 'e'}, {0x119, 'e'}, {0x11B, 'e'}, {0x11F, 'g'},
      {0x12B, 'i'}, {0x12F, 'i'}, {0x131, 'i'}, {0x137, 'k'}, {0x13E, 'l'}, {0x142, 'l'},
      {0x144, 'n'}, {0x148, 'n'}, {0x14D, 'o'}, {0x151, 'o'}, {0x155, 'r'}, {0x159, 'r'},
      {0x15B, 's'}, {0x15F, 's'}, {0x161, 's'}, {0x163, 't'}, {0x165, 't'}, {0x16B, 'u'},
      {0x16F, 'u'}, {0x171, 'u'}, {0x17A, 'z'}, {0x17C, 'z'}, {0x17E, 'z'}, {0xDF, 's'},
  }};
  for (const auto& [from, to] : kMap)
    if (from == c) return to;
  return 0;
}

}  // namespace

char32_t first_code_point(std::string_view s) {
  if (s.empty()) return 0;
  std::size_t i = 0;
  char32_t c = decode(s, i);
  return c >= kRawByte ? 0xFFFD : c;
}

bool is_upper_code_point(char32_t c) {
  if (c >= 'A' && c <= 'Z') return true;
  if (c < 0x80) return false;
  return lower_cp(c) != c;
}

bool is_letter_code_point(char32_t c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return true;
  if (c >= 0x110000) return false;
  return c >= 0xC0 && c != 0xD7 && c != 0xF7 && !(c >= 0x2000 && c <= 0x2BFF);
}

bool starts_upper(std::string_view s) { return is_upper_code_point(first_code_point(s)); }

bool is_all_caps(std::string_view s) {
  bool letter = false;
  for (std::size_t i = 0; i < s.size();) {
    char32_t c = decode(s, i);
    if (!is_letter_code_point(c)) continue;
    letter = true;
    if (!is_upper_code_point(c)) return false;
  }
  return letter;
}

bool has_lower(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    char32_t c = decode(s, i);
    if (is_letter_code_point(c) && !is_upper_code_point(c)) return true;
  }
  return false;
}

bool is_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

void to_lower_into(std::string_view s, std::string& out) {
  out.assign(s);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) >= 0x80) {  // rare: decode and re-encode the whole word
      out.clear();
      for (std::size_t i = 0; i < s.size();) encode(lower_cp(decode(s, i)), out);
      return;
    }
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
  }
}

std::string to_lower(std::string_view s) {
  std::string out;
  to_lower_into(s, out);
  return out;
}

Word lower_of(Word w) {
  if (w.empty()) return w;
  struct Entry {
    Word word, lower;
  };
  static constexpr std::size_t kSize = 8192;  // direct-mapped by the word's number
  static thread_local std::array<Entry, kSize> recent{};
  Entry& e = recent[w.id() % kSize];
  if (e.word == w) return e.lower;
  static thread_local std::string lowered;
  to_lower_into(w.str(), lowered);
  e.word = w;
  e.lower = lowered == w.str() ? w : Word(lowered);
  return e.lower;
}

std::string title_case(std::string_view s) {
  std::string out;
  bool first = true;
  for (std::size_t i = 0; i < s.size();) {
    char32_t c = decode(s, i);
    if (first) {
      encode(c, out);
    } else {
      encode(lower_cp(c), out);
    }
    first = !is_letter_code_point(c) && c != '\'';
  }
  return out;
}

std::string fold(std::string_view s) {
  // ASCII has no diacritics or quotes to fold: lower-casing is all.
  if (std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
    return to_lower(s);
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    char32_t c = lower_cp(decode(s, i));
    if (c == 0x2019 || c == 0x2018) c = '\'';
    if (char base = ascii_base(c)) {
      out += base;
      if (c == 0xDF) out += 's';
    } else {
      encode(c, out);
    }
  }
  return out;
}

const std::string& LowerForms::get(std::uint32_t t, const std::string& text) const {
  std::uint32_t& k = index_[t];
  if (k == kUnknown) {
    std::string lower;
    to_lower_into(text, lower);
    if (lower == text) {
      k = kSame;
    } else {
      k = static_cast<std::uint32_t>(forms_.size());
      forms_.push_back(std::move(lower));
    }
  }
  return k == kSame ? text : forms_[k];
}

}  // namespace kg::extract
