#pragma once
// StringPool: every distinct string a KnowledgeGraph keeps, stored once and named by a
// small number.
//
// What it represents: an append-only set of byte strings. intern() gives each distinct
// string an id, 0, 1, 2, ... in the order the strings were first interned; the same bytes
// always give the same id, so a sentence that is the evidence of several triples, or a
// relation name used by many, costs its bytes once. The bytes live in large blocks
// (no per-string allocation); a string is found again through an open-addressing table
// of ids (4 bytes a slot) and an entry of 16 bytes per string.
// Requires: a string shorter than 4 GiB; at most 2^32 - 1 strings. Ensures: view(id)
// returns the interned bytes for as long as the pool lives; ids never change, and a copy
// of the pool has the same ids for the same strings. What a pool holds depends only on
// the strings interned and their order, never on addresses.
// Thread safety: intern() needs one owner; view() and find() may be shared while no
// thread interns.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kg::graph {

using StringId = std::uint32_t;

class StringPool {
 public:
  StringPool() = default;
  // A copy interns the other's strings in id order: the same ids, blocks of its own.
  StringPool(const StringPool& other);
  StringPool& operator=(const StringPool& other);
  StringPool(StringPool&&) noexcept = default;
  StringPool& operator=(StringPool&&) noexcept = default;
  ~StringPool() = default;

  // The id of `s`, added to the pool if it is not in it yet.
  StringId intern(std::string_view s);
  // The id of `s` when it is in the pool; nothing is added.
  std::optional<StringId> find(std::string_view s) const;
  // The bytes of `id`. Requires: id < size() (std::out_of_range otherwise).
  std::string_view view(StringId id) const;
  // The number of distinct strings.
  std::size_t size() const { return entries_.size(); }
  // Bytes the strings take in the blocks (the strings' lengths added up).
  std::size_t bytes() const { return bytes_; }

 private:
  struct Entry {
    std::uint32_t block = 0;
    std::uint32_t offset = 0;  // in blocks_[block]
    std::uint32_t size = 0;
    std::uint32_t hash = 0;  // the low bits of the string's hash, to skip most comparisons
  };
  static constexpr StringId kEmptySlot = 0xFFFFFFFFu;
  static std::uint32_t hash_of(std::string_view s);
  std::string_view bytes_of(const Entry& e) const {
    return std::string_view(blocks_[e.block]).substr(e.offset, e.size);
  }
  // The slot that holds `s` or the empty one where it would go.
  std::size_t slot_of(std::string_view s, std::uint32_t hash) const;
  void grow_table();

  // Blocks are reserved at 1 MiB and filled up to their capacity, never reallocated; a
  // string longer than a quarter of a block gets a block of its own. No block is short
  // enough for the small-string buffer, so moving a block keeps its bytes where they are.
  std::vector<std::string> blocks_;
  std::size_t fill_ = static_cast<std::size_t>(-1);  // the block short strings go to; none yet
  std::vector<Entry> entries_;  // by id
  std::vector<StringId> slots_;  // open addressing, linear probing; a power of two long
  std::size_t bytes_ = 0;
};

}  // namespace kg::graph
