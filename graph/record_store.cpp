#include "graph/record_store.h"

#include <limits>
#include <stdexcept>
#include <string>

namespace kg::graph {
namespace {

std::uint32_t checked_u32(std::size_t n, const char* what) {
  if (n >= std::numeric_limits<std::uint32_t>::max())
    throw std::length_error(std::string("RecordStore: more than 2^32 - 1 ") + what);
  return static_cast<std::uint32_t>(n);
}

}  // namespace

std::uint32_t RecordStore::add_list(const std::vector<std::string>& items, StringPool& strings) {
  const auto at = static_cast<std::uint32_t>(lists_.size());  // add() checked the limit
  lists_.push_back(static_cast<std::uint32_t>(items.size()));
  for (const std::string& item : items) lists_.push_back(strings.intern(item));
  return at;
}

std::vector<std::string> RecordStore::get_list(std::uint32_t at, const StringPool& strings) const {
  const std::uint32_t count = lists_.at(at);
  std::vector<std::string> items;
  items.reserve(count);
  for (std::uint32_t k = 1; k <= count; ++k) items.emplace_back(strings.view(lists_.at(at + k)));
  return items;
}

void RecordStore::add(const DocumentRecord& record, StringPool& strings) {
  // Limits checked before anything is added, so a refused record leaves the store as it was.
  checked_u32(entities_.size() + record.entities.size(), "entities");
  checked_u32(triples_.size() + record.triples.size(), "triples");
  std::size_t items = lists_.size();
  for (const EntityRecord& e : record.entities) items += e.aliases.size() + e.titles.size() + 2;
  checked_u32(items, "list items");

  records_.push_back({strings.intern(record.name), strings.intern(record.date),
                      static_cast<std::uint32_t>(entities_.size()), static_cast<std::uint32_t>(triples_.size())});
  for (const EntityRecord& e : record.entities) {
    StoredEntity stored;
    stored.name = strings.intern(e.name);
    stored.key = strings.intern(e.key);
    stored.aliases = add_list(e.aliases, strings);
    stored.titles = add_list(e.titles, strings);
    stored.mentions = e.mentions;
    stored.type = e.type;
    entities_.push_back(stored);
  }
  for (const TripleRecord& t : record.triples) {
    triples_.push_back({t.subject, t.object, strings.intern(t.relation), strings.intern(t.label), t.sentence,
                        t.begin, t.end, strings.intern(t.evidence), t.relation_class});
  }
}

DocumentRecord RecordStore::get(std::size_t i, const StringPool& strings) const {
  const StoredRecord& r = records_.at(i);
  const std::size_t entities_end = i + 1 < records_.size() ? records_[i + 1].first_entity : entities_.size();
  const std::size_t triples_end = i + 1 < records_.size() ? records_[i + 1].first_triple : triples_.size();
  DocumentRecord record;
  record.name = strings.view(r.name);
  record.date = strings.view(r.date);
  record.entities.reserve(entities_end - r.first_entity);
  for (std::size_t k = r.first_entity; k < entities_end; ++k) {
    const StoredEntity& e = entities_[k];
    record.entities.push_back({std::string(strings.view(e.name)), e.type, std::string(strings.view(e.key)),
                               get_list(e.aliases, strings), get_list(e.titles, strings), e.mentions});
  }
  record.triples.reserve(triples_end - r.first_triple);
  for (std::size_t k = r.first_triple; k < triples_end; ++k) {
    const StoredTriple& t = triples_[k];
    record.triples.push_back({t.subject, t.object, std::string(strings.view(t.relation)),
                              std::string(strings.view(t.label)), t.sentence, t.begin, t.end,
                              std::string(strings.view(t.evidence)), t.relation_class});
  }
  return record;
}

}  // namespace kg::graph
