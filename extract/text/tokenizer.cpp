// Tokenizer: one linear pass over the UTF-8 bytes builds the tokens, a second pass over
// the tokens places sentence boundaries. No regex; every look-ahead is bounded or cached
// so the whole thing stays linear in the text size.
#include "extract/text/tokenizer.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "extract/text/abbreviations.h"
#include "extract/text/error.h"

namespace kg::extract {
namespace {

// ------------------------------------------------------------------ characters

enum class CharClass : std::uint8_t {
  End,         // past the end of the text
  Space,       // ASCII blanks, NBSP, U+2000-200B, U+202F, BOM, controls
  Newline,     // \n, U+2028, U+2029, NEL
  Letter,      // ASCII letters and any non-ASCII code point not listed elsewhere
  Digit,       // ASCII digits
  Apostrophe,  // ' ’ ‘ ‛ ′ ´: apostrophe inside words, single quote outside
  Quote,       // " “ ” „ ‟ ″ « » ‚ ‹ › `
  Dash,        // ‒ – — ― − ⸺ ⸻
  Hyphen,      // - ‐ ‑ (joins words)
  Ellipsis,    // …
  Period,      // .
  Punct,       // other ASCII punctuation and Unicode symbols
  Extender,    // variation selectors, ZWJ, skin tones: glue onto the previous symbol
};

struct Char {
  char32_t cp = 0;
  std::uint32_t size = 0;
  CharClass cls = CharClass::End;
};

constexpr std::array<CharClass, 128> make_ascii_table() {
  std::array<CharClass, 128> t{};
  for (int c = 0; c < 128; ++c) {
    CharClass k = CharClass::Punct;
    if (c < 0x20 || c == 0x7F || c == ' ') k = CharClass::Space;  // \r, \t, stray controls
    if (c == '\n') k = CharClass::Newline;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) k = CharClass::Letter;
    if (c >= '0' && c <= '9') k = CharClass::Digit;
    if (c == '\'') k = CharClass::Apostrophe;
    if (c == '"' || c == '`') k = CharClass::Quote;
    if (c == '-') k = CharClass::Hyphen;
    if (c == '.') k = CharClass::Period;
    t[static_cast<std::size_t>(c)] = k;
  }
  return t;
}
constexpr auto kAscii = make_ascii_table();

CharClass classify(char32_t c) {
  if (c < 0x80) return kAscii[c];
  switch (c) {
    case 0x85: case 0x2028: case 0x2029: return CharClass::Newline;
    case 0xA0: case 0x1680: case 0x202F: case 0x205F: case 0x3000: case 0xFEFF:
    case 0x200E: case 0x200F: return CharClass::Space;
    case 0x2018: case 0x2019: case 0x201B: case 0x2032: case 0xB4: return CharClass::Apostrophe;
    case 0x201A: case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
    case 0xAB: case 0xBB: case 0x2039: case 0x203A: return CharClass::Quote;
    case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212: case 0x2E3A: case 0x2E3B:
      return CharClass::Dash;
    case 0x2010: case 0x2011: return CharClass::Hyphen;
    case 0x2026: return CharClass::Ellipsis;
    case 0x200D: case 0xFE0E: case 0xFE0F: case 0x20E3: return CharClass::Extender;
    // Letter-like Latin-1 signs stay in words: ª ² ³ µ ¹ º ¼ ½ ¾ and the soft hyphen.
    case 0xAA: case 0xAD: case 0xB2: case 0xB3: case 0xB5: case 0xB9: case 0xBA:
    case 0xBC: case 0xBD: case 0xBE: return CharClass::Letter;
    default: break;
  }
  if (c <= 0x200B && c >= 0x2000) return CharClass::Space;
  if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x206F)) return CharClass::Space;
  if (c >= 0x1F3FB && c <= 0x1F3FF) return CharClass::Extender;
  if ((c >= 0xA1 && c <= 0xBF) || c == 0xD7 || c == 0xF7 ||  // ¡ £ © ° ± · ¿ × ÷
      (c >= 0x2016 && c <= 0x205E) ||                        // • † ‰ ※ and friends
      (c >= 0x20A0 && c <= 0x20CF) ||                        // currency: € ₽ ₴
      (c >= 0x2100 && c <= 0x214F) ||                        // № ™ ℃
      (c >= 0x2190 && c <= 0x2BFF) ||                        // arrows, math, shapes, dingbats
      (c >= 0x3001 && c <= 0x303F) ||                        // CJK punctuation
      (c >= 0xFF01 && c <= 0xFF0F) ||                        // full-width ASCII punctuation
      (c >= 0x1F000 && c <= 0x1FAFF))                        // emoji
    return CharClass::Punct;
  return CharClass::Letter;
}

// Upper case for ASCII, Latin-1, Latin Extended-A, Latin Extended Additional, Greek and
// Cyrillic; other scripts count as not upper case.
bool is_upper(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  if (c >= 0xC0 && c <= 0xDE) return c != 0xD7;
  if (c >= 0x100 && c <= 0x137) return c % 2 == 0;
  if (c >= 0x139 && c <= 0x148) return c % 2 == 1;
  if (c >= 0x14A && c <= 0x177) return c % 2 == 0;
  if (c == 0x178) return true;
  if (c >= 0x179 && c <= 0x17E) return c % 2 == 1;
  if (c == 0x386 || (c >= 0x388 && c <= 0x38F) || (c >= 0x391 && c <= 0x3AB)) return c != 0x390;
  if (c >= 0x400 && c <= 0x42F) return true;
  if (c >= 0x1E00 && c <= 0x1EFF) return c % 2 == 0;
  return false;
}

bool is_alnum(CharClass k) { return k == CharClass::Letter || k == CharClass::Digit; }
bool ascii_digit(char c) { return c >= '0' && c <= '9'; }
char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// ------------------------------------------------------------------ tokens

enum class Kind : std::uint8_t {
  Word, Number, Abbrev, Title, Acronym, Initial, Url, Email, Clitic,
  Terminal,  // . ! ? ?! ... … : may end a sentence
  OpenQuote, CloseQuote, OpenBracket, CloseBracket, Dash, Other,
};

// A token before it becomes a Token: 12 bytes, so scanning never moves big objects.
struct Span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  Kind kind = Kind::Other;
  bool space_before = false;
  bool line_start = false;  // a line break (or the start of the text) precedes the token
};

bool is_closer(Kind k) { return k == Kind::CloseQuote || k == Kind::CloseBracket; }
bool is_opener(Kind k) { return k == Kind::OpenQuote || k == Kind::OpenBracket; }
bool is_wordlike(Kind k) { return k == Kind::Word || k == Kind::Number || k == Kind::Acronym; }

// Typographic folding for Token::norm: ’ → ', ” → ", – → -, … → ..., soft hyphen dropped.
std::string fold(std::string_view form, Kind kind) {
  if (kind == Kind::Dash) return "-";  // "—", "–", "--", "---" all mean a dash
  if (std::none_of(form.begin(), form.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }))
    return std::string(form);
  std::string out;
  out.reserve(form.size());
  for (std::size_t i = 0; i < form.size();) {
    auto b0 = static_cast<unsigned char>(form[i]);
    if (b0 < 0x80) { out += form[i++]; continue; }
    std::size_t size = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 1;
    size = std::min(size, form.size() - i);
    char32_t cp = 0;
    if (size == 2) cp = (b0 & 0x1Fu) << 6 | (static_cast<unsigned char>(form[i + 1]) & 0x3Fu);
    if (size == 3)
      cp = (b0 & 0x0Fu) << 12 | (static_cast<unsigned char>(form[i + 1]) & 0x3Fu) << 6 |
           (static_cast<unsigned char>(form[i + 2]) & 0x3Fu);
    switch (cp) {
      case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0xB4:
      case 0x2039: case 0x203A: out += '\''; break;
      case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0xAB: case 0xBB:
        out += '"'; break;
      case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
        out += '-'; break;
      case 0x2026: out += "..."; break;
      case 0xAD: break;  // soft hyphen: invisible, would break dictionary look-ups
      default: out.append(form.substr(i, size));
    }
    i += size;
  }
  return out;
}

struct Scanned {
  std::size_t end = 0;
  Kind kind = Kind::Other;
};

class Scanner {
 public:
  Scanner(const std::string& text, std::vector<Span>& spans)
      : spans_(spans), t_(text), n_(text.size()), next_at_(t_.find('@')) {}

  void run() {
    std::size_t i = 0;
    bool space = false, newline = true;  // the text start counts as a line start
    while (i < n_) {
      Char c = at(i);
      if (c.cls == CharClass::Space || c.cls == CharClass::Newline) {
        space = true;
        newline = newline || c.cls == CharClass::Newline;
        i += c.size;
        continue;
      }
      if (c.cls == CharClass::Extender && !space && !spans_.empty()) {
        spans_.back().end = static_cast<std::uint32_t>(i + c.size);
        i += c.size;
        continue;
      }
      space_ = space;
      line_start_ = newline;
      Scanned s = scan(i, c);
      emit(i, s.end, s.kind);
      space = newline = false;
      i = s.end;
    }
  }

 private:
  Char at(std::size_t i) const {
    if (i >= n_) return {};
    auto b0 = static_cast<unsigned char>(t_[i]);
    if (b0 < 0x80) return {b0, 1, kAscii[b0]};
    // Malformed bytes (the text stage should have replaced them) decode as one letter byte.
    std::uint32_t size = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 0;
    if (size == 0 || b0 > 0xF4 || i + size > n_) return {0xFFFD, 1, CharClass::Letter};
    char32_t cp = b0 & (0x7Fu >> size);
    for (std::uint32_t k = 1; k < size; ++k) {
      auto b = static_cast<unsigned char>(t_[i + k]);
      if ((b & 0xC0) != 0x80) return {0xFFFD, 1, CharClass::Letter};
      cp = cp << 6 | (b & 0x3Fu);
    }
    return {cp, size, classify(cp)};
  }
  char byte(std::size_t i) const { return i < n_ ? t_[i] : '\0'; }
  bool alnum_at(std::size_t i) const { return is_alnum(at(i).cls); }
  Kind last_kind() const { return spans_.empty() ? Kind::Other : spans_.back().kind; }
  bool after_word() const { return !space_ && !spans_.empty() && is_wordlike(last_kind()); }

  void emit(std::size_t begin, std::size_t end, Kind kind) {
    spans_.push_back({static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end), kind, space_, line_start_});
  }

  Scanned scan(std::size_t i, Char c) {
    switch (c.cls) {
      case CharClass::Letter:
      case CharClass::Digit:
        if (std::size_t e = url_end(i)) return {e, Kind::Url};
        if (std::size_t e = email_end(i)) return {e, Kind::Email};
        if (after_word())
          if (std::size_t e = negation_end(i)) return {e, Kind::Clitic};
        return scan_word(i);
      case CharClass::Apostrophe:
        if (after_word())
          if (std::size_t e = clitic_end(i + c.size)) return {e, Kind::Clitic};
        return {i + c.size, quote_kind(c.cp)};
      case CharClass::Quote:
        return {i + c.size, quote_kind(c.cp)};
      case CharClass::Dash:
        return {run_end(i, c.cp), Kind::Dash};
      case CharClass::Hyphen: {
        std::size_t e = i;
        while (at(e).cls == CharClass::Hyphen) e += at(e).size;
        return {e, Kind::Dash};
      }
      case CharClass::Ellipsis:
        return {i + c.size, Kind::Terminal};
      case CharClass::Period:
        // ".5" and "$.50": a leading decimal point starts a number.
        if (at(i + 1).cls == CharClass::Digit && !after_word()) return {scan_word(i + 1).end, Kind::Number};
        return {run_end(i, '.'), Kind::Terminal};
      default:
        break;
    }
    switch (c.cp) {
      case '!': case '?': {
        std::size_t e = i;
        while (byte(e) == '!' || byte(e) == '?') ++e;
        return {e, Kind::Terminal};
      }
      case '(': case '[': case '{': return {i + 1, Kind::OpenBracket};
      case ')': case ']': case '}': return {i + 1, Kind::CloseBracket};
      case '#': case '*': case '=': case '_': case '~':
        return {run_end(i, c.cp), Kind::Other};  // "##" headings, "___" and "***" rules
      default:
        break;
    }
    // A flag is a pair of regional indicator symbols: 🇺🇦.
    auto regional = [](char32_t cp) { return cp >= 0x1F1E6 && cp <= 0x1F1FF; };
    if (regional(c.cp) && regional(at(i + c.size).cp)) return {i + c.size + at(i + c.size).size, Kind::Other};
    return {i + c.size, Kind::Other};
  }

  // End of a run of the same code point starting at i.
  std::size_t run_end(std::size_t i, char32_t cp) const {
    Char c = at(i);
    while (c.cls != CharClass::End && c.cp == cp) {
      i += c.size;
      c = at(i);
    }
    return i;
  }

  // Opening or closing, from the glyph when it says so and from the spacing otherwise.
  Kind quote_kind(char32_t cp) const {
    switch (cp) {
      case 0x201C: case 0x2018: case 0x201E: case 0x201A: case 0x201F: case 0xAB: case 0x2039: case '`':
        return Kind::OpenQuote;
      case 0x201D: case 0xBB: case 0x203A:
        return Kind::CloseQuote;
      default: break;
    }
    Kind prev = last_kind();
    bool opens = space_ || line_start_ || spans_.empty() || is_opener(prev) || prev == Kind::Dash;
    return opens ? Kind::OpenQuote : Kind::CloseQuote;
  }

  // True at the start of a line or right after final punctuation (skipping quotes and
  // brackets): there a capital letter may only mark the sentence start.
  bool at_sentence_start() const {
    if (line_start_ || spans_.empty()) return true;
    std::size_t k = spans_.size();
    for (std::size_t steps = 0; k > 0 && steps < 4; --k, ++steps) {
      const Span& info = spans_[k - 1];
      if (info.kind == Kind::Terminal) return true;
      if (!is_opener(info.kind) && !is_closer(info.kind)) return false;
      if (info.line_start) return true;
    }
    return k == 0;
  }

  // Letters and digits glued by inner periods, commas, colons, slashes, hyphens and
  // apostrophes, following the rules in tokenizer.h.
  Scanned scan_word(std::size_t start) {
    const Kind kind = ascii_digit(byte(start)) ? Kind::Number : Kind::Word;
    std::size_t seg = start;  // start of the current hyphen-separated part
    std::size_t pos = start;
    bool plain = true;  // one run of ASCII letters: may be a listed abbreviation
    while (true) {
      for (Char c = at(pos); is_alnum(c.cls); c = at(pos)) {
        if (c.cp >= 0x80) plain = false;
        if (c.cls == CharClass::Digit) plain = false;
        pos += c.size;
      }
      const Char c = at(pos);
      const char prev = t_[pos - 1];
      const Char next = at(pos + c.size);
      switch (c.cls) {
        case CharClass::Period: {
          if (std::size_t e = acronym_end(seg, pos)) return {e, Kind::Acronym};
          if (ascii_digit(prev) && next.cls == CharClass::Digit) { ++pos; plain = false; continue; }
          // "themoscowtimes.com", "Amazon.com": a lower-case letter right after the period.
          if (next.cls == CharClass::Letter && !is_upper(next.cp)) { ++pos; plain = false; continue; }
          if (initial_at(start, pos)) return {pos + 1, Kind::Initial};
          if (!plain) return {pos, kind};
          switch (abbreviation_kind(std::string_view(t_).substr(start, pos - start))) {
            case AbbreviationKind::Title: return {pos + 1, Kind::Title};
            case AbbreviationKind::Ordinary: return {pos + 1, Kind::Abbrev};
            case AbbreviationKind::BeforeNumber:
              if (digit_follows(pos + 1)) return {pos + 1, Kind::Abbrev};
              return {pos, kind};
            case AbbreviationKind::None: return {pos, kind};
          }
          return {pos, kind};
        }
        case CharClass::Hyphen:
          if (!is_alnum(next.cls)) return {pos, kind};
          if (hyphen_splits(seg, pos, next)) return {pos, kind};
          pos += c.size;
          seg = pos;
          plain = false;
          continue;
        case CharClass::Apostrophe: {
          // "won’t" → "wo" + "n’t"; the clitic itself is scanned as the next token.
          if ((prev == 'n' || prev == 'N') && pos - 1 > start && (byte(pos + c.size) == 't' || byte(pos + c.size) == 'T') &&
              !alnum_at(pos + c.size + 1))
            return {pos - 1, kind};
          if (clitic_end(pos + c.size)) return {pos, kind};
          // O'Brien, rock'n'roll, d'Ivoire: an apostrophe between letters is part of the word.
          if (next.cls == CharClass::Letter && !ascii_digit(prev)) {
            pos += c.size;
            plain = false;
            continue;
          }
          return {pos, kind};
        }
        default:
          break;
      }
      const bool digits = ascii_digit(prev) && next.cls == CharClass::Digit;
      if (c.cp == ',' && digits && ascii_digit(byte(pos + 2)) && ascii_digit(byte(pos + 3)) &&
          !ascii_digit(byte(pos + 4))) {
        pos += 1;  // thousands separator: 1,000 and 1,000,000 but not 2019,2020
        continue;
      }
      if ((c.cp == ':' || c.cp == '/') && digits && kind == Kind::Number) {
        pos += 1;  // 10:30, 24/7, 27/02/2025
        continue;
      }
      if (c.cp == '&' && prev >= 'A' && prev <= 'Z' && next.cp >= 'A' && next.cp <= 'Z') {
        pos += 1;  // AT&T, S&P, R&D
        plain = false;
        continue;
      }
      if (c.cp == '_' && is_alnum(next.cls)) {
        pos += 1;  // snake_case identifiers and handles
        plain = false;
        continue;
      }
      return {pos, kind};
    }
  }

  // "John F. Kennedy", "J. R. R. Tolkien": one capital before a period and a capitalised
  // word. "Plan B." at a line end keeps its period separate; so does the pronoun in
  // "do I. Trump ...", told from "Henry I. Miller" by the capitalised word before it.
  bool initial_at(std::size_t start, std::size_t dot) const {
    Char first = at(start);
    if (dot != start + first.size || !is_upper(first.cp)) return false;
    std::size_t i = dot + 1;
    while (at(i).cls == CharClass::Space) i += at(i).size;
    if (!is_upper(at(i).cp)) return false;
    if (first.cp != 'I') return true;
    if (space_ && !line_start_ && !spans_.empty()) {
      const Span& prev = spans_.back();
      Kind kind = prev.kind;
      return (kind == Kind::Word || kind == Kind::Initial) && is_upper(at(prev.begin).cp);
    }
    return false;
  }

  bool digit_follows(std::size_t i) const {
    while (at(i).cls == CharClass::Space) i += at(i).size;
    return ascii_digit(byte(i));
  }

  // "U.S.", "U.S.A", "e.g.", "a.m.", "J.R.R.": single letters each followed by a period,
  // at least two letters. Returns the end (after the last period if present) or 0.
  // "Ph.D." is accepted as well: a capitalised two-letter start before a capital and period.
  std::size_t acronym_end(std::size_t seg, std::size_t dot) const {
    Char first = at(seg);
    if (first.cls != CharClass::Letter) return 0;
    if (seg + first.size != dot) {
      const bool degree = dot == seg + 2 && is_upper(first.cp) && byte(seg + 1) >= 'a' &&
                          byte(seg + 1) <= 'z' && is_upper(at(dot + 1).cp) && byte(dot + 2) == '.';
      if (!degree) return 0;
    }
    std::size_t pos = dot + 1, letters = 1;
    while (true) {
      Char c = at(pos);
      if (c.cls != CharClass::Letter) break;
      Char after = at(pos + c.size);
      if (after.cp == '.' && after.cls == CharClass::Period) {
        pos += c.size + 1;
        ++letters;
        continue;
      }
      if (!is_alnum(after.cls) && after.cls != CharClass::Apostrophe) {  // "U.S" without final period
        pos += c.size;
        ++letters;
      }
      break;
    }
    return letters >= 2 ? pos : 0;
  }

  // Split "US-Russia", "U.S.-led" (handled by acronym_end), "Russian-controlled"; keep
  // "long-standing", "X-ray", "COVID-19", "Anti-war" and a sentence-initial "Long-standing".
  bool hyphen_splits(std::size_t seg, std::size_t hyphen, Char right) const {
    Char first = at(seg);
    if (!is_upper(first.cp) || seg + first.size >= hyphen) return false;
    if (right.cls == CharClass::Digit) return false;
    std::string_view left = std::string_view(t_).substr(seg, hyphen - seg);
    if (is_hyphen_prefix(left)) return false;
    if (!is_upper(right.cp) && at_sentence_start() && !all_caps(seg, hyphen)) return false;
    return true;
  }

  bool all_caps(std::size_t b, std::size_t e) const {
    for (std::size_t i = b; i < e;) {
      Char c = at(i);
      if (c.cls == CharClass::Letter && !is_upper(c.cp)) return false;
      i += c.size;
    }
    return true;
  }

  // After an apostrophe at `q`: 's 'm 'd 're 've 'll followed by a non-letter. Returns
  // the clitic's end or 0.
  std::size_t clitic_end(std::size_t q) const {
    const char a = ascii_lower(byte(q)), b = ascii_lower(byte(q + 1));
    std::size_t len = 0;
    if (a == 's' || a == 'm' || a == 'd') len = 1;
    else if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) len = 2;
    if (len == 0 || alnum_at(q + len)) return 0;
    return q + len;
  }

  // "n’t" / "N'T" right after "do", "wo", "ca".
  std::size_t negation_end(std::size_t i) const {
    if (byte(i) != 'n' && byte(i) != 'N') return 0;
    Char apostrophe = at(i + 1);
    if (apostrophe.cls != CharClass::Apostrophe) return 0;
    std::size_t t = i + 1 + apostrophe.size;
    if ((byte(t) != 't' && byte(t) != 'T') || alnum_at(t + 1)) return 0;
    return t + 1;
  }

  static bool starts_with_ci(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t k = 0; k < prefix.size(); ++k)
      if (ascii_lower(s[k]) != prefix[k]) return false;
    return true;
  }

  // http://, https://, ftp:// and www. addresses up to the next space, quote or dash;
  // trailing sentence punctuation and an unbalanced closing bracket are left out.
  std::size_t url_end(std::size_t i) const {
    char c0 = ascii_lower(byte(i));
    if (c0 != 'h' && c0 != 'f' && c0 != 'w') return 0;
    std::string_view rest = std::string_view(t_).substr(i, 8);
    std::size_t prefix = 0;
    for (std::string_view p : {"https://", "http://", "ftp://", "www."})
      if (starts_with_ci(rest, p)) { prefix = p.size(); break; }
    if (prefix == 0) return 0;
    std::size_t e = i + prefix;
    std::size_t opens = 0, closes = 0;
    for (Char c = at(e);; c = at(e)) {
      if (c.cls == CharClass::End || c.cls == CharClass::Space || c.cls == CharClass::Newline ||
          c.cls == CharClass::Quote || c.cls == CharClass::Dash || c.cls == CharClass::Ellipsis ||
          (c.cls == CharClass::Apostrophe && c.cp >= 0x80))
        break;
      if (c.cp == '<' || c.cp == '>' || c.cp == '{' || c.cp == '}' || c.cp == '|' || c.cp == '\\' || c.cp == '^')
        break;
      opens += (c.cp == '(' || c.cp == '[');
      closes += (c.cp == ')' || c.cp == ']');
      e += c.size;
    }
    while (e > i + prefix) {
      char last = t_[e - 1];
      if (last == '.' || last == ',' || last == ';' || last == ':' || last == '!' || last == '?' ||
          last == '\'' || last == '*') {
        --e;
      } else if ((last == ')' || last == ']') && closes > opens) {
        --e;
        --closes;
      } else {
        break;
      }
    }
    return e > i + prefix ? e : 0;
  }

  static bool local_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || ascii_digit(c) || c == '.' || c == '_' ||
           c == '%' || c == '+' || c == '-';
  }
  static bool label_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || ascii_digit(c) || c == '-';
  }

  // name@domain.tld. The next '@' is found once with find(); a failed attempt remembers
  // where its local part ended, so later starts inside it are rejected in O(1).
  std::size_t email_end(std::size_t i) {
    if (i < email_fail_until_) return 0;
    if (next_at_ != std::string::npos && next_at_ < i) next_at_ = t_.find('@', i);
    if (next_at_ == std::string::npos || next_at_ - i > 64) return 0;
    std::size_t p = i;
    while (p < n_ && local_char(t_[p])) ++p;
    if (p != next_at_) {
      email_fail_until_ = p;
      return 0;
    }
    std::size_t e = p + 1, labels = 0, end = 0;
    bool alpha_tld = false;
    while (true) {
      std::size_t b = e;
      bool alpha = true;
      while (e < n_ && label_char(t_[e])) {
        alpha = alpha && !ascii_digit(t_[e]) && t_[e] != '-';
        ++e;
      }
      if (e == b) break;
      ++labels;
      end = e;
      alpha_tld = alpha && e - b >= 2;
      if (byte(e) != '.' || !label_char(byte(e + 1))) break;
      ++e;
    }
    if (labels < 2 || !alpha_tld) {
      email_fail_until_ = p;
      return 0;
    }
    return end;
  }

  std::vector<Span>& spans_;
  const std::string& t_;
  const std::size_t n_;
  bool space_ = false;       // whitespace before the token being scanned
  bool line_start_ = false;  // a line break before it
  std::size_t next_at_;      // position of the next '@' at or after the scan position
  std::size_t email_fail_until_ = 0;
};

// ------------------------------------------------------------------ sentences

// Works on the compact spans, before the Tokens exist, so it stays in cache.
class SentenceSplitter {
 public:
  SentenceSplitter(std::string_view text, const std::vector<Span>& spans, std::vector<Sentence>& out)
      : t_(text), spans_(spans), n_(spans.size()), out_(out) {}

  void run() {
    std::size_t start = 0;
    for (std::size_t i = 0; i < n_; ++i) {
      if (i == line_end_) start_line(i);
      if (i > start && spans_[i].line_start) {
        close(start, i);
        start = i;
      }
      const Kind kind = spans_[i].kind;
      if (kind != Kind::Terminal && kind != Kind::Abbrev && kind != Kind::Acronym && kind != Kind::Initial)
        continue;  // titles (Mr. Dr. Gen.) never end a sentence within a line
      // Closing quotes and brackets after the final punctuation stay in the sentence.
      std::size_t j = i + 1;
      while (j < line_end_ && is_closer(spans_[j].kind)) ++j;
      if (j < line_end_ && spans_[j].space_before && ends_before(i, j)) {
        close(start, j);
        start = j;
      }
      i = j - 1;
    }
    close(start, n_);
  }

 private:
  std::string_view form(std::size_t k) const { return t_.substr(spans_[k].begin, spans_[k].end - spans_[k].begin); }

  // Enters the line starting at token b: finds its end and whether it ends in final
  // punctuation (each line is walked twice in total, so this stays linear).
  void start_line(std::size_t b) {
    std::size_t e = b + 1;
    while (e < n_ && !spans_[e].line_start) ++e;
    line_end_ = e;
    line_final_ = ends_final(b, e);
  }

  // Whether the sentence ending with candidate token i continues at token j.
  bool ends_before(std::size_t i, std::size_t j) const {
    if (spans_[i].kind == Kind::Terminal) {
      // "1. Background": a list number opening the line is not a sentence of its own.
      if (i > 0 && spans_[i - 1].line_start && spans_[i - 1].kind == Kind::Number && !spans_[i].space_before)
        return false;
      return starts_sentence(j);
    }
    // U.S., Inc., Feb., initials: only before a function word that opens sentences, and
    // not inside a headline-like line (title case "Talks Between U.S. And Russia").
    if (!line_final_) return false;
    if (is_opener(spans_[j].kind) && j + 1 < line_end_) ++j;
    return spans_[j].kind == Kind::Word && is_sentence_opener(form(j));
  }

  // An upper-case letter, a digit, an opening quote or bracket.
  bool starts_sentence(std::size_t j) const {
    if (is_opener(spans_[j].kind)) return true;
    const std::string_view f = form(j);
    auto b0 = static_cast<unsigned char>(f[0]);
    if (b0 < 0x80) return (b0 >= 'A' && b0 <= 'Z') || (b0 >= '0' && b0 <= '9');
    char32_t cp = 0;
    if (b0 >= 0xC0 && b0 < 0xE0 && f.size() >= 2) cp = (b0 & 0x1Fu) << 6 | (static_cast<unsigned char>(f[1]) & 0x3Fu);
    if (b0 >= 0xE0 && b0 < 0xF0 && f.size() >= 3)
      cp = (b0 & 0x0Fu) << 12 | (static_cast<unsigned char>(f[1]) & 0x3Fu) << 6 |
           (static_cast<unsigned char>(f[2]) & 0x3Fu);
    return is_upper(cp);
  }

  // Tokens [first, last) end in . ! ? … possibly followed by closing quotes or brackets.
  bool ends_final(std::size_t first, std::size_t last) const {
    std::size_t k = last - 1;
    while (k > first && is_closer(spans_[k].kind)) --k;
    const std::string_view f = form(k);
    const char c = f.back();
    return c == '.' || c == '!' || c == '?' || f.ends_with("\xE2\x80\xA6");  // …
  }

  void close(std::size_t first, std::size_t last) {
    while (last - first > kMaxSentenceTokens && last > first) {
      const std::size_t cut = cut_point(first);
      emit(first, cut);
      first = cut;
    }
    emit(first, last);
  }

  // Where to end an over-long sentence that starts at `first`: after the last comma,
  // semicolon, colon or dash among its first kMaxSentenceTokens tokens (in their second
  // half), else between two words neither of which is capitalised (no name is cut), else
  // after exactly kMaxSentenceTokens tokens. Looks at kMaxSentenceTokens / 2 tokens.
  std::size_t cut_point(std::size_t first) const {
    const std::size_t limit = first + kMaxSentenceTokens, floor = first + kMaxSentenceTokens / 2;
    std::size_t plain = 0;
    for (std::size_t j = limit; j > floor; --j) {
      const Span& before = spans_[j - 1];
      const std::string_view f = form(j - 1);
      if (before.kind == Kind::Dash || (before.kind == Kind::Terminal && f == ":") ||
          (before.kind == Kind::Other && (f == "," || f == ";")))
        return j;
      if (plain == 0 && !capitalised(j - 1) && !capitalised(j)) plain = j;
    }
    return plain != 0 ? plain : limit;
  }

  // The token starts with an upper-case letter (or is not a word at all: a number, a symbol).
  bool capitalised(std::size_t k) const { return spans_[k].kind != Kind::Word || starts_sentence(k); }

  void emit(std::size_t first, std::size_t last) {
    if (last <= first) return;
    Sentence& s = out_.emplace_back();
    s.first = static_cast<std::uint32_t>(first);
    s.last = static_cast<std::uint32_t>(last);
    s.begin = spans_[first].begin;
    s.end = spans_[last - 1].end;
    // A whole line without final punctuation: headline, dateline, byline, "___".
    const bool whole_line = spans_[first].line_start && (last == n_ || spans_[last].line_start);
    s.headline = whole_line && !ends_final(first, last);
  }

  const std::string_view t_;
  const std::vector<Span>& spans_;
  const std::size_t n_;
  std::vector<Sentence>& out_;
  std::size_t line_end_ = 0;  // one past the last token of the current line
  bool line_final_ = false;   // the current line ends in final punctuation
};

// Hard-wrapped text ("... the Russian\nForeign Minister said ...", lines cut at a fixed
// width) breaks sentences at every line end. Such a document has many lines of similar,
// long length, a good share of them ending mid-sentence; there a single line break is a
// space, and only a blank line or a short line (a paragraph's last) ends a line.
void join_wrapped_lines(std::string_view text, std::vector<Span>& spans) {
  struct Line {
    std::size_t first;   // first span
    std::size_t length;  // bytes from the first span's start to the last span's end
    bool final;          // ends in . ! ? or a closing quote after them
  };
  std::vector<Line> lines;
  for (std::size_t i = 0; i < spans.size();) {
    std::size_t e = i + 1;
    while (e < spans.size() && !spans[e].line_start) ++e;
    const std::string_view last(text.data() + spans[e - 1].begin, spans[e - 1].end - spans[e - 1].begin);
    const char c = last.back();
    lines.push_back({i, spans[e - 1].end - spans[i].begin, c == '.' || c == '!' || c == '?' || c == '"'});
    i = e;
  }
  if (lines.size() < 6) return;
  std::size_t longest = 0, wrapped = 0, open = 0;
  for (const Line& l : lines) longest = std::max(longest, l.length);
  if (longest > 100 || longest < 40) return;
  for (const Line& l : lines) {
    if (l.length * 10 >= longest * 7) ++wrapped;
    if (l.length * 10 >= longest * 7 && !l.final) ++open;
  }
  if (wrapped * 2 < lines.size() || open * 3 < wrapped) return;
  for (std::size_t k = 1; k < lines.size(); ++k) {
    const Line& prev = lines[k - 1];
    const std::size_t before = spans[lines[k].first].begin;
    const std::size_t after_prev = spans[lines[k].first - 1].end;
    const bool blank = text.substr(after_prev, before - after_prev).find("\n\n") != std::string_view::npos;
    if (!blank && prev.length * 10 >= longest * 7) spans[lines[k].first].line_start = false;
  }
}

}  // namespace

void tokenize(Document& doc) {
  // Token offsets are 32-bit (document.h).
  if (doc.text.size() > UINT32_MAX) throw InputError(doc.name, "text longer than 4 GiB cannot be tokenized");
  doc.tokens.clear();
  doc.sentences.clear();
  std::vector<Span> spans;
  spans.reserve(doc.text.size() / 5 + 1);  // news averages about 6 bytes per token
  Scanner(doc.text, spans).run();
  join_wrapped_lines(doc.text, spans);
  SentenceSplitter(doc.text, spans, doc.sentences).run();
  doc.sentences.shrink_to_fit();  // kept as long as the document: no spare room
  // Allocated once, at the exact count.
  doc.tokens.reserve(spans.size());
  for (const Span& span : spans) {
    std::string_view form(doc.text.data() + span.begin, span.end - span.begin);
    const Word word(form);
    const bool ascii = std::none_of(form.begin(), form.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    doc.tokens.emplace_back(span.begin, span.end, word, ascii && span.kind != Kind::Dash ? word : Word(fold(form, span.kind)),
                            span.space_before, span.line_start);
  }
}

}  // namespace kg::extract
