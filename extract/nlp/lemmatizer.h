#pragma once
// Lemmatizer: (word form, UPOS) -> lemma, learnt from a treebank's lemma column.
//
// What it represents: edit rules "take the form as written (keep case) or lower-cased,
// strip N trailing bytes, append S" ("walked" -> lower, strip 2, "" -> "walk"; "Apple"/PROPN
// -> keep, strip 0), chosen by
//   1. the (lower-case form, UPOS) table: the rule that gave that word's gold lemma most
//      often in training, whatever the case it was written in;
//   2. otherwise the longest suffix of the lower-case form (up to kMaxSuffixChars code
//      points, the empty suffix included) seen with that UPOS: the rule most training word
//      types with that suffix and UPOS used;
//   3. otherwise identity: the form lower-cased, or as written for proper nouns.
// Both tables are pruned losslessly: an entry is dropped when the next step would give the
// same rule. Keys are 64-bit hashes, so only the rules and hashes are stored.
// Thread safety: const member functions may run concurrently.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "extract/nlp/model_io.h"
#include "extract/nlp/perceptron.h"

namespace kg::extract {

struct LemmaRule {
  bool keep_case = false;  // edit the form as written; otherwise its lower-case form
  std::uint8_t strip = 0;  // trailing bytes removed
  std::string append;      // then appended
  auto operator<=>(const LemmaRule&) const = default;
};

// The rule turning `form` (lower-case `lower`) into `lemma`: the shorter edit of the two
// bases; on a tie the form as written for PROPN, the lower-case form otherwise.
LemmaRule lemma_rule(std::string_view form, std::string_view lower, std::string_view lemma,
                     std::string_view upos);

class Lemmatizer {
 public:
  static constexpr std::uint32_t kUnknownUpos = 0xffffffffu;
  static constexpr std::size_t kMaxSuffixChars = 8;

  // Index of `upos` in this lemmatizer's inventory, or kUnknownUpos.
  std::uint32_t upos_id(std::string_view upos) const;
  // Writes the lemma of `form` (whose lower-case form is `lower`) with UPOS `upos_id`
  // into `out`, reusing its buffer.
  void lemmatize(std::string_view form, std::string_view lower, std::uint32_t upos_id,
                 std::string& out) const;
  std::string lemmatize(std::string_view form, std::string_view upos) const;

  std::size_t form_entries() const { return forms_.size(); }
  std::size_t suffix_entries() const { return suffixes_.size(); }
  std::size_t rules() const { return rules_.size(); }

  // Layout: vector<string> UPOS inventory; u64 rule count, each (u8 keep_case, u8 strip,
  // string append); u64 form count, each (u64 key, u32 rule); u64 suffix count, each
  // (u64 key, u32 rule). Suffix keys hash the suffix's bytes last to first.
  void write(BinaryWriter& out) const;
  static Lemmatizer read(BinaryReader& in);

 private:
  friend class LemmatizerTrainer;
  const LemmaRule* suffix_rule(std::string_view lower, std::uint32_t upos_id) const;
  static void apply(const LemmaRule& rule, std::string_view form, std::string_view lower,
                    std::string& out);

  std::vector<std::string> upos_;
  std::vector<LemmaRule> rules_;
  U64Map forms_;     // hash(lower form, upos) -> rule
  U64Map suffixes_;  // hash(suffix, upos) -> rule
};

// LemmatizerTrainer: counts (form, UPOS, lemma) triples, then builds a Lemmatizer.
class LemmatizerTrainer {
 public:
  void add(std::string_view form, std::string_view upos, std::string_view lemma);
  Lemmatizer build() const;

 private:
  // (lower form, upos) -> (form, lemma) -> token count
  std::map<std::pair<std::string, std::string>, std::map<std::pair<std::string, std::string>, std::uint64_t>>
      counts_;
};

}  // namespace kg::extract
