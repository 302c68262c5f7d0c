#pragma once
// RecordStore: the DocumentRecords a KnowledgeGraph keeps for merge and --update, held
// compactly.
//
// What it represents: a list of DocumentRecords, in the order they were added, stored as
// fixed-size rows (a document 16 bytes, an entity 24, a triple 36) whose strings are ids
// in a StringPool the caller owns, and whose alias and title lists are runs of ids in one
// array. A record comes back whole from get(), equal to the one added.
// Requires: the same StringPool for add() and get() (or a copy of it: ids are the same).
// Ensures: get(i) == the i-th record added. Memory grows with the rows, not with the
// strings: a string used by many records (a sentence quoted by several triples, a name
// in every document) is in the pool once.
// Thread safety: add() needs one owner; get() may be shared while nothing is added.
#include <cstdint>
#include <vector>

#include "graph/document_record.h"
#include "graph/string_pool.h"

namespace kg::graph {

class RecordStore {
 public:
  // Appends `record`, its strings interned in `strings`.
  // Throws std::length_error past 2^32 - 1 entities, triples or list items in all.
  void add(const DocumentRecord& record, StringPool& strings);
  std::size_t size() const { return records_.size(); }
  // The i-th record added. Requires: i < size() (std::out_of_range otherwise).
  DocumentRecord get(std::size_t i, const StringPool& strings) const;

 private:
  struct StoredRecord {
    StringId name = 0;
    StringId date = 0;
    std::uint32_t first_entity = 0;  // into entities_; the next record's is one past the last
    std::uint32_t first_triple = 0;  // into triples_
  };
  struct StoredEntity {
    StringId name = 0;
    StringId key = 0;
    std::uint32_t aliases = 0;  // into lists_: the count, then the ids
    std::uint32_t titles = 0;
    std::uint32_t mentions = 0;
    extract::EntityType type = extract::EntityType::Org;
  };
  struct StoredTriple {
    std::uint32_t subject = 0;
    std::uint32_t object = 0;
    StringId relation = 0;
    StringId label = 0;
    std::uint32_t sentence = 0;
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    StringId evidence = 0;
    extract::RelationClass relation_class = extract::RelationClass::Other;
  };

  std::uint32_t add_list(const std::vector<std::string>& items, StringPool& strings);
  std::vector<std::string> get_list(std::uint32_t at, const StringPool& strings) const;

  std::vector<StoredRecord> records_;
  std::vector<StoredEntity> entities_;
  std::vector<StoredTriple> triples_;
  std::vector<StringId> lists_;
};

}  // namespace kg::graph
