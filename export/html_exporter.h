#pragma once
// HtmlExporter: the graph as one self-contained HTML page to explore in a browser
// (kgbuild -f html, or -o graph.html).
//
// What it writes: an HTML5 page holding, inline, its style, the graph-drawing library
// (cytoscape.js, export/html/vendor/, MIT licence), the graph's data as JSON in a
// <script type="application/json" id="kg-data"> element, and the viewer (export/html/
// viewer.js), so it opens from a file with no network and no server. The data:
//   {"format": "kgbuild-html", "version": 1, "documents": [{"name", "date"}],
//    "shown": K, "nodes": [{"id", "label", "type", "aliases", "titles", "mentions",
//    "documents", "degree", "rank", "x", "y"}], "edges": [{"id", "source", "target",
//    "relation", "class", "label", "weight", "evidence": [{"document", "sentence",
//    "begin", "end", "text"}]}]}
// with nodes in vertex order, edges in edges_in_order(). "degree" is the weighted degree
// (summed weights of the node's edges, a self-loop twice) and "rank" the node's place when
// ranked as --max-nodes ranks them (degree, then mentions, then node order); the page
// first shows the K = min(nodes, ExportOptions::html_shown_nodes) nodes of rank below K
// and the edges between them, and says how many it hides. "x", "y": the start layout
// (export/html_layout.h). "begin", "end": the statement's byte span in its document.
// Requires: nothing beyond a finished graph. Ensures: the same graph and options give the
// same bytes; ill-formed UTF-8 becomes U+FFFD; the JSON cannot end its <script> element or
// be read as markup: every <, >, &, U+2028 and U+2029 in it is written \u003c, \u003e,
// \u0026, \u2028, \u2029; the viewer puts data into the page as text only (textContent),
// never as markup. Thread safety: write() is const and re-entrant.
#include <cstdint>
#include <string>
#include <string_view>

#include "export/exporter.h"

namespace kg::export_ {

class HtmlExporter final : public Exporter {
 public:
  HtmlExporter() = default;
  explicit HtmlExporter(const ExportOptions& options) : shown_nodes_(options.html_shown_nodes) {}
  std::string_view name() const override { return "html"; }
  void write(const graph::KnowledgeGraph& graph, std::ostream& out) const override;

 private:
  std::uint32_t shown_nodes_ = ExportOptions{}.html_shown_nodes;
};

// The page's data alone (the JSON above, already escaped for a <script> element).
std::string html_page_data(const graph::KnowledgeGraph& graph, std::uint32_t shown_nodes);

// `json` with <, >, &, U+2028 and U+2029 written as JSON \u escapes. Requires: `json` is
// JSON text, where these can only stand inside strings.
std::string escape_json_for_script(std::string_view json);

}  // namespace kg::export_
