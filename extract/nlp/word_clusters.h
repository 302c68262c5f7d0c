#pragma once
// Word clusters learnt from unlabelled text: distributional word classes that stand in for
// words (and for tags, which may be wrong) as features of the parser and other models.
//
// Method: the exchange algorithm (Kneser & Ney 1993; Martin, Liermann & Ney 1998) for a
// class bigram model: each word of the vocabulary sits in one of C classes, and words are
// moved, one at a time and in order of decreasing frequency, to the class that most
// increases the likelihood of the text under p(w_i | w_{i-1}) = p(c_i | c_{i-1}) p(w_i | c_i),
// i.e. that maximises  sum_{c,d} N(c,d) log N(c,d) - 2 sum_c N(c) log N(c)  (N(c,d): class
// bigram counts, N(c): class counts). Passes repeat until no word moves or the pass limit.
// It runs once per granularity ("level", e.g. 16, 64 and 512 classes): coarse levels play
// the part of the short bit-string prefixes of Brown clusters (Koo et al. 2008), the finest
// the part of the full paths. No randomness: classes start as frequency rank modulo C.
//
// Words. Forms are normalised as the parser's word features are: ASCII letters lower-cased,
// every digit 0 (normalize()). Words seen fewer than min_count times are replaced, for
// training, by a pseudo-word that names their shape (signature(): capitalisation, digits,
// hyphen, a common suffix), and so are words unseen at lookup: a rare "Zarqawi" shares the
// class of other rare capitalised words, "overfished" that of rare "-ed" words. Every
// sentence is framed by a boundary pseudo-word.
//
// Thread safety: WordClusters is immutable after construction; const member functions may
// run concurrently.
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "extract/nlp/model_io.h"

namespace kg::extract {

struct ClusterTrainingOptions {
  std::vector<std::uint32_t> levels = {16, 64, 512};  // classes per level, each 2..65535
  std::uint32_t min_count = 2;                        // rarer words become signatures
  int iterations = 12;                                // exchange passes per level (limit)
};

// WordClusters: for each vocabulary word (and signature pseudo-word) its class at every
// level.
//
// Requires: load()ed / read() from a "clusters" model, or made by train_word_clusters().
// Ensures: lookup() of any form returns levels() class ids, each < classes(level): those of
// the normalised form when it is in the vocabulary, else those of its signature, else (a
// signature the training text never showed) those of the most frequent signature. lookup()
// allocates nothing.
class WordClusters {
 public:
  static constexpr std::string_view kKind = "clusters";
  static std::uint64_t fingerprint();

  WordClusters() = default;

  // Throws kg::ModelError naming the file when it is missing, foreign, of another kind or
  // fingerprint, truncated or corrupt.
  static WordClusters load(const std::filesystem::path& path);
  void save(const std::filesystem::path& path) const;
  // The clusters inside another model's payload (the parser embeds its clusters).
  void write(BinaryWriter& out) const;
  static WordClusters read(BinaryReader& in);

  // Lower-cased ASCII letters, digits as 0; other bytes unchanged.
  static std::string normalize(std::string_view form);
  // The pseudo-word standing for a rare or unknown form, e.g. "<C-ed>", "<0>", "<-ing>".
  static std::string signature(std::string_view form);

  bool empty() const { return words_.empty(); }
  std::size_t levels() const { return classes_.size(); }
  std::uint32_t classes(std::size_t level) const { return classes_[level]; }
  std::size_t words() const { return words_.size(); }  // signatures included
  std::string_view word(std::size_t i) const { return words_[i]; }
  // The class ids of `form`, one per level (see above).
  std::span<const std::uint16_t> lookup(std::string_view form) const;
  // The class ids of vocabulary entry i.
  std::span<const std::uint16_t> ids(std::size_t i) const {
    return {ids_.data() + i * classes_.size(), classes_.size()};
  }
  const std::string& description() const { return description_; }

 private:
  friend WordClusters train_word_clusters(const std::vector<std::vector<std::string>>&,
                                          const ClusterTrainingOptions&);
  void build_index();  // fills the hash table from words_; throws std::invalid_argument on a
                       // duplicate normalised word
  std::size_t find(std::uint64_t hash) const;  // entry index, or words_.size()

  std::string description_;
  std::vector<std::uint32_t> classes_;  // per level
  std::vector<std::string> words_;      // normalised words and signatures
  std::vector<std::uint16_t> ids_;      // words_.size() x levels()
  std::size_t fallback_ = 0;            // entry for signatures never seen
  // Open addressing: hash of the normalised word -> entry index (+1; 0 = empty).
  std::vector<std::uint64_t> keys_;
  std::vector<std::uint32_t> slots_;
  std::size_t mask_ = 0;
};

// Learns clusters from tokenised sentences (raw forms; normalised here). Deterministic:
// the same sentences and options give the same clusters (and model bytes). Throws
// std::invalid_argument for no words or a level outside 2..65535.
WordClusters train_word_clusters(const std::vector<std::vector<std::string>>& sentences,
                                 const ClusterTrainingOptions& options = {});

// Reads tokenised text: one sentence a line, tokens separated by spaces or tabs; empty
// lines are skipped. Throws kg::InputError when the file cannot be read.
std::vector<std::vector<std::string>> read_token_lines(const std::filesystem::path& path);

}  // namespace kg::extract
