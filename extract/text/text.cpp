#include "extract/text/text.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <istream>
#include <limits>
#include <system_error>

#include "extract/text/error.h"
#include "extract/text/log.h"

namespace kg::extract {
namespace {

// Token offsets are std::uint32_t, so a longer text could not be addressed.
constexpr std::uint64_t kMaxTextBytes = std::numeric_limits<std::uint32_t>::max();

// Percentage of control/ill-formed bytes above which a NUL-free file is still binary,
// judged only from this size on: a few bytes say too little about a file.
constexpr std::uint64_t kBinaryPercent = 30;
constexpr std::size_t kBinaryMinBytes = 32;

struct Sequence {
  char32_t code_point = 0;
  std::size_t length = 1;  // bytes consumed: the whole sequence, or its maximal invalid subpart
  bool valid = false;
};

// Decodes the multi-byte sequence starting at s[i] (s[i] >= 0x80), following the
// well-formed byte ranges of Unicode Table 3-7: the second-byte ranges after E0, ED, F0
// and F4 rule out overlongs, surrogates and code points above U+10FFFF.
Sequence decode_sequence(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned lead = byte(i);
  std::size_t trail = 0;
  unsigned lo = 0x80;
  unsigned hi = 0xBF;
  char32_t cp = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    trail = 1;
    cp = lead & 0x1Fu;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    trail = 2;
    cp = lead & 0x0Fu;
    if (lead == 0xE0) lo = 0xA0;  // overlong
    if (lead == 0xED) hi = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    trail = 3;
    cp = lead & 0x07u;
    if (lead == 0xF0) lo = 0x90;  // overlong
    if (lead == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return {};  // continuation byte, C0/C1 overlong lead, or F5..FF
  }
  for (std::size_t k = 1; k <= trail; ++k) {
    if (i + k >= s.size()) return {0, k, false};  // truncated at end of input
    const unsigned b = byte(i + k);
    if (b < lo || b > hi) return {0, k, false};
    cp = (cp << 6) | (b & 0x3Fu);
    lo = 0x80;
    hi = 0xBF;
  }
  return {cp, trail + 1, true};
}

bool is_unicode_space(char32_t cp) {
  return cp == 0x00A0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x3000;
}

// Control bytes that do not occur in ordinary text (tab, LF, VT, FF, CR and ESC do).
bool is_odd_control(unsigned char b) {
  return (b < 0x20 && b != '\t' && b != '\n' && b != '\v' && b != '\f' && b != '\r' &&
          b != 0x1B) ||
         b == 0x7F;
}

DecodedText binary(std::string reason) {
  DecodedText result;
  result.binary = true;
  result.binary_reason = std::move(reason);
  return result;
}

}  // namespace

DecodedText decode_text(std::string_view raw, const std::string& file_name) {
  if (raw.size() >= 2 && ((raw[0] == '\xFF' && raw[1] == '\xFE') ||
                          (raw[0] == '\xFE' && raw[1] == '\xFF'))) {
    return binary("UTF-16 or UTF-32 byte order mark; convert the file to UTF-8");
  }
  if (const auto nul = raw.find('\0'); nul != std::string_view::npos) {
    return binary("NUL byte at offset " + std::to_string(nul));
  }

  DecodedText result;
  result.text.reserve(raw.size());
  std::size_t i = raw.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  std::uint64_t odd_bytes = 0;
  while (i < raw.size()) {
    const auto b = static_cast<unsigned char>(raw[i]);
    if (b == '\r') {
      result.text += '\n';
      i += (i + 1 < raw.size() && raw[i + 1] == '\n') ? 2 : 1;
    } else if (b < 0x80) {
      if (is_odd_control(b)) ++odd_bytes;
      result.text += static_cast<char>(b);
      ++i;
    } else if (const Sequence seq = decode_sequence(raw, i); !seq.valid) {
      result.invalid.push_back({i, static_cast<std::uint32_t>(seq.length)});
      odd_bytes += seq.length;
      result.text += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
      i += seq.length;
    } else if (is_unicode_space(seq.code_point)) {
      result.text += ' ';
      i += seq.length;
    } else {
      result.text.append(raw.substr(i, seq.length));
      i += seq.length;
    }
  }

  if (raw.size() >= kBinaryMinBytes && odd_bytes * 100 > raw.size() * kBinaryPercent) {
    return binary("mostly non-text: " + std::to_string(odd_bytes) + " of " +
                  std::to_string(raw.size()) +
                  " bytes are control characters or invalid UTF-8");
  }
  if (!result.invalid.empty()) {
    log::debug("{}: {} invalid UTF-8 sequence(s) replaced by U+FFFD", file_name,
               result.invalid.size());
  }
  return result;
}

std::string read_stream(std::istream& in, const std::string& name) {
  std::string data;
  char buffer[1 << 16];
  while (in) {
    in.read(buffer, sizeof buffer);
    data.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (data.size() > kMaxTextBytes) {
      throw InputError(name, "too large: more than 4 GiB of text");
    }
  }
  if (in.bad()) throw InputError(name, "read error");
  return data;
}

std::string read_file(const std::filesystem::path& path) {
  namespace fs = std::filesystem;
  const std::string name = path.string();
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (status.type() == fs::file_type::not_found) {
    throw InputError(name, "no such file or directory");
  }
  if (ec) throw InputError(name, ec.message());
  if (status.type() == fs::file_type::directory) throw InputError(name, "is a directory");
  if (status.type() == fs::file_type::regular) {
    const std::uintmax_t size = fs::file_size(path, ec);
    if (!ec && size > kMaxTextBytes) throw InputError(name, "too large: more than 4 GiB of text");
  }

  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int error = errno;
    throw InputError(name, error != 0 ? "cannot open: " + std::generic_category().message(error)
                                      : std::string("cannot open"));
  }
  return read_stream(in, name);
}

}  // namespace kg::extract
