#pragma once
// Exporter: writes a KnowledgeGraph in one file format. Exporters read only the graph.
//
// Requires: nothing beyond a finished KnowledgeGraph. Ensures: output depends only on the
// graph's content and order, so equal graphs give byte-identical files; every string is
// escaped for the format. Thread safety: write() is const and re-entrant.
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/knowledge_graph.h"

namespace kg::export_ {

// How DotExporter groups nodes into Graphviz clusters (kgbuild --dot-cluster-by).
enum class DotClusterBy { none, type, document };

// Which GEXF GexfExporter writes (kgbuild --gexf-version): 1.2draft, the version every
// client reads (NetworkX reads no other), or 1.3 with viz colours for Gephi.
enum class GexfVersion { v1_2draft, v1_3 };

// Settings of the exporters that take any; each exporter reads its own, the rest ignore them.
struct ExportOptions {
  DotClusterBy dot_cluster_by = DotClusterBy::none;
  GexfVersion gexf_version = GexfVersion::v1_2draft;
  // html: how many of the most connected nodes the page shows when it opens (kgbuild
  // --html-nodes); it can show the rest on request.
  std::uint32_t html_shown_nodes = 2000;
};

class Exporter {
 public:
  virtual ~Exporter() = default;
  virtual std::string_view name() const = 0;  // "graphml", "dot", "json", "gexf", "csv", ...
  // The files a format is written as, by the suffix each adds to the output name (the CSV
  // pairs: ".nodes.csv" and ".edges.csv"); empty for a format written as one stream.
  virtual std::vector<std::string_view> parts() const { return {}; }
  // A one-stream format writes the whole graph. A format with parts() cannot be one
  // stream: it throws kg::UsageError saying so.
  virtual void write(const graph::KnowledgeGraph& graph, std::ostream& out) const = 0;
  // One of parts() (std::invalid_argument for another); a one-stream format takes only "".
  virtual void write_part(const graph::KnowledgeGraph& graph, std::string_view part, std::ostream& out) const;
};

// One output file: the suffix it adds to the output name ("" for a one-stream format).
struct ExportedFile {
  std::string suffix;
  std::string bytes;
};

// Every file of `exporter`'s output for `graph`, in parts() order.
std::vector<ExportedFile> export_files(const Exporter& exporter, const graph::KnowledgeGraph& graph);

// Throws kg::UsageError when `exporter` writes several files (parts()), which cannot go to
// standard output; does nothing for a one-stream format.
void require_stream_format(const Exporter& exporter);

// Where a part goes when the user names the output `output`: `output` without a trailing
// part suffix or ".csv" (case-insensitive), then `suffix`: "out/g", "out/g.csv" and
// "out/g.nodes.csv" all give "out/g.edges.csv" for ".edges.csv".
std::string part_path(std::string_view output, const Exporter& exporter, std::string_view suffix);

// Format by name; throws kg::UsageError naming the unknown format and the known ones.
std::unique_ptr<Exporter> make_exporter(std::string_view format, const ExportOptions& options = {});
std::vector<std::string> exporter_names();
// "graph.graphml" -> "graphml", ".gv"/".dot" -> "dot", ".json" -> "json", ".gexf" -> "gexf",
// ".csv" -> "csv" (the Gephi pair), ".html"/".htm" -> "html"; nullopt otherwise.
std::optional<std::string> format_for_path(std::string_view path);

}  // namespace kg::export_
