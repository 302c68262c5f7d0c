#pragma once
// Lexicon: the frozen word lists and gazetteers the rule extractor reads.
//
// What it represents: countries (aliases, demonyms, capitals), other places, major
// organisations and events, title and role words, organisation head words, group nouns,
// given names, common English words and verb forms. The built-in lexicon is compiled into
// the binary from extract/nlp/lexicon/*.tsv (see extract/nlp/lexicon/README.md for sources).
// Requires: files in the documented TSV formats; a malformed row throws kg::ModelError
// naming the file and line. Ensures: lookups are exact on the phrase as written (tokens'
// norm forms joined by one space), with a case-insensitive fallback for ALL-CAPS text.
// Thread safety: immutable after construction; builtin() is initialised once.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "extract/text/document.h"

namespace kg::extract {

enum class NameKind : std::uint8_t { Name, Demonym, Capital };

struct NameEntry {
  EntityType type = EntityType::Gpe;
  std::string canonical;  // "United States"
  NameKind kind = NameKind::Name;
  std::string country;    // for cities, regions and national bodies: the state they belong to
};

// Head: heads a state or public body ("president"); Executive: heads a company or other
// organisation, never a state ("chairman"); Official: an office or rank; Media: writers;
// Honorific: courtesy, religious and noble titles.
enum class TitleKind : std::uint8_t { Head, Official, Media, Honorific, Executive };

struct TitleEntry {
  std::string role;  // normalised lower-case role ("foreign minister")
  TitleKind kind = TitleKind::Official;
};

struct OrgHead {
  EntityType type = EntityType::Org;  // ORG, or LOC for facilities
  bool at_start = false;              // "Ministry (of ...)" rather than "... Ministry"
};

enum class GroupKind : std::uint8_t { Group, People };

struct VerbEntry {
  std::string lemma;
  std::string tag;  // VB, VBD, VBG, VBN, VBP, VBZ
};

// KeyFilter: a Bloom filter over the keys of one lexicon table, so that looking up a word
// the table lacks (most lookups: most words are no verb, title or place name) reads one
// 64-bit word of a few kilobytes that stay in the cache, not the table's buckets and nodes.
// Ensures: may_contain(k) is true for every key add()ed since build() (no false negatives),
// and false for all but about 3 % of other keys; an unbuilt filter says true for anything.
// Thread safety: const member functions may run concurrently.
class KeyFilter {
 public:
  // Empties the filter and sizes it for `keys` keys (about 16 bits a key).
  void build(std::size_t keys);
  void add(std::string_view key);
  bool may_contain(std::string_view key) const {
    if (words_.empty()) return true;
    const std::uint64_t h = hash(key);
    const std::uint64_t word = words_[h & (words_.size() - 1)];
    const std::uint64_t bits = (std::uint64_t{1} << ((h >> 40) & 63)) | (std::uint64_t{1} << ((h >> 52) & 63));
    return (word & bits) == bits;
  }

 private:
  static std::uint64_t hash(std::string_view key);
  std::vector<std::uint64_t> words_;  // a power of two of them
};

// Hash and equality that accept std::string_view, so lookups never copy the key.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

class Lexicon {
 public:
  // Reads files by name ("countries.tsv", ...) through `read`; an empty view means absent.
  static Lexicon load(const std::function<std::string_view(std::string_view)>& read);
  static const Lexicon& builtin();

  const NameEntry* name(std::string_view phrase) const;
  const TitleEntry* title(std::string_view phrase) const;
  // A nationality adjective or people the gazetteer knows ("French", "Danish").
  bool is_demonym(std::string_view phrase) const;
  // A role a state holds, by the titles list: a Head or Official title ("foreign minister",
  // "president"), or one whose last word is ("deputy trade minister"); a company's
  // "director" (Executive), a writer (Media) or a courtesy title is none.
  bool is_public_office(std::string_view role) const;
  // The head ending a name ("... Ministry"), else the head starting one ("Ministry of ...").
  std::optional<OrgHead> org_head(std::string_view word) const;
  bool starts_org_name(std::string_view word) const;
  std::optional<GroupKind> group_noun(std::string_view lower_word) const;
  // A listed verb form, else a regular -ed/-ing inflection of a listed base form
  // ("imposed" -> impose/VBD, "addressing" -> address/VBG).
  std::optional<VerbEntry> verb(std::string_view lower_word) const;
  bool is_given_name(std::string_view word) const;
  bool is_common_word(std::string_view lower_word) const;
  // The state a country-level name belongs to ("Moscow" -> "Russia"); empty if none.
  const std::string& demonym_of(const std::string& country) const;

  // A number no other lexicon load() made in this process has (0: a default-constructed
  // one, which is empty); copies share it, as they share the contents. Callers that remember
  // answers derived from a lexicon key them by it.
  std::uint64_t serial() const { return serial_; }

  std::size_t max_name_tokens() const { return max_name_tokens_; }
  std::size_t max_title_tokens() const { return max_title_tokens_; }
  // Whether some gazetteer name / title of two or more words starts with this word: a cheap
  // test before trying longer phrases.
  bool starts_long_name(std::string_view word) const {
    return long_name_starts_filter_.may_contain(word) && long_name_starts_.count(word) > 0;
  }
  // The most words of a gazetteer name whose lower-cased first word is this; 0 if none has 2+.
  std::size_t long_name_tokens(std::string_view lower_word) const {
    if (!long_name_tokens_filter_.may_contain(lower_word)) return 0;
    const auto it = long_name_tokens_.find(lower_word);
    return it == long_name_tokens_.end() ? 0 : it->second;
  }
  bool starts_long_title(std::string_view word) const {
    return long_title_starts_filter_.may_contain(word) && long_title_starts_.count(word) > 0;
  }

 private:
  void add_name(const std::string& phrase, NameEntry entry);
  void build_filters();  // once every table is filled

  StringMap<NameEntry> names_;
  StringMap<NameEntry> names_lower_;
  StringMap<TitleEntry> titles_;
  StringMap<OrgHead> org_heads_;        // position end
  StringMap<OrgHead> org_head_starts_;  // position start
  StringMap<GroupKind> group_nouns_;
  StringMap<VerbEntry> verbs_;
  StringSet given_names_;
  StringSet common_words_;
  StringSet long_name_starts_;   // first words of names of 2+ words (also lower-cased)
  StringMap<std::size_t> long_name_tokens_;  // lower-cased first word -> most words of such a name
  StringSet long_title_starts_;  // first words of titles of 2+ words
  std::unordered_map<std::string, std::string> demonyms_;  // country -> first demonym
  // One filter per table above, over its keys (demonyms_ is not looked up in hot loops).
  KeyFilter names_filter_, names_lower_filter_, titles_filter_, org_heads_filter_, org_head_starts_filter_,
      group_nouns_filter_, verbs_filter_, given_names_filter_, common_words_filter_, long_name_starts_filter_,
      long_name_tokens_filter_, long_title_starts_filter_;
  std::size_t max_name_tokens_ = 1;
  std::size_t max_title_tokens_ = 1;
  std::uint64_t serial_ = 0;
};

// Defined in the generated lexicon_data.cpp.
std::string_view embedded_lexicon_file(std::string_view name);

}  // namespace kg::extract
