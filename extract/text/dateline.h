#pragma once
// Publication dates from the top of a news article: a dateline or a date line.
//
// What it finds: a full calendar date (day, month and year) in the first lines of `text`,
// either in the dateline that opens the first paragraph, before its dash or colon
// ("MOSCOW, March 3, 2025 (Reuters) -", "Istanbul, 28 February 2025 —", "LONDON, Feb. 3,
// 2025:"), or on a line of its own above it ("February 27, 2025", "Thursday, 27 February
// 2025", "2025-02-27", optionally followed by a time "10:30 GMT"). Headlines, bylines and
// blank lines above the first paragraph are skipped; the search ends with the first line
// long enough to be a paragraph. Month names may be written out or abbreviated ("Sept.").
// Requires: nothing; any bytes are accepted. Ensures: the date as "YYYY-MM-DD" when one is
// found and is a real day of the Gregorian calendar (years 1000-2999); an empty string
// otherwise: a date without a year ("Istanbul, 28 February —") is not a publication date.
// Thread safety: a stateless function.
#include <string>
#include <string_view>

namespace kg::extract {

std::string dateline_date(std::string_view text);

// True when `date` is "YYYY-MM-DD" naming a real day (years 1000-2999); what --date accepts.
bool is_iso_date(std::string_view date);

}  // namespace kg::extract
