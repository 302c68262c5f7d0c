// Unit tests for extract/text/text_util.h: casing tests, lower-casing, title case and folding
// on UTF-8 text. One TEST_CASE per edge case.
#include "extract/text/text_util.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

using kg::extract::first_code_point;
using kg::extract::fold;
using kg::extract::has_lower;
using kg::extract::is_all_caps;
using kg::extract::is_digits;
using kg::extract::is_letter_code_point;
using kg::extract::is_upper_code_point;
using kg::extract::lower_of;
using kg::extract::starts_upper;
using kg::extract::title_case;
using kg::extract::to_lower;
using kg::extract::to_lower_into;
using kg::extract::Word;

// ---- first_code_point ----------------------------------------------------------------

TEST_CASE("text_util: first_code_point decodes ASCII, 2-byte and 3-byte UTF-8") {
  CHECK(first_code_point("Abc") == U'A');
  CHECK(first_code_point("Öz") == U'\u00D6');
  CHECK(first_code_point("Берлин") == U'\u0411');
  CHECK(first_code_point("東京") == U'\u6771');
}

TEST_CASE("text_util: first_code_point of an empty string is 0") { CHECK(first_code_point("") == 0); }

TEST_CASE("text_util: first_code_point of a malformed sequence is U+FFFD, never a letter") {
  CHECK(first_code_point("\xC3") == 0xFFFD);      // truncated sequence
  CHECK(first_code_point("\xC3\x41") == 0xFFFD);  // bad continuation byte
  CHECK_FALSE(starts_upper("\xC3\x41"));
}

// ---- starts_upper --------------------------------------------------------------------

TEST_CASE("text_util: starts_upper on ASCII") {
  CHECK(starts_upper("Nairobi"));
  CHECK_FALSE(starts_upper("nairobi"));
  CHECK(starts_upper("G20"));
  CHECK_FALSE(starts_upper("20G"));
  CHECK_FALSE(starts_upper(""));
}

TEST_CASE("text_util: starts_upper on Latin-1 capitals Ö and Ç") {
  CHECK(starts_upper("Öztürk"));
  CHECK(starts_upper("Çelik"));
  CHECK_FALSE(starts_upper("öztürk"));
  CHECK_FALSE(starts_upper("çelik"));
}

TEST_CASE("text_util: starts_upper on Latin Extended-A capitals Ş, İ, Ł") {
  CHECK(starts_upper("Şahin"));
  CHECK(starts_upper("İzmir"));
  CHECK(starts_upper("Łódź"));
  CHECK_FALSE(starts_upper("şahin"));
  CHECK_FALSE(starts_upper("ıslak"));  // dotless i is lower case
}

TEST_CASE("text_util: starts_upper on Cyrillic") {
  CHECK(starts_upper("Берлин"));
  CHECK(starts_upper("Ёлка"));
  CHECK_FALSE(starts_upper("берлин"));
}

TEST_CASE("text_util: starts_upper is false for punctuation and CJK") {
  CHECK_FALSE(starts_upper("\"Hello"));
  CHECK_FALSE(starts_upper("東京"));
}

// ---- is_upper_code_point / is_letter_code_point ---------------------------------------

TEST_CASE("text_util: multiplication sign is neither upper case nor a letter") {
  CHECK_FALSE(is_upper_code_point(0xD7));
  CHECK_FALSE(is_letter_code_point(0xD7));
  CHECK_FALSE(is_letter_code_point(0xF7));  // division sign
}

TEST_CASE("text_util: general punctuation is not a letter") {
  CHECK_FALSE(is_letter_code_point(0x2014));  // em dash
  CHECK_FALSE(is_letter_code_point(0x201C));  // left double quote
  CHECK(is_letter_code_point(U'ß'));
}

// ---- is_all_caps / has_lower ---------------------------------------------------------

TEST_CASE("text_util: is_all_caps accepts dotted acronyms") {
  CHECK(is_all_caps("U.S."));
  CHECK(is_all_caps("E.U."));
}

TEST_CASE("text_util: is_all_caps accepts plain acronyms") {
  CHECK(is_all_caps("FSB"));
  CHECK(is_all_caps("WHO"));
  CHECK(is_all_caps("G20"));
}

TEST_CASE("text_util: is_all_caps rejects a title-case abbreviation") {
  CHECK_FALSE(is_all_caps("Mr."));
  CHECK_FALSE(is_all_caps("Nairobi"));
}

TEST_CASE("text_util: is_all_caps needs at least one letter") {
  CHECK_FALSE(is_all_caps("2024"));
  CHECK_FALSE(is_all_caps("..."));
  CHECK_FALSE(is_all_caps(""));
}

TEST_CASE("text_util: is_all_caps on non-ASCII capitals") {
  CHECK(is_all_caps("İZMİR"));
  CHECK(is_all_caps("ŞAHİN"));
  CHECK(is_all_caps("БЕРЛИН"));
  CHECK_FALSE(is_all_caps("ŞAHiN"));
}

TEST_CASE("text_util: has_lower finds a lower-case letter anywhere") {
  CHECK(has_lower("NAIROBi"));
  CHECK(has_lower("Ça"));
  CHECK_FALSE(has_lower("NAIROBI"));
  CHECK_FALSE(has_lower("2024-03"));
}

// ---- is_digits -----------------------------------------------------------------------

TEST_CASE("text_util: is_digits") {
  CHECK(is_digits("2024"));
  CHECK_FALSE(is_digits(""));
  CHECK_FALSE(is_digits("20a4"));
  CHECK_FALSE(is_digits("3.5"));
}

// ---- to_lower ------------------------------------------------------------------------

TEST_CASE("text_util: to_lower on ASCII") { CHECK(to_lower("NaIROBI 2024") == "nairobi 2024"); }

TEST_CASE("text_util: to_lower_into replaces what the buffer held, ASCII or not") {
  std::string out = "a much longer previous word";
  to_lower_into("KeNYA", out);
  CHECK(out == "kenya");
  to_lower_into("ÉCOLE Normale", out);
  CHECK(out == "école normale");
  to_lower_into("", out);
  CHECK(out.empty());
}

TEST_CASE("text_util: fold of ASCII is its lower case, of other text folds accents") {
  CHECK(fold("São PAULO") == "sao paulo");
  CHECK(fold("O'NEILL") == "o'neill");
}

TEST_CASE("text_util: to_lower on Latin-1 capitals") {
  CHECK(to_lower("ÖÇÜÉ") == "öçüé");
  CHECK(to_lower("×") == "×");  // not a letter: unchanged
}

TEST_CASE("text_util: to_lower on Latin Extended-A: Ş -> ş, Ğ -> ğ") {
  CHECK(to_lower("Ş") == "ş");
  CHECK(to_lower("Ğ") == "ğ");
  CHECK(to_lower("ŞAHİN") == "şahin");
}

TEST_CASE("text_util: to_lower maps the Turkish dotted capital İ to plain i") {
  CHECK(to_lower("İ") == "i");
}

TEST_CASE("text_util: to_lower on the odd-parity block of Latin Extended-A: Ł, Ž, Ń") {
  CHECK(to_lower("Ł") == "ł");
  CHECK(to_lower("Ž") == "ž");
  CHECK(to_lower("Ń") == "ń");
  CHECK(to_lower("Ÿ") == "ÿ");
}

TEST_CASE("text_util: to_lower leaves lower-case Latin Extended-A alone") {
  CHECK(to_lower("şğıłž") == "şğıłž");
}

TEST_CASE("text_util: to_lower on Cyrillic and Greek") {
  CHECK(to_lower("БЕРЛИН") == "берлин");
  CHECK(to_lower("Ё") == "ё");
  CHECK(to_lower("ΑΘΗΝΑ") == "αθηνα");
}

// Malformed bytes pass through unchanged (a stray byte must not be decoded as Latin-1 and
// re-encoded, nor lower-cased: 0xC3 alone must not become "ã").
TEST_CASE("text_util: to_lower passes malformed bytes through unchanged") {
  const std::string bad = "AB\xFF" "C";
  CHECK(to_lower(bad) == "ab\xFF" "c");
  CHECK(to_lower("\xC3") == "\xC3");
  CHECK(fold("\xC3") == "\xC3");
}

// ---- lower_of ------------------------------------------------------------------------

TEST_CASE("text_util: lower_of gives the same Word for a word without a capital") {
  const Word w("quietly");
  CHECK(lower_of(w) == w);
}

TEST_CASE("text_util: lower_of gives the Word of to_lower, ASCII or not") {
  CHECK(lower_of(Word("OSLOVIA")) == Word("oslovia"));
  CHECK(lower_of(Word("Ženava")).str() == to_lower("Ženava"));
}

TEST_CASE("text_util: lower_of of the empty Word is the empty Word") { CHECK(lower_of(Word()).empty()); }

TEST_CASE("text_util: lower_of answers the same when asked again, after other words") {
  const Word w("Marvella");
  const Word first = lower_of(w);
  for (int i = 0; i < 20000; ++i) (void)lower_of(Word("Filler" + std::to_string(i)));  // evicts what it remembered
  CHECK(lower_of(w) == first);
  CHECK(first == Word("marvella"));
}

// ---- title_case ----------------------------------------------------------------------

TEST_CASE("text_util: title_case of an ALL-CAPS dateline word") {
  CHECK(title_case("MOSCOW") == "Moscow");
  CHECK(title_case("NAIROBI") == "Nairobi");
}

TEST_CASE("text_util: title_case capitalises each word") {
  CHECK(title_case("NEW DELHI") == "New Delhi");
  CHECK(title_case("JOHN SMITH") == "John Smith");
}

TEST_CASE("text_util: title_case after a hyphen starts a new word") {
  CHECK(title_case("JEAN-CLAUDE") == "Jean-Claude");
}

TEST_CASE("text_util: title_case on non-ASCII capitals") {
  CHECK(title_case("ŞAHİN") == "Şahin");
  CHECK(title_case("ÖZTÜRK") == "Öztürk");
}

TEST_CASE("text_util: title_case keeps an apostrophe inside the word (DON'T -> Don't)") {
  CHECK(title_case("DON'T") == "Don't");
}

// ---- fold ----------------------------------------------------------------------------

TEST_CASE("text_util: fold removes diacritics and lower-cases (Türkiye -> turkiye)") {
  CHECK(fold("Türkiye") == "turkiye");
  CHECK(fold("Çelik") == "celik");
  CHECK(fold("Łódź") == "lodz");
  CHECK(fold("Brasília") == "brasilia");
}

TEST_CASE("text_util: fold expands sharp s to ss") { CHECK(fold("Straße") == "strasse"); }

TEST_CASE("text_util: fold maps the Turkish İ and dotless ı to i") {
  CHECK(fold("İzmir") == "izmir");
  CHECK(fold("Işık") == "isik");
}

TEST_CASE("text_util: fold turns curly apostrophes into straight ones") {
  CHECK(fold("O’Neil") == "o'neil");
  CHECK(fold("O‘Neil") == "o'neil");
}

TEST_CASE("text_util: fold keeps non-Latin letters (lower-cased)") {
  CHECK(fold("БЕРЛИН") == "берлин");
  CHECK(fold("東京") == "東京");
}

TEST_CASE("text_util: LowerForms gives a token's own text when it has no capital") {
  const std::string word = "talks";
  const kg::extract::LowerForms lowers(1);
  CHECK(&lowers.get(0, word) == &word);
}

TEST_CASE("text_util: LowerForms lower-cases a capitalised token once, and its reference stays valid") {
  const std::vector<std::string> words(1000, "Moscow");
  const kg::extract::LowerForms lowers(words.size());
  const std::string& first = lowers.get(0, words[0]);
  for (std::uint32_t t = 1; t < words.size(); ++t) CHECK(lowers.get(t, words[t]) == "moscow");
  CHECK(first == "moscow");
  CHECK(&lowers.get(0, words[0]) == &first);
}
