#include "export/utf8.h"

#include <doctest/doctest.h>

#include <random>

#include "export/dot_exporter.h"
#include "export/xml_escape.h"

namespace kg::export_ {

TEST_CASE("utf8: well-formed text passes, each maximal ill-formed subpart becomes one U+FFFD") {
  const std::string r(kReplacementUtf8);
  struct Case {
    std::string in, out;
  };
  const Case cases[] = {
      {"", ""},
      {"ascii \x7f", "ascii \x7f"},
      {std::string("nul\0", 4), std::string("nul\0", 4)},
      {"\xc2\x80 \xdf\xbf \xe0\xa0\x80 \xed\x9f\xbf \xee\x80\x80 \xef\xbf\xbf \xf0\x90\x80\x80 \xf4\x8f\xbf\xbf",
       "\xc2\x80 \xdf\xbf \xe0\xa0\x80 \xed\x9f\xbf \xee\x80\x80 \xef\xbf\xbf \xf0\x90\x80\x80 \xf4\x8f\xbf\xbf"},
      {"\x80", r},                           // lone continuation byte
      {"\xc0\xaf", r + r},                   // overlong '/'
      {"\xe0\x80\xaf", r + r + r},           // overlong, three bytes
      {"\xed\xa0\x80", r + r + r},           // surrogate U+D800
      {"\xf4\x90\x80\x80", r + r + r + r},   // above U+10FFFF
      {"\xf5\x80", r + r},                   // never a lead byte
      {"\xe2\x82", r},                       // truncated: one maximal subpart
      {"\xe2\x82x", r + "x"},
      {"\xf0\x9f\x99", r},
      {"\xf0\x9f\x99\xf0\x9f\x99\x82", r + "\xf0\x9f\x99\x82"},
      {"a\xff" "b\xfe", "a" + r + "b" + r},
  };
  for (const Case& c : cases) {
    CAPTURE(c.in);
    CHECK(valid_utf8(c.in) == c.out);
    CHECK(is_valid_utf8(c.in) == (c.in == c.out));
  }
}

TEST_CASE("utf8: decode_utf8 gives code points") {
  CHECK(decode_utf8("A", 0).code_point == U'A');
  CHECK(decode_utf8("\xc3\xa9", 0).code_point == U'\u00e9');
  CHECK(decode_utf8("\xe2\x82\xac", 0).code_point == U'\u20ac');
  CHECK(decode_utf8("\xf0\x9f\x99\x82", 0).code_point == U'\U0001F642');
  const Utf8Step bad = decode_utf8("\xe2\x82", 0);
  CHECK_FALSE(bad.valid);
  CHECK(bad.length == 2);
  CHECK(bad.code_point == kReplacementChar);
}

TEST_CASE("utf8: random bytes always give valid UTF-8 through every escaper") {
  std::mt19937 rng(20240229);  // fixed seed: the same inputs on every run
  std::uniform_int_distribution<int> byte(0, 255), length(0, 40);
  for (int round = 0; round < 2000; ++round) {
    std::string s(static_cast<std::size_t>(length(rng)), '\0');
    for (char& c : s) c = static_cast<char>(byte(rng));
    CAPTURE(s);
    const std::string repaired = valid_utf8(s);
    CHECK(is_valid_utf8(repaired));
    CHECK(valid_utf8(repaired) == repaired);
    for (XmlContext context : {XmlContext::Text, XmlContext::Attribute}) {
      const std::string xml = xml_escape(s, context);
      bool clean = is_valid_utf8(xml);
      for (unsigned char c : xml) clean = clean && (c >= 0x20 || c == '\t' || c == '\n') && c != '<' && c != '"';
      CHECK(clean);
    }
    // A DOT string: quoted, no control bytes, every backslash starts \\, \" or \n.
    const std::string dot = dot_quote(s);
    bool clean = is_valid_utf8(dot) && dot.size() >= 2 && dot.front() == '"' && dot.back() == '"';
    for (std::size_t i = 1; clean && i + 1 < dot.size(); ++i) {
      clean = static_cast<unsigned char>(dot[i]) >= 0x20 && dot[i] != 0x7F && dot[i] != '"';
      if (dot[i] == '\\') {
        ++i;
        clean = clean && i + 1 < dot.size() && (dot[i] == '\\' || dot[i] == '"' || dot[i] == 'n');
      }
    }
    CHECK(clean);
  }
}

}  // namespace kg::export_
