#pragma once
// Exporter: writes a KnowledgeGraph in one file format. Exporters read only the graph.
//
// Requires: nothing beyond a finished KnowledgeGraph. Ensures: output depends only on the
// graph's content and order, so equal graphs give byte-identical files; every string is
// escaped for the format. Thread safety: write() is const and re-entrant.
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

// Settings of the exporters that take any; each exporter reads its own, the rest ignore them.
struct ExportOptions {
  DotClusterBy dot_cluster_by = DotClusterBy::none;
};

class Exporter {
 public:
  virtual ~Exporter() = default;
  virtual std::string_view name() const = 0;  // "graphml", "dot", "json"
  virtual void write(const graph::KnowledgeGraph& graph, std::ostream& out) const = 0;
};

// Format by name; throws kg::UsageError naming the unknown format and the known ones.
std::unique_ptr<Exporter> make_exporter(std::string_view format, const ExportOptions& options = {});
std::vector<std::string> exporter_names();
// "graph.graphml" -> "graphml", ".gv"/".dot" -> "dot", ".json" -> "json"; nullopt otherwise.
std::optional<std::string> format_for_path(std::string_view path);

}  // namespace kg::export_
