#include "extract/text/dateline.h"

#include <doctest/doctest.h>

namespace kg::extract {

TEST_CASE("dateline_date: a dateline before the first paragraph's dash or colon") {
  CHECK(dateline_date("MOSCOW, March 3, 2025 (Reuters) - Russian diplomats met.") == "2025-03-03");
  CHECK(dateline_date("Nairobi, 14 October 2024 \xE2\x80\x94 Diplomats met.") == "2024-10-14");
  CHECK(dateline_date("LONDON, Feb. 3, 2025: Talks began.") == "2025-02-03");
  CHECK(dateline_date("PARIS, Sept. 30, 2024 \xE2\x80\x93 Talks.") == "2024-09-30");
  CHECK(dateline_date("Kyiv, 3rd of May, 2025 -- Talks.") == "2025-05-03");
}

TEST_CASE("dateline_date: a date line above the first paragraph") {
  CHECK(dateline_date("\n\n## Ministers Meet in Lima\n\nBy AP\n\nNovember 5, 2024\n\nText.") ==
        "2024-11-05");
  CHECK(dateline_date("Headline\nThursday, 27 February 2025\nBody.") == "2025-02-27");
  CHECK(dateline_date("2025-02-27\nBody.") == "2025-02-27");
  CHECK(dateline_date("Published: February 27, 2025 10:30 GMT\nBody.") == "2025-02-27");
  CHECK(dateline_date("*Feb 27 2025*\nBody.") == "2025-02-27");
}

TEST_CASE("dateline_date: a date without a year is no publication date") {
  CHECK(dateline_date("Nairobi, 14 October \xE2\x80\x94 Kenyan and Ugandan diplomats met.").empty());
  CHECK(dateline_date("February 27\nBody.").empty());
  CHECK(dateline_date("March 2025\nBody.").empty());
}

TEST_CASE("dateline_date: dates in the story are not the dateline") {
  // No separator: a date inside the first sentence is what happened, not when it was written.
  CHECK(dateline_date("Diplomats met on March 3, 2025 in Lima.").empty());
  // After the dash.
  CHECK(dateline_date("MOSCOW \xE2\x80\x94 Diplomats met on March 3, 2025.").empty());
  // A date line with more words on it is a sentence.
  CHECK(dateline_date("Talks held on February 27, 2025 ended\nBody.").empty());
  // Below the first paragraph.
  const std::string paragraph(120, 'x');
  CHECK(dateline_date(paragraph + "\nFebruary 27, 2025\n").empty());
}

TEST_CASE("dateline_date: impossible days are no dates") {
  CHECK(dateline_date("February 30, 2025\n").empty());
  CHECK(dateline_date("February 29, 2023\n").empty());
  CHECK(dateline_date("February 29, 2024\n") == "2024-02-29");
  CHECK(dateline_date("2025-13-01\n").empty());
  CHECK(dateline_date("0 March 2025\n").empty());
}

TEST_CASE("dateline_date: no text, no date") {
  CHECK(dateline_date("").empty());
  CHECK(dateline_date("\n\n\n").empty());
  CHECK(dateline_date(std::string("\xff\0\x01", 3)).empty());
}

TEST_CASE("is_iso_date: YYYY-MM-DD naming a real day") {
  CHECK(is_iso_date("2025-02-27"));
  CHECK(is_iso_date("2024-02-29"));
  CHECK_FALSE(is_iso_date("2023-02-29"));
  CHECK_FALSE(is_iso_date("2025-2-27"));
  CHECK_FALSE(is_iso_date("27-02-2025"));
  CHECK_FALSE(is_iso_date("2025-02-27T10:00"));
  CHECK_FALSE(is_iso_date("yesterday"));
  CHECK_FALSE(is_iso_date(""));
}

}  // namespace kg::extract
