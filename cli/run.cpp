#include "cli/run.h"

#include <algorithm>
#include <filesystem>
#include <istream>
#include <map>
#include <new>
#include <optional>
#include <span>
#include <sstream>
#include <vector>

#include "cli/inputs.h"
#include "cli/merge.h"
#include "cli/output.h"
#include "export/dot_exporter.h"
#include "export/exporter.h"
#include "extract/kg/pipeline.h"
#include "extract/text/document.h"
#include "extract/text/error.h"
#include "extract/text/log.h"
#include "extract/text/text.h"
#include "graph/filter.h"
#include "graph/knowledge_graph.h"

namespace kg::cli {
namespace {

// Enough to locate the problem without flooding stderr for a file in the wrong encoding.
constexpr std::size_t kMaxInvalidReported = 5;

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\n\v\f") == std::string_view::npos;
}

// Reads and decodes one input; logs why and returns nullopt when it cannot be a document.
std::optional<extract::Document> load(const std::string& name, std::istream& in, const std::string& date) {
  std::string raw;
  try {
    raw = name == "-" ? extract::read_stream(in, name) : extract::read_file(name);
  } catch (const InputError& e) {
    log::warn("{}", e.what());
    return std::nullopt;
  }
  if (raw.empty()) {
    log::warn("{}: empty file", name);
    return std::nullopt;
  }
  extract::DecodedText decoded = extract::decode_text(raw, name);
  if (decoded.binary) {
    log::warn("{}: skipped: binary file ({})", name, decoded.binary_reason);
    return std::nullopt;
  }
  const std::size_t shown = std::min(decoded.invalid.size(), kMaxInvalidReported);
  for (std::size_t i = 0; i < shown; ++i) {
    log::warn("{}: byte {}: invalid UTF-8 replaced by U+FFFD", name, decoded.invalid[i].offset);
  }
  if (decoded.invalid.size() > shown) {
    log::warn("{}: {} more invalid UTF-8 sequences replaced", name,
              decoded.invalid.size() - shown);
  }
  if (is_blank(decoded.text)) {
    log::warn("{}: empty file (whitespace only)", name);
    return std::nullopt;
  }
  extract::Document doc;
  doc.name = name;
  doc.text = std::move(decoded.text);
  doc.date = date;  // --date; empty lets the pipeline read the dateline
  return doc;
}

}  // namespace

void extract_inputs(const Options& options, std::istream& in, RunSummary& counts,
                    const std::function<void(const extract::Document&)>& use) {
  const extract::Pipeline pipeline(options.pipeline);
  InputList inputs = expand_inputs(options.inputs);
  for (const InputError& failure : inputs.failures) {
    log::warn("{}", failure.what());
    ++counts.failures;
  }
  // Documents go through the pipeline in batches (stage by stage, which keeps each model's
  // tables in the caches) and into the graph in input order, so the output does not depend
  // on the batch size.
  constexpr std::size_t kBatch = extract::kPipelineBatch;
  std::vector<extract::Document> batch;
  const auto flush = [&] {
    const std::vector<std::string> failures = pipeline.run(std::span<extract::Document>(batch));
    for (std::size_t i = 0; i < batch.size(); ++i) {
      const extract::Document& doc = batch[i];
      if (!failures[i].empty()) {
        // Input-specific trouble (InputError with an offset, or a bug tripped by odd text):
        // skip this document, keep the batch going.
        log::warn("{}: extraction failed: {}", doc.name, failures[i]);
        ++counts.failures;
        continue;
      }
      try {
        use(doc);
        ++counts.documents;
        log::debug("{}: {} entities, {} relations", doc.name, doc.entities.size(), doc.triples.size());
      } catch (const std::bad_alloc&) {
        throw;
      } catch (const OutputError&) {
        throw;  // kgbuild extract writing as it goes: not this document's fault
      } catch (const std::exception& e) {
        log::warn("{}: extraction failed: {}", doc.name, e.what());
        ++counts.failures;
      }
    }
    batch.clear();
  };
  for (const std::string& name : inputs.files) {
    std::optional<extract::Document> doc = load(name, in, options.date);
    if (!doc) {
      ++counts.failures;
      continue;
    }
    batch.push_back(std::move(*doc));
    if (batch.size() == kBatch) flush();
  }
  flush();
}

int run(const Options& options, std::istream& in, std::ostream& out, RunSummary* summary) {
  const auto exporter = export_::make_exporter(options.format, options.export_options);  // fail before the work
  if (options.output.empty()) export_::require_stream_format(*exporter);
  if (!exporter->parts().empty() && !options.output.empty()) require_file_base(options.output);
  if (!options.output.empty()) require_writable(options.output);  // fail in a second, not after the work
  // --update: a graph that cannot be read stops the run before any extraction.
  std::optional<std::vector<graph::DocumentRecord>> previous;
  if (!options.update.empty()) previous = read_record_file(options.update, in);
  graph::KnowledgeGraph graph;
  RunSummary counts;
  std::vector<graph::DocumentRecord> fresh;
  extract_inputs(options, in, counts, [&](const extract::Document& doc) {
    if (previous) {
      fresh.push_back(graph::make_record(doc));
    } else {
      graph.add_document(doc);
    }
  });
  if (previous && counts.documents > 0) update(std::move(*previous), options.update, std::move(fresh), graph);

  if (counts.documents > 0) apply_filters(options, graph);
  if (exporter->name() == "dot") warn_if_too_big_for_dot(options, graph);

  // The summary counts what is written: the graph after the filters.
  counts.nodes = graph.node_count();
  counts.edges = graph.edge_count();
  if (summary) *summary = counts;
  log::info("{} document(s), {} node(s), {} edge(s), {} failed input(s)", counts.documents,
            counts.nodes, counts.edges, counts.failures);
  if (counts.documents == 0) {
    log::error("no input could be read; nothing written");
    return kExitFailure;
  }

  write_graph(options, *exporter, graph, out);
  return counts.failures == 0 ? kExitOk : kExitFailure;
}

void write_graph(const Options& options, const export_::Exporter& exporter,
                 const graph::KnowledgeGraph& graph, std::ostream& out) {
  if (!exporter.parts().empty()) {
    // A pair of files (CSV): both complete before either replaces its target.
    require_file_base(options.output);
    const std::vector<export_::ExportedFile> parts = export_::export_files(exporter, graph);
    std::vector<FileContent> files;
    for (const export_::ExportedFile& part : parts)
      files.push_back({export_::part_path(options.output, exporter, part.suffix), part.bytes});
    write_files_atomically(files);
    for (const FileContent& file : files) log::debug("wrote {} ({} bytes)", file.path.string(), file.bytes.size());
    return;
  }
  // Export into memory first: an exporter failing halfway must not leave half a graph
  // on stdout either.
  std::ostringstream buffer;
  exporter.write(graph, buffer);
  if (options.output.empty()) {
    write_stream(out, buffer.view());
  } else {
    write_file_atomically(options.output, buffer.view());
    log::debug("wrote {} ({} bytes)", options.output, buffer.view().size());
  }
}

void apply_filters(const Options& options, graph::KnowledgeGraph& graph) {
  if (options.filter.keeps_everything()) return;
  // A class no edge has is a valid name (a warning); a name that is neither a class nor
  // any edge's relation is a typo or a relation this graph lacks: a usage error naming
  // the classes and the graph's most frequent relations, before anything is written.
  for (const std::string& relation : graph::unmatched_relations(graph, options.filter)) {
    if (extract::relation_class_from_string(relation)) {
      log::warn("--relations: no edge has the relation class '{}'", relation);
      continue;
    }
    std::map<std::string, std::size_t> counts;
    for (graph::Edge e : graph.edges_in_order()) ++counts[graph.graph()[e].relation];
    std::vector<std::pair<std::size_t, std::string>> by_count;
    for (const auto& [name, n] : counts) by_count.emplace_back(n, name);
    std::stable_sort(by_count.begin(), by_count.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    std::string classes, frequent;
    for (const extract::RelationClass c : extract::kRelationClasses)
      classes += (classes.empty() ? "" : ", ") + std::string(extract::to_string(c));
    for (std::size_t i = 0; i < by_count.size() && i < 10; ++i)
      frequent += (frequent.empty() ? "" : ", ") + by_count[i].second;
    throw UsageError("--relations: '" + relation + "' is neither a relation class (" + classes +
                     ") nor the relation of any edge" +
                     (frequent.empty() ? std::string(" (the graph has no edge)")
                                       : " (the most frequent here: " + frequent + ")"));
  }
  const std::size_t nodes = graph.node_count(), edges = graph.edge_count();
  graph = graph::filter_graph(graph, options.filter);
  log::info("filters kept {} of {} node(s), {} of {} edge(s)", graph.node_count(), nodes, graph.edge_count(),
            edges);
  if (graph.node_count() == 0) log::warn("the filters kept no node; writing an empty graph");
}

// The size guard of the DOT format: past export_::too_big_for_dot, dot takes minutes.
void warn_if_too_big_for_dot(const Options& options, const graph::KnowledgeGraph& graph) {
  if (!export_::too_big_for_dot(graph)) return;
  const std::filesystem::path dot = options.output.empty() ? "graph.dot" : options.output;
  log::warn("{} node(s) and {} edge(s) are more than Graphviz dot lays out comfortably ({} nodes, {} edges): "
            "lay it out with sfdp (sfdp -Tsvg {} -o {}) or keep the most connected nodes with --max-nodes N",
            graph.node_count(), graph.edge_count(), export_::kDotComfortableNodes, export_::kDotComfortableEdges,
            dot.string(), std::filesystem::path(dot).replace_extension(".svg").string());
}


}  // namespace kg::cli
