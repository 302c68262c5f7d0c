#pragma once
// The arc-eager transition system (Nivre 2003) with labelled arcs, its dynamic oracle
// (Goldberg & Nivre 2012) and the projectivisation of training trees.
//
// Positions: 0 is an artificial ROOT that starts at the bottom of the stack; words are
// 1..n. Transitions (a parser class each; label 0 is always "root"):
//   SHIFT       push b0                              needs a buffer
//   REDUCE      pop s0                               s0 is a word with a head
//   LEFT(l)     b0 -l-> s0, pop s0                   s0 is a word without a head, l != root
//   RIGHT(l)    s0 -l-> b0, push b0                  s0 = ROOT: l = root and ROOT has no
//                                                    dependent yet; otherwise l != root
// The parse ends when the buffer is empty. At most one word hangs from ROOT; words still
// without a head at the end ("leftovers", rare) are attached by the caller (finish()).
//
// Non-projective training trees: projectivize() lifts each non-projective arc, shortest
// first, to the head of its head until the tree is projective (Nivre & Nilsson 2005,
// without label encoding). The oracle then sees a projective tree, for which it is exact;
// the lifted arcs are the only ones the parser cannot learn (357 of EWT train's 204,577
// words, 288 of its 12,544 sentences).
//
// Thread safety: ParseState and Oracle are plain values, one thread each.
#include <cstdint>
#include <span>
#include <vector>

namespace kg::extract {

namespace arc_eager {

inline constexpr std::uint32_t kShift = 0;
inline constexpr std::uint32_t kReduce = 1;
inline constexpr std::uint32_t kRootLabel = 0;

enum class Move : std::uint8_t { shift, reduce, left, right };

constexpr std::uint32_t left(std::uint32_t label) { return 2 + 2 * label; }
constexpr std::uint32_t right(std::uint32_t label) { return 3 + 2 * label; }
constexpr std::uint32_t classes(std::uint32_t labels) { return 2 + 2 * labels; }
constexpr Move move_of(std::uint32_t cls) {
  return cls == kShift ? Move::shift : cls == kReduce ? Move::reduce
                                     : (cls & 1u) ? Move::right : Move::left;
}
constexpr std::uint32_t label_of(std::uint32_t cls) { return cls < 2 ? 0 : (cls - 2) / 2; }

}  // namespace arc_eager

// ParseState: one arc-eager configuration over a sentence of n words.
//
// Requires: reset() before use. Ensures: apply() of a legal class allocates nothing once the
// state has held a sentence at least as long (copying a state into one that has, too).
// Every node keeps what the feature templates read: head and label, the two leftmost and
// two rightmost dependents, the number of dependents on each side and the set of their
// labels (bit label % 64).
class ParseState {
 public:
  struct Node {
    std::int32_t head = -1;   // position of the head; -1 none
    std::int32_t label = -1;  // label of the arc to the head; -1 none
    std::int32_t left1 = -1, left2 = -1;    // leftmost, second leftmost dependent
    std::int32_t right1 = -1, right2 = -1;  // rightmost, second rightmost dependent
    std::uint16_t left_count = 0, right_count = 0;
    bool on_stack = false;
    std::uint64_t left_labels = 0, right_labels = 0;
  };

  void reset(std::size_t words);

  std::int32_t words() const { return n_; }
  bool terminal() const { return buffer_ > n_; }
  // k-th item from the top of the stack (0 = top), -1 when there is none.
  std::int32_t stack(std::size_t k) const {
    return k < stack_.size() ? stack_[stack_.size() - 1 - k] : -1;
  }
  std::size_t stack_size() const { return stack_.size(); }
  std::span<const std::int32_t> stack_items() const { return stack_; }  // bottom first
  // k-th word of the buffer (0 = front), -1 when there is none.
  std::int32_t buffer(std::int32_t k) const { return buffer_ + k <= n_ ? buffer_ + k : -1; }
  bool root_taken() const { return nodes_[0].right_count > 0; }
  const Node& node(std::int32_t position) const { return nodes_[position]; }

  bool legal(std::uint32_t cls) const;
  // The legal moves regardless of label, as a bit set of 1 << Move.
  unsigned legal_moves() const;
  // Requires legal(cls).
  void apply(std::uint32_t cls);
  // Attaches a leftover word (one without a head) after the parse; no legality checks.
  void attach(std::int32_t head, std::int32_t dependent, std::uint32_t label) {
    add_arc(head, dependent, label);
  }

 private:
  void add_arc(std::int32_t head, std::int32_t dependent, std::uint32_t label);

  std::int32_t n_ = 0;
  std::int32_t buffer_ = 1;
  std::vector<std::int32_t> stack_;
  std::vector<Node> nodes_;
};

// Oracle: the dynamic oracle of Goldberg & Nivre (2012) for one gold tree.
//
// cost(state, cls) is the number of gold arcs (a wrong label counts as a lost arc) that the
// transition makes unreachable from `state`, the single-root rule included. Requires:
// reset() with a projective tree whose heads are positions (0 = ROOT, exactly one word on
// ROOT), and states of that sentence. Ensures: from any state, even after wrong
// transitions, the best tree reachable after `cls` has exactly cost(state, cls) more wrong
// words than the best reachable before (the tests check every legal transition along
// random paths); so following zero-cost transitions from the start builds the gold tree.
class Oracle {
 public:
  // heads[i], labels[i] for i = 1..n (index 0 is ignored).
  void reset(std::span<const std::int32_t> heads, std::span<const std::uint32_t> labels);
  int cost(const ParseState& state, std::uint32_t cls) const;

 private:
  // Gold dependents of d still in the buffer, and headless ones on the stack.
  int dependents_in_buffer(const ParseState& state, std::int32_t d) const;
  int dependents_on_stack(const ParseState& state, std::int32_t d) const;
  bool head_reachable(const ParseState& state, std::int32_t h) const;

  std::vector<std::int32_t> heads_;
  std::vector<std::uint32_t> labels_;
  std::vector<std::int32_t> child_begin_, children_;  // gold dependents of each position
  std::int32_t root_ = -1;  // the gold root word
};

// True when no arc of the tree crosses another or ROOT's arc. heads[0] is ignored.
bool is_projective(std::span<const std::int32_t> heads);
// The projectivised heads (see above); projective trees come back unchanged. Requires a
// tree: heads[i] in 0..n for i >= 1, no cycles.
std::vector<std::int32_t> projectivize(std::span<const std::int32_t> heads);

}  // namespace kg::extract
