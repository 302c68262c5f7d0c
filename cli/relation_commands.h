#pragma once
// `kgbuild train relations`: trains the relation filter (extract/kg/relation_filter.h) on a
// folder of articles with gold annotations: NAME.txt beside NAME.gold.json, in the format of
// the evaluation set's GUIDELINES.md (entities with name and aliases; relations with subject,
// object, class, symmetric, optional).
#include "cli/options.h"

namespace kg::cli {

// Runs the models extractor (without a filter) over every article of options.model.train,
// labels each candidate pair with the class of the gold relation between its two entities
// (0 where both ends are gold entities and no relation joins them; left out where an end is
// not a gold entity or only an optional relation joins them), trains and writes
// options.model.model. Entities match gold ones as the scorer matches them: by name or alias,
// lower case, dots and a leading "the" dropped.
// Throws kg::InputError for a missing folder, an article without gold or malformed gold,
// kg::ModelError when the models cannot be read or the filter cannot be written.
int run_train_relations(const Options& options);

}  // namespace kg::cli
