#pragma once
// CoNLL-U reader (https://universaldependencies.org/format.html) for training and
// evaluating the tagger and the parser on Universal Dependencies treebanks.
//
// What it reads: sentences separated by blank lines; comment lines ("# key = value");
// word lines of ten tab-separated fields ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC.
// Multiword-token ranges (3-4) and empty nodes (5.1) are skipped, so `words` are the
// syntactic words with ids 1..n. "# text" and "# sent_id" are kept, every comment is too;
// comments not followed by any word line (a file header) are dropped.
// Requires: UTF-8 text; "\r\n" line ends are accepted.
// Ensures: for every sentence, words[i].id == i + 1 and every head is -1 ("_") or in
// 0..words.size(). Any violation throws kg::InputError "FILE:LINE: reason".
// Thread safety: stateless functions.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace kg::extract {

struct ConlluWord {
  std::uint32_t id = 0;
  std::string form, lemma, upos, xpos, feats;
  int head = -1;  // 0 = root; -1 when the field is "_"
  std::string deprel, deps, misc;
};

struct ConlluSentence {
  std::string sent_id;  // "# sent_id = ..." (empty when absent)
  std::string text;     // "# text = ..." (empty when absent)
  std::vector<std::string> comments;  // every comment line, without the leading "#" and one space
  std::vector<ConlluWord> words;
  std::uint64_t line = 0;  // line of the first word, for messages
};

// Parses a whole CoNLL-U text; `name` is used in messages.
std::vector<ConlluSentence> parse_conllu(std::string_view text, const std::string& name);
// Reads and parses a file; a missing or unreadable file throws kg::InputError.
std::vector<ConlluSentence> read_conllu(const std::filesystem::path& path);

// The number of words in `sentences`.
std::size_t count_words(const std::vector<ConlluSentence>& sentences);

}  // namespace kg::extract
