#pragma once
// XML escaping shared by the XML exporters (GraphML now, GEXF later).
//
// What it represents: the rule that turns any byte string into XML 1.0 character data.
// Requires: nothing; any bytes are accepted. Ensures: the result is well-formed UTF-8 that
// holds only XML 1.0 Chars; & < > " ' are always written as entities, so the same text is
// safe in element content and in single- or double-quoted attributes; CR is written as
// &#13; so parsers do not fold it, and in attributes TAB/LF are written as &#9;/&#10;
// so attribute-value normalisation keeps them. Characters XML cannot carry at all (C0
// controls other than TAB/LF/CR, U+FFFE, U+FFFF) and ill-formed UTF-8 become U+FFFD.
// Thread safety: stateless functions.
#include <string>
#include <string_view>

#include "export/utf8.h"

namespace kg::export_ {

enum class XmlContext { Text, Attribute };

inline void append_xml_escaped(std::string& out, std::string_view text,
                               XmlContext context = XmlContext::Text) {
  const bool attribute = context == XmlContext::Attribute;
  for_each_utf8_char(text, [&](char32_t cp, std::string_view bytes) {
    switch (cp) {
      case '&': out += "&amp;"; return;
      case '<': out += "&lt;"; return;
      case '>': out += "&gt;"; return;
      case '"': out += "&quot;"; return;
      case '\'': out += "&apos;"; return;
      case '\r': out += "&#13;"; return;
      case '\t': out += attribute ? "&#9;" : "\t"; return;
      case '\n': out += attribute ? "&#10;" : "\n"; return;
      default: break;
    }
    if (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF) {
      out += kReplacementUtf8;
    } else {
      out += bytes;
    }
  });
}

inline std::string xml_escape(std::string_view text, XmlContext context = XmlContext::Text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  append_xml_escaped(out, text, context);
  return out;
}

}  // namespace kg::export_
