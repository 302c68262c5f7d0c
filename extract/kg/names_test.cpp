// Unit tests for extract/kg/names.h: spelling keys, edit distance, name-word variants and
// personal-name compatibility. One TEST_CASE per edge case.
#include "extract/kg/names.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using kg::extract::compatible_person_names;
using kg::extract::edit_distance;
using kg::extract::name_tokens;
using kg::extract::same_name_word;
using kg::extract::spelling_key;

// ---- name_tokens ---------------------------------------------------------------------

TEST_CASE("names: name_tokens splits on single spaces") {
  CHECK(name_tokens("John F. Kennedy") == std::vector<std::string>{"John", "F.", "Kennedy"});
}

TEST_CASE("names: name_tokens skips repeated, leading and trailing spaces") {
  CHECK(name_tokens("  Anna   Berg ") == std::vector<std::string>{"Anna", "Berg"});
}

TEST_CASE("names: name_tokens of an empty string is empty") {
  CHECK(name_tokens("").empty());
  CHECK(name_tokens("   ").empty());
}

// ---- spelling_key --------------------------------------------------------------------

TEST_CASE("names: spelling_key folds y to i (Sergey / Sergei)") {
  CHECK(spelling_key("Sergey") == spelling_key("Sergei"));
  CHECK(spelling_key("Dmitry") == spelling_key("Dmitri"));
}

TEST_CASE("names: spelling_key folds ks to x (Aleksey / Alexei)") {
  CHECK(spelling_key("Aleksey") == spelling_key("Alexei"));
}

TEST_CASE("names: spelling_key collapses doubled letters (Zelensky / Zelenskyy)") {
  CHECK(spelling_key("Zelensky") == spelling_key("Zelenskyy"));
  CHECK(spelling_key("Zelenskyy") == spelling_key("Zelenskiy"));
}

TEST_CASE("names: spelling_key removes diacritics (Türkiye / Turkiye)") {
  CHECK(spelling_key("Türkiye") == spelling_key("Turkiye"));
  CHECK(spelling_key("Çelik") == spelling_key("Celik"));
}

TEST_CASE("names: spelling_key is case-insensitive") {
  CHECK(spelling_key("NAIROBI") == spelling_key("Nairobi"));
  CHECK(spelling_key("Nairobi") == "nairobi");
}

TEST_CASE("names: spelling_key ignores periods, hyphens and apostrophes") {
  CHECK(spelling_key("O'Neil") == spelling_key("ONeil"));
  CHECK(spelling_key("Jean-Claude") == spelling_key("JeanClaude"));
  CHECK(spelling_key("O’Neil") == spelling_key("ONeil"));  // curly apostrophe
}

TEST_CASE("names: spelling_key keeps genuinely different names apart") {
  CHECK(spelling_key("Ivan") != spelling_key("Ivana"));
  CHECK(spelling_key("Maria") != spelling_key("Mario"));
}

TEST_CASE("names: Aleksandr / Alexander are variants via same_name_word, not by key alone") {
  CHECK(spelling_key("Aleksandr") != spelling_key("Alexander"));
  CHECK(same_name_word("Aleksandr", "Alexander"));
}

// ---- edit_distance -------------------------------------------------------------------

TEST_CASE("names: edit_distance of equal strings is 0") {
  CHECK(edit_distance("nairobi", "nairobi") == 0);
  CHECK(edit_distance("", "") == 0);
}

TEST_CASE("names: edit_distance against the empty string is the length") {
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("abcd", "") == 4);
}

TEST_CASE("names: edit_distance counts substitutions, insertions and deletions") {
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("flaw", "lawn") == 2);
  CHECK(edit_distance("alexandr", "alexander") == 1);
}

TEST_CASE("names: edit_distance is symmetric") {
  CHECK(edit_distance("sunday", "saturday") == edit_distance("saturday", "sunday"));
  CHECK(edit_distance("sunday", "saturday") == 3);
}

// ---- same_name_word ------------------------------------------------------------------

TEST_CASE("names: same_name_word accepts identical and transliterated words") {
  CHECK(same_name_word("Sergey", "Sergei"));
  CHECK(same_name_word("Zelensky", "Zelenskyy"));
  CHECK(same_name_word("ivanov", "IVANOV"));
}

TEST_CASE("names: same_name_word rejects one edit apart on short names (Ivan / Ivana)") {
  CHECK_FALSE(same_name_word("Ivan", "Ivana"));
  CHECK_FALSE(same_name_word("Maria", "Mario"));
}

TEST_CASE("names: same_name_word rejects one edit apart with a different first letter") {
  // Both keys have >= 6 letters and differ by one edit, but in the first letter.
  CHECK_FALSE(same_name_word("Mandela", "Randela"));
}

TEST_CASE("names: same_name_word rejects two edits apart on long names") {
  CHECK_FALSE(same_name_word("Andersen", "Anderton"));
  CHECK_FALSE(same_name_word("Alexandra", "Alexander"));
}

TEST_CASE("names: same_name_word accepts one edit apart on long names with the same first letter") {
  CHECK(same_name_word("Aleksandr", "Alexandr"));
  CHECK(same_name_word("Mohammed", "Muhammed"));
}

// ---- compatible_person_names ---------------------------------------------------------

TEST_CASE("names: same surname, different given names are different people") {
  CHECK_FALSE(compatible_person_names("Donald Trump", "Melania Trump"));
  CHECK_FALSE(compatible_person_names("Anna Berg", "Boris Berg"));
}

TEST_CASE("names: an initial is compatible with the given name it abbreviates") {
  CHECK(compatible_person_names("J. Smith", "John Smith"));
  CHECK(compatible_person_names("John Smith", "J. Smith"));
}

TEST_CASE("names: an initial is not compatible with a given name of another letter") {
  CHECK_FALSE(compatible_person_names("J. Smith", "Mary Smith"));
}

TEST_CASE("names: a surname alone is compatible with the full name") {
  CHECK(compatible_person_names("Smith", "John Smith"));
  CHECK(compatible_person_names("John Smith", "Smith"));
}

TEST_CASE("names: different surnames are never compatible") {
  CHECK_FALSE(compatible_person_names("John Smith", "John Brown"));
  CHECK_FALSE(compatible_person_names("Smith", "Brown"));
}

TEST_CASE("names: transliteration variants of both parts are compatible") {
  CHECK(compatible_person_names("Sergey Ivanov", "Sergei Ivanov"));
  CHECK(compatible_person_names("Aleksandr Novak", "Alexander Novak"));
}

TEST_CASE("names: a middle initial does not block compatibility") {
  CHECK(compatible_person_names("John F. Kennedy", "John Kennedy"));
}

TEST_CASE("names: case differences are compatible (ALL-CAPS byline)") {
  CHECK(compatible_person_names("JOHN SMITH", "John Smith"));
}

TEST_CASE("names: an empty name is compatible with nothing") {
  CHECK_FALSE(compatible_person_names("", "John Smith"));
  CHECK_FALSE(compatible_person_names("John Smith", ""));
}

// KNOWN GAP: a two-letter dotted initial group ("J.R.") is not treated as initials, so
// compatible_person_names("J.R. Smith", "John Smith") is false; expected true (J is John's
// initial). Only a single letter plus period ("J.") counts as an initial.
TEST_CASE("names: dotted double initials are compatible with the full given name") {
  CHECK(compatible_person_names("J.R. Smith", "John Smith"));
}

// KNOWN GAP: the one-edit tolerance for long given names also joins masculine and feminine
// forms: compatible_person_names("Daniel Weber", "Daniela Weber") is true (keys "daniel" /
// "daniela", one edit apart); expected false, they are two different people. Same for
// Michael / Michaela.
TEST_CASE("names: masculine and feminine given names are different people") {
  CHECK_FALSE(compatible_person_names("Daniel Weber", "Daniela Weber"));
  CHECK_FALSE(compatible_person_names("Michael Weber", "Michaela Weber"));
}
