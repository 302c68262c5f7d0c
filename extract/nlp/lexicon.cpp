#include "extract/nlp/lexicon.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cstring>

#include "extract/text/error.h"
#include "extract/text/text_util.h"

namespace kg::extract {
namespace {

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    std::size_t pos = s.find(sep, start);
    std::string part(s.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
    while (!part.empty() && (part.back() == ' ' || part.back() == '\r')) part.pop_back();
    while (!part.empty() && part.front() == ' ') part.erase(part.begin());
    out.push_back(std::move(part));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return out;
}

std::vector<std::string> list_field(const std::vector<std::string>& fields, std::size_t i) {
  std::vector<std::string> out;
  if (i >= fields.size() || fields[i].empty()) return out;
  for (auto& item : split(fields[i], '|'))
    if (!item.empty()) out.push_back(std::move(item));
  return out;
}

// Calls `row(fields, line_number)` for every non-comment, non-blank line.
template <typename Row>
void for_each_row(std::string_view file, std::string_view data, std::size_t min_fields, Row row) {
  std::size_t line_no = 0, start = 0;
  while (start < data.size()) {
    std::size_t end = data.find('\n', start);
    if (end == std::string_view::npos) end = data.size();
    std::string_view line = data.substr(start, end - start);
    start = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    auto fields = split(line, '\t');
    if (fields.size() < min_fields || fields[0].empty())
      throw ModelError(std::string(file) + ":" + std::to_string(line_no) + ": expected " +
                       std::to_string(min_fields) + " tab-separated fields, found " +
                       std::to_string(fields.size()));
    row(fields, line_no);
  }
}

std::size_t token_count(std::string_view phrase) {
  return static_cast<std::size_t>(std::count(phrase.begin(), phrase.end(), ' ')) + 1;
}

std::optional<EntityType> parse_type(std::string_view file, std::size_t line, const std::string& t) {
  auto type = entity_type_from_string(t);
  if (!type) throw ModelError(std::string(file) + ":" + std::to_string(line) + ": unknown entity type '" + t + "'");
  return type;
}

// The keys of a map's or a set's entries.
std::string_view key_of(const std::string& key) { return key; }
template <typename V>
std::string_view key_of(const std::pair<const std::string, V>& entry) {
  return entry.first;
}

template <typename Table>
void fill(KeyFilter& filter, const Table& table) {
  filter.build(table.size());
  for (const auto& entry : table) filter.add(key_of(entry));
}

}  // namespace

void KeyFilter::build(std::size_t keys) {
  // 16 bits a key, in 64-bit words; at least one word, a power of two of them.
  words_.assign(std::bit_ceil(std::max<std::size_t>(1, keys / 4)), 0);
}

void KeyFilter::add(std::string_view key) {
  const std::uint64_t h = hash(key);
  words_[h & (words_.size() - 1)] |= (std::uint64_t{1} << ((h >> 40) & 63)) | (std::uint64_t{1} << ((h >> 52) & 63));
}

std::uint64_t KeyFilter::hash(std::string_view key) {
  // Eight bytes at a time, each block mixed in by a multiplication (keys are short).
  std::uint64_t h = 0x9e3779b97f4a7c15ull ^ key.size();
  std::size_t i = 0;
  for (; i + 8 <= key.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, key.data() + i, 8);
    h = (h ^ w) * 0xff51afd7ed558ccdull;
    h ^= h >> 32;
  }
  std::uint64_t w = 0;
  if (i < key.size()) std::memcpy(&w, key.data() + i, key.size() - i);
  h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 29;
  h *= 0x94d049bb133111ebull;
  return h ^ (h >> 31);
}

void Lexicon::build_filters() {
  fill(names_filter_, names_);
  fill(names_lower_filter_, names_lower_);
  fill(titles_filter_, titles_);
  fill(org_heads_filter_, org_heads_);
  fill(org_head_starts_filter_, org_head_starts_);
  fill(group_nouns_filter_, group_nouns_);
  fill(verbs_filter_, verbs_);
  fill(given_names_filter_, given_names_);
  fill(common_words_filter_, common_words_);
  fill(long_name_starts_filter_, long_name_starts_);
  fill(long_name_tokens_filter_, long_name_tokens_);
  fill(long_title_starts_filter_, long_title_starts_);
}

void Lexicon::add_name(const std::string& phrase, NameEntry entry) {
  if (phrase.empty()) return;
  max_name_tokens_ = std::max(max_name_tokens_, token_count(phrase));
  if (std::size_t space = phrase.find(' '); space != std::string::npos) {
    long_name_starts_.insert(phrase.substr(0, space));
    long_name_starts_.insert(to_lower(phrase.substr(0, space)));
    std::size_t& most = long_name_tokens_[to_lower(phrase.substr(0, space))];
    most = std::max(most, token_count(phrase));
  }
  names_lower_.emplace(to_lower(phrase), entry);
  names_.emplace(phrase, std::move(entry));  // first definition wins
}

Lexicon Lexicon::load(const std::function<std::string_view(std::string_view)>& read) {
  Lexicon lex;
  for_each_row("countries.tsv", read("countries.tsv"), 1, [&](const auto& f, std::size_t) {
    const std::string& country = f[0];
    lex.add_name(country, {EntityType::Gpe, country, NameKind::Name, country});
    for (const auto& a : list_field(f, 1)) lex.add_name(a, {EntityType::Gpe, country, NameKind::Name, country});
    auto demonyms = list_field(f, 2);
    for (const auto& d : demonyms) lex.add_name(d, {EntityType::Gpe, country, NameKind::Demonym, country});
    if (!demonyms.empty()) lex.demonyms_.emplace(country, demonyms.front());
    std::vector<std::string> capitals = list_field(f, 3);
    for (const auto& c : list_field(f, 4)) capitals.push_back(c);
    for (const auto& c : capitals) lex.add_name(c, {EntityType::Gpe, capitals.front(), NameKind::Capital, country});
  });
  for_each_row("places.tsv", read("places.tsv"), 2, [&](const auto& f, std::size_t line) {
    EntityType type = *parse_type("places.tsv", line, f[0]);
    const std::string& canonical = f[1];
    std::string part_of = f.size() > 4 ? f[4] : "";
    lex.add_name(canonical, {type, canonical, NameKind::Name, part_of});
    for (const auto& a : list_field(f, 2)) lex.add_name(a, {type, canonical, NameKind::Name, part_of});
    for (const auto& d : list_field(f, 3)) lex.add_name(d, {type, canonical, NameKind::Demonym, part_of});
  });
  for_each_row("organizations.tsv", read("organizations.tsv"), 2, [&](const auto& f, std::size_t line) {
    EntityType type = *parse_type("organizations.tsv", line, f[0]);
    const std::string& canonical = f[1];
    std::string country = f.size() > 3 ? f[3] : "";
    lex.add_name(canonical, {type, canonical, NameKind::Name, country});
    for (const auto& a : list_field(f, 2)) lex.add_name(a, {type, canonical, NameKind::Name, country});
  });
  for_each_row("titles.tsv", read("titles.tsv"), 2, [&](const auto& f, std::size_t line) {
    TitleEntry entry{f[1], TitleKind::Official};
    std::string kind = f.size() > 2 ? f[2] : "official";
    if (kind == "head") entry.kind = TitleKind::Head;
    else if (kind == "executive") entry.kind = TitleKind::Executive;
    else if (kind == "media") entry.kind = TitleKind::Media;
    else if (kind == "honorific") entry.kind = TitleKind::Honorific;
    else if (kind != "official")
      throw ModelError("titles.tsv:" + std::to_string(line) + ": unknown title kind '" + kind + "'");
    lex.max_title_tokens_ = std::max(lex.max_title_tokens_, token_count(f[0]));
    if (std::size_t space = f[0].find(' '); space != std::string::npos) lex.long_title_starts_.insert(f[0].substr(0, space));
    lex.titles_.emplace(f[0], std::move(entry));
  });
  for_each_row("org_heads.tsv", read("org_heads.tsv"), 2, [&](const auto& f, std::size_t line) {
    OrgHead head{*parse_type("org_heads.tsv", line, f[1]), f.size() > 2 && f[2] == "start"};
    (head.at_start ? lex.org_head_starts_ : lex.org_heads_).emplace(f[0], head);
  });
  for_each_row("group_nouns.tsv", read("group_nouns.tsv"), 2, [&](const auto& f, std::size_t) {
    lex.group_nouns_.emplace(f[0], f[1] == "group" ? GroupKind::Group : GroupKind::People);
  });
  for_each_row("verbs.tsv", read("verbs.tsv"), 2, [&](const auto& f, std::size_t) {
    lex.verbs_.emplace(f[0], VerbEntry{f[1], f.size() > 2 ? f[2] : ""});
  });
  for_each_row("given_names.txt", read("given_names.txt"), 1,
               [&](const auto& f, std::size_t) { lex.given_names_.insert(f[0]); });
  for_each_row("common_words.txt", read("common_words.txt"), 1,
               [&](const auto& f, std::size_t) { lex.common_words_.insert(f[0]); });
  lex.build_filters();
  static std::atomic<std::uint64_t> loaded{0};
  lex.serial_ = ++loaded;
  return lex;
}

const Lexicon& Lexicon::builtin() {
  static const Lexicon lexicon = load(embedded_lexicon_file);
  return lexicon;
}

const NameEntry* Lexicon::name(std::string_view phrase) const {
  if (names_filter_.may_contain(phrase))
    if (auto it = names_.find(phrase); it != names_.end()) return &it->second;
  // ALL-CAPS datelines and bylines ("MOSCOW:") match case-insensitively.
  if (is_all_caps(phrase) && phrase.size() > 3) {
    const std::string lower_phrase = to_lower(phrase);
    if (!names_lower_filter_.may_contain(lower_phrase)) return nullptr;
    auto lower = names_lower_.find(lower_phrase);
    if (lower != names_lower_.end()) return &lower->second;
  }
  return nullptr;
}

const TitleEntry* Lexicon::title(std::string_view phrase) const {
  if (!titles_filter_.may_contain(phrase)) return nullptr;
  auto it = titles_.find(phrase);
  return it == titles_.end() ? nullptr : &it->second;
}

bool Lexicon::is_demonym(std::string_view phrase) const {
  const NameEntry* e = name(phrase);
  return e && e->kind == NameKind::Demonym;
}

bool Lexicon::is_public_office(std::string_view role) const {
  const TitleEntry* t = title(role);
  if (!t) {
    const std::size_t space = role.rfind(' ');
    if (space != std::string_view::npos) t = title(role.substr(space + 1));
  }
  return t && (t->kind == TitleKind::Head || t->kind == TitleKind::Official);
}

std::optional<OrgHead> Lexicon::org_head(std::string_view word) const {
  if (org_heads_filter_.may_contain(word))
    if (auto it = org_heads_.find(word); it != org_heads_.end()) return it->second;
  if (org_head_starts_filter_.may_contain(word))
    if (auto it = org_head_starts_.find(word); it != org_head_starts_.end()) return it->second;
  return std::nullopt;
}

bool Lexicon::starts_org_name(std::string_view word) const {
  return org_head_starts_filter_.may_contain(word) && org_head_starts_.count(word) > 0;
}

std::optional<GroupKind> Lexicon::group_noun(std::string_view lower_word) const {
  if (!group_nouns_filter_.may_contain(lower_word)) return std::nullopt;
  auto it = group_nouns_.find(lower_word);
  if (it == group_nouns_.end()) return std::nullopt;
  return it->second;
}

std::optional<VerbEntry> Lexicon::verb(std::string_view lower_word) const {
  if (verbs_filter_.may_contain(lower_word))
    if (auto it = verbs_.find(lower_word); it != verbs_.end()) return it->second;
  // Only -ed / -ing forms go on to the stem rules below.
  if (lower_word.size() < 5 || !(lower_word.ends_with("ed") || lower_word.ends_with("ing"))) return std::nullopt;
  std::string word(lower_word);
  auto base_form = [&](const std::string& base) -> bool {
    if (!verbs_filter_.may_contain(base)) return false;
    auto it = verbs_.find(base);
    return it != verbs_.end() && it->second.tag == "VB" && it->second.lemma == base;
  };
  auto ends = [&](std::string_view suffix) {
    return word.size() > suffix.size() + 2 && word.compare(word.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  // Tries stem, stem+"e" and the stem with a doubled final consonant undone.
  auto from_stem = [&](std::string stem, const char* tag) -> std::optional<VerbEntry> {
    if (base_form(stem)) return VerbEntry{stem, tag};
    if (base_form(stem + "e")) return VerbEntry{stem + "e", tag};
    if (stem.size() > 2 && stem.back() == stem[stem.size() - 2] && base_form(stem.substr(0, stem.size() - 1)))
      return VerbEntry{stem.substr(0, stem.size() - 1), tag};
    if (stem.size() > 1 && stem.back() == 'i' && base_form(stem.substr(0, stem.size() - 1) + "y"))
      return VerbEntry{stem.substr(0, stem.size() - 1) + "y", tag};
    return std::nullopt;
  };
  if (ends("ed")) return from_stem(word.substr(0, word.size() - 2), "VBD");
  if (ends("ing")) return from_stem(word.substr(0, word.size() - 3), "VBG");
  // No rule for -s: without a tagger "talks" and "sanctions" are nouns far more often.
  return std::nullopt;
}

bool Lexicon::is_given_name(std::string_view word) const {
  return given_names_filter_.may_contain(word) && given_names_.count(word) > 0;
}

bool Lexicon::is_common_word(std::string_view lower_word) const {
  return common_words_filter_.may_contain(lower_word) && common_words_.count(lower_word) > 0;
}

const std::string& Lexicon::demonym_of(const std::string& country) const {
  static const std::string empty;
  auto it = demonyms_.find(country);
  return it == demonyms_.end() ? empty : it->second;
}

}  // namespace kg::extract
