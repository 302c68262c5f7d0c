#include "extract/nlp/perceptron.h"

#include <sys/mman.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <new>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace kg::extract {
namespace {

// Frozen tables fill their slots up to 3/4: the table is half the size it is at 1/2, and
// most lookups, present or absent, still end in their home line (probes start there).
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

// Home slot (FrozenWeights: home bucket) of `key` in a power-of-two table, from the mixed
// low bits; probing goes on linearly from there.
inline std::size_t home(std::uint64_t key, std::size_t mask) {
  return static_cast<std::size_t>(key ^ (key >> 29)) & mask;
}

// row[c] += w[c] for c in [lo, hi): the dense rows' inner loop, also built for AVX-512 and
// AVX2 and picked at load time where the CPU has them (the default build targets baseline
// x86-64). Each sum is one float addition in every version, so the results are the same.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx512f", "avx2", "default")))
#endif
void add_dense(float* __restrict row, const float* __restrict w, std::uint32_t lo, std::uint32_t hi) {
  for (std::uint32_t c = lo; c < hi; ++c) row[c] += w[c];
}

}  // namespace

// ---- HugePageAllocator ----

namespace {
constexpr std::size_t kHugePage = std::size_t{1} << 21;
}

constexpr std::align_val_t kLine{64};

void* huge_page_allocate(std::size_t bytes) {
  if (bytes < kHugePage) return ::operator new(bytes, kLine);
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
    ::operator delete(p, kLine);
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

void U64Map::clear() {
  std::fill(keys_.begin(), keys_.end(), 0);
  size_ = 0;
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

std::size_t FrozenWeights::home_bucket(std::uint64_t feature) const {
  return home(feature, mask_);
}

void FrozenWeights::rehash(std::size_t capacity) {
  std::vector<Bucket, HugePageAllocator<Bucket>> old(capacity / 4, Bucket{});
  std::vector<std::uint64_t> old_keys(capacity, 0);
  old.swap(buckets_);
  old_keys.swap(keys_);
  mask_ = buckets_.size() - 1;
  for (std::size_t i = 0; i < 4 * old.size(); ++i) {
    if (old[i / 4].tag[i % 4] == 0) continue;
    std::size_t b = home_bucket(old_keys[i]);
    std::size_t j = 0;
    for (;; b = (b + 1) & mask_) {
      while (j < 4 && buckets_[b].tag[j] != 0) ++j;
      if (j < 4) break;
      j = 0;
    }
    buckets_[b].tag[j] = old[i / 4].tag[i % 4];
    std::copy_n(old[i / 4].w[i % 4], 3, buckets_[b].w[j]);
    keys_[4 * b + j] = old_keys[i];
  }
}

std::size_t FrozenWeights::find(std::uint64_t feature) const {
  if (buckets_.empty()) return 0;
  const std::uint32_t tag = tag_of(feature);
  for (std::size_t b = home_bucket(feature);; b = (b + 1) & mask_) {
    for (std::size_t j = 0; j < 4; ++j) {
      if (buckets_[b].tag[j] == 0) return slot_count();
      // Without full hashes (a table read from version 2), by tag, as score() does.
      if (keys_.empty() ? buckets_[b].tag[j] == tag : keys_[4 * b + j] == feature) return 4 * b + j;
    }
  }
}

std::size_t FrozenWeights::free_slot(std::uint64_t feature) const {
  const std::uint32_t tag = tag_of(feature);
  for (std::size_t b = home_bucket(feature);; b = (b + 1) & mask_) {
    for (std::size_t j = 0; j < 4; ++j) {
      if (buckets_[b].tag[j] == 0) return 4 * b + j;
      if (keys_[4 * b + j] == feature) throw std::invalid_argument("FrozenWeights::add: duplicate");
      if (buckets_[b].tag[j] == tag) return slot_count();
    }
  }
}

std::size_t FrozenWeights::dense_threshold() const {
  return std::max<std::size_t>(8, classes_ / 4);
}

bool FrozenWeights::add(std::uint64_t feature, std::span<const Entry> row) {
  if (feature == 0 || row.empty()) throw std::invalid_argument("FrozenWeights::add: empty");
  if (!has_keys()) throw std::logic_error("FrozenWeights::add: a table read without feature hashes");
  for (std::size_t k = 0; k < row.size(); ++k) {
    if (row[k].cls >= classes_ || (k > 0 && row[k].cls <= row[k - 1].cls))
      throw std::invalid_argument("FrozenWeights::add: classes not ascending or out of range");
    if (row[k].weight == 0 || !std::isfinite(row[k].weight))
      throw std::invalid_argument("FrozenWeights::add: zero or non-finite weight");
  }
  if (4 * (size_ + 1) > 3 * slot_count()) rehash(buckets_.empty() ? 16 : slot_count() * 2);
  const std::size_t i = free_slot(feature);
  if (i == slot_count()) return false;
  place(i, tag_of(feature), row);
  keys_[i] = feature;
  return true;
}

void FrozenWeights::place(std::size_t i, std::uint32_t tag, std::span<const Entry> row, std::uint32_t at) {
  const bool dense = row.size() >= dense_threshold();
  const bool q = quantized();
  const bool inline_row = row.size() <= (q ? kInlineQuantized : 1);
  const std::size_t words = dense || inline_row ? 0 : (q ? 1 : 2) * row.size();
  const std::size_t dense_start = at != kAppend ? at : (dense_.size() + 15) & ~std::size_t{15};  // a 64-byte line
  if (arena_.size() + words > std::numeric_limits<std::uint32_t>::max() ||
      dense_start + classes_ > std::numeric_limits<std::uint32_t>::max())
    throw std::length_error("FrozenWeights: too many weights");
  const auto level = [&](float v) {  // the word of a quantised entry
    const auto l = static_cast<std::int16_t>(std::nearbyint(v / scale_));
    return static_cast<std::uint32_t>(static_cast<std::uint16_t>(l)) << 16;
  };
  std::uint32_t (&w)[3] = buckets_[i / 4].w[i % 4];
  w[0] = kLink;
  w[1] = w[2] = 0;
  if (dense) {
    w[1] = kDense;
    w[2] = static_cast<std::uint32_t>(dense_start);
    if (at == kAppend) dense_.resize(dense_start + classes_, 0.0f);
    for (const Entry& e : row) dense_[dense_start + e.cls] = e.weight;
  } else if (inline_row && q) {
    w[0] = w[1] = w[2] = kPad;
    for (std::size_t k = 0; k < row.size(); ++k) w[k] = row[k].cls | level(row[k].weight);
  } else if (inline_row) {
    w[0] = row[0].cls;
    w[1] = std::bit_cast<std::uint32_t>(row[0].weight);
  } else {
    w[1] = static_cast<std::uint32_t>(row.size());
    w[2] = at != kAppend ? at : static_cast<std::uint32_t>(arena_.size());
    if (at == kAppend) arena_.resize(arena_.size() + words);
    std::uint32_t* out = arena_.data() + w[2];
    for (const Entry& e : row) {
      if (q) {
        *out++ = e.cls | level(e.weight);
      } else {
        *out++ = e.cls;
        *out++ = std::bit_cast<std::uint32_t>(e.weight);
      }
    }
  }
  buckets_[i / 4].tag[i % 4] = tag;
  entry_count_ += row.size();
  ++size_;
}

template <typename F>
void FrozenWeights::for_each_entry(const std::uint32_t* w, F&& f) const {
  const auto level = [&](std::uint32_t e) {
    return scale_ * static_cast<float>(static_cast<std::int16_t>(e >> 16));
  };
  if (w[0] != kLink) {
    if (quantized()) {
      for (std::size_t k = 0; k < 3; ++k)
        if (w[k] != kPad) f(w[k] & 0xffff, level(w[k]));
    } else {
      f(w[0], std::bit_cast<float>(w[1]));
    }
  } else if (w[1] == kDense) {
    for (std::uint32_t c = 0; c < classes_; ++c) {
      const float v = dense_[w[2] + c];
      if (v != 0) f(c, v);
    }
  } else {
    const std::uint32_t* r = arena_.data() + w[2];
    if (quantized()) {
      for (std::uint32_t k = 0; k < w[1]; ++k) f(r[k] & 0xffff, level(r[k]));
    } else {
      for (std::uint32_t k = 0; k < w[1]; ++k) f(r[2 * k], std::bit_cast<float>(r[2 * k + 1]));
    }
  }
}

namespace {

// Compares the four tags of a bucket with `tag`: sets bit i of `match` where tag i equals
// it and returns `match` with the bits of the empty tags (0) added (non-zero: stop probing).
inline unsigned bucket_match(const std::uint32_t* tags, std::uint32_t tag, unsigned& match) {
#if defined(__SSE2__)
  const __m128i t = _mm_load_si128(reinterpret_cast<const __m128i*>(tags));
  match = static_cast<unsigned>(
      _mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(t, _mm_set1_epi32(static_cast<int>(tag))))));
  return match | static_cast<unsigned>(
                     _mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(t, _mm_setzero_si128()))));
#else
  unsigned empty = 0;
  match = 0;
  for (unsigned i = 0; i < 4; ++i) {
    match |= unsigned{tags[i] == tag} << i;
    empty |= unsigned{tags[i] == 0} << i;
  }
  return match | empty;
#endif
}

}  // namespace

template <typename Base>
void FrozenWeights::accumulate(std::span<const std::uint64_t> features, Base base,
                               std::span<float> out, std::uint32_t lo, std::uint32_t hi) const {
  if (buckets_.empty()) return;
  // Lookups are cache misses into tables of megabytes: prefetch a chunk of home buckets,
  // then find the slots and prefetch the rows they link to, then add the rows in feature
  // order (the order of the float sums is part of the results), so the misses overlap.
  constexpr std::size_t kChunk = 64;
  const std::uint32_t* found[kChunk];
  std::size_t where[kChunk];
  const Bucket* buckets = buckets_.data();
  const std::uint32_t* arena = arena_.data();
  const float* dense = dense_.data();
  const bool q = quantized();
  const float scale = scale_;
  const std::uint32_t width = hi - lo;
  const auto add_entry = [&](float* __restrict row, std::uint32_t e) {
    const std::uint32_t c = e & 0xffff;
    if (c - lo < width) row[c] += scale * static_cast<float>(static_cast<std::int16_t>(e >> 16));
  };
  for (std::size_t start = 0; start < features.size(); start += kChunk) {
    const std::size_t n = std::min(kChunk, features.size() - start);
    const std::uint64_t* f = features.data() + start;
    for (std::size_t k = 0; k < n; ++k) __builtin_prefetch(buckets + home_bucket(f[k]));
    std::size_t hits = 0;
    for (std::size_t k = 0; k < n; ++k) {
      // The first bucket on the path holding the tag or a free slot (tags fill a bucket in
      // order, so a match comes before any free slot); rarely more than the home bucket.
      const std::uint32_t tag = tag_of(f[k]);
      std::size_t b = home_bucket(f[k]);
      unsigned match;
      for (;;) {
        const unsigned stop = bucket_match(buckets[b].tag, tag, match);
        if (__builtin_expect(stop != 0, 1)) break;
        b = (b + 1) & mask_;
      }
      // Without branches on hit or miss: a miss records a (valid, unused) slot and no hit.
      const std::uint32_t* w = buckets[b].w[__builtin_ctz(match | 8u)];
      if (match != 0 && w[0] == kLink) {
        if (w[1] != kDense) {
          __builtin_prefetch(arena + w[2]);
          __builtin_prefetch(arena + w[2] + w[1] - 1);  // the same line, mostly
        } else {
          for (std::uint32_t c = lo & ~15u; c < hi; c += 16) __builtin_prefetch(dense + w[2] + c);
        }
      }
      where[hits] = base(start + k);
      found[hits] = w;
      hits += match != 0;
    }
    for (std::size_t k = 0; k < hits; ++k) {
      float* __restrict row = out.data() + where[k];
      const std::uint32_t* w = found[k];
      if (w[0] != kLink) {
        if (q) {
          add_entry(row, w[0]);
          add_entry(row, w[1]);
          add_entry(row, w[2]);
        } else if (w[0] - lo < width) {
          row[w[0]] += std::bit_cast<float>(w[1]);
        }
      } else if (w[1] == kDense) {
        add_dense(row, dense + w[2], lo, hi);
      } else if (q) {
        for (const std::uint32_t *e = arena + w[2], *end = e + w[1]; e != end; ++e)
          add_entry(row, *e);
      } else {
        for (const std::uint32_t *e = arena + w[2], *end = e + 2 * w[1]; e != end; e += 2)
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
  for (std::size_t i = 0; i < slot_count(); ++i)
    if (tag_at(i) != 0) order.push_back(i);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return keys_[a] < keys_[b]; });
  return order;
}

FrozenWeights FrozenWeights::concat(const FrozenWeights& a, const FrozenWeights& b) {
  if (a.quantized() || b.quantized()) throw std::invalid_argument("FrozenWeights::concat: quantized");
  if (!a.has_keys() || !b.has_keys()) throw std::logic_error("FrozenWeights::concat: no feature hashes");
  FrozenWeights out(a.classes_ + b.classes_);
  out.rehash(frozen_capacity_for(a.size_ + b.size_));
  std::vector<Entry> row;
  const auto append = [&](const FrozenWeights& w, std::size_t slot, std::uint32_t shift) {
    if (slot < w.slot_count())
      w.for_each_entry(w.words_at(slot), [&](std::uint32_t c, float v) { row.push_back({v, c + shift}); });
  };
  for (const std::size_t s : a.sorted_slots()) {
    row.clear();
    append(a, s, 0);
    append(b, b.find(a.keys_[s]), a.classes_);
    out.add(a.keys_[s], row);
  }
  for (const std::size_t s : b.sorted_slots()) {
    if (a.find(b.keys_[s]) < a.slot_count()) continue;
    row.clear();
    append(b, s, a.classes_);
    out.add(b.keys_[s], row);
  }
  return out;
}

float FrozenWeights::weight(std::uint64_t feature, std::uint32_t cls) const {
  const std::size_t s = find(feature);
  float w = 0;
  if (s < slot_count())
    for_each_entry(words_at(s), [&](std::uint32_t c, float v) { if (c == cls) w = v; });
  return w;
}

void FrozenWeights::quantize() {
  if (!has_keys()) throw std::logic_error("FrozenWeights::quantize: no feature hashes");
  float max_abs = 0;
  for (std::size_t i = 0; i < slot_count(); ++i)
    if (tag_at(i) != 0)
      for_each_entry(words_at(i), [&](std::uint32_t, float v) { max_abs = std::max(max_abs, std::fabs(v)); });
  const float scale = max_abs > 0 ? max_abs / 32767.0f : 1.0f;
  // Rebuilt rather than edited in place: weights rounding to 0 are dropped.
  FrozenWeights q(classes_);
  q.scale_ = scale;  // set first: add() then stores int16 levels
  q.rehash(frozen_capacity_for(size_));
  std::vector<Entry> row;
  for (const std::size_t s : sorted_slots()) {
    row.clear();
    for_each_entry(words_at(s), [&](std::uint32_t c, float v) {
      const float r = scale * std::nearbyint(v / scale);
      if (r != 0) row.push_back({r, c});
    });
    if (!row.empty()) q.add(keys_[s], row);
  }
  *this = std::move(q);
}

FrozenWeights FrozenWeights::relayout() const {
  std::vector<std::size_t> order = sorted_slots();
  std::vector<std::uint32_t> length(slot_count(), 0);
  for (const std::size_t s : order) for_each_entry(words_at(s), [&](std::uint32_t, float) { ++length[s]; });
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return length[a] > length[b]; });
  FrozenWeights t(classes_);
  t.scale_ = scale_;  // set first: add() then stores int16 levels
  t.rehash(frozen_capacity_for(size_));
  std::vector<Entry> row;
  for (const std::size_t s : order) {
    row.clear();
    for_each_entry(words_at(s), [&](std::uint32_t c, float v) { row.push_back({v, c}); });
    t.add(keys_[s], row);
  }
  return t;
}

void FrozenWeights::write(BinaryWriter& out, bool compact) const {
  if (!keys_.empty()) {
    relayout().write_table(out, compact);
  } else {
    write_table(out, compact);
  }
}

void FrozenWeights::write_table(BinaryWriter& out, bool compact) const {
  const bool narrow = compact && classes_ < 256;
  const auto small = [&](std::uint32_t v) {
    if (narrow) {
      out.u8(static_cast<std::uint8_t>(v));
    } else {
      out.u16(static_cast<std::uint16_t>(v));
    }
  };
  const std::size_t buckets = frozen_capacity_for(size_) / 4;
  if (!buckets_.empty() && buckets_.size() != buckets)
    throw std::logic_error("FrozenWeights::write: table not of the size read() expects");
  out.u32(classes_);
  out.u8(static_cast<std::uint8_t>((quantized() ? 1 : 0) | (narrow ? 2 : 0)));
  out.f32(quantized() ? scale_ : 1.0f);
  out.u64(size_);
  out.u64(entry_count_);
  out.u64(buckets);
  out.u64(arena_.size());
  out.u64(dense_.size());
  for (std::size_t b = 0; b < buckets; ++b) {
    std::uint8_t used = 0;
    if (!buckets_.empty())
      while (used < 4 && buckets_[b].tag[used] != 0) ++used;
    out.u8(used);
  }
  for (std::size_t s = 0; s < slot_count(); ++s) {
    if (tag_at(s) == 0) continue;
    std::uint32_t n = 0;
    for_each_entry(words_at(s), [&](std::uint32_t, float) { ++n; });
    out.u32(tag_at(s));
    small(n);
    if (words_at(s)[0] == kLink) out.u32(words_at(s)[2]);  // where the row is stored apart
    for_each_entry(words_at(s), [&](std::uint32_t c, float v) {
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
  return in.version() == 1 ? read_v1(in) : read_v2(in);
}

namespace {
std::uint16_t load_u16(const char* p) {
  std::uint16_t v;
  std::memcpy(&v, p, 2);
  return v;
}
}  // namespace

FrozenWeights FrozenWeights::read_v2(BinaryReader& in) {
  const std::uint32_t classes = in.u32("weights: class count");
  if (classes == 0 || classes > 65535) in.fail("weights: bad class count " + std::to_string(classes));
  const std::uint8_t encoding = in.u8("weights: encoding");
  if (encoding > 3) in.fail("weights: unknown encoding " + std::to_string(encoding));
  const bool narrow = (encoding & 2) != 0;
  const bool q = (encoding & 1) != 0;
  if (narrow && classes >= 256) in.fail("weights: u8 classes for " + std::to_string(classes) + " classes");
  const float scale = in.f32("weights: scale");
  if (!(scale > 0) || !std::isfinite(scale)) in.fail("weights: bad scale");
  const std::size_t small_bytes = narrow ? 1 : 2;
  const std::size_t entry_bytes = small_bytes + (q ? 2 : 4);
  // Each feature takes its tag, its row length and at least one entry.
  const std::size_t features = in.count(4 + small_bytes + entry_bytes, "weights: feature count");
  const std::uint64_t entry_count = in.u64("weights: entry count");
  if (entry_count > in.remaining() / entry_bytes)
    in.fail("truncated: weights: " + std::to_string(entry_count) + " entries announced, " +
            std::to_string(in.remaining()) + " bytes left");
  const std::uint64_t buckets = in.u64("weights: bucket count");
  if (buckets != frozen_capacity_for(features) / 4)
    in.fail("weights: " + std::to_string(buckets) + " buckets for " + std::to_string(features) +
            " features, expected " + std::to_string(frozen_capacity_for(features) / 4));
  // What place() will store apart from the buckets, so both are allocated once (checked
  // against what the rows take below). Capped by what `entry_count` entries can take.
  const std::uint64_t arena_words = in.u64("weights: arena size");
  const std::uint64_t dense_floats = in.u64("weights: dense size");
  const std::uint64_t threshold = std::max<std::uint64_t>(8, classes / 4);
  if (arena_words > (q ? 1 : 2) * entry_count ||
      dense_floats > (entry_count / threshold) * (classes + 16))
    in.fail("weights: arena or dense size larger than the entries allow");
  const std::string_view used = in.bytes(buckets, "weights: used slots per bucket");

  FrozenWeights w(classes);
  if (q) w.scale_ = scale;
  w.buckets_.assign(buckets, Bucket{});
  w.mask_ = buckets - 1;
  w.arena_.resize(arena_words);
  w.dense_.resize(dense_floats, 0.0f);
  std::uint64_t arena_used = 0;
  std::vector<Entry> row;
  row.reserve(classes);
  std::uint64_t total = 0;
  std::size_t placed = 0;
  for (std::size_t b = 0; b < buckets; ++b) {
    const auto n_used = static_cast<std::uint8_t>(used[b]);
    if (n_used > 4) in.fail("weights: bucket " + std::to_string(b) + " says " + std::to_string(n_used) + " used slots");
    if (placed + n_used > features) in.fail("weights: more used slots than features");
    for (std::uint32_t j = 0; j < n_used; ++j) {
      // One bounds check for the tag and length, one for the entries.
      const std::string_view head = in.bytes(4 + small_bytes, "weights: tag and row length");
      std::uint32_t tag;
      std::memcpy(&tag, head.data(), 4);
      const std::uint32_t n = narrow ? static_cast<std::uint8_t>(head[4]) : load_u16(head.data() + 4);
      if (tag == 0 || n == 0 || n > classes) in.fail("weights: corrupt feature row " + std::to_string(placed));
      const bool dense = n >= threshold;
      const bool apart = dense || n > (q ? kInlineQuantized : 1);
      const std::uint32_t at = apart ? in.u32("weights: row offset") : kAppend;
      const std::uint64_t words = dense || !apart ? 0 : std::uint64_t{q ? 1u : 2u} * n;
      if (apart && (dense ? at % 16 != 0 || at > dense_floats || classes > dense_floats - at
                          : at > arena_words || words > arena_words - at))
        in.fail("weights: row offset " + std::to_string(at) + " out of range");
      arena_used += words;
      const char* e = in.bytes(n * entry_bytes, "weights: row").data();
      total += n;
      if (total > entry_count) in.fail("weights: row lengths exceed the entry count");
      if (q && n < threshold) {
        // The common case, straight into the slot's words (or the arena) as place() would
        // store them: class | int16 level << 16, no float round trip.
        const std::size_t i = 4 * b + j;
        std::uint32_t(&slot)[3] = w.buckets_[i / 4].w[i % 4];
        std::uint32_t* out = slot;
        if (apart) {
          slot[0] = kLink;
          slot[1] = n;
          slot[2] = at;
          out = w.arena_.data() + at;
        } else {
          slot[0] = slot[1] = slot[2] = kPad;
        }
        std::uint32_t previous = 0;
        for (std::uint32_t k = 0; k < n; ++k, e += entry_bytes) {
          const std::uint32_t cls = narrow ? static_cast<std::uint8_t>(e[0]) : load_u16(e);
          const std::uint32_t level = load_u16(e + small_bytes);
          if (cls >= classes || (k > 0 && cls <= previous))
            in.fail("weights: class " + std::to_string(cls) + " out of order or range");
          if (level == 0) in.fail("weights: zero or non-finite weight");
          out[k] = cls | level << 16;
          previous = cls;
        }
        w.buckets_[i / 4].tag[i % 4] = tag;
        w.entry_count_ += n;
        ++w.size_;
        ++placed;
        continue;
      }
      row.clear();
      for (std::uint32_t k = 0; k < n; ++k, e += entry_bytes) {
        const std::uint32_t cls = narrow ? static_cast<std::uint8_t>(e[0]) : load_u16(e);
        float value;
        if (q) {
          value = scale * static_cast<float>(static_cast<std::int16_t>(load_u16(e + small_bytes)));
        } else {
          std::memcpy(&value, e + small_bytes, 4);
        }
        if (cls >= classes || (k > 0 && cls <= row.back().cls))
          in.fail("weights: class " + std::to_string(cls) + " out of order or range");
        if (value == 0 || !std::isfinite(value)) in.fail("weights: zero or non-finite weight");
        row.push_back(Entry{value, cls});
      }
      w.place(4 * b + j, tag, row, at);
      ++placed;
    }
  }
  if (placed != features) in.fail("weights: used slots do not add up to the feature count");
  if (arena_used != arena_words) in.fail("weights: arena size does not match the rows");
  if (total != entry_count) in.fail("weights: row lengths do not add up to the entry count");
  return w;
}

FrozenWeights FrozenWeights::read_v1(BinaryReader& in) {
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
  // All rows first, then added longest first: features with many classes are the
  // frequent ones, and get the slots in their home buckets (lookups of them then read one
  // bucket). The order changes only the table's layout, not what it holds.
  std::vector<Entry> entries;
  entries.reserve(entry_count);
  std::vector<std::size_t> offsets(features + 1, 0);
  for (std::size_t i = 0; i < features; ++i) {
    for (std::uint32_t k = 0; k < counts[i]; ++k) {
      const std::uint32_t cls = small("weights: class");
      const float value = (encoding & 1) ? scale * static_cast<float>(in.i16("weights: weight"))
                                         : in.f32("weights: weight");
      if (cls >= classes || (k > 0 && cls <= entries.back().cls))
        in.fail("weights: class " + std::to_string(cls) + " out of order or range");
      if (value == 0 || !std::isfinite(value)) in.fail("weights: zero or non-finite weight");
      entries.push_back(Entry{value, cls});
    }
    offsets[i + 1] = entries.size();
  }
  std::vector<std::uint32_t> order(features);
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return counts[a] > counts[b]; });
  for (const std::uint32_t i : order) {
    const std::span<const Entry> row(entries.data() + offsets[i], counts[i]);
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
      std::vector<Entry>& r = row_of(f);
      add(r, gold, 1.0f);
      add(r, guess, -1.0f);
    }
  }
  ++clock_;
}

std::vector<TrainingWeights::Entry>& TrainingWeights::row_of(std::uint64_t feature) {
  const auto [row, inserted] = index_.insert(feature, static_cast<std::uint32_t>(rows_.size()));
  if (inserted) {
    rows_.emplace_back();
    keys_.push_back(feature);
  }
  return rows_[*row];
}

void TrainingWeights::adjust(std::uint32_t cls, std::span<const std::uint64_t> features,
                             float delta) {
  if (cls >= classes_) throw std::invalid_argument("TrainingWeights::adjust: class out of range");
  for (const std::uint64_t f : features) add(row_of(f), cls, delta);
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
