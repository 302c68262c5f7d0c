#include "extract/nlp/arc_eager.h"

#include <algorithm>
#include <cstdlib>
#include <limits>

namespace kg::extract {

using namespace arc_eager;

// ---- ParseState ----

void ParseState::reset(std::size_t words) {
  n_ = static_cast<std::int32_t>(words);
  buffer_ = 1;
  nodes_.assign(words + 1, Node{});
  stack_.clear();
  stack_.reserve(words + 1);
  stack_.push_back(0);
  nodes_[0].on_stack = true;
}

unsigned ParseState::legal_moves() const {
  unsigned moves = 0;
  if (terminal()) return 0;
  moves |= 1u << static_cast<unsigned>(Move::shift);
  const std::int32_t s0 = stack(0);
  if (s0 < 0) return moves;
  if (s0 == 0) {
    if (!root_taken()) moves |= 1u << static_cast<unsigned>(Move::right);
    return moves;
  }
  moves |= 1u << static_cast<unsigned>(Move::right);
  moves |= 1u << static_cast<unsigned>(nodes_[s0].head < 0 ? Move::left : Move::reduce);
  return moves;
}

bool ParseState::legal(std::uint32_t cls) const {
  const Move move = move_of(cls);
  if (!(legal_moves() & (1u << static_cast<unsigned>(move)))) return false;
  if (move == Move::left) return label_of(cls) != kRootLabel;
  if (move == Move::right) return (label_of(cls) == kRootLabel) == (stack(0) == 0);
  return true;
}

void ParseState::add_arc(std::int32_t head, std::int32_t dependent, std::uint32_t label) {
  Node& h = nodes_[head];
  Node& d = nodes_[dependent];
  d.head = head;
  d.label = static_cast<std::int32_t>(label);
  const std::uint64_t bit = std::uint64_t{1} << (label % 64);
  if (dependent < head) {
    if (h.left1 < 0 || dependent < h.left1) {
      h.left2 = h.left1;
      h.left1 = dependent;
    } else if (h.left2 < 0 || dependent < h.left2) {
      h.left2 = dependent;
    }
    ++h.left_count;
    h.left_labels |= bit;
  } else {
    if (h.right1 < 0 || dependent > h.right1) {
      h.right2 = h.right1;
      h.right1 = dependent;
    } else if (h.right2 < 0 || dependent > h.right2) {
      h.right2 = dependent;
    }
    ++h.right_count;
    h.right_labels |= bit;
  }
}

void ParseState::apply(std::uint32_t cls) {
  switch (move_of(cls)) {
    case Move::shift:
      nodes_[buffer_].on_stack = true;
      stack_.push_back(buffer_++);
      break;
    case Move::reduce:
      nodes_[stack_.back()].on_stack = false;
      stack_.pop_back();
      break;
    case Move::left:
      add_arc(buffer_, stack_.back(), label_of(cls));
      nodes_[stack_.back()].on_stack = false;
      stack_.pop_back();
      break;
    case Move::right:
      add_arc(stack_.back(), buffer_, label_of(cls));
      nodes_[buffer_].on_stack = true;
      stack_.push_back(buffer_++);
      break;
  }
}

// ---- Oracle ----

void Oracle::reset(std::span<const std::int32_t> heads, std::span<const std::uint32_t> labels) {
  heads_.assign(heads.begin(), heads.end());
  labels_.assign(labels.begin(), labels.end());
  const std::size_t n = heads.size();
  root_ = -1;
  for (std::size_t d = 1; d < n; ++d)
    if (heads[d] == 0 && root_ < 0) root_ = static_cast<std::int32_t>(d);
  child_begin_.assign(n + 1, 0);
  for (std::size_t d = 1; d < n; ++d) ++child_begin_[static_cast<std::size_t>(heads[d]) + 1];
  for (std::size_t i = 1; i <= n; ++i) child_begin_[i] += child_begin_[i - 1];
  children_.assign(n, 0);
  std::vector<std::int32_t> next(child_begin_.begin(), child_begin_.end() - 1);
  for (std::size_t d = 1; d < n; ++d)
    children_[static_cast<std::size_t>(next[static_cast<std::size_t>(heads[d])]++)] =
        static_cast<std::int32_t>(d);
}

int Oracle::dependents_in_buffer(const ParseState& state, std::int32_t d) const {
  const std::int32_t b0 = state.buffer(0);
  if (b0 < 0) return 0;
  int lost = 0;
  for (std::int32_t i = child_begin_[d]; i < child_begin_[d + 1]; ++i) lost += children_[i] >= b0;
  return lost;
}

int Oracle::dependents_on_stack(const ParseState& state, std::int32_t d) const {
  int lost = 0;
  for (std::int32_t i = child_begin_[d]; i < child_begin_[d + 1]; ++i) {
    const ParseState::Node& k = state.node(children_[i]);
    lost += k.on_stack && k.head < 0;
  }
  return lost;
}

bool Oracle::head_reachable(const ParseState& state, std::int32_t h) const {
  return state.node(h).on_stack && (h != 0 || !state.root_taken());
}

int Oracle::cost(const ParseState& state, std::uint32_t cls) const {
  const std::int32_t s0 = state.stack(0);
  const std::int32_t b0 = state.buffer(0);
  switch (move_of(cls)) {
    case Move::shift:
      return head_reachable(state, heads_[b0]) + dependents_on_stack(state, b0);
    case Move::reduce:
      return dependents_in_buffer(state, s0);
    case Move::left: {
      int c = dependents_in_buffer(state, s0);
      if (heads_[s0] == b0) {
        c += labels_[s0] != label_of(cls);
      } else {
        c += heads_[s0] > b0;  // its head is further in the buffer: lost
      }
      return c;
    }
    case Move::right: {
      int c = dependents_on_stack(state, b0);
      const std::int32_t h = heads_[b0];
      if (h == s0) {
        c += labels_[b0] != label_of(cls);
      } else {
        c += h > b0 || head_reachable(state, h);
      }
      // Taking ROOT's only dependent slot for another word loses the gold root's arc too.
      if (s0 == 0 && h != 0) c += root_ > b0;
      return c;
    }
  }
  return 0;
}

// ---- projectivisation ----

namespace {

// True when every word strictly between h and d is dominated by h.
bool arc_projective(std::span<const std::int32_t> heads, std::int32_t h, std::int32_t d) {
  const std::int32_t lo = std::min(h, d), hi = std::max(h, d);
  for (std::int32_t k = lo + 1; k < hi; ++k) {
    std::int32_t a = k;
    std::size_t steps = 0;
    while (a != h && a > 0 && steps++ < heads.size()) a = heads[a];
    if (a != h) return false;
  }
  return true;
}

}  // namespace

bool is_projective(std::span<const std::int32_t> heads) {
  for (std::size_t d = 1; d < heads.size(); ++d) {
    if (!arc_projective(heads, heads[d], static_cast<std::int32_t>(d))) return false;
  }
  return true;
}

std::vector<std::int32_t> projectivize(std::span<const std::int32_t> heads) {
  std::vector<std::int32_t> out(heads.begin(), heads.end());
  for (;;) {
    std::int32_t best = -1;
    std::int32_t best_span = std::numeric_limits<std::int32_t>::max();
    for (std::size_t d = 1; d < out.size(); ++d) {
      const std::int32_t dep = static_cast<std::int32_t>(d);
      const std::int32_t span = std::abs(out[d] - dep);
      if (span < best_span && !arc_projective(out, out[d], dep)) {
        best = dep;
        best_span = span;
      }
    }
    if (best < 0) return out;
    out[best] = out[out[best]];  // ROOT's arcs are always projective, so out[best] > 0
  }
}

}  // namespace kg::extract
