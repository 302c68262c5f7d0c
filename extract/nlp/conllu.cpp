#include "extract/nlp/conllu.h"

#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <iterator>

#include "extract/text/error.h"

namespace kg::extract {
namespace {

class Parser {
 public:
  Parser(std::string_view text, const std::string& name) : text_(text), name_(name) {}

  std::vector<ConlluSentence> run() {
    std::size_t pos = 0;
    while (pos < text_.size()) {
      std::size_t end = text_.find('\n', pos);
      if (end == std::string_view::npos) end = text_.size();
      std::string_view line = text_.substr(pos, end - pos);
      if (line.ends_with('\r')) line.remove_suffix(1);
      ++line_no_;
      handle(line);
      pos = end + 1;
    }
    finish_sentence();
    return std::move(sentences_);
  }

 private:
  [[noreturn]] void fail(const std::string& reason) const {
    throw InputError(name_ + ":" + std::to_string(line_no_), reason);
  }

  void handle(std::string_view line) {
    if (line.find_first_not_of(" \t") == std::string_view::npos) {
      if (!line.empty()) fail("whitespace-only line (a sentence break must be empty)");
      finish_sentence();
      return;
    }
    if (line.starts_with('#')) {
      if (in_sentence_ && !current_.words.empty()) fail("comment line inside a sentence");
      in_sentence_ = true;
      comment(line.substr(1));
      return;
    }
    word(line);
  }

  void comment(std::string_view body) {
    if (body.starts_with(' ')) body.remove_prefix(1);
    current_.comments.emplace_back(body);
    const std::size_t eq = body.find('=');
    if (eq == std::string_view::npos) return;
    std::string_view key = body.substr(0, eq);
    while (key.ends_with(' ')) key.remove_suffix(1);
    std::string_view value = body.substr(eq + 1);
    if (value.starts_with(' ')) value.remove_prefix(1);
    if (key == "text") current_.text = std::string(value);
    if (key == "sent_id") current_.sent_id = std::string(value);
  }

  void word(std::string_view line) {
    std::array<std::string_view, 10> f;
    std::size_t n = 0, start = 0;
    for (;;) {
      const std::size_t tab = line.find('\t', start);
      if (n == f.size()) fail("more than 10 tab-separated fields");
      f[n++] = line.substr(start, tab == std::string_view::npos ? line.npos : tab - start);
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    if (n != 10) fail("expected 10 tab-separated fields, found " + std::to_string(n));
    in_sentence_ = true;
    saw_token_line_ = true;
    const std::string_view id = f[0];
    if (id.find('-') != std::string_view::npos || id.find('.') != std::string_view::npos) {
      return;  // multiword-token range or empty node
    }
    if (current_.words.empty()) current_.line = line_no_;
    ConlluWord w;
    w.id = number(id, "ID");
    if (w.id != current_.words.size() + 1)
      fail("word ID " + std::to_string(w.id) + " out of sequence (expected " +
           std::to_string(current_.words.size() + 1) + ")");
    for (std::size_t i = 1; i < 10; ++i)
      if (f[i].empty()) fail("empty field " + std::to_string(i + 1) + " (use _)");
    w.form = f[1];
    w.lemma = f[2];
    w.upos = f[3];
    w.xpos = f[4];
    w.feats = f[5];
    w.head = f[6] == "_" ? -1 : static_cast<int>(number(f[6], "HEAD"));
    w.deprel = f[7];
    w.deps = f[8];
    w.misc = f[9];
    current_.words.push_back(std::move(w));
    head_lines_.push_back(line_no_);
  }

  std::uint32_t number(std::string_view s, const char* field) const {
    std::uint32_t v = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || ptr != s.data() + s.size() || v > 1000000)
      fail(std::string("bad ") + field + " '" + std::string(s) + "'");
    return v;
  }

  void finish_sentence() {
    if (!in_sentence_) return;
    if (current_.words.empty()) {
      // Comments alone (a file header) are dropped; token lines without words are not.
      if (saw_token_line_) fail("sentence without words (only ranges or empty nodes)");
      current_ = ConlluSentence{};
      in_sentence_ = false;
      return;
    }
    for (std::size_t i = 0; i < current_.words.size(); ++i) {
      const int head = current_.words[i].head;
      if (head > static_cast<int>(current_.words.size())) {
        line_no_ = head_lines_[i];
        fail("HEAD " + std::to_string(head) + " beyond the sentence's " +
             std::to_string(current_.words.size()) + " words");
      }
    }
    sentences_.push_back(std::move(current_));
    current_ = ConlluSentence{};
    head_lines_.clear();
    in_sentence_ = false;
    saw_token_line_ = false;
  }

  std::string_view text_;
  const std::string& name_;
  std::uint64_t line_no_ = 0;
  bool in_sentence_ = false;
  bool saw_token_line_ = false;
  ConlluSentence current_;
  std::vector<std::uint64_t> head_lines_;
  std::vector<ConlluSentence> sentences_;
};

}  // namespace

std::vector<ConlluSentence> parse_conllu(std::string_view text, const std::string& name) {
  return Parser(text, name).run();
}

std::vector<ConlluSentence> read_conllu(const std::filesystem::path& path) {
  const std::string name = path.string();
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw InputError(name, "is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(name, std::string("cannot open: ") + std::strerror(errno));
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw InputError(name, "cannot read");
  return parse_conllu(text, name);
}

std::size_t count_words(const std::vector<ConlluSentence>& sentences) {
  std::size_t n = 0;
  for (const ConlluSentence& s : sentences) n += s.words.size();
  return n;
}

}  // namespace kg::extract
