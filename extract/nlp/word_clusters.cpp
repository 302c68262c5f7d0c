#include "extract/nlp/word_clusters.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <numeric>
#include <stdexcept>
#include <unordered_map>

#include "extract/text/error.h"

namespace kg::extract {
namespace {

constexpr std::string_view kFormat =
    "kgbuild-clusters-1:exchange,two-sided,lower+digits0,signatures-1";
constexpr std::string_view kBoundary = "<s>";

// FNV-1a over the normalised form, computed without building it.
std::uint64_t normalized_hash(std::string_view form) {
  std::uint64_t h = 14695981039346656037ull;
  for (const char c : form) {
    auto b = static_cast<unsigned char>(c);
    if (b >= 'A' && b <= 'Z') b = static_cast<unsigned char>(b + 32);
    else if (b >= '0' && b <= '9') b = '0';
    h ^= b;
    h *= 1099511628211ull;
  }
  return h;
}

// True when `form`, ASCII letters lower-cased, ends with `suffix` (lower-case) and has at
// least two more bytes.
bool ends_with(std::string_view form, std::string_view suffix) {
  if (form.size() <= suffix.size() + 1) return false;
  const std::string_view tail = form.substr(form.size() - suffix.size());
  for (std::size_t i = 0; i < tail.size(); ++i) {
    char c = tail[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != suffix[i]) return false;
  }
  return true;
}

}  // namespace

std::uint64_t WordClusters::fingerprint() {
  static const std::uint64_t value = fnv1a64(kFormat);
  return value;
}

std::string WordClusters::normalize(std::string_view form) {
  std::string s(form);
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    else if (c >= '0' && c <= '9') c = '0';
  }
  return s;
}

std::string WordClusters::signature(std::string_view form) {
  bool upper = false, lower = false, digit = false, hyphen = false;
  for (const char c : form) {
    if (c >= 'A' && c <= 'Z') upper = true;
    else if (c >= 'a' && c <= 'z') lower = true;
    else if (c >= '0' && c <= '9') digit = true;
    else if (c == '-') hyphen = true;
  }
  std::string s = "<";
  if (digit) {
    s += (upper || lower) ? "0a" : "0";
  } else if (!upper && !lower) {
    s += "sym";
  } else {
    if (upper && !lower) s += "AA";
    else if (form[0] >= 'A' && form[0] <= 'Z') s += "C";
    if (hyphen) s += "-";
    static constexpr std::string_view kSuffixes[] = {"ing", "ed", "ly", "tion", "sion", "ness",
                                                     "ment", "ity", "ous", "ive", "able", "ible",
                                                     "al", "ic", "ist", "ism", "est", "ers", "er",
                                                     "ies", "es", "s", "y"};
    for (const std::string_view suffix : kSuffixes) {
      if (ends_with(form, suffix)) {
        s += "-";
        s += suffix;
        break;
      }
    }
  }
  s += ">";
  return s;
}

void WordClusters::build_index() {
  std::size_t capacity = 16;
  while (capacity < 2 * words_.size()) capacity *= 2;
  keys_.assign(capacity, 0);
  slots_.assign(capacity, 0);
  mask_ = capacity - 1;
  for (std::size_t i = 0; i < words_.size(); ++i) {
    const std::uint64_t h = normalized_hash(words_[i]);
    std::size_t j = static_cast<std::size_t>(h ^ (h >> 29)) & mask_;
    for (; slots_[j] != 0; j = (j + 1) & mask_)
      if (keys_[j] == h) throw std::invalid_argument("duplicate word " + words_[i]);
    keys_[j] = h;
    slots_[j] = static_cast<std::uint32_t>(i + 1);
  }
}

std::size_t WordClusters::find(std::uint64_t hash) const {
  if (slots_.empty()) return words_.size();
  for (std::size_t j = static_cast<std::size_t>(hash ^ (hash >> 29)) & mask_;; j = (j + 1) & mask_) {
    if (slots_[j] == 0) return words_.size();
    if (keys_[j] == hash) return slots_[j] - 1;
  }
}

std::span<const std::uint16_t> WordClusters::lookup(std::string_view form) const {
  if (words_.empty()) return {};
  std::size_t i = find(normalized_hash(form));
  if (i == words_.size()) {
    i = find(normalized_hash(signature(form)));  // short: in std::string's own buffer, no allocation
    if (i == words_.size()) i = fallback_;
  }
  return ids(i);
}

void WordClusters::write(BinaryWriter& out) const {
  out.string(description_);
  out.vector(classes_);
  out.vector(words_);
  out.vector(ids_);
  out.u64(fallback_);
}

WordClusters WordClusters::read(BinaryReader& in) {
  WordClusters c;
  c.description_ = in.string("clusters: description");
  c.classes_ = in.vector<std::uint32_t>("clusters: levels");
  c.words_ = in.vector<std::string>("clusters: words");
  c.ids_ = in.vector<std::uint16_t>("clusters: ids");
  c.fallback_ = in.u64("clusters: fallback");
  if (c.ids_.size() != c.words_.size() * c.classes_.size())
    in.fail("clusters: " + std::to_string(c.ids_.size()) + " ids for " +
            std::to_string(c.words_.size()) + " words x " + std::to_string(c.classes_.size()) +
            " levels");
  if (c.words_.empty() != c.classes_.empty()) in.fail("clusters: levels without words");
  if (!c.words_.empty() && c.fallback_ >= c.words_.size()) in.fail("clusters: bad fallback");
  for (const std::uint32_t n : c.classes_)
    if (n < 2 || n > 65535) in.fail("clusters: bad class count " + std::to_string(n));
  for (std::size_t i = 0; i < c.ids_.size(); ++i)
    if (c.ids_[i] >= c.classes_[i % c.classes_.size()]) in.fail("clusters: class id out of range");
  try {
    c.build_index();
  } catch (const std::invalid_argument& e) {
    in.fail(std::string("clusters: ") + e.what());
  }
  return c;
}

WordClusters WordClusters::load(const std::filesystem::path& path) {
  const ModelFile file = read_model_file(path, kKind, fingerprint());
  BinaryReader in = file.payload();
  WordClusters c = read(in);
  in.expect_end("clusters model");
  return c;
}

void WordClusters::save(const std::filesystem::path& path) const {
  BinaryWriter w;
  write(w);
  write_model_file(path, kKind, fingerprint(), w.take());
}

// ---- training ----

namespace {

// The corpus the exchange algorithm runs on: word ids, counts and sparse bigram lists.
struct Corpus {
  std::vector<std::uint64_t> count;  // per word, as a left context
  // Successors / predecessors of each word (other than itself), with counts.
  std::vector<std::vector<std::pair<std::uint32_t, std::uint64_t>>> succ, pred;
  std::vector<std::uint64_t> self;   // count of (w, w)
  std::vector<std::uint32_t> order;  // words by decreasing count, then id
  std::uint64_t bigrams = 0;
};

class XLogX {
 public:
  explicit XLogX(std::uint64_t max) : table_(max + 1, 0.0) {
    for (std::uint64_t x = 1; x <= max; ++x) table_[x] = double(x) * std::log(double(x));
  }
  double operator()(std::uint64_t x) const { return table_[x]; }

 private:
  std::vector<double> table_;
};

std::vector<std::uint16_t> exchange(const Corpus& corpus, std::uint32_t classes, int passes,
                                    const XLogX& f) {
  const std::size_t V = corpus.count.size();
  const std::size_t C = classes;
  std::vector<std::uint16_t> cls(V);
  for (std::size_t r = 0; r < corpus.order.size(); ++r)
    cls[corpus.order[r]] = static_cast<std::uint16_t>(r % C);
  // Class bigram counts M (and its transpose, for contiguous column reads), class counts N.
  std::vector<std::uint64_t> M(C * C, 0), MT(C * C, 0), N(C, 0);
  for (std::size_t w = 0; w < V; ++w) {
    N[cls[w]] += corpus.count[w];
    M[cls[w] * C + cls[w]] += corpus.self[w];
    for (const auto& [v, n] : corpus.succ[w]) M[cls[w] * C + cls[v]] += n;
  }
  for (std::size_t a = 0; a < C; ++a)
    for (std::size_t b = 0; b < C; ++b) MT[b * C + a] = M[a * C + b];

  std::vector<std::uint64_t> S(C, 0), P(C, 0);
  std::vector<std::uint32_t> s_list, p_list;
  for (int pass = 0; pass < passes; ++pass) {
    std::size_t moved = 0;
    for (const std::uint32_t w : corpus.order) {
      // Class counts of w's successors (S) and predecessors (P).
      s_list.clear();
      p_list.clear();
      for (const auto& [v, n] : corpus.succ[w]) {
        if (S[cls[v]] == 0) s_list.push_back(cls[v]);
        S[cls[v]] += n;
      }
      for (const auto& [u, n] : corpus.pred[w]) {
        if (P[cls[u]] == 0) p_list.push_back(cls[u]);
        P[cls[u]] += n;
      }
      std::sort(s_list.begin(), s_list.end());
      std::sort(p_list.begin(), p_list.end());
      const std::uint64_t self = corpus.self[w], nw = corpus.count[w];
      const std::size_t from = cls[w];
      const auto apply = [&](std::size_t k, bool add) {
        const auto upd = [&](std::uint64_t& x, std::uint64_t d) { x = add ? x + d : x - d; };
        for (const std::uint32_t c : s_list) {
          upd(M[k * C + c], S[c]);
          upd(MT[c * C + k], S[c]);
        }
        for (const std::uint32_t c : p_list) {
          upd(M[c * C + k], P[c]);
          upd(MT[k * C + c], P[c]);
        }
        upd(M[k * C + k], self);
        upd(MT[k * C + k], self);
        upd(N[k], nw);
      };
      apply(from, false);  // take w out of its class
      // The gain of putting w into each class; w stays unless another is clearly better.
      const auto gain = [&](std::size_t b) {
        const std::uint64_t* row = &M[b * C];
        const std::uint64_t* col = &MT[b * C];
        double g = 0;
        for (const std::uint32_t c : s_list)
          if (c != b) g += f(row[c] + S[c]) - f(row[c]);
        for (const std::uint32_t c : p_list)
          if (c != b) g += f(col[c] + P[c]) - f(col[c]);
        g += f(row[b] + S[b] + P[b] + self) - f(row[b]);
        g -= 2 * (f(N[b] + nw) - f(N[b]));
        return g;
      };
      std::size_t best = from;
      double best_gain = gain(from);
      for (std::size_t b = 0; b < C; ++b) {
        if (b == from) continue;
        const double g = gain(b);
        if (g > best_gain + 1e-9 * (1 + std::fabs(best_gain))) {
          best = b;
          best_gain = g;
        }
      }
      cls[w] = static_cast<std::uint16_t>(best);
      apply(best, true);
      moved += best != from;
      for (const std::uint32_t c : s_list) S[c] = 0;
      for (const std::uint32_t c : p_list) P[c] = 0;
    }
    if (moved == 0) break;
  }
  return cls;
}

}  // namespace

WordClusters train_word_clusters(const std::vector<std::vector<std::string>>& sentences,
                                 const ClusterTrainingOptions& options) {
  if (options.levels.empty()) throw std::invalid_argument("train_word_clusters: no level");
  for (const std::uint32_t n : options.levels)
    if (n < 2 || n > 65535) throw std::invalid_argument("train_word_clusters: 2..65535 classes");

  // Vocabulary: normalised words seen min_count times, else their signatures.
  std::unordered_map<std::string, std::uint64_t> raw;
  std::size_t tokens = 0;
  for (const auto& s : sentences) {
    for (const std::string& t : s) ++raw[WordClusters::normalize(t)];
    tokens += s.size();
  }
  if (tokens == 0) throw std::invalid_argument("train_word_clusters: no words");
  const auto entry = [&](const std::string& t) {
    std::string norm = WordClusters::normalize(t);
    return raw.at(norm) >= options.min_count ? norm : WordClusters::signature(t);
  };
  std::map<std::string, std::uint32_t> vocab;  // sorted: ids independent of hashing
  vocab.emplace(std::string(kBoundary), 0);
  for (const auto& s : sentences)
    for (const std::string& t : s) vocab.emplace(entry(t), 0);
  WordClusters out;
  out.classes_ = options.levels;
  for (auto& [word, id] : vocab) {
    id = static_cast<std::uint32_t>(out.words_.size());
    out.words_.push_back(word);
  }
  const std::size_t V = out.words_.size();

  Corpus corpus;
  corpus.count.assign(V, 0);
  corpus.self.assign(V, 0);
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint64_t> bigrams;
  std::vector<std::uint32_t> ids;
  const std::uint32_t boundary = vocab.at(std::string(kBoundary));
  for (const auto& s : sentences) {
    if (s.empty()) continue;
    ids.clear();
    ids.push_back(boundary);
    for (const std::string& t : s) ids.push_back(vocab.at(entry(t)));
    ids.push_back(boundary);
    for (std::size_t i = 0; i + 1 < ids.size(); ++i) {
      ++corpus.count[ids[i]];
      ++bigrams[{ids[i], ids[i + 1]}];
    }
  }
  corpus.succ.resize(V);
  corpus.pred.resize(V);
  for (const auto& [key, n] : bigrams) {
    const auto [a, b] = key;
    if (a == b) {
      corpus.self[a] += n;
    } else {
      corpus.succ[a].emplace_back(b, n);
      corpus.pred[b].emplace_back(a, n);
    }
    corpus.bigrams += n;
  }
  corpus.order.resize(V);
  std::iota(corpus.order.begin(), corpus.order.end(), 0u);
  std::stable_sort(corpus.order.begin(), corpus.order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return corpus.count[a] > corpus.count[b];
  });
  const XLogX f(corpus.bigrams + 1);

  const std::size_t L = options.levels.size();
  out.ids_.assign(V * L, 0);
  for (std::size_t l = 0; l < L; ++l) {
    const std::vector<std::uint16_t> cls =
        exchange(corpus, options.levels[l], options.iterations, f);
    for (std::size_t w = 0; w < V; ++w) out.ids_[w * L + l] = cls[w];
  }
  // Fallback for signatures never seen: the most frequent signature.
  out.fallback_ = boundary;
  std::uint64_t best = 0;
  for (std::size_t w = 0; w < V; ++w) {
    const std::string& s = out.words_[w];
    if (s.size() > 2 && s.front() == '<' && s.back() == '>' && w != boundary &&
        corpus.count[w] > best) {
      best = corpus.count[w];
      out.fallback_ = w;
    }
  }
  std::string levels;
  for (const std::uint32_t n : options.levels)
    levels += (levels.empty() ? "" : "/") + std::to_string(n);
  out.description_ = "clusters: exchange, " + levels + " classes, " + std::to_string(V) +
                     " words (min count " + std::to_string(options.min_count) + "), " +
                     std::to_string(tokens) + " tokens, " + std::to_string(sentences.size()) +
                     " sentences, at most " + std::to_string(options.iterations) + " passes";
  out.build_index();
  return out;
}

std::vector<std::vector<std::string>> read_token_lines(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path.string(), "cannot read the token file");
  std::vector<std::vector<std::string>> out;
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> tokens;
    std::size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
      std::size_t j = i;
      while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != '\r') ++j;
      if (j > i) tokens.emplace_back(line, i, j - i);
      i = j;
    }
    if (!tokens.empty()) out.push_back(std::move(tokens));
  }
  if (in.bad()) throw InputError(path.string(), "read error");
  return out;
}

}  // namespace kg::extract
