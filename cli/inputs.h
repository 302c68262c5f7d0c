#pragma once
// Expansion of the command-line inputs into the ordered list of documents to read.
#include <string>
#include <vector>

#include "extract/text/error.h"

namespace kg::cli {

// InputList: the documents of one run, and the inputs that produced none.
//
// What it represents: `files` in processing order: command-line order, each directory
// replaced by the regular files below it whose name ends in ".txt", ".text" or ".md" (any
// case: "A.TXT" too), sorted by path
// (component by component, byte order, so the order never depends on the locale or the
// file system). Explicit files are taken whatever their extension; "-" is stdin.
// Names keep the spelling given ("samples/a.txt" under "samples" or "samples/"), because
// they become Document::name and appear in the graph's evidence.
// Ensures: no file appears twice (same file by canonical path, first spelling kept);
// every missing path, unreadable directory and directory without such files has one
// entry in `failures`, in the order met.
struct InputList {
  std::vector<std::string> files;
  std::vector<InputError> failures;
};

InputList expand_inputs(const std::vector<std::string>& inputs);

}  // namespace kg::cli
