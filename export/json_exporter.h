#pragma once
// JsonExporter: the graph as node-link JSON (the NetworkX / d3 layout), which
// networkx.node_link_graph() loads and shared/eval/score.py scores.
//
// What it writes: {"directed": true, "multigraph": true,
//   "graph": {"name": "kgbuild", "documents": N, "kgbuild_records": [the document records,
//             one compact object a line, as export/records.h writes them]},
//   "nodes": [{"id", "label", "type", "aliases": [..], "titles": [..], "mentions",
//              "documents": [..]}],
//   "links": [{"source", "target", "key" (the edge id), "relation", "class" (the relation
//              class: "meet", "role", "located_in", ...), "label", "weight",
//              "evidence": [{"document", "sentence", "begin", "end", "text"}]}]}
// pretty-printed with a two-space indent and a final newline.
// Requires: nothing beyond a finished graph. Ensures: valid UTF-8 JSON (RFC 8259) for any
// bytes: ill-formed UTF-8 becomes U+FFFD, control characters are \u-escaped and kept;
// vertices in index order, edges in edges_in_order(), keys in the order above.
// Thread safety: write() is const and re-entrant.
#include "export/exporter.h"

namespace kg::export_ {

class JsonExporter final : public Exporter {
 public:
  std::string_view name() const override { return "json"; }
  void write(const graph::KnowledgeGraph& graph, std::ostream& out) const override;
};

}  // namespace kg::export_
