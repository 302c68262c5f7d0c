#pragma once
// extract/nlp: the room of trained components. It owns the model file format (this
// header), the averaged perceptron and its frozen weights (perceptron.h), word clusters
// (word_clusters.h), the POS tagger and lemmatiser (pos_tagger.h, lemmatizer.h), the
// arc-eager transition system and dependency parser (arc_eager.h, dep_parser.h), the
// named-entity recogniser (ner.h), CoNLL-U reading (conllu.h), the trainers of each, and
// the built-in lexicon (lexicon.h) whose gazetteers the NER model reads as features and
// the kg rules read as word lists. It may use extract/text (Document, text utilities,
// errors) and nothing above it: it annotates a Document (tags, lemmas, heads, names) but
// never decides what becomes an entity or an edge.
//
// Versioned, self-identifying binary model files and the little-endian readers and
// writers their payloads are built with.
//
// File layout (all integers little-endian; "string" = u32 byte count + bytes):
//
//   offset  size  field
//   0       8     magic "KGMODEL\0"
//   8       4     u32 format version (kModelFormatVersion; this layout)
//   12      4+k   string kind: "tagger", "parser", "ner", ...
//   16+k    8     u64 feature-template fingerprint (see each model's fingerprint())
//   24+k    8     u64 payload byte count n
//   32+k    n     payload: written and read by the model itself through BinaryWriter/Reader
//   32+k+n  4     u32 checksum of the payload bytes: model_checksum() (version 2),
//                 FNV-1a 32 (version 1)
//
// Nothing may follow the checksum. The format version covers this envelope and the shared
// building blocks (BinaryWriter encodings, FrozenWeights); a model kind changes its
// fingerprint when its features or payload layout change, so old files are refused by name.
// Version 2 stores FrozenWeights as their lookup table, slot by slot (perceptron.h), so
// loading copies rows into place instead of hashing every feature again, and checks the
// payload with a word-at-a-time checksum; version 1 files are still read (more slowly).
// Files are read through a read-only memory map (a plain read where the file cannot be
// mapped), so nothing is copied before decoding.
//
// Thread safety: BinaryWriter and BinaryReader are plain values (one thread each);
// read_model_file() and write_model_file() touch only their own file.
#include <bit>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace kg::extract {

static_assert(std::endian::native == std::endian::little,
              "model files are little-endian and read by memcpy; add byte swapping to port");

inline constexpr std::string_view kModelMagic{"KGMODEL\0", 8};
inline constexpr std::uint32_t kModelFormatVersion = 2;  // written; 1 and 2 are read
inline constexpr std::uint32_t kOldestModelFormatVersion = 1;

// FNV-1a 32 (the payload checksum) and 64 (string pieces of feature hashes).
constexpr std::uint32_t fnv1a32(std::string_view bytes, std::uint32_t h = 2166136261u) {
  for (const char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  return h;
}
// The payload checksum of format version 2: four independent 64-bit lanes over 8-byte
// little-endian words (so it runs at memory speed, unlike the byte-serial FNV), the tail
// bytes and the length folded in, reduced to 32 bits. Detects corruption, not tampering.
std::uint32_t model_checksum(std::string_view bytes);

constexpr std::uint64_t fnv1a64(std::string_view bytes,
                                std::uint64_t h = 14695981039346656037ull) {
  for (const char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

// BinaryWriter: appends little-endian values to an in-memory buffer.
// Ensures: strings are a u32 byte count then the bytes; vectors a u64 element count then
// the elements (arithmetic elements raw, strings as strings). Throws std::length_error for
// a string longer than 4 GiB.
class BinaryWriter {
 public:
  void u8(std::uint8_t v) { raw(v); }
  void u16(std::uint16_t v) { raw(v); }
  void u32(std::uint32_t v) { raw(v); }
  void u64(std::uint64_t v) { raw(v); }
  void i16(std::int16_t v) { raw(v); }
  void f32(float v) { raw(v); }
  void string(std::string_view s);
  void bytes(std::string_view s) { buffer_.append(s); }

  template <typename T>
  void vector(const std::vector<T>& values) {
    u64(values.size());
    if constexpr (std::is_same_v<T, std::string>) {
      for (const std::string& s : values) string(s);
    } else {
      static_assert(std::is_arithmetic_v<T>, "vector<T>: arithmetic T or std::string");
      buffer_.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
    }
  }

  std::size_t size() const { return buffer_.size(); }
  const std::string& data() const { return buffer_; }
  std::string take() { return std::move(buffer_); }

 private:
  template <typename T>
  void raw(T v) {
    char bytes[sizeof(T)];
    std::memcpy(bytes, &v, sizeof(T));
    buffer_.append(bytes, sizeof(T));
  }
  std::string buffer_;
};

// BinaryReader: reads what BinaryWriter wrote, from a view it does not own.
//
// Requires: the viewed bytes outlive the reader. `base` is the file offset of the view's
// first byte, so messages give offsets in the file.
// Ensures: every read either returns a value or throws kg::ModelError
//   "FILE: byte OFFSET: truncated: expected WHAT (N bytes), M left"
// naming the file, the file offset and what was being read (`what`, else the type).
class BinaryReader {
 public:
  BinaryReader(std::string_view data, std::string file, std::uint64_t base = 0,
               std::uint32_t version = kModelFormatVersion)
      : data_(data), file_(std::move(file)), base_(base), version_(version) {}

  // The model format version of the file being read (payload encodings that changed with
  // it, such as FrozenWeights, read the one it says).
  std::uint32_t version() const { return version_; }

  std::uint8_t u8(std::string_view what = "u8") { return raw<std::uint8_t>(what); }
  std::uint16_t u16(std::string_view what = "u16") { return raw<std::uint16_t>(what); }
  std::uint32_t u32(std::string_view what = "u32") { return raw<std::uint32_t>(what); }
  std::uint64_t u64(std::string_view what = "u64") { return raw<std::uint64_t>(what); }
  std::int16_t i16(std::string_view what = "i16") { return raw<std::int16_t>(what); }
  float f32(std::string_view what = "f32") { return raw<float>(what); }
  std::string string(std::string_view what = "string");
  std::string_view bytes(std::size_t n, std::string_view what = "bytes") {
    if (n > remaining()) [[unlikely]] truncated(n, what);
    const std::string_view out = data_.substr(pos_, n);
    pos_ += n;
    return out;
  }

  // A u64 element count, checked against the bytes left (at least `min_element_bytes`
  // each) so a corrupt count fails as truncation instead of a huge allocation.
  std::size_t count(std::size_t min_element_bytes, std::string_view what);

  template <typename T>
  std::vector<T> vector(std::string_view what = "vector") {
    if constexpr (std::is_same_v<T, std::string>) {
      const std::size_t n = count(4, what);
      std::vector<std::string> out;
      out.reserve(n);
      for (std::size_t i = 0; i < n; ++i) out.push_back(string(what));
      return out;
    } else {
      static_assert(std::is_arithmetic_v<T>, "vector<T>: arithmetic T or std::string");
      const std::size_t n = count(sizeof(T), what);
      std::vector<T> out(n);
      const std::string_view b = bytes(n * sizeof(T), what);
      if (n > 0) std::memcpy(out.data(), b.data(), b.size());
      return out;
    }
  }

  std::size_t remaining() const { return data_.size() - pos_; }
  bool at_end() const { return pos_ == data_.size(); }
  std::uint64_t offset() const { return base_ + pos_; }  // file offset of the next byte
  const std::string& file() const { return file_; }

  // Throws ModelError "FILE: byte OFFSET: truncated: expected WHAT (N bytes), M left".
  [[noreturn]] void truncated(std::size_t n, std::string_view what) const;
  // Throws ModelError "FILE: byte OFFSET: REASON" at the current offset.
  [[noreturn]] void fail(std::string_view reason) const;
  // Throws unless every byte was read ("N unread bytes after WHAT").
  void expect_end(std::string_view what) const;

 private:
  template <typename T>
  T raw(std::string_view what) {
    T v;
    std::memcpy(&v, bytes(sizeof(T), what).data(), sizeof(T));
    return v;
  }
  std::string_view data_;
  std::string file_;
  std::uint64_t base_ = 0;
  std::uint32_t version_ = kModelFormatVersion;
  std::size_t pos_ = 0;
};

// ModelBytes: the bytes of one model file, owned (a string) or memory-mapped read-only.
// Move-only; the view stays valid for the object's life.
class ModelBytes {
 public:
  ModelBytes() = default;
  explicit ModelBytes(std::string bytes) : owned_(std::move(bytes)), view_(owned_) {}
  // Maps (or, when the file cannot be mapped, reads) `path`; throws kg::ModelError naming it.
  static ModelBytes from_file(const std::filesystem::path& path);
  ModelBytes(ModelBytes&& other) noexcept { *this = std::move(other); }
  ModelBytes& operator=(ModelBytes&& other) noexcept;
  ModelBytes(const ModelBytes&) = delete;
  ModelBytes& operator=(const ModelBytes&) = delete;
  ~ModelBytes();
  std::string_view view() const { return view_; }

 private:
  std::string owned_;
  std::string_view view_;
  void* map_ = nullptr;  // non-null: view_ is this mapping
  std::size_t map_size_ = 0;
};

// ModelFile: one model file read and checked; the payload is still to be decoded.
struct ModelFile {
  std::string path;    // as given; every message names it
  std::string kind;
  std::uint32_t version = 0;
  std::uint64_t fingerprint = 0;
  ModelBytes bytes;     // the whole file
  std::size_t payload_offset = 0;
  std::size_t payload_size = 0;

  // A reader over the payload whose offsets are file offsets.
  BinaryReader payload() const {
    return BinaryReader(bytes.view().substr(payload_offset, payload_size), path,
                        payload_offset, version);
  }
};

// The whole file image for a payload (header, payload, checksum).
// `version` other than kModelFormatVersion only for tests of old files.
std::string encode_model(std::string_view kind, std::uint64_t fingerprint,
                         std::string_view payload, std::uint32_t version = kModelFormatVersion);

// Writes encode_model(...) to `path` atomically: a temporary file in the same directory,
// flushed to disk, then renamed over `path`. Throws kg::ModelError naming the path when
// the directory is missing or not writable; an existing file is then left untouched.
void write_model_file(const std::filesystem::path& path, std::string_view kind,
                      std::uint64_t fingerprint, std::string_view payload);

// Checks a file image; `name` is used in messages. Throws kg::ModelError naming `name` for
// a foreign file (bad magic: shows the first bytes), a newer or unknown format version,
// another kind ("is a parser model, expected a tagger model"), a fingerprint other than
// `expected_fingerprint`, a truncated file, trailing bytes, or a checksum mismatch.
ModelFile decode_model(ModelBytes bytes, std::string name, std::string_view expected_kind,
                       std::uint64_t expected_fingerprint);
inline ModelFile decode_model(std::string bytes, std::string name, std::string_view expected_kind,
                              std::uint64_t expected_fingerprint) {
  return decode_model(ModelBytes(std::move(bytes)), std::move(name), expected_kind,
                      expected_fingerprint);
}

// Reads `path` and decode_model()s it; a missing or unreadable file throws kg::ModelError.
ModelFile read_model_file(const std::filesystem::path& path, std::string_view expected_kind,
                          std::uint64_t expected_fingerprint);

}  // namespace kg::extract
