#include "cli/merge.h"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <sstream>
#include <system_error>

#include "cli/ordered_work.h"
#include "cli/output.h"
#include "cli/progress.h"
#include "cli/run.h"
#include "export/exporter.h"
#include "export/records.h"
#include "extract/text/error.h"
#include "extract/text/log.h"
#include "extract/text/text.h"

namespace kg::cli {

std::vector<graph::DocumentRecord> read_record_file(const std::string& name, std::istream& in) {
  const std::string text = name == "-" ? extract::read_stream(in, name) : extract::read_file(name);
  return export_::read_records(text, name);
}

void RecordSet::add(std::vector<graph::DocumentRecord> records, const std::string& source) {
  // Check every record before adding any, so that a rejected source adds nothing.
  std::vector<bool> duplicate(records.size(), false);
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto it = index_.find(records[i].name);
    if (it == index_.end()) continue;
    if (!(records_[it->second] == records[i])) {
      throw InputError(source, "document '" + records[i].name + "' differs from the one in " + sources_[it->second]);
    }
    log::debug("{}: document '{}' also in {}, the same: kept once", source, records[i].name, sources_[it->second]);
    duplicate[i] = true;
  }
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (duplicate[i]) continue;
    index_.emplace(records[i].name, records_.size());  // the first of a name stays the one found
    records_.push_back(std::move(records[i]));
    sources_.push_back(source);
  }
}

void RecordSet::replace(std::vector<graph::DocumentRecord> records, const std::string& source) {
  for (graph::DocumentRecord& record : records) {
    const auto it = index_.find(record.name);
    if (it != index_.end()) {
      const std::size_t i = it->second;
      log::info("{}: document '{}' replaced by the new extraction", sources_[i], record.name);
      records_[i] = std::move(record);
      sources_[i] = source;
    } else {
      index_.emplace(record.name, records_.size());
      records_.push_back(std::move(record));
      sources_.push_back(source);
    }
  }
}

std::vector<graph::DocumentRecord> RecordSet::sorted() && {
  index_.clear();
  std::sort(records_.begin(), records_.end(), graph::document_order);
  return std::move(records_);
}

void replay(std::vector<graph::DocumentRecord> records, graph::KnowledgeGraph& graph) {
  std::sort(records.begin(), records.end(), graph::document_order);
  for (graph::DocumentRecord& record : records) graph.add_record(std::move(record));
}

void update(std::vector<graph::DocumentRecord> previous, const std::string& graph_file,
            std::vector<graph::DocumentRecord> fresh, graph::KnowledgeGraph& graph) {
  RecordSet set;
  log::info("{}: {} document(s) in the graph to update", graph_file, previous.size());
  set.add(std::move(previous), graph_file);
  set.replace(std::move(fresh), "the inputs");
  replay(std::move(set).sorted(), graph);
}

int run_extract(const Options& options, std::istream& in, std::ostream& out, RunSummary* summary) {
  std::optional<AtomicFileWriter> file;
  if (!options.output.empty()) file.emplace(options.output);
  RunSummary counts;
  std::string lines;
  extract_inputs(options, in, counts, [&](const extract::Document& doc) {
    lines = export_::record_lines(graph::make_record(doc));
    if (file) {
      file->write(lines);
    } else {
      write_stream(out, lines);  // flushes: a reader downstream gets whole documents as they come
    }
  });
  if (summary) *summary = counts;
  log::info("{} document(s), {} failed input(s)", counts.documents, counts.failures);
  if (counts.documents == 0) {
    log::error("no input could be read; nothing written");
    return kExitFailure;
  }
  if (file) file->commit();
  return counts.failures == 0 ? kExitOk : kExitFailure;
}

int run_merge(const Options& options, std::istream& in, std::ostream& out, RunSummary* summary) {
  const auto exporter = export_::make_exporter(options.format, options.export_options);  // fail before the work
  if (options.output.empty()) export_::require_stream_format(*exporter);
  if (!exporter->parts().empty() && !options.output.empty()) require_file_base(options.output);
  if (!options.output.empty()) require_writable(options.output);  // fail in a second, not after the work
  RecordSet set;
  RunSummary counts;
  // Inputs are read and parsed on the worker threads and added here in command-line order,
  // so what is kept, and every message, is the same for any -j.
  struct Read {
    std::vector<graph::DocumentRecord> records;
    std::string error;  // the InputError's message; empty: read
    std::uint64_t bytes = 0;
  };
  ProgressDisplay progress(progress_wanted(options.progress, ProgressDisplay::stderr_is_terminal(), log::level()),
                           "files");
  ProgressCounts done;
  done.items_total = options.inputs.size();
  for (const std::string& name : options.inputs) {
    std::error_code ec;
    const std::uint64_t size = name == "-" ? 0 : std::filesystem::file_size(name, ec);
    if (!ec) done.bytes_total += size;
  }
  const auto read = [&](std::size_t i) {
    Read result;
    const std::string& name = options.inputs[i];
    try {
      result.records = read_record_file(name, in);
      std::error_code ec;
      const std::uint64_t size = name == "-" ? 0 : std::filesystem::file_size(name, ec);
      if (!ec) result.bytes = size;
    } catch (const InputError& e) {
      result.error = e.what();
    }
    return result;
  };
  const auto add = [&](std::size_t i, Read result) {
    const std::string& name = options.inputs[i];
    ++done.items_done;
    done.bytes_done += result.bytes;
    if (!result.error.empty()) {
      log::error("{}", result.error);
      ++counts.failures;
    } else {
      try {
        if (result.records.empty()) log::warn("{}: no documents", name);
        log::debug("{}: {} document(s)", name, result.records.size());
        set.add(std::move(result.records), name);
      } catch (const InputError& e) {
        log::error("{}", e.what());
        ++counts.failures;
      }
    }
    progress.update(done);
  };
  for_each_ordered(options.inputs.size(), thread_count(options), 2 * static_cast<std::size_t>(thread_count(options)),
                   read, add);
  progress.finish();
  counts.documents = static_cast<std::uint32_t>(set.size());
  if (counts.failures > 0) {
    if (summary) *summary = counts;
    log::error("{} input(s) could not be used; nothing written", counts.failures);
    return kExitFailure;
  }
  if (set.size() == 0) {
    if (summary) *summary = counts;
    log::error("no documents in the inputs; nothing written");
    return kExitFailure;
  }
  if (options.expect_documents != 0 && set.size() != options.expect_documents) {
    if (summary) *summary = counts;
    log::error("the inputs hold {} document(s), not the {} expected (--expect-documents); nothing written",
               set.size(), options.expect_documents);
    return kExitFailure;
  }
  graph::KnowledgeGraph graph;
  replay(std::move(set).sorted(), graph);
  apply_filters(options, graph);
  if (exporter->name() == "dot") warn_if_too_big_for_dot(options, graph);
  counts.nodes = graph.node_count();
  counts.edges = graph.edge_count();
  if (summary) *summary = counts;
  log::info("{} document(s), {} node(s), {} edge(s) from {} input(s)", counts.documents, counts.nodes,
            counts.edges, options.inputs.size());
  write_graph(options, *exporter, graph, out);
  return kExitOk;
}

}  // namespace kg::cli
