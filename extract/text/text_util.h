#pragma once
// Small UTF-8 helpers shared by the extraction stages: casing tests on the first code
// point, lower-casing, and folding of Latin diacritics for matching keys. They treat text
// as UTF-8 and never throw; malformed bytes are passed through unchanged.
#include <string>
#include <string_view>

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
std::string title_case(std::string_view s);  // "MOSCOW" -> "Moscow"
// Lower-case, Latin diacritics removed, typographic apostrophes folded: the key for
// comparing spellings ("Türkiye" -> "turkiye", "Keçeli" -> "keceli").
std::string fold(std::string_view s);

}  // namespace kg::extract
