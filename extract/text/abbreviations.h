#pragma once
// Word lists the tokenizer consults: abbreviations that keep their period, prefixes that
// keep a capitalised hyphenated word whole, and capitalised function words that signal a
// new sentence after an ambiguous period ("... in the U.S. The talks ...").
// All lookups are ASCII, allocation-free and safe to call concurrently.
#include <cstdint>
#include <string_view>

namespace kg::extract {

enum class AbbreviationKind : std::uint8_t {
  None,
  Title,         // Mr. Dr. Gen. Sen.: always followed by a name, never ends a sentence
  Ordinary,      // Inc. Feb. St. etc.: ends a sentence only before a likely sentence start
  BeforeNumber,  // No. Art. Vol. p.: an abbreviation only when a number follows
};

// `word` is the letters before the period ("Mr", "etc"). Lower-case entries (etc, vs,
// approx) match in any case; capitalised ones (Mr, Feb, Inc) match as capitalised and,
// except titles, in ALL CAPS ("FEB", "INC").
AbbreviationKind abbreviation_kind(std::string_view word);

// "anti", "pro", "non", "self", "well", ...: in any case; "Anti-war" stays one token.
bool is_hyphen_prefix(std::string_view left);

// Capitalised function words that normally open a sentence: "The", "He", "In", "But".
bool is_sentence_opener(std::string_view word);

}  // namespace kg::extract
