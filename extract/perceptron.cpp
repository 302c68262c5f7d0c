#include "extract/perceptron.h"

#include <sys/mman.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdlib>
#include <new>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace kg::extract {
namespace {

// Frozen tables fill their 8-byte slots up to 3/4: a failed lookup then probes about 8.5
// slots on average, one cache line, and the table is half the size it is at 1/2.
std::size_t frozen_capacity_for(std::size_t n) {
  std::size_t c = 16;
  while (3 * c < 4 * n) c *= 2;
  return c;
}

std::size_t capacity_for(std::size_t n) {
  std::size_t c = 16;
  while (c < 2 * n) c *= 2;
  return c;
}

// Slot of `key` in a power-of-two table: linear probing from the mixed low bits.
inline std::size_t home(std::uint64_t key, std::size_t mask) {
  return static_cast<std::size_t>(key ^ (key >> 29)) & mask;
}

// row[c] += w[c] for c in [lo, hi): the dense rows' inner loop, also built for AVX2 and
// picked at load time where the CPU has it (the default build targets baseline x86-64).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default")))
#endif
void add_dense(float* __restrict row, const float* __restrict w, std::uint32_t lo, std::uint32_t hi) {
  for (std::uint32_t c = lo; c < hi; ++c) row[c] += w[c];
}

}  // namespace

// ---- HugePageAllocator ----

namespace {
constexpr std::size_t kHugePage = std::size_t{1} << 21;
}

void* huge_page_allocate(std::size_t bytes) {
  if (bytes < kHugePage) return ::operator new(bytes);
  const std::size_t rounded = (bytes + kHugePage - 1) & ~(kHugePage - 1);
  void* p = std::aligned_alloc(kHugePage, rounded);
  if (p == nullptr) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
  ::madvise(p, rounded, MADV_HUGEPAGE);  // advice only: failure just means small pages
#endif
  return p;
}

void huge_page_deallocate(void* p, std::size_t bytes) {
  if (bytes < kHugePage) {
    ::operator delete(p);
  } else {
    std::free(p);
  }
}

// ---- U64Map ----

U64Map::U64Map(std::size_t expected) { rehash(capacity_for(expected)); }

void U64Map::rehash(std::size_t capacity) {
  std::vector<std::uint64_t> keys(capacity, 0);
  std::vector<std::uint32_t> values(capacity, 0);
  const std::size_t mask = capacity - 1;
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    if (keys_[i] == 0) continue;
    std::size_t j = home(keys_[i], mask);
    while (keys[j] != 0) j = (j + 1) & mask;
    keys[j] = keys_[i];
    values[j] = values_[i];
  }
  keys_ = std::move(keys);
  values_ = std::move(values);
  mask_ = mask;
}

const std::uint32_t* U64Map::find(std::uint64_t key) const {
  for (std::size_t i = home(key, mask_);; i = (i + 1) & mask_) {
    if (keys_[i] == key) return &values_[i];
    if (keys_[i] == 0) return nullptr;
  }
}

std::pair<std::uint32_t*, bool> U64Map::insert(std::uint64_t key, std::uint32_t value) {
  if (key == 0) throw std::invalid_argument("U64Map: key 0 is reserved");
  if (2 * (size_ + 1) > keys_.size()) rehash(keys_.size() * 2);
  std::size_t i = home(key, mask_);
  for (; keys_[i] != 0; i = (i + 1) & mask_) {
    if (keys_[i] == key) return {&values_[i], false};
  }
  keys_[i] = key;
  values_[i] = value;
  ++size_;
  return {&values_[i], true};
}

// ---- FrozenWeights ----

void FrozenWeights::rehash(std::size_t capacity) {
  std::vector<Slot, HugePageAllocator<Slot>> slots(capacity, Slot{0, 0});
  std::vector<std::uint64_t> keys(capacity, 0);
  const std::size_t mask = capacity - 1;
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    if (slots_[i].tag == 0) continue;
    std::size_t j = home(keys_[i], mask);
    while (slots[j].tag != 0) j = (j + 1) & mask;
    slots[j] = slots_[i];
    keys[j] = keys_[i];
  }
  slots_ = std::move(slots);
  keys_ = std::move(keys);
  mask_ = mask;
}

std::size_t FrozenWeights::find(std::uint64_t feature) const {
  if (slots_.empty()) return 0;
  for (std::size_t i = home(feature, mask_);; i = (i + 1) & mask_) {
    if (slots_[i].tag == 0) return slots_.size();
    if (keys_[i] == feature) return i;
  }
}

std::size_t FrozenWeights::dense_threshold() const {
  return std::max<std::size_t>(8, classes_ / 4);
}

bool FrozenWeights::add(std::uint64_t feature, std::span<const Entry> row) {
  if (feature == 0 || row.empty()) throw std::invalid_argument("FrozenWeights::add: empty");
  for (std::size_t k = 0; k < row.size(); ++k) {
    if (row[k].cls >= classes_ || (k > 0 && row[k].cls <= row[k - 1].cls))
      throw std::invalid_argument("FrozenWeights::add: classes not ascending or out of range");
    if (row[k].weight == 0 || !std::isfinite(row[k].weight))
      throw std::invalid_argument("FrozenWeights::add: zero or non-finite weight");
  }
  const bool dense = row.size() >= dense_threshold();
  const bool q = quantized();
  const std::size_t words = dense ? 2 : 1 + (q ? 1 : 2) * row.size();
  if (arena_.size() + words > std::numeric_limits<std::uint32_t>::max() ||
      dense_.size() + classes_ > std::numeric_limits<std::uint32_t>::max())
    throw std::length_error("FrozenWeights: too many weights");
  if (4 * (size_ + 1) > 3 * slots_.size()) rehash(slots_.empty() ? 16 : slots_.size() * 2);
  const std::uint32_t tag = tag_of(feature);
  std::size_t i = home(feature, mask_);
  for (; slots_[i].tag != 0; i = (i + 1) & mask_) {
    if (keys_[i] == feature) throw std::invalid_argument("FrozenWeights::add: duplicate");
    if (slots_[i].tag == tag) return false;
  }
  const auto level = [&](float w) {  // the int16 a quantised weight stands for
    return static_cast<std::int16_t>(std::nearbyint(w / scale_));
  };
  const auto start = static_cast<std::uint32_t>(arena_.size());
  if (dense) {
    arena_.push_back(kDense);
    arena_.push_back(static_cast<std::uint32_t>(dense_.size()));
    dense_.resize(dense_.size() + classes_, 0.0f);
    for (const Entry& e : row) dense_[arena_.back() + e.cls] = e.weight;
  } else {
    arena_.push_back(static_cast<std::uint32_t>(row.size()));
    for (const Entry& e : row) {
      if (q) {
        arena_.push_back(e.cls | static_cast<std::uint32_t>(static_cast<std::uint16_t>(level(e.weight))) << 16);
      } else {
        arena_.push_back(e.cls);
        arena_.push_back(std::bit_cast<std::uint32_t>(e.weight));
      }
    }
  }
  slots_[i] = Slot{tag, start};
  keys_[i] = feature;
  entry_count_ += row.size();
  ++size_;
  return true;
}

template <typename F>
void FrozenWeights::for_each_entry(std::uint32_t row, F&& f) const {
  const std::uint32_t* r = arena_.data() + row;
  if (r[0] == kDense) {
    for (std::uint32_t c = 0; c < classes_; ++c) {
      const float w = dense_[r[1] + c];
      if (w != 0) f(c, w);
    }
  } else if (quantized()) {
    for (std::uint32_t k = 0; k < r[0]; ++k)
      f(r[1 + k] & 0xffff, scale_ * static_cast<float>(static_cast<std::int16_t>(r[1 + k] >> 16)));
  } else {
    for (std::uint32_t k = 0; k < r[0]; ++k) f(r[1 + 2 * k], std::bit_cast<float>(r[2 + 2 * k]));
  }
}

template <typename Base>
void FrozenWeights::accumulate(std::span<const std::uint64_t> features, Base base,
                               std::span<float> out, std::uint32_t lo, std::uint32_t hi) const {
  if (slots_.empty()) return;
  // Lookups are cache misses into tables of megabytes: prefetch a chunk of slots, then
  // find them and prefetch their rows, then add the rows, so the misses overlap.
  constexpr std::size_t kChunk = 64;
  std::uint32_t found[kChunk];
  std::size_t where[kChunk];
  const Slot* slots = slots_.data();
  const std::uint32_t* arena = arena_.data();
  const bool q = quantized();
  const float scale = scale_;
  for (std::size_t start = 0; start < features.size(); start += kChunk) {
    const std::size_t n = std::min(kChunk, features.size() - start);
    const std::uint64_t* f = features.data() + start;
    for (std::size_t k = 0; k < n; ++k) __builtin_prefetch(slots + home(f[k], mask_));
    std::size_t hits = 0;
    for (std::size_t k = 0; k < n; ++k) {
      const std::uint32_t tag = tag_of(f[k]);
      for (std::size_t i = home(f[k], mask_);; i = (i + 1) & mask_) {
        const Slot s = slots[i];
        if (s.tag == tag) {
          __builtin_prefetch(arena + s.row);
          where[hits] = base(start + k);
          found[hits++] = s.row;
          break;
        }
        if (s.tag == 0) break;
      }
    }
    const std::uint32_t width = hi - lo;
    for (std::size_t k = 0; k < hits; ++k) {
      float* __restrict row = out.data() + where[k];
      const std::uint32_t* r = arena + found[k];
      if (r[0] == kDense) {
        add_dense(row, dense_.data() + r[1], lo, hi);
      } else if (q) {
        for (const std::uint32_t *e = r + 1, *end = e + r[0]; e != end; ++e) {
          const std::uint32_t c = *e & 0xffff;
          if (c - lo < width) row[c] += scale * static_cast<float>(static_cast<std::int16_t>(*e >> 16));
        }
      } else {
        for (const std::uint32_t *e = r + 1, *end = e + 2 * r[0]; e != end; e += 2)
          if (e[0] - lo < width) row[e[0]] += std::bit_cast<float>(e[1]);
      }
    }
  }
}

void FrozenWeights::score(std::span<const std::uint64_t> features,
                          std::span<float> scores) const {
  std::fill(scores.begin(), scores.end(), 0.0f);
  add_scores(features, scores, 0, classes_);
}

void FrozenWeights::add_scores(std::span<const std::uint64_t> features, std::span<float> scores,
                               std::uint32_t lo, std::uint32_t hi) const {
  accumulate(features, [](std::size_t) { return std::size_t{0}; }, scores, lo, hi);
}

void FrozenWeights::add_scores(std::span<const std::uint64_t> features,
                               std::span<const std::uint32_t> rows, std::span<float> matrix,
                               std::uint32_t lo, std::uint32_t hi) const {
  accumulate(features, [&](std::size_t k) { return std::size_t{rows[k]} * classes_; }, matrix,
             lo, hi);
}

std::vector<std::size_t> FrozenWeights::sorted_slots() const {
  std::vector<std::size_t> order;
  order.reserve(size_);
  for (std::size_t i = 0; i < slots_.size(); ++i)
    if (slots_[i].tag != 0) order.push_back(i);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return keys_[a] < keys_[b]; });
  return order;
}

FrozenWeights FrozenWeights::concat(const FrozenWeights& a, const FrozenWeights& b) {
  if (a.quantized() || b.quantized()) throw std::invalid_argument("FrozenWeights::concat: quantized");
  FrozenWeights out(a.classes_ + b.classes_);
  out.rehash(frozen_capacity_for(a.size_ + b.size_));
  std::vector<Entry> row;
  const auto append = [&](const FrozenWeights& w, std::size_t slot, std::uint32_t shift) {
    if (slot < w.slots_.size())
      w.for_each_entry(w.slots_[slot].row, [&](std::uint32_t c, float v) { row.push_back({v, c + shift}); });
  };
  for (const std::size_t s : a.sorted_slots()) {
    row.clear();
    append(a, s, 0);
    append(b, b.find(a.keys_[s]), a.classes_);
    out.add(a.keys_[s], row);
  }
  for (const std::size_t s : b.sorted_slots()) {
    if (a.find(b.keys_[s]) < a.slots_.size()) continue;
    row.clear();
    append(b, s, a.classes_);
    out.add(b.keys_[s], row);
  }
  return out;
}

float FrozenWeights::weight(std::uint64_t feature, std::uint32_t cls) const {
  const std::size_t s = find(feature);
  float w = 0;
  if (s < slots_.size())
    for_each_entry(slots_[s].row, [&](std::uint32_t c, float v) { if (c == cls) w = v; });
  return w;
}

void FrozenWeights::quantize() {
  float max_abs = 0;
  for (std::size_t i = 0; i < slots_.size(); ++i)
    if (slots_[i].tag != 0)
      for_each_entry(slots_[i].row, [&](std::uint32_t, float v) { max_abs = std::max(max_abs, std::fabs(v)); });
  const float scale = max_abs > 0 ? max_abs / 32767.0f : 1.0f;
  // Rebuilt rather than edited in place: weights rounding to 0 are dropped.
  FrozenWeights q(classes_);
  q.scale_ = scale;  // set first: add() then stores int16 levels
  q.rehash(frozen_capacity_for(size_));
  std::vector<Entry> row;
  for (const std::size_t s : sorted_slots()) {
    row.clear();
    for_each_entry(slots_[s].row, [&](std::uint32_t c, float v) {
      const float r = scale * std::nearbyint(v / scale);
      if (r != 0) row.push_back({r, c});
    });
    if (!row.empty()) q.add(keys_[s], row);
  }
  *this = std::move(q);
}

void FrozenWeights::write(BinaryWriter& out, bool compact) const {
  const std::vector<std::size_t> order = sorted_slots();
  const bool narrow = compact && classes_ < 256;
  const auto small = [&](std::uint32_t v) {
    if (narrow) {
      out.u8(static_cast<std::uint8_t>(v));
    } else {
      out.u16(static_cast<std::uint16_t>(v));
    }
  };
  out.u32(classes_);
  out.u8(static_cast<std::uint8_t>((quantized() ? 1 : 0) | (narrow ? 2 : 0)));
  out.f32(quantized() ? scale_ : 1.0f);
  out.u64(order.size());
  out.u64(entry_count_);
  for (const std::size_t s : order) {
    std::uint32_t n = 0;
    for_each_entry(slots_[s].row, [&](std::uint32_t, float) { ++n; });
    out.u64(keys_[s]);
    small(n);
  }
  for (const std::size_t s : order) {
    for_each_entry(slots_[s].row, [&](std::uint32_t c, float v) {
      small(c);
      if (quantized()) {
        out.i16(static_cast<std::int16_t>(std::nearbyint(v / scale_)));
      } else {
        out.f32(v);
      }
    });
  }
}

FrozenWeights FrozenWeights::read(BinaryReader& in) {
  const std::uint32_t classes = in.u32("weights: class count");
  if (classes == 0 || classes > 65535) in.fail("weights: bad class count " + std::to_string(classes));
  const std::uint8_t encoding = in.u8("weights: encoding");
  if (encoding > 3) in.fail("weights: unknown encoding " + std::to_string(encoding));
  const bool narrow = (encoding & 2) != 0;
  if (narrow && classes >= 256) in.fail("weights: u8 classes for " + std::to_string(classes) + " classes");
  const float scale = in.f32("weights: scale");
  if (!(scale > 0) || !std::isfinite(scale)) in.fail("weights: bad scale");
  const std::size_t small_bytes = narrow ? 1 : 2;
  const auto small = [&](std::string_view what) -> std::uint32_t {
    return narrow ? in.u8(what) : in.u16(what);
  };
  const std::size_t features = in.count(8 + small_bytes, "weights: feature count");
  const std::uint64_t entry_count = in.u64("weights: entry count");
  const std::size_t entry_bytes = small_bytes + ((encoding & 1) ? 2 : 4);
  if (entry_count > in.remaining() / entry_bytes)
    in.fail("truncated: weights: " + std::to_string(entry_count) + " entries announced, " +
            std::to_string(in.remaining()) + " bytes left");

  std::vector<std::uint64_t> keys(features);
  std::vector<std::uint32_t> counts(features);
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < features; ++i) {
    keys[i] = in.u64("weights: feature hash");
    counts[i] = small("weights: row length");
    if (keys[i] == 0 || counts[i] == 0 || counts[i] > classes ||
        (i > 0 && keys[i] <= keys[i - 1]))
      in.fail("weights: corrupt feature row " + std::to_string(i));
    total += counts[i];
  }
  if (total != entry_count) in.fail("weights: row lengths do not add up to the entry count");

  FrozenWeights w(classes);
  if (encoding & 1) w.scale_ = scale;  // set first: add() then stores int16 levels
  w.rehash(frozen_capacity_for(features));
  std::vector<Entry> row;
  for (std::size_t i = 0; i < features; ++i) {
    row.clear();
    for (std::uint32_t k = 0; k < counts[i]; ++k) {
      const std::uint32_t cls = small("weights: class");
      const float value = (encoding & 1) ? scale * static_cast<float>(in.i16("weights: weight"))
                                         : in.f32("weights: weight");
      if (cls >= classes || (k > 0 && cls <= row.back().cls))
        in.fail("weights: class " + std::to_string(cls) + " out of order or range");
      if (value == 0 || !std::isfinite(value)) in.fail("weights: zero or non-finite weight");
      row.push_back(Entry{value, cls});
    }
    if (!w.add(keys[i], row)) in.fail("weights: feature tags clash");
  }
  return w;
}

// ---- TrainingWeights ----

TrainingWeights::TrainingWeights(std::uint32_t classes) : classes_(classes), index_(1 << 16) {
  if (classes == 0 || classes > 65535)
    throw std::invalid_argument("TrainingWeights: 1 to 65535 classes");
}

void TrainingWeights::score(std::span<const std::uint64_t> features,
                            std::span<float> scores) const {
  std::fill(scores.begin(), scores.end(), 0.0f);
  for (const std::uint64_t f : features) {
    const std::uint32_t* row = index_.find(f);
    if (row == nullptr) continue;
    for (const Entry& e : rows_[*row]) scores[e.cls] += e.weight;
  }
}

void TrainingWeights::add(std::vector<Entry>& row, std::uint32_t cls, float delta) {
  for (Entry& e : row) {
    if (e.cls == cls) {
      e.total += static_cast<double>(clock_ - e.stamp) * e.weight;
      e.stamp = clock_;
      e.weight += delta;
      return;
    }
  }
  row.push_back(Entry{cls, delta, 0.0, clock_});
}

void TrainingWeights::update(std::uint32_t gold, std::uint32_t guess,
                             std::span<const std::uint64_t> features) {
  if (gold >= classes_ || guess >= classes_)
    throw std::invalid_argument("TrainingWeights::update: class out of range");
  if (gold != guess) {
    for (const std::uint64_t f : features) {
      const auto [row, inserted] = index_.insert(f, static_cast<std::uint32_t>(rows_.size()));
      if (inserted) {
        rows_.emplace_back();
        keys_.push_back(f);
      }
      std::vector<Entry>& r = rows_[*row];
      add(r, gold, 1.0f);
      add(r, guess, -1.0f);
    }
  }
  ++clock_;
}

double TrainingWeights::average(const Entry& e) const {
  if (clock_ == 0) return 0;
  return (e.total + static_cast<double>(clock_ - e.stamp) * e.weight) /
         static_cast<double>(clock_);
}

double TrainingWeights::averaged(std::uint64_t feature, std::uint32_t cls) const {
  const std::uint32_t* row = index_.find(feature);
  if (row == nullptr) return 0;
  for (const Entry& e : rows_[*row])
    if (e.cls == cls) return average(e);
  return 0;
}

FrozenWeights TrainingWeights::freeze(float prune_threshold) const {
  std::vector<std::uint32_t> order(rows_.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(),
            [&](std::uint32_t a, std::uint32_t b) { return keys_[a] < keys_[b]; });
  FrozenWeights frozen(classes_);
  std::vector<FrozenWeights::Entry> row;
  for (const std::uint32_t r : order) {
    row.clear();
    for (const Entry& e : rows_[r]) {
      const auto w = static_cast<float>(average(e));
      if (w != 0 && std::fabs(w) >= prune_threshold) row.push_back({w, e.cls});
    }
    if (row.empty()) continue;
    std::sort(row.begin(), row.end(), [](const auto& a, const auto& b) { return a.cls < b.cls; });
    frozen.add(keys_[r], row);
  }
  return frozen;
}

std::uint32_t argmax(std::span<const float> scores) {
  // The maximum over 8 independent lanes (which vectorises; a running argmax does not),
  // then the first index holding it.
  const std::size_t n = scores.size();
  if (n == 0) return 0;
  const float* s = scores.data();
  float lane[8];
  for (std::size_t j = 0; j < 8; ++j) lane[j] = s[0];
  std::size_t c = 0;
  for (; c + 8 <= n; c += 8)
    for (std::size_t j = 0; j < 8; ++j) lane[j] = lane[j] < s[c + j] ? s[c + j] : lane[j];
  float best = lane[0];
  for (std::size_t j = 1; j < 8; ++j) best = best < lane[j] ? lane[j] : best;
  for (; c < n; ++c) best = best < s[c] ? s[c] : best;
  for (std::uint32_t k = 0; k < n; ++k)
    if (s[k] == best) return k;
  return 0;
}

}  // namespace kg::extract
