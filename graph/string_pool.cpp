#include "graph/string_pool.h"

#include <functional>
#include <limits>
#include <stdexcept>

namespace kg::graph {
namespace {

constexpr std::size_t kBlockBytes = std::size_t{1} << 20;

}  // namespace

StringPool::StringPool(const StringPool& other) {
  entries_.reserve(other.entries_.size());
  for (StringId id = 0; id < other.entries_.size(); ++id) intern(other.view(id));
}

StringPool& StringPool::operator=(const StringPool& other) {
  if (this != &other) {
    StringPool copy(other);
    *this = std::move(copy);
  }
  return *this;
}

std::uint32_t StringPool::hash_of(std::string_view s) {
  const std::size_t h = std::hash<std::string_view>{}(s);
  return static_cast<std::uint32_t>(h ^ (h >> 32));
}

std::size_t StringPool::slot_of(std::string_view s, std::uint32_t hash) const {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const StringId id = slots_[i];
    if (id == kEmptySlot) return i;
    const Entry& e = entries_[id];
    if (e.hash == hash && bytes_of(e) == s) return i;
  }
}

void StringPool::grow_table() {
  std::vector<StringId> slots(slots_.empty() ? 64 : slots_.size() * 2, kEmptySlot);
  const std::size_t mask = slots.size() - 1;
  for (StringId id = 0; id < entries_.size(); ++id) {
    std::size_t i = entries_[id].hash & mask;
    while (slots[i] != kEmptySlot) i = (i + 1) & mask;
    slots[i] = id;
  }
  slots_ = std::move(slots);
}

std::optional<StringId> StringPool::find(std::string_view s) const {
  if (slots_.empty()) return std::nullopt;
  const StringId id = slots_[slot_of(s, hash_of(s))];
  if (id == kEmptySlot) return std::nullopt;
  return id;
}

StringId StringPool::intern(std::string_view s) {
  if (s.size() > std::numeric_limits<std::uint32_t>::max())
    throw std::length_error("StringPool: a string of 4 GiB or more");
  // At most half the slots used: short probe runs.
  if (2 * (entries_.size() + 1) > slots_.size()) grow_table();
  const std::uint32_t hash = hash_of(s);
  const std::size_t slot = slot_of(s, hash);
  if (slots_[slot] != kEmptySlot) return slots_[slot];
  if (entries_.size() >= kEmptySlot) throw std::length_error("StringPool: more than 2^32 - 1 strings");

  if (s.size() > kBlockBytes / 4) {
    blocks_.emplace_back(s);  // a block of its own; the block being filled stays fill_
    entries_.push_back({static_cast<std::uint32_t>(blocks_.size() - 1), 0, static_cast<std::uint32_t>(s.size()), hash});
  } else {
    if (fill_ >= blocks_.size() || blocks_[fill_].size() + s.size() > blocks_[fill_].capacity()) {
      fill_ = blocks_.size();
      blocks_.emplace_back();
      blocks_.back().reserve(kBlockBytes);
    }
    std::string& block = blocks_[fill_];
    const auto offset = static_cast<std::uint32_t>(block.size());
    block.append(s);  // within the capacity: the bytes already handed out stay where they are
    entries_.push_back({static_cast<std::uint32_t>(fill_), offset, static_cast<std::uint32_t>(s.size()), hash});
  }
  bytes_ += s.size();
  const auto id = static_cast<StringId>(entries_.size() - 1);
  slots_[slot] = id;
  return id;
}

std::string_view StringPool::view(StringId id) const {
  if (id >= entries_.size()) throw std::out_of_range("StringPool: no string " + std::to_string(id));
  return bytes_of(entries_[id]);
}

}  // namespace kg::graph
