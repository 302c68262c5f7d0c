#include "extract/nlp/perceptron.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <utility>
#include <vector>

#include "extract/text/error.h"

using kg::extract::argmax;
using kg::extract::BinaryReader;
using kg::extract::BinaryWriter;
using kg::extract::feature_hash;
using kg::extract::FeatureSet;
using kg::extract::FrozenWeights;
using kg::extract::TrainingWeights;
using kg::extract::U64Map;

namespace {

// A separable toy problem: the class is the colour word, with a noise word beside it.
struct Example {
  std::vector<std::uint64_t> features;
  std::uint32_t gold;
};

std::vector<Example> toy_examples() {
  const char* colours[] = {"red", "green", "blue"};
  const char* noise[] = {"big", "small", "old", "new"};
  std::vector<Example> out;
  for (std::uint32_t c = 0; c < 3; ++c) {
    for (const char* n : noise) {
      FeatureSet f;
      f.add(0, 0);  // bias
      f.add(1, colours[c]);
      f.add(2, n);
      out.push_back({std::vector<std::uint64_t>(f.hashes().begin(), f.hashes().end()), c});
    }
  }
  return out;
}

TrainingWeights train_toy(int epochs) {
  TrainingWeights w(3);
  std::vector<float> scores(3);
  for (int e = 0; e < epochs; ++e) {
    for (const Example& ex : toy_examples()) {
      w.score(ex.features, scores);
      w.update(ex.gold, argmax(scores), ex.features);
    }
  }
  return w;
}

}  // namespace

TEST_CASE("perceptron: feature hashes differ by template and piece and are never 0") {
  CHECK(feature_hash(1, 5) != feature_hash(2, 5));
  CHECK(feature_hash(1, 5) != feature_hash(1, 6));
  CHECK(feature_hash(1, 5, 6) != feature_hash(1, 6, 5));
  CHECK(feature_hash(1, 5) != 0);
}

TEST_CASE("perceptron: FeatureSet reuses its buffer after clear()") {
  FeatureSet f;
  for (std::uint32_t t = 0; t < 40; ++t) f.add(t, "x");
  const auto* data = f.hashes().data();
  f.clear();
  for (std::uint32_t t = 0; t < 40; ++t) f.add(t, "y");
  CHECK(f.hashes().data() == data);
  CHECK(f.size() == 40);
}

TEST_CASE("perceptron: U64Map finds what was inserted and grows") {
  U64Map m;
  for (std::uint64_t k = 1; k <= 1000; ++k) CHECK(m.insert(k * 7919, static_cast<std::uint32_t>(k)).second);
  CHECK(m.size() == 1000);
  CHECK(*m.find(7919 * 500) == 500);
  CHECK(m.find(3) == nullptr);
  CHECK_FALSE(m.insert(7919, 9).second);
  CHECK(*m.find(7919) == 1);
}

TEST_CASE("perceptron: U64Map clear() forgets every key and takes new ones") {
  U64Map m;
  for (std::uint64_t k = 1; k <= 100; ++k) m.insert(k, static_cast<std::uint32_t>(k));
  m.clear();
  CHECK(m.size() == 0);
  CHECK(m.find(50) == nullptr);
  CHECK(m.insert(50, 7).second);
  CHECK(*m.find(50) == 7);
  CHECK(m.size() == 1);
}

TEST_CASE("perceptron: learns a tiny separable problem") {
  const TrainingWeights w = train_toy(5);
  const FrozenWeights frozen = w.freeze();
  std::vector<float> scores(3);
  for (const Example& ex : toy_examples()) {
    frozen.score(ex.features, scores);
    CHECK(argmax(scores) == ex.gold);
  }
}

TEST_CASE("perceptron: a correct guess changes no weight but advances the clock") {
  TrainingWeights w(2);
  const std::vector<std::uint64_t> f{feature_hash(1, 1)};
  w.update(0, 0, f);
  CHECK(w.instances() == 1);
  CHECK(w.features() == 0);
}

TEST_CASE("perceptron: averaging is the mean of the weights after each instance") {
  TrainingWeights w(2);
  const std::vector<std::uint64_t> f{feature_hash(1, 1)};
  w.update(1, 0, f);  // instance 1: w(f,1) = 1, w(f,0) = -1
  w.update(1, 1, f);  // instance 2: unchanged
  w.update(0, 1, f);  // instance 3: back to 0 and 0
  w.update(0, 0, f);  // instance 4: unchanged
  // w(f,1) after each instance: 1, 1, 0, 0 -> mean 0.5; w(f,0): -1, -1, 0, 0 -> -0.5.
  CHECK(w.averaged(f[0], 1) == doctest::Approx(0.5));
  CHECK(w.averaged(f[0], 0) == doctest::Approx(-0.5));
  const FrozenWeights frozen = w.freeze();
  CHECK(frozen.weight(f[0], 1) == doctest::Approx(0.5));
  CHECK(frozen.weight(f[0], 0) == doctest::Approx(-0.5));
}

TEST_CASE("perceptron: a late update counts only for the instances after it") {
  TrainingWeights w(2);
  const std::vector<std::uint64_t> f{feature_hash(1, 1)};
  w.update(0, 0, f);
  w.update(0, 0, f);
  w.update(0, 0, f);
  w.update(1, 0, f);  // w(f,1) = 1 only after the 4th of 4 instances
  CHECK(w.averaged(f[0], 1) == doctest::Approx(0.25));
}

TEST_CASE("perceptron: frozen scores equal the training-time averaged scores") {
  const TrainingWeights w = train_toy(3);
  const FrozenWeights frozen = w.freeze();
  std::vector<float> scores(3);
  for (const Example& ex : toy_examples()) {
    frozen.score(ex.features, scores);
    for (std::uint32_t c = 0; c < 3; ++c) {
      double expected = 0;
      for (const std::uint64_t h : ex.features) expected += w.averaged(h, c);
      CHECK(scores[c] == doctest::Approx(expected));
    }
  }
}

TEST_CASE("perceptron: pruning drops weights below the threshold and empty features") {
  TrainingWeights w(2);
  const std::vector<std::uint64_t> a{feature_hash(1, 3)}, b{feature_hash(1, 4)};
  for (int i = 0; i < 10; ++i) w.update(0, 1, b);  // b grows to +-10: average 9.55
  for (int i = 0; i < 89; ++i) w.update(0, 0, b);
  w.update(1, 0, a);  // a is +-1 only after the last of 100 instances: average 0.01
  CHECK(w.averaged(a[0], 1) == doctest::Approx(0.01));
  CHECK(w.averaged(b[0], 0) == doctest::Approx(9.55));
  const FrozenWeights pruned = w.freeze(0.05f);
  CHECK(pruned.features() == 1);
  CHECK(pruned.weight(a[0], 1) == 0.0f);
  CHECK(pruned.weight(b[0], 0) == doctest::Approx(9.55));
  CHECK(w.freeze(0.0f).features() == 2);
}

TEST_CASE("perceptron: frozen weights round-trip exactly as f32") {
  const FrozenWeights frozen = train_toy(3).freeze();
  BinaryWriter out;
  frozen.write(out);
  const std::string bytes = out.take();
  BinaryReader in(bytes, "w.bin");
  const FrozenWeights back = FrozenWeights::read(in);
  CHECK(in.at_end());
  CHECK(back.features() == frozen.features());
  CHECK(back.entries() == frozen.entries());
  std::vector<float> a(3), b(3);
  for (const Example& ex : toy_examples()) {
    frozen.score(ex.features, a);
    back.score(ex.features, b);
    CHECK(a == b);
  }
  BinaryWriter again;
  back.write(again);
  CHECK(again.data() == bytes);
}

TEST_CASE("perceptron: quantised weights round-trip exactly as int16 and stay close") {
  FrozenWeights frozen = train_toy(3).freeze();
  const FrozenWeights original = frozen;
  frozen.quantize();
  CHECK(frozen.quantized());
  BinaryWriter out;
  frozen.write(out);
  BinaryWriter f32;
  original.write(f32);
  CHECK(out.size() < f32.size());
  const std::string bytes = out.take();
  BinaryReader in(bytes, "w.bin");
  const FrozenWeights back = FrozenWeights::read(in);
  std::vector<float> a(3), b(3), c(3);
  for (const Example& ex : toy_examples()) {
    frozen.score(ex.features, a);
    back.score(ex.features, b);
    original.score(ex.features, c);
    CHECK(a == b);
    for (int k = 0; k < 3; ++k) CHECK(a[k] == doctest::Approx(c[k]).epsilon(0.001));
  }
}

TEST_CASE("perceptron: corrupt frozen weights are rejected with file and offset") {
  const FrozenWeights frozen = train_toy(3).freeze();
  BinaryWriter out;
  frozen.write(out);
  std::string bytes = out.take();
  bytes.resize(bytes.size() - 3);
  BinaryReader in(bytes, "w.bin");
  CHECK_THROWS_WITH_AS(FrozenWeights::read(in), doctest::Contains("w.bin: byte "), kg::ModelError);
}

TEST_CASE("perceptron: training is deterministic") {
  BinaryWriter a, b;
  train_toy(4).freeze().write(a);
  train_toy(4).freeze().write(b);
  CHECK(a.data() == b.data());
}

TEST_CASE("perceptron: rows touching many classes (stored densely) score and round-trip") {
  FrozenWeights w(16);
  std::vector<FrozenWeights::Entry> wide, narrow{{2.5f, 3}, {-1.0f, 9}};
  for (std::uint32_t c = 0; c < 16; c += 2) wide.push_back({0.5f * static_cast<float>(c + 1), c});
  const std::uint64_t a = feature_hash(1, 1), b = feature_hash(1, 2);
  w.add(a, wide);    // 8 entries: at the dense threshold
  w.add(b, narrow);  // 2 entries: sparse
  CHECK(w.entries() == 10);
  CHECK(w.weight(a, 4) == 2.5f);
  CHECK(w.weight(a, 5) == 0.0f);
  CHECK(w.weight(b, 9) == -1.0f);
  std::vector<float> scores(16);
  w.score(std::vector<std::uint64_t>{a, b, feature_hash(1, 3)}, scores);
  CHECK(scores[0] == 0.5f);
  CHECK(scores[1] == 0.0f);
  CHECK(scores[3] == 2.5f);
  CHECK(scores[4] == 2.5f);
  CHECK(scores[9] == -1.0f);
  BinaryWriter out;
  w.write(out);
  const std::string bytes = out.take();
  BinaryReader in(bytes, "w.bin");
  const FrozenWeights back = FrozenWeights::read(in);
  std::vector<float> again(16);
  back.score(std::vector<std::uint64_t>{a, b}, again);
  CHECK(again == scores);
  BinaryWriter rewritten;
  back.write(rewritten);
  CHECK(rewritten.data() == bytes);
}

TEST_CASE("perceptron: scoring many decisions at once equals one at a time") {
  const FrozenWeights frozen = train_toy(3).freeze();
  const auto examples = toy_examples();
  std::vector<std::uint64_t> all;
  std::vector<std::uint32_t> rows;
  for (std::uint32_t i = 0; i < examples.size(); ++i) {
    for (const std::uint64_t h : examples[i].features) {
      all.push_back(h);
      rows.push_back(i);
    }
  }
  std::vector<float> matrix(examples.size() * 3, 0.0f), one(3);
  frozen.add_scores(all, rows, matrix, 0, 3);
  for (std::size_t i = 0; i < examples.size(); ++i) {
    frozen.score(examples[i].features, one);
    for (std::size_t c = 0; c < 3; ++c) CHECK(matrix[i * 3 + c] == one[c]);
  }
}

TEST_CASE("perceptron: rows with classes out of order are refused") {
  FrozenWeights w(4);
  const std::vector<FrozenWeights::Entry> row{{1.0f, 2}, {1.0f, 1}};
  CHECK_THROWS_AS(w.add(feature_hash(1, 1), row), std::invalid_argument);
}

TEST_CASE("perceptron: the compact layout (u8 classes) round-trips and is smaller") {
  FrozenWeights frozen = train_toy(3).freeze();
  frozen.quantize();
  BinaryWriter wide, compact;
  frozen.write(wide);
  frozen.write(compact, true);
  CHECK(compact.size() < wide.size());
  const std::string bytes = compact.take();
  BinaryReader in(bytes, "w.bin");
  const FrozenWeights back = FrozenWeights::read(in);
  CHECK(in.at_end());
  BinaryWriter again;
  back.write(again);
  CHECK(again.data() == wide.data());
}

TEST_CASE("perceptron: a feature whose 32-bit tag clashes on its probe path is dropped") {
  FrozenWeights w(2);
  const std::uint64_t a = (std::uint64_t{5} << 32) | 1, b = (std::uint64_t{5} << 32) | 17;
  const std::vector<FrozenWeights::Entry> row{{1.0f, 0}};
  CHECK(w.add(a, row));
  CHECK_FALSE(w.add(b, row));  // same tag, same home slot in a 16-slot table
  CHECK(w.features() == 1);
  CHECK(w.weight(b, 0) == 0.0f);  // exact lookups know b is absent
  CHECK(w.weight(a, 0) == 1.0f);
}

TEST_CASE("perceptron: rows of every length (inline, in the arena, dense) score as their sums") {
  // 40 classes: rows of 1 to 3 quantised entries sit in their slot, longer ones apart, and
  // rows of 10 classes and more are dense. 3000 features fill buckets past their home.
  constexpr std::uint32_t kClasses = 40;
  std::mt19937 gen(7);
  const auto rng = [&] { return static_cast<std::uint32_t>(gen()); };
  FrozenWeights w(kClasses);
  std::vector<std::uint64_t> features;
  std::vector<std::vector<FrozenWeights::Entry>> rows;
  for (std::uint32_t i = 0; i < 3000; ++i) {
    const std::uint64_t f = feature_hash(5, i);
    std::vector<FrozenWeights::Entry> row;
    const std::uint32_t len = 1 + i % 14;
    for (std::uint32_t c = rng() % 3; c < kClasses && row.size() < len; c += 1 + rng() % 3)
      row.push_back({static_cast<float>(static_cast<int>(rng() % 2001) - 1000) / 64.0f + 1.0f / 128, c});
    if (w.add(f, row)) {
      features.push_back(f);
      rows.push_back(row);
    }
  }
  REQUIRE(features.size() > 2990);
  FrozenWeights q = w;
  q.quantize();
  BinaryWriter out;
  q.write(out);
  const std::string bytes = out.take();
  BinaryReader in(bytes, "w.bin");
  const FrozenWeights back = FrozenWeights::read(in);
  for (const FrozenWeights* table : {&std::as_const(w), &std::as_const(q), &back}) {
    // Every second feature, plus absent ones, in ranges of classes.
    std::vector<std::uint64_t> query;
    for (std::size_t i = 0; i < features.size(); i += 2) query.push_back(features[i]);
    for (std::uint32_t i = 0; i < 100; ++i) query.push_back(feature_hash(6, i));
    for (const auto& [lo, hi] : {std::pair{0u, kClasses}, std::pair{7u, 31u}}) {
      std::vector<float> got(kClasses, 0.0f), want(kClasses, 0.0f);
      table->add_scores(query, got, lo, hi);
      for (const std::uint64_t f : query)
        for (std::uint32_t c = lo; c < hi; ++c) want[c] += table->weight(f, c);
      CHECK(got == want);
    }
    for (std::size_t i = 0; i < features.size(); ++i)
      for (const auto& e : rows[i]) CHECK(std::fabs(table->weight(features[i], e.cls) - e.weight) < 0.001f);
  }
  BinaryWriter again;
  back.write(again);
  CHECK(again.data() == bytes);
}

namespace {

// Model format version 1 weights, written by hand: header, (u64 hash, u16 length) rows in
// ascending hash order, then (u16 class, f32 weight) entries.
std::string version1_weights(const std::vector<std::pair<std::uint64_t, std::vector<FrozenWeights::Entry>>>& rows,
                             std::uint32_t classes) {
  BinaryWriter w;
  std::size_t entries = 0;
  for (const auto& [key, row] : rows) entries += row.size();
  w.u32(classes);
  w.u8(0);
  w.f32(1.0f);
  w.u64(rows.size());
  w.u64(entries);
  for (const auto& [key, row] : rows) {
    w.u64(key);
    w.u16(static_cast<std::uint16_t>(row.size()));
  }
  for (const auto& [key, row] : rows) {
    for (const FrozenWeights::Entry& e : row) {
      w.u16(static_cast<std::uint16_t>(e.cls));
      w.f32(e.weight);
    }
  }
  return w.take();
}

std::string written(const FrozenWeights& w, bool compact = false) {
  BinaryWriter out;
  w.write(out, compact);
  return out.take();
}

}  // namespace

TEST_CASE("perceptron: version 1 weights are still read, score the same and are written as version 2") {
  const std::vector<std::pair<std::uint64_t, std::vector<FrozenWeights::Entry>>> rows = {
      {feature_hash(1, 10), {{1.5f, 0}}},
      {feature_hash(1, 11), {{-2.0f, 1}, {0.25f, 2}}},
      {feature_hash(2, 12), {{3.0f, 0}, {1.0f, 1}, {-1.0f, 2}}}};
  std::vector<std::pair<std::uint64_t, std::vector<FrozenWeights::Entry>>> sorted = rows;
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  const std::string v1 = version1_weights(sorted, 3);
  BinaryReader in(v1, "old.bin", 0, 1);
  const FrozenWeights old = FrozenWeights::read(in);
  CHECK(in.at_end());
  CHECK(old.features() == 3);
  CHECK(old.has_keys());
  const std::string v2 = written(old);
  BinaryReader in2(v2, "new.bin");
  const FrozenWeights back = FrozenWeights::read(in2);
  CHECK(in2.at_end());
  std::vector<float> a(3), b(3);
  const std::vector<std::uint64_t> features = {feature_hash(1, 10), feature_hash(1, 11), feature_hash(2, 12),
                                               feature_hash(3, 99)};
  old.score(features, a);
  back.score(features, b);
  CHECK(a == b);
  CHECK(a == std::vector<float>{4.5f, -1.0f, -0.75f});
}

TEST_CASE("perceptron: a table read back has no feature hashes and finds features by tag") {
  const FrozenWeights frozen = train_toy(3).freeze();
  CHECK(frozen.has_keys());
  const std::string bytes = written(frozen);
  BinaryReader in(bytes, "w.bin");
  FrozenWeights back = FrozenWeights::read(in);
  CHECK_FALSE(back.has_keys());
  for (const Example& ex : toy_examples())
    for (const std::uint64_t f : ex.features)
      for (std::uint32_t c = 0; c < 3; ++c) CHECK(back.weight(f, c) == frozen.weight(f, c));
  CHECK(back.weight(feature_hash(9, 9), 0) == 0.0f);
  CHECK_THROWS_AS(back.quantize(), std::logic_error);
  const FrozenWeights::Entry row[] = {{1.0f, 0}};
  CHECK_THROWS_AS(back.add(feature_hash(9, 9), row), std::logic_error);
}

TEST_CASE("perceptron: writing the same table, built or read back, gives the same bytes") {
  FrozenWeights frozen = train_toy(5).freeze();
  frozen.quantize();
  const std::string bytes = written(frozen, true);
  BinaryReader in(bytes, "w.bin");
  CHECK(written(FrozenWeights::read(in), true) == bytes);
}

TEST_CASE("perceptron: version 2 tables with inconsistent sizes are rejected with file and offset") {
  FrozenWeights frozen = train_toy(3).freeze();
  const std::string good = written(frozen);
  // Header: u32 classes, u8 encoding, f32 scale, u64 features, u64 entries, u64 buckets,
  // u64 arena words, u64 dense floats, then one byte per bucket.
  const auto reject = [](std::string bytes, const char* why) {
    BinaryReader in(bytes, "w.bin");
    CHECK_THROWS_WITH_AS(FrozenWeights::read(in), doctest::Contains(why), kg::ModelError);
  };
  std::string buckets = good;
  buckets[25] = static_cast<char>(buckets[25] + 4);  // bucket count
  reject(buckets, "buckets for");
  std::string arena = good;
  arena[33] = static_cast<char>(arena[33] + 1);  // arena words
  reject(arena, "arena");
  std::string used = good;
  used[49] = 5;  // first bucket: five used slots
  reject(used, "used slots");
  std::string none = good;
  for (std::size_t i = 49; i < 53; ++i) none[i] = 0;  // every bucket empty: fewer slots than features
  reject(none, "w.bin: byte ");
}
