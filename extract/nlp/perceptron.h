#pragma once
// A multi-class averaged perceptron over hashed features, shared by the tagger, the parser
// and the NER: feature hashing, the mutable training weights with lazy averaging, and the
// frozen, pruned, averaged table used for prediction.
//
// Features are 64-bit hashes of (template id, pieces). A piece is a 64-bit value: a small
// integer (a tag id) or piece_hash() of a string, computed once per token and reused by
// every template that mentions that token. The hash functions below are part of every
// model file: changing them must change the fingerprints of the models that use them.
#include <cstdint>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/nlp/model_io.h"

namespace kg::extract {

// splitmix64's finaliser: a bijective 64-bit mixer.
constexpr std::uint64_t mix64(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x;
}

// The hash of one string piece (FNV-1a 64).
constexpr std::uint64_t piece_hash(std::string_view s) { return fnv1a64(s); }

// Feature hashes are never 0 (the empty slot of the tables). Always inlined: the feature
// templates call them millions of times a second, and out of line the call costs as much
// as the hash.
[[gnu::always_inline]] constexpr std::uint64_t feature_hash(std::uint32_t templ, std::uint64_t a) {
  const std::uint64_t h = mix64(a ^ (0x9e3779b97f4a7c15ull * (templ + 1ull)));
  return h == 0 ? 1 : h;
}
[[gnu::always_inline]] constexpr std::uint64_t feature_hash(std::uint32_t templ, std::uint64_t a,
                                                            std::uint64_t b) {
  const std::uint64_t h = mix64(mix64(a ^ (0x9e3779b97f4a7c15ull * (templ + 1ull))) + b);
  return h == 0 ? 1 : h;
}

// FeatureSet: the features of one decision, as hashes.
// Ensures: add() appends one hash and allocates only while the buffer grows past its
// largest size so far; clear() keeps the capacity, so a reused FeatureSet never allocates.
// Thread safety: one thread per FeatureSet.
class FeatureSet {
 public:
  void clear() { size_ = 0; }
  void reserve(std::size_t n) {
    if (n > hashes_.size()) hashes_.resize(n);
  }
  [[gnu::always_inline]] void add(std::uint32_t templ, std::uint64_t piece) { push(feature_hash(templ, piece)); }
  [[gnu::always_inline]] void add(std::uint32_t templ, std::uint64_t a, std::uint64_t b) {
    push(feature_hash(templ, a, b));
  }
  void add(std::uint32_t templ, std::string_view s) { add(templ, piece_hash(s)); }
  std::span<const std::uint64_t> hashes() const { return {hashes_.data(), size_}; }
  std::size_t size() const { return size_; }

 private:
  [[gnu::always_inline]] void push(std::uint64_t h) {
    if (size_ == hashes_.size()) [[unlikely]] grow();
    hashes_[size_++] = h;
  }
  // Out of line, so push() stays small enough to inline into the feature templates.
  [[gnu::noinline, gnu::cold]] void grow() { hashes_.resize(hashes_.empty() ? 64 : 2 * hashes_.size()); }
  std::vector<std::uint64_t> hashes_;  // capacity; the first size_ are the features
  std::size_t size_ = 0;
};

// U64Map: non-zero u64 key -> u32 value; open addressing, linear probing, load <= 1/2.
// Requires: keys are non-zero (feature_hash() never returns 0). Thread safety: const
// member functions may run concurrently.
class U64Map {
 public:
  explicit U64Map(std::size_t expected = 0);
  const std::uint32_t* find(std::uint64_t key) const;
  // The value of `key`, inserting `value` first when the key is absent; second = inserted.
  std::pair<std::uint32_t*, bool> insert(std::uint64_t key, std::uint32_t value);
  std::size_t size() const { return size_; }
  // Removes every entry; keeps the capacity.
  void clear();
  // Calls f(key, value) for every entry, in table order.
  template <typename F>
  void for_each(F&& f) const {
    for (std::size_t i = 0; i < keys_.size(); ++i)
      if (keys_[i] != 0) f(keys_[i], values_[i]);
  }

 private:
  void rehash(std::size_t capacity);
  std::vector<std::uint64_t> keys_;
  std::vector<std::uint32_t> values_;
  std::size_t size_ = 0;
  std::size_t mask_ = 0;
};

// HugePageAllocator: std::allocator, except that blocks are 64-byte (cache line) aligned,
// and blocks of 2 MiB and more are 2 MiB-aligned and marked for transparent huge pages
// (Linux madvise), so random lookups into big tables miss the TLB less. Falls back to
// ordinary pages wherever that is not available.
template <typename T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT: implicit, as allocators are
  T* allocate(std::size_t n);
  void deallocate(T* p, std::size_t n);
  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const { return true; }
};
void* huge_page_allocate(std::size_t bytes);
void huge_page_deallocate(void* p, std::size_t bytes);
template <typename T>
T* HugePageAllocator<T>::allocate(std::size_t n) {
  return static_cast<T*>(huge_page_allocate(n * sizeof(T)));
}
template <typename T>
void HugePageAllocator<T>::deallocate(T* p, std::size_t n) {
  huge_page_deallocate(p, n * sizeof(T));
}

// FrozenWeights: averaged, pruned weights for prediction.
//
// What it represents: for each kept feature hash a row of non-zero (class, weight) entries,
// in a flat open-addressing table of 16-byte slots (32-bit tag, then the row itself when it
// is short, else where it is stored: contiguously in an arena, or as a full row when it
// touches many classes), four slots to a cache line, so a lookup reads one line (and the
// row's when it is stored apart).
// Ensures: score() allocates nothing and gives the sum of the rows of the features present
// (absent features count 0). Lookups compare 32-bit tags, so an absent feature may borrow
// a present one's row with odds of about 2^-32 per lookup; add() drops a feature whose tag
// clashes with one already on its probe path (as rare), so tables stay exact for what they
// hold. write()/read() round-trip exactly; after quantize() weights are multiples of a
// scale and are stored as int16 (half the size). Tables of 2 MiB and more sit on huge pages.
// Thread safety: const member functions may run concurrently.
class FrozenWeights {
 public:
  struct Entry {
    float weight;
    std::uint32_t cls;
  };

  FrozenWeights() = default;
  explicit FrozenWeights(std::uint32_t classes) : classes_(classes) {}

  // Adds the row of a feature not yet present. Requires: row non-empty, classes ascending
  // and < classes(), weights non-zero and finite (throws std::invalid_argument otherwise).
  // Returns false (and adds nothing) on a tag clash, see above.
  bool add(std::uint64_t feature, std::span<const Entry> row);

  // scores[c] = sum of the weights of class c over `features`. Requires scores.size() == classes().
  void score(std::span<const std::uint64_t> features, std::span<float> scores) const;
  // The same sums for the classes in [lo, hi) only, added to `scores` (not cleared first).
  // Requires scores.size() == classes(), lo <= hi <= classes().
  void add_scores(std::span<const std::uint64_t> features, std::span<float> scores,
                  std::uint32_t lo, std::uint32_t hi) const;
  // Scores of many decisions at once: feature k belongs to decision rows[k], whose scores
  // are matrix[rows[k] * classes() + c], c in [lo, hi) (added to, not cleared). Faster than
  // one call per decision: more lookups overlap. Requires rows.size() == features.size().
  void add_scores(std::span<const std::uint64_t> features, std::span<const std::uint32_t> rows,
                  std::span<float> matrix, std::uint32_t lo, std::uint32_t hi) const;

  // The weights of `a` and `b` side by side: classes [0, a.classes()) are a's, the next
  // b.classes() are b's, and a feature present in both has one row (one lookup for both).
  // Requires neither is quantized.
  static FrozenWeights concat(const FrozenWeights& a, const FrozenWeights& b);

  // The weight of (feature, cls), 0 when pruned or never seen.
  float weight(std::uint64_t feature, std::uint32_t cls) const;

  std::uint32_t classes() const { return classes_; }
  std::size_t features() const { return size_; }
  std::size_t entries() const { return entry_count_; }

  // Rounds every weight to the nearest multiple of max|w|/32767, the int16 grid write()
  // then uses; weights that round to 0 are dropped, and features left without any.
  void quantize();
  bool quantized() const { return scale_ > 0; }

  // Layout, model format version 2 (what write() writes): the lookup table itself, slot by
  // slot, so read() puts every row straight into its slot (no hashing, no probing, no
  // sorting: one sequential pass):
  //   u32 classes, u8 encoding, f32 scale, u64 feature count F, u64 entry count E,
  //   u64 bucket count B (the power of two a table of F features has, see below),
  //   u64 arena words, u64 dense floats (what the rows stored apart take: allocated once),
  //   B x u8 used slots of each bucket (0 to 4, filled in slot order; they add up to F),
  //   then for each used slot in slot order: u32 tag, row length, for a row stored apart
  //   (in the arena or among the dense rows) u32 its offset there, (class, weight) x length.
  // The offsets keep the arena in the order rows were added (longest first), so the rows
  // used most are close together.
  // The table written is laid out longest rows first (as read() of version 1 lays it out),
  // so the features used most sit in their home bucket. Full feature hashes are not stored:
  // a table read back looks features up by bucket and tag, as score() always does.
  // Version 1 (still read): the same header without B, F x (u64 hash, row length) in
  // ascending hash order, then E x (class, weight); read() then builds the table.
  // Encoding bit 0: weights are i16 * scale (else f32); bit 1 (`compact`, only with fewer
  // than 256 classes): row lengths and classes are u8 (else u16).
  void write(BinaryWriter& out, bool compact = false) const;
  // Reads the layout of in.version(). Throws kg::ModelError (with file and offset) for
  // truncation or inconsistent contents.
  static FrozenWeights read(BinaryReader& in);
  // Whether the full feature hashes are known (a table built by add(), or read from a
  // version 1 file); concat() and quantize() of an unquantized table need them.
  bool has_keys() const { return !keys_.empty() || size_ == 0; }

 private:
  // The hash table: 64-byte buckets (one cache line) of four slots: the four 32-bit tags
  // side by side (high half of the feature hash, never 0 in a used slot; 0 = empty), then
  // the three words w of each slot. A feature goes to the first slot free in its home
  // bucket, else in the next bucket, and so on; a lookup compares the four tags at once,
  // and stops at a bucket with a free slot. Slot s is w[s % 4] of bucket s / 4. w holds the
  // row inline when it is short, else a link to it. Full hashes live in keys_ (per slot),
  // read only off the hot path.
  //  - inline, quantised (1 to 3 entries): one word per entry, class | int16 level << 16,
  //    unused words kPad (class 65535, never scored: classes() <= 65535);
  //  - inline, f32 (1 entry): w = {class, f32 bits, 0};
  //  - link: w[0] = kLink (no entry has class 65535), w[1] = the entry count and w[2] the
  //    index in arena_ of the entries (quantised: one word each, as inline; f32: (class,
  //    f32 bits) word pairs); or, for rows touching many classes, w[1] = kDense and w[2]
  //    the index in dense_ of their classes() f32 weights (one vectorised add instead of
  //    many scattered ones; few and hot, so kept as f32 even when quantised: no conversions
  //    in the inner loop). Dense rows start on a 64-byte line.
  // read() adds the longest rows first, so the features used most sit in their home bucket.
  struct alignas(64) Bucket {
    std::uint32_t tag[4];
    std::uint32_t w[4][3];
  };
  static constexpr std::uint32_t kLink = 0xffffffffu;
  static constexpr std::uint32_t kDense = 0xffffffffu;
  static constexpr std::uint32_t kPad = 0x0000ffffu;
  static constexpr std::size_t kInlineQuantized = 3;
  static std::uint32_t tag_of(std::uint64_t feature) {
    const auto t = static_cast<std::uint32_t>(feature >> 32);
    return t == 0 ? 1 : t;
  }
  std::size_t find(std::uint64_t feature) const;  // slot index, or slot_count()
  // Puts a row (classes ascending, weights non-zero) into the free slot `i` with `tag`; a
  // row stored apart goes to the end of the arena or dense rows, or at offset `at` of them
  // when given (read(): they are already sized, and `at` checked).
  static constexpr std::uint32_t kAppend = 0xffffffffu;
  void place(std::size_t i, std::uint32_t tag, std::span<const Entry> row, std::uint32_t at = kAppend);
  // The same table laid out longest rows first (ties in hash order). Requires keys.
  FrozenWeights relayout() const;
  void write_table(BinaryWriter& out, bool compact) const;  // this layout, as it is
  static FrozenWeights read_v1(BinaryReader& in);
  static FrozenWeights read_v2(BinaryReader& in);
  void rehash(std::size_t capacity);
  std::size_t dense_threshold() const;
  std::vector<std::size_t> sorted_slots() const;  // used slot indexes by ascending key
  // The slot for a new `feature`, or slot_count() on a tag clash.
  std::size_t free_slot(std::uint64_t feature) const;
  std::size_t home_bucket(std::uint64_t feature) const;  // start of the probe path
  std::size_t slot_count() const { return 4 * buckets_.size(); }
  std::uint32_t tag_at(std::size_t slot) const { return buckets_[slot / 4].tag[slot % 4]; }
  const std::uint32_t* words_at(std::size_t slot) const { return buckets_[slot / 4].w[slot % 4]; }
  template <typename F>
  void for_each_entry(const std::uint32_t* w, F&& f) const;  // f(cls, weight), non-zero only
  template <typename Base>
  void accumulate(std::span<const std::uint64_t> features, Base base, std::span<float> out,
                  std::uint32_t lo, std::uint32_t hi) const;

  std::uint32_t classes_ = 0;
  float scale_ = 0;  // > 0 once quantised
  std::vector<Bucket, HugePageAllocator<Bucket>> buckets_;
  std::vector<std::uint64_t> keys_;  // per slot; empty in a table read from version 2
  std::size_t mask_ = 0;             // bucket count - 1
  std::size_t size_ = 0;
  std::size_t entry_count_ = 0;
  std::vector<std::uint32_t, HugePageAllocator<std::uint32_t>> arena_;
  std::vector<float, HugePageAllocator<float>> dense_;
};

// TrainingWeights: the mutable weights of an averaged perceptron being trained.
//
// What it represents: for each feature hash seen in an update, a sparse row of
// (class, weight, running total, timestamp), so averaging is lazy (udpipe's
// training_maps.h, Collins 2002): a weight's contribution is added to its total only when
// it changes, and freeze() finishes the sums.
// Ensures: after N calls of update(), averaged(f, c) is the mean over the N instances of
// the weight (f, c) held after each of them.
// Thread safety: none (training is single-threaded).
class TrainingWeights {
 public:
  explicit TrainingWeights(std::uint32_t classes);

  // scores[c] = sum of the current (not averaged) weights. Requires scores.size() == classes().
  void score(std::span<const std::uint64_t> features, std::span<float> scores) const;
  // One training instance: when guess != gold, +1 to (f, gold) and -1 to (f, guess) for
  // every feature f; then the clock advances. Call it for every instance, right or wrong.
  void update(std::uint32_t gold, std::uint32_t guess, std::span<const std::uint64_t> features);
  // Structured updates (a whole transition sequence at a time): adds `delta` to (f, cls)
  // for every feature f without moving the clock; tick() then counts the instances.
  void adjust(std::uint32_t cls, std::span<const std::uint64_t> features, float delta);
  void tick(std::uint64_t instances = 1) { clock_ += instances; }

  double averaged(std::uint64_t feature, std::uint32_t cls) const;
  // Averaged weights without entries whose |weight| < prune_threshold (0 keeps every
  // non-zero one); features left with no entry are dropped.
  FrozenWeights freeze(float prune_threshold = 0) const;

  std::uint32_t classes() const { return classes_; }
  std::uint64_t instances() const { return clock_; }
  std::size_t features() const { return rows_.size(); }

 private:
  struct Entry {
    std::uint32_t cls;
    float weight;
    double total;
    std::uint64_t stamp;
  };
  void add(std::vector<Entry>& row, std::uint32_t cls, float delta);
  std::vector<Entry>& row_of(std::uint64_t feature);  // the feature's row, added when new
  double average(const Entry& e) const;

  std::uint32_t classes_;
  std::uint64_t clock_ = 0;
  U64Map index_;
  std::vector<std::uint64_t> keys_;         // feature hash of each row
  std::vector<std::vector<Entry>> rows_;
};

// Index of the highest score; the lowest index among equals.
std::uint32_t argmax(std::span<const float> scores);

}  // namespace kg::extract
