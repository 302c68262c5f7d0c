#include "export/records.h"

#include <cstdint>
#include <map>
#include <optional>
#include <unordered_map>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "export/json_nesting.h"
#include "export/json_write.h"
#include "export/utf8.h"
#include "extract/kg/relation_class.h"
#include "extract/text/dateline.h"
#include "extract/text/error.h"

namespace kg::export_ {
namespace {

// ---- writing ----

template <class Writer>
void put_end(Writer& w, std::string_view key, std::uint32_t index, const graph::EntityRecord& entity) {
  put_key(w, key);
  w.StartObject();
  put_key(w, "index");
  w.Uint(index);
  put_field(w, "name", entity.name);
  put_field(w, "type", extract::to_string(entity.type));
  w.EndObject();
}

template <class TargetEncoding>
void write_lines(const graph::DocumentRecord& r, const std::function<void(std::string_view)>& line) {
  using Writer = rapidjson::Writer<rapidjson::StringBuffer, rapidjson::UTF8<>, TargetEncoding>;
  rapidjson::StringBuffer buffer;
  const auto emit = [&](auto&& body) {
    buffer.Clear();
    Writer w(buffer);
    w.StartObject();
    body(w);
    w.EndObject();
    line(std::string_view(buffer.GetString(), buffer.GetSize()));
  };
  const auto head = [&](Writer& w, std::string_view type) {
    put_field(w, "type", type);
    put_field(w, "document", r.name);
  };
  emit([&](Writer& w) {
    head(w, "document");
    put_key(w, "entities");
    w.Uint64(r.entities.size());
    put_key(w, "triples");
    w.Uint64(r.triples.size());
    if (!r.date.empty()) {
      put_field(w, "date", r.date);
    }
  });
  for (std::size_t i = 0; i < r.entities.size(); ++i) {
    const graph::EntityRecord& e = r.entities[i];
    emit([&](Writer& w) {
      head(w, "entity");
      put_key(w, "index");
      w.Uint64(i);
      put_field(w, "name", e.name);
      put_field(w, "entity_type", extract::to_string(e.type));
      put_field(w, "key", e.key);
      put_strings(w, "aliases", e.aliases);
      put_strings(w, "titles", e.titles);
      put_key(w, "mentions");
      w.Uint(e.mentions);
    });
  }
  for (std::size_t j = 0; j < r.triples.size(); ++j) {
    const graph::TripleRecord& t = r.triples[j];
    // An end outside the record (only a hand-built record can have one) is written with
    // an empty name; the reader then rejects it, as add_record would.
    const graph::EntityRecord none;
    const auto entity = [&](std::uint32_t k) -> const graph::EntityRecord& {
      return k < r.entities.size() ? r.entities[k] : none;
    };
    emit([&](Writer& w) {
      head(w, "triple");
      put_key(w, "index");
      w.Uint64(j);
      put_end(w, "subject", t.subject, entity(t.subject));
      put_field(w, "relation", t.relation);
      put_field(w, "label", t.label);
      put_field(w, "class", extract::to_string(t.relation_class));
      put_end(w, "object", t.object, entity(t.object));
      put_key(w, "sentence");
      w.Uint(t.sentence);
      put_key(w, "begin");
      w.Uint(t.begin);
      put_key(w, "end");
      w.Uint(t.end);
      put_field(w, "evidence", t.evidence);
    });
  }
}

// ---- reading ----

[[noreturn]] void fail(const std::string& where, const std::string& reason) {
  throw InputError(where, reason);
}

std::string quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

const rapidjson::Value& member(const rapidjson::Value& object, const char* name, const std::string& where) {
  const auto it = object.FindMember(name);
  if (it == object.MemberEnd()) fail(where, std::string("missing \"") + name + "\"");
  return it->value;
}

std::string string_member(const rapidjson::Value& object, const char* name, const std::string& where) {
  const rapidjson::Value& v = member(object, name, where);
  if (!v.IsString()) fail(where, std::string("\"") + name + "\" must be a string");
  return std::string(v.GetString(), v.GetStringLength());
}

std::uint32_t u32_member(const rapidjson::Value& object, const char* name, const std::string& where) {
  const rapidjson::Value& v = member(object, name, where);
  if (!v.IsUint()) fail(where, std::string("\"") + name + "\" must be a whole number from 0 to 4294967295");
  return v.GetUint();
}

std::vector<std::string> strings_member(const rapidjson::Value& object, const char* name,
                                        const std::string& where) {
  const rapidjson::Value& v = member(object, name, where);
  std::vector<std::string> out;
  if (v.IsArray()) {
    for (const auto& item : v.GetArray()) {
      if (!item.IsString()) break;
      out.emplace_back(item.GetString(), item.GetStringLength());
    }
  }
  if (!v.IsArray() || out.size() != v.Size()) fail(where, std::string("\"") + name + "\" must be an array of strings");
  return out;
}

extract::EntityType type_member(const rapidjson::Value& object, const char* name, const std::string& where) {
  const std::string type = string_member(object, name, where);
  const auto parsed = extract::entity_type_from_string(type);
  if (!parsed) fail(where, "unknown entity type " + quoted(type));
  return *parsed;
}

extract::RelationClass class_member(const rapidjson::Value& object, const char* name, const std::string& where) {
  const std::string value = string_member(object, name, where);
  const auto parsed = extract::relation_class_from_string(value);
  if (!parsed) fail(where, "unknown relation class " + quoted(value));
  return *parsed;
}

// A triple's subject or object as the line states it, checked against the entity later.
struct End {
  std::uint32_t index = 0;
  std::string name;
  extract::EntityType type = extract::EntityType::Org;
};

End end_member(const rapidjson::Value& object, const char* name, const std::string& where) {
  const rapidjson::Value& v = member(object, name, where);
  if (!v.IsObject()) fail(where, std::string("\"") + name + "\" must be an object");
  return {u32_member(v, "index", where), string_member(v, "name", where), type_member(v, "type", where)};
}

// One document's lines as they arrive, in any order.
struct Pending {
  std::string name;
  std::string first_where;               // the first line seen, for "no document line"
  std::optional<std::string> head_where;  // the document line
  std::uint32_t entity_count = 0;
  std::string date;  // optional "date" of the document line
  std::uint32_t triple_count = 0;
  std::map<std::uint32_t, std::pair<graph::EntityRecord, std::string>> entities;
  struct Triple {
    graph::TripleRecord record;
    End subject, object;
    std::string where;
  };
  std::map<std::uint32_t, Triple> triples;
};

class Collector {
 public:
  void add(const rapidjson::Value& line, const std::string& where) {
    if (!line.IsObject()) fail(where, "not a JSON object");
    const std::string type = string_member(line, "type", where);
    const std::string name = string_member(line, "document", where);
    Pending& doc = pending(name, where);
    if (type == "document") {
      if (doc.head_where) fail(where, "document " + quoted(name) + " given twice (also " + *doc.head_where + ")");
      doc.entity_count = u32_member(line, "entities", where);
      if (line.HasMember("date")) doc.date = string_member(line, "date", where);
      if (!doc.date.empty() && !extract::is_iso_date(doc.date))
        fail(where, "\"date\" " + quoted(doc.date) + " is not a day as YYYY-MM-DD");
      doc.triple_count = u32_member(line, "triples", where);
      doc.head_where = where;
    } else if (type == "entity") {
      const std::uint32_t index = u32_member(line, "index", where);
      graph::EntityRecord e{string_member(line, "name", where), type_member(line, "entity_type", where),
                            string_member(line, "key", where), strings_member(line, "aliases", where),
                            strings_member(line, "titles", where), u32_member(line, "mentions", where)};
      const auto [it, added] = doc.entities.try_emplace(index, std::move(e), where);
      if (!added) fail(where, "entity " + std::to_string(index) + " of " + quoted(name) + " given twice (also " + it->second.second + ")");
    } else if (type == "triple") {
      const std::uint32_t index = u32_member(line, "index", where);
      Pending::Triple t;
      t.subject = end_member(line, "subject", where);
      t.object = end_member(line, "object", where);
      t.record = {t.subject.index, t.object.index, string_member(line, "relation", where),
                  string_member(line, "label", where), u32_member(line, "sentence", where),
                  u32_member(line, "begin", where), u32_member(line, "end", where),
                  string_member(line, "evidence", where)};
      const graph::TripleRecord& r = t.record;
      if (r.begin > r.end)
        fail(where, "\"begin\" " + std::to_string(r.begin) + " is after \"end\" " + std::to_string(r.end));
      if (r.end - r.begin > r.evidence.size())
        fail(where, "\"begin\" to \"end\" spans " + std::to_string(r.end - r.begin) +
                        " bytes, more than the " + std::to_string(r.evidence.size()) + " of its \"evidence\" sentence");
      // A record written before relation classes (kgbuild 0.1 without "class") gets the
      // class the pipeline would give its relation now.
      t.record.relation_class = line.HasMember("class")
                                    ? class_member(line, "class", where)
                                    : extract::classify_relation(t.record.relation, t.subject.type, t.object.type);
      t.where = where;
      const auto [it, added] = doc.triples.try_emplace(index, std::move(t));
      if (!added) fail(where, "triple " + std::to_string(index) + " of " + quoted(name) + " given twice (also " + it->second.where + ")");
    } else {
      fail(where, "unknown \"type\" " + quoted(type) + " (expected document, entity or triple)");
    }
  }

  std::vector<graph::DocumentRecord> finish() {
    std::vector<graph::DocumentRecord> out;
    out.reserve(docs_.size());
    for (Pending& doc : docs_) out.push_back(complete(doc));
    return out;
  }

 private:
  Pending& pending(const std::string& name, const std::string& where) {
    const auto [it, added] = by_name_.try_emplace(name, docs_.size());
    if (added) {
      docs_.emplace_back();
      docs_.back().name = name;
      docs_.back().first_where = where;
    }
    return docs_[it->second];
  }

  static graph::DocumentRecord complete(Pending& doc) {
    const std::string name = quoted(doc.name);
    if (!doc.head_where) fail(doc.first_where, "no document line for " + name);
    const std::string& head = *doc.head_where;
    graph::DocumentRecord record;
    record.name = doc.name;
    record.date = doc.date;
    for (auto& [index, entry] : doc.entities) {
      if (index >= doc.entity_count)
        fail(entry.second, "entity " + std::to_string(index) + " out of range: " + name + " has " +
                               std::to_string(doc.entity_count) + " (" + head + ")");
      if (index != record.entities.size()) break;
      record.entities.push_back(std::move(entry.first));
    }
    if (record.entities.size() != doc.entity_count)
      fail(head, name + ": entity " + std::to_string(record.entities.size()) + " of " +
                     std::to_string(doc.entity_count) + " missing (truncated file?)");
    check_sentences(doc);
    for (auto& [index, t] : doc.triples) {
      if (index >= doc.triple_count)
        fail(t.where, "triple " + std::to_string(index) + " out of range: " + name + " has " +
                          std::to_string(doc.triple_count) + " (" + head + ")");
      if (index != record.triples.size()) break;
      for (const auto* end : {&t.subject, &t.object}) {
        const char* role = end == &t.subject ? "subject" : "object";
        if (end->index >= record.entities.size())
          fail(t.where, std::string(role) + " index " + std::to_string(end->index) + " out of range: " + name +
                            " has " + std::to_string(record.entities.size()) + " entities");
        const graph::EntityRecord& e = record.entities[end->index];
        if (e.name != end->name || e.type != end->type)
          fail(t.where, std::string(role) + " " + quoted(end->name) + " (" + std::string(extract::to_string(end->type)) +
                            ") is not entity " + std::to_string(end->index) + " " + quoted(e.name) + " (" +
                            std::string(extract::to_string(e.type)) + ")");
      }
      record.triples.push_back(std::move(t.record));
    }
    if (record.triples.size() != doc.triple_count)
      fail(head, name + ": triple " + std::to_string(record.triples.size()) + " of " +
                     std::to_string(doc.triple_count) + " missing (truncated file?)");
    return record;
  }

  // The triples of one sentence quote the same evidence, and a sentence's statements end
  // before those of a later sentence begin (sentences are consecutive spans of the text).
  static void check_sentences(const Pending& doc) {
    struct Sentence {
      const Pending::Triple* first;  // the first triple naming it
      std::uint32_t begin, end;      // the smallest begin and largest end of its triples
    };
    std::map<std::uint32_t, Sentence> sentences;
    for (const auto& [index, t] : doc.triples) {
      const graph::TripleRecord& r = t.record;
      const auto [it, added] = sentences.try_emplace(r.sentence, Sentence{&t, r.begin, r.end});
      if (added) continue;
      if (it->second.first->record.evidence != r.evidence)
        fail(t.where, "\"evidence\" of sentence " + std::to_string(r.sentence) + " differs from the one in " +
                          it->second.first->where);
      it->second.begin = std::min(it->second.begin, r.begin);
      it->second.end = std::max(it->second.end, r.end);
    }
    const Sentence* previous = nullptr;
    std::uint32_t previous_number = 0;
    for (const auto& [number, sentence] : sentences) {
      if (previous && sentence.begin < previous->end)
        fail(sentence.first->where, "sentence " + std::to_string(number) + " (\"begin\" " +
                                        std::to_string(sentence.begin) + ") starts before sentence " +
                                        std::to_string(previous_number) + " ends (\"end\" " +
                                        std::to_string(previous->end) + ", " + previous->first->where + ")");
      previous = &sentence;
      previous_number = number;
    }
  }

  std::vector<Pending> docs_;
  std::unordered_map<std::string, std::size_t> by_name_;
};

constexpr unsigned kParseFlags = rapidjson::kParseValidateEncodingFlag | rapidjson::kParseIterativeFlag;

std::string nesting_reason() { return "nesting deeper than " + std::to_string(kMaxJsonNesting); }

void parse_line(Collector& collector, std::string_view line, const std::string& where) {
  if (const auto deep = too_deep(line)) fail(where, nesting_reason() + " (column " + std::to_string(deep->offset + 1) + ")");
  rapidjson::Document json;
  json.Parse<kParseFlags>(line.data(), line.size());
  if (json.HasParseError()) {
    fail(where, std::string("invalid JSON: ") + rapidjson::GetParseError_En(json.GetParseError()) +
                    " (column " + std::to_string(json.GetErrorOffset() + 1) + ")");
  }
  collector.add(json, where);
}

bool is_blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// Splits `text` into lines and feeds the non-blank ones; where(n) names line n.
template <class Where>
std::vector<graph::DocumentRecord> read_lines(std::string_view text, Where where) {
  Collector collector;
  std::size_t number = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    const std::string_view line = text.substr(pos, end - pos);
    ++number;
    if (!is_blank(line)) parse_line(collector, line, where(number));
    pos = end + 1;
  }
  return collector.finish();
}

std::vector<graph::DocumentRecord> read_node_link(std::string_view text, const std::string& file) {
  if (const auto deep = too_deep(text)) fail(file + ":" + std::to_string(deep->line), nesting_reason());
  rapidjson::Document json;
  json.Parse<kParseFlags>(text.data(), text.size());
  if (json.HasParseError()) {
    throw InputError(file, std::string("neither JSON Lines nor JSON: ") +
                               rapidjson::GetParseError_En(json.GetParseError()),
                     json.GetErrorOffset());
  }
  const std::string attribute(kRecordsAttribute);
  const rapidjson::Value* records = nullptr;
  if (json.IsObject() && json.HasMember("graph") && json["graph"].IsObject()) {
    const auto it = json["graph"].FindMember(attribute.c_str());
    if (it != json["graph"].MemberEnd() && it->value.IsArray()) records = &it->value;
  }
  if (!records) {
    fail(file, "no graph." + attribute + " array: not a node-link graph written by kgbuild 0.1 or later");
  }
  Collector collector;
  rapidjson::SizeType i = 0;
  for (const auto& line : records->GetArray()) {
    collector.add(line, file + ": graph." + attribute + "[" + std::to_string(i++) + "]");
  }
  return collector.finish();
}

// ---- GraphML: just enough XML to find one graph <data> of kgbuild's own files ----

// The value of attribute `name` in the tag text `tag` ("key id=\"a\" for='graph'"), if any.
std::optional<std::string> xml_attribute(std::string_view tag, std::string_view name) {
  for (std::size_t pos = 0; (pos = tag.find(name, pos)) != std::string_view::npos; pos += name.size()) {
    const bool starts = pos > 0 && (tag[pos - 1] == ' ' || tag[pos - 1] == '\t' || tag[pos - 1] == '\n' || tag[pos - 1] == '\r');
    std::size_t i = pos + name.size();
    while (i < tag.size() && (tag[i] == ' ' || tag[i] == '\t' || tag[i] == '\n' || tag[i] == '\r')) ++i;
    if (!starts || i >= tag.size() || tag[i] != '=') continue;
    ++i;
    while (i < tag.size() && (tag[i] == ' ' || tag[i] == '\t' || tag[i] == '\n' || tag[i] == '\r')) ++i;
    if (i >= tag.size() || (tag[i] != '"' && tag[i] != '\'')) continue;
    const std::size_t close = tag.find(tag[i], i + 1);
    if (close == std::string_view::npos) return std::nullopt;
    return std::string(tag.substr(i + 1, close - i - 1));
  }
  return std::nullopt;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// XML character data with its entity and character references and CDATA sections resolved.
std::string xml_text(std::string_view s, const std::string& file) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (s.compare(i, 9, "<![CDATA[") == 0) {
      const std::size_t end = s.find("]]>", i + 9);
      if (end == std::string_view::npos) fail(file, "unterminated CDATA section in " + std::string(kRecordsAttribute));
      out += s.substr(i + 9, end - i - 9);
      i = end + 3;
      continue;
    }
    if (s[i] != '&') {
      out += s[i++];
      continue;
    }
    const std::size_t semi = s.find(';', i);
    if (semi == std::string_view::npos) fail(file, "unterminated reference in " + std::string(kRecordsAttribute));
    const std::string_view ref = s.substr(i + 1, semi - i - 1);
    if (ref == "amp") out += '&';
    else if (ref == "lt") out += '<';
    else if (ref == "gt") out += '>';
    else if (ref == "quot") out += '"';
    else if (ref == "apos") out += '\'';
    else if (ref.size() > 1 && ref[0] == '#') {
      const bool hex = ref[1] == 'x';
      const std::string digits(ref.substr(hex ? 2 : 1));
      std::size_t used = 0;
      unsigned long cp = 0;
      try {
        cp = std::stoul(digits, &used, hex ? 16 : 10);
      } catch (const std::exception&) {
        used = 0;
      }
      if (digits.empty() || used != digits.size() || cp > 0x10FFFF)
        fail(file, "bad character reference &" + std::string(ref) + "; in " + std::string(kRecordsAttribute));
      append_utf8(out, static_cast<std::uint32_t>(cp));
    } else {
      fail(file, "unknown entity &" + std::string(ref) + "; in " + std::string(kRecordsAttribute));
    }
    i = semi + 1;
  }
  return out;
}

std::vector<graph::DocumentRecord> read_graphml(std::string_view text, const std::string& file) {
  const std::string attribute(kRecordsAttribute);
  const std::string missing = "no graph attribute " + attribute + ": not a GraphML graph written by kgbuild 0.1 or later";
  // The <key> declaring the attribute gives the id its <data> uses (kgbuild writes
  // "graph_records"; another writer re-saving the file may choose another).
  std::optional<std::string> id;
  for (std::size_t pos = 0; !id && (pos = text.find("<key", pos)) != std::string_view::npos; pos += 4) {
    const std::size_t close = text.find('>', pos);
    if (close == std::string_view::npos) break;
    const std::string_view tag = text.substr(pos + 1, close - pos - 1);
    if (xml_attribute(tag, "attr.name") == attribute && xml_attribute(tag, "for").value_or("graph") == "graph")
      id = xml_attribute(tag, "id");
  }
  if (!id) fail(file, missing);
  for (std::size_t pos = 0; (pos = text.find("<data", pos)) != std::string_view::npos; pos += 5) {
    const std::size_t close = text.find('>', pos);
    if (close == std::string_view::npos) break;
    const std::string_view tag = text.substr(pos + 1, close - pos - 1);
    if (xml_attribute(tag, "key") != id) continue;
    if (tag.ends_with('/')) return {};  // <data key=".."/>: no records
    const std::size_t end = text.find("</data>", close);
    if (end == std::string_view::npos) fail(file, "unterminated <data> of " + attribute);
    const std::string lines = xml_text(text.substr(close + 1, end - close - 1), file);
    return read_lines(lines, [&](std::size_t n) { return file + ": " + attribute + " line " + std::to_string(n); });
  }
  return {};  // declared but no <data>: a graph without documents
}

}  // namespace

void for_each_record_line(const graph::DocumentRecord& record, JsonText text,
                          const std::function<void(std::string_view)>& line) {
  if (text == JsonText::ascii) {
    write_lines<rapidjson::ASCII<>>(record, line);
  } else {
    write_lines<rapidjson::UTF8<>>(record, line);
  }
}

std::string record_lines(const graph::DocumentRecord& record, JsonText text) {
  std::string out;
  for_each_record_line(record, text, [&](std::string_view line) {
    out += line;
    out += '\n';
  });
  return out;
}

std::vector<graph::DocumentRecord> read_records(std::string_view text, const std::string& file) {
  const std::size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return {};
  if (text[start] == '<') return read_graphml(text, file);
  if (text[start] != '{') fail(file, "not a kgbuild file: neither JSON Lines, node-link JSON nor GraphML");
  // Node-link JSON when the first line is a lone "{" (kgbuild's pretty-printed graphs) or a
  // whole object without a "type" (a graph on one line); JSON Lines otherwise, so that a bad
  // first line is reported with its line number.
  const std::size_t eol = std::min(text.find('\n', start), text.size());
  const std::string_view first_line = text.substr(start, eol - start);
  // A first line nested too deep is not a graph kgbuild wrote: read_lines reports it.
  bool node_link = first_line.find_first_not_of(" \t\r", 1) == std::string_view::npos;
  if (!node_link && !too_deep(first_line)) {
    rapidjson::Document first;
    first.Parse<rapidjson::kParseIterativeFlag>(first_line.data(), first_line.size());
    node_link = !first.HasParseError() && first.IsObject() && !first.HasMember("type");
  }
  if (!node_link) {
    return read_lines(text, [&](std::size_t n) { return file + ":" + std::to_string(n); });
  }
  return read_node_link(text, file);
}

}  // namespace kg::export_
