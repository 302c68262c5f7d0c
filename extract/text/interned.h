#pragma once
// Word and Label: a token's strings held once per process and named by a number, so that a
// Token costs 32 bytes rather than six std::strings (extract/text/document.h); a Mention's
// strings are Words too.
//
// What it represents: an Interned<Kind> is one string of an append-only table that the whole
// process shares, one table per Kind: Word (form, norm, lemma, mention strings; 32-bit numbers) and Label
// (parts of speech and dependency relations, a small closed set; 16-bit numbers). The same
// bytes always give the same number, so two Words are equal exactly when their numbers are;
// the empty string is number 0, the value of a default-constructed one.
// It reads like the std::string it replaces: it converts to `const std::string&` (a string
// the table keeps for as long as the process lives) and to std::string_view; it compares
// with strings by content (`tok.tag == "NOUN"`, `tok.form < other.form`), concatenates
// (`tok.norm + " " + other.norm`), and is assigned from any string (`tok.deprel = "obj"`).
// What differs: building one from a string is explicit (`Word(s)`), `&tok.lemma` is not a
// `const std::string*` (`&tok.lemma.str()` is), and it cannot be an out-parameter that a
// function appends to.
//
// Requires: at most 2^32 - 1 distinct Words and 65,535 distinct Labels (std::length_error
// otherwise). Ensures: a string the table returns never moves or changes; what a program
// writes never depends on the numbers (ordering compares bytes).
// Costs: a distinct string costs its std::string (32 bytes, plus its bytes when longer than
// 15) and 8 bytes of hash table, for the process's lifetime: a text's vocabulary, not its
// length (1.5 MB for the 1.9 million tokens of a 10 MB text of news and names).
// Thread safety: interning locks the table, unless the calling thread's cache of recent
// strings answers; reading a string never locks. Any thread may intern and read at once.
#include <array>
#include <atomic>
#include <bit>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kg::extract {

namespace detail {

// The table behind Interned<Kind>: strings by number, in chunks that never move (chunk k
// holds 1024 << k strings; the first is part of the table, so number 0 is always there).
template <class Id>
class InternTable {
 public:
  constexpr InternTable() : chunks_{first_} {}
  InternTable(const InternTable&) = delete;
  InternTable& operator=(const InternTable&) = delete;
  ~InternTable();

  // The number of `s`, added to the table if new.
  Id intern(std::string_view s);
  // The string of `id`. Requires: id came from intern() (or is 0).
  const std::string& at(Id id) const noexcept {
    const std::size_t j = static_cast<std::size_t>(id) + kFirst;
    const std::size_t k = std::bit_width(j) - 1 - kFirstBits;
    return chunks_[k].load(std::memory_order_acquire)[j - (kFirst << k)];
  }
  // Distinct strings so far, the empty one included.
  std::size_t size() const;

 private:
  static constexpr std::size_t kFirstBits = 10;
  static constexpr std::size_t kFirst = std::size_t{1} << kFirstBits;
  static constexpr std::size_t kMax = std::size_t{1} << (8 * sizeof(Id));  // numbers 0 .. kMax - 1
  static constexpr std::size_t kChunks = std::bit_width(kMax + kFirst) - kFirstBits;
  struct Slot {
    std::uint32_t hash = 0;
    Id id = 0;  // 0: empty (the empty string is never in the hash table)
  };
  Id add(std::string_view s, std::size_t hash);  // with the lock held

  std::string first_[kFirst];
  std::array<std::atomic<std::string*>, kChunks> chunks_;
  mutable std::mutex mutex_;
  std::size_t size_ = 1;      // strings so far; number 0 is ""
  std::vector<Slot> slots_;   // open addressing, linear probing; a power of two long
};

// The two tables, made on first use (thread-safe), so that a Word or Label built during any
// other static initialisation finds its table ready. (A constinit table would need a
// standard library whose std::string is constant-initialisable, which clang with
// libstdc++ 12 is not.)
inline InternTable<std::uint32_t>& word_table() noexcept {
  static InternTable<std::uint32_t> table;
  return table;
}
inline InternTable<std::uint16_t>& label_table() noexcept {
  static InternTable<std::uint16_t> table;
  return table;
}

struct WordKind {
  using Id = std::uint32_t;
  static InternTable<Id>& table() noexcept { return word_table(); }
};
struct LabelKind {
  using Id = std::uint16_t;
  static InternTable<Id>& table() noexcept { return label_table(); }
};

}  // namespace detail

template <class Kind>
class Interned {
 public:
  using Id = typename Kind::Id;

  constexpr Interned() noexcept = default;
  explicit Interned(std::string_view s) : id_(Kind::table().intern(s)) {}
  Interned& operator=(std::string_view s) {
    id_ = Kind::table().intern(s);
    return *this;
  }
  Interned& assign(std::string_view s) { return *this = s; }
  void clear() noexcept { id_ = 0; }

  // The table's number for the string: equal strings, equal numbers. Not an order.
  Id id() const noexcept { return id_; }
  const std::string& str() const noexcept { return Kind::table().at(id_); }
  operator const std::string&() const noexcept { return str(); }
  operator std::string_view() const noexcept { return str(); }

  bool empty() const noexcept { return id_ == 0; }
  std::size_t size() const noexcept { return str().size(); }
  std::size_t length() const noexcept { return str().size(); }
  const char* data() const noexcept { return str().data(); }
  const char* c_str() const noexcept { return str().c_str(); }
  char operator[](std::size_t i) const noexcept { return str()[i]; }
  char front() const noexcept { return str().front(); }
  char back() const noexcept { return str().back(); }
  std::string::const_iterator begin() const noexcept { return str().begin(); }
  std::string::const_iterator end() const noexcept { return str().end(); }
  template <class... A>
  std::size_t find(A&&... a) const {
    return str().find(std::forward<A>(a)...);
  }
  template <class... A>
  std::size_t rfind(A&&... a) const {
    return str().rfind(std::forward<A>(a)...);
  }
  template <class... A>
  std::string substr(A&&... a) const {
    return str().substr(std::forward<A>(a)...);
  }
  template <class... A>
  int compare(A&&... a) const {
    return str().compare(std::forward<A>(a)...);
  }
  template <class A>
  bool starts_with(A&& a) const {
    return str().starts_with(std::forward<A>(a));
  }
  template <class A>
  bool ends_with(A&& a) const {
    return str().ends_with(std::forward<A>(a));
  }

  friend bool operator==(const Interned& a, const Interned& b) noexcept { return a.id_ == b.id_; }
  friend bool operator==(const Interned& a, std::string_view b) noexcept { return std::string_view(a.str()) == b; }
  friend std::strong_ordering operator<=>(const Interned& a, const Interned& b) noexcept {
    return a.id_ == b.id_ ? std::strong_ordering::equal : std::string_view(a.str()) <=> std::string_view(b.str());
  }
  friend std::strong_ordering operator<=>(const Interned& a, std::string_view b) noexcept {
    return std::string_view(a.str()) <=> b;
  }

  friend std::string operator+(const Interned& a, const Interned& b) { return a.str() + b.str(); }
  friend std::string operator+(const Interned& a, std::string_view b) { return std::string(a.str()).append(b); }
  friend std::string operator+(const Interned& a, char b) { return a.str() + b; }
  friend std::string operator+(std::string a, const Interned& b) { return std::move(a.append(b.str())); }
  friend std::string operator+(const char* a, const Interned& b) { return std::string(a).append(b.str()); }
  friend std::string operator+(char a, const Interned& b) { return a + b.str(); }

  friend std::ostream& operator<<(std::ostream& os, const Interned& a) { return os << a.str(); }

 private:
  Id id_ = 0;
};

using Word = Interned<detail::WordKind>;
using Label = Interned<detail::LabelKind>;

}  // namespace kg::extract

template <class Kind>
struct std::hash<kg::extract::Interned<Kind>> {
  std::size_t operator()(const kg::extract::Interned<Kind>& a) const noexcept {
    return std::hash<std::string_view>{}(a.str());
  }
};
