#include "extract/kg/entities.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <functional>
#include <map>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "extract/kg/names.h"
#include "extract/kg/relation_words.h"
#include "extract/text/text_util.h"

namespace kg::extract {
namespace {

void add_unique(std::vector<std::string>& list, const std::string& value) {
  if (!value.empty() && std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

std::string plain_key(const Mention& m) { return std::string(to_string(m.type)) + ":" + fold(m.text); }

bool ends_with_words(const std::string& longer, const std::string& shorter) {
  auto a = name_tokens(fold(longer)), b = name_tokens(fold(shorter));
  if (b.size() >= a.size()) return false;
  return std::equal(b.rbegin(), b.rend(), a.rbegin());
}

// Hashes of a name's folded words from the last one back: element j covers the last j + 1
// words. Two names where one ends with the other's words share the shorter's full hash.
std::vector<std::uint64_t> suffix_hashes(const std::string& name) {
  const std::vector<std::string> words = name_tokens(fold(name));
  std::vector<std::uint64_t> out;
  out.reserve(words.size());
  std::uint64_t h = 1469598103934665603ull;
  for (auto it = words.rbegin(); it != words.rend(); ++it) {
    h = (h ^ std::hash<std::string>{}(*it)) * 1099511628211ull;
    out.push_back(h);
  }
  return out;
}

// The keys a person name is found under: the spelling key of its last word and, for a key
// of six letters or more, that key with each letter deleted in turn. Two last words that
// same_name_word() accepts (equal keys, or one edit apart where both have six letters or
// more) always share one of these keys.
std::vector<std::string> surname_keys(std::string_view name) {
  const std::vector<std::string> words = name_tokens(name);
  if (words.empty()) return {};
  std::vector<std::string> out{spelling_key(words.back())};
  const std::string key = out.front();
  if (key.size() >= 6)
    for (std::size_t i = 0; i < key.size(); ++i) out.push_back(key.substr(0, i) + key.substr(i + 1));
  return out;
}

// Whether the acronym's letters are the initials of the name's words ("HP", "Hewlett
// Packard"; "Hewlett-Packard" counts two words), ignoring case.
bool spelled_by_initials(std::string_view acronym, std::string_view name) {
  std::string initials;
  bool start = true;
  for (const char c : name) {
    if (c == ' ' || c == '-') {
      start = true;
      continue;
    }
    if (start) initials += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    start = false;
  }
  if (initials.size() < 2 || initials.size() != acronym.size()) return false;
  for (std::size_t i = 0; i < acronym.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(acronym[i])) != initials[i]) return false;
  return true;
}

class Resolver {
 public:
  explicit Resolver(Document& doc) : doc_(doc) {}

  void run() {
    // Full names first, so that short forms anywhere in the text find them.
    for (std::uint32_t i = 0; i < doc_.mentions.size(); ++i)
      if (!is_short_person(doc_.mentions[i])) place(i);
    for (std::uint32_t i = 0; i < doc_.mentions.size(); ++i)
      if (is_short_person(doc_.mentions[i])) place(i);
    join_suffix_names();
    join_legal_forms();
    join_company_short_names();
    join_same_names();
    finish();
  }

 private:
  static bool is_short_person(const Mention& m) {
    return m.type == EntityType::Person && name_tokens(m.text).size() == 1;
  }

  void place(std::uint32_t index) {
    Mention& m = doc_.mentions[index];
    if (int e = acronym_target(index); e >= 0) {
      // Later uses of the acronym on its own join too, under its gazetteer key as well.
      by_key_.emplace(plain_key(m), e);
      if (!m.key.empty()) by_key_.emplace(std::string(to_string(m.type)) + ":" + fold(m.key), e);
      return attach(index, e);
    }
    if (m.type == EntityType::Person) {
      if (int e = find_person(m); e >= 0) return attach(index, e);
      return attach(index, new_entity(m, ""));
    }
    std::string key = m.key.empty() ? plain_key(m) : std::string(to_string(m.type)) + ":" + fold(m.key);
    auto it = by_key_.find(key);
    if (it != by_key_.end()) return attach(index, it->second);
    int e = new_entity(m, m.key);
    by_key_.emplace(key, e);
    attach(index, e);
  }

  // "Federal Security Service (FSB)": the acronym joins the name before the bracket.
  int acronym_target(std::uint32_t index) {
    const Mention& m = doc_.mentions[index];
    if (index == 0 || m.first < 1 || m.last >= doc_.tokens.size()) return -1;
    if (doc_.tokens[m.first - 1].norm != "(" || doc_.tokens[m.last].norm != ")") return -1;
    if (!is_all_caps(m.text) || m.type == EntityType::Date) return -1;
    for (std::uint32_t k = index; k-- > 0;) {
      const Mention& prev = doc_.mentions[k];
      if (prev.last + 1 < m.first) break;
      if (prev.last + 1 != m.first) continue;
      // Only organisations take acronyms, and a known acronym of something other than an
      // organisation stays apart ("ISTANBUL (AP)" is a dateline and its agency).
      if ((prev.type == EntityType::Org || prev.type == EntityType::Event) &&
          (m.key.empty() || m.key == prev.key || m.type == EntityType::Org))
        return prev.entity;
      // "Barlow Keane (BK)" read as a person: an acronym spelled by the name's initials is
      // an organisation's (a person's initials are not put in brackets after the name).
      if (prev.type == EntityType::Person && prev.entity >= 0 && spelled_by_initials(m.text, prev.text)) {
        retype(static_cast<std::uint32_t>(prev.entity), EntityType::Org);
        return prev.entity;
      }
    }
    return -1;
  }

  void retype(std::uint32_t e, EntityType type) {
    Entity& entity = doc_.entities[e];
    entity.type = type;
    for (std::uint32_t i : entity.mentions) doc_.mentions[i].type = type;
  }

  // The person entity the mention names: among those with a compatible name, the one with
  // the nearest mention starting at or before it; the first such entity on a tie, the
  // first compatible one when none has an earlier mention. Reads only the entities whose
  // surname keys the mention shares (person_index_), not every entity.
  int find_person(const Mention& m) const {
    std::vector<std::uint32_t> candidates;
    for (const std::string& key : surname_keys(m.text))
      if (auto it = person_index_.find(key); it != person_index_.end())
        candidates.insert(candidates.end(), it->second.begin(), it->second.end());
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    int best = -1;
    std::uint32_t best_distance = UINT32_MAX;
    for (std::uint32_t e : candidates) {
      const Entity& entity = doc_.entities[e];
      if (entity.type != EntityType::Person) continue;
      if (!compatible_person_names(entity.name, m.text)) continue;
      // Prefer the nearest earlier mention of a compatible person.
      std::uint32_t distance = UINT32_MAX - 1;
      const std::vector<std::uint32_t>& starts = starts_[e];
      if (auto it = std::upper_bound(starts.begin(), starts.end(), m.first); it != starts.begin())
        distance = m.first - *(it - 1);
      if (distance < best_distance) {
        best_distance = distance;
        best = static_cast<int>(e);
      }
    }
    return best;
  }

  // Files a person entity under the surname keys of its (new) name; the old keys stay.
  void index_person(std::uint32_t e) {
    for (const std::string& key : surname_keys(doc_.entities[e].name)) {
      std::vector<std::uint32_t>& list = person_index_[key];
      if (list.empty() || list.back() != e) list.push_back(e);
    }
  }

  int new_entity(const Mention& m, const std::string& key) {
    Entity e;
    e.type = m.type;
    // Keys with a "kind:" prefix (groups, country-qualified names) identify; they don't name.
    e.name = key.empty() || key.find(':') != std::string::npos ? m.text : key;
    if (!key.empty()) e.key = std::string(to_string(m.type)) + ":" + fold(key);
    doc_.entities.push_back(std::move(e));
    starts_.emplace_back();
    const auto index = static_cast<std::uint32_t>(doc_.entities.size() - 1);
    if (m.type == EntityType::Person) index_person(index);
    return static_cast<int>(index);
  }

  void attach(std::uint32_t index, int e) {
    Mention& m = doc_.mentions[index];
    m.entity = e;
    Entity& entity = doc_.entities[static_cast<std::size_t>(e)];
    entity.mentions.push_back(index);
    // The fullest form names the entity, unless a gazetteer fixed the name.
    bool named_by_key = !entity.key.empty() && entity.key.find(':', entity.key.find(':') + 1) == std::string::npos;
    if (!named_by_key && name_tokens(m.text).size() > name_tokens(entity.name).size()) {
      entity.name = m.text;
      if (entity.type == EntityType::Person) index_person(static_cast<std::uint32_t>(e));
    }
    if (entity.type == EntityType::Person) {
      // Mentions come in text order, so this is an append but for the short names placed
      // after the full ones.
      std::vector<std::uint32_t>& starts = starts_[static_cast<std::size_t>(e)];
      starts.insert(std::upper_bound(starts.begin(), starts.end(), m.first), m.first);
    }
  }

  // Every mention of entity `from` becomes one of `into` (retyped to its type); `from` is
  // left empty, for finish() to drop.
  void move_mentions(std::size_t from, std::size_t into) {
    Entity& target = doc_.entities[into];
    for (std::uint32_t mi : doc_.entities[from].mentions) {
      doc_.mentions[mi].entity = static_cast<int>(into);
      doc_.mentions[mi].type = target.type;
      target.mentions.push_back(mi);
    }
    doc_.entities[from].mentions.clear();
  }

  // "Foreign Ministry" after "Russian Foreign Ministry", "G20 summit" after "2019 G20 summit".
  // The longer names are looked up by the hash of the shorter name's words among the hashes
  // of their own last words (suffix_hashes), not compared pair by pair.
  void join_suffix_names() {
    const auto joinable = [](EntityType t) {
      return t == EntityType::Org || t == EntityType::Event || t == EntityType::Loc;
    };
    // (type, hash of a proper suffix of the name's words, entity), sorted.
    std::vector<std::tuple<EntityType, std::uint64_t, std::uint32_t>> endings;
    for (std::size_t l = 0; l < doc_.entities.size(); ++l) {
      const Entity& longer = doc_.entities[l];
      if (longer.mentions.empty() || !joinable(longer.type)) continue;
      std::vector<std::uint64_t> hashes = suffix_hashes(longer.name);
      if (!hashes.empty()) hashes.pop_back();  // the whole name is not a proper ending
      for (std::uint64_t h : hashes) endings.emplace_back(longer.type, h, static_cast<std::uint32_t>(l));
    }
    std::sort(endings.begin(), endings.end());
    endings.erase(std::unique(endings.begin(), endings.end()), endings.end());
    for (std::size_t s = 0; s < doc_.entities.size(); ++s) {
      Entity& shorter = doc_.entities[s];
      if (shorter.mentions.empty() || !shorter.key.empty()) continue;
      if (!joinable(shorter.type)) continue;
      const std::vector<std::uint64_t> hashes = suffix_hashes(shorter.name);
      int target = -1;
      const auto consider = [&](std::size_t l) {
        const Entity& longer = doc_.entities[l];
        if (l == s || longer.type != shorter.type || longer.mentions.empty()) return;
        if (!ends_with_words(longer.name, shorter.name)) return;
        // Ambiguous ("Foreign Ministry" with two countries' ministries): leave it alone.
        target = target == -1 ? static_cast<int>(l) : -2;
      };
      if (hashes.empty()) {  // no words: every longer name ends with them
        for (std::size_t l = 0; l < doc_.entities.size() && target != -2; ++l) consider(l);
      } else {
        const auto key = std::make_tuple(shorter.type, hashes.back(), std::uint32_t{0});
        for (auto it = std::lower_bound(endings.begin(), endings.end(), key);
             it != endings.end() && std::get<0>(*it) == shorter.type && std::get<1>(*it) == hashes.back() &&
             target != -2;
             ++it)
          consider(std::get<2>(*it));
      }
      if (target >= 0) move_mentions(s, static_cast<std::size_t>(target));
    }
  }

  // "Vantor Industries" and "Vantor Industries Ltd.": a company written with and without
  // its legal form is one organisation, named in full.
  void join_legal_forms() {
    const auto legal_form = [](std::string_view word) {
      if (word.ends_with('.')) word.remove_suffix(1);
      return in(word, {"ltd", "limited", "inc", "incorporated", "corp", "corporation", "plc", "llc", "ag", "sa",
                       "gmbh", "co", "spa", "nv", "bv", "ab", "asa", "oyj", "se", "pte", "bhd"});
    };
    std::map<std::vector<std::string>, int> bases;  // folded words without the legal form -> entity (-1: two)
    for (std::size_t e = 0; e < doc_.entities.size(); ++e) {
      const Entity& org = doc_.entities[e];
      if (org.mentions.empty() || org.type != EntityType::Org) continue;
      std::vector<std::string> words = name_tokens(fold(org.name));
      if (words.size() < 2 || !legal_form(words.back())) continue;
      words.pop_back();
      const auto [it, inserted] = bases.emplace(std::move(words), static_cast<int>(e));
      if (!inserted) it->second = -1;
    }
    if (bases.empty()) return;
    for (std::size_t e = 0; e < doc_.entities.size(); ++e) {
      Entity& shorter = doc_.entities[e];
      if (shorter.mentions.empty() || shorter.type != EntityType::Org) continue;
      const auto it = bases.find(name_tokens(fold(shorter.name)));
      if (it == bases.end() || it->second < 0 || it->second == static_cast<int>(e)) continue;
      Entity& longer = doc_.entities[static_cast<std::size_t>(it->second)];
      if (longer.key.empty()) longer.key = shorter.key;
      move_mentions(e, static_cast<std::size_t>(it->second));
    }
  }

  // "Halvik" after "Halvik Motor Corp.": a one-word name the recogniser took for a person,
  // never written with a first name or a title in the article, or took for an organisation
  // the gazetteer does not know, is the one organisation whose name begins with it (a
  // company named after a family, its short form). Two such organisations, or none, leave
  // it alone.
  void join_company_short_names() {
    std::map<std::string, int> first_words;  // folded first word -> organisation (-1: two)
    for (std::size_t e = 0; e < doc_.entities.size(); ++e) {
      const Entity& org = doc_.entities[e];
      if (org.mentions.empty() || org.type != EntityType::Org) continue;
      const std::vector<std::string> words = name_tokens(fold(org.name));
      if (words.size() < 2) continue;
      const auto [it, inserted] = first_words.emplace(words.front(), static_cast<int>(e));
      if (!inserted && it->second != static_cast<int>(e)) it->second = -1;
    }
    for (std::size_t e = 0; e < doc_.entities.size(); ++e) {
      Entity& person = doc_.entities[e];
      // An organisation of one word the gazetteer does not know ("Halvik" beside "Halvik
      // Motor Corp.") is the same short form.
      const bool short_organisation = person.type == EntityType::Org && person.key.empty();
      if (person.mentions.empty() || (person.type != EntityType::Person && !short_organisation)) continue;
      const std::vector<std::string> words = name_tokens(fold(person.name));
      if (words.size() != 1) continue;
      bool bare = true;
      for (std::uint32_t mi : person.mentions) bare = bare && doc_.mentions[mi].title.empty();
      const auto it = first_words.find(words.front());
      if (!bare || it == first_words.end() || it->second < 0 || it->second == static_cast<int>(e)) continue;
      move_mentions(e, static_cast<std::size_t>(it->second));
    }
  }

  // One name, one entity: the same name typed two ways in one document ("MoU" as ORG and
  // LOC) is one entity, of the type most of its mentions have (the earlier one on a tie).
  // Names a gazetteer identified keep their own entity, and dates stay apart.
  void join_same_names() {
    std::map<std::string, std::size_t> first_of;
    for (std::size_t e = 0; e < doc_.entities.size(); ++e) {
      Entity& entity = doc_.entities[e];
      if (entity.mentions.empty() || entity.type == EntityType::Date) continue;
      const auto [it, inserted] = first_of.emplace(fold(entity.name), e);
      if (inserted) continue;
      Entity& other = doc_.entities[it->second];
      if (other.type == entity.type || (!other.key.empty() && !entity.key.empty())) continue;
      std::size_t into = it->second, from = e;
      if (entity.mentions.size() > other.mentions.size() || (other.key.empty() && !entity.key.empty())) std::swap(into, from);
      move_mentions(from, into);
      it->second = into;
    }
  }

  // Drops emptied entities, renumbers, fills aliases and titles in mention order.
  void finish() {
    std::vector<int> remap(doc_.entities.size(), -1);
    std::vector<Entity> kept;
    for (std::size_t e = 0; e < doc_.entities.size(); ++e) {
      if (doc_.entities[e].mentions.empty()) continue;
      remap[e] = static_cast<int>(kept.size());
      kept.push_back(std::move(doc_.entities[e]));
    }
    doc_.entities = std::move(kept);
    for (Entity& e : doc_.entities) e.mentions.clear();
    for (std::uint32_t i = 0; i < doc_.mentions.size(); ++i) {
      Mention& m = doc_.mentions[i];
      m.entity = remap[static_cast<std::size_t>(m.entity)];
      doc_.entities[static_cast<std::size_t>(m.entity)].mentions.push_back(i);
    }
    for (Entity& e : doc_.entities) {
      std::sort(e.mentions.begin(), e.mentions.end());
      add_unique(e.aliases, e.name);
      for (std::uint32_t mi : e.mentions) {
        add_unique(e.aliases, doc_.mentions[mi].text);
        add_unique(e.titles, doc_.mentions[mi].title);
      }
    }
  }

  Document& doc_;
  std::map<std::string, int> by_key_;
  std::unordered_map<std::string, std::vector<std::uint32_t>> person_index_;  // index_person()
  std::vector<std::vector<std::uint32_t>> starts_;  // per person entity: its mentions' first tokens, sorted
};

}  // namespace

void resolve_entities(Document& doc) { Resolver(doc).run(); }

}  // namespace kg::extract
