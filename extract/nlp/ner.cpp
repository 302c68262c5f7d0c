#include "extract/nlp/ner.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <unordered_map>

#include "extract/nlp/lemmatizer.h"
#include "extract/nlp/lexicon.h"
#include "extract/text/error.h"
#include "extract/text/text_util.h"

namespace kg::extract {

// ---------------------------------------------------------------------------------------
// Readers.

namespace {

[[noreturn]] void input_fail(const std::string& name, std::uint64_t line, const std::string& reason) {
  throw InputError(name + ":" + std::to_string(line), reason);
}

// Collects the words and IOB tags of one sentence and decodes the entities (conlleval rules).
class SentenceBuilder {
 public:
  // `type` empty means O (also for types the format drops).
  void add(std::string word, char prefix, std::string type, std::uint64_t line) {
    if (s_.words.empty()) s_.line = line;
    const auto index = static_cast<std::uint32_t>(s_.words.size());
    s_.words.push_back(std::move(word));
    if (type.empty()) {
      close(index);
      return;
    }
    if (prefix == 'B' || !open_ || type != open_type_) {
      close(index);
      open_ = true;
      open_first_ = index;
      open_type_ = std::move(type);
    }
  }
  bool empty() const { return s_.words.empty(); }
  NerSentence take() {
    close(static_cast<std::uint32_t>(s_.words.size()));
    NerSentence out = std::move(s_);
    s_ = NerSentence{};
    return out;
  }

 private:
  void close(std::uint32_t end) {
    if (open_) s_.entities.push_back({open_first_, end, open_type_});
    open_ = false;
  }
  NerSentence s_;
  bool open_ = false;
  std::uint32_t open_first_ = 0;
  std::string open_type_;
};

// Splits an IOB tag: 'O' with empty type, or 'B'/'I' with the type. Throws for others.
std::pair<char, std::string_view> split_tag(std::string_view tag, const std::string& name,
                                            std::uint64_t line) {
  if (tag == "O") return {'O', {}};
  if (tag.size() > 2 && (tag[0] == 'B' || tag[0] == 'I') && tag[1] == '-') return {tag[0], tag.substr(2)};
  input_fail(name, line, "bad entity tag '" + std::string(tag) + "' (expected O, B-TYPE or I-TYPE)");
}

std::vector<std::string_view> split_fields(std::string_view line, bool tabs) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i <= line.size()) {
    if (!tabs) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
      if (i >= line.size()) break;
    }
    std::size_t j = i;
    while (j < line.size() && !(tabs ? line[j] == '\t' : (line[j] == ' ' || line[j] == '\t'))) ++j;
    out.push_back(line.substr(i, j - i));
    i = j + 1;
    if (!tabs && j >= line.size()) break;
  }
  return out;
}

bool blank(std::string_view line) {
  return std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t'; });
}

// Calls f(line, number) for every line, without "\r\n" / "\n".
template <typename F>
void for_each_line(std::string_view text, F&& f) {
  std::uint64_t number = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    f(line, ++number);
    pos = end + 1;
  }
}

class DocumentBuilder {
 public:
  explicit DocumentBuilder(std::string name) : name_(std::move(name)) {}
  SentenceBuilder& sentence() { return sentence_; }
  void end_sentence() {
    if (sentence_.empty()) return;
    if (docs_.empty()) docs_.push_back(NerDocument{name_ + "#1", {}});
    docs_.back().sentences.push_back(sentence_.take());
  }
  void new_document(std::string id) {
    end_sentence();
    if (!docs_.empty() && docs_.back().sentences.empty()) docs_.pop_back();
    if (id.empty()) id = name_ + "#" + std::to_string(docs_.size() + 1);
    docs_.push_back(NerDocument{std::move(id), {}});
  }
  std::size_t sentences_in_document() const { return docs_.empty() ? 0 : docs_.back().sentences.size(); }
  std::vector<NerDocument> finish() {
    end_sentence();
    if (!docs_.empty() && docs_.back().sentences.empty()) docs_.pop_back();
    return std::move(docs_);
  }

 private:
  std::string name_;
  SentenceBuilder sentence_;
  std::vector<NerDocument> docs_;
};

std::vector<NerDocument> parse_conll03(std::string_view text, const std::string& name) {
  DocumentBuilder b(name);
  for_each_line(text, [&](std::string_view line, std::uint64_t number) {
    if (blank(line)) {
      b.end_sentence();
      return;
    }
    const auto fields = split_fields(line, false);
    if (fields[0] == "-DOCSTART-") {
      b.new_document("");
      return;
    }
    if (fields.size() < 2) input_fail(name, number, "expected 'word ... TAG', got '" + std::string(line) + "'");
    const auto [prefix, type] = split_tag(fields.back(), name, number);
    b.sentence().add(std::string(fields[0]), prefix, std::string(type), number);
  });
  return b.finish();
}

std::vector<NerDocument> parse_iob2(std::string_view text, const std::string& name) {
  DocumentBuilder b(name);
  for_each_line(text, [&](std::string_view line, std::uint64_t number) {
    if (blank(line)) {
      b.end_sentence();
      return;
    }
    if (line[0] == '#') {
      constexpr std::string_view kNewdoc = "# newdoc id";
      if (line.starts_with(kNewdoc)) {
        std::string_view id = line.substr(kNewdoc.size());
        while (!id.empty() && (id[0] == ' ' || id[0] == '=')) id.remove_prefix(1);
        b.new_document(std::string(id));
      }
      return;
    }
    const auto fields = split_fields(line, true);
    if (fields.size() < 3)
      input_fail(name, number, "expected tab-separated 'ID FORM TAG ...', got '" + std::string(line) + "'");
    if (fields[0].find_first_of("-.") != std::string_view::npos) return;  // ranges, empty nodes
    if (fields[1].empty()) input_fail(name, number, "empty word form");
    auto [prefix, type] = split_tag(fields[2], name, number);
    std::string t(type);
    if (t == "OTH") t = "MISC";
    b.sentence().add(std::string(fields[1]), prefix, std::move(t), number);
  });
  return b.finish();
}

// Windows-1252 to UTF-8 (0x81, 0x8D, 0x8F, 0x90, 0x9D are undefined: U+FFFD).
std::string cp1252_to_utf8(std::string_view in) {
  static constexpr std::array<char16_t, 32> k80{
      0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
  std::string out;
  out.reserve(in.size() + in.size() / 16);
  for (const char ch : in) {
    const auto b = static_cast<unsigned char>(ch);
    if (b < 0x80) {
      out.push_back(ch);
      continue;
    }
    const char32_t c = b < 0xA0 ? k80[b - 0x80] : b;
    if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xE0 | (c >> 12)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

// One CSV record's fields (RFC 4180 quoting, on one line).
bool split_csv(std::string_view line, std::vector<std::string>& out) {
  out.clear();
  std::size_t i = 0;
  while (true) {
    std::string field;
    if (i < line.size() && line[i] == '"') {
      ++i;
      while (true) {
        if (i >= line.size()) return false;  // unterminated quote
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            field.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field.push_back(line[i++]);
      }
      if (i < line.size() && line[i] != ',') return false;
    } else {
      const std::size_t j = std::min(line.find(',', i), line.size());
      field.assign(line.substr(i, j - i));
      i = j;
    }
    out.push_back(std::move(field));
    if (i >= line.size()) return true;
    ++i;  // the comma
  }
}

std::string gmb_type(std::string_view t) {
  if (t == "per") return "PER";
  if (t == "org") return "ORG";
  if (t == "geo") return "LOC";
  if (t == "gpe") return "NORP";  // nationalities and demonyms: Iraqi, Palestinian, British
  return "";  // tim, art, eve, nat: dropped
}

std::vector<NerDocument> parse_gmb(std::string_view raw, const std::string& name) {
  const std::string text = cp1252_to_utf8(raw);
  DocumentBuilder b(name);
  std::vector<std::string> fields;
  bool header = true;
  bool in_sentence = false;
  for_each_line(text, [&](std::string_view line, std::uint64_t number) {
    if (header) {
      if (!line.starts_with("Sentence #,"))
        input_fail(name, number, "expected the header 'Sentence #,Word,POS,Tag'");
      header = false;
      return;
    }
    if (blank(line)) return;
    if (!split_csv(line, fields) || fields.size() != 4)
      input_fail(name, number, "expected 4 CSV fields 'Sentence #,Word,POS,Tag', got '" + std::string(line) + "'");
    if (!fields[0].empty()) {
      b.end_sentence();
      if (b.sentences_in_document() >= kGmbDocumentSentences) b.new_document("");
      in_sentence = true;
    } else if (!in_sentence) {
      input_fail(name, number, "a word before the first 'Sentence: N' row");
    }
    if (fields[1].empty()) input_fail(name, number, "empty word");
    const auto [prefix, type] = split_tag(fields[3], name, number);
    b.sentence().add(fields[1], prefix, gmb_type(type), number);
  });
  if (header) input_fail(name, 1, "empty file (expected the header 'Sentence #,Word,POS,Tag')");
  return b.finish();
}

}  // namespace

std::optional<NerFormat> ner_format_from_string(std::string_view name) {
  if (name == "conll03") return NerFormat::conll03;
  if (name == "conllu" || name == "iob2") return NerFormat::conllu;
  if (name == "gmb") return NerFormat::gmb;
  return std::nullopt;
}

std::string_view to_string(NerFormat format) {
  switch (format) {
    case NerFormat::conll03: return "conll03";
    case NerFormat::conllu: return "conllu";
    case NerFormat::gmb: return "gmb";
  }
  return "conll03";
}

std::vector<NerDocument> parse_ner(std::string_view text, const std::string& name, NerFormat format) {
  switch (format) {
    case NerFormat::conll03: return parse_conll03(text, name);
    case NerFormat::conllu: return parse_iob2(text, name);
    case NerFormat::gmb: return parse_gmb(text, name);
  }
  return {};
}

std::vector<NerDocument> read_ner(const std::filesystem::path& path, NerFormat format) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path.string(), "cannot open the file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw InputError(path.string(), "cannot read the file");
  return parse_ner(buffer.str(), path.string(), format);
}

std::size_t count_words(const std::vector<NerDocument>& documents) {
  std::size_t n = 0;
  for (const auto& d : documents)
    for (const auto& s : d.sentences) n += s.words.size();
  return n;
}
std::size_t count_sentences(const std::vector<NerDocument>& documents) {
  std::size_t n = 0;
  for (const auto& d : documents) n += d.sentences.size();
  return n;
}
std::size_t count_entities(const std::vector<NerDocument>& documents) {
  std::size_t n = 0;
  for (const auto& d : documents)
    for (const auto& s : d.sentences) n += s.entities.size();
  return n;
}

std::optional<EntityType> ner_entity_type(std::string_view type) {
  if (type == "PER" || type == "PERSON") return EntityType::Person;
  if (type == "ORG") return EntityType::Org;
  if (type == "GPE") return EntityType::Gpe;
  if (type == "LOC") return EntityType::Loc;
  if (type == "NORP") return EntityType::Norp;
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------
// Features.

namespace {

enum Template : std::uint32_t {
  // Static, both passes.
  kBias, kWord, kLower, kPrefix1, kPrefix2, kPrefix3, kPrefix4, kSuffix1, kSuffix2, kSuffix3,
  kSuffix4, kShape, kShortShape, kFlags, kInitial, kLowerM1, kLowerM2, kLowerP1, kLowerP2,
  kWordM1, kWordP1, kLowerM1Lower, kLowerLowerP1, kShapeM1, kShapeP1, kShape3, kGaz, kGazM1,
  kGazP1, kGiven, kGivenM1, kTitleM1, kTitleM2, kOrgHead, kOrgHeadP1, kOrgHeadP2, kCommon,
  kDocFlags, kDocFlagsShape, kCluster0, kCluster1, kCluster2, kCluster3, kClusterM1,
  kClusterP1, kClusterM1P1, kCapsSentence, kLowerM1LowerP1, kSuf3M1, kSuf3P1, kWordM1Word,
  // Dynamic, both passes.
  kPrev1, kPrev2, kPrev12, kPrev1Lower, kPrev1Shape,
  // Second pass.
  kFirst0, kFirstP1, kFirstP2, kFirst0P1, kVote, kVoteShape, kVoteFirst, kVoteM1, kVoteP1,
  kVoteVoteP1, kEarliest, kEarliestShape,
  kTemplateCount
};
constexpr std::array<std::string_view, kTemplateCount> kTemplateNames{
    "bias", "word", "lower", "prefix1", "prefix2", "prefix3", "prefix4", "suffix1", "suffix2",
    "suffix3", "suffix4", "shape", "short-shape", "flags", "initial", "lower-1", "lower-2",
    "lower+1", "lower+2", "word-1", "word+1", "lower-1+lower", "lower+lower+1", "shape-1",
    "shape+1", "shape-1+shape+shape+1", "gaz", "gaz-1", "gaz+1", "given", "given-1",
    "title-1", "title-2", "orghead", "orghead+1", "orghead+2", "common", "docflags",
    "docflags+shape", "cluster0", "cluster1", "cluster2", "cluster3", "cluster-1", "cluster+1",
    "cluster-1+cluster+1", "caps-sentence+lower", "lower-1+lower+1", "suffix3-1", "suffix3+1",
    "word-1+word", "prev1", "prev2", "prev12", "prev1+lower", "prev1+shape", "first",
    "first+1", "first+2", "first+first+1", "vote", "vote+shape", "vote+first", "vote-1",
    "vote+1", "vote+vote+1", "earliest", "earliest+shape"};
constexpr std::string_view kFeatureVersion = "kgbuild-ner-features-2";

constexpr int kPad = 2;
constexpr std::uint32_t kStart = 0xffff;   // the label before the first word
constexpr std::uint32_t kEnd = 0xfffe;     // the first-pass label after the last word
constexpr std::uint32_t kNoCluster = 0xffffffffu;
constexpr std::uint32_t kPadCluster = 0xfffffffeu;
constexpr std::size_t kAffixChars = 4;
constexpr std::size_t kMaxShapeChars = 12;
constexpr std::size_t kMaxTypes = 15;
constexpr std::size_t kClusterLevels = 4;  // cluster0..cluster3 templates


std::size_t cluster_levels(const WordClusters& c) { return std::min(c.levels(), kClusterLevels); }

enum Flag : std::uint8_t { kHasDigit = 1, kHasHyphen = 2, kHasUpper = 4, kHasLower = 8, kFirstUpper = 16, kHasPeriod = 32 };
enum LexFlag : std::uint8_t { kGivenName = 1, kTitleWord = 2, kOrgHeadWord = 4, kCommonWord = 8 };
enum DocFlag : std::uint8_t { kLowerElsewhere = 1, kCapitalElsewhere = 2 };

struct Pieces {
  std::uint64_t word = 0, lower = 0, shape = 0, short_shape = 0;
  std::array<std::uint64_t, kAffixChars> prefix{}, suffix{};
  std::array<std::uint32_t, 4> cluster{};
  std::uint32_t gaz = 0;
  std::uint8_t flags = 0, lex = 0, doc = 0;
};

Pieces sentinel(std::string_view name) {
  Pieces p;
  p.word = p.lower = p.shape = p.short_shape = piece_hash(name);
  p.prefix.fill(p.word);
  p.suffix.fill(p.word);
  p.cluster.fill(kPadCluster);
  p.gaz = 0xffff;
  p.lex = 0x80;
  return p;
}
const Pieces kBefore = sentinel("<s>");
const Pieces kAfter = sentinel("</s>");

inline std::size_t sequence_length(unsigned char b) {
  if (b < 0xC0) return 1;
  if (b < 0xE0) return 2;
  if (b < 0xF0) return 3;
  return 4;
}

void compute_pieces(std::string_view form, std::string_view lower, Pieces& p) {
  p.word = piece_hash(form);
  p.lower = piece_hash(lower);
  std::uint64_t h = fnv1a64("");
  std::size_t pos = 0;
  for (std::size_t k = 0; k < kAffixChars; ++k) {
    if (pos < lower.size()) {
      const std::size_t len = std::min(sequence_length(static_cast<unsigned char>(lower[pos])), lower.size() - pos);
      h = fnv1a64(lower.substr(pos, len), h);
      pos += len;
    }
    p.prefix[k] = h;
  }
  std::size_t start = lower.size();
  for (std::size_t k = 0; k < kAffixChars; ++k) {
    if (start > 0) {
      --start;
      while (start > 0 && (static_cast<unsigned char>(lower[start]) & 0xC0) == 0x80) --start;
    }
    p.suffix[k] = piece_hash(lower.substr(start));
  }
  std::uint8_t flags = 0;
  std::uint64_t shape = fnv1a64(""), short_shape = fnv1a64("");
  char last = 0;
  std::size_t shape_chars = 0;
  for (std::size_t i = 0; i < form.size();) {
    const auto b = static_cast<unsigned char>(form[i]);
    char cls;
    std::size_t len = 1;
    if (b < 0x80) {
      if (b >= 'A' && b <= 'Z') cls = 'X';
      else if (b >= 'a' && b <= 'z') cls = 'x';
      else if (b >= '0' && b <= '9') cls = 'd';
      else cls = static_cast<char>(b);
    } else {
      len = std::min(sequence_length(b), form.size() - i);
      const char32_t c = first_code_point(form.substr(i, len));
      cls = is_letter_code_point(c) ? (is_upper_code_point(c) ? 'X' : 'x') : 'o';
    }
    if (i == 0 && cls == 'X') flags |= kFirstUpper;
    if (cls == 'X') flags |= kHasUpper;
    if (cls == 'x') flags |= kHasLower;
    if (cls == 'd') flags |= kHasDigit;
    if (cls == '-') flags |= kHasHyphen;
    if (cls == '.') flags |= kHasPeriod;
    if (shape_chars < kMaxShapeChars) {
      shape = fnv1a64(std::string_view(&cls, 1), shape);
      ++shape_chars;
    }
    if (cls != last) {
      short_shape = fnv1a64(std::string_view(&cls, 1), short_shape);
      last = cls;
    }
    i += len;
  }
  p.shape = shape;
  p.short_shape = short_shape;
  p.flags = flags;
}

// Reusable buffers of one recognising or training thread: one document at a time.
//
// What is kept per word of the document is small (about 30 bytes, and the second pass's
// static scores): the pieces of each distinct form are computed once (vocab), and the
// padded pieces the features read, like the rows of static scores, exist only for a block
// of sentences at a time (load_block).
struct Buffers {
  std::vector<std::string_view> forms;  // every word of the document
  std::vector<std::uint32_t> starts;    // sentence s is forms[starts[s], starts[s+1])
  std::string lower;                    // the lower-case form being prepared
  // Each distinct form of the document once: its pieces (gaz 0, doc set once the whole
  // document is read), with what the Lexicon gives it alone.
  std::vector<Pieces> vocab;
  struct VocabLex {
    std::uint32_t single = 0, long_start = 0;  // LexInfo::single, LexInfo::long_start
  };
  std::vector<VocabLex> vocab_lex;
  std::unordered_map<std::string_view, std::uint32_t> vocab_index;  // form -> vocab index
  std::vector<std::uint32_t> ids;       // per word: its form's vocab index
  std::vector<std::uint32_t> gaz;       // per word: Pieces::gaz (gazetteer position and type)
  // The loaded block, sentences [block_first, block_last): per sentence kPad sentinels, the
  // words' pieces, kPad sentinels.
  std::vector<Pieces> pieces;
  std::size_t block_first = 0, block_last = 0;
  std::vector<float> second;            // per word: the second pass's static scores (classes of pass 2)
  std::vector<std::uint32_t> first;     // first-pass labels (per word)
  std::vector<std::uint32_t> labels;    // the result (per word)
  std::vector<std::uint16_t> votes;     // per word, second pass
  std::vector<std::uint16_t> earliest;  // per word, second pass: first-pass type at the word's first occurrence
  std::vector<std::uint8_t> caps;       // per sentence: no lower-case letter anywhere
  FeatureSet features;
  std::vector<std::uint32_t> owners;
  FeatureSet dynamic;
  std::vector<float> matrix;            // static scores of the loaded block (words x weight classes)
  std::vector<float> scores;
  std::string phrase;
  // What the Lexicon says about a word form (by piece hash), cached across documents.
  struct LexInfo {
    std::uint8_t lex = 0;         // LexFlag bits
    std::uint32_t long_start = 0;  // starts a gazetteer name of 2+ words: at most this many words
    std::uint32_t single = 0;     // gazetteer type code of the word alone (0: none)
  };
  std::unordered_map<std::uint64_t, LexInfo> lex_cache;
  std::vector<std::uint32_t> single;     // per word of the sentence being prepared
  std::vector<std::uint32_t> long_start;
  std::vector<std::uint32_t> own;        // per word, compute_votes: the count slot it added to
  std::unordered_map<std::uint64_t, std::uint8_t> doc_flags;
  std::unordered_map<std::uint64_t, std::uint32_t> vote_index;
  std::vector<std::uint32_t> vote_counts;
  std::vector<std::string_view> sentence_views;

  std::size_t sentences() const { return starts.empty() ? 0 : starts.size() - 1; }
  std::size_t words() const { return forms.size(); }
  // Index into pieces of word k of sentence s (a sentence of the loaded block).
  std::size_t padded(std::size_t s, std::size_t k) const {
    return starts[s] - starts[block_first] + 2 * kPad * (s - block_first) + kPad + k;
  }
  // Index into matrix rows of word i of the document (a word of the loaded block).
  std::size_t row(std::size_t i) const { return i - starts[block_first]; }
};

// v.size() == n, every element `value`; a vector that must grow is allocated at exactly n
// (resize would double it), since these buffers grow with the document.
template <typename T>
void assign_exact(std::vector<T>& v, std::size_t n, const T& value) {
  if (n > v.capacity()) std::vector<T>().swap(v);
  v.assign(n, value);
}

// Marks the gazetteer matches of sentence s (longest match first, left to right).
std::uint32_t gazetteer_type(const NameEntry& entry) {
  return static_cast<std::uint32_t>(entry.type) + 1 + (entry.kind == NameKind::Demonym ? 8 : 0);
}

const Buffers::LexInfo& lex_info(Buffers& b, const Lexicon& lex, std::string_view form, std::string_view lower,
                                 const Pieces& q) {
  if (b.lex_cache.size() > (1u << 20)) b.lex_cache.clear();  // bounded memory on endless input
  const auto [it, inserted] = b.lex_cache.try_emplace(q.word);
  Buffers::LexInfo& info = it->second;
  if (!inserted) return info;
  std::uint8_t lx = 0;
  if (q.flags & kFirstUpper) {
    if (lex.is_given_name(form)) lx |= kGivenName;
    if (lex.org_head(form)) lx |= kOrgHeadWord;
  }
  if (lex.title(form) || lex.title(lower)) lx |= kTitleWord;
  if (lex.is_common_word(lower)) lx |= kCommonWord;
  info.lex = lx;
  if (starts_upper(form)) {
    // Longer phrases than the longest name starting with this word cannot match.
    if (lex.starts_long_name(form)) info.long_start = static_cast<std::uint32_t>(lex.long_name_tokens(lower));
    if (const NameEntry* e = lex.name(form)) info.single = gazetteer_type(*e);
  }
  return info;
}

// Marks the gazetteer matches of sentence s (longest match first, left to right).
void mark_gazetteer(Buffers& b, std::size_t s, const Lexicon& lex, const std::vector<std::uint32_t>& single,
                    const std::vector<std::uint32_t>& long_start) {
  const std::size_t n = b.starts[s + 1] - b.starts[s];
  const std::string_view* w = b.forms.data() + b.starts[s];
  std::uint32_t* gaz = b.gaz.data() + b.starts[s];
  for (std::size_t i = 0; i < n;) {
    std::size_t matched = 0;
    std::uint32_t type = 0;
    if (long_start[i]) {
      // long_start[i] (Lexicon::long_name_tokens) never exceeds the lexicon's longest name.
      for (std::size_t len = std::min<std::size_t>(n - i, long_start[i]); len >= 2 && !type; --len) {
        b.phrase.assign(w[i]);
        for (std::size_t k = 1; k < len; ++k) {
          b.phrase.push_back(' ');
          b.phrase.append(w[i + k]);
        }
        if (const NameEntry* e = lex.name(b.phrase)) {
          type = gazetteer_type(*e);
          matched = len;
        }
      }
    }
    if (!type && single[i]) {
      type = single[i];
      matched = 1;
    }
    if (!type) {
      ++i;
      continue;
    }
    for (std::size_t k = 0; k < matched; ++k) {
      const std::uint32_t pos = matched == 1 ? 3 : k == 0 ? 0 : k + 1 == matched ? 2 : 1;
      gaz[i + k] = type * 4 + pos + 1;
    }
    i += matched;
  }
}

// Fills b.vocab, b.ids, b.gaz, b.caps and the document flags for the words in b.forms /
// b.starts (load_block then gives the padded pieces of a block of sentences).
void prepare(Buffers& b, const WordClusters& clusters) {
  const Lexicon& lex = Lexicon::builtin();
  const std::size_t words = b.words(), sentences = b.sentences();
  b.vocab.clear();
  b.vocab_lex.clear();
  b.vocab_index.clear();
  assign_exact(b.ids, words, 0u);
  assign_exact(b.gaz, words, 0u);
  b.doc_flags.clear();
  b.caps.assign(sentences, 0);
  b.pieces.clear();
  b.block_first = b.block_last = 0;
  const std::size_t levels = cluster_levels(clusters);
  for (std::size_t s = 0; s < sentences; ++s) {
    const std::size_t n = b.starts[s + 1] - b.starts[s];
    if (b.single.size() < n) {
      b.single.resize(n);
      b.long_start.resize(n);
    }
    bool lower_seen = false;
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t i = b.starts[s] + k;
      const std::string_view form = b.forms[i];
      const auto [it, inserted] = b.vocab_index.try_emplace(form, static_cast<std::uint32_t>(b.vocab.size()));
      if (inserted) {
        to_lower_into(form, b.lower);
        Pieces q;
        compute_pieces(form, b.lower, q);
        q.gaz = 0;
        q.doc = 0;
        const Buffers::LexInfo& info = lex_info(b, lex, form, b.lower, q);
        q.lex = info.lex;
        q.cluster.fill(kNoCluster);
        if (levels) {
          const std::span<const std::uint16_t> ids = clusters.lookup(form);
          for (std::size_t l = 0; l < levels; ++l) q.cluster[l] = ids[l];
        }
        b.vocab.push_back(q);
        b.vocab_lex.push_back({info.single, info.long_start});
      }
      const std::uint32_t id = it->second;
      b.ids[i] = id;
      const Pieces& q = b.vocab[id];
      b.single[k] = b.vocab_lex[id].single;
      b.long_start[k] = b.vocab_lex[id].long_start;
      // Document flags: how the word is written elsewhere.
      std::uint8_t seen = 0;
      if ((q.flags & (kHasUpper | kHasLower)) == kHasLower) seen = kLowerElsewhere;
      else if ((q.flags & kFirstUpper) && (q.flags & kHasLower) && k > 0) seen = kCapitalElsewhere;
      if (seen) b.doc_flags[q.lower] |= seen;
      lower_seen = lower_seen || (q.flags & kHasLower);
    }
    mark_gazetteer(b, s, lex, b.single, b.long_start);
    b.caps[s] = n > 1 && !lower_seen;
  }
  if (!b.doc_flags.empty()) {
    for (Pieces& q : b.vocab) {
      if (!(q.flags & kHasUpper)) continue;
      const auto it = b.doc_flags.find(q.lower);
      if (it != b.doc_flags.end()) q.doc = it->second;
    }
  }
  assign_exact(b.first, words, 0u);
  assign_exact(b.labels, words, 0u);
  assign_exact(b.votes, words, std::uint16_t{0});
  assign_exact(b.earliest, words, std::uint16_t{0});
}

// Loads the padded pieces of sentences [first, last) of the prepared document.
void load_block(Buffers& b, std::size_t first, std::size_t last) {
  b.block_first = first;
  b.block_last = last;
  b.pieces.resize(b.starts[last] - b.starts[first] + 2 * kPad * (last - first));
  for (std::size_t s = first; s < last; ++s) {
    const std::size_t n = b.starts[s + 1] - b.starts[s];
    Pieces* p = b.pieces.data() + b.padded(s, 0);
    for (int k = 0; k < kPad; ++k) {
      p[-1 - k] = kBefore;
      p[n + static_cast<std::size_t>(k)] = kAfter;
    }
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t i = b.starts[s] + k;
      p[k] = b.vocab[b.ids[i]];
      p[k].gaz = b.gaz[i];
    }
  }
}

// Static features of word k of sentence s (both passes).
void shared_features(const Buffers& b, std::size_t s, std::size_t k, std::size_t levels, FeatureSet& f) {
  const Pieces* w = &b.pieces[b.padded(s, k)];
  const Pieces& m1 = w[-1];
  const Pieces& m2 = w[-2];
  const Pieces& n1 = w[1];
  const Pieces& n2 = w[2];
  f.add(kBias, 0);
  f.add(kWord, w->word);
  f.add(kLower, w->lower);
  for (std::uint32_t a = 0; a < kAffixChars; ++a) {
    f.add(kPrefix1 + a, w->prefix[a]);
    f.add(kSuffix1 + a, w->suffix[a]);
  }
  f.add(kShape, w->shape);
  f.add(kShortShape, w->short_shape);
  f.add(kFlags, w->flags);
  if (k == 0) f.add(kInitial, w->flags);
  f.add(kLowerM1, m1.lower);
  f.add(kLowerM2, m2.lower);
  f.add(kLowerP1, n1.lower);
  f.add(kLowerP2, n2.lower);
  f.add(kWordM1, m1.word);
  f.add(kWordP1, n1.word);
  f.add(kLowerM1Lower, m1.lower, w->lower);
  f.add(kLowerLowerP1, w->lower, n1.lower);
  f.add(kShapeM1, m1.short_shape);
  f.add(kShapeP1, n1.short_shape);
  f.add(kShape3, mix64(m1.short_shape) ^ w->short_shape, n1.short_shape);
  f.add(kGaz, w->gaz);
  f.add(kGazM1, m1.gaz);
  f.add(kGazP1, n1.gaz);
  if (w->lex & kGivenName) f.add(kGiven, 1);
  if (m1.lex & kGivenName) f.add(kGivenM1, 1);
  if (m1.lex & kTitleWord) f.add(kTitleM1, 1);
  if (m2.lex & kTitleWord) f.add(kTitleM2, 1);
  if (w->lex & kOrgHeadWord) f.add(kOrgHead, 1);
  if (n1.lex & kOrgHeadWord) f.add(kOrgHeadP1, 1);
  if (n2.lex & kOrgHeadWord) f.add(kOrgHeadP2, 1);
  if (w->lex & kCommonWord) f.add(kCommon, w->flags & (kFirstUpper | kHasLower));
  if (w->doc) {
    f.add(kDocFlags, w->doc);
    f.add(kDocFlagsShape, w->doc, w->short_shape);
  }
  if (levels) {
    for (std::uint32_t l = 0; l < levels; ++l) f.add(kCluster0 + l, w->cluster[l]);
    const std::size_t mid = levels > 1 ? 1 : 0;
    f.add(kClusterM1, m1.cluster[mid]);
    f.add(kClusterP1, n1.cluster[mid]);
    f.add(kClusterM1P1, m1.cluster[0], n1.cluster[0]);
  }
  if (b.caps[s]) f.add(kCapsSentence, w->lower);
  f.add(kLowerM1LowerP1, m1.lower, n1.lower);
  f.add(kSuf3M1, m1.suffix[2]);
  f.add(kSuf3P1, n1.suffix[2]);
  f.add(kWordM1Word, m1.word, w->word);
}

std::uint32_t first_at(const Buffers& b, std::size_t s, std::size_t k) {
  const std::size_t i = b.starts[s] + k;
  return i < b.starts[s + 1] ? b.first[i] : kEnd;
}

void second_features(const Buffers& b, std::size_t s, std::size_t k, FeatureSet& f) {
  const std::size_t i = b.starts[s] + k, n = b.starts[s + 1] - b.starts[s];
  const std::uint32_t a0 = b.first[i], a1 = first_at(b, s, k + 1), a2 = first_at(b, s, k + 2);
  const Pieces& w = b.pieces[b.padded(s, k)];
  f.add(kFirst0, a0);
  f.add(kFirstP1, a1);
  f.add(kFirstP2, a2);
  f.add(kFirst0P1, a0, a1);
  const std::uint32_t v = b.votes[i];
  f.add(kVote, v);
  f.add(kVoteShape, v, w.short_shape);
  f.add(kVoteFirst, v, a0);
  f.add(kVoteM1, k > 0 ? b.votes[i - 1] : 0xffffu);
  const std::uint32_t vp1 = k + 1 < n ? b.votes[i + 1] : 0xffffu;
  f.add(kVoteP1, vp1);
  f.add(kVoteVoteP1, v, vp1);
  f.add(kEarliest, b.earliest[i]);
  f.add(kEarliestShape, b.earliest[i], w.short_shape);
}

void dynamic_features(const Buffers& b, std::size_t s, std::size_t k, std::uint32_t p1, std::uint32_t p2,
                      FeatureSet& f) {
  const Pieces& w = b.pieces[b.padded(s, k)];
  f.add(kPrev1, p1);
  f.add(kPrev2, p2);
  f.add(kPrev12, p1, p2);
  f.add(kPrev1Lower, p1, w.lower);
  f.add(kPrev1Shape, p1, w.short_shape);
}

// BILOU labels: 0 is O; 1 + 4t + {0 B, 1 I, 2 L, 3 U} for type t.
inline std::uint32_t label_type(std::uint32_t c) { return (c - 1) / 4; }
inline std::uint32_t label_pos(std::uint32_t c) { return (c - 1) % 4; }
inline bool inside(std::uint32_t c) { return c != 0 && c != kStart && label_pos(c) <= 1; }  // B or I

// Whether label c may follow `prev` (and, at the last word, end the sentence).
inline bool allowed(std::uint32_t prev, std::uint32_t c, bool last) {
  if (inside(prev)) {
    if (c == 0 || label_type(c) != label_type(prev)) return false;
    const std::uint32_t pos = label_pos(c);
    return last ? pos == 2 : (pos == 1 || pos == 2);
  }
  if (c == 0) return true;
  const std::uint32_t pos = label_pos(c);
  return last ? pos == 3 : (pos == 0 || pos == 3);
}

std::uint32_t constrained_argmax(std::span<const float> scores, std::uint32_t prev, bool last) {
  std::uint32_t best = 0;
  float best_score = 0;
  bool found = false;
  for (std::uint32_t c = 0; c < scores.size(); ++c) {
    if (!allowed(prev, c, last)) continue;
    if (!found || scores[c] > best_score) {
      best = c;
      best_score = scores[c];
      found = true;
    }
  }
  return best;
}

// The entities of sentence s from labels (tolerant of invalid sequences).
template <typename F>
void decode_entities(const std::uint32_t* labels, std::size_t n, F&& emit) {
  std::size_t start = 0;
  bool open = false;
  std::uint32_t type = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const std::uint32_t c = labels[k];
    if (c == 0) {
      if (open) emit(start, k, type);
      open = false;
      continue;
    }
    const std::uint32_t t = label_type(c), pos = label_pos(c);
    const bool continues = open && t == type && (pos == 1 || pos == 2);
    if (!continues) {
      if (open) emit(start, k, type);
      open = true;
      start = k;
      type = t;
    }
    if (pos == 2 || pos == 3) {
      emit(start, k + 1, type);
      open = false;
    }
  }
  if (open) emit(start, n, type);
}

// Document votes: for every capitalised word, the first-pass types of its other
// occurrences in the document. Code 0: no other occurrence; else 1 + 2 m + mixed, m the
// majority (type index, or the type count for "capitalised, outside entities").
void compute_votes(Buffers& b, std::uint32_t types) {
  const std::size_t width = types + 1;
  b.vote_index.clear();
  b.vote_counts.clear();
  const std::size_t words = b.words();
  std::vector<std::uint32_t>& own = b.own;  // the count slot each word added to
  assign_exact(own, words, 0xffffffffu);
  std::vector<std::uint32_t> earliest_type;
  std::vector<std::size_t> earliest_at;
  std::fill(b.earliest.begin(), b.earliest.end(), 0);
  for (std::size_t s = 0; s < b.sentences(); ++s) {
    const std::size_t n = b.starts[s + 1] - b.starts[s];
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t i = b.starts[s] + k;
      const Pieces& p = b.vocab[b.ids[i]];
      if (!(p.flags & kHasUpper)) continue;
      auto [it, inserted] = b.vote_index.try_emplace(p.lower, static_cast<std::uint32_t>(b.vote_counts.size()));
      if (inserted) b.vote_counts.resize(b.vote_counts.size() + width, 0);
      const std::uint32_t t = b.first[i] == 0 ? types : label_type(b.first[i]);
      own[i] = it->second + t;
      ++b.vote_counts[own[i]];
      if (inserted) {
        earliest_type.push_back(t);
        earliest_at.push_back(i);
      }
      const std::uint32_t slot = it->second / static_cast<std::uint32_t>(width);
      b.earliest[i] = earliest_at[slot] == i ? 0 : static_cast<std::uint16_t>(1 + earliest_type[slot]);
    }
  }
  for (std::size_t i = 0; i < words; ++i) {
    b.votes[i] = 0;
    if (own[i] == 0xffffffffu) continue;
    const std::uint32_t base = own[i] - own[i] % static_cast<std::uint32_t>(width) ;
    // own[i] = slot + t, slot a multiple of width.
    std::uint32_t total = 0, best = 0, best_count = 0;
    for (std::uint32_t t = 0; t < width; ++t) {
      std::uint32_t c = b.vote_counts[base + t] - (base + t == own[i] ? 1 : 0);
      total += c;
      if (c > best_count) {
        best_count = c;
        best = t;
      }
    }
    if (total == 0) continue;
    b.votes[i] = static_cast<std::uint16_t>(1 + 2 * best + (best_count == total ? 0 : 1));
  }
}

// Batched static scores into b.matrix (a row of width per word of the loaded block) for
// classes [lo, hi). The features are scored in batches of about kScoreBatch (each word's
// features in one batch, in order, so every row sums in the same order as in one batch):
// the batches overlap the table lookups as well as one would.
constexpr std::size_t kScoreBatch = std::size_t{1} << 16;
// Sentences are scored in blocks of about this many words (at least one sentence): the
// rows of a block stay in the caches, and no buffer grows with the document but those of
// a few bytes a word and the second pass's scores.
constexpr std::size_t kBlockWords = 1024;

template <typename Add>
void score_words(const FrozenWeights& weights, Buffers& b, std::uint32_t lo, std::uint32_t hi, Add add) {
  b.features.clear();
  b.owners.clear();
  const auto flush = [&] {
    weights.add_scores(b.features.hashes(), b.owners, b.matrix, lo, hi);
    b.features.clear();
    b.owners.clear();
  };
  for (std::size_t s = b.block_first; s < b.block_last; ++s) {
    const std::size_t n = b.starts[s + 1] - b.starts[s];
    for (std::size_t k = 0; k < n; ++k) {
      add(s, k, b.features);
      b.owners.resize(b.features.size(), static_cast<std::uint32_t>(b.row(b.starts[s] + k)));
      if (b.features.size() >= kScoreBatch) flush();
    }
  }
  flush();
}

// Labels the sentences of the loaded block from the rows of b.matrix, pass `pass`.
void greedy(const FrozenWeights& weights, int pass, std::uint32_t classes, Buffers& b,
            std::vector<std::uint32_t>& out) {
  const std::uint32_t width = weights.classes();
  const std::uint32_t lo = static_cast<std::uint32_t>(pass) * classes;
  for (std::size_t s = b.block_first; s < b.block_last; ++s) {
    const std::size_t n = b.starts[s + 1] - b.starts[s];
    std::uint32_t p1 = kStart, p2 = kStart;
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t i = b.starts[s] + k;
      const std::span<float> row(b.matrix.data() + b.row(i) * width, width);
      b.dynamic.clear();
      dynamic_features(b, s, k, p1, p2, b.dynamic);
      weights.add_scores(b.dynamic.hashes(), row, lo, lo + classes);
      const std::uint32_t c = constrained_argmax(row.subspan(lo, classes), p1, k + 1 == n);
      out[i] = c;
      p2 = p1;
      p1 = c;
    }
  }
}

// The end of the block of sentences that starts at sentence `first`.
std::size_t block_end(const Buffers& b, std::size_t first) {
  std::size_t last = first + 1;
  while (last < b.sentences() && b.starts[last + 1] - b.starts[first] <= kBlockWords) ++last;
  return last;
}

// Labels the prepared document in b (b.labels; b.first too with two passes), a block of
// sentences at a time. The rows sum what the whole document's matrix summed, in the same
// order: pass 1's static scores, then its dynamic ones; pass 2's static scores (kept in
// b.second between the passes), its second-pass features, then its dynamic ones.
void label_prepared(const FrozenWeights& weights, int passes, std::uint32_t types, std::size_t levels,
                    Buffers& b) {
  const std::uint32_t classes = 1 + 4 * types;
  const std::uint32_t width = weights.classes();
  const bool two = passes > 1;
  if (two) assign_exact(b.second, b.words() * classes, 0.0f);
  for (std::size_t first = 0; first < b.sentences();) {
    const std::size_t last = block_end(b, first);
    load_block(b, first, last);
    const std::size_t words = b.starts[last] - b.starts[first];
    b.matrix.assign(words * width, 0.0f);
    score_words(weights, b, 0, width,
                [&](std::size_t s, std::size_t k, FeatureSet& f) { shared_features(b, s, k, levels, f); });
    greedy(weights, 0, classes, b, two ? b.first : b.labels);
    if (two)
      for (std::size_t j = 0; j < words; ++j)
        std::copy_n(b.matrix.data() + j * width + classes, classes,
                    b.second.data() + (b.starts[first] + j) * classes);
    first = last;
  }
  if (!two) return;
  compute_votes(b, types);
  for (std::size_t first = 0; first < b.sentences();) {
    const std::size_t last = block_end(b, first);
    load_block(b, first, last);
    const std::size_t words = b.starts[last] - b.starts[first];
    b.matrix.resize(words * width);  // only the columns of pass 2 are read
    for (std::size_t j = 0; j < words; ++j)
      std::copy_n(b.second.data() + (b.starts[first] + j) * classes, classes,
                  b.matrix.data() + j * width + classes);
    score_words(weights, b, classes, 2 * classes,
                [&](std::size_t s, std::size_t k, FeatureSet& f) { second_features(b, s, k, f); });
    greedy(weights, 1, classes, b, b.labels);
    first = last;
  }
}

std::string fingerprint_text() {
  std::string s(kFeatureVersion);
  s += ":affix=" + std::to_string(kAffixChars) + ",shape=" + std::to_string(kMaxShapeChars) +
       ",pad=" + std::to_string(kPad) + ",labels=BILOU:";
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

template <typename Sentences>
void load_document(Buffers& b, const Sentences& sentences) {
  b.forms.clear();
  b.starts.clear();
  b.starts.push_back(0);
  for (const auto& sentence : sentences) {
    for (const auto& w : sentence) b.forms.emplace_back(w);
    b.starts.push_back(static_cast<std::uint32_t>(b.forms.size()));
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------
// NamedEntityRecognizer.

struct NamedEntityRecognizer::Workspace::Impl : Buffers {};

NamedEntityRecognizer::Workspace::Workspace() : impl_(std::make_unique<Impl>()) {}
NamedEntityRecognizer::Workspace::~Workspace() = default;
NamedEntityRecognizer::Workspace::Workspace(Workspace&&) noexcept = default;
NamedEntityRecognizer::Workspace& NamedEntityRecognizer::Workspace::operator=(Workspace&&) noexcept = default;

std::uint64_t NamedEntityRecognizer::fingerprint() {
  static const std::uint64_t value = fnv1a64(fingerprint_text());
  return value;
}

void NamedEntityRecognizer::finish_types() {
  entity_types_.clear();
  for (const std::string& t : types_) entity_types_.push_back(ner_entity_type(t));
}

NamedEntityRecognizer NamedEntityRecognizer::load(const std::filesystem::path& path) {
  return from_model(read_model_file(path, kKind, fingerprint()));
}

NamedEntityRecognizer NamedEntityRecognizer::from_model(const ModelFile& file) {
  BinaryReader in = file.payload();
  NamedEntityRecognizer r;
  r.description_ = in.string("description");
  const std::uint32_t types = in.u32("type count");
  if (types == 0 || types > kMaxTypes) in.fail("bad type count " + std::to_string(types));
  for (std::uint32_t t = 0; t < types; ++t) {
    r.types_.push_back(in.string("type name"));
    if (r.types_.back().empty()) in.fail("empty type name");
  }
  r.passes_ = in.u8("pass count");
  if (r.passes_ != 1 && r.passes_ != 2) in.fail("bad pass count " + std::to_string(r.passes_));
  r.clusters_ = WordClusters::read(in);
  r.weights_ = FrozenWeights::read(in);
  const std::uint32_t classes = 1 + 4 * types;
  if (r.weights_.classes() != classes * r.passes_)
    in.fail("weights are for " + std::to_string(r.weights_.classes()) + " classes, " +
            std::to_string(r.passes_) + " pass(es) of " + std::to_string(classes) + " need " +
            std::to_string(classes * r.passes_));
  in.expect_end("the ner model");
  r.finish_types();
  return r;
}

std::string NamedEntityRecognizer::payload() const {
  BinaryWriter w;
  w.string(description_);
  w.u32(static_cast<std::uint32_t>(types_.size()));
  for (const std::string& t : types_) w.string(t);
  w.u8(passes_);
  clusters_.write(w);
  weights_.write(w, true);
  return w.take();
}

void NamedEntityRecognizer::save(const std::filesystem::path& path) const {
  write_model_file(path, kKind, fingerprint(), payload());
}

void NamedEntityRecognizer::run(Workspace& workspace) const {
  Buffers& b = *workspace.impl_;
  prepare(b, clusters_);
  label_prepared(weights_, passes_, static_cast<std::uint32_t>(types_.size()), cluster_levels(clusters_), b);
}

std::vector<NerSpan> NamedEntityRecognizer::recognize(const Document& doc, Workspace& workspace) const {
  if (!doc.sentences.empty()) return recognize(doc, 0, doc.sentences.size(), workspace);
  Buffers& b = *workspace.impl_;
  b.forms.clear();
  b.starts.assign(1, 0);
  for (const Token& t : doc.tokens) b.forms.push_back(t.norm.empty() ? std::string_view(t.form) : std::string_view(t.norm));
  b.starts.push_back(static_cast<std::uint32_t>(b.forms.size()));
  std::vector<NerSpan> out;
  if (b.forms.empty()) return out;
  run(workspace);
  decode_entities(b.labels.data(), b.forms.size(), [&](std::size_t first, std::size_t last, std::uint32_t type) {
    if (!entity_types_[type]) return;
    out.push_back({0, static_cast<std::uint32_t>(first), static_cast<std::uint32_t>(last), *entity_types_[type]});
  });
  return out;
}

std::vector<NerSpan> NamedEntityRecognizer::recognize(const Document& doc, std::size_t first, std::size_t last,
                                                      Workspace& workspace) const {
  Buffers& b = *workspace.impl_;
  b.forms.clear();
  // Exactly the window's words: the buffers grow with it, not by doubling.
  std::size_t words = 0;
  for (std::size_t s = first; s < last; ++s) words += doc.sentences[s].last - doc.sentences[s].first;
  if (words > b.forms.capacity()) {
    std::vector<std::string_view>().swap(b.forms);
    b.forms.reserve(words);
  }
  b.starts.assign(1, 0);
  for (std::size_t s = first; s < last; ++s) {
    for (std::uint32_t k = doc.sentences[s].first; k < doc.sentences[s].last; ++k) {
      const Token& t = doc.tokens[k];
      b.forms.push_back(t.norm.empty() ? std::string_view(t.form) : std::string_view(t.norm));
    }
    b.starts.push_back(static_cast<std::uint32_t>(b.forms.size()));
  }
  std::vector<NerSpan> out;
  if (b.forms.empty()) return out;
  run(workspace);
  for (std::size_t s = 0; s < b.sentences(); ++s) {
    const std::uint32_t base = doc.sentences[first + s].first;
    decode_entities(b.labels.data() + b.starts[s], b.starts[s + 1] - b.starts[s],
                    [&](std::size_t from, std::size_t to, std::uint32_t type) {
                      if (!entity_types_[type]) return;
                      out.push_back({static_cast<std::uint32_t>(first + s), base + static_cast<std::uint32_t>(from),
                                     base + static_cast<std::uint32_t>(to), *entity_types_[type]});
                    });
  }
  return out;
}

std::vector<NerSpan> NamedEntityRecognizer::recognize(const Document& doc) const {
  Workspace workspace;
  return recognize(doc, workspace);
}

void NamedEntityRecognizer::recognize(std::span<const std::vector<std::string_view>> sentences,
                                      Workspace& workspace, std::vector<std::vector<NerEntity>>& out) const {
  Buffers& b = *workspace.impl_;
  load_document(b, sentences);
  out.resize(sentences.size());
  for (auto& v : out) v.clear();
  if (b.forms.empty()) return;
  run(workspace);
  for (std::size_t s = 0; s < b.sentences(); ++s) {
    decode_entities(b.labels.data() + b.starts[s], b.starts[s + 1] - b.starts[s],
                    [&](std::size_t first, std::size_t last, std::uint32_t type) {
                      out[s].push_back({static_cast<std::uint32_t>(first), static_cast<std::uint32_t>(last), types_[type]});
                    });
  }
}

// ---------------------------------------------------------------------------------------
// Scoring.

NerScores evaluate(const NamedEntityRecognizer& ner, const std::vector<NerDocument>& gold,
                   const std::map<std::string, std::string>& type_map) {
  using Clock = std::chrono::steady_clock;
  const auto mapped = [&](const std::string& t) -> const std::string& {
    const auto it = type_map.find(t);
    return it == type_map.end() ? t : it->second;
  };
  std::set<std::string> model_types, gold_types;
  for (const std::string& t : ner.types()) model_types.insert(mapped(t));
  for (const NerDocument& d : gold)
    for (const NerSentence& s : d.sentences)
      for (const NerEntity& e : s.entities) gold_types.insert(mapped(e.type));
  NerScores scores;
  for (const std::string& t : gold_types)
    if (model_types.count(t)) scores.types[t];
    else scores.ignored_gold.push_back(t);
  for (const std::string& t : model_types)
    if (!gold_types.count(t)) scores.ignored_predicted.push_back(t);

  NamedEntityRecognizer::Workspace workspace;
  std::vector<std::vector<std::string_view>> sentences;
  std::vector<std::vector<NerEntity>> predicted;
  Clock::duration spent{};
  for (const NerDocument& d : gold) {
    sentences.clear();
    for (const NerSentence& s : d.sentences) sentences.emplace_back(s.words.begin(), s.words.end());
    const auto start = Clock::now();
    ner.recognize(sentences, workspace, predicted);
    spent += Clock::now() - start;
    for (std::size_t s = 0; s < d.sentences.size(); ++s) {
      std::set<std::tuple<std::uint32_t, std::uint32_t, std::string>> gold_set;
      for (const NerEntity& e : d.sentences[s].entities) {
        const std::string& t = mapped(e.type);
        const auto it = scores.types.find(t);
        if (it == scores.types.end()) continue;
        ++it->second.gold;
        ++scores.all.gold;
        gold_set.emplace(e.first, e.last, t);
      }
      for (const NerEntity& e : predicted[s]) {
        const std::string& t = mapped(e.type);
        const auto it = scores.types.find(t);
        if (it == scores.types.end()) continue;
        ++it->second.predicted;
        ++scores.all.predicted;
        if (gold_set.count({e.first, e.last, t})) {
          ++it->second.correct;
          ++scores.all.correct;
        }
      }
      scores.words += d.sentences[s].words.size();
    }
    scores.sentences += d.sentences.size();
  }
  scores.seconds = std::chrono::duration<double>(spent).count();
  return scores;
}

// ---------------------------------------------------------------------------------------
// Training.

namespace {

struct Corpus {
  std::vector<std::vector<std::vector<std::string_view>>> docs;  // doc -> sentence -> words
  std::vector<std::vector<std::uint32_t>> gold;   // doc -> flat labels
  std::vector<std::vector<std::uint32_t>> first;  // doc -> flat first-pass labels (jackknifed)
};

class PassTrainer {
 public:
  PassTrainer(const Corpus& corpus, std::vector<std::size_t> subset, int pass, std::uint32_t types,
              const WordClusters& clusters, std::uint64_t seed)
      : corpus_(corpus), subset_(std::move(subset)), pass_(pass), types_(types), clusters_(clusters),
        weights_(1 + 4 * types), rng_(seed) {
    buffers_.scores.resize(1 + 4 * types);
  }

  double iteration() {
    for (std::size_t i = subset_.size(); i > 1; --i) std::swap(subset_[i - 1], subset_[rng_() % i]);
    std::size_t correct = 0, words = 0;
    Buffers& b = buffers_;
    const std::size_t levels = cluster_levels(clusters_);
    for (const std::size_t d : subset_) {
      load_document(b, corpus_.docs[d]);
      prepare(b, clusters_);
      const auto& gold = corpus_.gold[d];
      if (pass_ == 1) {
        b.first = corpus_.first[d];
        compute_votes(b, types_);
      }
      for (std::size_t s = 0; s < b.sentences(); ++s) {
        const std::size_t n = b.starts[s + 1] - b.starts[s];
        load_block(b, s, s + 1);
        std::uint32_t p1 = kStart, p2 = kStart;
        for (std::size_t k = 0; k < n; ++k) {
          const std::size_t i = b.starts[s] + k;
          b.features.clear();
          shared_features(b, s, k, levels, b.features);
          if (pass_ == 1) second_features(b, s, k, b.features);
          dynamic_features(b, s, k, p1, p2, b.features);
          weights_.score(b.features.hashes(), b.scores);
          const std::uint32_t guess = argmax(b.scores);
          weights_.update(gold[i], guess, b.features.hashes());
          correct += guess == gold[i];
          p2 = p1;
          p1 = guess;
        }
      }
      words += b.words();
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
  std::uint32_t types_;
  const WordClusters& clusters_;
  TrainingWeights weights_;
  std::mt19937_64 rng_;
  Buffers buffers_;
  std::size_t words_ = 0;
};

}  // namespace

NamedEntityRecognizer NerTrainer::train(const std::vector<NerDocument>& train,
                                        const std::vector<NerDocument>& dev) const {
  using Clock = std::chrono::steady_clock;
  const std::size_t words = count_words(train);
  if (words == 0) throw InputError("training data", "no words to train the recogniser on");
  std::set<std::string> type_set;
  for (const NerDocument& d : train)
    for (const NerSentence& s : d.sentences)
      for (const NerEntity& e : s.entities) type_set.insert(e.type);
  if (type_set.empty()) throw InputError("training data", "no entities to train the recogniser on");
  if (type_set.size() > kMaxTypes) throw InputError("training data", "more than 15 entity types");

  NamedEntityRecognizer base;
  base.types_.assign(type_set.begin(), type_set.end());
  base.finish_types();
  if (options_.clusters) base.clusters_ = *options_.clusters;
  const auto types = static_cast<std::uint32_t>(base.types_.size());
  const std::uint32_t classes = 1 + 4 * types;

  Corpus corpus;
  std::vector<std::size_t> all;
  for (std::size_t d = 0; d < train.size(); ++d) {
    corpus.docs.emplace_back();
    corpus.gold.emplace_back();
    for (const NerSentence& s : train[d].sentences) {
      corpus.docs.back().emplace_back(s.words.begin(), s.words.end());
      const std::size_t offset = corpus.gold.back().size();
      corpus.gold.back().resize(offset + s.words.size(), 0);
      for (const NerEntity& e : s.entities) {
        const auto t = static_cast<std::uint32_t>(
            std::find(base.types_.begin(), base.types_.end(), e.type) - base.types_.begin());
        if (e.last > s.words.size() || e.first >= e.last)
          throw InputError("training data", "entity outside its sentence (line " + std::to_string(s.line) + ")");
        for (std::uint32_t k = e.first; k < e.last; ++k) {
          const std::uint32_t pos = e.last - e.first == 1 ? 3 : k == e.first ? 0 : k + 1 == e.last ? 2 : 1;
          corpus.gold.back()[offset + k] = 1 + 4 * t + pos;
        }
      }
    }
    if (!corpus.gold.back().empty()) all.push_back(d);
  }

  const int iterations = std::max(1, options_.iterations);
  const auto train_pass = [&](int pass, const std::vector<std::size_t>& subset, int rounds, bool report,
                              auto install) {
    PassTrainer trainer(corpus, subset, pass, types, base.clusters_, options_.seed + static_cast<std::uint64_t>(pass));
    std::optional<FrozenWeights> best;
    int best_iteration = 0;
    double best_dev = -1;
    for (int it = 1; it <= rounds; ++it) {
      const auto start = Clock::now();
      NerIteration r;
      r.pass = pass + 1;
      r.iteration = it;
      r.iterations = rounds;
      r.train_accuracy = trainer.iteration();
      r.words = trainer.words();
      FrozenWeights candidate = trainer.freeze(options_.prune);
      r.features = candidate.features();
      if (report && !dev.empty()) {
        NamedEntityRecognizer scored = base;
        install(scored, candidate);
        r.has_dev = true;
        r.dev = evaluate(scored, dev);
        r.best = r.dev.all.f1() > best_dev;
      } else {
        r.best = true;
      }
      if (r.best) {
        best_dev = r.has_dev ? r.dev.all.f1() : 0;
        best_iteration = it;
        best = std::move(candidate);
      }
      r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
      if (report && options_.progress) options_.progress(r);
    }
    return std::make_pair(std::move(*best), best_iteration);
  };
  const auto install = [&](NamedEntityRecognizer& r, FrozenWeights w, int passes) {
    if (options_.quantize) w.quantize();
    r.weights_ = std::move(w);
    r.passes_ = static_cast<std::uint8_t>(passes);
  };

  auto [first, first_iteration] = train_pass(
      0, all, iterations, true, [&](NamedEntityRecognizer& r, const FrozenWeights& w) { install(r, w, 1); });
  install(base, first, 1);

  const int folds = std::min<int>(options_.folds, static_cast<int>(all.size()));
  int second_iteration = 0;
  if (options_.two_pass && folds >= 2) {
    corpus.first.resize(train.size());
    NamedEntityRecognizer::Workspace workspace;
    Buffers& b = *workspace.impl_;
    for (int k = 0; k < folds; ++k) {
      const auto start = Clock::now();
      std::vector<std::size_t> rest, held;
      for (std::size_t i = 0; i < all.size(); ++i)
        (static_cast<int>(i % static_cast<std::size_t>(folds)) == k ? held : rest).push_back(all[i]);
      FrozenWeights fold = train_pass(0, rest, first_iteration, false,
                                      [](NamedEntityRecognizer&, const FrozenWeights&) {}).first;
      if (options_.quantize) fold.quantize();
      std::size_t right = 0, total = 0;
      for (const std::size_t d : held) {
        load_document(b, corpus.docs[d]);
        prepare(b, base.clusters_);
        label_prepared(fold, 1, types, cluster_levels(base.clusters_), b);
        corpus.first[d] = b.labels;
        for (std::size_t i = 0; i < b.labels.size(); ++i) right += b.labels[i] == corpus.gold[d][i];
        total += b.labels.size();
      }
      if (options_.message) {
        options_.message("jackknife fold " + std::to_string(k + 1) + "/" + std::to_string(folds) +
                         ": first pass on the held-out " + std::to_string(total) + " words " +
                         percent(total ? double(right) / double(total) : 0) + "% labels, " +
                         number(std::chrono::duration<double>(Clock::now() - start).count()) + " s");
      }
    }
    auto [second, it2] = train_pass(1, all, iterations, true, [&](NamedEntityRecognizer& r, const FrozenWeights& w) {
      install(r, FrozenWeights::concat(first, w), 2);
    });
    install(base, FrozenWeights::concat(first, second), 2);
    second_iteration = it2;
  }

  std::string type_list;
  for (const std::string& t : base.types_) type_list += (type_list.empty() ? "" : ",") + t;
  base.description_ = "ner: " + std::to_string(train.size()) + " documents, " +
                      std::to_string(count_sentences(train)) + " sentences, " + std::to_string(words) +
                      " words, types " + type_list + "; " + std::to_string(base.passes()) +
                      " pass(es), iterations " + std::to_string(first_iteration);
  if (base.passes() == 2) base.description_ += "+" + std::to_string(second_iteration);
  base.description_ += " of " + std::to_string(iterations) + ", seed " + std::to_string(options_.seed) +
                       ", prune " + number(options_.prune);
  if (!base.clusters_.empty()) base.description_ += "; clusters: " + base.clusters_.description();
  if (!dev.empty()) {
    const NerScores s = evaluate(base, dev);
    base.description_ += "; dev F1 " + percent(s.all.f1());
  }
  (void)classes;
  return base;
}

}  // namespace kg::extract
