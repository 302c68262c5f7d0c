#include "extract/text/abbreviations.h"

#include <algorithm>
#include <array>

namespace kg::extract {
namespace {

using K = AbbreviationKind;

struct Abbreviation {
  std::string_view key;  // lower case, without the period
  AbbreviationKind kind;
  bool any_case;  // "etc", "vs": no capitalised canonical form to insist on
};

// Sorted by key (checked below) for binary search. Months, weekdays, titles, company
// suffixes, street words and AP-style U.S. state abbreviations; dotted forms such as
// U.S., a.m. and e.g. are recognised by pattern, not listed.
constexpr auto kAbbreviations = std::to_array<Abbreviation>({
    {"adm", K::Title, false},     {"al", K::Ordinary, true},        {"ala", K::Ordinary, false},
    {"amb", K::Title, false},     {"approx", K::Ordinary, true},    {"apr", K::Ordinary, false},
    {"ariz", K::Ordinary, false}, {"ark", K::Ordinary, false},      {"art", K::BeforeNumber, false},
    {"assn", K::Ordinary, false}, {"atty", K::Title, false},        {"aug", K::Ordinary, false},
    {"ave", K::Ordinary, false},  {"blvd", K::Ordinary, false},     {"brig", K::Title, false},
    {"bros", K::Ordinary, false}, {"calif", K::Ordinary, false},    {"capt", K::Title, false},
    {"cf", K::Ordinary, true},    {"cmdr", K::Title, false},        {"co", K::Ordinary, false},
    {"col", K::Title, false},     {"colo", K::Ordinary, false},     {"conn", K::Ordinary, false},
    {"corp", K::Ordinary, false}, {"cpl", K::Title, false},         {"dec", K::Ordinary, false},
    {"del", K::Ordinary, false},  {"dept", K::Ordinary, true},      {"dr", K::Title, false},
    {"etc", K::Ordinary, true},   {"feb", K::Ordinary, false},      {"fig", K::BeforeNumber, true},
    {"fla", K::Ordinary, false},  {"fr", K::Title, false},          {"fri", K::Ordinary, false},
    {"ft", K::Ordinary, false},   {"ga", K::Ordinary, false},       {"gen", K::Title, false},
    {"gens", K::Title, false},    {"gov", K::Title, false},         {"govs", K::Title, false},
    {"hon", K::Title, false},     {"ill", K::Ordinary, false},      {"inc", K::Ordinary, false},
    {"incl", K::Ordinary, true},  {"ind", K::Ordinary, false},      {"insp", K::Title, false},
    {"jan", K::Ordinary, false},  {"jr", K::Ordinary, false},       {"jul", K::Ordinary, false},
    {"jun", K::Ordinary, false},  {"kan", K::Ordinary, false},      {"kans", K::Ordinary, false},
    {"ky", K::Ordinary, false},   {"la", K::Ordinary, false},       {"lt", K::Title, false},
    {"ltd", K::Ordinary, false},  {"maj", K::Title, false},         {"mar", K::Ordinary, false},
    {"mass", K::Ordinary, false}, {"md", K::Ordinary, false},       {"messrs", K::Title, false},
    {"mich", K::Ordinary, false}, {"minn", K::Ordinary, false},     {"miss", K::Ordinary, false},
    {"mlle", K::Title, false},    {"mme", K::Title, false},         {"mmes", K::Title, false},
    {"mo", K::Ordinary, false},   {"mon", K::Ordinary, false},      {"mont", K::Ordinary, false},
    {"mr", K::Title, false},      {"mrs", K::Title, false},         {"ms", K::Title, false},
    {"msgr", K::Title, false},    {"mt", K::Ordinary, false},       {"neb", K::Ordinary, false},
    {"nev", K::Ordinary, false},  {"no", K::BeforeNumber, false},   {"nos", K::BeforeNumber, false},
    {"nov", K::Ordinary, false},  {"oct", K::Ordinary, false},      {"okla", K::Ordinary, false},
    {"ore", K::Ordinary, false},  {"p", K::BeforeNumber, true},     {"pa", K::Ordinary, false},
    {"plc", K::Ordinary, false},  {"pp", K::BeforeNumber, true},    {"pres", K::Title, false},
    {"prof", K::Title, false},    {"pty", K::Ordinary, false},      {"pvt", K::Title, false},
    {"rd", K::Ordinary, false},   {"rep", K::Title, false},         {"reps", K::Title, false},
    {"rev", K::Title, false},     {"sat", K::Ordinary, false},      {"sen", K::Title, false},
    {"sens", K::Title, false},    {"sep", K::Ordinary, false},      {"sept", K::Ordinary, false},
    {"sgt", K::Title, false},     {"sr", K::Ordinary, false},       {"st", K::Ordinary, false},
    {"sun", K::Ordinary, false},  {"supt", K::Title, false},        {"tenn", K::Ordinary, false},
    {"thu", K::Ordinary, false},  {"thur", K::Ordinary, false},     {"thurs", K::Ordinary, false},
    {"tue", K::Ordinary, false},  {"tues", K::Ordinary, false},     {"univ", K::Ordinary, false},
    {"v", K::Ordinary, true},     {"va", K::Ordinary, false},       {"viz", K::Ordinary, true},
    {"vol", K::BeforeNumber, true}, {"vs", K::Ordinary, true},      {"vt", K::Ordinary, false},
    {"wash", K::Ordinary, false}, {"wed", K::Ordinary, false},      {"wis", K::Ordinary, false},
    {"wyo", K::Ordinary, false},
});
static_assert(std::is_sorted(kAbbreviations.begin(), kAbbreviations.end(),
                             [](const Abbreviation& a, const Abbreviation& b) { return a.key < b.key; }));

// Left parts that make a compound, not a name, even when capitalised at a sentence start
// or in a title-case headline: "Anti-war", "Pro-Russian", "Full-Scale", "Self-Defence".
// Number words too: "Twenty-Five Killed".
constexpr auto kHyphenPrefixes = std::to_array<std::string_view>({
    "all", "anti", "co", "counter", "cross", "de", "eight", "eighty", "ex", "far", "fifty",
    "five", "forty", "four", "full", "half", "high", "inter", "intra", "long", "low", "mid",
    "multi", "neo", "nine", "ninety", "non", "one", "over", "post", "pre", "pro", "quasi",
    "re", "self", "semi", "seven", "seventy", "short", "six", "sixty", "so", "sub", "super",
    "ten", "thirty", "three", "top", "trans", "twenty", "two", "ultra", "un", "under", "vice",
    "well",
});
static_assert(std::is_sorted(kHyphenPrefixes.begin(), kHyphenPrefixes.end()));

// Capitalised, these words almost never continue a sentence, so after "U.S." or "Inc."
// they mark a new one. Names are deliberately absent ("U.S. Embassy" continues).
constexpr auto kSentenceOpeners = std::to_array<std::string_view>({
    "A", "After", "Although", "An", "And", "As", "At", "Before", "Both", "But", "For", "He",
    "Her", "His", "How", "However", "I", "If", "In", "It", "Its", "Many", "Meanwhile", "My",
    "Neither", "Nor", "Now", "On", "Or", "Our", "She", "Since", "So", "Some", "Still", "That",
    "The", "Their", "Then", "There", "These", "They", "This", "Those", "Though", "Thus", "To",
    "We", "What", "When", "While", "Who", "Why", "With", "Yet", "You",
});
static_assert(std::is_sorted(kSentenceOpeners.begin(), kSentenceOpeners.end()));

constexpr std::size_t kMaxKey = 8;

bool ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool ascii_lower(char c) { return c >= 'a' && c <= 'z'; }

// Lower-cases an ASCII word into `buf`; false when it is too long or not ASCII letters.
bool lower_into(std::string_view word, char (&buf)[kMaxKey], std::string_view& out) {
  if (word.empty() || word.size() > kMaxKey) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    if (ascii_upper(c)) c = static_cast<char>(c - 'A' + 'a');
    else if (!ascii_lower(c)) return false;
    buf[i] = c;
  }
  out = std::string_view(buf, word.size());
  return true;
}

}  // namespace

AbbreviationKind abbreviation_kind(std::string_view word) {
  char buf[kMaxKey];
  std::string_view key;
  if (!lower_into(word, buf, key)) return K::None;
  auto it = std::lower_bound(kAbbreviations.begin(), kAbbreviations.end(), key,
                             [](const Abbreviation& a, std::string_view k) { return a.key < k; });
  if (it == kAbbreviations.end() || it->key != key) return K::None;
  if (it->any_case) return it->kind;
  bool rest_lower = std::all_of(word.begin() + 1, word.end(), ascii_lower);
  bool rest_upper = std::all_of(word.begin() + 1, word.end(), ascii_upper);
  if (!ascii_upper(word[0])) return K::None;
  if (rest_lower) return it->kind;
  // ALL CAPS headlines ("FEB. 18", "ACME INC.") but not titles: "MS." is multiple sclerosis.
  if (rest_upper && word.size() > 1 && it->kind != K::Title) return it->kind;
  return K::None;
}

bool is_hyphen_prefix(std::string_view left) {
  char buf[kMaxKey];
  std::string_view key;
  if (!lower_into(left, buf, key)) return false;
  return std::binary_search(kHyphenPrefixes.begin(), kHyphenPrefixes.end(), key);
}

bool is_sentence_opener(std::string_view word) {
  return std::binary_search(kSentenceOpeners.begin(), kSentenceOpeners.end(), word);
}

}  // namespace kg::extract
