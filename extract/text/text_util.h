#pragma once
// Small UTF-8 helpers shared by the extraction stages: casing tests on the first code
// point, lower-casing, and folding of Latin diacritics for matching keys. They treat text
// as UTF-8 and never throw; malformed bytes are passed through unchanged.
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "extract/text/interned.h"

namespace kg::extract {

char32_t first_code_point(std::string_view s);  // U+FFFD for a malformed sequence, 0 for empty
bool is_upper_code_point(char32_t c);
bool is_letter_code_point(char32_t c);
bool starts_upper(std::string_view s);     // "Öncu", "US", "G20" -> true
bool is_all_caps(std::string_view s);      // letters present and none lower-case: "FSB", "U.S."
bool has_lower(std::string_view s);
bool is_digits(std::string_view s);
std::string to_lower(std::string_view s);  // ASCII and common Latin/Cyrillic letters
// The same into `out`, reusing its buffer (hot loops: one allocation per longest word).
void to_lower_into(std::string_view s, std::string& out);
// The Word of to_lower(w): the same Word when w has no capital. Each thread remembers the
// lower forms of the words it lowered last, so a word asked for again is neither lowered
// nor interned again (the relation frames ask for the same tokens' lower forms many times).
Word lower_of(Word w);
std::string title_case(std::string_view s);  // "MOSCOW" -> "Moscow"
// Lower-case, Latin diacritics removed, typographic apostrophes folded: the key for
// comparing spellings ("Türkiye" -> "turkiye", "Keçeli" -> "keceli").
std::string fold(std::string_view s);

// The lower-case forms of a document's tokens, each computed once, on first use. Only the
// forms that differ from the token's own text (those with a capital) are stored: 4 bytes a
// token and a string per capitalised token asked for, where a string per token took 32.
// Requires: get(t, text) is always called with the same text for one t, a string that
// outlives this object (a Token's norm or form). Thread safety: none.
class LowerForms {
 public:
  explicit LowerForms(std::size_t tokens = 0) : index_(tokens, kUnknown) {}
  const std::string& get(std::uint32_t t, const std::string& text) const;

 private:
  static constexpr std::uint32_t kUnknown = UINT32_MAX, kSame = UINT32_MAX - 1;
  mutable std::vector<std::uint32_t> index_;  // per token: kUnknown, kSame or a place in forms_
  mutable std::deque<std::string> forms_;     // a deque: references stay valid as it grows
};

}  // namespace kg::extract
