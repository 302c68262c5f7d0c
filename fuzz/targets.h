#pragma once
// The fuzz targets: what each libFuzzer binary (fuzz_main.cpp) runs on one input, and what
// the regression replay (fuzz_replay_test.cpp) runs on every file of fuzz/corpus/TARGET and
// fuzz/regressions/TARGET in the normal test suite.
//
// Each target accepts any bytes. Bad input must end in the exception kgbuild reports for
// it (kg::InputError, kg::ModelError), caught here; a crash, a sanitizer report, another
// exception, or a broken invariant (reported through fuzz_check, which aborts) is a finding.
// Thread safety: text and records are stateless; extract and model keep one loaded state
// per process (the pipeline, a scratch file) and run one input at a time.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace kg::fuzz {

// decode_text, then the dateline reader and the tokenizer on the text, checking that
// tokens and sentences are in order and inside the text.
void text(std::string_view bytes);
// The whole extraction of one document with the trained models (as `kgbuild FILE` runs
// it), then its record written as JSON Lines and read back equal, and added to a graph.
void extract(std::string_view bytes);
// read_records (the reader of kgbuild merge and --update: JSON Lines, node-link JSON,
// GraphML); what it accepts is written back, read again equal, replayed into a graph and
// exported as JSON and GraphML.
void records(std::string_view bytes);
// The model loaders: the first byte picks the model kind (tagger, parser, ner, clusters,
// relation filter) and whether the rest is a whole model file (header, payload, checksum)
// or a payload wrapped in a valid header and checksum (so decoding gets past the checksum).
void model(std::string_view bytes);

struct Target {
  const char* name;
  void (*run)(std::string_view);
};
// Every target, by the names of their corpus and regression folders.
const std::vector<Target>& targets();

// Aborts with `what` on stderr when `ok` is false: an invariant the fuzzer found broken.
void fuzz_check(bool ok, const char* what);

}  // namespace kg::fuzz
