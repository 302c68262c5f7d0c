#include "extract/text/text.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "extract/text/error.h"

using kg::extract::decode_text;
using kg::extract::DecodedText;

namespace {

DecodedText decode(std::string_view raw) { return decode_text(raw, "test.txt"); }

std::vector<std::uint64_t> offsets(const DecodedText& d) {
  std::vector<std::uint64_t> result;
  for (const auto& bad : d.invalid) result.push_back(bad.offset);
  return result;
}

using Offsets = std::vector<std::uint64_t>;

}  // namespace

TEST_CASE("decode_text: plain ASCII passes through unchanged") {
  const auto d = decode("Putin met Trump.\n");
  CHECK(d.text == "Putin met Trump.\n");
  CHECK(d.invalid.empty());
  CHECK_FALSE(d.binary);
}

TEST_CASE("decode_text: empty input is empty text, not binary") {
  const auto d = decode("");
  CHECK(d.text.empty());
  CHECK_FALSE(d.binary);
}

TEST_CASE("decode_text: valid multi-byte UTF-8 is kept byte for byte") {
  const std::string s = "Zürich – 東京 😀 “quoted”";
  CHECK(decode(s).text == s);
  CHECK(decode(s).invalid.empty());
}

TEST_CASE("decode_text: a UTF-8 BOM is stripped") {
  CHECK(decode("\xEF\xBB\xBFMoscow").text == "Moscow");
}

TEST_CASE("decode_text: a BOM-only file decodes to empty text") {
  CHECK(decode("\xEF\xBB\xBF").text.empty());
}

TEST_CASE("decode_text: a BOM later in the file is not stripped") {
  CHECK(decode("a\xEF\xBB\xBF").text == "a\xEF\xBB\xBF");
}

TEST_CASE("decode_text: CRLF becomes LF") {
  CHECK(decode("one\r\ntwo\r\n").text == "one\ntwo\n");
}

TEST_CASE("decode_text: a lone CR becomes LF") {
  CHECK(decode("one\rtwo\r").text == "one\ntwo\n");
}

TEST_CASE("decode_text: CR CR LF becomes two line breaks") {
  CHECK(decode("a\r\r\nb").text == "a\n\nb");
}

TEST_CASE("decode_text: NBSP becomes one ASCII space") {
  CHECK(decode("Mr.\xC2\xA0Putin").text == "Mr. Putin");
}

TEST_CASE("decode_text: U+2000 through U+200A become spaces") {
  for (char last = '\x80'; last != '\x8B'; ++last) {
    const std::string space = std::string("\xE2\x80") + last;
    CHECK(decode("a" + space + "b").text == "a b");
  }
}

TEST_CASE("decode_text: narrow NBSP U+202F becomes a space") {
  CHECK(decode("10\xE2\x80\xAFkm").text == "10 km");
}

TEST_CASE("decode_text: ideographic space U+3000 becomes a space") {
  CHECK(decode("a\xE3\x80\x80z").text == "a z");
}

TEST_CASE("decode_text: zero-width space U+200B is not a space and is kept") {
  CHECK(decode("a\xE2\x80\x8Bz").text == "a\xE2\x80\x8Bz");
}

TEST_CASE("decode_text: tabs and form feeds are kept") {
  CHECK(decode("a\tb\fc").text == "a\tb\fc");
}

TEST_CASE("decode_text: a stray continuation byte is replaced") {
  const auto d = decode("ab\x80z");
  CHECK(d.text == "ab\xEF\xBF\xBDz");
  CHECK(offsets(d) == Offsets{2});
}

TEST_CASE("decode_text: a Latin-1 byte is replaced and reported at its offset") {
  const auto d = decode("caf\xE9 au lait");
  CHECK(d.text == "caf\xEF\xBF\xBD au lait");
  CHECK(offsets(d) == Offsets{3});
}

TEST_CASE("decode_text: 2-byte overlong C0 80 gives two replacements") {
  const auto d = decode("a\xC0\x80z");
  CHECK(d.text == "a\xEF\xBF\xBD\xEF\xBF\xBDz");
  CHECK(offsets(d) == Offsets{1, 2});
}

TEST_CASE("decode_text: 3-byte overlong E0 80 AF is replaced per byte") {
  CHECK(offsets(decode("\xE0\x80\xAF")) == Offsets{0, 1, 2});
}

TEST_CASE("decode_text: 4-byte overlong F0 80 80 80 is replaced per byte") {
  CHECK(offsets(decode("\xF0\x80\x80\x80")) == Offsets{0, 1, 2, 3});
}

TEST_CASE("decode_text: an encoded surrogate ED A0 80 is replaced") {
  const auto d = decode("x\xED\xA0\x80y");
  CHECK(offsets(d) == Offsets{1, 2, 3});
  CHECK(d.text == "x\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDy");
}

TEST_CASE("decode_text: the last code point before surrogates ED 9F BF is valid") {
  CHECK(decode("\xED\x9F\xBF").invalid.empty());
}

TEST_CASE("decode_text: a code point above U+10FFFF (F4 90 80 80) is replaced") {
  CHECK(offsets(decode("\xF4\x90\x80\x80")) == Offsets{0, 1, 2, 3});
}

TEST_CASE("decode_text: U+10FFFF itself (F4 8F BF BF) is valid") {
  CHECK(decode("\xF4\x8F\xBF\xBF").invalid.empty());
}

TEST_CASE("decode_text: lead bytes F5..FF are replaced") {
  CHECK(offsets(decode("ok \xF5 \xFF")) == Offsets{3, 5});
}

TEST_CASE("decode_text: a sequence truncated at end of input is one replacement") {
  const auto d = decode("end\xE2\x82");
  CHECK(d.text == "end\xEF\xBF\xBD");
  REQUIRE(d.invalid.size() == 1);
  CHECK(d.invalid[0].offset == 3);
  CHECK(d.invalid[0].length == 2);
}

TEST_CASE("decode_text: a sequence truncated by an ASCII byte keeps the ASCII byte") {
  const auto d = decode("\xE2\x82" "A");
  CHECK(d.text == "\xEF\xBF\xBD" "A");
  CHECK(offsets(d) == Offsets{0});
}

TEST_CASE("decode_text: invalid offsets count the BOM (they are file offsets)") {
  const auto d = decode("\xEF\xBB\xBF" "ab\xFF");
  CHECK(d.text == "ab\xEF\xBF\xBD");
  CHECK(offsets(d) == Offsets{5});
}

TEST_CASE("decode_text: invalid offsets are not shifted by CRLF folding") {
  CHECK(offsets(decode("a\r\nb\xFF")) == Offsets{4});
}

TEST_CASE("decode_text: a NUL byte makes the file binary and names the offset") {
  const auto d = decode(std::string("text\0more", 9));
  CHECK(d.binary);
  CHECK(d.text.empty());
  CHECK(d.binary_reason == "NUL byte at offset 4");
}

TEST_CASE("decode_text: a UTF-16 byte order mark makes the file binary") {
  const auto d = decode(std::string("\xFF\xFEh\0i\0", 6));
  CHECK(d.binary);
  CHECK(d.binary_reason.find("UTF-16") != std::string::npos);
}

TEST_CASE("decode_text: mostly control characters is binary") {
  const auto d = decode(std::string(20, '\x01') + "twenty chars of text");
  CHECK(d.binary);
  CHECK(d.binary_reason == "mostly non-text: 20 of 40 bytes are control characters or invalid UTF-8");
}

TEST_CASE("decode_text: mostly invalid UTF-8 is binary") {
  CHECK(decode(std::string(20, '\xFF') + "twenty chars of text").binary);
}

TEST_CASE("decode_text: short inputs are judged binary only by NUL bytes") {
  CHECK_FALSE(decode("\x01\x02\x03\xFF").binary);
}

TEST_CASE("decode_text: a few invalid bytes in long text is still text") {
  const auto d = decode("A sentence with one \xFF bad byte in it.");
  CHECK_FALSE(d.binary);
  CHECK(d.invalid.size() == 1);
}

TEST_CASE("decode_text: output is always valid UTF-8 without CR") {
  std::string all;
  for (int b = 1; b < 256; ++b) all += static_cast<char>(b);
  std::string text;
  for (int i = 0; i < 20; ++i) text += "Some ordinary words to keep this text.\r\n";
  text += all + all;
  const auto d = decode(text);
  REQUIRE_FALSE(d.binary);
  CHECK(decode(d.text).invalid.empty());
  CHECK(d.text.find('\r') == std::string::npos);
}

namespace {

// A fresh directory under the system temp dir, removed on scope exit.
struct ScratchDir {
  std::filesystem::path path;
  ScratchDir() {
    path = std::filesystem::temp_directory_path() /
           ("kg_text_test_" + std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

}  // namespace

TEST_CASE("read_file: returns the bytes of a file exactly") {
  ScratchDir dir;
  const std::string bytes("a\r\nb\0\xFF", 6);
  std::ofstream(dir.path / "f.txt", std::ios::binary) << bytes;
  CHECK(kg::extract::read_file(dir.path / "f.txt") == bytes);
}

TEST_CASE("read_file: a missing file throws InputError naming it") {
  ScratchDir dir;
  const auto missing = dir.path / "missing.txt";
  try {
    kg::extract::read_file(missing);
    FAIL("no exception");
  } catch (const kg::InputError& e) {
    CHECK(e.file() == missing.string());
    CHECK(e.reason() == "no such file or directory");
  }
}

TEST_CASE("read_file: a directory throws InputError") {
  ScratchDir dir;
  try {
    kg::extract::read_file(dir.path);
    FAIL("no exception");
  } catch (const kg::InputError& e) {
    CHECK(e.reason() == "is a directory");
  }
}

TEST_CASE("read_stream: reads everything left in a stream") {
  std::istringstream in("from stdin\n");
  CHECK(kg::extract::read_stream(in, "-") == "from stdin\n");
}
