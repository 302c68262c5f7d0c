#include "extract/text/interned.h"

#include <functional>
#include <stdexcept>

namespace kg::extract::detail {

namespace {
// Each thread remembers the number of the last string it interned per hash bucket, so that a
// word seen before is found without taking the lock. One cache per table.
template <class Id>
struct RecentCache {
  static constexpr std::size_t kSize = 4096;
  std::array<Id, kSize> ids{};
};
}  // namespace

template <class Id>
InternTable<Id>::~InternTable() {
  for (std::size_t k = 1; k < kChunks; ++k) delete[] chunks_[k].load(std::memory_order_relaxed);
}

template <class Id>
std::size_t InternTable<Id>::size() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return size_;
}

template <class Id>
Id InternTable<Id>::intern(std::string_view s) {
  if (s.empty()) return 0;
  const std::size_t hash = std::hash<std::string_view>{}(s);
  static thread_local RecentCache<Id> recent;
  Id& cached = recent.ids[hash % RecentCache<Id>::kSize];
  if (cached != 0 && std::string_view(at(cached)) == s) return cached;
  const std::lock_guard<std::mutex> lock(mutex_);
  cached = add(s, hash);
  return cached;
}

template <class Id>
Id InternTable<Id>::add(std::string_view s, std::size_t hash) {
  const auto h = static_cast<std::uint32_t>(hash);
  if (!slots_.empty()) {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (slot.id == 0) break;
      if (slot.hash == h && std::string_view(at(slot.id)) == s) return slot.id;
    }
  }
  if (size_ >= kMax)
    throw std::length_error(sizeof(Id) == 2 ? "more than 65,535 distinct part-of-speech or relation labels"
                                            : "more than 2^32 - 1 distinct words");
  // The new string goes into its chunk (allocated when the first string reaches it) before
  // its number is handed out, so a reader never sees a number without its string.
  const std::size_t j = size_ + kFirst;
  const std::size_t k = std::bit_width(j) - 1 - kFirstBits;
  std::string* chunk = chunks_[k].load(std::memory_order_relaxed);
  if (chunk == nullptr) {
    chunk = new std::string[kFirst << k];
    chunks_[k].store(chunk, std::memory_order_release);
  }
  chunk[j - (kFirst << k)].assign(s);
  const auto id = static_cast<Id>(size_++);
  // Grow at half full; the table is a power of two long.
  if (2 * size_ > slots_.size()) {
    std::vector<Slot> old(std::bit_ceil(std::max<std::size_t>(64, 4 * size_)));
    old.swap(slots_);
    const std::size_t mask = slots_.size() - 1;
    for (const Slot& slot : old) {
      if (slot.id == 0) continue;
      std::size_t i = slot.hash & mask;  // the table is shorter than 2^32
      while (slots_[i].id != 0) i = (i + 1) & mask;
      slots_[i] = slot;
    }
  }
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = hash & mask;
  while (slots_[i].id != 0) i = (i + 1) & mask;
  slots_[i] = {h, id};
  return id;
}

template class InternTable<std::uint32_t>;
template class InternTable<std::uint16_t>;

}  // namespace kg::extract::detail
