#pragma once
// `kgbuild train parser` and `kgbuild eval parser`: training and scoring the dependency
// parser (extract/nlp/dep_parser.h). run_train() and run_eval() (cli/models.h) hand parser
// options here.
#include <iosfwd>

#include "cli/options.h"

namespace kg::cli {

// Trains a parser on options.model.train (CoNLL-U) and writes it to options.model.model.
// With --tagger the dev sentences are tagged by that tagger and so are the training
// sentences, by taggers trained on the other folds when --jackknife K is given (else by
// --tagger itself); without it both keep their gold tags. With --clusters the word
// clusters of that model are used as features and stored in the parser model.
// Ensures: progress (iteration, transition accuracy, dev UAS/LAS, seconds) is logged at
// info level; the iteration with the best dev LAS is kept; the same data, options and seed
// write a byte-identical file.
// Throws kg::InputError for unreadable or malformed data, kg::ModelError when the tagger
// cannot be read or the model cannot be written. Returns kExitOk.
int run_train_parser(const Options& options);

// Parses options.model.data with options.model.model, on gold tags or, with --tagger, on
// the tags that tagger predicts, and writes the report to `out`; its last line is
// name=value pairs ("UAS=0.8712 LAS=0.8431 words=25094"). Parsing speed is logged at info
// level. Throws kg::ModelError for a bad model, kg::InputError for bad data. Returns kExitOk.
int run_eval_parser(const Options& options, std::ostream& out);

// `kgbuild train clusters`: learns word clusters (extract/nlp/word_clusters.h; levels 16, 64 and
// 512 classes, words seen twice or more, at most --iterations exchange passes) from
// options.model.train, tokenised text with one sentence a line, and writes them to
// options.model.model as a "clusters" model. Deterministic. Throws kg::InputError for an
// unreadable or empty file, kg::ModelError when the model cannot be written. Returns kExitOk.
int run_train_clusters(const Options& options);

}  // namespace kg::cli
