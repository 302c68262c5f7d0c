#pragma once
// `kgbuild train ner` and `kgbuild eval ner`: training and scoring the named-entity
// recogniser (extract/nlp/ner.h). run_train() and run_eval() (cli/models.h) hand ner options here.
#include <iosfwd>
#include <map>
#include <string>

#include "cli/options.h"

namespace kg::cli {

// Trains a recogniser on options.model.train (format options.model.data_format) and writes
// it to options.model.model. --clusters FILE: a clusters model (extract/nlp/word_clusters.h), or
// tokenised text (one sentence a line) to learn clusters from with the default options;
// either way the clusters are embedded in the model.
// Ensures: progress (pass, iteration, label accuracy, dev P/R/F1, seconds) is logged at info
// level; with --dev each pass keeps its iteration with the best dev F1; the same data,
// options and seed write a byte-identical file.
// Throws kg::InputError for unreadable or malformed data, kg::ModelError when the clusters
// cannot be read or the model cannot be written. Returns kExitOk.
int run_train_ner(const Options& options);

// Scores options.model.model on options.model.data (exact spans, like conlleval) and writes
// the report to `out`: one line per type, then a last line of name=value pairs
// ("P=0.8712 R=0.8650 F1=0.8681 LOC_F1=... PER_F1=... words=46435"). --map renames types on
// both sides first; types only one side has are left out and named in the report.
// Throws kg::ModelError for a bad model, kg::InputError for bad data. Returns kExitOk.
int run_eval_ner(const Options& options, std::ostream& out);

// "A=B,C=D" -> {A: B, C: D}. Throws kg::UsageError for a malformed list.
std::map<std::string, std::string> parse_type_map(const std::string& text);

}  // namespace kg::cli
