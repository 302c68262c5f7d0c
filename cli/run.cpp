#include "cli/run.h"

#include <algorithm>
#include <filesystem>
#include <istream>
#include <map>
#include <new>
#include <optional>
#include <span>
#include <sstream>
#include <system_error>
#include <vector>

#include "cli/inputs.h"
#include "cli/merge.h"
#include "cli/ordered_work.h"
#include "cli/output.h"
#include "cli/progress.h"
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

// One input on its way through a worker: read, decoded and extracted, with what is to be
// logged about it, in input order, by the thread that uses it.
struct Loaded {
  std::vector<std::string> warnings;     // read and decode: logged as they are
  std::optional<extract::Document> doc;  // nullopt: it cannot be a document (a failure)
  std::string failure;                   // extraction failed: the reason
  std::uint64_t bytes = 0;               // as read
  std::uint64_t words = 0;               // runs of non-white space, as wc -w counts them
};

std::uint64_t count_words(std::string_view text) {
  std::uint64_t words = 0;
  bool in_word = false;
  for (const char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
    words += !space && !in_word;
    in_word = !space;
  }
  return words;
}

// Reads and decodes one input into `loaded`; records why when it cannot be a document.
void load(const std::string& name, std::istream& in, const std::string& date, Loaded& loaded) {
  std::vector<std::string>& warnings = loaded.warnings;
  std::string raw;
  try {
    raw = name == "-" ? extract::read_stream(in, name) : extract::read_file(name);
  } catch (const InputError& e) {
    warnings.emplace_back(e.what());
    return;
  }
  loaded.bytes = raw.size();
  if (raw.empty()) {
    warnings.push_back(name + ": empty file");
    return;
  }
  extract::DecodedText decoded = extract::decode_text(raw, name);
  raw = std::string();
  if (decoded.binary) {
    warnings.push_back(name + ": skipped: binary file (" + decoded.binary_reason + ")");
    return;
  }
  const std::size_t shown = std::min(decoded.invalid.size(), kMaxInvalidReported);
  for (std::size_t i = 0; i < shown; ++i) {
    warnings.push_back(name + ": byte " + std::to_string(decoded.invalid[i].offset) +
                       ": invalid UTF-8 replaced by U+FFFD");
  }
  if (decoded.invalid.size() > shown) {
    warnings.push_back(name + ": " + std::to_string(decoded.invalid.size() - shown) +
                       " more invalid UTF-8 sequences replaced");
  }
  if (is_blank(decoded.text)) {
    warnings.push_back(name + ": empty file (whitespace only)");
    return;
  }
  loaded.words = count_words(decoded.text);
  extract::Document& doc = loaded.doc.emplace();
  doc.name = name;
  doc.text = std::move(decoded.text);
  doc.date = date;  // --date; empty lets the pipeline read the dateline
}

// Reads and extracts the inputs [first, last) of `files`: one unit of parallel work. The
// documents go through the pipeline together (stage by stage, which keeps each model's
// tables in the caches); the result does not depend on how the inputs are grouped.
std::vector<Loaded> load_and_extract(const extract::Pipeline& pipeline, const std::vector<std::string>& files,
                                     std::size_t first, std::size_t last, std::istream& in,
                                     const std::string& date) {
  std::vector<Loaded> chunk(last - first);
  std::vector<extract::Document> docs;
  std::vector<std::size_t> owner;  // docs[k] belongs to chunk[owner[k]]
  for (std::size_t i = first; i < last; ++i) {
    Loaded& loaded = chunk[i - first];
    load(files[i], in, date, loaded);
    if (!loaded.doc) continue;
    docs.push_back(std::move(*loaded.doc));
    owner.push_back(i - first);
  }
  const std::vector<std::string> failures = pipeline.run(std::span<extract::Document>(docs));
  for (std::size_t k = 0; k < docs.size(); ++k) {
    Loaded& loaded = chunk[owner[k]];
    loaded.doc = std::move(docs[k]);
    loaded.failure = failures[k];
  }
  return chunk;
}

// Splits the inputs into units of parallel work: runs of consecutive inputs, each closed at
// kPipelineBatch inputs or once its files reach kChunkBytes (a big file is a run of its
// own). With several threads the runs get shorter towards the end (a quarter of what is
// left per thread, down to one input), so that no worker is left alone with a long run
// while the others have finished.
std::vector<std::size_t> chunk_starts(const std::vector<std::uint64_t>& sizes, unsigned threads) {
  constexpr std::uint64_t kChunkBytes = 1 << 20;
  std::vector<std::size_t> starts;
  std::size_t i = 0;
  while (i < sizes.size()) {
    std::size_t most = extract::kPipelineBatch;
    if (threads > 1) most = std::clamp<std::size_t>((sizes.size() - i) / (4 * threads), 1, most);
    starts.push_back(i);
    std::uint64_t bytes = 0;
    for (const std::size_t first = i; i < sizes.size() && i - first < most && bytes < kChunkBytes; ++i)
      bytes += sizes[i];
  }
  starts.push_back(sizes.size());
  return starts;
}

}  // namespace

unsigned thread_count(const Options& options) {
  return options.threads > 0 ? options.threads : default_threads();
}

void extract_inputs(const Options& options, std::istream& in, RunSummary& counts,
                    const std::function<void(const extract::Document&)>& use) {
  const extract::Pipeline pipeline(options.pipeline);
  InputList inputs = expand_inputs(options.inputs);
  for (const InputError& failure : inputs.failures) {
    log::warn("{}", failure.what());
    ++counts.failures;
  }
  const std::vector<std::string>& files = inputs.files;
  std::vector<std::uint64_t> sizes(files.size(), 0);  // 0 for stdin and what cannot be read
  for (std::size_t i = 0; i < files.size(); ++i) {
    std::error_code ec;
    if (files[i] != "-") sizes[i] = std::filesystem::file_size(files[i], ec);
    if (ec) sizes[i] = 0;
  }
  const unsigned threads = thread_count(options);
  const std::vector<std::size_t> starts = chunk_starts(sizes, threads);
  ProgressDisplay progress(progress_wanted(options.progress, ProgressDisplay::stderr_is_terminal(), log::level()),
                           "documents");
  ProgressCounts done;
  done.items_total = files.size();
  for (const std::uint64_t size : sizes) done.bytes_total += size;

  // Each unit is extracted by a worker; its documents go to `use` here, in input order,
  // with the log lines about each, so the output (and the log) is the same for any -j.
  const auto extract_chunk = [&](std::size_t c) {
    return load_and_extract(pipeline, files, starts[c], starts[c + 1], in, options.date);
  };
  const auto use_chunk = [&](std::size_t, std::vector<Loaded> chunk) {
    for (std::size_t k = 0; k < chunk.size(); ++k) {
      Loaded& loaded = chunk[k];
      for (const std::string& warning : loaded.warnings) log::warn("{}", warning);
      ++done.items_done;
      done.bytes_done += loaded.bytes;
      done.words_done += loaded.words;
      if (!loaded.doc) {
        ++counts.failures;
      } else if (!loaded.failure.empty()) {
        // Input-specific trouble (InputError with an offset, or a bug tripped by odd text):
        // skip this document, keep the batch going.
        log::warn("{}: extraction failed: {}", loaded.doc->name, loaded.failure);
        ++counts.failures;
      } else {
        const extract::Document& doc = *loaded.doc;
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
      loaded.doc.reset();  // the memory back before the next document is used
    }
    // Once a run: its documents are used in a moment, and a rate measured on the first
    // document of the first run would be far off.
    progress.update(done);
  };
  for_each_ordered(starts.size() - 1, threads, 2 * static_cast<std::size_t>(threads), extract_chunk, use_chunk);
  progress.finish();
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
    // Each streamed to its temporary file as it is made.
    require_file_base(options.output);
    std::vector<FileWriter> files;
    for (const std::string_view part : exporter.parts())
      files.push_back({export_::part_path(options.output, exporter, part),
                       [&exporter, &graph, part](std::ostream& o) { exporter.write_part(graph, part, o); }});
    const std::vector<std::uint64_t> bytes = write_files_atomically(files);
    for (std::size_t i = 0; i < files.size(); ++i) log::debug("wrote {} ({} bytes)", files[i].path.string(), bytes[i]);
    return;
  }
  if (options.output.empty()) {
    // Export into memory first: an exporter failing halfway must not leave half a graph
    // on stdout.
    std::ostringstream buffer;
    exporter.write(graph, buffer);
    write_stream(out, buffer.view());
    return;
  }
  // Streamed into the temporary file that replaces the output when complete: the graph's
  // text is never held in memory whole.
  const std::uint64_t bytes =
      write_file_atomically(options.output, [&](std::ostream& o) { exporter.write(graph, o); });
  log::debug("wrote {} ({} bytes)", options.output, bytes);
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
