#include "fuzz/targets.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <string>

#include "export/graphml_exporter.h"
#include "export/json_exporter.h"
#include "export/records.h"
#include "extract/kg/pipeline.h"
#include "extract/kg/relation_filter.h"
#include "extract/nlp/dep_parser.h"
#include "extract/nlp/model_io.h"
#include "extract/nlp/ner.h"
#include "extract/nlp/pos_tagger.h"
#include "extract/nlp/word_clusters.h"
#include "extract/text/dateline.h"
#include "extract/text/error.h"
#include "extract/text/text.h"
#include "extract/text/tokenizer.h"
#include "graph/document_record.h"
#include "graph/knowledge_graph.h"

#ifndef KG_SOURCE_DIR
#error "KG_SOURCE_DIR (the source tree, for models/) must be defined"
#endif

namespace kg::fuzz {

void fuzz_check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
  std::abort();
}

namespace {

void check_tokens(const extract::Document& doc) {
  std::uint32_t previous_end = 0;
  for (const extract::Token& t : doc.tokens) {
    fuzz_check(t.begin < t.end && t.end <= doc.text.size(), "a token lies inside the text and is not empty");
    fuzz_check(t.begin >= previous_end, "tokens are in order and do not overlap");
    fuzz_check(t.form == std::string_view(doc.text).substr(t.begin, t.end - t.begin), "a token's form is its text");
    previous_end = t.end;
  }
  std::uint32_t next_token = 0;
  for (const extract::Sentence& s : doc.sentences) {
    fuzz_check(s.first == next_token && s.first < s.last && s.last <= doc.tokens.size(),
               "sentences cover the tokens in order, none empty");
    fuzz_check(s.begin == doc.tokens[s.first].begin && s.end == doc.tokens[s.last - 1].end,
               "a sentence spans its tokens");
    next_token = s.last;
  }
  fuzz_check(next_token == doc.tokens.size(), "every token is in a sentence");
}

// The documents of a decoded text as the CLI makes them (skipping binary and blank files).
bool document_of(std::string_view bytes, extract::Document& doc) {
  extract::DecodedText decoded = extract::decode_text(bytes, "fuzz");
  if (decoded.binary) return false;
  fuzz_check(decoded.text.find('\0') == std::string::npos && decoded.text.find('\r') == std::string::npos,
             "decoded text has no NUL and no CR");
  doc.name = "fuzz.txt";
  doc.text = std::move(decoded.text);
  return doc.text.find_first_not_of(" \t\n") != std::string::npos;
}

// Writes `records` as JSON Lines (both encodings), reads them back and checks equality.
void round_trip(const std::vector<graph::DocumentRecord>& records) {
  for (const export_::JsonText encoding : {export_::JsonText::utf8, export_::JsonText::ascii}) {
    std::string lines;
    for (const auto& r : records) lines += export_::record_lines(r, encoding);
    const std::vector<graph::DocumentRecord> again = export_::read_records(lines, "fuzz round trip");
    fuzz_check(again == records, "records written as JSON Lines read back equal");
  }
}

void replay_and_export(const std::vector<graph::DocumentRecord>& records) {
  graph::KnowledgeGraph graph;
  for (const auto& r : records) graph.add_record(r);
  std::ostringstream json, graphml;
  export_::JsonExporter().write(graph, json);
  export_::GraphmlExporter().write(graph, graphml);
  fuzz_check(export_::read_records(json.view(), "fuzz.json").size() == records.size(),
             "a node-link graph kgbuild wrote reads back");
  fuzz_check(export_::read_records(graphml.view(), "fuzz.graphml").size() == records.size(),
             "a GraphML graph kgbuild wrote reads back");
}

}  // namespace

void text(std::string_view bytes) {
  extract::Document doc;
  if (!document_of(bytes, doc)) return;
  const std::string date = extract::dateline_date(doc.text);
  fuzz_check(date.empty() || extract::is_iso_date(date), "a dateline date is a real day");
  extract::tokenize(doc);
  check_tokens(doc);
}

void extract(std::string_view bytes) {
  static const extract::Pipeline pipeline([] {
    extract::PipelineOptions options;
    options.extractor = "models";
    options.models_dir = KG_SOURCE_DIR "/models";
    return options;
  }());
  extract::Document doc;
  if (!document_of(bytes, doc)) return;
  pipeline.run(doc);
  check_tokens(doc);
  const graph::DocumentRecord record = graph::make_record(doc);
  round_trip({record});
  graph::KnowledgeGraph graph;
  graph.add_record(record);
}

void records(std::string_view bytes) {
  std::vector<graph::DocumentRecord> read;
  try {
    read = export_::read_records(bytes, "fuzz");
  } catch (const InputError&) {
    return;  // reported to the user as FILE[:LINE]: reason
  }
  round_trip(read);
  // Duplicate names across documents cannot come from one file (the reader refuses them).
  replay_and_export(read);
}

namespace {

// A file only this process sees (memfd), for the loaders that take a path.
class ScratchFile {
 public:
  ScratchFile() : fd_(::memfd_create("kgbuild-fuzz-model", MFD_CLOEXEC)) {
    fuzz_check(fd_ >= 0, "memfd_create works");
    path_ = "/proc/self/fd/" + std::to_string(fd_);
  }
  const std::string& hold(std::string_view bytes) {
    fuzz_check(::ftruncate(fd_, 0) == 0 && ::pwrite(fd_, bytes.data(), bytes.size(), 0) ==
                                               static_cast<ssize_t>(bytes.size()),
               "the scratch file takes the bytes");
    return path_;
  }

 private:
  int fd_;
  std::string path_;
};

template <class Model>
void load_one(std::string_view rest, bool whole_file) {
  static ScratchFile scratch;
  const std::string image =
      whole_file ? std::string(rest) : extract::encode_model(Model::kKind, Model::fingerprint(), rest);
  try {
    (void)Model::load(scratch.hold(image));
  } catch (const ModelError&) {
  }
}

}  // namespace

void model(std::string_view bytes) {
  if (bytes.empty()) return;
  const unsigned selector = static_cast<unsigned char>(bytes[0]);
  const std::string_view rest = bytes.substr(1);
  const bool whole_file = (selector & 0x80) != 0;
  switch (selector % 5) {
    case 0: load_one<extract::PosTagger>(rest, whole_file); break;
    case 1: load_one<extract::DependencyParser>(rest, whole_file); break;
    case 2: load_one<extract::NamedEntityRecognizer>(rest, whole_file); break;
    case 3: load_one<extract::WordClusters>(rest, whole_file); break;
    default: load_one<extract::RelationFilter>(rest, whole_file); break;
  }
}

const std::vector<Target>& targets() {
  static const std::vector<Target> all = {
      {"text", &text}, {"extract", &extract}, {"records", &records}, {"model", &model}};
  return all;
}

}  // namespace kg::fuzz
