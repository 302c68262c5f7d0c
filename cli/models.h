#pragma once
// `kgbuild train KIND` and `kgbuild eval KIND`: training and scoring the statistical models.
#include <iosfwd>

#include "cli/options.h"

namespace kg::cli {

// Trains the model options.model describes and writes it to options.model.model.
// Ensures: progress (iteration, training accuracy, dev scores, seconds) is logged at info
// level; the same data, options and seed write a byte-identical file.
// Throws kg::InputError for unreadable or malformed data, kg::ModelError when the model
// cannot be written. Returns kExitOk.
int run_train(const Options& options);

// Scores options.model.model on options.model.data and writes the report to `out`; its
// last line is name=value pairs ("UPOS=0.9612 XPOS=0.9501 UPOS+XPOS=0.9400 Lemma=0.9700
// words=25094"). Tagging speed is logged at info level. Throws kg::ModelError for a bad
// model, kg::InputError for bad data. Returns kExitOk.
int run_eval(const Options& options, std::ostream& out);

}  // namespace kg::cli
