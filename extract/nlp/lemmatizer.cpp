#include "extract/nlp/lemmatizer.h"

#include <algorithm>
#include <array>

#include "extract/text/text_util.h"

namespace kg::extract {
namespace {

constexpr std::uint32_t kFormTemplate = 1;
constexpr std::uint32_t kSuffixTemplate = 2;

std::uint64_t form_key(std::string_view lower, std::uint32_t upos) {
  return feature_hash(kFormTemplate, piece_hash(lower), upos);
}

// FNV-1a over bytes last to first, so each longer suffix extends the shorter one's hash.
std::uint64_t extend_reversed(std::uint64_t h, std::string_view bytes) {
  for (std::size_t i = bytes.size(); i-- > 0;) {
    h ^= static_cast<unsigned char>(bytes[i]);
    h *= 1099511628211ull;
  }
  return h;
}
constexpr std::uint64_t kFnvBasis = 14695981039346656037ull;

// Byte offsets where the last 0..kMaxSuffixChars code points of `s` start; starts[L] is the
// start of the L-code-point suffix. Returns how many suffix lengths exist (at most kMax + 1).
std::size_t suffix_starts(std::string_view s, std::array<std::size_t, Lemmatizer::kMaxSuffixChars + 1>& starts) {
  std::size_t n = 0, pos = s.size();
  starts[n++] = pos;
  while (pos > 0 && n < starts.size()) {
    --pos;
    while (pos > 0 && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) --pos;
    starts[n++] = pos;
  }
  return n;
}

std::uint64_t suffix_key(std::uint64_t reversed_hash, std::uint32_t upos) {
  return feature_hash(kSuffixTemplate, reversed_hash, upos);
}

LemmaRule edit(std::string_view base, std::string_view lemma, bool keep_case) {
  std::size_t common = 0;
  while (common < base.size() && common < lemma.size() && base[common] == lemma[common]) ++common;
  LemmaRule rule;
  rule.keep_case = keep_case;
  rule.strip = static_cast<std::uint8_t>(std::min<std::size_t>(base.size() - common, 255));
  rule.append = std::string(lemma.substr(common));
  return rule;
}

LemmaRule identity(bool proper_noun) {
  LemmaRule rule;
  rule.keep_case = proper_noun;
  return rule;
}

}  // namespace

LemmaRule lemma_rule(std::string_view form, std::string_view lower, std::string_view lemma,
                     std::string_view upos) {
  LemmaRule keep = edit(form, lemma, true);
  LemmaRule low = edit(lower, lemma, false);
  const std::size_t keep_cost = keep.strip + keep.append.size();
  const std::size_t low_cost = low.strip + low.append.size();
  if (keep_cost != low_cost) return keep_cost < low_cost ? keep : low;
  return upos == "PROPN" ? keep : low;
}

// ---- Lemmatizer ----

std::uint32_t Lemmatizer::upos_id(std::string_view upos) const {
  for (std::uint32_t i = 0; i < upos_.size(); ++i)
    if (upos_[i] == upos) return i;
  return kUnknownUpos;
}

void Lemmatizer::apply(const LemmaRule& rule, std::string_view form, std::string_view lower,
                       std::string& out) {
  const std::string_view base = rule.keep_case ? form : lower;
  if (rule.strip > base.size()) {
    out.assign(lower);
    return;
  }
  out.assign(base.substr(0, base.size() - rule.strip));
  out.append(rule.append);
}

const LemmaRule* Lemmatizer::suffix_rule(std::string_view lower, std::uint32_t upos) const {
  std::array<std::size_t, kMaxSuffixChars + 1> starts;
  const std::size_t n = suffix_starts(lower, starts);
  std::array<std::uint64_t, kMaxSuffixChars + 1> hashes;
  hashes[0] = kFnvBasis;
  for (std::size_t l = 1; l < n; ++l)
    hashes[l] = extend_reversed(hashes[l - 1], lower.substr(starts[l], starts[l - 1] - starts[l]));
  for (std::size_t l = n; l-- > 0;) {
    if (const std::uint32_t* r = suffixes_.find(suffix_key(hashes[l], upos))) return &rules_[*r];
  }
  return nullptr;
}

void Lemmatizer::lemmatize(std::string_view form, std::string_view lower, std::uint32_t upos,
                           std::string& out) const {
  if (upos < upos_.size()) {
    if (const std::uint32_t* r = forms_.find(form_key(lower, upos))) {
      apply(rules_[*r], form, lower, out);
      return;
    }
    if (const LemmaRule* rule = suffix_rule(lower, upos)) {
      apply(*rule, form, lower, out);
      return;
    }
  }
  const bool proper = upos < upos_.size() && upos_[upos] == "PROPN";
  apply(identity(proper), form, lower, out);
}

std::string Lemmatizer::lemmatize(std::string_view form, std::string_view upos) const {
  std::string lower, out;
  to_lower_into(form, lower);
  lemmatize(form, lower, upos_id(upos), out);
  return out;
}

void Lemmatizer::write(BinaryWriter& out) const {
  out.vector(upos_);
  out.u64(rules_.size());
  for (const LemmaRule& r : rules_) {
    out.u8(r.keep_case ? 1 : 0);
    out.u8(r.strip);
    out.string(r.append);
  }
  // Sorted by key, so equal tables give equal bytes.
  for (const U64Map* map : {&forms_, &suffixes_}) {
    std::vector<std::pair<std::uint64_t, std::uint32_t>> entries;
    entries.reserve(map->size());
    map->for_each([&](std::uint64_t k, std::uint32_t v) { entries.emplace_back(k, v); });
    std::sort(entries.begin(), entries.end());
    out.u64(entries.size());
    for (const auto& [k, v] : entries) {
      out.u64(k);
      out.u32(v);
    }
  }
}

Lemmatizer Lemmatizer::read(BinaryReader& in) {
  Lemmatizer l;
  l.upos_ = in.vector<std::string>("lemmatizer: UPOS list");
  const std::size_t rules = in.count(6, "lemmatizer: rule count");
  l.rules_.reserve(rules);
  for (std::size_t i = 0; i < rules; ++i) {
    LemmaRule r;
    const std::uint8_t keep = in.u8("lemmatizer: rule case");
    if (keep > 1) in.fail("lemmatizer: bad rule case flag");
    r.keep_case = keep == 1;
    r.strip = in.u8("lemmatizer: rule strip");
    r.append = in.string("lemmatizer: rule suffix");
    l.rules_.push_back(std::move(r));
  }
  for (U64Map* map : {&l.forms_, &l.suffixes_}) {
    const std::size_t n = in.count(12, "lemmatizer: table size");
    *map = U64Map(n);
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint64_t key = in.u64("lemmatizer: key");
      const std::uint32_t rule = in.u32("lemmatizer: rule index");
      if (key == 0 || rule >= l.rules_.size()) in.fail("lemmatizer: corrupt table entry");
      if (!map->insert(key, rule).second) in.fail("lemmatizer: duplicate table entry");
    }
  }
  return l;
}

// ---- LemmatizerTrainer ----

void LemmatizerTrainer::add(std::string_view form, std::string_view upos, std::string_view lemma) {
  if (form.empty() || lemma.empty() || lemma == "_") return;
  std::string lower;
  to_lower_into(form, lower);
  ++counts_[{std::move(lower), std::string(upos)}][{std::string(form), std::string(lemma)}];
}

Lemmatizer LemmatizerTrainer::build() const {
  Lemmatizer l;
  std::map<LemmaRule, std::uint32_t> rule_ids;
  const auto rule_id = [&](const LemmaRule& r) {
    const auto [it, inserted] = rule_ids.emplace(r, static_cast<std::uint32_t>(l.rules_.size()));
    if (inserted) l.rules_.push_back(r);
    return it->second;
  };
  const auto upos_id = [&](const std::string& upos) {
    const std::uint32_t id = l.upos_id(upos);
    if (id != Lemmatizer::kUnknownUpos) return id;
    l.upos_.push_back(upos);
    return static_cast<std::uint32_t>(l.upos_.size() - 1);
  };

  // Per word type: `rule`, its most frequent edit (what suffixes generalise), and `table`,
  // the rule giving the right lemma for most of its tokens whatever their case ("i" and "I"
  // both -> "I": lower-case, strip 1, append "I").
  struct Type {
    std::string lower;
    std::uint32_t upos;
    LemmaRule rule;
    LemmaRule table;
    std::uint64_t tokens;
  };
  std::vector<Type> types;
  std::string out;
  for (const auto& [key, pairs] : counts_) {
    const std::string& lower = key.first;
    std::map<LemmaRule, std::uint64_t> natural;
    std::uint64_t tokens = 0;
    for (const auto& [pair, n] : pairs) {
      natural[lemma_rule(pair.first, lower, pair.second, key.second)] += n;
      tokens += n;
    }
    const LemmaRule rule = std::max_element(natural.begin(), natural.end(), [](const auto& a, const auto& b) {
                             return a.second < b.second;
                           })->first;
    std::vector<LemmaRule> candidates{rule};
    for (const auto& [pair, n] : pairs) candidates.push_back(edit(lower, pair.second, false));
    for (const auto& [r, n] : natural) candidates.push_back(r);
    LemmaRule table = rule;
    std::uint64_t best = 0;
    for (const LemmaRule& candidate : candidates) {
      std::uint64_t right = 0;
      for (const auto& [pair, n] : pairs) {
        Lemmatizer::apply(candidate, pair.first, lower, out);
        if (out == pair.second) right += n;
      }
      if (right > best) {
        best = right;
        table = candidate;
      }
    }
    types.push_back({lower, upos_id(key.second), rule, table, tokens});
  }

  // (upos, suffix) -> rule -> (types, tokens); suffixes of 0..kMaxSuffixChars code points
  // that contain every byte the rule strips.
  using Votes = std::map<LemmaRule, std::pair<std::uint64_t, std::uint64_t>>;
  std::vector<std::map<std::string, Votes>> by_length(Lemmatizer::kMaxSuffixChars + 1);
  std::array<std::size_t, Lemmatizer::kMaxSuffixChars + 1> starts;
  for (const Type& t : types) {
    const std::size_t n = suffix_starts(t.lower, starts);
    for (std::size_t len = 0; len < n; ++len) {
      const std::string_view suffix = std::string_view(t.lower).substr(starts[len]);
      if (t.rule.strip > suffix.size()) continue;
      std::string key = std::to_string(t.upos) + '\t' + std::string(suffix);
      auto& vote = by_length[len][std::move(key)][t.rule];
      vote.first += 1;
      vote.second += t.tokens;
    }
  }

  // Keep a suffix only when its rule differs from what the shorter suffixes (or identity)
  // give: lookups walk from the longest suffix down, so the result is unchanged.
  std::map<std::string, LemmaRule> effective;  // "upos\tsuffix" of every kept entry
  const auto fallback = [&](std::uint32_t upos, std::string_view suffix) {
    for (;;) {
      const auto it = effective.find(std::to_string(upos) + '\t' + std::string(suffix));
      if (it != effective.end()) return it->second;
      if (suffix.empty()) return identity(l.upos_[upos] == "PROPN");
      std::size_t cut = 1;
      while (cut < suffix.size() && (static_cast<unsigned char>(suffix[cut]) & 0xC0) == 0x80) ++cut;
      suffix.remove_prefix(cut);
    }
  };
  for (std::size_t len = 0; len < by_length.size(); ++len) {
    std::vector<std::pair<std::string, LemmaRule>> kept;
    for (const auto& [key, votes] : by_length[len]) {
      const auto best = std::max_element(votes.begin(), votes.end(), [](const auto& a, const auto& b) {
        return a.second < b.second;
      });
      const std::size_t tab = key.find('\t');
      const auto upos = static_cast<std::uint32_t>(std::stoul(key.substr(0, tab)));
      std::string_view suffix = std::string_view(key).substr(tab + 1);
      std::string_view shorter = suffix;
      if (!shorter.empty()) {
        std::size_t cut = 1;
        while (cut < shorter.size() && (static_cast<unsigned char>(shorter[cut]) & 0xC0) == 0x80) ++cut;
        shorter.remove_prefix(cut);
      }
      if (len > 0 && fallback(upos, shorter) == best->first) continue;
      if (len == 0 && identity(l.upos_[upos] == "PROPN") == best->first) continue;
      kept.emplace_back(key, best->first);
      l.suffixes_.insert(suffix_key(extend_reversed(kFnvBasis, suffix), upos), rule_id(best->first));
    }
    for (auto& [key, rule] : kept) effective.emplace(std::move(key), std::move(rule));
  }

  for (const Type& t : types) l.forms_.insert(form_key(t.lower, t.upos), rule_id(t.table));
  return l;
}

}  // namespace kg::extract
