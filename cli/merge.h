#pragma once
// Growing and splitting graphs: `kgbuild extract` (documents -> JSON Lines of records),
// `kgbuild merge` (records and graphs -> one graph) and `kgbuild --update` (a graph plus
// new documents). docs/SCALING.md shows them as the map and reduce steps of a batch job.
//
// The graph of one run is the replay of its documents' records in the run's order
// (graph/document_record.h). merge and --update replay in path order (document_order),
// the order a run over a directory uses, so that merging is associative and commutative
// and equals one run over the same documents byte for byte, however they were split.
#include <iosfwd>
#include <string>
#include <unordered_map>
#include <vector>

#include "cli/options.h"
#include "cli/run.h"
#include "graph/document_record.h"
#include "graph/knowledge_graph.h"

namespace kg::cli {

// The records in `name` (a file, or "-" read from `in`): JSON Lines from kgbuild extract,
// or a node-link JSON or GraphML graph kgbuild wrote. Throws kg::InputError naming the
// file (and the line) when it cannot be read or is not one of those.
std::vector<graph::DocumentRecord> read_record_file(const std::string& name, std::istream& in);

// RecordSet: the documents of several sources, each name once.
//
// Ensures: a document added again from another source is kept once when the records are
// equal (logged at debug level); when they differ, add() throws kg::InputError naming
// both sources and adds nothing of that source. replace() instead replaces an earlier
// record of the same name (logged). sorted() gives the records in document_order.
class RecordSet {
 public:
  void add(std::vector<graph::DocumentRecord> records, const std::string& source);
  void replace(std::vector<graph::DocumentRecord> records, const std::string& source);
  std::size_t size() const { return records_.size(); }
  std::vector<graph::DocumentRecord> sorted() &&;

 private:
  std::vector<graph::DocumentRecord> records_;
  std::vector<std::string> sources_;  // where each record came from
  std::unordered_map<std::string, std::size_t> index_;  // name -> its first record
};

// Adds `records` to `graph` in document_order. (In place: moving a KnowledgeGraph copies
// its Boost graph.)
void replay(std::vector<graph::DocumentRecord> records, graph::KnowledgeGraph& graph);

// --update: replays into `graph` the records read from `graph_file`, each of `fresh`
// replacing the one of the same name (logged at info level: "GRAPH: document 'NAME'
// replaced by the new extraction").
void update(std::vector<graph::DocumentRecord> previous, const std::string& graph_file,
            std::vector<graph::DocumentRecord> fresh, graph::KnowledgeGraph& graph);

// kgbuild extract: the records of the inputs as JSON Lines, each document's lines written
// (and flushed) as soon as its batch is extracted; to `out`, or with options.output to a
// temporary file renamed into place at the end. Bad inputs are handled as in run() (named,
// counted, the others still written; nothing written when no input could be read).
// Returns kExitOk or kExitFailure; throws OutputError, kg::ModelError.
int run_extract(const Options& options, std::istream& in, std::ostream& out, RunSummary* summary = nullptr);

// kgbuild merge: every input read (each bad one logged as "FILE[:LINE]: reason"); when
// any failed, or two inputs hold different records of one document, or there is no
// document at all, or (options.expect_documents) not exactly that many documents, nothing
// is written and the result is kExitFailure: a merge missing a shard would look complete. Otherwise the replayed graph goes to `out` or atomically to
// options.output in options.format. Throws OutputError when it cannot be written.
int run_merge(const Options& options, std::istream& in, std::ostream& out, RunSummary* summary = nullptr);

}  // namespace kg::cli
