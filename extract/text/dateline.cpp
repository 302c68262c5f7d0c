#include "extract/text/dateline.h"

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace kg::extract {
namespace {

// Lines above the first paragraph worth looking at (headline, byline, date line, blanks
// aside), and the length from which a line is a paragraph rather than a heading.
constexpr int kMaxLines = 10;
constexpr std::size_t kParagraphLength = 100;
// A dateline is short; a date further into the first line is the story's, not the article's.
constexpr std::size_t kMaxDatelineLength = 80;

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

// ASCII letter runs, digit runs and single other bytes; whitespace separates.
std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (c == ' ' || c == '\t') {
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    if (is_alpha(c)) {
      while (j < s.size() && is_alpha(s[j])) ++j;
    } else if (is_digit(c)) {
      while (j < s.size() && is_digit(s[j])) ++j;
    }
    out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

// 1..12 for a month name or its usual abbreviations ("Feb", "Sept"); 0 otherwise.
int month_number(std::string_view w) {
  static constexpr std::array<std::string_view, 12> kNames{
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  if (w.size() < 3) return 0;
  for (std::size_t m = 0; m < kNames.size(); ++m) {
    if (iequals(w, kNames[m]) || iequals(w, kNames[m].substr(0, 3))) return static_cast<int>(m) + 1;
  }
  return iequals(w, "sept") ? 9 : 0;
}

bool is_weekday(std::string_view w) {
  static constexpr std::array<std::string_view, 7> kDays{"monday", "tuesday", "wednesday", "thursday",
                                                         "friday", "saturday", "sunday"};
  for (std::string_view d : kDays)
    if (iequals(w, d) || iequals(w, d.substr(0, 3))) return true;
  return false;
}

// The value of a run of 1..4 digits; -1 otherwise.
int number(std::string_view w, std::size_t max_digits) {
  if (w.empty() || w.size() > max_digits) return -1;
  int v = 0;
  for (char c : w) {
    if (!is_digit(c)) return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

std::optional<std::string> iso(int year, int month, int day) {
  if (year < 1000 || year > 2999 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month))
    return std::nullopt;
  std::string out = std::to_string(year) + "-";
  out += static_cast<char>('0' + month / 10);
  out += static_cast<char>('0' + month % 10);
  out += '-';
  out += static_cast<char>('0' + day / 10);
  out += static_cast<char>('0' + day % 10);
  return out;
}

struct Found {
  std::string date;
  std::size_t end = 0;  // word index one past the date
};

// Skips an ordinal suffix ("3rd") and then a word equal to `punct`, when present.
std::size_t skip(const std::vector<std::string_view>& w, std::size_t i, std::string_view punct) {
  return i < w.size() && w[i] == punct ? i + 1 : i;
}
std::size_t skip_ordinal(const std::vector<std::string_view>& w, std::size_t i) {
  if (i < w.size() && (iequals(w[i], "st") || iequals(w[i], "nd") || iequals(w[i], "rd") || iequals(w[i], "th")))
    return i + 1;
  return i;
}

// A full date starting at word i: "March 3, 2025", "Feb. 3 2025", "3 March 2025",
// "3rd of March, 2025", "2025-03-03".
std::optional<Found> date_at(const std::vector<std::string_view>& w, std::size_t i) {
  const auto at = [&](std::size_t k) { return k < w.size() ? w[k] : std::string_view(); };
  if (const int month = month_number(at(i))) {
    std::size_t k = skip(w, i + 1, ".");
    const int day = number(at(k), 2);
    if (day < 0) return std::nullopt;
    k = skip(w, skip_ordinal(w, k + 1), ",");
    const int year = number(at(k), 4);
    if (at(k).size() != 4) return std::nullopt;
    if (auto d = iso(year, month, day)) return Found{*d, k + 1};
    return std::nullopt;
  }
  if (const int day = number(at(i), 2); day > 0) {
    std::size_t k = skip_ordinal(w, i + 1);
    if (iequals(at(k), "of")) ++k;
    const int month = month_number(at(k));
    if (month == 0) return std::nullopt;
    k = skip(w, skip(w, k + 1, "."), ",");
    const int year = number(at(k), 4);
    if (at(k).size() != 4) return std::nullopt;
    if (auto d = iso(year, month, day)) return Found{*d, k + 1};
    return std::nullopt;
  }
  if (at(i).size() == 4 && at(i + 1) == "-" && at(i + 2).size() == 2 && at(i + 3) == "-" && at(i + 4).size() == 2) {
    if (auto d = iso(number(at(i), 4), number(at(i + 2), 2), number(at(i + 4), 2))) return Found{*d, i + 5};
  }
  return std::nullopt;
}

// A line that is only a date: optional "Published"/"Updated", optional weekday, the date,
// then nothing or a time ("10:30 GMT").
std::optional<std::string> date_line(std::string_view line) {
  const std::vector<std::string_view> w = words(line);
  std::size_t i = 0;
  if (i < w.size() && (iequals(w[i], "published") || iequals(w[i], "updated") || iequals(w[i], "posted"))) {
    i = skip(w, i + 1, ":");
    if (i < w.size() && iequals(w[i], "on")) ++i;
  }
  if (i < w.size() && is_weekday(w[i])) i = skip(w, skip(w, i + 1, "."), ",");
  const std::optional<Found> found = date_at(w, i);
  if (!found) return std::nullopt;
  std::size_t k = found->end;
  if (k < w.size() && (w[k] == "," || w[k] == "|" || w[k] == "-" || iequals(w[k], "at"))) ++k;
  if (k == w.size()) return found->date;
  if (number(w[k], 2) >= 0 && k + 2 < w.size() && w[k + 1] == ":" && number(w[k + 2], 2) >= 0) return found->date;
  return std::nullopt;
}

// The part of a paragraph's first line before its dateline separator (an em or en dash, a
// spaced hyphen or a colon), when that part is short enough to be a dateline.
std::optional<std::string_view> dateline_prefix(std::string_view line) {
  std::size_t cut = std::string_view::npos;
  for (std::string_view separator : {"\xE2\x80\x94", "\xE2\x80\x93", " - ", " -- ", ":"}) {
    cut = std::min(cut, line.find(separator));
  }
  if (cut == std::string_view::npos || cut > kMaxDatelineLength) return std::nullopt;
  return line.substr(0, cut);
}

std::string_view trim(std::string_view s) {
  // Markdown decoration of scraped articles ("## Headline", "*February 27, 2025*") too.
  constexpr std::string_view kDecoration = " \t\r\f\v#*_>";
  const std::size_t first = s.find_first_not_of(kDecoration);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(kDecoration) - first + 1);
}

}  // namespace

std::string dateline_date(std::string_view text) {
  int lines = 0;
  for (std::size_t pos = 0; pos < text.size() && lines < kMaxLines;) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = trim(text.substr(pos, end - pos));
    pos = end + 1;
    if (line.empty()) continue;
    ++lines;
    if (auto date = date_line(line)) return *date;
    if (auto prefix = dateline_prefix(line)) {
      const std::vector<std::string_view> w = words(*prefix);
      for (std::size_t i = 0; i < w.size(); ++i)
        if (auto found = date_at(w, i)) return found->date;
    }
    if (line.size() >= kParagraphLength) break;  // the first paragraph: no date line below it
  }
  return {};
}

bool is_iso_date(std::string_view date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  const int year = number(date.substr(0, 4), 4), month = number(date.substr(5, 2), 2),
            day = number(date.substr(8, 2), 2);
  return year >= 0 && month >= 0 && day >= 0 && iso(year, month, day).has_value();
}

}  // namespace kg::extract
