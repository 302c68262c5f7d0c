#pragma once
// One kgbuild run: inputs -> documents -> knowledge graph -> exported output.
#include <cstdint>
#include <iosfwd>

#include "cli/options.h"

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

// Runs the whole batch described by `options` (a parse_options() result without
// help/version). Reads "-" from `in`; writes the graph to `out` when options.output is
// empty, otherwise atomically to that file.
// Ensures: one bad input never stops the batch: each is logged as "FILE: reason" and
// counted; invalid UTF-8 is repaired (U+FFFD) with a warning and is not a failure.
// When no document could be read nothing is written (neither file nor stdout).
// Returns kExitOk or kExitFailure; throws OutputError when the output cannot be
// written, kg::UsageError for a bad format, kg::ModelError for a broken extractor.
int run(const Options& options, std::istream& in, std::ostream& out,
        RunSummary* summary = nullptr);

}  // namespace kg::cli
