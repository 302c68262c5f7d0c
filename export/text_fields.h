#pragma once
// The text fields several exporters write the same way (GraphML, GEXF, the CSV pairs).
//
// What it provides: join() for lists, evidence_text() for an edge's statements,
// evidence_documents() for the documents they come from and DocumentDates for the time
// an element first appears.
// Requires: nothing. Ensures: the same graph gives the same strings in every format;
// evidence_text() has one entry per line, "document#sentence: text", with every
// whitespace run inside an entry folded to one space.
// Thread safety: stateless functions.
#include <algorithm>
#include <string>
#include <unordered_map>
#include <string_view>
#include <vector>

#include "graph/knowledge_graph.h"

namespace kg::export_ {

inline constexpr std::string_view kListSeparator = " | ";

inline std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

// Appends s with every whitespace run folded to one space, so an entry stays on one line.
inline void append_folded(std::string& out, std::string_view s) {
  bool pending_space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty() && out.back() != '\n') out += ' ';
    pending_space = false;
    out += c;
  }
}

// One evidence entry, "document#sentence: text", unfolded.
inline std::string evidence_entry(const graph::KnowledgeGraph& kg, const graph::Evidence& ev) {
  std::string entry(kg.evidence_document(ev));
  entry += '#';
  entry += std::to_string(ev.sentence);
  entry += ": ";
  entry += kg.evidence_text(ev);
  return entry;
}

inline std::string evidence_text(const graph::KnowledgeGraph& kg, const std::vector<graph::Evidence>& evidence) {
  std::string out;
  for (const auto& ev : evidence) {
    if (!out.empty()) out += '\n';
    append_folded(out, evidence_entry(kg, ev));
  }
  return out;
}

// The documents of an edge's evidence, each once, in evidence order.
inline std::vector<std::string> evidence_documents(const graph::KnowledgeGraph& kg,
                                                   const std::vector<graph::Evidence>& evidence) {
  std::vector<std::string> out;
  for (const auto& ev : evidence) {
    const std::string_view name = kg.evidence_document(ev);
    if (std::find(out.begin(), out.end(), name) == out.end()) out.emplace_back(name);
  }
  return out;
}

// The publication dates of a graph's documents (KnowledgeGraph::documents()).
class DocumentDates {
 public:
  explicit DocumentDates(const graph::KnowledgeGraph& kg) {
    for (const graph::DocumentInfo& d : kg.documents()) {
      if (d.date.empty()) continue;
      dates_.emplace(d.name, d.date);  // the first document of a name keeps it
    }
  }
  // True when some document has a date.
  bool any() const { return !dates_.empty(); }
  // The earliest date of `documents` ("YYYY-MM-DD" sorts as text); empty when none has one.
  std::string earliest(const std::vector<std::string>& documents) const {
    std::string best;
    for (const std::string& name : documents) {
      const auto it = dates_.find(name);
      if (it != dates_.end() && (best.empty() || it->second < best)) best = it->second;
    }
    return best;
  }

 private:
  std::unordered_map<std::string, std::string> dates_;
};

}  // namespace kg::export_
