#pragma once
// One kgbuild run: inputs -> documents -> knowledge graph -> exported output.
#include <cstdint>
#include <functional>
#include <iosfwd>

#include "cli/options.h"
#include "export/exporter.h"
#include "extract/text/document.h"
#include "graph/knowledge_graph.h"

namespace kg::cli {

// Exit statuses of kgbuild (also listed in --help and README.md).
enum ExitStatus : int {
  kExitOk = 0,       // every input became a document and the output was written
  kExitFailure = 1,  // some input failed (the rest is still written), no input at all
                     // could be read (nothing written), or the output could not be written
  kExitUsage = 2,    // bad command line
};

// RunSummary: what a run did, as logged in its one-line summary.
struct RunSummary {
  std::uint32_t documents = 0;  // inputs that became documents in the graph
  std::uint32_t failures = 0;   // inputs that did not (missing, unreadable, binary, empty, ...)
  std::size_t nodes = 0;        // in the graph written, after the filters
  std::size_t edges = 0;
};

// Reads, decodes and extracts the inputs of `options` (expand_inputs order) and hands
// each document that succeeded to `use`, in input order, on the calling thread. Inputs are
// read and extracted on thread_count(options) threads, in runs of consecutive inputs (up to
// kPipelineBatch documents, which the pipeline runs stage by stage), a few runs ahead of
// `use` at most; the documents `use` sees, and their order, are the same for any number of
// threads. Reads "-" from `in`. Counts used documents and failed inputs in `counts`,
// logging each failure as "FILE: reason" (the log lines about an input come together, in
// input order); an exception from `use` (but std::bad_alloc and OutputError) counts that
// document as failed. Shows the progress line (cli/progress.h) when options.progress and
// stderr ask for it. Throws kg::ModelError for a broken extractor.
void extract_inputs(const Options& options, std::istream& in, RunSummary& counts,
                    const std::function<void(const extract::Document&)>& use);

// The threads of a run: options.threads, or the number of cores when not given.
unsigned thread_count(const Options& options);

// Runs the whole batch described by `options` (a parse_options() result without
// help/version). Reads "-" from `in`; writes the graph to `out` when options.output is
// empty, otherwise atomically to that file; a format written as several files (the CSV
// pairs) goes to export_::part_path(options.output, ...) for each part, all or nothing,
// and needs options.output (kg::UsageError before any input is read otherwise). With
// options.update, the graph is the records of that file and of the inputs replayed as
// kgbuild merge does (cli/merge.h), a document of the file named again among the inputs
// being replaced (logged); a file that is not a graph kgbuild wrote throws kg::InputError
// before any input is read.
// Ensures: one bad input never stops the batch: each is logged as "FILE: reason" and
// counted; invalid UTF-8 is repaired (U+FFFD) with a warning and is not a failure.
// When no document could be read nothing is written (neither file nor stdout).
// Returns kExitOk or kExitFailure; throws OutputError when the output cannot be
// written, kg::UsageError for a bad format, kg::ModelError for a broken extractor.
int run(const Options& options, std::istream& in, std::ostream& out,
        RunSummary* summary = nullptr);

// Writes `graph` in `exporter`'s format as run() does: to `out` when options.output is
// empty (exported into memory first, then written whole), else atomically to that file,
// or to each part's file for a multi-file format, streamed into the temporary files as the
// exporter makes the bytes (the output is never held in memory whole).
// Throws OutputError when an output cannot be written.
void write_graph(const Options& options, const export_::Exporter& exporter,
                 const graph::KnowledgeGraph& graph, std::ostream& out);

// Replaces `graph` by its filtered part (graph/filter.h) when options.filter asks for one,
// logging what was kept and warning about --relations names no edge has.
void apply_filters(const Options& options, graph::KnowledgeGraph& graph);
// The size guard of the DOT format: past export_::too_big_for_dot, dot takes minutes;
// warns (suggesting sfdp or --max-nodes) and writes nothing.
void warn_if_too_big_for_dot(const Options& options, const graph::KnowledgeGraph& graph);

}  // namespace kg::cli
