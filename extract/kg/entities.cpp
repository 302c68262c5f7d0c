#include "extract/kg/entities.h"

#include <algorithm>
#include <map>

#include "extract/kg/names.h"
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
      by_key_.emplace(plain_key(m), e);  // later uses of the acronym on its own join too
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
  int acronym_target(std::uint32_t index) const {
    const Mention& m = doc_.mentions[index];
    if (index == 0 || m.first < 1 || m.last >= doc_.tokens.size()) return -1;
    if (doc_.tokens[m.first - 1].norm != "(" || doc_.tokens[m.last].norm != ")") return -1;
    if (!is_all_caps(m.text) || m.type == EntityType::Date) return -1;
    for (std::uint32_t k = index; k-- > 0;) {
      const Mention& prev = doc_.mentions[k];
      // Only organisations take acronyms, and a known acronym of something else stays apart
      // ("ISTANBUL (AP)" is a dateline and its agency).
      if (prev.last + 1 == m.first && (prev.type == EntityType::Org || prev.type == EntityType::Event) &&
          (m.key.empty() || m.key == prev.key))
        return prev.entity;
      if (prev.last + 1 < m.first) break;
    }
    return -1;
  }

  int find_person(const Mention& m) const {
    int best = -1;
    std::uint32_t best_distance = UINT32_MAX;
    for (std::size_t e = 0; e < doc_.entities.size(); ++e) {
      const Entity& entity = doc_.entities[e];
      if (entity.type != EntityType::Person) continue;
      if (!compatible_person_names(entity.name, m.text)) continue;
      // Prefer the nearest earlier mention of a compatible person.
      std::uint32_t distance = UINT32_MAX - 1;
      for (std::uint32_t mi : entity.mentions) {
        const Mention& other = doc_.mentions[mi];
        if (other.first <= m.first) distance = std::min(distance, m.first - other.first);
      }
      if (distance < best_distance) {
        best_distance = distance;
        best = static_cast<int>(e);
      }
    }
    return best;
  }

  int new_entity(const Mention& m, const std::string& key) {
    Entity e;
    e.type = m.type;
    // Keys with a "kind:" prefix (groups, country-qualified names) identify; they don't name.
    e.name = key.empty() || key.find(':') != std::string::npos ? m.text : key;
    if (!key.empty()) e.key = std::string(to_string(m.type)) + ":" + fold(key);
    doc_.entities.push_back(std::move(e));
    return static_cast<int>(doc_.entities.size() - 1);
  }

  void attach(std::uint32_t index, int e) {
    Mention& m = doc_.mentions[index];
    m.entity = e;
    Entity& entity = doc_.entities[static_cast<std::size_t>(e)];
    entity.mentions.push_back(index);
    // The fullest form names the entity, unless a gazetteer fixed the name.
    bool named_by_key = !entity.key.empty() && entity.key.find(':', entity.key.find(':') + 1) == std::string::npos;
    if (!named_by_key && name_tokens(m.text).size() > name_tokens(entity.name).size()) entity.name = m.text;
  }

  // "Foreign Ministry" after "Russian Foreign Ministry", "G20 summit" after "2019 G20 summit".
  void join_suffix_names() {
    for (std::size_t s = 0; s < doc_.entities.size(); ++s) {
      Entity& shorter = doc_.entities[s];
      if (shorter.mentions.empty() || !shorter.key.empty()) continue;
      if (shorter.type != EntityType::Org && shorter.type != EntityType::Event && shorter.type != EntityType::Loc)
        continue;
      int target = -1;
      for (std::size_t l = 0; l < doc_.entities.size(); ++l) {
        const Entity& longer = doc_.entities[l];
        if (l == s || longer.type != shorter.type || longer.mentions.empty()) continue;
        if (!ends_with_words(longer.name, shorter.name)) continue;
        // Ambiguous ("Foreign Ministry" with two countries' ministries): leave it alone.
        target = target == -1 ? static_cast<int>(l) : -2;
      }
      if (target < 0) continue;
      for (std::uint32_t mi : shorter.mentions) {
        doc_.mentions[mi].entity = target;
        doc_.entities[static_cast<std::size_t>(target)].mentions.push_back(mi);
      }
      shorter.mentions.clear();
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
      Entity& target = doc_.entities[into];
      for (std::uint32_t mi : doc_.entities[from].mentions) {
        doc_.mentions[mi].entity = static_cast<int>(into);
        doc_.mentions[mi].type = target.type;
        target.mentions.push_back(mi);
      }
      doc_.entities[from].mentions.clear();
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
};

}  // namespace

void resolve_entities(Document& doc) { Resolver(doc).run(); }

}  // namespace kg::extract
