#pragma once
// The text stage: raw file bytes -> the clean UTF-8 text a Document is built from.
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace kg::extract {

// One ill-formed UTF-8 sequence that decode_text() replaced by U+FFFD.
// `offset` is a byte offset into the ORIGINAL input (BOM included), so a user can find
// it with a hex editor; `length` is how many bytes the one U+FFFD replaced (1..3).
struct InvalidByte {
  std::uint64_t offset = 0;
  std::uint32_t length = 1;
};

// DecodedText: the result of decode_text().
//
// What it represents: either a binary file (binary == true, text empty, binary_reason
// says why) or normalised text.
// Ensures, for text: valid UTF-8 with no BOM, no NUL, no CR (CRLF and lone CR are LF),
// and every Unicode space (U+00A0, U+2000..U+200A, U+202F, U+3000) replaced by one ASCII
// space. Because of that folding, offsets into `text` are NOT offsets into the file:
// every later stage (tokens, evidence spans) counts bytes of `text`, the decoded
// document, while `invalid` keeps file offsets for error messages.
struct DecodedText {
  std::string text;
  std::vector<InvalidByte> invalid;  // in file order
  bool binary = false;
  std::string binary_reason;  // e.g. "NUL byte at offset 12"; empty unless binary
};

// Decodes and normalises raw bytes; never throws on bad content.
// A file is binary when it contains a NUL byte, starts with a UTF-16/UTF-32 byte order
// mark, or when it has at least 32 bytes and control characters (other than tab, LF, VT,
// FF, CR, ESC) and ill-formed UTF-8 bytes together make up more than 30% of them.
// Ill-formed sequences (stray continuation bytes, overlong forms, surrogates, code points
// above U+10FFFF, truncated sequences) become one U+FFFD per maximal subpart, the
// replacement policy of Unicode 15 section 3.9 and the WHATWG Encoding Standard.
// `file_name` is used only to name the file in debug logging.
DecodedText decode_text(std::string_view raw, const std::string& file_name);

// The whole file as bytes. Throws kg::InputError(path, reason) when the path is missing,
// is a directory, cannot be opened or read, or is larger than Token offsets can address
// (4 GiB). Non-regular files such as pipes (/dev/stdin, <(cmd)) are read normally.
std::string read_file(const std::filesystem::path& path);

// Everything left in `in` (used for "-", standard input); throws kg::InputError(name, ...)
// when the stream fails before its end.
std::string read_stream(std::istream& in, const std::string& name);

}  // namespace kg::extract
