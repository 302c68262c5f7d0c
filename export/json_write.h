#pragma once
// Small helpers over any RapidJSON writer, shared by the node-link JSON exporter and the
// JSON Lines records: keys and strings by string_view, lists of strings.
#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/rapidjson.h>

#include "export/utf8.h"
#include "graph/knowledge_graph.h"

namespace kg::export_ {

// RapidJSON copies bytes through unchecked unless asked to validate, and validating would
// abort mid-file; repairing first (U+FFFD) keeps the output whole and valid.
template <class Writer>
void put_string(Writer& w, std::string_view s) {
  if (is_valid_utf8(s)) {
    w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  } else {
    const std::string repaired = valid_utf8(s);
    w.String(repaired.data(), static_cast<rapidjson::SizeType>(repaired.size()));
  }
}

template <class Writer>
void put_key(Writer& w, std::string_view key) {
  w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
}

// "key": "value"
template <class Writer>
void put_field(Writer& w, std::string_view key, std::string_view value) {
  put_key(w, key);
  put_string(w, value);
}

// "key": ["item", ...]
template <class Writer>
void put_strings(Writer& w, std::string_view key, const std::vector<std::string>& items) {
  put_key(w, key);
  w.StartArray();
  for (const auto& item : items) put_string(w, item);
  w.EndArray();
}

// A node's fields as the node-link JSON and the HTML page's data both write them: "id",
// "label", "type", "aliases", "titles", "mentions", "documents".
template <class Writer>
void put_node_fields(Writer& w, const graph::KnowledgeGraph& kg, const graph::EntityNode& node) {
  put_field(w, "id", node.id);
  put_field(w, "label", node.label);
  put_field(w, "type", node.type);
  put_strings(w, "aliases", node.aliases);
  put_strings(w, "titles", node.titles);
  put_key(w, "mentions");
  w.Uint(node.mentions);
  put_key(w, "documents");
  w.StartArray();
  for (const std::uint32_t d : node.documents) put_string(w, kg.documents().at(d).name);
  w.EndArray();
}

// "evidence": [{"document", "sentence", "begin", "end", "text"}, ...]: an edge's statements,
// as the node-link JSON and the HTML page's data both write them.
template <class Writer>
void put_evidence(Writer& w, const graph::KnowledgeGraph& kg, const std::vector<graph::Evidence>& evidence) {
  put_key(w, "evidence");
  w.StartArray();
  for (const graph::Evidence& ev : evidence) {
    w.StartObject();
    put_field(w, "document", kg.evidence_document(ev));
    put_key(w, "sentence");
    w.Uint(ev.sentence);
    put_key(w, "begin");
    w.Uint(ev.begin);
    put_key(w, "end");
    w.Uint(ev.end);
    put_field(w, "text", kg.evidence_text(ev));
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace kg::export_
