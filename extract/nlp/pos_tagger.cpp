#include "extract/nlp/pos_tagger.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <map>
#include <numeric>
#include <optional>
#include <random>

#include "extract/text/error.h"
#include "extract/text/text_util.h"

namespace kg::extract {
namespace {

// Feature templates. The names feed fingerprint(): add, remove or change a template (or
// how its pieces are computed) and the name list or kFeatureVersion must change with it.
enum Template : std::uint32_t {
  // Static (independent of earlier decisions), both passes.
  kBias, kWord, kLower, kPrefix1, kPrefix2, kPrefix3, kPrefix4, kSuffix1, kSuffix2, kSuffix3,
  kSuffix4, kShape, kDigit, kHyphen, kUpper, kAllCaps, kInitial, kLowerM1, kLowerM2, kLowerP1,
  kLowerP2, kSuf3M1, kSuf3M2, kSuf3P1, kSuf3P2, kLowerM1Lower, kLowerLowerP1, kShapeM1,
  kShapeP1,
  // Dynamic (the classes just predicted), both passes.
  kPrev1, kPrev2, kPrev12, kPrev1Lower,
  // Second pass: the first pass's classes.
  kFirst0, kFirstP1, kFirstP2, kFirst0P1, kFirstP1P2, kLowerFirstP1, kPrev1FirstP1,
  // Static, both passes, with word clusters only.
  kCluster0, kCluster1, kCluster2, kCluster2M1, kCluster2P1, kCluster1M1Cluster1,
  kCluster1Cluster1P1, kCluster2Suffix2,
  kTemplateCount
};
constexpr std::array<std::string_view, kTemplateCount> kTemplateNames{
    "bias", "word", "lower", "prefix1", "prefix2", "prefix3", "prefix4", "suffix1", "suffix2",
    "suffix3", "suffix4", "shape", "digit", "hyphen", "upper", "allcaps", "initial", "lower-1",
    "lower-2", "lower+1", "lower+2", "suffix3-1", "suffix3-2", "suffix3+1", "suffix3+2",
    "lower-1+lower", "lower+lower+1", "shape-1", "shape+1", "prev1", "prev2", "prev12",
    "prev1+lower", "first", "first+1", "first+2", "first+first+1", "first+1+first+2",
    "lower+first+1", "prev1+first+1", "c0", "c1", "c2", "c2-1", "c2+1", "c1-1+c1", "c1+c1+1",
    "c2+suffix2"};
constexpr std::string_view kFeatureVersion =
    "kgbuild-tagger-features-3:c0/c1/c2=clusters first/second/last level";

constexpr int kPad = 2;                   // sentinel words on each side
constexpr std::uint32_t kStart = 0xffff;  // the class before the first word
constexpr std::uint32_t kEnd = 0xfffe;    // the first-pass class after the last word
constexpr std::size_t kAffixChars = 4;
constexpr std::size_t kMaxShapeChars = 12;

enum Flag : std::uint8_t { kHasDigit = 1, kHasHyphen = 2, kHasUpper = 4, kHasLower = 8 };

// Per-word string pieces, hashed once and shared by every template that uses the word.
struct Pieces {
  std::uint64_t word = 0, lower = 0, shape = 0;
  std::uint64_t c0 = 0, c1 = 0, c2 = 0;  // cluster ids, coarse to fine (with clusters)
  std::array<std::uint64_t, kAffixChars> prefix{}, suffix{};
  std::uint8_t flags = 0;
};

Pieces sentinel(std::string_view name) {
  Pieces p;
  p.word = p.lower = p.shape = piece_hash(name);
  p.prefix.fill(p.word);
  p.suffix.fill(p.word);
  p.c0 = p.c1 = p.c2 = p.word;
  return p;
}
const Pieces kBefore = sentinel("<s>");
const Pieces kAfter = sentinel("</s>");

// Length of the UTF-8 sequence starting with byte b (1 for stray continuation bytes).
inline std::size_t sequence_length(unsigned char b) {
  if (b < 0xC0) return 1;
  if (b < 0xE0) return 2;
  if (b < 0xF0) return 3;
  return 4;
}

void compute_pieces(std::string_view form, std::string_view lower, Pieces& p) {
  p.word = piece_hash(form);
  p.lower = piece_hash(lower);

  // Prefixes: FNV-1a extended one code point at a time; short words repeat their last.
  std::uint64_t h = fnv1a64("");
  std::size_t pos = 0;
  for (std::size_t k = 0; k < kAffixChars; ++k) {
    if (pos < lower.size()) {
      const std::size_t len = std::min(sequence_length(static_cast<unsigned char>(lower[pos])),
                                       lower.size() - pos);
      h = fnv1a64(lower.substr(pos, len), h);
      pos += len;
    }
    p.prefix[k] = h;
  }
  // Suffixes: the last k code points.
  std::size_t start = lower.size();
  for (std::size_t k = 0; k < kAffixChars; ++k) {
    if (start > 0) {
      --start;
      while (start > 0 && (static_cast<unsigned char>(lower[start]) & 0xC0) == 0x80) --start;
    }
    p.suffix[k] = piece_hash(lower.substr(start));
  }

  // Shape and flags, one code point at a time.
  std::uint8_t flags = 0;
  std::uint64_t shape = fnv1a64("");
  char last = 0;
  std::size_t shape_chars = 0;
  for (std::size_t i = 0; i < form.size();) {
    const auto b = static_cast<unsigned char>(form[i]);
    char cls;
    std::size_t len = 1;
    if (b < 0x80) {
      if (b >= 'A' && b <= 'Z') {
        cls = 'X';
      } else if (b >= 'a' && b <= 'z') {
        cls = 'x';
      } else if (b >= '0' && b <= '9') {
        cls = 'd';
      } else {
        cls = static_cast<char>(b);
      }
    } else {
      len = std::min(sequence_length(b), form.size() - i);
      const char32_t c = first_code_point(form.substr(i, len));
      cls = is_letter_code_point(c) ? (is_upper_code_point(c) ? 'X' : 'x') : 'o';
    }
    if (cls == 'X') flags |= kHasUpper;
    if (cls == 'x') flags |= kHasLower;
    if (cls == 'd') flags |= kHasDigit;
    if (cls == '-') flags |= kHasHyphen;
    if (cls != last && shape_chars < kMaxShapeChars) {
      shape = fnv1a64(std::string_view(&cls, 1), shape);
      last = cls;
      ++shape_chars;
    }
    i += len;
  }
  p.shape = shape;
  p.flags = flags;
}

// Reusable buffers of one tagging or training thread.
struct Buffers {
  const WordClusters* clusters = nullptr;  // the model's, when it has clusters
  std::vector<std::string_view> forms;  // Document tokens' forms
  std::vector<std::string> lowers;
  std::vector<Pieces> pieces;           // kPad sentinels, the words, kPad sentinels
  std::vector<std::uint32_t> first;     // first-pass classes, then kPad x kEnd
  std::vector<std::uint32_t> classes;   // the result
  FeatureSet features;                  // static features of every word of the sentence
  std::vector<std::uint32_t> owners;    // the word of each static feature
  FeatureSet dynamic;                   // dynamic features of one word
  std::vector<float> matrix;            // static scores, words x classes
  std::vector<float> scores;            // one word's scores (training)
  std::string lemma;                    // one token's lemma before it is interned
};

void prepare(std::span<const std::string_view> forms, Buffers& b) {
  const std::size_t n = forms.size();
  if (b.lowers.size() < n) b.lowers.resize(n);
  b.pieces.resize(n + 2 * kPad);
  for (int k = 0; k < kPad; ++k) {
    b.pieces[k] = kBefore;
    b.pieces[n + kPad + k] = kAfter;
  }
  for (std::size_t i = 0; i < n; ++i) {
    to_lower_into(forms[i], b.lowers[i]);
    Pieces& p = b.pieces[i + kPad];
    compute_pieces(forms[i], b.lowers[i], p);
    if (b.clusters != nullptr) {
      const std::span<const std::uint16_t> ids = b.clusters->lookup(forms[i]);
      p.c0 = ids.front();
      p.c1 = ids[std::min<std::size_t>(1, ids.size() - 1)];
      p.c2 = ids.back();
    }
  }
  b.classes.resize(n);
  b.first.resize(n + kPad);
  std::fill(b.first.begin() + static_cast<std::ptrdiff_t>(n), b.first.end(), kEnd);
}

// Features of word i that both passes use and that do not depend on earlier decisions.
void shared_features(const Buffers& b, std::size_t i, FeatureSet& f) {
  const Pieces* w = &b.pieces[i + kPad];
  const Pieces& m1 = w[-1];
  const Pieces& m2 = w[-2];
  const Pieces& n1 = w[1];
  const Pieces& n2 = w[2];
  f.add(kBias, 0);
  f.add(kWord, w->word);
  f.add(kLower, w->lower);
  for (std::uint32_t k = 0; k < kAffixChars; ++k) {
    f.add(kPrefix1 + k, w->prefix[k]);
    f.add(kSuffix1 + k, w->suffix[k]);
  }
  f.add(kShape, w->shape);
  if (w->flags & kHasDigit) f.add(kDigit, 1);
  if (w->flags & kHasHyphen) f.add(kHyphen, 1);
  if (w->flags & kHasUpper) f.add(kUpper, 1);
  if ((w->flags & (kHasUpper | kHasLower)) == kHasUpper) f.add(kAllCaps, 1);
  if (i == 0) f.add(kInitial, w->flags & kHasUpper);
  f.add(kLowerM1, m1.lower);
  f.add(kLowerM2, m2.lower);
  f.add(kLowerP1, n1.lower);
  f.add(kLowerP2, n2.lower);
  f.add(kSuf3M1, m1.suffix[2]);
  f.add(kSuf3M2, m2.suffix[2]);
  f.add(kSuf3P1, n1.suffix[2]);
  f.add(kSuf3P2, n2.suffix[2]);
  f.add(kLowerM1Lower, m1.lower, w->lower);
  f.add(kLowerLowerP1, w->lower, n1.lower);
  f.add(kShapeM1, m1.shape);
  f.add(kShapeP1, n1.shape);
  if (b.clusters == nullptr) return;
  f.add(kCluster0, w->c0);
  f.add(kCluster1, w->c1);
  f.add(kCluster2, w->c2);
  f.add(kCluster2M1, m1.c2);
  f.add(kCluster2P1, n1.c2);
  f.add(kCluster1M1Cluster1, m1.c1, w->c1);
  f.add(kCluster1Cluster1P1, w->c1, n1.c1);
  f.add(kCluster2Suffix2, w->c2, w->suffix[1]);
}

// Second pass only: the first pass's classes (b.first) around word i.
void second_features(const Buffers& b, std::size_t i, FeatureSet& f) {
  const std::uint32_t a0 = b.first[i], a1 = b.first[i + 1], a2 = b.first[i + 2];
  f.add(kFirst0, a0);
  f.add(kFirstP1, a1);
  f.add(kFirstP2, a2);
  f.add(kFirst0P1, a0, a1);
  f.add(kFirstP1P2, a1, a2);
  f.add(kLowerFirstP1, b.pieces[i + kPad].lower, a1);
}

// The features of the classes just predicted; pass is 0 (first) or 1 (second).
void dynamic_features(const Buffers& b, std::size_t i, int pass, std::uint32_t p1,
                      std::uint32_t p2, FeatureSet& f) {
  f.add(kPrev1, p1);
  f.add(kPrev2, p2);
  f.add(kPrev12, p1, p2);
  f.add(kPrev1Lower, p1, b.pieces[i + kPad].lower);
  if (pass == 1) f.add(kPrev1FirstP1, p1, b.first[i + 1]);
}

// Adds the rows of the features `add(i, f)` makes for every word into the classes [lo, hi)
// of the static score matrix (words x weights.classes()), all lookups in one batch.
template <typename Add>
void score_words(const FrozenWeights& weights, Buffers& b, std::size_t n, std::uint32_t lo,
                 std::uint32_t hi, Add add) {
  b.features.clear();
  b.owners.clear();
  for (std::size_t i = 0; i < n; ++i) {
    add(i, b.features);
    b.owners.resize(b.features.size(), static_cast<std::uint32_t>(i));
  }
  weights.add_scores(b.features.hashes(), b.owners, b.matrix, lo, hi);
}

// Greedy left-to-right decoding of pass `pass`, whose classes are [pass * C, pass * C + C)
// of `weights`, from the static scores in b.matrix; writes the classes to `out`.
void greedy(const FrozenWeights& weights, int pass, std::uint32_t classes, Buffers& b,
            std::size_t n, std::vector<std::uint32_t>& out) {
  const std::uint32_t width = weights.classes();
  const std::uint32_t lo = static_cast<std::uint32_t>(pass) * classes;
  std::uint32_t p1 = kStart, p2 = kStart;
  for (std::size_t i = 0; i < n; ++i) {
    const std::span<float> row(b.matrix.data() + i * width, width);
    b.dynamic.clear();
    dynamic_features(b, i, pass, p1, p2, b.dynamic);
    weights.add_scores(b.dynamic.hashes(), row, lo, lo + classes);
    const std::uint32_t c = argmax(row.subspan(lo, classes));
    out[i] = c;
    p2 = p1;
    p1 = c;
  }
}

// Tags the prepared sentence in `b` into b.classes (and b.first with two passes).
void tag_prepared(const FrozenWeights& weights, int passes, std::uint32_t classes, Buffers& b,
                  std::size_t n) {
  const std::uint32_t width = weights.classes();
  b.matrix.assign(n * width, 0.0f);
  score_words(weights, b, n, 0, width, [&](std::size_t i, FeatureSet& f) { shared_features(b, i, f); });
  if (passes == 1) {
    greedy(weights, 0, classes, b, n, b.classes);
    return;
  }
  greedy(weights, 0, classes, b, n, b.first);
  score_words(weights, b, n, classes, 2 * classes,
              [&](std::size_t i, FeatureSet& f) { second_features(b, i, f); });
  greedy(weights, 1, classes, b, n, b.classes);
}

std::string fingerprint_text() {
  std::string s(kFeatureVersion);
  s += ":affix=" + std::to_string(kAffixChars) + ",shape=" + std::to_string(kMaxShapeChars) +
       ",pad=" + std::to_string(kPad) + ":";
  for (const std::string_view name : kTemplateNames) {
    s += name;
    s += ',';
  }
  return s;
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string percent(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", 100 * v);
  return buf;
}

}  // namespace

struct PosTagger::Workspace::Impl : Buffers {};

PosTagger::Workspace::Workspace() : impl_(std::make_unique<Impl>()) {}
PosTagger::Workspace::~Workspace() = default;
PosTagger::Workspace::Workspace(Workspace&&) noexcept = default;
PosTagger::Workspace& PosTagger::Workspace::operator=(Workspace&&) noexcept = default;

std::uint64_t PosTagger::fingerprint() {
  static const std::uint64_t value = fnv1a64(fingerprint_text());
  return value;
}

void PosTagger::finish_classes() {
  lemma_upos_.clear();
  for (const std::string& u : upos_) lemma_upos_.push_back(lemmatizer_.upos_id(u));
  upos_labels_.assign(upos_.begin(), upos_.end());
  xpos_labels_.assign(xpos_.begin(), xpos_.end());
}

PosTagger PosTagger::load(const std::filesystem::path& path) {
  return from_model(read_model_file(path, kKind, fingerprint()));
}

PosTagger PosTagger::from_model(const ModelFile& file) {
  BinaryReader in = file.payload();
  PosTagger t;
  t.description_ = in.string("description");
  const std::uint32_t classes = in.u32("class count");
  if (classes == 0 || classes >= kEnd) in.fail("bad class count " + std::to_string(classes));
  if (classes > in.remaining() / 8) in.fail("truncated: class list");
  for (std::uint32_t c = 0; c < classes; ++c) {
    t.upos_.push_back(in.string("class UPOS"));
    t.xpos_.push_back(in.string("class XPOS"));
  }
  t.passes_ = in.u8("pass count");
  if (t.passes_ != 1 && t.passes_ != 2) in.fail("bad pass count " + std::to_string(t.passes_));
  t.weights_ = FrozenWeights::read(in);
  if (t.weights_.classes() != classes * t.passes_)
    in.fail("weights are for " + std::to_string(t.weights_.classes()) + " classes, " +
            std::to_string(t.passes_) + " pass(es) of " + std::to_string(classes) + " need " +
            std::to_string(classes * t.passes_));
  t.lemmatizer_ = Lemmatizer::read(in);
  t.clusters_ = WordClusters::read(in);
  in.expect_end("the tagger model");
  t.finish_classes();
  return t;
}

std::string PosTagger::payload() const {
  BinaryWriter w;
  w.string(description_);
  w.u32(static_cast<std::uint32_t>(upos_.size()));
  for (std::size_t c = 0; c < upos_.size(); ++c) {
    w.string(upos_[c]);
    w.string(xpos_[c]);
  }
  w.u8(passes_);
  weights_.write(w, true);
  lemmatizer_.write(w);
  clusters_.write(w);
  return w.take();
}

void PosTagger::save(const std::filesystem::path& path) const {
  write_model_file(path, kKind, fingerprint(), payload());
}

void PosTagger::tag_classes(std::span<const std::string_view> forms, Workspace& workspace) const {
  Buffers& b = *workspace.impl_;
  b.clusters = clusters_.empty() ? nullptr : &clusters_;
  prepare(forms, b);
  tag_prepared(weights_, passes_, static_cast<std::uint32_t>(classes()), b, forms.size());
}

void PosTagger::tag(std::span<const std::string_view> forms, Workspace& workspace,
                    std::vector<TaggedWord>& out) const {
  tag_classes(forms, workspace);
  const Buffers& b = *workspace.impl_;
  out.resize(forms.size());
  for (std::size_t i = 0; i < forms.size(); ++i) {
    const std::uint32_t c = b.classes[i];
    out[i].upos = upos_[c];
    out[i].xpos = xpos_[c];
    out[i].upos_label = upos_labels_[c];
    out[i].xpos_label = xpos_labels_[c];
    lemmatizer_.lemmatize(forms[i], b.lowers[i], lemma_upos_[c], out[i].lemma);
  }
}

std::vector<TaggedWord> PosTagger::tag(const std::vector<std::string>& forms) const {
  std::vector<std::string_view> views(forms.begin(), forms.end());
  Workspace workspace;
  std::vector<TaggedWord> out;
  tag(views, workspace, out);
  return out;
}

void PosTagger::tag(Document& doc) const {
  Workspace workspace;
  tag(doc, workspace);
}

void PosTagger::tag(Document& doc, Workspace& workspace) const {
  Buffers& b = *workspace.impl_;
  const auto run = [&](std::uint32_t first, std::uint32_t last) {
    b.forms.clear();
    for (std::uint32_t k = first; k < last; ++k) {
      const Token& t = doc.tokens[k];
      b.forms.push_back(t.norm.empty() ? std::string_view(t.form) : std::string_view(t.norm));
    }
    tag_classes(b.forms, workspace);
    for (std::uint32_t k = first; k < last; ++k) {
      Token& t = doc.tokens[k];
      const std::uint32_t c = b.classes[k - first];
      t.tag = upos_labels_[c];
      t.xpos = xpos_labels_[c];
      lemmatizer_.lemmatize(b.forms[k - first], b.lowers[k - first], lemma_upos_[c], b.lemma);
      t.lemma = b.lemma;
    }
  };
  if (doc.sentences.empty()) {
    run(0, static_cast<std::uint32_t>(doc.tokens.size()));
    return;
  }
  for (const Sentence& s : doc.sentences) run(s.first, s.last);
}

TaggerScores evaluate(const PosTagger& tagger, const std::vector<ConlluSentence>& gold) {
  using Clock = std::chrono::steady_clock;
  TaggerScores scores;
  PosTagger::Workspace workspace;
  std::vector<std::string_view> forms;
  std::vector<TaggedWord> out;
  Clock::duration spent{};
  for (const ConlluSentence& s : gold) {
    forms.clear();
    for (const ConlluWord& w : s.words) forms.push_back(w.form);
    const auto start = Clock::now();
    tagger.tag(forms, workspace, out);
    spent += Clock::now() - start;
    for (std::size_t i = 0; i < s.words.size(); ++i) {
      const ConlluWord& w = s.words[i];
      const bool u = out[i].upos == w.upos, x = out[i].xpos == w.xpos;
      scores.upos += u;
      scores.xpos += x;
      scores.both += u && x;
      scores.lemma += out[i].lemma == w.lemma;
    }
    scores.words += s.words.size();
  }
  scores.seconds = std::chrono::duration<double>(spent).count();
  return scores;
}

namespace {

// The training set as the passes see it: word forms, gold classes, first-pass classes.
struct Corpus {
  std::vector<std::vector<std::string_view>> forms;
  std::vector<std::vector<std::uint32_t>> gold;
  std::vector<std::vector<std::uint32_t>> first;  // jackknifed; filled for the second pass
  const WordClusters* clusters = nullptr;          // the model's, when it has clusters
};

// Averaged-perceptron training of one pass over the sentences `subset` of `corpus`.
class PassTrainer {
 public:
  PassTrainer(const Corpus& corpus, std::vector<std::size_t> subset, int pass,
              std::uint32_t classes, std::uint64_t seed)
      : corpus_(corpus), subset_(std::move(subset)), pass_(pass), weights_(classes), rng_(seed) {
    buffers_.scores.resize(classes);
    buffers_.clusters = corpus.clusters;
  }

  // One shuffled pass over the subset; returns the fraction of words guessed right.
  double iteration() {
    // Fisher-Yates with our own draw, so the order is the same with any standard library.
    for (std::size_t i = subset_.size(); i > 1; --i) std::swap(subset_[i - 1], subset_[rng_() % i]);
    std::size_t correct = 0, words = 0;
    Buffers& b = buffers_;
    for (const std::size_t s : subset_) {
      const auto& forms = corpus_.forms[s];
      const auto& gold = corpus_.gold[s];
      prepare(forms, b);
      if (pass_ == 1) std::copy(corpus_.first[s].begin(), corpus_.first[s].end(), b.first.begin());
      std::uint32_t p1 = kStart, p2 = kStart;
      for (std::size_t i = 0; i < forms.size(); ++i) {
        b.features.clear();
        shared_features(b, i, b.features);
        if (pass_ == 1) second_features(b, i, b.features);
        dynamic_features(b, i, pass_, p1, p2, b.features);
        weights_.score(b.features.hashes(), b.scores);
        const std::uint32_t guess = argmax(b.scores);
        weights_.update(gold[i], guess, b.features.hashes());
        correct += guess == gold[i];
        p2 = p1;
        p1 = guess;
      }
      words += forms.size();
    }
    words_ = words;
    return words ? double(correct) / double(words) : 0;
  }

  FrozenWeights freeze(float prune) const { return weights_.freeze(prune); }
  std::size_t words() const { return words_; }

 private:
  const Corpus& corpus_;
  std::vector<std::size_t> subset_;
  int pass_;
  TrainingWeights weights_;
  std::mt19937_64 rng_;
  Buffers buffers_;
  std::size_t words_ = 0;
};

}  // namespace

PosTagger PosTaggerTrainer::train(const std::vector<ConlluSentence>& train,
                                  const std::vector<ConlluSentence>& dev) const {
  using Clock = std::chrono::steady_clock;
  const std::size_t words = count_words(train);
  if (words == 0) throw InputError("training data", "no words to train the tagger on");

  // Classes: every (UPOS, XPOS) pair of the training set, in sorted order.
  std::map<std::pair<std::string, std::string>, std::uint32_t> class_ids;
  LemmatizerTrainer lemmas;
  for (const ConlluSentence& s : train) {
    for (const ConlluWord& w : s.words) {
      class_ids.emplace(std::make_pair(w.upos, w.xpos), 0);
      lemmas.add(w.form, w.upos, w.lemma);
    }
  }
  if (class_ids.size() >= kEnd) throw InputError("training data", "too many tag classes");
  PosTagger base;
  for (auto& [pair, id] : class_ids) {
    id = static_cast<std::uint32_t>(base.upos_.size());
    base.upos_.push_back(pair.first);
    base.xpos_.push_back(pair.second);
  }
  base.lemmatizer_ = lemmas.build();
  base.finish_classes();
  if (options_.clusters != nullptr) base.clusters_ = *options_.clusters;
  const auto classes = static_cast<std::uint32_t>(base.classes());

  Corpus corpus;
  corpus.clusters = base.clusters_.empty() ? nullptr : &base.clusters_;
  std::vector<std::size_t> all;
  for (std::size_t s = 0; s < train.size(); ++s) {
    corpus.forms.emplace_back();
    corpus.gold.emplace_back();
    for (const ConlluWord& w : train[s].words) {
      corpus.forms.back().push_back(w.form);
      corpus.gold.back().push_back(class_ids.at({w.upos, w.xpos}));
    }
    if (!train[s].words.empty()) all.push_back(s);
  }

  const int iterations = std::max(1, options_.iterations);
  // Trains one pass, keeping the best dev iteration; `install` puts candidate weights into
  // a tagger for scoring. Returns the kept weights and their iteration.
  const auto train_pass = [&](int pass, const std::vector<std::size_t>& subset, int rounds,
                              bool report, auto install) {
    PassTrainer trainer(corpus, subset, pass, classes, options_.seed + static_cast<std::uint64_t>(pass));
    std::optional<FrozenWeights> best;
    int best_iteration = 0;
    double best_dev = -1;
    for (int it = 1; it <= rounds; ++it) {
      const auto start = Clock::now();
      TaggerIteration r;
      r.pass = pass + 1;
      r.iteration = it;
      r.iterations = rounds;
      r.train_accuracy = trainer.iteration();
      r.words = trainer.words();
      FrozenWeights candidate = trainer.freeze(options_.prune);
      r.features = candidate.features();
      if (report && !dev.empty()) {
        PosTagger scored = base;
        install(scored, candidate);
        r.has_dev = true;
        r.dev = evaluate(scored, dev);
        r.best = r.dev.upos_accuracy() > best_dev;
      } else {
        r.best = true;
      }
      if (r.best) {
        best_dev = r.has_dev ? r.dev.upos_accuracy() : 0;
        best_iteration = it;
        best = std::move(candidate);
      }
      r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
      if (report && options_.progress) options_.progress(r);
    }
    return std::make_pair(std::move(*best), best_iteration);
  };

  const auto install = [&](PosTagger& t, FrozenWeights w, int passes) {
    if (options_.quantize) w.quantize();
    t.weights_ = std::move(w);
    t.passes_ = static_cast<std::uint8_t>(passes);
  };
  auto [first, first_iteration] = train_pass(
      0, all, iterations, true, [&](PosTagger& t, const FrozenWeights& w) { install(t, w, 1); });
  install(base, first, 1);

  const int folds = std::min<int>(options_.folds, static_cast<int>(all.size()));
  int second_iteration = 0;
  if (options_.two_pass && folds >= 2) {
    // Jackknife: each fold's first-pass classes come from a first pass trained without it.
    corpus.first.resize(train.size());
    PosTagger::Workspace workspace;
    Buffers& b = *workspace.impl_;
    b.clusters = corpus.clusters;
    for (int k = 0; k < folds; ++k) {
      const auto start = Clock::now();
      std::vector<std::size_t> rest, held;
      for (std::size_t i = 0; i < all.size(); ++i)
        (static_cast<int>(i % static_cast<std::size_t>(folds)) == k ? held : rest).push_back(all[i]);
      const FrozenWeights fold = train_pass(0, rest, first_iteration, false,
                                            [](PosTagger&, const FrozenWeights&) {}).first;
      std::size_t right = 0, total = 0;
      for (const std::size_t s : held) {
        prepare(corpus.forms[s], b);
        tag_prepared(fold, 1, classes, b, corpus.forms[s].size());
        corpus.first[s] = b.classes;
        for (std::size_t i = 0; i < corpus.first[s].size(); ++i) right += corpus.first[s][i] == corpus.gold[s][i];
        total += corpus.first[s].size();
      }
      if (options_.message) {
        options_.message("jackknife fold " + std::to_string(k + 1) + "/" + std::to_string(folds) +
                         ": first pass on the held-out " + std::to_string(total) + " words " +
                         percent(total ? double(right) / double(total) : 0) + "%, " +
                         number(std::chrono::duration<double>(Clock::now() - start).count()) + " s");
      }
    }
    auto [second, it2] = train_pass(1, all, iterations, true, [&](PosTagger& t, const FrozenWeights& w) {
      install(t, FrozenWeights::concat(first, w), 2);
    });
    install(base, FrozenWeights::concat(first, second), 2);
    second_iteration = it2;
  }

  base.description_ = "tagger: " + std::to_string(train.size()) + " sentences, " +
                      std::to_string(words) + " words, " + std::to_string(classes) +
                      " classes; " + std::to_string(base.passes()) + " pass(es), iterations " +
                      std::to_string(first_iteration);
  if (base.passes() == 2) base.description_ += "+" + std::to_string(second_iteration);
  base.description_ += " of " + std::to_string(iterations) + ", seed " +
                       std::to_string(options_.seed) + ", prune " + number(options_.prune);
  if (!base.clusters_.empty()) base.description_ += "; " + base.clusters_.description();
  if (!dev.empty()) {
    const TaggerScores s = evaluate(base, dev);
    base.description_ += "; dev UPOS " + percent(s.upos_accuracy()) + " XPOS " +
                         percent(s.xpos_accuracy()) + " Lemma " + percent(s.lemma_accuracy());
  }
  return base;
}

}  // namespace kg::extract
