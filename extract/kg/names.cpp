#include "extract/kg/names.h"

#include <algorithm>
#include <cctype>

#include "extract/text/text_util.h"

namespace kg::extract {

std::vector<std::string> name_tokens(std::string_view name) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < name.size()) {
    std::size_t end = name.find(' ', start);
    if (end == std::string_view::npos) end = name.size();
    if (end > start) out.emplace_back(name.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string spelling_key(std::string_view word) {
  std::string f = fold(word);
  std::string out;
  for (std::size_t i = 0; i < f.size(); ++i) {
    char c = f[i];
    if (c == '.' || c == '-' || c == '\'') continue;
    if (c == 'k' && i + 1 < f.size() && f[i + 1] == 's') {
      c = 'x';
      ++i;
    } else if (c == 'y') {
      c = 'i';
    }
    if (!out.empty() && out.back() == c) continue;  // Zelenskyy / Zelensky
    out += c;
  }
  return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

bool same_name_word(std::string_view a, std::string_view b) {
  std::string ka = spelling_key(a), kb = spelling_key(b);
  if (ka == kb) return true;
  // One edit apart only for longer names, where it is a transliteration rather than a
  // different name (Alexandr/Alexander, but not Ivan/Ivana... which differ by more).
  // Daniel/Daniela, Michael/Michaela: a final "a" makes a different (feminine) name.
  const auto plus_a = [](const std::string& x, const std::string& y) {  // y == x + "a"
    return y.size() == x.size() + 1 && y.back() == 'a' && y.compare(0, x.size(), x) == 0;
  };
  if (plus_a(ka, kb) || plus_a(kb, ka)) return false;
  return ka.size() >= 6 && kb.size() >= 6 && ka[0] == kb[0] && edit_distance(ka, kb) <= 1;
}

namespace {

// The first and last of name_tokens(name), without building them.
struct NameEnds {
  std::string_view first, last;
  bool single = false;
};

bool name_ends(std::string_view name, NameEnds& out) {
  const std::size_t b = name.find_first_not_of(' ');
  if (b == std::string_view::npos) return false;
  const std::string_view inner = name.substr(b, name.find_last_not_of(' ') - b + 1);
  const std::size_t first_space = inner.find(' ');
  out.single = first_space == std::string_view::npos;
  out.first = inner.substr(0, first_space);
  out.last = out.single ? inner : inner.substr(inner.rfind(' ') + 1);
  return true;
}

}  // namespace

bool compatible_person_names(std::string_view a, std::string_view b) {
  NameEnds ta, tb;
  if (!name_ends(a, ta) || !name_ends(b, tb)) return false;
  if (!same_name_word(ta.last, tb.last)) return false;
  if (ta.single || tb.single) return true;
  const std::string_view fa = ta.first;
  const std::string_view fb = tb.first;
  // "J." and "J.R." are initials.
  auto initials = [](std::string_view w) {
    if (w.size() < 2 || w.size() % 2 != 0) return false;
    for (std::size_t i = 0; i < w.size(); i += 2)
      if (!std::isupper(static_cast<unsigned char>(w[i])) || w[i + 1] != '.') return false;
    return true;
  };
  bool initial_a = initials(fa);
  bool initial_b = initials(fb);
  if (initial_a || initial_b) return fold(fa.substr(0, 1)) == fold(fb.substr(0, 1));
  return same_name_word(fa, fb);
}

}  // namespace kg::extract
